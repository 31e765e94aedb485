//! Hostile and mangled board files: the loader never panics, stays bounded, and points every
//! positioned error inside the text it was given.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/rng.rs"]
mod rng;

use rng::Rng;
use std::fmt::Write as _;
use std::path::Path;

use civic_canvas::generate::hostile;
use civic_canvas::model::{Board, IdGen, Item, PaletteColor, Point, ZKey};
use civic_canvas::storage::{FormatError, Position, board_from_ron, board_to_ron, load_board};

/// Real boards, and small ones of each hostile kind the app has met (see `generate::hostile`).
fn real_boards() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = [
        "saved_boards/kickoff.ron",
        "tests/golden/v1/basic.ron",
        "tests/golden/v1/edge_values.ron",
    ]
    .iter()
    .map(|path| std::fs::read_to_string(root.join(path)).unwrap());
    let hostile = [
        hostile::dangling_connectors(4),
        hostile::damaged_photos(4),
        hostile::missing_frame_members(4),
        hostile::nan_positions_on_one_line(4),
        hostile::long_note(3000),
        hostile::combining_marks(300),
        hostile::persona_photos(2, 16),
        hostile::photo_under_many_ids(3),
        hostile::overlapping_notes(3, 100_000.0),
        hostile::stacked_frames(3, 10_000.0),
    ];
    real.chain(hostile).collect()
}

/// One random mutation of `bytes`, sometimes with a fragment of `donor` spliced in.
fn mutate(rng: &mut Rng, bytes: &[u8], donor: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(out.len());
        match rng.below(6) {
            // Flip one bit.
            0 => {
                if let Some(byte) = out.get_mut(at) {
                    *byte ^= 1 << rng.below(8);
                }
            }
            // Replace a byte with one of the bytes RON cares about.
            1 => {
                let special = b"()[]{},:\"\\'0-.eE#/*\n rbx";
                if let Some(byte) = out.get_mut(at) {
                    *byte = special[rng.below(special.len())];
                }
            }
            // Cut off.
            2 => out.truncate(at),
            // Delete a run.
            3 => {
                let end = (at + rng.below(40)).min(out.len());
                out.drain(at..end);
            }
            // Splice in a fragment of another real board.
            4 => {
                let from = rng.below(donor.len());
                let end = (from + rng.below(200)).min(donor.len());
                out.splice(at..at, donor[from..end].iter().copied());
            }
            // Duplicate a run (repeated fields, ids, items).
            _ => {
                let end = (at + rng.below(300)).min(out.len());
                let run = out[at..end].to_vec();
                out.splice(end..end, run);
            }
        }
    }
    out
}

/// Whether `position` is inside `text` (or just past its end).
fn is_inside(text: &str, position: Position) -> bool {
    let Some(line) = text.split('\n').nth(position.line.saturating_sub(1)) else {
        return false;
    };
    position.line >= 1 && position.column >= 1 && position.column <= line.chars().count() + 1
}

#[test]
fn thousands_of_mangled_boards_never_panic_and_point_inside_the_text() {
    let boards = real_boards();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mangled.ron");
    let mut rng = Rng(0x5eed_c0de_2026_0001);
    let (mut refused, mut loaded, mut not_utf8) = (0, 0, 0);
    for round in 0..4000 {
        let base = &boards[round % boards.len()];
        let donor = &boards[(round / boards.len()) % boards.len()];
        let bytes = mutate(&mut rng, base.as_bytes(), donor.as_bytes());
        let Ok(text) = std::str::from_utf8(&bytes) else {
            // Not text: the file loader must say so at the first bad byte.
            not_utf8 += 1;
            std::fs::write(&file, &bytes).unwrap();
            let error = load_board(&file).unwrap_err();
            assert!(
                matches!(error.format_error(), Some(FormatError::NotUtf8 { .. })),
                "round {round}: {error}"
            );
            continue;
        };
        match board_from_ron(text) {
            Ok(found) => {
                loaded += 1;
                // Whatever loads saves and loads again unchanged.
                let again = board_from_ron(&board_to_ron(&found.board)).unwrap();
                assert_eq!(again.board, found.board, "round {round}");
            }
            Err(error) => {
                refused += 1;
                assert!(!error.to_string().is_empty(), "round {round}");
                if let Some(position) = error.position() {
                    assert!(
                        is_inside(text, position),
                        "round {round}: {position} is outside the text: {error}\n{text}"
                    );
                }
            }
        }
    }
    // The mutations reach every path: refusals, survivors and non-text.
    assert!(
        refused > 1000 && loaded > 50 && not_utf8 > 50,
        "{refused} {loaded} {not_utf8}"
    );
}

#[test]
fn deep_nesting_anywhere_is_refused_without_overflowing_the_stack() {
    let board = &real_boards()[0];
    for (place, opener) in [
        ("items: [", "("),
        ("text: ", "["),
        ("connectors: [", "Some("),
    ] {
        let at = board.find(place).unwrap() + place.len();
        let mut text = board.clone();
        text.insert_str(at, &opener.repeat(50_000));
        let error = board_from_ron(&text).unwrap_err();
        assert!(
            error.position().is_some_and(|p| is_inside(&text, p)),
            "{error}"
        );
    }
}

#[test]
fn a_huge_text_loads_whole() {
    let id = IdGen::seeded(9).item_id(|_| false);
    let text = "Građani ђ ქ ".repeat(1_000_000);
    let note = Item::note(
        id,
        Point::new(0.0, 0.0),
        ZKey::middle(),
        PaletteColor::Grey,
        &text,
    );
    let board = Board::from_parts("Huge", [note], []).unwrap();
    let loaded = board_from_ron(&board_to_ron(&board)).unwrap().board;
    assert_eq!(loaded.items().next().unwrap().text().len(), text.len());
}

#[test]
fn a_string_cut_off_in_a_huge_file_points_at_its_start() {
    let mut text = String::from("(\n    format: 1,\n    title: \"");
    text.push_str(&"x".repeat(5_000_000));
    let error = board_from_ron(&text).unwrap_err();
    let position = error.position().unwrap();
    assert_eq!(position.line, 3, "{error}");
    assert!(is_inside(&text, position));
}

#[test]
fn fifty_thousand_items_load() {
    let mut ids = IdGen::seeded(11);
    let mut text = String::from("(\n    format: 1,\n    title: \"Many\",\n    items: [\n");
    for n in 0..50_000 {
        let id = ids.item_id(|_| false);
        let _ = writeln!(
            text,
            "(id: \"{id}\", x: {x}.0, y: 0.0, width: 200.0, height: 160.0, z: \"a0\", \
             color: Yellow, kind: Note(text: \"{n}\")),",
            x = n % 1000
        );
    }
    text.push_str("    ],\n    connectors: [],\n)\n");
    let board = board_from_ron(&text).unwrap().board;
    assert_eq!(board.items().len(), 50_000);
}
