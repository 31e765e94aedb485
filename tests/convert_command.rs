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
    let docx = dir.path().join("kickoff.docx");
    let done = convert(Path::new("saved_boards/kickoff.ron"), &docx);
    assert_eq!(done.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&done.stderr).contains("kickoff.docx"));
    assert!(!docx.exists());

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

#[test]
fn a_board_becomes_an_svg_a_png_of_one_frame_at_2x_and_a_pdf_handout() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("kickoff.svg");
    let done = convert(Path::new("saved_boards/kickoff.ron"), &svg);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(std::fs::read_to_string(&svg).unwrap().contains("Plaćanje"));

    let png = dir.path().join("frame.png");
    let done = Command::new(env!("CARGO_BIN_EXE_civic-canvas"))
        .args(["convert", "saved_boards/kickoff.ron"])
        .arg(&png)
        .args([
            "--frame",
            "2",
            "--scale",
            "2",
            "--background",
            "transparent",
        ])
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let image = image::open(&png).unwrap().to_rgba8();
    // Frame 2 of the example board is 600 × 688 units; with the margin round it, at 2×.
    let margin = civic_canvas::export::picture::MARGIN;
    assert_eq!(image.width(), (2.0 * (600.0 + 2.0 * margin)) as u32);
    assert_eq!(image.height(), (2.0 * (688.0 + 2.0 * margin)) as u32);

    let pdf = dir.path().join("handout.pdf");
    let done = Command::new(env!("CARGO_BIN_EXE_civic-canvas"))
        .args(["convert", "saved_boards/kickoff.ron"])
        .arg(&pdf)
        .args(["--pages", "frames", "--paper", "a3"])
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    let done = Command::new(env!("CARGO_BIN_EXE_civic-canvas"))
        .args(["convert", "saved_boards/kickoff.ron"])
        .arg(dir.path().join("none.png"))
        .args(["--frame", "Nowhere"])
        .output()
        .unwrap();
    assert_eq!(done.status.code(), Some(1));
    let message = String::from_utf8_lossy(&done.stderr);
    assert!(
        message.contains("none.png") && message.contains("Nowhere"),
        "{message}"
    );
}
