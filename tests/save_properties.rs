//! Whatever opens must save and open again: random valid boards (keys up to the longest a file
//! may hold, items at the edges of the board, nested frames, every script) are saved, opened,
//! edited through the document's gateway with random changes, saved and opened again, and come
//! back exactly as they were.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use civic_canvas::document::Document;
use civic_canvas::edit::rules::{frames, moves};
use civic_canvas::edit::{Command, Origin};
use civic_canvas::model::{
    Board, Connector, ConnectorId, Frame, IdGen, Item, ItemId, MAX_COORDINATE, MAX_ITEM_SIZE,
    MapNode, PaletteColor, Point, Size, ZKey, one_line,
};
use civic_canvas::storage::{board_from_ron, board_to_ron, load_board, save_board};
use proptest::prelude::*;

/// A valid stacking key of any length a file holds: short ones as the app makes them, and long
/// ones at the very top and bottom of the order (all `z`, or `A` and zeros then a fraction).
fn z_key() -> impl Strategy<Value = ZKey> {
    prop_oneof![
        4 => "[a-d][0-9a-z]{1,4}".prop_filter_map("a key", |text| {
            let len = usize::from(text.as_bytes().first()? - b'a') + 2;
            text.get(..len).and_then(|key| key.parse().ok())
        }),
        1 => (27_usize..=256).prop_map(|len| "z".repeat(len).parse().unwrap()),
        1 => (1_usize..=229).prop_map(|len| {
            format!("A{}{}", "0".repeat(26), "1".repeat(len)).parse().unwrap()
        }),
    ]
}

fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => -5_000.0_f32..5_000.0,
        1 => Just(MAX_COORDINATE),
        1 => Just(-MAX_COORDINATE),
        1 => -MAX_COORDINATE..MAX_COORDINATE,
    ]
}

fn extent() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => 40.0_f32..2_000.0,
        1 => Just(MAX_ITEM_SIZE),
        1 => 0.01_f32..1.0,
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.!?'\"\\\\\n\tëçșțčćđђћџѓќѕіїєґქართული\u{301}]{0,30}",
        1 => any::<String>(),
    ]
}

/// One item of a generated board: a note, a map node or a frame (which items may be in).
#[derive(Clone, Debug)]
struct Part {
    pos: (f32, f32),
    size: (f32, f32),
    z: ZKey,
    text: String,
    kind: u8,
    /// Picks a frame among the earlier parts (when there is one).
    frame: Option<usize>,
}

fn part() -> impl Strategy<Value = Part> {
    (
        (coordinate(), coordinate()),
        (extent(), extent()),
        z_key(),
        text(),
        0_u8..3,
        prop::option::of(any::<usize>()),
    )
        .prop_map(|(pos, size, z, text, kind, frame)| Part {
            pos,
            size,
            z,
            text,
            kind,
            frame,
        })
}

/// A valid board from generated parts: items in frames only in frames made before them (so no
/// frame is inside itself), connectors between notes.
fn board() -> impl Strategy<Value = Board> {
    (prop::collection::vec(part(), 0..14), any::<u64>()).prop_map(|(parts, seed)| {
        let mut ids = IdGen::seeded(seed);
        let mut items: Vec<Item> = Vec::new();
        for part in parts {
            let id = ids.item_id(|id| items.iter().any(|item| item.id == id));
            let pos = Point::new(part.pos.0, part.pos.1);
            let mut item = match part.kind {
                0 => Item::note(id, pos, part.z, PaletteColor::Green, part.text),
                // Names and titles are one line (a file's line breaks in them are taken out,
                // with a warning); a note's text keeps its lines.
                1 => Item::map_node(
                    id,
                    pos,
                    part.z,
                    MapNode {
                        label: one_line(&part.text).unwrap_or(part.text),
                        ..MapNode::default()
                    },
                ),
                _ => Item::frame(
                    id,
                    pos,
                    Size::new(part.size.0, part.size.1),
                    part.z,
                    Frame::new(one_line(&part.text).unwrap_or(part.text), 1),
                ),
            };
            item.size = Size::new(part.size.0, part.size.1);
            let frames: Vec<ItemId> = items
                .iter()
                .filter(|item| item.as_frame().is_some())
                .map(|item| item.id)
                .collect();
            item.parent = part
                .frame
                .and_then(|pick| frames.get(pick % frames.len().max(1)).copied());
            items.push(item);
        }
        let notes: Vec<ItemId> = items.iter().map(|item| item.id).collect();
        let connectors: Vec<Connector> = notes
            .windows(2)
            .step_by(2)
            .enumerate()
            .filter_map(|(n, pair)| match pair {
                [a, b] => Some(Connector::new(ConnectorId::from_raw(n as u64 + 1), *a, *b)),
                _ => None,
            })
            .collect();
        Board::from_parts("Properties", items, connectors).unwrap()
    })
}

/// A change a person could make.
#[derive(Clone, Debug)]
enum Change {
    AddOnTop(f32, f32, String),
    AddBelow(f32, f32),
    Move(usize, f32, f32),
    Resize(usize, f32, f32),
    Between(usize, usize),
    FrameAround(Vec<usize>),
    Delete(usize),
    Undo,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => (coordinate(), coordinate(), text()).prop_map(|(x, y, t)| Change::AddOnTop(x, y, t)),
        1 => (coordinate(), coordinate()).prop_map(|(x, y)| Change::AddBelow(x, y)),
        3 => (any::<usize>(), -3_000.0_f32..3_000.0, -3_000.0_f32..3_000.0)
            .prop_map(|(i, dx, dy)| Change::Move(i, dx, dy)),
        1 => (any::<usize>(), extent(), extent()).prop_map(|(i, w, h)| Change::Resize(i, w, h)),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Change::Between(a, b)),
        1 => prop::collection::vec(any::<usize>(), 0..4).prop_map(Change::FrameAround),
        1 => any::<usize>().prop_map(Change::Delete),
        1 => Just(Change::Undo),
    ]
}

fn pick(board: &Board, index: usize) -> Option<&Item> {
    let len = board.items().len();
    (len > 0).then(|| board.items().nth(index % len)).flatten()
}

/// The command for `change`, or `None` when there is nothing to change.
fn command_for(board: &Board, change: &Change, ids: &mut IdGen) -> Option<Command> {
    let fresh = |ids: &mut IdGen| ids.item_id(|id| board.item(id).is_some());
    Some(match change {
        Change::AddOnTop(x, y, text) => Command::AddItem(Box::new(Item::note(
            fresh(ids),
            Point::new(*x, *y),
            board.z_above_all(),
            PaletteColor::Yellow,
            text.clone(),
        ))),
        Change::AddBelow(x, y) => Command::AddItem(Box::new(Item::note(
            fresh(ids),
            Point::new(*x, *y),
            board.z_below_all(),
            PaletteColor::Blue,
            "",
        ))),
        Change::Move(i, dx, dy) => {
            let item = pick(board, *i)?;
            let to = item.pos.offset(*dx, *dy);
            to.off_board().is_none().then_some(())?;
            moves::move_by(board, &[item.id], (*dx, *dy))?
        }
        Change::Resize(i, w, h) => Command::ResizeItem {
            id: pick(board, *i)?.id,
            to: Size::new(*w, *h),
        },
        Change::Between(a, b) => {
            // Squeezed between two neighbours in the stacking order: keys grow each time.
            let order: Vec<&Item> = board.items_bottom_to_top().collect();
            let below = order.get(a % order.len().max(1))?;
            let above = order
                .iter()
                .position(|item| item.id == below.id)
                .and_then(|at| order.get(at + 1));
            Command::SetZ {
                id: pick(board, *b)?.id,
                z: ZKey::between(Some(&below.z), above.map(|item| &item.z)),
            }
        }
        Change::FrameAround(picks) => {
            let items: BTreeSet<ItemId> = picks
                .iter()
                .filter_map(|&i| pick(board, i).map(|item| item.id))
                .collect();
            frames::frame_around(board, fresh(ids), &items, Point::default())
        }
        Change::Delete(i) => Command::delete_items(&[pick(board, *i)?.id]),
        Change::Undo => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn whatever_opens_saves_and_opens_again(
        start in board(),
        changes in prop::collection::vec(change(), 1..24),
        seed in any::<u64>(),
    ) {
        // Any valid board opens (as a file would).
        let opened = board_from_ron(&board_to_ron(&start)).unwrap();
        prop_assert!(opened.warnings.is_empty());
        prop_assert_eq!(&opened.board, &start);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let mut doc = Document::loaded(opened.board, PathBuf::from(&path));
        let mut ids = IdGen::seeded(seed);
        for change in &changes {
            if matches!(change, Change::Undo) {
                doc.undo().unwrap();
            } else if let Some(command) = command_for(doc.board(), change, &mut ids) {
                // A change the board refuses (say, one that would put an item off the board)
                // leaves it as it was; any other is applied.
                let _applied = doc.apply(command, Origin::Local);
            }
            let saved = save_board(&path, doc.board());
            prop_assert!(saved.is_ok(), "{:?}: {}", change, saved.unwrap_err());
            let loaded = load_board(&path).unwrap();
            prop_assert_eq!(&loaded, doc.board());
        }
    }
}
