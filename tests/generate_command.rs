//! The `generate` verb: `civic-canvas generate --items N [--seed S] FILE`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

fn civic_canvas(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civic-canvas"))
        .args(args)
        .output()
        .unwrap()
}

fn generate(items: &str, seed: Option<&str>, out: &Path) -> Output {
    let mut args: Vec<&OsStr> = vec!["generate".as_ref(), "--items".as_ref(), items.as_ref()];
    if let Some(seed) = seed {
        args.push("--seed".as_ref());
        args.push(seed.as_ref());
    }
    args.push(out.as_os_str());
    civic_canvas(&args)
}

#[test]
fn generate_writes_a_board_that_check_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let made = generate("1200", Some("42"), &path);
    assert_eq!(made.status.code(), Some(0), "{made:?}");
    let kinds = civic_canvas::generate::generate_board(1200, 42).kind_counts();
    assert!(kinds.notes > 0 && kinds.personas > 0 && kinds.map_nodes > 0 && kinds.frames > 0);
    let summary = format!(
        "{}: 1200 items ({} notes, {} personas, {} map nodes, {} frames), 600 connectors\n",
        path.display(),
        kinds.notes,
        kinds.personas,
        kinds.map_nodes,
        kinds.frames
    );
    assert_eq!(String::from_utf8(made.stdout).unwrap(), summary);

    let checked = civic_canvas(&[OsStr::new("check"), path.as_os_str()]);
    assert_eq!(checked.status.code(), Some(0), "{checked:?}");
    assert_eq!(String::from_utf8(checked.stdout).unwrap(), summary);
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_the_seed_defaults_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = ["a", "b", "c", "d"]
        .iter()
        .map(|name| dir.path().join(format!("{name}.ron")))
        .collect();
    assert!(generate("300", Some("5"), &files[0]).status.success());
    assert!(generate("300", Some("5"), &files[1]).status.success());
    assert!(generate("300", Some("6"), &files[2]).status.success());
    assert!(generate("300", None, &files[3]).status.success());
    let read = |i: usize| std::fs::read(&files[i]).unwrap();
    assert_eq!(read(0), read(1));
    assert_ne!(read(0), read(2));
    let seed_one = civic_canvas::generate::generate_board(300, 1);
    assert_eq!(
        read(3),
        civic_canvas::storage::board_to_ron(&seed_one).into_bytes()
    );
}

#[test]
fn a_file_that_cannot_be_written_is_reported_on_stderr_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("big.ron");
    let failed = generate("10", None, &path);
    assert_eq!(failed.status.code(), Some(1));
    assert!(failed.stdout.is_empty());
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert!(stderr.contains("could not save"), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!path.exists());
}

#[test]
fn item_counts_beyond_the_limit_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let refused = generate("100001", None, &path);
    assert_eq!(refused.status.code(), Some(2), "clap refuses the count");
    assert!(!path.exists());
}

#[test]
fn strokes_writes_a_board_of_pen_strokes_that_check_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("strokes.ron");
    let made = civic_canvas(&[
        OsStr::new("generate"),
        OsStr::new("--strokes"),
        OsStr::new("--items"),
        OsStr::new("30"),
        path.as_os_str(),
    ]);
    assert_eq!(made.status.code(), Some(0), "{made:?}");
    let summary = format!("{}: 30 items (30 strokes), 0 connectors\n", path.display());
    assert_eq!(String::from_utf8(made.stdout).unwrap(), summary);
    let checked = civic_canvas(&[OsStr::new("check"), path.as_os_str()]);
    assert_eq!(String::from_utf8(checked.stdout).unwrap(), summary);
}
