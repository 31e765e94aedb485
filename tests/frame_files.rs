//! Frames in board files: members a frame cannot hold are left out of it with a warning naming
//! the frame and the member, and everything else loads as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::Path;

use civic_canvas::model::ItemId;
use civic_canvas::storage::{CURRENT_FORMAT, LoadWarning, board_from_ron, board_to_ron};

fn frames_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v3/frames.ron");
    std::fs::read_to_string(path).unwrap()
}

fn id(n: u64) -> ItemId {
    ItemId::from_raw(0x0300_0000_0000_0000 + n)
}

/// The members listed by frame `n` in `text` replaced by `members`.
fn with_members(text: &str, frame_members: &str, members: &[&str]) -> String {
    assert!(
        text.contains(frame_members),
        "{frame_members:?} not in the file"
    );
    let mut list = String::new();
    for member in members {
        writeln!(list, "                    \"{member}\",").unwrap();
    }
    text.replacen(
        frame_members,
        &format!("members: [\n{list}                ],"),
        1,
    )
}

#[test]
fn members_a_frame_cannot_hold_are_left_out_with_a_warning_each() {
    let text = frames_text();
    let good = board_from_ron(&text).unwrap();
    assert!(good.warnings.is_empty());

    // Frame 1 lists a missing item, another frame, and its own note; frame 2 lists its note
    // and the note frame 1 already holds.
    let first = "members: [\n                    \"0300000000000004\",\n                    \"0300000000000005\",\n                ],";
    let second = "members: [\n                    \"0300000000000006\",\n                ],";
    let bad = with_members(
        &text,
        first,
        &["00000000deadbeef", "0300000000000003", "0300000000000004"],
    );
    let bad = with_members(&bad, second, &["0300000000000004", "0300000000000006"]);
    let loaded = board_from_ron(&bad).unwrap();
    let dropped: Vec<(ItemId, ItemId)> = loaded
        .warnings
        .iter()
        .map(|warning| match warning {
            LoadWarning::DroppedFrameMember { frame, member, .. } => (*frame, *member),
            other => panic!("unexpected warning {other}"),
        })
        .collect();
    assert_eq!(
        dropped,
        [
            (id(1), ItemId::from_raw(0xdead_beef)),
            (id(1), id(3)),
            (id(2), id(4)),
        ]
    );
    let messages: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(messages[0].contains("not in the file"), "{}", messages[0]);
    assert!(
        messages[1].contains("frames do not go inside frames"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("already in frame 0300000000000001"),
        "{}",
        messages[2]
    );

    let board = &loaded.board;
    let members = |n| board.member_ids(id(n)).collect::<Vec<_>>();
    assert_eq!(members(1), [id(4)]);
    assert_eq!(members(2), [id(6)]);
    // Every item is still there, and the repaired board saves and loads without warnings.
    assert_eq!(board.items().len(), good.board.items().len());
    let again = board_from_ron(&board_to_ron(board)).unwrap();
    assert!(again.warnings.is_empty());
    assert_eq!(&again.board, board);
}

#[test]
fn a_format_2_file_loads_and_is_saved_in_the_current_format() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v2/map.ron");
    let loaded = board_from_ron(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(loaded.format, 2);
    assert!(loaded.was_migrated());
    assert!(
        board_to_ron(&loaded.board).starts_with(&format!("(\n    format: {CURRENT_FORMAT},\n"))
    );
}

#[test]
fn warnings_come_in_the_order_of_the_file() {
    let text = frames_text().replacen("x: 0.0,", "x: NaN,", 1).replacen(
        "to: \"0300000000000006\"",
        "to: \"00000000deadbeef\"",
        1,
    );
    let loaded = board_from_ron(&text).unwrap();
    assert!(matches!(
        loaded.warnings.as_slice(),
        [
            LoadWarning::MovedItem { .. },
            LoadWarning::DroppedConnector { .. }
        ]
    ));
    let lines: Vec<usize> = loaded
        .warnings
        .iter()
        .map(|warning| warning.position().unwrap().line)
        .collect();
    assert!(lines.windows(2).all(|pair| pair[0] < pair[1]), "{lines:?}");
}

fn nested_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v4/nested.ron");
    std::fs::read_to_string(path).unwrap()
}

fn nested_id(n: u64) -> ItemId {
    ItemId::from_raw(0x0400_0000_0000_0000 + n)
}

#[test]
fn items_naming_a_frame_they_cannot_be_in_leave_it_with_a_warning_each() {
    let text = nested_text();
    assert!(board_from_ron(&text).unwrap().warnings.is_empty());
    // The stage goes inside its own cluster (a loop), one note names a note as its frame and
    // the other a frame that is not in the file.
    let stage = "            color: White,\n            kind: Frame(\n                title: \"Consolidation\",";
    let bad = text
        .replacen(
            stage,
            &stage.replace(
                "color: White,\n",
                "color: White,\n            parent: Some(\"0400000000000002\"),\n",
            ),
            1,
        )
        .replacen(
            "parent: Some(\"0400000000000002\"),\n            kind: Note(\n                text: \"Queues",
            "parent: Some(\"0400000000000003\"),\n            kind: Note(\n                text: \"Queues",
            1,
        )
        .replacen(
            "parent: Some(\"0400000000000002\"),\n            kind: Note(\n                text: \"Pritet",
            "parent: Some(\"00000000deadbeef\"),\n            kind: Note(\n                text: \"Pritet",
            1,
        );
    assert_ne!(bad, text);
    let loaded = board_from_ron(&bad).unwrap();
    let left: Vec<(ItemId, ItemId)> = loaded
        .warnings
        .iter()
        .map(|warning| match warning {
            LoadWarning::LeftFrame { item, frame, .. } => (*item, *frame),
            other => panic!("unexpected warning {other}"),
        })
        .collect();
    assert_eq!(
        left,
        [
            (nested_id(1), nested_id(2)),
            (nested_id(4), nested_id(3)),
            (nested_id(5), ItemId::from_raw(0xdead_beef)),
        ],
        "the loop is broken at its smallest id; warnings come in the order of the file"
    );
    // Each warning points at the frame the item names.
    for warning in &loaded.warnings {
        let position = warning.position().unwrap();
        let line = bad.lines().nth(position.line - 1).unwrap();
        assert!(
            line.trim_start().starts_with("parent: Some("),
            "{warning}: {line}"
        );
    }
    let board = &loaded.board;
    assert_eq!(board.item(nested_id(1)).unwrap().parent, None);
    assert_eq!(board.item(nested_id(2)).unwrap().parent, Some(nested_id(1)));
    assert_eq!(board.item(nested_id(5)).unwrap().parent, None);
    let again = board_from_ron(&board_to_ron(board)).unwrap();
    assert!(again.warnings.is_empty());
    assert_eq!(&again.board, board);
}

#[test]
fn a_format_4_frame_listing_members_is_refused() {
    let text = nested_text().replacen(
        "                order: 1,\n",
        "                order: 1,\n                members: [\n                    \"0400000000000003\",\n                ],\n",
        1,
    );
    let error = board_from_ron(&text).unwrap_err();
    assert!(error.to_string().contains("`parent`"), "{error}");
    assert!(error.position().is_some());
}
