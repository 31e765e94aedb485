//! Board file format 5: workshop stages, dot votes and the impact/effort grid.
//! **Frozen** once released: never change these structs; a change to the file shape is a new
//! format (see [`super::migrate`]).
//!
//! Format 5 changes four things from format 4:
//! - a frame may carry a stage `prompt` ("How might we…?") and a time box in `minutes`;
//! - a note may carry dot `votes` by voter (`votes: {"facilitator": 2, "Ana": 1}`), and its
//!   place on an impact/effort grid (`impact: Some(High), effort: Some(Low)`);
//! - a new backdrop kind, `ImpactGrid`;
//! - frames no longer have the (always empty) `members` field of formats 3 and 4.
//!
//! Format 6 reads and writes these structs' kinds alike (`v6.rs`), so the conversions to and
//! from the model are there.
//!
//! Every other kind, connectors and photos are written as in format 4. Those kinds have the same
//! text form in both formats, so they are converted through format 4's structs (`convert.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::convert::{kind_from_file, kind_to_file};
use super::v1::ColorV1;
use super::v2::{
    ChannelV2, ConnectorV2, CustomFieldV2, EntryV2, ImageV2, KindV2, LevelV2, NodeTypeV2,
    is_default,
};
use super::v4::{BoardV4, ItemV4};
use crate::model::{Frame, ImageId, ItemId, ItemKind, Note, ZKey};

/// The whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub(super) struct BoardV5 {
    /// 5.
    pub format: u32,
    /// The board's title.
    pub title: String,
    /// Items, sorted by id.
    pub items: Vec<ItemV5>,
    /// Connectors, sorted by id.
    pub connectors: Vec<ConnectorV2>,
    /// The photos persona cards use, sorted by id; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageV2>,
}

/// One item, as in format 4 but with the kinds of format 5.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub(super) struct ItemV5 {
    pub id: ItemId,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub z: ZKey,
    pub color: ColorV1,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ItemId>,
    pub kind: KindV5,
}

/// The item kinds of format 5.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "ItemKind", deny_unknown_fields)]
#[expect(
    clippy::large_enum_variant,
    reason = "file structs live only while one board is read or written; boxing the persona \
              would change its text form"
)]
pub(super) enum KindV5 {
    /// A sticky note: `Note(text: "…")`, with `fit_text: true` when its text size follows the
    /// note, its `votes` by voter, and its `impact` and `effort` once placed on an impact/effort
    /// grid.
    Note {
        text: String,
        #[serde(default, skip_serializing_if = "is_default")]
        fit_text: bool,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        votes: BTreeMap<String, u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        impact: Option<LevelV2>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effort: Option<LevelV2>,
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
    /// The impact/effort grid (format 5).
    ImpactGrid,
    /// A frame: `Frame(title: "Ideation", order: 1)`, with `collapsed: true` when only its title
    /// shows, and for a workshop stage its `prompt` and time box in `minutes`.
    Frame {
        title: String,
        #[serde(default, skip_serializing_if = "is_default")]
        collapsed: bool,
        order: u32,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        prompt: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<u32>,
    },
}

/// Moves the kinds formats 4 and 5 write alike from one enum to the other; `$rest` handles the
/// others.
macro_rules! alike {
    ($kind:expr, $from:ident => $to:ident, $other:ident => $rest:expr) => {
        match $kind {
            $from::Persona {
                name,
                photo,
                age,
                role,
                location,
                quote,
                background,
                goals,
                needs,
                pains,
                behaviours,
                digital_skills,
                channels,
                languages,
                accessibility,
                life_event,
                custom,
            } => $to::Persona {
                name,
                photo,
                age,
                role,
                location,
                quote,
                background,
                goals,
                needs,
                pains,
                behaviours,
                digital_skills,
                channels,
                languages,
                accessibility,
                life_event,
                custom,
            },
            $from::EmpathyMap {
                persona,
                goal,
                says,
                thinks,
                does,
                feels,
                pains,
                gains,
            } => $to::EmpathyMap {
                persona,
                goal,
                says,
                thinks,
                does,
                feels,
                pains,
                gains,
            },
            $from::MapNode {
                label,
                node_type,
                description,
                influence,
                interest,
                persona,
            } => $to::MapNode {
                label,
                node_type,
                description,
                influence,
                interest,
                persona,
            },
            $from::Rings { rings, sectors } => $to::Rings { rings, sectors },
            $from::InterestGrid => $to::InterestGrid,
            $other => $rest,
        }
    };
}

/// A format 4 kind in format 5: notes have no votes and frames no prompt yet.
pub(super) fn kind_from_v4(kind: KindV2) -> KindV5 {
    alike!(kind, KindV2 => KindV5, other => match other {
        KindV2::Note { text, fit_text } => KindV5::Note {
            text,
            fit_text,
            votes: BTreeMap::new(),
            impact: None,
            effort: None,
        },
        KindV2::Frame {
            title,
            collapsed,
            order,
            members: _,
        } => KindV5::Frame {
            title,
            collapsed,
            order,
            prompt: String::new(),
            minutes: None,
        },
        KindV2::Persona { .. }
        | KindV2::EmpathyMap { .. }
        | KindV2::MapNode { .. }
        | KindV2::Rings { .. }
        | KindV2::InterestGrid => unreachable!("handled by `alike!`"),
    })
}

/// The format 5 form of an item's kind (format 6 writes those kinds alike).
pub(super) fn kind_to_v5(kind: &ItemKind) -> KindV5 {
    match kind {
        ItemKind::Note(note) => KindV5::Note {
            text: note.text.clone(),
            fit_text: note.fit_text,
            votes: note.votes.clone(),
            impact: note.impact.map(LevelV2::from),
            effort: note.effort.map(LevelV2::from),
        },
        ItemKind::Frame(frame) => KindV5::Frame {
            title: frame.title.clone(),
            collapsed: frame.collapsed,
            order: frame.order,
            prompt: frame.prompt.clone(),
            minutes: frame.minutes,
        },
        ItemKind::ImpactGrid => KindV5::ImpactGrid,
        // The kinds format 4 does not have are handled above, and strokes (format 6) by
        // `v6.rs`.
        other => kind_to_file(other).map_or(KindV5::ImpactGrid, kind_from_v4),
    }
}

/// The kind a format 5 kind stands for (format 6 reads those kinds alike).
pub(super) fn kind_from_v5(kind: KindV5) -> ItemKind {
    alike!(kind, KindV5 => KindV2, other => match other {
        KindV5::Note {
            text,
            fit_text,
            votes,
            impact,
            effort,
        } => {
            return ItemKind::Note(Note {
                text,
                fit_text,
                // A voter with no votes is left out, as the board keeps them.
                votes: votes.into_iter().filter(|&(_, n)| n > 0).collect(),
                impact: impact.map(Into::into),
                effort: effort.map(Into::into),
            });
        }
        KindV5::Frame {
            title,
            collapsed,
            order,
            prompt,
            minutes,
        } => {
            return ItemKind::Frame(Frame {
                title,
                collapsed,
                order,
                prompt,
                minutes,
            });
        }
        KindV5::ImpactGrid => return ItemKind::ImpactGrid,
        KindV5::Persona { .. }
        | KindV5::EmpathyMap { .. }
        | KindV5::MapNode { .. }
        | KindV5::Rings { .. }
        | KindV5::InterestGrid => unreachable!("handled by `alike!`"),
    })
    .into_model()
}

impl KindV2 {
    fn into_model(self) -> ItemKind {
        kind_from_file(self)
    }
}

impl BoardV5 {
    /// A format 4 file as format 5.
    pub fn from_v4(file: BoardV4) -> Self {
        Self {
            format: 5,
            title: file.title,
            items: file
                .items
                .into_iter()
                .map(|item: ItemV4| ItemV5 {
                    id: item.id,
                    x: item.x,
                    y: item.y,
                    width: item.width,
                    height: item.height,
                    z: item.z,
                    color: item.color,
                    parent: item.parent,
                    kind: kind_from_v4(item.kind),
                })
                .collect(),
            connectors: file.connectors,
            images: file.images,
        }
    }
}
