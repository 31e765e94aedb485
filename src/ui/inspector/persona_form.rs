//! The inspector form of a persona card: every field, the lists with add, remove and reorder,
//! and the assumption/evidence mark of each entry. Each finished edit is one command.

use egui::{ComboBox, RichText, Ui};

use super::{InspectorState, Target, heading};
use crate::edit::{Command, ItemField, ListRef, ListValue, PersonaField};
use crate::model::{
    Basis, Board, Channel, CustomField, EmpathyMap, Entry, EntryList, Item, ItemId, Persona,
};
use crate::ui::canvas::EntryDrag;
use crate::ui::widgets::swatches;

/// Shows the form; returns the changes, one command per field changed.
pub(super) fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    item: &Item,
    persona: &Persona,
) -> Vec<Command> {
    let target = Target::Item(item.id);
    let set = |field: ItemField| Command::SetField { id: item.id, field };
    let mut commands = Vec::new();
    heading(ui, "Persona details");
    if let Some(name) = state.text_field(ui, target, "Name", &persona.name, false) {
        commands.push(Command::SetText {
            id: item.id,
            text: name,
        });
    }
    for field in PersonaField::ALL {
        let current = field.of(persona);
        let name = field.name();
        ui.add_space(4.0);
        // The name and the mark on one row, the text under them.
        let basis = ui
            .horizontal(|ui| {
                ui.label(name);
                ui.add_space(8.0);
                basis_row(ui, state, target, name, &current.basis)
            })
            .inner;
        if let Some(basis) = basis {
            commands.push(set(ItemField::PersonaBasis(field, basis)));
        }
        let multiline = matches!(field, PersonaField::Quote | PersonaField::Background);
        let text = if multiline {
            state.text_field_unlabelled(ui, target, name, &current.text)
        } else {
            state.entry_field(ui, target, name, &current.text)
        };
        if let Some(text) = text {
            commands.push(set(ItemField::PersonaText(field, text)));
        }
    }
    ui.add_space(8.0);
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
    for list in EntryList::PERSONA {
        ui.add_space(8.0);
        ui.label(RichText::new(list.name()).strong());
        let entries = persona.list(list);
        if let Some(edit) = entry_list(ui, state, (item.id, list), list.name(), entries) {
            commands.push(edit.command(item.id, list, entries.len()));
        }
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Custom fields").strong());
    commands.extend(custom_fields(ui, state, item.id, &persona.custom));
    ui.add_space(8.0);
    ui.label("Colour");
    if let Some(color) = swatches(ui, Some(item.color), "colour of this card") {
        commands.push(Command::SetColor { id: item.id, color });
    }
    commands
}

/// "Not marked / Assumption / Evidence" for an entry, and the evidence's source; returns a
/// changed mark.
fn basis_row(
    ui: &mut Ui,
    state: &mut InspectorState,
    target: Target,
    name: &str,
    basis: &Basis,
) -> Option<Basis> {
    let mut chosen = None;
    let label = format!("{name}: based on");
    ui.horizontal_wrapped(|ui| {
        let current = match basis {
            Basis::Unmarked => "Not marked",
            Basis::Assumption => "Assumption",
            Basis::Evidence(_) => "Evidence",
        };
        ComboBox::from_id_salt(("basis", target_key(target), name))
            .selected_text(current)
            .width(110.0)
            .show_ui(ui, |ui| {
                for (option, value) in [
                    ("Not marked", Basis::Unmarked),
                    ("Assumption", Basis::Assumption),
                    ("Evidence", Basis::Evidence(String::new())),
                ] {
                    if ui.selectable_label(current == option, option).clicked() && current != option
                    {
                        chosen = Some(value);
                    }
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
        if let Basis::Evidence(source) = basis {
            let key = format!("{name}: source");
            if let Some(text) = state.entry_field(ui, target, &key, source) {
                chosen = Some(Basis::Evidence(text));
            }
        }
    });
    chosen
}

/// A key for egui ids that differs between targets.
fn target_key(target: Target) -> u64 {
    match target {
        Target::Item(id) => id.raw(),
        Target::Connector(id) => id.raw(),
    }
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

/// One change to a list of entries in the inspector.
enum EntryEdit {
    Text(usize, String),
    Basis(usize, Basis),
    Move(usize, usize),
    Remove(usize),
    Add,
}

impl EntryEdit {
    /// The command for this change to `list` of item `id`, which holds `len` entries.
    fn command(self, id: ItemId, list: EntryList, len: usize) -> Command {
        let in_list = ListRef::Entries(list);
        match self {
            Self::Text(index, text) => Command::SetField {
                id,
                field: ItemField::EntryText(list, index, text),
            },
            Self::Basis(index, basis) => Command::SetField {
                id,
                field: ItemField::EntryBasis(list, index, basis),
            },
            Self::Move(from, to) => Command::MoveInList {
                id,
                list: in_list,
                from,
                to,
            },
            Self::Remove(index) => Command::RemoveFromList {
                id,
                list: in_list,
                index,
            },
            Self::Add => Command::InsertInList {
                id,
                list: in_list,
                index: len,
                value: ListValue::Entry(Entry::default()),
            },
        }
    }
}

/// One list section: each entry with its mark, up/down/remove, and an add button; returns the
/// change made, if any.
fn entry_list(
    ui: &mut Ui,
    state: &mut InspectorState,
    (persona, list): (ItemId, EntryList),
    name: &str,
    entries: &[Entry],
) -> Option<EntryEdit> {
    let target = Target::Item(persona);
    let mut changed = None;
    let count = entries.len();
    for (i, entry) in entries.iter().enumerate() {
        let key = format!("{name} {}", i + 1);
        ui.push_id(&key, |ui| {
            if let Some(text) = state.entry_field(ui, target, &key, &entry.text) {
                changed = Some(EntryEdit::Text(i, text));
            }
            // The mark on one row, the buttons on the next, so the inspector stays narrow.
            if let Some(basis) = basis_row(ui, state, target, &key, &entry.basis) {
                changed = Some(EntryEdit::Basis(i, basis));
            }
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(i > 0, egui::Button::new("Up").small())
                    .clicked()
                {
                    changed = Some(EntryEdit::Move(i, i - 1));
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("Down").small())
                    .clicked()
                {
                    changed = Some(EntryEdit::Move(i, i + 1));
                }
                if ui.small_button("Remove").clicked() {
                    changed = Some(EntryEdit::Remove(i));
                }
                let drag = EntryDrag {
                    persona,
                    list,
                    index: i,
                };
                let handle = ui.dnd_drag_source(
                    egui::Id::unique(("persona_entry_drag", persona, name, i)),
                    drag,
                    |ui| ui.add(egui::Button::new("Drag out").small()),
                );
                handle
                    .response
                    .on_hover_text("Drag onto the canvas to make this entry a sticky note again");
            });
            ui.add_space(4.0);
        });
    }
    let add = format!("Add to {}", name.to_lowercase());
    if ui.button(&add).clicked() {
        changed = Some(EntryEdit::Add);
    }
    changed
}

/// The custom fields: label and value each, with a remove button, and an add button; returns
/// the changes.
fn custom_fields(
    ui: &mut Ui,
    state: &mut InspectorState,
    id: ItemId,
    fields: &[CustomField],
) -> Vec<Command> {
    let target = Target::Item(id);
    let set = |field: ItemField| Command::SetField { id, field };
    let mut commands = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let label_key = format!("Custom field {} name", i + 1);
        let value_key = format!("Custom field {} value", i + 1);
        ui.push_id(&label_key, |ui| {
            if let Some(label) = state.entry_field(ui, target, &label_key, &field.label) {
                commands.push(set(ItemField::CustomLabel(i, label)));
            }
            if let Some(text) = state.entry_field(ui, target, &value_key, &field.value.text) {
                commands.push(set(ItemField::CustomText(i, text)));
            }
            if let Some(basis) = basis_row(ui, state, target, &value_key, &field.value.basis) {
                commands.push(set(ItemField::CustomBasis(i, basis)));
            }
            if ui.small_button("Remove field").clicked() {
                commands.push(Command::RemoveFromList {
                    id,
                    list: ListRef::Custom,
                    index: i,
                });
            }
        });
    }
    if ui.button("Add custom field").clicked() {
        commands.push(Command::InsertInList {
            id,
            list: ListRef::Custom,
            index: fields.len(),
            value: ListValue::Custom(CustomField {
                label: "New field".to_owned(),
                value: Entry::default(),
            }),
        });
    }
    commands
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

    heading(ui, "Empathy map details");
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
        ui.label(RichText::new(list.name()).strong());
        let entries = map.list(list);
        if let Some(edit) = entry_list(ui, state, (item.id, list), list.name(), entries) {
            commands.push(edit.command(item.id, list, entries.len()));
        }
    }
    commands
}
