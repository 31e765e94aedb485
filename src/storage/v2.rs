//! Board file formats 2 and 3: map nodes, backdrops, connector properties and frames.
//! **Frozen** once released: never change these structs; a change to the file shape is a new
//! format (see [`super::migrate`]).
//!
//! Format 2 adds to format 1:
//! - item kinds `Persona(…)`, `MapNode(…)`, `Rings(…)` and `InterestGrid`;
//! - an `images` list after the connectors, with the photos persona cards use;
//! - connector fields `arrows`, `line`, `route`, `relation`, `polarity` and `delay`. Each is
//!   written only when it differs from its default, so a plain connector reads as in format 1;
//! - a connector that names a missing item is dropped with a warning instead of refusing the file.
//!
//! Format 3 adds only the item kind `Frame(title: "…", order: 1, members: [ … ])`, so it shares
//! these structs: a format 2 file is a format 3 file without frames, and the step from 2 to 3
//! changes nothing but the number. Format 4 keeps every kind, connector and photo as they are
//! here (see `v4.rs`); only its items and frames differ.
//!
//! Turning these into the model and back is in `convert.rs`.

use serde::{Deserialize, Serialize};

use super::v1::ColorV1;
use crate::model::{ConnectorId, ImageId, ItemId, ZKey};

/// The whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub(super) struct BoardV2 {
    /// 2 or 3.
    pub format: u32,
    /// The board's title.
    pub title: String,
    /// Items, sorted by id.
    pub items: Vec<ItemV2>,
    /// Connectors, sorted by id.
    pub connectors: Vec<ConnectorV2>,
    /// The photos persona cards use, sorted by id; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageV2>,
}

/// A stored photo: its content id, size, encoding and bytes as base64 lines of 76 characters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Image", deny_unknown_fields)]
pub(super) struct ImageV2 {
    pub id: ImageId,
    pub width: u32,
    pub height: u32,
    pub format: ImageFormatV2,
    pub data: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "ImageFormat")]
pub(super) enum ImageFormatV2 {
    Png,
    Jpeg,
}

/// One item, with its geometry flattened into plain numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub(super) struct ItemV2 {
    pub id: ItemId,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub z: ZKey,
    /// Format 2 has the same palette as format 1.
    pub color: ColorV1,
    pub kind: KindV2,
}

/// The item kinds of format 2.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "ItemKind", deny_unknown_fields)]
#[expect(
    clippy::large_enum_variant,
    reason = "file structs live only while one board is read or written; boxing the persona \
              would change its text form"
)]
pub(super) enum KindV2 {
    /// A sticky note: `Note(text: "…")`, with `fit_text: true` when its text size follows the
    /// note.
    Note {
        text: String,
        #[serde(default, skip_serializing_if = "is_default")]
        fit_text: bool,
    },
    /// A persona card. Only `name` is required; empty fields and lists are left out.
    Persona {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        photo: Option<ImageId>,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        age: EntryV2,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        role: EntryV2,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        location: EntryV2,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        quote: EntryV2,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        background: EntryV2,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        goals: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        needs: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pains: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        behaviours: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        digital_skills: Option<u8>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        channels: Vec<ChannelV2>,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        languages: EntryV2,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        accessibility: EntryV2,
        #[serde(default, skip_serializing_if = "EntryV2::is_empty")]
        life_event: EntryV2,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        custom: Vec<CustomFieldV2>,
    },
    /// An empathy map: `EmpathyMap(persona: Some("…"), goal: "…", says: [ … ], …)`; empty parts
    /// are left out.
    EmpathyMap {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        persona: Option<ItemId>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        goal: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        says: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        thinks: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        does: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        feels: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pains: Vec<EntryV2>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        gains: Vec<EntryV2>,
    },
    /// A map node: `MapNode(label: "…", type: CitizenGroup, influence: High, interest: Low)`.
    MapNode {
        label: String,
        #[serde(rename = "type")]
        node_type: NodeTypeV2,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        description: String,
        influence: LevelV2,
        interest: LevelV2,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        persona: Option<ItemId>,
    },
    /// Stakeholder rings, innermost first: `Rings(rings: ["Core", "Direct"], sectors: [])`.
    Rings {
        rings: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sectors: Vec<String>,
    },
    /// The influence/interest grid.
    InterestGrid,
    /// A frame (format 3): `Frame(title: "Ideation", order: 1, members: ["…", …])`, with
    /// `collapsed: true` when only its title shows.
    Frame {
        title: String,
        #[serde(default, skip_serializing_if = "is_default")]
        collapsed: bool,
        order: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        members: Vec<ItemId>,
    },
}

/// A persona field or list entry: `(text: "…", basis: Assumption)`; `basis` is left out when
/// the entry is not marked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Entry", deny_unknown_fields)]
pub(super) struct EntryV2 {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub basis: BasisV2,
}

impl EntryV2 {
    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty() && self.basis == BasisV2::Unmarked
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Basis")]
pub(super) enum BasisV2 {
    #[default]
    Unmarked,
    Assumption,
    Evidence(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Channel")]
pub(super) enum ChannelV2 {
    Online,
    Phone,
    InPerson,
    Intermediary,
}

/// A custom persona field: `(label: "…", value: (text: "…"))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "CustomField", deny_unknown_fields)]
pub(super) struct CustomFieldV2 {
    pub label: String,
    pub value: EntryV2,
}

/// Map node types of format 2.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "NodeType")]
pub(super) enum NodeTypeV2 {
    CitizenGroup,
    MunicipalDepartment,
    PublicAgency,
    CivilSociety,
    Business,
    ItSystem,
    Regulator,
    Other,
    Custom(String),
}

/// Influence and interest levels of format 2.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Level")]
pub(super) enum LevelV2 {
    Low,
    Medium,
    High,
    VeryHigh,
}

/// A connector between two items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Connector", deny_unknown_fields)]
pub(super) struct ConnectorV2 {
    pub id: ConnectorId,
    pub from: ItemId,
    pub to: ItemId,
    pub label: String,
    #[serde(default = "arrows_to", skip_serializing_if = "is_arrows_to")]
    pub arrows: ArrowsV2,
    #[serde(default, skip_serializing_if = "is_default")]
    pub line: LineV2,
    #[serde(default, skip_serializing_if = "is_default")]
    pub route: RouteV2,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<RelationV2>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<PolarityV2>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub delay: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Arrows")]
pub(super) enum ArrowsV2 {
    /// No arrow heads. (Not `None`, which RON would have to write as `r#None`.)
    Neither,
    To,
    From,
    Both,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Line")]
pub(super) enum LineV2 {
    #[default]
    Solid,
    Dashed,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Route")]
pub(super) enum RouteV2 {
    #[default]
    Straight,
    Curved,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Relation")]
pub(super) enum RelationV2 {
    Information,
    Money,
    Service,
    DataExchange,
    LegalMandate,
    Trust,
    Custom(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Polarity")]
pub(super) enum PolarityV2 {
    Positive,
    Negative,
    Unknown,
}

pub(super) fn arrows_to() -> ArrowsV2 {
    ArrowsV2::To
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
pub(super) fn is_arrows_to(arrows: &ArrowsV2) -> bool {
    *arrows == ArrowsV2::To
}

pub(super) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
