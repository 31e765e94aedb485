//! Turning the file structs of formats 2 to 5 into the model and back. Every kind, connector and
//! photo has the same file form in formats 2 to 4, so this is shared by them; format 5 writes
//! most kinds, every connector and photo the same way, and converts through here (`v5.rs`).

use std::collections::{HashMap, HashSet};

use super::LoadWarning;
use super::locate::Locator;
use super::v2::{BasisV2, ChannelV2, CustomFieldV2, EntryV2, ImageFormatV2, ImageV2, KindV2};
use crate::model::{
    Basis, Board, Channel, CustomField, EmpathyMap, Entry, Frame, ImageFormat, ImageId, ItemKind,
    MapNode, Note, Persona, Portrait, Rings, StoredImage,
};

/// The format 4 form of an item's kind, without what format 4 cannot hold (votes, stage
/// prompts); `None` for a kind format 4 does not have (the impact/effort grid). A frame's
/// members are left out: items name their frame.
pub(super) fn kind_to_file(kind: &ItemKind) -> Option<KindV2> {
    Some(match kind {
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
        ItemKind::ImpactGrid | ItemKind::Stroke(_) => return None,
        ItemKind::Frame(frame) => KindV2::Frame {
            title: frame.title.clone(),
            collapsed: frame.collapsed,
            order: frame.order,
            members: Vec::new(),
        },
    })
}

/// The kind a file's kind stands for. A format 3 frame's members are read by the migration to
/// format 4, before this.
pub(super) fn kind_from_file(kind: KindV2) -> ItemKind {
    match kind {
        KindV2::Note { text, fit_text } => ItemKind::Note(Note {
            text,
            fit_text,
            ..Note::default()
        }),
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
            members: _,
        } => ItemKind::Frame(Frame {
            title,
            collapsed,
            order,
            ..Frame::default()
        }),
    }
}

/// The file form of the photos persona cards use, sorted by id.
pub(super) fn images_to_file(board: &Board) -> Vec<ImageV2> {
    board
        .used_images()
        .map(|(id, image)| ImageV2 {
            id,
            width: image.width,
            height: image.height,
            format: image.format.into(),
            data: crate::photos::encode_base64_lines(&image.bytes),
        })
        .collect()
}

impl From<ImageFormat> for ImageFormatV2 {
    fn from(format: ImageFormat) -> Self {
        match format {
            ImageFormat::Png => Self::Png,
            ImageFormat::Jpeg => Self::Jpeg,
        }
    }
}

impl From<ImageFormatV2> for ImageFormat {
    fn from(format: ImageFormatV2) -> Self {
        match format {
            ImageFormatV2::Png => Self::Png,
            ImageFormatV2::Jpeg => Self::Jpeg,
        }
    }
}

/// The photos of a file that could be read, each under the id its content gives.
#[derive(Debug, Default)]
pub(super) struct ReadImages {
    /// The photos, each once.
    pub(super) images: Vec<(ImageId, StoredImage)>,
    /// The true id of each photo stored under another.
    pub(super) renamed: HashMap<ImageId, ImageId>,
}

/// The photos of the file that could be read; each one that could not is left out with a
/// warning naming it, and each stored under an id that is not its content's is kept under the
/// true one, with a warning.
pub(super) fn read_images(
    images: Vec<ImageV2>,
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) -> ReadImages {
    let limit = crate::photos::STORED_MAX_SIDE_PX * 2;
    let mut read = ReadImages::default();
    let mut kept = HashSet::new();
    for image in images {
        let bytes =
            if image.width == 0 || image.height == 0 || image.width > limit || image.height > limit
            {
                Err(format!(
                    "it says it is {} × {} pixels; stored photos are at most {limit} a side",
                    image.width, image.height
                ))
            } else {
                crate::photos::decode_base64_lines(&image.data).map_err(|error| error.to_string())
            };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(problem) => {
                warnings.push(LoadWarning::DamagedPhoto {
                    image: image.id,
                    problem,
                    position: locator.id(&image.id.to_string()),
                });
                continue;
            }
        };
        let actual = ImageId::from_raw(crate::photos::content_id(&bytes));
        if actual != image.id {
            warnings.push(LoadWarning::RenamedPhoto {
                stored: image.id,
                actual,
                position: locator.id(&image.id.to_string()),
            });
            read.renamed.insert(image.id, actual);
        }
        if kept.insert(actual) {
            read.images.push((
                actual,
                StoredImage {
                    width: image.width,
                    height: image.height,
                    format: image.format.into(),
                    bytes: bytes.into(),
                },
            ));
        }
    }
    read
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
        // Drawn portraits came with format 6, which reads them itself (`v6.rs`).
        portrait: Portrait::default(),
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
