//! The example boards shipped in `saved_boards/` open, and saving them again changes no byte.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::storage::{board_to_ron, load_board};

#[test]
fn example_boards_load_and_resave_byte_for_byte() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards");
    let mut seen = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "ron") {
            continue;
        }
        let board = load_board(&path).unwrap_or_else(|error| panic!("{error}"));
        assert!(
            board.items().len() > 10,
            "{} is a real board",
            path.display()
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            board_to_ron(&board),
            text,
            "{} re-saves unchanged",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 1, "saved_boards/ holds at least one board");
}

#[test]
fn kickoff_board_speaks_the_workshop_languages() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron");
    let board = load_board(&path).unwrap();
    let all_text: String = board.items().map(civic_canvas::model::Item::text).collect();
    // Albanian, Romanian, Serbian Cyrillic, Macedonian, Ukrainian, Georgian.
    for letter in ['ë', 'ș', 'ђ', 'ѕ', 'ї', 'ქ'] {
        assert!(
            all_text.contains(letter),
            "no {letter} on the kick-off board"
        );
    }
}
