//! Painting map items: nodes in the shape of their type, stakeholder rings and the
//! influence/interest grid.

use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::paint::NoteLook;
use super::shapes;
use crate::model::{GRID_QUADRANTS, Item, MapNode, NodeShape, Rings};
use crate::ui::theme;

/// Type tags are this size in board units; labels are [`theme::NOTE_FONT_SIZE`], bold.
const TAG_FONT_SIZE: f32 = 18.0;
/// Backdrop names and quadrant names, in board units.
const BACKDROP_FONT_SIZE: f32 = 22.0;

fn bold(size_px: f32) -> FontId {
    FontId::new(size_px, egui::FontFamily::Name(theme::BOLD.into()))
}

/// The area inside a node's outline where its tag and label go.
pub fn node_text_rect(shape: NodeShape, rect: Rect, zoom: f32) -> Rect {
    let padding = theme::NOTE_PADDING * 0.6 * zoom;
    let scaled =
        |fx: f32, fy: f32| Rect::from_center_size(rect.center(), rect.size() * vec2(fx, fy));
    match shape {
        NodeShape::Ellipse => scaled(0.72, 0.72),
        NodeShape::Diamond => scaled(0.56, 0.6),
        NodeShape::Hexagon | NodeShape::Pill => scaled(0.8, 1.0).shrink(padding),
        NodeShape::Parallelogram => scaled(0.74, 1.0).shrink(padding),
        NodeShape::Pentagon => {
            let mut inner = rect.shrink(padding);
            inner.min.y = rect.top() + rect.height() * 0.24;
            inner
        }
        NodeShape::Rectangle | NodeShape::Octagon => rect.shrink(padding),
    }
}

/// Paints a map node: its outline filled with its colour, a small type tag and its label.
pub fn node(painter: &Painter, item: &Item, node: &MapNode, look: &NoteLook) {
    let NoteLook {
        rect,
        zoom,
        selected,
        show_text,
        highlighted,
        ..
    } = *look;
    let shape = node.node_type.shape();
    let fill = theme::fill(item.color);
    let border = Stroke::new(
        (2.0 * zoom).clamp(1.0, 3.0),
        theme::border_strong(item.color),
    );
    painter.add(Shape::convex_polygon(
        shapes::outline(shape, rect),
        fill,
        border,
    ));
    let ring = |expand: f32, color: Color32| {
        painter.add(Shape::closed_line(
            shapes::outline(shape, rect.expand(expand)),
            Stroke::new(theme::SELECTION_STROKE_WIDTH, color),
        ));
    };
    if highlighted {
        ring(if selected { 8.0 } else { 3.0 }, theme::SEARCH_HIGHLIGHT);
    }
    if selected {
        ring(3.0, theme::SELECTION);
    }
    let inner = node_text_rect(shape, rect, zoom);
    let tag_px = TAG_FONT_SIZE * zoom;
    if tag_px < theme::MIN_READABLE_TEXT_PX {
        return;
    }
    let tag = painter.layout(
        super::paint::room_for(node.node_type.tag(), inner.size(), tag_px).to_uppercase(),
        theme::note_font(tag_px),
        theme::MAP_TAG_TEXT,
        inner.width().max(1.0),
    );
    let tag_height = tag.size().y;
    let at = pos2(inner.center().x - tag.size().x / 2.0, inner.top());
    super::paint::clipped_galley(painter, inner, at, tag, theme::MAP_TAG_TEXT);
    if !show_text || node.label.is_empty() {
        return;
    }
    let label_area = Rect::from_min_max(pos2(inner.left(), inner.top() + tag_height), inner.max);
    let label_px = theme::NOTE_FONT_SIZE * zoom;
    let label = super::paint::layout_as_on_board(
        painter,
        super::paint::room_for(&node.label, label_area.size(), label_px).to_owned(),
        (
            bold(theme::NOTE_FONT_SIZE),
            label_area.width().max(1.0) / zoom.max(f32::MIN_POSITIVE),
        ),
        zoom,
        theme::NOTE_TEXT,
    );
    // Centred in the space under the tag; clipped (never spilling) when it is too long.
    let top = label_area.top() + ((label_area.height() - label.size().y) / 2.0).max(0.0);
    let origin = pos2(label_area.center().x - label.size().x / 2.0, top);
    super::paint::clipped_galley(painter, label_area, origin, label, theme::NOTE_TEXT);
}

/// A small filled outline of a node shape, for the map key.
pub fn shape_swatch(
    painter: &Painter,
    shape: NodeShape,
    rect: Rect,
    color: crate::model::PaletteColor,
) {
    painter.add(Shape::convex_polygon(
        shapes::outline(shape, rect),
        theme::fill(color),
        Stroke::new(1.5, theme::border_strong(color)),
    ));
}

/// Where a node's label is typed in place.
pub fn label_edit_rect(node: &MapNode, rect: Rect, zoom: f32) -> Rect {
    let inner = node_text_rect(node.node_type.shape(), rect, zoom);
    let tag = (TAG_FONT_SIZE * 1.4 * zoom).min(inner.height() / 2.0);
    Rect::from_min_max(pos2(inner.left(), inner.top() + tag), inner.max)
}

/// The title strip of a backdrop, where it is picked up and dragged.
fn header(painter: &Painter, rect: Rect, zoom: f32, title: &str, selected: bool) -> Rect {
    let strip = super::paint::title_strip(rect, zoom);
    painter.rect_filled(strip, CornerRadius::same(6), theme::BACKDROP_HEADER);
    let px = BACKDROP_FONT_SIZE * zoom;
    if px >= theme::MIN_READABLE_TEXT_PX {
        painter
            .with_clip_rect(strip.intersect(painter.clip_rect()))
            .text(
                strip.left_center() + vec2(12.0 * zoom, 0.0),
                Align2::LEFT_CENTER,
                title,
                bold(px),
                Color32::WHITE,
            );
    }
    if selected {
        painter.rect_stroke(
            rect.expand(3.0),
            CornerRadius::same(6),
            Stroke::new(theme::SELECTION_STROKE_WIDTH, theme::SELECTION),
            egui::StrokeKind::Outside,
        );
    }
    strip
}

/// A name on a light plate, so it reads over lines.
fn plate(painter: &Painter, center: Pos2, text: &str, px: f32, color: Color32) {
    if px < theme::MIN_READABLE_TEXT_PX || text.is_empty() {
        return;
    }
    let text = super::paint::room_for(text, painter.clip_rect().size(), px);
    let galley = painter.layout_no_wrap(text.to_owned(), bold(px), color);
    let size = galley.size() + vec2(px * 0.6, px * 0.2);
    let plate = Rect::from_center_size(center, size);
    painter.rect_filled(
        plate,
        CornerRadius::same(4),
        theme::CANVAS_BACKGROUND.gamma_multiply(0.9),
    );
    painter.galley(plate.center() - galley.size() / 2.0, galley, color);
}

/// Paints stakeholder rings: concentric bands (innermost first in `rings.rings`), sector lines
/// clockwise from the top, and the names of both.
pub fn rings(painter: &Painter, rings: &Rings, rect: Rect, zoom: f32, selected: bool) {
    let strip = header(painter, rect, zoom, "Stakeholder rings", selected);
    let body = Rect::from_min_max(pos2(rect.left(), strip.bottom()), rect.max);
    let center = body.center();
    let radius = body.width().min(body.height()) / 2.0;
    let count = rings.rings.len().max(1);
    let band = radius / count as f32;
    for ring in (0..count).rev() {
        let fill = if ring % 2 == 0 {
            theme::RING_FILL_EVEN
        } else {
            theme::RING_FILL_ODD
        };
        painter.circle(
            center,
            band * (ring + 1) as f32,
            fill,
            Stroke::new(1.5, theme::RING_LINE),
        );
    }
    let sectors = rings.sectors.len();
    let angle_of =
        |k: f32| -std::f32::consts::FRAC_PI_2 + k * std::f32::consts::TAU / sectors as f32;
    if sectors > 1 {
        for k in 0..sectors {
            let direction = egui::Vec2::angled(angle_of(k as f32));
            painter.line_segment(
                [center + direction * band, center + direction * radius],
                Stroke::new(1.5, theme::RING_LINE),
            );
        }
    }
    let px = BACKDROP_FONT_SIZE * zoom;
    for (k, name) in rings.sectors.iter().enumerate() {
        let direction = egui::Vec2::angled(angle_of(k as f32 + 0.5));
        let at = center + direction * (radius - band * 0.35);
        plate(painter, at, name, px * 0.85, theme::MAP_TAG_TEXT);
    }
    for (ring, name) in rings.rings.iter().enumerate() {
        // Each name sits at the top of its band, just inside it.
        let inset = if ring == 0 { 0.75 } else { 0.5 };
        let at = center - vec2(0.0, band * ring as f32 + band * inset);
        plate(painter, at, name, px, theme::NOTE_TEXT);
    }
}

/// An axis arrow from `from` to `to`, named near its head.
fn axis(painter: &Painter, from: Pos2, to: Pos2, name: &str, zoom: f32) {
    let stroke = Stroke::new((2.0 * zoom).clamp(1.0, 3.0), theme::MAP_TAG_TEXT);
    painter.line_segment([from, to], stroke);
    let direction = (to - from).normalized();
    let head = 14.0 * zoom;
    let side = direction.rot90() * head * 0.45;
    painter.add(Shape::convex_polygon(
        vec![
            to,
            to - direction * head + side,
            to - direction * head - side,
        ],
        theme::MAP_TAG_TEXT,
        Stroke::NONE,
    ));
    let px = BACKDROP_FONT_SIZE * 0.8 * zoom;
    if px >= theme::MIN_READABLE_TEXT_PX {
        // Beside the head, on the inside of the grid.
        let (at, align) = if direction.x.abs() > direction.y.abs() {
            (
                to - direction * (head * 1.5) - vec2(0.0, 6.0 * zoom),
                Align2::RIGHT_BOTTOM,
            )
        } else {
            (
                to - direction * (head * 1.2) + vec2(8.0 * zoom, 0.0),
                Align2::LEFT_TOP,
            )
        };
        painter.text(at, align, name, bold(px), theme::MAP_TAG_TEXT);
    }
}

/// What a two-by-two grid backdrop is called, its quadrants and its axes.
#[derive(Clone, Copy)]
pub struct GridAxes {
    /// The name in its title strip.
    pub title: &'static str,
    /// The quadrants: high up the vertical axis, high along the horizontal one, and the name.
    pub quadrants: [(bool, bool, &'static str); 4],
    /// The axis growing to the right.
    pub across: &'static str,
    /// The axis growing upwards.
    pub up: &'static str,
}

impl GridAxes {
    /// The stakeholder map's influence/interest grid.
    pub const INFLUENCE_INTEREST: Self = Self {
        title: "Influence / interest",
        quadrants: GRID_QUADRANTS,
        across: "Interest",
        up: "Influence",
    };
    /// The impact/effort grid of solutions and opportunities.
    pub const IMPACT_EFFORT: Self = Self {
        title: "Impact / effort",
        quadrants: crate::model::IMPACT_QUADRANTS,
        across: "Effort",
        up: "Impact",
    };
}

/// Paints a two-by-two grid backdrop: four quadrants with their names and the two axes.
pub fn grid(painter: &Painter, rect: Rect, zoom: f32, selected: bool, axes: GridAxes) {
    let strip = header(painter, rect, zoom, axes.title, selected);
    let body = Rect::from_min_max(pos2(rect.left(), strip.bottom()), rect.max);
    let half = body.size() / 2.0;
    for (high_influence, high_interest, name) in axes.quadrants {
        let min = pos2(
            body.left() + if high_interest { half.x } else { 0.0 },
            body.top() + if high_influence { 0.0 } else { half.y },
        );
        let quadrant = Rect::from_min_size(min, half);
        let fill = if high_influence == high_interest {
            theme::RING_FILL_ODD
        } else {
            theme::RING_FILL_EVEN
        };
        painter.rect_filled(quadrant, CornerRadius::ZERO, fill);
        painter.rect_stroke(
            quadrant,
            CornerRadius::ZERO,
            Stroke::new(1.5, theme::RING_LINE),
            egui::StrokeKind::Inside,
        );
        plate(
            painter,
            quadrant.center_top() + vec2(0.0, BACKDROP_FONT_SIZE * 1.2 * zoom),
            name,
            BACKDROP_FONT_SIZE * zoom,
            theme::NOTE_TEXT,
        );
    }
    // The axes: interest grows to the right along the bottom, influence upwards on the left.
    let margin = 12.0 * zoom;
    let bottom = body.bottom() - margin;
    let left = body.left() + margin;
    axis(
        painter,
        pos2(left, bottom),
        pos2(body.right() - margin, bottom),
        axes.across,
        zoom,
    );
    axis(
        painter,
        pos2(left, bottom),
        pos2(left, body.top() + margin),
        axes.up,
        zoom,
    );
}
