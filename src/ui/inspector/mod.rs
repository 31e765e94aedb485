//! The inspector: a side panel with every property of the selected map node, backdrop or
//! connector. Each finished field edit (a click, or a text field losing the keyboard) is one
//! command, so one undo step.

use egui::{ComboBox, RichText, ScrollArea, TextEdit, Ui};

use crate::edit::rules::frames;
use crate::edit::{Command, ItemField};
use crate::model::{Board, ConnectorId, Frame, Item, ItemId, ItemKind, Level, MapNode, NodeType};
use crate::ui::shortcuts::Action;
use crate::ui::widgets::{MAX_EDITABLE_BYTES, action_button, swatches, too_long_to_edit};

mod connector_form;
mod persona_form;
mod rings_form;

/// What the inspector shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An item: a map node or a backdrop.
    Item(ItemId),
    /// A connector.
    Connector(ConnectorId),
}

impl Target {
    /// What the inspector shows for this selection, if anything: a single map node or
    /// stakeholder rings, or a connector.
    pub fn for_selection(
        board: &Board,
        item: Option<ItemId>,
        connector: Option<ConnectorId>,
    ) -> Option<Self> {
        if let Some(id) = connector.filter(|&id| board.connector(id).is_some()) {
            return Some(Self::Connector(id));
        }
        let item = board.item(item?)?;
        matches!(
            item.kind,
            ItemKind::MapNode(_)
                | ItemKind::Rings(_)
                | ItemKind::Persona(_)
                | ItemKind::EmpathyMap(_)
                | ItemKind::Frame(_)
        )
        .then_some(Self::Item(item.id))
    }
}

/// The text being typed into one inspector field, kept until the field lets go.
#[derive(Debug, Default)]
pub struct InspectorState {
    typing: Option<(Target, String, String)>,
}

/// How a text field looks: with its name above it or not, one line or several.
#[derive(Clone, Copy)]
struct FieldLook {
    labelled: bool,
    multiline: bool,
}

impl InspectorState {
    /// A text field named `field` bound to `current`; returns the new text once the field lets
    /// go with a changed value.
    fn text_field(
        &mut self,
        ui: &mut Ui,
        target: Target,
        field: &str,
        current: &str,
        multiline: bool,
    ) -> Option<String> {
        let look = FieldLook {
            labelled: true,
            multiline,
        };
        self.edit(ui, (target, field), current, look)
    }

    /// A several-line field without a label above it; `field` names it for screen readers.
    fn text_field_unlabelled(
        &mut self,
        ui: &mut Ui,
        target: Target,
        field: &str,
        current: &str,
    ) -> Option<String> {
        let look = FieldLook {
            labelled: false,
            multiline: true,
        };
        self.edit(ui, (target, field), current, look)
    }

    /// A one-line field without a label above it (a list entry); `field` names it for screen
    /// readers and tests.
    fn entry_field(
        &mut self,
        ui: &mut Ui,
        target: Target,
        field: &str,
        current: &str,
    ) -> Option<String> {
        let look = FieldLook {
            labelled: false,
            multiline: false,
        };
        self.edit(ui, (target, field), current, look)
    }

    fn edit(
        &mut self,
        ui: &mut Ui,
        (target, field): (Target, &str),
        current: &str,
        look: FieldLook,
    ) -> Option<String> {
        if current.len() > MAX_EDITABLE_BYTES {
            if look.labelled {
                ui.label(field);
            }
            ui.weak(format!(
                "Not shown for typing: {}",
                too_long_to_edit(current)
            ));
            return None;
        }
        let mine = matches!(&self.typing, Some((t, f, _)) if *t == target && f == field);
        let mut buffer = match &self.typing {
            Some((_, _, text)) if mine => text.clone(),
            _ => current.to_owned(),
        };
        if look.labelled {
            ui.label(field);
        }
        let edit = if look.multiline {
            TextEdit::multiline(&mut buffer).desired_rows(3)
        } else {
            TextEdit::singleline(&mut buffer)
        };
        let response = ui.add(
            edit.id(egui::Id::unique(("inspector", field)))
                .desired_width(ui.available_width()),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, field));
        if response.has_focus() {
            self.typing = Some((target, field.to_owned(), buffer.clone()));
        }
        if response.lost_focus() {
            if mine {
                self.typing = None;
            }
            return (buffer != current).then_some(buffer);
        }
        None
    }
}

/// Shows the inspector for `target`; returns the changes the user made.
pub fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    target: Target,
    actions: &mut Vec<Action>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ScrollArea::vertical().show(ui, |ui| match target {
        Target::Item(id) => {
            if let Some(item) = board.item(id) {
                match &item.kind {
                    ItemKind::MapNode(node) => {
                        map_node(ui, state, board, item, node, &mut commands);
                    }
                    ItemKind::Rings(rings) => {
                        rings_form::show(ui, state, item, rings, &mut commands);
                    }
                    ItemKind::Persona(persona) => {
                        ui.horizontal(|ui| {
                            if action_button(ui, Action::ChoosePhoto).clicked() {
                                actions.push(Action::ChoosePhoto);
                            }
                            if persona.photo.is_some()
                                && ui
                                    .button("Remove photo")
                                    .on_hover_text("Show the initials instead of the photo")
                                    .clicked()
                            {
                                commands.push(Command::SetField {
                                    id: item.id,
                                    field: ItemField::Photo(None),
                                });
                            }
                        });
                        commands.extend(persona_form::show(ui, state, item, persona));
                        ui.add_space(8.0);
                        if action_button(ui, Action::NewEmpathyMap).clicked() {
                            actions.push(Action::NewEmpathyMap);
                        }
                    }
                    ItemKind::EmpathyMap(map) => {
                        commands.extend(persona_form::show_empathy(ui, state, board, item, map));
                    }
                    ItemKind::Frame(frame) => {
                        frame_form(ui, state, board, item, frame, &mut commands);
                    }
                    ItemKind::Note(_) | ItemKind::InterestGrid => {}
                }
            }
        }
        Target::Connector(id) => {
            if let Some(connector) = board.connector(id) {
                connector_form::show(ui, state, board, connector, &mut commands);
            }
        }
    });
    commands
}

fn frame_form(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    item: &Item,
    frame: &Frame,
    commands: &mut Vec<Command>,
) {
    heading(ui, "Frame");
    if let Some(title) = state.text_field(ui, Target::Item(item.id), "Title", &frame.title, false) {
        commands.push(Command::SetText {
            id: item.id,
            text: title,
        });
    }
    ui.add_space(6.0);
    let mut collapsed = frame.collapsed;
    if ui
        .checkbox(&mut collapsed, "Collapsed to its title")
        .on_hover_text("Hide the items inside, showing only the title strip")
        .changed()
    {
        commands.push(frames::set_collapsed(item.id, collapsed));
    }
    ui.add_space(6.0);
    let count = board.member_count(item.id);
    ui.label(match count {
        0 => "No items inside yet: drop items on the frame to put them in it.".to_owned(),
        1 => "1 item inside; it moves with the frame.".to_owned(),
        _ => format!("{count} items inside; they move with the frame."),
    });
}

pub(super) fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(text).heading().strong());
    ui.add_space(4.0);
}

fn map_node(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    item: &Item,
    node: &MapNode,
    commands: &mut Vec<Command>,
) {
    let target = Target::Item(item.id);
    let set = |field: ItemField| Command::SetField { id: item.id, field };
    heading(ui, "Map node details");
    if let Some(label) = state.text_field(ui, target, "Name", &node.label, false) {
        commands.push(Command::SetText {
            id: item.id,
            text: label,
        });
    }
    ui.add_space(6.0);
    if let Some(node_type) = node_type_choice(ui, state, target, &node.node_type) {
        // A node that still has its type's colour takes the new type's colour too (a rule).
        commands.push(set(ItemField::NodeType(node_type)));
    }
    ui.add_space(6.0);
    if let Some(persona) = persona_link(ui, board, node.persona) {
        commands.push(set(ItemField::PersonaLink(persona)));
    }
    ui.add_space(6.0);
    if let Some(description) = state.text_field(ui, target, "Description", &node.description, true)
    {
        commands.push(set(ItemField::Description(description)));
    }
    ui.add_space(6.0);
    // On an influence/interest grid the node moves to the matching cell (a rule).
    let levels: Vec<Command> = [
        level_row(ui, "Influence", node.influence).map(ItemField::Influence),
        level_row(ui, "Interest", node.interest).map(ItemField::Interest),
    ]
    .into_iter()
    .flatten()
    .map(set)
    .collect();
    if !levels.is_empty() {
        commands.push(Command::Batch {
            label: "Set influence and interest",
            commands: levels,
        });
    }
    ui.add_space(6.0);
    ui.label("Colour");
    if let Some(color) = swatches(ui, Some(item.color), "colour of this node") {
        commands.push(Command::SetColor { id: item.id, color });
    }
}

/// The type combo box (and the name of a custom type); returns a changed type.
fn node_type_choice(
    ui: &mut Ui,
    state: &mut InspectorState,
    target: Target,
    current: &NodeType,
) -> Option<NodeType> {
    ui.label("Type");
    let mut chosen = None;
    ComboBox::from_id_salt("inspector_node_type")
        .selected_text(current.name())
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            for node_type in NodeType::BUILT_IN {
                if ui
                    .selectable_label(*current == node_type, node_type.name())
                    .clicked()
                {
                    chosen = Some(node_type);
                }
            }
            let custom = matches!(current, NodeType::Custom(_));
            if ui.selectable_label(custom, "Custom type…").clicked() && !custom {
                chosen = Some(NodeType::Custom("Custom".to_owned()));
            }
        })
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Type"));
    if let NodeType::Custom(name) = current
        && let Some(name) = state.text_field(ui, target, "Custom type name", name, false)
    {
        let name = name.trim();
        let name = if name.is_empty() { "Custom" } else { name };
        chosen = Some(NodeType::Custom(name.to_owned()));
    }
    chosen.filter(|chosen| chosen != current)
}

/// The persona card a node stands for, chosen from the board's personas; returns a change.
#[expect(
    clippy::option_option,
    reason = "None: unchanged; Some(None): the link was removed"
)]
pub(super) fn persona_link(
    ui: &mut Ui,
    board: &Board,
    current: Option<ItemId>,
) -> Option<Option<ItemId>> {
    ui.label("Stands for persona");
    let personas: Vec<(ItemId, &str)> = board
        .items()
        .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
        .map(|item| (item.id, crate::ui::canvas::item_label(item)))
        .collect();
    let shown = current
        .and_then(|id| personas.iter().find(|(p, _)| *p == id))
        .map_or("None", |(_, name)| name);
    let mut chosen = None;
    ComboBox::from_id_salt("inspector_persona_link")
        .selected_text(shown)
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            if ui.selectable_label(current.is_none(), "None").clicked() && current.is_some() {
                chosen = Some(None);
            }
            for (id, name) in &personas {
                let selected = current == Some(*id);
                if ui.selectable_label(selected, *name).clicked() && !selected {
                    chosen = Some(Some(*id));
                }
            }
        })
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Stands for persona")
        });
    chosen
}

/// A row of the four levels; returns the one clicked, if it differs.
fn level_row(ui: &mut Ui, name: &str, current: Level) -> Option<Level> {
    ui.label(name);
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        for level in Level::ALL {
            let response = ui.selectable_label(current == level, level.name());
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    current == level,
                    format!("{name}: {}", level.name()),
                )
            });
            if response.clicked() && current != level {
                chosen = Some(level);
            }
        }
    });
    chosen
}
