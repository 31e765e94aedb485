//! Feedback loops on the canvas: a marker with the loop's tag (R1, B2, …) in the middle of each
//! loop, and the links of the loop chosen in the map key drawn highlighted.

use egui::{Align2, Color32, Painter, Pos2, Shape, Stroke, vec2};

use super::CanvasState;
use crate::model::{Board, FeedbackLoop, LoopKind, LoopSearch, MAX_LOOPS, find_loops, loop_tags};
use crate::ui::theme;

/// The loops of the board as last computed, and for which revision.
#[derive(Debug, Default)]
pub struct Loops {
    /// The search result.
    pub search: LoopSearch,
    /// Each loop's tag: its kind's letter and its number among loops of that kind ("R1", "B2").
    pub tags: Vec<String>,
    /// The loop picked in the map key, drawn highlighted (until the board changes).
    pub highlighted: Option<usize>,
    revision: Option<u64>,
}

impl Loops {
    /// Finds the loops again when the board has changed since the last time.
    pub fn refresh(&mut self, board: &Board, revision: u64) {
        if self.revision == Some(revision) {
            return;
        }
        self.revision = Some(revision);
        self.highlighted = None;
        self.search = find_loops(board.connectors(), MAX_LOOPS);
        self.tags = loop_tags(&self.search.loops);
    }

    /// Forgets the loops, so they are found again on the next refresh (a new board).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

/// The colour of a loop's marker.
fn loop_color(kind: LoopKind) -> Color32 {
    match kind {
        LoopKind::Reinforcing => theme::LOOP_REINFORCING,
        LoopKind::Balancing => theme::LOOP_BALANCING,
        LoopKind::Unknown => theme::CONNECTOR,
    }
}

impl CanvasState {
    /// The middle of a loop on screen: the average of its items' centres (just above the item
    /// for a link from an item to itself).
    fn loop_center(&self, board: &Board, found: &FeedbackLoop) -> Option<Pos2> {
        let centers: Vec<Pos2> = found
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .map(|item| self.screen_rect(item).center())
            .collect();
        let count = centers.len();
        if count == 0 {
            return None;
        }
        let sum = centers
            .iter()
            .fold(vec2(0.0, 0.0), |sum, center| sum + center.to_vec2());
        let center = (sum / count as f32).to_pos2();
        if count == 1 {
            let item = board.item(*found.items.first()?)?;
            let rect = self.screen_rect(item);
            return Some(rect.center_top() - vec2(0.0, 28.0 * self.view.camera.zoom.min(1.0)));
        }
        Some(center)
    }

    /// Brings a loop's items into view, zooming in no further than 100%.
    pub fn show_loop(&mut self, board: &Board, index: usize) {
        let Some(found) = self.caches.loops.search.loops.get(index) else {
            return;
        };
        let items: Vec<&crate::model::Item> = found
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .collect();
        self.request_fit_items(items.into_iter(), 1.0);
    }

    /// Paints every loop's marker: a circular arrow around its tag.
    pub(super) fn paint_loop_markers(&self, painter: &Painter, board: &Board) {
        let zoom = self.view.camera.zoom;
        if zoom < 0.1 {
            return;
        }
        let radius = (22.0 * zoom).clamp(12.0, 30.0);
        for (index, found) in self.caches.loops.search.loops.iter().enumerate() {
            let Some(center) = self.loop_center(board, found) else {
                continue;
            };
            if !painter.clip_rect().expand(radius).contains(center) {
                continue;
            }
            let tag = self.caches.loops.tags.get(index).map_or("", String::as_str);
            let highlighted = self.caches.loops.highlighted == Some(index);
            marker(painter, center, radius, tag, found.kind, highlighted);
        }
    }

    /// Draws the links of the highlighted loop over the normal lines.
    pub(super) fn paint_highlighted_loop(&self, painter: &Painter, board: &Board) {
        let Some(found) = self
            .caches
            .loops
            .highlighted
            .and_then(|index| self.caches.loops.search.loops.get(index))
        else {
            return;
        };
        let stroke = Stroke::new(6.0, theme::SEARCH_HIGHLIGHT.gamma_multiply(0.6));
        for connector in found
            .connectors
            .iter()
            .filter_map(|&id| board.connector(id))
        {
            if let Some(points) = self.connector_path(board, connector) {
                painter.add(Shape::line(points, stroke));
            }
        }
    }
}

/// A round arrow (three quarters of a circle, with a head) around the loop's tag.
fn marker(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    tag: &str,
    kind: LoopKind,
    highlighted: bool,
) {
    let color = loop_color(kind);
    painter.circle_filled(center, radius, Color32::WHITE.gamma_multiply(0.92));
    if highlighted {
        painter.circle_stroke(
            center,
            radius + 5.0,
            Stroke::new(3.0, theme::SEARCH_HIGHLIGHT),
        );
    }
    let steps = 24;
    let start = -std::f32::consts::FRAC_PI_2;
    let sweep = std::f32::consts::TAU * 0.78;
    let arc: Vec<Pos2> = (0..=steps)
        .map(|i| {
            let angle = start + sweep * i as f32 / steps as f32;
            center + vec2(angle.cos(), angle.sin()) * radius
        })
        .collect();
    let width = (radius / 7.0).max(1.5);
    let (Some(&tip), Some(&before)) = (arc.last(), arc.get(steps - 1)) else {
        return;
    };
    painter.add(Shape::line(arc, Stroke::new(width, color)));
    let direction = (tip - before).normalized();
    let side = direction.rot90() * width * 2.2;
    painter.add(Shape::convex_polygon(
        vec![tip + direction * width * 3.0, tip + side, tip - side],
        color,
        Stroke::NONE,
    ));
    painter.text(
        center,
        Align2::CENTER_CENTER,
        tag,
        egui::FontId::new(
            radius * if tag.len() > 2 { 0.8 } else { 0.95 },
            egui::FontFamily::Name(theme::BOLD.into()),
        ),
        color,
    );
}
