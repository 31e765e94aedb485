//! Damaged, hand-edited and foreign files: each must give a clear error at the right place,
//! and none may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use civic_canvas::model::{BoardError, ConnectorId, IdGen, ItemId};
use civic_canvas::storage::{
    CURRENT_FORMAT, FormatError, LoadCause, LoadError, LoadWarning, MAX_FILE_BYTES, Position,
    board_from_ron, load_board,
};

fn basic_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v1/basic.ron");
    std::fs::read_to_string(path).unwrap()
}

/// The line and column (in characters) where the `nth` occurrence of `needle` starts in `text`.
fn position_of(text: &str, needle: &str, nth: usize) -> Position {
    let (offset, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in the test input"));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.lines().count().max(1) + usize::from(before.ends_with('\n')),
        column: before[line_start..].chars().count() + 1,
    }
}

/// Where the value of the first `field: value` equal to `edit` starts in `text`.
fn position_of_value(text: &str, edit: &str) -> Position {
    let at = position_of(text, edit, 0);
    let value_offset = edit.find(':').unwrap() + 1;
    let value_offset =
        value_offset + edit[value_offset..].len() - edit[value_offset..].trim_start().len();
    Position {
        column: at.column + edit[..value_offset].chars().count(),
        ..at
    }
}

/// `text` with the first `from` replaced by `to`; the test input must contain `from`.
fn edited(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the test input");
    text.replacen(from, to, 1)
}

fn format_error(text: &str) -> FormatError {
    board_from_ron(text).expect_err("the text must be refused")
}

fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn the_position_helper_counts_lines_and_characters() {
    assert_eq!(
        position_of("ab\nčđx", "x", 0),
        Position { line: 2, column: 3 }
    );
    assert_eq!(position_of("x", "x", 0), Position { line: 1, column: 1 });
    assert_eq!(
        position_of("a\n\nx", "x", 0),
        Position { line: 3, column: 1 }
    );
}

/// Where the string literal that `text` ends inside starts, if it ends inside one.
fn open_string_start(text: &str) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (offset, ch) in text.char_indices() {
        match (open, ch) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(_), '"') => open = None,
            (None, '"') => open = Some(offset),
            _ => {}
        }
    }
    open
}

#[test]
fn a_file_cut_anywhere_is_refused_as_cut_off() {
    let text = basic_text();
    let content_end = text.trim_end().len();
    let cuts: Vec<usize> = (1..content_end)
        .filter(|&cut| text.is_char_boundary(cut))
        .collect();
    assert!(cuts.len() > 1000);
    let mut inside_text = 0;
    for cut in cuts {
        let part = &text[..cut];
        if part.trim().is_empty() {
            continue;
        }
        let error = format_error(part);
        let FormatError::Syntax { position, message } = &error else {
            panic!("cut at {cut}: {error:?}");
        };
        assert!(message.contains("cut off"), "cut at {cut}: {message}");
        let expected = if let Some(quote) = open_string_start(part) {
            // Cut inside a text: point at where that text starts.
            inside_text += 1;
            position_of(part, "\"", part[..quote].matches('"').count())
        } else {
            // Otherwise: just after the last character.
            let last = part.trim_end();
            let line_start = last.rfind('\n').map_or(0, |i| i + 1);
            Position {
                line: last.matches('\n').count() + 1,
                column: last[line_start..].chars().count() + 1,
            }
        };
        assert_eq!(*position, expected, "cut at {cut}: {message}");
    }
    assert!(inside_text > 100, "the cuts include cuts inside texts");
}

#[test]
fn a_cut_off_file_on_disk_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = basic_text();
    let cut = text.find("x: 224.0").unwrap() + "x: 224.0".len();
    let path = write_temp(&dir, "cut.ron", &text.as_bytes()[..cut]);
    let error = load_board(&path).unwrap_err();
    let line = text[..cut].lines().count();
    let column = text[..cut].lines().last().unwrap().chars().count() + 1;
    assert_eq!(
        error.to_string(),
        format!(
            "{}:{line}:{column}: the file ends too early; it may have been cut off",
            path.display()
        )
    );
}

#[test]
fn wrong_types_are_refused_where_they_are() {
    let text = basic_text();
    for (from, to) in [
        ("x: 224.0,", "x: \"224\","),
        ("format: 1,", "format: \"1\","),
        ("text: \"Cetățenii", "text: 5, other: \"Cetățenii"),
        ("id: \"07d2a41c9e3b5f60\"", "id: 7"),
        ("items: [", "items: 5, old: ["),
    ] {
        let bad = edited(&text, from, to);
        let error = format_error(&bad);
        assert!(
            matches!(error, FormatError::WrongShape { .. }),
            "{to}: {error:?}"
        );
        assert_eq!(
            error.position(),
            Some(position_of_value(&bad, to)),
            "{to}: {error}"
        );
        assert!(error.to_string().starts_with("expected"), "{error}");
    }
}

#[test]
fn an_invalid_id_says_what_an_id_looks_like() {
    let bad = edited(&basic_text(), "\"07d2a41c9e3b5f60\"", "\"07d2-not-hex\"");
    let error = format_error(&bad);
    assert!(
        error.to_string().contains("16 hexadecimal digits"),
        "{error}"
    );
    assert_eq!(
        error.position().unwrap().line,
        position_of(&bad, "07d2-not-hex", 0).line
    );
}

#[test]
fn an_unknown_item_kind_is_named() {
    let bad = edited(&basic_text(), "kind: Note(", "kind: Persona(");
    let error = format_error(&bad);
    let FormatError::UnknownKind { found, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(found, "Persona");
    assert!(
        error.to_string().starts_with("unknown item kind `Persona`"),
        "{error}"
    );
    assert!(error.to_string().contains("`Note`"), "{error}");
    assert_eq!(error.position(), Some(position_of(&bad, "Persona", 0)));
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    let text = basic_text();
    for (from, to, field, place) in [
        (
            "            z: \"a3\",",
            "            z: \"a3\",\n            rotation: 0.5,",
            "rotation",
            "an item",
        ),
        (
            "    title: ",
            "    theme: Dark,\n    title: ",
            "theme",
            "the board",
        ),
        (
            "label: \"same problem\",",
            "label: \"same problem\",\n            style: Dashed,",
            "style",
            "a connector",
        ),
        (
            "text: \"Cetățenii așteaptă răspunsul prea mult\",",
            "text: \"Cetățenii\",\n                votes: 3,",
            "votes",
            "a note",
        ),
    ] {
        let bad = edited(&text, from, to);
        let error = format_error(&bad);
        let FormatError::UnknownField {
            field: found,
            place: found_place,
            ..
        } = &error
        else {
            panic!("{field}: {error:?}");
        };
        assert_eq!(found, field);
        assert_eq!(found_place, place);
        assert_eq!(
            error.position(),
            Some(position_of(&bad, field, 0)),
            "{error}"
        );
    }
}

#[test]
fn a_newer_format_asks_for_an_update_and_names_both_versions() {
    let bad = edited(&basic_text(), "format: 1,", "format: 73,");
    let error = format_error(&bad);
    assert_eq!(
        error,
        FormatError::NewerVersion {
            found: 73,
            supported: CURRENT_FORMAT,
            position: Some(position_of(&bad, "73,", 0)),
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("format 73") && message.contains(&format!("up to {CURRENT_FORMAT}")),
        "{message}"
    );
    assert!(message.contains("update"), "{message}");
}

#[test]
fn a_newer_format_is_recognised_even_with_unknown_content() {
    let newer = CURRENT_FORMAT + 1;
    let future = format!(
        "(\n    format: {newer},\n    layers: [Layer(name: \"Map\", items: {{\"a\": 1}})],\n)\n"
    );
    assert!(matches!(
        format_error(&future),
        FormatError::NewerVersion { found, .. } if found == u64::from(newer)
    ));
}

#[test]
fn format_zero_and_a_missing_format_are_refused() {
    let text = basic_text();
    let zero = edited(&text, "format: 1,", "format: 0,");
    assert_eq!(
        format_error(&zero),
        FormatError::UnsupportedVersion {
            found: 0,
            position: Some(position_of(&zero, "0,", 0)),
        }
    );
    let missing = edited(&text, "    format: 1,\n", "");
    assert_eq!(format_error(&missing), FormatError::MissingVersion);
    assert!(format_error(&missing).to_string().contains("`format:`"));
}

#[test]
fn empty_files_say_they_are_empty() {
    for text in ["", "   \n\t\n"] {
        assert_eq!(format_error(text), FormatError::Empty);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "empty.ron", b"");
    assert_eq!(
        load_board(&path).unwrap_err().to_string(),
        format!("{}: the file is empty", path.display())
    );
}

#[test]
fn text_that_is_not_utf8_is_refused_at_the_bad_byte() {
    let text = basic_text();
    let mut bytes = text.as_bytes().to_vec();
    let at = text.find("Cetățenii").unwrap() + "Ceta".len() - 1; // first byte of `ă`
    bytes[at] = 0xFF;
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "latin1.ron", &bytes);
    let error = load_board(&path).unwrap_err();
    let expected = position_of(&text, "ățenii", 0);
    assert!(
        matches!(error.format_error(), Some(FormatError::NotUtf8 { .. })),
        "{error:?}"
    );
    assert_eq!(error.position(), Some(expected));
    assert!(error.to_string().contains("not UTF-8"), "{error}");
}

#[test]
fn binary_garbage_is_refused_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = IdGen::seeded(99);
    for round in 0..200 {
        let len = (random.next_u64() % 600) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| random.next_u64() as u8).collect();
        let path = write_temp(&dir, &format!("garbage{round}.ron"), &bytes);
        assert!(load_board(&path).is_err(), "round {round}");
    }
    // The start of a PNG image.
    let png = write_temp(&dir, "image.ron", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let error = load_board(&png).unwrap_err();
    assert!(
        matches!(error.format_error(), Some(FormatError::NotUtf8 { .. })),
        "{error}"
    );
}

#[test]
fn deeply_nested_text_is_refused_without_overflowing_the_stack() {
    let deep = format!("(format: 1, title: {}", "[".repeat(100_000));
    let error = format_error(&deep);
    assert!(error.to_string().contains("nested too deeply"), "{error}");
}

#[test]
fn folders_and_missing_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let folder = load_board(dir.path()).unwrap_err();
    assert!(matches!(folder.cause, LoadCause::IsFolder));
    assert_eq!(
        folder.to_string(),
        format!(
            "{}: this is a folder, not a board file",
            dir.path().display()
        )
    );
    let missing = dir.path().join("nowhere.ron");
    let error: LoadError = load_board(&missing).unwrap_err();
    assert!(matches!(error.cause, LoadCause::NotFound));
    assert_eq!(
        error.to_string(),
        format!("{}: no such file", missing.display())
    );
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: no disk space used, and reading it would take a long time.
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let error = load_board(&path).unwrap_err();
    assert!(matches!(error.cause, LoadCause::TooLarge { bytes } if bytes == MAX_FILE_BYTES + 1));
    assert!(error.to_string().contains("200 MB"), "{error}");
}

#[test]
fn duplicate_ids_are_named_at_their_second_use() {
    let text = basic_text();
    let bad = edited(&text, "\"2a3b4c5d6e7f8091\"", "\"07d2a41c9e3b5f60\"");
    let error = format_error(&bad);
    let id: ItemId = "07d2a41c9e3b5f60".parse().unwrap();
    assert!(
        matches!(&error, FormatError::InvalidBoard { source: BoardError::DuplicateItem(d), .. } if *d == id)
    );
    assert!(error.to_string().contains("07d2a41c9e3b5f60"), "{error}");
    assert_eq!(
        error.position(),
        Some(position_of(&bad, "\"07d2a41c9e3b5f60\"", 1))
    );

    let connector = "        (\n            id: \"c0ffee0000000001\",";
    let twice = edited(
        &text,
        connector,
        &format!(
            "{connector}\n            from: \"07d2a41c9e3b5f60\",\n            to: \"07d2a41c9e3b5f60\",\n            label: \"\",\n        ),\n{connector}"
        ),
    );
    let error = format_error(&twice);
    let id = ConnectorId::from_raw(0xc0ff_ee00_0000_0001);
    assert!(
        matches!(&error, FormatError::InvalidBoard { source: BoardError::DuplicateConnector(d), .. } if *d == id),
        "{error:?}"
    );
    assert_eq!(
        error.position(),
        Some(position_of(&twice, "\"c0ffee0000000001\"", 1))
    );
}

#[test]
fn a_connector_to_a_missing_item_is_dropped_with_a_warning_that_names_it() {
    for version in [1, 2] {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/golden/v{version}/basic.ron")),
        )
        .unwrap();
        let good = board_from_ron(&text).unwrap().board;
        let bad = edited(
            &text,
            "to: \"4e5f60718293a4b5\"",
            "to: \"00000000deadbeef\"",
        );
        let loaded = board_from_ron(&bad).unwrap();
        let connector: ConnectorId = "c0ffee0000000001".parse().unwrap();
        assert_eq!(
            loaded.warnings,
            [LoadWarning::DroppedConnector {
                connector,
                missing: ItemId::from_raw(0xdead_beef),
                position: Some(position_of(&bad, "\"c0ffee0000000001\"", 0)),
            }],
            "format {version}"
        );
        let message = loaded.warnings[0].to_string();
        assert!(
            message.contains("00000000deadbeef") && message.contains("c0ffee0000000001"),
            "{message}"
        );
        // Only that connector is gone: every item is kept as it was.
        assert!(loaded.board.connector(connector).is_none());
        assert_eq!(loaded.board.items().len(), good.items().len());
        assert!(loaded.board.items().eq(good.items()));
        assert!(board_from_ron(&text).unwrap().warnings.is_empty());
    }
}

#[test]
fn details_out_of_range_are_refused_at_their_place() {
    // Positions and sizes are repaired (see `tests/repairs.rs`); details that have no sensible
    // repair are refused, naming the item, at the value.
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v2/persona.ron"),
    )
    .unwrap();
    let item = "0400000000000001";
    for (from, to) in [
        ("digital_skills: Some(3),", "digital_skills: Some(9),"),
        ("digital_skills: Some(3),", "digital_skills: Some(0),"),
    ] {
        let bad = edited(&golden, from, to);
        let error = format_error(&bad);
        let FormatError::InvalidGeometry {
            item: found,
            problem,
            ..
        } = &error
        else {
            panic!("{to}: {error:?}");
        };
        assert_eq!(found.to_string(), item);
        assert!(problem.contains("digital skills"), "{problem}");
        assert!(error.to_string().contains(item), "{error}");
        assert_eq!(
            error.position(),
            Some(position_of_value(&bad, to)),
            "{to}: {error}"
        );
    }
}

#[test]
fn arbitrary_text_never_panics() {
    use proptest::prelude::*;
    let text = basic_text();
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&(0..text.len(), any::<String>()), |(at, insert)| {
            let mut at = at;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut mutated = text.clone();
            mutated.insert_str(at, &insert);
            let _ = board_from_ron(&mutated);
            let _ = board_from_ron(&insert);
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_damaged_or_missing_photo_gives_a_warning_and_the_card_keeps_everything_else() {
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v2/persona.ron"),
    )
    .unwrap();
    let good = board_from_ron(&golden).unwrap().board;
    let photo = "fee0318760df56e34949a7d291596cb9";

    // A broken line of base64: the photo is left out with a warning naming it and its line.
    let damaged = edited(&golden, "/z+c0PgPAFAcCZ3fGjWk", "/z+c0Pg*AFAcCZ3fGjWk");
    let loaded = board_from_ron(&damaged).unwrap();
    let messages: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains(photo) && messages[0].contains("line 2"),
        "{messages:?}"
    );
    assert!(messages[1].contains("0400000000000002") && messages[1].contains("initials"));
    assert!(matches!(
        loaded.warnings[0],
        LoadWarning::DamagedPhoto {
            position: Some(_),
            ..
        }
    ));
    // Every item is still there; only the photo reference is gone.
    assert_eq!(loaded.board.items().len(), good.items().len());
    assert_eq!(loaded.board.used_images().count(), 0);

    // No images section at all: the card shows initials, with a warning.
    let start = golden.find("    images: [").unwrap();
    let missing = format!("{})\n", &golden[..start]);
    let loaded = board_from_ron(&missing).unwrap();
    assert!(matches!(
        loaded.warnings.as_slice(),
        [LoadWarning::MissingPhoto { image, .. }] if image.to_string() == photo
    ));
}

fn strokes_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v6/strokes.ron");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn stroke_points_that_are_not_three_numbers_each_or_not_finite_are_refused_where_they_are() {
    let dot = "points: [2.0, 2.0, -1.0]";
    for (points, words) in [
        ("points: [2.0, 2.0]", "this list has 2"),
        ("points: [2.0, 2.0, -1.0, 5.0]", "this list has 4"),
        ("points: [2.0, NaN, -1.0]", "NaN"),
        ("points: [inf, 2.0, -1.0]", "inf"),
        ("points: [2.0, 2.0, -inf]", "inf"),
        ("points: [2.0, 2.0, inf]", "inf"),
    ] {
        let bad = edited(&strokes_text(), dot, points);
        let error = format_error(&bad);
        let FormatError::InvalidGeometry { item, .. } = &error else {
            panic!("{points}: {error:?}");
        };
        assert_eq!(item.to_string(), "0600000000000003", "{points}");
        assert_eq!(
            error.position(),
            Some(position_of_value(&bad, points)),
            "{points}"
        );
        assert!(error.to_string().contains("points"), "{error}");
        assert!(error.to_string().contains(words), "{points}: {error}");
    }
}

#[test]
fn a_stroke_drawn_in_a_box_that_cannot_be_drawn_is_refused() {
    let drawn = "drawn: (4.0, 4.0)";
    for bad_drawn in [
        "drawn: (0.0, 4.0)",
        "drawn: (4.0, NaN)",
        "drawn: (-3.0, 4.0)",
    ] {
        let bad = edited(&strokes_text(), drawn, bad_drawn);
        let error = format_error(&bad);
        assert!(
            matches!(error, FormatError::InvalidGeometry { .. }),
            "{error:?}"
        );
        assert_eq!(
            error.position(),
            Some(position_of_value(&bad, bad_drawn)),
            "{bad_drawn}"
        );
    }
}

#[test]
fn a_stroke_in_a_format_5_file_is_an_unknown_kind() {
    let bad = edited(&strokes_text(), "format: 6,", "format: 5,");
    let error = format_error(&bad);
    assert!(
        matches!(&error, FormatError::UnknownKind { found, .. } if found == "Stroke"),
        "{error:?}"
    );
}

fn portrait_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v6/portrait.ron");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_portrait_line_that_is_not_three_finite_numbers_each_is_refused_at_that_line() {
    let eye = "[38.0, 44.0, -1.0]";
    for (line, words) in [
        ("[38.0, 44.0]", "2 numbers"),
        ("[38.0, 44.0, -1.0, 5.0]", "4 numbers"),
        ("[38.0, NaN, -1.0]", "NaN"),
        ("[inf, 44.0, -1.0]", "inf"),
        ("[38.0, 44.0, -inf]", "inf"),
    ] {
        let bad = edited(&portrait_text(), eye, line);
        let error = format_error(&bad);
        let FormatError::InvalidGeometry { item, .. } = &error else {
            panic!("{line}: {error:?}");
        };
        assert_eq!(item.to_string(), "0700000000000001", "{line}");
        assert_eq!(error.position(), Some(position_of(&bad, line, 0)), "{line}");
        let message = error.to_string();
        assert!(
            message.contains("line 3 of the persona's `portrait`"),
            "{message}"
        );
        assert!(message.contains(words), "{line}: {message}");
    }
}

#[test]
fn a_portrait_that_is_not_a_list_of_lists_of_numbers_is_refused_where_it_is() {
    let eye = "[38.0, 44.0, -1.0]";
    for bad_line in ["38.0", "[38.0, \"eye\", -1.0]", "(38.0, 44.0, -1.0)"] {
        let bad = edited(&portrait_text(), eye, bad_line);
        let error = format_error(&bad);
        assert!(
            matches!(
                error,
                FormatError::Syntax { .. } | FormatError::WrongShape { .. }
            ),
            "{bad_line}: {error:?}"
        );
        let position = error.position().expect("a place in the file");
        assert_eq!(
            position.line,
            position_of(&bad, bad_line, 0).line,
            "{bad_line}: {error}"
        );
    }
}

#[test]
fn a_portrait_in_a_format_5_file_is_an_unknown_field() {
    let bad = edited(&portrait_text(), "format: 6,", "format: 5,");
    let error = format_error(&bad);
    assert!(error.to_string().contains("portrait"), "{error}");
    assert!(error.position().is_some(), "{error:?}");
}
