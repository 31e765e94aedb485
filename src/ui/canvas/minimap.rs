//! The minimap: the whole board in miniature in a corner, with the visible part outlined.
//! Click or drag on it to move the view there.

use std::collections::BTreeSet;

use egui::{
    Color32, CornerRadius, Rect, Role, Sense, Stroke, StrokeKind, TextureHandle, Ui, WidgetInfo,
    pos2, vec2,
};

use super::CanvasState;
use super::raster::Raster;
use crate::model::{Board, Item, ItemId, Point, Rect as BoardRect, Stamp};
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
        let visible = BoardRect::spanning(visible_min, visible_max);
        let shown = self
            .caches
            .minimap
            .board_bounds(board)
            .map_or(visible, |bounds| bounds.union(visible));
        let (min, max) = (shown.min, shown.max);
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
        let map = Mapping {
            area: inner,
            origin,
            scale,
        };
        self.caches
            .minimap
            .paint(painter, board, map, &self.caches.frames.hidden);
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

/// Where the board goes in the minimap: board point `p` is at `origin + p × scale`, and the
/// board is drawn within `area` (on screen).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Mapping {
    area: Rect,
    origin: egui::Pos2,
    scale: f32,
}

/// What a minimap picture was drawn for: the same again shows the same.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drawn {
    stamp: Stamp,
    map: Mapping,
    pixels_per_point: f32,
}

/// The board in the minimap as a picture, drawn again only when the board or the mapping
/// changes: a board of thousands of items would otherwise be thousands of shapes every frame.
#[derive(Default)]
pub(super) struct MinimapPicture {
    drawn: Option<Drawn>,
    texture: Option<TextureHandle>,
    /// The rectangle around all items, for the board of this stamp.
    bounds: Option<(Stamp, Option<BoardRect>)>,
    /// How many times the picture was drawn.
    pub(super) redrawn: u64,
}

impl std::fmt::Debug for MinimapPicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MinimapPicture")
            .field("drawn", &self.drawn)
            .field("redrawn", &self.redrawn)
            .finish_non_exhaustive()
    }
}

impl MinimapPicture {
    /// The rectangle around all the board's items (worked out once per board state).
    fn board_bounds(&mut self, board: &Board) -> Option<BoardRect> {
        match self.bounds {
            Some((stamp, bounds)) if stamp == board.stamp() => bounds,
            _ => {
                let bounds = BoardRect::around(board.items().map(Item::rect));
                self.bounds = Some((board.stamp(), bounds));
                bounds
            }
        }
    }

    /// Paints the board into the minimap, drawing the picture again first if it is out of date.
    fn paint(
        &mut self,
        painter: &egui::Painter,
        board: &Board,
        map: Mapping,
        hidden: &BTreeSet<ItemId>,
    ) {
        let pixels_per_point = painter.ctx().pixels_per_point();
        let drawn = Drawn {
            stamp: board.stamp(),
            map,
            pixels_per_point,
        };
        if self.drawn != Some(drawn) || self.texture.is_none() {
            let image = draw(board, map, hidden, pixels_per_point).into_image();
            super::raster::show_in(&mut self.texture, painter.ctx(), "minimap", image);
            self.drawn = Some(drawn);
            self.redrawn += 1;
        }
        if let Some(texture) = &self.texture {
            painter.image(
                texture.id(),
                map.area,
                Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                Color32::WHITE,
            );
        }
    }
}

/// Draws the board into a minimap picture covering `map.area`: backdrops and frames first, as
/// outlines, so the items on them show, then the items (hidden ones left out).
fn draw(board: &Board, map: Mapping, hidden: &BTreeSet<ItemId>, pixels_per_point: f32) -> Raster {
    let pixels = |length: f32| (length * pixels_per_point).round().max(1.0) as usize;
    let mut raster = Raster::new(pixels(map.area.width()), pixels(map.area.height()));
    let to_pixels = |p: Point| {
        ((map.origin + vec2(p.x, p.y) * map.scale - map.area.min) * pixels_per_point).to_pos2()
    };
    let (backdrops, items): (Vec<&Item>, Vec<&Item>) = board
        .items()
        .filter(|item| !hidden.contains(&item.id))
        .partition(|item| item.is_backdrop());
    for item in backdrops.into_iter().chain(items) {
        let size = item.shown_size();
        let rect = Rect::from_min_max(
            to_pixels(item.pos),
            to_pixels(item.pos.offset(size.width, size.height)),
        );
        if item.is_backdrop() {
            raster.stroke_rect(rect, pixels_per_point, theme::MINIMAP_BORDER);
        } else if let Some(stroke) = item.as_stroke() {
            super::stroke_paint::into_raster(&mut raster, item, stroke, rect);
        } else {
            // The darker border shade keeps white notes visible on the light map.
            raster.fill_rect(
                rect.expand(0.25 * pixels_per_point),
                theme::border(item.color),
            );
        }
    }
    raster
}
