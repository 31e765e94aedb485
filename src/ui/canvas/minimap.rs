//! The minimap: the whole board in miniature in a corner, with the visible part outlined.
//! Click or drag on it to move the view there.

use egui::{CornerRadius, Rect, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};

use super::CanvasState;
use crate::model::{Board, Item, Point};
use crate::ui::theme;

/// Size of the minimap on screen, in points.
const MINIMAP_SIZE: egui::Vec2 = vec2(240.0, 160.0);
/// Space between the minimap and the canvas corner.
const MINIMAP_MARGIN: f32 = 12.0;

impl CanvasState {
    /// Draws the minimap (when shown) and moves the view where it is clicked or dragged.
    pub(super) fn minimap(&mut self, ui: &Ui, painter: &egui::Painter, board: &Board) {
        if !self.settings.show_minimap {
            return;
        }
        let frame = Rect::from_min_size(
            self.view.viewport.max - MINIMAP_SIZE - vec2(MINIMAP_MARGIN, MINIMAP_MARGIN),
            MINIMAP_SIZE,
        );
        let response = ui.interact(
            frame,
            ui.scope_id().with("minimap"),
            Sense::click_and_drag(),
        );
        response.widget_info(|| WidgetInfo::labeled(Role::GenericContainer, true, "Minimap"));

        let (visible_min, visible_max) = self.view.camera.visible_board_rect(self.view.viewport);
        let mut min = visible_min;
        let mut max = visible_max;
        for item in board.items() {
            min = Point::new(min.x.min(item.pos.x), min.y.min(item.pos.y));
            max = Point::new(
                max.x.max(item.pos.x + item.size.width),
                max.y.max(item.pos.y + item.size.height),
            );
        }
        let inner = frame.shrink(6.0);
        let scale = (inner.width() / (max.x - min.x).max(1.0))
            .min(inner.height() / (max.y - min.y).max(1.0));
        let origin =
            inner.center() - vec2(f32::midpoint(min.x, max.x), f32::midpoint(min.y, max.y)) * scale;
        let to_map = |p: Point| origin + vec2(p.x, p.y) * scale;

        painter.rect_filled(frame, CornerRadius::same(6), theme::MINIMAP_BACKGROUND);
        painter.rect_stroke(
            frame,
            CornerRadius::same(6),
            Stroke::new(1.0, theme::MINIMAP_BORDER),
            StrokeKind::Inside,
        );
        // Backdrops and frames first, as outlines, so the items on them show.
        let (backdrops, items): (Vec<&Item>, Vec<&Item>) = board
            .items()
            .filter(|item| !self.caches.frames.hidden.contains(&item.id))
            .partition(|item| item.is_backdrop());
        for item in backdrops.into_iter().chain(items) {
            let size = item.shown_size();
            let rect = Rect::from_min_max(
                to_map(item.pos),
                to_map(item.pos.offset(size.width, size.height)),
            );
            if item.is_backdrop() {
                painter.rect_stroke(
                    rect,
                    CornerRadius::ZERO,
                    Stroke::new(1.0, theme::MINIMAP_BORDER),
                    StrokeKind::Inside,
                );
                continue;
            }
            // The darker border shade keeps white notes visible on the light map.
            painter.rect_filled(
                rect.expand(0.25),
                CornerRadius::ZERO,
                theme::border(item.color),
            );
        }
        let view = Rect::from_min_max(to_map(visible_min), to_map(visible_max)).intersect(frame);
        painter.rect_stroke(
            view,
            CornerRadius::same(2),
            Stroke::new(2.0, theme::SELECTION),
            StrokeKind::Inside,
        );

        if (response.clicked() || response.dragged())
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let at = (pointer - origin) / scale;
            self.view.camera.center_in_board = Point::new(at.x, at.y);
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
    }
}
