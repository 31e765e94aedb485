//! Board file format 4: each item names the frame it is in, and frames may be in frames.
//! **Frozen** once released: never change these structs; a change to the file shape is a new
//! format (see [`super::migrate`]).
//!
//! Format 4 changes two things from format 3:
//! - an item in a frame says so with `parent: Some("…")`, the id of its frame, after its
//!   colour; items in no frame leave it out;
//! - frames no longer list their `members`, and a frame may be in another frame (a cluster
//!   inside a workshop stage).
//!
//! Item kinds, connectors and photos are written as in format 3 (`v2.rs`). A format 4 file is
//! read by moving it to format 5 (`v5.rs`).

use serde::{Deserialize, Serialize};

use super::v1::ColorV1;
use super::v2::{ConnectorV2, ImageV2, KindV2};
use crate::model::{ItemId, ZKey};

/// The whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub(super) struct BoardV4 {
    /// 4.
    pub format: u32,
    /// The board's title.
    pub title: String,
    /// Items, sorted by id.
    pub items: Vec<ItemV4>,
    /// Connectors, sorted by id.
    pub connectors: Vec<ConnectorV2>,
    /// The photos persona cards use, sorted by id; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageV2>,
}

/// One item, with its geometry flattened into plain numbers and the frame it is in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub(super) struct ItemV4 {
    pub id: ItemId,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub z: ZKey,
    /// The same palette as format 1.
    pub color: ColorV1,
    /// The frame the item is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ItemId>,
    pub kind: KindV2,
}
