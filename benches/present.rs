//! How long one paint of the whole app takes while presenting, on the 10,000-item board whose
//! stages have prompts and time boxes (`civic_canvas::generate`, seed 1):
//!
//! - `present_fit_10k_timer`: presenting (`F5`), the stage bar and the timer running (started
//!   by `Page Down` with the stage bar shown), the whole board fitted in view (`Ctrl+0`);
//! - `present_glide_10k`: one paint of the camera gliding from one stage to the next, averaged
//!   over the glides of `Page Down` and `Page Up` in turn.
//!
//! As in `canvas.rs`, a paint is the app's real code (`CivicCanvasApp::ui`, here the whole
//! window: stage bar, canvas and timer) run through `egui::Context::run_ui` and tessellated into
//! meshes, without a window or GPU, in a 2560×1440 window at one pixel per point.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use civic_canvas::app::{AppOptions, CivicCanvasApp};
use civic_canvas::generate::generate_board;
use civic_canvas::model::{Board, Item, ItemKind};
use civic_canvas::storage::save_board;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Key, Modifiers, Pos2, RawInput, Rect, vec2};

/// The whole app in a headless egui context, ready to paint.
struct Window {
    ctx: egui::Context,
    app: CivicCanvasApp,
    frame: eframe::Frame,
    time: f64,
    _dir: tempfile::TempDir,
}

impl Window {
    /// The app with the 10k board, its stages given prompts and time boxes.
    fn with_10k_stages() -> Self {
        let generated = generate_board(10_000, 1);
        let mut items: Vec<Item> = generated.items().cloned().collect();
        for item in &mut items {
            if item.parent.is_none()
                && let ItemKind::Frame(frame) = &mut item.kind
            {
                "How might we make permits easy to get online?".clone_into(&mut frame.prompt);
                frame.minutes = Some(15);
            }
        }
        let connectors: Vec<_> = generated.connectors().cloned().collect();
        let photos: Vec<_> = items
            .iter()
            .filter_map(|item| match &item.kind {
                ItemKind::Persona(persona) => persona.photo,
                _ => None,
            })
            .filter_map(|id| Some((id, generated.image(id)?.clone())))
            .collect();
        let board = Board::from_parts(generated.title(), items, connectors)
            .unwrap_or_else(|e| panic!("{e}"))
            .with_images(photos);
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path: PathBuf = dir.path().join("stages.ron");
        save_board(&path, &board).unwrap_or_else(|e| panic!("{e}"));
        let ctx = egui::Context::default();
        let app = CivicCanvasApp::new(
            &ctx,
            AppOptions {
                file: Some(path),
                native_file_dialogs: false,
            },
        );
        let mut window = Self {
            ctx,
            app,
            // The frame eframe hands an app, as egui_kittest makes it for tests.
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
            _dir: dir,
        };
        window.paint(Vec::new());
        window
    }

    /// Paints once with these input events and tessellates.
    fn paint(&mut self, events: Vec<Event>) {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(2560.0, 1440.0))),
            time: Some(self.time),
            focused: true,
            events,
            max_texture_side: Some(4096),
            ..RawInput::default()
        };
        let output = self.ctx.run_ui(input, |ui| {
            eframe::App::ui(&mut self.app, ui, &mut self.frame);
        });
        let egui::FullOutput {
            shapes,
            pixels_per_point,
            mut textures_delta,
            ..
        } = output;
        textures_delta.clear();
        black_box(self.ctx.tessellate(shapes, pixels_per_point));
    }

    /// Presses `key` and paints until the app has taken it in.
    fn press(&mut self, modifiers: Modifiers, key: Key) {
        let event = |pressed| Event::Key {
            key,
            physical_key: Some(key),
            pressed,
            repeat: false,
            modifiers,
        };
        self.paint(vec![event(true), event(false)]);
        self.paint(Vec::new());
    }
}

fn present(c: &mut Criterion) {
    let mut window = Window::with_10k_stages();
    window.press(Modifiers::NONE, Key::F5);
    assert!(window.app.is_presenting(), "presenting");
    // Page Down with the stage bar shown starts the first stage's time box.
    window.press(Modifiers::NONE, Key::PageDown);
    window.press(Modifiers::COMMAND, Key::Num0);
    for _ in 0..60 {
        window.paint(Vec::new());
    }
    c.bench_function("present_fit_10k_timer", |b| {
        b.iter(|| window.paint(Vec::new()));
    });

    let mut forward = true;
    c.bench_function("present_glide_10k", |b| {
        b.iter_custom(|frames| {
            let mut spent = Duration::ZERO;
            let mut left = 0_u32;
            for _ in 0..frames {
                if left == 0 {
                    // A new glide (not timed): to the next stage, or back.
                    let key = if forward { Key::PageDown } else { Key::PageUp };
                    forward = !forward;
                    window.press(Modifiers::NONE, key);
                    // 0.45 s at 60 frames a second.
                    left = 27;
                }
                let start = Instant::now();
                window.paint(Vec::new());
                spent += start.elapsed();
                left -= 1;
            }
            spent
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = present
}
criterion_main!(benches);
