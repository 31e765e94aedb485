//! The infinite canvas: pan and zoom, sticky notes you can select, move, resize and type into.
//!
//! The canvas reads the [`Board`] and returns [`Command`]s; it never changes the board itself. What
//! is not saved (selection, a drag in progress, the text being typed) lives in [`CanvasState`].
//! A drag shows the notes at their dragged position and emits one command when the mouse is
//! released; a text edit emits one command when editing ends. So one gesture is one undo step.

mod edits;
mod items;
mod paint;
mod placement;

use std::collections::BTreeSet;

use egui::{CursorIcon, Key, PointerButton, Rect, Response, Role, Sense, Ui, Vec2, WidgetInfo};

use crate::edit::Command;
use crate::model::{Board, IdGen, Item, ItemId, PaletteColor, Point, Size};
use crate::ui::camera::Camera;
use crate::ui::shortcuts::Action;
use crate::ui::widgets::action_button;

/// Everything about the canvas that is not part of the board.
#[derive(Debug)]
pub struct CanvasState {
    /// Pan and zoom.
    pub camera: Camera,
    /// The selected items.
    pub selection: BTreeSet<ItemId>,
    /// The colour new notes get (the last colour picked in the palette).
    pub new_note_color: PaletteColor,
    editing: Option<TextEditing>,
    gesture: Option<Gesture>,
    fit_pending: bool,
    viewport: Rect,
    context_menu_at: Option<Point>,
}

/// A note whose text is being typed in place.
#[derive(Debug)]
struct TextEditing {
    id: ItemId,
    buffer: String,
    /// Whether the text field has been given the keyboard yet.
    focused_once: bool,
    /// Frames the note has been missing from the board (a new note appears one frame later).
    frames_missing: u32,
}

/// A pointer gesture in progress.
#[derive(Debug)]
enum Gesture {
    /// Moving the selection by this many board units.
    Move { delta_in_board: Vec2 },
    /// Resizing one item to this size.
    Resize { id: ItemId, size: Size },
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            selection: BTreeSet::new(),
            new_note_color: PaletteColor::Yellow,
            editing: None,
            gesture: None,
            fit_pending: true,
            viewport: Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0)),
            context_menu_at: None,
        }
    }
}

impl CanvasState {
    /// Fit all items into view on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// The note being edited in place, if any.
    pub fn editing_item(&self) -> Option<ItemId> {
        self.editing.as_ref().map(|editing| editing.id)
    }

    /// The single selected item, if exactly one is selected.
    pub fn single_selection(&self) -> Option<ItemId> {
        let mut iter = self.selection.iter();
        match (iter.next(), iter.next()) {
            (Some(&id), None) => Some(id),
            _ => None,
        }
    }

    /// Start typing into a note (selects it).
    pub fn begin_editing(&mut self, board: &Board, id: ItemId) {
        let text = board
            .item(id)
            .map(|item| item.text().to_owned())
            .unwrap_or_default();
        self.selection = BTreeSet::from([id]);
        self.editing = Some(TextEditing {
            id,
            buffer: text,
            focused_once: false,
            frames_missing: 0,
        });
    }

    /// Stop typing; returns the text change, if the text changed.
    pub fn finish_editing(&mut self, board: &Board) -> Option<Command> {
        let editing = self.editing.take()?;
        let item = board.item(editing.id)?;
        (item.text() != editing.buffer).then_some(Command::SetText {
            id: editing.id,
            text: editing.buffer,
        })
    }

    /// Forget the selection, edits and gestures (after a new board is loaded).
    pub fn reset(&mut self) {
        *self = Self {
            camera: self.camera,
            new_note_color: self.new_note_color,
            viewport: self.viewport,
            ..Self::default()
        };
    }

    /// Zooms by `factor` around the middle of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        let center = self.viewport.center();
        self.camera.zoom_around(self.viewport, center, factor);
    }

    fn fit_to_board(&mut self, board: &Board) {
        let mut items = board.items();
        let Some(first) = items.next() else {
            self.camera = Camera::default();
            return;
        };
        let mut min = first.pos;
        let mut max = first.pos.offset(first.size.width, first.size.height);
        for item in items {
            min = Point::new(min.x.min(item.pos.x), min.y.min(item.pos.y));
            max = Point::new(
                max.x.max(item.pos.x + item.size.width),
                max.y.max(item.pos.y + item.size.height),
            );
        }
        self.camera.fit(self.viewport, min, max);
    }

    fn display_pos(&self, item: &Item) -> Point {
        match &self.gesture {
            Some(Gesture::Move { delta_in_board }) if self.selection.contains(&item.id) => {
                item.pos.offset(delta_in_board.x, delta_in_board.y)
            }
            _ => item.pos,
        }
    }

    fn display_size(&self, item: &Item) -> Size {
        match &self.gesture {
            Some(Gesture::Resize { id, size }) if *id == item.id => *size,
            _ => item.size,
        }
    }

    /// Draws the canvas into the rest of `ui` and returns the commands the user's input produced.
    pub fn show(&mut self, ui: &mut Ui, board: &Board, ids: &mut IdGen) -> Vec<Command> {
        let mut commands = Vec::new();
        let viewport = ui.available_rect_before_wrap();
        self.viewport = viewport;
        self.selection.retain(|&id| board.item(id).is_some());
        if self.fit_pending {
            self.fit_pending = false;
            self.fit_to_board(board);
        }

        let background = ui.interact(
            viewport,
            ui.scope_id().with("board_canvas"),
            Sense::click_and_drag(),
        );
        background
            .widget_info(|| WidgetInfo::labeled(Role::GenericContainer, true, "Board canvas"));
        self.navigate(ui, viewport, &background);
        let painter = ui.painter_at(viewport);
        paint::background(&painter, viewport, &self.camera);

        self.paint_connectors(&painter, board, viewport);
        let (visible_min, visible_max) = self.camera.visible_board_rect(viewport);
        for item in board.items_bottom_to_top() {
            let editing_this = self.editing_item() == Some(item.id);
            let pos = self.display_pos(item);
            let size = self.display_size(item);
            let off_screen = pos.x > visible_max.x
                || pos.y > visible_max.y
                || pos.x + size.width < visible_min.x
                || pos.y + size.height < visible_min.y;
            if off_screen && !editing_this {
                continue;
            }
            let rect = self.camera.screen_rect(viewport, pos, size);
            self.show_item(ui, &painter, board, item, rect, &mut commands);
        }
        self.cancel_lost_edit(board);

        self.background_interaction(ui, board, ids, &background, &mut commands);
        commands
    }

    /// Connectors go under the items, so notes stay readable where lines cross them.
    fn paint_connectors(&self, painter: &egui::Painter, board: &Board, viewport: Rect) {
        for connector in board.connectors() {
            let (Some(from), Some(to)) = (board.item(connector.from), board.item(connector.to))
            else {
                continue;
            };
            let screen_rect = |item: &Item| {
                self.camera
                    .screen_rect(viewport, self.display_pos(item), self.display_size(item))
            };
            let (from_rect, to_rect) = (screen_rect(from), screen_rect(to));
            if !viewport.intersects(from_rect.union(to_rect)) {
                continue;
            }
            paint::connector(
                painter,
                from_rect,
                to_rect,
                &connector.label,
                self.camera.zoom,
            );
        }
    }

    /// Scroll and middle-drag pan, Ctrl+scroll and pinch zoom towards the pointer.
    fn navigate(&mut self, ui: &Ui, viewport: Rect, background: &Response) {
        let pointer_over = ui.rect_contains_pointer(viewport);
        let (scroll, zoom, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta(),
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        if pointer_over {
            if scroll != Vec2::ZERO {
                self.camera.pan_by(scroll);
            }
            if (zoom - 1.0).abs() > f32::EPSILON {
                let anchor = pointer.unwrap_or_else(|| viewport.center());
                self.camera.zoom_around(viewport, anchor, zoom);
            }
        }
        let space_held = self.editing.is_none() && ui.input(|i| i.key_down(Key::Space));
        if background.dragged_by(PointerButton::Middle)
            || background.dragged_by(PointerButton::Primary)
            || (space_held && background.dragged())
        {
            self.camera.pan_by(background.drag_delta());
        }
        if space_held && pointer_over {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }
    }

    fn background_interaction(
        &mut self,
        ui: &Ui,
        board: &Board,
        ids: &mut IdGen,
        background: &Response,
        commands: &mut Vec<Command>,
    ) {
        let pointer_in_board = background
            .interact_pointer_pos()
            .map(|pos| self.camera.board_from_screen(self.viewport, pos));
        if background.clicked() {
            self.selection.clear();
        }
        if background.double_clicked()
            && let Some(at) = pointer_in_board
        {
            commands.extend(self.finish_editing(board));
            commands.push(self.new_note(board, ids, Some(at)));
        }
        if background.secondary_clicked() {
            self.context_menu_at = pointer_in_board;
        }
        background.context_menu(|ui| {
            if ui
                .button("New sticky note here")
                .on_hover_text("Add a sticky note where you right-clicked")
                .clicked()
            {
                let at = self.context_menu_at.take();
                commands.extend(self.finish_editing(board));
                commands.push(self.new_note(board, ids, at));
                ui.close();
            }
            if action_button(ui, Action::ZoomToFit).clicked() {
                self.request_fit();
                ui.close();
            }
        });
        if background.hovered() && ui.input(|i| i.pointer.primary_down()) {
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        }
    }
}
