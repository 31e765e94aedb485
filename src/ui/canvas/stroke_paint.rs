//! Painting pen and highlighter strokes: the stroke's smoothed centre line with a radius at every
//! point ([`crate::model::sketch`]), filled as one mesh of a quad per segment and a disc per point
//! ([`stroke_mesh`]), so joins and ends are round and a line that crosses itself is filled where
//! it crosses.

use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, pos2};

use crate::model::{Item, Stroke, StrokeTool};
use crate::ui::stroke_mesh::{self, board_rect, disc, half_disc, segment};
use crate::ui::theme;

/// How see-through the highlighter is: its colour at this opacity.
const HIGHLIGHTER_ALPHA: u8 = 100;

/// Paints `stroke` (the kind of `item`) in its item's screen rectangle `rect` at `zoom`.
pub(super) fn stroke(painter: &Painter, item: &Item, stroke: &Stroke, rect: Rect, zoom: f32) {
    let outline = stroke.outline_in(board_rect(rect), zoom);
    let color = ink(item, stroke.tool);
    let spine = outline.spine();
    if stroke.tool == StrokeTool::Highlighter {
        highlight(painter, spine, color);
        return;
    }
    painter.add(Shape::mesh(stroke_mesh::pen(spine, color)));
}

/// The colour a stroke of `tool` on `item` is drawn in: the pen in the dark shade of its palette
/// colour, the highlighter see-through in a stronger shade than notes' fills.
pub(super) fn ink(item: &Item, tool: StrokeTool) -> Color32 {
    match tool {
        StrokeTool::Pen => theme::border_strong(item.color),
        StrokeTool::Highlighter => {
            // The palette's fills are pale for notes; a highlighter's ink is stronger: twice as
            // far from white, as a marker pen's.
            let deepen = |c: u8| 255 - (255 - c).saturating_mul(2);
            let fill = theme::fill(item.color);
            Color32::from_rgba_unmultiplied(
                deepen(fill.r()),
                deepen(fill.g()),
                deepen(fill.b()),
                HIGHLIGHTER_ALPHA,
            )
        }
    }
}

/// The points of `stroke` placed in `rect` (on screen or in a picture), leaving out each point
/// closer than `step` to the last one kept (the last point is always kept): the line of a
/// stroke too small to draw in full.
pub(super) fn path_in(stroke: &Stroke, rect: Rect, step: f32) -> Vec<Pos2> {
    let mut path: Vec<Pos2> = Vec::new();
    let samples = stroke.drawn_samples_in(board_rect(rect));
    let count = samples.len();
    for (i, sample) in samples.into_iter().enumerate() {
        let at = pos2(sample.at.x, sample.at.y);
        let far_enough = path.last().is_none_or(|last| last.distance(at) >= step);
        if far_enough || i + 1 == count {
            path.push(at);
        }
    }
    path
}

/// Adds a stroke too small to draw in full to `mesh`: a hairline through its points, in its ink.
pub(super) fn speck(mesh: &mut Mesh, item: &Item, stroke: &Stroke, rect: Rect) {
    let color = ink(item, stroke.tool);
    let path = path_in(stroke, rect, 1.5);
    if let [only] = path.as_slice() {
        disc(mesh, *only, 0.75, color);
    }
    for pair in path.windows(2) {
        if let [a, b] = pair {
            segment(mesh, (*a, 0.6), (*b, 0.6), color);
        }
    }
}

/// Draws a stroke in a picture of the board (far out, the minimap), `rect` being its place in
/// pixels: a line about a pixel wide through its points, in its ink.
pub(super) fn into_raster(
    raster: &mut super::raster::Raster,
    item: &Item,
    stroke: &Stroke,
    rect: Rect,
) {
    let color = ink(item, stroke.tool);
    let path = path_in(stroke, rect, 1.0);
    if let [only] = path.as_slice() {
        raster.line(*only, *only + egui::vec2(0.5, 0.0), 1.0, color);
    }
    for pair in path.windows(2) {
        if let [a, b] = pair {
            raster.line(*a, *b, 1.0, color);
        }
    }
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
