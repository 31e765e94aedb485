//! Board-space geometry: positions, sizes and rectangles in board units (1 unit = 1 screen pixel
//! at 100% zoom), and the limits every item on a board stays within.

use serde::{Deserialize, Serialize};

/// The farthest an item's corner may be from the board's origin, in board units, on either axis.
///
/// Far beyond any real workshop board (thousands of screens wide), and small enough that `f32`
/// positions there are still exact to the unit.
pub const MAX_COORDINATE: f32 = 10_000_000.0;

/// The largest width or height an item may have, in board units.
pub const MAX_ITEM_SIZE: f32 = 100_000.0;

/// A position on the board, in board units. `y` grows downwards, as on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal position.
    pub x: f32,
    /// Vertical position (down is positive).
    pub y: f32,
}

impl Point {
    /// A point from its coordinates.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// This point moved by `(dx, dy)`.
    #[must_use]
    pub fn offset(self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy)
    }

    /// This point rounded to a hundredth of a unit, so saved files hold short numbers.
    #[must_use]
    pub fn tidy(self) -> Self {
        Self::new(tidy(self.x), tidy(self.y))
    }

    /// The first coordinate that is not a place on a board (not finite, or beyond
    /// ±[`MAX_COORDINATE`]), named `"x"` or `"y"`; `None` when both are.
    pub fn off_board(self) -> Option<&'static str> {
        [("x", self.x), ("y", self.y)]
            .into_iter()
            .find(|(_, value)| !value.is_finite() || value.abs() > MAX_COORDINATE)
            .map(|(field, _)| field)
    }
}

/// A width and height in board units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Size {
    /// Horizontal extent.
    pub width: f32,
    /// Vertical extent.
    pub height: f32,
}

impl Size {
    /// A size from its extents.
    pub const fn new(width: f32, height: f32) -> Self {
        Self { width, height }
    }

    /// This size rounded to a hundredth of a unit.
    #[must_use]
    pub fn tidy(self) -> Self {
        Self::new(tidy(self.width), tidy(self.height))
    }

    /// The first extent that an item cannot have (not finite, 0 or less, or over
    /// [`MAX_ITEM_SIZE`]), named `"width"` or `"height"`; `None` when both are fine.
    pub fn undrawable(self) -> Option<&'static str> {
        [("width", self.width), ("height", self.height)]
            .into_iter()
            .find(|(_, value)| !value.is_finite() || *value <= 0.0 || *value > MAX_ITEM_SIZE)
            .map(|(field, _)| field)
    }
}

/// `value` rounded to a hundredth.
pub fn tidy(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}

/// An axis-aligned rectangle on the board: `min` is its top-left corner, `max` its bottom-right.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// The top-left corner.
    pub min: Point,
    /// The bottom-right corner.
    pub max: Point,
}

impl Rect {
    /// The rectangle with these two corners, in either order.
    pub fn spanning(a: Point, b: Point) -> Self {
        Self {
            min: Point::new(a.x.min(b.x), a.y.min(b.y)),
            max: Point::new(a.x.max(b.x), a.y.max(b.y)),
        }
    }

    /// The rectangle of `size` with its top-left corner at `pos`.
    pub fn at(pos: Point, size: Size) -> Self {
        Self::spanning(pos, pos.offset(size.width, size.height))
    }

    /// The smallest rectangle that holds every one of `rects`; `None` when there are none.
    pub fn around(rects: impl IntoIterator<Item = Self>) -> Option<Self> {
        rects.into_iter().reduce(Self::union)
    }

    /// The smallest rectangle that holds both.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// The part both rectangles cover, if they share at least a point.
    #[must_use]
    pub fn intersection(self, other: Self) -> Option<Self> {
        self.meets(other).then(|| Self {
            min: Point::new(self.min.x.max(other.min.x), self.min.y.max(other.min.y)),
            max: Point::new(self.max.x.min(other.max.x), self.max.y.min(other.max.y)),
        })
    }

    /// Whether the two rectangles share at least a point (edges included).
    pub fn meets(self, other: Self) -> bool {
        self.min.x <= other.max.x
            && self.min.y <= other.max.y
            && self.max.x >= other.min.x
            && self.max.y >= other.min.y
    }

    /// Whether the two rectangles overlap in more than an edge.
    pub fn overlaps(self, other: Self) -> bool {
        self.min.x < other.max.x
            && self.min.y < other.max.y
            && self.max.x > other.min.x
            && self.max.y > other.min.y
    }

    /// Whether `point` lies inside (edges included).
    pub fn contains(self, point: Point) -> bool {
        point.x >= self.min.x
            && point.y >= self.min.y
            && point.x <= self.max.x
            && point.y <= self.max.y
    }

    /// Whether `other` lies wholly inside (edges included).
    pub fn encloses(self, other: Self) -> bool {
        self.contains(other.min) && self.contains(other.max)
    }

    /// The rectangle grown by `by` on every side.
    #[must_use]
    pub fn expand(self, by: f32) -> Self {
        Self {
            min: Point::new(self.min.x - by, self.min.y - by),
            max: Point::new(self.max.x + by, self.max.y + by),
        }
    }

    /// The middle of the rectangle.
    pub fn center(self) -> Point {
        Point::new(
            f32::midpoint(self.min.x, self.max.x),
            f32::midpoint(self.min.y, self.max.y),
        )
    }

    /// The rectangle's width and height.
    pub fn size(self) -> Size {
        Size::new(self.max.x - self.min.x, self.max.y - self.min.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intersection_is_the_part_both_cover() {
        let a = Rect::spanning(Point::new(0.0, 0.0), Point::new(10.0, 10.0));
        let b = Rect::spanning(Point::new(5.0, -5.0), Point::new(20.0, 5.0));
        assert_eq!(
            a.intersection(b),
            Some(Rect::spanning(Point::new(5.0, 0.0), Point::new(10.0, 5.0)))
        );
        let apart = Rect::spanning(Point::new(11.0, 0.0), Point::new(12.0, 1.0));
        assert_eq!(a.intersection(apart), None);
    }

    #[test]
    fn limits_name_the_coordinate_or_extent_that_is_wrong() {
        assert_eq!(Point::new(0.0, -MAX_COORDINATE).off_board(), None);
        assert_eq!(Point::new(f32::NAN, 0.0).off_board(), Some("x"));
        assert_eq!(Point::new(0.0, 2.0e7).off_board(), Some("y"));
        assert_eq!(Size::new(MAX_ITEM_SIZE, 1.0).undrawable(), None);
        assert_eq!(Size::new(0.0, 1.0).undrawable(), Some("width"));
        assert_eq!(Size::new(1.0, f32::INFINITY).undrawable(), Some("height"));
    }

    #[test]
    fn rectangles_meet_contain_and_enclose() {
        let a = Rect::at(Point::new(0.0, 0.0), Size::new(100.0, 50.0));
        let b = Rect::at(Point::new(100.0, 50.0), Size::new(10.0, 10.0));
        assert!(a.meets(b) && !a.overlaps(b), "corners touch");
        assert!(a.contains(Point::new(100.0, 50.0)));
        assert!(!a.contains(Point::new(100.1, 0.0)));
        assert_eq!(a.center(), Point::new(50.0, 25.0));
        let both = Rect::around([a, b]).unwrap();
        assert_eq!(both.size(), Size::new(110.0, 60.0));
        assert!(both.encloses(a) && both.encloses(b) && !a.encloses(both));
        assert_eq!(Rect::around([]), None);
    }
}
