//! The inspector form of a persona card: every field, the lists with add, remove and reorder,
//! and the assumption/evidence mark of each entry. Each finished edit is one command.

use egui::{ComboBox, RichText, Ui};

use super::{InspectorState, Target, heading};
use crate::edit::Command;
use crate::model::{
    Basis, Board, Channel, CustomField, EmpathyMap, Entry, EntryList, Item, ItemId, ItemKind,
    Persona,
};
use crate::ui::canvas::EntryDrag;
use crate::ui::widgets::swatches;

/// How to reach one of a persona's one-entry fields.
type FieldAccess = fn(&mut Persona) -> &mut Entry;

/// The persona's one-entry fields, in form order: name shown, how to reach the entry, and
/// whether it gets several lines.
const FIELDS: [(&str, FieldAccess, bool); 8] = [
    ("Role", |p| &mut p.role, false),
    ("Age", |p| &mut p.age, false),
    ("Location", |p| &mut p.location, false),
    ("Quote", |p| &mut p.quote, true),
    ("Background", |p| &mut p.background, true),
    ("Life event", |p| &mut p.life_event, false),
    ("Languages", |p| &mut p.languages, false),
    ("Accessibility needs", |p| &mut p.accessibility, false),
];

/// Shows the form; returns the changes.
pub(super) fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    item: &Item,
    persona: &Persona,
) -> Vec<Command> {
    let target = Target::Item(item.id);
    let mut commands = Vec::new();
    let mut changed: Option<Persona> = None;
    let mut edit = |change: &dyn Fn(&mut Persona)| {
        let mut next = changed.clone().unwrap_or_else(|| persona.clone());
        change(&mut next);
        changed = Some(next);
    };
    heading(ui, "Persona details");
    if let Some(name) = state.text_field(ui, target, "Name", &persona.name, false) {
        commands.push(Command::SetText {
            id: item.id,
            text: name,
        });
    }
    for (name, field, multiline) in &FIELDS {
        let current = field(&mut persona.clone()).clone();
        ui.add_space(4.0);
        // The name and the mark on one row, the text under them.
        let basis = ui
            .horizontal(|ui| {
                ui.label(*name);
                ui.add_space(8.0);
                basis_row(ui, state, target, name, &current.basis)
            })
            .inner;
        if let Some(basis) = basis {
            edit(&|p| field(p).basis = basis.clone());
        }
        let text = if *multiline {
            state.text_field_unlabelled(ui, target, name, &current.text)
        } else {
            state.entry_field(ui, target, name, &current.text)
        };
        if let Some(text) = text {
            edit(&|p| field(p).text.clone_from(&text));
        }
    }
    ui.add_space(8.0);
    if let Some(skills) = skills_row(ui, persona.digital_skills) {
        edit(&|p| p.digital_skills = skills);
    }
    ui.add_space(6.0);
    ui.label("Channels used");
    ui.horizontal_wrapped(|ui| {
        for channel in Channel::ALL {
            let mut on = persona.channels.contains(&channel);
            if ui.checkbox(&mut on, channel.name()).changed() {
                edit(&|p| {
                    if on {
                        p.channels.insert(channel);
                    } else {
                        p.channels.remove(&channel);
                    }
                });
            }
        }
    });
    for list in EntryList::PERSONA {
        ui.add_space(8.0);
        ui.label(RichText::new(list.name()).strong());
        let source = (item.id, list);
        if let Some(entries) = entry_list(ui, state, source, list.name(), persona.list(list)) {
            edit(&|p| {
                if let Some(slot) = p.list_mut(list) {
                    slot.clone_from(&entries);
                }
            });
        }
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Custom fields").strong());
    if let Some(custom) = custom_fields(ui, state, target, &persona.custom) {
        edit(&|p| p.custom.clone_from(&custom));
    }
    ui.add_space(8.0);
    ui.label("Colour");
    if let Some(color) = swatches(ui, Some(item.color)) {
        commands.push(Command::SetColor { id: item.id, color });
    }
    if let Some(next) = changed {
        commands.push(Command::SetKind {
            id: item.id,
            kind: Box::new(ItemKind::Persona(Box::new(next))),
        });
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

/// One list section: each entry with its mark, up/down/remove, and an add button; returns the
/// new list on a change.
fn entry_list(
    ui: &mut Ui,
    state: &mut InspectorState,
    (persona, list): (ItemId, EntryList),
    name: &str,
    entries: &[Entry],
) -> Option<Vec<Entry>> {
    let target = Target::Item(persona);
    let mut changed: Option<Vec<Entry>> = None;
    let count = entries.len();
    for (i, entry) in entries.iter().enumerate() {
        let key = format!("{name} {}", i + 1);
        ui.push_id(&key, |ui| {
            if let Some(text) = state.entry_field(ui, target, &key, &entry.text) {
                let mut list = entries.to_vec();
                if let Some(slot) = list.get_mut(i) {
                    slot.text = text;
                }
                changed = Some(list);
            }
            // The mark on one row, the buttons on the next, so the inspector stays narrow.
            if let Some(basis) = basis_row(ui, state, target, &key, &entry.basis) {
                let mut list = entries.to_vec();
                if let Some(slot) = list.get_mut(i) {
                    slot.basis = basis;
                }
                changed = Some(list);
            }
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(i > 0, egui::Button::new("Up").small())
                    .clicked()
                {
                    let mut list = entries.to_vec();
                    list.swap(i, i - 1);
                    changed = Some(list);
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("Down").small())
                    .clicked()
                {
                    let mut list = entries.to_vec();
                    list.swap(i, i + 1);
                    changed = Some(list);
                }
                if ui.small_button("Remove").clicked() {
                    let mut list = entries.to_vec();
                    list.remove(i);
                    changed = Some(list);
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
        let mut list = entries.to_vec();
        list.push(Entry::default());
        changed = Some(list);
    }
    changed
}

/// The custom fields: label and value each, with a remove button, and an add button.
fn custom_fields(
    ui: &mut Ui,
    state: &mut InspectorState,
    target: Target,
    fields: &[CustomField],
) -> Option<Vec<CustomField>> {
    let mut changed: Option<Vec<CustomField>> = None;
    for (i, field) in fields.iter().enumerate() {
        let label_key = format!("Custom field {} name", i + 1);
        let value_key = format!("Custom field {} value", i + 1);
        ui.push_id(&label_key, |ui| {
            if let Some(label) = state.entry_field(ui, target, &label_key, &field.label) {
                let mut list = fields.to_vec();
                if let Some(slot) = list.get_mut(i) {
                    slot.label = label;
                }
                changed = Some(list);
            }
            if let Some(text) = state.entry_field(ui, target, &value_key, &field.value.text) {
                let mut list = fields.to_vec();
                if let Some(slot) = list.get_mut(i) {
                    slot.value.text = text;
                }
                changed = Some(list);
            }
            if let Some(basis) = basis_row(ui, state, target, &value_key, &field.value.basis) {
                let mut list = fields.to_vec();
                if let Some(slot) = list.get_mut(i) {
                    slot.value.basis = basis;
                }
                changed = Some(list);
            }
            if ui.small_button("Remove field").clicked() {
                let mut list = fields.to_vec();
                list.remove(i);
                changed = Some(list);
            }
        });
    }
    if ui.button("Add custom field").clicked() {
        let mut list = fields.to_vec();
        list.push(CustomField {
            label: "New field".to_owned(),
            value: Entry::default(),
        });
        changed = Some(list);
    }
    changed
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
    let set = |map: EmpathyMap| Command::SetKind {
        id: item.id,
        kind: Box::new(ItemKind::EmpathyMap(Box::new(map))),
    };
    heading(ui, "Empathy map details");
    if let Some(goal) = state.text_field(ui, target, "Goal", &map.goal, true) {
        commands.push(Command::SetText {
            id: item.id,
            text: goal,
        });
    }
    ui.add_space(6.0);
    if let Some(persona) = super::persona_link(ui, board, map.persona) {
        commands.push(set(EmpathyMap {
            persona,
            ..map.clone()
        }));
    }
    for list in EntryList::EMPATHY {
        ui.add_space(8.0);
        ui.label(RichText::new(list.name()).strong());
        if let Some(entries) = entry_list(ui, state, (item.id, list), list.name(), map.list(list)) {
            let mut changed = map.clone();
            if let Some(slot) = changed.list_mut(list) {
                *slot = entries;
            }
            commands.push(set(changed));
        }
    }
    commands
}
