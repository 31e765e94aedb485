//! UI tests for the view: zooming with the mouse wheel and the trackpad, and a board that stays
//! fitted while the window opening it changes size.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{Item, Rect as BoardRect};
use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Rect, TouchPhase, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{app_harness, press};

fn zoom(harness: &Harness<'_, CivicCanvasApp>) -> f32 {
    harness.state().canvas().view.camera.zoom
}

fn wheel(unit: MouseWheelUnit, delta_y: f32, source: MouseWheelSource) -> Event {
    Event::MouseWheel {
        unit,
        delta: vec2(0.0, delta_y),
        phase: TouchPhase::Move,
        source,
        modifiers: Modifiers::COMMAND,
    }
}

/// How much the zoom changes when `events` arrive over the middle of the canvas.
fn zoom_factor(harness: &mut Harness<'_, CivicCanvasApp>, events: Vec<Event>) -> f32 {
    let before = zoom(harness);
    for event in events {
        harness.event(event);
    }
    // egui spreads a wheel notch over a few paints; let them all run.
    harness.run();
    zoom(harness) / before
}

#[test]
fn one_notch_of_the_mouse_wheel_with_ctrl_zooms_a_little() {
    let mut harness = app_harness(None);
    harness.hover_at(harness.get_by_label("Board canvas").rect().center());
    harness.run();

    let notch = zoom_factor(
        &mut harness,
        vec![wheel(MouseWheelUnit::Line, 1.0, MouseWheelSource::Wheel)],
    );
    assert!((1.1..=1.2).contains(&notch), "one notch zoomed by {notch}");
    let back = zoom_factor(
        &mut harness,
        vec![wheel(MouseWheelUnit::Line, -1.0, MouseWheelSource::Wheel)],
    );
    assert!(
        (back * notch - 1.0).abs() < 1e-3,
        "a notch back undoes it: {back}"
    );
}

#[test]
fn a_trackpad_zooms_in_proportion_to_how_far_the_fingers_move() {
    let mut harness = app_harness(None);
    harness.hover_at(harness.get_by_label("Board canvas").rect().center());
    harness.run();
    let trackpad = |points: f32| wheel(MouseWheelUnit::Point, points, MouseWheelSource::Trackpad);

    let small = zoom_factor(&mut harness, vec![trackpad(3.0)]);
    assert!(small > 1.0, "{small}");
    let twice = zoom_factor(&mut harness, vec![trackpad(3.0), trackpad(3.0)]);
    assert!(
        (twice.ln() / small.ln() - 2.0).abs() < 0.01,
        "twice the movement, twice the zoom step: {small} then {twice}"
    );
}

/// The kick-off example board in a window of the usual size.
fn kickoff_harness() -> Harness<'static, CivicCanvasApp> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron");
    let mut harness = app_harness(Some(path));
    harness.run();
    harness
}

/// The rectangle around every item of the board, on screen, and the canvas.
fn board_and_canvas_on_screen(harness: &Harness<'_, CivicCanvasApp>) -> (Rect, Rect) {
    let canvas = harness.get_by_label("Board canvas").rect();
    let app = harness.state();
    let bounds = BoardRect::around(app.board().items().map(Item::rect)).unwrap();
    let camera = app.canvas().view.camera;
    let min = camera.screen_from_board(canvas, bounds.min);
    let max = camera.screen_from_board(canvas, bounds.max);
    (Rect::from_min_max(min, max), canvas)
}

/// Whether the board is fitted to the canvas: all in view, filling across or down the room a
/// fit leaves inside its margin of 48 points.
fn fitted(harness: &Harness<'_, CivicCanvasApp>) -> bool {
    let (board, canvas) = board_and_canvas_on_screen(harness);
    let room = canvas.shrink(48.0);
    let fills = (board.width() / room.width()).max(board.height() / room.height());
    canvas.contains_rect(board) && fills > 0.95
}

#[test]
fn a_board_just_opened_is_fitted_again_when_the_window_grows() {
    let mut harness = kickoff_harness();
    assert!(fitted(&harness));
    let opened_at = zoom(&harness);

    // The window manager maximises the window before anyone touches the view.
    harness.set_size(Vec2::new(2400.0, 1500.0));
    harness.run();
    assert!(
        zoom(&harness) > opened_at * 1.3,
        "zoomed to the bigger window"
    );
    assert!(
        fitted(&harness),
        "{:?}",
        board_and_canvas_on_screen(&harness)
    );
}

#[test]
fn a_view_someone_zoomed_stays_as_it_is_when_the_window_changes_size() {
    let mut harness = kickoff_harness();
    press(&mut harness, Modifiers::COMMAND, Key::Equals);
    let zoomed = harness.state().canvas().view.camera;
    let (board_before, _) = board_and_canvas_on_screen(&harness);

    // The board stays as zoomed, where it was on screen.
    harness.set_size(Vec2::new(2400.0, 1500.0));
    harness.run();
    assert_eq!(harness.state().canvas().view.camera.zoom, zoomed.zoom);
    let (board_after, _) = board_and_canvas_on_screen(&harness);
    assert!(
        (board_after.min - board_before.min).length() < 0.5,
        "{board_before:?} moved to {board_after:?}"
    );

    // Zoom to fit (Ctrl+0) fits again, and keeps fitting while nobody moves the view.
    press(&mut harness, Modifiers::COMMAND, Key::Num0);
    harness.set_size(Vec2::new(1000.0, 700.0));
    harness.run();
    assert!(
        fitted(&harness),
        "{:?}",
        board_and_canvas_on_screen(&harness)
    );
}
