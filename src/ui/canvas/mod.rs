//! The infinite canvas: pan and zoom, sticky notes you can select, move, resize and type into.
//!
//! The canvas reads the [`Board`] and returns [`Command`]s; it never changes the board itself. What
//! is not saved (selection, a drag in progress, the text being typed) lives in [`CanvasState`].
//! A drag shows the notes at their dragged position and emits one command when the mouse is
//! released; a text edit emits one command when editing ends. So one gesture is one undo step.

mod paint;

use std::collections::BTreeSet;

use egui::{
    CursorIcon, Id, Key, PointerButton, Rect, Response, Role, Sense, TextEdit, Ui, Vec2, WidgetInfo,
};

use crate::edit::Command;
use crate::model::{Board, IdGen, Item, ItemId, PaletteColor, Point, Size};
use crate::ui::camera::Camera;
use crate::ui::shortcuts::Action;
use crate::ui::theme;
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

    /// A new note, selected and ready for typing. With `center_in_board` it goes exactly there
    /// (a double-click); otherwise next to the selected note, or in the middle of the view, in the
    /// first spot where it covers no other item.
    pub fn new_note(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        center_in_board: Option<Point>,
    ) -> Command {
        let size = Item::NOTE_SIZE;
        let top_left_for =
            |center: Point| Point::new(center.x - size.width / 2.0, center.y - size.height / 2.0);
        let pos = if let Some(center) = center_in_board {
            top_left_for(center)
        } else {
            let (visible_min, visible_max) = self.camera.visible_board_rect(self.viewport);
            let on_screen = |pos: Point| {
                pos.x >= visible_min.x
                    && pos.y >= visible_min.y
                    && pos.x + size.width <= visible_max.x
                    && pos.y + size.height <= visible_max.y
            };
            // Beside the selected note when that spot is in view; otherwise mid-view.
            let beside_selection = self
                .single_selection()
                .and_then(|id| board.item(id))
                .map(|item| item.pos.offset(item.size.width + NOTE_GAP, 0.0))
                .filter(|&pos| on_screen(pos));
            let anchor =
                beside_selection.unwrap_or_else(|| top_left_for(self.camera.center_in_board));
            free_spot(board, anchor, size, on_screen)
        };
        let pos = Point::new(paint::tidy(pos.x), paint::tidy(pos.y));
        let id = ids.item_id(|id| board.item(id).is_some());
        let item = Item::note(id, pos, board.z_above_all(), self.new_note_color, "");
        self.selection = BTreeSet::from([id]);
        self.editing = Some(TextEditing {
            id,
            buffer: String::new(),
            focused_once: false,
            frames_missing: 0,
        });
        Command::AddItem(Box::new(item))
    }

    /// Deletes the selection (with its connectors) as one step.
    pub fn delete_selection(&mut self, board: &Board) -> Option<Command> {
        if self.selection.is_empty() {
            return None;
        }
        let ids: Vec<ItemId> = self.selection.iter().copied().collect();
        self.selection.clear();
        Some(Command::delete_items(board, &ids))
    }

    /// Gives every selected item `color`; also used for new notes from now on.
    pub fn recolor_selection(&mut self, board: &Board, color: PaletteColor) -> Option<Command> {
        self.new_note_color = color;
        let commands: Vec<Command> = self
            .selection
            .iter()
            .filter(|&&id| board.item(id).is_some_and(|item| item.color != color))
            .map(|&id| Command::SetColor { id, color })
            .collect();
        batch("Change colour", commands)
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

    fn show_item(
        &mut self,
        ui: &mut Ui,
        painter: &egui::Painter,
        board: &Board,
        item: &Item,
        rect: Rect,
        commands: &mut Vec<Command>,
    ) {
        let zoom = self.camera.zoom;
        let response = ui.interact(
            rect,
            Id::unique(("board_item", item.id)),
            Sense::click_and_drag(),
        );
        let label = if item.text().is_empty() {
            "Empty sticky note".to_owned()
        } else {
            item.text().to_owned()
        };
        response.widget_info(|| WidgetInfo::labeled(Role::GenericContainer, true, &label));
        self.item_pointer(ui, board, item, &response, commands);
        item_context_menu(self, board, item, &response, commands);

        let selected = self.selection.contains(&item.id);
        let editing_this = self.editing_item() == Some(item.id);
        if editing_this {
            self.edit_text_in_place(ui, painter, item, rect, commands);
            return;
        }
        let look = paint::NoteLook {
            rect,
            zoom,
            selected,
            show_text: true,
        };
        paint::note(painter, item, &look);

        let resizable = selected
            && self.selection.len() == 1
            && !matches!(self.gesture, Some(Gesture::Move { .. }));
        if resizable {
            self.resize_handle(ui, painter, item, rect, commands);
        }
    }

    /// Click to select, double-click to edit, drag to move (the whole selection).
    fn item_pointer(
        &mut self,
        ui: &Ui,
        board: &Board,
        item: &Item,
        response: &Response,
        commands: &mut Vec<Command>,
    ) {
        let space_held = self.editing.is_none() && ui.input(|i| i.key_down(Key::Space));
        if response.dragged_by(PointerButton::Middle) || (space_held && response.dragged()) {
            self.camera.pan_by(response.drag_delta());
            return;
        }
        let modifiers = ui.input(|i| i.modifiers);
        if response.clicked() {
            if modifiers.shift || modifiers.command {
                if !self.selection.remove(&item.id) {
                    self.selection.insert(item.id);
                }
            } else {
                self.selection = BTreeSet::from([item.id]);
            }
        }
        if response.secondary_clicked() && !self.selection.contains(&item.id) {
            self.selection = BTreeSet::from([item.id]);
        }
        if response.double_clicked() {
            if let Some(change) = self.finish_editing(board) {
                commands.push(change);
            }
            self.begin_editing(board, item.id);
        }
        if response.drag_started_by(PointerButton::Primary) && self.editing_item() != Some(item.id)
        {
            if !self.selection.contains(&item.id) {
                self.selection = BTreeSet::from([item.id]);
            }
            self.gesture = Some(Gesture::Move {
                delta_in_board: Vec2::ZERO,
            });
        }
        if let Some(Gesture::Move { delta_in_board }) = &mut self.gesture {
            if response.dragged_by(PointerButton::Primary) {
                *delta_in_board += response.drag_delta() / self.camera.zoom;
                ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
            }
            if response.drag_stopped() {
                let delta = *delta_in_board;
                self.gesture = None;
                if let Some(command) = self.move_selection(board, delta) {
                    commands.push(command);
                }
            }
        } else if response.hovered() && self.editing_item() != Some(item.id) {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }
    }

    fn move_selection(&self, board: &Board, delta: Vec2) -> Option<Command> {
        if delta == Vec2::ZERO {
            return None;
        }
        let moves = self
            .selection
            .iter()
            .filter_map(|&id| board.item(id))
            .map(|item| Command::MoveItem {
                id: item.id,
                to: Point::new(
                    paint::tidy(item.pos.x + delta.x),
                    paint::tidy(item.pos.y + delta.y),
                ),
            })
            .collect();
        batch("Move", moves)
    }

    fn resize_handle(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        item: &Item,
        rect: Rect,
        commands: &mut Vec<Command>,
    ) {
        let handle = paint::resize_handle_rect(rect);
        let response = ui
            .interact(
                handle,
                Id::unique(("resize_handle", item.id)),
                Sense::drag(),
            )
            .on_hover_cursor(CursorIcon::ResizeNwSe)
            .on_hover_text("Drag to resize");
        response.widget_info(|| WidgetInfo::labeled(Role::GenericContainer, true, "Resize note"));
        if response.drag_started() {
            self.gesture = Some(Gesture::Resize {
                id: item.id,
                size: item.size,
            });
        }
        if let Some(Gesture::Resize { id, size }) = &mut self.gesture
            && *id == item.id
        {
            if response.dragged() {
                let delta = response.drag_delta() / self.camera.zoom;
                size.width = (size.width + delta.x).max(Item::MIN_SIZE.width);
                size.height = (size.height + delta.y).max(Item::MIN_SIZE.height);
            }
            if response.drag_stopped() {
                let to = Size::new(paint::tidy(size.width), paint::tidy(size.height));
                self.gesture = None;
                if to != item.size {
                    commands.push(Command::ResizeItem { id: item.id, to });
                }
            }
        }
        paint::resize_handle(painter, handle, response.hovered() || response.dragged());
    }

    /// The note grows while its text is typed (so nothing is hidden) and a text field sits on it.
    fn edit_text_in_place(
        &mut self,
        ui: &mut Ui,
        painter: &egui::Painter,
        item: &Item,
        rect: Rect,
        commands: &mut Vec<Command>,
    ) {
        let zoom = self.camera.zoom;
        let Some(editing) = self.editing.as_mut() else {
            return;
        };
        let font = theme::note_font(theme::NOTE_FONT_SIZE * zoom);
        let inner_width = paint::text_rect(rect, zoom).width().max(1.0);
        let text_height = painter
            .layout(
                editing.buffer.clone(),
                font.clone(),
                theme::NOTE_TEXT,
                inner_width,
            )
            .size()
            .y;
        let mut grown = rect;
        grown.max.y = grown
            .max
            .y
            .max(rect.min.y + text_height + 2.0 * theme::NOTE_PADDING * zoom + zoom * 4.0);
        let look = paint::NoteLook {
            rect: grown,
            zoom,
            selected: true,
            show_text: false,
        };
        paint::note(painter, item, &look);

        let inner = paint::text_rect(grown, zoom);
        let output = ui.put(
            inner,
            TextEdit::multiline(&mut editing.buffer)
                .id(Id::unique(("note_text", item.id)))
                .font(font)
                .text_color(theme::NOTE_TEXT)
                .frame(egui::Frame::NONE)
                .margin(egui::Margin::ZERO)
                .desired_width(inner.width())
                .hint_text("Type your note…"),
        );
        if !editing.focused_once {
            output.request_focus();
            editing.focused_once = true;
        }
        if output.lost_focus() {
            let board_text = item.text();
            if board_text != editing.buffer {
                commands.push(Command::SetText {
                    id: item.id,
                    text: editing.buffer.clone(),
                });
            }
            self.editing = None;
        }
    }

    /// Drops an edit whose note has gone (e.g. removed by undo), after giving a new note a frame
    /// to appear.
    fn cancel_lost_edit(&mut self, board: &Board) {
        if let Some(editing) = &mut self.editing
            && board.item(editing.id).is_none()
        {
            editing.frames_missing += 1;
            if editing.frames_missing > 2 {
                self.editing = None;
            }
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

/// The right-click menu of a note: colours, edit, stacking, delete.
fn item_context_menu(
    state: &mut CanvasState,
    board: &Board,
    item: &Item,
    response: &Response,
    commands: &mut Vec<Command>,
) {
    response.context_menu(|ui| {
        if action_button(ui, Action::EditText).clicked() {
            state.begin_editing(board, item.id);
            ui.close();
        }
        ui.separator();
        ui.label("Colour");
        if let Some(color) = crate::ui::widgets::swatches(ui, Some(item.color)) {
            commands.extend(state.recolor_selection(board, color));
            ui.close();
        }
        ui.separator();
        let stacking = [
            (
                "Bring to front",
                "Stack this note above every other item",
                board.z_above_all(),
            ),
            (
                "Send to back",
                "Stack this note below every other item",
                board.z_below_all(),
            ),
        ];
        for (label, tooltip, z) in stacking {
            if ui.button(label).on_hover_text(tooltip).clicked() {
                commands.push(Command::SetZ { id: item.id, z });
                ui.close();
            }
        }
        ui.separator();
        if action_button(ui, Action::Delete).clicked() {
            commands.extend(state.delete_selection(board));
            ui.close();
        }
    });
}

/// Space left between notes placed automatically, in board units.
const NOTE_GAP: f32 = 24.0;

/// How many nearby items offer their sides as places for a new note.
const PLACEMENT_NEIGHBOURS: usize = 200;

/// The free place nearest to `anchor` where an item of `size` overlaps nothing, preferring places
/// where `visible` holds. Candidates are the anchor, the four sides of the items nearest to it (so
/// new notes line up with what is already there) and a grid of half-note steps around it.
fn free_spot(board: &Board, anchor: Point, size: Size, visible: impl Fn(Point) -> bool) -> Point {
    let overlaps = |pos: Point| {
        board.items().any(|item| {
            pos.x < item.pos.x + item.size.width
                && item.pos.x < pos.x + size.width
                && pos.y < item.pos.y + item.size.height
                && item.pos.y < pos.y + size.height
        })
    };
    let distance = |pos: Point| (pos.x - anchor.x).hypot(pos.y - anchor.y);

    let mut neighbours: Vec<&Item> = board.items().collect();
    neighbours.sort_by(|a, b| distance(a.pos).total_cmp(&distance(b.pos)));
    neighbours.truncate(PLACEMENT_NEIGHBOURS);
    let beside_neighbours = neighbours.iter().flat_map(|item| {
        [
            item.pos.offset(item.size.width + NOTE_GAP, 0.0),
            item.pos.offset(0.0, item.size.height + NOTE_GAP),
            item.pos.offset(-size.width - NOTE_GAP, 0.0),
            item.pos.offset(0.0, -size.height - NOTE_GAP),
        ]
    });
    let reach = 8i8;
    let grid = (-reach..=reach)
        .flat_map(|row| (-reach..=reach).map(move |column| (column, row)))
        .map(|(column, row)| {
            anchor.offset(
                f32::from(column) * (size.width + NOTE_GAP) / 2.0,
                f32::from(row) * (size.height + NOTE_GAP) / 2.0,
            )
        });
    let mut candidates: Vec<Point> = std::iter::once(anchor)
        .chain(beside_neighbours)
        .chain(grid)
        .collect();
    // Stable sort: on equal distance the earlier (anchor, then neighbours' sides) wins.
    candidates.sort_by(|a, b| distance(*a).total_cmp(&distance(*b)));
    let free: Vec<Point> = candidates
        .into_iter()
        .filter(|&pos| !overlaps(pos))
        .collect();
    free.iter()
        .copied()
        .find(|&pos| visible(pos))
        .or_else(|| free.first().copied())
        .unwrap_or(anchor)
}

/// One command for a list of changes: nothing, the change itself, or a labelled batch.
fn batch(label: &'static str, mut commands: Vec<Command>) -> Option<Command> {
    match commands.len() {
        0 => None,
        1 => commands.pop(),
        _ => Some(Command::Batch { label, commands }),
    }
}
