//! Connectors: lines joining two items.

use serde::{Deserialize, Serialize};

use super::{ConnectorId, ItemId};

/// A line from one item to another. Its ends follow the items when they move.
///
/// Arrow ends, line styles, relation kinds and polarity arrive with the map issue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connector {
    /// Stable unique id, generated once.
    pub id: ConnectorId,
    /// The item the connector starts at.
    pub from: ItemId,
    /// The item the connector ends at.
    pub to: ItemId,
    /// Text shown on the line; may be empty.
    pub label: String,
}
