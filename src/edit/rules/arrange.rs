//! Align, distribute and grid-arrange items. Each is one step of per-item moves; frames take
//! what is inside them along (see [`super::expand`]).

use crate::edit::Command;
use crate::model::{Board, Item, ItemId, Point, Rect};

/// A way to arrange several items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// Left edges in line with the leftmost.
    AlignLeft,
    /// Right edges in line with the rightmost.
    AlignRight,
    /// Top edges in line with the topmost.
    AlignTop,
    /// Bottom edges in line with the lowest.
    AlignBottom,
    /// Centres on one vertical line.
    AlignCentres,
    /// Centres on one horizontal line.
    AlignMiddles,
    /// Equal gaps from left to right (the outermost stay).
    DistributeHorizontally,
    /// Equal gaps from top to bottom (the outermost stay).
    DistributeVertically,
    /// A tidy grid in reading order, from the selection's top-left corner.
    Grid,
}

/// Space between items in an arranged grid, in board units.
const GRID_GAP: f32 = 24.0;

/// Where each item goes; items already in place are left out.
pub fn arrange(items: &[&Item], how: Arrangement) -> Vec<(ItemId, Point)> {
    if items.len() < 2 {
        return Vec::new();
    }
    let Some(bounds) = Rect::around(items.iter().map(|item| item.rect())) else {
        return Vec::new();
    };
    let (left, top, right, bottom) = (bounds.min.x, bounds.min.y, bounds.max.x, bounds.max.y);
    let mut moves: Vec<(ItemId, Point)> = match how {
        Arrangement::AlignLeft => items
            .iter()
            .map(|i| (i.id, Point::new(left, i.pos.y)))
            .collect(),
        Arrangement::AlignRight => items
            .iter()
            .map(|i| (i.id, Point::new(right - i.size.width, i.pos.y)))
            .collect(),
        Arrangement::AlignTop => items
            .iter()
            .map(|i| (i.id, Point::new(i.pos.x, top)))
            .collect(),
        Arrangement::AlignBottom => items
            .iter()
            .map(|i| (i.id, Point::new(i.pos.x, bottom - i.size.height)))
            .collect(),
        Arrangement::AlignCentres => {
            let center = f32::midpoint(left, right);
            items
                .iter()
                .map(|i| (i.id, Point::new(center - i.size.width / 2.0, i.pos.y)))
                .collect()
        }
        Arrangement::AlignMiddles => {
            let middle = f32::midpoint(top, bottom);
            items
                .iter()
                .map(|i| (i.id, Point::new(i.pos.x, middle - i.size.height / 2.0)))
                .collect()
        }
        Arrangement::DistributeHorizontally => distribute(items, true, left, right),
        Arrangement::DistributeVertically => distribute(items, false, top, bottom),
        Arrangement::Grid => grid(items, left, top),
    };
    moves.retain(|(id, to)| {
        items
            .iter()
            .find(|item| item.id == *id)
            .is_some_and(|item| item.pos != *to)
    });
    moves
}

fn distribute(items: &[&Item], horizontal: bool, start: f32, end: f32) -> Vec<(ItemId, Point)> {
    let extent = |item: &Item| {
        if horizontal {
            item.size.width
        } else {
            item.size.height
        }
    };
    let position = |item: &Item| if horizontal { item.pos.x } else { item.pos.y };
    let mut sorted: Vec<&Item> = items.to_vec();
    sorted.sort_by(|a, b| position(a).total_cmp(&position(b)).then(a.id.cmp(&b.id)));
    let total: f32 = sorted.iter().map(|item| extent(item)).sum();
    let gap = (end - start - total) / (sorted.len() - 1) as f32;
    let mut next = start;
    sorted
        .into_iter()
        .map(|item| {
            let at = next;
            next += extent(item) + gap;
            let to = if horizontal {
                Point::new(at, item.pos.y)
            } else {
                Point::new(item.pos.x, at)
            };
            (item.id, to)
        })
        .collect()
}

fn grid(items: &[&Item], left: f32, top: f32) -> Vec<(ItemId, Point)> {
    let mut sorted: Vec<&Item> = items.to_vec();
    sorted.sort_by(|a, b| {
        a.pos
            .y
            .total_cmp(&b.pos.y)
            .then(a.pos.x.total_cmp(&b.pos.x))
    });
    let columns = (sorted.len() as f32).sqrt().ceil().max(1.0) as usize;
    let cell_width = sorted.iter().map(|i| i.size.width).fold(0.0, f32::max) + GRID_GAP;
    let cell_height = sorted.iter().map(|i| i.size.height).fold(0.0, f32::max) + GRID_GAP;
    sorted
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let (row, column) = (n / columns, n % columns);
            (
                item.id,
                Point::new(
                    left + column as f32 * cell_width,
                    top + row as f32 * cell_height,
                ),
            )
        })
        .collect()
}

/// Space between a frame's edge (or its title strip) and a tidied grid, in board units.
const FRAME_PADDING: f32 = 32.0;

/// One step that lays out the items directly in frame `frame` in reading order, in rows inside
/// the frame below its title: each row holds as many as the frame's width does, and the frame
/// grows downwards when the rows need more room. `None` when nothing would change.
pub fn tidy_frame(board: &Board, frame: ItemId) -> Option<Command> {
    flow_frame(board, frame, |_| 0, "Tidy frame")
}

/// One step that lays out the items directly in frame `frame` as [`tidy_frame`] does, but
/// those with the most votes first (a cluster counts the votes inside it); equal ones stay in
/// reading order. `None` when nothing would change.
pub fn sort_frame_by_votes(board: &Board, frame: ItemId) -> Option<Command> {
    flow_frame(board, frame, |item| votes_in(board, item), "Sort by votes")
}

/// The votes of a note, or of everything inside a frame.
fn votes_in(board: &Board, item: &Item) -> u32 {
    match &item.kind {
        crate::model::ItemKind::Note(note) => note.total_votes(),
        crate::model::ItemKind::Frame(_) => board
            .members(item.id)
            .map(|member| votes_in(board, member))
            .fold(0, u32::saturating_add),
        _ => 0,
    }
}

/// Lays out the items directly in `frame` in rows, highest `rank` first and then in reading
/// order, as one step called `label`.
fn flow_frame(
    board: &Board,
    frame: ItemId,
    rank: impl Fn(&Item) -> u32,
    label: &'static str,
) -> Option<Command> {
    let frame_item = board.item(frame).filter(|item| item.as_frame().is_some())?;
    let mut members: Vec<(&Item, u32)> = board
        .items()
        .filter(|item| item.parent == Some(frame))
        .map(|item| (item, rank(item)))
        .collect();
    if members.is_empty() {
        return None;
    }
    members.sort_by(|(a, rank_a), (b, rank_b)| {
        rank_b
            .cmp(rank_a)
            .then(a.pos.y.total_cmp(&b.pos.y))
            .then(a.pos.x.total_cmp(&b.pos.x))
            .then(a.id.cmp(&b.id))
    });
    let members: Vec<&Item> = members.into_iter().map(|(item, _)| item).collect();
    let left = frame_item.pos.x + FRAME_PADDING;
    let top = frame_item.title_strip().max.y + FRAME_PADDING;
    let widest = members.iter().map(|i| i.size.width).fold(0.0, f32::max);
    let width = frame_item.size.width.max(widest + 2.0 * FRAME_PADDING);
    let right = frame_item.pos.x + width - FRAME_PADDING;
    let (mut x, mut y, mut row_height) = (left, top, 0.0_f32);
    let mut places = Vec::with_capacity(members.len());
    for item in &members {
        if x > left && x + item.size.width > right {
            x = left;
            y += row_height + GRID_GAP;
            row_height = 0.0;
        }
        places.push((item, Point::new(x, y).tidy()));
        x += item.size.width + GRID_GAP;
        row_height = row_height.max(item.size.height);
    }
    let height = frame_item
        .size
        .height
        .max(y + row_height + FRAME_PADDING - frame_item.pos.y);
    let mut commands = Vec::new();
    if width > frame_item.size.width || height > frame_item.size.height {
        // Room first, so that no item lands outside its frame on the way.
        commands.push(Command::ResizeItem {
            id: frame,
            to: crate::model::Size::new(width, height).tidy(),
        });
    }
    commands.extend(
        places
            .into_iter()
            .filter(|(item, to)| item.pos != *to)
            .map(|(item, to)| Command::MoveItem { id: item.id, to }),
    );
    (!commands.is_empty()).then_some(Command::Batch { label, commands })
}

/// One step that arranges `ids` `how`; `None` when nothing moves.
pub fn arrange_items(board: &Board, ids: &[ItemId], how: Arrangement) -> Option<Command> {
    let items: Vec<&Item> = ids.iter().filter_map(|&id| board.item(id)).collect();
    let moves: Vec<Command> = arrange(&items, how)
        .into_iter()
        .map(|(id, to)| Command::MoveItem { id, to: to.tidy() })
        .collect();
    let label = match how {
        Arrangement::DistributeHorizontally | Arrangement::DistributeVertically => "Distribute",
        Arrangement::Grid => "Arrange as grid",
        _ => "Align",
    };
    (!moves.is_empty()).then_some(Command::Batch {
        label,
        commands: moves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdGen, PaletteColor, Size, ZKey};

    fn items() -> Vec<Item> {
        let mut ids = IdGen::seeded(21);
        [
            (0.0, 50.0, 200.0),
            (300.0, 0.0, 100.0),
            (900.0, 120.0, 200.0),
        ]
        .into_iter()
        .map(|(x, y, width)| {
            let mut item = Item::note(
                ids.item_id(|_| false),
                Point::new(x, y),
                ZKey::middle(),
                PaletteColor::Yellow,
                "",
            );
            item.size = Size::new(width, 100.0);
            item
        })
        .collect()
    }

    fn applied(items: &[Item], how: Arrangement) -> Vec<Point> {
        let refs: Vec<&Item> = items.iter().collect();
        let moves = arrange(&refs, how);
        items
            .iter()
            .map(|item| {
                moves
                    .iter()
                    .find(|(id, _)| *id == item.id)
                    .map_or(item.pos, |(_, to)| *to)
            })
            .collect()
    }

    #[test]
    fn align_edges_and_centres() {
        let items = items();
        let xs = |points: Vec<Point>| points.into_iter().map(|p| p.x).collect::<Vec<_>>();
        assert_eq!(xs(applied(&items, Arrangement::AlignLeft)), [0.0, 0.0, 0.0]);
        // Right edges at 1100 (the rightmost item's right edge).
        assert_eq!(
            xs(applied(&items, Arrangement::AlignRight)),
            [900.0, 1000.0, 900.0]
        );
        // Centres on x = 550.
        assert_eq!(
            xs(applied(&items, Arrangement::AlignCentres)),
            [450.0, 500.0, 450.0]
        );
        let ys: Vec<f32> = applied(&items, Arrangement::AlignBottom)
            .into_iter()
            .map(|p| p.y)
            .collect();
        assert_eq!(ys, [120.0, 120.0, 120.0]);
    }

    #[test]
    fn distributing_makes_equal_gaps_between_the_outermost() {
        let items = items();
        let points = applied(&items, Arrangement::DistributeHorizontally);
        // Span 0..1100 holds 500 of items, so the two gaps are 300 each.
        assert_eq!(
            points.iter().map(|p| p.x).collect::<Vec<_>>(),
            [0.0, 500.0, 900.0]
        );
        assert_eq!(
            points[0].y, 50.0,
            "distributing across does not move up or down"
        );
    }

    #[test]
    fn grid_puts_items_in_rows_without_overlap() {
        let items = items();
        let points = applied(&items, Arrangement::Grid);
        // Two columns (ceil of √3), cells 224 wide and 124 tall, from the top-left (0, 0).
        assert_eq!(
            points,
            [
                Point::new(224.0, 0.0),
                Point::new(0.0, 0.0),
                Point::new(0.0, 124.0)
            ]
        );
    }

    #[test]
    fn a_single_item_is_not_moved() {
        let items = items();
        let one = [&items[0]];
        assert!(arrange(&one, Arrangement::AlignLeft).is_empty());
    }
}
