//! Where a change comes from.

/// Who or what asked for a change. The origin decides whether the board's rules add to it and
/// whether it can be undone here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A gesture of the person at this window: one undo step.
    Local,
    /// More of the last local step (a quick run of arrow-key presses): it joins that step.
    LocalContinued,
    /// Undo at this window: replays an exact inverse.
    Undo,
    /// Redo at this window: replays an exact inverse.
    Redo,
    /// A line of a `civic-canvas script` file.
    Script,
    /// A repair made while loading a file (an item moved back onto the board, …).
    Repair,
    /// Colleagues' changes in a live session, read out of the shared board: applied exactly,
    /// never undone here.
    Remote,
}

impl Origin {
    /// Whether the board's rules add to the change (frames taking in what lands on them, …).
    /// Undo, redo and repairs are applied exactly as they are.
    pub fn follows_rules(self) -> bool {
        matches!(self, Self::Local | Self::LocalContinued | Self::Script)
    }

    /// Whether the change goes into this window's undo history.
    pub fn is_undoable(self) -> bool {
        matches!(self, Self::Local | Self::LocalContinued | Self::Script)
    }
}
