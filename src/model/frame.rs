//! Frames: named sections of the board that hold items, in the order a facilitator walks through
//! them.

use serde::{Deserialize, Serialize};

/// A named section of the board. The items in it (those whose [`super::Item::parent`] is this
/// frame) move with it and are hidden while it is collapsed to its title. Frames are numbered in
/// the order they are presented (`order`, then id).
///
/// Each item names the one frame it is in, so an item is in at most one frame. Frames may be in
/// frames (a cluster inside a workshop stage), never in themselves, directly or through others:
/// the board refuses such a change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// The frame's title, shown in its title strip and in the frame list.
    pub title: String,
    /// Whether only the title strip is shown; the items in it are hidden while collapsed.
    pub collapsed: bool,
    /// The frame's place in the presenting order (lower first; ties go by id).
    pub order: u32,
    /// For a workshop stage: the question the group works on ("How might we…?"), shown in the
    /// stage bar; empty when there is none.
    pub prompt: String,
    /// For a workshop stage: how many minutes it is given; the timer starts with them when
    /// the stage comes up.
    pub minutes: Option<u32>,
}

impl Frame {
    /// The longest time box, in minutes (a whole working day).
    pub const MAX_MINUTES: u32 = 600;

    /// A new, open frame.
    pub fn new(title: impl Into<String>, order: u32) -> Self {
        Self {
            title: title.into(),
            order,
            ..Self::default()
        }
    }
}
