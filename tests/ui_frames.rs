//! UI tests for frames: framing the selection from the keyboard, moving a frame with its notes
//! as one undo step, notes joining and leaving frames where they are dropped, collapsing, the
//! frame list's order, and stepping through frames with Page Down.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{Frame, Item, ItemId};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{add_note, app_harness, double_click_at, drag, item_by_text, press, type_text};

fn frame_of(harness: &Harness<'_, CivicCanvasApp>, title: &str) -> Frame {
    item_by_text(harness, title)
        .as_frame()
        .expect("a frame")
        .clone()
}

/// The items directly in the frame titled `title`.
fn members(harness: &Harness<'_, CivicCanvasApp>, title: &str) -> BTreeSet<ItemId> {
    let frame = item_by_text(harness, title).id;
    harness.state().board().member_ids(frame).collect()
}

fn id_of(harness: &Harness<'_, CivicCanvasApp>, text: &str) -> ItemId {
    item_by_text(harness, text).id
}

/// With the selection made, presses F, types the title and Escape.
fn frame_selection(harness: &mut Harness<'_, CivicCanvasApp>, title: &str) {
    press(harness, Modifiers::NONE, Key::F);
    type_text(harness, title);
    press(harness, Modifiers::NONE, Key::Escape);
}

fn undo(harness: &mut Harness<'_, CivicCanvasApp>) {
    press(harness, Modifiers::COMMAND, Key::Z);
}

/// Moves the view so that the frame's title strip (where it is picked up) is on screen.
fn show(harness: &mut Harness<'_, CivicCanvasApp>) {
    press(harness, Modifiers::COMMAND, Key::Num0);
}

#[test]
fn a_frame_made_around_notes_moves_them_and_one_undo_puts_everything_back() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Forms are hard to find");
    add_note(&mut harness, "Offices close at 3");
    press(&mut harness, Modifiers::COMMAND, Key::A);
    frame_selection(&mut harness, "Ideation");

    let notes = [
        id_of(&harness, "Forms are hard to find"),
        id_of(&harness, "Offices close at 3"),
    ];
    assert_eq!(members(&harness, "Ideation"), notes.into_iter().collect());
    let frame_item = item_by_text(&harness, "Ideation");
    for note in notes {
        let note = harness.state().board().item(note).unwrap();
        assert!(
            frame_item.contains(note.pos),
            "the frame is drawn around its notes"
        );
    }
    let before: Vec<Item> = harness.state().board().items().cloned().collect();

    show(&mut harness);
    let strip = harness.get_by_label("Ideation").rect().center();
    drag(&mut harness, strip, strip + Vec2::new(150.0, 90.0));
    let zoom = harness.state().canvas().view.camera.zoom;
    let moved = Vec2::new(150.0, 90.0) / zoom;
    for old in &before {
        let now = harness.state().board().item(old.id).unwrap();
        assert!(
            (now.pos.x - old.pos.x - moved.x).abs() < 0.6
                && (now.pos.y - old.pos.y - moved.y).abs() < 0.6,
            "{:?} moved with the frame",
            old.text()
        );
    }
    assert_eq!(members(&harness, "Ideation").len(), 2);

    undo(&mut harness);
    let after: Vec<Item> = harness.state().board().items().cloned().collect();
    assert_eq!(
        after, before,
        "one undo step puts the frame and its notes back"
    );
}

#[test]
fn a_note_dropped_on_a_frame_joins_it_and_leaves_when_dragged_out() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Inside");
    frame_selection(&mut harness, "Ideas");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_note(&mut harness, "Outside");
    show(&mut harness);
    let outside = id_of(&harness, "Outside");
    assert!(!members(&harness, "Ideas").contains(&outside));

    // Drop the note on the frame, below the note already in it.
    let frame_rect = harness.get_by_label("Ideas").rect();
    let inside_rect = harness.get_by_label("Inside").rect();
    let from = harness.get_by_label("Outside").rect().center();
    let target = egui::pos2(frame_rect.center().x, inside_rect.bottom() + 10.0);
    let frame = item_by_text(&harness, "Ideas");
    drag(&mut harness, from, target);
    let members_now = members(&harness, "Ideas");
    let note = item_by_text(&harness, "Outside");
    assert!(
        frame.contains(note.center()),
        "the note landed on the frame"
    );
    assert!(members_now.contains(&outside), "it joined the frame");

    // The move and the joining are one step.
    undo(&mut harness);
    assert!(!members(&harness, "Ideas").contains(&outside));
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert!(members(&harness, "Ideas").contains(&outside));

    // Dragged far away, it leaves.
    let from = harness.get_by_label("Outside").rect().center();
    let away = egui::pos2(1300.0, 820.0);
    drag(&mut harness, from, away);
    let note = item_by_text(&harness, "Outside");
    assert!(!item_by_text(&harness, "Ideas").contains(note.center()));
    assert!(!members(&harness, "Ideas").contains(&outside));
}

#[test]
fn collapsing_a_frame_hides_its_notes_until_it_is_opened_again() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Parking lot idea");
    frame_selection(&mut harness, "Parking lot");
    show(&mut harness);
    harness.get_by_label("Parking lot").click();
    harness.run();

    press(&mut harness, Modifiers::SHIFT, Key::C);
    assert!(frame_of(&harness, "Parking lot").collapsed);
    assert!(
        harness.query_by_label("Parking lot idea").is_none(),
        "the note is hidden"
    );
    // Select all leaves hidden notes alone.
    press(&mut harness, Modifiers::COMMAND, Key::A);
    let hidden = id_of(&harness, "Parking lot idea");
    assert!(!harness.state().canvas().selection.items.contains(&hidden));

    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.get_by_label("Parking lot").click();
    harness.run();
    press(&mut harness, Modifiers::SHIFT, Key::C);
    assert!(!frame_of(&harness, "Parking lot").collapsed);
    harness.get_by_label("Parking lot idea");

    // Collapsing is one undo step.
    undo(&mut harness);
    assert!(frame_of(&harness, "Parking lot").collapsed);
}

#[test]
fn the_frame_list_reorders_frames_and_page_down_follows_the_order() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Welcome everyone");
    frame_selection(&mut harness, "Welcome");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_note(&mut harness, "Who are our users?");
    frame_selection(&mut harness, "Profiles");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let welcome = id_of(&harness, "Welcome");
    let profiles = id_of(&harness, "Profiles");
    let order = |harness: &Harness<'_, CivicCanvasApp>| -> Vec<ItemId> {
        harness
            .state()
            .board()
            .frames()
            .iter()
            .map(|item| item.id)
            .collect()
    };
    assert_eq!(order(&harness), [welcome, profiles]);

    // Page Down goes through the frames in order, selecting each.
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    assert_eq!(harness.state().canvas().single_selection(), Some(welcome));
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    assert_eq!(harness.state().canvas().single_selection(), Some(profiles));

    // The list shows them numbered; "Later" on the first moves it after the second.
    press(&mut harness, Modifiers::SHIFT, Key::F);
    harness.get_by_label("1. Welcome  (1)");
    harness.get_by_label("2. Profiles  (1)");
    harness.get_all_by_label("Later").next().unwrap().click();
    harness.run();
    assert_eq!(order(&harness), [profiles, welcome]);
    harness.get_by_label("1. Profiles  (1)");

    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    assert_eq!(harness.state().canvas().single_selection(), Some(profiles));
    press(&mut harness, Modifiers::NONE, Key::PageUp);
    assert_eq!(harness.state().canvas().single_selection(), Some(profiles));

    undo(&mut harness);
    assert_eq!(
        order(&harness),
        [welcome, profiles],
        "reordering is one step"
    );
}

#[test]
fn deleting_a_note_takes_it_out_of_its_frame_and_undo_puts_it_back() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Short-lived");
    frame_selection(&mut harness, "Ideas");
    let note = id_of(&harness, "Short-lived");
    show(&mut harness);
    harness.get_by_label("Short-lived").click();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().board().item(note).is_none());
    assert!(members(&harness, "Ideas").is_empty());
    undo(&mut harness);
    assert!(members(&harness, "Ideas").contains(&note));
}

#[test]
fn a_duplicated_frame_holds_the_copies_of_its_notes() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Copied along");
    frame_selection(&mut harness, "Template");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    show(&mut harness);
    // Select the frame and its note, then duplicate both.
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::COMMAND, Key::D);
    let board = harness.state().board();
    let frames = board.frames();
    assert_eq!(frames.len(), 2);
    let copies: Vec<&Item> = board
        .items()
        .filter(|item| item.text() == "Copied along")
        .collect();
    assert_eq!(copies.len(), 2);
    for frame in &frames {
        let members: Vec<&Item> = board.members(frame.id).collect();
        assert_eq!(members.len(), 1);
        let member = members[0];
        assert!(
            frame.contains(member.pos),
            "each frame holds the note inside it"
        );
    }
}

#[test]
fn a_note_made_on_a_frame_belongs_to_it() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "First");
    frame_selection(&mut harness, "Ideas");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    show(&mut harness);
    let frame = harness.get_by_label("Ideas").rect();
    let first = harness.get_by_label("First").rect();
    // On the frame, below its note.
    let at = egui::pos2(frame.center().x, first.bottom() + 20.0);
    double_click_at(&mut harness, at);
    type_text(&mut harness, "Second");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let second = id_of(&harness, "Second");
    assert!(members(&harness, "Ideas").contains(&second));

    // Adding it is one step: undo removes the note and its place in the frame together.
    undo(&mut harness); // the typing
    undo(&mut harness); // the note
    assert!(harness.state().board().item(second).is_none());
    assert_eq!(members(&harness, "Ideas").len(), 1);
}

#[test]
fn a_search_hit_inside_a_collapsed_frame_shows_the_frame() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Tucked away");
    frame_selection(&mut harness, "Parking lot");
    press(&mut harness, Modifiers::SHIFT, Key::C);
    let frame = id_of(&harness, "Parking lot");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "tucked");
    harness.get_by_label("1 of 1");
    assert_eq!(harness.state().canvas().single_selection(), Some(frame));
}

#[test]
fn aligning_a_frame_takes_its_notes_along() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Inside");
    frame_selection(&mut harness, "Ideas");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_note(&mut harness, "Elsewhere");
    show(&mut harness);
    // Move "Elsewhere" well below and left of the frame, so aligning moves the frame.
    let from = harness.get_by_label("Elsewhere").rect().center();
    let frame_rect = harness.get_by_label("Ideas").rect();
    drag(
        &mut harness,
        from,
        egui::pos2(frame_rect.left() - 60.0, frame_rect.bottom() + 120.0),
    );
    let inside = item_by_text(&harness, "Inside");
    let frame = item_by_text(&harness, "Ideas");
    let elsewhere = item_by_text(&harness, "Elsewhere");
    assert!(elsewhere.pos.x < frame.pos.x);
    assert!(!members(&harness, "Ideas").contains(&elsewhere.id));

    // Select the frame and the other note, then align their left edges.
    show(&mut harness);
    harness.get_by_label("Ideas").click();
    harness.run();
    harness
        .get_by_label("Elsewhere")
        .click_modifiers(Modifiers::COMMAND);
    harness.run();
    press(&mut harness, Modifiers::ALT, Key::A);
    let moved = item_by_text(&harness, "Ideas");
    assert_eq!(moved.pos.x, elsewhere.pos.x);
    let shift = moved.pos.x - frame.pos.x;
    assert_eq!(item_by_text(&harness, "Inside").pos.x, inside.pos.x + shift);
    // One undo step puts both back.
    undo(&mut harness);
    assert_eq!(item_by_text(&harness, "Inside").pos, inside.pos);
    assert_eq!(item_by_text(&harness, "Ideas").pos, frame.pos);
}

#[test]
fn notes_moved_together_with_their_frame_stay_in_it() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "One");
    add_note(&mut harness, "Two");
    press(&mut harness, Modifiers::COMMAND, Key::A);
    frame_selection(&mut harness, "Ideas");
    show(&mut harness);
    // Everything selected: the frame and both notes move as one.
    press(&mut harness, Modifiers::COMMAND, Key::A);
    let grab = harness.get_by_label("One").rect().center();
    drag(&mut harness, grab, grab + Vec2::new(-120.0, 80.0));
    let inside = members(&harness, "Ideas");
    assert_eq!(inside.len(), 2, "both notes are still in the frame");
    // The arrow keys too.
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(members(&harness, "Ideas"), inside);
}

#[test]
fn enter_renames_the_selected_frame_in_place_and_enter_again_finishes() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Idea");
    frame_selection(&mut harness, "Ideation");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::End);
    type_text(&mut harness, " (20 min)");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        frame_of(&harness, "Ideation (20 min)").title,
        "Ideation (20 min)"
    );
    assert_eq!(harness.state().canvas().editing_item(), None);
    undo(&mut harness);
    frame_of(&harness, "Ideation");
}

#[test]
fn resizing_a_frame_takes_in_the_notes_it_covers_and_lets_go_of_the_rest() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Inside");
    frame_selection(&mut harness, "Ideas");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_note(&mut harness, "Beside");
    show(&mut harness);
    let beside = id_of(&harness, "Beside");
    let inside = id_of(&harness, "Inside");
    let beside_rect = harness.get_by_label("Beside").rect();
    assert!(!members(&harness, "Ideas").contains(&beside));

    // Grow the frame over the other note: it joins, in the resize's own step.
    harness.get_by_label("Ideas").click();
    harness.run();
    let handle = harness.get_by_label("Resize frame").rect().center();
    let target = beside_rect.right_bottom() + Vec2::new(20.0, 20.0);
    drag(
        &mut harness,
        handle,
        egui::pos2(target.x, target.y.max(handle.y)),
    );
    assert!(members(&harness, "Ideas").contains(&beside));
    assert!(members(&harness, "Ideas").contains(&inside));
    undo(&mut harness);
    assert!(!members(&harness, "Ideas").contains(&beside));

    // Shrink it to almost nothing: both notes leave it.
    let handle = harness.get_by_label("Resize frame").rect().center();
    let strip = harness.get_by_label("Ideas").rect();
    drag(
        &mut harness,
        handle,
        strip.left_top() + Vec2::new(30.0, 30.0),
    );
    assert!(members(&harness, "Ideas").is_empty());
}

/// The part of the board in view.
fn in_view(harness: &Harness<'_, CivicCanvasApp>) -> civic_canvas::model::Rect {
    let canvas = harness.get_by_label("Board canvas").rect();
    let camera = harness.state().canvas().view.camera;
    let (min, max) = camera.visible_board_rect(canvas);
    civic_canvas::model::Rect::spanning(min, max)
}

#[test]
fn a_second_empty_frame_goes_beside_the_first_and_the_view_shows_it() {
    let mut harness = app_harness(None);
    frame_selection(&mut harness, "First");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    frame_selection(&mut harness, "Second");
    let (first, second) = (
        item_by_text(&harness, "First"),
        item_by_text(&harness, "Second"),
    );
    assert!(
        !first.rect().overlaps(second.rect()),
        "{:?} and {:?}",
        first.rect(),
        second.rect()
    );
    assert_eq!(second.parent, None);
    assert!(
        in_view(&harness).encloses(second.rect()),
        "the view shows it"
    );
    // Its title strip, where a frame is picked up, is its own.
    let strip = civic_canvas::model::Point::new(second.pos.x + 40.0, second.pos.y + 10.0);
    assert_eq!(
        harness.state().board().item_at(strip).map(|item| item.id),
        Some(second.id)
    );
}

#[test]
fn a_frame_made_around_notes_in_a_stage_is_nested_and_drawn_above_it() {
    let mut harness = app_harness(None);
    for text in ["Queues", "Paper forms", "Opening hours", "Fees"] {
        add_note(&mut harness, text);
    }
    press(&mut harness, Modifiers::COMMAND, Key::A);
    frame_selection(&mut harness, "Ideation");
    let stage = item_by_text(&harness, "Ideation");
    let cluster: BTreeSet<ItemId> =
        [id_of(&harness, "Queues"), id_of(&harness, "Paper forms")].into();
    harness.state_mut().canvas_mut().selection.items = cluster.clone();
    frame_selection(&mut harness, "Waiting");
    let inner = item_by_text(&harness, "Waiting");
    assert_eq!(inner.parent, Some(stage.id), "nested in the stage");
    assert_eq!(members(&harness, "Waiting"), cluster);
    // Drawn (and picked) above the stage: its title strip is on top.
    let strip = civic_canvas::model::Point::new(inner.pos.x + 40.0, inner.pos.y + 10.0);
    assert_eq!(
        harness.state().board().item_at(strip).map(|item| item.id),
        Some(inner.id)
    );
    harness.get_by_label("Waiting");
}

/// A board file with a "Personas" frame holding a persona card on its left and notes filling
/// the rest of it.
fn persona_in_a_full_frame(dir: &std::path::Path) -> std::path::PathBuf {
    use civic_canvas::model::{
        Board, IdGen, Item as BoardItem, PaletteColor, Persona, Point, Size, ZKey,
    };
    let mut ids = IdGen::seeded(7);
    let mut next = || ids.item_id(|_| false);
    let frame_id = next();
    let mut frame = BoardItem::frame(
        frame_id,
        Point::new(0.0, 0.0),
        Size::new(1600.0, 1000.0),
        ZKey::middle(),
        Frame::new("Personas", 1),
    );
    frame.parent = None;
    let mut items = vec![frame];
    let mut persona = BoardItem::persona(
        next(),
        Point::new(40.0, 120.0),
        ZKey::middle().after(),
        PaletteColor::Blue,
        Persona {
            name: "Ana".to_owned(),
            ..Persona::default()
        },
    );
    persona.parent = Some(frame_id);
    items.push(persona);
    for row in 0..4 {
        for column in 0..4 {
            let mut note = BoardItem::note(
                next(),
                Point::new(480.0 + 270.0 * column as f32, 100.0 + 220.0 * row as f32),
                ZKey::middle().after(),
                PaletteColor::Yellow,
                format!("Need {row}.{column}"),
            );
            note.parent = Some(frame_id);
            items.push(note);
        }
    }
    let board = Board::from_parts("Placement", items, []).unwrap();
    let path = dir.join("personas.ron");
    civic_canvas::storage::save_board(&path, &board).unwrap();
    path
}

#[test]
fn an_empathy_map_goes_to_free_space_beside_its_persona_and_the_view_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(Some(persona_in_a_full_frame(dir.path())));
    harness.run();
    harness.get_by_label("Ana").click();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::E);
    harness.run();
    let board = harness.state().board();
    let map = board
        .items()
        .find(|item| matches!(item.kind, civic_canvas::model::ItemKind::EmpathyMap(_)))
        .expect("an empathy map")
        .clone();
    let persona = item_by_text(&harness, "Ana");
    let spot = map.rect();
    for item in board.items().filter(|item| item.id != map.id) {
        if item.as_frame().is_some() {
            let inside = item.rect().encloses(spot) && !spot.overlaps(item.title_strip());
            let outside = !spot.overlaps(item.rect());
            assert!(
                inside || outside,
                "the map {spot:?} sits on the frame's edge or title"
            );
        } else {
            assert!(
                !spot.overlaps(item.rect()),
                "the map {spot:?} covers {:?}",
                item.text()
            );
        }
    }
    // Beside its persona: no further from it than its own width.
    let gap = (spot.center().x - persona.rect().center().x)
        .abs()
        .max((spot.center().y - persona.rect().center().y).abs());
    assert!(gap < 1.5 * map.size.width, "{gap} from the persona");
    // And in view.
    let canvas = harness.get_by_label("Board canvas").rect();
    let shown = harness
        .get_by_role_and_label(egui::accesskit::Role::GenericContainer, "Empathy map")
        .rect();
    assert!(
        canvas.contains_rect(shown),
        "the map {shown:?} is in the canvas {canvas:?}"
    );
}

#[test]
fn notes_added_with_n_fill_their_frame_in_reading_order_and_grow_it_when_full() {
    use civic_canvas::model::{Board, IdGen, Item as BoardItem, PaletteColor, Point, Size, ZKey};
    let dir = tempfile::tempdir().unwrap();
    let mut ids = IdGen::seeded(11);
    let frame_id = ids.item_id(|_| false);
    let frame = BoardItem::frame(
        frame_id,
        Point::new(0.0, 0.0),
        Size::new(1100.0, 600.0),
        ZKey::middle(),
        Frame::new("Ideation", 1),
    );
    let mut first = BoardItem::note(
        ids.item_id(|_| false),
        Point::new(24.0, 72.0),
        ZKey::middle().after(),
        PaletteColor::Yellow,
        "Need 0",
    );
    first.parent = Some(frame_id);
    let board = Board::from_parts("Fill", [frame, first], []).unwrap();
    let path = dir.path().join("fill.ron");
    civic_canvas::storage::save_board(&path, &board).unwrap();
    let mut harness = app_harness(Some(path));
    harness.run();
    harness.get_by_label("Need 0").click();
    harness.run();
    for n in 1..=9 {
        press(&mut harness, Modifiers::NONE, Key::N);
        type_text(&mut harness, &format!("Need {n}"));
        press(&mut harness, Modifiers::NONE, Key::Escape);
    }
    let frame = item_by_text(&harness, "Ideation");
    let notes: Vec<Item> = (0..=9)
        .map(|n| item_by_text(&harness, &format!("Need {n}")))
        .collect();
    for pair in notes.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        assert!(
            (after.pos.y, after.pos.x) > (before.pos.y, before.pos.x),
            "{:?} at {:?} comes before {:?} at {:?} in reading order",
            after.text(),
            after.pos,
            before.text(),
            before.pos
        );
        assert_eq!(
            after.parent,
            Some(frame.id),
            "{:?} is in the frame",
            after.text()
        );
        assert!(frame.rect().encloses(after.rect()), "{:?}", after.text());
    }
    for (i, a) in notes.iter().enumerate() {
        for b in &notes[i + 1..] {
            assert!(
                !a.rect().overlaps(b.rect()),
                "{:?} {:?}",
                a.text(),
                b.text()
            );
        }
    }
    assert!(
        frame.size.height > 600.0,
        "the full frame grew: {:?}",
        frame.size
    );
    assert_eq!(frame.size.width, 1100.0);
}

#[test]
fn tidy_frame_lays_its_notes_out_in_a_grid_inside_it_as_one_step() {
    let mut harness = app_harness(Some(std::path::PathBuf::from("saved_boards/kickoff.ron")));
    let title = "Ideation: what residents told us";
    let frame = id_of(&harness, title);
    let inside = members(&harness, title);
    assert!(inside.len() >= 4);
    let before: Vec<Item> = inside
        .iter()
        .map(|&id| harness.state().board().item(id).unwrap().clone())
        .collect();
    harness.state_mut().canvas_mut().selection.items = BTreeSet::from([frame]);
    press(&mut harness, Modifiers::ALT, Key::T);
    let board = harness.state().board();
    let frame_rect = board.item(frame).unwrap().rect();
    let after: Vec<&Item> = inside.iter().map(|&id| board.item(id).unwrap()).collect();
    for (i, item) in after.iter().enumerate() {
        assert_eq!(item.parent, Some(frame), "still in the frame");
        assert!(
            frame_rect.contains(item.rect().min) && frame_rect.contains(item.rect().max),
            "inside the frame"
        );
        for other in &after[i + 1..] {
            assert!(!item.rect().overlaps(other.rect()), "no overlaps");
        }
    }
    // A grid: the items of a row share their top edge, and rows are evenly spaced.
    let mut tops: Vec<f32> = after.iter().map(|item| item.pos.y).collect();
    tops.sort_by(f32::total_cmp);
    tops.dedup();
    assert!(tops.len() < after.len(), "several to a row");
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Tidy frame")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let board = harness.state().board();
    for item in &before {
        assert_eq!(board.item(item.id).unwrap().pos, item.pos, "one undo step");
    }
}

#[test]
fn page_down_glides_to_the_next_frame() {
    let mut harness = app_harness(Some(std::path::PathBuf::from("saved_boards/kickoff.ron")));
    harness.run();
    let start = harness.state().canvas().view.camera;
    harness.key_press(Key::PageDown);
    harness.step();
    harness.step();
    harness.step();
    let moving = harness.state().canvas().view.camera;
    harness.run();
    let end = harness.state().canvas().view.camera;
    assert_ne!(start, end);
    assert!(
        moving != start && moving != end,
        "on its way after three paints: {start:?} {moving:?} {end:?}"
    );
    let between = |a: f32, b: f32, x: f32| a.min(b) <= x && x <= a.max(b);
    assert!(between(start.zoom, end.zoom, moving.zoom));
    assert!(between(
        start.center_in_board.x,
        end.center_in_board.x,
        moving.center_in_board.x
    ));
}

#[test]
fn page_down_steps_through_stages_not_the_clusters_inside_them() {
    use civic_canvas::model::{Board, IdGen, Point, Size, ZKey};
    let mut ids = IdGen::seeded(77);
    let mut frame = |title: &str, x: f32, width: f32, order: u32, z: ZKey| {
        Item::frame(
            ids.item_id(|_| false),
            Point::new(x, 0.0),
            Size::new(width, 600.0),
            z,
            Frame::new(title, order),
        )
    };
    let stage_one = frame("Ideation", 0.0, 1000.0, 1, ZKey::middle());
    let mut cluster = frame("Cluster", 100.0, 300.0, 2, ZKey::middle().after());
    cluster.parent = Some(stage_one.id);
    let stage_two = frame("Consolidation", 1400.0, 1000.0, 3, ZKey::middle());
    let (one, two, inner) = (stage_one.id, stage_two.id, cluster.id);
    let board = Board::from_parts("Stages", [stage_one, cluster, stage_two], []).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("stages.ron");
    std::fs::write(&path, civic_canvas::storage::board_to_ron(&board)).unwrap();
    let mut harness = app_harness(Some(path));
    assert_eq!(harness.state().board().frames().len(), 3);

    press(&mut harness, Modifiers::NONE, Key::PageDown);
    assert_eq!(harness.state().canvas().single_selection(), Some(one));
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    assert_eq!(
        harness.state().canvas().single_selection(),
        Some(two),
        "the cluster inside the first stage is no slide"
    );
    // From the cluster inside the first stage, Page Down goes on to the second stage.
    harness.state_mut().canvas_mut().selection.items = BTreeSet::from([inner]);
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    assert_eq!(harness.state().canvas().single_selection(), Some(two));
}

#[test]
fn cluster_frames_the_selected_notes_in_their_stage_and_tidies_them_as_one_step() {
    let mut harness = app_harness(None);
    for text in ["Queues", "Paper forms", "Opening hours", "Fees"] {
        add_note(&mut harness, text);
    }
    press(&mut harness, Modifiers::COMMAND, Key::A);
    frame_selection(&mut harness, "Ideation");
    let stage = item_by_text(&harness, "Ideation");
    let picked = [id_of(&harness, "Queues"), id_of(&harness, "Fees")];
    let before: Vec<_> = picked
        .iter()
        .map(|&id| harness.state().board().item(id).unwrap().pos)
        .collect();
    harness.state_mut().canvas_mut().selection.items = picked.into_iter().collect();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::K);
    type_text(&mut harness, "Waiting");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let cluster = item_by_text(&harness, "Waiting");
    assert_eq!(cluster.parent, Some(stage.id), "nested in the stage");
    assert_eq!(members(&harness, "Waiting"), picked.into_iter().collect());
    // Tidied: side by side on one row under the cluster's title.
    let board = harness.state().board();
    let (a, b) = (
        board.item(picked[0]).unwrap(),
        board.item(picked[1]).unwrap(),
    );
    assert_eq!(a.pos.y, b.pos.y, "one row");
    assert!(cluster.rect().encloses(a.rect()) && cluster.rect().encloses(b.rect()));
    // Naming was a step of its own; the cluster with its tidying is one more.
    undo(&mut harness);
    undo(&mut harness);
    let board = harness.state().board();
    assert!(board.frames().len() == 1, "only the stage is left");
    let after: Vec<_> = picked
        .iter()
        .map(|&id| board.item(id).unwrap().pos)
        .collect();
    assert_eq!(after, before, "the notes are back where they were");
}
