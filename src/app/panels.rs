//! The menu bar, toolbar and status bar around the canvas.

use egui::{Button, Layout, RichText, Ui};

use crate::document::Document;
use crate::edit::Command;
use crate::ui::canvas::CanvasState;
use crate::ui::shortcuts::Action;
use crate::ui::widgets::{action_button, labelled_text_field, swatches, toolbar_button};

/// File, Edit, View and Help menus. Chosen actions are pushed to `actions`.
pub fn menu_bar(ui: &mut Ui, doc: &Document, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            menu_items(
                ui,
                actions,
                &[Action::NewBoard, Action::Open, Action::Save, Action::SaveAs],
            );
            ui.separator();
            menu_items(ui, actions, &[Action::Quit]);
        });
        ui.menu_button("Edit", |ui| {
            let history = doc.history();
            undo_redo_item(ui, actions, Action::Undo, history.undo_label());
            undo_redo_item(ui, actions, Action::Redo, history.redo_label());
            ui.separator();
            menu_items(
                ui,
                actions,
                &[Action::NewNote, Action::EditText, Action::Delete],
            );
        });
        ui.menu_button("Arrange", |ui| {
            menu_items(ui, actions, Action::ARRANGE);
            ui.separator();
            menu_items(ui, actions, &[Action::BringToFront, Action::SendToBack]);
        });
        ui.menu_button("View", |ui| {
            menu_items(
                ui,
                actions,
                &[
                    Action::ZoomIn,
                    Action::ZoomOut,
                    Action::ActualSize,
                    Action::ZoomToFit,
                ],
            );
        });
        ui.menu_button("Help", |ui| {
            menu_items(ui, actions, &[Action::ShowShortcuts]);
        });
    });
}

fn menu_items(ui: &mut Ui, actions: &mut Vec<Action>, items: &[Action]) {
    for &action in items {
        if action_button(ui, action).clicked() {
            actions.push(action);
            ui.close();
        }
    }
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
    title_buffer: &mut String,
    actions: &mut Vec<Action>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if toolbar_button(ui, Action::NewNote, true).clicked() {
            actions.push(Action::NewNote);
        }
        ui.separator();
        let board = doc.board();
        let current = canvas
            .single_selection()
            .and_then(|id| board.item(id))
            .map_or(canvas.new_note_color, |item| item.color);
        if let Some(color) = swatches(ui, Some(current)) {
            commands.extend(canvas.recolor_selection(board, color));
        }
        ui.separator();
        if toolbar_button(ui, Action::Undo, doc.history().undo_label().is_some()).clicked() {
            actions.push(Action::Undo);
        }
        if toolbar_button(ui, Action::Redo, doc.history().redo_label().is_some()).clicked() {
            actions.push(Action::Redo);
        }
        ui.separator();
        let field = labelled_text_field(ui, "Board title", title_buffer, 320.0, "Name this board")
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

/// Status message or hints on the left; item count and zoom controls on the right.
pub fn status_bar(
    ui: &mut Ui,
    doc: &Document,
    canvas: &CanvasState,
    message: Option<&str>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        match message {
            Some(message) => ui.label(RichText::new(message).strong()),
            None => ui.weak(
                "Double-click to add a note · drag to select · Space+drag or scroll to pan · Ctrl+scroll to zoom · F1 for shortcuts",
            ),
        };
        ui.with_layout(Layout::right_to_left(egui::Align::Center), |ui| {
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
            let percent = format!("{:.0}%", canvas.camera.zoom * 100.0);
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
            ui.separator();
            let counts = doc.board().kind_counts();
            let notes = if counts.notes == 1 { "note" } else { "notes" };
            ui.label(format!("{} {notes}", counts.notes));
        });
    });
}
