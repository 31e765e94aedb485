//! Far out (a board of thousands of items fitted in view), every item is a flat rectangle a few
//! pixels wide and every connector between them a hairline. Drawn as triangles, that is tens of
//! thousands of them every frame, and under software rendering each one costs the renderer far
//! more than its few pixels. So they are drawn once on the processor into a picture of the
//! board around the view ([`Raster`]), and while the view only pans, the picture is shown as it
//! is. It is drawn again when the board changes (its [`Stamp`]), the zoom changes, or the view
//! leaves the part of the board it shows.

use std::collections::BTreeSet;

use egui::{Color32, Painter, Rect, TextureHandle, pos2, vec2};

use super::paint::{TinyNotes, shown_between};
use super::raster::Raster;
use crate::model::{Board, Item, ItemId, Point, Rect as BoardRect, Stamp};
use crate::ui::camera::Camera;
use crate::ui::theme;

/// Below this many far items in view, triangles are cheap enough: no picture is drawn.
pub(super) const MIN_ITEMS: usize = 200;
/// No picture is wider or taller than this many pixels (the app's largest texture), nor than
/// the renderer takes.
const MAX_SIDE: usize = 4096;
/// The picture is shown in squares of this many pixels, leaving out those with nothing in them:
/// the renderer's cost follows the pixels it covers, even transparent ones.
const TILE: usize = 128;

/// What a picture was drawn for: the same again shows the same.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drawn {
    stamp: Stamp,
    zoom: f32,
    pixels_per_point: f32,
}

/// The picture of the far board, kept between paints.
#[derive(Default)]
pub(super) struct FarPicture {
    drawn: Option<Drawn>,
    /// The part of the board the picture shows.
    region: Option<BoardRect>,
    /// Where the board's items are, as of the picture.
    bounds: Option<BoardRect>,
    texture: Option<TextureHandle>,
    /// The squares of the picture with something in them, in pixels.
    tiles: Vec<Rect>,
    /// How many times the picture was drawn.
    pub(super) redrawn: u64,
}

impl std::fmt::Debug for FarPicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FarPicture")
            .field("drawn", &self.drawn)
            .field("region", &self.region)
            .field("redrawn", &self.redrawn)
            .finish_non_exhaustive()
    }
}

/// How the board maps onto a picture's pixels.
#[derive(Clone, Copy, Debug)]
struct Mapping {
    region: BoardRect,
    /// Pixels per board unit.
    scale: f32,
}

impl Mapping {
    fn pixel(&self, point: Point) -> egui::Pos2 {
        pos2(
            (point.x - self.region.min.x) * self.scale,
            (point.y - self.region.min.y) * self.scale,
        )
    }

    fn pixel_rect(&self, item: &Item) -> Rect {
        let size = item.shown_size();
        Rect::from_min_max(
            self.pixel(item.pos),
            self.pixel(item.pos.offset(size.width, size.height)),
        )
    }

    fn size(&self) -> [usize; 2] {
        let pixels = |length: f32| (length * self.scale).ceil().max(1.0) as usize;
        let size = self.region.size();
        [pixels(size.width), pixels(size.height)]
    }
}

impl FarPicture {
    /// Gets the picture of the far board (hairlines, then items in stacking order) ready for
    /// the canvas `viewport` seen through `camera`, drawing it again if it is out of date.
    /// Returns false when the view is too large for one picture.
    pub(super) fn prepare(
        &mut self,
        ctx: &egui::Context,
        board: &Board,
        camera: &Camera,
        viewport: Rect,
        hidden: &BTreeSet<ItemId>,
    ) -> bool {
        let pixels_per_point = ctx.pixels_per_point();
        let scale = camera.zoom * pixels_per_point;
        let (min, max) = camera.visible_board_rect(viewport);
        let visible = BoardRect::spanning(min, max);
        let drawn = Drawn {
            stamp: board.stamp(),
            zoom: camera.zoom,
            pixels_per_point,
        };
        // The view may reach past the board: only the part of it on the board must be drawn.
        let current = self.drawn == Some(drawn)
            && self.texture.is_some()
            && self.region.is_some_and(|region| {
                self.bounds
                    .and_then(|bounds| bounds.intersection(visible))
                    .is_none_or(|wanted| region.encloses(wanted))
            });
        if !current {
            let bounds = BoardRect::around(board.items().map(Item::rect));
            let max_side = ctx.input(|input| input.max_texture_side).min(MAX_SIDE);
            let Some(region) = region_around(bounds, visible, scale, max_side as f32) else {
                return false;
            };
            let mapping = Mapping { region, scale };
            let raster = draw(board, mapping, hidden, pixels_per_point);
            self.tiles = raster.used_tiles(TILE);
            let image = raster.into_image();
            super::raster::show_in(&mut self.texture, ctx, "far board", image);
            self.drawn = Some(drawn);
            self.region = Some(region);
            self.bounds = bounds;
            self.redrawn += 1;
        }
        true
    }

    /// Lets the picture go (its texture can take tens of megabytes) while the board is not far
    /// out; it is drawn again when it is.
    pub(super) fn forget(&mut self) {
        if self.texture.is_some() {
            *self = Self {
                redrawn: self.redrawn,
                ..Self::default()
            };
        }
    }

    /// Paints the picture [`Self::prepare`] got ready.
    pub(super) fn paint(&self, painter: &Painter, camera: &Camera, viewport: Rect) {
        let (Some(texture), Some(region)) = (&self.texture, self.region) else {
            return;
        };
        let pixels_per_point = painter.ctx().pixels_per_point();
        let scale = camera.zoom * pixels_per_point;
        // On whole pixels, so each pixel of the picture lands on one of the screen.
        let [width, height] = Mapping { region, scale }.size();
        let at = camera.screen_from_board(viewport, region.min);
        let at = (at.to_vec2() * pixels_per_point).round() / pixels_per_point;
        let whole = vec2(width as f32, height as f32);
        let mut mesh = egui::Mesh::with_texture(texture.id());
        for tile in &self.tiles {
            let on_screen = Rect::from_min_max(
                at.to_pos2() + tile.min.to_vec2() / pixels_per_point,
                at.to_pos2() + tile.max.to_vec2() / pixels_per_point,
            );
            if on_screen.intersects(viewport) {
                let uv = Rect::from_min_max(
                    (tile.min.to_vec2() / whole).to_pos2(),
                    (tile.max.to_vec2() / whole).to_pos2(),
                );
                mesh.add_rect_with_uv(on_screen, uv, Color32::WHITE);
            }
        }
        painter.add(egui::Shape::mesh(mesh));
    }
}

/// The part of the board to draw: the view and half a view around it on every side (so a pan
/// stays within it for a while), within the board's items, and small enough for one picture.
fn region_around(
    bounds: Option<BoardRect>,
    visible: BoardRect,
    scale: f32,
    max_side: f32,
) -> Option<BoardRect> {
    let fits = |rect: BoardRect| {
        let size = rect.size();
        (size.width * scale).ceil() <= max_side && (size.height * scale).ceil() <= max_side
    };
    let seen = visible.size();
    let margin = seen.width.max(seen.height) / 2.0;
    let around = BoardRect::spanning(
        visible.min.offset(-margin, -margin),
        visible.max.offset(margin, margin),
    );
    // No further than the board goes (the view itself may reach past it).
    let wanted = bounds
        .and_then(|bounds| around.intersection(bounds.union(visible)))
        .unwrap_or(visible);
    [wanted, visible].into_iter().find(|&rect| fits(rect))
}

/// Draws the far board into a picture: hairlines between far items, then the far items as flat
/// rectangles in stacking order (items too large to be far, and hidden ones, are left out).
fn draw(
    board: &Board,
    mapping: Mapping,
    hidden: &BTreeSet<ItemId>,
    pixels_per_point: f32,
) -> Raster {
    let [width, height] = mapping.size();
    let mut raster = Raster::new(width, height);
    let region = mapping.region;
    let far = |item: &Item| {
        !item.is_backdrop()
            && !hidden.contains(&item.id)
            && TinyNotes::is_far(
                item,
                Rect::from_min_size(
                    pos2(0.0, 0.0),
                    vec2(item.shown_size().width, item.shown_size().height) * mapping.scale
                        / pixels_per_point,
                ),
            )
    };
    for connector in board.connectors_in(region.min, region.max) {
        let (Some(from), Some(to)) = (board.item(connector.from), board.item(connector.to)) else {
            continue;
        };
        if !(far(from) && far(to)) {
            continue;
        }
        let (a, b) = (mapping.pixel_rect(from), mapping.pixel_rect(to));
        if shown_between(a, b) >= pixels_per_point {
            raster.line(a.center(), b.center(), pixels_per_point, theme::CONNECTOR);
        }
    }
    for item in board.items_in(region.min, region.max) {
        if !far(item) {
            continue;
        }
        match item.as_stroke() {
            Some(stroke) => {
                super::stroke_paint::into_raster(
                    &mut raster,
                    item,
                    stroke,
                    mapping.pixel_rect(item),
                );
            }
            None => raster.fill_rect(mapping.pixel_rect(item), theme::fill(item.color)),
        }
    }
    raster
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Connector, ConnectorId, IdGen, PaletteColor, ZKey};

    /// Two notes far apart joined by a connector, and a note hidden (as in a collapsed frame).
    fn board() -> (Board, [ItemId; 3]) {
        let mut ids = IdGen::seeded(5);
        let mut note = |x: f32, color| {
            Item::note(
                ids.item_id(|_| false),
                Point::new(x, 0.0),
                ZKey::middle(),
                color,
                "",
            )
        };
        let a = note(0.0, PaletteColor::Yellow);
        let b = note(2000.0, PaletteColor::Blue);
        let hidden = note(1000.0, PaletteColor::Pink);
        let ids = [a.id, b.id, hidden.id];
        let link = Connector::new(ConnectorId::from_raw(1), a.id, b.id);
        (
            Board::from_parts("far", [a, b, hidden], [link]).unwrap(),
            ids,
        )
    }

    #[test]
    fn the_picture_shows_far_items_in_their_colours_and_the_lines_between_them() {
        let (board, [a, b, hidden]) = board();
        let region = BoardRect::around(board.items().map(Item::rect)).unwrap();
        let mapping = Mapping {
            region,
            scale: 0.02,
        };
        let raster = draw(&board, mapping, &BTreeSet::from([hidden]), 1.0);
        let centre = |id| {
            let rect = mapping.pixel_rect(board.item(id).unwrap());
            (rect.center().x as usize, rect.center().y as usize)
        };
        let (ax, ay) = centre(a);
        let (bx, by) = centre(b);
        let (hx, hy) = centre(hidden);
        assert_eq!(raster.pixel(ax, ay), theme::fill(PaletteColor::Yellow));
        assert_eq!(raster.pixel(bx, by), theme::fill(PaletteColor::Blue));
        // The hidden note is not there; the line between the other two runs where it would be.
        assert_ne!(raster.pixel(hx, hy), theme::fill(PaletteColor::Pink));
        let line: u32 = (0..raster.into_image().size[1])
            .map(|y| {
                u32::from(
                    draw(&board, mapping, &BTreeSet::from([hidden]), 1.0)
                        .pixel(hx, y)
                        .a(),
                )
            })
            .sum();
        assert!(line >= 200, "the line between the notes shows: {line}");
    }

    #[test]
    fn a_far_stroke_is_its_line_not_its_box() {
        // A circle of radius 500 drawn round the middle of a 2,000-unit board.
        let samples: Vec<_> = (0..=60)
            .map(|step| {
                let angle = step as f32 / 60.0 * std::f32::consts::TAU;
                crate::model::sketch::Sample::new(
                    Point::new(1000.0 + 500.0 * angle.cos(), 1000.0 + 500.0 * angle.sin()),
                    None,
                )
            })
            .collect();
        let stroke = Item::stroke(
            ItemId::from_raw(1),
            &samples,
            crate::model::StrokeTool::Pen,
            ZKey::middle(),
            PaletteColor::Blue,
        )
        .unwrap();
        let board = Board::from_parts("far stroke", [stroke], []).unwrap();
        let mapping = Mapping {
            region: BoardRect::at(
                Point::new(0.0, 0.0),
                crate::model::Size::new(2000.0, 2000.0),
            ),
            scale: 0.05,
        };
        let raster = draw(&board, mapping, &BTreeSet::new(), 1.0);
        // The middle of the loop is empty; its leftmost point, at (500, 1000), is inked.
        assert_eq!(raster.pixel(50, 50).a(), 0, "the middle of the loop");
        let inked = (49..=51).any(|y| (24..=26).any(|x| raster.pixel(x, y).a() > 0));
        assert!(inked, "the line");
    }

    #[test]
    fn items_too_large_to_be_far_are_left_to_be_drawn_as_usual() {
        let (board, [a, ..]) = board();
        let region = BoardRect::around(board.items().map(Item::rect)).unwrap();
        let mapping = Mapping { region, scale: 1.0 };
        let raster = draw(&board, mapping, &BTreeSet::new(), 1.0);
        let rect = mapping.pixel_rect(board.item(a).unwrap());
        assert_eq!(
            raster.pixel(rect.center().x as usize, rect.center().y as usize),
            Color32::TRANSPARENT
        );
    }

    #[test]
    fn the_region_takes_in_the_view_and_more_of_the_board_but_stays_drawable() {
        let (board, _) = board();
        let view = BoardRect::spanning(Point::new(0.0, 0.0), Point::new(800.0, 500.0));
        let bounds = BoardRect::around(board.items().map(Item::rect));
        let region = region_around(bounds, view, 0.5, 4096.0).unwrap();
        assert!(region.encloses(view));
        assert!(region.size().width > view.size().width, "{region:?}");
        // Far too large for one picture even without a margin: none.
        let huge = BoardRect::spanning(Point::new(0.0, 0.0), Point::new(100_000.0, 10.0));
        assert_eq!(region_around(bounds, huge, 1.0, 4096.0), None);
        // The renderer's own limit counts too.
        assert_eq!(region_around(bounds, view, 0.5, 256.0), None);
    }
}
