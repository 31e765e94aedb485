//! UI tests for drawing on the board: the pen, the highlighter and the eraser, driven through
//! the real app with keys, toolbar buttons and pointer events.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{Item, StrokeTool};
use civic_canvas::ui::canvas::Tool;
use egui::{Event, Key, Modifiers, Pos2, Vec2, pos2};
use egui_kittest::Harness;

mod common;
use common::{app_harness, click_at, copied_text, press, selected_ids as selected};
use egui_kittest::kittest::Queryable as _;

/// Drags with the primary button through `path`, a pointer move per point.
fn drag_through(harness: &mut Harness<'_, CivicCanvasApp>, path: &[Pos2]) {
    let (Some(&first), Some(&last)) = (path.first(), path.last()) else {
        return;
    };
    harness.hover_at(first);
    harness.run();
    harness.drag_at(first);
    harness.run();
    for &point in path {
        harness.hover_at(point);
        harness.run();
    }
    harness.drop_at(last);
    harness.run();
}

/// A closed loop of `radius` round `center`: a circle drawn round an idea.
fn circle(center: Pos2, radius: f32) -> Vec<Pos2> {
    (0..=40)
        .map(|step| {
            let angle = step as f32 / 40.0 * std::f32::consts::TAU;
            center + Vec2::angled(angle) * radius
        })
        .collect()
}

fn strokes(harness: &Harness<'_, CivicCanvasApp>) -> Vec<Item> {
    harness
        .state()
        .board()
        .items()
        .filter(|item| item.as_stroke().is_some())
        .cloned()
        .collect()
}

fn undo_label(harness: &Harness<'_, CivicCanvasApp>) -> Option<&'static str> {
    harness.state().document().history().undo_label()
}

#[test]
fn draw_a_loop_pick_it_by_its_line_not_its_middle_erase_it_and_undo() {
    let mut harness = app_harness(None);
    let center = harness.get_by_label("Board canvas").rect().center();

    press(&mut harness, Modifiers::NONE, Key::D);
    assert_eq!(harness.state().canvas().settings.tool, Tool::Pen);
    drag_through(&mut harness, &circle(center, 80.0));
    let drawn = strokes(&harness);
    assert_eq!(drawn.len(), 1, "one stroke for one drag");
    let stroke = drawn.first().unwrap();
    assert_eq!(stroke.as_stroke().unwrap().tool, StrokeTool::Pen);
    assert!(stroke.as_stroke().unwrap().points.len() >= 20);
    assert_eq!(undo_label(&harness), Some("Draw"));

    // Escape goes back to selecting; a click in the empty middle of the loop picks nothing, a
    // click on its line picks the stroke.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().canvas().settings.tool, Tool::Select);
    click_at(&mut harness, center);
    assert!(
        selected(&harness).is_empty(),
        "the middle of a loop is empty"
    );
    click_at(&mut harness, center + Vec2::new(80.0, 0.0));
    assert_eq!(selected(&harness), vec![stroke.id]);

    // The eraser, dragged across the line, removes it in one step.
    press(&mut harness, Modifiers::NONE, Key::X);
    let across = [
        center + Vec2::new(-120.0, -20.0),
        center + Vec2::new(-60.0, -10.0),
        center + Vec2::new(0.0, 0.0),
    ];
    drag_through(&mut harness, &across);
    assert!(strokes(&harness).is_empty(), "erased");
    assert_eq!(undo_label(&harness), Some("Erase"));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(strokes(&harness), drawn, "one undo step brings it back");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        strokes(&harness).is_empty(),
        "and the next takes the drawing back"
    );
}

#[test]
fn the_highlighter_and_one_eraser_drag_over_two_strokes() {
    let mut harness = app_harness(None);
    let center = harness.get_by_label("Board canvas").rect().center();
    harness.get_by_label("Highlighter").click();
    harness.run();
    assert_eq!(harness.state().canvas().settings.tool, Tool::Highlighter);
    for dy in [0.0, 60.0] {
        let line: Vec<Pos2> = (0..10)
            .map(|step| center + Vec2::new(step as f32 * 20.0, dy))
            .collect();
        drag_through(&mut harness, &line);
    }
    let drawn = strokes(&harness);
    assert_eq!(drawn.len(), 2);
    assert!(
        drawn
            .iter()
            .all(|item| item.as_stroke().unwrap().tool == StrokeTool::Highlighter)
    );
    // Clicking the picked tool's button again goes back to selecting.
    harness.get_by_label("Highlighter").click();
    harness.run();
    assert_eq!(harness.state().canvas().settings.tool, Tool::Select);

    press(&mut harness, Modifiers::NONE, Key::X);
    let down = [
        center + Vec2::new(60.0, -30.0),
        center + Vec2::new(60.0, 30.0),
        center + Vec2::new(60.0, 90.0),
    ];
    drag_through(&mut harness, &down);
    assert!(strokes(&harness).is_empty());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        strokes(&harness).len(),
        2,
        "one eraser drag is one undo step"
    );
}

#[test]
fn a_stroke_drawn_in_a_frame_joins_it_and_copies_with_its_points() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::F);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let frame = harness
        .state()
        .board()
        .items()
        .find(|item| item.as_frame().is_some())
        .unwrap()
        .id;
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let center = harness.get_by_label("Board canvas").rect().center();
    press(&mut harness, Modifiers::NONE, Key::D);
    drag_through(
        &mut harness,
        &[
            center,
            center + Vec2::new(30.0, 20.0),
            center + Vec2::new(60.0, 0.0),
        ],
    );
    let stroke = strokes(&harness).pop().unwrap();
    assert_eq!(
        stroke.parent,
        Some(frame),
        "drawn inside the frame, it is in it"
    );

    press(&mut harness, Modifiers::NONE, Key::Escape);
    // Where the pen was lifted: the line ends there.
    click_at(&mut harness, center + Vec2::new(60.0, 0.0));
    assert_eq!(selected(&harness), vec![stroke.id]);
    harness.event(Event::Copy);
    harness.step();
    let copied = copied_text(&harness);
    harness.run();
    harness.hover_at(pos2(200.0, 200.0));
    harness.event(Event::Paste(copied));
    harness.run();
    let both = strokes(&harness);
    assert_eq!(both.len(), 2, "pasted");
    let pasted = both.iter().find(|item| item.id != stroke.id).unwrap();
    assert_eq!(pasted.as_stroke(), stroke.as_stroke(), "the same line");
}

#[test]
fn far_out_a_stroke_is_still_picked_by_its_line() {
    let mut harness = app_harness(None);
    let center = harness.get_by_label("Board canvas").rect().center();
    press(&mut harness, Modifiers::NONE, Key::D);
    drag_through(&mut harness, &circle(center, 150.0));
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let stroke = strokes(&harness).pop().unwrap();
    // At 10%, the pen's line is a hairline and the stroke has no widget of its own.
    let viewport = harness.get_by_label("Board canvas").rect();
    let line_point = {
        let canvas = harness.state_mut().canvas_mut();
        let at = canvas
            .view
            .camera
            .board_from_screen(viewport, center + Vec2::new(150.0, 0.0));
        canvas.view.camera.zoom = 0.1;
        canvas.view.camera.center_in_board = at;
        viewport.center()
    };
    harness.run();
    click_at(&mut harness, line_point + Vec2::new(0.0, -3.0));
    assert_eq!(selected(&harness), vec![stroke.id]);
    // The middle of the loop, 15 points to the left, picks nothing.
    click_at(&mut harness, line_point - Vec2::new(15.0, 0.0));
    assert!(selected(&harness).is_empty());
}

#[test]
fn a_picked_stroke_resizes_with_its_line_scaled_and_recolours() {
    let mut harness = app_harness(None);
    let center = harness.get_by_label("Board canvas").rect().center();
    press(&mut harness, Modifiers::NONE, Key::D);
    drag_through(&mut harness, &circle(center, 60.0));
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let before = strokes(&harness).pop().unwrap();
    click_at(&mut harness, center + Vec2::new(60.0, 0.0));
    assert_eq!(selected(&harness), vec![before.id]);

    let handle = harness.get_by_label("Resize pen stroke").rect().center();
    common::drag(&mut harness, handle, handle + Vec2::new(60.0, 60.0));
    let after = strokes(&harness).pop().unwrap();
    let zoom = harness.state().canvas().view.camera.zoom;
    assert!(
        (after.size.width - (before.size.width + 60.0 / zoom)).abs() < 1.0,
        "{after:?}"
    );
    assert_eq!(
        after.as_stroke(),
        before.as_stroke(),
        "the points stay, scaled when drawn"
    );
    assert_eq!(undo_label(&harness), Some("Resize"));

    press(&mut harness, Modifiers::ALT, Key::Num6);
    assert_eq!(
        strokes(&harness).pop().unwrap().color,
        civic_canvas::model::PaletteColor::Blue
    );
}

#[test]
fn the_eraser_leaves_strokes_in_a_collapsed_frame_alone() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::F);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let center = harness.get_by_label("Board canvas").rect().center();
    press(&mut harness, Modifiers::NONE, Key::D);
    let line = [
        center,
        center + Vec2::new(40.0, 10.0),
        center + Vec2::new(80.0, 0.0),
    ];
    drag_through(&mut harness, &line);
    assert_eq!(strokes(&harness).len(), 1);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let frame = harness
        .state()
        .board()
        .items()
        .find(|item| item.as_frame().is_some())
        .unwrap()
        .id;
    harness.state_mut().canvas_mut().selection.items = [frame].into();
    press(&mut harness, Modifiers::SHIFT, Key::C);
    assert!(
        harness
            .state()
            .board()
            .item(frame)
            .unwrap()
            .as_frame()
            .unwrap()
            .collapsed
    );

    press(&mut harness, Modifiers::NONE, Key::X);
    let across = [
        center + Vec2::new(40.0, -40.0),
        center + Vec2::new(40.0, 0.0),
        center + Vec2::new(40.0, 40.0),
    ];
    drag_through(&mut harness, &across);
    assert_eq!(
        strokes(&harness).len(),
        1,
        "hidden in the frame, not erased"
    );
}

#[test]
fn far_out_a_picked_stroke_is_dragged_by_its_line() {
    let mut harness = app_harness(None);
    let center = harness.get_by_label("Board canvas").rect().center();
    press(&mut harness, Modifiers::NONE, Key::D);
    drag_through(&mut harness, &circle(center, 150.0));
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let before = strokes(&harness).pop().unwrap();
    let viewport = harness.get_by_label("Board canvas").rect();
    {
        let canvas = harness.state_mut().canvas_mut();
        let at = canvas
            .view
            .camera
            .board_from_screen(viewport, center + Vec2::new(150.0, 0.0));
        canvas.view.camera.zoom = 0.1;
        canvas.view.camera.center_in_board = at;
    }
    harness.run();
    let line_point = viewport.center();
    click_at(&mut harness, line_point);
    assert_eq!(selected(&harness), vec![before.id]);
    common::drag(&mut harness, line_point, line_point + Vec2::new(20.0, 10.0));
    let after = strokes(&harness).pop().unwrap();
    assert!(
        (after.pos.x - (before.pos.x + 200.0)).abs() < 1.0
            && (after.pos.y - (before.pos.y + 100.0)).abs() < 1.0,
        "moved by the drag at 10%: {:?} to {:?}",
        before.pos,
        after.pos
    );
}
