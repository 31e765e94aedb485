//! Drawn portraits for persona cards: the *Draw portrait…* dialog opened for a card, and the
//! portrait put on the card, in one undo step, when it is done.

use super::CivicCanvasApp;
use crate::edit::{Command, ItemField};
use crate::model::ItemKind;
use crate::ui::dialogs::Modal;
use crate::ui::portrait_dialog::{self, PortraitSketch};

impl CivicCanvasApp {
    /// Opens the portrait dialog if the inspector or a card's menu asked for it in this paint.
    pub(super) fn open_requested_portrait(&mut self, ctx: &egui::Context) {
        let Some(id) = portrait_dialog::take_request(ctx) else {
            return;
        };
        if self.shell.modal.is_some() {
            return;
        }
        self.commit_typing();
        let Some(ItemKind::Persona(persona)) =
            self.session.doc.board().item(id).map(|item| &item.kind)
        else {
            self.set_status("That persona card is no longer on the board");
            return;
        };
        self.shell.modal = Some(Modal::DrawPortrait(PortraitSketch::new(id, persona)));
    }

    /// Puts the portrait drawn in `sketch` on its card, as one step (nothing when it is the
    /// portrait the card has).
    pub(super) fn finish_portrait(&mut self, sketch: &PortraitSketch) {
        let portrait = sketch.portrait();
        let unchanged = match self
            .session
            .doc
            .board()
            .item(sketch.item())
            .map(|item| &item.kind)
        {
            Some(ItemKind::Persona(persona)) => persona.portrait == portrait,
            _ => false,
        };
        if unchanged {
            return;
        }
        self.apply(Command::SetField {
            id: sketch.item(),
            field: ItemField::Portrait(portrait),
        });
    }
}
