//! The infinite canvas: pan and zoom, sticky notes you can select, move, resize and type into.
//!
//! The canvas reads the [`Board`] and returns [`Command`]s; it never changes the board itself. What
//! is not saved (selection, a drag in progress, the text being typed) lives in [`CanvasState`].
//! A drag shows the notes at their dragged position and emits one command when the mouse is
//! released; a text edit emits one command when editing ends. So one gesture is one undo step.

pub mod arrange;
mod card_entry;
mod cover;
mod drawing;
mod edits;
mod far;
mod frame_fill;
mod frames;
mod guides;
mod items;
mod links;
mod loops;
mod map_paint;
mod menus;
mod minimap;
mod paint;
mod persona_drop;
mod persona_paint;
mod photo_cache;
pub mod picture;
mod placement;
mod quick_create;
mod raster;
mod selection;
mod shapes;
mod state;
mod stroke_paint;
mod typing_merge;
mod view;
pub mod votes;

use std::collections::BTreeSet;

pub use drawing::Tool;
pub use frames::added_item;
pub use items::item_label;
pub use loops::Loops;
pub use map_paint::shape_swatch as paint_shape_swatch;
pub use menus::backdrop_choices;
pub use persona_drop::EntryDrag;
pub use placement::Spot;
use state::{Caches, Gesture, GestureState, TextEditing};
pub use state::{CanvasSettings, Selection, View};

use egui::{CursorIcon, Key, PointerButton, Rect, Response, Role, Sense, Ui, Vec2, WidgetInfo};

use crate::edit::Command;
use crate::model::{Board, IdGen, Item, ItemId, ItemKind, Point, Rect as BoardRect, Size};
use crate::ui::shortcuts::Action;

/// The snapping step, in board units: half the distance between grid dots.
pub const SNAP_STEP: f32 = crate::ui::theme::GRID_SPACING / 2.0;

/// `value` rounded to the nearest snapping step.
fn snap(value: f32) -> f32 {
    (value / SNAP_STEP).round() * SNAP_STEP
}

/// What the user asked for on the canvas in this paint.
#[derive(Debug, Default)]
pub struct CanvasOutput {
    /// Changes to the board, in order.
    pub commands: Vec<Command>,
    /// Actions chosen from the canvas's right-click menus.
    pub actions: Vec<Action>,
}

/// Everything about the canvas that is not part of the board.
#[derive(Debug, Default)]
pub struct CanvasState {
    /// Where the board is seen from.
    pub view: View,
    /// What is selected and outlined.
    pub selection: Selection,
    /// View settings that menus and keys turn on and off.
    pub settings: CanvasSettings,
    /// What the pointer or the keyboard is in the middle of.
    gesture: GestureState,
    /// What the canvas works out from the board to draw it.
    caches: Caches,
}

impl CanvasState {
    /// The size of the smallest board text in view in the last paint (notes' texts, map
    /// nodes' names), in screen points; `None` when none is in view.
    pub fn smallest_text(&self) -> Option<f32> {
        self.caches.smallest_text
    }

    /// Counts a text of `size` points on screen towards [`Self::smallest_text`].
    fn saw_text(&mut self, size: Option<f32>) {
        if let Some(size) = size {
            let smallest = self.caches.smallest_text.get_or_insert(size);
            *smallest = smallest.min(size);
        }
    }

    /// The note being edited in place, if any.
    pub fn editing_item(&self) -> Option<ItemId> {
        self.gesture.typing.as_ref().map(|editing| editing.id)
    }

    /// The text being typed into a note and not yet committed, when it differs from the board.
    pub fn unsaved_typing<'a>(&'a self, board: &Board) -> Option<(ItemId, &'a str)> {
        let editing = self.gesture.typing.as_ref()?;
        let item = board.item(editing.id)?;
        // Only the item's own text is kept for recovery; a card's field is one step away.
        (editing.part == card_entry::CardPart::Text && item.text() != editing.buffer)
            .then_some((editing.id, editing.buffer.as_str()))
    }

    /// The single selected item, if exactly one is selected.
    pub fn single_selection(&self) -> Option<ItemId> {
        let mut iter = self.selection.items.iter();
        match (iter.next(), iter.next()) {
            (Some(&id), None) => Some(id),
            _ => None,
        }
    }

    /// Start typing into a note, a map node's name or a frame's title (selects it). Rings and
    /// grids are only selected: they have no text; a text too long to type into in place is
    /// left alone, with a notice (see [`Self::take_notice`]).
    pub fn begin_editing(&mut self, board: &Board, id: ItemId) {
        self.selection.items = BTreeSet::from([id]);
        let Some(item) = board.item(id).filter(|item| item.has_text()) else {
            return;
        };
        if item.text().len() > crate::ui::widgets::MAX_EDITABLE_BYTES {
            self.gesture.notice = Some(format!(
                "Not opened for typing: {}",
                crate::ui::widgets::too_long_to_edit(item.text())
            ));
            return;
        }
        let text = item.text().to_owned();
        self.gesture.typing = Some(TextEditing {
            id,
            part: card_entry::CardPart::Text,
            moving: None,
            original: text.clone(),
            buffer: text,
            focused_once: false,
            paints_missing: 0,
        });
    }

    /// Stop typing; returns the text change, if the text changed.
    pub fn finish_editing(&mut self, board: &Board) -> Option<Command> {
        let editing = self.gesture.typing.take()?;
        let item = board.item(editing.id)?;
        card_entry::typed_change(&editing, item)
    }

    /// Forget the selection, edits and gestures (after a new board is loaded); the view and
    /// settings stay.
    pub fn reset(&mut self) {
        self.selection = Selection::default();
        self.gesture = GestureState::default();
        // Photos are kept by their content, so textures made for one board serve the next.
        let photos = std::mem::take(&mut self.caches.photos);
        self.caches = Caches {
            photos,
            ..Caches::default()
        };
        self.request_fit();
    }

    /// A message for the status bar from the last paint (e.g. why a text was not opened for
    /// typing), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.gesture.notice.take()
    }

    /// Persona photo textures: how many are kept, the bytes they take, and whether photos are
    /// still being decoded.
    pub fn photo_memory(&self) -> (usize, usize, bool) {
        let (count, bytes) = self.caches.photos.usage();
        (count, bytes, self.caches.photos.busy())
    }

    /// How many times the picture of the far board and the minimap's picture have been drawn
    /// (each is drawn again only when the board, the zoom or the part in view changes).
    pub fn pictures_drawn(&self) -> (u64, u64) {
        (self.caches.far.redrawn, self.caches.minimap.redrawn)
    }

    /// Keeps at most `bytes` of persona photo textures (256 MB unless set).
    pub fn set_photo_budget(&mut self, bytes: usize) {
        self.caches.photos.set_budget(bytes);
    }

    /// The board's feedback loops, as last worked out.
    pub fn loops(&self) -> &Loops {
        &self.caches.loops
    }

    /// The board's feedback loops, to bring up to date.
    pub fn loops_mut(&mut self) -> &mut Loops {
        &mut self.caches.loops
    }

    /// Whether Space is held for panning (not while typing).
    fn space_held(&self, ui: &Ui) -> bool {
        self.gesture.typing.is_none() && ui.input(|i| i.key_down(Key::Space))
    }

    fn display_pos(&self, item: &Item) -> Point {
        match &self.gesture.pointer {
            Some(Gesture::Move { carried, .. })
                if self.selection.items.contains(&item.id) || carried.contains(&item.id) =>
            {
                let delta = self.move_delta();
                item.pos.offset(delta.x, delta.y)
            }
            _ => item.pos,
        }
    }

    /// How far the dragged selection has moved: snapped to the grid when that is on, else lined
    /// up by the smart guides.
    fn move_delta(&self) -> Vec2 {
        let Some(Gesture::Move {
            delta_in_board,
            grabbed,
            guides,
            ..
        }) = &self.gesture.pointer
        else {
            return Vec2::ZERO;
        };
        if !self.settings.snap_to_grid {
            return *delta_in_board + guides.shift;
        }
        let target = grabbed.offset(delta_in_board.x, delta_in_board.y);
        Vec2::new(snap(target.x) - grabbed.x, snap(target.y) - grabbed.y)
    }

    fn display_size(&self, item: &Item) -> Size {
        match &self.gesture.pointer {
            Some(Gesture::Resize { id, size, .. }) if *id == item.id => *size,
            _ => item.shown_size(),
        }
    }

    /// Draws the canvas into the rest of `ui` and returns the commands and actions the user's
    /// input produced.
    pub fn show(&mut self, ui: &mut Ui, board: &Board, ids: &mut IdGen) -> CanvasOutput {
        let mut output = CanvasOutput::default();
        self.caches.photos.begin_paint(ui.ctx());
        let viewport = ui.available_rect_before_wrap();
        self.caches.frames.refresh(board);
        let hidden = &self.caches.frames.hidden;
        self.selection
            .items
            .retain(|&id| board.item(id).is_some() && !hidden.contains(&id));
        if !self.selection.items.is_empty()
            || self
                .selection
                .connector
                .is_some_and(|id| board.connector(id).is_none())
        {
            self.selection.connector = None;
        }
        // Once the shown frame is no longer what is selected, it is an ordinary selection again.
        if let Some(frame) = self.selection.presenting
            && self.single_selection() != Some(frame)
        {
            self.selection.presenting = None;
        }
        let now = ui.input(|i| i.time);
        self.settle_view(board, viewport, now);
        if self.view.glide.is_some() {
            ui.ctx().request_repaint();
        }

        let background = ui.interact(
            viewport,
            ui.scope_id().with("board_canvas"),
            Sense::click_and_drag(),
        );
        background
            .widget_info(|| WidgetInfo::labeled(Role::GenericContainer, true, "Board canvas"));
        self.navigate(ui, viewport, &background);
        self.marquee(ui, board, &background);
        let painter = ui.painter_at(viewport);

        // Backdrops, then connectors, then everything else: lines run over the rings and grids
        // that nodes sit on, and under the nodes and notes themselves. Backdrops go in the
        // board's stacking order, so a frame inside another is drawn (and picked) above it.
        let (mut backdrops, items): (Vec<&Item>, Vec<&Item>) = self
            .items_to_draw(board, viewport)
            .into_iter()
            .partition(|item| item.is_backdrop());
        board.sort_stacked(&mut backdrops);
        let drawn: Vec<(&Item, Rect)> = backdrops
            .iter()
            .chain(&items)
            .map(|&item| {
                let rect = self.view.camera.screen_rect(
                    viewport,
                    self.display_pos(item),
                    self.display_size(item),
                );
                (item, rect)
            })
            .collect();
        self.find_covered(&drawn, viewport);
        self.caches.smallest_text = None;
        let frame_bodies = self.frame_bodies(drawn.get(..backdrops.len()).unwrap_or_default());
        if !self.settings.presenting && self.settings.dot_grid {
            // Presenting, the content stands alone on a plain background.
            paint::background(&painter, viewport, &self.view.camera, &frame_bodies);
        }
        let labels = self.paint_items(ui, &painter, board, &drawn, backdrops.len(), &mut output);
        self.paint_labels(&painter, labels, &drawn, backdrops.len());
        output
            .commands
            .extend(self.finish_connecting(ui, &painter, board, ids));
        self.cancel_lost_edit(board);
        self.paint_guides(&painter);
        self.paint_selection(&painter, board);
        self.drawing_surface(ui, &painter, board, ids, &mut output);
        self.minimap(ui, &painter, board);
        self.quick_create_menu(ui, board, ids, &mut output);
        self.drop_offer_menu(ui, board, &mut output);

        self.background_interaction(board, ids, &background, &mut output);
        output
    }

    /// Paints the items on screen (`drawn`, with their rectangles: the first `backdrops` of them
    /// backdrops) with the connectors between the backdrops and the rest, and returns the
    /// connectors drawn, for their labels.
    fn paint_items<'b>(
        &mut self,
        ui: &mut Ui,
        painter: &egui::Painter,
        board: &'b Board,
        drawn: &[(&'b Item, Rect)],
        backdrops: usize,
        output: &mut CanvasOutput,
    ) -> Vec<(&'b crate::model::Connector, Vec<egui::Pos2>)> {
        let viewport = self.view.viewport;
        self.caches.frames.holes = self.opaque_cards(drawn, backdrops);
        let mut tiny = paint::TinyNotes::default();
        let mut highlights = drawing::TextUnderHighlights::default();
        let mut labels = None;
        for (i, &(item, rect)) in drawn.iter().enumerate() {
            if i == backdrops {
                tiny.flush(painter);
                let rest = drawn.get(i..).unwrap_or_default();
                let pictured = self.far_out(rest)
                    && self.caches.far.prepare(
                        painter.ctx(),
                        board,
                        &self.view.camera,
                        viewport,
                        &self.caches.frames.hidden,
                    );
                labels = Some(self.paint_connectors(painter, board, viewport, !pictured));
                if !pictured {
                    self.caches.far.forget();
                }
                if pictured {
                    // Far out: no text can be read (strokes have none).
                    if rest.iter().any(|(item, _)| !item.text().is_empty()) {
                        self.saw_text(Some(
                            crate::ui::theme::NOTE_FONT_SIZE * self.view.camera.zoom,
                        ));
                    }
                    self.caches.far.paint(painter, &self.view.camera, viewport);
                    self.outline_selected_far_items(painter, rest);
                    break;
                }
            }
            if self.caches.frames.cover.is_covered(i) {
                continue;
            }
            if self.drawn_far(item, rect) {
                if !item.text().is_empty() {
                    self.saw_text(Some(
                        crate::ui::theme::NOTE_FONT_SIZE * self.view.camera.zoom,
                    ));
                }
                // Far out: a coloured rectangle without a widget (select with a rectangle).
                tiny.add(painter, item, rect, self.selection.items.contains(&item.id));
                continue;
            }
            tiny.flush(painter);
            self.show_item(ui, painter, board, item, rect, output);
            highlights.note_painted(item, rect);
        }
        tiny.flush(painter);
        highlights.paint_text_above(self, painter);
        // With only backdrops in view, the connectors go above them all.
        labels.unwrap_or_else(|| self.paint_connectors(painter, board, viewport, true))
    }

    /// Where the frames among the backdrops about to be drawn (`backdrops`, with their
    /// rectangles on screen) paint their bodies, less their rounded corners: a frame's body
    /// hides the dot grid under it, so those dots need not be drawn. None when there are many.
    fn frame_bodies(&self, backdrops: &[(&Item, Rect)]) -> Vec<Rect> {
        const MOST: usize = 64;
        let corner = 6.0 * self.view.camera.zoom + 2.0;
        let bodies: Vec<Rect> = backdrops
            .iter()
            .enumerate()
            .filter(|&(i, &(item, _))| {
                item.as_frame().is_some_and(|frame| !frame.collapsed)
                    && !self.caches.frames.cover.is_covered(i)
            })
            .map(|(_, &(_, rect))| rect.shrink(corner))
            .filter(Rect::is_positive)
            .collect();
        if bodies.len() > MOST {
            Vec::new()
        } else {
            bodies
        }
    }

    /// Where this paint draws opaque cards (notes and persona cards) above the backdrops, on
    /// screen, less their rounded corners: a frame's body is not painted under them. Only when
    /// they are few enough to be worth it (far out, frames are small on screen anyway).
    fn opaque_cards(&self, drawn: &[(&Item, Rect)], backdrops: usize) -> Vec<Rect> {
        const MOST: usize = 400;
        let cards = drawn.len().saturating_sub(backdrops);
        if cards > MOST {
            return Vec::new();
        }
        let corner = (8.0 * self.view.camera.zoom).max(1.0) + 1.0;
        drawn
            .iter()
            .enumerate()
            .skip(backdrops)
            .filter(|&(i, &(item, rect))| {
                matches!(item.kind, ItemKind::Note(_) | ItemKind::Persona(_))
                    && !self.caches.frames.cover.is_covered(i)
                    && !paint::TinyNotes::is_tiny(rect)
                    && self.editing_item() != Some(item.id)
            })
            .map(|(_, &(_, rect))| rect.shrink(corner))
            .filter(Rect::is_positive)
            .collect()
    }

    /// Whether the items in view above the backdrops (`items`, with their rectangles on screen)
    /// are all far out, and many: drawn as one picture of the far board ([`far`]) rather than
    /// one by one. Not while a gesture shows items away from their place.
    fn far_out(&self, items: &[(&Item, Rect)]) -> bool {
        items.len() >= far::MIN_ITEMS
            && self.moved_ids().is_empty()
            && items.iter().all(|&(item, rect)| self.drawn_far(item, rect))
    }

    /// Whether `item`, at `rect` on screen, is drawn the quick way, without a widget of its own
    /// (see [`paint::TinyNotes::is_far`]): not while it is being typed into, nor a selected
    /// stroke, which keeps its widget so it can be dragged.
    fn drawn_far(&self, item: &Item, rect: Rect) -> bool {
        paint::TinyNotes::is_far(item, rect)
            && self.editing_item() != Some(item.id)
            && !(item.as_stroke().is_some() && self.selection.items.contains(&item.id))
    }

    /// The outlines of the selected items among far `items` (drawn in the far picture).
    fn outline_selected_far_items(&self, painter: &egui::Painter, items: &[(&Item, Rect)]) {
        for &(item, rect) in items {
            if self.selection.items.contains(&item.id) {
                paint::outline_tiny(painter, rect);
            }
        }
    }

    /// The items on screen (and the one being edited), bottom to top.
    ///
    /// The board's spatial index finds those in view where they are on the board; the items
    /// being dragged or resized (shown elsewhere until the gesture ends) and the one being
    /// edited are looked at one by one.
    fn items_to_draw<'b>(&self, board: &'b Board, viewport: Rect) -> Vec<&'b Item> {
        let (visible_min, visible_max) = self.view.camera.visible_board_rect(viewport);
        let in_view = BoardRect::spanning(visible_min, visible_max);
        let wanted = |item: &Item| {
            let shown = BoardRect::at(self.display_pos(item), self.display_size(item));
            let on_screen = in_view.meets(shown);
            (on_screen || self.editing_item() == Some(item.id))
                && !self.caches.frames.hidden.contains(&item.id)
        };
        let mut visible: Vec<&Item> = board
            .items_in(visible_min, visible_max)
            .into_iter()
            .filter(|item| {
                !self.is_moved(item.id)
                    && !self.caches.frames.hidden.contains(&item.id)
                    && !self.is_erased(item.id)
            })
            .collect();
        let editing = self
            .editing_item()
            .filter(|&id| !self.is_moved(id) && !visible.iter().any(|item| item.id == id));
        let others = self.moved_ids();
        let before = visible.len();
        visible.extend(
            others
                .into_iter()
                .chain(editing)
                .filter_map(|id| board.item(id))
                .filter(|item| wanted(item)),
        );
        if visible.len() > before {
            board.sort_stacked(&mut visible);
        }
        visible
    }

    /// Whether a gesture in progress shows this item away from its place on the board.
    fn is_moved(&self, id: ItemId) -> bool {
        match &self.gesture.pointer {
            Some(Gesture::Move { carried, .. }) => {
                self.selection.items.contains(&id) || carried.contains(&id)
            }
            Some(Gesture::Resize { id: resized, .. }) => *resized == id,
            _ => false,
        }
    }

    /// The items a gesture in progress shows away from their place on the board: the selection
    /// and the members of frames in it while moving, the item being resized.
    pub(super) fn moved_ids(&self) -> Vec<ItemId> {
        match &self.gesture.pointer {
            Some(Gesture::Move { carried, .. }) => self
                .selection
                .items
                .iter()
                .chain(carried)
                .copied()
                .collect(),
            Some(Gesture::Resize { id, .. }) => vec![*id],
            _ => Vec::new(),
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
                self.view.camera.pan_by(scroll);
            }
            if (zoom - 1.0).abs() > f32::EPSILON {
                let anchor = pointer.unwrap_or_else(|| viewport.center());
                self.view.camera.zoom_around(viewport, anchor, zoom);
            }
        }
        let space_held = self.space_held(ui);
        if background.dragged_by(PointerButton::Middle) || (space_held && background.dragged()) {
            self.view.camera.pan_by(background.drag_delta());
        }
        if space_held && pointer_over {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }
    }

    fn background_interaction(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        background: &Response,
        output: &mut CanvasOutput,
    ) {
        let pointer_in_board = background
            .interact_pointer_pos()
            .map(|pos| self.view.camera.board_from_screen(self.view.viewport, pos));
        if let Some(drag) = background.dnd_release_payload::<EntryDrag>()
            && let Some(pos) = ui_pointer(background)
        {
            let at = self.view.camera.board_from_screen(self.view.viewport, pos);
            output
                .commands
                .extend(self.entry_to_note(board, ids, *drag, at));
        }
        // Looking for a line under the pointer walks every connector, so only on a click.
        let clicked =
            background.clicked() || background.double_clicked() || background.secondary_clicked();
        let connector_under = background
            .interact_pointer_pos()
            .filter(|_| clicked)
            .and_then(|pos| self.connector_at(board, pos));
        if background.clicked() {
            self.selection.items.clear();
            self.selection.connector = connector_under;
            // Far out, strokes are drawn without widgets of their own: a click on one picks it.
            if connector_under.is_none()
                && let Some(at) = pointer_in_board
                && let Some(id) = self.stroke_at(board, at)
            {
                self.selection.items.insert(id);
            }
        }
        if background.double_clicked()
            && connector_under.is_none()
            && let Some(at) = pointer_in_board
        {
            output.commands.extend(self.finish_editing(board));
            output.commands.push(self.new_note(board, ids, Some(at)));
        }
        if background.secondary_clicked() {
            self.gesture.menu_at = pointer_in_board;
            if connector_under.is_some() {
                self.selection.items.clear();
                self.selection.connector = connector_under;
            }
        }
        background.context_menu(|ui| {
            let on_connector = self
                .selection
                .connector
                .and_then(|id| board.connector(id))
                .filter(|_| self.selection.items.is_empty());
            match on_connector {
                Some(connector) => menus::connector_menu(ui, connector, output),
                None => self.canvas_menu(ui, board, ids, output),
            }
        });
    }
}

/// Where the pointer is over `response`, even while something else is being dragged.
fn ui_pointer(response: &Response) -> Option<egui::Pos2> {
    response.ctx.pointer_interact_pos()
}

/// The corner of a popup to pin at `at` so that it opens towards the middle of `viewport`.
fn toward_center(viewport: Rect, at: egui::Pos2) -> egui::Align2 {
    let center = viewport.center();
    match (at.x > center.x, at.y > center.y) {
        (false, false) => egui::Align2::LEFT_TOP,
        (true, false) => egui::Align2::RIGHT_TOP,
        (false, true) => egui::Align2::LEFT_BOTTOM,
        (true, true) => egui::Align2::RIGHT_BOTTOM,
    }
}
