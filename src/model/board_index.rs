//! Where things are on a board: items and connectors by place, and connectors by item.
//!
//! Derived from the board's items and connectors and kept up to date by every change to them, so
//! hit testing and drawing a part of the board look only at what is near, never at everything.

use std::collections::BTreeSet;

use super::connector::CONNECTOR_BOW;
use super::spatial::SpatialIndex;
use super::{Connector, ConnectorId, Item, ItemId, Point, Rect};

/// A board's spatial index (see the module docs).
#[derive(Clone, Debug, Default)]
pub(crate) struct BoardIndex {
    /// Each item's rectangle.
    items: SpatialIndex<ItemId>,
    /// Each connector's reach: the rectangle around both its items.
    connectors: SpatialIndex<ConnectorId>,
    /// Which connectors start or end at each item.
    links: BTreeSet<(ItemId, ConnectorId)>,
}

impl BoardIndex {
    /// Records a new item, or an item's new position or size (with its connectors).
    pub fn place_item(
        &mut self,
        item: &Item,
        connectors: impl Fn(ConnectorId) -> Option<(ItemId, ItemId)>,
    ) {
        self.items.set(item.id, item.rect());
        let linked: Vec<ConnectorId> = self.connectors_of(item.id).collect();
        for id in linked {
            if let Some((from, to)) = connectors(id) {
                self.place_connector(id, from, to);
            }
        }
    }

    /// Forgets an item.
    pub fn remove_item(&mut self, id: ItemId) {
        self.items.remove(id);
    }

    /// Records a connector; both its items must be placed already.
    pub fn add_connector(&mut self, connector: &Connector) {
        self.links.insert((connector.from, connector.id));
        self.links.insert((connector.to, connector.id));
        self.place_connector(connector.id, connector.from, connector.to);
    }

    /// Forgets a connector.
    pub fn remove_connector(&mut self, connector: &Connector) {
        self.links.remove(&(connector.from, connector.id));
        self.links.remove(&(connector.to, connector.id));
        self.connectors.remove(connector.id);
    }

    /// A connector's reach is the rectangle around its two items, grown on every side by as far
    /// as a curved connector's control point lies from the line between their centres (twice
    /// [`CONNECTOR_BOW`] of the distance between them): a curve never leaves the triangle of its
    /// ends and its control point, so every point of the line, straight or curved, lies within.
    fn place_connector(&mut self, id: ConnectorId, from: ItemId, to: ItemId) {
        if let (Some(from), Some(to)) = (self.items.bounds(from), self.items.bounds(to)) {
            let (a, b) = (from.center(), to.center());
            let bow = 2.0 * CONNECTOR_BOW * (b.x - a.x).hypot(b.y - a.y);
            let reach = from.union(to);
            self.connectors.set(
                id,
                Rect::spanning(reach.min.offset(-bow, -bow), reach.max.offset(bow, bow)),
            );
        }
    }

    /// The connectors that start or end at `item`, by id, each once.
    pub fn connectors_of(&self, item: ItemId) -> impl Iterator<Item = ConnectorId> + '_ {
        self.links
            .range((item, ConnectorId::from_raw(0))..=(item, ConnectorId::from_raw(u64::MAX)))
            .map(|&(_, id)| id)
    }

    /// Whether `query` is so wide that scanning everything is as quick as the index.
    pub fn is_wide(&self, query: Rect) -> bool {
        self.items.is_wide(query)
    }

    /// A connector's reach, if it is on the board.
    pub fn connector_reach(&self, id: ConnectorId) -> Option<Rect> {
        self.connectors.bounds(id)
    }

    /// The items whose rectangle meets `query`, in no particular order.
    pub fn items_meeting(&self, query: Rect) -> Vec<ItemId> {
        self.items.keys_meeting(query)
    }

    /// The connectors whose reach meets `query`, in no particular order.
    pub fn connectors_meeting(&self, query: Rect) -> Vec<ConnectorId> {
        self.connectors.keys_meeting(query)
    }

    /// Calls `found` for every item whose rectangle holds `point`.
    pub fn items_at(&self, point: Point, found: impl FnMut(ItemId)) {
        self.items.search(Rect::spanning(point, point), found);
    }
}
