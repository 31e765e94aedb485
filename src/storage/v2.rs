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
//! changes nothing but the number. Files are written as format 3 so that an app that knows only
//! format 2 refuses them with a clear message instead of failing on the first frame.

use serde::{Deserialize, Serialize};

use super::v1::ColorV1;
use super::validate::check_item;
use super::{FormatError, LoadWarning, Position, position};
use crate::model::{
    Arrows, Basis, Board, BoardError, Channel, Connector, ConnectorId, ConnectorProps, CustomField,
    EmpathyMap, Entry, Frame, ImageFormat, ImageId, Item, ItemId, ItemKind, Level, LineStyle,
    MapNode, NodeType, Note, Persona, Point, Polarity, Relation, Rings, Route, Size, StoredImage,
    ZKey,
};

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
    fn is_empty(&self) -> bool {
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

fn arrows_to() -> ArrowsV2 {
    ArrowsV2::To
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_arrows_to(arrows: &ArrowsV2) -> bool {
    *arrows == ArrowsV2::To
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl BoardV2 {
    /// The file form of `board`, items and connectors sorted by id.
    pub fn from_board(board: &Board) -> Self {
        Self {
            format: 3,
            title: board.title().to_owned(),
            items: board.items().map(ItemV2::from_item).collect(),
            connectors: board
                .connectors()
                .map(ConnectorV2::from_connector)
                .collect(),
            images: board
                .used_images()
                .map(|(id, image)| ImageV2 {
                    id,
                    width: image.width,
                    height: image.height,
                    format: match image.format {
                        ImageFormat::Png => ImageFormatV2::Png,
                        ImageFormat::Jpeg => ImageFormatV2::Jpeg,
                    },
                    data: crate::photos::encode_base64_lines(&image.bytes),
                })
                .collect(),
        }
    }

    /// The board this file describes, and the repairs made while reading it. `text` is the
    /// file's text, used only to point errors and warnings at the right line.
    pub fn into_board(self, text: &str) -> Result<(Board, Vec<LoadWarning>), FormatError> {
        let items: Vec<Item> = self.items.into_iter().map(ItemV2::into_item).collect();
        for item in &items {
            if let Err(problem) = check_item(item) {
                let id_at = position::find_string_field(text, "id", &item.id.to_string(), 0);
                let field_at = id_at.and_then(|id_at| {
                    let next_id = position::field_values(text, "id")
                        .find(|&start| start > id_at)
                        .unwrap_or(text.len());
                    position::find_field_between(text, problem.field, id_at, next_id)
                });
                return Err(FormatError::InvalidGeometry {
                    position: field_at.or(id_at).map(|at| Position::at_byte(text, at)),
                    item: item.id,
                    problem: problem.message,
                });
            }
        }
        let ids: std::collections::HashSet<ItemId> = items.iter().map(|item| item.id).collect();
        let mut warnings = Vec::new();
        let images = read_images(self.images, text, &mut warnings);
        let mut items = items;
        forget_missing_photos(&mut items, &images, &mut warnings);
        let personas: std::collections::HashSet<ItemId> = items
            .iter()
            .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
            .map(|item| item.id)
            .collect();
        for item in &mut items {
            let link = match &mut item.kind {
                ItemKind::MapNode(node) => &mut node.persona,
                ItemKind::EmpathyMap(map) => &mut map.persona,
                _ => continue,
            };
            if let Some(persona) = *link
                && !personas.contains(&persona)
            {
                *link = None;
                let at = text
                    .find(&format!("persona: Some(\"{persona}\")"))
                    .map(|at| at + "persona: Some(".len());
                warnings.push(LoadWarning::DroppedPersonaLink {
                    item: item.id,
                    missing: persona,
                    position: at.map(|at| Position::at_byte(text, at)),
                });
            }
        }
        check_frames(&mut items, text, &mut warnings);
        let connectors: Vec<Connector> = self
            .connectors
            .into_iter()
            .map(ConnectorV2::into_connector)
            .filter(|connector| {
                let Some(&missing) = [connector.from, connector.to]
                    .iter()
                    .find(|end| !ids.contains(end))
                else {
                    return true;
                };
                let at = position::find_string_field(text, "id", &connector.id.to_string(), 0);
                warnings.push(LoadWarning::DroppedConnector {
                    connector: connector.id,
                    missing,
                    position: at.map(|at| Position::at_byte(text, at)),
                });
                false
            })
            .collect();
        let board = Board::from_parts(self.title, items, connectors).map_err(|source| {
            let at = match &source {
                // The second time the id appears is the duplicate.
                BoardError::DuplicateItem(id) => {
                    position::find_string_field(text, "id", &id.to_string(), 1)
                }
                BoardError::DuplicateConnector(id) => {
                    position::find_string_field(text, "id", &id.to_string(), 1)
                }
                BoardError::DanglingConnector { connector, .. } => {
                    position::find_string_field(text, "id", &connector.to_string(), 0)
                }
            };
            FormatError::InvalidBoard {
                position: at.map(|at| Position::at_byte(text, at)),
                source,
            }
        })?;
        Ok((board.with_images(images), warnings))
    }
}

/// Frame members must be items of the file that are not frames, each in one frame only; any
/// other member is dropped from its frame with a warning (the item itself stays on the board).
fn check_frames(items: &mut [Item], text: &str, warnings: &mut Vec<LoadWarning>) {
    let frames: std::collections::HashSet<ItemId> = items
        .iter()
        .filter(|item| item.as_frame().is_some())
        .map(|item| item.id)
        .collect();
    let others: std::collections::HashSet<ItemId> = items
        .iter()
        .map(|item| item.id)
        .filter(|id| !frames.contains(id))
        .collect();
    let mut placed: std::collections::HashMap<ItemId, ItemId> = std::collections::HashMap::new();
    for item in items {
        let frame_id = item.id;
        let ItemKind::Frame(frame) = &mut item.kind else {
            continue;
        };
        frame.members.retain(|&member| {
            let problem = if frames.contains(&member) {
                "it is a frame itself, and frames do not go inside frames".to_owned()
            } else if !others.contains(&member) {
                "it is not in the file".to_owned()
            } else if let Some(first) = placed.get(&member) {
                format!("it is already in frame {first}")
            } else {
                placed.insert(member, frame_id);
                return true;
            };
            let at = text
                .find(&format!("\"{member}\""))
                .filter(|_| !others.contains(&member) && !frames.contains(&member));
            warnings.push(LoadWarning::DroppedFrameMember {
                frame: frame_id,
                member,
                problem,
                position: at.map(|at| Position::at_byte(text, at)),
            });
            false
        });
    }
}

/// The photos of the file that could be read; each one that could not is left out with a
/// warning naming it.
fn read_images(
    images: Vec<ImageV2>,
    text: &str,
    warnings: &mut Vec<LoadWarning>,
) -> Vec<(ImageId, StoredImage)> {
    let limit = crate::photos::STORED_MAX_SIDE_PX * 2;
    images
        .into_iter()
        .filter_map(|image| {
            let problem = if image.width == 0
                || image.height == 0
                || image.width > limit
                || image.height > limit
            {
                Err(format!(
                    "it says it is {} × {} pixels; stored photos are at most {limit} a side",
                    image.width, image.height
                ))
            } else {
                crate::photos::decode_base64_lines(&image.data).map_err(|error| error.to_string())
            };
            match problem {
                Ok(bytes) => Some((
                    image.id,
                    StoredImage {
                        width: image.width,
                        height: image.height,
                        format: match image.format {
                            ImageFormatV2::Png => ImageFormat::Png,
                            ImageFormatV2::Jpeg => ImageFormat::Jpeg,
                        },
                        bytes: bytes.into(),
                    },
                )),
                Err(problem) => {
                    let at = position::find_string_field(text, "id", &image.id.to_string(), 0);
                    warnings.push(LoadWarning::DamagedPhoto {
                        image: image.id,
                        problem,
                        position: at.map(|at| Position::at_byte(text, at)),
                    });
                    None
                }
            }
        })
        .collect()
}

/// Persona photos that are not among `images` are dropped with a warning; the card keeps
/// everything else and shows its initials.
fn forget_missing_photos(
    items: &mut [Item],
    images: &[(ImageId, StoredImage)],
    warnings: &mut Vec<LoadWarning>,
) {
    for item in items {
        if let ItemKind::Persona(persona) = &mut item.kind
            && let Some(photo) = persona.photo
            && !images.iter().any(|(id, _)| *id == photo)
        {
            persona.photo = None;
            warnings.push(LoadWarning::MissingPhoto {
                item: item.id,
                image: photo,
            });
        }
    }
}

impl ItemV2 {
    fn from_item(item: &Item) -> Self {
        Self {
            id: item.id,
            x: item.pos.x,
            y: item.pos.y,
            width: item.size.width,
            height: item.size.height,
            z: item.z.clone(),
            color: item.color.into(),
            kind: match &item.kind {
                ItemKind::Note(note) => KindV2::Note {
                    text: note.text.clone(),
                    fit_text: note.fit_text,
                },
                ItemKind::Persona(persona) => persona_to_file(persona),
                ItemKind::EmpathyMap(map) => KindV2::EmpathyMap {
                    persona: map.persona,
                    goal: map.goal.clone(),
                    says: entries_to_file(&map.says),
                    thinks: entries_to_file(&map.thinks),
                    does: entries_to_file(&map.does),
                    feels: entries_to_file(&map.feels),
                    pains: entries_to_file(&map.pains),
                    gains: entries_to_file(&map.gains),
                },
                ItemKind::MapNode(node) => KindV2::MapNode {
                    label: node.label.clone(),
                    node_type: node.node_type.clone().into(),
                    description: node.description.clone(),
                    influence: node.influence.into(),
                    interest: node.interest.into(),
                    persona: node.persona,
                },
                ItemKind::Rings(rings) => KindV2::Rings {
                    rings: rings.rings.clone(),
                    sectors: rings.sectors.clone(),
                },
                ItemKind::InterestGrid => KindV2::InterestGrid,
                ItemKind::Frame(frame) => KindV2::Frame {
                    title: frame.title.clone(),
                    collapsed: frame.collapsed,
                    order: frame.order,
                    members: frame.members.iter().copied().collect(),
                },
            },
        }
    }

    fn into_item(self) -> Item {
        Item {
            id: self.id,
            pos: Point::new(self.x, self.y),
            size: Size::new(self.width, self.height),
            z: self.z,
            color: self.color.into(),
            kind: match self.kind {
                KindV2::Note { text, fit_text } => ItemKind::Note(Note { text, fit_text }),
                persona @ KindV2::Persona { .. } => persona_from_file(persona),
                KindV2::EmpathyMap {
                    persona,
                    goal,
                    says,
                    thinks,
                    does,
                    feels,
                    pains,
                    gains,
                } => ItemKind::EmpathyMap(Box::new(EmpathyMap {
                    persona,
                    goal,
                    says: entries_from_file(says),
                    thinks: entries_from_file(thinks),
                    does: entries_from_file(does),
                    feels: entries_from_file(feels),
                    pains: entries_from_file(pains),
                    gains: entries_from_file(gains),
                })),
                KindV2::MapNode {
                    label,
                    node_type,
                    description,
                    influence,
                    interest,
                    persona,
                } => ItemKind::MapNode(MapNode {
                    label,
                    node_type: node_type.into(),
                    description,
                    influence: influence.into(),
                    interest: interest.into(),
                    persona,
                }),
                KindV2::Rings { rings, sectors } => ItemKind::Rings(Rings { rings, sectors }),
                KindV2::InterestGrid => ItemKind::InterestGrid,
                KindV2::Frame {
                    title,
                    collapsed,
                    order,
                    members,
                } => ItemKind::Frame(Frame {
                    title,
                    collapsed,
                    order,
                    members: members.into_iter().collect(),
                }),
            },
        }
    }
}

fn entry_to_file(entry: &Entry) -> EntryV2 {
    EntryV2 {
        text: entry.text.clone(),
        basis: match &entry.basis {
            Basis::Unmarked => BasisV2::Unmarked,
            Basis::Assumption => BasisV2::Assumption,
            Basis::Evidence(source) => BasisV2::Evidence(source.clone()),
        },
    }
}

fn entry_from_file(entry: EntryV2) -> Entry {
    Entry {
        text: entry.text,
        basis: match entry.basis {
            BasisV2::Unmarked => Basis::Unmarked,
            BasisV2::Assumption => Basis::Assumption,
            BasisV2::Evidence(source) => Basis::Evidence(source),
        },
    }
}

fn entries_to_file(entries: &[Entry]) -> Vec<EntryV2> {
    entries.iter().map(entry_to_file).collect()
}

fn entries_from_file(entries: Vec<EntryV2>) -> Vec<Entry> {
    entries.into_iter().map(entry_from_file).collect()
}

fn persona_to_file(persona: &Persona) -> KindV2 {
    KindV2::Persona {
        name: persona.name.clone(),
        photo: persona.photo,
        age: entry_to_file(&persona.age),
        role: entry_to_file(&persona.role),
        location: entry_to_file(&persona.location),
        quote: entry_to_file(&persona.quote),
        background: entry_to_file(&persona.background),
        goals: entries_to_file(&persona.goals),
        needs: entries_to_file(&persona.needs),
        pains: entries_to_file(&persona.pains),
        behaviours: entries_to_file(&persona.behaviours),
        digital_skills: persona.digital_skills,
        channels: persona
            .channels
            .iter()
            .map(|channel| match channel {
                Channel::Online => ChannelV2::Online,
                Channel::Phone => ChannelV2::Phone,
                Channel::InPerson => ChannelV2::InPerson,
                Channel::Intermediary => ChannelV2::Intermediary,
            })
            .collect(),
        languages: entry_to_file(&persona.languages),
        accessibility: entry_to_file(&persona.accessibility),
        life_event: entry_to_file(&persona.life_event),
        custom: persona
            .custom
            .iter()
            .map(|field| CustomFieldV2 {
                label: field.label.clone(),
                value: entry_to_file(&field.value),
            })
            .collect(),
    }
}

/// The persona of a `KindV2::Persona`; any other kind gives an empty persona (never happens:
/// the caller matches first).
fn persona_from_file(kind: KindV2) -> ItemKind {
    let KindV2::Persona {
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
    } = kind
    else {
        return ItemKind::Persona(Box::default());
    };
    ItemKind::Persona(Box::new(Persona {
        name,
        photo,
        age: entry_from_file(age),
        role: entry_from_file(role),
        location: entry_from_file(location),
        quote: entry_from_file(quote),
        background: entry_from_file(background),
        goals: entries_from_file(goals),
        needs: entries_from_file(needs),
        pains: entries_from_file(pains),
        behaviours: entries_from_file(behaviours),
        digital_skills,
        channels: channels
            .into_iter()
            .map(|channel| match channel {
                ChannelV2::Online => Channel::Online,
                ChannelV2::Phone => Channel::Phone,
                ChannelV2::InPerson => Channel::InPerson,
                ChannelV2::Intermediary => Channel::Intermediary,
            })
            .collect(),
        languages: entry_from_file(languages),
        accessibility: entry_from_file(accessibility),
        life_event: entry_from_file(life_event),
        custom: custom
            .into_iter()
            .map(|field| CustomField {
                label: field.label,
                value: entry_from_file(field.value),
            })
            .collect(),
    }))
}

impl ConnectorV2 {
    fn from_connector(connector: &Connector) -> Self {
        let props = &connector.props;
        Self {
            id: connector.id,
            from: connector.from,
            to: connector.to,
            label: connector.label.clone(),
            arrows: match props.arrows {
                Arrows::None => ArrowsV2::Neither,
                Arrows::To => ArrowsV2::To,
                Arrows::From => ArrowsV2::From,
                Arrows::Both => ArrowsV2::Both,
            },
            line: match props.line {
                LineStyle::Solid => LineV2::Solid,
                LineStyle::Dashed => LineV2::Dashed,
            },
            route: match props.route {
                Route::Straight => RouteV2::Straight,
                Route::Curved => RouteV2::Curved,
            },
            relation: props.relation.as_ref().map(|relation| match relation {
                Relation::Information => RelationV2::Information,
                Relation::Money => RelationV2::Money,
                Relation::Service => RelationV2::Service,
                Relation::DataExchange => RelationV2::DataExchange,
                Relation::LegalMandate => RelationV2::LegalMandate,
                Relation::Trust => RelationV2::Trust,
                Relation::Custom(name) => RelationV2::Custom(name.clone()),
            }),
            polarity: props.polarity.map(|polarity| match polarity {
                Polarity::Positive => PolarityV2::Positive,
                Polarity::Negative => PolarityV2::Negative,
                Polarity::Unknown => PolarityV2::Unknown,
            }),
            delay: props.delay,
        }
    }

    fn into_connector(self) -> Connector {
        let props = ConnectorProps {
            arrows: match self.arrows {
                ArrowsV2::Neither => Arrows::None,
                ArrowsV2::To => Arrows::To,
                ArrowsV2::From => Arrows::From,
                ArrowsV2::Both => Arrows::Both,
            },
            line: match self.line {
                LineV2::Solid => LineStyle::Solid,
                LineV2::Dashed => LineStyle::Dashed,
            },
            route: match self.route {
                RouteV2::Straight => Route::Straight,
                RouteV2::Curved => Route::Curved,
            },
            relation: self.relation.map(|relation| match relation {
                RelationV2::Information => Relation::Information,
                RelationV2::Money => Relation::Money,
                RelationV2::Service => Relation::Service,
                RelationV2::DataExchange => Relation::DataExchange,
                RelationV2::LegalMandate => Relation::LegalMandate,
                RelationV2::Trust => Relation::Trust,
                RelationV2::Custom(name) => Relation::Custom(name),
            }),
            polarity: self.polarity.map(|polarity| match polarity {
                PolarityV2::Positive => Polarity::Positive,
                PolarityV2::Negative => Polarity::Negative,
                PolarityV2::Unknown => Polarity::Unknown,
            }),
            delay: self.delay,
        };
        Connector {
            id: self.id,
            from: self.from,
            to: self.to,
            label: self.label,
            props,
        }
    }
}

impl From<NodeType> for NodeTypeV2 {
    fn from(node_type: NodeType) -> Self {
        match node_type {
            NodeType::CitizenGroup => Self::CitizenGroup,
            NodeType::MunicipalDepartment => Self::MunicipalDepartment,
            NodeType::PublicAgency => Self::PublicAgency,
            NodeType::CivilSociety => Self::CivilSociety,
            NodeType::Business => Self::Business,
            NodeType::ItSystem => Self::ItSystem,
            NodeType::Regulator => Self::Regulator,
            NodeType::Other => Self::Other,
            NodeType::Custom(name) => Self::Custom(name),
        }
    }
}

impl From<NodeTypeV2> for NodeType {
    fn from(node_type: NodeTypeV2) -> Self {
        match node_type {
            NodeTypeV2::CitizenGroup => Self::CitizenGroup,
            NodeTypeV2::MunicipalDepartment => Self::MunicipalDepartment,
            NodeTypeV2::PublicAgency => Self::PublicAgency,
            NodeTypeV2::CivilSociety => Self::CivilSociety,
            NodeTypeV2::Business => Self::Business,
            NodeTypeV2::ItSystem => Self::ItSystem,
            NodeTypeV2::Regulator => Self::Regulator,
            NodeTypeV2::Other => Self::Other,
            NodeTypeV2::Custom(name) => Self::Custom(name),
        }
    }
}

impl From<Level> for LevelV2 {
    fn from(level: Level) -> Self {
        match level {
            Level::Low => Self::Low,
            Level::Medium => Self::Medium,
            Level::High => Self::High,
            Level::VeryHigh => Self::VeryHigh,
        }
    }
}

impl From<LevelV2> for Level {
    fn from(level: LevelV2) -> Self {
        match level {
            LevelV2::Low => Self::Low,
            LevelV2::Medium => Self::Medium,
            LevelV2::High => Self::High,
            LevelV2::VeryHigh => Self::VeryHigh,
        }
    }
}
