//! Presenting (F5): the menus and panels go, a stage bar stays; Page Down and the arrow keys
//! step through the stages; a note can still be added and typed; Escape with nothing selected
//! stops presenting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{app_harness, press, type_text};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[test]
fn presenting_steps_through_stages_and_still_takes_notes() {
    let mut app = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    let frames: Vec<_> = app.state().board().frames().iter().map(|f| f.id).collect();
    assert!(frames.len() >= 2);
    assert!(app.query_by_label("File").is_some());

    press(&mut app, Modifiers::NONE, Key::F5);
    assert!(app.state().is_presenting());
    assert!(
        app.query_by_label("File").is_none(),
        "no menus while presenting"
    );
    assert!(app.query_by_label("Sticky note").is_none(), "no toolbar");
    assert!(
        app.query_by_label_contains("Esc: stop presenting")
            .is_some()
    );

    press(&mut app, Modifiers::NONE, Key::PageDown);
    assert_eq!(app.state().canvas().selection.presenting, Some(frames[0]));
    press(&mut app, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(
        app.state().canvas().selection.presenting,
        Some(frames[1]),
        "the arrow keys step too, with nothing picked"
    );
    let frame_pos = app.state().board().item(frames[1]).unwrap().pos;

    let notes = app.state().board().items().count();
    press(&mut app, Modifiers::NONE, Key::N);
    type_text(&mut app, "Added while presenting");
    press(&mut app, Modifiers::NONE, Key::Escape);
    assert_eq!(app.state().board().items().count(), notes + 1);
    assert!(
        app.state()
            .board()
            .items()
            .any(|item| item.text() == "Added while presenting")
    );
    assert_eq!(
        app.state().board().item(frames[1]).unwrap().pos,
        frame_pos,
        "the stage did not move"
    );
    assert!(
        app.state().is_presenting(),
        "ending the typing keeps presenting"
    );

    press(&mut app, Modifiers::NONE, Key::Escape);
    press(&mut app, Modifiers::NONE, Key::Escape);
    assert!(!app.state().is_presenting());
    assert!(app.query_by_label("File").is_some(), "the menus are back");
}

#[test]
fn the_spotlight_and_the_laser_pointer() {
    let mut app = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    press(&mut app, Modifiers::NONE, Key::PageDown);
    app.run();
    assert_eq!(app.state().spotlight(), None, "off at first");
    press(&mut app, Modifiers::NONE, Key::S);
    let frame = app.state().board().frames()[0].clone();
    let canvas = app.state().canvas();
    let on_screen = canvas
        .view
        .camera
        .screen_rect(canvas.viewport(), frame.pos, frame.size);
    assert_eq!(
        app.state().spotlight(),
        Some(on_screen),
        "the stage stepped to"
    );
    press(&mut app, Modifiers::NONE, Key::S);
    assert_eq!(app.state().spotlight(), None);

    press(&mut app, Modifiers::SHIFT, Key::L);
    let middle = app.state().canvas().viewport().center();
    for step in 0..5 {
        app.event(egui::Event::PointerMoved(
            middle + egui::vec2(step as f32 * 20.0, 0.0),
        ));
        app.step();
    }
    assert!(app.state().laser_trail() >= 4, "a trail behind the pointer");
    // The pointer rests: the trail fades within 0.7 s (60 paints a second here), leaving the
    // dot at the pointer.
    for _ in 0..60 {
        app.step();
    }
    assert_eq!(app.state().laser_trail(), 1);
}
