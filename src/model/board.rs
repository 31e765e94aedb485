//! The board: a title, items and connectors, each keyed by id.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use super::board_index::BoardIndex;
use super::item_mut::ItemMut;
use super::{
    Connector, ConnectorId, ImageId, Item, ItemId, ItemKind, Point, Rect, Size, StoredImage, ZKey,
};

/// A whiteboard: its title, items and connectors.
///
/// Items and connectors are kept sorted by id, so saving is deterministic. Read access is public;
/// changes go through [`crate::edit::Command`].
#[derive(Clone, Debug, Default)]
pub struct Board {
    title: String,
    items: BTreeMap<ItemId, Item>,
    connectors: BTreeMap<ConnectorId, Connector>,
    /// The items in stacking order (z key, then id), kept up to date on every change so drawing
    /// and hit testing never sort.
    stacking: BTreeSet<(ZKey, ItemId)>,
    /// Photos, by content id. Only those a persona uses are part of the board (and saved); others
    /// are left over from undone changes, kept so redo finds them.
    images: BTreeMap<ImageId, StoredImage>,
    /// The ids of the frames (an item's kind never changes, so this follows inserts and
    /// removals), so finding frames never walks every item.
    frames: BTreeSet<ItemId>,
    /// The items in each frame, by frame: the other side of every item's `parent`, kept up to
    /// date on every change so a frame's members are found without walking every item.
    members: BTreeMap<ItemId, BTreeSet<ItemId>>,
    /// Where the items and connectors are, kept up to date on every change so hit testing and
    /// drawing part of the board look only at what is near. Boxed: it is larger than the rest.
    index: Box<BoardIndex>,
    /// Which state of which board this is (see [`Self::stamp`]).
    stamp: Stamp,
}

/// A number no other board state in this process has had: a new board draws one, and every
/// change draws another. A copy keeps it until it changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp(u64);

impl Stamp {
    fn fresh() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl Default for Stamp {
    fn default() -> Self {
        Self::fresh()
    }
}

impl PartialEq for Board {
    fn eq(&self, other: &Self) -> bool {
        // `stacking`, `frames`, `members` and `index` follow from the items and connectors;
        // unused photos are not part of the board.
        self.title == other.title
            && self.items == other.items
            && self.connectors == other.connectors
            && self.used_images().eq(other.used_images())
    }
}

/// Why a set of items and connectors does not form a valid board.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BoardError {
    /// Two items share an id.
    #[error("two items have the same id {0}")]
    DuplicateItem(ItemId),
    /// Two connectors share an id.
    #[error("two connectors have the same id {0}")]
    DuplicateConnector(ConnectorId),
    /// A connector refers to an item that is not on the board.
    #[error("connector {connector} refers to item {item}, which is not on the board")]
    DanglingConnector {
        /// The connector.
        connector: ConnectorId,
        /// The missing item.
        item: ItemId,
    },
    /// An item names a frame it is in that is not a frame on the board.
    #[error("item {item} is in frame {frame}, which is not a frame on the board")]
    MissingFrame {
        /// The item.
        item: ItemId,
        /// What it names as its frame.
        frame: ItemId,
    },
    /// A frame would be inside itself, directly or through other frames.
    #[error("frame {0} cannot be inside itself, directly or through other frames")]
    FrameInItself(ItemId),
}

/// How many items of each kind a board holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCounts {
    /// Sticky notes.
    pub notes: usize,
    /// Persona cards.
    pub personas: usize,
    /// Empathy maps.
    pub empathy_maps: usize,
    /// Map nodes.
    pub map_nodes: usize,
    /// Backdrops: stakeholder rings and influence/interest grids.
    pub backdrops: usize,
    /// Frames.
    pub frames: usize,
    /// Pen and highlighter strokes.
    pub strokes: usize,
}

impl Board {
    /// An empty board with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    /// A board from its parts, checking that ids are unique and connectors join existing items.
    pub fn from_parts(
        title: impl Into<String>,
        items: impl IntoIterator<Item = Item>,
        connectors: impl IntoIterator<Item = Connector>,
    ) -> Result<Self, BoardError> {
        let mut board = Self::new(title);
        for item in items {
            board.insert_unchecked(item)?;
        }
        board.check_frames()?;
        for connector in connectors {
            board.insert_connector(connector)?;
        }
        Ok(board)
    }

    /// The same board with these photos stored (for building boards, e.g. when loading).
    #[must_use]
    pub fn with_images(mut self, images: impl IntoIterator<Item = (ImageId, StoredImage)>) -> Self {
        self.images.extend(images);
        self.touch();
        self
    }

    /// A board of the items `ids` of this one (with the same title), the connectors between
    /// them and the photos they use. An item stays in its frame only when that frame is among
    /// them. Ids not on this board are left out.
    #[must_use]
    pub fn part(&self, ids: &[ItemId]) -> Self {
        let wanted: std::collections::HashSet<ItemId> = ids.iter().copied().collect();
        let items = ids.iter().filter_map(|&id| self.item(id)).map(|item| {
            let mut copy = item.clone();
            copy.parent = copy.parent.filter(|frame| wanted.contains(frame));
            copy
        });
        let connectors = self
            .connectors()
            .filter(|c| wanted.contains(&c.from) && wanted.contains(&c.to))
            .cloned();
        // Only the photos the copied personas use are kept (see `Board::used_images`).
        Self::from_parts(self.title.clone(), items, connectors)
            .unwrap_or_default()
            .with_images(self.used_images().map(|(id, image)| (id, image.clone())))
    }

    /// The stored photo with this id, if any.
    pub fn image(&self, id: ImageId) -> Option<&StoredImage> {
        self.images.get(&id)
    }

    /// The photos that persona cards use, sorted by id, each once.
    pub fn used_images(&self) -> impl Iterator<Item = (ImageId, &StoredImage)> {
        let used: BTreeSet<ImageId> = self
            .items
            .values()
            .filter_map(|item| match &item.kind {
                ItemKind::Persona(persona) => persona.photo,
                _ => None,
            })
            .collect();
        used.into_iter()
            .filter_map(|id| self.images.get(&id).map(|image| (id, image)))
    }

    /// The board's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The item with this id, if it is on the board.
    pub fn item(&self, id: ItemId) -> Option<&Item> {
        self.items.get(&id)
    }

    /// All items, sorted by id.
    pub fn items(&self) -> impl ExactSizeIterator<Item = &Item> + DoubleEndedIterator {
        self.items.values()
    }

    /// The connector with this id, if it is on the board.
    pub fn connector(&self, id: ConnectorId) -> Option<&Connector> {
        self.connectors.get(&id)
    }

    /// All connectors, sorted by id.
    pub fn connectors(&self) -> impl ExactSizeIterator<Item = &Connector> + DoubleEndedIterator {
        self.connectors.values()
    }

    /// The connectors that start or end at `item`.
    pub fn connectors_of(&self, item: ItemId) -> impl Iterator<Item = &Connector> {
        self.index
            .connectors_of(item)
            .filter_map(|id| self.connectors.get(&id))
    }

    /// Items from bottom to top: by z key, ties broken by id.
    pub fn items_bottom_to_top(&self) -> impl DoubleEndedIterator<Item = &Item> {
        self.stacking
            .iter()
            .filter_map(|(_, id)| self.items.get(id))
    }

    /// The topmost item that a click at `point` picks, if any (see [`Item::picks`]), in the
    /// order of [`Self::stacking_order`].
    ///
    /// Only items whose rectangle holds `point` are looked at, found through the board's spatial
    /// index: this relies on `picks` accepting no point outside the item's rectangle.
    pub fn item_at(&self, point: Point) -> Option<&Item> {
        let mut top: Option<&Item> = None;
        self.index.items_at(point, |id| {
            let Some(item) = self.items.get(&id).filter(|item| item.picks(point)) else {
                return;
            };
            if top.is_none_or(|top| self.stacking_order(item, top) == Ordering::Greater) {
                top = Some(item);
            }
        });
        top
    }

    /// The items whose rectangle meets the rectangle from `min` to `max` (edges included),
    /// bottom to top.
    ///
    /// Found through the board's spatial index, so the cost follows the number of items near
    /// the rectangle, not the number on the board.
    pub fn items_in(&self, min: Point, max: Point) -> Vec<&Item> {
        let query = Rect::spanning(min, max);
        let meets = |item: &&Item| query.meets(item.rect());
        if self.index.is_wide(query) {
            return self.items_bottom_to_top().filter(meets).collect();
        }
        let mut found: Vec<&Item> = self
            .index
            .items_meeting(query)
            .into_iter()
            .filter_map(|id| self.items.get(&id))
            .filter(meets)
            .collect();
        if found.len() * 4 > self.items.len() {
            // Most of the board: walking the stacking order is cheaper than sorting.
            return self.items_bottom_to_top().filter(meets).collect();
        }
        found.sort_unstable_by(|a, b| a.z_order().cmp(&b.z_order()));
        found
    }

    /// The connectors whose reach (the rectangle around both their items) meets the rectangle
    /// from `min` to `max` (edges included), sorted by id.
    ///
    /// Found through the board's spatial index, like [`Self::items_in`].
    pub fn connectors_in(&self, min: Point, max: Point) -> Vec<&Connector> {
        let query = Rect::spanning(min, max);
        if self.index.is_wide(query) {
            return self
                .connectors
                .values()
                .filter(|connector| {
                    self.index
                        .connector_reach(connector.id)
                        .is_some_and(|reach| reach.meets(query))
                })
                .collect();
        }
        let mut ids = self.index.connectors_meeting(query);
        ids.sort_unstable();
        ids.into_iter()
            .filter_map(|id| self.connectors.get(&id))
            .collect()
    }

    /// A z key above every item on the board.
    pub fn z_above_all(&self) -> ZKey {
        self.stacking
            .last()
            .map_or_else(ZKey::middle, |(z, _)| z.after())
    }

    /// A z key below every item on the board.
    pub fn z_below_all(&self) -> ZKey {
        self.stacking
            .first()
            .map_or_else(ZKey::middle, |(z, _)| z.before())
    }

    /// How many items of each kind the board holds.
    pub fn kind_counts(&self) -> KindCounts {
        let mut counts = KindCounts::default();
        for item in self.items.values() {
            match item.kind {
                ItemKind::Note(_) => counts.notes += 1,
                ItemKind::Persona(_) => counts.personas += 1,
                ItemKind::EmpathyMap(_) => counts.empathy_maps += 1,
                ItemKind::MapNode(_) => counts.map_nodes += 1,
                ItemKind::Rings(_) | ItemKind::InterestGrid | ItemKind::ImpactGrid => {
                    counts.backdrops += 1;
                }
                ItemKind::Frame(_) => counts.frames += 1,
                ItemKind::Stroke(_) => counts.strokes += 1,
            }
        }
        counts
    }

    /// The frames in presenting order (their `order`, then id).
    pub fn frames(&self) -> Vec<&Item> {
        let mut frames: Vec<&Item> = self.frames.iter().filter_map(|id| self.item(*id)).collect();
        frames.sort_by_key(|item| (item.as_frame().map_or(0, |frame| frame.order), item.id));
        frames
    }

    /// The number each frame is shown with, by id: the stages (frames not inside another) 1, 2,
    /// 3… in presenting order, and a frame inside another its frame's number and its own place
    /// among the frames there, in presenting order ("2.1" for the first cluster in stage 2).
    pub fn frame_numbers(&self) -> std::collections::HashMap<ItemId, String> {
        let frames = self.frames();
        let mut numbers = std::collections::HashMap::with_capacity(frames.len());
        // Outer frames first, so a frame's number is known before those inside it; nesting is
        // never deeper than the number of frames.
        let mut left: Vec<&Item> = frames;
        while !left.is_empty() {
            // The frames whose frame was numbered in an earlier round: all the frames inside one
            // frame are numbered in the same round, in presenting order.
            let known = numbers.clone();
            let mut counts: std::collections::HashMap<Option<ItemId>, usize> =
                std::collections::HashMap::new();
            let before = left.len();
            left.retain(|frame| {
                let prefix = match frame.parent {
                    None => String::new(),
                    Some(parent) => match known.get(&parent) {
                        Some(number) => format!("{number}."),
                        None => return true,
                    },
                };
                let place = counts.entry(frame.parent).or_default();
                *place += 1;
                numbers.insert(frame.id, format!("{prefix}{place}"));
                false
            });
            if left.len() == before {
                // A frame whose frame is not on the board (the board never has one).
                break;
            }
        }
        numbers
    }

    /// A frame's title after its number, as lists show it: "2. Ideation" for a stage, "2.1
    /// Waiting times" for a frame inside one.
    pub fn numbered(number: &str, title: &str) -> String {
        if number.contains('.') {
            format!("{number} {title}")
        } else {
            format!("{number}. {title}")
        }
    }

    /// The order number for a new frame: after every frame on the board.
    pub fn next_frame_order(&self) -> u32 {
        self.frames
            .iter()
            .filter_map(|id| self.item(*id)?.as_frame())
            .map(|frame| frame.order.saturating_add(1))
            .max()
            .unwrap_or(1)
    }

    /// Which state of which board this is: two boards with the same stamp hold the same items,
    /// connectors, title and photos (one is a copy of the other, and neither has changed since).
    /// What is worked out from a board (a picture of it, counts) can be kept for as long as its
    /// stamp stays the same.
    pub fn stamp(&self) -> Stamp {
        self.stamp
    }

    /// Marks the board as changed (see [`Self::stamp`]).
    fn touch(&mut self) {
        self.stamp = Stamp::fresh();
    }

    /// Whether the board has no items and no connectors.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.connectors.is_empty()
    }

    pub(crate) fn set_title(&mut self, title: String) -> String {
        self.touch();
        std::mem::replace(&mut self.title, title)
    }

    /// An item to change in place; its id, kind and frame must not change (see
    /// [`Self::set_parent`]). A new z key, position or size takes effect in the stacking order and
    /// the spatial index when the returned value is dropped.
    pub(crate) fn item_mut(&mut self, id: ItemId) -> Option<ItemMut<'_>> {
        self.touch();
        let item = self.items.get_mut(&id)?;
        Some(ItemMut::new(
            item,
            &mut self.stacking,
            &mut self.index,
            &self.connectors,
        ))
    }

    /// Moves an item's top-left corner to `pos`; returns where it was.
    pub(crate) fn set_pos(&mut self, id: ItemId, pos: Point) -> Option<Point> {
        let mut item = self.item_mut(id)?;
        Some(std::mem::replace(&mut item.pos, pos))
    }

    /// Gives an item a new size; returns its old size.
    pub(crate) fn set_size(&mut self, id: ItemId, size: Size) -> Option<Size> {
        let mut item = self.item_mut(id)?;
        Some(std::mem::replace(&mut item.size, size))
    }

    /// Restacks an item; returns its old key.
    pub(crate) fn set_z(&mut self, id: ItemId, z: ZKey) -> Option<ZKey> {
        self.touch();
        let item = self.items.get_mut(&id)?;
        let old = std::mem::replace(&mut item.z, z.clone());
        self.stacking.remove(&(old.clone(), id));
        self.stacking.insert((z, id));
        Some(old)
    }

    /// Puts an item on the board; the frame it names must be on the board already.
    pub(crate) fn insert_item(&mut self, item: Item) -> Result<(), BoardError> {
        if let Some(frame) = item.parent
            && self.item(frame).and_then(Item::as_frame).is_none()
        {
            return Err(BoardError::MissingFrame {
                item: item.id,
                frame,
            });
        }
        self.insert_unchecked(item)
    }

    /// Puts an item on the board without looking at the frame it names (see
    /// [`Self::check_frames`]).
    fn insert_unchecked(&mut self, item: Item) -> Result<(), BoardError> {
        if self.items.contains_key(&item.id) {
            return Err(BoardError::DuplicateItem(item.id));
        }
        self.touch();
        self.stacking.insert((item.z.clone(), item.id));
        if item.as_frame().is_some() {
            self.frames.insert(item.id);
        }
        if let Some(frame) = item.parent {
            self.members.entry(frame).or_default().insert(item.id);
        }
        self.index.place_item(&item, |_| None);
        self.items.insert(item.id, item);
        Ok(())
    }

    /// Takes an item off the board. The items in it (if it is a frame) must have left it first.
    pub(crate) fn remove_item(&mut self, id: ItemId) -> Option<Item> {
        let item = self.items.remove(&id)?;
        self.touch();
        self.stacking.remove(&(item.z.clone(), id));
        self.frames.remove(&id);
        if let Some(frame) = item.parent {
            self.forget_member(frame, id);
        }
        self.index.remove_item(id);
        Some(item)
    }

    pub(crate) fn insert_connector(&mut self, connector: Connector) -> Result<(), BoardError> {
        for end in [connector.from, connector.to] {
            if !self.items.contains_key(&end) {
                return Err(BoardError::DanglingConnector {
                    connector: connector.id,
                    item: end,
                });
            }
        }
        if self.connectors.contains_key(&connector.id) {
            return Err(BoardError::DuplicateConnector(connector.id));
        }
        self.touch();
        self.index.add_connector(&connector);
        self.connectors.insert(connector.id, connector);
        Ok(())
    }

    /// A connector to change in place; its ends must not change (they are checked on insert).
    pub(crate) fn connector_mut(&mut self, id: ConnectorId) -> Option<&mut Connector> {
        self.touch();
        self.connectors.get_mut(&id)
    }

    /// Stores a photo; returns false (and changes nothing) if it was already there.
    pub(crate) fn insert_image(&mut self, id: ImageId, image: StoredImage) -> bool {
        if self.images.contains_key(&id) {
            return false;
        }
        self.touch();
        self.images.insert(id, image);
        true
    }

    pub(crate) fn remove_image(&mut self, id: ImageId) -> Option<StoredImage> {
        self.touch();
        self.images.remove(&id)
    }

    pub(crate) fn remove_connector(&mut self, id: ConnectorId) -> Option<Connector> {
        let connector = self.connectors.remove(&id)?;
        self.touch();
        self.index.remove_connector(&connector);
        Some(connector)
    }
}

mod nesting;
#[cfg(test)]
mod tests;
