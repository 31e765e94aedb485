//! Drawn portraits for persona cards: the *Draw portrait…* dialog opened for a card, and the
//! portrait put on the card, in one undo step, when it is done.

use super::CivicCanvasApp;
use crate::edit::{Command, ItemField};
use crate::model::ItemKind;
use crate::ui::dialogs::Modal;
use crate::ui::portrait_dialog::PortraitSketch;

impl CivicCanvasApp {
    /// Opens the portrait dialog for the selected persona card (the inspector's button, the
    /// card's right-click menu).
    pub(super) fn draw_portrait(&mut self) {
        if self.shell.modal.is_some() {
            return;
        }
        self.commit_typing();
        let board = self.session.doc.board();
        let Some((id, ItemKind::Persona(persona))) = self
            .canvas
            .single_selection()
            .and_then(|id| board.item(id))
            .map(|item| (item.id, &item.kind))
        else {
            self.set_status("Select a persona card to draw its portrait");
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
