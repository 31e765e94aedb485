//! Item outlines on screen: the shape each kind and node type is drawn with, and where a
//! connector meets it.
//!
//! Every outline is convex, so it is drawn as one convex polygon and a ray from its centre
//! leaves it exactly once.

use egui::{Pos2, Rect, pos2, vec2};

use crate::model::{Item, ItemKind, NodeShape};

/// Points used for the curved part of an ellipse or pill.
const CURVE_STEPS: usize = 48;

/// The outline `item` is drawn with inside `rect`: its node shape, or the rectangle itself.
pub fn item_shape(item: &Item) -> Option<NodeShape> {
    match &item.kind {
        ItemKind::MapNode(node) => Some(node.node_type.shape()),
        ItemKind::Note(_)
        | ItemKind::Persona(_)
        | ItemKind::EmpathyMap(_)
        | ItemKind::Rings(_)
        | ItemKind::InterestGrid
        | ItemKind::ImpactGrid
        | ItemKind::Frame(_)
        | ItemKind::Stroke(_) => None,
    }
}

/// The outline of `shape` filling `rect`, clockwise on screen, as a convex polygon.
#[expect(
    clippy::many_single_char_names,
    reason = "l, r, t, b, w, h and c keep the corner lists readable"
)]
pub fn outline(shape: NodeShape, rect: Rect) -> Vec<Pos2> {
    let (l, r, t, b) = (rect.left(), rect.right(), rect.top(), rect.bottom());
    let (w, h) = (rect.width(), rect.height());
    let c = rect.center();
    match shape {
        NodeShape::Rectangle => vec![pos2(l, t), pos2(r, t), pos2(r, b), pos2(l, b)],
        NodeShape::Ellipse => (0..CURVE_STEPS)
            .map(|i| {
                let angle = i as f32 / CURVE_STEPS as f32 * std::f32::consts::TAU;
                c + vec2(angle.cos() * w / 2.0, angle.sin() * h / 2.0)
            })
            .collect(),
        NodeShape::Pentagon => {
            let roof = h * 0.3;
            vec![
                pos2(c.x, t),
                pos2(r, t + roof),
                pos2(r, b),
                pos2(l, b),
                pos2(l, t + roof),
            ]
        }
        NodeShape::Hexagon => {
            let point = (h / 2.0).min(w / 4.0);
            vec![
                pos2(l + point, t),
                pos2(r - point, t),
                pos2(r, c.y),
                pos2(r - point, b),
                pos2(l + point, b),
                pos2(l, c.y),
            ]
        }
        NodeShape::Pill => {
            let radius = (h / 2.0).min(w / 2.0);
            let half = CURVE_STEPS / 2;
            let arc = |center: Pos2, from: f32| {
                (0..=half).map(move |i| {
                    let angle = from + i as f32 / half as f32 * std::f32::consts::PI;
                    center + vec2(angle.cos(), angle.sin()) * radius
                })
            };
            let right = pos2(r - radius, c.y);
            let left = pos2(l + radius, c.y);
            arc(right, -std::f32::consts::FRAC_PI_2)
                .chain(arc(left, std::f32::consts::FRAC_PI_2))
                .collect()
        }
        NodeShape::Parallelogram => {
            let lean = (w * 0.15).min(h * 0.5);
            vec![pos2(l + lean, t), pos2(r, t), pos2(r - lean, b), pos2(l, b)]
        }
        NodeShape::Diamond => vec![pos2(c.x, t), pos2(r, c.y), pos2(c.x, b), pos2(l, c.y)],
        NodeShape::Octagon => {
            let cut = w.min(h) * 0.25;
            vec![
                pos2(l + cut, t),
                pos2(r - cut, t),
                pos2(r, t + cut),
                pos2(r, b - cut),
                pos2(r - cut, b),
                pos2(l + cut, b),
                pos2(l, b - cut),
                pos2(l, t + cut),
            ]
        }
    }
}

/// Where the line from the centre of an item's outline towards `target` leaves the outline.
pub fn boundary_point(shape: Option<NodeShape>, rect: Rect, target: Pos2) -> Pos2 {
    let center = rect.center();
    let direction = target - center;
    if direction.length_sq() == 0.0 || !direction.is_finite() {
        return center;
    }
    let shape = shape.unwrap_or(NodeShape::Rectangle);
    if shape == NodeShape::Rectangle {
        // Notes, cards and rectangles: no outline to build (most connectors on a board).
        let half = rect.size() * 0.5;
        let scale = |delta: f32, half: f32| {
            if delta == 0.0 {
                f32::INFINITY
            } else {
                half / delta.abs()
            }
        };
        let t = scale(direction.x, half.x)
            .min(scale(direction.y, half.y))
            .min(1.0);
        return center + direction * t;
    }
    let polygon = outline(shape, rect);
    let edges = polygon
        .iter()
        .zip(polygon.iter().cycle().skip(1))
        .map(|(&a, &b)| (a, b));
    // The smallest t ≥ 0 where center + t·direction crosses an edge.
    let mut nearest = f32::INFINITY;
    for (a, b) in edges {
        let edge = b - a;
        let denominator = direction.x * edge.y - direction.y * edge.x;
        if denominator.abs() < f32::EPSILON {
            continue;
        }
        let to_a = a - center;
        let t = (to_a.x * edge.y - to_a.y * edge.x) / denominator;
        let s = (to_a.x * direction.y - to_a.y * direction.x) / denominator;
        if t >= 0.0 && (-1e-4..=1.0 + 1e-4).contains(&s) {
            nearest = nearest.min(t);
        }
    }
    if nearest.is_finite() {
        center + direction * nearest.min(1.0)
    } else {
        center
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [NodeShape; 8] = [
        NodeShape::Ellipse,
        NodeShape::Rectangle,
        NodeShape::Pentagon,
        NodeShape::Hexagon,
        NodeShape::Pill,
        NodeShape::Parallelogram,
        NodeShape::Diamond,
        NodeShape::Octagon,
    ];

    fn rect() -> Rect {
        Rect::from_min_size(pos2(100.0, 100.0), vec2(200.0, 100.0))
    }

    fn close(a: Pos2, b: Pos2) -> bool {
        (a - b).length() < 0.01
    }

    #[test]
    fn a_rectangle_is_left_at_its_edge_midpoints_and_corners() {
        let r = rect();
        let at = |target| boundary_point(None, r, target);
        assert!(close(at(pos2(1000.0, 150.0)), pos2(300.0, 150.0)));
        assert!(close(at(pos2(200.0, -500.0)), pos2(200.0, 100.0)));
        assert!(close(at(pos2(0.0, 50.0)), pos2(100.0, 100.0)));
    }

    #[test]
    fn a_diamond_and_an_ellipse_are_left_on_their_own_outline() {
        let r = rect();
        // Towards the corner, a diamond is left half way along its edge, not at the corner.
        let diamond = boundary_point(Some(NodeShape::Diamond), r, pos2(400.0, 250.0));
        assert!(close(diamond, pos2(250.0, 175.0)), "{diamond:?}");
        // An ellipse at 45° on screen: x²/a² + y²/b² = 1.
        let ellipse = boundary_point(Some(NodeShape::Ellipse), r, pos2(300.0, 250.0));
        let d = ellipse - r.center();
        let on_curve = (d.x / 100.0).powi(2) + (d.y / 50.0).powi(2);
        assert!((on_curve - 1.0).abs() < 0.01, "{on_curve}");
        assert!((d.x - d.y).abs() < 0.01);
    }

    #[test]
    fn every_shape_is_left_inside_its_rectangle_towards_the_target() {
        let r = rect();
        for shape in ALL {
            for step in 0..32 {
                let angle = step as f32 / 32.0 * std::f32::consts::TAU;
                let target = r.center() + vec2(angle.cos(), angle.sin()) * 1000.0;
                let point = boundary_point(Some(shape), r, target);
                assert!(r.expand(0.01).contains(point), "{shape:?} {point:?}");
                assert!(point != r.center(), "{shape:?} at {angle}");
                // On the ray to the target.
                let along = (point - r.center()).normalized();
                let towards = (target - r.center()).normalized();
                assert!((along - towards).length() < 0.01, "{shape:?}");
            }
        }
    }

    #[test]
    fn outlines_are_convex_and_clockwise() {
        let r = rect();
        for shape in ALL {
            let points = outline(shape, r);
            assert!(points.len() >= 4, "{shape:?}");
            for i in 0..points.len() {
                let a = points[i];
                let b = points[(i + 1) % points.len()];
                let c = points[(i + 2) % points.len()];
                let cross = (b - a).x * (c - b).y - (b - a).y * (c - b).x;
                assert!(cross >= -0.01, "{shape:?} turns the wrong way at {i}");
            }
        }
    }

    #[test]
    fn a_target_at_the_centre_gives_the_centre() {
        let r = rect();
        assert_eq!(boundary_point(None, r, r.center()), r.center());
    }
}
