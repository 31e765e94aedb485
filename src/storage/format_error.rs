//! Why a text is not a readable board.

use crate::model::{BoardError, ItemId};

use super::Position;

/// Why a text could not be read as a board. The message says what was expected, in plain words.
///
/// [`FormatError::position`] gives the line and column the problem was found at, when known.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The file holds nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not UTF-8 text (a different kind of file, or a damaged one).
    #[error("the file is not UTF-8 text; it may be a different kind of file, or damaged")]
    NotUtf8 {
        /// Where the first invalid byte is.
        position: Position,
    },
    /// The text is not well-formed RON: a missing comma or bracket, a cut-off file, a stray
    /// character.
    #[error("{message}")]
    Syntax {
        /// Where the parser stopped.
        position: Position,
        /// What was expected there.
        message: String,
    },
    /// The text is well-formed but a value has the wrong type or a field is missing or repeated.
    #[error("{message}")]
    WrongShape {
        /// Where the value is.
        position: Position,
        /// What was expected there.
        message: String,
    },
    /// A field this format does not have. Refused, so that no data is silently dropped.
    #[error("unknown field `{field}` in {place}; expected {expected}")]
    UnknownField {
        /// Where the field is.
        position: Position,
        /// The field's name.
        field: String,
        /// Where it was found, in words ("an item").
        place: String,
        /// The fields that are allowed there.
        expected: String,
    },
    /// An item kind this version does not know.
    #[error(
        "unknown item kind `{found}`; this version of Civic Canvas knows {known}. \
         The board may come from a newer version"
    )]
    UnknownKind {
        /// Where the kind is.
        position: Position,
        /// The kind's name as written in the file.
        found: String,
        /// The kinds this version knows.
        known: String,
    },
    /// The file has no `format:` number.
    #[error(
        "the file has no `format:` number at the top, so it is not a Civic Canvas board \
         (or its beginning is damaged)"
    )]
    MissingVersion,
    /// The `format:` number is not one Civic Canvas ever wrote (0 or less).
    #[error("format {found} is not a Civic Canvas board format; formats start at 1")]
    UnsupportedVersion {
        /// The number in the file.
        found: i64,
        /// Where the number is, if found.
        position: Option<Position>,
    },
    /// The board was saved by a newer version of the app.
    #[error(
        "this board was saved by a newer Civic Canvas (format {found}); this version reads \
         formats up to {supported}. Please update the app."
    )]
    NewerVersion {
        /// The number in the file.
        found: u64,
        /// The newest format this version reads.
        supported: u32,
        /// Where the number is, if found.
        position: Option<Position>,
    },
    /// The data is well-formed but does not make a valid board (duplicate ids, a connector to a
    /// missing item).
    #[error("{source}")]
    InvalidBoard {
        /// Where the offending id is, if found.
        position: Option<Position>,
        /// What is wrong.
        source: BoardError,
    },
    /// An item's details are out of range: a persona's digital skills, or a backdrop's number of
    /// rings or sectors. (A position or size that is not a usable number is repaired instead.)
    #[error("item {item}: {problem}")]
    InvalidGeometry {
        /// Where the offending value is, if found.
        position: Option<Position>,
        /// The item.
        item: ItemId,
        /// What is wrong, naming the field.
        problem: String,
    },
}

impl FormatError {
    /// The line and column of the problem, when known.
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::NotUtf8 { position }
            | Self::Syntax { position, .. }
            | Self::WrongShape { position, .. }
            | Self::UnknownField { position, .. }
            | Self::UnknownKind { position, .. } => Some(*position),
            Self::UnsupportedVersion { position, .. }
            | Self::NewerVersion { position, .. }
            | Self::InvalidBoard { position, .. }
            | Self::InvalidGeometry { position, .. } => *position,
            Self::Empty | Self::MissingVersion => None,
        }
    }
}
