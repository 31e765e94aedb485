//! The inspector form of stakeholder rings: presets, and each ring and sector by name. Each
//! finished edit is one command.

use egui::{RichText, Ui};

use super::{InspectorState, Target};
use crate::edit::{Command, ItemField, ListRef, ListValue};
use crate::model::{Item, ItemId, Rings};

/// The inspector form of stakeholder rings: presets, and the rings and sectors by name.
pub(super) fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    item: &Item,
    rings: &Rings,
    commands: &mut Vec<Command>,
) {
    let target = Target::Item(item.id);
    ui.label("Presets");
    for (name, names) in Rings::PRESETS {
        if ui.button(name).clicked() {
            let wanted: Vec<String> = names.iter().map(|&n| n.to_owned()).collect();
            commands.push(Command::Batch {
                label: "Edit details",
                commands: rename_all(item.id, ListRef::Rings, &rings.rings, &wanted),
            });
        }
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Rings, from the centre out").strong());
    let ring_edit = name_list(ui, state, target, "Ring", &rings.rings, 1, Rings::MAX_RINGS);
    commands.extend(ring_edit.map(|edit| edit.command(item.id, ListRef::Rings, rings.rings.len())));
    ui.add_space(6.0);
    ui.label(RichText::new("Sectors, clockwise from the top").strong());
    let sector_edit = name_list(
        ui,
        state,
        target,
        "Sector",
        &rings.sectors,
        0,
        Rings::MAX_SECTORS,
    );
    commands.extend(
        sector_edit.map(|edit| edit.command(item.id, ListRef::Sectors, rings.sectors.len())),
    );
}

/// The changes that turn the names in `list` from `current` into `wanted`: renames, then
/// names added or removed at the end.
fn rename_all(id: ItemId, list: ListRef, current: &[String], wanted: &[String]) -> Vec<Command> {
    let rename = |index: usize, name: String| match list {
        ListRef::Sectors => ItemField::SectorName(index, name),
        _ => ItemField::RingName(index, name),
    };
    let mut commands: Vec<Command> = current
        .iter()
        .zip(wanted)
        .enumerate()
        .filter(|(_, (now, want))| now != want)
        .map(|(index, (_, want))| Command::SetField {
            id,
            field: rename(index, want.clone()),
        })
        .collect();
    commands.extend(
        wanted
            .iter()
            .enumerate()
            .skip(current.len())
            .map(|(index, name)| Command::InsertInList {
                id,
                list,
                index,
                value: ListValue::Name(name.clone()),
            }),
    );
    commands.extend(
        (wanted.len()..current.len())
            .rev()
            .map(|index| Command::RemoveFromList { id, list, index }),
    );
    commands
}

/// One change to a list of names in the inspector.
enum NameEdit {
    Rename(usize, String),
    Remove(usize),
    Add(String),
}

impl NameEdit {
    /// The command for this change to `list` of item `id`, which holds `len` names.
    fn command(self, id: ItemId, list: ListRef, len: usize) -> Command {
        match self {
            Self::Rename(index, name) => Command::SetField {
                id,
                field: match list {
                    ListRef::Sectors => ItemField::SectorName(index, name),
                    _ => ItemField::RingName(index, name),
                },
            },
            Self::Remove(index) => Command::RemoveFromList { id, list, index },
            Self::Add(name) => Command::InsertInList {
                id,
                list,
                index: len,
                value: ListValue::Name(name),
            },
        }
    }
}

/// Editable names with remove buttons and an add button; returns the change made, if any.
fn name_list(
    ui: &mut Ui,
    state: &mut InspectorState,
    target: Target,
    kind: &'static str,
    names: &[String],
    least: usize,
    most: usize,
) -> Option<NameEdit> {
    let mut changed = None;
    for (i, name) in names.iter().enumerate().take(most) {
        // The inspector keys its text fields by name: "Ring 1", "Sector 3", …
        let fields: &[&'static str] = if kind == "Ring" {
            &RING_FIELDS
        } else {
            &SECTOR_FIELDS
        };
        let field = fields.get(i).copied().unwrap_or(kind);
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.set_width(ui.available_width() - 40.0);
                if let Some(text) = state.text_field(ui, target, field, name, false) {
                    changed = Some(NameEdit::Rename(i, text));
                }
            });
            if names.len() > least
                && ui
                    .button("Remove")
                    .on_hover_text(format!("Remove {}", field.to_lowercase()))
                    .clicked()
            {
                changed = Some(NameEdit::Remove(i));
            }
        });
    }
    if names.len() < most
        && ui
            .button(format!("Add {}", kind.to_lowercase()))
            .on_hover_text(format!("Add a {} and name it", kind.to_lowercase()))
            .clicked()
    {
        let name = format!("{kind} {}", names.len() + 1);
        state.focus_when_shown(target, name.clone());
        changed = Some(NameEdit::Add(name));
    }
    changed
}

const RING_FIELDS: [&str; 8] = [
    "Ring 1", "Ring 2", "Ring 3", "Ring 4", "Ring 5", "Ring 6", "Ring 7", "Ring 8",
];
const SECTOR_FIELDS: [&str; 12] = [
    "Sector 1",
    "Sector 2",
    "Sector 3",
    "Sector 4",
    "Sector 5",
    "Sector 6",
    "Sector 7",
    "Sector 8",
    "Sector 9",
    "Sector 10",
    "Sector 11",
    "Sector 12",
];
