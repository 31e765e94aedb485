//! The board: a title, items and connectors, each keyed by id.

use std::collections::{BTreeMap, BTreeSet};

use super::{Connector, ConnectorId, ImageId, Item, ItemId, ItemKind, StoredImage, ZKey};

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
    /// removals), so finding frames and their members never walks every item.
    frames: BTreeSet<ItemId>,
}

impl PartialEq for Board {
    fn eq(&self, other: &Self) -> bool {
        // `stacking` and `frames` follow from the items; unused photos are not part of the board.
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
            board.insert_item(item)?;
        }
        for connector in connectors {
            for end in [connector.from, connector.to] {
                if !board.items.contains_key(&end) {
                    return Err(BoardError::DanglingConnector {
                        connector: connector.id,
                        item: end,
                    });
                }
            }
            let id = connector.id;
            if board.connectors.insert(id, connector).is_some() {
                return Err(BoardError::DuplicateConnector(id));
            }
        }
        Ok(board)
    }

    /// The same board with these photos stored (for building boards, e.g. when loading).
    #[must_use]
    pub fn with_images(mut self, images: impl IntoIterator<Item = (ImageId, StoredImage)>) -> Self {
        self.images.extend(images);
        self
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
        self.connectors
            .values()
            .filter(move |c| c.from == item || c.to == item)
    }

    /// Items from bottom to top: by z key, ties broken by id.
    pub fn items_bottom_to_top(&self) -> impl DoubleEndedIterator<Item = &Item> {
        self.stacking
            .iter()
            .filter_map(|(_, id)| self.items.get(id))
    }

    /// The topmost item that a click at `point` picks, if any (see [`Item::picks`]).
    pub fn item_at(&self, point: super::Point) -> Option<&Item> {
        // A straight scan is faster than walking the stacking order, which needs a lookup per
        // step; only the few items under the point are compared by z.
        self.items
            .values()
            .filter(|item| item.picks(point))
            .max_by(|a, b| a.z.cmp(&b.z).then(a.id.cmp(&b.id)))
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
                ItemKind::Rings(_) | ItemKind::InterestGrid => counts.backdrops += 1,
                ItemKind::Frame(_) => counts.frames += 1,
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

    /// The frame `id` is a member of, if any.
    pub fn frame_of(&self, id: ItemId) -> Option<&Item> {
        self.frames
            .iter()
            .filter_map(|frame| self.item(*frame))
            .find(|frame| frame.as_frame().is_some_and(|f| f.members.contains(&id)))
    }

    /// The items hidden inside collapsed frames.
    pub fn hidden_items(&self) -> BTreeSet<ItemId> {
        self.frames
            .iter()
            .filter_map(|id| self.item(*id)?.as_frame())
            .filter(|frame| frame.collapsed)
            .flat_map(|frame| frame.members.iter().copied())
            .collect()
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

    /// Whether the board has no items and no connectors.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.connectors.is_empty()
    }

    pub(crate) fn set_title(&mut self, title: String) -> String {
        std::mem::replace(&mut self.title, title)
    }

    /// An item to change in place. Its z key must be changed through [`Self::set_z`] only.
    pub(crate) fn item_mut(&mut self, id: ItemId) -> Option<&mut Item> {
        self.items.get_mut(&id)
    }

    /// Restacks an item; returns its old key.
    pub(crate) fn set_z(&mut self, id: ItemId, z: ZKey) -> Option<ZKey> {
        let item = self.items.get_mut(&id)?;
        let old = std::mem::replace(&mut item.z, z.clone());
        self.stacking.remove(&(old.clone(), id));
        self.stacking.insert((z, id));
        Some(old)
    }

    pub(crate) fn insert_item(&mut self, item: Item) -> Result<(), BoardError> {
        if self.items.contains_key(&item.id) {
            return Err(BoardError::DuplicateItem(item.id));
        }
        self.stacking.insert((item.z.clone(), item.id));
        if item.as_frame().is_some() {
            self.frames.insert(item.id);
        }
        self.items.insert(item.id, item);
        Ok(())
    }

    pub(crate) fn remove_item(&mut self, id: ItemId) -> Option<Item> {
        let item = self.items.remove(&id)?;
        self.stacking.remove(&(item.z.clone(), id));
        self.frames.remove(&id);
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
        self.connectors.insert(connector.id, connector);
        Ok(())
    }

    /// A connector to change in place; its ends must not change (they are checked on insert).
    pub(crate) fn connector_mut(&mut self, id: ConnectorId) -> Option<&mut Connector> {
        self.connectors.get_mut(&id)
    }

    /// Stores a photo; returns false (and changes nothing) if it was already there.
    pub(crate) fn insert_image(&mut self, id: ImageId, image: StoredImage) -> bool {
        if self.images.contains_key(&id) {
            return false;
        }
        self.images.insert(id, image);
        true
    }

    pub(crate) fn remove_image(&mut self, id: ImageId) -> Option<StoredImage> {
        self.images.remove(&id)
    }

    pub(crate) fn remove_connector(&mut self, id: ConnectorId) -> Option<Connector> {
        self.connectors.remove(&id)
    }
}
