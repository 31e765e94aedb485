//! Saving to a disk that is really full: a small tmpfs, filled to the last page.
//!
//! Each test runs itself again inside a new user and mount namespace (`unshare`, from
//! util-linux), where it may mount its own tmpfs without touching the machine's mounts; this
//! works for root and, where the kernel allows unprivileged user namespaces, for anyone. The
//! copy inside the namespace does the work and writes a report; the outer test checks that it
//! passed and wrote the report.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use civic_canvas::model::{Board, IdGen, Item, PaletteColor, Point, ZKey};
use civic_canvas::storage::{Backup, backup_path, load_board, save_board};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{add_note, app_harness, press};

/// Set (to a folder) in the copy of a test that runs inside the namespace.
const INSIDE: &str = "CIVIC_CANVAS_FULL_DISK_TEST_DIR";

/// The tmpfs page size: files take whole pages.
const PAGE: u64 = 4096;

/// The folder to work in, when this is the copy inside the namespace.
fn inside_namespace() -> Option<PathBuf> {
    std::env::var_os(INSIDE).map(PathBuf::from)
}

/// Runs the test named `test` again inside a new user and mount namespace, and returns the
/// report it wrote there.
fn run_inside_namespace(test: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([test, "--exact", "--test-threads=1", "--nocapture"])
        .env(INSIDE, dir.path())
        .output()
        .expect("this test needs `unshare` (util-linux) to mount a small disk of its own");
    assert!(
        output.status.success(),
        "the test inside the namespace failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    fs::read_to_string(dir.path().join("report")).unwrap_or_else(|error| {
        panic!(
            "the test inside the namespace wrote no report ({error})\n--- stdout\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// Mounts a tmpfs of `pages` pages at `dir/disk` (inside the namespace only) and returns it.
fn small_disk(dir: &Path, pages: u64) -> PathBuf {
    let disk = dir.join("disk");
    fs::create_dir(&disk).unwrap();
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o"])
        .arg(format!("size={}", pages * PAGE))
        .arg("tmpfs")
        .arg(&disk)
        .status()
        .unwrap();
    assert!(status.success(), "mounting a tmpfs failed");
    disk
}

/// A file that takes every free page of the disk, and its length when the disk is full.
struct Filler {
    file: File,
    full_len: u64,
}

impl Filler {
    fn fill(disk: &Path) -> Self {
        let mut file = File::create(disk.join("filler")).unwrap();
        let page = [0_u8; PAGE as usize];
        let mut full_len = 0;
        loop {
            match file.write(&page) {
                Ok(0) => break,
                Ok(written) => full_len += written as u64,
                Err(error) if error.kind() == io::ErrorKind::StorageFull => break,
                Err(error) => panic!("filling the disk: {error}"),
            }
        }
        assert!(full_len > 0, "the filler got no space at all");
        Self { file, full_len }
    }

    /// Leaves exactly `pages` pages free.
    fn leave_free(&self, pages: u64) {
        self.file.set_len(self.full_len - pages * PAGE).unwrap();
    }
}

/// A board of `count` notes with some text each.
fn board_of(count: usize, seed: u64) -> Board {
    let mut ids = IdGen::seeded(seed);
    let notes: Vec<Item> = (0..count)
        .map(|n| {
            Item::note(
                ids.item_id(|_| false),
                Point::new(n as f32 * 260.0, 0.0),
                ZKey::middle(),
                PaletteColor::Yellow,
                format!("Note {n}: residents want to book an appointment online, not by phone"),
            )
        })
        .collect();
    Board::from_parts("Full disk", notes, []).unwrap()
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn saving_to_a_full_disk_keeps_the_file_and_its_backup_and_leaves_no_temporary_file() {
    let Some(dir) = inside_namespace() else {
        let report = run_inside_namespace(
            "saving_to_a_full_disk_keeps_the_file_and_its_backup_and_leaves_no_temporary_file",
        );
        assert!(report.starts_with("refused on a full disk"), "{report}");
        return;
    };
    let disk = small_disk(&dir, 64);
    let path = disk.join("board.ron");
    let bak = backup_path(&path);
    // The backup is small, the file bigger, the new board bigger still: the copy for the
    // backup fits in space where the new board does not.
    save_board(&path, &board_of(2, 1)).unwrap();
    save_board(&path, &board_of(50, 2)).unwrap();
    let (older, previous) = (
        fs::read_to_string(&bak).unwrap(),
        fs::read_to_string(&path).unwrap(),
    );
    let newest = board_of(60, 3);
    let newest_pages = civic_canvas::storage::board_to_ron(&newest)
        .len()
        .div_ceil(PAGE as usize) as u64;
    assert!(older.len() < previous.len() && previous.len() as u64 / PAGE < newest_pages);

    let filler = Filler::fill(&disk);
    let mut refusals = 0;
    let saved = loop {
        filler.leave_free(refusals);
        match save_board(&path, &newest) {
            Err(error) => {
                let message = error.to_string();
                assert!(
                    message.contains("the disk is full"),
                    "{refusals}: {message}"
                );
                assert_eq!(
                    fs::read_to_string(&path).unwrap(),
                    previous,
                    "{refusals} pages free"
                );
                assert_eq!(
                    fs::read_to_string(&bak).unwrap(),
                    older,
                    "{refusals} pages free"
                );
                assert_eq!(
                    names_in(&disk),
                    ["board.ron", "board.ron.bak", "filler"],
                    "{refusals} pages free"
                );
                refusals += 1;
                assert!(refusals < 40, "the save never worked");
            }
            Ok(saved) => break saved,
        }
    };
    // It cannot have worked with less space than the new board takes, and it did work once
    // there was room for it (the backup may still not fit then).
    assert!(refusals >= newest_pages, "{refusals} < {newest_pages}");
    assert_eq!(load_board(&path).unwrap(), newest);
    match saved.backup {
        Backup::Kept(_) => assert_eq!(fs::read_to_string(&bak).unwrap(), previous),
        Backup::Failed { reason, .. } => {
            assert!(reason.contains("the disk is full"), "{reason}");
            assert_eq!(fs::read_to_string(&bak).unwrap(), older);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(names_in(&disk), ["board.ron", "board.ron.bak", "filler"]);
    fs::write(
        dir.join("report"),
        format!("refused on a full disk {refusals} times, then saved"),
    )
    .unwrap();
}

#[test]
fn the_app_says_the_disk_is_full_and_keeps_the_changes() {
    let Some(dir) = inside_namespace() else {
        let report = run_inside_namespace("the_app_says_the_disk_is_full_and_keeps_the_changes");
        assert_eq!(report, "the app kept the changes and saved them later");
        return;
    };
    let disk = small_disk(&dir, 64);
    let path = disk.join("board.ron");
    let bak = backup_path(&path);
    save_board(&path, &board_of(2, 1)).unwrap();
    save_board(&path, &board_of(30, 2)).unwrap();
    let (older, previous) = (
        fs::read_to_string(&bak).unwrap(),
        fs::read_to_string(&path).unwrap(),
    );
    let mut harness = app_harness(Some(path.clone()));
    add_note(&mut harness, "Written on a full disk");
    let filler = Filler::fill(&disk);

    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("Could not save “board.ron”");
    harness.get_by_label_contains("the disk is full");
    harness.get_by_label_contains("Your changes are still here");
    assert!(harness.state().document().is_dirty());
    assert_eq!(harness.state().board().items().len(), 31);
    assert_eq!(fs::read_to_string(&path).unwrap(), previous);
    assert_eq!(fs::read_to_string(&bak).unwrap(), older);
    assert_eq!(names_in(&disk), ["board.ron", "board.ron.bak", "filler"]);

    // Once there is room again, the same changes save.
    drop(filler);
    fs::remove_file(disk.join("filler")).unwrap();
    harness.get_by_label("OK").click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().document().is_dirty());
    let saved = load_board(&path).unwrap();
    assert!(
        saved
            .items()
            .any(|item| item.text() == "Written on a full disk")
    );
    assert_eq!(fs::read_to_string(&bak).unwrap(), previous);
    fs::write(
        dir.join("report"),
        "the app kept the changes and saved them later",
    )
    .unwrap();
}
