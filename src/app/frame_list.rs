//! The agenda: every frame in presenting order, to go to, reorder, collapse or open, with the
//! workshop stages' time boxes and their total. Clusters (frames inside a stage) are listed
//! under their stage, indented.

use egui::{RichText, Ui};

use crate::edit::Command;
use crate::edit::rules::frames::{set_collapsed, swap_order};
use crate::model::Board;
use crate::ui::canvas::{CanvasState, item_label};
use crate::ui::shortcuts::Action;
use crate::ui::widgets::action_button;

/// Shows the frame list; returns the changes made in it and the actions chosen.
pub fn frame_list(
    ui: &mut Ui,
    board: &Board,
    canvas: &mut CanvasState,
    actions: &mut Vec<Action>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.add_space(4.0);
    ui.label(RichText::new("Agenda").heading().strong());
    if action_button(ui, Action::NewFrame).clicked() {
        actions.push(Action::NewFrame);
    }
    ui.add_space(4.0);
    let frames = board.frames();
    if frames.is_empty() {
        ui.weak(
            "No frames yet. Select items and press F to put a frame around them; frames are \
             shown here in the order you present them.",
        );
        return commands;
    }
    let mut go_to = None;
    let numbers = board.frame_numbers();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (i, item) in frames.iter().enumerate() {
            let Some(frame) = item.as_frame() else {
                continue;
            };
            let selected = canvas.selection.items.contains(&item.id);
            let count = board.member_count(item.id);
            let time_box = frame
                .minutes
                .filter(|_| item.parent.is_none())
                .map(|minutes| format!("  ·  {minutes} min"))
                .unwrap_or_default();
            let votes = crate::ui::canvas::votes::frame_total(board, item.id);
            let votes = if votes > 0 && !canvas.settings.votes.hidden {
                let noun = if votes == 1 { "vote" } else { "votes" };
                format!("  ·  {votes} {noun}")
            } else {
                String::new()
            };
            let number = numbers.get(&item.id).map_or("", String::as_str);
            let title = Board::numbered(number, item_label(item));
            let text = format!("{title}{time_box}  ({count}){votes}");
            let indent = if item.parent.is_some() { 16.0 } else { 0.0 };
            ui.horizontal(|ui| {
                ui.add_space(indent);
                if ui
                    .selectable_label(selected, text)
                    .on_hover_text("Select this frame and fit it in the view")
                    .clicked()
                {
                    go_to = Some(*item);
                }
            });
            ui.horizontal(|ui| {
                let earlier = i.checked_sub(1).and_then(|j| frames.get(j));
                if ui
                    .add_enabled(earlier.is_some(), egui::Button::new("Earlier"))
                    .on_hover_text("Present this frame one place earlier")
                    .clicked()
                {
                    commands.extend(earlier.and_then(|other| swap_order(item, other)));
                }
                let later = frames.get(i + 1);
                if ui
                    .add_enabled(later.is_some(), egui::Button::new("Later"))
                    .on_hover_text("Present this frame one place later")
                    .clicked()
                {
                    commands.extend(later.and_then(|other| swap_order(item, other)));
                }
                let (label, hint) = if frame.collapsed {
                    ("Expand", "Show the items inside this frame again")
                } else {
                    (
                        "Collapse",
                        "Show only this frame's title, hiding what is inside",
                    )
                };
                if ui.button(label).on_hover_text(hint).clicked() {
                    commands.push(set_collapsed(item.id, !frame.collapsed));
                }
            });
            ui.add_space(4.0);
        }
        ui.separator();
        ui.label(RichText::new(agenda_total(&frames)).strong());
    });
    if let Some(frame) = go_to {
        canvas.show_frame(frame);
    }
    commands
}

/// The stages' time boxes added up, and how many stages have none.
fn agenda_total(frames: &[&crate::model::Item]) -> String {
    let stages: Vec<_> = frames
        .iter()
        .filter(|item| item.parent.is_none())
        .filter_map(|item| item.as_frame())
        .collect();
    let total: u32 = stages.iter().filter_map(|frame| frame.minutes).sum();
    let without = stages
        .iter()
        .filter(|frame| frame.minutes.is_none())
        .count();
    let hours = if total >= 60 {
        format!(" ({} h {:02} min)", total / 60, total % 60)
    } else {
        String::new()
    };
    let stages_word = if stages.len() == 1 { "stage" } else { "stages" };
    let without = match without {
        0 => String::new(),
        1 => "; 1 has no time box".to_owned(),
        n => format!("; {n} have no time box"),
    };
    format!(
        "Total: {total} min{hours} for {} {stages_word}{without}",
        stages.len()
    )
}
