//! Reading a board file from disk.

use std::fmt;
use std::fs::File;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use super::{DiskStamp, FormatError, LoadWarning, Position, board_from_ron, io_words};
use crate::model::Board;

/// The largest board file that is read: 200 MB. Larger files are refused before reading them.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Why a board file could not be loaded, with the path.
///
/// Displays as `PATH:LINE:COLUMN: message` when the problem has a position in the file, and as
/// `PATH: message` otherwise.
#[derive(Debug)]
pub struct LoadError {
    /// The file, as it was given.
    pub path: PathBuf,
    /// What went wrong.
    pub cause: LoadCause,
}

/// What went wrong while loading a board file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadCause {
    /// There is no file at the path.
    #[error("no such file")]
    NotFound,
    /// The path is a folder.
    #[error("this is a folder, not a board file")]
    IsFolder,
    /// Something is at the path that is not a file (a named pipe, a device, a socket): reading it
    /// could wait forever, so it is refused before it is opened.
    #[error("this is not an ordinary file (a named pipe, a device or a socket), so it is not read")]
    NotAFile,
    /// The file is over [`MAX_FILE_BYTES`].
    #[error("the file is {} MB; boards over {} MB are refused", .bytes / 1_000_000, MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge {
        /// The file's size in bytes.
        bytes: u64,
    },
    /// The file could not be read.
    #[error("could not read the file: {}", io_words::plain(.0))]
    Io(#[source] io::Error),
    /// The file's contents are not a valid board.
    #[error(transparent)]
    Format(#[from] FormatError),
}

impl LoadError {
    /// The line and column of the problem in the file, when known.
    pub fn position(&self) -> Option<Position> {
        match &self.cause {
            LoadCause::Format(error) => error.position(),
            _ => None,
        }
    }

    /// The format problem, if the file was read but is not a valid board.
    pub fn format_error(&self) -> Option<&FormatError> {
        match &self.cause {
            LoadCause::Format(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position() {
            Some(position) => write!(f, "{}:{position}: {}", self.path.display(), self.cause),
            None => write!(f, "{}: {}", self.path.display(), self.cause),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.cause)
    }
}

/// The file's bytes, refusing folders, anything else that is not a file, and files over
/// [`MAX_FILE_BYTES`] before reading them.
fn read_limited(path: &Path) -> Result<Vec<u8>, LoadCause> {
    let io_cause = |error: io::Error| match error.kind() {
        io::ErrorKind::NotFound => LoadCause::NotFound,
        io::ErrorKind::IsADirectory => LoadCause::IsFolder,
        _ => LoadCause::Io(error),
    };
    let metadata = std::fs::metadata(path).map_err(io_cause)?;
    if metadata.is_dir() {
        return Err(LoadCause::IsFolder);
    }
    if !metadata.is_file() {
        return Err(LoadCause::NotAFile);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadCause::TooLarge {
            bytes: metadata.len(),
        });
    }
    let file = File::open(path).map_err(io_cause)?;
    let mut bytes = Vec::new();
    // The size may have changed since we looked (or the file may be a pipe): read one byte past
    // the limit, never more.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_cause)?;
    let read = bytes.len() as u64;
    if read > MAX_FILE_BYTES {
        return Err(LoadCause::TooLarge { bytes: read });
    }
    Ok(bytes)
}

/// The bytes as text, without a leading byte-order mark (which some editors add).
pub(super) fn decode(bytes: &[u8]) -> Result<&str, FormatError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        FormatError::NotUtf8 {
            position: Position::at_byte(valid, valid.len()),
        }
    })
}

/// Loads the board saved at `path`, from any format version this app reads.
pub fn load_board(path: &Path) -> Result<Board, LoadError> {
    open_board(path).map(|opened| opened.board)
}

/// A board loaded from a file, with what the file looked like (to notice later changes).
#[derive(Clone, Debug)]
pub struct Opened {
    /// The board, migrated to the current model.
    pub board: Board,
    /// The file's size, modification time and content hash when it was read.
    pub stamp: DiskStamp,
    /// What was repaired while reading; saving will write the repaired board.
    pub warnings: Vec<LoadWarning>,
}

/// Loads the board saved at `path` like [`load_board`], and stamps the file it came from.
pub fn open_board(path: &Path) -> Result<Opened, LoadError> {
    let error = |cause| LoadError {
        path: path.to_owned(),
        cause,
    };
    let bytes = read_limited(path).map_err(error)?;
    let stamp = DiskStamp::of_bytes(path, &bytes);
    let text = decode(&bytes).map_err(|e| error(e.into()))?;
    let loaded = board_from_ron(text).map_err(|e| error(e.into()))?;
    Ok(Opened {
        board: loaded.board,
        stamp,
        warnings: loaded.warnings,
    })
}

/// The bytes of the file at `path` if it is a readable file of at most [`MAX_FILE_BYTES`].
pub(super) fn read_existing(path: &Path) -> Option<Vec<u8>> {
    read_limited(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        let bytes = b"(\n    title: \"Gra\xC4\x91ani \xFF\"";
        let error = decode(bytes).unwrap_err();
        assert_eq!(
            error,
            FormatError::NotUtf8 {
                position: Position {
                    line: 2,
                    column: 21
                }
            }
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(decode(b"\xEF\xBB\xBF(x)").unwrap(), "(x)");
    }

    #[test]
    fn display_puts_the_position_after_the_path() {
        let error = LoadError {
            path: PathBuf::from("boards/kickoff.ron"),
            cause: LoadCause::Format(FormatError::Syntax {
                position: Position { line: 7, column: 3 },
                message: "expected a comma `,` between values".to_owned(),
            }),
        };
        assert_eq!(
            error.to_string(),
            "boards/kickoff.ron:7:3: expected a comma `,` between values"
        );
        let missing = LoadError {
            path: PathBuf::from("gone.ron"),
            cause: LoadCause::NotFound,
        };
        assert_eq!(missing.to_string(), "gone.ron: no such file");
    }
}
