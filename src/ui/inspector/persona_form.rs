//! The inspector forms of a persona card and of an empathy map. The persona form is in sections
//! that fold (who they are, goals and needs, …), open or closed as the user left them while the
//! app runs; every field is named by a label beside it. Each finished edit is one command.

use egui::{CollapsingHeader, Ui};

use super::entries::{basis_controls, custom_fields, entry_list};
use super::{InspectorState, Naming, Target};
use crate::edit::{Command, ItemField, PersonaField};
use crate::model::{Board, Channel, EmpathyMap, EntryList, Item, Persona};
use crate::ui::widgets::swatches;

/// A part of the persona form that folds.
struct Section {
    /// Keeps the section's open state (the same for every persona) while its title changes.
    key: &'static str,
    title: &'static str,
    open_at_first: bool,
}

impl Section {
    const fn new(key: &'static str, title: &'static str, open_at_first: bool) -> Self {
        Self {
            key,
            title,
            open_at_first,
        }
    }
}

// Open at first: what a workshop fills in first.
const WHO: Section = Section::new("who", "Who they are", true);
const SITUATION: Section = Section::new("situation", "Background, languages and access", false);
const GOALS: Section = Section::new("goals", "Goals and needs", true);
const PAINS: Section = Section::new("pains", "Pain points and behaviours", false);
const CHANNELS: Section = Section::new("channels", "Channels and digital skills", false);
const CUSTOM: Section = Section::new("custom", "Custom fields", false);
const COLOUR: Section = Section::new("colour", "Card colour", false);

/// Shows `add` in a section that folds; its title says how many entries it holds, so a closed
/// section never hides that it has content.
fn section(ui: &mut Ui, section: &Section, count: usize, add: impl FnOnce(&mut Ui)) {
    let title = if count == 0 {
        section.title.to_owned()
    } else {
        format!("{} ({count})", section.title)
    };
    CollapsingHeader::new(egui::RichText::new(title).strong())
        .id_salt(("persona section", section.key))
        .default_open(section.open_at_first)
        .show(ui, add);
}

/// The fields under "Who they are", after the name.
const WHO_FIELDS: [PersonaField; 5] = [
    PersonaField::Role,
    PersonaField::Age,
    PersonaField::Location,
    PersonaField::LifeEvent,
    PersonaField::Quote,
];
/// The fields under "Background, languages and access".
const SITUATION_FIELDS: [PersonaField; 3] = [
    PersonaField::Background,
    PersonaField::Languages,
    PersonaField::Accessibility,
];

/// How many of `persona`'s `fields` are filled in.
fn filled(persona: &Persona, fields: &[PersonaField]) -> usize {
    fields
        .iter()
        .filter(|field| !field.of(persona).text.is_empty())
        .count()
}

/// Shows the form; returns the changes, one command per field changed.
pub(super) fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    item: &Item,
    persona: &Persona,
) -> Vec<Command> {
    let target = Target::Item(item.id);
    let mut commands = Vec::new();
    section(ui, &WHO, 0, |ui| {
        if let Some(name) = state.text_field(ui, target, "Name", &persona.name, false) {
            commands.push(Command::SetText {
                id: item.id,
                text: name,
            });
        }
        for field in WHO_FIELDS {
            commands.extend(persona_field(ui, state, item, persona, field));
        }
    });
    let count = filled(persona, &SITUATION_FIELDS);
    section(ui, &SITUATION, count, |ui| {
        for field in SITUATION_FIELDS {
            commands.extend(persona_field(ui, state, item, persona, field));
        }
    });
    for (part, lists) in [
        (&GOALS, [EntryList::Goals, EntryList::Needs]),
        (&PAINS, [EntryList::Pains, EntryList::Behaviours]),
    ] {
        let count = lists.iter().map(|&list| persona.list(list).len()).sum();
        section(ui, part, count, |ui| {
            for list in lists {
                let entries = persona.list(list);
                if let Some(edit) = entry_list(ui, state, (item.id, list), entries) {
                    commands.push(edit.command(item.id, list, entries.len()));
                }
                ui.add_space(6.0);
            }
        });
    }
    let count = usize::from(persona.digital_skills.is_some()) + persona.channels.len();
    section(ui, &CHANNELS, count, |ui| {
        commands.extend(channels_and_skills(ui, item, persona));
    });
    section(ui, &CUSTOM, persona.custom.len(), |ui| {
        commands.extend(custom_fields(ui, state, item.id, &persona.custom));
    });
    section(ui, &COLOUR, 0, |ui| {
        if let Some(color) = swatches(ui, Some(item.color), "colour of this card") {
            commands.push(Command::SetColor { id: item.id, color });
        }
    });
    commands
}

/// One persona field: its name and mark on one row, the text under them; returns the changes.
fn persona_field(
    ui: &mut Ui,
    state: &mut InspectorState,
    item: &Item,
    persona: &Persona,
    field: PersonaField,
) -> Vec<Command> {
    let target = Target::Item(item.id);
    let set = |field: ItemField| Command::SetField { id: item.id, field };
    let current = field.of(persona);
    let name = field.name();
    let mut commands = Vec::new();
    ui.add_space(4.0);
    let (label, basis) = ui
        .horizontal(|ui| {
            let label = ui.label(name).id;
            ui.add_space(8.0);
            (
                label,
                basis_controls(ui, state, target, name, &current.basis),
            )
        })
        .inner;
    if let Some(basis) = basis {
        commands.push(set(ItemField::PersonaBasis(field, basis)));
    }
    let multiline = matches!(field, PersonaField::Quote | PersonaField::Background);
    let naming = Naming::By(std::slice::from_ref(&label));
    let prompt = field.prompt();
    let key = (target, name);
    if let Some(text) = state.prompted_field(ui, key, &current.text, naming, multiline, prompt) {
        commands.push(set(ItemField::PersonaText(field, text)));
    }
    commands
}

/// Digital skills (not known, 1–5) and the channels used; returns the changes.
fn channels_and_skills(ui: &mut Ui, item: &Item, persona: &Persona) -> Vec<Command> {
    let set = |field: ItemField| Command::SetField { id: item.id, field };
    let mut commands = Vec::new();
    if let Some(skills) = skills_row(ui, persona.digital_skills) {
        commands.push(set(ItemField::DigitalSkills(skills)));
    }
    ui.add_space(6.0);
    ui.label("Channels used");
    ui.horizontal_wrapped(|ui| {
        for channel in Channel::ALL {
            let mut on = persona.channels.contains(&channel);
            if ui.checkbox(&mut on, channel.name()).changed() {
                commands.push(set(ItemField::Channel(channel, on)));
            }
        }
    });
    commands
}

/// "Not known" or 1–5; returns a changed value.
#[expect(
    clippy::option_option,
    reason = "None: unchanged; Some(None): set to not known"
)]
fn skills_row(ui: &mut Ui, current: Option<u8>) -> Option<Option<u8>> {
    ui.label("Digital skills (1 none, 5 expert)");
    let mut chosen = None;
    ui.horizontal(|ui| {
        let options = std::iter::once(None).chain((1..=Persona::MAX_SKILLS).map(Some));
        for value in options {
            let text = value.map_or_else(|| "Not known".to_owned(), |v| v.to_string());
            let response = ui.selectable_label(current == value, &text);
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    current == value,
                    format!("Digital skills: {text}"),
                )
            });
            if response.clicked() && current != value {
                chosen = Some(value);
            }
        }
    });
    chosen
}

/// The inspector form of an empathy map: its goal, the persona it is about, and each section.
pub(super) fn show_empathy(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    item: &Item,
    map: &EmpathyMap,
) -> Vec<Command> {
    let target = Target::Item(item.id);
    let mut commands = Vec::new();
    if let Some(goal) = state.text_field(ui, target, "Goal", &map.goal, true) {
        commands.push(Command::SetText {
            id: item.id,
            text: goal,
        });
    }
    ui.add_space(6.0);
    if let Some(persona) = super::persona_link(ui, board, map.persona) {
        commands.push(Command::SetField {
            id: item.id,
            field: ItemField::PersonaLink(persona),
        });
    }
    for list in EntryList::EMPATHY {
        ui.add_space(8.0);
        let entries = map.list(list);
        if let Some(edit) = entry_list(ui, state, (item.id, list), entries) {
            commands.push(edit.command(item.id, list, entries.len()));
        }
    }
    commands
}
