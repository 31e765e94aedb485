//! Board file format 6: pen and highlighter strokes.
//! **Frozen** once released: never change these structs; a change to the file shape is a new
//! format (see [`super::migrate`]).
//!
//! Format 6 adds one item kind to format 5, `Stroke`:
//!
//! ```text
//! kind: Stroke(
//!     tool: Pen,
//!     drawn: (44.0, 24.0),
//!     points: [2.0, 2.0, -1.0, 42.0, 22.0, 0.62],
//! ),
//! ```
//!
//! `tool` is `Pen` or `Highlighter`; `drawn` is the size of the box the points were drawn in
//! (an item of another size shows them scaled); `points` is one flat list of numbers, three per
//! point: `x` and `y` relative to the item's top-left corner, rounded to a tenth of a unit, and
//! the pen's pressure rounded to a hundredth, or `-1.0` where the device reported none. The list
//! is written on one line, so a long stroke takes one line of the file, not thousands. A list
//! whose length is not a multiple of 3 refuses the file, naming the line and column; so do
//! values that are not finite numbers (see `validate.rs`).
//!
//! Format 6 also gives a persona card its drawn `portrait`, left out when none was drawn: one
//! flat list of numbers per pen line, as a stroke's `points`, in a square 100 units wide (points
//! relative to its top-left corner), each line on a line of its own:
//!
//! ```text
//! kind: Persona(
//!     name: "Nana Beridze",
//!     portrait: [
//!         [30.0, 20.0, -1.0, 50.0, 12.5, -1.0, 70.0, 20.0, -1.0],
//!         [42.0, 45.0, -1.0],
//!     ],
//! ),
//! ```
//!
//! A line whose list does not hold three numbers per point refuses the file, pointing at that
//! list; so does a value that is not a finite number.
//!
//! Every other kind, connectors and photos are written as in format 5, and converted through
//! format 5's structs (`v5.rs`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

use super::convert::{images_to_file, read_images};
use super::integrity;
use super::locate::Locator;
use super::v1::ColorV1;
use super::v2::{
    ChannelV2, ConnectorV2, CustomFieldV2, EntryV2, ImageV2, LevelV2, NodeTypeV2, is_default,
};
use super::v5::{self, BoardV5, ItemV5, KindV5};
use super::{FormatError, LoadWarning};
use crate::model::{
    Board, Connector, ImageId, Item, ItemId, ItemKind, Point, Portrait, Size, Stroke, StrokeTool,
    ZKey, number,
};

/// The whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub(super) struct BoardV6 {
    /// 6.
    pub format: u32,
    /// The board's title.
    pub title: String,
    /// Items, sorted by id.
    pub items: Vec<ItemV6>,
    /// Connectors, sorted by id.
    pub connectors: Vec<ConnectorV2>,
    /// The photos persona cards use, sorted by id; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageV2>,
}

/// One item, as in format 5 but with the kinds of format 6.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub(super) struct ItemV6 {
    pub id: ItemId,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub z: ZKey,
    pub color: ColorV1,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ItemId>,
    pub kind: KindV6,
}

/// What a stroke was drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "StrokeTool")]
pub(super) enum StrokeToolV6 {
    Pen,
    Highlighter,
}

/// A stroke's points as one flat list of numbers, three per point (`x`, `y`, pressure or -1),
/// written on one line.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct FlatPoints(pub Vec<f32>);

/// The item kinds of format 6.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "ItemKind", deny_unknown_fields)]
#[expect(
    clippy::large_enum_variant,
    reason = "file structs live only while one board is read or written; boxing the persona \
              would change its text form"
)]
pub(super) enum KindV6 {
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
    /// A persona card. Only `name` is required; empty fields and lists are left out. Its
    /// `portrait` (format 6) is one flat list of numbers per pen line.
    Persona {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        photo: Option<ImageId>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        portrait: Vec<FlatPoints>,
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
    /// The impact/effort grid.
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
    /// A line drawn with the pen or highlighter (format 6): `Stroke(tool: Pen, drawn: (w, h),
    /// points: [x, y, p, …])`, the points relative to the item's top-left corner.
    Stroke {
        tool: StrokeToolV6,
        drawn: (f32, f32),
        points: FlatPoints,
    },
}

/// Moves the kinds formats 5 and 6 write alike from one enum to the other; `$extra` are the arms
/// for the others.
///
/// A persona's `portrait` is format 6's alone: the pattern leaves it out (the callers read it
/// before), and `persona: { … }` gives the fields to add when building a format 6 persona.
macro_rules! alike {
    ($kind:expr, $from:ident => $to:ident, persona: { $($portrait:tt)* } $(, $($extra:tt)*)?) => {
        match $kind {
            $from::Note {
                text,
                fit_text,
                votes,
                impact,
                effort,
            } => $to::Note {
                text,
                fit_text,
                votes,
                impact,
                effort,
            },
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
                ..
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
                $($portrait)*
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
            $from::ImpactGrid => $to::ImpactGrid,
            $from::Frame {
                title,
                collapsed,
                order,
                prompt,
                minutes,
            } => $to::Frame {
                title,
                collapsed,
                order,
                prompt,
                minutes,
            },
            $($($extra)*)?
        }
    };
}

/// A format 5 kind in format 6: the same (a persona with no portrait).
fn kind_from_v5(kind: KindV5) -> KindV6 {
    alike!(kind, KindV5 => KindV6, persona: { portrait: Vec::new() })
}

/// The file form of an item's kind.
fn kind_to_v6(kind: &ItemKind) -> KindV6 {
    match kind {
        ItemKind::Stroke(stroke) => KindV6::Stroke {
            tool: match stroke.tool {
                StrokeTool::Pen => StrokeToolV6::Pen,
                StrokeTool::Highlighter => StrokeToolV6::Highlighter,
            },
            drawn: (stroke.drawn.width, stroke.drawn.height),
            points: FlatPoints(stroke.flat_numbers()),
        },
        ItemKind::Persona(persona) => {
            let mut file = kind_from_v5(v5::kind_to_v5(kind));
            if let KindV6::Persona { portrait, .. } = &mut file {
                *portrait = persona
                    .portrait
                    .flat_lines()
                    .into_iter()
                    .map(FlatPoints)
                    .collect();
            }
            file
        }
        other => kind_from_v5(v5::kind_to_v5(other)),
    }
}

/// The kind a file's kind stands for (a stroke's list of points and a persona's portrait
/// checked by [`check_lines`]).
fn kind_from_v6(kind: KindV6) -> ItemKind {
    let portrait = match &kind {
        KindV6::Persona { portrait, .. } => Some(portrait_from_v6(portrait)),
        _ => None,
    };
    let v5 = alike!(kind, KindV6 => KindV5, persona: {},
        KindV6::Stroke {
            tool,
            drawn,
            points,
        } => return ItemKind::Stroke(stroke_from_v6(tool, drawn, &points)),
    );
    let mut kind = v5::kind_from_v5(v5);
    if let (ItemKind::Persona(persona), Some(portrait)) = (&mut kind, portrait) {
        persona.portrait = portrait;
    }
    kind
}

/// The portrait a file's lists stand for (each already checked to hold three numbers per
/// point by [`check_lines`]).
fn portrait_from_v6(lines: &[FlatPoints]) -> Portrait {
    let lists: Vec<Vec<f32>> = lines.iter().map(|line| line.0.clone()).collect();
    Portrait::from_flat_lines(&lists).unwrap_or_default()
}

/// The stroke a file's stroke stands for (its list of points already checked to hold three
/// numbers per point by [`check_lines`]; see [`Stroke::points_from_flat`]).
fn stroke_from_v6(tool: StrokeToolV6, drawn: (f32, f32), points: &FlatPoints) -> Stroke {
    Stroke {
        tool: match tool {
            StrokeToolV6::Pen => StrokeTool::Pen,
            StrokeToolV6::Highlighter => StrokeTool::Highlighter,
        },
        drawn: Size::new(drawn.0, drawn.1),
        // Checked to hold three numbers per point by `check_lines`.
        points: Stroke::points_from_flat(&points.0).unwrap_or_default(),
    }
}

/// Refuses a stroke whose list of points does not hold three numbers per point, pointing at
/// the list, and a persona's portrait with a line that does not, or with a value that is not a
/// finite number, pointing at that line's list.
fn check_lines(items: &[ItemV6], locator: &Locator<'_>) -> Result<(), FormatError> {
    for item in items {
        match &item.kind {
            KindV6::Stroke { points, .. } if !points.0.len().is_multiple_of(3) => {
                return Err(FormatError::InvalidGeometry {
                    position: locator.field(&item.id.to_string(), "points"),
                    item: item.id,
                    problem: format!(
                        "a stroke's `points` hold three numbers per point (x, y and \
                         pressure); this list has {}",
                        points.0.len()
                    ),
                });
            }
            KindV6::Persona { portrait, .. } => check_portrait(item.id, portrait, locator)?,
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a portrait with a line that does not hold three numbers per point or holds a value
/// that is not a finite number, pointing at that line's list.
fn check_portrait(
    id: ItemId,
    lines: &[FlatPoints],
    locator: &Locator<'_>,
) -> Result<(), FormatError> {
    for (place, line) in lines.iter().enumerate() {
        let problem = if line.0.len().is_multiple_of(3) {
            match line.0.iter().find(|value| !value.is_finite()) {
                Some(bad) => format!("it holds {bad}; every value must be a finite number"),
                None => continue,
            }
        } else {
            format!(
                "it holds {} numbers, not three per point (x, y and pressure)",
                line.0.len()
            )
        };
        return Err(FormatError::InvalidGeometry {
            position: locator.list_entry(&id.to_string(), "portrait", place),
            item: id,
            problem: format!("line {} of the persona's `portrait`: {problem}", place + 1),
        });
    }
    Ok(())
}

impl Serialize for FlatPoints {
    /// One line: `[0.0, 0.0, -1.0, 12.3, 4.5, 0.62]`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let numbers: Vec<String> = self.0.iter().map(|&value| number(value)).collect();
        let text = format!("[{}]", numbers.join(", "));
        match ron::value::RawValue::from_ron(&text) {
            Ok(raw) => raw.serialize(serializer),
            // Only a value that is not finite (refused by saving before this) is no number in
            // RON's eyes; written as a plain list, it still says what it is.
            Err(_) => self.0.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for FlatPoints {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<f32>::deserialize(deserializer).map(Self)
    }
}

impl BoardV6 {
    /// The file form of `board`, items and connectors sorted by id.
    pub fn from_board(board: &Board) -> Self {
        Self {
            format: 6,
            title: board.title().to_owned(),
            items: board
                .items()
                .map(|item| ItemV6 {
                    id: item.id,
                    x: item.pos.x,
                    y: item.pos.y,
                    width: item.size.width,
                    height: item.size.height,
                    z: item.z.clone(),
                    color: item.color.into(),
                    parent: item.parent,
                    kind: kind_to_v6(&item.kind),
                })
                .collect(),
            connectors: board
                .connectors()
                .map(ConnectorV2::from_connector)
                .collect(),
            images: images_to_file(board),
        }
    }

    /// A format 5 file as format 6: the same board.
    pub fn from_v5(file: BoardV5) -> Self {
        Self {
            format: 6,
            title: file.title,
            items: file
                .items
                .into_iter()
                .map(|item: ItemV5| ItemV6 {
                    id: item.id,
                    x: item.x,
                    y: item.y,
                    width: item.width,
                    height: item.height,
                    z: item.z,
                    color: item.color,
                    parent: item.parent,
                    kind: kind_from_v5(item.kind),
                })
                .collect(),
            connectors: file.connectors,
            images: file.images,
        }
    }

    /// The board this file describes, and the repairs made while reading it. `locator` knows
    /// the file's text, used only to point errors and warnings at the right line.
    pub fn into_board(
        self,
        locator: &Locator<'_>,
    ) -> Result<(Board, Vec<LoadWarning>), FormatError> {
        check_lines(&self.items, locator)?;
        let mut items: Vec<Item> = self
            .items
            .into_iter()
            .map(|item| Item {
                id: item.id,
                pos: Point::new(item.x, item.y),
                size: Size::new(item.width, item.height),
                z: item.z,
                color: item.color.into(),
                kind: kind_from_v6(item.kind),
                parent: item.parent,
            })
            .collect();
        integrity::check_contents(&items, locator)?;
        let mut warnings = Vec::new();
        let read = read_images(self.images, locator, &mut warnings);
        integrity::forget_missing_photos(&mut items, &read, &mut warnings);
        integrity::drop_bad_persona_links(&mut items, locator, &mut warnings);
        integrity::check_parents(&mut items, locator, &mut warnings);
        let connectors: Vec<Connector> = self
            .connectors
            .into_iter()
            .map(ConnectorV2::into_connector)
            .collect();
        let mut connectors =
            integrity::drop_dangling_connectors(&items, connectors, locator, &mut warnings);
        let mut title = self.title;
        integrity::put_names_on_one_line(
            &mut title,
            &mut items,
            &mut connectors,
            locator,
            &mut warnings,
        );
        let board = integrity::build_board(title, items, connectors, locator)?;
        Ok((board.with_images(read.images), warnings))
    }
}
