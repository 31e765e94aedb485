use std::collections::HashSet;

use super::*;
use crate::model::ItemKind;
use crate::storage::{board_from_ron, board_to_ron};

fn is_header(item: &Item) -> bool {
    HEADERS.contains(&item.text())
}

fn overlap(a: &Item, b: &Item) -> bool {
    a.pos.x < b.pos.x + b.size.width
        && b.pos.x < a.pos.x + a.size.width
        && a.pos.y < b.pos.y + b.size.height
        && b.pos.y < a.pos.y + a.size.height
}

#[test]
fn the_same_seed_gives_the_same_board_and_another_seed_another() {
    let board = generate_board(500, 7);
    assert_eq!(board, generate_board(500, 7));
    assert_eq!(board_to_ron(&board), board_to_ron(&generate_board(500, 7)));
    let other = generate_board(500, 8);
    assert_ne!(board, other);
    let texts = |board: &Board| -> HashSet<String> {
        board.items().map(|item| item.text().to_owned()).collect()
    };
    assert_ne!(texts(&board), texts(&other));
}

#[test]
fn boards_have_the_asked_number_of_items_and_half_as_many_connectors() {
    for items in [0, 1, 2, 3, 7, 8, 37, 100, 1000, 2500] {
        let board = generate_board(items, 1);
        assert_eq!(board.items().len(), items, "{items} items");
        let kinds = board.kind_counts();
        assert_eq!(
            kinds.notes + kinds.personas + kinds.map_nodes + kinds.frames,
            items
        );
        assert_eq!(board.connectors().len(), items / 2, "{items} items");
    }
}

#[test]
fn ids_and_z_keys_are_unique_and_connector_pairs_are_not_repeated() {
    let board = generate_board(3000, 11);
    let item_ids: HashSet<ItemId> = board.items().map(|item| item.id).collect();
    assert_eq!(item_ids.len(), 3000);
    let connector_ids: HashSet<ConnectorId> = board.connectors().map(|c| c.id).collect();
    assert_eq!(connector_ids.len(), 1500);
    let z_keys: HashSet<&str> = board.items().map(|item| item.z.as_str()).collect();
    assert_eq!(z_keys.len(), 3000);
    let pairs: HashSet<(ItemId, ItemId)> = board
        .connectors()
        .map(|c| (c.from.min(c.to), c.from.max(c.to)))
        .collect();
    assert_eq!(pairs.len(), 1500);
    assert!(board.connectors().all(|c| c.from != c.to));
}

#[test]
fn no_two_items_overlap_except_frames_and_what_is_in_them() {
    let board = generate_board(1500, 3);
    let items: Vec<&Item> = board.items().collect();
    let holds = |frame: &Item, item: &Item| item.parent == Some(frame.id);
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if holds(a, b) || holds(b, a) {
                continue;
            }
            assert!(!overlap(a, b), "{a:?}\noverlaps\n{b:?}");
        }
    }
}

#[test]
fn every_fourth_cluster_is_in_a_frame_that_holds_all_of_it() {
    let board = generate_board(2000, 12);
    let headers = board.items().filter(|item| is_header(item)).count();
    let frames = board.frames();
    assert_eq!(
        frames.len(),
        headers.div_ceil(FRAME_EVERY),
        "{headers} clusters"
    );
    for (n, frame) in frames.iter().enumerate() {
        let inner = frame.as_frame().unwrap();
        assert_eq!(inner.order as usize, n + 1, "numbered in order");
        let members: Vec<&Item> = board.members(frame.id).collect();
        // The cluster's header and every item under it, all inside the frame.
        let header = members.iter().find(|item| is_header(item)).unwrap();
        assert!(inner.title.ends_with(header.text()), "{}", inner.title);
        assert!(members.len() > CLUSTER_NOTES.0);
        for member in members {
            let far = member.pos.offset(member.size.width, member.size.height);
            assert!(
                frame.contains(member.pos) && frame.contains(far),
                "{member:?}"
            );
            assert!(member.z > frame.z, "a frame lies under its items");
        }
    }
}

#[test]
fn every_cluster_has_a_header_above_notes_that_line_up_under_it() {
    let board = generate_board(1000, 5);
    let headers: Vec<&Item> = board.items().filter(|item| is_header(item)).collect();
    let notes: Vec<&Item> = board
        .items()
        .filter(|item| !is_header(item) && item.as_frame().is_none())
        .collect();
    assert!(
        headers.len() >= 1000 / (CLUSTER_NOTES.1 + 1),
        "{}",
        headers.len()
    );
    assert!(headers.len() <= 1000 / (CLUSTER_NOTES.0 + 1));
    for note in notes {
        // The header of a note's cluster is the nearest header above it whose columns span it.
        let under = headers.iter().any(|header| {
            note.pos.y > header.pos.y + header.size.height
                && note.center().x > header.pos.x
                && note.center().x < header.pos.x + header.size.width
        });
        assert!(under, "{note:?} sits under no header");
    }
    for header in headers {
        assert_eq!(header.color, PaletteColor::White);
    }
}

#[test]
fn notes_hold_5_to_40_words_in_every_workshop_language() {
    let board = generate_board(2000, 9);
    let mut colours = HashSet::new();
    let notes = board
        .items()
        .filter(|item| matches!(item.kind, ItemKind::Note(_)) && !is_header(item));
    for note in notes {
        let words = note.text().split_whitespace().count();
        assert!(
            (5..=40).contains(&words),
            "{words} words: {:?}",
            note.text()
        );
        colours.insert(note.color);
    }
    assert_eq!(
        colours.len(),
        PaletteColor::ALL.len(),
        "every colour appears"
    );
    let all_text: String = board.items().map(Item::text).collect();
    // English, Albanian, Romanian, Serbian Latin and Cyrillic, Bosnian, Macedonian, Ukrainian,
    // Georgian.
    for letter in ['w', 'ë', 'ș', 'đ', 'ђ', 'џ', 'ѕ', 'ќ', 'ї', 'ґ', 'ქ'] {
        assert!(all_text.contains(letter), "no {letter} on the board");
    }
}

#[test]
fn connectors_join_items_that_are_near_each_other() {
    let board = generate_board(1000, 4);
    for connector in board.connectors() {
        let from = board.item(connector.from).unwrap();
        let to = board.item(connector.to).unwrap();
        // Neighbours in a cluster, a header and its top notes, or two headers side by side.
        let gap_x = (from.pos.x - (to.pos.x + to.size.width))
            .max(to.pos.x - (from.pos.x + from.size.width));
        let gap_y = (from.pos.y - (to.pos.y + to.size.height))
            .max(to.pos.y - (from.pos.y + from.size.height));
        let jitter = 2.0 * JITTER as f32;
        // The shortest item in a cell is a map node.
        let row_gap = LONG_NOTE_SIZE.height - Item::MAP_NODE_SIZE.height + NOTE_GAP + jitter;
        assert!(
            gap_x <= CLUSTER_GAP + jitter && gap_y <= row_gap,
            "{from:?}\nis far from\n{to:?}"
        );
    }
}

#[test]
fn generated_boards_save_and_load_back_equal() {
    let board = generate_board(300, 2);
    let text = board_to_ron(&board);
    let loaded = board_from_ron(&text).unwrap();
    assert_eq!(loaded.board, board);
    assert_eq!(board_to_ron(&loaded.board), text);
}

#[test]
fn the_mix_is_mostly_notes_with_personas_and_map_nodes_and_a_few_shared_photos() {
    let board = generate_board(5000, 6);
    let kinds = board.kind_counts();
    let percent = |n: usize| n * 100 / 5000;
    assert!((66..=76).contains(&percent(kinds.notes)), "{kinds:?}");
    assert!((7..=13).contains(&percent(kinds.personas)), "{kinds:?}");
    assert!((16..=24).contains(&percent(kinds.map_nodes)), "{kinds:?}");
    let mut photos = HashSet::new();
    for item in board.items() {
        if let ItemKind::Persona(persona) = &item.kind {
            let photo = persona.photo.unwrap();
            assert!(board.image(photo).is_some(), "{item:?} has no stored photo");
            photos.insert(photo);
            assert!(!persona.name.is_empty() && !persona.quote.text.is_empty());
        }
        if let ItemKind::MapNode(node) = &item.kind {
            assert!(!node.label.is_empty());
        }
    }
    assert_eq!(
        photos.len(),
        kinds::PHOTOS,
        "each photo is used, and stored once"
    );
    assert_eq!(board.used_images().count(), kinds::PHOTOS);
    let connected_kinds: HashSet<&str> = board
        .connectors()
        .flat_map(|c| [c.from, c.to])
        .filter_map(|id| board.item(id))
        .map(|item| item.kind.name())
        .collect();
    assert_eq!(connected_kinds.len(), 3, "{connected_kinds:?}");
}
