//! Photos for persona cards: chosen in a file dialog, typed as a path or dropped on a card.
//! Every photo is checked, shrunk and stored once in the board; anything wrong gives a clear
//! message and leaves the card as it was.

use std::io::Read as _;
use std::path::Path;

use super::CivicCanvasApp;
use crate::edit::{Command, ItemField};
use crate::model::{ImageId, ItemId, ItemKind, StoredImage};
use crate::photos;
use crate::ui::file_dialog::FilePurpose;

impl CivicCanvasApp {
    /// "Choose photo…" for the selected persona: a system dialog, or a typed path without one.
    pub(super) fn choose_photo(&mut self, ctx: &egui::Context) {
        let Some(persona) = self.selected_persona() else {
            self.set_status("Select a persona card to give it a photo");
            return;
        };
        let purpose = FilePurpose::Photo(persona);
        if !self.shell.file_dialogs.start(ctx, purpose, "", None) {
            self.ask_for_path(purpose, None);
        }
    }

    /// The single selected item, if it is a persona card.
    fn selected_persona(&self) -> Option<ItemId> {
        let id = self.canvas.single_selection()?;
        matches!(
            self.session.doc.board().item(id)?.kind,
            ItemKind::Persona(_)
        )
        .then_some(id)
    }

    /// Reads the photo at `path` (refusing files over the size limit before reading them) and
    /// gives it to the persona.
    pub(super) fn photo_from_file(&mut self, persona: ItemId, path: &Path) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let limit = photos::MAX_INPUT_BYTES as u64;
        let bytes = std::fs::File::open(path).and_then(|file| {
            let mut bytes = Vec::new();
            file.take(limit + 1).read_to_end(&mut bytes)?;
            Ok(bytes)
        });
        match bytes {
            Ok(bytes) => self.photo_from_bytes(persona, &bytes, &name),
            Err(error) => self.show_error(
                format!("Could not use “{name}” as a photo"),
                format!(
                    "The file could not be read: {}\n\nThe persona card has not been changed.",
                    crate::storage::plain_io_error(&error)
                ),
            ),
        }
    }

    /// Checks, shrinks and stores a photo and gives it to the persona, as one undo step.
    pub(super) fn photo_from_bytes(&mut self, persona: ItemId, bytes: &[u8], name: &str) {
        let prepared = match photos::prepare_photo(bytes) {
            Ok(prepared) => prepared,
            Err(error) => {
                self.show_error(
                    format!("Could not use “{name}” as a photo"),
                    format!("{error}\n\nThe persona card has not been changed."),
                );
                return;
            }
        };
        if !matches!(
            self.session
                .doc
                .board()
                .item(persona)
                .map(|item| &item.kind),
            Some(ItemKind::Persona(_))
        ) {
            return;
        }
        let id = ImageId::from_raw(photos::content_id(&prepared.bytes));
        let image = StoredImage {
            width: prepared.width,
            height: prepared.height,
            format: prepared.format,
            bytes: prepared.bytes.into(),
        };
        self.apply(Command::Batch {
            label: "Set photo",
            commands: vec![
                Command::AddImage {
                    id,
                    image: Box::new(image),
                },
                Command::SetField {
                    id: persona,
                    field: ItemField::Photo(Some(id)),
                },
            ],
        });
        self.set_status(format!("Photo “{name}” added"));
    }

    /// Files dropped on the window: an image dropped on a persona card becomes its photo.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if dropped.is_empty() {
            return;
        }
        let pointer = ctx.input(|i| i.pointer.hover_pos());
        let persona = pointer.and_then(|pos| self.canvas.persona_at(self.session.doc.board(), pos));
        let Some(persona) = persona else {
            self.set_status("Drop a photo on a persona card to use it as the card's photo");
            return;
        };
        if let Some(file) = dropped.first() {
            let path = file.path().to_path_buf();
            self.photo_from_file(persona, &path);
        }
    }
}
