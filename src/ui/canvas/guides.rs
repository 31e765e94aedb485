//! Smart guides: while items are dragged, their edges and centres snap to the edges and centres
//! of the items around them, and a thin line shows what they line up with.

use egui::{Painter, Rect, Stroke, Vec2, pos2};

use super::{CanvasState, Gesture};
use crate::model::{Board, Item, ItemId, Point};

/// How close (in screen points) an edge or centre must come to another to snap to it.
const SNAP_DISTANCE_PX: f32 = 8.0;

/// The colour of a guide line: a magenta that stands out from every palette colour.
const GUIDE: egui::Color32 = egui::Color32::from_rgb(0xd0, 0x1f, 0x8c);

/// What the guides work with during one drag: where the moving items started, the items on
/// screen they may line up with (taken when the drag starts), and the current snap.
#[derive(Debug, Default)]
pub(super) struct Guides {
    /// The moving items' bounds before the drag, in board units.
    moving: Option<Rect>,
    /// The other items on screen, in board units.
    others: Vec<Rect>,
    /// The shift that lines the moving items up, added to the pointer's way.
    pub shift: Vec2,
    /// The lines to draw, in board units.
    lines: Vec<(Point, Point)>,
}

impl Guides {
    /// Guides for moving `moving` among the other items on screen.
    pub(super) fn start(state: &CanvasState, board: &Board, moving: &[ItemId]) -> Self {
        let rect_of = |item: &Item| {
            Rect::from_min_size(
                pos2(item.pos.x, item.pos.y),
                Vec2::new(item.size.width, item.shown_size().height),
            )
        };
        let moving_rect = moving
            .iter()
            .filter_map(|&id| board.item(id))
            .map(rect_of)
            .reduce(Rect::union);
        let (min, max) = state.view.camera.visible_board_rect(state.view.viewport);
        let others = board
            .items_in(min, max)
            .into_iter()
            .filter(|item| {
                !moving.contains(&item.id) && !state.caches.frames.hidden.contains(&item.id)
            })
            .map(rect_of)
            .collect();
        Self {
            moving: moving_rect,
            others,
            ..Self::default()
        }
    }

    /// Works out the snap for the pointer's way `delta` at `zoom`.
    pub(super) fn update(&mut self, delta: Vec2, zoom: f32) {
        self.shift = Vec2::ZERO;
        self.lines.clear();
        let Some(moving) = self.moving else {
            return;
        };
        let moved = moving.translate(delta);
        let reach = SNAP_DISTANCE_PX / zoom.max(f32::EPSILON);
        let xs = |r: Rect| [r.min.x, r.center().x, r.max.x];
        let ys = |r: Rect| [r.min.y, r.center().y, r.max.y];
        let best_x = nearest(&self.others, xs(moved), xs, reach);
        let best_y = nearest(&self.others, ys(moved), ys, reach);
        if let Some((shift, _)) = best_x {
            self.shift.x = shift;
        }
        if let Some((shift, _)) = best_y {
            self.shift.y = shift;
        }
        let snapped = moved.translate(self.shift);
        if let Some((_, x)) = best_x {
            self.lines.push(self.span(snapped, x, true));
        }
        if let Some((_, y)) = best_y {
            self.lines.push(self.span(snapped, y, false));
        }
    }

    /// The guide along `at` (a vertical line at x = `at` when `vertical`), from the moving items
    /// to the farthest item it lines up with.
    fn span(&self, snapped: Rect, at: f32, vertical: bool) -> (Point, Point) {
        let along = |r: Rect| {
            if vertical {
                (r.min.y, r.max.y)
            } else {
                (r.min.x, r.max.x)
            }
        };
        let across = |r: Rect| {
            if vertical {
                [r.min.x, r.center().x, r.max.x]
            } else {
                [r.min.y, r.center().y, r.max.y]
            }
        };
        let (mut low, mut high) = along(snapped);
        for other in &self.others {
            if across(*other).iter().any(|&v| (v - at).abs() < 0.01) {
                let (a, b) = along(*other);
                low = low.min(a);
                high = high.max(b);
            }
        }
        if vertical {
            (Point::new(at, low), Point::new(at, high))
        } else {
            (Point::new(low, at), Point::new(high, at))
        }
    }
}

/// The smallest shift (within `reach`) that puts one of `lines` on one of the same lines of an
/// item in `others`, and the line it lands on.
fn nearest(
    others: &[Rect],
    lines: [f32; 3],
    of: impl Fn(Rect) -> [f32; 3],
    reach: f32,
) -> Option<(f32, f32)> {
    let mut best: Option<(f32, f32)> = None;
    for other in others {
        for target in of(*other) {
            for line in lines {
                let shift = target - line;
                if shift.abs() <= reach && best.is_none_or(|(b, _)| shift.abs() < b.abs()) {
                    best = Some((shift, target));
                }
            }
        }
    }
    best
}

impl CanvasState {
    /// Draws the guide lines of the drag in progress.
    pub(super) fn paint_guides(&self, painter: &Painter) {
        let Some(Gesture::Move { guides, .. }) = &self.gesture.pointer else {
            return;
        };
        for (from, to) in &guides.lines {
            painter.line_segment(
                [
                    self.view
                        .camera
                        .screen_from_board(self.view.viewport, *from),
                    self.view.camera.screen_from_board(self.view.viewport, *to),
                ],
                Stroke::new(1.5, GUIDE),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guides(moving: Rect, others: Vec<Rect>) -> Guides {
        Guides {
            moving: Some(moving),
            others,
            ..Guides::default()
        }
    }

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), Vec2::new(w, h))
    }

    #[test]
    fn a_left_edge_near_another_left_edge_snaps_to_it() {
        let mut g = guides(
            rect(0.0, 0.0, 100.0, 50.0),
            vec![rect(205.0, 300.0, 80.0, 80.0)],
        );
        // Dragged 200 right: the left edge is 5 units from the other's left edge.
        g.update(Vec2::new(200.0, 0.0), 1.0);
        assert_eq!(g.shift, Vec2::new(5.0, 0.0));
        assert_eq!(g.lines.len(), 1);
        let (from, to) = g.lines[0];
        assert_eq!((from.x, to.x), (205.0, 205.0));
        assert_eq!(
            (from.y, to.y),
            (0.0, 380.0),
            "from the moving note to the other"
        );
    }

    #[test]
    fn centres_line_up_across_and_the_closest_line_wins() {
        let mut g = guides(
            rect(0.0, 0.0, 100.0, 100.0),
            vec![
                rect(400.0, 10.0, 50.0, 80.0),
                rect(403.0, 500.0, 50.0, 50.0),
            ],
        );
        g.update(Vec2::new(0.0, 3.0), 1.0);
        // Vertical centre 53 against the first item's centre 50: shift -3.
        assert_eq!(g.shift.y, -3.0);
        assert_eq!(g.shift.x, 0.0);
    }

    #[test]
    fn nothing_snaps_beyond_the_reach_which_shrinks_as_the_view_zooms_in() {
        let mut g = guides(
            rect(0.0, 0.0, 100.0, 50.0),
            vec![rect(206.0, 300.0, 200.0, 80.0)],
        );
        g.update(Vec2::new(200.0, 0.0), 1.0);
        assert_eq!(g.shift.x, 6.0);
        // At 200% the 8-point reach is 4 board units.
        g.update(Vec2::new(200.0, 0.0), 2.0);
        assert_eq!(g.shift, Vec2::ZERO);
        assert!(g.lines.is_empty());
    }
}
