//! Commands built from the selection: delete, recolour, move, stack, and copies (paste and
//! duplicate) with fresh ids.

use std::collections::{BTreeMap, BTreeSet};

use egui::Vec2;

use super::{CanvasState, paint};
use crate::edit::Command;
use crate::model::{
    Board, Connector, IdGen, Item, ItemId, ItemKind, MapNode, PaletteColor, Point, ZKey,
};

impl CanvasState {
    /// Deletes the selection (with its connectors), or the selected connector, as one step.
    pub fn delete_selection(&mut self, board: &Board) -> Option<Command> {
        if self.selection.is_empty() {
            let id = self.selected_connector.take()?;
            return board.connector(id).map(|_| Command::RemoveConnector(id));
        }
        let ids: Vec<ItemId> = self.selection.iter().copied().collect();
        self.selection.clear();
        Some(Command::delete_items(board, &ids))
    }
    /// Gives every selected item `color`; also used for new notes from now on.
    pub fn recolor_selection(&mut self, board: &Board, color: PaletteColor) -> Option<Command> {
        self.new_note_color = color;
        let commands: Vec<Command> = self
            .selection
            .iter()
            .filter(|&&id| board.item(id).is_some_and(|item| item.color != color))
            .map(|&id| Command::SetColor { id, color })
            .collect();
        batch("Change colour", commands)
    }
    pub(super) fn move_selection(&self, board: &Board, delta: Vec2) -> Option<Command> {
        if delta == Vec2::ZERO {
            return None;
        }
        let mut commands: Vec<Command> = self
            .selection
            .iter()
            .copied()
            .chain(self.carried_members(board))
            .filter_map(|id| board.item(id))
            .map(|item| moved(item, delta))
            .collect();
        commands.extend(self.membership_after_move(board, delta));
        batch("Move", commands)
    }

    /// Drops the dragged selection `delta` away: a map node dropped on stakeholder rings settles
    /// in the middle of its ring, and one dropped on an influence/interest grid takes the
    /// influence and interest of its place there. One step.
    pub(super) fn drop_selection(&self, board: &Board, delta: Vec2) -> Option<Command> {
        if delta == Vec2::ZERO {
            return None;
        }
        let backdrops: Vec<&Item> = board
            .items_bottom_to_top()
            .rev()
            .filter(|item| item.is_backdrop() && !self.selection.contains(&item.id))
            .collect();
        let mut commands = Vec::new();
        for item in self.selection.iter().filter_map(|&id| board.item(id)) {
            let mut pos = item.pos.offset(delta.x, delta.y);
            if let ItemKind::MapNode(node) = &item.kind {
                let center = pos.offset(item.size.width / 2.0, item.size.height / 2.0);
                let under = backdrops.iter().find(|backdrop| {
                    backdrop.ring_at(center).is_some() || backdrop.grid_levels(center).is_some()
                });
                if let Some(snapped) = under.and_then(|backdrop| backdrop.snap_to_ring(center)) {
                    pos = snapped.offset(-item.size.width / 2.0, -item.size.height / 2.0);
                }
                if let Some((influence, interest)) =
                    under.and_then(|backdrop| backdrop.grid_levels(center))
                    && (influence, interest) != (node.influence, node.interest)
                {
                    commands.push(Command::SetKind {
                        id: item.id,
                        kind: Box::new(ItemKind::MapNode(MapNode {
                            influence,
                            interest,
                            ..node.clone()
                        })),
                    });
                }
            }
            commands.push(Command::MoveItem {
                id: item.id,
                to: Point::new(paint::tidy(pos.x), paint::tidy(pos.y)),
            });
        }
        // Members of a moving frame go with it.
        commands.extend(
            self.carried_members(board)
                .into_iter()
                .filter_map(|id| board.item(id))
                .map(|item| moved(item, delta)),
        );
        commands.extend(self.membership_after_move(board, delta));
        batch("Move", commands)
    }

    /// Moves the selection by `delta_in_board` (arrow keys).
    pub fn nudge_selection(&self, board: &Board, delta_in_board: Vec2) -> Option<Command> {
        self.move_selection(board, delta_in_board)
    }

    /// Restacks the selection above (or below) every other item, keeping its own order.
    pub fn stack_selection(&self, board: &Board, to_front: bool) -> Option<Command> {
        let mut selected: Vec<&Item> = self
            .selection
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
            item.pos = Point::new(
                paint::tidy(item.pos.x + offset.x),
                paint::tidy(item.pos.y + offset.y),
            );
            item.z = z.clone();
            z = z.after();
            commands.push(Command::AddItem(Box::new(item)));
        }
        // Links to a persona follow it when it is copied too; otherwise they stay on the
        // original when it is on this board, and are dropped when it is not.
        for command in &mut commands {
            let Command::AddItem(item) = command else {
                continue;
            };
            let link = match &mut item.kind {
                ItemKind::MapNode(node) => &mut node.persona,
                ItemKind::EmpathyMap(map) => &mut map.persona,
                // A copied frame holds the copies of its members; members left behind stay in
                // the original frame.
                ItemKind::Frame(frame) => {
                    frame.members = frame
                        .members
                        .iter()
                        .filter_map(|member| fresh_ids.get(member).copied())
                        .collect();
                    continue;
                }
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
        self.selection = fresh_ids.into_values().collect();
        Some(Command::Batch { label, commands })
    }

    /// Copies of the selection a little down and to the right.
    pub fn duplicate_selection(&mut self, board: &Board, ids: &mut IdGen) -> Option<Command> {
        let items: Vec<Item> = self
            .selection
            .iter()
            .filter_map(|&id| board.item(id))
            .cloned()
            .collect();
        let connectors: Vec<Connector> = board
            .connectors()
            .filter(|c| self.selection.contains(&c.from) && self.selection.contains(&c.to))
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

/// The step that moves `item` by `delta`, to a tidy position.
pub(super) fn moved(item: &Item, delta: Vec2) -> Command {
    Command::MoveItem {
        id: item.id,
        to: Point::new(
            paint::tidy(item.pos.x + delta.x),
            paint::tidy(item.pos.y + delta.y),
        ),
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
