//! Saving never loses the previous file, never overwrites a newer app's file, and notices files
//! changed by other programs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use civic_canvas::edit::Command;
use civic_canvas::model::Board;
use civic_canvas::storage::{
    Backup, CURRENT_FORMAT, DiskChange, SaveCause, backup_path, board_to_ron, disk_change,
    load_board, open_board, save_board,
};

fn titled(title: &str) -> Board {
    let mut board = Board::new("x");
    Command::SetTitle(title.to_owned())
        .apply(&mut board)
        .unwrap();
    board
}

#[test]
fn each_save_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kickoff.ron");
    let bak = dir.path().join("kickoff.ron.bak");
    assert_eq!(backup_path(&path), bak);

    let first = save_board(&path, &titled("First")).unwrap();
    assert_eq!(first.backup, Backup::NoPreviousFile);
    assert!(!bak.exists());

    let second = save_board(&path, &titled("Second")).unwrap();
    assert_eq!(second.backup, Backup::Kept(bak.clone()));
    assert_eq!(load_board(&bak).unwrap().title(), "First");
    assert_eq!(load_board(&path).unwrap().title(), "Second");

    // Saving the same board again does not replace the backup with a copy of itself.
    let again = save_board(&path, &titled("Second")).unwrap();
    assert_eq!(again.backup, Backup::Unchanged);
    assert_eq!(load_board(&bak).unwrap().title(), "First");

    save_board(&path, &titled("Third")).unwrap();
    assert_eq!(load_board(&bak).unwrap().title(), "Second");
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["kickoff.ron", "kickoff.ron.bak"],
        "no temporary files"
    );
}

#[test]
fn any_file_that_is_replaced_is_kept_even_if_it_is_not_a_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.ron");
    fs::write(&path, "my own notes, not a board").unwrap();
    save_board(&path, &titled("Board")).unwrap();
    assert_eq!(
        fs::read_to_string(backup_path(&path)).unwrap(),
        "my own notes, not a board"
    );
}

#[test]
fn a_file_from_a_newer_version_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ron");
    let newer = CURRENT_FORMAT + 1;
    let future =
        format!("(\n    format: {newer},\n    title: \"From the future\",\n    hologram: (),\n)\n");
    fs::write(&path, &future).unwrap();
    let error = save_board(&path, &titled("Today")).unwrap_err();
    assert!(matches!(error.cause, SaveCause::NewerFormat { found } if found == u64::from(newer)));
    let message = error.to_string();
    assert!(
        message.contains(&format!("newer Civic Canvas (format {newer}")),
        "{message}"
    );
    assert!(message.contains("Save as…"), "{message}");
    assert_eq!(fs::read_to_string(&path).unwrap(), future);
    assert!(!backup_path(&path).exists());
}

#[test]
fn a_file_changed_by_another_program_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let saved = save_board(&path, &titled("Ours")).unwrap();
    assert_eq!(disk_change(&path, &saved.stamp), DiskChange::Unchanged);

    let opened = open_board(&path).unwrap();
    assert_eq!(opened.stamp, saved.stamp);

    // Another program rewrites it (here: same length, so only the bytes tell).
    let theirs = board_to_ron(&titled("Ouch"));
    fs::write(&path, &theirs).unwrap();
    assert_eq!(disk_change(&path, &saved.stamp), DiskChange::Changed);

    fs::remove_file(&path).unwrap();
    assert_eq!(disk_change(&path, &saved.stamp), DiskChange::Missing);
}
