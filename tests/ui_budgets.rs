//! The window's budgets against hostile boards: persona photos take textures only as large as
//! they are drawn and within a memory budget.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::generate::hostile;
use civic_canvas::model::Point;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;
use common::app_harness;

/// Paints until every photo asked for is decoded (at most a few seconds).
fn wait_for_photos(harness: &mut Harness<'_, CivicCanvasApp>) {
    let start = Instant::now();
    loop {
        harness.step();
        harness.step();
        let (_, _, busy) = harness.state().canvas().photo_memory();
        if !busy {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "photos never came"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn look_at(harness: &mut Harness<'_, CivicCanvasApp>, center: Point, zoom: f32) {
    let camera = &mut harness.state_mut().canvas_mut().view.camera;
    camera.center_in_board = center;
    camera.set_zoom(zoom);
    wait_for_photos(harness);
}

#[test]
fn photos_are_drawn_from_textures_as_large_as_they_show_and_within_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.ron");
    // 80 cards (two rows of 40) with distinct photos of 512 × 512 pixels.
    std::fs::write(&path, hostile::persona_photos(80, 512)).unwrap();
    let mut harness = app_harness(Some(path));
    wait_for_photos(&mut harness);

    // The whole board in view: every photo is a speck, drawn from a 32-pixel texture.
    let (count, bytes, _) = harness.state().canvas().photo_memory();
    assert_eq!(count, 80);
    assert_eq!(bytes, 80 * 32 * 32 * 4);

    // Close up, the photos in view get large textures; with room for four, panning along the
    // row keeps the textures within the budget (the small ones go first).
    let budget = 4 * 512 * 512 * 4;
    harness.state_mut().canvas_mut().set_photo_budget(budget);
    for card in 0..12 {
        look_at(
            &mut harness,
            Point::new(card as f32 * 300.0 + 60.0, 60.0),
            4.0,
        );
        let (_, bytes, _) = harness.state().canvas().photo_memory();
        assert!(bytes <= budget, "{bytes} bytes after card {card}");
    }
    let (count, _, _) = harness.state().canvas().photo_memory();
    assert!(count < 80, "{count} textures kept");
}

/// The items the canvas drew (each drawn item is a widget named by its text).
fn drawn(harness: &Harness<'_, CivicCanvasApp>, prefix: &str) -> Vec<String> {
    harness
        .query_all_by_role(Role::GenericContainer)
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label.starts_with(prefix))
        .collect()
}

#[test]
fn notes_under_an_opaque_one_are_not_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("overlapping.ron");
    std::fs::write(&path, hostile::overlapping_notes(100, 100_000.0)).unwrap();
    let mut harness = app_harness(Some(path));
    harness.run();
    assert_eq!(harness.state().board().items().len(), 100);
    assert_eq!(drawn(&harness, "Note "), ["Note 99"]);
}

#[test]
fn frames_stacked_on_one_spot_are_drawn_a_few_times_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stacked.ron");
    std::fs::write(&path, hostile::stacked_frames(1000, 10_000.0)).unwrap();
    let mut harness = app_harness(Some(path));
    harness.run();
    let frames = drawn(&harness, "Stage ");
    // The lowest washes and the top one.
    assert_eq!(
        frames,
        ["Stage 0", "Stage 1", "Stage 2", "Stage 3", "Stage 999"]
    );
}
