//! Editing the entries of persona and empathy map lists, the assumption/evidence mark of a
//! field or entry, and a persona's custom fields. Every text field is named by a label beside
//! it, and a field the user just added takes the keyboard.

use egui::{ComboBox, Id, Ui};

use super::{InspectorState, Naming, Target};
use crate::edit::{Command, ItemField, ListRef, ListValue};
use crate::model::{Basis, CustomField, Entry, EntryList, ItemId};
use crate::ui::canvas::EntryDrag;

/// "Not marked / Assumption / Evidence" for a field or entry named `name`, and the evidence's
/// source (labelled "Source"), added to the row `ui` lays out; returns a changed mark.
pub(super) fn basis_controls(
    ui: &mut Ui,
    state: &mut InspectorState,
    target: Target,
    name: &str,
    basis: &Basis,
) -> Option<Basis> {
    let mut chosen = None;
    let label = format!("{name}: based on");
    {
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
            .on_hover_text("Is this a guess (assumption) or backed by research (evidence)?")
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
        if let Basis::Evidence(source) = basis {
            let key = format!("{name}: source");
            let source_label = ui
                .label("Source")
                .on_hover_text("Where the evidence comes from, e.g. \"interview 3\"")
                .id;
            let naming = Naming::By(std::slice::from_ref(&source_label));
            if let Some(text) = state.named_field(ui, (target, &key), source, naming, false) {
                chosen = Some(Basis::Evidence(text));
            }
        }
    }
    chosen
}

/// A key for egui ids that differs between targets.
fn target_key(target: Target) -> u64 {
    match target {
        Target::Item(id) => id.raw(),
        Target::Connector(id) => id.raw(),
    }
}

/// One change to a list of entries in the inspector.
pub(super) enum EntryEdit {
    Text(usize, String),
    Basis(usize, Basis),
    Move(usize, usize),
    Remove(usize),
    Add,
}

impl EntryEdit {
    /// The command for this change to `list` of item `id`, which holds `len` entries.
    pub(super) fn command(self, id: ItemId, list: EntryList, len: usize) -> Command {
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

/// One list: its heading, each entry (numbered) with its mark, up/down/remove and a handle to
/// drag it out, and an add button; returns the change made, if any.
pub(super) fn entry_list(
    ui: &mut Ui,
    state: &mut InspectorState,
    (owner, list): (ItemId, EntryList),
    entries: &[Entry],
) -> Option<EntryEdit> {
    let target = Target::Item(owner);
    let name = list.name();
    let heading = ui.label(egui::RichText::new(name).strong()).id;
    let mut changed = None;
    let count = entries.len();
    for (i, entry) in entries.iter().enumerate() {
        let key = format!("{name} {}", i + 1);
        ui.push_id(&key, |ui| {
            // The number, the text and Remove on one row; the mark and the other buttons under
            // them, so the inspector stays narrow and short.
            ui.horizontal(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("Remove")
                        .on_hover_text("Remove this entry")
                        .clicked()
                    {
                        changed = Some(EntryEdit::Remove(i));
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        let labels = [heading, ui.label(format!("{}.", i + 1)).id];
                        let naming = Naming::By(&labels);
                        let text = &entry.text;
                        if let Some(text) =
                            state.named_field(ui, (target, &key), text, naming, false)
                        {
                            changed = Some(EntryEdit::Text(i, text));
                        }
                    });
                });
            });
            ui.horizontal_wrapped(|ui| {
                if let Some(basis) = basis_controls(ui, state, target, &key, &entry.basis) {
                    changed = Some(EntryEdit::Basis(i, basis));
                }
                if let Some(edit) = entry_buttons(ui, (owner, list), i, count) {
                    changed = Some(edit);
                }
            });
            ui.add_space(4.0);
        });
    }
    let add = format!("Add to {}", name.to_lowercase());
    if ui
        .button(&add)
        .on_hover_text(format!(
            "Add an entry to {} and start typing it",
            name.to_lowercase()
        ))
        .clicked()
    {
        state.focus_when_shown(target, format!("{name} {}", count + 1));
        changed = Some(EntryEdit::Add);
    }
    changed
}

/// Up, Down and the handle that drags entry `i` out as a sticky note.
fn entry_buttons(
    ui: &mut Ui,
    (owner, list): (ItemId, EntryList),
    i: usize,
    count: usize,
) -> Option<EntryEdit> {
    let mut changed = None;
    {
        let up = ui.add_enabled(i > 0, small_button("Up"));
        if up.on_hover_text("Move this entry up").clicked() {
            changed = Some(EntryEdit::Move(i, i - 1));
        }
        let down = ui.add_enabled(i + 1 < count, small_button("Down"));
        if down.on_hover_text("Move this entry down").clicked() {
            changed = Some(EntryEdit::Move(i, i + 1));
        }
        let drag = EntryDrag {
            persona: owner,
            list,
            index: i,
        };
        let handle = ui.dnd_drag_source(
            Id::unique(("persona_entry_drag", owner, list.name(), i)),
            drag,
            |ui| ui.add(small_button("Drag out")),
        );
        handle
            .response
            .on_hover_text("Drag onto the canvas to make this entry a sticky note again");
    }
    changed
}

/// A small button whose label never breaks across lines (in a narrow row it moves to the next).
fn small_button(text: &str) -> egui::Button<'_> {
    egui::Button::new(text)
        .small()
        .wrap_mode(egui::TextWrapMode::Extend)
}

/// The custom fields: name and value each, with its mark and a remove button, and an add
/// button; returns the changes.
pub(super) fn custom_fields(
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
            ui.horizontal(|ui| {
                let label = ui.label("Field name").id;
                let naming = Naming::By(std::slice::from_ref(&label));
                let name = state.named_field(ui, (target, &label_key), &field.label, naming, false);
                if let Some(name) = name {
                    commands.push(set(ItemField::CustomLabel(i, name)));
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("Value").id;
                let naming = Naming::By(std::slice::from_ref(&label));
                let value = &field.value.text;
                if let Some(text) =
                    state.named_field(ui, (target, &value_key), value, naming, false)
                {
                    commands.push(set(ItemField::CustomText(i, text)));
                }
            });
            ui.horizontal_wrapped(|ui| {
                let basis = &field.value.basis;
                if let Some(basis) = basis_controls(ui, state, target, &value_key, basis) {
                    commands.push(set(ItemField::CustomBasis(i, basis)));
                }
                if ui
                    .small_button("Remove field")
                    .on_hover_text("Remove this custom field")
                    .clicked()
                {
                    commands.push(Command::RemoveFromList {
                        id,
                        list: ListRef::Custom,
                        index: i,
                    });
                }
            });
            ui.add_space(4.0);
        });
    }
    if ui
        .button("Add custom field")
        .on_hover_text("Add a field of your own (e.g. household) and name it")
        .clicked()
    {
        state.focus_when_shown(target, format!("Custom field {} name", fields.len() + 1));
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
