//! UI tests for the dialogs that keep boards safe: a file changed by another program, a save
//! that fails, and boards recovered after a crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use civic_canvas::app::{AppOptions, CivicCanvasApp, RecoveryConfig};
use civic_canvas::model::{Board, Item, ItemId, MapNode, Point, ZKey};
use civic_canvas::storage::recovery::{RecoveryOrigin, RecoveryWriter};
use civic_canvas::storage::{self, backup_path, load_board};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;

mod common;
use common::{
    add_note, asked_to_cancel_close, harness_with_app, item_by_text, press, queue_window_close,
    type_text,
};
use egui_kittest::kittest::Queryable as _;

fn harness_with(
    file: Option<PathBuf>,
    recovery_dir: Option<&Path>,
) -> Harness<'static, CivicCanvasApp> {
    let recovery = recovery_dir.map(|dir| RecoveryConfig {
        dir: dir.to_owned(),
        // Write the copy on the next frame, so tests need not wait.
        quiet_period: Duration::ZERO,
        max_delay: Duration::ZERO,
    });
    let mut harness = harness_with_app(move |ctx| {
        let app = CivicCanvasApp::new(
            ctx,
            AppOptions {
                file,
                native_file_dialogs: false,
            },
        );
        match recovery {
            Some(config) => app.with_recovery(config),
            None => app,
        }
    });
    // The window settles first, as it does when the copies take a while to look through: the
    // offer must then show without waiting for another event.
    harness.run();
    // Boards left by a crash are looked for on a thread of their own: wait for them.
    harness.state_mut().wait_for_recovery_list();
    harness.run();
    harness
}

fn type_path(harness: &mut Harness<'_, CivicCanvasApp>, path: &Path) {
    let field = harness.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(path.to_str().unwrap().to_owned()));
    harness.run();
    press(harness, Modifiers::NONE, Key::Enter);
}

fn texts(harness: &Harness<'_, CivicCanvasApp>) -> Vec<String> {
    let mut texts: Vec<String> = harness
        .state()
        .board()
        .items()
        .map(|item| item.text().to_owned())
        .collect();
    texts.sort();
    texts
}

fn saved_board_with_note(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("workshop.ron");
    let mut harness = harness_with(None, None);
    add_note(&mut harness, text);
    storage::save_board(&path, harness.state().board()).unwrap();
    path
}

/// A board another program wrote over ours.
const THEIRS: &str =
    "(\n    format: 1,\n    title: \"Theirs\",\n    items: [],\n    connectors: [],\n)\n";

#[test]
fn saving_over_a_file_changed_elsewhere_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_board_with_note(dir.path(), "Ours");
    let mut harness = harness_with(Some(path.clone()), None);
    add_note(&mut harness, "Added here");

    // Another program (or another window) saves the file meanwhile.
    let theirs = THEIRS;
    std::fs::write(&path, theirs).unwrap();

    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("This file was changed by another program since you opened it");
    // Cancel: nothing written, the board keeps its changes.
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert!(harness.state().document().is_dirty());

    // Save as…: the other file is left alone.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("Save as…").click();
    harness.run();
    let elsewhere = dir.path().join("ours.ron");
    type_path(&mut harness, &elsewhere);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert_eq!(load_board(&elsewhere).unwrap().items().len(), 2);
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn overwrite_replaces_the_changed_file_and_keeps_it_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_board_with_note(dir.path(), "Ours");
    let mut harness = harness_with(Some(path.clone()), None);
    add_note(&mut harness, "Added here");
    let theirs = THEIRS;
    std::fs::write(&path, theirs).unwrap();

    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("Overwrite").click();
    harness.run();
    assert_eq!(load_board(&path).unwrap(), *harness.state().board());
    assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), theirs);
    assert!(!harness.state().document().is_dirty());

    // Our own save is not "a change by another program": the next save just saves.
    add_note(&mut harness, "One more");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(harness.state().modal().is_none());
    assert_eq!(load_board(&path).unwrap().items().len(), 3);
}

#[test]
fn a_save_that_fails_says_why_and_keeps_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with(None, None);
    add_note(&mut harness, "Precious");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    type_path(&mut harness, &dir.path().join("missing-folder/board.ron"));
    harness.get_by_label("Could not save “board.ron”");
    harness.get_by_label_contains("does not exist");
    harness.get_by_label_contains("Your changes are still here");
    assert!(harness.state().document().is_dirty());
    assert_eq!(texts(&harness), ["Precious"]);
}

#[test]
fn saving_over_a_newer_versions_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ron");
    let future = format!(
        "(format: {}, title: \"Future\")",
        storage::CURRENT_FORMAT + 1
    );
    std::fs::write(&path, &future).unwrap();
    let mut harness = harness_with(None, None);
    add_note(&mut harness, "Today");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    type_path(&mut harness, &path);
    // Even after agreeing to replace the file, the newer board is not overwritten.
    harness.get_by_label("Replace").click();
    harness.run();
    harness.get_by_label_contains(&format!(
        "saved by a newer Civic Canvas (format {}",
        storage::CURRENT_FORMAT + 1
    ));
    assert!(harness.state().document().is_dirty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), future);
}

/// A first app edits a saved board and is dropped without saving, as a crash would leave it.
fn crash_with_unsaved_note(recovery: &Path, file: Option<PathBuf>, text: &str) {
    let mut harness = harness_with(file, Some(recovery));
    harness.run();
    if harness.query_by_label("Recover unsaved boards?").is_some() {
        harness.get_by_label("Decide later").click();
        harness.run();
    }
    add_note(&mut harness, text);
    harness.run();
    harness.state().wait_for_autosave();
}

fn recovery_files(recovery: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(recovery) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "ron"))
        .count()
}

#[test]
fn a_board_left_by_a_crash_is_offered_and_restored_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = saved_board_with_note(dir.path(), "Saved before");
    crash_with_unsaved_note(&recovery, Some(path.clone()), "Typed after the save");
    assert_eq!(recovery_files(&recovery), 1);

    let mut harness = harness_with(None, Some(&recovery));
    harness.run();
    harness.get_by_label("Recover unsaved boards?");
    harness.get_by_label_contains("2 items · saved less than a minute ago");
    harness.get_by_label(&format!("File: {}", path.display()));
    harness.get_by_label("Restore").click();
    harness.run();

    assert_eq!(texts(&harness), ["Saved before", "Typed after the save"]);
    let doc = harness.state().document();
    assert!(doc.is_dirty(), "a restored board is unsaved until saved");
    assert_eq!(doc.path(), Some(path.as_path()));
    assert!(harness.state().modal().is_none());

    // Saving it writes the file (it was not changed meanwhile) and removes the copy.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(
        harness.state().modal().is_none(),
        "no changed-on-disk warning"
    );
    assert_eq!(load_board(&path).unwrap().items().len(), 2);
    harness.run();
    harness.state().wait_for_autosave();
    assert_eq!(recovery_files(&recovery), 0);
}

fn click_first(harness: &mut Harness<'_, CivicCanvasApp>, label: &str) {
    harness.get_all_by_label(label).next().unwrap().click();
    harness.run();
}

#[test]
fn restoring_over_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    crash_with_unsaved_note(&recovery, None, "Older crash");
    std::thread::sleep(Duration::from_millis(20));
    crash_with_unsaved_note(&recovery, None, "Newer crash");
    assert_eq!(recovery_files(&recovery), 2);

    let mut harness = harness_with(None, Some(&recovery));
    harness.run();
    harness.get_by_label("Recover unsaved boards?");
    assert_eq!(harness.get_all_by_label("Restore").count(), 2);
    // The newest comes first.
    click_first(&mut harness, "Restore");
    assert_eq!(texts(&harness), ["Newer crash"]);

    // The other one is offered again; restoring it now would replace an unsaved board.
    harness.get_by_label("Recover unsaved boards?");
    assert_eq!(harness.get_all_by_label("Restore").count(), 1);
    click_first(&mut harness, "Restore");
    harness.get_by_label("Save your changes?");
    harness.get_by_label_contains("before restoring a recovered board?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(texts(&harness), ["Newer crash"], "nothing was lost");
    assert!(harness.state().document().is_dirty());

    // Still offered; this time discard the board on screen.
    harness.get_by_label("Recover unsaved boards?");
    click_first(&mut harness, "Restore");
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(texts(&harness), ["Older crash"]);
    harness.run();
    harness.state().wait_for_autosave();
    assert_eq!(
        recovery_files(&recovery),
        1,
        "the discarded board's copy is gone; the restored one keeps its copy until saved"
    );
}

#[test]
fn a_recovered_board_can_be_discarded_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    crash_with_unsaved_note(&recovery, None, "Not needed");
    let mut harness = harness_with(None, Some(&recovery));
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().modal().is_none());
    assert_eq!(recovery_files(&recovery), 0);
    assert!(harness.state().board().items().next().is_none());
}

#[test]
fn discarding_changes_on_quit_removes_the_copy_and_a_save_does_too() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut harness = harness_with(None, Some(&recovery));
    add_note(&mut harness, "Draft");
    harness.run();
    harness.state().wait_for_autosave();
    assert_eq!(recovery_files(&recovery), 1, "unsaved changes have a copy");

    press(&mut harness, Modifiers::COMMAND, Key::Q);
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(recovery_files(&recovery), 0);
    drop(harness);
    assert_eq!(
        std::fs::read_dir(&recovery).unwrap().count(),
        0,
        "no lock files left either"
    );

    // Edit, save, close: nothing is left either.
    let mut harness = harness_with(None, Some(&recovery));
    add_note(&mut harness, "Kept in a file");
    harness.run();
    harness.state().wait_for_autosave();
    assert_eq!(recovery_files(&recovery), 1);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    type_path(&mut harness, &dir.path().join("kept.ron"));
    assert!(!harness.state().document().is_dirty());
    harness.run();
    drop(harness);
    assert_eq!(std::fs::read_dir(&recovery).unwrap().count(), 0);
}

#[test]
fn text_still_being_typed_is_in_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    {
        let mut harness = harness_with(None, Some(&recovery));
        harness.run();
        // A note is typed into but never finished (no Escape, no click elsewhere): then a crash.
        press(&mut harness, Modifiers::NONE, Key::N);
        harness.event(Event::Text("Half-typed thought".into()));
        harness.run();
        assert!(
            harness.state().canvas().editing_item().is_some(),
            "still typing"
        );
        harness.state().wait_for_autosave();
    }
    let mut harness = harness_with(None, Some(&recovery));
    harness.run();
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(texts(&harness), ["Half-typed thought"]);
}

#[test]
fn saving_as_over_an_existing_file_asks_first_and_keeps_it_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.ron");
    std::fs::write(&other, "someone else's notes").unwrap();
    let mut harness = harness_with(None, None);
    add_note(&mut harness, "Mine");

    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    type_path(&mut harness, &other);
    harness.get_by_label("Replace “other.ron”?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "someone else's notes"
    );
    assert!(harness.state().document().is_dirty(), "nothing was saved");

    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    type_path(&mut harness, &other);
    harness.get_by_label("Replace").click();
    harness.run();
    assert_eq!(
        load_board(&other).unwrap().items().next().unwrap().text(),
        "Mine"
    );
    assert_eq!(
        std::fs::read_to_string(backup_path(&other)).unwrap(),
        "someone else's notes"
    );
    assert!(!harness.state().document().is_dirty());

    // Saving again to the board's own file does not ask.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    type_path(&mut harness, &other);
    assert!(harness.query_by_label("Replace “other.ron”?").is_none());
}

#[test]
fn a_file_with_a_connector_to_a_missing_item_opens_with_a_named_repair() {
    let dir = tempfile::tempdir().unwrap();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v2/basic.ron");
    let intact = load_board(&golden).unwrap();
    let text = std::fs::read_to_string(&golden).unwrap().replacen(
        "to: \"4e5f60718293a4b5\"",
        "to: \"00000000deadbeef\"",
        1,
    );
    let path = dir.path().join("mailed.ron");
    std::fs::write(&path, &text).unwrap();
    let harness = harness_with(Some(path.clone()), None);
    harness.get_by_label("“mailed.ron” was opened with repairs");
    harness.get_by_label_contains("connector c0ffee0000000001 was left out");
    harness.get_by_label_contains("00000000deadbeef");
    let board = harness.state().board();
    assert!(board.items().eq(intact.items()));
    assert_eq!(intact.connectors().len(), 1);
    assert_eq!(board.connectors().len(), 0);
    // The repaired board is unsaved, and the file is untouched until the user saves.
    assert!(harness.state().document().is_dirty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_file_with_impossible_numbers_opens_with_each_repair_named() {
    let dir = tempfile::tempdir().unwrap();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v2/basic.ron");
    let intact = load_board(&golden).unwrap();
    let text = std::fs::read_to_string(&golden)
        .unwrap()
        .replacen(
            "x: 0.0,\n            y: 184.0,",
            "x: NaN,\n            y: 184.0,",
            1,
        )
        .replacen(
            "x: 448.0,\n            y: 368.0,\n            width: 200.0,",
            "x: 448.0,\n            y: 368.0,\n            width: inf,",
            1,
        );
    let path = dir.path().join("mailed.ron");
    std::fs::write(&path, &text).unwrap();
    let harness = harness_with(Some(path.clone()), None);
    harness.get_by_label("“mailed.ron” was opened with repairs");
    // Each repaired item is named with its text, so the facilitator can find it.
    harness.get_by_label_contains(
        "note 3c4d5e6f70819203 “Cetățenii așteaptă răspunsul prea mult”: its position (NaN, 184)",
    );
    harness.get_by_label_contains(
        "note 8d9eaf0112233445 “მოქალაქეებს სურთ ონლაინ გადახდა”: its size inf × 160",
    );
    let board = harness.state().board();
    assert_eq!(board.items().len(), intact.items().len());
    assert_eq!(board.connectors().len(), intact.connectors().len());
    let moved = board.item("3c4d5e6f70819203".parse().unwrap()).unwrap();
    assert!(moved.pos.x.is_finite() && moved.pos.y.is_finite());
    let resized = board.item("8d9eaf0112233445".parse().unwrap()).unwrap();
    assert_eq!(resized.size, Item::NOTE_SIZE);
    // The repaired board is unsaved, and the file is untouched until the user saves.
    assert!(harness.state().document().is_dirty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_long_list_of_repairs_is_cut_short_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<String> = (1..=40_u64)
        .map(|n| {
            format!(
                "(id: \"{n:016x}\", x: NaN, y: 0.0, width: 200.0, height: 160.0, z: \"a0\", \
                 color: Yellow, kind: Note(text: \"Note {n}\"))"
            )
        })
        .collect();
    let text = format!(
        "(format: 2, title: \"Many\", items: [{}], connectors: [])",
        items.join(", ")
    );
    let path = dir.path().join("many.ron");
    std::fs::write(&path, &text).unwrap();
    let harness = harness_with(Some(path), None);
    harness.get_by_label("“many.ron” was opened with repairs");
    harness.get_by_label_contains("“Note 1”: its position (NaN, 0)");
    harness.get_by_label_contains("“Note 10”: its position (NaN, 0)");
    harness.get_by_label_contains("and 30 more repairs");
    assert!(harness.query_by_label_contains("“Note 11”").is_none());
    assert_eq!(harness.state().board().items().len(), 40);
}

#[test]
fn every_press_of_a_quick_run_of_arrow_keys_reaches_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut harness = harness_with(None, Some(&recovery));
    harness.run();
    add_note(&mut harness, "Moved by keys");
    // The note stays selected once typing ends; each press is a change of its own, and the
    // quick run of them is one undo step.
    for _ in 0..6 {
        press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    let moved = item_by_text(&harness, "Moved by keys");
    let revision = harness.state().document().revision();
    harness.run();
    harness.state().wait_for_autosave();
    drop(harness);

    let copies = storage::recovery::list_recovered(&recovery);
    let [copy] = copies.as_slice() else {
        panic!("{} recovery copies", copies.len());
    };
    let board = copy.load().unwrap();
    assert_eq!(
        board.item(moved.id).unwrap().pos,
        moved.pos,
        "the copy holds the note where the last press put it (revision {revision})"
    );
}

#[test]
fn one_undo_takes_back_a_quick_run_of_arrow_keys() {
    let mut harness = harness_with(None, None);
    add_note(&mut harness, "Moved by keys");
    let before = item_by_text(&harness, "Moved by keys").pos;
    let revision = harness.state().document().revision();
    for _ in 0..4 {
        press(&mut harness, Modifiers::SHIFT, Key::ArrowDown);
    }
    assert_eq!(
        harness.state().document().revision(),
        revision + 4,
        "every press is a new revision"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(item_by_text(&harness, "Moved by keys").pos, before);
}

#[test]
fn a_restored_board_asks_before_replacing_a_file_it_was_not_opened_from() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    // A copy naming a file that is not a board, without a record of what that file held.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my own notes").unwrap();
    let writer = RecoveryWriter::start(recovery.clone()).unwrap();
    let mut board = Board::new("Recovered");
    civic_canvas::edit::Command::SetTitle("Recovered".into())
        .apply(&mut board)
        .unwrap();
    let origin = RecoveryOrigin {
        path: Some(notes.clone()),
        stamp: None,
    };
    writer.write(board, origin, 1);
    writer.flush();
    drop(writer);

    let mut harness = harness_with(None, Some(&recovery));
    harness.run();
    harness.get_by_label("Restore").click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("This board was restored, not opened from this file");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my own notes");
    assert!(harness.state().document().is_dirty());
}

#[test]
fn a_read_only_board_asks_before_it_is_replaced() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = saved_board_with_note(dir.path(), "Final");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut harness = harness_with(Some(path.clone()), None);
    add_note(&mut harness, "One more");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("This file is read-only");
    assert_eq!(
        load_board(&path).unwrap().items().len(),
        1,
        "not replaced yet"
    );
    harness.get_by_label("Overwrite").click();
    harness.run();
    assert_eq!(load_board(&path).unwrap().items().len(), 2);
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn a_backup_that_cannot_be_kept_is_said_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_board_with_note(dir.path(), "First");
    let bak = backup_path(&path);
    std::fs::create_dir(&bak).unwrap();
    std::fs::write(bak.join("inside"), "x").unwrap();
    let mut harness = harness_with(Some(path.clone()), None);
    add_note(&mut harness, "Second");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label_contains("but the previous version could not be kept as workshop.ron.bak");
    assert_eq!(load_board(&path).unwrap().items().len(), 2);
}

#[test]
fn the_screenshot_mode_closes_without_asking_even_after_repairs() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_board_with_note(dir.path(), "Fine");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("x: ", "x: NaN, //", 1);
    std::fs::write(&path, text).unwrap();
    let shot = dir.path().join("shot.png");
    let mut harness = harness_with_app(move |ctx| {
        CivicCanvasApp::new(
            ctx,
            AppOptions {
                file: Some(path),
                native_file_dialogs: false,
            },
        )
        .with_screenshot(civic_canvas::app::Screenshot::new(shot))
    });
    // The screenshot keeps asking for paints until it is taken: step instead of settling.
    harness.run_steps(4);
    assert!(
        harness.state().document().is_dirty(),
        "opened with a repair"
    );
    queue_window_close(&mut harness);
    harness.step();
    assert!(!asked_to_cancel_close(&harness), "the window closes");
    assert!(
        !matches!(
            harness.state().modal(),
            Some(civic_canvas::ui::dialogs::Modal::UnsavedChanges { .. })
        ),
        "without asking to save"
    );
}

#[test]
fn a_note_of_megabytes_shows_in_part_and_is_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    std::fs::write(&path, civic_canvas::generate::hostile::long_note(2_000_000)).unwrap();
    let mut harness = harness_with(Some(path.clone()), None);
    let text = harness
        .state()
        .board()
        .items()
        .next()
        .unwrap()
        .text()
        .to_owned();
    assert_eq!(text.len(), 2_000_000);
    // Typing into it in place is refused with a reason.
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label_contains(
        "Not opened for typing: this text has 2000000 characters, too many to type into here",
    );
    assert_eq!(harness.state().canvas().editing_item(), None);
    type_text(&mut harness, "x");
    assert_eq!(harness.state().board().items().next().unwrap().text(), text);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(
        load_board(&path).unwrap().items().next().unwrap().text(),
        text
    );
}

#[test]
fn a_description_of_megabytes_is_not_opened_in_the_side_panel() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    let node = Item::map_node(
        ItemId::from_raw(1),
        Point::new(0.0, 0.0),
        ZKey::middle(),
        MapNode {
            label: "Registry office".into(),
            description: "Long queues. ".repeat(20_000),
            ..MapNode::default()
        },
    );
    let board = Board::from_parts("Map", [node], []).unwrap();
    storage::save_board(&path, &board).unwrap();
    let mut harness = harness_with(Some(path.clone()), None);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness.get_by_label_contains(
        "Not shown for typing: this text has 260000 characters, too many to type into here",
    );
    // The name is short enough to type into.
    harness.get_by_role_and_label(Role::TextInput, "Name");
}

#[test]
fn only_the_newest_five_copies_of_a_board_are_offered_and_the_dialog_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_board_with_note(dir.path(), "Saved");
    let recovery = dir.path().join("recovery");
    // Seven crashes of apps with this board open, each leaving a copy.
    for n in 0..7 {
        let writer = RecoveryWriter::start(recovery.clone()).unwrap();
        let origin = RecoveryOrigin {
            path: Some(path.clone()),
            stamp: None,
        };
        writer.write(Board::new(format!("Crash {n}")), origin, 1);
        writer.flush();
        std::thread::sleep(Duration::from_millis(20));
    }
    let harness = harness_with(None, Some(&recovery));
    harness.get_by_label("Recover unsaved boards?");
    harness
        .get_by_label("2 older copies were deleted: the newest 5 copies of each board are kept.");
    assert_eq!(harness.get_all_by_label("Restore").count(), 5);
    assert_eq!(recovery_files(&recovery), 5);
}

#[test]
fn recovered_boards_are_offered_once_found_without_the_window_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    crash_with_unsaved_note(&recovery, None, "Left by a crash");
    // No waiting for the listing (on a thread of its own): the offer comes once the copies
    // are found.
    let mut harness = harness_with_app({
        let recovery = recovery.clone();
        move |ctx| {
            CivicCanvasApp::new(
                ctx,
                AppOptions {
                    file: None,
                    native_file_dialogs: false,
                },
            )
            .with_recovery(RecoveryConfig::in_dir(recovery))
        }
    });
    let start = std::time::Instant::now();
    while harness.query_by_label("Recover unsaved boards?").is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "never offered");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    click_first(&mut harness, "Restore");
    assert_eq!(texts(&harness), ["Left by a crash"]);
}
