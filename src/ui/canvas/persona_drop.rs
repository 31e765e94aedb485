//! Notes and persona entries changing places: a sticky note dropped on a persona card or an
//! empathy map is offered to become an entry of one of its lists or sections, and an entry dragged out of the inspector onto the
//! canvas becomes a note again. Each is one undo step, and the text is kept exactly.

use egui::{Area, Frame, Order, Pos2, RichText, Ui};

use super::{CanvasOutput, CanvasState};
use crate::edit::Command;
use crate::model::{Board, Entry, EntryList, IdGen, ItemId, ItemKind, Point};

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
        let at = self.camera.board_from_screen(self.viewport, screen);
        let persona = board
            .items_in(at, at)
            .into_iter()
            .rev()
            .find(|item| !item.kind.entry_lists().is_empty() && item.contains(at))
            .map(|item| item.id);
        if let Some(persona) = persona {
            self.drop_offer = Some(DropOffer {
                note,
                persona,
                screen,
            });
        }
    }

    /// The persona card under a point on screen, if any.
    pub fn persona_at(&self, board: &Board, screen: Pos2) -> Option<ItemId> {
        if !self.viewport.contains(screen) {
            return None;
        }
        let at = self.camera.board_from_screen(self.viewport, screen);
        board
            .items_in(at, at)
            .into_iter()
            .rev()
            .find(|item| matches!(item.kind, ItemKind::Persona(_)) && item.contains(at))
            .map(|item| item.id)
    }

    /// The photo of a persona card as a texture, decoded once and kept; `None` when it has no
    /// photo or the photo cannot be shown (the card then shows its initials).
    pub(super) fn photo_texture(
        &mut self,
        ctx: &egui::Context,
        board: &Board,
        photo: Option<crate::model::ImageId>,
    ) -> Option<egui::TextureId> {
        let id = photo?;
        if let Some(known) = self.photos.0.get(&id) {
            return known.as_ref().map(egui::TextureHandle::id);
        }
        let image = board.image(id)?;
        let texture = square_texture(ctx, id, image);
        let texture_id = texture.as_ref().map(egui::TextureHandle::id);
        self.photos.0.insert(id, texture);
        texture_id
    }

    /// Whether a dropped note is waiting for the user to choose a persona list.
    pub fn drop_offer_open(&self) -> bool {
        self.drop_offer.is_some()
    }

    /// Closes the offer, keeping the note as it is.
    pub fn close_drop_offer(&mut self) {
        self.drop_offer = None;
    }

    /// Shows the offer, if one is open; a chosen list turns the note into an entry.
    pub(super) fn drop_offer_menu(&mut self, ui: &Ui, board: &Board, output: &mut CanvasOutput) {
        let Some(offer) = self.drop_offer else {
            return;
        };
        let Some(target) = board.item(offer.persona) else {
            self.drop_offer = None;
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
            .pivot(super::toward_center(self.viewport, offer.screen))
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
            self.drop_offer = None;
            output
                .commands
                .extend(note_into_entry(board, offer.note, offer.persona, list));
            self.selection = [offer.persona].into();
        } else if keep || clicked_elsewhere {
            self.drop_offer = None;
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
        let mut changed = board.item(drag.persona)?.kind.clone();
        let list = changed.entries_mut(drag.list)?;
        if drag.index >= list.len() {
            return None;
        }
        let entry = list.remove(drag.index);
        let add_note = self.new_note(board, ids, Some(at));
        // A new note starts in typing mode; this one already has its text.
        self.editing = None;
        let Command::AddItem(mut note) = add_note else {
            return None;
        };
        if let ItemKind::Note(text) = &mut note.kind {
            text.text = entry.text;
        }
        note.color = self.new_note_color;
        Some(Command::Batch {
            label: "Turn entry into a note",
            commands: vec![
                Command::SetKind {
                    id: drag.persona,
                    kind: Box::new(changed),
                },
                Command::AddItem(note),
            ],
        })
    }
}

/// One step: the note's text becomes the last entry of `list` on the persona or empathy map,
/// and the note (with its connectors) is removed.
fn note_into_entry(
    board: &Board,
    note: ItemId,
    persona: ItemId,
    list: EntryList,
) -> Option<Command> {
    let text = board.item(note)?.text().to_owned();
    let mut changed = board.item(persona)?.kind.clone();
    changed.entries_mut(list)?.push(Entry::new(text));
    let Command::Batch { commands, .. } = Command::delete_items(board, &[note]) else {
        return None;
    };
    let mut steps = vec![Command::SetKind {
        id: persona,
        kind: Box::new(changed),
    }];
    steps.extend(commands);
    Some(Command::Batch {
        label: "Move note into persona",
        commands: steps,
    })
}

/// A stored photo cropped to a centred square and uploaded as a texture; `None` if it cannot be
/// decoded.
fn square_texture(
    ctx: &egui::Context,
    id: crate::model::ImageId,
    image: &crate::model::StoredImage,
) -> Option<egui::TextureHandle> {
    let format = match image.format {
        crate::model::ImageFormat::Png => crate::photos::PhotoFormat::Png,
        crate::model::ImageFormat::Jpeg => crate::photos::PhotoFormat::Jpeg,
    };
    let rgba = crate::photos::decode_stored(format, &image.bytes).ok()?;
    let (width, height) = rgba.dimensions();
    let side = width.min(height);
    if side == 0 {
        return None;
    }
    let square =
        image::imageops::crop_imm(&rgba, (width - side) / 2, (height - side) / 2, side, side)
            .to_image();
    let color =
        egui::ColorImage::from_rgba_unmultiplied([side as usize, side as usize], square.as_raw());
    Some(ctx.load_texture(format!("photo-{id}"), color, egui::TextureOptions::LINEAR))
}
