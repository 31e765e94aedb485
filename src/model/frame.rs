//! Frames: named sections of the board that hold items, in the order a facilitator walks through
//! them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::ItemId;

/// A named section of the board. Its members move with it and are hidden while it is collapsed
/// to its title. Frames are numbered in the order they are presented (`order`, then id).
///
/// Membership is kept by the frame, so a member is always on the board: deleting an item takes
/// it out of its frame in the same step. A frame is never a member of another frame, and an item
/// is a member of at most one frame.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// The frame's title, shown in its title strip and in the frame list.
    pub title: String,
    /// Whether only the title strip is shown; members are hidden while collapsed.
    pub collapsed: bool,
    /// The frame's place in the presenting order (lower first; ties go by id).
    pub order: u32,
    /// The items inside the frame.
    pub members: BTreeSet<ItemId>,
}

impl Frame {
    /// A new, empty, open frame.
    pub fn new(title: impl Into<String>, order: u32) -> Self {
        Self {
            title: title.into(),
            order,
            ..Self::default()
        }
    }
}
