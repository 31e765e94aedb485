//! Freehand strokes as geometry: what a pen or highlighter stroke on the board looks like, and
//! which stroke a click or an eraser touches.
//!
//! A facilitator circling ideas or a practitioner sketching a face for a persona draws with the
//! pen; the board keeps what the device reported, as [`Sample`]s in board units, and draws each
//! stroke as the filled [`Outline`] that [`outline`] makes from them:
//!
//! 1. samples that are not on the board (not finite, or beyond
//!    ±[`MAX_COORDINATE`](crate::model::MAX_COORDINATE)) are skipped, and so is a sample within
//!    a hundredth of a unit of the one before (a pen held still);
//! 2. each position is pulled only part of the way towards the sample (the pen's
//!    [`streamline`](Pen::streamline)), which takes the jitter out of a hand-drawn line; the last
//!    sample is kept as it is, so the line ends where the pen was lifted;
//! 3. each point gets a radius from the pen's pressure. Where the device reports none (a mouse,
//!    most touch screens), pressure is simulated from speed: samples come at a steady rate, so a
//!    long step between two of them is a fast stroke, drawn thinner, as ink would be;
//! 4. points closer together than the pen's [`smoothing`](Pen::smoothing) allows are dropped,
//!    which softens the edges and keeps the outline short;
//! 5. the result is the stroke's *spine*: its centre line with a radius at every point. The
//!    outline polygon runs along the left side of the spine, round the end, back along the right
//!    side and round the start; sharp turns get a round outer corner.
//!
//! The stroke as drawn is the area a round nib of the spine's radius covers when it slides along
//! the spine. [`hits`] and [`touches`] test against exactly that area, one spine segment at a
//! time, rather than against the polygon: the polygon of a stroke that crosses itself (a circle
//! drawn round an idea) crosses itself too, and whether its middle counts as inside would depend
//! on a fill rule. Against the spine, the middle of a drawn circle is simply far from every
//! segment, so a click there goes to whatever lies under the circle.
//!
//! [`StrokeIndex`] keeps many outlines with a spatial index, to find the top-most stroke under the
//! pointer or every stroke an eraser drag touches among thousands.

use std::collections::HashMap;
use std::f32::consts::PI;

use super::spatial::SpatialIndex;
use super::{Point, Rect};

/// One input sample of a stroke: a board position and the pen's pressure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Where the pen was, in board units.
    pub at: Point,
    /// How hard the pen pressed, from 0 (barely) to 1 (fully); `None` where the device reports
    /// no pressure (a mouse, most touch screens).
    pub pressure: Option<f32>,
}

impl Sample {
    /// A sample at `at` with `pressure`.
    pub const fn new(at: Point, pressure: Option<f32>) -> Self {
        Self { at, pressure }
    }
}

/// How a stroke is drawn: the nib's size and how the line reacts to the hand.
///
/// Values out of range are brought into it when an outline is made: the width to
/// [`Pen::MIN_WIDTH`]`..=`[`Pen::MAX_WIDTH`] (a width that is not a number counts as the
/// smallest), the other three to `0..=1` (not a number counts as 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    /// The width of the line at full pressure, in board units.
    pub width: f32,
    /// How much pressure (or speed, where pressure is simulated) thins the line, from 0 (a
    /// constant width) to 1 (a line at no pressure is a tenth of the full width).
    pub thinning: f32,
    /// How much the outline's edges are softened, from 0 (every sample kept) to 1 (points closer
    /// than half the width are dropped).
    pub smoothing: f32,
    /// How much the line is steadied against a shaking hand, from 0 (it follows every sample)
    /// to 1 (each point moves 15% of the way towards its sample).
    pub streamline: f32,
}

impl Pen {
    /// The pen: a thin line, thinner where drawn fast or pressed lightly.
    pub const PEN: Self = Self {
        width: 4.0,
        thinning: 0.5,
        smoothing: 0.5,
        streamline: 0.5,
    };

    /// The board's pen: as [`Pen::PEN`], a little wider and thinned less by speed, so a line
    /// drawn with a mouse stays clear in a shared screen's compressed video.
    pub const BOARD_PEN: Self = Self {
        width: 6.0,
        thinning: 0.35,
        ..Self::PEN
    };

    /// The highlighter: a wide line of constant width, drawn translucent over what it marks.
    pub const HIGHLIGHTER: Self = Self {
        width: 24.0,
        thinning: 0.0,
        smoothing: 0.5,
        streamline: 0.5,
    };

    /// The thinnest line a pen draws, in board units.
    pub const MIN_WIDTH: f32 = 0.1;

    /// The widest line a pen draws, in board units.
    pub const MAX_WIDTH: f32 = 1000.0;

    /// This pen with every value brought into its range (see the type's docs).
    fn sanitized(self) -> Self {
        let unit = |value: f32| {
            if value.is_nan() {
                0.0
            } else {
                value.clamp(0.0, 1.0)
            }
        };
        let width = if self.width.is_nan() {
            Self::MIN_WIDTH
        } else {
            self.width.clamp(Self::MIN_WIDTH, Self::MAX_WIDTH)
        };
        Self {
            width,
            thinning: unit(self.thinning),
            smoothing: unit(self.smoothing),
            streamline: unit(self.streamline),
        }
    }

    /// The radius of the line at `pressure` (0..=1).
    fn radius(self, pressure: f32) -> f32 {
        let pressure = if pressure.is_nan() {
            1.0
        } else {
            pressure.clamp(0.0, 1.0)
        };
        let thinned = 1.0 - self.thinning * (1.0 - pressure) * (1.0 - MIN_RADIUS_SHARE);
        self.width / 2.0 * thinned
    }
}

/// The share of the full radius left at no pressure with full thinning.
const MIN_RADIUS_SHARE: f32 = 0.1;

/// Samples (and streamlined points) closer than this to the one before, in board units, are
/// dropped: the pen did not move.
const SAME_PLACE: f32 = 0.01;

/// A step between two samples of this many pen widths or more counts as a fully fast stroke,
/// where pressure is simulated.
const FAST_STEP_WIDTHS: f32 = 3.0;

/// How far simulated pressure moves towards the one the current speed suggests, per sample:
/// the line thins and thickens over a few samples rather than jumping.
const PRESSURE_RATE: f32 = 0.35;

/// The most an outer corner's angle may be, in radians, to be drawn as a mitre; sharper
/// corners are drawn round.
const MITRE_LIMIT: f32 = PI / 3.0;

/// The largest angle, in radians, between two neighbouring points on a round end or corner.
const ARC_STEP: f32 = PI / 10.0;

/// Spine segments per block in an outline's quick-rejection bounds.
const BLOCK: usize = 16;

/// The filled outline of a stroke, with the spine it was made from.
///
/// Made only by [`outline`], so the polygon, the spine and the bounds always agree.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    points: Vec<Point>,
    spine: Vec<(Point, f32)>,
    bounds: Rect,
    /// The bounds of each run of [`BLOCK`] spine segments (round nib included), so a hit test
    /// looks only at the segments near the point.
    blocks: Vec<Rect>,
}

impl Default for Outline {
    /// The outline of no stroke.
    fn default() -> Self {
        Self {
            points: Vec::new(),
            spine: Vec::new(),
            bounds: nowhere(),
            blocks: Vec::new(),
        }
    }
}

/// The zero-sized rectangle at the origin: the bounds of an empty outline.
fn nowhere() -> Rect {
    Rect::spanning(Point::default(), Point::default())
}

impl Outline {
    /// The outline as a closed polygon in board units (the last point joins the first). It can
    /// cross itself where the stroke does; fill it with the nonzero rule. Empty for a stroke
    /// with no samples on the board.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// The stroke's centre line after streamlining and smoothing, with the line's radius (half
    /// its width) at each point, in board units. One point for a dot; empty for no stroke.
    pub fn spine(&self) -> &[(Point, f32)] {
        &self.spine
    }

    /// The smallest rectangle holding the whole outline; a zero-sized rectangle at the origin
    /// for an empty one.
    pub fn bounds(&self) -> Rect {
        self.bounds
    }

    /// Whether there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.spine.is_empty()
    }
}

/// The outline of the stroke through `samples` drawn with `pen` (see the module docs for how).
///
/// Never panics, whatever the samples: with none on the board the outline is empty; with one
/// (a tap), or all in one place, it is a round dot as wide as the line at that pressure.
pub fn outline(samples: &[Sample], pen: &Pen) -> Outline {
    let pen = pen.sanitized();
    let spine = spine(samples, &pen);
    let points = polygon(&spine);
    let disk = |&(at, radius): &(Point, f32)| Rect::spanning(at, at).expand(radius);
    let corners = points.iter().map(|&point| Rect::spanning(point, point));
    let bounds = Rect::around(spine.iter().map(disk).chain(corners)).unwrap_or_else(nowhere);
    let blocks = (0..spine.len().saturating_sub(1).div_ceil(BLOCK))
        .filter_map(|block| {
            let start = block * BLOCK;
            let end = (start + BLOCK).min(spine.len().saturating_sub(1));
            Rect::around(spine.get(start..=end)?.iter().map(disk))
        })
        .collect();
    Outline {
        points,
        spine,
        bounds,
        blocks,
    }
}

/// The streamlined, smoothed centre line through `samples`, with a radius at each point.
fn spine(samples: &[Sample], pen: &Pen) -> Vec<(Point, f32)> {
    // The samples on the board, without repeats, each with its pressure if the device gave one.
    let mut raw: Vec<(Point, Option<f32>)> = Vec::with_capacity(samples.len());
    for sample in samples {
        if sample.at.off_board().is_some() {
            continue;
        }
        let pressure = sample.pressure.filter(|p| p.is_finite());
        match raw.last_mut() {
            Some((last, last_pressure)) if distance(*last, sample.at) < SAME_PLACE => {
                // The pen held still: keep the place, take the newer pressure.
                *last_pressure = pressure.or(*last_pressure);
            }
            _ => raw.push((sample.at, pressure)),
        }
    }
    let Some(&(first, _)) = raw.first() else {
        return Vec::new();
    };

    // Pressure at each sample: the device's where it reports any, carried over samples that
    // lack it; otherwise simulated from the speed.
    let reported = raw.iter().find_map(|&(_, pressure)| pressure);
    let mut pressures = Vec::with_capacity(raw.len());
    if let Some(mut known) = reported {
        for &(_, pressure) in &raw {
            known = pressure.unwrap_or(known);
            pressures.push(known);
        }
    } else {
        let fast_step = FAST_STEP_WIDTHS * pen.width;
        let target = |from: Point, to: Point| 1.0 - (distance(from, to) / fast_step).min(1.0);
        let mut pressure = match raw.get(..2) {
            Some([(a, _), (b, _)]) => target(*a, *b),
            _ => 1.0,
        };
        pressures.push(pressure);
        for pair in raw.windows(2) {
            if let [(a, _), (b, _)] = pair {
                pressure += (target(*a, *b) - pressure) * PRESSURE_RATE;
                pressures.push(pressure);
            }
        }
    }

    // Streamline, and drop points closer together than the smoothing allows.
    let follow = 0.15 + (1.0 - pen.streamline) * 0.85;
    let min_gap = (pen.width * pen.smoothing * 0.5).max(SAME_PLACE);
    let mut spine = vec![(first, pen.radius(pressures.first().copied().unwrap_or(1.0)))];
    let mut at = first;
    let last_index = raw.len() - 1;
    for (index, (&(sample, _), &pressure)) in raw.iter().zip(&pressures).enumerate().skip(1) {
        at = if index == last_index {
            sample
        } else {
            lerp(at, sample, follow)
        };
        let radius = pen.radius(pressure);
        let Some(&(kept, _)) = spine.last() else {
            continue;
        };
        let gap = distance(kept, at);
        if index == last_index {
            // The line ends where the pen was lifted: the end replaces a kept point too close
            // to it, unless that is the start.
            if gap < min_gap && spine.len() > 1 {
                spine.pop();
            }
            if spine
                .last()
                .is_some_and(|&(kept, _)| distance(kept, at) >= SAME_PLACE)
            {
                spine.push((at, radius));
            }
        } else if gap >= min_gap {
            spine.push((at, radius));
        }
    }
    spine
}

/// The closed outline polygon around `spine`.
fn polygon(spine: &[(Point, f32)]) -> Vec<Point> {
    let mut points = Vec::new();
    match spine {
        [] => {}
        [(at, radius)] => arc(*at, *radius, (1.0, 0.0), 2.0 * PI, true, &mut points),
        [(start, start_radius), .., (end, end_radius)] => {
            let mut left = Vec::with_capacity(spine.len() + 8);
            let mut right = Vec::with_capacity(spine.len() + 8);
            let mut directions = spine.windows(2).filter_map(|pair| match pair {
                [(a, _), (b, _)] => Some(direction(*a, *b)),
                _ => None,
            });
            let Some(first_direction) = directions.next() else {
                return points;
            };
            let normal = perp(first_direction);
            left.push(along(*start, normal, *start_radius));
            right.push(along(*start, normal, -*start_radius));
            let mut incoming = first_direction;
            for (&(at, radius), outgoing) in spine.iter().skip(1).zip(directions) {
                corner(at, radius, incoming, outgoing, &mut left, &mut right);
                incoming = outgoing;
            }
            let normal = perp(incoming);
            left.push(along(*end, normal, *end_radius));
            right.push(along(*end, normal, -*end_radius));

            points.reserve(left.len() + right.len() + 24);
            points.extend_from_slice(&left);
            // Round the end, from the left side through the way the pen went to the right.
            arc(*end, *end_radius, normal, -PI, false, &mut points);
            points.extend(right.iter().rev());
            // Round the start, from the right side back round to the left.
            let back = (-perp(first_direction).0, -perp(first_direction).1);
            arc(*start, *start_radius, back, -PI, false, &mut points);
        }
    }
    points
}

/// Adds the outline's left and right points at a spine point where the line turns from
/// `incoming` to `outgoing` (unit directions).
fn corner(
    at: Point,
    radius: f32,
    incoming: (f32, f32),
    outgoing: (f32, f32),
    left: &mut Vec<Point>,
    right: &mut Vec<Point>,
) {
    let (n0, n1) = (perp(incoming), perp(outgoing));
    let turn = cross(incoming, outgoing).atan2(dot(incoming, outgoing));
    if turn.abs() <= MITRE_LIMIT {
        // A gentle bend: one point each side, where the two sides' edges meet.
        let bisector = normalized((n0.0 + n1.0, n0.1 + n1.1)).unwrap_or(n0);
        let mitre = radius / dot(bisector, n0).max(0.5);
        left.push(along(at, bisector, mitre));
        right.push(along(at, bisector, -mitre));
        return;
    }
    // A sharp turn: round on the outside, one point on the inside.
    let inside = normalized((outgoing.0 - incoming.0, outgoing.1 - incoming.1)).unwrap_or(n0);
    if turn >= 0.0 {
        // Turning towards the left side: the right side is outside.
        left.push(along(at, inside, radius));
        arc(at, radius, (-n0.0, -n0.1), turn, true, right);
    } else {
        right.push(along(at, inside, radius));
        arc(at, radius, n0, turn, true, left);
    }
}

/// Adds the points of the arc round `center` of `radius` from the unit direction `from`,
/// turning by `angle` radians (positive from +x towards +y); the arc's ends are included only
/// when `ends` is set.
fn arc(center: Point, radius: f32, from: (f32, f32), angle: f32, ends: bool, out: &mut Vec<Point>) {
    let steps = (angle.abs() / ARC_STEP).ceil().max(1.0) as usize;
    let step = angle / steps as f32;
    let (sin, cos) = step.sin_cos();
    let mut direction = from;
    let (first, last) = if ends { (0, steps) } else { (1, steps - 1) };
    for index in 0..=steps {
        if (first..=last).contains(&index) {
            out.push(along(center, direction, radius));
        }
        direction = (
            direction.0 * cos - direction.1 * sin,
            direction.0 * sin + direction.1 * cos,
        );
    }
}

/// Whether `point` lies on the stroke drawn by `outline`, or within `tolerance` board units of
/// it (so that a thin line can be clicked).
///
/// The stroke is the area its round nib covers along the spine (see the module docs): the
/// point hits when it is within the nib's radius, plus `tolerance`, of some spine segment, the
/// radius growing or shrinking evenly along the segment. The middle of a drawn loop is not on
/// the stroke, nor is the rest of its bounding box. A negative or not-a-number tolerance counts
/// as 0.
pub fn hits(outline: &Outline, point: Point, tolerance: f32) -> bool {
    let tolerance = tolerance.max(0.0);
    if !outline.bounds.expand(tolerance).contains(point) {
        return false;
    }
    if let [(at, radius)] = outline.spine.as_slice() {
        return distance(*at, point) <= radius + tolerance;
    }
    let near = Rect::spanning(point, point).expand(tolerance);
    segments_near(outline, near).any(|segment| {
        let (a, ra, b, rb) = segment;
        nib_distance(point, a, ra, b, rb) <= tolerance
    })
}

/// Whether an eraser of `radius` board units moving in a straight line from `from` to `to`
/// touches the stroke drawn by `outline`: whether the stroke (as [`hits`] sees it) comes within
/// `radius` of the line. A negative or not-a-number radius counts as 0; an eraser off the board
/// touches nothing.
pub fn touches(outline: &Outline, from: Point, to: Point, radius: f32) -> bool {
    let radius = radius.max(0.0);
    let reach = Rect::spanning(from, to).expand(radius);
    if !outline.bounds.meets(reach) || from.off_board().is_some() || to.off_board().is_some() {
        return false;
    }
    if let [(at, nib)] = outline.spine.as_slice() {
        return segment_distance(*at, from, to) <= nib + radius;
    }
    segments_near(outline, reach).any(|(a, ra, b, rb)| {
        // The nib grown by the eraser's radius is the round cone with radii ra + radius and
        // rb + radius: the eraser's path touches the stroke when it meets that cone.
        let (ra, rb) = (ra + radius, rb + radius);
        if segment_distance(a, from, to) <= ra || segment_distance(b, from, to) <= rb {
            return true;
        }
        if nib_distance(from, a, ra, b, rb) <= 0.0 || nib_distance(to, a, ra, b, rb) <= 0.0 {
            return true;
        }
        // Not in either end's circle and neither end inside: the path crosses the cone only by
        // crossing one of its straight sides.
        let Some(sides) = cone_sides(a, ra, b, rb) else {
            return false;
        };
        sides.iter().any(|&(p, q)| segments_cross(from, to, p, q))
    })
}

/// The spine segments of `outline` (as start, start radius, end, end radius) in the blocks
/// whose bounds meet `near`.
fn segments_near(outline: &Outline, near: Rect) -> impl Iterator<Item = (Point, f32, Point, f32)> {
    outline
        .blocks
        .iter()
        .enumerate()
        .filter(move |(_, block)| block.meets(near))
        .filter_map(|(block, _)| {
            let start = block * BLOCK;
            let end = (start + BLOCK).min(outline.spine.len().saturating_sub(1));
            outline.spine.get(start..=end)
        })
        .flat_map(|points| points.windows(2))
        .filter_map(|pair| match pair {
            [(a, ra), (b, rb)] => Some((*a, *ra, *b, *rb)),
            _ => None,
        })
}

/// How far `point` is outside the round cone from the circle of radius `ra` round `a` to the
/// one of radius `rb` round `b` (the area a round nib covers sliding from `a` to `b` while its
/// radius changes evenly); negative inside.
fn nib_distance(point: Point, a: Point, ra: f32, b: Point, rb: f32) -> f32 {
    let length = distance(a, b);
    let from_a = distance(a, point) - ra;
    let from_b = distance(b, point) - rb;
    let slope = (ra - rb) / length;
    let Some(spread) = spread(slope) else {
        // One circle holds the other (or the two are in one place).
        return from_a.min(from_b);
    };
    let axis = ((b.x - a.x) / length, (b.y - a.y) / length);
    let offset = (point.x - a.x, point.y - a.y);
    let along_axis = dot(offset, axis);
    let across = cross(axis, offset).abs();
    let side = along_axis * spread - across * slope;
    if side < 0.0 {
        from_a
    } else if side > spread * length {
        from_b
    } else {
        across * spread + along_axis * slope - ra
    }
}

/// The two straight sides of the round cone from the circle of radius `ra` round `a` to the
/// one of radius `rb` round `b`, each from its touching point on the first circle to the one on
/// the second; `None` when one circle holds the other.
fn cone_sides(a: Point, ra: f32, b: Point, rb: f32) -> Option<[(Point, Point); 2]> {
    let length = distance(a, b);
    let slope = (ra - rb) / length;
    let spread = spread(slope)?;
    let axis = ((b.x - a.x) / length, (b.y - a.y) / length);
    let normal = perp(axis);
    let side = |sign: f32| {
        let outward = (
            sign * spread * normal.0 + slope * axis.0,
            sign * spread * normal.1 + slope * axis.1,
        );
        (along(a, outward, ra), along(b, outward, rb))
    };
    Some([side(1.0), side(-1.0)])
}

/// For a round cone whose radius changes by `slope` per unit along its axis, the cosine of the
/// angle its sides make with the axis; `None` when one end's circle holds the other (the slope
/// is ±1 or steeper, or not a number).
fn spread(slope: f32) -> Option<f32> {
    (slope.abs() < 1.0).then(|| (1.0 - slope * slope).sqrt())
}

/// The distance from `point` to the segment from `a` to `b`.
fn segment_distance(point: Point, a: Point, b: Point) -> f32 {
    let ab = (b.x - a.x, b.y - a.y);
    let length_squared = dot(ab, ab);
    let t = if length_squared > 0.0 {
        (dot((point.x - a.x, point.y - a.y), ab) / length_squared).clamp(0.0, 1.0)
    } else {
        0.0
    };
    distance(point, lerp(a, b, t))
}

/// Whether the segments from `a` to `b` and from `c` to `d` share a point.
fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let side = |p: Point, q: Point, r: Point| cross((q.x - p.x, q.y - p.y), (r.x - p.x, r.y - p.y));
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
        return true;
    }
    // Touching or in line: one end lies on the other segment.
    (d1 == 0.0 && segment_distance(a, c, d) == 0.0)
        || (d2 == 0.0 && segment_distance(b, c, d) == 0.0)
        || (d3 == 0.0 && segment_distance(c, a, b) == 0.0)
        || (d4 == 0.0 && segment_distance(d, a, b) == 0.0)
}

fn distance(a: Point, b: Point) -> f32 {
    (b.x - a.x).hypot(b.y - a.y)
}

fn lerp(a: Point, b: Point, t: f32) -> Point {
    Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
}

/// The unit direction from `a` to `b` (+x when they are in one place).
fn direction(a: Point, b: Point) -> (f32, f32) {
    normalized((b.x - a.x, b.y - a.y)).unwrap_or((1.0, 0.0))
}

fn normalized(v: (f32, f32)) -> Option<(f32, f32)> {
    let length = v.0.hypot(v.1);
    (length > f32::EPSILON && length.is_finite()).then(|| (v.0 / length, v.1 / length))
}

/// `v` turned a quarter towards +y from +x: the left side of a line going along `v` (seen with
/// y up).
fn perp(v: (f32, f32)) -> (f32, f32) {
    (-v.1, v.0)
}

fn dot(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.0 * b.0 + a.1 * b.1
}

fn cross(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.0 * b.1 - a.1 * b.0
}

fn along(at: Point, direction: (f32, f32), by: f32) -> Point {
    Point::new(at.x + direction.0 * by, at.y + direction.1 * by)
}

/// Many strokes' outlines, found by where they are: the top-most stroke under the pointer, or
/// every stroke an eraser drag touches.
///
/// Keys are the strokes' stacking order: a higher key is drawn above a lower one.
#[derive(Clone, Debug, Default)]
pub struct StrokeIndex {
    outlines: HashMap<usize, Outline>,
    places: SpatialIndex<usize>,
}

impl StrokeIndex {
    /// An index with no strokes.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many strokes the index holds.
    pub fn len(&self) -> usize {
        self.outlines.len()
    }

    /// Whether the index holds no strokes.
    pub fn is_empty(&self) -> bool {
        self.outlines.is_empty()
    }

    /// The outline stored for `key`, if any.
    pub fn get(&self, key: usize) -> Option<&Outline> {
        self.outlines.get(&key)
    }

    /// Stores `outline` under `key`, replacing what was there. An empty outline is stored but
    /// never found.
    pub fn insert(&mut self, key: usize, outline: Outline) {
        if outline.is_empty() {
            self.places.remove(key);
        } else {
            self.places.set(key, outline.bounds);
        }
        self.outlines.insert(key, outline);
    }

    /// Forgets the stroke under `key`; nothing happens if there is none.
    pub fn remove(&mut self, key: usize) {
        self.places.remove(key);
        self.outlines.remove(&key);
    }

    /// The key of the top-most stroke that `point` [`hits`] with `tolerance`, if any (none for
    /// a point off the board).
    pub fn at(&self, point: Point, tolerance: f32) -> Option<usize> {
        if point.off_board().is_some() {
            return None;
        }
        let tolerance = tolerance.max(0.0);
        let mut top = None;
        self.places
            .search(Rect::spanning(point, point).expand(tolerance), |key| {
                if top.is_some_and(|top| top >= key) {
                    return;
                }
                if self
                    .outlines
                    .get(&key)
                    .is_some_and(|outline| hits(outline, point, tolerance))
                {
                    top = Some(key);
                }
            });
        top
    }

    /// The keys, in ascending order, of the strokes an eraser of `radius` moving from `from`
    /// to `to` [`touches`].
    pub fn touching(&self, from: Point, to: Point, radius: f32) -> Vec<usize> {
        if from.off_board().is_some() || to.off_board().is_some() {
            return Vec::new();
        }
        let radius = radius.max(0.0);
        let mut keys = Vec::new();
        self.places
            .search(Rect::spanning(from, to).expand(radius), |key| {
                if self
                    .outlines
                    .get(&key)
                    .is_some_and(|outline| touches(outline, from, to, radius))
                {
                    keys.push(key);
                }
            });
        keys.sort_unstable();
        keys
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A small seeded random number generator (xorshift), for repeatable random strokes.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        /// A number in `low..high`.
        fn between(&mut self, low: f32, high: f32) -> f32 {
            low + (self.next() % 1_000_000) as f32 / 1_000_000.0 * (high - low)
        }
    }

    fn line(from: Point, to: Point, count: usize, pressure: Option<f32>) -> Vec<Sample> {
        (0..count)
            .map(|index| {
                let t = index as f32 / (count - 1) as f32;
                Sample::new(lerp(from, to, t), pressure)
            })
            .collect()
    }

    fn circle(center: Point, radius: f32, count: usize) -> Vec<Sample> {
        (0..=count)
            .map(|index| {
                let angle = index as f32 / count as f32 * 2.0 * PI;
                let at = Point::new(
                    center.x + radius * angle.cos(),
                    center.y + radius * angle.sin(),
                );
                Sample::new(at, None)
            })
            .collect()
    }

    /// How many times the closed polygon winds round `point` (nonzero inside).
    fn winding(polygon: &[Point], point: Point) -> i32 {
        let mut winding = 0;
        for (index, &a) in polygon.iter().enumerate() {
            let b = polygon[(index + 1) % polygon.len()];
            let side = cross((b.x - a.x, b.y - a.y), (point.x - a.x, point.y - a.y));
            if a.y <= point.y && b.y > point.y && side > 0.0 {
                winding += 1;
            } else if a.y > point.y && b.y <= point.y && side < 0.0 {
                winding -= 1;
            }
        }
        winding
    }

    fn area(polygon: &[Point]) -> f32 {
        let mut twice = 0.0;
        for (index, &a) in polygon.iter().enumerate() {
            let b = polygon[(index + 1) % polygon.len()];
            twice += a.x * b.y - b.x * a.y;
        }
        twice.abs() / 2.0
    }

    fn near(a: f32, b: f32, within: f32) -> bool {
        (a - b).abs() <= within
    }

    /// A wiggly stroke of `count` samples starting at `start`, without pressure.
    fn scribble(random: &mut Random, start: Point, count: usize) -> Vec<Sample> {
        let mut at = start;
        let mut heading = random.between(0.0, 2.0 * PI);
        (0..count)
            .map(|_| {
                heading += random.between(-0.6, 0.6);
                let step = random.between(1.0, 12.0);
                at = at.offset(heading.cos() * step, heading.sin() * step);
                Sample::new(at, None)
            })
            .collect()
    }

    #[test]
    fn no_samples_make_an_empty_outline() {
        let empty = outline(&[], &Pen::PEN);
        assert!(empty.is_empty());
        assert!(empty.points().is_empty());
        assert_eq!(empty, Outline::default());
        assert!(!hits(&empty, Point::default(), 10.0));
        let off_board = [
            Sample::new(Point::new(f32::NAN, 0.0), None),
            Sample::new(Point::new(0.0, f32::INFINITY), Some(0.5)),
            Sample::new(Point::new(1e30, 0.0), None),
        ];
        assert!(outline(&off_board, &Pen::PEN).is_empty());
    }

    #[test]
    fn a_tap_is_a_dot_as_wide_as_the_pen() {
        let tap = outline(&[Sample::new(Point::new(50.0, 80.0), None)], &Pen::PEN);
        assert_eq!(tap.spine().len(), 1);
        assert!(tap.points().len() >= 16);
        for point in tap.points() {
            assert!(near(distance(*point, Point::new(50.0, 80.0)), 2.0, 1e-4));
        }
        let size = tap.bounds().size();
        assert!(near(size.width, 4.0, 1e-3) && near(size.height, 4.0, 1e-3));
        assert!(hits(&tap, Point::new(51.0, 80.0), 0.0));
        assert!(!hits(&tap, Point::new(53.0, 80.0), 0.5));

        // A pen held still for a long time is a tap too.
        let still = vec![Sample::new(Point::new(5.0, 5.0), None); 100_000];
        let dot = outline(&still, &Pen::PEN);
        assert_eq!(dot.spine().len(), 1);
        assert!(near(dot.bounds().size().width, 4.0, 1e-3));
    }

    #[test]
    fn a_straight_line_is_the_line_grown_by_half_the_width() {
        let samples = line(
            Point::new(0.0, 0.0),
            Point::new(200.0, 100.0),
            101,
            Some(1.0),
        );
        let drawn = outline(&samples, &Pen::PEN);
        let bounds = drawn.bounds();
        assert!(near(bounds.min.x, -2.0, 0.01) && near(bounds.min.y, -2.0, 0.01));
        assert!(near(bounds.max.x, 202.0, 0.01) && near(bounds.max.y, 102.0, 0.01));
        // A capsule: the line's length times the width, plus a round dot.
        let expected = 200.0_f32.hypot(100.0) * 4.0 + PI * 4.0;
        assert!(near(area(drawn.points()), expected, expected * 0.01));
        // Its ends are where the pen was put down and lifted.
        assert_eq!(
            drawn.spine().first().map(|s| s.0),
            Some(Point::new(0.0, 0.0))
        );
        assert_eq!(
            drawn.spine().last().map(|s| s.0),
            Some(Point::new(200.0, 100.0))
        );
    }

    #[test]
    fn samples_off_the_board_are_skipped() {
        let samples = line(Point::new(0.0, 0.0), Point::new(100.0, 0.0), 51, None);
        let mut spoiled = Vec::new();
        for sample in &samples {
            spoiled.push(*sample);
            spoiled.push(Sample::new(Point::new(f32::NAN, 3.0), None));
            spoiled.push(Sample::new(Point::new(0.0, f32::NEG_INFINITY), None));
            spoiled.push(Sample::new(sample.at, Some(f32::NAN)));
        }
        assert_eq!(outline(&spoiled, &Pen::PEN), outline(&samples, &Pen::PEN));
    }

    #[test]
    fn pressing_harder_draws_a_wider_line() {
        let from = Point::new(0.0, 0.0);
        let to = Point::new(300.0, 0.0);
        let hard = outline(&line(from, to, 100, Some(1.0)), &Pen::PEN);
        let light = outline(&line(from, to, 100, Some(0.2)), &Pen::PEN);
        let hard_height = hard.bounds().size().height;
        let light_height = light.bounds().size().height;
        assert!(near(hard_height, 4.0, 0.01), "{hard_height}");
        assert!(light_height < hard_height * 0.7, "{light_height}");
        assert!(light_height > 0.5, "{light_height}");
    }

    #[test]
    fn without_pressure_a_fast_stroke_is_thinner_than_a_slow_one() {
        // Slowly to x = 100 (a unit per sample), then fast to x = 700 (twenty per sample).
        let mut samples = line(Point::new(0.0, 0.0), Point::new(100.0, 0.0), 101, None);
        samples.extend(line(
            Point::new(120.0, 0.0),
            Point::new(700.0, 0.0),
            30,
            None,
        ));
        let drawn = outline(&samples, &Pen::PEN);
        let radius_near = |x: f32| {
            drawn
                .spine()
                .iter()
                .min_by(|a, b| (a.0.x - x).abs().total_cmp(&(b.0.x - x).abs()))
                .map(|s| s.1)
                .unwrap()
        };
        let slow = radius_near(60.0);
        let fast = radius_near(500.0);
        assert!(slow > 1.6, "slow {slow}");
        assert!(fast < slow * 0.7, "fast {fast}, slow {slow}");
    }

    #[test]
    fn the_highlighter_has_a_constant_width() {
        let mut random = Random(7);
        let mut samples = scribble(&mut random, Point::new(0.0, 0.0), 300);
        for (index, sample) in samples.iter_mut().enumerate() {
            if index % 3 == 0 {
                sample.pressure = Some(random.between(0.0, 1.0));
            }
        }
        let drawn = outline(&samples, &Pen::HIGHLIGHTER);
        assert!(drawn.spine().len() > 10);
        assert!(drawn.spine().iter().all(|&(_, radius)| radius == 12.0));
    }

    #[test]
    fn sharp_turns_keep_the_centre_line_inside_the_outline() {
        // A zig-zag with hairpins.
        let corners = [
            (0.0, 0.0),
            (100.0, 0.0),
            (0.0, 5.0),
            (100.0, 60.0),
            (100.0, 0.0),
        ];
        let mut samples = Vec::new();
        for pair in corners.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            samples.extend(line(
                Point::new(a.0, a.1),
                Point::new(b.0, b.1),
                40,
                Some(1.0),
            ));
        }
        let drawn = outline(&samples, &Pen::HIGHLIGHTER);
        for &(at, _) in drawn.spine() {
            assert_ne!(winding(drawn.points(), at), 0, "{at:?}");
        }
    }

    #[test]
    fn a_click_on_the_line_hits_and_one_beside_it_does_not() {
        let samples = line(Point::new(0.0, 0.0), Point::new(200.0, 0.0), 50, Some(1.0));
        let drawn = outline(&samples, &Pen::PEN);
        assert!(hits(&drawn, Point::new(100.0, 1.5), 0.0));
        assert!(!hits(&drawn, Point::new(100.0, 20.0), 0.0));
        assert!(!hits(&drawn, Point::new(100.0, 20.0), 5.0));
        // Beside a thin line, within the tolerance.
        assert!(!hits(&drawn, Point::new(100.0, 5.0), 0.0));
        assert!(hits(&drawn, Point::new(100.0, 5.0), 4.0));
        assert!(hits(&drawn, Point::new(-4.0, 0.0), 4.0), "round start");
        assert!(!hits(&drawn, Point::new(-4.0, 4.0), 1.0));
        assert!(!hits(&drawn, Point::new(f32::NAN, 0.0), 4.0));
    }

    #[test]
    fn the_middle_of_a_circled_idea_is_not_on_the_circle() {
        let center = Point::new(500.0, 300.0);
        let pen = Pen {
            width: 4.0,
            ..Pen::PEN
        };
        let ring = outline(&circle(center, 100.0, 64), &pen);
        assert!(hits(&ring, Point::new(600.0, 300.0), 0.0));
        assert!(hits(&ring, Point::new(500.0, 201.0), 0.0));
        assert!(!hits(&ring, center, 0.0));
        assert!(!hits(&ring, center, 10.0));
        assert!(!hits(&ring, Point::new(560.0, 330.0), 4.0));
        assert!(ring.bounds().contains(center), "only the bounds hold it");
    }

    #[test]
    fn an_eraser_touches_what_it_passes_over() {
        let samples = line(Point::new(0.0, 0.0), Point::new(200.0, 0.0), 50, Some(1.0));
        let drawn = outline(&samples, &Pen::PEN);
        // Across the line, both ends far from it.
        assert!(touches(
            &drawn,
            Point::new(100.0, -50.0),
            Point::new(100.0, 50.0),
            1.0
        ));
        // Alongside it, just out of reach, then within reach.
        assert!(!touches(
            &drawn,
            Point::new(0.0, 10.0),
            Point::new(200.0, 10.0),
            7.0
        ));
        assert!(touches(
            &drawn,
            Point::new(0.0, 10.0),
            Point::new(200.0, 10.0),
            8.5
        ));
        // Past its end.
        assert!(!touches(
            &drawn,
            Point::new(210.0, -50.0),
            Point::new(210.0, 50.0),
            5.0
        ));
        assert!(touches(
            &drawn,
            Point::new(210.0, -50.0),
            Point::new(210.0, 50.0),
            8.5
        ));
        // Across the middle of a drawn circle, without reaching the ring.
        let ring = outline(&circle(Point::new(0.0, 0.0), 100.0, 64), &Pen::PEN);
        assert!(!touches(
            &ring,
            Point::new(-50.0, -20.0),
            Point::new(50.0, 20.0),
            20.0
        ));
        assert!(touches(
            &ring,
            Point::new(-50.0, -20.0),
            Point::new(150.0, 20.0),
            20.0
        ));
    }

    #[test]
    fn an_eraser_standing_still_touches_what_a_click_hits() {
        let mut random = Random(3);
        let drawn = outline(&scribble(&mut random, Point::new(0.0, 0.0), 200), &Pen::PEN);
        let bounds = drawn.bounds().expand(10.0);
        let mut hit = 0;
        for _ in 0..5000 {
            let point = Point::new(
                random.between(bounds.min.x, bounds.max.x),
                random.between(bounds.min.y, bounds.max.y),
            );
            let click = hits(&drawn, point, 3.0);
            let erase = touches(&drawn, point, point, 3.0);
            if click != erase {
                // Only where the point is on the edge, to rounding.
                assert!(
                    hits(&drawn, point, 3.01) && !hits(&drawn, point, 2.99),
                    "{point:?}"
                );
            }
            hit += usize::from(click);
        }
        assert!(hit > 100, "{hit}");
    }

    /// 1,000 random strokes over a 3,000-unit square, some of them circles, by stacking order.
    fn random_strokes(random: &mut Random) -> Vec<Outline> {
        (0..1000)
            .map(|index| {
                let start = Point::new(random.between(0.0, 3000.0), random.between(0.0, 3000.0));
                let pen = if index % 7 == 0 {
                    Pen::HIGHLIGHTER
                } else {
                    Pen::PEN
                };
                if index % 5 == 0 {
                    outline(&circle(start, random.between(10.0, 200.0), 48), &pen)
                } else {
                    let count = 1 + (random.next() % 80) as usize;
                    outline(&scribble(random, start, count), &pen)
                }
            })
            .collect()
    }

    #[test]
    fn the_index_finds_the_top_most_stroke_as_a_scan_would() {
        let mut random = Random(0x5eed);
        let outlines = random_strokes(&mut random);
        let mut index = StrokeIndex::new();
        for (key, drawn) in outlines.iter().enumerate() {
            index.insert(key, drawn.clone());
        }
        assert_eq!(index.len(), 1000);
        let mut found = 0;
        for _ in 0..1000 {
            // Half near a stroke's spine, half anywhere.
            let point = if random.next().is_multiple_of(2) {
                let drawn = &outlines[(random.next() % 1000) as usize];
                let spine = drawn.spine();
                let at = spine[(random.next() % spine.len() as u64) as usize].0;
                at.offset(random.between(-8.0, 8.0), random.between(-8.0, 8.0))
            } else {
                Point::new(random.between(0.0, 3000.0), random.between(0.0, 3000.0))
            };
            let scan = (0..outlines.len())
                .rev()
                .find(|&key| hits(&outlines[key], point, 3.0));
            assert_eq!(index.at(point, 3.0), scan, "{point:?}");
            found += usize::from(scan.is_some());
        }
        assert!(found > 300 && found < 900, "{found}");

        for _ in 0..300 {
            let from = Point::new(random.between(0.0, 3000.0), random.between(0.0, 3000.0));
            let to = from.offset(random.between(-100.0, 100.0), random.between(-100.0, 100.0));
            let radius = random.between(0.0, 30.0);
            let scan: Vec<usize> = (0..outlines.len())
                .filter(|&key| touches(&outlines[key], from, to, radius))
                .collect();
            assert_eq!(index.touching(from, to, radius), scan);
        }
    }

    #[test]
    fn removed_and_replaced_strokes_are_found_no_more() {
        let mut index = StrokeIndex::new();
        let samples = line(Point::new(0.0, 0.0), Point::new(100.0, 0.0), 20, None);
        index.insert(1, outline(&samples, &Pen::PEN));
        index.insert(2, outline(&samples, &Pen::HIGHLIGHTER));
        assert_eq!(index.at(Point::new(50.0, 0.0), 0.0), Some(2));
        index.remove(2);
        assert_eq!(index.at(Point::new(50.0, 0.0), 0.0), Some(1));
        index.insert(1, Outline::default());
        assert_eq!(index.at(Point::new(50.0, 0.0), 10.0), None);
        assert!(index.get(1).is_some_and(Outline::is_empty));
        index.remove(1);
        assert!(index.is_empty());
        assert!(
            index
                .touching(Point::new(0.0, 0.0), Point::new(100.0, 0.0), 5.0)
                .is_empty()
        );
    }

    fn coordinate() -> impl Strategy<Value = f32> {
        prop_oneof![
            8 => -10_000.0_f32..10_000.0,
            1 => -1.0_f32..1.0,
            1 => prop::sample::select(vec![f32::NAN, f32::INFINITY, -3e38, 0.0]),
        ]
    }

    fn samples() -> impl Strategy<Value = Vec<Sample>> {
        let sample = (
            coordinate(),
            coordinate(),
            prop::option::of(prop_oneof![-0.5_f32..1.5, Just(f32::NAN)]),
        )
            .prop_map(|(x, y, pressure)| Sample::new(Point::new(x, y), pressure));
        prop::collection::vec(sample, 0..200)
    }

    fn pens() -> impl Strategy<Value = Pen> {
        (
            prop_oneof![-1.0_f32..2000.0, Just(f32::NAN), Just(f32::INFINITY)],
            -0.5_f32..1.5,
            -0.5_f32..1.5,
            -0.5_f32..1.5,
        )
            .prop_map(|(width, thinning, smoothing, streamline)| Pen {
                width,
                thinning,
                smoothing,
                streamline,
            })
    }

    proptest! {
        #[test]
        fn any_samples_make_a_finite_outline_inside_its_bounds(
            samples in samples(),
            pen in pens(),
        ) {
            let drawn = outline(&samples, &pen);
            let bounds = drawn.bounds();
            prop_assert_eq!(drawn.points().is_empty(), drawn.spine().is_empty());
            for point in drawn.points() {
                prop_assert!(point.x.is_finite() && point.y.is_finite(), "{:?}", point);
                prop_assert!(bounds.contains(*point), "{:?} outside {:?}", point, bounds);
            }
            for &(at, radius) in drawn.spine() {
                prop_assert!(radius.is_finite() && radius > 0.0);
                prop_assert!(bounds.encloses(Rect::spanning(at, at).expand(radius)));
                prop_assert!(hits(&drawn, at, 0.0));
            }
        }
    }
}
