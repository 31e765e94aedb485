//! Frames: a new frame around items, collapsing and opening frames, their presenting order, and
//! what moves along when a frame moves.

use std::collections::BTreeSet;

use crate::edit::{Command, ItemField};
use crate::model::{Board, Frame, Item, ItemId, Point, Rect};

/// The rectangle of a frame made around items that cover `around`: [`Item::FRAME_PADDING`] on
/// every side, and room for the title strip above.
pub fn frame_rect_around(around: Rect) -> Rect {
    let pad = Item::FRAME_PADDING;
    let top = Item::BACKDROP_HEADER + pad;
    Rect::spanning(around.min.offset(-pad, -top), around.max.offset(pad, pad))
}

/// One step that adds a frame with id `id`: around `items` (those on the board), which go into
/// it, or an empty one of the usual size centred on `empty_center` when there are none. The new
/// frame comes last in the presenting order, is drawn above the frames beside it, and lands in
/// the frame around it (see [`super::expand`]).
///
/// Of items inside one another, only the outermost go into the new frame; the others stay in
/// the frames they are in.
pub fn frame_around(
    board: &Board,
    id: ItemId,
    items: &BTreeSet<ItemId>,
    empty_center: Point,
) -> Command {
    let members: Vec<&Item> = items
        .iter()
        .filter_map(|&item| board.item(item))
        .filter(|item| !board.ancestors(item.id).any(|frame| items.contains(&frame)))
        .collect();
    let size = Item::FRAME_SIZE;
    let empty = Rect::at(
        empty_center.offset(-size.width / 2.0, -size.height / 2.0),
        size,
    );
    let rect =
        Rect::around(members.iter().map(|item| item.rect())).map_or(empty, frame_rect_around);
    let frame = Item::frame(
        id,
        rect.min.tidy(),
        rect.size().tidy(),
        board.z_above_all(),
        Frame::new("", board.next_frame_order()),
    );
    let mut commands = vec![Command::AddItem(Box::new(frame))];
    commands.extend(members.iter().map(|member| Command::SetParent {
        id: member.id,
        frame: Some(id),
    }));
    Command::Batch {
        label: "Add frame",
        commands,
    }
}

/// The change that collapses (or opens) frame `id`.
pub fn set_collapsed(id: ItemId, collapsed: bool) -> Command {
    Command::SetField {
        id,
        field: ItemField::Collapsed(collapsed),
    }
}

/// One step that collapses the frames among `ids`, or opens them if they are all collapsed;
/// `None` when there is no frame among them.
pub fn toggle_collapsed(board: &Board, ids: &BTreeSet<ItemId>) -> Option<Command> {
    let frames: Vec<(ItemId, &Frame)> = ids
        .iter()
        .filter_map(|&id| Some((id, board.item(id)?.as_frame()?)))
        .collect();
    let collapse = frames.iter().any(|(_, frame)| !frame.collapsed);
    let commands: Vec<Command> = frames
        .into_iter()
        .filter(|(_, frame)| frame.collapsed != collapse)
        .map(|(id, _)| set_collapsed(id, collapse))
        .collect();
    let label = if collapse {
        "Collapse frame"
    } else {
        "Expand frame"
    };
    (!commands.is_empty()).then_some(Command::Batch { label, commands })
}

/// The one step that swaps the places of two frames in the presenting order.
pub fn swap_order(a: &Item, b: &Item) -> Option<Command> {
    let (frame_a, frame_b) = (a.as_frame()?, b.as_frame()?);
    let (mut order_a, mut order_b) = (frame_b.order, frame_a.order);
    if order_a == order_b {
        // Equal numbers are ordered by id; give them distinct numbers in the swapped order.
        (order_a, order_b) = if a.id < b.id {
            (order_a.saturating_add(1), order_b)
        } else {
            (order_a, order_b.saturating_add(1))
        };
    }
    Some(Command::Batch {
        label: "Reorder frames",
        commands: [(a.id, order_a), (b.id, order_b)]
            .into_iter()
            .map(|(id, order)| Command::SetField {
                id,
                field: ItemField::Order(order),
            })
            .collect(),
    })
}

/// The items that move along when `moving` moves: everything inside the frames among them that
/// is not among them itself.
pub fn carried(board: &Board, moving: &BTreeSet<ItemId>) -> BTreeSet<ItemId> {
    moving
        .iter()
        .filter(|&&id| board.item(id).is_some_and(|item| item.as_frame().is_some()))
        .flat_map(|&frame| board.descendants(frame))
        .filter(|id| !moving.contains(id))
        .collect()
}
