//! Frames and the items in them: each item names the frame it is in, and the board keeps the
//! other side (each frame's members) and the stacking order that draws nested frames above the
//! frames they are in.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::{Board, BoardError};
use crate::model::{Item, ItemId};

impl Board {
    /// The frame `id` is in, if any.
    pub fn frame_of(&self, id: ItemId) -> Option<&Item> {
        self.item(self.item(id)?.parent?)
    }

    /// The items directly in `frame` (not those in frames inside it), sorted by id.
    pub fn members(&self, frame: ItemId) -> impl Iterator<Item = &Item> {
        self.member_ids(frame).filter_map(|id| self.item(id))
    }

    /// The ids of the items directly in `frame`, sorted by id.
    pub fn member_ids(&self, frame: ItemId) -> impl Iterator<Item = ItemId> + '_ {
        self.members.get(&frame).into_iter().flatten().copied()
    }

    /// How many items are directly in `frame`.
    pub fn member_count(&self, frame: ItemId) -> usize {
        self.members.get(&frame).map_or(0, BTreeSet::len)
    }

    /// Every item inside `frame`: its members, the members of frames among them, and so on.
    pub fn descendants(&self, frame: ItemId) -> Vec<ItemId> {
        let mut found = Vec::new();
        let mut next = vec![frame];
        while let Some(current) = next.pop() {
            for member in self.member_ids(current) {
                found.push(member);
                next.push(member);
            }
        }
        found
    }

    /// The frames `id` is inside, innermost first.
    pub fn ancestors(&self, id: ItemId) -> impl Iterator<Item = ItemId> + '_ {
        // A board never holds a cycle; the bound only keeps a broken one from looping.
        std::iter::successors(self.item(id).and_then(|item| item.parent), |&frame| {
            self.item(frame).and_then(|item| item.parent)
        })
        .take(self.items.len())
    }

    /// Whether `id` is inside `frame`, directly or through other frames.
    pub fn is_inside(&self, id: ItemId, frame: ItemId) -> bool {
        self.ancestors(id).any(|ancestor| ancestor == frame)
    }

    /// How many frames `id` is inside.
    pub fn depth(&self, id: ItemId) -> usize {
        self.ancestors(id).count()
    }

    /// The items hidden inside collapsed frames (at any depth).
    pub fn hidden_items(&self) -> BTreeSet<ItemId> {
        self.frames
            .iter()
            .filter_map(|&id| self.item(id))
            .filter(|item| item.as_frame().is_some_and(|frame| frame.collapsed))
            .flat_map(|item| self.descendants(item.id))
            .collect()
    }

    /// The order in which two items are drawn (and a click picks the later one): backdrops
    /// (frames, rings, grids) below everything else, a frame's backdrops above the frame, then
    /// by z key, then by id.
    pub fn stacking_order(&self, a: &Item, b: &Item) -> Ordering {
        self.stacking_key(a).cmp(&self.stacking_key(b))
    }

    /// Sorts `items` bottom to top, in the order of [`Self::stacking_order`].
    pub fn sort_stacked(&self, items: &mut [&Item]) {
        items.sort_by_cached_key(|item| self.stacking_key(item));
    }

    fn stacking_key<'a>(&self, item: &'a Item) -> (bool, usize, &'a crate::model::ZKey, ItemId) {
        let depth = if item.is_backdrop() {
            self.depth(item.id)
        } else {
            0
        };
        (!item.is_backdrop(), depth, &item.z, item.id)
    }

    /// Puts `id` into `frame` (or into none); returns the frame it was in.
    ///
    /// Refuses a frame that is not on the board and a frame that would end up inside itself.
    pub(crate) fn set_parent(
        &mut self,
        id: ItemId,
        frame: Option<ItemId>,
    ) -> Result<Option<ItemId>, BoardError> {
        let Some(item) = self.items.get(&id) else {
            return Ok(None);
        };
        let old = item.parent;
        if let Some(frame) = frame {
            if self.item(frame).and_then(Item::as_frame).is_none() {
                return Err(BoardError::MissingFrame { item: id, frame });
            }
            if frame == id || self.is_inside(frame, id) {
                return Err(BoardError::FrameInItself(id));
            }
        }
        self.touch();
        if let Some(item) = self.items.get_mut(&id) {
            item.parent = frame;
        }
        if let Some(old) = old {
            self.forget_member(old, id);
        }
        if let Some(frame) = frame {
            self.members.entry(frame).or_default().insert(id);
        }
        Ok(old)
    }

    /// Checks that every frame an item names is a frame on the board, and that no frame is
    /// inside itself.
    pub(super) fn check_frames(&self) -> Result<(), BoardError> {
        for item in self.items.values() {
            if let Some(frame) = item.parent
                && self.item(frame).and_then(Item::as_frame).is_none()
            {
                return Err(BoardError::MissingFrame {
                    item: item.id,
                    frame,
                });
            }
        }
        for &frame in &self.frames {
            let mut seen = BTreeSet::new();
            let mut current = Some(frame);
            while let Some(id) = current {
                if !seen.insert(id) {
                    return Err(BoardError::FrameInItself(frame));
                }
                current = self.item(id).and_then(|item| item.parent);
            }
        }
        Ok(())
    }

    pub(super) fn forget_member(&mut self, frame: ItemId, id: ItemId) {
        if let Some(members) = self.members.get_mut(&frame) {
            members.remove(&id);
            if members.is_empty() {
                self.members.remove(&frame);
            }
        }
    }
}
