//! Helpers shared by the UI test files: a harness around the real app, and keys, typing and
//! drags as a person would do them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use civic_canvas::app::{AppOptions, CivicCanvasApp};
use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;

/// A harness around an app built by `build`, in a 1400×900 window at 60 frames a second.
pub fn harness_with_app(
    build: impl FnOnce(&egui::Context) -> CivicCanvasApp + 'static,
) -> Harness<'static, CivicCanvasApp> {
    Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        // Tooltips take half a second to appear: allow that many frames to settle.
        .with_max_steps(120)
        .build_eframe(move |cc| build(&cc.egui_ctx))
}

/// The app, optionally opening `file`, with a typed-path dialog instead of system file dialogs.
pub fn app_harness(file: Option<PathBuf>) -> Harness<'static, CivicCanvasApp> {
    harness_with_app(move |ctx| {
        CivicCanvasApp::new(
            ctx,
            AppOptions {
                file,
                native_file_dialogs: false,
            },
        )
    })
}

/// Presses a key (with modifiers) and lets the app settle.
pub fn press(harness: &mut Harness<'_, CivicCanvasApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Types text into whatever has the keyboard.
pub fn type_text(harness: &mut Harness<'_, CivicCanvasApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

/// Presses `N`, types `text` into the new note and presses Escape to finish.
pub fn add_note(harness: &mut Harness<'_, CivicCanvasApp>, text: &str) {
    press(harness, Modifiers::NONE, Key::N);
    type_text(harness, text);
    press(harness, Modifiers::NONE, Key::Escape);
}

/// Drags with the primary button from `from` to `to` in a few pointer moves.
pub fn drag(harness: &mut Harness<'_, CivicCanvasApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + (to - from) * (step as f32 / 4.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

/// Clicks the primary button at `pos` (on the canvas, where there is no widget to click).
pub fn click_at(harness: &mut Harness<'_, CivicCanvasApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    harness.drag_at(pos);
    harness.run();
    harness.drop_at(pos);
    harness.run();
}

/// Double-clicks the primary button at `pos`: two clicks within the double-click time.
pub fn double_click_at(harness: &mut Harness<'_, CivicCanvasApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false, true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

/// The item whose main text (a note's text, a node's label, a frame's title, …) is `text`.
pub fn item_by_text(
    harness: &Harness<'_, CivicCanvasApp>,
    text: &str,
) -> civic_canvas::model::Item {
    harness
        .state()
        .board()
        .items()
        .find(|item| item.text() == text)
        .unwrap_or_else(|| panic!("no item {text:?}"))
        .clone()
}

/// The texts of the selected items, sorted.
pub fn selected_texts(harness: &Harness<'_, CivicCanvasApp>) -> Vec<String> {
    let app = harness.state();
    let mut texts: Vec<String> = app
        .canvas()
        .selection
        .items
        .iter()
        .map(|&id| app.board().item(id).unwrap().text().to_owned())
        .collect();
    texts.sort();
    texts
}

/// Queues a request to close the app's window, as the window's close button does.
pub fn queue_window_close(harness: &mut Harness<'_, CivicCanvasApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

/// Whether the app answered a close request by keeping the window open.
pub fn asked_to_cancel_close(harness: &Harness<'_, CivicCanvasApp>) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|output| {
            output
                .commands
                .contains(&egui::ViewportCommand::CancelClose)
        })
}
