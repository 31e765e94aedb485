//! Where the view goes: fitting and centring asked for between paints are carried out at the
//! next paint, once the canvas knows the room it has (a panel may open beside it in the same
//! paint); when the canvas changes size by itself, the board stays where it is on screen.

use egui::{Rect, Vec2, vec2};

use super::CanvasState;
use crate::model::{Board, Item, Point, Rect as BoardRect};
use crate::ui::camera::Camera;

/// A change of view asked for between paints.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ViewRequest {
    /// Fit every item of the board (an empty board gets the default view).
    FitBoard,
    /// Fit a board rectangle, zooming in no further than `max_zoom`.
    Fit {
        /// What to fit.
        bounds: BoardRect,
        /// The largest zoom to use.
        max_zoom: f32,
        /// Whether the view glides there (see [`Glide`]) instead of jumping.
        glide: bool,
    },
    /// Centre on a board point; with `readable`, zoom to 100% if text would be too small to read.
    Centre {
        /// The board point to put in the middle.
        at: Point,
        /// Whether to zoom in far enough to read.
        readable: bool,
    },
    /// Centre on a board rectangle, unless it is already in view.
    Reveal(BoardRect),
}

/// A smooth move of the view from one camera to another: stepping from frame to frame, so a
/// video call's viewers see where the next stage is on the board.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Glide {
    from: Camera,
    to: Camera,
    /// When it started, in egui's time (seconds).
    started: f64,
    /// The camera it set last: a different one means the view was moved by hand, which ends
    /// the glide.
    shown: Camera,
}

/// How long a glide takes, in seconds.
const GLIDE_SECONDS: f64 = 0.45;

impl Glide {
    /// The camera `now` (egui's time), and whether the glide is over.
    fn at(&self, now: f64) -> (Camera, bool) {
        let t = ((now - self.started) / GLIDE_SECONDS).clamp(0.0, 1.0) as f32;
        // Ease in and out: slow at both ends, calm to watch.
        let s = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f32, b: f32| a + (b - a) * s;
        let camera = Camera {
            center_in_board: Point::new(
                lerp(self.from.center_in_board.x, self.to.center_in_board.x),
                lerp(self.from.center_in_board.y, self.to.center_in_board.y),
            ),
            // Zoom changes by the same factor each moment.
            zoom: (self.from.zoom.ln() + (self.to.zoom.ln() - self.from.zoom.ln()) * s).exp(),
        };
        (camera, t >= 1.0)
    }
}

/// Below this zoom a search hit is brought to 100% so its text can be read.
const READABLE_ZOOM: f32 = 0.6;

/// What the canvas keeps clear of its edges when it brings something into view, in points.
const EDGE_MARGIN: f32 = 16.0;

impl CanvasState {
    /// Fit all items into view at the next paint.
    pub fn request_fit(&mut self) {
        self.view.request = Some(ViewRequest::FitBoard);
    }

    /// Fits `items` in the view at the next paint, zooming in no further than `max_zoom`.
    pub(super) fn request_fit_items<'a>(
        &mut self,
        items: impl Iterator<Item = &'a Item>,
        max_zoom: f32,
    ) {
        if let Some(bounds) = BoardRect::around(items.map(Item::rect)) {
            self.view.request = Some(ViewRequest::Fit {
                bounds,
                max_zoom,
                glide: false,
            });
        }
    }

    /// Glides the view to fit `item` at the next paints, zooming in no further than `max_zoom`.
    pub(super) fn request_glide_to(&mut self, item: &Item, max_zoom: f32) {
        self.view.request = Some(ViewRequest::Fit {
            bounds: item.rect(),
            max_zoom,
            glide: true,
        });
    }

    /// Centres the view on `at` at the next paint; with `readable`, at a zoom where text can be
    /// read.
    pub(super) fn request_centre(&mut self, at: Point, readable: bool) {
        self.view.request = Some(ViewRequest::Centre { at, readable });
    }

    /// Brings `bounds` into view at the next paint (centring on it) unless it is in view then.
    pub(super) fn request_reveal(&mut self, bounds: BoardRect) {
        self.view.request = Some(ViewRequest::Reveal(bounds));
    }

    /// Shows the board through `camera` from now on, instead of any change of view asked for.
    pub fn show_through(&mut self, camera: Camera) {
        self.view.camera = camera;
        self.view.request = None;
        self.view.fitted = None;
    }

    /// The canvas's rectangle on screen in the last paint.
    pub fn viewport(&self) -> Rect {
        self.view.viewport
    }

    /// Zooms by `factor` around the middle of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        let center = self.view.viewport.center();
        self.view
            .camera
            .zoom_around(self.view.viewport, center, factor);
    }

    /// Takes in the canvas's place on screen for this paint, then carries out the view change
    /// asked for since the last paint. Without one, a canvas that changed size (a panel opened
    /// or closed beside it, the window was resized) leaves the board where it was on screen,
    /// and only pans if its new edge would cut off the selection; but a view still as a fit of
    /// the whole board left it (a window just opened, then maximised) is fitted again.
    pub(super) fn settle_view(&mut self, board: &Board, viewport: Rect, now: f64) {
        let before = std::mem::replace(&mut self.view.viewport, viewport);
        let resized = self.view.painted && before != viewport;
        self.view.painted = true;
        let untouched = self.view.fitted == Some(self.view.camera);
        if let Some(request) = self.view.request.take() {
            let from = self.view.camera;
            self.carry_out(board, request);
            let fitted_board = request == ViewRequest::FitBoard && board.items().len() > 0;
            self.view.fitted = fitted_board.then_some(self.view.camera);
            self.view.glide = matches!(request, ViewRequest::Fit { glide: true, .. }).then(|| {
                let glide = Glide {
                    from,
                    to: self.view.camera,
                    started: now,
                    shown: from,
                };
                self.view.camera = from;
                glide
            });
        } else if let Some(glide) = &mut self.view.glide {
            if glide.shown == self.view.camera {
                let (camera, done) = glide.at(now);
                self.view.camera = camera;
                glide.shown = camera;
                if done {
                    self.view.glide = None;
                }
            } else {
                self.view.glide = None;
            }
        } else if untouched && before.size() != viewport.size() {
            self.carry_out(board, ViewRequest::FitBoard);
            self.view.fitted = Some(self.view.camera);
        } else if resized {
            self.view.camera.pan_by(before.center() - viewport.center());
            self.keep_selection_in_view(board, before);
        }
    }

    fn carry_out(&mut self, board: &Board, request: ViewRequest) {
        let viewport = self.view.viewport;
        let camera = &mut self.view.camera;
        match request {
            ViewRequest::FitBoard => match BoardRect::around(board.items().map(Item::rect)) {
                Some(bounds) => camera.fit(viewport, bounds.min, bounds.max),
                None => *camera = Camera::default(),
            },
            ViewRequest::Fit {
                bounds, max_zoom, ..
            } => {
                camera.fit(viewport, bounds.min, bounds.max);
                camera.set_zoom(camera.zoom.min(max_zoom));
            }
            ViewRequest::Centre { at, readable } => {
                camera.center_in_board = at;
                if readable && camera.zoom < READABLE_ZOOM {
                    camera.set_zoom(1.0);
                }
            }
            ViewRequest::Reveal(bounds) => {
                let rect = camera.screen_rect(viewport, bounds.min, bounds.size());
                if !viewport.shrink(EDGE_MARGIN).contains_rect(rect) {
                    camera.center_in_board = bounds.center();
                }
            }
        }
    }

    /// After the canvas changed size from `before`: pans just enough to show the whole
    /// selection again if it was (at least partly) in view and now reaches past an edge.
    fn keep_selection_in_view(&mut self, board: &Board, before: Rect) {
        let Some(bounds) = self.selection_screen_bounds(board) else {
            return;
        };
        let room = self.view.viewport.shrink(EDGE_MARGIN);
        if !before.intersects(bounds) || room.contains_rect(bounds) {
            return;
        }
        let shift = vec2(
            shift_into(bounds.x_range(), room.x_range()),
            shift_into(bounds.y_range(), room.y_range()),
        );
        if shift != Vec2::ZERO {
            self.view.camera.pan_by(shift);
        }
    }
}

/// How far to move `span` so it lies inside `room`; nothing when it does already, or when it is
/// larger than `room` (the view is left where the user put it).
fn shift_into(span: egui::Rangef, room: egui::Rangef) -> f32 {
    if span.span() > room.span() {
        0.0
    } else if span.max > room.max {
        room.max - span.max
    } else if span.min < room.min {
        room.min - span.min
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glide_eases_from_one_view_to_the_other() {
        let from = Camera {
            center_in_board: Point::new(0.0, 0.0),
            zoom: 0.5,
        };
        let to = Camera {
            center_in_board: Point::new(1000.0, -400.0),
            zoom: 2.0,
        };
        let glide = Glide {
            from,
            to,
            started: 10.0,
            shown: from,
        };
        assert_eq!(glide.at(10.0), (from, false));
        let (middle, done) = glide.at(10.0 + GLIDE_SECONDS / 2.0);
        assert!(!done);
        assert!((middle.center_in_board.x - 500.0).abs() < 0.01);
        assert!(
            (middle.zoom - 1.0).abs() < 0.001,
            "halfway in zoom: {}",
            middle.zoom
        );
        let (early, _) = glide.at(10.0 + GLIDE_SECONDS / 10.0);
        assert!(early.center_in_board.x < 100.0, "slow at the start");
        let (end, done) = glide.at(10.0 + GLIDE_SECONDS);
        assert!(done);
        assert!((end.center_in_board.x - 1000.0).abs() < 0.01 && (end.zoom - 2.0).abs() < 0.001);
    }

    #[test]
    fn a_span_past_the_end_moves_back_just_enough() {
        let room = egui::Rangef::new(0.0, 100.0);
        assert_eq!(shift_into(egui::Rangef::new(80.0, 120.0), room), -20.0);
        assert_eq!(shift_into(egui::Rangef::new(-10.0, 30.0), room), 10.0);
        assert_eq!(shift_into(egui::Rangef::new(10.0, 30.0), room), 0.0);
    }

    #[test]
    fn a_span_larger_than_the_room_is_left_alone() {
        let room = egui::Rangef::new(0.0, 100.0);
        assert_eq!(shift_into(egui::Rangef::new(50.0, 250.0), room), 0.0);
        assert_eq!(shift_into(egui::Rangef::new(-150.0, 50.0), room), 0.0);
    }
}
