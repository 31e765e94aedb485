//! Saving a board safely: refuse boards that would not load again, never overwrite a file from a
//! newer version of the app, keep the previous file as `NAME.ron.bak`, then replace the file
//! atomically (see `atomic.rs`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::atomic::{prepare, write_atomically};
use super::load::{decode, read_existing};
use super::{CURRENT_FORMAT, DiskStamp, SaveCause, SaveError, board_to_ron, migrate, validate};
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

/// Where the previous version of the board file at `path` is kept: `NAME.ron.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map_or_else(OsString::new, std::ffi::OsStr::to_owned);
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `board` to `path`.
///
/// - A board with an item whose position or size is not a usable number (not finite, or out of
///   range) is refused, so a save never writes a file that needs repairs when it is opened.
/// - A file at `path` saved by a newer Civic Canvas (a higher `format:`) is never overwritten.
/// - The new board is written and synced to a temporary file beside `path` first; if that fails
///   (a full disk, a read-only folder), nothing else is touched and no temporary file is left.
/// - Then the file that was at `path` is copied to `NAME.ron.bak` (replacing an older backup),
///   unless it already holds the same bytes.
/// - Then the file is replaced atomically: the old file, or the new one, never a mix.
pub fn save_board(path: &Path, board: &Board) -> Result<Saved, SaveError> {
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
    let previous = read_existing(path);
    if let Some(previous) = &previous {
        let found = decode(previous).ok().and_then(migrate::format_of);
        if let Some(found) = found.filter(|found| *found > CURRENT_FORMAT) {
            return Err(fail(SaveCause::NewerFormat { found }));
        }
    }
    // The new board is written and synced beside the file before the backup is touched: when
    // that fails (a full disk), the file and its backup are both as they were.
    let prepared = prepare(path, text.as_bytes())?;
    let backup = match previous {
        None => Backup::NoPreviousFile,
        Some(previous) if previous == text.as_bytes() => Backup::Unchanged,
        Some(previous) => {
            let backup = backup_path(path);
            match write_atomically(&backup, &previous) {
                Ok(()) => Backup::Kept(backup),
                Err(error) => Backup::Failed {
                    path: backup,
                    reason: error.cause.to_string(),
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
