//! Board file format 1. **Frozen**: never change these structs.
//!
//! Every file ever saved as `format: 1` must keep loading exactly as it did. A change to the file
//! shape is a new format: add `v2.rs` with its own structs and a step `v1 → v2` in
//! [`super::migrate`], and leave this file alone (only the conversions to and from the model move
//! to the newest format's file).
//!
//! Ids and z keys reuse the model's types because their text form (16 hex digits; the z-key
//! alphabet) is itself frozen, as documented in [`crate::model`]. Colours and item kinds get their
//! own frozen enums here, so adding a colour or a kind to the model cannot quietly change what
//! format 1 accepts.

use serde::{Deserialize, Serialize};

use crate::model::{ConnectorId, ItemId, PaletteColor, ZKey};

/// The whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub(super) struct BoardV1 {
    /// Always 1.
    pub format: u32,
    /// The board's title.
    pub title: String,
    /// Items, sorted by id.
    pub items: Vec<ItemV1>,
    /// Connectors, sorted by id.
    pub connectors: Vec<ConnectorV1>,
}

/// One item, with its geometry flattened into plain numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub(super) struct ItemV1 {
    pub id: ItemId,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub z: ZKey,
    pub color: ColorV1,
    pub kind: KindV1,
}

/// The palette of format 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Color")]
pub(super) enum ColorV1 {
    Yellow,
    Orange,
    Red,
    Pink,
    Purple,
    Blue,
    Teal,
    Green,
    Grey,
    White,
}

/// The item kinds of format 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "ItemKind", deny_unknown_fields)]
pub(super) enum KindV1 {
    /// A sticky note: `Note(text: "…")`.
    Note { text: String },
}

/// A connector between two items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Connector", deny_unknown_fields)]
pub(super) struct ConnectorV1 {
    pub id: ConnectorId,
    pub from: ItemId,
    pub to: ItemId,
    pub label: String,
}

impl From<PaletteColor> for ColorV1 {
    fn from(color: PaletteColor) -> Self {
        match color {
            PaletteColor::Yellow => Self::Yellow,
            PaletteColor::Orange => Self::Orange,
            PaletteColor::Red => Self::Red,
            PaletteColor::Pink => Self::Pink,
            PaletteColor::Purple => Self::Purple,
            PaletteColor::Blue => Self::Blue,
            PaletteColor::Teal => Self::Teal,
            PaletteColor::Green => Self::Green,
            PaletteColor::Grey => Self::Grey,
            PaletteColor::White => Self::White,
        }
    }
}

impl From<ColorV1> for PaletteColor {
    fn from(color: ColorV1) -> Self {
        match color {
            ColorV1::Yellow => Self::Yellow,
            ColorV1::Orange => Self::Orange,
            ColorV1::Red => Self::Red,
            ColorV1::Pink => Self::Pink,
            ColorV1::Purple => Self::Purple,
            ColorV1::Blue => Self::Blue,
            ColorV1::Teal => Self::Teal,
            ColorV1::Green => Self::Green,
            ColorV1::Grey => Self::Grey,
            ColorV1::White => Self::White,
        }
    }
}
