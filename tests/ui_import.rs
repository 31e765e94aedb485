//! *File → Import…* in the window: a semicolon-separated survey export becomes notes in one
//! frame per group beside the board, as one undo step; a spreadsheet whose columns have no
//! usual name asks which column holds the notes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use civic_canvas::model::{Board, Item, Rect};
use common::{app_harness, press, type_text};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

fn import(app: &mut egui_kittest::Harness<'static, civic_canvas::app::CivicCanvasApp>, path: &str) {
    app.get_by_label("File").click();
    app.run();
    app.get_by_label("Import…").click();
    app.run();
    type_text(app, path);
    press(app, Modifiers::NONE, Key::Enter);
}

/// The items on `board` that were not on `before`.
fn added<'b>(board: &'b Board, before: &Board) -> Vec<&'b Item> {
    board
        .items()
        .filter(|item| before.item(item.id).is_none())
        .collect()
}

#[test]
fn a_survey_export_becomes_notes_in_a_frame_per_group_as_one_step() {
    let mut app = app_harness(Some("saved_boards/kickoff.ron".into()));
    let before = app.state().board().clone();
    import(&mut app, "tests/table/survey_semicolon.csv");
    let board = app.state().board();
    let new = added(board, &before);
    let frames: Vec<&str> = new
        .iter()
        .filter(|item| item.as_frame().is_some())
        .map(|item| item.text())
        .collect();
    let mut frames = frames;
    frames.sort_unstable();
    assert_eq!(
        frames,
        ["Offices", "Payments", "Services"],
        "one frame per group"
    );
    assert!(
        new.iter()
            .any(|item| item.text() == "One counter for everything,\nnot five")
    );
    let ours = Rect::around(before.items().map(Item::rect)).unwrap();
    assert!(
        new.iter().all(|item| item.rect().min.x > ours.max.x),
        "beside the board"
    );
    press(&mut app, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        app.state().board().items().len(),
        before.items().len(),
        "one undo step"
    );
}

#[test]
fn a_spreadsheet_without_a_usual_column_name_asks_which_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ankieta.csv");
    std::fs::write(
        &path,
        "Pomysł,Ocena\nKolejki przez SMS,5\nJedno okienko,4\n",
    )
    .unwrap();
    let mut app = app_harness(None);
    import(&mut app, path.to_str().unwrap());
    assert!(
        app.query_by_label("Which column holds the notes?")
            .is_some()
    );
    app.get_by_label("Pomysł").click_accesskit();
    app.run();
    let texts: Vec<String> = app
        .state()
        .board()
        .items()
        .map(|item| item.text().to_owned())
        .collect();
    assert!(texts.contains(&"Kolejki przez SMS".to_owned()), "{texts:?}");
    assert!(texts.contains(&"Jedno okienko".to_owned()));
}

#[test]
fn a_json_canvas_comes_in_beside_the_board_with_its_groups_as_frames() {
    let mut app = app_harness(Some("saved_boards/kickoff.ron".into()));
    let before = app.state().board().clone();
    import(&mut app, "tests/canvas/workshop.canvas");
    let board = app.state().board();
    let new = added(board, &before);
    assert!(!new.is_empty(), "the canvas's nodes came in");
    assert!(
        new.iter().any(|item| item.as_frame().is_some()),
        "groups are frames"
    );
    assert!(board.connectors().count() > before.connectors().count());
    // What the canvas held that a board has no place for is listed; close the list, then undo.
    if app
        .query_by_label_contains("with some parts left out")
        .is_some()
    {
        app.get_by_label("OK").click_accesskit();
        app.run();
    }
    press(&mut app, Modifiers::COMMAND, Key::Z);
    assert_eq!(app.state().board().items().len(), before.items().len());
}
