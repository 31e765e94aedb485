//! Recovery copies: what keeps a board when the app crashes, is killed or the power goes.
//!
//! While a board has unsaved changes, a background thread ([`RecoveryWriter`]) writes a copy of
//! it to the recovery folder a couple of seconds after the last change (see
//! [`AutosaveSchedule`]). Each copy is one small RON file: its own format number, when it was
//! written, the board's file (if it has one) and the board itself in the normal board format:
//!
//! ```text
//! (
//!     recovery_format: 1,
//!     written_at: (secs_since_epoch: 1780000000, nanos_since_epoch: 0),
//!     original_path: Some("/home/me/boards/kickoff.ron"),
//!     original_stamp: Some((len_bytes: 2048, modified: Some(…), content_hash: 1234)),
//!     board: "(\n    format: 1,\n    title: \"Kick-off\",\n …",
//! )
//! ```
//!
//! A clean save or close removes the copy. On the next start, [`list_recovered`] finds copies
//! left by apps that are gone (see [`RecoverySlot`] for how running apps are told apart).

mod schedule;
mod slot;
mod writer;

pub use schedule::AutosaveSchedule;
pub use slot::RecoverySlot;
pub use writer::{RecoveryWriter, WriterReport};

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::load::{decode, read_existing};
use super::{DiskStamp, board_from_ron, board_to_ron};
use crate::model::Board;

/// The environment variable that moves the data folder (recovery copies go in its `recovery/`
/// folder). Tests use it; so can people who keep their data elsewhere.
pub const DATA_DIR_VAR: &str = "CIVIC_CANVAS_DATA_DIR";

/// The version of the recovery file wrapper (the board inside has its own `format:`).
pub const RECOVERY_FORMAT: u32 = 1;

/// The recovery folder: `$CIVIC_CANVAS_DATA_DIR/recovery` when that variable is set, otherwise
/// `recovery` in the platform's data folder for Civic Canvas (`~/.local/share/civic-canvas` on
/// Linux, `~/Library/Application Support/org.Civic-Canvas.civic-canvas` on macOS,
/// `%APPDATA%\Civic Canvas\civic-canvas\data` on Windows). `None` if there is no home folder.
pub fn default_recovery_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VAR).filter(|dir| !dir.is_empty()) {
        return Some(PathBuf::from(dir).join("recovery"));
    }
    directories::ProjectDirs::from("org", "Civic Canvas", "civic-canvas")
        .map(|dirs| dirs.data_dir().join("recovery"))
}

/// The text of a recovery file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryFileV1 {
    recovery_format: u32,
    written_at: SystemTime,
    original_path: Option<String>,
    original_stamp: Option<DiskStamp>,
    board: String,
}

/// What a recovery copy holds about the board besides the board itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecoveryOrigin {
    /// The file the board was loaded from or last saved to, if any.
    pub path: Option<PathBuf>,
    /// What that file looked like then, to notice if it changed since.
    pub stamp: Option<DiskStamp>,
}

/// The text of a recovery file for `board`.
pub(super) fn recovery_text(board: &Board, origin: &RecoveryOrigin, at: SystemTime) -> String {
    let file = RecoveryFileV1 {
        recovery_format: RECOVERY_FORMAT,
        written_at: at,
        // A path that is not valid Unicode is kept as near as possible; the board is what counts.
        original_path: origin
            .path
            .as_ref()
            .map(|path| path.to_string_lossy().into_owned()),
        original_stamp: origin.stamp,
        board: board_to_ron(board),
    };
    let config = ron::ser::PrettyConfig::new().new_line("\n");
    // Serialising these plain fields into a String cannot fail; fall back to nothing rather
    // than panic, which the reader then reports as an unreadable copy.
    ron::ser::to_string_pretty(&file, config).unwrap_or_default()
}

/// A recovery copy left by an app that is no longer running.
#[derive(Debug)]
pub struct RecoveredBoard {
    /// The slot, locked by this app now, so no other window offers the same copy.
    pub slot: RecoverySlot,
    /// When the copy was written (the file's modification time if the copy is unreadable).
    pub written_at: Option<SystemTime>,
    /// The board's file and what it looked like.
    pub origin: RecoveryOrigin,
    /// The board, or why the copy cannot be read.
    pub board: Result<Board, String>,
}

/// Reads one recovery file's text.
fn read_recovery(text: &str) -> Result<(SystemTime, RecoveryOrigin, Board), String> {
    let file: RecoveryFileV1 = ron::from_str(text).map_err(|error| {
        format!("the recovery copy is damaged or from a newer version ({error})")
    })?;
    if file.recovery_format != RECOVERY_FORMAT {
        return Err(format!(
            "the recovery copy has format {}; this version reads format {RECOVERY_FORMAT}",
            file.recovery_format
        ));
    }
    let board = board_from_ron(&file.board)
        .map(|loaded| loaded.board)
        .map_err(|error| match error.position() {
            Some(position) => format!("the board in the recovery copy, {position}: {error}"),
            None => format!("the board in the recovery copy: {error}"),
        })?;
    let origin = RecoveryOrigin {
        path: file.original_path.map(PathBuf::from),
        stamp: file.original_stamp,
    };
    Ok((file.written_at, origin, board))
}

/// Recovery copies in `dir` left by apps that are gone, newest first. Each returned slot is
/// locked by the caller until it is restored, discarded or dropped.
///
/// Lock files without a copy, left by a crash while the board had no unsaved changes, are
/// removed. A missing folder means there is nothing to recover.
pub fn list_recovered(dir: &Path) -> Vec<RecoveredBoard> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let (Some(id), Some(ext)) = (path.file_stem(), path.extension()) else {
            continue;
        };
        // Copies are files this app wrote: a link, a named pipe or a folder there is not one
        // (and reading a pipe would wait forever).
        if ext == "ron" && !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let id = id.to_string_lossy().into_owned();
        if ext == "lock" && !dir.join(format!("{id}.ron")).exists() {
            if let Ok(Some(slot)) = RecoverySlot::claim(dir, &id) {
                let _removed = slot.close();
            }
            continue;
        }
        if ext != "ron" {
            continue;
        }
        let Ok(Some(slot)) = RecoverySlot::claim(dir, &id) else {
            continue;
        };
        let modified = entry.metadata().and_then(|meta| meta.modified()).ok();
        let read = read_existing(&path)
            .ok_or_else(|| "the recovery copy cannot be read".to_owned())
            .and_then(|bytes| {
                decode(&bytes)
                    .map_err(|error| error.to_string())
                    .and_then(read_recovery)
            });
        found.push(match read {
            Ok((written_at, origin, board)) => RecoveredBoard {
                slot,
                written_at: Some(written_at),
                origin,
                board: Ok(board),
            },
            Err(problem) => RecoveredBoard {
                slot,
                written_at: modified,
                origin: RecoveryOrigin::default(),
                board: Err(problem),
            },
        });
    }
    found.sort_by_key(|entry| std::cmp::Reverse(entry.written_at));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdGen, Item, PaletteColor, Point, ZKey};

    fn board() -> Board {
        let id = IdGen::seeded(3).item_id(|_| false);
        let note = Item::note(
            id,
            Point::new(1.0, 2.0),
            ZKey::middle(),
            PaletteColor::Teal,
            "ђ",
        );
        Board::from_parts("Recovered", [note], []).unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn on_linux_copies_live_in_the_users_data_folder() {
        if std::env::var_os(DATA_DIR_VAR).is_some() {
            return; // Moved on purpose; the crash test covers the variable.
        }
        let dir = default_recovery_dir().unwrap();
        assert!(dir.ends_with("civic-canvas/recovery"), "{}", dir.display());
        let data_home = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|dir| dir.is_absolute());
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap();
        let expected = data_home.unwrap_or_else(|| home.join(".local/share"));
        assert_eq!(dir, expected.join("civic-canvas/recovery"));
    }

    #[test]
    fn copies_of_gone_apps_are_listed_and_live_ones_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let origin = RecoveryOrigin {
            path: Some(PathBuf::from("/boards/kickoff.ron")),
            stamp: None,
        };
        let live = RecoverySlot::create(dir.path()).unwrap();
        let gone = RecoverySlot::create(dir.path()).unwrap();
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_780_000_000);
        for slot in [&live, &gone] {
            fs::write(slot.copy_path(), recovery_text(&board(), &origin, at)).unwrap();
        }
        let gone_id = gone.id().to_owned();
        drop(gone);
        let listed = list_recovered(dir.path());
        assert_eq!(listed.len(), 1);
        let [found] = listed.as_slice() else {
            unreachable!()
        };
        assert_eq!(found.slot.id(), gone_id);
        assert_eq!(found.board.as_ref().unwrap(), &board());
        assert_eq!(found.origin, origin);
        assert_eq!(found.written_at, Some(at));
    }

    #[test]
    fn a_damaged_copy_is_listed_with_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("old.ron"),
            "(recovery_format: 1, written_at",
        )
        .unwrap();
        fs::write(dir.path().join("stale.lock"), "").unwrap();
        let listed = list_recovered(dir.path());
        assert_eq!(listed.len(), 1);
        assert!(listed[0].board.as_ref().unwrap_err().contains("damaged"));
        assert!(!dir.path().join("stale.lock").exists(), "stale locks go");
    }
}
