//! A changeable item that keeps the board's stacking order and spatial index right.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Deref, DerefMut};

use super::board_index::BoardIndex;
use super::{Connector, ConnectorId, Item, ItemId, Point, Size, ZKey};

/// An item of a board, borrowed to change in place (see [`super::Board::item_mut`]).
///
/// When it is dropped, a changed z key restacks the item and a changed position or size moves it
/// in the board's spatial index, so no change goes unnoticed. Its id must not change.
pub(crate) struct ItemMut<'a> {
    item: &'a mut Item,
    stacking: &'a mut BTreeSet<(ZKey, ItemId)>,
    index: &'a mut BoardIndex,
    connectors: &'a BTreeMap<ConnectorId, Connector>,
    /// The item's z key, position and size when it was borrowed.
    before: (ZKey, Point, Size),
}

impl<'a> ItemMut<'a> {
    pub(super) fn new(
        item: &'a mut Item,
        stacking: &'a mut BTreeSet<(ZKey, ItemId)>,
        index: &'a mut BoardIndex,
        connectors: &'a BTreeMap<ConnectorId, Connector>,
    ) -> Self {
        let before = (item.z.clone(), item.pos, item.size);
        Self {
            item,
            stacking,
            index,
            connectors,
            before,
        }
    }
}

impl Deref for ItemMut<'_> {
    type Target = Item;

    fn deref(&self) -> &Item {
        self.item
    }
}

impl DerefMut for ItemMut<'_> {
    fn deref_mut(&mut self) -> &mut Item {
        self.item
    }
}

impl Drop for ItemMut<'_> {
    fn drop(&mut self) {
        let (z, pos, size) = &self.before;
        if *z != self.item.z {
            self.stacking.remove(&(z.clone(), self.item.id));
            self.stacking.insert((self.item.z.clone(), self.item.id));
        }
        if *pos != self.item.pos || *size != self.item.size {
            let connectors = self.connectors;
            self.index.place_item(self.item, |id| {
                connectors
                    .get(&id)
                    .map(|connector| (connector.from, connector.to))
            });
        }
    }
}
