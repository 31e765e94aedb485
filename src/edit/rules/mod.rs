//! The board's rules: what a change brings with it, decided in one place for every writer (the
//! canvas, the arrow keys, the `script` verb and whatever writes the board next).
//!
//! [`expand`] takes a command as a writer asked for it and adds, in the same step:
//!
//! - **Frames and their items.** A frame that moves takes everything inside it along. An item
//!   added, moved or pasted so that its centre lands on an open frame joins the topmost such
//!   frame (nested frames are above the frames they are in); a frame joins a frame only when it
//!   lands wholly inside it. One that lands on none leaves its frame. Items whose frame moves with them stay in it. A resized frame takes in the items
//!   beside it whose centres it now covers and lets go of those it no longer covers. A deleted
//!   frame's items stay on the board, in the frame around it (if any).
//! - **Deleting.** A deleted item's connectors go with it, and map nodes and empathy maps that
//!   stood for a deleted persona lose the link.
//! - **Names.** Names, titles and labels stay on one line: their line breaks and
//!   other control characters become spaces. Only a note's text has lines.
//! - **Maps.** A map node that lands on an influence/interest grid takes the influence and
//!   interest of its cell; setting a node's influence or interest while it sits on a grid moves
//!   it to the matching cell. Notes and impact/effort grids go the same way: a note that lands
//!   on one takes the impact and effort of its cell (and loses them when it lands on none), and
//!   setting them moves it. A node that still has its type's colour takes the new type's
//!   colour when its type changes.
//!
//! The builders beside this module turn a gesture into the command it asks for: a frame around
//! some items ([`frames`]), a drop that settles map nodes on stakeholder rings ([`moves`]), a note
//! becoming a persona entry and back ([`personas`]), aligning and distributing ([`arrange`]),
//! copies for pasting and duplicating ([`copies`]).

pub mod arrange;
pub mod copies;
pub mod frames;
pub mod moves;
mod names;
pub mod personas;
mod plan;
pub mod stacking;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use plan::Plan;

use super::{Command, EditError, ItemField};
use crate::model::{Board, Item, ItemId, ItemKind, Point, places_on_grid};

/// `command` with what the board's rules add to it (see the module docs), as one step.
pub fn expand(board: &Board, command: Command) -> Result<Command, EditError> {
    let label = command.label();
    let was_batch = matches!(command, Command::Batch { .. });
    let mut commands = Vec::new();
    flatten(command, &mut commands);
    names::put_on_one_line_in(board, &mut commands);
    let mut plan = Plan::of(board, &commands);
    let cascade = delete_cascade(&plan);
    let grew = !cascade.is_empty();
    if grew {
        let first_removal = commands
            .iter()
            .position(|command| matches!(command, Command::RemoveItem(_)))
            .unwrap_or(0);
        commands.splice(first_removal..first_removal, cascade);
    }
    place_added_items(&mut plan, &mut commands);

    let mut after = carried_moves(&mut plan);
    let mut moving: Vec<ItemId> = plan.moved.clone();
    moving.extend(after.iter().filter_map(moved_id));
    let to_cells = levels_to_cells(&mut plan);
    moving.extend(to_cells.iter().filter_map(moved_id));
    after.extend(to_cells);
    after.extend(resize_memberships(&mut plan));
    after.extend(move_memberships(&mut plan, &moving));
    after.extend(cells_to_levels(&plan, &moving));
    after.extend(recolour_retyped(&plan));

    if !grew && after.is_empty() && !was_batch && commands.len() == 1 {
        // Nothing added: the command keeps its own form.
        if let Some(only) = commands.pop() {
            return Ok(only);
        }
    }
    commands.extend(after);
    Ok(Command::Batch { label, commands })
}

/// `command` as a list of commands without batches, in order.
fn flatten(command: Command, into: &mut Vec<Command>) {
    match command {
        Command::Batch { commands, .. } => {
            for command in commands {
                flatten(command, into);
            }
        }
        other => into.push(other),
    }
}

fn moved_id(command: &Command) -> Option<ItemId> {
    match command {
        Command::MoveItem { id, .. } => Some(*id),
        _ => None,
    }
}

/// What deleting items brings, to run before the first of them goes: their connectors, links
/// to deleted personas, and the items of deleted frames moving to the frame around them.
fn delete_cascade(plan: &Plan<'_>) -> Vec<Command> {
    if plan.removed.is_empty() {
        return Vec::new();
    }
    let board = plan.board;
    let connectors: BTreeSet<_> = plan
        .removed
        .iter()
        .flat_map(|&id| board.connectors_of(id).map(|connector| connector.id))
        .filter(|id| !plan.removed_connectors.contains(id))
        .collect();
    let mut cascade: Vec<Command> = connectors
        .into_iter()
        .map(Command::RemoveConnector)
        .collect();
    let personas_removed = plan.removed.iter().any(|&id| {
        matches!(
            board.item(id).map(|item| &item.kind),
            Some(ItemKind::Persona(_))
        )
    });
    if personas_removed {
        cascade.extend(
            board
                .items()
                .filter(|item| !plan.removed.contains(&item.id))
                .filter(|item| {
                    let link = match &item.kind {
                        ItemKind::MapNode(node) => node.persona,
                        ItemKind::EmpathyMap(map) => map.persona,
                        _ => None,
                    };
                    link.is_some_and(|link| plan.removed.contains(&link))
                })
                .map(|item| Command::SetField {
                    id: item.id,
                    field: ItemField::PersonaLink(None),
                }),
        );
    }
    // Removed items in removed frames leave them first, so the frames can go in any order.
    cascade.extend(
        plan.removed
            .iter()
            .filter(|&&id| {
                board
                    .item(id)
                    .and_then(|item| item.parent)
                    .is_some_and(|frame| plan.removed.contains(&frame))
            })
            .map(|&id| Command::SetParent { id, frame: None }),
    );
    for &frame in &plan.removed {
        let outer = board
            .ancestors(frame)
            .find(|ancestor| !plan.removed.contains(ancestor));
        cascade.extend(
            board
                .member_ids(frame)
                .filter(|member| !plan.removed.contains(member))
                .filter(|member| !plan.reparented.contains(member))
                .map(|member| Command::SetParent {
                    id: member,
                    frame: outer,
                }),
        );
    }
    cascade
}

/// Items added in no frame join the open frame their centre lands on.
fn place_added_items(plan: &mut Plan<'_>, commands: &mut [Command]) {
    if !commands
        .iter()
        .any(|command| matches!(command, Command::AddItem(_)))
    {
        return;
    }
    let frames = plan.open_frames();
    for command in commands {
        let Command::AddItem(item) = command else {
            continue;
        };
        if item.parent.is_some() || plan.reparented.contains(&item.id) {
            continue;
        }
        let landing = plan.landing(&frames, item.id, |_| false);
        if landing.is_some() {
            item.parent = landing;
            plan.set_parent(item.id, landing);
        }
    }
}

/// The moves that take the items inside moved frames along (by their frame's move), for those
/// the command does not move itself.
fn carried_moves(plan: &mut Plan<'_>) -> Vec<Command> {
    let board = plan.board;
    let deltas: BTreeMap<ItemId, (f32, f32)> = plan
        .moved
        .iter()
        .filter_map(|&id| {
            let item = board.item(id)?;
            item.as_frame()?;
            let to = plan.rect(id)?.min;
            Some((id, (to.x - item.pos.x, to.y - item.pos.y)))
        })
        .collect();
    let mut carried = Vec::new();
    let mut seen = BTreeSet::new();
    for &frame in deltas.keys() {
        for inside in board.descendants(frame) {
            if plan.is_moved(inside) || plan.removed.contains(&inside) {
                continue;
            }
            // The innermost moved frame around it decides how far it goes.
            let Some((dx, dy)) = board
                .ancestors(inside)
                .find_map(|ancestor| deltas.get(&ancestor).copied())
            else {
                continue;
            };
            let Some(item) = board.item(inside) else {
                continue;
            };
            if seen.insert(inside) {
                carried.push((inside, item.pos.offset(dx, dy).tidy()));
            }
        }
    }
    carried
        .into_iter()
        .map(|(id, to)| {
            plan.set_pos(id, to);
            Command::MoveItem { id, to }
        })
        .collect()
}

/// Map nodes whose influence or interest the command sets move to the matching cell of the
/// grid they sit on (unless the command moves them itself).
fn levels_to_cells(plan: &mut Plan<'_>) -> Vec<Command> {
    if plan.levels_set.is_empty() {
        return Vec::new();
    }
    let grids = plan.grids();
    let mut moves = Vec::new();
    for id in plan.levels_set.clone() {
        if plan.is_moved(id) {
            continue;
        }
        let (Some(rect), Some((influence, interest)), Some(kind)) =
            (plan.rect(id), plan.levels_of(id), plan.kind(id))
        else {
            continue;
        };
        let center = rect.center();
        let Some(grid) = grids
            .iter()
            .find(|grid| places_on_grid(kind, &grid.kind) && grid.grid_levels(center).is_some())
        else {
            continue;
        };
        let cell = grid.grid_point(influence, interest);
        let size = rect.size();
        let to = Point::new(cell.x - size.width / 2.0, cell.y - size.height / 2.0).tidy();
        if to != rect.min {
            plan.set_pos(id, to);
            moves.push(Command::MoveItem { id, to });
        }
    }
    moves
}

/// Map nodes moved onto an influence/interest grid take the influence and interest of the cell
/// their centre is in; notes moved onto an impact/effort grid take its impact and effort, and
/// lose them when moved off every such grid.
fn cells_to_levels(plan: &Plan<'_>, moving: &[ItemId]) -> Vec<Command> {
    let placed: Vec<(ItemId, &ItemKind)> = moving
        .iter()
        .filter_map(|&id| Some((id, plan.kind(id)?)))
        .filter(|(_, kind)| matches!(kind, ItemKind::MapNode(_) | ItemKind::Note(_)))
        .collect();
    if placed.is_empty() {
        return Vec::new();
    }
    let grids = plan.grids();
    let mut changes = Vec::new();
    for (id, kind) in placed {
        if plan.levels_set.contains(&id) {
            continue;
        }
        let Some(center) = plan.center(id) else {
            continue;
        };
        let now = plan.levels_of(id);
        let cell = grids
            .iter()
            .filter(|grid| places_on_grid(kind, &grid.kind))
            .find_map(|grid| grid.grid_levels(center));
        match (kind, cell, now) {
            (ItemKind::MapNode(_), Some(levels), Some((influence, interest))) => {
                if levels.0 != influence {
                    changes.push(Command::SetField {
                        id,
                        field: ItemField::Influence(levels.0),
                    });
                }
                if levels.1 != interest {
                    changes.push(Command::SetField {
                        id,
                        field: ItemField::Interest(levels.1),
                    });
                }
            }
            (ItemKind::Note(_), cell, now) if cell != now => changes.push(Command::SetField {
                id,
                field: ItemField::ImpactEffort(cell),
            }),
            _ => {}
        }
    }
    changes
}

/// Moved items join the open frame their centre lands on, or leave their frame when they land on
/// none; items whose frame moves with them stay in it.
fn move_memberships(plan: &mut Plan<'_>, moving: &[ItemId]) -> Vec<Command> {
    if moving.is_empty() {
        return Vec::new();
    }
    let moving_set: BTreeSet<ItemId> = moving.iter().copied().collect();
    let frames = plan.open_frames();
    let mut changes = Vec::new();
    for &id in moving {
        if plan.reparented.contains(&id) || plan.item(id).is_none() {
            continue;
        }
        let current = plan.parent(id);
        if current.is_some_and(|frame| moving_set.contains(&frame)) {
            continue;
        }
        let landing = plan.landing(&frames, id, |frame| moving_set.contains(&frame));
        if landing != current {
            plan.set_parent(id, landing);
            changes.push(Command::SetParent { id, frame: landing });
        }
    }
    changes
}

/// A resized frame takes in the items beside it (in the same frame as it, or in none) whose
/// centres it now covers, and lets go of the items in it whose centres it no longer covers.
fn resize_memberships(plan: &mut Plan<'_>) -> Vec<Command> {
    let mut changes = Vec::new();
    for frame in plan.resized.clone() {
        if plan.item(frame).and_then(Item::as_frame).is_none() {
            continue;
        }
        let frames = plan.open_frames();
        let Some(rect) = plan.rect(frame) else {
            continue;
        };
        let outer = plan.parent(frame);
        let covered = |plan: &Plan<'_>, id: ItemId| {
            plan.center(id).is_some_and(|center| rect.contains(center))
        };
        let board = plan.board;
        let beside: Vec<ItemId> = board
            .items_in(rect.min, rect.max)
            .into_iter()
            .map(|item| item.id)
            .filter(|&id| id != frame && plan.parent(id) == outer)
            .filter(|&id| !plan.reparented.contains(&id) && !plan.is_inside(frame, id))
            .filter(|&id| plan.item(id).is_some() && covered(plan, id))
            .collect();
        let leaving: Vec<ItemId> = board
            .member_ids(frame)
            .filter(|&id| !plan.reparented.contains(&id) && plan.item(id).is_some())
            .filter(|&id| !covered(plan, id))
            .collect();
        for id in beside {
            plan.set_parent(id, Some(frame));
            changes.push(Command::SetParent {
                id,
                frame: Some(frame),
            });
        }
        for id in leaving {
            let landing = plan.landing(&frames, id, |other| other == frame);
            plan.set_parent(id, landing);
            changes.push(Command::SetParent { id, frame: landing });
        }
    }
    changes
}

/// A map node that still has its old type's colour takes its new type's colour.
fn recolour_retyped(plan: &Plan<'_>) -> Vec<Command> {
    plan.retyped
        .iter()
        .filter(|(id, ..)| !plan.recoloured.contains(id))
        .filter_map(|(id, before, after)| {
            let item = plan.item(*id)?;
            let color = after.default_color();
            (item.color == before.default_color() && item.color != color)
                .then_some(Command::SetColor { id: *id, color })
        })
        .collect()
}
