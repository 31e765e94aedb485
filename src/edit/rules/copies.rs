//! Copies of items with fresh ids, for pasting and duplicating.

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::Command;
use crate::model::{Board, Connector, IdGen, Item, ItemId, ItemKind, ZKey};

/// Copies ready to go on the board: the step that adds them, and their ids.
#[derive(Debug)]
pub struct Copies {
    /// The one step that adds the copies (and the connectors between them).
    pub command: Command,
    /// The copies' ids.
    pub ids: BTreeSet<ItemId>,
}

/// Copies of `items` (and of the `connectors` between them) with fresh ids, moved by
/// `(dx, dy)`, stacked on top of the board in their own order, as one step called `label`.
///
/// A copy stays in a frame only when that frame is copied too (it then goes into the copy;
/// others land where they are put, see [`super::expand`]). Links to a persona follow it when it
/// is copied too; otherwise they stay on the original when it is on this board, and are dropped
/// when it is not. `None` when there is nothing to copy.
pub fn copies(
    board: &Board,
    ids: &mut IdGen,
    label: &'static str,
    mut items: Vec<Item>,
    connectors: impl IntoIterator<Item = Connector>,
    (dx, dy): (f32, f32),
) -> Option<Copies> {
    items.sort_by(|a, b| a.z_order().cmp(&b.z_order()));
    let mut fresh_ids: BTreeMap<ItemId, ItemId> = BTreeMap::new();
    let mut commands = Vec::with_capacity(items.len());
    let mut z: ZKey = board.z_above_all();
    for mut item in items {
        let fresh =
            ids.item_id(|id| board.item(id).is_some() || fresh_ids.values().any(|&f| f == id));
        fresh_ids.insert(item.id, fresh);
        item.id = fresh;
        item.pos = item.pos.offset(dx, dy).tidy();
        item.z = z.clone();
        z = z.after();
        commands.push(Command::AddItem(Box::new(item)));
    }
    // Links to a persona follow it when it is copied too; otherwise they stay on the
    // original when it is on this board, and are dropped when it is not. A copy stays in a
    // frame only when that frame is copied too (it then goes into the copy).
    for command in &mut commands {
        let Command::AddItem(item) = command else {
            continue;
        };
        item.parent = item.parent.and_then(|frame| fresh_ids.get(&frame).copied());
        let link = match &mut item.kind {
            ItemKind::MapNode(node) => &mut node.persona,
            ItemKind::EmpathyMap(map) => &mut map.persona,
            _ => continue,
        };
        *link = link.and_then(|persona| {
            fresh_ids.get(&persona).copied().or_else(|| {
                board
                    .item(persona)
                    .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
                    .map(|item| item.id)
            })
        });
    }
    // A copied frame goes on the board before the copies inside it.
    let copy_parents: BTreeMap<ItemId, Option<ItemId>> = commands
        .iter()
        .filter_map(|command| match command {
            Command::AddItem(item) => Some((item.id, item.parent)),
            _ => None,
        })
        .collect();
    let depth = |parent: Option<ItemId>| {
        std::iter::successors(parent, |frame| copy_parents.get(frame).copied().flatten())
            .take(copy_parents.len())
            .count()
    };
    commands.sort_by_cached_key(|command| match command {
        Command::AddItem(item) => depth(item.parent),
        _ => 0,
    });
    let mut taken_connectors = BTreeSet::new();
    for connector in connectors {
        let (Some(&from), Some(&to)) =
            (fresh_ids.get(&connector.from), fresh_ids.get(&connector.to))
        else {
            continue;
        };
        let id =
            ids.connector_id(|id| board.connector(id).is_some() || taken_connectors.contains(&id));
        taken_connectors.insert(id);
        commands.push(Command::AddConnector(Box::new(Connector {
            id,
            from,
            to,
            ..connector
        })));
    }
    if fresh_ids.is_empty() {
        return None;
    }
    Some(Copies {
        command: Command::Batch { label, commands },
        ids: fresh_ids.into_values().collect(),
    })
}
