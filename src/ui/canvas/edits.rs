//! Commands built from the selection: delete, recolour, move, stack, and copies (paste and
//! duplicate) with fresh ids. What else each brings (connectors, frames) is added by the board's
//! rules ([`crate::edit::rules`]).

use std::collections::{BTreeMap, BTreeSet};

use egui::Vec2;

use super::CanvasState;
use crate::edit::Command;
use crate::edit::rules::moves;
use crate::model::{Board, Connector, IdGen, Item, ItemId, ItemKind, PaletteColor, ZKey};

impl CanvasState {
    /// Deletes the selection (with its connectors), or the selected connector, as one step.
    pub fn delete_selection(&mut self) -> Option<Command> {
        if self.selection.items.is_empty() {
            return self
                .selection
                .connector
                .take()
                .map(Command::RemoveConnector);
        }
        let ids: Vec<ItemId> = std::mem::take(&mut self.selection.items)
            .into_iter()
            .collect();
        Some(Command::delete_items(&ids))
    }

    /// Gives every selected item `color`; also used for new notes from now on.
    pub fn recolor_selection(&mut self, board: &Board, color: PaletteColor) -> Option<Command> {
        self.settings.new_note_color = color;
        let commands: Vec<Command> = self
            .selection
            .items
            .iter()
            .filter(|&&id| board.item(id).is_some_and(|item| item.color != color))
            .map(|&id| Command::SetColor { id, color })
            .collect();
        batch("Change colour", commands)
    }

    /// Moves the selection by `delta_in_board` (arrow keys).
    pub fn nudge_selection(&self, board: &Board, delta_in_board: Vec2) -> Option<Command> {
        let ids: Vec<ItemId> = self.selection.items.iter().copied().collect();
        moves::move_by(board, &ids, (delta_in_board.x, delta_in_board.y))
    }

    /// Drops the dragged selection `delta` away (see [`moves::drop_by`]).
    pub(super) fn drop_selection(&self, board: &Board, delta: Vec2) -> Option<Command> {
        let ids: Vec<ItemId> = self.selection.items.iter().copied().collect();
        moves::drop_by(board, &ids, (delta.x, delta.y))
    }

    /// Restacks the selection above (or below) every other item, keeping its own order.
    pub fn stack_selection(&self, board: &Board, to_front: bool) -> Option<Command> {
        let mut selected: Vec<&Item> = self
            .selection
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .collect();
        selected.sort_by(|a, b| a.z.cmp(&b.z).then(a.id.cmp(&b.id)));
        let mut commands = Vec::with_capacity(selected.len());
        if to_front {
            let mut z = board.z_above_all();
            for item in selected {
                commands.push(Command::SetZ {
                    id: item.id,
                    z: z.clone(),
                });
                z = z.after();
            }
        } else {
            let mut z = board.z_below_all();
            for item in selected.into_iter().rev() {
                commands.push(Command::SetZ {
                    id: item.id,
                    z: z.clone(),
                });
                z = z.before();
            }
        }
        let label = if to_front {
            "Bring to front"
        } else {
            "Send to back"
        };
        batch(label, commands)
    }

    /// Puts copies of `items` (and of the `connectors` between them) on the board with fresh ids,
    /// moved by `offset`, stacked on top in their own order, and selects them.
    pub fn insert_copies(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        label: &'static str,
        mut items: Vec<Item>,
        connectors: impl IntoIterator<Item = Connector>,
        offset: Vec2,
    ) -> Option<Command> {
        items.sort_by(|a, b| a.z.cmp(&b.z).then(a.id.cmp(&b.id)));
        let mut fresh_ids: BTreeMap<ItemId, ItemId> = BTreeMap::new();
        let mut commands = Vec::with_capacity(items.len());
        let mut z: ZKey = board.z_above_all();
        for mut item in items {
            let fresh =
                ids.item_id(|id| board.item(id).is_some() || fresh_ids.values().any(|&f| f == id));
            fresh_ids.insert(item.id, fresh);
            item.id = fresh;
            item.pos = item.pos.offset(offset.x, offset.y).tidy();
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
            let id = ids
                .connector_id(|id| board.connector(id).is_some() || taken_connectors.contains(&id));
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
        self.selection.items = fresh_ids.into_values().collect();
        Some(Command::Batch { label, commands })
    }

    /// Copies of the selection a little down and to the right.
    pub fn duplicate_selection(&mut self, board: &Board, ids: &mut IdGen) -> Option<Command> {
        let items: Vec<Item> = self
            .selection
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .cloned()
            .collect();
        let connectors: Vec<Connector> = board
            .connectors()
            .filter(|c| {
                self.selection.items.contains(&c.from) && self.selection.items.contains(&c.to)
            })
            .cloned()
            .collect();
        self.insert_copies(
            board,
            ids,
            "Duplicate",
            items,
            connectors,
            Vec2::splat(DUPLICATE_OFFSET),
        )
    }
}

/// How far a duplicate lands from its original, in board units.
const DUPLICATE_OFFSET: f32 = 32.0;

/// One command for a list of changes: nothing, the change itself, or a labelled batch.
pub(super) fn batch(label: &'static str, mut commands: Vec<Command>) -> Option<Command> {
    match commands.len() {
        0 => None,
        // A single change keeps its own form when it would be called the same anyway.
        1 if commands.first().is_some_and(|only| only.label() == label) => commands.pop(),
        _ => Some(Command::Batch { label, commands }),
    }
}
