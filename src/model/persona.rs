//! Persona cards: structured profiles of the citizens a service is for.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{ImageId, Portrait};

/// A user profile built in a workshop: who the person is, what they need and what gets in their
/// way. Every field and list entry can be marked as an assumption or as backed by evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    /// The persona's name, e.g. "Ana, 34".
    pub name: String,
    /// A photo stored in the board, if any (see [`Persona::avatar`] for what the card shows).
    pub photo: Option<ImageId>,
    /// A portrait drawn for the persona with the pen; empty when none was drawn.
    pub portrait: Portrait,
    /// Age or age range.
    pub age: Entry,
    /// Occupation or role.
    pub role: Entry,
    /// Where they live.
    pub location: Entry,
    /// Something they said, in their words.
    pub quote: Entry,
    /// A short background.
    pub background: Entry,
    /// What they want to achieve.
    pub goals: Vec<Entry>,
    /// What they need from the service.
    pub needs: Vec<Entry>,
    /// What gets in their way.
    pub pains: Vec<Entry>,
    /// How they behave today.
    pub behaviours: Vec<Entry>,
    /// Digital skills from 1 (none) to 5 (expert); `None` when not known.
    pub digital_skills: Option<u8>,
    /// The channels they use to reach public services.
    pub channels: BTreeSet<Channel>,
    /// Languages they speak.
    pub languages: Entry,
    /// Accessibility needs.
    pub accessibility: Entry,
    /// The life event that brings them to the service (e.g. "a child is born").
    pub life_event: Entry,
    /// Any other fields the workshop wants.
    pub custom: Vec<CustomField>,
}

/// What a persona card's avatar circle shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Avatar<'p> {
    /// The persona's photo.
    Photo(ImageId),
    /// The portrait drawn for the persona.
    Portrait(&'p Portrait),
    /// The persona's initials (see [`Persona::initials`]) on a circle of the card's colour.
    Initials(String),
}

/// A piece of text on a persona, with what it rests on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The text.
    pub text: String,
    /// Whether it is a guess or backed by research.
    pub basis: Basis,
}

impl Entry {
    /// An unmarked entry with this text.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            basis: Basis::Unmarked,
        }
    }

    /// An entry marked as an assumption.
    pub fn assumption(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            basis: Basis::Assumption,
        }
    }

    /// An entry backed by evidence from `source` (e.g. "interview 3").
    pub fn evidence(text: impl Into<String>, source: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            basis: Basis::Evidence(source.into()),
        }
    }

    /// Whether the entry has no text and no mark.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.basis == Basis::Unmarked
    }
}

/// What a persona entry rests on. Workshop personas are often guesses, and the card says so.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// Not marked either way.
    #[default]
    Unmarked,
    /// A guess, to be checked with real people.
    Assumption,
    /// Backed by research; the source, e.g. "interview 3".
    Evidence(String),
}

/// A way of reaching a public service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Channel {
    /// Websites, apps, e-mail.
    Online,
    /// A phone call.
    Phone,
    /// At an office, in person.
    InPerson,
    /// Through someone else: a relative, a social worker, an NGO.
    Intermediary,
}

impl Channel {
    /// Every channel, in display order.
    pub const ALL: [Self; 4] = [
        Self::Online,
        Self::Phone,
        Self::InPerson,
        Self::Intermediary,
    ];

    /// The channel's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Online => "Online",
            Self::Phone => "Phone",
            Self::InPerson => "In person",
            Self::Intermediary => "Via an intermediary",
        }
    }
}

/// A field the workshop added: a label and its entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    /// The field's name, e.g. "Favourite app".
    pub label: String,
    /// Its value.
    pub value: Entry,
}

/// The lists of entries on persona cards and empathy maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryList {
    /// What they want to achieve (persona).
    Goals,
    /// What they need (persona).
    Needs,
    /// What gets in their way (persona and empathy map).
    Pains,
    /// How they behave today (persona).
    Behaviours,
    /// What they say (empathy map).
    Says,
    /// What they think (empathy map).
    Thinks,
    /// What they do (empathy map).
    Does,
    /// What they feel (empathy map).
    Feels,
    /// What they would gain (empathy map).
    Gains,
}

impl EntryList {
    /// A persona card's lists, in card order.
    pub const PERSONA: [Self; 4] = [Self::Goals, Self::Needs, Self::Pains, Self::Behaviours];
    /// An empathy map's sections, in map order.
    pub const EMPATHY: [Self; 6] = [
        Self::Says,
        Self::Thinks,
        Self::Does,
        Self::Feels,
        Self::Pains,
        Self::Gains,
    ];

    /// The section's heading.
    pub fn name(self) -> &'static str {
        match self {
            Self::Goals => "Goals",
            Self::Needs => "Needs",
            Self::Pains => "Pain points",
            Self::Behaviours => "Behaviours",
            Self::Says => "Says",
            Self::Thinks => "Thinks",
            Self::Does => "Does",
            Self::Feels => "Feels",
            Self::Gains => "Gains",
        }
    }
}

/// An empathy map for a persona: what they say, think, do and feel, their pains and gains,
/// under the goal they are after.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmpathyMap {
    /// The persona card this map is about, if any.
    pub persona: Option<super::ItemId>,
    /// The goal at the top of the map.
    pub goal: String,
    /// What they say.
    pub says: Vec<Entry>,
    /// What they think.
    pub thinks: Vec<Entry>,
    /// What they do.
    pub does: Vec<Entry>,
    /// What they feel.
    pub feels: Vec<Entry>,
    /// Their pains.
    pub pains: Vec<Entry>,
    /// What they would gain.
    pub gains: Vec<Entry>,
}

impl EmpathyMap {
    /// One section (empty for lists an empathy map does not have).
    pub fn list(&self, list: EntryList) -> &[Entry] {
        match list {
            EntryList::Says => &self.says,
            EntryList::Thinks => &self.thinks,
            EntryList::Does => &self.does,
            EntryList::Feels => &self.feels,
            EntryList::Pains => &self.pains,
            EntryList::Gains => &self.gains,
            EntryList::Goals | EntryList::Needs | EntryList::Behaviours => &[],
        }
    }

    /// One section, to change; `None` for lists an empathy map does not have.
    pub fn list_mut(&mut self, list: EntryList) -> Option<&mut Vec<Entry>> {
        match list {
            EntryList::Says => Some(&mut self.says),
            EntryList::Thinks => Some(&mut self.thinks),
            EntryList::Does => Some(&mut self.does),
            EntryList::Feels => Some(&mut self.feels),
            EntryList::Pains => Some(&mut self.pains),
            EntryList::Gains => Some(&mut self.gains),
            EntryList::Goals | EntryList::Needs | EntryList::Behaviours => None,
        }
    }

    /// All the map's text, for search.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.goal.as_str()).chain(
            EntryList::EMPATHY
                .into_iter()
                .flat_map(|list| self.list(list).iter().map(|entry| entry.text.as_str())),
        )
    }
}

impl Persona {
    /// The most digital-skills points.
    pub const MAX_SKILLS: u8 = 5;

    /// A new persona with just a name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// One of the list sections (empty for lists a persona does not have).
    pub fn list(&self, list: EntryList) -> &[Entry] {
        match list {
            EntryList::Goals => &self.goals,
            EntryList::Needs => &self.needs,
            EntryList::Pains => &self.pains,
            EntryList::Behaviours => &self.behaviours,
            EntryList::Says
            | EntryList::Thinks
            | EntryList::Does
            | EntryList::Feels
            | EntryList::Gains => &[],
        }
    }

    /// One of the list sections, to change; `None` for lists a persona does not have.
    pub fn list_mut(&mut self, list: EntryList) -> Option<&mut Vec<Entry>> {
        match list {
            EntryList::Goals => Some(&mut self.goals),
            EntryList::Needs => Some(&mut self.needs),
            EntryList::Pains => Some(&mut self.pains),
            EntryList::Behaviours => Some(&mut self.behaviours),
            EntryList::Says
            | EntryList::Thinks
            | EntryList::Does
            | EntryList::Feels
            | EntryList::Gains => None,
        }
    }

    /// The fields that hold one entry (age, role, …), in card order.
    fn one_entry_fields(&self) -> [&Entry; 8] {
        [
            &self.age,
            &self.role,
            &self.location,
            &self.quote,
            &self.background,
            &self.languages,
            &self.accessibility,
            &self.life_event,
        ]
    }

    /// How much of the card rests on research: the filled fields and list entries marked as
    /// evidence, and all the filled ones (an unmarked one counts as not researched yet). The
    /// name, digital skills and channels carry no marks and are not counted.
    pub fn evidence(&self) -> (usize, usize) {
        let filled = self
            .one_entry_fields()
            .into_iter()
            .chain(&self.goals)
            .chain(&self.needs)
            .chain(&self.pains)
            .chain(&self.behaviours)
            .chain(self.custom.iter().map(|field| &field.value))
            .filter(|entry| !entry.text.trim().is_empty());
        filled.fold((0, 0), |(evidence, all), entry| {
            let backed = matches!(entry.basis, Basis::Evidence(_));
            (evidence + usize::from(backed), all + 1)
        })
    }

    /// What the card's avatar circle shows: the photo if the persona has one; otherwise the
    /// drawn portrait if it has a line; otherwise the initials.
    pub fn avatar(&self) -> Avatar<'_> {
        match self.photo {
            Some(photo) => Avatar::Photo(photo),
            None => self.avatar_without_photo(),
        }
    }

    /// What the avatar circle shows when the photo cannot be (there is none, or it is not
    /// decoded yet): the drawn portrait if it has a line, otherwise the initials.
    pub fn avatar_without_photo(&self) -> Avatar<'_> {
        if self.portrait.is_empty() {
            Avatar::Initials(self.initials())
        } else {
            Avatar::Portrait(&self.portrait)
        }
    }

    /// The initials for the avatar drawn when there is no photo and no portrait: the first letters of the first
    /// two words of the name ("Ana Petrović" → "AP"), or "?" for no name.
    pub fn initials(&self) -> String {
        let initials: String = self
            .name
            .split_whitespace()
            .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
            .take(2)
            .flat_map(|c| {
                // Georgian is written without capitals (Mtavruli is for all-caps headings).
                let georgian = ('\u{10D0}'..='\u{10FF}').contains(&c);
                let upper: Vec<char> = if georgian {
                    vec![c]
                } else {
                    c.to_uppercase().collect()
                };
                upper
            })
            .collect();
        if initials.is_empty() {
            "?".to_owned()
        } else {
            initials
        }
    }

    /// All the persona's text, for search: name, fields, list entries, custom fields.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(
                self.one_entry_fields()
                    .into_iter()
                    .map(|entry| entry.text.as_str()),
            )
            .chain(
                EntryList::PERSONA
                    .into_iter()
                    .flat_map(|list| self.list(list).iter().map(|entry| entry.text.as_str())),
            )
            .chain(
                self.custom
                    .iter()
                    .flat_map(|field| [field.label.as_str(), field.value.text.as_str()]),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_come_from_the_first_two_words_in_any_script() {
        assert_eq!(Persona::named("Ana Petrović").initials(), "AP");
        assert_eq!(Persona::named("ნინო").initials(), "ნ");
        assert_eq!(
            Persona::named("  олена  мельник  ковальчук").initials(),
            "ОМ"
        );
        assert_eq!(Persona::named("").initials(), "?");
        assert_eq!(Persona::named("\"Dritan\" (58)").initials(), "D5");
    }

    #[test]
    fn the_avatar_is_the_photo_then_the_portrait_then_the_initials() {
        use crate::model::StrokePoint;
        let mut persona = Persona::named("Ana Petrović");
        assert_eq!(persona.avatar(), Avatar::Initials("AP".into()));
        persona.portrait = Portrait::new([Vec::new()]);
        assert_eq!(
            persona.avatar(),
            Avatar::Initials("AP".into()),
            "a portrait with no line"
        );
        persona.portrait = Portrait::new([vec![StrokePoint::rounded(50.0, 50.0, None)]]);
        assert_eq!(persona.avatar(), Avatar::Portrait(&persona.portrait));
        let photo = ImageId::from_raw(7);
        persona.photo = Some(photo);
        assert_eq!(persona.avatar(), Avatar::Photo(photo));
        assert_eq!(
            persona.avatar_without_photo(),
            Avatar::Portrait(&persona.portrait)
        );
        persona.portrait = Portrait::default();
        assert_eq!(persona.avatar(), Avatar::Photo(photo));
        assert_eq!(
            persona.avatar_without_photo(),
            Avatar::Initials("AP".into())
        );
    }

    #[test]
    fn search_sees_every_field_and_entry() {
        let mut persona = Persona::named("Ana");
        persona.quote = Entry::new("I lose a day every time");
        persona.pains = vec![Entry::assumption("queues")];
        persona.custom = vec![CustomField {
            label: "Favourite app".into(),
            value: Entry::evidence("Viber", "interview 3"),
        }];
        let texts: Vec<&str> = persona.texts().filter(|t| !t.is_empty()).collect();
        assert_eq!(
            texts,
            [
                "Ana",
                "I lose a day every time",
                "queues",
                "Favourite app",
                "Viber"
            ]
        );
    }

    #[test]
    fn the_evidence_meter_counts_filled_entries_and_those_from_research() {
        let mut persona = Persona::named("Ana");
        assert_eq!(persona.evidence(), (0, 0), "the name is not counted");
        persona.role = Entry::evidence("Nurse", "interview 3");
        persona.age = Entry::assumption("34");
        persona.quote = Entry::new("I lose a whole day");
        persona
            .goals
            .push(Entry::evidence("Register online", "survey"));
        persona.needs.push(Entry::new("   "));
        persona.custom.push(CustomField {
            label: "Favourite app".into(),
            value: Entry::evidence("Viber", "interview 3"),
        });
        persona.digital_skills = Some(3);
        assert_eq!(
            persona.evidence(),
            (3, 5),
            "3 of 5 from research; blanks not filled"
        );
    }
}
