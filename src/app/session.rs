//! The open board: the document, where new ids come from, and what keeps it safe.

use std::time::Instant;

use super::live::Live;
use super::recovery;
use crate::document::Document;
use crate::model::IdGen;

/// The open board: the document, the ids new items get, and its recovery copies.
pub(super) struct Session {
    /// The board, its history and its file.
    pub(super) doc: Document,
    /// Where new ids come from.
    pub(super) ids: IdGen,
    /// When the selection was last moved with the arrow keys (moves in quick succession are one
    /// undo step).
    pub(super) last_nudge: Option<Instant>,
    /// Autosave and crash recovery, when on.
    pub(super) recovery: Option<recovery::Recovery>,
    /// The live session the board is shared in, if any.
    pub(super) live: Option<Live>,
    /// A live session kept beside the board just opened, to rejoin at the next paint.
    pub(super) rejoin: Option<crate::live::KeptSession>,
}

impl Session {
    /// A new, empty, untitled board without autosave.
    pub(super) fn new() -> Self {
        Self {
            doc: Document::untitled(),
            ids: IdGen::from_entropy(),
            last_nudge: None,
            recovery: None,
            live: None,
            rejoin: None,
        }
    }
}
