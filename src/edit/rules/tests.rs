//! The board's rules, checked on plain boards without a window: frames taking in and letting go
//! of items on add, move, resize, paste and delete, nesting, and the map and persona rules.

use std::collections::BTreeSet;

use super::frames::{frame_around, set_collapsed};
use super::{moves, personas};
use crate::edit::{self, Command, ItemField, Origin};
use crate::model::{
    Board, Connector, ConnectorId, EntryList, Frame, Item, ItemId, ItemKind, Level, MapNode,
    PaletteColor, Persona, Point, Size, ZKey,
};

fn id(raw: u64) -> ItemId {
    ItemId::from_raw(raw)
}

fn note(raw: u64, x: f32, y: f32) -> Item {
    Item::note(
        id(raw),
        Point::new(x, y),
        ZKey::middle().after(),
        PaletteColor::Yellow,
        format!("note {raw}"),
    )
}

fn frame(raw: u64, x: f32, y: f32, width: f32, height: f32) -> Item {
    Item::frame(
        id(raw),
        Point::new(x, y),
        Size::new(width, height),
        ZKey::middle(),
        Frame::new(format!("frame {raw}"), u32::try_from(raw).unwrap_or(0)),
    )
}

/// Applies `command` as a gesture at this window would be.
fn local(board: &mut Board, command: Command) -> Command {
    edit::apply(board, command, Origin::Local).unwrap().inverse
}

fn parent(board: &Board, raw: u64) -> Option<u64> {
    board.item(id(raw)).unwrap().parent.map(ItemId::raw)
}

/// A 1000 × 800 frame (1) at the origin, and a note (2) outside it.
fn frame_and_note() -> Board {
    Board::from_parts(
        "Rules",
        [frame(1, 0.0, 0.0, 1000.0, 800.0), note(2, 2000.0, 0.0)],
        [],
    )
    .unwrap()
}

#[test]
fn an_item_added_on_an_open_frame_joins_it_and_undo_takes_both_back() {
    let mut board = frame_and_note();
    let before = board.clone();
    let undo = local(
        &mut board,
        Command::AddItem(Box::new(note(3, 100.0, 100.0))),
    );
    assert_eq!(parent(&board, 3), Some(1));
    undo.apply(&mut board).unwrap();
    assert_eq!(board, before);

    // Not on a collapsed one.
    local(&mut board, set_collapsed(id(1), true));
    local(
        &mut board,
        Command::AddItem(Box::new(note(4, 100.0, 100.0))),
    );
    assert_eq!(parent(&board, 4), None);
}

#[test]
fn a_moved_item_joins_the_frame_it_lands_on_and_leaves_when_it_lands_on_none() {
    let mut board = frame_and_note();
    let moved = moves::move_by(&board, &[id(2)], (-1800.0, 100.0)).unwrap();
    local(&mut board, moved);
    assert_eq!(parent(&board, 2), Some(1));
    // The arrow keys follow the same rule.
    let away = moves::move_by(&board, &[id(2)], (5000.0, 0.0)).unwrap();
    let undo = local(&mut board, away);
    assert_eq!(parent(&board, 2), None);
    undo.apply(&mut board).unwrap();
    assert_eq!(parent(&board, 2), Some(1), "one undo puts it back in");
}

#[test]
fn a_moving_frame_takes_what_is_inside_it_along_and_keeps_it() {
    let mut board = frame_and_note();
    local(
        &mut board,
        Command::AddItem(Box::new(note(3, 100.0, 100.0))),
    );
    let inner = frame(4, 300.0, 300.0, 400.0, 300.0);
    local(&mut board, Command::AddItem(Box::new(inner)));
    local(
        &mut board,
        Command::AddItem(Box::new(note(5, 350.0, 400.0))),
    );
    assert_eq!((parent(&board, 4), parent(&board, 5)), (Some(1), Some(4)));
    let before = board.clone();
    let undo = local(
        &mut board,
        Command::MoveItem {
            id: id(1),
            to: Point::new(50.0, -20.0),
        },
    );
    for (raw, x, y) in [(3, 150.0, 80.0), (4, 350.0, 280.0), (5, 400.0, 380.0)] {
        assert_eq!(board.item(id(raw)).unwrap().pos, Point::new(x, y), "{raw}");
    }
    assert_eq!((parent(&board, 4), parent(&board, 5)), (Some(1), Some(4)));
    undo.apply(&mut board).unwrap();
    assert_eq!(board, before);
}

#[test]
fn a_resized_frame_takes_in_what_it_covers_and_lets_go_of_the_rest() {
    let mut board = frame_and_note();
    local(
        &mut board,
        Command::AddItem(Box::new(note(3, 100.0, 100.0))),
    );
    local(
        &mut board,
        Command::ResizeItem {
            id: id(1),
            to: Size::new(2400.0, 800.0),
        },
    );
    assert_eq!((parent(&board, 2), parent(&board, 3)), (Some(1), Some(1)));
    local(
        &mut board,
        Command::ResizeItem {
            id: id(1),
            to: Size::new(100.0, 100.0),
        },
    );
    assert_eq!((parent(&board, 2), parent(&board, 3)), (None, None));
}

#[test]
fn a_frame_around_items_inside_a_stage_lands_in_the_stage_and_is_drawn_above_it() {
    let mut board = frame_and_note();
    local(
        &mut board,
        Command::AddItem(Box::new(note(3, 100.0, 100.0))),
    );
    local(
        &mut board,
        Command::AddItem(Box::new(note(4, 400.0, 100.0))),
    );
    let cluster = frame_around(
        &board,
        id(9),
        &BTreeSet::from([id(3), id(4)]),
        Point::default(),
    );
    local(&mut board, cluster);
    assert_eq!(parent(&board, 9), Some(1), "the cluster is in the stage");
    assert_eq!((parent(&board, 3), parent(&board, 4)), (Some(9), Some(9)));
    let (stage, cluster) = (board.item(id(1)).unwrap(), board.item(id(9)).unwrap());
    assert_eq!(
        board.stacking_order(cluster, stage),
        std::cmp::Ordering::Greater,
        "nested frames are drawn above the frame they are in"
    );
    // A second empty frame on top of the first is drawn above it.
    let empty = frame_around(&board, id(10), &BTreeSet::new(), Point::new(5000.0, 0.0));
    local(&mut board, empty);
    let empty = frame_around(&board, id(11), &BTreeSet::new(), Point::new(5000.0, 0.0));
    local(&mut board, empty);
    let (first, second) = (board.item(id(10)).unwrap(), board.item(id(11)).unwrap());
    assert_eq!(
        board.stacking_order(second, first),
        std::cmp::Ordering::Greater
    );
}

#[test]
fn a_frame_around_a_frame_holds_it_and_never_itself() {
    let mut board = frame_and_note();
    local(
        &mut board,
        Command::AddItem(Box::new(note(3, 100.0, 100.0))),
    );
    // The selection holds the frame and the note in it: only the frame goes into the new one.
    let around = frame_around(
        &board,
        id(9),
        &BTreeSet::from([id(1), id(3)]),
        Point::default(),
    );
    local(&mut board, around);
    assert_eq!(parent(&board, 1), Some(9));
    assert_eq!(parent(&board, 3), Some(1));
    assert_eq!(
        parent(&board, 9),
        None,
        "it lands in no frame: frame 1 is inside it"
    );
    // Moving the outer frame into the inner one would put it inside itself: it stays out.
    let onto_inner = moves::move_by(&board, &[id(9)], (10.0, 10.0)).unwrap();
    local(&mut board, onto_inner);
    assert_eq!(parent(&board, 9), None);
}

#[test]
fn deleting_a_frame_keeps_its_items_in_the_frame_around_it() {
    let mut board = frame_and_note();
    local(
        &mut board,
        Command::AddItem(Box::new(frame(4, 300.0, 300.0, 400.0, 300.0))),
    );
    local(
        &mut board,
        Command::AddItem(Box::new(note(5, 350.0, 400.0))),
    );
    let before = board.clone();
    let undo = local(&mut board, Command::delete_items(&[id(4)]));
    assert!(board.item(id(4)).is_none());
    assert_eq!(parent(&board, 5), Some(1));
    undo.apply(&mut board).unwrap();
    assert_eq!(board, before);
    // Deleting both frames leaves the note in none.
    local(&mut board, Command::delete_items(&[id(1), id(4)]));
    assert_eq!(parent(&board, 5), None);
}

#[test]
fn deleting_takes_connectors_and_persona_links_along() {
    let mut board = frame_and_note();
    let persona = Item::persona(
        id(6),
        Point::new(3000.0, 0.0),
        ZKey::middle(),
        PaletteColor::Blue,
        Persona::named("Ana"),
    );
    let mut node = Item::map_node(
        id(7),
        Point::new(4000.0, 0.0),
        ZKey::middle(),
        MapNode::default(),
    );
    if let ItemKind::MapNode(map_node) = &mut node.kind {
        map_node.persona = Some(id(6));
    }
    local(&mut board, Command::AddItem(Box::new(persona)));
    local(&mut board, Command::AddItem(Box::new(node)));
    let link = Connector::new(ConnectorId::from_raw(1), id(2), id(6));
    local(&mut board, Command::AddConnector(Box::new(link)));
    let before = board.clone();
    let undo = local(&mut board, Command::delete_items(&[id(6)]));
    assert_eq!(board.connectors().len(), 0);
    let ItemKind::MapNode(map_node) = &board.item(id(7)).unwrap().kind else {
        panic!("a map node");
    };
    assert_eq!(map_node.persona, None);
    undo.apply(&mut board).unwrap();
    assert_eq!(board, before);
}

/// A map node (1) and an influence/interest grid (2) at the origin.
fn node_and_grid() -> Board {
    let grid = Item::backdrop(
        id(2),
        Point::new(0.0, 0.0),
        ZKey::middle(),
        ItemKind::InterestGrid,
    );
    let node = Item::map_node(
        id(1),
        Point::new(-1000.0, 0.0),
        ZKey::middle().after(),
        MapNode::default(),
    );
    Board::from_parts("Map", [node, grid], []).unwrap()
}

fn levels(board: &Board) -> (Level, Level) {
    match &board.item(id(1)).unwrap().kind {
        ItemKind::MapNode(node) => (node.influence, node.interest),
        _ => panic!("a map node"),
    }
}

#[test]
fn a_node_on_the_grid_takes_its_cell_and_a_new_level_moves_it_to_its_cell() {
    let mut board = node_and_grid();
    let grid = board.item(id(2)).unwrap().clone();
    let size = board.item(id(1)).unwrap().size;
    let cell = grid.grid_point(Level::VeryHigh, Level::Low);
    let to = Point::new(cell.x - size.width / 2.0, cell.y - size.height / 2.0);
    local(&mut board, Command::MoveItem { id: id(1), to });
    assert_eq!(levels(&board), (Level::VeryHigh, Level::Low));

    local(
        &mut board,
        Command::SetField {
            id: id(1),
            field: ItemField::Interest(Level::High),
        },
    );
    assert_eq!(levels(&board), (Level::VeryHigh, Level::High));
    let center = board.item(id(1)).unwrap().center();
    assert_eq!(
        grid.grid_levels(center),
        Some((Level::VeryHigh, Level::High))
    );
}

#[test]
fn a_note_on_an_impact_grid_takes_its_cell_moves_with_a_new_place_and_loses_it_off_the_grid() {
    let grid = Item::backdrop(
        id(2),
        Point::new(0.0, 0.0),
        ZKey::middle(),
        ItemKind::ImpactGrid,
    );
    let on_influence_grid = Item::backdrop(
        id(3),
        Point::new(3000.0, 0.0),
        ZKey::middle(),
        ItemKind::InterestGrid,
    );
    let mut board = Board::from_parts(
        "Ideas",
        [note(1, -1000.0, 0.0), grid, on_influence_grid],
        [],
    )
    .unwrap();
    let place = |board: &Board| match &board.item(id(1)).unwrap().kind {
        ItemKind::Note(note) => note.impact.zip(note.effort),
        _ => panic!("a note"),
    };
    let grid = board.item(id(2)).unwrap().clone();
    let size = board.item(id(1)).unwrap().size;
    let at = |cell: Point| Point::new(cell.x - size.width / 2.0, cell.y - size.height / 2.0);
    let to = at(grid.grid_point(Level::High, Level::Low));
    local(&mut board, Command::MoveItem { id: id(1), to });
    assert_eq!(place(&board), Some((Level::High, Level::Low)), "quick win");

    local(
        &mut board,
        Command::SetField {
            id: id(1),
            field: ItemField::ImpactEffort(Some((Level::Low, Level::VeryHigh))),
        },
    );
    let center = board.item(id(1)).unwrap().center();
    assert_eq!(
        grid.grid_levels(center),
        Some((Level::Low, Level::VeryHigh)),
        "the note moved to its new cell"
    );

    // An influence/interest grid is for map nodes: a note there has no place.
    let influence = board.item(id(3)).unwrap().clone();
    let to = at(influence.grid_point(Level::High, Level::High));
    local(&mut board, Command::MoveItem { id: id(1), to });
    assert_eq!(place(&board), None);
}

#[test]
fn a_node_dropped_on_rings_settles_in_the_middle_of_its_ring() {
    let rings = Item::backdrop(
        id(2),
        Point::new(0.0, 0.0),
        ZKey::middle(),
        ItemKind::Rings(crate::model::Rings::default()),
    );
    let node = Item::map_node(
        id(1),
        Point::new(-1000.0, 0.0),
        ZKey::middle(),
        MapNode::default(),
    );
    let mut board = Board::from_parts("Rings", [node, rings], []).unwrap();
    // Centre (600, 648), radius 600: drop the node's centre 250 left of it, in ring 1.
    let size = board.item(id(1)).unwrap().size;
    let from = board.item(id(1)).unwrap().center();
    let delta = (600.0 - 250.0 - from.x, 648.0 - from.y);
    let dropped = moves::drop_by(&board, &[id(1)], delta).unwrap();
    local(&mut board, dropped);
    let center = board.item(id(1)).unwrap().center();
    assert!(
        (center.x - 300.0).abs() < 0.01 && (center.y - 648.0).abs() < 0.01,
        "{center:?}"
    );
    assert_eq!(board.item(id(1)).unwrap().size, size);
}

#[test]
fn a_node_keeping_its_type_colour_takes_the_new_types_colour() {
    let mut board = node_and_grid();
    local(
        &mut board,
        Command::SetField {
            id: id(1),
            field: ItemField::NodeType(crate::model::NodeType::Regulator),
        },
    );
    assert_eq!(board.item(id(1)).unwrap().color, PaletteColor::Red);
    local(
        &mut board,
        Command::SetColor {
            id: id(1),
            color: PaletteColor::Green,
        },
    );
    local(
        &mut board,
        Command::SetField {
            id: id(1),
            field: ItemField::NodeType(crate::model::NodeType::Business),
        },
    );
    assert_eq!(
        board.item(id(1)).unwrap().color,
        PaletteColor::Green,
        "a colour of its own stays"
    );
}

#[test]
fn a_note_becomes_a_persona_entry_and_an_entry_a_note_again() {
    let mut board = frame_and_note();
    let persona = Item::persona(
        id(6),
        Point::new(3000.0, 0.0),
        ZKey::middle(),
        PaletteColor::Blue,
        Persona::named("Ana"),
    );
    local(&mut board, Command::AddItem(Box::new(persona)));
    let before = board.clone();
    let into = personas::note_into_entry(&board, id(2), id(6), EntryList::Needs).unwrap();
    let undo = local(&mut board, into);
    assert!(board.item(id(2)).is_none());
    assert_eq!(
        board.item(id(6)).unwrap().kind.entries(EntryList::Needs)[0].text,
        "note 2"
    );
    undo.apply(&mut board.clone()).unwrap();

    let out = personas::entry_into_note(&board, id(6), EntryList::Needs, 0, note(8, 100.0, 100.0))
        .unwrap();
    local(&mut board, out);
    assert_eq!(board.item(id(8)).unwrap().text(), "note 2");
    assert!(
        board
            .item(id(6))
            .unwrap()
            .kind
            .entries(EntryList::Needs)
            .is_empty()
    );
    assert_eq!(
        parent(&board, 8),
        Some(1),
        "the note lands in the frame under it"
    );
    assert!(personas::note_into_entry(&before, id(6), id(2), EntryList::Needs).is_none());
}

#[test]
fn copies_of_a_frame_hold_the_copies_of_what_was_in_it() {
    let mut board = frame_and_note();
    local(
        &mut board,
        Command::AddItem(Box::new(note(3, 100.0, 100.0))),
    );
    let mut ids = crate::model::IdGen::seeded(9);
    let originals: Vec<Item> = [1, 3]
        .map(|raw| board.item(id(raw)).unwrap().clone())
        .into();
    let copied =
        super::copies::copies(&board, &mut ids, "Duplicate", originals, [], (32.0, 32.0)).unwrap();
    local(&mut board, copied.command);
    let made: Vec<&Item> = copied
        .ids
        .iter()
        .map(|&copy| board.item(copy).unwrap())
        .collect();
    let frame_copy = made.iter().find(|item| item.as_frame().is_some()).unwrap();
    let note_copy = made.iter().find(|item| item.as_frame().is_none()).unwrap();
    assert_eq!(
        note_copy.parent,
        Some(frame_copy.id),
        "the copy is in the frame's copy"
    );
    assert_eq!(
        frame_copy.parent, None,
        "it sticks out of frame 1, so it is not inside it"
    );
    assert_eq!(note_copy.pos, Point::new(132.0, 132.0));

    // A note copied without its frame lands where it is put: here, on frame 1 left of the copy.
    let alone = vec![board.item(id(3)).unwrap().clone()];
    let copied =
        super::copies::copies(&board, &mut ids, "Paste", alone, [], (-200.0, 0.0)).unwrap();
    local(&mut board, copied.command);
    let pasted = copied.ids.first().copied().unwrap();
    assert_eq!(board.item(pasted).unwrap().parent, Some(id(1)));
}

#[test]
fn keys_that_grow_long_are_made_short_again_in_the_same_step() {
    // The longest key a file may hold, on top: the next key above it would be longer still.
    let mut top = note(1, 0.0, 0.0);
    top.z = "z".repeat(256).parse().unwrap();
    let mut board = Board::from_parts("Keys", [top, note(2, 300.0, 0.0)], []).unwrap();
    let before = board.clone();
    let mut third = note(3, 600.0, 0.0);
    third.z = board.z_above_all();
    assert!(
        third.z.as_str().len() > 256,
        "the key above it is too long for a file"
    );
    let undo = local(&mut board, Command::AddItem(Box::new(third)));
    let stacked: Vec<u64> = board
        .items_bottom_to_top()
        .map(|item| item.id.raw())
        .collect();
    assert_eq!(stacked, [2, 1, 3], "the order is kept");
    assert!(
        board.items().all(|item| item.z.as_str().len() <= 2),
        "{:?}",
        board.items().map(|item| item.z.clone()).collect::<Vec<_>>()
    );
    undo.apply(&mut board).unwrap();
    assert_eq!(
        board, before,
        "one undo takes back the note and the new keys"
    );
}

#[test]
fn names_titles_and_labels_stay_on_one_line_and_notes_keep_their_lines() {
    let mut board = frame_and_note();
    let node = Item::map_node(
        id(3),
        Point::new(3000.0, 0.0),
        ZKey::middle().after(),
        MapNode {
            label: "Social\nworkers".to_owned(),
            ..MapNode::default()
        },
    );
    local(&mut board, Command::AddItem(Box::new(node)));
    local(
        &mut board,
        Command::SetText {
            id: id(1),
            text: "Stage 1:\r\n\tIdeation".to_owned(),
        },
    );
    local(
        &mut board,
        Command::SetText {
            id: id(2),
            text: "Two\nlines".to_owned(),
        },
    );
    local(&mut board, Command::SetTitle("Kickoff\n".to_owned()));
    let text = |raw| board.item(id(raw)).unwrap().text().to_owned();
    assert_eq!(text(3), "Social workers");
    assert_eq!(text(1), "Stage 1: Ideation");
    assert_eq!(text(2), "Two\nlines");
    assert_eq!(board.title(), "Kickoff");
}
