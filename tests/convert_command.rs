//! `civic-canvas convert INPUT OUTPUT`: boards to and from JSON Canvas, notes from CSV, the
//! report; an unsupported pair or a bad file exits with 1 and names the file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use civic_canvas::storage::load_board;

fn convert(input: &Path, output: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civic-canvas"))
        .arg("convert")
        .arg(input)
        .arg(output)
        .output()
        .unwrap()
}

#[test]
fn a_board_goes_to_a_canvas_and_back_with_its_texts() {
    let dir = tempfile::tempdir().unwrap();
    let canvas = dir.path().join("kickoff.canvas");
    let done = convert(Path::new("saved_boards/kickoff.ron"), &canvas);
    assert_eq!(done.status.code(), Some(0), "{done:?}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&canvas).unwrap()).unwrap();
    assert!(json["nodes"].as_array().unwrap().len() >= 20);
    let back = dir.path().join("back.ron");
    let done = convert(&canvas, &back);
    assert_eq!(done.status.code(), Some(0), "{done:?}");
    let original = load_board(Path::new("saved_boards/kickoff.ron")).unwrap();
    let board = load_board(&back).unwrap();
    let texts = |board: &civic_canvas::model::Board| {
        let mut texts: Vec<String> = board.items().map(|i| i.text().to_owned()).collect();
        texts.sort();
        texts
    };
    assert_eq!(texts(&board), texts(&original));
    assert_eq!(board.connectors().count(), original.connectors().count());
}

#[test]
fn notes_come_from_a_spreadsheet_and_the_report_from_a_board() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("survey.ron");
    let done = convert(Path::new("tests/table/survey_semicolon.csv"), &out);
    assert_eq!(done.status.code(), Some(0), "{done:?}");
    let board = load_board(&out).unwrap();
    assert_eq!(board.frames().len(), 3, "one frame per group");
    let report = dir.path().join("survey.md");
    let done = convert(&out, &report);
    assert_eq!(done.status.code(), Some(0), "{done:?}");
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("### 1. Services")
    );
}

#[test]
fn an_unsupported_pair_or_a_bad_file_exits_with_1_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("kickoff.png");
    let done = convert(Path::new("saved_boards/kickoff.ron"), &png);
    assert_eq!(done.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&done.stderr).contains("kickoff.png"));
    assert!(!png.exists());

    let bad = dir.path().join("bad.canvas");
    std::fs::write(
        &bad,
        "{\"nodes\": [{\"id\": \"a\", \"type\": \"text\", \"x\": \"ten\"}]}",
    )
    .unwrap();
    let done = convert(&bad, &dir.path().join("out.ron"));
    assert_eq!(done.status.code(), Some(1));
    let message = String::from_utf8_lossy(&done.stderr).into_owned();
    assert!(
        message.contains("bad.canvas") && message.contains("line 1, column"),
        "{message}"
    );
}
