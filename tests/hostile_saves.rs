//! A save never destroys what it replaces: files too large to open, files that cannot be read,
//! files from a newer version, read-only files, links where the backup goes, named pipes, and
//! private boards whose copies must stay private.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::{self, File};
use std::io::{Read as _, Write as _};
use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::mpsc;
use std::time::Duration;

use civic_canvas::edit::Command;
use civic_canvas::model::Board;
use civic_canvas::storage::recovery::{RecoveryOrigin, RecoveryWriter, list_recovered};
use civic_canvas::storage::{
    Backup, CURRENT_FORMAT, LoadCause, MAX_FILE_BYTES, SaveCause, SaveOptions, backup_path,
    load_board, open_board, save_board, save_board_with,
};

fn titled(title: &str) -> Board {
    let mut board = Board::new("x");
    Command::SetTitle(title.to_owned())
        .apply(&mut board)
        .unwrap();
    board
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

/// A file over the size limit for opening (sparse, so it costs no disk), starting with `start`.
fn huge_file(path: &Path, start: &str) -> u64 {
    let mut file = File::create(path).unwrap();
    file.write_all(start.as_bytes()).unwrap();
    let len = MAX_FILE_BYTES + 20 * 1024 * 1024;
    file.set_len(len).unwrap();
    len
}

fn first_bytes(path: &Path, count: usize) -> Vec<u8> {
    let mut bytes = vec![0; count];
    File::open(path).unwrap().read_exact(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_file_too_large_to_open_from_a_newer_version_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let start = format!("(\n    format: {},\n", CURRENT_FORMAT + 1);
    let len = huge_file(&path, &start);
    let error = save_board(&path, &titled("Small")).unwrap_err();
    assert!(
        matches!(error.cause, SaveCause::NewerFormat { found } if found == u64::from(CURRENT_FORMAT) + 1),
        "{error}"
    );
    assert_eq!(fs::metadata(&path).unwrap().len(), len);
    assert_eq!(first_bytes(&path, start.len()), start.as_bytes());
    assert!(!backup_path(&path).exists());
}

#[test]
fn a_file_too_large_to_open_is_kept_as_bak_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let start = format!("(\n    format: {CURRENT_FORMAT},\n");
    let len = huge_file(&path, &start);
    let saved = save_board(&path, &titled("Small")).unwrap();
    let bak = backup_path(&path);
    assert_eq!(saved.backup, Backup::Kept(bak.clone()));
    assert_eq!(
        fs::metadata(&bak).unwrap().len(),
        len,
        "the whole file is kept"
    );
    assert_eq!(first_bytes(&bak, start.len()), start.as_bytes());
    assert_eq!(load_board(&path).unwrap().title(), "Small");
}

/// Runs `work` as the user `nobody` when this test runs as root (root reads any file, so a file
/// it cannot read needs another user): the test binary runs itself again under `setpriv`.
fn as_nobody(test: &str, work: impl FnOnce(&Path)) {
    const INSIDE: &str = "CIVIC_CANVAS_AS_NOBODY_DIR";
    if let Some(dir) = std::env::var_os(INSIDE) {
        work(Path::new(&dir));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    if !nix_is_root() {
        work(dir.path());
        return;
    }
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let output = Process::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([test, "--exact", "--test-threads=1", "--nocapture"])
        .env(INSIDE, dir.path())
        .output()
        .expect("this test needs `setpriv` (util-linux) to run as another user");
    assert!(
        output.status.success(),
        "the test as nobody failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the test ran as nobody"
    );
}

fn nix_is_root() -> bool {
    Process::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

#[test]
fn a_file_that_cannot_be_read_is_never_replaced() {
    as_nobody("a_file_that_cannot_be_read_is_never_replaced", |dir| {
        let path = dir.join("secret.ron");
        fs::write(&path, "what only its owner may write").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o200)).unwrap();
        assert!(File::open(&path).is_err(), "this user cannot read it");
        let error = save_board(&path, &titled("Board")).unwrap_err();
        assert!(matches!(error.cause, SaveCause::Unreadable(_)), "{error}");
        assert!(error.to_string().contains("not replaced"), "{error}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "what only its owner may write"
        );
        assert!(!backup_path(&path).exists());
    });
}

#[test]
fn a_read_only_board_is_replaced_only_when_asked_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("final.ron");
    save_board(&path, &titled("Final version")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let error = save_board(&path, &titled("Changed")).unwrap_err();
    assert!(matches!(error.cause, SaveCause::ReadOnly), "{error}");
    assert_eq!(load_board(&path).unwrap().title(), "Final version");
    let replace = SaveOptions {
        replace_read_only: true,
    };
    save_board_with(&path, &titled("Changed"), replace).unwrap();
    assert_eq!(load_board(&path).unwrap().title(), "Changed");
    assert_eq!(mode(&path), 0o444, "it stays read-only");
    assert_eq!(
        load_board(&backup_path(&path)).unwrap().title(),
        "Final version"
    );
}

#[test]
fn a_bak_that_is_a_link_is_replaced_and_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let victim = dir.path().join("precious.txt");
    fs::write(&victim, "someone else's file").unwrap();
    std::os::unix::fs::symlink(&victim, backup_path(&path)).unwrap();
    save_board(&path, &titled("First")).unwrap();
    save_board(&path, &titled("Second")).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "someone else's file");
    let bak = backup_path(&path);
    assert!(
        fs::symlink_metadata(&bak).unwrap().is_file(),
        "the link was replaced"
    );
    assert_eq!(load_board(&bak).unwrap().title(), "First");
}

#[test]
fn a_folder_where_the_bak_goes_is_reported_and_the_board_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    save_board(&path, &titled("First")).unwrap();
    let bak = backup_path(&path);
    fs::create_dir(&bak).unwrap();
    fs::write(bak.join("inside"), "x").unwrap();
    let saved = save_board(&path, &titled("Second")).unwrap();
    assert!(
        matches!(&saved.backup, Backup::Failed { path, reason } if *path == bak && !reason.is_empty()),
        "{:?}",
        saved.backup
    );
    assert_eq!(load_board(&path).unwrap().title(), "Second");
    assert_eq!(fs::read_to_string(bak.join("inside")).unwrap(), "x");
}

#[test]
fn a_private_board_keeps_private_copies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.ron");
    save_board(&path, &titled("First")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    save_board(&path, &titled("Second")).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(
        mode(&backup_path(&path)),
        0o600,
        "the .bak keeps the board's mode"
    );

    // Recovery copies keep the board's mode too, in a folder only its owner may open.
    let recovery = dir.path().join("data").join("recovery");
    for (board_file, expected) in [(Some(path.clone()), 0o600), (None, 0o600)] {
        let writer = RecoveryWriter::start(recovery.clone()).unwrap();
        let origin = RecoveryOrigin {
            path: board_file,
            stamp: None,
        };
        writer.write(titled("Unsaved"), origin, 1);
        writer.flush();
        drop(writer);
        let copies: Vec<PathBuf> = fs::read_dir(&recovery)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
            .collect();
        assert!(!copies.is_empty());
        for copy in copies {
            assert_eq!(mode(&copy), expected, "{}", copy.display());
            fs::remove_file(copy).unwrap();
        }
    }
    assert_eq!(mode(&recovery), 0o700);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let writer = RecoveryWriter::start(recovery.clone()).unwrap();
    let origin = RecoveryOrigin {
        path: Some(path),
        stamp: None,
    };
    writer.write(titled("Shared"), origin, 1);
    writer.flush();
    let copy = fs::read_dir(&recovery)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .unwrap();
    assert_eq!(mode(&copy), 0o644, "as the board's file");
}

/// A named pipe at `path` (nothing ever writes to it: opening it to read would wait forever).
fn fifo(path: &Path) {
    let status = Process::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Runs `work` on another thread and fails if it takes more than a few seconds (a hang).
fn within_seconds<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _sent = sender.send(work());
    });
    receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("it hung")
}

#[test]
fn named_pipes_are_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.ron");
    fifo(&pipe);
    let opened = within_seconds({
        let pipe = pipe.clone();
        move || {
            open_board(&pipe)
                .map(|_| ())
                .map_err(|error| error.to_string())
        }
    });
    assert!(opened.is_err_and(|error| error.contains("not an ordinary file")));
    let error = within_seconds({
        let pipe = pipe.clone();
        move || save_board(&pipe, &titled("Board")).map(|_| ())
    })
    .unwrap_err();
    assert!(matches!(error.cause, SaveCause::NotAFile), "{error}");
    assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());

    // In the recovery folder: a pipe named like a copy is passed over.
    let recovery = dir.path().join("recovery");
    fs::create_dir(&recovery).unwrap();
    fifo(&recovery.join("board-1.ron"));
    let listed = within_seconds({
        let recovery = recovery.clone();
        move || list_recovered(&recovery).len()
    });
    assert_eq!(listed, 0);
}

#[test]
fn a_lock_that_is_a_link_creates_nothing_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    fs::create_dir(&recovery).unwrap();
    let target = dir.path().join("created-by-the-app");
    std::os::unix::fs::symlink(&target, recovery.join("board-1.lock")).unwrap();
    assert!(list_recovered(&recovery).is_empty());
    assert!(!target.exists(), "nothing was created through the link");
}

#[test]
fn a_negative_format_says_it_is_no_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minus.ron");
    fs::write(&path, "(\n    format: -1,\n    title: \"x\",\n)\n").unwrap();
    let error = load_board(&path).unwrap_err();
    let LoadCause::Format(format) = &error.cause else {
        panic!("{error}");
    };
    let message = format.to_string();
    assert!(
        message.contains("format -1 is not a Civic Canvas board format"),
        "{message}"
    );
    assert!(!message.contains("too large"), "{message}");
}
