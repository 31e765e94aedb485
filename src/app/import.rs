//! *File → Import…*: notes from a spreadsheet (CSV) or a text file, beside what is on the
//! board, as one undo step. A spreadsheet whose columns have no usual name asks which column
//! holds the notes; rows that cannot be read are listed by line, and the rest come in.

use std::path::Path;

use super::CivicCanvasApp;
use crate::edit::Command;
use crate::interop::table::{
    ImportError, Placement, Table, TableOptions, lay_out, notes_from_csv, notes_from_text,
    read_table_file,
};
use crate::model::{Board, Item, ItemId, ItemKind, Point, Rect};
use crate::ui::dialogs::Modal;
use crate::ui::file_dialog::FilePurpose;

/// The most problems listed after an import; the rest are counted.
const LISTED_PROBLEMS: usize = 20;

impl CivicCanvasApp {
    /// Asks for a spreadsheet or text file to make notes of (File → Import…).
    pub(super) fn start_import(&mut self, ctx: &egui::Context) {
        self.commit_typing();
        self.ask_for_file(ctx, FilePurpose::Import, "");
    }

    /// Asks for a board to copy personas from (Insert persona from file…).
    pub(super) fn start_insert_persona(&mut self, ctx: &egui::Context) {
        self.commit_typing();
        self.ask_for_file(ctx, FilePurpose::InsertPersona, "");
    }

    /// Lists the personas on the board at `path`, to choose which to copy in.
    pub(super) fn offer_personas(&mut self, path: &Path) {
        let other = match crate::storage::load_board(path) {
            Ok(other) => other,
            Err(error) => {
                self.show_error(
                    "Could not read personas from that board",
                    format!("{error}\n\nNothing was added."),
                );
                return;
            }
        };
        let personas: Vec<_> = other
            .items()
            .filter_map(|item| match &item.kind {
                ItemKind::Persona(persona) => Some((
                    item.id,
                    crate::ui::canvas::item_label(item).to_owned(),
                    persona.role.text.clone(),
                    true,
                )),
                _ => None,
            })
            .collect();
        if personas.is_empty() {
            self.set_status(format!("{} has no persona cards", path.display()));
            return;
        }
        self.shell.modal = Some(Modal::ChoosePersonas {
            path: path.to_path_buf(),
            personas,
        });
    }

    /// Copies the `chosen` personas of the board at `path` beside this board, with their
    /// photos and the empathy maps about them (still linked to them), as one step.
    pub(super) fn insert_personas(&mut self, path: &Path, chosen: &[ItemId]) {
        let other = match crate::storage::load_board(path) {
            Ok(other) => other,
            Err(error) => {
                self.show_error("Could not read personas from that board", error.to_string());
                return;
            }
        };
        let items: Vec<Item> = other
            .items()
            .filter(|item| match &item.kind {
                ItemKind::Persona(_) => chosen.contains(&item.id),
                ItemKind::EmpathyMap(map) => map.persona.is_some_and(|p| chosen.contains(&p)),
                _ => false,
            })
            .map(|item| Item {
                parent: None,
                ..item.clone()
            })
            .collect();
        let photos: Vec<_> = other
            .used_images()
            .map(|(id, image)| (id, image.clone()))
            .collect();
        match Board::from_parts(other.title(), items, []) {
            Ok(picked) => {
                let picked = picked.with_images(photos);
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                self.import_board_beside(&picked, &name);
            }
            Err(error) => self.show_error("Could not copy those personas", error.to_string()),
        }
    }

    /// Makes notes of the spreadsheet or text file at `path` (by its extension).
    pub(super) fn import_notes(&mut self, path: &Path, options: &TableOptions) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let extension = path
            .extension()
            .map(|ext| ext.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if extension == "canvas" {
            match crate::interop::json_canvas::load_canvas(path) {
                Ok((board, warnings)) => {
                    self.import_board_beside(&board, &name);
                    self.list_problems(&name, &warnings);
                }
                Err(error) => self.show_error(
                    "Could not import that canvas",
                    format!("{name}: {error}\n\nNothing was added."),
                ),
            }
            return;
        }
        let bytes = match read_table_file(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.show_error("Could not import that file", format!("{name}: {error}"));
                return;
            }
        };
        let table = match extension.as_str() {
            "csv" => notes_from_csv(&bytes, options),
            "txt" => notes_from_text(&bytes),
            _ => {
                self.show_error(
                    "Could not import that file",
                    format!(
                        "{name}: Import takes spreadsheets saved as CSV (.csv) and text files \
                         (.txt, one note per line). To add another board, use Import board…"
                    ),
                );
                return;
            }
        };
        match table {
            Ok(table) => self.place_table(&table, &name),
            Err(ImportError::NoTextColumn { headers, .. }) => {
                self.shell.modal = Some(Modal::ChooseColumn {
                    path: path.to_path_buf(),
                    headers,
                });
            }
            Err(error) => self.show_error(
                "Could not import that file",
                format!("{name}: {error}\n\nNothing was added."),
            ),
        }
    }

    /// Puts the notes of `table` beside the board as one step, selects and shows them, and
    /// lists the rows left out.
    fn place_table(&mut self, table: &Table, name: &str) {
        let board = self.session.doc.board();
        // Laid out once to learn its size, then where it goes.
        let taken = |id| board.item(id).is_some();
        let trial = lay_out(
            table,
            &Placement::on(board, Point::new(0.0, 0.0)),
            &mut self.session.ids.clone(),
            taken,
        );
        let Some(size) = Rect::around(trial.iter().map(Item::rect)).map(Rect::size) else {
            return;
        };
        let at = self.beside_the_board(size);
        let board = self.session.doc.board();
        let items = lay_out(
            table,
            &Placement::on(board, at),
            &mut self.session.ids,
            |id| board.item(id).is_some(),
        );
        let ids = items.iter().map(|item| item.id).collect();
        self.apply(Command::Batch {
            label: "Import notes",
            commands: items
                .into_iter()
                .map(|item| Command::AddItem(Box::new(item)))
                .collect(),
        });
        self.canvas.selection.items = ids;
        self.canvas.zoom_to_selection(self.session.doc.board());
        self.set_status(format!("Imported from {name}: {table}"));
        self.list_problems(name, &table.warnings);
    }

    /// Lists what could not be imported from `name` (the first few, and how many more).
    fn list_problems(&mut self, name: &str, problems: &[String]) {
        if problems.is_empty() {
            return;
        }
        let mut body: Vec<String> = problems.iter().take(LISTED_PROBLEMS).cloned().collect();
        if problems.len() > LISTED_PROBLEMS {
            body.push(format!("… and {} more", problems.len() - LISTED_PROBLEMS));
        }
        self.shell.modal = Some(Modal::Message {
            title: format!("Imported from {name}, with some parts left out"),
            body: body.join("\n"),
        });
    }
}
