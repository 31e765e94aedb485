//! Recovery copies: what keeps a board when the app crashes, is killed or the power goes.
//!
//! While a board has unsaved changes, a background thread ([`RecoveryWriter`]) writes a copy of
//! it to the recovery folder a couple of seconds after the last change (see
//! [`AutosaveSchedule`]). Each copy is one RON file: its own format number, when it was
//! written, the board's file (if it has one), a short header (the board's title and how many
//! items it holds) and last the board itself in the normal board format:
//!
//! ```text
//! (
//!     recovery_format: 2,
//!     written_at: (secs_since_epoch: 1780000000, nanos_since_epoch: 0),
//!     original_path: Some("/home/me/boards/kickoff.ron"),
//!     original_stamp: Some((len_bytes: 2048, modified: Some(…), content_hash: 1234)),
//!     title: "Kick-off",
//!     items: 20,
//!     board: "(\n    format: 4,\n    title: \"Kick-off\",\n …",
//! )
//! ```
//!
//! A clean save or close removes the copy. On the next start, [`list_recovered`] finds copies
//! left by apps that are gone (see [`RecoverySlot`] for how running apps are told apart),
//! reading only the start of each (everything before `board:`), so listing costs the same
//! however large or hostile the boards are; a board is read when it is restored
//! ([`RecoveredBoard::load`]). Copies in format 1 (no header) are read whole.

mod schedule;
mod slot;
mod writer;

pub use schedule::AutosaveSchedule;
pub use slot::RecoverySlot;
pub use writer::{RecoveryWriter, WriterReport};

use std::fs;
use std::io::Read as _;
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
pub const RECOVERY_FORMAT: u32 = 2;

/// How many copies of one board file are kept: older ones are deleted when copies are listed
/// (see [`keep_newest`]).
pub const KEPT_PER_BOARD: usize = 5;

/// How much of a copy's start is read for its header; the app writes headers far smaller.
const HEADER_BYTES: u64 = 64 * 1024;

/// How many characters of the title a header keeps.
const HEADER_TITLE_CHARS: usize = 200;

/// The app's data folder: `$CIVIC_CANVAS_DATA_DIR` when that variable is set, otherwise the
/// platform's data folder for Civic Canvas (`~/.local/share/civic-canvas` on Linux,
/// `~/Library/Application Support/org.Civic-Canvas.civic-canvas` on macOS,
/// `%APPDATA%\Civic Canvas\civic-canvas\data` on Windows). `None` if there is no home folder.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VAR).filter(|dir| !dir.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "Civic Canvas", "civic-canvas")
        .map(|dirs| dirs.data_dir().to_owned())
}

/// The recovery folder: `recovery` in the app's data folder (see [`default_data_dir`]).
pub fn default_recovery_dir() -> Option<PathBuf> {
    default_data_dir().map(|dir| dir.join("recovery"))
}

/// The text of a recovery file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryFile {
    recovery_format: u32,
    written_at: SystemTime,
    original_path: Option<String>,
    original_stamp: Option<DiskStamp>,
    title: String,
    items: usize,
    board: String,
}

/// The start of a recovery file: everything but the board.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryHeader {
    recovery_format: u32,
    written_at: SystemTime,
    original_path: Option<String>,
    original_stamp: Option<DiskStamp>,
    title: String,
    items: usize,
}

/// A recovery file in format 1, before copies had a header.
#[derive(Deserialize)]
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
    let file = RecoveryFile {
        recovery_format: RECOVERY_FORMAT,
        written_at: at,
        // A path that is not valid Unicode is kept as near as possible; the board is what counts.
        original_path: origin
            .path
            .as_ref()
            .map(|path| path.to_string_lossy().into_owned()),
        original_stamp: origin.stamp,
        title: board.title().chars().take(HEADER_TITLE_CHARS).collect(),
        items: board.items().len(),
        board: board_to_ron(board),
    };
    let config = ron::ser::PrettyConfig::new().new_line("\n");
    // Serialising these plain fields into a String cannot fail; fall back to nothing rather
    // than panic, which the reader then reports as an unreadable copy.
    ron::ser::to_string_pretty(&file, config).unwrap_or_default()
}

/// What a recovery copy's header says about its board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyHeader {
    /// The board's title (its first 200 characters).
    pub title: String,
    /// How many items the board holds.
    pub items: usize,
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
    /// What the copy says about its board, or why it cannot be read.
    pub header: Result<CopyHeader, String>,
}

impl RecoveredBoard {
    /// Reads the board in the copy (the whole file, unlike the listing).
    pub fn load(&self) -> Result<Board, String> {
        let bytes = read_existing(&self.slot.copy_path())
            .ok_or_else(|| "the recovery copy cannot be read".to_owned())?;
        let text = decode(&bytes).map_err(|error| error.to_string())?;
        read_recovery(text).map(|(_, _, board)| board)
    }
}

fn damaged(error: impl std::fmt::Display) -> String {
    format!("the recovery copy is damaged or from a newer version ({error})")
}

/// Reads one recovery file's text, board and all.
fn read_recovery(text: &str) -> Result<(SystemTime, RecoveryOrigin, Board), String> {
    let (written_at, original_path, original_stamp, board) = match format_of(text) {
        Some(1) => {
            let file: RecoveryFileV1 = ron::from_str(text).map_err(damaged)?;
            let RecoveryFileV1 {
                recovery_format,
                written_at,
                original_path,
                original_stamp,
                board,
            } = file;
            if recovery_format != 1 {
                return Err(newer(recovery_format.into()));
            }
            (written_at, original_path, original_stamp, board)
        }
        Some(format) if format == u64::from(RECOVERY_FORMAT) => {
            let file: RecoveryFile = ron::from_str(text).map_err(damaged)?;
            let RecoveryFile {
                written_at,
                original_path,
                original_stamp,
                board,
                ..
            } = file;
            (written_at, original_path, original_stamp, board)
        }
        Some(other) => return Err(newer(other)),
        None => return Err(damaged("no recovery_format at its start")),
    };
    let board = board_from_ron(&board)
        .map(|loaded| loaded.board)
        .map_err(|error| match error.position() {
            Some(position) => format!("the board in the recovery copy, {position}: {error}"),
            None => format!("the board in the recovery copy: {error}"),
        })?;
    let origin = RecoveryOrigin {
        path: original_path.map(PathBuf::from),
        stamp: original_stamp,
    };
    Ok((written_at, origin, board))
}

fn newer(format: u64) -> String {
    format!("the recovery copy has format {format}; this version reads format {RECOVERY_FORMAT}")
}

/// The `recovery_format:` number a copy's text starts with.
fn format_of(text: &str) -> Option<u64> {
    let rest = text.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("recovery_format")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().or(if digits.is_empty() {
        None
    } else {
        Some(u64::MAX)
    })
}

/// Reads what a copy says about its board from the start of the file at `path`: everything
/// before its `board:` field (a format 1 copy, which has no header, is read whole).
fn read_header(path: &Path) -> Result<(SystemTime, RecoveryOrigin, CopyHeader), String> {
    let unreadable = |error: std::io::Error| format!("the recovery copy cannot be read ({error})");
    let mut start = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(HEADER_BYTES).read_to_end(&mut start))
        .map_err(unreadable)?;
    // A character cut in two at the end of what was read is not the file's fault.
    let text = match std::str::from_utf8(&start) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(start.get(..error.valid_up_to()).unwrap_or_default())
            .unwrap_or_default(),
    };
    match format_of(text) {
        Some(1) => {
            let (written_at, origin, board) = read_existing(path)
                .ok_or_else(|| "the recovery copy cannot be read".to_owned())
                .and_then(|bytes| {
                    decode(&bytes)
                        .map_err(|error| error.to_string())
                        .and_then(read_recovery)
                })?;
            let header = CopyHeader {
                title: board.title().chars().take(HEADER_TITLE_CHARS).collect(),
                items: board.items().len(),
            };
            Ok((written_at, origin, header))
        }
        Some(format) if format == u64::from(RECOVERY_FORMAT) => {
            // The board is the last field, and its text is one quoted line: the first line
            // that starts it ends the header.
            let at = text
                .find("\n    board:")
                .ok_or_else(|| damaged("no board in its first 64 KB"))?;
            let head = format!("{})", text.get(..at).unwrap_or_default());
            let header: RecoveryHeader = ron::from_str(&head).map_err(damaged)?;
            if header.recovery_format != RECOVERY_FORMAT {
                return Err(newer(header.recovery_format.into()));
            }
            let origin = RecoveryOrigin {
                path: header.original_path.map(PathBuf::from),
                stamp: header.original_stamp,
            };
            let copy = CopyHeader {
                title: header.title,
                items: header.items,
            };
            Ok((header.written_at, origin, copy))
        }
        Some(other) => Err(newer(other)),
        None => Err(damaged("no recovery_format at its start")),
    }
}

/// Recovery copies in `dir` left by apps that are gone, newest first, each read only as far
/// as its header. Each returned slot is locked by the caller until it is restored, discarded
/// or dropped.
///
/// Lock files without a copy, left by a crash while the board had no unsaved changes, are
/// removed. A missing folder means there is nothing to recover.
pub fn list_recovered(dir: &Path) -> Vec<RecoveredBoard> {
    list_recovered_with(dir, |_, _| {})
}

/// [`list_recovered`], saying after each copy how many of how many are looked at.
pub fn list_recovered_with(
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Vec<RecoveredBoard> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    let copies = entries
        .iter()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "ron"))
        .count();
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.path();
        let (Some(id), Some(ext)) = (path.file_stem(), path.extension()) else {
            continue;
        };
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
        progress(found.len(), copies);
        // Copies are files this app wrote: a link, a named pipe or a folder there is not one
        // (and reading a pipe would wait forever).
        if !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let Ok(Some(slot)) = RecoverySlot::claim(dir, &id) else {
            continue;
        };
        let modified = entry.metadata().and_then(|meta| meta.modified()).ok();
        found.push(match read_header(&path) {
            Ok((written_at, origin, header)) => RecoveredBoard {
                slot,
                written_at: Some(written_at),
                origin,
                header: Ok(header),
            },
            Err(problem) => RecoveredBoard {
                slot,
                written_at: modified,
                origin: RecoveryOrigin::default(),
                header: Err(problem),
            },
        });
    }
    progress(copies, copies);
    found.sort_by_key(|entry| std::cmp::Reverse(entry.written_at));
    found
}

/// Deletes all but the newest [`KEPT_PER_BOARD`] copies of each board file in `found` (newest
/// first, as listed). Copies of boards never saved are all kept: nothing says which of them are
/// the same board. Returns how many were deleted.
pub fn keep_newest(found: &mut Vec<RecoveredBoard>) -> usize {
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut deleted = 0;
    let mut kept = Vec::with_capacity(found.len());
    for entry in found.drain(..) {
        let Some(path) = entry.origin.path.clone() else {
            kept.push(entry);
            continue;
        };
        let count = seen.entry(path).or_default();
        *count += 1;
        if *count <= KEPT_PER_BOARD {
            kept.push(entry);
        } else if entry.slot.close().is_ok() {
            deleted += 1;
        }
    }
    *found = kept;
    deleted
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
        assert_eq!(found.load().unwrap(), board());
        let header = CopyHeader {
            title: "Recovered".into(),
            items: 1,
        };
        assert_eq!(found.header, Ok(header));
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
        assert!(listed[0].header.as_ref().unwrap_err().contains("damaged"));
        assert!(!dir.path().join("stale.lock").exists(), "stale locks go");
    }

    #[test]
    fn copies_are_listed_by_their_header_without_reading_the_board() {
        let dir = tempfile::tempdir().unwrap();
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_780_000_000);
        let text = recovery_text(&board(), &RecoveryOrigin::default(), at);
        // The board part is megabytes of something that is not a board.
        let start = text.find("\n    board:").unwrap();
        let hostile = format!(
            "{}\n    board: \"{}\",\n)\n",
            &text[..start],
            "(".repeat(20_000_000)
        );
        fs::write(dir.path().join("hostile.ron"), hostile).unwrap();
        let listed = list_recovered(dir.path());
        let [copy] = listed.as_slice() else {
            panic!("{listed:?}")
        };
        assert_eq!(copy.header.as_ref().unwrap().title, "Recovered");
        assert_eq!(copy.written_at, Some(at));
        // Restoring reads the board, and says why it cannot.
        assert!(
            copy.load()
                .unwrap_err()
                .contains("board in the recovery copy")
        );
    }

    #[test]
    fn copies_in_the_first_format_still_list_and_restore() {
        let dir = tempfile::tempdir().unwrap();
        let board_text = board_to_ron(&board());
        let text = format!(
            "(\n    recovery_format: 1,\n    written_at: (secs_since_epoch: 1780000000, \
             nanos_since_epoch: 0),\n    original_path: None,\n    original_stamp: None,\n    \
             board: {board_text:?},\n)\n"
        );
        fs::write(dir.path().join("old.ron"), text).unwrap();
        let listed = list_recovered(dir.path());
        assert_eq!(listed[0].header.as_ref().unwrap().items, 1);
        assert_eq!(listed[0].load().unwrap(), board());
    }

    #[test]
    fn only_the_newest_copies_of_each_board_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let kickoff = RecoveryOrigin {
            path: Some(PathBuf::from("/boards/kickoff.ron")),
            stamp: None,
        };
        let write = |name: &str, origin: &RecoveryOrigin, board: &Board, secs: u64| {
            let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            fs::write(
                dir.path().join(format!("{name}.ron")),
                recovery_text(board, origin, at),
            )
            .unwrap();
        };
        for n in 0..7 {
            write(&format!("kickoff-{n}"), &kickoff, &board(), 1_000 + n);
            write(
                &format!("untitled-{n}"),
                &RecoveryOrigin::default(),
                &board(),
                2_000 + n,
            );
        }
        write(
            "other",
            &RecoveryOrigin::default(),
            &Board::new("Other"),
            10,
        );
        fs::write(dir.path().join("broken.ron"), "(").unwrap();
        let mut listed = list_recovered(dir.path());
        assert_eq!(listed.len(), 16);
        assert_eq!(keep_newest(&mut listed), 2);
        assert_eq!(listed.len(), 14);
        // The two oldest copies of the board file are gone from the folder too; boards never
        // saved are all kept.
        for name in ["kickoff-0", "kickoff-1"] {
            assert!(!dir.path().join(format!("{name}.ron")).exists(), "{name}");
        }
        for name in ["kickoff-2", "kickoff-6", "untitled-0", "other", "broken"] {
            assert!(dir.path().join(format!("{name}.ron")).exists(), "{name}");
        }
    }

    #[test]
    fn listing_says_how_far_it_got() {
        let dir = tempfile::tempdir().unwrap();
        let at = SystemTime::UNIX_EPOCH;
        for n in 0..3 {
            let text = recovery_text(&board(), &RecoveryOrigin::default(), at);
            fs::write(dir.path().join(format!("copy-{n}.ron")), text).unwrap();
        }
        fs::write(dir.path().join("copy-0.lock"), "").unwrap();
        let mut seen = Vec::new();
        let listed = list_recovered_with(dir.path(), |done, total| seen.push((done, total)));
        assert_eq!(listed.len(), 3);
        assert_eq!(seen, [(0, 3), (1, 3), (2, 3), (3, 3)]);
    }
}
