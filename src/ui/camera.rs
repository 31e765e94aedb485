//! The view onto the board: which board point is in the middle of the canvas, and the zoom.
//!
//! Two coordinate spaces meet here: `pos_in_board` (board units, stored in files) and
//! `pos_in_screen` (egui points). [`Camera::screen_from_board`] and [`Camera::board_from_screen`]
//! convert between them for a given canvas rectangle on screen.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model::{Point, Size};

/// Pan and zoom of the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The board point shown at the centre of the canvas.
    pub center_in_board: Point,
    /// Screen points per board unit (1.0 = 100%).
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center_in_board: Point::new(0.0, 0.0),
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// The smallest zoom (2%): enough to fit a board of thousands of notes in view.
    pub const MIN_ZOOM: f32 = 0.02;
    /// The largest zoom (400%).
    pub const MAX_ZOOM: f32 = 4.0;
    /// Zoom to fit never magnifies past this, so a nearly empty board is not blown up.
    pub const MAX_FIT_ZOOM: f32 = 1.5;
    /// Zoom factor of one zoom-in or zoom-out step.
    pub const ZOOM_STEP: f32 = 1.25;
    /// Zoom factor of one notch of a mouse wheel turned with Ctrl held: small enough to stop
    /// where you mean to (trackpads and smooth wheels zoom in proportion to how far they move).
    pub const WHEEL_NOTCH_ZOOM: f32 = 1.15;

    /// The `scroll_zoom_speed` that makes egui zoom by [`Self::WHEEL_NOTCH_ZOOM`] per wheel
    /// notch: egui zooms by `exp(speed × points scrolled)` and counts a notch (one line) as
    /// `line_scroll_speed` points. egui's own speed gives about 1.22 per notch (1.49 where X11
    /// reports each notch twice; the app counts those once).
    pub fn scroll_zoom_speed(line_scroll_speed: f32) -> f32 {
        Self::WHEEL_NOTCH_ZOOM.ln() / line_scroll_speed.max(1.0)
    }

    /// Where a board point appears on screen, for a canvas occupying `viewport`.
    pub fn screen_from_board(&self, viewport: Rect, pos_in_board: Point) -> Pos2 {
        let offset = vec2(
            pos_in_board.x - self.center_in_board.x,
            pos_in_board.y - self.center_in_board.y,
        );
        viewport.center() + offset * self.zoom
    }

    /// The board point under a screen position.
    pub fn board_from_screen(&self, viewport: Rect, pos_in_screen: Pos2) -> Point {
        let offset = (pos_in_screen - viewport.center()) / self.zoom;
        Point::new(
            self.center_in_board.x + offset.x,
            self.center_in_board.y + offset.y,
        )
    }

    /// The screen rectangle of a board rectangle.
    pub fn screen_rect(&self, viewport: Rect, pos_in_board: Point, size: Size) -> Rect {
        Rect::from_min_size(
            self.screen_from_board(viewport, pos_in_board),
            vec2(size.width, size.height) * self.zoom,
        )
    }

    /// The board rectangle visible in `viewport`, as (top-left, bottom-right).
    pub fn visible_board_rect(&self, viewport: Rect) -> (Point, Point) {
        (
            self.board_from_screen(viewport, viewport.min),
            self.board_from_screen(viewport, viewport.max),
        )
    }

    /// Moves the view so the content follows a pointer that moved by `delta_in_screen`.
    pub fn pan_by(&mut self, delta_in_screen: Vec2) {
        self.center_in_board.x -= delta_in_screen.x / self.zoom;
        self.center_in_board.y -= delta_in_screen.y / self.zoom;
    }

    /// Multiplies the zoom by `factor`, keeping the board point under `anchor_in_screen` still.
    pub fn zoom_around(&mut self, viewport: Rect, anchor_in_screen: Pos2, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor_in_board = self.board_from_screen(viewport, anchor_in_screen);
        self.zoom = (self.zoom * factor).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
        let offset = (anchor_in_screen - viewport.center()) / self.zoom;
        self.center_in_board =
            Point::new(anchor_in_board.x - offset.x, anchor_in_board.y - offset.y);
    }

    /// Sets the zoom to an exact value, keeping the centre of the view still.
    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = zoom.clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
    }

    /// Centres and zooms so the board rectangle `(min, max)` fills the view with a margin.
    pub fn fit(&mut self, viewport: Rect, min: Point, max: Point) {
        let margin_in_screen = 48.0;
        let width = (max.x - min.x).max(1.0);
        let height = (max.y - min.y).max(1.0);
        let room = (viewport.size() - Vec2::splat(2.0 * margin_in_screen)).max(Vec2::splat(1.0));
        let zoom = (room.x / width).min(room.y / height);
        self.zoom = zoom.clamp(Self::MIN_ZOOM, Self::MAX_FIT_ZOOM);
        self.center_in_board = Point::new(f32::midpoint(min.x, max.x), f32::midpoint(min.y, max.y));
    }

    /// Brings the board rectangle `(min, max)` into view with a margin, moving as little as it
    /// can: nothing when it is in view, a pan when it fits at this zoom, else a fit.
    pub fn reveal(&mut self, viewport: Rect, min: Point, max: Point) {
        let margin = 48.0 / self.zoom;
        let (visible_min, visible_max) = self.visible_board_rect(viewport);
        if min.x >= visible_min.x
            && min.y >= visible_min.y
            && max.x <= visible_max.x
            && max.y <= visible_max.y
        {
            return;
        }
        let room = (
            visible_max.x - visible_min.x - 2.0 * margin,
            visible_max.y - visible_min.y - 2.0 * margin,
        );
        if max.x - min.x > room.0 || max.y - min.y > room.1 {
            self.fit(viewport, min, max);
            return;
        }
        // The smallest move on each axis that puts the rectangle inside the margins.
        let shift = |low: f32, high: f32, view_low: f32, view_high: f32| {
            if low < view_low + margin {
                low - (view_low + margin)
            } else if high > view_high - margin {
                high - (view_high - margin)
            } else {
                0.0
            }
        };
        self.center_in_board.x += shift(min.x, max.x, visible_min.x, visible_max.x);
        self.center_in_board.y += shift(min.y, max.y, visible_min.y, visible_max.y);
    }
}

/// The screen position of a board point as a `Pos2` (helper for tests and painting).
pub fn to_pos2(point: Point) -> Pos2 {
    pos2(point.x, point.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewport() -> Rect {
        Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 600.0))
    }

    #[test]
    fn reveal_pans_as_little_as_it_can_and_zooms_out_only_for_what_does_not_fit() {
        let mut camera = Camera::default();
        // In view: nothing moves.
        camera.reveal(
            viewport(),
            Point::new(-100.0, -100.0),
            Point::new(100.0, 100.0),
        );
        assert_eq!(camera, Camera::default());
        // Off to the right: a pan that leaves the margin, at the same zoom.
        camera.reveal(viewport(), Point::new(500.0, 0.0), Point::new(700.0, 100.0));
        assert_eq!(camera.zoom, 1.0);
        let (min, max) = camera.visible_board_rect(viewport());
        assert!((max.x - 748.0).abs() < 0.01, "{min:?} {max:?}");
        assert_eq!(camera.center_in_board.y, 0.0);
        // Larger than the view: fitted.
        camera.reveal(viewport(), Point::new(0.0, 0.0), Point::new(3000.0, 100.0));
        assert!(camera.zoom < 0.3, "{camera:?}");
    }

    #[test]
    fn screen_and_board_round_trip() {
        let camera = Camera {
            center_in_board: Point::new(30.0, -20.0),
            zoom: 2.0,
        };
        let board = Point::new(75.5, 10.25);
        let screen = camera.screen_from_board(viewport(), board);
        let back = camera.board_from_screen(viewport(), screen);
        assert!((back.x - board.x).abs() < 1e-4 && (back.y - board.y).abs() < 1e-4);
        // The centre of the view shows the camera centre.
        assert_eq!(
            camera.screen_from_board(viewport(), camera.center_in_board),
            viewport().center()
        );
    }

    #[test]
    fn zoom_keeps_the_anchor_still_and_stays_in_range() {
        let mut camera = Camera::default();
        let anchor = pos2(700.0, 120.0);
        let before = camera.board_from_screen(viewport(), anchor);
        camera.zoom_around(viewport(), anchor, 1.7);
        let after = camera.board_from_screen(viewport(), anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        camera.zoom_around(viewport(), anchor, 1000.0);
        assert_eq!(camera.zoom, Camera::MAX_ZOOM);
        camera.zoom_around(viewport(), anchor, 0.0001);
        assert_eq!(camera.zoom, Camera::MIN_ZOOM);
    }

    #[test]
    fn fit_shows_the_whole_rectangle() {
        let mut camera = Camera::default();
        let (min, max) = (Point::new(-1000.0, 200.0), Point::new(3000.0, 900.0));
        camera.fit(viewport(), min, max);
        let top_left = camera.screen_from_board(viewport(), min);
        let bottom_right = camera.screen_from_board(viewport(), max);
        assert!(viewport().contains(top_left) && viewport().contains(bottom_right));
    }
}
