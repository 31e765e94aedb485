//! A real crash: the app's windowless script mode edits a board with autosave on, is killed with
//! SIGKILL (no chance to clean up or save), and a second run of the app finds the edits in the
//! recovery copy the killed process wrote.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use civic_canvas::script::RECOVERED_MARKER;
use civic_canvas::storage::recovery::DATA_DIR_VAR;
use civic_canvas::storage::{board_from_ron, load_board, save_board};

const APP: &str = env!("CARGO_BIN_EXE_civic-canvas");

/// Runs the app's `script --print-recovered` with the data folder moved by the environment
/// variable the app reads.
fn print_recovered(data_dir: &Path) -> String {
    let output = Command::new(APP)
        .args(["script", "--print-recovered"])
        .env(DATA_DIR_VAR, data_dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn edits_survive_a_kill_through_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let board_path = dir.path().join("workshop.ron");
    let original = civic_canvas::model::Board::new("Workshop");
    save_board(&board_path, &original).unwrap();
    let saved_bytes = std::fs::read(&board_path).unwrap();
    let commands = dir.path().join("edits.txt");
    std::fs::write(
        &commands,
        "title Ideation with the permits office\n\
         note 0 0 Residents want one place for all permits\n\
         note 300 0 Qytetarët duan një vend të vetëm\n\
         note 600 0 typo to undo\n\
         undo\n",
    )
    .unwrap();

    let started = Instant::now();
    let mut child = Command::new(APP)
        .args(["script", "--wait-secs", "120"])
        .env(DATA_DIR_VAR, &data_dir)
        .arg("--file")
        .arg(&board_path)
        .arg("--commands")
        .arg(&commands)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let copy_written_after = started.elapsed();
    assert!(line.starts_with("autosaved "), "{line:?}");
    let copy_path = line.trim_end().splitn(3, ' ').nth(2).unwrap().to_owned();
    assert!(
        copy_path.starts_with(data_dir.join("recovery").to_str().unwrap()),
        "{copy_path} is in the data folder"
    );
    // The copy comes about 2 seconds after the last change (process start included).
    assert!(
        copy_written_after < Duration::from_secs(30),
        "{copy_written_after:?}"
    );

    // SIGKILL: the process gets no chance to save, remove or tidy anything.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not exited: {status:?}");
    assert!(Path::new(&copy_path).is_file(), "the copy is still there");
    assert_eq!(
        std::fs::read(&board_path).unwrap(),
        saved_bytes,
        "the board file itself was never touched"
    );

    // Start the app again: it finds the copy the killed process left.
    let printed = print_recovered(&data_dir);
    let boards: Vec<&str> = printed.split(RECOVERED_MARKER).skip(1).collect();
    assert_eq!(boards.len(), 1, "{printed}");
    let (origin, board_text) = boards[0].split_once('\n').unwrap();
    assert_eq!(origin, board_path.to_str().unwrap());
    let recovered = board_from_ron(board_text).unwrap().board;
    assert_eq!(recovered.title(), "Ideation with the permits office");
    let mut texts: Vec<&str> = recovered
        .items()
        .map(civic_canvas::model::Item::text)
        .collect();
    texts.sort_unstable();
    assert_eq!(
        texts,
        [
            "Qytetarët duan një vend të vetëm",
            "Residents want one place for all permits"
        ],
        "every edit up to the kill, including the undo"
    );
    assert_eq!(load_board(&board_path).unwrap(), original);
}

#[test]
fn a_running_app_does_not_see_its_own_copy_as_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let commands = dir.path().join("edits.txt");
    std::fs::write(&commands, "note 0 0 Still being edited\n").unwrap();
    let mut child = Command::new(APP)
        .args(["script", "--wait-secs", "120", "--data-dir"])
        .arg(&data_dir)
        .arg("--commands")
        .arg(&commands)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("autosaved "), "{line:?}");
    // Another window starting now must not offer the live board for recovery.
    let while_running = print_recovered(&data_dir);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(while_running, "");
    let after = print_recovered(&data_dir);
    assert!(
        after.starts_with(&format!("{RECOVERED_MARKER}-\n")),
        "{after}"
    );
    assert!(after.contains("Still being edited"), "{after}");
}
