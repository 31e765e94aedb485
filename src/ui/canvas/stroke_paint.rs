//! Painting pen and highlighter strokes: the stroke's smoothed centre line with a radius at every
//! point ([`crate::model::sketch`]), filled as one mesh of a quad per segment and a disc per point
//! ([`stroke_mesh`]), so joins and ends are round and a line that crosses itself is filled where
//! it crosses.

use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, pos2};

use crate::model::{Item, Stroke, StrokeTool};
use crate::ui::stroke_mesh::{self, board_rect, disc, half_disc};
use crate::ui::theme;

/// How see-through the highlighter is: its colour at this opacity.
const HIGHLIGHTER_ALPHA: u8 = 100;

/// Paints `stroke` (the kind of `item`) in its item's screen rectangle `rect` at `zoom`.
pub(super) fn stroke(painter: &Painter, item: &Item, stroke: &Stroke, rect: Rect, zoom: f32) {
    let outline = stroke.outline_in(board_rect(rect), zoom);
    let color = match stroke.tool {
        StrokeTool::Pen => theme::border_strong(item.color),
        StrokeTool::Highlighter => {
            let fill = theme::fill(item.color);
            Color32::from_rgba_unmultiplied(fill.r(), fill.g(), fill.b(), HIGHLIGHTER_ALPHA)
        }
    };
    let spine = outline.spine();
    if stroke.tool == StrokeTool::Highlighter {
        highlight(painter, spine, color);
        return;
    }
    painter.add(Shape::mesh(stroke_mesh::pen(spine, color)));
}

/// A highlighter's line: see-through, so drawn as one line (a disc at every point would darken
/// where the discs overlap), with half discs for its round ends.
fn highlight(painter: &Painter, spine: &[(crate::model::Point, f32)], color: Color32) {
    let points: Vec<Pos2> = spine.iter().map(|(at, _)| pos2(at.x, at.y)).collect();
    let radius = spine.first().map_or(0.0, |(_, radius)| *radius);
    if points.len() < 2 {
        let mut mesh = Mesh::default();
        if let Some(&at) = points.first() {
            disc(&mut mesh, at, radius, color);
        }
        painter.add(Shape::mesh(mesh));
        return;
    }
    painter.add(Shape::line(
        points.clone(),
        egui::Stroke::new(radius * 2.0, color),
    ));
    let mut caps = Mesh::default();
    if let ([first, second, ..], [.., before_last, last]) = (points.as_slice(), points.as_slice()) {
        half_disc(&mut caps, *first, *first - *second, radius, color);
        half_disc(&mut caps, *last, *last - *before_last, radius, color);
    }
    painter.add(Shape::mesh(caps));
}
