//! Moving items by the keyboard or by a drag, and settling map nodes dropped on stakeholder
//! rings in the middle of their ring.

use crate::edit::Command;
use crate::model::{Board, Item, ItemId, ItemKind, Point};

/// One step that moves `ids` by `(dx, dy)` (the arrow keys); `None` when nothing moves.
pub fn move_by(board: &Board, ids: &[ItemId], (dx, dy): (f32, f32)) -> Option<Command> {
    moves(board, ids, (dx, dy), |_, to| to)
}

/// One step that drops `ids`, dragged `(dx, dy)` away: a map node dropped on stakeholder rings
/// settles in the middle of its ring, along the line from the rings' centre. `None` when nothing
/// moves.
pub fn drop_by(board: &Board, ids: &[ItemId], (dx, dy): (f32, f32)) -> Option<Command> {
    let moving = super::frames::carried(board, &ids.iter().copied().collect());
    let rings: Vec<&Item> = board
        .items_bottom_to_top()
        .rev()
        .filter(|item| item.is_backdrop())
        .filter(|item| !ids.contains(&item.id) && !moving.contains(&item.id))
        .collect();
    moves(board, ids, (dx, dy), |item, to| {
        if !matches!(item.kind, ItemKind::MapNode(_)) {
            return to;
        }
        let (width, height) = (item.size.width, item.size.height);
        let center = to.offset(width / 2.0, height / 2.0);
        let under = rings.iter().find(|backdrop| {
            backdrop.ring_at(center).is_some() || backdrop.grid_levels(center).is_some()
        });
        under
            .and_then(|backdrop| backdrop.snap_to_ring(center))
            .map_or(to, |snapped| snapped.offset(-width / 2.0, -height / 2.0))
    })
}

fn moves(
    board: &Board,
    ids: &[ItemId],
    (dx, dy): (f32, f32),
    settle: impl Fn(&Item, Point) -> Point,
) -> Option<Command> {
    if dx == 0.0 && dy == 0.0 {
        return None;
    }
    let commands: Vec<Command> = ids
        .iter()
        .filter_map(|&id| board.item(id))
        .map(|item| Command::MoveItem {
            id: item.id,
            to: settle(item, item.pos.offset(dx, dy)).tidy(),
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch {
        label: "Move",
        commands,
    })
}
