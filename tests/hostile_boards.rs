//! Hostile boards that pass the file checks but used to freeze the window: tens of thousands of
//! repairs in one file. Each loads, says what was repaired, and points the first warnings at
//! their place in the file (the rest are counted, not located); `cargo bench --bench storage`
//! measures how long each takes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use civic_canvas::generate::hostile;
use civic_canvas::model::ItemKind;
use civic_canvas::storage::{LOCATED_WARNINGS, LoadWarning, board_from_ron, board_to_ron};

/// Loads `text`, expecting `count` warnings of which the first are located at a line of the
/// file that holds `expected(line)`.
fn loads_with_warnings(text: &str, count: usize, expected: impl Fn(&str) -> bool) {
    let loaded = board_from_ron(text).unwrap();
    assert_eq!(loaded.warnings.len(), count);
    let lines: Vec<&str> = text.lines().collect();
    for (n, warning) in loaded.warnings.iter().enumerate() {
        match warning.position() {
            Some(position) => {
                assert!(n < LOCATED_WARNINGS, "warning {n} is located");
                let line = lines[position.line - 1];
                assert!(expected(line), "{warning}: {line}");
            }
            None => assert!(n >= LOCATED_WARNINGS, "warning {n} has no place: {warning}"),
        }
    }
}

#[test]
fn sixty_four_thousand_connectors_to_missing_items() {
    let text = hostile::dangling_connectors(64_000);
    loads_with_warnings(&text, 64_000, |line| line.contains("id: \""));
}

#[test]
fn forty_thousand_damaged_photos() {
    let text = hostile::damaged_photos(40_000);
    loads_with_warnings(&text, 40_000, |line| line.contains("id: \""));
}

#[test]
fn eighty_thousand_missing_frame_members() {
    let text = hostile::missing_frame_members(80_000);
    loads_with_warnings(&text, 80_000, |line| line.trim().starts_with('"'));
    let loaded = board_from_ron(&text).unwrap();
    assert!(matches!(
        loaded.warnings.last(),
        Some(LoadWarning::DroppedFrameMember { position: None, .. })
    ));
}

#[test]
fn eighty_thousand_impossible_positions_on_one_line() {
    let text = hostile::nan_positions_on_one_line(80_000);
    let loaded = board_from_ron(&text).unwrap();
    assert_eq!(loaded.board.items().len(), 80_000);
    assert_eq!(loaded.warnings.len(), 80_000);
    // All on one line: only as many are located as reading that line a few times allows.
    let located = loaded
        .warnings
        .iter()
        .filter(|warning| warning.position().is_some())
        .count();
    assert!((1..=LOCATED_WARNINGS).contains(&located), "{located}");
    let first = loaded.warnings[0].position().unwrap();
    let line: String = text
        .lines()
        .nth(first.line - 1)
        .unwrap()
        .chars()
        .skip(first.column - 1)
        .take(3)
        .collect();
    assert_eq!(line, "NaN");
}

#[test]
fn one_photo_stored_under_a_thousand_ids_is_kept_once_under_its_own() {
    let text = hostile::photo_under_many_ids(1000);
    loads_with_warnings(&text, 1000, |line| line.contains("id: \""));
    let loaded = board_from_ron(&text).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .all(|warning| matches!(warning, LoadWarning::RenamedPhoto { .. }))
    );
    let images: Vec<_> = loaded.board.used_images().collect();
    assert_eq!(images.len(), 1);
    let (id, image) = images[0];
    assert_eq!(id.raw(), civic_canvas::photos::content_id(&image.bytes));
    let photos: Vec<_> = loaded
        .board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::Persona(persona) => persona.photo,
            _ => None,
        })
        .collect();
    assert_eq!(photos, vec![id; 1000], "every card keeps its photo");
    let saved = board_to_ron(&loaded.board);
    assert!(board_from_ron(&saved).unwrap().warnings.is_empty());
}
