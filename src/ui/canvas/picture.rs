//! A picture of part of a board, painted by the canvas itself without a window: the shapes
//! egui would draw for that part at 100%, for the SVG, PNG and PDF exports.
//!
//! The canvas paints into a headless egui context with the app's fonts and style, the camera
//! at 100% over the wanted area, nothing selected or hovered, no dot grid and no minimap. So an
//! export looks like the screen because it is what the screen draws, item by item, with the
//! same code.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use egui::epaint::ClippedShape;
use egui::{Pos2, RawInput, Rect, TextureId, Vec2, vec2};

use super::CanvasState;
use crate::model::{Board, IdGen, ImageId, Point, Rect as BoardRect};
use crate::ui::camera::Camera;
use crate::ui::theme;

/// How long a picture waits for its photos to be decoded before it is drawn without the
/// missing ones (their initials instead).
const PHOTO_WAIT: Duration = Duration::from_secs(10);

/// The shapes of a painted area of a board.
pub struct BoardPicture {
    /// The shapes, bottom to top, in points from the picture's top-left (one point is one board
    /// unit).
    pub shapes: Vec<ClippedShape>,
    /// The picture's size in points.
    pub size: Vec2,
    /// The board point at the picture's top-left.
    pub origin: Point,
    /// The photo each texture in the shapes shows (the canvas draws a centred square crop).
    pub photos: HashMap<TextureId, ImageId>,
}

/// Paints `area` of `board` at 100% (one point per board unit).
pub fn paint(board: &Board, area: BoardRect) -> BoardPicture {
    let size = vec2(area.size().width.max(1.0), area.size().height.max(1.0));
    let whole = Rect::from_min_size(Pos2::ZERO, size);
    let mut picture = paint_page(board, size, (whole, area), |_| {});
    picture.origin = area.min;
    picture
}

/// Paints a page of `size` points: `area` of `board` fitted into `place` on the page (never
/// above 100%), then whatever `rest` draws on the page (text beside the board, say).
pub fn paint_page(
    board: &Board,
    size: Vec2,
    (place, area): (Rect, BoardRect),
    rest: impl FnMut(&mut egui::Ui),
) -> BoardPicture {
    HEADLESS.with_borrow_mut(|headless| {
        let (ctx, canvas) = headless.get_or_insert_with(|| {
            let ctx = egui::Context::default();
            theme::install_fonts(&ctx);
            theme::apply_style(&ctx);
            let mut canvas = CanvasState::default();
            canvas.settings.dot_grid = false;
            (ctx, canvas)
        });
        paint_with(ctx, canvas, board, size, (place, area), rest)
    })
}

thread_local! {
    /// The headless egui context (with the app's fonts) and canvas pictures are painted with,
    /// kept for the next picture: a handout of a hundred frames would otherwise load the fonts
    /// a hundred times.
    static HEADLESS: std::cell::RefCell<Option<(egui::Context, CanvasState)>> =
        const { std::cell::RefCell::new(None) };
}

/// [`paint_page`] with this context and canvas.
fn paint_with(
    ctx: &egui::Context,
    canvas: &mut CanvasState,
    board: &Board,
    size: Vec2,
    (place, area): (Rect, BoardRect),
    mut rest: impl FnMut(&mut egui::Ui),
) -> BoardPicture {
    canvas.selection = super::Selection::default();
    let across = area.size().width.max(1.0);
    let down = area.size().height.max(1.0);
    canvas.view.camera = Camera {
        center_in_board: area.center(),
        zoom: (place.width() / across).min(place.height() / down).min(1.0),
    };
    // The view is the one set here for a canvas at `place`: no fit of the board on the first
    // paint, and no pan as if the canvas had changed size.
    canvas.view.request = None;
    canvas.view.viewport = place;
    canvas.loops_mut().refresh(board, stamp_number(board));
    let mut ids = IdGen::seeded(0);
    let started = Instant::now();
    let mut time = 0.0;
    loop {
        time += 1.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
            time: Some(time),
            max_texture_side: Some(4096),
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                ui.scope_builder(egui::UiBuilder::new().max_rect(place), |ui| {
                    // The commands a paint may emit (none without input) are not wanted.
                    let _ = canvas.show(ui, board, &mut ids);
                });
                rest(ui);
            });
        });
        // Font atlas and photo uploads are a renderer's job; a picture needs none.
        output.textures_delta.clear();
        let waiting = canvas.caches.photos.busy() && started.elapsed() < PHOTO_WAIT;
        if !waiting {
            let photos = photos_in(canvas, &output.shapes);
            return BoardPicture {
                shapes: output.shapes,
                size,
                origin: area.min,
                photos,
            };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A number for the board's state, to know when its feedback loops must be found again.
fn stamp_number(board: &Board) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    board.stamp().hash(&mut hasher);
    hasher.finish()
}

/// The photos behind the textures `shapes` use.
fn photos_in(canvas: &CanvasState, shapes: &[ClippedShape]) -> HashMap<TextureId, ImageId> {
    let mut photos = HashMap::new();
    let mut look = |shape: &egui::Shape| {
        let texture = shape.texture_id();
        if texture != TextureId::default()
            && let Some(image) = canvas.caches.photos.image_of(texture)
        {
            photos.insert(texture, image);
        }
    };
    for clipped in shapes {
        visit(&clipped.shape, &mut look);
    }
    photos
}

/// Calls `look` on `shape` and on each part of a `Shape::Vec`.
fn visit(shape: &egui::Shape, look: &mut impl FnMut(&egui::Shape)) {
    if let egui::Shape::Vec(parts) = shape {
        for part in parts {
            visit(part, look);
        }
    } else {
        look(shape);
    }
}
