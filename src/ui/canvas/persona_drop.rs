//! Notes and persona entries changing places: a sticky note dropped on a persona card or an
//! empathy map is offered to become an entry of one of its lists or sections, and an entry dragged out of the inspector onto the
//! canvas becomes a note again. Each is one undo step, and the text is kept exactly.

use egui::{Area, Frame, Order, Pos2, RichText, Ui};

use super::{CanvasOutput, CanvasState};
use crate::edit::Command;
use crate::edit::rules::personas;
use crate::model::{Board, EntryList, IdGen, ItemId, ItemKind, Point};

/// A persona entry being dragged out of the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryDrag {
    /// The persona card.
    pub persona: ItemId,
    /// Which list.
    pub list: EntryList,
    /// Which entry of the list.
    pub index: usize,
}

/// A note just dropped on a persona card, waiting for the user to pick a list (or keep it).
#[derive(Clone, Copy, Debug)]
pub(super) struct DropOffer {
    note: ItemId,
    persona: ItemId,
    screen: Pos2,
}

impl CanvasState {
    /// After a drag: if exactly one sticky note was dropped with the pointer over a persona
    /// card, offer to turn it into an entry of that persona.
    pub(super) fn offer_persona_drop(&mut self, board: &Board, pointer: Option<Pos2>) {
        let (Some(note), Some(screen)) = (self.single_selection(), pointer) else {
            return;
        };
        if !board
            .item(note)
            .is_some_and(|item| matches!(item.kind, ItemKind::Note(_)))
        {
            return;
        }
        let at = self
            .view
            .camera
            .board_from_screen(self.view.viewport, screen);
        let persona = board
            .items_in(at, at)
            .into_iter()
            .rev()
            .find(|item| !item.kind.entry_lists().is_empty() && item.contains(at))
            .map(|item| item.id);
        if let Some(persona) = persona {
            self.gesture.drop_offer = Some(DropOffer {
                note,
                persona,
                screen,
            });
        }
    }

    /// The persona card under a point on screen, if any.
    pub fn persona_at(&self, board: &Board, screen: Pos2) -> Option<ItemId> {
        if !self.view.viewport.contains(screen) {
            return None;
        }
        let at = self
            .view
            .camera
            .board_from_screen(self.view.viewport, screen);
        board
            .items_in(at, at)
            .into_iter()
            .rev()
            .find(|item| matches!(item.kind, ItemKind::Persona(_)) && item.contains(at))
            .map(|item| item.id)
    }

    /// Whether a dropped note is waiting for the user to choose a persona list.
    pub fn drop_offer_open(&self) -> bool {
        self.gesture.drop_offer.is_some()
    }

    /// Closes the offer, keeping the note as it is.
    pub fn close_drop_offer(&mut self) {
        self.gesture.drop_offer = None;
    }

    /// Shows the offer, if one is open; a chosen list turns the note into an entry.
    pub(super) fn drop_offer_menu(&mut self, ui: &Ui, board: &Board, output: &mut CanvasOutput) {
        let Some(offer) = self.gesture.drop_offer else {
            return;
        };
        let Some(target) = board.item(offer.persona) else {
            self.gesture.drop_offer = None;
            return;
        };
        let persona_name = super::items::item_label(target);
        let lists = target.kind.entry_lists();
        let mut chosen = None;
        let mut keep = false;
        let area = Area::new(ui.scope_id().with("persona_drop_offer"))
            .order(Order::Foreground)
            .fixed_pos(offer.screen)
            // Open towards the middle of the view, so the whole list stays on screen.
            .pivot(super::toward_center(self.view.viewport, offer.screen))
            .constrain(true)
            .show(ui.ctx(), |ui| {
                Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(format!("Add this note to {persona_name}")).strong());
                    for &list in lists {
                        if ui
                            .button(format!("Add to {}", list.name().to_lowercase()))
                            .clicked()
                        {
                            chosen = Some(list);
                        }
                    }
                    if ui.button("Keep as a note").clicked() {
                        keep = true;
                    }
                });
            });
        let clicked_elsewhere =
            ui.input(|i| i.pointer.any_pressed()) && !area.response.contains_pointer();
        if let Some(list) = chosen {
            self.gesture.drop_offer = None;
            output.commands.extend(personas::note_into_entry(
                board,
                offer.note,
                offer.persona,
                list,
            ));
            self.selection.items = [offer.persona].into();
        } else if keep || clicked_elsewhere {
            self.gesture.drop_offer = None;
        }
    }

    /// The step that turns a dragged persona entry into a sticky note at `at`.
    pub(super) fn entry_to_note(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        drag: EntryDrag,
        at: Point,
    ) -> Option<Command> {
        let Command::AddItem(note) = self.new_note(board, ids, Some(at)) else {
            return None;
        };
        // A new note starts in typing mode; this one already has its text.
        self.gesture.typing = None;
        personas::entry_into_note(board, drag.persona, drag.list, drag.index, *note)
    }
}
