//! Helpers shared by the UI test files: a harness around the real app, and keys, typing and
//! drags as a person would do them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use civic_canvas::app::{AppOptions, CivicCanvasApp};
use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// A harness around an app built by `build`, in a 1400×900 window at 60 frames a second.
pub fn harness_with_app(
    build: impl FnOnce(&egui::Context) -> CivicCanvasApp + 'static,
) -> Harness<'static, CivicCanvasApp> {
    sized_harness_with_app(Vec2::new(1400.0, 900.0), build)
}

/// A harness around an app built by `build`, in a window of `size` at 60 frames a second.
pub fn sized_harness_with_app(
    size: Vec2,
    build: impl FnOnce(&egui::Context) -> CivicCanvasApp + 'static,
) -> Harness<'static, CivicCanvasApp> {
    Harness::builder()
        .with_size(size)
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

/// Types `text` as a keyboard does: for each character, the press of its key (a letter or a
/// digit; Shift for capitals), the character, and the key's release, then a paint. Unlike
/// [`type_text`], this reaches single-key shortcuts when no text field has the keyboard.
pub fn type_on_keyboard(harness: &mut Harness<'_, CivicCanvasApp>, text: &str) {
    for ch in text.chars() {
        let key = Key::from_name(&ch.to_uppercase().to_string());
        let modifiers = if ch.is_uppercase() {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        let key_event = |pressed| {
            key.map(|key| Event::Key {
                key,
                physical_key: Some(key),
                pressed,
                repeat: false,
                modifiers,
            })
        };
        if let Some(press) = key_event(true) {
            harness.event(press);
        }
        harness.event(Event::Text(ch.to_string()));
        if let Some(release) = key_event(false) {
            harness.event(release);
        }
        harness.run();
    }
}

/// Presses `N`, types `text` into the new note and presses Escape to finish.
pub fn add_note(harness: &mut Harness<'_, CivicCanvasApp>, text: &str) {
    press(harness, Modifiers::NONE, Key::N);
    type_text(harness, text);
    press(harness, Modifiers::NONE, Key::Escape);
}

/// Shift+N, the type's number key, the name, Escape: a map node, left selected.
pub fn add_node(harness: &mut Harness<'_, CivicCanvasApp>, number: Key, name: &str) {
    press(harness, Modifiers::SHIFT, Key::N);
    harness.get_by_label("Add a map node");
    press(harness, Modifiers::NONE, number);
    type_text(harness, name);
    press(harness, Modifiers::NONE, Key::Escape);
}

/// `P`, the name, Escape: a persona card, left selected.
pub fn add_persona(harness: &mut Harness<'_, CivicCanvasApp>, name: &str) {
    press(harness, Modifiers::NONE, Key::P);
    type_text(harness, name);
    press(harness, Modifiers::NONE, Key::Escape);
}

/// The persona cards on the board, in the board's order.
pub fn personas(harness: &Harness<'_, CivicCanvasApp>) -> Vec<civic_canvas::model::Persona> {
    harness
        .state()
        .board()
        .items()
        .filter_map(|item| match &item.kind {
            civic_canvas::model::ItemKind::Persona(persona) => Some((**persona).clone()),
            _ => None,
        })
        .collect()
}

/// Scrolls the inspector to the control named `label` (a form may be long) and clicks it.
pub fn click_in_inspector(harness: &mut Harness<'_, CivicCanvasApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
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

/// The text the app put on the clipboard in the last frame (check right after `step`).
pub fn copied_text(harness: &Harness<'_, CivicCanvasApp>) -> String {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("something was copied")
}

/// The ids of the selected items, in order.
pub fn selected_ids(harness: &Harness<'_, CivicCanvasApp>) -> Vec<civic_canvas::model::ItemId> {
    harness
        .state()
        .canvas()
        .selection
        .items
        .iter()
        .copied()
        .collect()
}
