//! The board-changing command type.

use crate::model::{
    Board, BoardError, Connector, ConnectorId, Item, ItemId, ItemKind, PaletteColor, Point, Size,
    ZKey,
};

/// One change to a board. [`Command::apply`] performs it and returns the command that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Put a new item on the board.
    AddItem(Box<Item>),
    /// Take an item off the board. Its connectors must be removed first (see
    /// [`Command::delete_items`]).
    RemoveItem(ItemId),
    /// Move an item so its top-left corner is at `to`.
    MoveItem {
        /// The item.
        id: ItemId,
        /// The new top-left corner.
        to: Point,
    },
    /// Give an item a new size.
    ResizeItem {
        /// The item.
        id: ItemId,
        /// The new size.
        to: Size,
    },
    /// Replace an item's text.
    SetText {
        /// The item.
        id: ItemId,
        /// The new text.
        text: String,
    },
    /// Change an item's colour.
    SetColor {
        /// The item.
        id: ItemId,
        /// The new colour.
        color: PaletteColor,
    },
    /// Change an item's stacking key.
    SetZ {
        /// The item.
        id: ItemId,
        /// The new z key.
        z: ZKey,
    },
    /// Rename the board.
    SetTitle(String),
    /// Add a connector between two items already on the board.
    AddConnector(Box<Connector>),
    /// Remove a connector.
    RemoveConnector(ConnectorId),
    /// Several commands applied as one step; all succeed or none does.
    Batch {
        /// What the step is called in the Undo/Redo menu.
        label: &'static str,
        /// The commands, applied in order.
        commands: Vec<Command>,
    },
}

/// Why a command could not be applied. The board is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The command names an item that is not on the board.
    #[error("item {0} is not on the board")]
    MissingItem(ItemId),
    /// The command names a connector that is not on the board.
    #[error("connector {0} is not on the board")]
    MissingConnector(ConnectorId),
    /// An item cannot be removed while connectors still use it.
    #[error("item {0} still has connectors")]
    ItemHasConnectors(ItemId),
    /// The change would make the board invalid.
    #[error(transparent)]
    Board(#[from] BoardError),
}

impl Command {
    /// What this command is called in the Undo/Redo menu (sentence case).
    pub fn label(&self) -> &'static str {
        match self {
            Self::AddItem(_) => "Add note",
            Self::RemoveItem(_) => "Delete",
            Self::MoveItem { .. } => "Move",
            Self::ResizeItem { .. } => "Resize",
            Self::SetText { .. } => "Edit text",
            Self::SetColor { .. } => "Change colour",
            Self::SetZ { .. } => "Reorder",
            Self::SetTitle(_) => "Rename board",
            Self::AddConnector(_) => "Connect",
            Self::RemoveConnector(_) => "Remove connector",
            Self::Batch { label, .. } => label,
        }
    }

    /// One step that deletes `ids` together with every connector that touches them.
    pub fn delete_items(board: &Board, ids: &[ItemId]) -> Self {
        let mut connectors: Vec<ConnectorId> = ids
            .iter()
            .flat_map(|&id| board.connectors_of(id).map(|c| c.id))
            .collect();
        connectors.sort_unstable();
        connectors.dedup();
        let commands = connectors
            .into_iter()
            .map(Self::RemoveConnector)
            .chain(ids.iter().map(|&id| Self::RemoveItem(id)))
            .collect();
        Self::Batch {
            label: "Delete",
            commands,
        }
    }

    /// Apply the command to `board` and return its inverse.
    ///
    /// On error the board is left exactly as it was.
    pub fn apply(self, board: &mut Board) -> Result<Self, EditError> {
        match self {
            Self::AddItem(item) => {
                let id = item.id;
                board.insert_item(*item)?;
                Ok(Self::RemoveItem(id))
            }
            Self::RemoveItem(id) => {
                if board.connectors_of(id).next().is_some() {
                    return Err(EditError::ItemHasConnectors(id));
                }
                let item = board.remove_item(id).ok_or(EditError::MissingItem(id))?;
                Ok(Self::AddItem(Box::new(item)))
            }
            Self::MoveItem { id, to } => {
                let item = item_mut(board, id)?;
                let from = std::mem::replace(&mut item.pos, to);
                Ok(Self::MoveItem { id, to: from })
            }
            Self::ResizeItem { id, to } => {
                let item = item_mut(board, id)?;
                let from = std::mem::replace(&mut item.size, to);
                Ok(Self::ResizeItem { id, to: from })
            }
            Self::SetText { id, text } => {
                let item = item_mut(board, id)?;
                let slot = match &mut item.kind {
                    ItemKind::Note(note) => &mut note.text,
                };
                let old = std::mem::replace(slot, text);
                Ok(Self::SetText { id, text: old })
            }
            Self::SetColor { id, color } => {
                let item = item_mut(board, id)?;
                let old = std::mem::replace(&mut item.color, color);
                Ok(Self::SetColor { id, color: old })
            }
            Self::SetZ { id, z } => {
                let old = board.set_z(id, z).ok_or(EditError::MissingItem(id))?;
                Ok(Self::SetZ { id, z: old })
            }
            Self::SetTitle(title) => Ok(Self::SetTitle(board.set_title(title))),
            Self::AddConnector(connector) => {
                let id = connector.id;
                board.insert_connector(*connector)?;
                Ok(Self::RemoveConnector(id))
            }
            Self::RemoveConnector(id) => {
                let connector = board
                    .remove_connector(id)
                    .ok_or(EditError::MissingConnector(id))?;
                Ok(Self::AddConnector(Box::new(connector)))
            }
            Self::Batch { label, commands } => apply_batch(board, label, commands),
        }
    }
}

fn item_mut(board: &mut Board, id: ItemId) -> Result<&mut Item, EditError> {
    board.item_mut(id).ok_or(EditError::MissingItem(id))
}

fn apply_batch(
    board: &mut Board,
    label: &'static str,
    commands: Vec<Command>,
) -> Result<Command, EditError> {
    let mut inverses = Vec::with_capacity(commands.len());
    for command in commands {
        match command.apply(board) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                // Roll back what was applied so the board is unchanged.
                for inverse in inverses.into_iter().rev() {
                    let _rolled_back = inverse.apply(board);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Command::Batch {
        label,
        commands: inverses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdGen, PaletteColor};

    fn board_with_note() -> (Board, ItemId) {
        let mut ids = IdGen::seeded(1);
        let id = ids.item_id(|_| false);
        let note = Item::note(
            id,
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            "Hi",
        );
        let board = Board::from_parts("Test", [note], []).unwrap();
        (board, id)
    }

    #[test]
    fn move_returns_the_old_position() {
        let (mut board, id) = board_with_note();
        let inverse = Command::MoveItem {
            id,
            to: Point::new(5.0, 6.0),
        }
        .apply(&mut board)
        .unwrap();
        assert_eq!(board.item(id).unwrap().pos, Point::new(5.0, 6.0));
        assert_eq!(
            inverse,
            Command::MoveItem {
                id,
                to: Point::new(0.0, 0.0)
            }
        );
    }

    #[test]
    fn failed_batch_leaves_board_unchanged() {
        let (mut board, id) = board_with_note();
        let before = board.clone();
        let missing = ItemId::from_raw(42);
        let batch = Command::Batch {
            label: "Move",
            commands: vec![
                Command::MoveItem {
                    id,
                    to: Point::new(9.0, 9.0),
                },
                Command::MoveItem {
                    id: missing,
                    to: Point::new(1.0, 1.0),
                },
            ],
        };
        assert_eq!(
            batch.apply(&mut board),
            Err(EditError::MissingItem(missing))
        );
        assert_eq!(board, before);
    }

    #[test]
    fn delete_removes_connectors_and_undo_restores_them() {
        let (mut board, a) = board_with_note();
        let b = ItemId::from_raw(2);
        let note_b = Item::note(
            b,
            Point::new(300.0, 0.0),
            ZKey::middle().after(),
            PaletteColor::Blue,
            "B",
        );
        Command::AddItem(Box::new(note_b))
            .apply(&mut board)
            .unwrap();
        let link = Connector::new(ConnectorId::from_raw(3), a, b);
        Command::AddConnector(Box::new(link))
            .apply(&mut board)
            .unwrap();
        let before = board.clone();

        assert_eq!(
            Command::RemoveItem(a).apply(&mut board.clone()),
            Err(EditError::ItemHasConnectors(a))
        );
        let inverse = Command::delete_items(&board, &[a])
            .apply(&mut board)
            .unwrap();
        assert!(board.item(a).is_none());
        assert_eq!(board.connectors().len(), 0);
        inverse.apply(&mut board).unwrap();
        assert_eq!(board, before);
    }
}
