use super::*;
use crate::edit::{Command, History};
use crate::model::{CONNECTOR_BOW, IdGen, PaletteColor, Rings};

fn note(raw: u64, x: f32, y: f32, z: &ZKey) -> Item {
    Item::note(
        ItemId::from_raw(raw),
        Point::new(x, y),
        z.clone(),
        PaletteColor::Yellow,
        "",
    )
}

/// Two notes far apart (1 and 2) and a connector between them (10).
fn two_notes() -> Board {
    let z = ZKey::middle();
    let a = note(1, 0.0, 0.0, &z);
    let b = note(2, 5000.0, 0.0, &z.after());
    let link = Connector::new(ConnectorId::from_raw(10), a.id, b.id);
    Board::from_parts("Index", [a, b], [link]).unwrap()
}

fn hit(board: &Board, x: f32, y: f32) -> Option<u64> {
    board.item_at(Point::new(x, y)).map(|item| item.id.raw())
}

fn ids_in(board: &Board, min: (f32, f32), max: (f32, f32)) -> Vec<u64> {
    board
        .items_in(Point::new(min.0, min.1), Point::new(max.0, max.1))
        .iter()
        .map(|item| item.id.raw())
        .collect()
}

fn connectors_in(board: &Board, min: (f32, f32), max: (f32, f32)) -> Vec<u64> {
    board
        .connectors_in(Point::new(min.0, min.1), Point::new(max.0, max.1))
        .iter()
        .map(|connector| connector.id.raw())
        .collect()
}

#[test]
fn a_moved_item_is_found_where_it_went_and_undo_brings_it_back() {
    let mut board = two_notes();
    let mut history = History::default();
    assert_eq!(hit(&board, 10.0, 10.0), Some(1));
    let to = Point::new(-20_000.0, 9000.0);
    history
        .apply(
            &mut board,
            Command::MoveItem {
                id: ItemId::from_raw(1),
                to,
            },
        )
        .unwrap();
    assert_eq!(hit(&board, 10.0, 10.0), None);
    assert_eq!(hit(&board, -19_990.0, 9010.0), Some(1));
    assert_eq!(
        ids_in(&board, (-100.0, -100.0), (300.0, 300.0)),
        Vec::<u64>::new()
    );
    assert_eq!(
        ids_in(&board, (-30_000.0, 8000.0), (-19_000.0, 9500.0)),
        vec![1]
    );
    // The connector reaches from the note's new place to the other note.
    assert_eq!(
        connectors_in(&board, (-10_000.0, 5000.0), (-9000.0, 6000.0)),
        vec![10]
    );
    // Not as far the other way (beyond how far a curve between them could bow).
    assert_eq!(
        connectors_in(&board, (100.0, -15_000.0), (200.0, -14_900.0)),
        Vec::<u64>::new()
    );

    history.undo(&mut board).unwrap();
    assert_eq!(board, two_notes());
    assert_eq!(hit(&board, 10.0, 10.0), Some(1));
    assert_eq!(hit(&board, -19_990.0, 9010.0), None);
    assert_eq!(
        connectors_in(&board, (-10_000.0, 5000.0), (-9000.0, 6000.0)),
        Vec::<u64>::new()
    );
    assert_eq!(
        connectors_in(&board, (2000.0, 50.0), (2001.0, 51.0)),
        vec![10]
    );
}

#[test]
fn a_connector_is_found_along_the_bow_of_its_curve_but_not_far_beyond() {
    // Two notes side by side: a curve between them bows above or below the line joining them,
    // outside both notes.
    let board = two_notes();
    let [a, b] = [1, 2].map(|raw| board.item(ItemId::from_raw(raw)).unwrap().rect().center());
    let distance = (b.x - a.x).hypot(b.y - a.y);
    let middle = a.x.midpoint(b.x);
    for side in [-1.0, 1.0] {
        let bow = a.y + side * CONNECTOR_BOW * distance;
        assert_eq!(
            connectors_in(&board, (middle, bow), (middle + 1.0, bow + 1.0)),
            vec![10]
        );
        let beyond = a.y + side * 3.0 * CONNECTOR_BOW * distance;
        assert_eq!(
            connectors_in(&board, (middle, beyond), (middle + 1.0, beyond + 1.0)),
            Vec::<u64>::new()
        );
    }
}

#[test]
fn a_resized_item_is_found_over_its_new_extent() {
    let mut board = two_notes();
    let id = ItemId::from_raw(1);
    let inverse = Command::ResizeItem {
        id,
        to: Size::new(20_000.0, 30.0),
    }
    .apply(&mut board)
    .unwrap();
    assert_eq!(hit(&board, 15_000.0, 20.0), Some(1));
    assert_eq!(hit(&board, 100.0, 100.0), None);
    // The connector now reaches past the other note.
    assert_eq!(
        connectors_in(&board, (15_000.0, 0.0), (15_001.0, 1.0)),
        vec![10]
    );
    inverse.apply(&mut board).unwrap();
    assert_eq!(hit(&board, 15_000.0, 20.0), None);
    assert_eq!(hit(&board, 100.0, 100.0), Some(1));
    assert_eq!(
        connectors_in(&board, (15_000.0, 0.0), (15_001.0, 1.0)),
        Vec::<u64>::new()
    );
}

#[test]
fn removed_items_and_connectors_are_gone_from_the_index_until_undone() {
    let mut board = two_notes();
    let inverse = crate::edit::apply(
        &mut board,
        Command::delete_items(&[ItemId::from_raw(2)]),
        crate::edit::Origin::Local,
    )
    .unwrap()
    .inverse;
    assert_eq!(hit(&board, 5010.0, 10.0), None);
    assert_eq!(ids_in(&board, (-1e9, -1e9), (1e9, 1e9)), vec![1]);
    assert_eq!(
        connectors_in(&board, (-1e9, -1e9), (1e9, 1e9)),
        Vec::<u64>::new()
    );
    assert_eq!(board.connectors_of(ItemId::from_raw(1)).count(), 0);
    inverse.apply(&mut board).unwrap();
    assert_eq!(hit(&board, 5010.0, 10.0), Some(2));
    assert_eq!(connectors_in(&board, (-1e9, -1e9), (1e9, 1e9)), vec![10]);
    let of_1: Vec<u64> = board
        .connectors_of(ItemId::from_raw(1))
        .map(|c| c.id.raw())
        .collect();
    assert_eq!(of_1, vec![10]);
}

#[test]
fn changing_geometry_through_item_mut_is_noticed() {
    let mut board = two_notes();
    if let Some(mut item) = board.item_mut(ItemId::from_raw(2)) {
        item.pos = Point::new(1e30, -1e30);
        item.z = ZKey::middle().before();
    }
    assert_eq!(hit(&board, 5010.0, 10.0), None);
    assert_eq!(hit(&board, 1e30, -1e30), Some(2));
    let bottom = board.items_bottom_to_top().next().map(|item| item.id.raw());
    assert_eq!(bottom, Some(2));
    assert_eq!(
        connectors_in(&board, (1e29, -1e29), (1e29, -1e29)),
        vec![10]
    );
}

#[test]
fn set_pos_and_set_size_return_the_old_values() {
    let mut board = two_notes();
    let id = ItemId::from_raw(1);
    assert_eq!(
        board.set_pos(id, Point::new(3.0, 4.0)),
        Some(Point::new(0.0, 0.0))
    );
    assert_eq!(
        board.set_size(id, Size::new(1.0, 1.0)),
        Some(Item::NOTE_SIZE)
    );
    assert_eq!(hit(&board, 3.5, 4.5), Some(1));
    assert_eq!(hit(&board, 100.0, 100.0), None);
    assert_eq!(
        board.set_pos(ItemId::from_raw(99), Point::new(0.0, 0.0)),
        None
    );
    assert_eq!(board.set_size(ItemId::from_raw(99), Item::NOTE_SIZE), None);
}

#[test]
fn equality_ignores_how_the_index_got_where_it_is() {
    let mut board = two_notes();
    let id = ItemId::from_raw(1);
    for to in [
        Point::new(1e6, 1e6),
        Point::new(-3.0, 7.0),
        Point::new(0.0, 0.0),
    ] {
        board.set_pos(id, to);
    }
    assert_eq!(board, two_notes());
    board.set_pos(id, Point::new(1.0, 0.0));
    assert_ne!(board, two_notes());
}

#[test]
fn a_backdrop_is_hit_only_on_its_title_strip_even_under_a_note() {
    let z = ZKey::middle();
    let rings = Item::backdrop(
        ItemId::from_raw(5),
        Point::new(-600.0, -600.0),
        z.clone(),
        ItemKind::Rings(Rings::default()),
    );
    let on_top = note(6, -500.0, -500.0, &z.after());
    let board = Board::from_parts("Map", [rings, on_top], []).unwrap();
    assert_eq!(hit(&board, -590.0, -590.0), Some(5));
    assert_eq!(hit(&board, -400.0, -400.0), Some(6));
    assert_eq!(hit(&board, 400.0, 400.0), None);
    // Both meet a rectangle over the middle of the rings, backdrop first.
    assert_eq!(ids_in(&board, (-450.0, -450.0), (0.0, 0.0)), vec![5, 6]);
}

#[test]
fn items_in_a_large_part_of_a_board_come_bottom_to_top() {
    let mut ids = IdGen::seeded(3);
    let mut z = ZKey::middle();
    let mut items = Vec::new();
    for n in 0..200 {
        // Each new item goes below the ones before, so stacking order is not placement order.
        z = z.before();
        items.push(Item::note(
            ids.item_id(|_| false),
            Point::new((n % 20) as f32 * 300.0, (n / 20) as f32 * 300.0),
            z.clone(),
            PaletteColor::Blue,
            "",
        ));
    }
    let board = Board::from_parts("Many", items, []).unwrap();
    let expected: Vec<ItemId> = board.items_bottom_to_top().map(|item| item.id).collect();
    let all: Vec<ItemId> = board
        .items_in(Point::new(-1.0, -1.0), Point::new(1e5, 1e5))
        .iter()
        .map(|item| item.id)
        .collect();
    assert_eq!(all, expected);
    let few: Vec<ItemId> = board
        .items_in(Point::new(0.0, 0.0), Point::new(700.0, 10.0))
        .iter()
        .map(|item| item.id)
        .collect();
    let expected_few: Vec<ItemId> = expected
        .into_iter()
        .filter(|id| {
            board
                .item(*id)
                .is_some_and(|item| item.pos.y == 0.0 && item.pos.x <= 700.0)
        })
        .collect();
    assert_eq!(few.len(), 3);
    assert_eq!(few, expected_few);
}

#[test]
fn every_change_gives_the_board_a_new_stamp_and_a_copy_keeps_it() {
    let mut board = two_notes();
    let copy = board.clone();
    assert_eq!(copy.stamp(), board.stamp());
    assert_ne!(Board::new("Index").stamp(), Board::new("Index").stamp());

    let mut seen = vec![board.stamp()];
    let mut changed = |board: &Board| {
        assert!(!seen.contains(&board.stamp()), "a change kept an old stamp");
        seen.push(board.stamp());
    };
    board.set_pos(ItemId::from_raw(1), Point::new(10.0, 0.0));
    changed(&board);
    board.set_size(ItemId::from_raw(1), Size::new(50.0, 50.0));
    changed(&board);
    board.set_z(ItemId::from_raw(1), ZKey::middle().after().after());
    changed(&board);
    board.set_title("Renamed".to_owned());
    changed(&board);
    board
        .connector_mut(ConnectorId::from_raw(10))
        .unwrap()
        .label = "uses".to_owned();
    changed(&board);
    board.remove_connector(ConnectorId::from_raw(10));
    changed(&board);
    let removed = board.remove_item(ItemId::from_raw(2)).unwrap();
    changed(&board);
    board.insert_item(removed).unwrap();
    changed(&board);
    // The copy taken before is still the board it was.
    assert_eq!(copy.stamp(), seen[0]);
}

#[test]
fn stages_are_numbered_on_their_own_and_frames_inside_after_their_stage() {
    let frame = |raw: u64, x: f32, width: f32, order: u32, parent: Option<u64>| {
        let mut item = Item::frame(
            ItemId::from_raw(raw),
            Point::new(x, 0.0),
            Size::new(width, 900.0),
            ZKey::middle(),
            crate::model::Frame::new("", order),
        );
        item.parent = parent.map(ItemId::from_raw);
        item
    };
    let items = [
        frame(1, 0.0, 2000.0, 3, None),
        frame(2, 3000.0, 1000.0, 1, None),
        frame(3, 100.0, 800.0, 2, Some(1)),
        frame(4, 1000.0, 800.0, 5, Some(1)),
        frame(5, 150.0, 400.0, 4, Some(3)),
    ];
    let board = Board::from_parts("Stages", items, []).unwrap();
    let numbers = board.frame_numbers();
    let number = |raw: u64| numbers[&ItemId::from_raw(raw)].as_str();
    assert_eq!(
        [number(2), number(1), number(3), number(4), number(5)],
        ["1", "2", "2.1", "2.2", "2.1.1"]
    );
    assert_eq!(Board::numbered("2", "Ideation"), "2. Ideation");
    assert_eq!(Board::numbered("2.1", "Waiting"), "2.1 Waiting");
}
