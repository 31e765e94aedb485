//! The menu bar, toolbar and status bar around the canvas.

use egui::{Button, Layout, RichText, Ui};

use super::live::LiveBadge;
use crate::document::Document;
use crate::edit::Command;
use crate::model::{Board, IdGen, ItemKind, MapNode, NodeType, PaletteColor, Stamp, StrokeTool};
use crate::ui::canvas::{CanvasState, Spot, Tool};
use crate::ui::shortcuts::Action;
use crate::ui::widgets::{action_button_enabled, labelled_text_field, swatches, toolbar_button};

/// File, Edit, Arrange, View and Help menus. Chosen actions are pushed to `actions`; returns
/// the menus' buttons, left to right (for keyboard access).
pub fn menu_bar(
    ui: &mut Ui,
    doc: &Document,
    canvas: &CanvasState,
    steps: &Steps,
    actions: &mut Vec<Action>,
) -> Vec<egui::Response> {
    egui::MenuBar::new()
        .ui(ui, |ui| menus(ui, doc, canvas, steps, actions))
        .inner
}

/// What Undo and Redo would do (from the board's history, or while live from the live session,
/// which undoes only this window's own changes), and whether the board is shared live.
pub struct Steps {
    /// The step Undo takes back.
    pub undo: Option<&'static str>,
    /// The step Redo puts back.
    pub redo: Option<&'static str>,
    /// Whether the board is in a live session.
    pub live: bool,
}

/// The View menu's entries, in groups.
const VIEW_MENU: [&[Action]; 5] = [
    &[
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ActualSize,
        Action::ZoomToFit,
        Action::ZoomToReadable,
    ],
    &[
        Action::ToggleMinimap,
        Action::ToggleMapKey,
        Action::TogglePersonaGallery,
        Action::ToggleFrameList,
        Action::ToggleInspector,
        Action::ToggleSnap,
        Action::ToggleGuides,
    ],
    &[Action::ToggleVotes, Action::HideVotes],
    &[
        Action::Present,
        Action::ToggleStageBar,
        Action::ToggleTimer,
        Action::ToggleLaser,
        Action::ToggleSpotlight,
    ],
    &[
        Action::NextFrame,
        Action::PreviousFrame,
        Action::ToggleCollapse,
    ],
];

fn menus(
    ui: &mut Ui,
    doc: &Document,
    canvas: &CanvasState,
    steps: &Steps,
    actions: &mut Vec<Action>,
) -> Vec<egui::Response> {
    let live = steps.live;
    let file = ui.menu_button("File", |ui| {
        menu_items(
            ui,
            actions,
            &[
                Action::NewBoard,
                Action::NewFromTemplate,
                Action::Open,
                Action::Save,
                Action::SaveAs,
                Action::SaveAsTemplate,
                Action::Import,
                Action::ImportBoard,
                Action::InsertPersona,
                Action::ExportPicture,
                Action::ExportReport,
                Action::ExportCanvas,
            ],
        );
        ui.separator();
        menu_item(ui, actions, Action::StartLiveSession, !live);
        menu_item(ui, actions, Action::JoinLiveSession, !live);
        menu_item(ui, actions, Action::LeaveLiveSession, live);
        menu_item(ui, actions, Action::BringEveryoneToMe, live);
        ui.separator();
        menu_items(ui, actions, &[Action::Quit]);
    });
    let edit = ui.menu_button("Edit", |ui| {
        undo_redo_item(ui, actions, Action::Undo, steps.undo);
        undo_redo_item(ui, actions, Action::Redo, steps.redo);
        ui.separator();
        clipboard_items(ui, doc, canvas, actions);
        ui.separator();
        menu_items(
            ui,
            actions,
            &[
                Action::NewNote,
                Action::NewPersona,
                Action::NewEmpathyMap,
                Action::NewMapNode,
                Action::NewFrame,
                Action::Connect,
                Action::EditText,
            ],
        );
        ui.separator();
        menu_items(
            ui,
            actions,
            &[Action::Pen, Action::Highlighter, Action::Eraser],
        );
        ui.separator();
        menu_items(
            ui,
            actions,
            &[Action::VoteUp, Action::VoteDown, Action::ResetVotes],
        );
        ui.menu_button("Colour", |ui| {
            let selected = !canvas.selection.items.is_empty();
            for color in PaletteColor::ALL {
                menu_item(ui, actions, Action::Recolor(color), selected);
            }
        })
        .response
        .on_hover_text(format!(
            "Colour the selected items ({} to {}, in the order of the palette)",
            Action::Recolor(PaletteColor::Yellow).first_shortcut_text(ui.ctx()),
            Action::Recolor(PaletteColor::White).first_shortcut_text(ui.ctx()),
        ));
    });
    let arrange = ui.menu_button("Arrange", |ui| {
        menu_items(ui, actions, Action::ARRANGE);
        menu_items(
            ui,
            actions,
            &[Action::TidyFrame, Action::Cluster, Action::SortByVotes],
        );
        ui.separator();
        menu_items(ui, actions, &[Action::BringToFront, Action::SendToBack]);
    });
    let view = ui.menu_button("View", |ui| {
        for (i, group) in VIEW_MENU.iter().enumerate() {
            if i > 0 {
                ui.separator();
            }
            menu_items(ui, actions, group);
        }
    });
    let help = ui.menu_button("Help", |ui| {
        menu_items(ui, actions, &[Action::ShowShortcuts]);
    });
    [file, edit, arrange, view, help]
        .into_iter()
        .map(|menu| menu.response)
        .collect()
}

fn menu_items(ui: &mut Ui, actions: &mut Vec<Action>, items: &[Action]) {
    for &action in items {
        menu_item(ui, actions, action, true);
    }
}

/// One menu entry for `action`, greyed out unless `enabled`.
fn menu_item(ui: &mut Ui, actions: &mut Vec<Action>, action: Action, enabled: bool) {
    if action_button_enabled(ui, action, enabled).clicked() {
        actions.push(action);
        ui.close();
    }
}

/// Cut, copy, paste, duplicate and delete, then select all and find: the same actions as their
/// keys, greyed out when there is nothing for them to work on.
fn clipboard_items(ui: &mut Ui, doc: &Document, canvas: &CanvasState, actions: &mut Vec<Action>) {
    let selected = !canvas.selection.items.is_empty();
    menu_item(ui, actions, Action::Cut, selected);
    menu_item(ui, actions, Action::Copy, selected);
    // What the clipboard holds is only known once it is pasted.
    menu_item(ui, actions, Action::Paste, true);
    menu_item(ui, actions, Action::Duplicate, selected);
    let connector = canvas.selection.connector.is_some();
    menu_item(ui, actions, Action::Delete, selected || connector);
    ui.separator();
    let has_items = doc.board().items().len() > 0;
    menu_item(ui, actions, Action::SelectAll, has_items);
    menu_item(ui, actions, Action::Find, true);
}

/// "Undo move" / "Redo edit text", greyed out when there is nothing to undo or redo.
fn undo_redo_item(ui: &mut Ui, actions: &mut Vec<Action>, action: Action, step: Option<&str>) {
    let text = match step {
        Some(step) => format!("{} {}", action.label(), step.to_lowercase()),
        None => action.label().to_owned(),
    };
    let button = Button::new(text).shortcut_text(action.first_shortcut_text(ui.ctx()));
    let response = ui
        .add_enabled(step.is_some(), button)
        .on_hover_text(action.tooltip(ui.ctx()));
    if response.clicked() {
        actions.push(action);
        ui.close();
    }
}

/// The row of tools: new note, colours, undo/redo and the board title. Returns board changes.
pub fn toolbar(
    ui: &mut Ui,
    doc: &Document,
    canvas: &mut CanvasState,
    ids: &mut IdGen,
    title_buffer: &mut String,
    steps: &Steps,
    actions: &mut Vec<Action>,
) -> Vec<Command> {
    /// The room the title's label and the field's margins take, in points.
    const LABEL_ROOM: f32 = 140.0;
    let mut commands = Vec::new();
    ui.add_space(4.0);
    // On a narrow window the row wraps, so the board title stays in reach.
    ui.horizontal_wrapped(|ui| {
        if toolbar_button(ui, Action::NewNote, true).clicked() {
            actions.push(Action::NewNote);
        }
        if toolbar_button(ui, Action::NewPersona, true).clicked() {
            actions.push(Action::NewPersona);
        }
        if toolbar_button(ui, Action::NewFrame, true).clicked() {
            actions.push(Action::NewFrame);
        }
        let board = doc.board();
        commands.extend(map_menus(ui, board, canvas, ids));
        ui.separator();
        tool_buttons(ui, canvas, actions);
        ui.separator();
        let drawing_with = canvas.settings.tool.stroke_tool();
        let current = canvas
            .single_selection()
            .and_then(|id| board.item(id))
            .map(|item| item.color)
            .or_else(|| drawing_with.map(|tool| canvas.ink(tool)))
            .unwrap_or(canvas.settings.new_note_color);
        let purpose = if drawing_with.is_some() {
            "colour of the selection, or of the lines drawn while nothing is selected"
        } else {
            "colour of the selection, or of new notes while nothing is selected"
        };
        if let Some(color) = swatches(ui, Some(current), purpose) {
            match (canvas.selection.items.is_empty(), drawing_with) {
                (true, Some(StrokeTool::Pen)) => canvas.settings.pen_color = color,
                (true, Some(StrokeTool::Highlighter)) => {
                    canvas.settings.highlighter_color = color;
                }
                (true, None) => canvas.settings.new_note_color = color,
                (false, _) => commands.extend(canvas.recolor_selection(board, color)),
            }
        }
        ui.separator();
        if toolbar_button(ui, Action::Undo, steps.undo.is_some()).clicked() {
            actions.push(Action::Undo);
        }
        if toolbar_button(ui, Action::Redo, steps.redo.is_some()).clicked() {
            actions.push(Action::Redo);
        }
        ui.separator();
        // The title and its label stay together: the field narrows to fit the row, down to
        // 200 points, and below that both go to the next row.
        if ui.available_size_before_wrap().x - LABEL_ROOM < 200.0 {
            ui.end_row();
        }
        let width = (ui.available_size_before_wrap().x - LABEL_ROOM).clamp(200.0, 320.0);
        let field = labelled_text_field(ui, "Board title", title_buffer, width, "Name this board")
            .on_hover_text("The board's title, shown in the window title and saved in the file");
        if field.lost_focus() {
            let title = title_buffer.trim().to_owned();
            if title != board.title() {
                commands.push(Command::SetTitle(title));
            }
        } else if !field.has_focus() {
            board.title().clone_into(title_buffer);
        }
    });
    ui.add_space(4.0);
    commands
}

/// The drawing tools, the one in use shown pressed: clicking it again goes back to selecting.
fn tool_buttons(ui: &mut Ui, canvas: &CanvasState, actions: &mut Vec<Action>) {
    for (action, tool) in [
        (Action::Pen, Tool::Pen),
        (Action::Highlighter, Tool::Highlighter),
        (Action::Eraser, Tool::Eraser),
    ] {
        let picked = canvas.settings.tool == tool;
        if ui
            .add(Button::new(action.label()).selected(picked))
            .on_hover_text(action.tooltip(ui.ctx()))
            .clicked()
        {
            actions.push(action);
        }
    }
}

/// The "Map node" and "Backdrop" menus of the toolbar: add a node of a chosen type (mid-view)
/// or a backdrop (below everything).
fn map_menus(
    ui: &mut Ui,
    board: &Board,
    canvas: &mut CanvasState,
    ids: &mut IdGen,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.menu_button("Map node", |ui| {
        for node_type in NodeType::BUILT_IN {
            if ui.button(node_type.name()).clicked() {
                commands.extend(canvas.finish_editing(board));
                let node = MapNode {
                    node_type,
                    ..MapNode::default()
                };
                commands.push(canvas.new_map_node(board, ids, node, Spot::Auto));
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(format!(
        "Add a stakeholder or system map node ({} at the pointer)",
        Action::NewMapNode.shortcut_text(ui.ctx())
    ));
    ui.menu_button("Backdrop", |ui| {
        for (name, kind) in crate::ui::canvas::backdrop_choices() {
            if ui.button(name).clicked() {
                commands.push(canvas.new_backdrop(board, ids, kind, None));
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(
        "Add stakeholder rings or an influence/interest grid to place nodes on, or an \
         impact/effort grid to place ideas on",
    );
    commands
}

/// The persona gallery: every persona card on the board with its role; click one to go there.
pub fn persona_gallery(ui: &mut Ui, board: &Board, canvas: &mut CanvasState) {
    ui.add_space(4.0);
    ui.label(RichText::new("Persona gallery").heading().strong());
    let mut personas: Vec<(&crate::model::Item, &crate::model::Persona)> = board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::Persona(persona) => Some((item, persona.as_ref())),
            _ => None,
        })
        .collect();
    // The personas that need research most come first: least of them from research, then by
    // name.
    personas.sort_by(|(_, a), (_, b)| {
        let share = |persona: &crate::model::Persona| {
            let (evidence, filled) = persona.evidence();
            if filled == 0 {
                0.0
            } else {
                evidence as f32 / filled as f32
            }
        };
        share(a)
            .total_cmp(&share(b))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    if personas.is_empty() {
        ui.weak("No persona cards yet. Add one with P or the Persona card button.");
        return;
    }
    let mut go_to = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (item, persona) in personas {
            let name = crate::ui::canvas::item_label(item);
            let text = if persona.role.text.is_empty() {
                name.to_owned()
            } else {
                format!("{name}\n{}", persona.role.text)
            };
            let selected = canvas.selection.items.contains(&item.id);
            if ui
                .selectable_label(selected, text)
                .on_hover_text("Select this persona and bring it into view")
                .clicked()
            {
                go_to = Some(item.id);
            }
            let (evidence, filled) = persona.evidence();
            ui.weak(format!("{evidence} of {filled} from research"));
            ui.add_space(4.0);
        }
    });
    if let Some(id) = go_to {
        canvas.selection.items = std::collections::BTreeSet::from([id]);
        canvas.zoom_to_selection(board);
    }
}

/// The map key: the node types used on the board, each with its shape and colour.
pub fn map_key(ui: &mut Ui, board: &Board, canvas: &mut CanvasState) {
    ui.add_space(4.0);
    ui.label(RichText::new("Map key").heading().strong());
    let mut types: Vec<(&NodeType, PaletteColor)> = board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::MapNode(node) => Some((&node.node_type, item.color)),
            _ => None,
        })
        .collect();
    types.sort_by(|a, b| a.0.cmp(b.0));
    types.dedup_by(|a, b| a.0 == b.0);
    if types.is_empty() {
        ui.weak("No map nodes yet. Add one with Shift+N or the Map node menu.");
    }
    for (node_type, color) in types {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(44.0, 26.0), egui::Sense::hover());
            crate::ui::canvas::paint_shape_swatch(ui.painter(), node_type.shape(), rect, color);
            ui.label(node_type.name());
        });
    }
    ui.add_space(10.0);
    feedback_loops(ui, board, canvas);
}

/// The feedback loops of the board, each as its tag, kind and the items it passes through;
/// clicking one highlights it and brings it into view.
fn feedback_loops(ui: &mut Ui, board: &Board, canvas: &mut CanvasState) {
    ui.label(RichText::new("Feedback loops").strong());
    let search = &canvas.loops().search;
    if search.loops.is_empty() {
        ui.weak("None yet. Give links a polarity (+ or −) in the inspector to find loops.");
        return;
    }
    let mut picked = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (index, found) in search.loops.iter().enumerate() {
            let tag = canvas.loops().tags.get(index).map_or("", String::as_str);
            let path: Vec<&str> = found
                .items
                .iter()
                .filter_map(|&id| board.item(id))
                .map(crate::ui::canvas::item_label)
                .collect();
            let text = format!("{tag}  {}: {}", found.kind.name(), path.join(" › "));
            let selected = canvas.loops().highlighted == Some(index);
            if ui
                .selectable_label(selected, text)
                .on_hover_text("Highlight this loop and show it")
                .clicked()
            {
                picked = Some((index, !selected));
            }
        }
        if search.capped {
            ui.weak(format!(
                "Showing the first {} loops; this map has more.",
                search.loops.len()
            ));
        }
    });
    if let Some((index, on)) = picked {
        canvas.loops_mut().highlighted = on.then_some(index);
        if on {
            canvas.show_loop(board, index);
        }
    }
}

/// What the board holds, in words (see [`crate::cli::board_summary`]), worked out once per
/// state of the board rather than by counting every item in every paint.
fn summary(ctx: &egui::Context, board: &Board) -> String {
    let key = egui::Id::unique("board summary");
    let stamp = board.stamp();
    if let Some((for_stamp, text)) = ctx.data(|data| data.get_temp::<(Stamp, String)>(key))
        && for_stamp == stamp
    {
        return text;
    }
    let text = crate::cli::board_summary(board);
    ctx.data_mut(|data| data.insert_temp(key, (stamp, text.clone())));
    text
}

/// Status message or hints on the left; item count and zoom controls on the right.
pub fn status_bar(
    ui: &mut Ui,
    doc: &Document,
    canvas: &CanvasState,
    message: Option<&str>,
    live: Option<&LiveBadge>,
    too_small: bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        // The right side first, so the hint on the left gets what is left and is cut short.
        ui.with_layout(Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(badge) = live {
                // Dark green when live, dark amber while not: readable on the light bar, and
                // the words say it for those who cannot tell the colours apart.
                let color = if badge.connected {
                    egui::Color32::from_rgb(0x1a, 0x6e, 0x2e)
                } else {
                    egui::Color32::from_rgb(0x8a, 0x4b, 0x00)
                };
                ui.label(RichText::new(&badge.text).strong().color(color))
                    .on_hover_text(&badge.tooltip);
                ui.separator();
            }
            if ui
                .button("Fit")
                .on_hover_text(Action::ZoomToFit.tooltip(ui.ctx()))
                .clicked()
            {
                actions.push(Action::ZoomToFit);
            }
            if ui.button("+").on_hover_text(Action::ZoomIn.tooltip(ui.ctx())).clicked() {
                actions.push(Action::ZoomIn);
            }
            let percent = format!("{:.0}%", canvas.view.camera.zoom * 100.0);
            if ui
                .add(Button::new(percent).min_size(egui::vec2(64.0, 0.0)))
                .on_hover_text(Action::ActualSize.tooltip(ui.ctx()))
                .clicked()
            {
                actions.push(Action::ActualSize);
            }
            if ui.button("−").on_hover_text(Action::ZoomOut.tooltip(ui.ctx())).clicked() {
                actions.push(Action::ZoomOut);
            }
            if too_small {
                // Dark amber, and words: the call cannot read the board at this zoom.
                if ui
                    .button("Zoom to readable")
                    .on_hover_text(Action::ZoomToReadable.tooltip(ui.ctx()))
                    .clicked()
                {
                    actions.push(Action::ZoomToReadable);
                }
                ui.label(
                    RichText::new("Text too small for a video call")
                        .strong()
                        .color(egui::Color32::from_rgb(0x8a, 0x4b, 0x00)),
                )
                .on_hover_text(
                    "The smallest text in view would be under 11 pixels high in a call that \
                     shows this screen at 960×540",
                );
            }
            ui.separator();
            ui.label(summary(ui.ctx(), doc.board()));
            ui.separator();
            // Its own id: labels take theirs from their place, and the message must not share one
            // with a label elsewhere (screen readers would hear only one of them).
            let layout = Layout::left_to_right(egui::Align::Center);
            let builder = egui::UiBuilder::new().layout(layout).id_salt("status message");
            ui.scope_builder(builder, |ui| {
                match message {
                    Some(message) => {
                        ui.add(egui::Label::new(RichText::new(message).strong()).truncate())
                    }
                    None if canvas.settings.tool != Tool::Select => ui.add(
                        egui::Label::new(RichText::new(canvas.settings.tool.hint()).strong())
                            .truncate(),
                    ),
                    None => ui.add(
                        egui::Label::new(RichText::new(
                            "Double-click to add a note · drag to select · Space+drag or scroll to pan · Ctrl+scroll to zoom · F1 for shortcuts",
                        ).weak())
                        .truncate(),
                    ),
                };
            });
        });
    });
}
