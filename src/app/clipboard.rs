//! Copy, cut and paste through the system clipboard, and keys egui would otherwise take for
//! moving focus between buttons.

use egui::{Event, Key};

use super::CivicCanvasApp;
use crate::edit::Command;
use crate::storage::clipboard::{
    ClipboardContent, MAX_PASTED_LINES, clipboard_content, items_to_clipboard,
};

impl CivicCanvasApp {
    /// Copies the selection as board text; returns whether anything was copied.
    pub(super) fn copy(&mut self, ctx: &egui::Context) -> bool {
        let ids: Vec<_> = self.canvas.selection.items.iter().copied().collect();
        if ids.is_empty() {
            return false;
        }
        ctx.copy_text(items_to_clipboard(self.session.doc.board(), &ids));
        let noun = if ids.len() == 1 { "item" } else { "items" };
        self.set_status(format!("Copied {} {noun}", ids.len()));
        true
    }

    /// Copies the selection, then deletes it (one undo step).
    pub(super) fn cut(&mut self, ctx: &egui::Context) {
        if self.copy(ctx)
            && let Some(command) = self.canvas.delete_selection()
        {
            self.apply(command);
        }
    }

    /// One step that puts copies of everything on `copied` (items, the connectors between them,
    /// the photos they use) on the board with fresh ids, moved by `offset`, and selects them.
    /// Photos the board has already (the same content) are not stored twice.
    pub(super) fn copies_of_board(
        &mut self,
        copied: &crate::model::Board,
        offset: egui::Vec2,
        label: &'static str,
    ) -> Option<Command> {
        let items: Vec<_> = copied.items().cloned().collect();
        let connectors: Vec<_> = copied.connectors().cloned().collect();
        let pasted = self.canvas.insert_copies(
            self.session.doc.board(),
            &mut self.session.ids,
            label,
            items,
            connectors,
            offset,
        )?;
        // The photos come along, stored before the cards that use them.
        let photos = copied.used_images().map(|(id, image)| Command::AddImage {
            id,
            image: Box::new(image.clone()),
        });
        Some(Command::Batch {
            label,
            commands: photos.chain(std::iter::once(pasted)).collect(),
        })
    }

    /// Pastes clipboard text at the pointer: copied items with fresh ids, or one note per line.
    pub(super) fn paste(&mut self, ctx: &egui::Context, text: &str) {
        self.commit_typing();
        let spot = self.canvas.take_paste_spot();
        let target = match spot {
            Some(spot) if self.shell.menu_paste_paints > 0 => spot,
            _ if self.shell.menu_paste_paints > 0 => self.canvas.view.camera.center_in_board,
            _ => self.canvas.paste_target(ctx),
        };
        let command = match clipboard_content(text) {
            ClipboardContent::Items(copied) => {
                let Some(center) = bounds_center(&copied.items().cloned().collect::<Vec<_>>())
                else {
                    return;
                };
                let offset = egui::vec2(target.x - center.x, target.y - center.y);
                self.copies_of_board(&copied, offset, "Paste")
            }
            ClipboardContent::Lines { lines, cut } => {
                if cut {
                    self.set_status(format!(
                        "Pasted the first {MAX_PASTED_LINES} lines as notes"
                    ));
                }
                self.canvas.paste_lines(
                    self.session.doc.board(),
                    &mut self.session.ids,
                    &lines,
                    target,
                )
            }
            ClipboardContent::Broken(error) => {
                self.show_error(
                    "Could not paste",
                    format!("The clipboard holds copied items that cannot be read: {error}\n\nNothing was pasted."),
                );
                None
            }
        };
        if let Some(command) = command {
            self.apply(command);
        }
    }

    /// *Edit → Paste*: asks the system for the clipboard, as `Ctrl+V` does; the paste arrives as
    /// an event in the next paint.
    pub(super) fn request_paste(&mut self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        self.shell.menu_paste_paints = 2;
    }

    /// Copy, cut and paste arrive from the system as events rather than key presses.
    pub(super) fn clipboard_events(&mut self, ctx: &egui::Context) {
        let events: Vec<Event> = ctx.input(|i| {
            i.events
                .iter()
                .filter(|event| matches!(event, Event::Copy | Event::Cut | Event::Paste(_)))
                .cloned()
                .collect()
        });
        for event in events {
            match event {
                Event::Copy => {
                    self.copy(ctx);
                }
                Event::Cut => self.cut(ctx),
                Event::Paste(text) => self.paste(ctx, &text),
                _ => {}
            }
        }
    }

    /// Takes Tab presses away from egui's focus moving when the canvas has the keyboard, so Tab
    /// walks through the items instead; they are handed back in [`Self::return_held_keys`].
    /// While text is typed, an Escape or a click that ends typing waits for the next paint when
    /// text or keys came before it in this one: egui lets go of the keyboard at the start of a
    /// paint, before the text field could take in what was typed before the Escape. Input held
    /// from the last paint goes first.
    pub(super) fn defer_typing_enders(
        &mut self,
        ctx: &egui::Context,
        raw_input: &mut egui::RawInput,
    ) {
        if !self.shell.deferred_events.is_empty() {
            let mut events = std::mem::take(&mut self.shell.deferred_events);
            events.append(&mut raw_input.events);
            raw_input.events = events;
        }
        if !ctx.text_edit_focused() && self.canvas.editing_item().is_none() {
            return;
        }
        let mut typed = false;
        let ender = raw_input.events.iter().position(|event| {
            let ends = matches!(
                event,
                Event::Key {
                    key: Key::Escape,
                    pressed: true,
                    ..
                } | Event::PointerButton { pressed: true, .. }
            );
            if ends && typed {
                return true;
            }
            typed |= matches!(
                event,
                Event::Text(_) | Event::Paste(_) | Event::Key { pressed: true, .. }
            );
            false
        });
        if let Some(at) = ender {
            self.shell.deferred_events = raw_input.events.split_off(at);
            ctx.request_repaint();
        }
    }

    pub(super) fn hold_canvas_keys(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.shell.modal.is_some()
            || ctx.text_edit_focused()
            || self.canvas.editing_item().is_some()
        {
            return;
        }
        raw_input.events.retain(|event| {
            let is_tab = matches!(event, Event::Key { key: Key::Tab, .. });
            if is_tab {
                self.shell.held_keys.push(event.clone());
            }
            !is_tab
        });
    }

    /// Puts the held key presses back, after egui's focus handling has run.
    pub(super) fn return_held_keys(&mut self, ctx: &egui::Context) {
        if !self.shell.held_keys.is_empty() {
            let held = std::mem::take(&mut self.shell.held_keys);
            ctx.input_mut(|i| i.events.extend(held));
        }
    }
}

/// The centre of the rectangle around `items`.
fn bounds_center(items: &[crate::model::Item]) -> Option<crate::model::Point> {
    crate::model::Rect::around(items.iter().map(crate::model::Item::rect))
        .map(crate::model::Rect::center)
}
