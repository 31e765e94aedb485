//! Commands built from the selection: delete, recolour, move.

use egui::Vec2;

use super::{CanvasState, paint};
use crate::edit::Command;
use crate::model::{Board, ItemId, PaletteColor, Point};

impl CanvasState {
    /// Deletes the selection (with its connectors) as one step.
    pub fn delete_selection(&mut self, board: &Board) -> Option<Command> {
        if self.selection.is_empty() {
            return None;
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
        let moves = self
            .selection
            .iter()
            .filter_map(|&id| board.item(id))
            .map(|item| Command::MoveItem {
                id: item.id,
                to: Point::new(
                    paint::tidy(item.pos.x + delta.x),
                    paint::tidy(item.pos.y + delta.y),
                ),
            })
            .collect();
        batch("Move", moves)
    }
}

/// One command for a list of changes: nothing, the change itself, or a labelled batch.
pub(super) fn batch(label: &'static str, mut commands: Vec<Command>) -> Option<Command> {
    match commands.len() {
        0 => None,
        1 => commands.pop(),
        _ => Some(Command::Batch { label, commands }),
    }
}
