//! Field-level changes: one field of one item or connector at a time, so that undoing a step,
//! or a colleague's edit of another field, never overwrites more than that field.

use crate::model::{
    Basis, Channel, CustomField, Entry, EntryList, Frame, ImageId, ItemId, ItemKind, Level,
    NodeType, Note, Persona, Portrait,
};

/// A persona's one-entry fields (its name is the item's text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonaField {
    /// Age or age range.
    Age,
    /// Occupation or role.
    Role,
    /// Where they live.
    Location,
    /// Something they said.
    Quote,
    /// A short background.
    Background,
    /// Languages they speak.
    Languages,
    /// Accessibility needs.
    Accessibility,
    /// The life event that brings them to the service.
    LifeEvent,
}

impl PersonaField {
    /// Every field, in the inspector's order.
    pub const ALL: [Self; 8] = [
        Self::Role,
        Self::Age,
        Self::Location,
        Self::Quote,
        Self::Background,
        Self::LifeEvent,
        Self::Languages,
        Self::Accessibility,
    ];

    /// The field's name in the inspector.
    pub fn name(self) -> &'static str {
        match self {
            Self::Age => "Age",
            Self::Role => "Role",
            Self::Location => "Location",
            Self::Quote => "Quote",
            Self::Background => "Background",
            Self::Languages => "Languages",
            Self::Accessibility => "Accessibility needs",
            Self::LifeEvent => "Life event",
        }
    }

    /// The question an empty field asks, to help fill it in (never saved).
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Age => "How old are they, roughly?",
            Self::Role => "What do they do: work, study, care for someone?",
            Self::Location => "Where do they live: town, village, district?",
            Self::Quote => "Something they said, in their own words",
            Self::Background => "What shapes how they deal with public services?",
            Self::LifeEvent => "What life event brings them to this service?",
            Self::Languages => "Which languages do they read and speak?",
            Self::Accessibility => "What makes services hard for them to reach?",
        }
    }

    /// The field of `persona`.
    pub fn of(self, persona: &Persona) -> &Entry {
        match self {
            Self::Age => &persona.age,
            Self::Role => &persona.role,
            Self::Location => &persona.location,
            Self::Quote => &persona.quote,
            Self::Background => &persona.background,
            Self::Languages => &persona.languages,
            Self::Accessibility => &persona.accessibility,
            Self::LifeEvent => &persona.life_event,
        }
    }

    fn of_mut(self, persona: &mut Persona) -> &mut Entry {
        match self {
            Self::Age => &mut persona.age,
            Self::Role => &mut persona.role,
            Self::Location => &mut persona.location,
            Self::Quote => &mut persona.quote,
            Self::Background => &mut persona.background,
            Self::Languages => &mut persona.languages,
            Self::Accessibility => &mut persona.accessibility,
            Self::LifeEvent => &mut persona.life_event,
        }
    }
}

/// One field of an item's kind, with its new value. Applying it swaps the value in and gives
/// back the field with the value it replaced, which undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemField {
    /// A note's text size follows the note (fit text).
    FitText(bool),
    /// A persona's photo.
    Photo(Option<ImageId>),
    /// A persona's drawn portrait (empty to clear it).
    Portrait(Portrait),
    /// The text of a persona's one-entry field.
    PersonaText(PersonaField, String),
    /// Whether a persona's one-entry field is an assumption or evidence.
    PersonaBasis(PersonaField, Basis),
    /// A persona's digital skills, 1 to 5, or not known.
    DigitalSkills(Option<u8>),
    /// Whether a persona uses a channel.
    Channel(Channel, bool),
    /// The text of one entry of a persona's list or an empathy map's section.
    EntryText(EntryList, usize, String),
    /// The mark of one entry of a persona's list or an empathy map's section.
    EntryBasis(EntryList, usize, Basis),
    /// The name of a persona's custom field.
    CustomLabel(usize, String),
    /// The text of a persona's custom field.
    CustomText(usize, String),
    /// The mark of a persona's custom field.
    CustomBasis(usize, Basis),
    /// The persona card a map node or empathy map stands for.
    PersonaLink(Option<ItemId>),
    /// A map node's type.
    NodeType(NodeType),
    /// A map node's description.
    Description(String),
    /// A map node's influence.
    Influence(Level),
    /// A map node's interest.
    Interest(Level),
    /// The name of one of a stakeholder-rings backdrop's rings.
    RingName(usize, String),
    /// The name of one of a stakeholder-rings backdrop's sectors.
    SectorName(usize, String),
    /// Whether a frame is collapsed to its title.
    Collapsed(bool),
    /// A frame's place in the presenting order.
    Order(u32),
    /// A workshop stage's prompt (a frame's).
    Prompt(String),
    /// A workshop stage's time box in minutes (a frame's), or none.
    Minutes(Option<u32>),
    /// How many votes one voter gives a note (0 takes the voter's votes away).
    Votes(String, u32),
    /// A note's impact and effort on an impact/effort grid, or none when it is not placed.
    ImpactEffort(Option<(Level, Level)>),
}

/// Why a field change does not fit the item.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// The item's kind has no such field.
    #[error("a {kind} has no {field}")]
    NotThisKind {
        /// The item's kind.
        kind: &'static str,
        /// The field.
        field: &'static str,
    },
    /// The list has no entry at that place.
    #[error("there is no entry {index} in the list")]
    NoEntry {
        /// The place asked for (from 0).
        index: usize,
    },
    /// The value is out of the field's range.
    #[error("{0}")]
    OutOfRange(String),
}

impl ItemField {
    /// What a change of this field is called in the Undo/Redo menu.
    pub fn label(&self) -> &'static str {
        match self {
            Self::FitText(_) => "Fit text to note",
            Self::Photo(_) => "Change photo",
            Self::Portrait(portrait) if portrait.is_empty() => "Clear portrait",
            Self::Portrait(_) => "Draw portrait",
            Self::Influence(_) | Self::Interest(_) => "Set influence and interest",
            Self::NodeType(_) => "Change node type",
            Self::PersonaLink(_) => "Link persona",
            Self::Collapsed(true) => "Collapse frame",
            Self::Collapsed(false) => "Expand frame",
            Self::Order(_) => "Reorder frames",
            Self::Prompt(_) => "Edit stage prompt",
            Self::Minutes(_) => "Set time box",
            Self::Votes(..) => "Vote",
            Self::ImpactEffort(_) => "Set impact and effort",
            _ => "Edit details",
        }
    }

    /// The field's name, for messages.
    fn name(&self) -> &'static str {
        match self {
            Self::FitText(_) => "fitted text",
            Self::Photo(_) => "photo",
            Self::Portrait(_) => "portrait",
            Self::PersonaText(..) | Self::PersonaBasis(..) => "persona field",
            Self::DigitalSkills(_) => "digital skills",
            Self::Channel(..) => "channels",
            Self::EntryText(..) | Self::EntryBasis(..) => "list entries",
            Self::CustomLabel(..) | Self::CustomText(..) | Self::CustomBasis(..) => "custom fields",
            Self::PersonaLink(_) => "persona link",
            Self::NodeType(_) => "node type",
            Self::Description(_) => "description",
            Self::Influence(_) => "influence",
            Self::Interest(_) => "interest",
            Self::RingName(..) => "rings",
            Self::SectorName(..) => "sectors",
            Self::Collapsed(_) => "collapsed state",
            Self::Order(_) => "presenting order",
            Self::Prompt(_) => "stage prompt",
            Self::Minutes(_) => "time box",
            Self::Votes(..) => "votes",
            Self::ImpactEffort(_) => "impact and effort",
        }
    }

    /// Puts the new value into `kind`; returns the field with the value it replaced. On error
    /// `kind` is unchanged.
    pub(super) fn swap_into(self, kind: &mut ItemKind) -> Result<Self, FieldError> {
        let wrong_kind = FieldError::NotThisKind {
            kind: kind.name(),
            field: self.name(),
        };
        Ok(match (self, kind) {
            (Self::FitText(fit), ItemKind::Note(note)) => {
                Self::FitText(std::mem::replace(&mut note.fit_text, fit))
            }
            (Self::Photo(photo), ItemKind::Persona(persona)) => {
                Self::Photo(std::mem::replace(&mut persona.photo, photo))
            }
            (Self::Portrait(portrait), ItemKind::Persona(persona)) => {
                check_portrait(&portrait)?;
                Self::Portrait(std::mem::replace(&mut persona.portrait, portrait))
            }
            (Self::PersonaText(field, text), ItemKind::Persona(persona)) => {
                let slot = &mut field.of_mut(persona).text;
                Self::PersonaText(field, std::mem::replace(slot, text))
            }
            (Self::PersonaBasis(field, basis), ItemKind::Persona(persona)) => {
                let slot = &mut field.of_mut(persona).basis;
                Self::PersonaBasis(field, std::mem::replace(slot, basis))
            }
            (Self::DigitalSkills(skills), ItemKind::Persona(persona)) => {
                if let Some(value) = skills
                    && !(1..=Persona::MAX_SKILLS).contains(&value)
                {
                    return Err(FieldError::OutOfRange(format!(
                        "digital skills are {value}; they go from 1 to {}",
                        Persona::MAX_SKILLS
                    )));
                }
                Self::DigitalSkills(std::mem::replace(&mut persona.digital_skills, skills))
            }
            (Self::Channel(channel, on), ItemKind::Persona(persona)) => {
                let was = persona.channels.contains(&channel);
                if on {
                    persona.channels.insert(channel);
                } else {
                    persona.channels.remove(&channel);
                }
                Self::Channel(channel, was)
            }
            (Self::EntryText(list, index, text), kind) => {
                let entry = entry_mut(kind, list, index, wrong_kind)?;
                Self::EntryText(list, index, std::mem::replace(&mut entry.text, text))
            }
            (Self::EntryBasis(list, index, basis), kind) => {
                let entry = entry_mut(kind, list, index, wrong_kind)?;
                Self::EntryBasis(list, index, std::mem::replace(&mut entry.basis, basis))
            }
            (Self::CustomLabel(index, label), ItemKind::Persona(persona)) => {
                let field = custom_mut(persona, index)?;
                Self::CustomLabel(index, std::mem::replace(&mut field.label, label))
            }
            (Self::CustomText(index, text), ItemKind::Persona(persona)) => {
                let field = custom_mut(persona, index)?;
                Self::CustomText(index, std::mem::replace(&mut field.value.text, text))
            }
            (Self::CustomBasis(index, basis), ItemKind::Persona(persona)) => {
                let field = custom_mut(persona, index)?;
                Self::CustomBasis(index, std::mem::replace(&mut field.value.basis, basis))
            }
            (Self::PersonaLink(link), ItemKind::MapNode(node)) => {
                Self::PersonaLink(std::mem::replace(&mut node.persona, link))
            }
            (Self::PersonaLink(link), ItemKind::EmpathyMap(map)) => {
                Self::PersonaLink(std::mem::replace(&mut map.persona, link))
            }
            (Self::NodeType(node_type), ItemKind::MapNode(node)) => {
                Self::NodeType(std::mem::replace(&mut node.node_type, node_type))
            }
            (Self::Description(text), ItemKind::MapNode(node)) => {
                Self::Description(std::mem::replace(&mut node.description, text))
            }
            (Self::Influence(level), ItemKind::MapNode(node)) => {
                Self::Influence(std::mem::replace(&mut node.influence, level))
            }
            (Self::Interest(level), ItemKind::MapNode(node)) => {
                Self::Interest(std::mem::replace(&mut node.interest, level))
            }
            (Self::RingName(index, name), ItemKind::Rings(rings)) => {
                Self::RingName(index, replace_at(&mut rings.rings, index, name)?)
            }
            (Self::SectorName(index, name), ItemKind::Rings(rings)) => {
                Self::SectorName(index, replace_at(&mut rings.sectors, index, name)?)
            }
            (
                field @ (Self::Collapsed(_)
                | Self::Order(_)
                | Self::Prompt(_)
                | Self::Minutes(_)
                | Self::Votes(..)
                | Self::ImpactEffort(_)),
                kind,
            ) => return field.swap_workshop(kind, wrong_kind),
            _ => return Err(wrong_kind),
        })
    }

    /// [`Self::swap_into`] for the fields of running a workshop: frames (its stages), votes and
    /// the impact/effort grid.
    fn swap_workshop(
        self,
        kind: &mut ItemKind,
        wrong_kind: FieldError,
    ) -> Result<Self, FieldError> {
        Ok(match (self, kind) {
            (Self::Collapsed(collapsed), ItemKind::Frame(frame)) => {
                Self::Collapsed(std::mem::replace(&mut frame.collapsed, collapsed))
            }
            (Self::Order(order), ItemKind::Frame(frame)) => {
                Self::Order(std::mem::replace(&mut frame.order, order))
            }
            (Self::Prompt(prompt), ItemKind::Frame(frame)) => {
                Self::Prompt(std::mem::replace(&mut frame.prompt, prompt))
            }
            (Self::Minutes(minutes), ItemKind::Frame(frame)) => {
                if let Some(value) = minutes
                    && !(1..=Frame::MAX_MINUTES).contains(&value)
                {
                    return Err(FieldError::OutOfRange(format!(
                        "a time box of {value} minutes; it can be 1 to {}",
                        Frame::MAX_MINUTES
                    )));
                }
                Self::Minutes(std::mem::replace(&mut frame.minutes, minutes))
            }
            (Self::Votes(voter, count), ItemKind::Note(note)) => {
                let new_voter = !note.votes.contains_key(&voter);
                let name_length = voter.chars().count();
                if count > Note::MAX_VOTES
                    || name_length == 0
                    || name_length > Note::MAX_VOTER_NAME
                    || voter.contains(['\n', '\r'])
                    || (new_voter && count > 0 && note.votes.len() >= Note::MAX_VOTERS)
                {
                    return Err(FieldError::OutOfRange(format!(
                        "{count} votes from {voter:?}: a note takes at most {} votes from each \
                         of {} voters, each named on one line of 1 to {} characters",
                        Note::MAX_VOTES,
                        Note::MAX_VOTERS,
                        Note::MAX_VOTER_NAME
                    )));
                }
                let old = if count == 0 {
                    note.votes.remove(&voter)
                } else {
                    note.votes.insert(voter.clone(), count)
                };
                Self::Votes(voter, old.unwrap_or(0))
            }
            (Self::ImpactEffort(place), ItemKind::Note(note)) => {
                let old = note.impact.zip(note.effort);
                note.impact = place.map(|(impact, _)| impact);
                note.effort = place.map(|(_, effort)| effort);
                Self::ImpactEffort(old)
            }
            _ => return Err(wrong_kind),
        })
    }
}

/// Refuses a portrait that cannot be drawn or saved: one with a value that is not a finite
/// number.
pub(super) fn check_portrait(portrait: &Portrait) -> Result<(), FieldError> {
    match portrait.unusable_value() {
        Some(bad) => Err(FieldError::OutOfRange(format!(
            "the portrait holds {bad}; every value must be a finite number"
        ))),
        None => Ok(()),
    }
}

/// Puts `name` in place of the name at `index`, returning the old one.
fn replace_at(names: &mut [String], index: usize, name: String) -> Result<String, FieldError> {
    let slot = names.get_mut(index).ok_or(FieldError::NoEntry { index })?;
    Ok(std::mem::replace(slot, name))
}

fn entry_mut(
    kind: &mut ItemKind,
    list: EntryList,
    index: usize,
    wrong_kind: FieldError,
) -> Result<&mut Entry, FieldError> {
    kind.entries_mut(list)
        .ok_or(wrong_kind)?
        .get_mut(index)
        .ok_or(FieldError::NoEntry { index })
}

fn custom_mut(persona: &mut Persona, index: usize) -> Result<&mut CustomField, FieldError> {
    persona
        .custom
        .get_mut(index)
        .ok_or(FieldError::NoEntry { index })
}
