//! The workshop timer in the real app, on a test clock: shown with `T`, it counts down while
//! running and not while paused, takes a minute more, says "Time is up" at zero, and Reset
//! brings it back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use civic_canvas::app::{AppOptions, CivicCanvasApp, TestClock};
use common::{harness_with_app, press};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_timer_counts_down_on_the_clock_and_says_when_time_is_up() {
    let clock = TestClock::default();
    let time = clock.clone();
    let mut app = harness_with_app(move |ctx| {
        CivicCanvasApp::new(
            ctx,
            AppOptions {
                file: Some(PathBuf::from("saved_boards/kickoff.ron")),
                native_file_dialogs: false,
            },
        )
        .with_test_clock(time)
    });
    assert!(app.query_by_label("05:00").is_none(), "hidden at first");
    press(&mut app, Modifiers::NONE, Key::T);
    assert!(app.query_by_label("05:00").is_some());

    app.get_by_label("Start").click();
    app.run();
    clock.advance(Duration::from_secs(90));
    app.run();
    assert!(app.query_by_label("03:30").is_some());

    app.get_by_label("Pause").click();
    app.run();
    clock.advance(Duration::from_mins(10));
    app.run();
    assert!(app.query_by_label("03:30").is_some(), "paused, it waits");

    app.get_by_label("+1 min").click();
    app.run();
    assert!(app.query_by_label("04:30").is_some());
    assert!(app.query_by_label("Time is up").is_none());

    app.get_by_label("Start").click();
    app.run();
    clock.advance(Duration::from_secs(270));
    app.run();
    assert!(app.query_by_label("00:00").is_some());
    assert!(app.query_by_label("Time is up").is_some());
    assert!(
        app.query_by_label("Pause").is_none(),
        "run down, it has stopped"
    );

    app.get_by_label("Reset").click();
    app.run();
    assert!(app.query_by_label("05:00").is_some());
    assert!(app.query_by_label("Time is up").is_none());

    press(&mut app, Modifiers::NONE, Key::T);
    assert!(app.query_by_label("05:00").is_none(), "T hides it again");
}
