//! Workshop templates in the window: *File → New from template…* and *File → Save as
//! template…* (see [`crate::templates`]).

use super::CivicCanvasApp;
use crate::document::Document;
use crate::templates::{list, save_as_template, user_dir};
use crate::ui::dialogs::Modal;
use crate::ui::template_dialogs::TemplateRow;

impl CivicCanvasApp {
    /// Opens the template chooser.
    pub(super) fn choose_template(&mut self) {
        self.commit_typing();
        let dir = user_dir();
        let templates = list(dir.as_deref()).iter().map(TemplateRow::of).collect();
        self.shell.modal = Some(Modal::Templates { templates });
    }

    /// Replaces the board with a new one from the template at `index` of the template list
    /// (unsaved changes were dealt with already).
    pub(super) fn new_from_template(&mut self, index: usize) {
        let dir = user_dir();
        let templates = list(dir.as_deref());
        let Some(template) = templates.get(index) else {
            self.set_status("That template is gone from the templates folder");
            return;
        };
        match template.board() {
            Ok(board) => {
                let title = board.title().to_owned();
                self.replace_document(Document::from_template(board));
                self.canvas.request_fit();
                self.set_status(format!("New board from the template “{title}”"));
            }
            Err(error) => {
                self.shell.modal = Some(Modal::Message {
                    title: "The template does not open".to_owned(),
                    body: error.to_string(),
                });
            }
        }
    }

    /// Asks for the name to save the board as a template under.
    pub(super) fn ask_template_name(&mut self) {
        self.commit_typing();
        self.shell.modal = Some(Modal::SaveTemplate {
            text: self.session.doc.board().title().to_owned(),
            problem: None,
        });
    }

    /// Saves the board as the user's template `name`; asks again when that fails.
    pub(super) fn save_as_template(&mut self, name: &str) {
        let saved = user_dir()
            .ok_or(crate::templates::TemplateError::NoFolder)
            .and_then(|dir| save_as_template(self.session.doc.board(), &dir, name));
        match saved {
            Ok(_) => self.set_status(format!(
                "Saved as the template “{}”: File → New from template offers it",
                name.trim()
            )),
            Err(error) => {
                self.shell.modal = Some(Modal::SaveTemplate {
                    text: name.to_owned(),
                    problem: Some(capitalised(&error.to_string())),
                });
            }
        }
    }
}

/// `text` with its first letter in capitals, as a sentence on its own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
