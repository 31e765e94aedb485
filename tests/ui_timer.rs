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

/// The app with the example board, its timer on `clock`.
fn kickoff_on(clock: &TestClock) -> egui_kittest::Harness<'static, CivicCanvasApp> {
    let time = clock.clone();
    harness_with_app(move |ctx| {
        CivicCanvasApp::new(
            ctx,
            AppOptions {
                file: Some(PathBuf::from("saved_boards/kickoff.ron")),
                native_file_dialogs: false,
            },
        )
        .with_test_clock(time)
    })
}

#[test]
fn the_timer_counts_down_on_the_clock_and_says_when_time_is_up() {
    let clock = TestClock::default();
    let mut app = kickoff_on(&clock);
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

#[test]
fn next_stage_with_the_stage_bar_shows_the_prompt_and_starts_the_stage_time_box() {
    let clock = TestClock::default();
    let mut app = kickoff_on(&clock);
    let prompt = "How might we make municipal services easy to find and use online?";
    // Without the stage bar, stepping through the frames leaves the timer alone.
    press(&mut app, Modifiers::NONE, Key::PageDown);
    assert!(app.query_by_label("15:00").is_none());
    assert!(app.query_by_label(prompt).is_none());
    press(&mut app, Modifiers::NONE, Key::PageUp);

    app.get_by_label("View").click();
    app.run();
    app.get_by_label("Stage bar").click();
    app.run();
    // Still on stage 1, which the view already shows: no new stage, no timer.
    press(&mut app, Modifiers::NONE, Key::PageUp);
    assert!(app.query_by_label("15:00").is_none());
    assert!(
        app.query_by_label(prompt).is_some(),
        "the stage bar shows the prompt"
    );

    press(&mut app, Modifiers::NONE, Key::PageDown);
    press(&mut app, Modifiers::NONE, Key::PageUp);
    assert!(
        app.query_all_by_label("15:00").count() >= 1,
        "stage 1's time box is on the timer"
    );
    clock.advance(Duration::from_mins(5));
    app.run();
    assert!(app.query_all_by_label("10:00").count() >= 1, "it runs");
    clock.advance(Duration::from_mins(10));
    app.run();
    assert!(app.query_by_label("Time is up").is_some());

    press(&mut app, Modifiers::NONE, Key::PageDown);
    assert!(
        app.query_all_by_label("20:00").count() >= 1,
        "stage 2: 20 minutes"
    );
    assert!(app.query_by_label("Time is up").is_none());
    assert!(
        app.query_by_label("Which ideas would make the biggest difference for residents soonest?")
            .is_some()
    );
}

#[test]
fn the_agenda_adds_up_the_stages_time_boxes() {
    let mut app = harness_with_app(|ctx| {
        CivicCanvasApp::new(
            ctx,
            AppOptions {
                file: Some(PathBuf::from("saved_boards/kickoff.ron")),
                native_file_dialogs: false,
            },
        )
    });
    press(&mut app, Modifiers::SHIFT, Key::F);
    assert!(app.query_by_label("Agenda").is_some());
    assert!(
        app.query_by_label_contains("Ideation: what residents told us  ·  15 min")
            .is_some()
    );
    assert!(
        app.query_by_label("Total: 45 min for 3 stages").is_some(),
        "15 + 20 + 10 minutes"
    );
}
