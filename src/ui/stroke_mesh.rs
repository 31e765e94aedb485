//! Pen lines as triangles, for the canvas's strokes, persona portraits and the portrait dialog.
//!
//! A pen line is its smoothed centre line with a radius at every point (its *spine*, from
//! [`crate::model::sketch`]), filled as one mesh of a quad per segment and a disc per point, so
//! joins and ends are round and a line that crosses itself is filled where it crosses. A
//! portrait drawn in a card's avatar circle is cut to the circle with [`clip_to_circle`], once
//! per portrait ([`portrait_in_circle`]).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::cache::{ComputerMut, FrameCache};
use egui::{Color32, Mesh, Pos2, Rect, pos2, vec2};

use crate::model::{Point, Portrait, Stroke};

/// The mesh of a pen line through `spine` (centre points with the line's radius there).
pub fn pen(spine: &[(Point, f32)], color: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    add_pen(&mut mesh, spine, color);
    mesh
}

/// Adds the triangles of a pen line through `spine` to `mesh`: a quad per segment, a disc at
/// each end and at each join that turns sharply, and at the other joins two triangles that close
/// the notch between the quads (a software renderer pays for every triangle, and a smooth line
/// has hundreds of gentle joins, where a disc would cost up to 32 triangles for nothing seen).
fn add_pen(mesh: &mut Mesh, spine: &[(Point, f32)], color: Color32) {
    /// How far a bevelled join may fall short of a round one before a disc is drawn, in points.
    const BEVEL: f32 = 0.1;
    let at = |(point, _): &(Point, f32)| pos2(point.x, point.y);
    for pair in spine.windows(2) {
        if let [(a, ra), (b, rb)] = pair {
            segment(mesh, (pos2(a.x, a.y), *ra), (pos2(b.x, b.y), *rb), color);
        }
    }
    let last = spine.len().saturating_sub(1);
    for (i, point) in spine.iter().enumerate() {
        let (center, radius) = (at(point), point.1);
        let neighbours = (
            i.checked_sub(1).and_then(|j| spine.get(j)),
            spine.get(i + 1),
        );
        let (Some(before), Some(after)) = neighbours else {
            disc(mesh, center, radius, color);
            continue;
        };
        let (into, out) = (center - at(before), at(after) - center);
        let turn = into
            .x
            .mul_add(out.y, -(into.y * out.x))
            .atan2(into.dot(out));
        // A bevel falls short of the round join by r·(1 − cos(turn / 2)).
        let short = radius * (1.0 - (turn / 2.0).cos());
        if i == last || short > BEVEL || !short.is_finite() {
            disc(mesh, center, radius, color);
        } else if into.length_sq() > f32::EPSILON && out.length_sq() > f32::EPSILON {
            let (n_in, n_out) = (into.normalized().rot90(), out.normalized().rot90());
            for side in [1.0, -1.0] {
                let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
                mesh.colored_vertex(center, color);
                mesh.colored_vertex(center + n_in * radius * side, color);
                mesh.colored_vertex(center + n_out * radius * side, color);
                mesh.add_triangle(first, first + 1, first + 2);
            }
        }
    }
}

/// One mesh of a portrait's pen `lines` drawn in `square` (on screen): each line's points
/// scaled from the portrait's square ([`Portrait::SIZE`] units wide) to `square`, its width
/// with them (see [`Portrait::outline_in`]).
pub fn portrait_lines<'s>(
    lines: impl IntoIterator<Item = &'s Stroke>,
    square: Rect,
    color: Color32,
) -> Mesh {
    let mut mesh = Mesh::default();
    for line in lines {
        let outline = Portrait::outline_in(line, board_rect(square));
        add_pen(&mut mesh, outline.spine(), color);
    }
    mesh
}

/// The mesh of `portrait` in the circle round `center`: its lines scaled so that the
/// portrait's square just holds the circle, and cut to the circle, in `color`.
///
/// The lines are worked out and cut once, in the portrait's own units, and kept in `ctx`'s
/// memory while the portrait is painted every paint; each paint only moves and scales them. A
/// board with many persona cards in view then costs about what copying their triangles does.
pub fn portrait_in_circle(
    ctx: &egui::Context,
    portrait: &Portrait,
    center: Pos2,
    radius: f32,
    color: Color32,
) -> Mesh {
    let unit = ctx.memory_mut(|memory| {
        Arc::clone(
            memory
                .caches
                .cache::<PortraitMeshes>()
                .get(PortraitKey(portrait)),
        )
    });
    let middle = Portrait::SIZE / 2.0;
    let scale = radius / middle;
    Mesh {
        indices: unit.indices.clone(),
        vertices: unit
            .vertices
            .iter()
            .map(|vertex| egui::epaint::Vertex {
                pos: center + (vertex.pos - pos2(middle, middle)) * scale,
                uv: vertex.uv,
                color,
            })
            .collect(),
        texture_id: unit.texture_id,
    }
}

/// A portrait's lines, once cut to the circle in its square, by portrait (see
/// [`portrait_in_circle`]); entries not used in a paint are dropped after it.
type PortraitMeshes = FrameCache<Arc<Mesh>, PortraitMesher>;

/// Works out a portrait's lines cut to the circle in its square, in the portrait's units.
#[derive(Default)]
struct PortraitMesher;

impl ComputerMut<PortraitKey<'_>, Arc<Mesh>> for PortraitMesher {
    fn compute(&mut self, key: PortraitKey<'_>) -> Arc<Mesh> {
        let square = Rect::from_min_size(Pos2::ZERO, egui::Vec2::splat(Portrait::SIZE));
        let lines = portrait_lines(key.0.lines(), square, Color32::WHITE);
        Arc::new(clip_to_circle(
            &lines,
            square.center(),
            Portrait::SIZE / 2.0,
        ))
    }
}

/// A portrait as a cache key: every number of every line.
#[derive(Clone, Copy)]
struct PortraitKey<'p>(&'p Portrait);

impl Hash for PortraitKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for line in self.0.lines() {
            line.points.len().hash(state);
            for point in &line.points {
                point.x.to_bits().hash(state);
                point.y.to_bits().hash(state);
                point.pressure.map(f32::to_bits).hash(state);
            }
        }
    }
}

/// A screen rectangle as a model rectangle (a stroke's samples are placed in it).
pub fn board_rect(rect: Rect) -> crate::model::Rect {
    crate::model::Rect::spanning(
        Point::new(rect.min.x, rect.min.y),
        Point::new(rect.max.x, rect.max.y),
    )
}

/// A quad from `a` to `b`, as wide as each end's radius there.
pub fn segment(mesh: &mut Mesh, (a, ra): (Pos2, f32), (b, rb): (Pos2, f32), color: Color32) {
    let along = b - a;
    if along.length_sq() <= f32::EPSILON {
        return;
    }
    let normal = along.normalized().rot90();
    let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    for corner in [
        a + normal * ra,
        a - normal * ra,
        b + normal * rb,
        b - normal * rb,
    ] {
        mesh.colored_vertex(corner, color);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first + 1, first + 3, first + 2);
}

/// A filled circle: the round join or end at a point of the centre line.
pub fn disc(mesh: &mut Mesh, center: Pos2, radius: f32, color: Color32) {
    if radius <= 0.0 {
        return;
    }
    // Enough steps that the edge looks round at this size.
    let steps = (radius * 1.5).clamp(8.0, 32.0) as u32;
    let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    mesh.colored_vertex(center, color);
    for step in 0..steps {
        let angle = step as f32 / steps as f32 * std::f32::consts::TAU;
        mesh.colored_vertex(center + vec2(angle.cos(), angle.sin()) * radius, color);
    }
    for step in 0..steps {
        mesh.add_triangle(first, first + 1 + step, first + 1 + (step + 1) % steps);
    }
}

/// The half of a disc round `center` on the side `outward` points to: a round end that does not
/// lie over the line it ends.
pub fn half_disc(mesh: &mut Mesh, center: Pos2, outward: egui::Vec2, radius: f32, color: Color32) {
    if radius <= 0.0 || outward.length_sq() <= f32::EPSILON {
        return;
    }
    let start = outward.angle() - std::f32::consts::FRAC_PI_2;
    let steps = 12u32;
    let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    mesh.colored_vertex(center, color);
    for step in 0..=steps {
        let angle = start + step as f32 / steps as f32 * std::f32::consts::PI;
        mesh.colored_vertex(center + vec2(angle.cos(), angle.sin()) * radius, color);
    }
    for step in 0..steps {
        mesh.add_triangle(first, first + 1 + step, first + 2 + step);
    }
}

/// How many sides the polygon has that stands for a circle when a mesh is cut to it: enough
/// that its corners lie within a thousandth of the radius of the circle.
const CIRCLE_SIDES: usize = 64;

/// The part of `mesh` (one colour, no texture) inside the circle round `center`: triangles
/// wholly inside are kept as they are, those across the edge are cut along it, the rest are
/// left out. The edge is a polygon of [`CIRCLE_SIDES`] sides drawn round the circle, so nothing
/// inside the circle is lost.
pub fn clip_to_circle(mesh: &Mesh, center: Pos2, radius: f32) -> Mesh {
    let mut clipped = Mesh::default();
    if radius <= 0.0 || !radius.is_finite() {
        return clipped;
    }
    let edge = circle_polygon(center, radius);
    let bounds = Rect::from_center_size(center, egui::Vec2::splat(2.0 * radius)).expand(1.0);
    let inside = |at: Pos2| at.distance_sq(center) <= radius * radius;
    // Where each kept vertex of `mesh` went in `clipped`.
    let mut moved: Vec<Option<u32>> = vec![None; mesh.vertices.len()];
    for triangle in mesh.indices.chunks_exact(3) {
        let corners: Vec<(usize, &egui::epaint::Vertex)> = triangle
            .iter()
            .filter_map(|&index| {
                let index = index as usize;
                mesh.vertices.get(index).map(|vertex| (index, vertex))
            })
            .collect();
        let [(ia, a), (ib, b), (ic, c)] = corners.as_slice() else {
            continue;
        };
        if [a, b, c].into_iter().all(|vertex| inside(vertex.pos)) {
            let mut keep = |index: usize, vertex: &egui::epaint::Vertex| {
                let slot = moved.get_mut(index)?;
                Some(*slot.get_or_insert_with(|| {
                    let at = u32::try_from(clipped.vertices.len()).unwrap_or(u32::MAX);
                    clipped.vertices.push(*vertex);
                    at
                }))
            };
            if let (Some(ka), Some(kb), Some(kc)) = (keep(*ia, a), keep(*ib, b), keep(*ic, c)) {
                clipped.add_triangle(ka, kb, kc);
            }
            continue;
        }
        if !Rect::from_points(&[a.pos, b.pos, c.pos]).intersects(bounds) {
            continue;
        }
        let piece = clip_polygon(vec![a.pos, b.pos, c.pos], &edge);
        add_fan(&mut clipped, &piece, a.color);
    }
    clipped
}

/// The corners of a polygon of [`CIRCLE_SIDES`] sides whose sides touch the circle round
/// `center`, in the order of increasing angle.
fn circle_polygon(center: Pos2, radius: f32) -> Vec<Pos2> {
    let step = std::f32::consts::TAU / CIRCLE_SIDES as f32;
    let reach = radius / (step / 2.0).cos();
    (0..CIRCLE_SIDES)
        .map(|side| {
            let angle = side as f32 * step;
            center + vec2(angle.cos(), angle.sin()) * reach
        })
        .collect()
}

/// The part of the convex polygon `shape` inside the convex polygon `edge` (corners in the
/// order of increasing angle), by cutting it along each of `edge`'s sides in turn.
fn clip_polygon(mut shape: Vec<Pos2>, edge: &[Pos2]) -> Vec<Pos2> {
    let sides = edge.iter().zip(edge.iter().cycle().skip(1));
    for (&from, &to) in sides {
        if shape.is_empty() {
            break;
        }
        let side = to - from;
        // Above 0: on the inner side of this side.
        let depth = |at: Pos2| side.x * (at.y - from.y) - side.y * (at.x - from.x);
        let mut kept = Vec::with_capacity(shape.len() + 1);
        let ends = shape.iter().zip(shape.iter().cycle().skip(1));
        for (&start, &end) in ends {
            let (ds, de) = (depth(start), depth(end));
            if ds >= 0.0 {
                kept.push(start);
            }
            if (ds >= 0.0) != (de >= 0.0) {
                let t = ds / (ds - de);
                kept.push(start + (end - start) * t);
            }
        }
        shape = kept;
    }
    shape
}

/// Adds the convex polygon `shape` to `mesh` as a fan of triangles.
fn add_fan(mesh: &mut Mesh, shape: &[Pos2], color: Color32) {
    if shape.len() < 3 {
        return;
    }
    let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    for &at in shape {
        mesh.colored_vertex(at, color);
    }
    for corner in 1..shape.len().saturating_sub(1) {
        let corner = u32::try_from(corner).unwrap_or(u32::MAX);
        mesh.add_triangle(first, first + corner, first + corner + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StrokePoint;

    /// The area of every triangle of `mesh` added up.
    fn area(mesh: &Mesh) -> f32 {
        mesh.indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [0, 1, 2].map(|i| mesh.vertices[t[i] as usize].pos);
                ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0
            })
            .sum()
    }

    fn square_mesh(rect: Rect) -> Mesh {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(rect, Color32::BLACK);
        mesh
    }

    /// Whether `point` lies in some triangle of `mesh`.
    fn covers(mesh: &Mesh, point: Pos2) -> bool {
        mesh.indices.chunks_exact(3).any(|t| {
            let [a, b, c] = [0, 1, 2].map(|i| mesh.vertices[t[i] as usize].pos);
            let side = |p: Pos2, q: Pos2| (q - p).x * (point - p).y - (q - p).y * (point - p).x;
            let [ab, bc, ca] = [side(a, b), side(b, c), side(c, a)];
            (ab >= 0.0 && bc >= 0.0 && ca >= 0.0) || (ab <= 0.0 && bc <= 0.0 && ca <= 0.0)
        })
    }

    #[test]
    fn gentle_joins_are_bevelled_sharp_ones_round_and_the_line_has_no_notches() {
        // A wide arc of 60 points turning 1.5 degrees at each: no disc but at the two ends.
        let arc: Vec<(Point, f32)> = (0..60)
            .map(|i| {
                let angle = (i as f32 * 1.5).to_radians();
                (
                    Point::new(200.0 * angle.sin(), 200.0 * (1.0 - angle.cos())),
                    4.0,
                )
            })
            .collect();
        let mesh = pen(&arc, Color32::BLACK);
        let ends = 2 * 8;
        assert_eq!(
            mesh.indices.len() / 3,
            59 * 2 + 58 * 2 + ends,
            "a quad per segment, two triangles per join, a disc per end"
        );
        // Just inside the outer edge at every join, where the quads leave a notch.
        for window in arc.windows(3) {
            let [(a, _), (b, r), (c, _)] = window else {
                continue;
            };
            let normal = |p: &Point, q: &Point| vec2(q.x - p.x, q.y - p.y).normalized().rot90();
            let outward = (normal(a, b) + normal(b, c)).normalized();
            for side in [1.0, -1.0] {
                let probe = pos2(b.x, b.y) + outward * side * (r - 0.05);
                assert!(covers(&mesh, probe), "the join at {b:?} is closed");
            }
        }
        // A right angle gets a round corner.
        let corner = [
            (Point::new(0.0, 0.0), 4.0),
            (Point::new(50.0, 0.0), 4.0),
            (Point::new(50.0, 50.0), 4.0),
        ];
        let mesh = pen(&corner, Color32::BLACK);
        let diagonal = pos2(50.0, 0.0) + vec2(1.0, -1.0).normalized() * 3.9;
        assert!(covers(&mesh, diagonal), "round outer corner");
    }

    #[test]
    fn a_mesh_inside_the_circle_is_kept_as_it_is() {
        let mesh = square_mesh(Rect::from_min_max(pos2(-5.0, -5.0), pos2(5.0, 5.0)));
        let clipped = clip_to_circle(&mesh, Pos2::ZERO, 10.0);
        assert_eq!(clipped.vertices.len(), 4, "shared corners stay shared");
        assert_eq!(clipped.indices.len(), 6);
        assert!((area(&clipped) - 100.0).abs() < 1e-3);
    }

    #[test]
    fn a_mesh_over_the_circle_is_cut_to_the_circle() {
        let mesh = square_mesh(Rect::from_min_max(pos2(-40.0, -40.0), pos2(40.0, 40.0)));
        let clipped = clip_to_circle(&mesh, pos2(1.0, 2.0), 10.0);
        let circle = std::f32::consts::PI * 100.0;
        assert!(
            (area(&clipped) - circle).abs() < circle * 0.01,
            "{}",
            area(&clipped)
        );
        let reach = 10.0 / (std::f32::consts::PI / CIRCLE_SIDES as f32).cos();
        for vertex in &clipped.vertices {
            assert!(vertex.pos.distance(pos2(1.0, 2.0)) <= reach + 1e-3);
        }
    }

    #[test]
    fn a_mesh_outside_the_circle_is_left_out() {
        let mesh = square_mesh(Rect::from_min_max(pos2(20.0, 20.0), pos2(40.0, 40.0)));
        assert!(clip_to_circle(&mesh, Pos2::ZERO, 10.0).is_empty());
        // In the circle's bounding square, but beyond the circle: its corner.
        let corner = square_mesh(Rect::from_min_max(pos2(8.0, 8.0), pos2(10.0, 10.0)));
        assert!(area(&clip_to_circle(&corner, Pos2::ZERO, 10.0)) < 1e-3);
        assert!(clip_to_circle(&corner, Pos2::ZERO, 0.0).is_empty());
    }

    #[test]
    fn a_portrait_in_a_circle_is_its_lines_cut_to_the_circle_at_any_size() {
        let portrait = Portrait::new([vec![
            StrokePoint::rounded(0.0, 50.0, None),
            StrokePoint::rounded(100.0, 50.0, None),
        ]]);
        let ctx = egui::Context::default();
        let center = pos2(300.0, 200.0);
        for radius in [20.0, 46.0] {
            let mesh = portrait_in_circle(&ctx, &portrait, center, radius, Color32::RED);
            let square = Rect::from_center_size(center, egui::Vec2::splat(2.0 * radius));
            let direct = clip_to_circle(
                &portrait_lines(portrait.lines(), square, Color32::RED),
                center,
                radius,
            );
            assert!((area(&mesh) - area(&direct)).abs() < area(&direct) * 0.01);
            let bounds = mesh.calc_bounds();
            assert!(bounds.left() >= center.x - radius * 1.01, "{bounds:?}");
            assert!(bounds.right() <= center.x + radius * 1.01, "{bounds:?}");
            assert!(mesh.vertices.iter().all(|v| v.color == Color32::RED));
        }
        let other = Portrait::new([vec![StrokePoint::rounded(50.0, 50.0, None)]]);
        let dot = portrait_in_circle(&ctx, &other, center, 46.0, Color32::RED);
        assert!(
            area(&dot)
                < area(&portrait_in_circle(
                    &ctx,
                    &portrait,
                    center,
                    46.0,
                    Color32::RED
                ))
        );
    }

    #[test]
    fn portrait_lines_scale_with_the_square_they_are_drawn_in() {
        let line = Portrait::line(vec![
            StrokePoint::rounded(10.0, 50.0, None),
            StrokePoint::rounded(90.0, 50.0, None),
        ]);
        let small = portrait_lines(
            [&line],
            Rect::from_min_size(Pos2::ZERO, vec2(100.0, 100.0)),
            Color32::BLACK,
        );
        let large = portrait_lines(
            [&line],
            Rect::from_min_size(pos2(50.0, 50.0), vec2(200.0, 200.0)),
            Color32::BLACK,
        );
        let bounds = |mesh: &Mesh| mesh.calc_bounds();
        assert!(
            (area(&large) / area(&small) - 4.0).abs() < 0.2,
            "twice as long and wide"
        );
        assert!(bounds(&small).left() < 10.0 && bounds(&small).right() > 90.0);
        assert!((bounds(&large).center().y - 150.0).abs() < 1.0);
        assert!(bounds(&large).left() > 50.0 && bounds(&large).left() < 75.0);
    }
}
