//! Saving a board safely: refuse boards that would not open again, never overwrite a file from a
//! newer version of the app or a file that cannot be read, keep the previous file as
//! `NAME.ron.bak`, then replace the file atomically (see `atomic.rs`).

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use super::atomic::{prepare, sync_folder, target_of, temp_path};
use super::{
    CURRENT_FORMAT, DiskStamp, SaveCause, SaveError, board_from_ron, board_to_ron, io_words,
    validate,
};
use crate::model::Board;

/// What a successful save did.
#[derive(Clone, Debug)]
pub struct Saved {
    /// The saved file's size, modification time and content hash, to notice later changes.
    pub stamp: DiskStamp,
    /// What happened to the previous version of the file.
    pub backup: Backup,
}

/// What happened to the file that a save replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backup {
    /// There was no file yet.
    NoPreviousFile,
    /// The file already held exactly these bytes; an existing backup was left as it was.
    Unchanged,
    /// The previous file was kept at this path (`NAME.ron.bak`).
    Kept(PathBuf),
    /// The previous file could not be kept (the board itself was saved).
    Failed {
        /// Where the backup should have gone.
        path: PathBuf,
        /// Why it could not be written, in plain words.
        reason: String,
    },
}

/// What a save may do that it does not do unless asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SaveOptions {
    /// Replace a file that is marked read-only (the user was asked first).
    pub replace_read_only: bool,
}

/// How much of the file being replaced is read to learn its format (which comes first).
const FORMAT_PREFIX_BYTES: u64 = 64 * 1024;

/// Where the previous version of the board file at `path` is kept: `NAME.ron.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map_or_else(OsString::new, std::ffi::OsStr::to_owned);
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `board` to `path` (see [`save_board_with`]), refusing read-only files.
pub fn save_board(path: &Path, board: &Board) -> Result<Saved, SaveError> {
    save_board_with(path, board, SaveOptions::default())
}

/// Saves `board` to `path`.
///
/// - A board that would not open again exactly as it is (an item whose position or size is not a
///   usable number, a key the reader refuses, …) is refused: the text is read back before
///   anything is written.
/// - The file at `path` is looked at first, without reading more than its first 64 KB. Anything
///   that is not a regular file (a folder, a named pipe, a device) is refused, so is a file that
///   cannot be read (it could not be kept), a file saved by a newer Civic Canvas (a higher
///   `format:`), and a read-only file unless `options` allow it.
/// - The new board is written and synced to a temporary file beside `path` first; if that fails
///   (a full disk, a read-only folder), nothing else is touched and no temporary file is left.
/// - Then the file that was at `path` becomes `NAME.ron.bak` (replacing an older backup, never
///   writing through a link there) without being read or copied where the file system allows,
///   with its permissions, unless it already holds the same bytes.
/// - Then the file is replaced atomically: the old file, or the new one, never a mix. A link at
///   `path` keeps pointing at the updated file.
pub fn save_board_with(
    path: &Path,
    board: &Board,
    options: SaveOptions,
) -> Result<Saved, SaveError> {
    let fail = |cause| SaveError {
        path: path.to_owned(),
        cause,
    };
    for item in board.items() {
        if let Err(problem) = validate::check_for_save(item) {
            return Err(fail(SaveCause::InvalidBoard {
                item: item.id,
                problem: problem.message,
            }));
        }
    }
    let text = board_to_ron(board);
    check_opens_again(&text, board).map_err(fail)?;
    let target = target_of(path).map_err(fail)?;
    let previous = inspect_previous(&target, options).map_err(fail)?;
    // The new board is written and synced beside the file before the backup is touched: when
    // that fails (a full disk), the file and its backup are both as they were.
    let prepared = prepare(path, text.as_bytes())?;
    let backup = match previous {
        None => Backup::NoPreviousFile,
        Some(len) if holds(&target, len, text.as_bytes()) => Backup::Unchanged,
        Some(_) => {
            let backup = backup_path(path);
            match keep_backup(&target, &backup) {
                Ok(()) => Backup::Kept(backup),
                Err(error) => Backup::Failed {
                    path: backup,
                    reason: io_words::plain(&error),
                },
            }
        }
    };
    prepared.commit()?;
    Ok(Saved {
        stamp: DiskStamp::of_bytes(path, text.as_bytes()),
        backup,
    })
}

/// Reads `text` back as the app would open it: it must give `board` again, with no repairs.
fn check_opens_again(text: &str, board: &Board) -> Result<(), SaveCause> {
    let problem = match board_from_ron(text) {
        Ok(loaded) if loaded.warnings.is_empty() && loaded.board == *board => return Ok(()),
        Ok(loaded) => loaded.warnings.first().map_or_else(
            || "it would open as a different board".to_owned(),
            ToString::to_string,
        ),
        Err(error) => error.to_string(),
    };
    Err(SaveCause::WouldNotOpen { problem })
}

/// Looks at the file a save would replace; returns its size, or `None` when there is none.
fn inspect_previous(target: &Path, options: SaveOptions) -> Result<Option<u64>, SaveCause> {
    let meta = match fs::metadata(target) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(SaveCause::Io(error)),
    };
    if meta.is_dir() {
        return Err(SaveCause::IsFolder);
    }
    if !meta.is_file() {
        return Err(SaveCause::NotAFile);
    }
    let mut prefix = Vec::new();
    File::open(target)
        .and_then(|file| file.take(FORMAT_PREFIX_BYTES).read_to_end(&mut prefix))
        .map_err(|error| SaveCause::Unreadable(io_words::plain(&error)))?;
    if let Some(found) = format_at_start(&prefix).filter(|&found| found > u64::from(CURRENT_FORMAT))
    {
        return Err(SaveCause::NewerFormat { found });
    }
    if meta.permissions().readonly() && !options.replace_read_only {
        return Err(SaveCause::ReadOnly);
    }
    Ok(Some(meta.len()))
}

/// The `format:` number a board file starts with, read from its first bytes only: `(` (or
/// `Board(`), then `format:` and digits. `None` when the bytes do not start that way.
pub(super) fn format_at_start(bytes: &[u8]) -> Option<u64> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let rest = text.trim_start();
    let rest = rest.strip_prefix("Board").unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("format")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    // More digits than any number this app could ever have written is still "newer".
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Whether the file at `target`, `len` bytes long, holds exactly `bytes` (read only when the
/// sizes match).
fn holds(target: &Path, len: u64, bytes: &[u8]) -> bool {
    if len != bytes.len() as u64 {
        return false;
    }
    let mut held = Vec::with_capacity(bytes.len());
    File::open(target)
        .and_then(|file| file.take(len + 1).read_to_end(&mut held))
        .is_ok_and(|_| held == bytes)
}

/// Makes `backup` hold the file at `target` as it is now: a second name for the same file where
/// the file system allows (nothing is read or copied, and it keeps its permissions), otherwise a
/// copy with the same permissions. Whatever was at `backup` (a link included) is replaced, never
/// written through.
fn keep_backup(target: &Path, backup: &Path) -> io::Result<()> {
    let folder = match backup.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = backup.file_name().map_or_else(
        || "backup".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let temp = temp_path(&folder, &name);
    if fs::hard_link(target, &temp).is_err() {
        copy_new(target, &temp)?;
    }
    if let Err(error) = fs::rename(&temp, backup) {
        let _removed = fs::remove_file(&temp);
        return Err(error);
    }
    sync_folder(&folder);
    Ok(())
}

/// Copies `from` to a new file `to` (never following a link there), with its permissions,
/// synced. On error `to` is removed.
fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let copied = (|| {
        let mut source = File::open(from)?;
        let mut copy = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(to)?;
        io::copy(&mut source, &mut copy)?;
        copy.set_permissions(source.metadata()?.permissions())?;
        copy.sync_all()
    })();
    if copied.is_err() {
        let _removed = fs::remove_file(to);
    }
    copied
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, ItemId, PaletteColor, Point, ZKey};

    #[test]
    fn a_board_that_would_not_open_again_is_not_written() {
        // Keys squeezed between the same two, again and again, grow past what a file may hold;
        // edits make them short again, so the board is built with one.
        let low = ZKey::middle();
        let mut high = ZKey::between(Some(&low), None);
        while high.as_str().len() <= 300 {
            high = ZKey::between(Some(&low), Some(&high));
        }
        let note = Item::note(
            ItemId::from_raw(1),
            Point::new(0.0, 0.0),
            high,
            PaletteColor::Yellow,
            "Kept",
        );
        let board = Board::from_parts("Long keys", [note], []).unwrap_or_default();
        assert_eq!(board.items().len(), 1);
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let path = dir.path().join("board.ron");
        fs::write(&path, "the file before").unwrap_or_else(|error| panic!("{error}"));
        let error = save_board(&path, &board).unwrap_err();
        assert!(
            matches!(error.cause, SaveCause::WouldNotOpen { .. }),
            "{error}"
        );
        assert!(
            error.to_string().contains("would not open again"),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(&path).ok().as_deref(),
            Some("the file before")
        );
    }

    #[test]
    fn the_format_is_read_from_the_start_of_a_file_only() {
        assert_eq!(
            format_at_start(b"(\n    format: 4,\n    title: \"x\""),
            Some(4)
        );
        assert_eq!(
            format_at_start(b"\xEF\xBB\xBFBoard( format :12 , "),
            Some(12)
        );
        assert_eq!(
            format_at_start(b"(format: 99999999999999999999999,"),
            Some(u64::MAX)
        );
        for other in [
            &b"my notes: format: 9"[..],
            b"(title: \"x\", format: 9)",
            b"(format: -1,",
            b"",
        ] {
            assert_eq!(format_at_start(other), None, "{other:?}");
        }
    }
}
