//! How long one paint of the canvas takes, and finding the item under the cursor, on generated
//! boards (`civic_canvas::generate`).
//!
//! A paint is the app's real canvas code (`CanvasState::show` inside a central panel, with the
//! app's fonts and style) run through `egui::Context::run_ui`, then tessellated into meshes, as
//! eframe does before drawing. No window and no GPU are needed, so this runs on CI too. Drawing
//! the meshes (the GPU's part) is not included. The window is 2560×1440 points at one pixel per
//! point: at 100% zoom it shows about 50 notes.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Duration;

use civic_canvas::edit::Command;
use civic_canvas::generate::{generate_board, strokes_board};
use civic_canvas::model::{Board, IdGen, Item, ItemId, Point, Rect as BoardRect, Size};
use civic_canvas::ui::camera::Camera;
use civic_canvas::ui::canvas::CanvasState;
use civic_canvas::ui::theme;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2, vec2};

/// The size of the benchmark window, in points.
const WINDOW: Vec2 = vec2(2560.0, 1440.0);
/// The seed of every generated board here.
const SEED: u64 = 1;

/// The canvas of a board in a headless egui context, ready to paint.
struct Paints {
    ctx: egui::Context,
    canvas: CanvasState,
    ids: IdGen,
    board: Board,
    time: f64,
}

impl Paints {
    /// Sets up the app's fonts and style and paints once, fitting the board into view while egui
    /// loads the fonts.
    fn new(board: Board) -> Self {
        let ctx = egui::Context::default();
        theme::install_fonts(&ctx);
        theme::apply_style(&ctx);
        let mut paints = Self {
            ctx,
            canvas: CanvasState::default(),
            ids: IdGen::seeded(SEED),
            board,
            time: 0.0,
        };
        paints.canvas.request_fit();
        paints.paint(Vec::new());
        paints
    }

    fn viewport() -> Rect {
        Rect::from_min_size(Pos2::ZERO, WINDOW)
    }

    /// Paints once with these input events and tessellates; returns the commands the canvas
    /// emitted (they are not applied, so the board stays the same).
    fn paint(&mut self, events: Vec<Event>) -> Vec<Command> {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Self::viewport()),
            time: Some(self.time),
            focused: true,
            events,
            // As in the app's window: textures up to 4096 pixels a side.
            max_texture_side: Some(4096),
            ..RawInput::default()
        };
        let mut commands = Vec::new();
        let output = self.ctx.run_ui(input, |ui| {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                commands = self.canvas.show(ui, &self.board, &mut self.ids).commands;
            });
        });
        let egui::FullOutput {
            shapes,
            pixels_per_point,
            mut textures_delta,
            ..
        } = output;
        // Font atlas uploads are a renderer's job; with no GPU there is nothing to upload to.
        textures_delta.clear();
        black_box(self.ctx.tessellate(shapes, pixels_per_point));
        commands
    }

    /// Points the camera and paints once, so the next paint is a steady one.
    fn look(&mut self, camera: Camera) {
        self.canvas.view.camera = camera;
        self.paint(Vec::new());
    }
}

/// The board rectangle of some items, as (top-left, bottom-right).
fn bounds<'a>(items: impl IntoIterator<Item = &'a Item>) -> (Point, Point) {
    let rect = BoardRect::around(items.into_iter().map(Item::rect))
        .unwrap_or(BoardRect::at(Point::default(), Size::new(1.0, 1.0)));
    (rect.min, rect.max)
}

/// The camera that shows the whole board. On a 10,000-item board this is below the smallest
/// zoom the app allows today (`Camera::MIN_ZOOM`), so it is set directly, not through
/// `Camera::fit`.
fn whole_board(board: &Board) -> Camera {
    let (min, max) = bounds(board.items());
    let room = WINDOW - Vec2::splat(96.0);
    Camera {
        center_in_board: Point::new(f32::midpoint(min.x, max.x), f32::midpoint(min.y, max.y)),
        zoom: (room.x / (max.x - min.x)).min(room.y / (max.y - min.y)),
    }
}

/// How many items a camera shows at least in part.
fn items_in_view(board: &Board, camera: &Camera) -> usize {
    let (min, max) = camera.visible_board_rect(Paints::viewport());
    board
        .items()
        .filter(|item| {
            item.pos.x < max.x
                && item.pos.y < max.y
                && item.pos.x + item.size.width > min.x
                && item.pos.y + item.size.height > min.y
        })
        .count()
}

/// A camera at 100% zoom, centred on an item's centre, that shows as close to 50 items as any.
fn about_50_items_at_100_percent(board: &Board) -> Camera {
    let camera_at = |item: &Item| Camera {
        center_in_board: item.center(),
        zoom: 1.0,
    };
    let step = (board.items().len() / 500).max(1);
    let best = board
        .items()
        .step_by(step)
        .min_by_key(|item| items_in_view(board, &camera_at(item)).abs_diff(50))
        .map(camera_at)
        .unwrap_or_default();
    let shown = items_in_view(board, &best);
    assert!((40..=60).contains(&shown), "{shown} items in view");
    best
}

/// Selects the `count` items nearest to the board's centre (a few clusters, as a rubber band
/// would) and zooms so they fill the view. Returns the selected item nearest to their middle.
fn select_middle(paints: &mut Paints, count: usize) -> Option<ItemId> {
    let (min, max) = bounds(paints.board.items());
    let middle = Point::new(f32::midpoint(min.x, max.x), f32::midpoint(min.y, max.y));
    let distance = |item: &Item| (item.center().x - middle.x).hypot(item.center().y - middle.y);
    let mut items: Vec<&Item> = paints.board.items().collect();
    items.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    items.truncate(count);
    let grab = items.first().map(|item| item.id);
    let (min, max) = bounds(items.iter().copied());
    let mut camera = Camera::default();
    camera.fit(Paints::viewport(), min, max);
    paints.canvas.selection.items = items.iter().map(|item| item.id).collect::<BTreeSet<_>>();
    paints.look(camera);
    grab
}

fn pointer_moved(pos: Pos2) -> Event {
    Event::PointerMoved(pos)
}

fn primary(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

/// Presses on a selected note and moves far enough for egui to call it a drag. Returns where
/// the pointer is.
fn start_drag(paints: &mut Paints, grab: ItemId) -> Pos2 {
    let item = paints
        .board
        .item(grab)
        .map(Item::center)
        .unwrap_or_default();
    let at = paints
        .canvas
        .view
        .camera
        .screen_from_board(Paints::viewport(), item);
    paints.paint(vec![pointer_moved(at), primary(at, true)]);
    let moved = at + vec2(12.0, 8.0);
    paints.paint(vec![pointer_moved(moved)]);
    moved
}

fn paints_10k(c: &mut Criterion) {
    let board = generate_board(10_000, SEED);
    let whole = whole_board(&board);
    let zoomed = about_50_items_at_100_percent(&board);
    let mut paints = Paints::new(board);

    paints.look(whole);
    c.bench_function("paint_fit_10k", |b| b.iter(|| paints.paint(Vec::new())));

    paints.look(zoomed);
    c.bench_function("paint_zoomed_10k", |b| b.iter(|| paints.paint(Vec::new())));
}

/// A board of 10,000 hand-drawn pen strokes of 50 points (`generate::strokes_board`), whole
/// in view, then at 100% where about 50 strokes show; and the stroke under the pointer among
/// them, found by the board on the line of each stroke (not its box).
fn strokes_10k(c: &mut Criterion) {
    let board = strokes_board(10_000, 50, SEED);
    let whole = whole_board(&board);
    let zoomed = about_50_items_at_100_percent(&board);
    let on_lines: Vec<Point> = board
        .items()
        .step_by(37)
        .filter_map(|item| {
            let stroke = item.as_stroke()?;
            stroke
                .samples_in(item.rect())
                .get(25)
                .map(|sample| sample.at)
        })
        .collect();
    let hits = on_lines
        .iter()
        .filter(|&&p| {
            board
                .item_at(p)
                .is_some_and(|item| item.as_stroke().is_some())
        })
        .count();
    assert!(
        hits * 10 >= on_lines.len() * 9,
        "{hits} of {} points on lines hit",
        on_lines.len()
    );
    let mut next = on_lines.iter().cycle();
    c.bench_function("hit_test_10k_stroke_items", |b| {
        b.iter(|| {
            board
                .item_at(black_box(*next.next().unwrap_or(&Point::default())))
                .map(|item| item.id)
        });
    });

    let mut paints = Paints::new(board);
    paints.look(whole);
    c.bench_function("frame_strokes_10k", |b| b.iter(|| paints.paint(Vec::new())));
    paints.look(zoomed);
    c.bench_function("frame_strokes_10k_zoomed", |b| {
        b.iter(|| paints.paint(Vec::new()));
    });
}

fn paint_100(c: &mut Criterion) {
    let board = generate_board(100, SEED);
    let zoomed = about_50_items_at_100_percent(&board);
    let mut paints = Paints::new(board);
    paints.look(zoomed);
    c.bench_function("paint_zoomed_100", |b| b.iter(|| paints.paint(Vec::new())));
}

fn drag(c: &mut Criterion) {
    let mut paints = Paints::new(generate_board(10_000, SEED));
    let Some(grab) = select_middle(&mut paints, 500) else {
        return;
    };
    // Check that this really drags the selection: letting go moves all 500 items in one step
    // (the board's rules add the items in any selected frame when it is applied).
    let selection = paints.canvas.selection.items.clone();
    let at = start_drag(&mut paints, grab);
    let commands = paints.paint(vec![primary(at, false)]);
    let moved: BTreeSet<ItemId> = match commands.as_slice() {
        [Command::Batch { commands, .. }] => commands
            .iter()
            .filter_map(|command| match command {
                Command::MoveItem { id, .. } => Some(*id),
                _ => None,
            })
            .collect(),
        _ => BTreeSet::new(),
    };
    assert_eq!(selection.len(), 500);
    assert!(
        selection.is_subset(&moved),
        "the drag moves the selection: {commands:?}"
    );

    let mut at = start_drag(&mut paints, grab);
    let mut step = vec2(3.0, 2.0);
    c.bench_function("drag_500_10k", |b| {
        b.iter(|| {
            at += step;
            step = -step;
            paints.paint(vec![pointer_moved(at)])
        });
    });
}

fn hit_test(c: &mut Criterion) {
    let board = generate_board(10_000, SEED);
    let (min, max) = bounds(board.items());
    // Spread over the board: some on notes, some between them.
    let mut random = IdGen::seeded(SEED);
    let mut unit = || (random.next_u64() % 10_000) as f32 / 10_000.0;
    let points: Vec<Point> = (0..256)
        .map(|_| {
            Point::new(
                min.x + unit() * (max.x - min.x),
                min.y + unit() * (max.y - min.y),
            )
        })
        .collect();
    let hits = points
        .iter()
        .filter(|&&p| board.item_at(p).is_some())
        .count();
    assert!(
        hits > 32 && hits < 224,
        "{hits} of 256 points are on an item"
    );
    let mut next = points.iter().cycle();
    c.bench_function("hit_test_10k", |b| {
        b.iter(|| {
            board
                .item_at(black_box(*next.next().unwrap_or(&min)))
                .map(|item| item.id)
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = paints_10k, strokes_10k, paint_100, drag, hit_test
}
criterion_main!(benches);
