//! The `check` verb, as a library function and as the `civic-canvas check` command.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use civic_canvas::cli::check;

fn kickoff() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron")
}

#[test]
fn a_good_board_gets_one_summary_line() {
    let mut out = Vec::new();
    assert!(check(&[kickoff()], &mut out).unwrap());
    let text = String::from_utf8(out).unwrap();
    let board = civic_canvas::storage::load_board(&kickoff()).unwrap();
    let kinds = board.kind_counts();
    let (notes, frames) = (kinds.notes, kinds.frames);
    assert!(notes > 0 && frames > 0);
    assert_eq!(
        text,
        format!(
            "{}: {} items ({notes} notes, {frames} frames), {} connectors\n",
            kickoff().display(),
            notes + frames,
            board.connectors().len()
        )
    );
}

#[test]
fn each_failing_file_gets_its_error_line_and_the_result_is_false() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.ron");
    std::fs::write(&empty, "").unwrap();
    let newer = dir.path().join("newer.ron");
    let newer_text = format!(
        "(\n    format: {},\n    title: \"x\",\n)\n",
        civic_canvas::storage::CURRENT_FORMAT + 1
    );
    std::fs::write(&newer, &newer_text).unwrap();
    let missing = dir.path().join("missing.ron");
    let mut out = Vec::new();
    let all_fine = check(
        &[kickoff(), empty.clone(), newer.clone(), missing.clone()],
        &mut out,
    )
    .unwrap();
    assert!(!all_fine);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with(&format!("{}: ", kickoff().display())));
    assert_eq!(lines[1], format!("{}: the file is empty", empty.display()));
    let line = newer_text
        .lines()
        .position(|l| l.contains("format"))
        .unwrap()
        + 1;
    let number = (civic_canvas::storage::CURRENT_FORMAT + 1).to_string();
    let column = newer_text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find(&number)
        .unwrap()
        + 1;
    assert!(
        lines[2].starts_with(&format!(
            "{}:{line}:{column}: this board was saved by a newer",
            newer.display()
        )),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], format!("{}: no such file", missing.display()));
}

#[test]
fn the_command_exits_0_when_all_files_load_and_1_otherwise() {
    let exe = env!("CARGO_BIN_EXE_civic-canvas");
    let good = Command::new(exe)
        .arg("check")
        .arg(kickoff())
        .output()
        .unwrap();
    assert_eq!(good.status.code(), Some(0));
    assert!(String::from_utf8(good.stdout).unwrap().contains(" items ("));

    let dir = tempfile::tempdir().unwrap();
    let bad = Command::new(exe)
        .arg("check")
        .arg(kickoff())
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stdout = String::from_utf8(bad.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2);
    assert!(
        stdout.contains("this is a folder, not a board file"),
        "{stdout}"
    );
}

#[test]
fn help_describes_opening_a_board_and_checking_files() {
    let exe = env!("CARGO_BIN_EXE_civic-canvas");
    let help = Command::new(exe).arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(text.contains("[FILE]") && text.contains("check"), "{text}");
    let missing_files = Command::new(exe).arg("check").output().unwrap();
    assert_eq!(
        missing_files.status.code(),
        Some(2),
        "clap refuses `check` without files"
    );
}
