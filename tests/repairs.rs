//! Files with positions or sizes that are not usable numbers (NaN, infinite, 0, negative or huge)
//! open with those items moved or resized, a warning naming each one, and nothing else changed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::path::Path;

use civic_canvas::edit::Command;
use civic_canvas::model::{Board, Item, ItemId, ItemKind, Size};
use civic_canvas::storage::{
    LoadWarning, Loaded, Position, board_from_ron, open_board, save_board,
};

fn golden(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The line and column (in characters) of byte `offset` in `text`.
fn position_at(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Position {
        line: 1 + before.matches('\n').count(),
        column: 1 + before[line_start..].chars().count(),
    }
}

/// `text` with `field` of item `id` set to `value`, and where that value now starts.
fn with_field(text: &str, id: &str, field: &str, value: &str) -> (String, Position) {
    let item_at = text.find(&format!("id: \"{id}\"")).unwrap();
    let key = format!("\n            {field}: ");
    let at = item_at + text[item_at..].find(&key).unwrap() + key.len();
    let end = at + text[at..].find(',').unwrap();
    let edited = format!("{}{value}{}", &text[..at], &text[end..]);
    let position = position_at(&edited, at);
    (edited, position)
}

/// The size a new item of this kind gets.
fn usual_size(kind: &ItemKind) -> Size {
    match kind {
        ItemKind::Note(_) => Item::NOTE_SIZE,
        ItemKind::Persona(_) => Item::PERSONA_SIZE,
        ItemKind::EmpathyMap(_) => Item::EMPATHY_MAP_SIZE,
        ItemKind::MapNode(_) => Item::MAP_NODE_SIZE,
        ItemKind::Rings(_) | ItemKind::InterestGrid | ItemKind::ImpactGrid => Item::BACKDROP_SIZE,
        ItemKind::Frame(_) => Item::FRAME_SIZE,
        ItemKind::Stroke(stroke) => stroke.drawn,
    }
}

fn overlaps(a: &Item, b: &Item) -> bool {
    a.pos.x < b.pos.x + b.size.width
        && b.pos.x < a.pos.x + a.size.width
        && a.pos.y < b.pos.y + b.size.height
        && b.pos.y < a.pos.y + a.size.height
}

/// `good` with only the position and size of `id` taken from `repaired`.
fn with_geometry_of(good: &Board, repaired: &Item) -> Board {
    let mut expected = good.clone();
    Command::MoveItem {
        id: repaired.id,
        to: repaired.pos,
    }
    .apply(&mut expected)
    .unwrap();
    Command::ResizeItem {
        id: repaired.id,
        to: repaired.size,
    }
    .apply(&mut expected)
    .unwrap();
    expected
}

/// Saving the repaired board and opening the file again needs no more repairs.
fn assert_saves_clean(loaded: &Loaded) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repaired.ron");
    save_board(&path, &loaded.board).unwrap();
    let opened = open_board(&path).unwrap();
    assert_eq!(opened.warnings, []);
    assert_eq!(opened.board, loaded.board);
}

/// One bad value per case: the file, the item, the field, the value as written in the file,
/// and how Rust writes the number the file holds.
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    ("v1/basic.ron", "3c4d5e6f70819203", "x", "NaN", "NaN"),
    ("v1/basic.ron", "3c4d5e6f70819203", "y", "-inf", "-inf"),
    ("v1/basic.ron", "9eaf011223344556", "width", "0.0", "0"),
    ("v2/basic.ron", "1f9e8d7c6b5a4938", "x", "inf", "inf"),
    ("v2/basic.ron", "7c8d9eaf01122334", "height", "-NaN", "NaN"),
    ("v2/basic.ron", "2a3b4c5d6e7f8091", "y", "1e50", "inf"),
    ("v2/map.ron", "0100000000000001", "width", "0.0", "0"),
    ("v2/map.ron", "0100000000000001", "y", "NaN", "NaN"),
    ("v2/map.ron", "0100000000000002", "height", "inf", "inf"),
    ("v2/map.ron", "0100000000000002", "x", "-inf", "-inf"),
    (
        "v2/map.ron",
        "0200000000000003",
        "width",
        "1e12",
        "1000000000000",
    ),
    (
        "v2/map.ron",
        "0200000000000002",
        "x",
        "1e12",
        "1000000000000",
    ),
    ("v2/map.ron", "0200000000000004", "height", "-120.0", "-120"),
    (
        "v2/map.ron",
        "0200000000000005",
        "width",
        "100000.5",
        "100000.5",
    ),
    ("v2/persona.ron", "0400000000000001", "height", "inf", "inf"),
    ("v3/frames.ron", "0300000000000001", "width", "NaN", "NaN"),
    ("v3/frames.ron", "0300000000000002", "x", "inf", "inf"),
    ("v2/persona.ron", "0400000000000001", "y", "NaN", "NaN"),
    (
        "v2/persona.ron",
        "0400000000000004",
        "width",
        "-inf",
        "-inf",
    ),
    (
        "v2/persona.ron",
        "0400000000000004",
        "x",
        "-10000010.0",
        "-10000010",
    ),
];

#[test]
fn each_bad_position_or_size_is_repaired_with_a_warning_naming_the_item() {
    for &(file, id, field, value, written) in CASES {
        let case = format!("{file} {id} {field}: {value}");
        let original = golden(file);
        let good = board_from_ron(&original).unwrap();
        assert_eq!(good.warnings, [], "{case}");
        let (bad, value_at) = with_field(&original, id, field, value);
        let loaded = board_from_ron(&bad).unwrap_or_else(|e| panic!("{case}: {e}"));
        let item_id: ItemId = id.parse().unwrap();
        let before = good.board.item(item_id).unwrap();
        let after = loaded.board.item(item_id).unwrap();

        let [warning] = &loaded.warnings[..] else {
            panic!("{case}: {:?}", loaded.warnings);
        };
        let (item, kind, text, found, now, position) = match warning {
            LoadWarning::MovedItem {
                item,
                kind,
                text,
                found,
                now,
                position,
            }
            | LoadWarning::ResizedItem {
                item,
                kind,
                text,
                found,
                now,
                position,
            } => (item, kind, text, found, now, position),
            other => panic!("{case}: {other:?}"),
        };
        assert_eq!(*item, item_id, "{case}");
        assert_eq!(*kind, before.kind.name(), "{case}");
        assert_eq!(*position, Some(value_at), "{case}");
        // The warning quotes the start of the item's text, so a person can find it.
        assert_eq!(text.is_empty(), before.text().is_empty(), "{case}");
        assert!(
            before.text().starts_with(text.trim_end_matches('…')),
            "{case}: {text}"
        );
        assert!(found.contains(written), "{case}: {found}");
        let message = warning.to_string();
        assert!(
            message.starts_with(&format!("{value_at}: {kind} {id}")),
            "{case}: {message}"
        );
        assert!(message.contains(text.as_str()), "{case}: {message}");

        if field == "x" || field == "y" {
            assert!(matches!(warning, LoadWarning::MovedItem { .. }), "{case}");
            assert_eq!(after.size, before.size, "{case}");
            // Just right of every other item, level with the topmost, covering none.
            let others: Vec<&Item> = good.board.items().filter(|i| i.id != item_id).collect();
            let right = others
                .iter()
                .map(|i| i.pos.x + i.size.width)
                .fold(f32::MIN, f32::max);
            let top = others.iter().map(|i| i.pos.y).fold(f32::MAX, f32::min);
            assert!(
                after.pos.x > right && after.pos.x <= right + 100.0,
                "{case}: {:?} right of {right}",
                after.pos
            );
            assert_eq!(after.pos.y, top, "{case}");
            assert!(!others.iter().any(|other| overlaps(after, other)), "{case}");
            assert_eq!(*now, format!("({}, {})", after.pos.x, after.pos.y));
        } else {
            assert!(matches!(warning, LoadWarning::ResizedItem { .. }), "{case}");
            assert_eq!(after.pos, before.pos, "{case}");
            assert_eq!(after.size, usual_size(&after.kind), "{case}");
            assert_eq!(
                *now,
                format!("{} × {}", after.size.width, after.size.height)
            );
        }
        // Nothing else changed: not the item's text, kind, colour or stacking, not any other
        // item, connector or photo, not the title.
        assert_eq!(loaded.board, with_geometry_of(&good.board, after), "{case}");
        assert_saves_clean(&loaded);
    }
}

#[test]
fn several_broken_items_are_all_repaired_and_moved_ones_cover_nothing() {
    let original = golden("v2/map.ron");
    let good = board_from_ron(&original).unwrap().board;
    let mut text = original;
    for (id, field, value) in [
        ("0100000000000001", "x", "NaN"),
        ("0100000000000001", "height", "0.0"),
        ("0200000000000001", "y", "inf"),
        ("0200000000000002", "x", "-inf"),
        ("0200000000000002", "y", "NaN"),
        ("0200000000000006", "width", "NaN"),
    ] {
        text = with_field(&text, id, field, value).0;
    }
    let loaded = board_from_ron(&text).unwrap();
    let mut moved: Vec<String> = Vec::new();
    let mut resized: Vec<String> = Vec::new();
    for warning in &loaded.warnings {
        match warning {
            LoadWarning::MovedItem { item, .. } => moved.push(item.to_string()),
            LoadWarning::ResizedItem { item, .. } => resized.push(item.to_string()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        moved,
        ["0100000000000001", "0200000000000001", "0200000000000002"]
    );
    assert_eq!(resized, ["0100000000000001", "0200000000000006"]);
    let is_moved = |item: &Item| moved.contains(&item.id.to_string());
    // Moved items cover no other item, and none of each other.
    for item in loaded.board.items().filter(|item| is_moved(item)) {
        for other in loaded.board.items().filter(|other| other.id != item.id) {
            assert!(!overlaps(item, other), "{item:?} covers {other:?}");
        }
    }
    let rings = loaded
        .board
        .item("0100000000000001".parse().unwrap())
        .unwrap();
    assert_eq!(rings.size, Item::BACKDROP_SIZE);
    // Everything else is as it was.
    let mut expected = good;
    for item in loaded.board.items() {
        expected = with_geometry_of(&expected, item);
    }
    assert_eq!(loaded.board, expected);
    assert_eq!(loaded.board.connectors().len(), expected.connectors().len());
    for item in loaded.board.items().filter(|item| !is_moved(item)) {
        if item.id.to_string() != "0200000000000006" && item.id != rings.id {
            let before = expected.item(item.id).unwrap();
            assert_eq!(item, before);
        }
    }
    assert_saves_clean(&loaded);
}

#[test]
fn a_board_with_every_item_broken_puts_them_in_columns_from_the_origin() {
    let mut text = golden("v2/basic.ron");
    let ids: Vec<String> = board_from_ron(&text)
        .unwrap()
        .board
        .items()
        .map(|item| item.id.to_string())
        .collect();
    assert_eq!(ids.len(), 10);
    for id in &ids {
        text = with_field(&text, id, "x", "NaN").0;
        text = with_field(&text, id, "width", "inf").0;
    }
    let loaded = board_from_ron(&text).unwrap();
    assert_eq!(loaded.warnings.len(), 20);
    let items: Vec<&Item> = loaded.board.items().collect();
    assert_eq!(items[0].pos.x, 0.0);
    assert_eq!(items[0].pos.y, 0.0);
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item.size, Item::NOTE_SIZE);
        for other in &items[i + 1..] {
            assert!(!overlaps(item, other), "{item:?} covers {other:?}");
        }
    }
    assert_saves_clean(&loaded);
}

#[test]
fn thousands_of_broken_items_are_repaired_quickly_and_stay_on_the_board() {
    // Far more items than any board has, each with a bad position and size: the repair reads
    // the text once, and locates only the first warnings, so this takes well under a second
    // even unoptimised.
    let mut items = String::new();
    for n in 0..20_000_u64 {
        writeln!(
            items,
            "(id: \"{n:016x}\", x: NaN, y: 0.0, width: 1e9, height: 10.0, z: \"a0\", \
             color: Yellow, kind: Note(text: \"n{n}\")),"
        )
        .unwrap();
    }
    let text = format!("(format: 2, title: \"Many\", items: [\n{items}], connectors: [])");
    let loaded = board_from_ron(&text).unwrap();
    assert_eq!(loaded.warnings.len(), 40_000);
    let last = loaded.board.items().last().unwrap();
    assert!(last.pos.x.is_finite() && last.pos.x <= civic_canvas::storage::MAX_COORDINATE);
    // The first warnings point at their place, in the order of the file: the first item's
    // position comes before its size.
    let first = loaded.board.items().next().unwrap();
    assert!(matches!(
        &loaded.warnings[..2],
        [LoadWarning::MovedItem { item: a, .. }, LoadWarning::ResizedItem { item: b, .. }]
            if *a == first.id && *b == first.id
    ));
    assert_eq!(
        loaded.warnings[0].position(),
        Some(position_at(&text, text.find("NaN").unwrap()))
    );
    // Past the first ones they are counted, not each located; each still names its item.
    let located = loaded
        .warnings
        .iter()
        .take_while(|warning| warning.position().is_some())
        .count();
    assert_eq!(located, civic_canvas::storage::LOCATED_WARNINGS);
    assert!(
        loaded.warnings[located..]
            .iter()
            .all(|w| w.position().is_none())
    );
    let moved = loaded
        .warnings
        .iter()
        .find(|warning| matches!(warning, LoadWarning::MovedItem { item, .. } if *item == last.id))
        .unwrap();
    assert_eq!(
        moved.to_string(),
        format!(
            "note {} “n19999”: its position (NaN, 0) is not a place on the board; it was \
             moved to ({}, {}), right of the other items",
            last.id, last.pos.x, last.pos.y
        )
    );
    assert_saves_clean(&loaded);
}

#[test]
fn names_titles_and_labels_lose_their_line_breaks_with_a_warning_each() {
    let text = golden("v4/persona.ron")
        .replacen("name: \"Ana Petrović\"", "name: \"Enter test\\n\"", 1)
        .replacen(
            "label: \"Young parents\"",
            "label: \"Young\\r\\n\\tparents\"",
            1,
        );
    let loaded = board_from_ron(&text).unwrap();
    let names: Vec<String> = loaded
        .board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::Persona(persona) => Some(persona.name.clone()),
            ItemKind::MapNode(node) => Some(node.label.clone()),
            _ => None,
        })
        .collect();
    assert!(names.contains(&"Enter test".to_owned()), "{names:?}");
    assert!(names.contains(&"Young parents".to_owned()), "{names:?}");
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
    let lines: Vec<&str> = text.lines().collect();
    for warning in &loaded.warnings {
        assert!(matches!(warning, LoadWarning::LineBreaksRemoved { .. }));
        let position = warning.position().expect("located");
        let line = lines[position.line - 1];
        assert!(
            line.contains("name:") || line.contains("label:"),
            "{warning}: {line}"
        );
    }
    assert!(loaded.warnings[0].to_string().contains("“Enter test”"));
    assert_saves_clean(&loaded);
}
