//! The legibility guard: zoomed far out, the status bar says the text is too small for a video
//! call, and Zoom to readable zooms in until it is not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{app_harness, press};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

const TOO_SMALL: &str = "Text too small for a video call";

#[test]
fn far_out_the_status_bar_says_so_and_zoom_to_readable_fixes_it() {
    let mut app = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    // 200%: the example board's notes are 36 points high, readable.
    press(&mut app, Modifiers::COMMAND, Key::Num1);
    press(&mut app, Modifiers::COMMAND, Key::Equals);
    press(&mut app, Modifiers::COMMAND, Key::Equals);
    press(&mut app, Modifiers::COMMAND, Key::Equals);
    assert!(app.query_by_label(TOO_SMALL).is_none(), "readable up close");

    for _ in 0..6 {
        press(&mut app, Modifiers::COMMAND, Key::Minus);
    }
    app.run();
    let far = app.state().canvas().smallest_text().unwrap();
    assert!(far < 11.0, "{far}");
    assert!(app.query_by_label(TOO_SMALL).is_some());

    app.get_by_label("Zoom to readable").click();
    app.run();
    app.run();
    let near = app.state().canvas().smallest_text().unwrap();
    // The window (900 points high) stands for the shared screen: 11 × 900 / 540.
    assert!(near >= 11.0 * 900.0 / 540.0, "{near}");
    assert!(app.query_by_label(TOO_SMALL).is_none());
}
