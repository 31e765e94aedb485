//! Selecting: marquee on the empty canvas, select all, the selection outline, Tab through items
//! in reading order, and zooming to the selection.

use std::collections::BTreeSet;

use egui::{Painter, Rect, Response, Shape, Stroke, Ui};

use super::{CanvasState, Gesture};
use crate::model::{Board, Item, ItemId, Point, Rect as BoardRect};
use crate::ui::camera::Camera;
use crate::ui::theme;

impl CanvasState {
    /// Selects every item on the board, except those hidden in collapsed frames.
    pub fn select_all(&mut self, board: &Board) {
        let hidden = board.hidden_items();
        self.selection.items = board
            .items()
            .map(|item| item.id)
            .filter(|id| !hidden.contains(id))
            .collect();
    }

    /// Starts, updates and ends a marquee drag on the empty canvas. Items the rectangle touches
    /// are selected; with Shift or Ctrl they are added to the selection.
    pub(super) fn marquee(&mut self, ui: &Ui, board: &Board, background: &Response) {
        let pointer = background
            .interact_pointer_pos()
            .map(|pos| self.view.camera.board_from_screen(self.view.viewport, pos));
        // The rectangle starts where the button went down, not where the drag was recognised.
        let press_origin = ui
            .input(|i| i.pointer.press_origin())
            .map(|pos| self.view.camera.board_from_screen(self.view.viewport, pos));
        if background.drag_started_by(egui::PointerButton::Primary)
            && !self.space_held(ui)
            && let Some(from) = press_origin.or(pointer)
        {
            let modifiers = ui.input(|i| i.modifiers);
            let base = if modifiers.shift || modifiers.command {
                self.selection.items.clone()
            } else {
                BTreeSet::new()
            };
            self.gesture.pointer = Some(Gesture::Marquee {
                from,
                to: from,
                base,
            });
        }
        if let Some(Gesture::Marquee { from, to, base }) = &mut self.gesture.pointer {
            if let Some(pointer) = pointer {
                *to = pointer;
            }
            let (min, max) = corners(*from, *to);
            // A backdrop is selected only when the rectangle takes it in whole, so selecting
            // nodes on top of rings or a grid leaves the backdrop where it is.
            let touched = board
                .items_in(min, max)
                .into_iter()
                .filter(|item| !self.caches.frames.hidden.contains(&item.id))
                .filter(|item| {
                    if item.is_backdrop() {
                        encloses(item, min, max)
                    } else {
                        touches(item, min, max)
                    }
                })
                .map(|item| item.id);
            self.selection.items = base.iter().copied().chain(touched).collect();
            if background.drag_stopped() || !background.dragged() {
                self.gesture.pointer = None;
            }
        }
    }

    /// Paints the marquee rectangle and, for several selected items, a dashed outline around
    /// all of them.
    pub(super) fn paint_selection(&self, painter: &Painter, board: &Board) {
        if let Some(Gesture::Marquee { from, to, .. }) = &self.gesture.pointer {
            let rect = Rect::from_two_pos(
                self.view
                    .camera
                    .screen_from_board(self.view.viewport, *from),
                self.view.camera.screen_from_board(self.view.viewport, *to),
            );
            painter.rect_filled(rect, 0.0, theme::MARQUEE_FILL);
            painter.rect_stroke(
                rect,
                0.0,
                Stroke::new(1.5, theme::SELECTION),
                egui::StrokeKind::Inside,
            );
        }
        if self.selection.items.len() > 1
            && let Some(bounds) = self.selection_screen_bounds(board)
        {
            let outline = bounds.expand(8.0);
            let corners = [
                outline.left_top(),
                outline.right_top(),
                outline.right_bottom(),
                outline.left_bottom(),
                outline.left_top(),
            ];
            painter.extend(Shape::dashed_line(
                &corners,
                Stroke::new(1.5, theme::SELECTION),
                8.0,
                5.0,
            ));
        }
    }

    pub(super) fn selection_screen_bounds(&self, board: &Board) -> Option<Rect> {
        self.selection
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .map(|item| {
                self.view.camera.screen_rect(
                    self.view.viewport,
                    self.display_pos(item),
                    self.display_size(item),
                )
            })
            .reduce(Rect::union)
    }

    /// Selects the next item in reading order (rows top to bottom, left to right in a row), or the
    /// previous one when `backwards`, and brings it into view.
    pub fn select_next(&mut self, board: &Board, backwards: bool) {
        let order = reading_order(board);
        if order.is_empty() {
            return;
        }
        let current = self
            .single_selection()
            .and_then(|id| order.iter().position(|&other| other == id));
        let next = match (current, backwards) {
            (None, false) => 0,
            (None, true) => order.len() - 1,
            (Some(i), false) => (i + 1) % order.len(),
            (Some(i), true) => (i + order.len() - 1) % order.len(),
        };
        if let Some(&id) = order.get(next) {
            self.selection.items = BTreeSet::from([id]);
            self.scroll_into_view(board, id);
        }
    }

    /// Pans (without zooming) so the item is fully in view, if it is not already.
    pub fn scroll_into_view(&mut self, board: &Board, id: ItemId) {
        if let Some(item) = board.item(id) {
            self.request_reveal(item.rect());
        }
    }

    /// Centres the view on a search hit (zooming in if the text would be too small to read) and
    /// selects it when it is an item.
    pub fn show_hit(&mut self, board: &Board, hit: crate::ui::search::Hit) {
        let Some(center) = hit.center(board) else {
            return;
        };
        if let crate::ui::search::Hit::Item(id) = hit {
            // A hit inside a collapsed frame shows the frame, which says how much it hides.
            if let Some(frame) = board
                .frame_of(id)
                .filter(|frame| frame.as_frame().is_some_and(|f| f.collapsed))
            {
                self.selection.items = BTreeSet::from([frame.id]);
                let title = frame
                    .pos
                    .offset(frame.size.width / 2.0, Item::BACKDROP_HEADER / 2.0);
                self.request_centre(title, false);
                return;
            }
            self.selection.items = BTreeSet::from([id]);
        }
        self.request_centre(center, true);
    }

    /// Zooms so the selection (or, with nothing selected, the whole board) fills the view.
    pub fn zoom_to_selection(&mut self, board: &Board) {
        let selected: Vec<&Item> = self
            .selection
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .collect();
        if selected.is_empty() {
            self.request_fit();
        } else {
            self.request_fit_items(selected.into_iter(), Camera::MAX_FIT_ZOOM);
        }
    }
}

/// Item ids in reading order: by rows (items whose tops are within half a note of each other
/// share a row), left to right within a row.
fn reading_order(board: &Board) -> Vec<ItemId> {
    let hidden = board.hidden_items();
    let mut items: Vec<&Item> = board
        .items()
        .filter(|item| !hidden.contains(&item.id))
        .collect();
    items.sort_by(|a, b| {
        a.pos
            .y
            .total_cmp(&b.pos.y)
            .then(a.pos.x.total_cmp(&b.pos.x))
    });
    let mut rows: Vec<Vec<&Item>> = Vec::new();
    for item in items {
        let same_row = rows
            .last()
            .and_then(|row| row.first())
            .is_some_and(|first| {
                item.pos.y - first.pos.y < first.size.height.min(item.size.height) / 2.0
            });
        match rows.last_mut() {
            Some(row) if same_row => row.push(item),
            _ => rows.push(vec![item]),
        }
    }
    rows.into_iter()
        .flat_map(|mut row| {
            row.sort_by(|a, b| a.pos.x.total_cmp(&b.pos.x));
            row.into_iter().map(|item| item.id)
        })
        .collect()
}

fn corners(a: Point, b: Point) -> (Point, Point) {
    (
        Point::new(a.x.min(b.x), a.y.min(b.y)),
        Point::new(a.x.max(b.x), a.y.max(b.y)),
    )
}

fn touches(item: &Item, min: Point, max: Point) -> bool {
    BoardRect::spanning(min, max).meets(item.rect())
}

/// Whether the rectangle from `min` to `max` takes in the whole item.
fn encloses(item: &Item, min: Point, max: Point) -> bool {
    BoardRect::spanning(min, max).encloses(item.rect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdGen, PaletteColor, ZKey};

    #[test]
    fn reading_order_goes_by_rows_then_left_to_right() {
        let mut ids = IdGen::seeded(9);
        let mut note = |x: f32, y: f32, text: &str| {
            Item::note(
                ids.item_id(|_| false),
                Point::new(x, y),
                ZKey::middle(),
                PaletteColor::Yellow,
                text,
            )
        };
        // Tops within half a note of each other make a row, even when not exactly aligned.
        let items = [
            note(300.0, 10.0, "B"),
            note(0.0, 0.0, "A"),
            note(0.0, 260.0, "C"),
            note(300.0, 250.0, "D"),
        ];
        let board = Board::from_parts("Order", items, []).unwrap();
        let texts: Vec<&str> = reading_order(&board)
            .into_iter()
            .map(|id| board.item(id).unwrap().text())
            .collect();
        assert_eq!(texts, ["A", "B", "C", "D"]);
    }
}
