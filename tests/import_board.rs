//! *File → Import board…*: everything on another board (personas sketched offline by a
//! colleague) lands beside what is here with fresh ids, its persona links and photos kept, and
//! one undo takes it all back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use civic_canvas::model::{ItemId, ItemKind, Rect};
use civic_canvas::storage::load_board;
use common::{app_harness, press, type_text};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[test]
fn an_imported_board_lands_beside_with_fresh_ids_links_and_photos_in_one_step() {
    let other_path = "tests/golden/v5/persona.ron";
    let other = load_board(std::path::Path::new(other_path)).unwrap();
    let mut app = app_harness(Some("saved_boards/kickoff.ron".into()));
    let before = app.state().board().clone();
    app.get_by_label("File").click();
    app.run();
    app.get_by_label("Import board…").click();
    app.run();
    type_text(&mut app, other_path);
    press(&mut app, Modifiers::NONE, Key::Enter);

    let board = app.state().board();
    assert_eq!(
        board.items().len(),
        before.items().len() + other.items().len()
    );
    assert_eq!(
        board.connectors().count(),
        before.connectors().count() + other.connectors().count()
    );
    let theirs: BTreeSet<ItemId> = other.items().map(|item| item.id).collect();
    let new: Vec<_> = board
        .items()
        .filter(|item| before.item(item.id).is_none())
        .collect();
    assert!(
        new.iter().all(|item| !theirs.contains(&item.id)),
        "fresh ids"
    );
    // Beside what was here, not over it.
    let ours = Rect::around(before.items().map(civic_canvas::model::Item::rect)).unwrap();
    assert!(new.iter().all(|item| item.rect().min.x > ours.max.x));
    // The empathy map still stands for the persona, now the copy; its photo came along.
    let persona = new
        .iter()
        .find(|item| matches!(&item.kind, ItemKind::Persona(p) if p.photo.is_some()))
        .unwrap();
    let ItemKind::Persona(card) = &persona.kind else {
        unreachable!()
    };
    assert!(board.image(card.photo.unwrap()).is_some());
    let map = new
        .iter()
        .find_map(|item| match &item.kind {
            ItemKind::EmpathyMap(map) => map.persona,
            _ => None,
        })
        .unwrap();
    assert!(
        new.iter().any(|item| item.id == map),
        "the empathy map's link points at the imported persona"
    );
    assert!(app.query_by_label_contains("Added ").is_some());

    press(&mut app, Modifiers::COMMAND, Key::Z);
    assert_eq!(app.state().board().items().len(), before.items().len());
}

#[test]
fn a_board_that_does_not_open_adds_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format: 5, title: \"x\", items: [").unwrap();
    let mut app = app_harness(Some("saved_boards/kickoff.ron".into()));
    let count = app.state().board().items().len();
    app.get_by_label("File").click();
    app.run();
    app.get_by_label("Import board…").click();
    app.run();
    type_text(&mut app, broken.to_str().unwrap());
    press(&mut app, Modifiers::NONE, Key::Enter);
    assert!(app.query_by_label("Could not import that board").is_some());
    assert_eq!(app.state().board().items().len(), count);
}

#[test]
fn insert_persona_from_file_copies_the_chosen_personas_with_their_empathy_maps() {
    let mut app = app_harness(Some("saved_boards/kickoff.ron".into()));
    let before = app.state().board().clone();
    app.get_by_label("File").click();
    app.run();
    app.get_by_label("Insert persona from file…").click();
    app.run();
    type_text(&mut app, "tests/golden/v5/persona.ron");
    press(&mut app, Modifiers::NONE, Key::Enter);
    assert!(app.query_by_label("Insert personas").is_some());
    // Both are ticked at first; leave ნინო out.
    app.get_by_label("ნინო").click_accesskit();
    app.run();
    app.get_by_label("Insert").click_accesskit();
    app.run();
    let board = app.state().board();
    let new: Vec<_> = board
        .items()
        .filter(|item| before.item(item.id).is_none())
        .collect();
    let names: Vec<&str> = new
        .iter()
        .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
        .map(|item| item.text())
        .collect();
    assert_eq!(names, ["Ana Petrović"]);
    let ana = new
        .iter()
        .find(|item| item.text() == "Ana Petrović")
        .unwrap();
    assert!(
        new.iter().any(
            |item| matches!(&item.kind, ItemKind::EmpathyMap(map) if map.persona == Some(ana.id))
        ),
        "her empathy map came along, linked to the copy"
    );
    assert_eq!(new.len(), 2, "nothing else");
}

#[test]
fn personas_inserted_from_a_file_with_the_same_ids_get_fresh_ones() {
    // The board itself as the file: every id clashes.
    let path = "saved_boards/citizen-personas.ron";
    let mut app = app_harness(Some(path.into()));
    let before = app.state().board().clone();
    app.get_by_label("File").click();
    app.run();
    app.get_by_label("Insert persona from file…").click();
    app.run();
    type_text(&mut app, path);
    press(&mut app, Modifiers::NONE, Key::Enter);
    app.get_by_label("Insert").click_accesskit();
    app.run();
    let board = app.state().board();
    let personas = |board: &civic_canvas::model::Board| {
        board
            .items()
            .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
            .count()
    };
    assert_eq!(
        personas(board),
        2 * personas(&before),
        "every persona copied"
    );
    assert_eq!(
        board.items().len(),
        before.items().len() + 6,
        "three cards, three maps"
    );
    // The copies keep their drawn portraits.
    let portraits: Vec<_> = board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::Persona(persona) if before.item(item.id).is_none() => {
                Some((item.text().to_owned(), persona.portrait.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(portraits.len(), 3);
    for (name, portrait) in portraits {
        let original = before
            .items()
            .find_map(|item| match &item.kind {
                ItemKind::Persona(persona) if item.text() == name => Some(&persona.portrait),
                _ => None,
            })
            .unwrap();
        assert!(!portrait.is_empty(), "{name} has a portrait");
        assert_eq!(&portrait, original, "{name}'s portrait came along");
    }
    // Every empathy map stands for a persona on the board, and the copies for the copies.
    for item in board.items() {
        if let ItemKind::EmpathyMap(map) = &item.kind {
            let persona = map.persona.and_then(|id| board.item(id)).unwrap();
            assert_eq!(
                before.item(item.id).is_some(),
                before.item(persona.id).is_some(),
                "an original map for an original card, a copy for a copy"
            );
        }
    }
}
