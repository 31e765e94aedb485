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

#[test]
fn the_persona_example_has_three_marked_personas_each_with_its_empathy_map() {
    use civic_canvas::model::{Basis, ItemKind};
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/citizen-personas.ron");
    let board = load_board(&path).unwrap();
    let personas: Vec<_> = board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::Persona(persona) => Some((item.id, persona)),
            _ => None,
        })
        .collect();
    assert!(personas.len() >= 3);
    for (id, persona) in personas {
        let (evidence, filled) = persona.evidence();
        assert!(
            evidence > 0 && evidence < filled,
            "{}: evidence and assumptions",
            persona.name
        );
        assert!(
            persona
                .goals
                .iter()
                .chain(&persona.needs)
                .chain(&persona.pains)
                .any(|e| e.basis == Basis::Assumption)
                || [&persona.background, &persona.languages]
                    .iter()
                    .any(|e| e.basis == Basis::Assumption),
            "{} has an assumption",
            persona.name
        );
        assert!(
            board.items().any(
                |item| matches!(&item.kind, ItemKind::EmpathyMap(map) if map.persona == Some(id))
            ),
            "{} has an empathy map",
            persona.name
        );
    }
}

#[test]
fn each_example_persona_has_a_portrait_of_its_own() {
    use civic_canvas::model::{Avatar, ItemKind};
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/citizen-personas.ron");
    let board = load_board(&path).unwrap();
    let portraits: Vec<_> = board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::Persona(persona) => Some(persona),
            _ => None,
        })
        .map(|persona| {
            assert!(
                matches!(persona.avatar(), Avatar::Portrait(_)),
                "{} shows a drawn portrait",
                persona.name
            );
            assert!(
                persona.portrait.lines().len() >= 10,
                "{}: a face, not a scribble",
                persona.name
            );
            &persona.portrait
        })
        .collect();
    assert_eq!(portraits.len(), 3);
    for (n, portrait) in portraits.iter().enumerate() {
        for other in portraits.iter().skip(n + 1) {
            assert_ne!(portrait, other, "each persona has a face of their own");
        }
    }
}
