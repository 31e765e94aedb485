//! The template chooser of *File → New from template…*: each template with its title and what
//! it holds, and a button to start a board from it.

use egui::{RichText, Ui};

use super::dialogs::Choice;
use crate::templates::Template;

/// One template as the chooser lists it.
#[derive(Clone, Debug)]
pub struct TemplateRow {
    /// The template's name (its file name).
    pub name: String,
    /// The board's title, or why it does not open.
    pub title: String,
    /// What it holds: its stages and their time boxes.
    pub holds: String,
    /// Whether it opens.
    pub usable: bool,
    /// Whether it is the user's own.
    pub own: bool,
}

impl TemplateRow {
    /// The row for `template`.
    pub fn of(template: &Template) -> Self {
        match template.board() {
            Ok(board) => {
                let stages: Vec<String> = board
                    .frames()
                    .into_iter()
                    .filter(|frame| frame.parent.is_none())
                    .filter_map(|frame| {
                        let stage = frame.as_frame()?;
                        Some(match stage.minutes {
                            Some(minutes) => format!("{} ({minutes} min)", stage.title),
                            None => stage.title.clone(),
                        })
                    })
                    .collect();
                let holds = if stages.is_empty() {
                    format!("{} items", board.items().len())
                } else {
                    stages.join(", ")
                };
                Self {
                    name: template.name.clone(),
                    title: board.title().to_owned(),
                    holds,
                    usable: true,
                    own: !template.is_built_in(),
                }
            }
            Err(error) => Self {
                name: template.name.clone(),
                title: template.name.clone(),
                holds: error.to_string(),
                usable: false,
                own: !template.is_built_in(),
            },
        }
    }
}

/// The chooser; the choice once made.
pub fn choose(ui: &mut Ui, templates: &[TemplateRow]) -> Option<Choice> {
    ui.heading("New board from a template");
    ui.label("Each template comes with its stages set up, with prompts and time boxes.");
    ui.add_space(6.0);
    let mut choice = None;
    egui::ScrollArea::vertical()
        .max_height(520.0)
        .show(ui, |ui| {
            for (index, row) in templates.iter().enumerate() {
                ui.horizontal(|ui| {
                    let button = ui
                        .add_enabled(
                            row.usable,
                            egui::Button::new(RichText::new(&row.title).strong()),
                        )
                        .on_hover_text(format!("Start a new board from “{}”", row.title));
                    if button.clicked() {
                        choice = Some(Choice::Template(index));
                    }
                    if row.own {
                        ui.weak("yours");
                    }
                });
                ui.weak(&row.holds);
                ui.add_space(6.0);
            }
        });
    ui.add_space(4.0);
    if ui.button("Cancel").on_hover_text("Escape").clicked() {
        choice = Some(Choice::Close);
    }
    choice
}
