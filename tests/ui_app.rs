//! UI tests that drive the real app through `egui_kittest`: buttons by their labels, keys, pointer
//! drags; then check the board the app holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{ItemKind, PaletteColor, Point};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;

mod common;
use common::{
    add_note, app_harness, asked_to_cancel_close, double_click_at, drag, press, queue_window_close,
    type_text,
};
use egui_kittest::kittest::Queryable as _;

fn only_note(harness: &Harness<'_, CivicCanvasApp>) -> civic_canvas::model::Item {
    let board = harness.state().board();
    assert_eq!(board.items().len(), 1, "expected exactly one note");
    board.items().next().unwrap().clone()
}

/// Toolbar note → type → Escape → drag → undo/redo through every step.
#[test]
fn create_type_drag_and_undo_a_note() {
    let mut harness = app_harness(None);
    harness.get_by_label("Sticky note").click();
    harness.run();
    type_text(&mut harness, "Residents want one place for all permits");
    press(&mut harness, Modifiers::NONE, Key::Escape);

    let note = only_note(&harness);
    assert_eq!(note.text(), "Residents want one place for all permits");
    assert!(harness.state().document().history().undo_label().is_some());

    let node_center = harness
        .get_by_label("Residents want one place for all permits")
        .rect()
        .center();
    drag(
        &mut harness,
        node_center,
        node_center + Vec2::new(150.0, 80.0),
    );
    let zoom = harness.state().canvas().view.camera.zoom;
    let moved = only_note(&harness);
    assert!(
        (moved.pos.x - (note.pos.x + 150.0 / zoom)).abs() < 0.02,
        "{moved:?}"
    );
    assert!(
        (moved.pos.y - (note.pos.y + 80.0 / zoom)).abs() < 0.02,
        "{moved:?}"
    );
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Move")
    );

    // One drag is one undo step.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(only_note(&harness).pos, note.pos);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(only_note(&harness).text(), "");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().board().items().len(), 0);

    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(only_note(&harness).text(), "");
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        only_note(&harness).text(),
        "Residents want one place for all permits"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(only_note(&harness).pos, moved.pos);
}

#[test]
fn double_click_on_canvas_adds_a_note_under_the_pointer() {
    let mut harness = app_harness(None);
    let canvas = harness.get_by_label("Board canvas").rect();
    let at = canvas.center() + Vec2::new(-200.0, 120.0);
    double_click_at(&mut harness, at);
    type_text(&mut harness, "Ђаци и родитељи");
    // A click elsewhere on the canvas ends editing.
    harness.get_by_label("Board canvas").click();
    harness.run();
    let note = only_note(&harness);
    assert_eq!(note.text(), "Ђаци и родитељи");
    let camera = harness.state().canvas().view.camera;
    let center_on_screen = camera.screen_from_board(canvas, note.center());
    assert!(
        (center_on_screen - at).length() < 1.0,
        "note centred at {center_on_screen:?}, clicked {at:?}"
    );
}

#[test]
fn enter_edits_and_delete_removes_the_selected_note() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Draft");
    // The note stays selected after editing: Enter edits it again.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    type_text(&mut harness, " idea");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(only_note(&harness).text(), "Draft idea");

    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(harness.state().board().items().len(), 0);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(only_note(&harness).text(), "Draft idea");
}

#[test]
fn palette_recolours_the_selection_in_one_step() {
    let mut harness = app_harness(None);
    harness.get_by_label("Sticky note").click();
    harness.run();
    type_text(&mut harness, "Colour me");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(only_note(&harness).color, PaletteColor::Yellow);

    harness.get_by_label("Blue").click();
    harness.run();
    assert_eq!(only_note(&harness).color, PaletteColor::Blue);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(only_note(&harness).color, PaletteColor::Yellow);
}

#[test]
fn corner_handle_resizes_the_selected_note() {
    let mut harness = app_harness(None);
    harness.get_by_label("Sticky note").click();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let before = only_note(&harness);
    let handle = harness.get_by_label("Resize note").rect().center();
    drag(&mut harness, handle, handle + Vec2::new(100.0, 60.0));
    let zoom = harness.state().canvas().view.camera.zoom;
    let after = only_note(&harness);
    assert!((after.size.width - (before.size.width + 100.0 / zoom)).abs() < 0.02);
    assert!((after.size.height - (before.size.height + 60.0 / zoom)).abs() < 0.02);
    assert_eq!(after.pos, before.pos);
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Resize")
    );
}

#[test]
fn shortcut_sheet_lists_every_action() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::F1);
    harness.get_by_label("Keyboard shortcuts");
    for action in civic_canvas::ui::shortcuts::Action::ALL {
        harness.get_by_label(action.description());
    }
}

#[test]
fn new_board_with_unsaved_changes_asks_first() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Keep me");

    press(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("Save your changes?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(only_note(&harness).text(), "Keep me");

    press(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(harness.state().board().items().len(), 0);
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn board_title_field_renames_the_board_as_one_step() {
    let mut harness = app_harness(None);
    let field = harness.get_by_role_and_label(Role::TextInput, "Board title");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Ideation — Тбилиси ქართული");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().board().title(),
        "Ideation — Тбилиси ქართული"
    );
    assert!(
        harness
            .state()
            .document()
            .window_title()
            .starts_with("Ideation — Тбилиси ქართული")
    );
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Rename board")
    );
}

/// Save through the typed-path dialog, open in a fresh app, compare.
#[test]
fn save_then_open_in_a_new_window_gives_the_same_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop.ron");
    let mut harness = app_harness(None);
    for text in [
        "Shorter queues at the municipality",
        "Nevojat e qytetarëve: çfarë mungon?",
    ] {
        add_note(&mut harness, text);
    }
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let field = harness.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    harness.run();
    type_text(&mut harness, path.to_str().unwrap());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(path.is_file(), "the board was written");
    assert!(!harness.state().document().is_dirty());
    let saved = harness.state().board().clone();

    let mut second = app_harness(None);
    press(&mut second, Modifiers::COMMAND, Key::O);
    let field = second.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    second.run();
    type_text(&mut second, path.to_str().unwrap());
    press(&mut second, Modifiers::NONE, Key::Enter);
    assert_eq!(second.state().board(), &saved);
    assert_eq!(second.state().document().path(), Some(path.as_path()));
    assert!(
        second.state().document().history().undo_label().is_none(),
        "undo never goes past a load"
    );
}

#[test]
fn a_broken_file_is_reported_and_the_board_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        "(\n    format: 1,\n    title: \"Half a board\",\n    items: [\n        (\n",
    )
    .unwrap();
    let mut harness = app_harness(None);
    add_note(&mut harness, "Still here");
    // Opening with unsaved changes asks first; keep going without saving.
    press(&mut harness, Modifiers::COMMAND, Key::O);
    harness.get_by_label("Discard").click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    harness.run();
    type_text(&mut harness, path.to_str().unwrap());
    press(&mut harness, Modifiers::NONE, Key::Enter);

    harness.get_by_label("Could not open “broken.ron”");
    // The message names the file with line and column.
    harness.get_by_label_contains("broken.ron:");
    assert_eq!(only_note(&harness).text(), "Still here");
}

#[test]
fn opening_a_board_from_the_command_line_fits_it_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.ron");
    let mut harness = app_harness(None);
    add_note(&mut harness, "Far away");
    let id = only_note(&harness).id;
    let board = harness.state().board().clone();
    let moved = {
        let mut board = board;
        civic_canvas::edit::Command::MoveItem {
            id,
            to: Point::new(5000.0, -3000.0),
        }
        .apply(&mut board)
        .unwrap();
        board
    };
    civic_canvas::storage::save_board(&path, &moved).unwrap();

    let mut opened = app_harness(Some(path));
    opened.run();
    let note = opened.get_by_label("Far away").rect();
    let canvas = opened.get_by_label("Board canvas").rect();
    assert!(
        canvas.contains_rect(note),
        "the note {note:?} is in view {canvas:?}"
    );
    assert!(matches!(only_note(&opened).kind, ItemKind::Note(_)));
}

#[test]
fn notes_made_from_the_keyboard_line_up_without_overlapping() {
    let mut harness = app_harness(None);
    for text in ["One", "Two", "Three"] {
        add_note(&mut harness, text);
    }
    let board = harness.state().board();
    let mut notes: Vec<_> = board.items().cloned().collect();
    notes.sort_by(|a, b| a.pos.x.total_cmp(&b.pos.x));
    let texts: Vec<&str> = notes.iter().map(civic_canvas::model::Item::text).collect();
    assert_eq!(
        texts,
        ["One", "Two", "Three"],
        "each new note goes right of the last one"
    );
    for pair in notes.windows(2) {
        assert_eq!(pair[0].pos.y, pair[1].pos.y);
        assert!(
            pair[0].pos.x + pair[0].size.width < pair[1].pos.x,
            "{pair:?} overlap"
        );
    }
}

/// Queues a request to close the app's window, as the window manager's close button sends.
/// Asks the app's window to close and lets the app respond.
fn request_window_close(harness: &mut Harness<'_, CivicCanvasApp>) {
    queue_window_close(harness);
    harness.run();
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut harness = app_harness(None);
    // A board without changes closes at once.
    request_window_close(&mut harness);
    assert!(harness.query_by_label("Save your changes?").is_none());

    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::N);
    type_text(&mut harness, "Unsaved thought");
    request_window_close(&mut harness);
    harness.get_by_label("Save your changes?");
    harness.get_by_label_contains("before closing?");
    assert_eq!(
        only_note(&harness).text(),
        "Unsaved thought",
        "typing is kept, not lost"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save your changes?").is_none());
    assert_eq!(only_note(&harness).text(), "Unsaved thought");
}

#[test]
fn closing_cancels_the_window_close_until_the_user_decides() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::N);
    type_text(&mut harness, "Unsaved thought");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    queue_window_close(&mut harness);
    harness.step();
    assert!(asked_to_cancel_close(&harness), "the window stays open");
}

#[test]
fn context_menu_brings_a_note_to_the_front() {
    let mut harness = app_harness(None);
    for text in ["Bottom", "Top"] {
        add_note(&mut harness, text);
    }
    harness.get_by_label("Bottom").click_secondary();
    harness.run();
    harness.get_by_label("Bring to front").click();
    harness.run();
    let board = harness.state().board();
    let stack: Vec<&str> = board
        .items_bottom_to_top()
        .map(civic_canvas::model::Item::text)
        .collect();
    assert_eq!(stack, ["Top", "Bottom"]);
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Bring to front")
    );
}

#[test]
fn the_example_board_opens_with_every_script_rendered() {
    // The harness fails on any glyph missing from the bundled fonts, so drawing this board proves
    // Latin with diacritics, Cyrillic and Georgian all render.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron");
    let mut harness = app_harness(Some(path));
    harness.run();
    assert_eq!(harness.state().board().items().len(), 20);
    harness.get_by_label("Ideation: what residents told us");
    harness.get_by_label_contains("მოქალაქეებს");
    harness.get_by_label_contains("Qytetarët");
    harness.get_by_label_contains("ґрунтовне");
    harness.get_by_label("Opened kickoff.ron");
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn emoji_in_notes_render_with_the_bundled_fonts() {
    // The harness fails on any character the fonts cannot draw, so this shows emoji render.
    let mut harness = app_harness(None);
    add_note(&mut harness, "Great idea 👍 🎉 ✅ ❤");
    harness.get_by_label("Great idea 👍 🎉 ✅ ❤");
    harness.run();
}

/// Gives the app `events` all in one paint (as a fast typist's keys arrive), then lets it settle.
/// The first paints go through the app's input hook as the window's do (the harness skips it).
fn in_one_paint(harness: &mut Harness<'_, CivicCanvasApp>, events: Vec<Event>) {
    harness.input_mut().events.extend(events);
    for _ in 0..3 {
        let ctx = harness.ctx.clone();
        let mut input = std::mem::take(harness.input_mut());
        eframe::App::raw_input_hook(harness.state_mut(), &ctx, &mut input);
        *harness.input_mut() = input;
        harness.step();
    }
    harness.run();
}

/// Presses `key` (no modifiers) as one event, without running a paint.
fn key_event(key: Key) -> Event {
    Event::Key {
        key,
        physical_key: Some(key),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

#[test]
fn text_and_escape_arriving_in_one_paint_keep_every_letter() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::N);
    type_text(&mut harness, "abcd");
    // A fast typist: the last letters and Escape all arrive before the next paint.
    in_one_paint(
        &mut harness,
        vec![Event::Text("xyz".into()), key_event(Key::Escape)],
    );
    assert_eq!(only_note(&harness).text(), "abcdxyz");
    assert_eq!(
        harness.state().canvas().editing_item(),
        None,
        "Escape ended it"
    );
}

#[test]
fn text_and_a_click_elsewhere_in_one_paint_keep_every_letter() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::N);
    type_text(&mut harness, "abcd");
    let away = egui::pos2(1200.0, 800.0);
    let button = |pressed| Event::PointerButton {
        pos: away,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    in_one_paint(
        &mut harness,
        vec![
            Event::Text("xyz".into()),
            Event::PointerMoved(away),
            button(true),
            button(false),
        ],
    );
    assert_eq!(only_note(&harness).text(), "abcdxyz");
    assert_eq!(
        harness.state().canvas().editing_item(),
        None,
        "the click ended it"
    );
}

#[test]
fn the_status_bar_counts_what_the_board_holds_after_every_change() {
    let mut harness = app_harness(None);
    harness.get_by_label("0 items, 0 connectors");
    add_note(&mut harness, "Longer opening hours");
    harness.get_by_label("1 item (1 note), 0 connectors");
    add_note(&mut harness, "Forms on the phone");
    harness.get_by_label("2 items (2 notes), 0 connectors");
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().board().is_empty());
    harness.get_by_label("0 items, 0 connectors");
}
