//! The inspector: the panel beside the canvas with every property of the selected map node,
//! backdrop, persona, empathy map, frame or connector. Each finished field edit (a click, or a
//! text field losing the keyboard) is one command, so one undo step.

use egui::{ComboBox, RichText, ScrollArea, Ui};

use crate::edit::rules::frames;
use crate::edit::{Command, ItemField};
use crate::model::{
    Board, ConnectorId, Frame, Item, ItemId, ItemKind, Level, MapNode, NodeType, Persona, Portrait,
};
use crate::ui::shortcuts::Action;
use crate::ui::widgets::{action_button, swatches};

mod connector_form;
mod entries;
mod fields;
mod persona_form;
mod rings_form;

pub use fields::InspectorState;
use fields::Naming;

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
        let target = Self::Item(item.id);
        title(board, target).is_some().then_some(target)
    }
}

/// Shows the inspector for `target` under its heading and a button that hides it; returns the
/// changes the user made.
pub fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    target: Target,
    actions: &mut Vec<Action>,
) -> Vec<Command> {
    state.begin_paint();
    let mut commands = Vec::new();
    let Some(title) = title(board, target) else {
        return commands;
    };
    header(ui, title, actions);
    ScrollArea::vertical().show(ui, |ui| match target {
        Target::Item(id) => {
            if let Some(item) = board.item(id) {
                item_form(ui, state, board, item, actions, &mut commands);
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

/// The heading of the inspector for `target`, if it shows anything for it.
fn title(board: &Board, target: Target) -> Option<&'static str> {
    match target {
        Target::Connector(id) => board.connector(id).map(|_| "Connector"),
        Target::Item(id) => match board.item(id)?.kind {
            ItemKind::MapNode(_) => Some("Map node details"),
            ItemKind::Rings(_) => Some("Stakeholder rings"),
            ItemKind::Persona(_) => Some("Persona details"),
            ItemKind::EmpathyMap(_) => Some("Empathy map details"),
            ItemKind::Frame(_) => Some("Frame"),
            // A note shows its place on an impact/effort grid, once it has one.
            ItemKind::Note(ref note) if note.impact.is_some() => {
                Some("Note on the impact/effort grid")
            }
            ItemKind::Note(_)
            | ItemKind::InterestGrid
            | ItemKind::ImpactGrid
            | ItemKind::Stroke(_) => None,
        },
    }
}

/// The heading, with the button that hides the inspector on the right.
fn header(ui: &mut Ui, title: &str, actions: &mut Vec<Action>) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).heading().strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let keys = Action::ToggleInspector.shortcut_text(ui.ctx());
            if ui
                .button("»")
                .on_hover_text(format!("Hide the inspector ({keys})"))
                .accessible_name("Hide inspector")
                .clicked()
            {
                actions.push(Action::ToggleInspector);
            }
        });
    });
    ui.add_space(4.0);
}

/// The button on the strip a hidden inspector leaves, to show it again.
pub fn show_button(ui: &mut Ui) -> egui::Response {
    let keys = Action::ToggleInspector.shortcut_text(ui.ctx());
    ui.add_space(4.0);
    ui.button("«")
        .on_hover_text(format!("Show the inspector ({keys})"))
        .accessible_name("Show inspector")
}

/// The form of an item: a map node, a backdrop, a persona, an empathy map or a frame.
fn item_form(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    item: &Item,
    actions: &mut Vec<Action>,
    commands: &mut Vec<Command>,
) {
    match &item.kind {
        ItemKind::MapNode(node) => map_node(ui, state, board, item, node, commands),
        ItemKind::Rings(rings) => rings_form::show(ui, state, item, rings, commands),
        ItemKind::Persona(persona) => {
            avatar_buttons(ui, item, persona, actions, commands);
            commands.extend(persona_form::show(ui, state, item, persona));
            ui.add_space(8.0);
            if action_button(ui, Action::NewEmpathyMap).clicked() {
                actions.push(Action::NewEmpathyMap);
            }
        }
        ItemKind::EmpathyMap(map) => {
            commands.extend(persona_form::show_empathy(ui, state, board, item, map));
        }
        ItemKind::Frame(frame) => frame_form(ui, state, board, item, frame, commands),
        ItemKind::Note(note) => {
            if let Some((impact, effort)) = note.impact.zip(note.effort) {
                // On the grid the note moves to the matching cell (a rule).
                let impact_now = level_row(ui, "Impact", impact).unwrap_or(impact);
                let effort_now = level_row(ui, "Effort", effort).unwrap_or(effort);
                if (impact_now, effort_now) != (impact, effort) {
                    commands.push(Command::SetField {
                        id: item.id,
                        field: ItemField::ImpactEffort(Some((impact_now, effort_now))),
                    });
                }
            }
        }
        ItemKind::InterestGrid | ItemKind::ImpactGrid | ItemKind::Stroke(_) => {}
    }
}

/// Choose photo… / Remove photo, and Draw portrait… / Clear portrait: what the card's avatar
/// circle shows.
fn avatar_buttons(
    ui: &mut Ui,
    item: &Item,
    persona: &Persona,
    actions: &mut Vec<Action>,
    commands: &mut Vec<Command>,
) {
    let set = |field: ItemField| Command::SetField { id: item.id, field };
    ui.horizontal(|ui| {
        if action_button(ui, Action::ChoosePhoto).clicked() {
            actions.push(Action::ChoosePhoto);
        }
        let instead = if persona.portrait.is_empty() {
            "Show the initials instead of the photo"
        } else {
            "Show the drawn portrait instead of the photo"
        };
        if persona.photo.is_some() && ui.button("Remove photo").on_hover_text(instead).clicked() {
            commands.push(set(ItemField::Photo(None)));
        }
    });
    ui.horizontal(|ui| {
        if action_button(ui, Action::DrawPortrait).clicked() {
            actions.push(Action::DrawPortrait);
        }
        if !persona.portrait.is_empty()
            && ui
                .button("Clear portrait")
                .on_hover_text("Take the drawn portrait off the card (Undo brings it back)")
                .clicked()
        {
            commands.push(set(ItemField::Portrait(Portrait::default())));
        }
    });
}

fn frame_form(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    item: &Item,
    frame: &Frame,
    commands: &mut Vec<Command>,
) {
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
    if item.parent.is_none() {
        stage_form(ui, state, item, frame, commands);
    }
}

/// The time boxes offered for a stage, in minutes.
const TIME_BOXES: [u32; 11] = [3, 5, 10, 15, 20, 25, 30, 45, 60, 90, 120];

/// A stage's prompt and time box (a frame not inside another is a workshop stage).
fn stage_form(
    ui: &mut Ui,
    state: &mut InspectorState,
    item: &Item,
    frame: &Frame,
    commands: &mut Vec<Command>,
) {
    let set = |field: ItemField| Command::SetField { id: item.id, field };
    ui.add_space(10.0);
    ui.label(RichText::new("Workshop stage").strong());
    if let Some(prompt) = state.text_field(ui, Target::Item(item.id), "Prompt", &frame.prompt, true)
    {
        commands.push(set(ItemField::Prompt(prompt)));
    }
    ui.add_space(6.0);
    let name = |minutes: Option<u32>| minutes.map_or("None".to_owned(), |m| format!("{m} min"));
    let mut chosen = frame.minutes;
    ui.horizontal(|ui| {
        ui.label("Time box");
        ComboBox::from_id_salt(("time_box", item.id))
            .selected_text(name(frame.minutes))
            .show_ui(ui, |ui| {
                let offered = std::iter::once(None)
                    .chain(TIME_BOXES.into_iter().map(Some))
                    .chain(frame.minutes.filter(|m| !TIME_BOXES.contains(m)).map(Some));
                for minutes in offered {
                    ui.selectable_value(&mut chosen, minutes, name(minutes));
                }
            })
            .response
            .on_hover_text("How long the stage is given: the timer starts with it at Next stage");
    });
    if chosen != frame.minutes {
        commands.push(set(ItemField::Minutes(chosen)));
    }
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
