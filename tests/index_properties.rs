//! The board's spatial index, checked on random edit sequences: after every step, and after
//! undoing and redoing, `item_at`, `items_in`, `connectors_in` and `connectors_of` give exactly
//! what a scan over all items and connectors gives. Items are tiny to huge, near and far out
//! (within the limits edit enforces: positions within ±10,000,000, sizes up to 100,000).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::edit::{Command, History, rules};
use civic_canvas::model::sketch::Sample;
use civic_canvas::model::{
    Board, CONNECTOR_BOW, Connector, ConnectorId, IdGen, Item, ItemKind, MapNode, PaletteColor,
    Point, Rings, Size, StrokeTool, ZKey,
};
use proptest::prelude::*;

/// One step of a random edit session; indices pick among whatever exists when the step runs.
#[derive(Clone, Debug)]
enum Action {
    AddNote(Point, Size),
    AddMapNode(Point),
    AddBackdrop(Point),
    /// A pen stroke from the point through these offsets.
    AddStroke(Point, Vec<(f32, f32)>),
    Delete(usize),
    Move(usize, Point),
    Resize(usize, Size),
    SetZ(usize, bool),
    Connect(usize, usize),
    Disconnect(usize),
    /// Moves and resizes several items in one step, as a drag of a selection does.
    Batch(Vec<(usize, Point, Size)>),
    Undo,
    Redo,
}

/// Mostly near the origin, where items crowd and overlap; sometimes far out.
fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        6 => -3_000.0_f32..3_000.0,
        2 => -1e6_f32..1e6,
        1 => -1e7_f32..1e7,
        1 => prop::sample::select(vec![0.0, 255.9, 256.0, -256.0, 2048.0, -1e-3]),
    ]
}

fn point() -> impl Strategy<Value = Point> {
    (coordinate(), coordinate()).prop_map(|(x, y)| Point::new(x, y))
}

/// From specks to frames larger than any cell of the index's lower levels.
fn extent() -> impl Strategy<Value = f32> {
    prop_oneof![
        1 => 0.01_f32..2.0,
        6 => 20.0_f32..400.0,
        2 => 400.0_f32..20_000.0,
        1 => 2e4_f32..1e5,
    ]
}

fn size() -> impl Strategy<Value = Size> {
    (extent(), extent()).prop_map(|(w, h)| Size::new(w, h))
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (point(), size()).prop_map(|(p, s)| Action::AddNote(p, s)),
        1 => point().prop_map(Action::AddMapNode),
        1 => point().prop_map(Action::AddBackdrop),
        2 => (point(), prop::collection::vec((-400.0_f32..400.0, -400.0_f32..400.0), 1..30))
            .prop_map(|(p, path)| Action::AddStroke(p, path)),
        1 => any::<usize>().prop_map(Action::Delete),
        4 => (any::<usize>(), point()).prop_map(|(i, p)| Action::Move(i, p)),
        3 => (any::<usize>(), size()).prop_map(|(i, s)| Action::Resize(i, s)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, top)| Action::SetZ(i, top)),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Action::Connect(a, b)),
        1 => any::<usize>().prop_map(Action::Disconnect),
        1 => prop::collection::vec((any::<usize>(), point(), size()), 1..5).prop_map(Action::Batch),
        2 => Just(Action::Undo),
        1 => Just(Action::Redo),
    ]
}

fn pick(board: &Board, index: usize) -> Option<&Item> {
    let len = board.items().len();
    (len > 0).then(|| board.items().nth(index % len)).flatten()
}

/// The command an action stands for, or `None` for undo, redo and when there is nothing to act
/// on.
fn command_for(board: &Board, action: &Action, ids: &mut IdGen) -> Option<Command> {
    let new_id = |ids: &mut IdGen| ids.item_id(|id| board.item(id).is_some());
    Some(match action {
        Action::AddNote(pos, size) => {
            let mut note = Item::note(
                new_id(ids),
                *pos,
                board.z_above_all(),
                PaletteColor::Yellow,
                "note",
            );
            note.size = *size;
            Command::AddItem(Box::new(note))
        }
        Action::AddMapNode(pos) => Command::AddItem(Box::new(Item::map_node(
            new_id(ids),
            *pos,
            board.z_above_all(),
            MapNode::default(),
        ))),
        Action::AddBackdrop(pos) => Command::AddItem(Box::new(Item::backdrop(
            new_id(ids),
            *pos,
            board.z_below_all(),
            ItemKind::Rings(Rings::default()),
        ))),
        Action::AddStroke(pos, path) => {
            let samples: Vec<Sample> = path
                .iter()
                .map(|&(dx, dy)| Sample::new(pos.offset(dx, dy), None))
                .collect();
            Command::AddItem(Box::new(Item::stroke(
                new_id(ids),
                &samples,
                StrokeTool::Pen,
                board.z_above_all(),
                PaletteColor::Grey,
            )?))
        }
        // With its connectors, as the board's rules add them.
        Action::Delete(i) => {
            rules::expand(board, Command::delete_items(&[pick(board, *i)?.id])).ok()?
        }
        Action::Move(i, to) => Command::MoveItem {
            id: pick(board, *i)?.id,
            to: *to,
        },
        Action::Resize(i, to) => Command::ResizeItem {
            id: pick(board, *i)?.id,
            to: *to,
        },
        Action::SetZ(i, top) => Command::SetZ {
            id: pick(board, *i)?.id,
            z: if *top {
                board.z_above_all()
            } else {
                board.z_below_all()
            },
        },
        Action::Connect(a, b) => Command::AddConnector(Box::new(Connector::new(
            ids.connector_id(|id| board.connector(id).is_some()),
            pick(board, *a)?.id,
            pick(board, *b)?.id,
        ))),
        Action::Disconnect(i) => {
            let len = board.connectors().len();
            let connector = board.connectors().nth(i % len.max(1))?;
            Command::RemoveConnector(connector.id)
        }
        Action::Batch(changes) => Command::Batch {
            label: "Move",
            commands: changes
                .iter()
                .filter_map(|(i, to, size)| {
                    let id = pick(board, *i)?.id;
                    Some([
                        Command::MoveItem { id, to: *to },
                        Command::ResizeItem { id, to: *size },
                    ])
                })
                .flatten()
                .collect(),
        },
        Action::Undo | Action::Redo => return None,
    })
}

/// Whether an item's rectangle meets the rectangle from `min` to `max`, edges included.
fn meets(item: &Item, min: Point, max: Point) -> bool {
    item.pos.x <= max.x
        && item.pos.y <= max.y
        && item.pos.x + item.size.width >= min.x
        && item.pos.y + item.size.height >= min.y
}

/// The rectangle around a connector's two items, grown on every side by how far a curve
/// between them could bow (twice `CONNECTOR_BOW` of the distance between their centres), as
/// (min, max).
fn reach(board: &Board, connector: &Connector) -> (Point, Point) {
    let [a, b] = [connector.from, connector.to].map(|id| board.item(id).unwrap().rect());
    let (from, to) = (a.center(), b.center());
    let bow = 2.0 * CONNECTOR_BOW * (to.x - from.x).hypot(to.y - from.y);
    let around = a.union(b);
    (around.min.offset(-bow, -bow), around.max.offset(bow, bow))
}

/// Points worth testing: every item's corners, centre and title strip, just outside its edges,
/// the points a stroke's line goes through, and `extra`.
fn probes(board: &Board, extra: &[Point]) -> Vec<Point> {
    let mut points = extra.to_vec();
    for item in board.items() {
        let (w, h) = (item.size.width, item.size.height);
        points.extend([
            item.pos,
            item.pos.offset(w, h),
            item.pos.offset(w / 2.0, h / 2.0),
            item.pos.offset(w / 2.0, 10.0),
            item.pos.offset(-0.01, h / 2.0),
            item.pos.offset(w / 2.0, h + 0.01),
        ]);
        if let Some(stroke) = item.as_stroke() {
            points.extend(
                stroke
                    .samples_in(item.rect())
                    .iter()
                    .map(|sample| sample.at),
            );
        }
    }
    points
}

/// The index answers exactly what a scan over everything answers.
fn assert_index_agrees(board: &Board, extra: &[Point]) -> Result<(), TestCaseError> {
    let points = probes(board, extra);
    for &point in &points {
        // What is drawn on top: backdrops under everything else, then by z key and id.
        let scanned = board
            .items()
            .filter(|item| item.picks(point))
            .max_by_key(|item| (!item.is_backdrop(), &item.z, item.id))
            .map(|item| item.id);
        prop_assert_eq!(
            board.item_at(point).map(|item| item.id),
            scanned,
            "at {:?}",
            point
        );
    }
    // Rectangles between pairs of probe points, from a point to itself up to the whole board.
    for pair in points.windows(2).step_by(3).take(40) {
        let [a, b] = pair else { continue };
        let min = Point::new(a.x.min(b.x), a.y.min(b.y));
        let max = Point::new(a.x.max(b.x), a.y.max(b.y));
        let found: Vec<_> = board
            .items_in(min, max)
            .iter()
            .map(|item| item.id)
            .collect();
        let scanned: Vec<_> = board
            .items_bottom_to_top()
            .filter(|item| meets(item, min, max))
            .map(|item| item.id)
            .collect();
        prop_assert_eq!(found, scanned, "items in {:?}..{:?}", min, max);

        let found: Vec<_> = board.connectors_in(min, max).iter().map(|c| c.id).collect();
        let scanned: Vec<ConnectorId> = board
            .connectors()
            .filter(|connector| {
                let (c_min, c_max) = reach(board, connector);
                c_min.x <= max.x && c_min.y <= max.y && c_max.x >= min.x && c_max.y >= min.y
            })
            .map(|connector| connector.id)
            .collect();
        prop_assert_eq!(found, scanned, "connectors in {:?}..{:?}", min, max);
    }
    for item in board.items() {
        let found: Vec<_> = board.connectors_of(item.id).map(|c| c.id).collect();
        let scanned: Vec<_> = board
            .connectors()
            .filter(|c| c.from == item.id || c.to == item.id)
            .map(|c| c.id)
            .collect();
        prop_assert_eq!(found, scanned);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn hit_testing_and_culling_agree_with_a_scan(
        actions in prop::collection::vec(action(), 1..40),
        extra in prop::collection::vec(point(), 8),
        seed in any::<u64>(),
    ) {
        let mut ids = IdGen::seeded(seed);
        let mut board = Board::from_parts("Index", [], []).unwrap();
        let mut history = History::default();
        for action in &actions {
            match action {
                Action::Undo => { history.undo(&mut board).unwrap(); }
                Action::Redo => { history.redo(&mut board).unwrap(); }
                _ => {
                    let Some(command) = command_for(&board, action, &mut ids) else { continue };
                    history.apply(&mut board, command).unwrap();
                }
            }
            assert_index_agrees(&board, &extra)?;
        }
        // A board built afresh from the same items and connectors is equal, and indexes alike.
        let rebuilt = Board::from_parts(
            board.title(),
            board.items().cloned(),
            board.connectors().cloned(),
        )
        .unwrap();
        prop_assert_eq!(&rebuilt, &board);
        assert_index_agrees(&rebuilt, &extra)?;
        while history.undo(&mut board).unwrap() {}
        prop_assert_eq!(board.items().len(), 0);
        assert_index_agrees(&board, &extra)?;
    }
}

/// The stacking of items that share a place decides the hit, and follows restacking.
#[test]
fn the_topmost_of_overlapping_items_is_hit() {
    let mut board = Board::from_parts("Stack", [], []).unwrap();
    let mut z = ZKey::middle();
    let mut ids = Vec::new();
    for n in 0..5_u64 {
        let id = civic_canvas::model::ItemId::from_raw(n + 1);
        let note = Item::note(
            id,
            Point::new(n as f32 * 10.0, 0.0),
            z.clone(),
            PaletteColor::Blue,
            "",
        );
        z = z.after();
        Command::AddItem(Box::new(note)).apply(&mut board).unwrap();
        ids.push(id);
    }
    let at = Point::new(45.0, 50.0);
    assert_eq!(board.item_at(at).map(|item| item.id), ids.last().copied());
    Command::SetZ {
        id: ids[1],
        z: board.z_above_all(),
    }
    .apply(&mut board)
    .unwrap();
    assert_eq!(board.item_at(at).map(|item| item.id), Some(ids[1]));
    let in_view: Vec<_> = board.items_in(at, at).iter().map(|item| item.id).collect();
    assert_eq!(in_view, vec![ids[0], ids[2], ids[3], ids[4], ids[1]]);
}
