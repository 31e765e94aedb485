//! UI tests for drawn portraits: *Draw portrait…* on a persona card opens the sketch dialog,
//! a drag there draws a line, *Done* puts the portrait on the card in one undo step, and the
//! card draws it; Escape leaves the card as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::Persona;
use civic_canvas::ui::portrait_dialog::SKETCH_AREA_LABEL;
use civic_canvas::ui::theme;
use egui::{Key, Modifiers, Pos2, Rect, Shape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{add_persona, app_harness, click_in_inspector, drag, personas, press};

fn the_persona(harness: &Harness<'_, CivicCanvasApp>) -> Persona {
    personas(harness)
        .into_iter()
        .next()
        .expect("a persona on the board")
}

/// The point `(x, y)` (each 0 to 1) of the sketch area on screen.
fn in_sketch(harness: &Harness<'_, CivicCanvasApp>, x: f32, y: f32) -> Pos2 {
    let area = harness.get_by_label(SKETCH_AREA_LABEL).rect();
    area.min + area.size() * egui::vec2(x, y)
}

/// How many vertices of meshes painted in `area` in the last paint have the portrait's ink.
fn ink_painted_in(harness: &Harness<'_, CivicCanvasApp>, area: Rect) -> usize {
    fn walk(shape: &Shape, area: Rect, count: &mut usize) {
        match shape {
            Shape::Mesh(mesh) => {
                *count += mesh
                    .vertices
                    .iter()
                    .filter(|v| v.color == theme::PORTRAIT_INK && area.contains(v.pos))
                    .count();
            }
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, area, count)),
            _ => {}
        }
    }
    let mut count = 0;
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, area, &mut count);
    }
    count
}

#[test]
fn a_portrait_drawn_in_the_dialog_is_one_undo_step_and_the_card_draws_it() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Nana Beridze");
    let card = harness.get_by_label("Nana Beridze").rect();
    assert_eq!(ink_painted_in(&harness, card), 0, "initials, no portrait");
    let before = harness.state().board().clone();

    click_in_inspector(&mut harness, "Draw portrait…");
    let (from, to) = (
        in_sketch(&harness, 0.25, 0.3),
        in_sketch(&harness, 0.75, 0.6),
    );
    drag(&mut harness, from, to);
    assert!(
        the_persona(&harness).portrait.is_empty(),
        "nothing reaches the card before Done"
    );
    harness.get_by_label("Done").click();
    harness.run();

    let portrait = the_persona(&harness).portrait;
    let [line] = portrait.lines() else {
        panic!("one line: {portrait:?}");
    };
    assert!(line.points.len() >= 3, "{line:?}");
    let (first, last) = (line.points[0], line.points[line.points.len() - 1]);
    assert!(
        (first.x - 25.0).abs() < 2.0 && (first.y - 30.0).abs() < 2.0,
        "{first:?}"
    );
    assert!(
        (last.x - 75.0).abs() < 2.0 && (last.y - 60.0).abs() < 2.0,
        "{last:?}"
    );
    assert!(
        ink_painted_in(&harness, card) > 0,
        "the card draws the lines"
    );
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Draw portrait")
    );

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(the_persona(&harness).portrait.is_empty());
    assert_eq!(
        harness.state().board(),
        &before,
        "one step took it all back"
    );
    assert_eq!(ink_painted_in(&harness, card), 0);
}

#[test]
fn escape_leaves_the_card_as_it_was_and_ctrl_enter_keeps_the_drawing() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Olena Kovalenko");
    let steps =
        |harness: &Harness<'_, CivicCanvasApp>| harness.state().document().history().undo_label();
    let named = steps(&harness);

    click_in_inspector(&mut harness, "Draw portrait…");
    let (from, to) = (in_sketch(&harness, 0.5, 0.2), in_sketch(&harness, 0.5, 0.8));
    drag(&mut harness, from, to);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().modal().is_none(), "the dialog is closed");
    assert!(the_persona(&harness).portrait.is_empty());
    assert_eq!(steps(&harness), named, "no step for a cancelled drawing");

    click_in_inspector(&mut harness, "Draw portrait…");
    let (from, to) = (in_sketch(&harness, 0.2, 0.5), in_sketch(&harness, 0.8, 0.5));
    drag(&mut harness, from, to);
    // A click is a dot.
    let dot = in_sketch(&harness, 0.4, 0.3);
    common::click_at(&mut harness, dot);
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    assert!(harness.state().modal().is_none());
    let portrait = the_persona(&harness).portrait;
    assert_eq!(portrait.lines().len(), 2, "{portrait:?}");
    assert_eq!(portrait.lines()[1].points.len(), 1, "the dot");

    // Opened again, the dialog starts from the card's portrait: Undo last stroke there takes
    // back the dot, and Done keeps the line.
    click_in_inspector(&mut harness, "Draw portrait…");
    harness.get_by_label("Undo last stroke").click();
    harness.run();
    harness.get_by_label("Done").click();
    harness.run();
    assert_eq!(the_persona(&harness).portrait.lines().len(), 1);

    click_in_inspector(&mut harness, "Clear portrait");
    assert!(the_persona(&harness).portrait.is_empty());
    assert_eq!(steps(&harness), Some("Clear portrait"));
}
