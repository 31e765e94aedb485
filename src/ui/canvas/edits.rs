//! Commands built from the selection: delete, recolour, move, stack, and copies (paste and
//! duplicate) with fresh ids. What else each brings (connectors, frames) is added by the board's
//! rules ([`crate::edit::rules`]).

use egui::Vec2;

use super::CanvasState;
use crate::edit::Command;
use crate::edit::rules::{copies, moves};
use crate::model::{Board, Connector, IdGen, Item, ItemId, PaletteColor};

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

    /// Gives every selected item `color`, as one step. The colour of new notes stays as it is
    /// (only the toolbar palette sets it, while nothing is selected).
    pub fn recolor_selection(&self, board: &Board, color: PaletteColor) -> Option<Command> {
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
        selected.sort_by(|a, b| a.z_order().cmp(&b.z_order()));
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
    /// moved by `offset` (see [`copies::copies`]), and selects them.
    pub fn insert_copies(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        label: &'static str,
        items: Vec<Item>,
        connectors: impl IntoIterator<Item = Connector>,
        offset: Vec2,
    ) -> Option<Command> {
        let copied = copies::copies(board, ids, label, items, connectors, (offset.x, offset.y))?;
        self.selection.items = copied.ids;
        Some(copied.command)
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
