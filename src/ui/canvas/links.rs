//! Connectors on the canvas: their path between item outlines, how they look (arrows, dashes,
//! polarity, delay, label), picking one with a click, and drawing a new one from an item's
//! connection handle.

use std::collections::BTreeSet;

use egui::{
    Align2, Color32, CornerRadius, CursorIcon, Id, Painter, Pos2, Rect, Role, Sense, Shape, Stroke,
    Ui, Vec2, WidgetInfo, pos2, vec2,
};

use super::{CanvasState, Gesture, Spot, paint, shapes};
use crate::edit::Command;
use crate::model::{
    Board, Connector, ConnectorId, IdGen, Item, ItemId, LineStyle, Polarity, Route,
};
use crate::ui::theme;

/// Points used to draw a curved connector.
const CURVE_STEPS: usize = 24;
/// How far from a connector (screen points) a click still picks it.
pub const PICK_DISTANCE: f32 = 7.0;
/// How far a curved connector bows out, as a share of its length.
const BOW: f32 = crate::model::CONNECTOR_BOW;
/// Screen diameter of the connection handle.
const HANDLE_SIZE: f32 = 18.0;

/// The path of a connector on screen, from the outline of its start item to the outline of its
/// end item: two points when straight, a sampled arc when curved.
pub fn path(from: (&Item, Rect), to: (&Item, Rect), route: Route) -> Vec<Pos2> {
    let (from_item, from_rect) = from;
    let (to_item, to_rect) = to;
    let (a, b) = (from_rect.center(), to_rect.center());
    let from_shape = shapes::item_shape(from_item);
    let to_shape = shapes::item_shape(to_item);
    match route {
        Route::Straight => vec![
            shapes::boundary_point(from_shape, from_rect, b),
            shapes::boundary_point(to_shape, to_rect, a),
        ],
        Route::Curved => {
            // Bow to one side of the direction of travel, so links both ways stay apart.
            let control = a + (b - a) * 0.5 + (b - a).rot90() * -BOW * 2.0;
            let start = shapes::boundary_point(from_shape, from_rect, control);
            let end = shapes::boundary_point(to_shape, to_rect, control);
            (0..=CURVE_STEPS)
                .map(|i| {
                    let t = i as f32 / CURVE_STEPS as f32;
                    let u = 1.0 - t;
                    (start.to_vec2() * (u * u)
                        + control.to_vec2() * (2.0 * u * t)
                        + end.to_vec2() * (t * t))
                        .to_pos2()
                })
                .collect()
        }
    }
}

/// The distance from `point` to the polyline `points`.
pub fn distance_to_path(points: &[Pos2], point: Pos2) -> f32 {
    segments(points)
        .map(|(a, b)| {
            let ab = b - a;
            let t = if ab.length_sq() > 0.0 {
                ((point - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
            } else {
                0.0
            };
            (a + ab * t - point).length()
        })
        .fold(f32::INFINITY, f32::min)
}

/// The segments of a polyline, as pairs of points.
fn segments(points: &[Pos2]) -> impl Iterator<Item = (Pos2, Pos2)> + '_ {
    points
        .iter()
        .zip(points.iter().skip(1))
        .map(|(&a, &b)| (a, b))
}

/// The point half way along a polyline, and the direction there.
fn midpoint(points: &[Pos2]) -> (Pos2, Vec2) {
    point_along(points, 0.5)
}

/// The point `share` (0 to 1) of the way along a polyline, and the direction there.
fn point_along(points: &[Pos2], share: f32) -> (Pos2, Vec2) {
    let total: f32 = segments(points).map(|(a, b)| (b - a).length()).sum();
    let mut left = total * share;
    for (a, b) in segments(points) {
        let length = (b - a).length();
        if length >= left && length > 0.0 {
            let direction = (b - a) / length;
            return (a + direction * left, direction);
        }
        left -= length;
    }
    let first = points.first().copied().unwrap_or(Pos2::ZERO);
    (first, Vec2::X)
}

/// The shares of the way along a line tried for its label, from the middle outwards.
const LABEL_SPOTS: [f32; 13] = [
    0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88, 0.06, 0.94,
];

/// Where the centre of a label plate of `size` goes along `points`: the middle of the line when
/// the plate covers none of `items` (screen rectangles of the items drawn), else the place
/// nearest the middle where it covers none; when the free part of the line is too short for
/// it, beside the line; else where it covers least.
fn label_center(points: &[Pos2], size: Vec2, items: &[Rect]) -> Pos2 {
    let reach = points
        .iter()
        .fold(Rect::NOTHING, |rect, &point| {
            rect.union(Rect::from_pos(point))
        })
        .expand2(size * 2.5);
    let near: Vec<Rect> = items
        .iter()
        .filter(|rect| rect.intersects(reach))
        .copied()
        .collect();
    let covered = |center: Pos2| -> f32 {
        let plate = Rect::from_center_size(center, size);
        near.iter()
            .map(|rect| rect.intersect(plate))
            .filter(Rect::is_positive)
            .map(|overlap| overlap.area())
            .sum()
    };
    let along = LABEL_SPOTS
        .iter()
        .map(|&share| point_along(points, share).0);
    let beside = LABEL_SPOTS[..5].iter().flat_map(|&share| {
        let (point, direction) = point_along(points, share);
        let across = direction.rot90();
        // From the line to the plate's edge, measured across the line, and a gap.
        let half = (across.x * size.x).abs() / 2.0 + (across.y * size.y).abs() / 2.0 + 3.0;
        [1.0, -1.0, 2.0, -2.0].map(|side| point + across * half * side)
    });
    let mut best = (f32::INFINITY, midpoint(points).0);
    for center in along.chain(beside) {
        let area = covered(center);
        if area <= 0.0 {
            return center;
        }
        if area < best.0 {
            best = (area, center);
        }
    }
    best.1
}

/// Paints an arrow head with its tip at `tip`, pointing along `direction`.
fn arrow_head(painter: &Painter, tip: Pos2, direction: Vec2, length: f32, color: Color32) {
    if !direction.is_finite() || direction == Vec2::ZERO {
        return;
    }
    let half_width = direction.rot90() * length * 0.5;
    let back = tip - direction * length;
    painter.add(Shape::convex_polygon(
        vec![tip, back + half_width, back - half_width],
        color,
        Stroke::NONE,
    ));
}

/// Paints a connector along `points` with its arrows, line style, polarity and delay mark.
/// Its label is painted separately (see [`label_plate`]), after every line and item, so
/// nothing covers a label.
pub fn paint(painter: &Painter, connector: &Connector, points: &[Pos2], zoom: f32, selected: bool) {
    let (Some(&start), Some(&end)) = (points.first(), points.last()) else {
        return;
    };
    let props = &connector.props;
    let width = (2.0 * zoom).clamp(1.2, 3.0);
    if selected {
        painter.add(Shape::line(
            points.to_vec(),
            Stroke::new(width + 5.0, theme::SELECTION.gamma_multiply(0.45)),
        ));
    }
    let stroke = Stroke::new(width, theme::CONNECTOR);
    match props.line {
        LineStyle::Solid => match points {
            // A straight line is one segment: much cheaper to tessellate than a path.
            [a, b] => {
                painter.line_segment([*a, *b], stroke);
            }
            _ => {
                painter.add(Shape::line(points.to_vec(), stroke));
            }
        },
        LineStyle::Dashed => {
            let dash = (10.0 * zoom).clamp(4.0, 14.0);
            painter.extend(Shape::dashed_line(points, stroke, dash, dash * 0.7));
        }
    }
    let head = 12.0 * zoom.clamp(0.5, 1.5);
    let end_direction = points
        .len()
        .checked_sub(2)
        .and_then(|i| points.get(i))
        .map_or(Vec2::ZERO, |&before| (end - before).normalized());
    let start_direction = points
        .get(1)
        .map_or(Vec2::ZERO, |&after| (start - after).normalized());
    if props.arrows.at_end() {
        arrow_head(painter, end, end_direction, head, theme::CONNECTOR);
    }
    if props.arrows.at_start() {
        arrow_head(painter, start, start_direction, head, theme::CONNECTOR);
    }
    let (middle, direction) = midpoint(points);
    if props.delay {
        // Two short bars across the line: the effect comes later.
        let across = direction.rot90() * 9.0 * zoom.clamp(0.6, 1.5);
        let along = direction * 3.0 * zoom.clamp(0.6, 1.5);
        for offset in [-along, along] {
            painter.line_segment(
                [middle + offset - across, middle + offset + across],
                Stroke::new(width, theme::CONNECTOR),
            );
        }
    }
    if let Some(polarity) = props.polarity {
        // A round badge beside the arrow head, on the left of the line.
        let radius = 11.0 * zoom.clamp(0.6, 1.6);
        let back = end - end_direction * (head + radius * 1.1);
        let center = back + end_direction.rot90() * -(radius * 1.3);
        let fill = match polarity {
            Polarity::Positive => theme::POLARITY_POSITIVE,
            Polarity::Negative => theme::POLARITY_NEGATIVE,
            Polarity::Unknown => theme::CONNECTOR,
        };
        painter.circle(center, radius, fill, Stroke::new(1.5, Color32::WHITE));
        painter.text(
            center,
            Align2::CENTER_CENTER,
            polarity.sign(),
            egui::FontId::new(radius * 1.7, egui::FontFamily::Name(theme::BOLD.into())),
            Color32::WHITE,
        );
    }
}

/// The label (and relation kind) on a plate on the line: in the middle, or along the free part
/// of the line when the middle is on one of `items` (the screen rectangles of the items drawn).
pub fn label_plate(
    painter: &Painter,
    connector: &Connector,
    points: &[Pos2],
    zoom: f32,
    items: &[Rect],
) {
    let font_px = theme::CONNECTOR_FONT_SIZE * zoom;
    if font_px < theme::MIN_READABLE_TEXT_PX {
        return;
    }
    let relation = connector
        .props
        .relation
        .as_ref()
        .map(|r| r.name().to_uppercase());
    if connector.label.is_empty() && relation.is_none() {
        return;
    }
    let mut job = egui::text::LayoutJob::default();
    if let Some(relation) = &relation {
        job.append(
            relation,
            0.0,
            egui::TextFormat::simple(theme::note_font(font_px), theme::MAP_TAG_TEXT),
        );
        if !connector.label.is_empty() {
            job.append(
                "\n",
                0.0,
                egui::TextFormat::simple(theme::note_font(font_px * 0.4), theme::NOTE_TEXT),
            );
        }
    }
    // Never more than the view can show, however long the label.
    let label = paint::room_for(&connector.label, painter.clip_rect().size(), font_px);
    job.append(
        label,
        0.0,
        egui::TextFormat::simple(theme::note_font(font_px), theme::NOTE_TEXT),
    );
    job.halign = egui::Align::Center;
    let galley = painter.layout_job(job);
    let size = galley.size() + vec2(8.0, 4.0) * zoom;
    let plate = Rect::from_center_size(label_center(points, size, items), size);
    painter.rect_filled(plate, CornerRadius::same(4), theme::CANVAS_BACKGROUND);
    painter.galley(
        pos2(plate.center().x, plate.top() + 2.0 * zoom),
        galley,
        theme::NOTE_TEXT,
    );
}

impl CanvasState {
    /// The on-screen rectangle of an item as drawn in this paint (following a drag in progress).
    pub(super) fn screen_rect(&self, item: &Item) -> Rect {
        self.view.camera.screen_rect(
            self.view.viewport,
            self.display_pos(item),
            self.display_size(item),
        )
    }

    /// Whether a connector is hidden because one of its items is inside a collapsed frame.
    fn hides(&self, connector: &Connector) -> bool {
        let hidden = &self.caches.frames.hidden;
        !hidden.is_empty() && (hidden.contains(&connector.from) || hidden.contains(&connector.to))
    }

    /// The path of a connector on screen, if both its items are on the board and shown.
    pub(super) fn connector_path(&self, board: &Board, connector: &Connector) -> Option<Vec<Pos2>> {
        if self.hides(connector) {
            return None;
        }
        let from = board.item(connector.from)?;
        let to = board.item(connector.to)?;
        Some(path(
            (from, self.screen_rect(from)),
            (to, self.screen_rect(to)),
            connector.props.route,
        ))
    }

    /// Connectors go under the items, so notes stay readable where lines cross them. Returns
    /// the connectors drawn and their paths, for their labels to be drawn above the items
    /// ([`label_plate`]).
    ///
    /// Without `hairlines`, connectors between two far items are left out: the far picture
    /// has them.
    pub(super) fn paint_connectors<'b>(
        &self,
        painter: &Painter,
        board: &'b Board,
        viewport: Rect,
        hairlines: bool,
    ) -> Vec<(&'b Connector, Vec<Pos2>)> {
        let mut far_lines = egui::Mesh::default();
        let mut labels = Vec::new();
        for connector in self.connectors_near_view(board, viewport) {
            let (Some(from), Some(to)) = (board.item(connector.from), board.item(connector.to))
            else {
                continue;
            };
            if self.hides(connector) {
                continue;
            }
            let (from_rect, to_rect) = (self.screen_rect(from), self.screen_rect(to));
            if !viewport.intersects(from_rect.union(to_rect)) {
                continue;
            }
            if paint::TinyNotes::is_tiny(from_rect) && paint::TinyNotes::is_tiny(to_rect) {
                // Far out: a hairline between centres, all in one mesh, unless the two notes
                // (drawn over it) hide it all but a point.
                if hairlines && paint::shown_between(from_rect, to_rect) >= 1.0 {
                    paint::hairline(&mut far_lines, from_rect.center(), to_rect.center());
                }
                continue;
            }
            let points = path((from, from_rect), (to, to_rect), connector.props.route);
            let selected = self.selection.connector == Some(connector.id);
            paint(painter, connector, &points, self.view.camera.zoom, selected);
            labels.push((connector, points));
        }
        if !far_lines.is_empty() {
            painter.add(Shape::mesh(far_lines));
        }
        self.paint_highlighted_loop(painter, board);
        self.paint_loop_markers(painter, board);
        labels
    }

    /// Paints the labels of the connectors drawn (`labels`) above the items drawn (`drawn`,
    /// bottom to top, the first `backdrops` of them backdrops), on the free part of their lines.
    pub(super) fn paint_labels(
        &self,
        painter: &Painter,
        labels: Vec<(&Connector, Vec<Pos2>)>,
        drawn: &[(&Item, Rect)],
        backdrops: usize,
    ) {
        if labels.is_empty() {
            return;
        }
        let shown: Vec<Rect> = drawn
            .iter()
            .enumerate()
            .skip(backdrops)
            .filter(|&(i, _)| !self.caches.frames.cover.is_covered(i))
            .map(|(_, &(_, rect))| rect)
            .collect();
        for (connector, points) in labels {
            label_plate(painter, connector, &points, self.view.camera.zoom, &shown);
        }
    }

    /// The connectors that may cross the view, sorted by id: those the board's spatial index
    /// finds near the view (with a margin against rounding), and those of the items a gesture
    /// shows away from their place on the board.
    fn connectors_near_view<'b>(&self, board: &'b Board, viewport: Rect) -> Vec<&'b Connector> {
        let (min, max) = self.view.camera.visible_board_rect(viewport);
        let margin = 1.0 + 0.01 * (max.x - min.x).max(max.y - min.y);
        let mut near =
            board.connectors_in(min.offset(-margin, -margin), max.offset(margin, margin));
        let moved = self.moved_ids();
        if !moved.is_empty() {
            near.extend(moved.into_iter().flat_map(|id| board.connectors_of(id)));
            near.sort_unstable_by_key(|connector| connector.id);
            near.dedup_by_key(|connector| connector.id);
        }
        near
    }

    /// The point half way along a connector on screen (where its label sits), if both its
    /// items are on the board.
    pub fn connector_midpoint(&self, board: &Board, id: ConnectorId) -> Option<Pos2> {
        let points = self.connector_path(board, board.connector(id)?)?;
        Some(midpoint(&points).0)
    }

    /// The connector nearest to `screen_pos`, if one passes within [`PICK_DISTANCE`].
    ///
    /// Only the connectors whose reach (see [`Board::connectors_in`]) comes within that
    /// distance are looked at, through the board's spatial index.
    pub(super) fn connector_at(&self, board: &Board, screen_pos: Pos2) -> Option<ConnectorId> {
        let camera = &self.view.camera;
        let at = camera.board_from_screen(self.view.viewport, screen_pos);
        let pick = PICK_DISTANCE / camera.zoom;
        board
            .connectors_in(at.offset(-pick, -pick), at.offset(pick, pick))
            .into_iter()
            .filter_map(|connector| {
                let points = self.connector_path(board, connector)?;
                let distance = distance_to_path(&points, screen_pos);
                (distance <= PICK_DISTANCE).then_some((distance, connector.id))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id)
    }

    /// The round handle beside an item that starts a new connector when dragged.
    pub(super) fn connection_handle(
        &mut self,
        ui: &Ui,
        painter: &Painter,
        item: &Item,
        rect: Rect,
    ) {
        let center = rect.right_center() + vec2(HANDLE_SIZE * 0.9, 0.0);
        let handle = Rect::from_center_size(center, Vec2::splat(HANDLE_SIZE));
        let response = ui
            .interact(
                handle,
                Id::unique(("connect_handle", item.id)),
                Sense::drag(),
            )
            .on_hover_cursor(CursorIcon::Crosshair)
            .on_hover_text(
                "Drag to another item to connect them (or to empty space for a new one)",
            );
        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::Button,
                true,
                format!("Connect from {}", super::items::item_label(item)),
            )
        });
        if response.drag_started() {
            self.gesture.pointer = Some(Gesture::Connect {
                from: item.id,
                to: center,
            });
        }
        if let Some(Gesture::Connect { from, to }) = &mut self.gesture.pointer
            && *from == item.id
            && let Some(pointer) = response.interact_pointer_pos()
        {
            *to = pointer;
        }
        let active = response.hovered() || response.dragged();
        painter.circle(
            center,
            HANDLE_SIZE / 2.0,
            if active {
                theme::SELECTION
            } else {
                Color32::WHITE
            },
            Stroke::new(2.0, theme::SELECTION),
        );
        painter.text(
            center,
            Align2::CENTER_CENTER,
            "+",
            egui::FontId::new(
                HANDLE_SIZE * 0.9,
                egui::FontFamily::Name(theme::BOLD.into()),
            ),
            if active {
                Color32::WHITE
            } else {
                theme::SELECTION
            },
        );
    }

    /// While a connector is being drawn: a line from its item to the pointer; when the button is
    /// released, the command that adds it (to the item under the pointer, or to a new item of the
    /// same kind where there is none).
    pub(super) fn finish_connecting(
        &mut self,
        ui: &Ui,
        painter: &Painter,
        board: &Board,
        ids: &mut IdGen,
    ) -> Option<Command> {
        let Some(Gesture::Connect { from, to }) = self.gesture.pointer else {
            return None;
        };
        let Some(from_item) = board.item(from) else {
            self.gesture.pointer = None;
            return None;
        };
        let target = self.connect_target(board, from, to);
        let start = self.screen_rect(from_item);
        let end = target
            .and_then(|id| board.item(id))
            .map_or(to, |item| self.screen_rect(item).center());
        let start = shapes::boundary_point(shapes::item_shape(from_item), start, end);
        painter.line_segment([start, to], Stroke::new(2.0, theme::SELECTION));
        if let Some(item) = target.and_then(|id| board.item(id)) {
            let rect = self.screen_rect(item);
            painter.rect_stroke(
                rect.expand(4.0),
                CornerRadius::same(4),
                Stroke::new(2.0, theme::SELECTION),
                egui::StrokeKind::Outside,
            );
        }
        if ui.input(|i| i.pointer.any_down()) {
            return None;
        }
        self.gesture.pointer = None;
        let at = self.view.camera.board_from_screen(self.view.viewport, to);
        let id = ids.connector_id(|id| board.connector(id).is_some());
        match target {
            Some(target) => {
                self.selection.items.clear();
                self.selection.connector = Some(id);
                Some(Command::AddConnector(Box::new(Connector::new(
                    id, from, target,
                ))))
            }
            None if !start.distance(to).is_finite() || start.distance(to) < HANDLE_SIZE * 2.0 => {
                None
            }
            None => self.connected_item(board, ids, from, Spot::Exact(at)),
        }
    }

    /// The item a connector dragged to `screen_pos` would join: the topmost item there other
    /// than `from`, and not a backdrop.
    fn connect_target(&self, board: &Board, from: ItemId, screen_pos: Pos2) -> Option<ItemId> {
        let at = self
            .view
            .camera
            .board_from_screen(self.view.viewport, screen_pos);
        board
            .items_in(at, at)
            .into_iter()
            .rev()
            .find(|item| item.id != from && item.connects() && item.contains(at))
            .map(|item| item.id)
    }

    /// One step that connects the two selected items (first selected in reading order to the
    /// other), and selects the new connector.
    pub fn connect_selection(&mut self, board: &Board, ids: &mut IdGen) -> Option<Command> {
        let mut items: Vec<&Item> = self
            .selection
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .filter(|item| item.connects())
            .collect();
        items.sort_by(|a, b| {
            a.pos
                .x
                .total_cmp(&b.pos.x)
                .then(a.pos.y.total_cmp(&b.pos.y))
        });
        let [first, second] = items.as_slice() else {
            return None;
        };
        let id = ids.connector_id(|id| board.connector(id).is_some());
        self.selection.items = BTreeSet::new();
        self.selection.connector = Some(id);
        Some(Command::AddConnector(Box::new(Connector::new(
            id, first.id, second.id,
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapNode, NodeType, Point, ZKey};

    fn node(x: f32, node_type: NodeType) -> (Item, Rect) {
        let item = Item::map_node(
            ItemId::from_raw(x as u64 + 1),
            Point::new(x, 0.0),
            ZKey::middle(),
            MapNode {
                node_type,
                ..MapNode::default()
            },
        );
        let rect = Rect::from_min_size(pos2(x, 0.0), vec2(200.0, 100.0));
        (item, rect)
    }

    #[test]
    fn a_straight_link_runs_between_the_outlines_not_the_centres() {
        let (a, a_rect) = node(0.0, NodeType::MunicipalDepartment);
        let (b, b_rect) = node(400.0, NodeType::Regulator);
        let points = path((&a, a_rect), (&b, b_rect), Route::Straight);
        assert_eq!(points, vec![pos2(200.0, 50.0), pos2(400.0, 50.0)]);
    }

    #[test]
    fn curved_links_both_ways_bow_to_opposite_sides() {
        let (a, a_rect) = node(0.0, NodeType::CitizenGroup);
        let (b, b_rect) = node(400.0, NodeType::CitizenGroup);
        let there = path((&a, a_rect), (&b, b_rect), Route::Curved);
        let back = path((&b, b_rect), (&a, a_rect), Route::Curved);
        let (mid_there, _) = midpoint(&there);
        let (mid_back, _) = midpoint(&back);
        let (bow_there, bow_back) = (mid_there.y - 50.0, mid_back.y - 50.0);
        assert!(
            bow_there.abs() > 20.0 && bow_back.abs() > 20.0,
            "{bow_there} {bow_back}"
        );
        assert!(
            bow_there.signum() != bow_back.signum(),
            "{bow_there} {bow_back}"
        );
        // Both ends sit on the ellipses' outlines.
        for end in [there[0], there[there.len() - 1]] {
            let rect = if end.x < 300.0 { a_rect } else { b_rect };
            let d = end - rect.center();
            let on_curve = (d.x / 100.0).powi(2) + (d.y / 50.0).powi(2);
            assert!((on_curve - 1.0).abs() < 0.02, "{on_curve}");
        }
    }

    #[test]
    fn distance_to_a_path_is_measured_to_the_nearest_segment() {
        let points = [pos2(0.0, 0.0), pos2(100.0, 0.0), pos2(100.0, 100.0)];
        assert_eq!(distance_to_path(&points, pos2(50.0, 5.0)), 5.0);
        assert_eq!(distance_to_path(&points, pos2(104.0, 50.0)), 4.0);
        assert_eq!(distance_to_path(&points, pos2(-3.0, -4.0)), 5.0);
        assert_eq!(distance_to_path(&[], pos2(0.0, 0.0)), f32::INFINITY);
    }
}
