//! The board-changing command type.

use crate::model::{
    Board, BoardError, Connector, ConnectorId, ConnectorProps, ImageId, Item, ItemId, ItemKind,
    ItemMut, PaletteColor, Point, Size, StoredImage, ZKey,
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
    /// Replace an item's details: everything that belongs to its kind (a map node's type,
    /// description, influence, …). The kind itself may not change.
    SetKind {
        /// The item.
        id: ItemId,
        /// The new details.
        kind: Box<ItemKind>,
    },
    /// Replace an item's main text (a note's text, a map node's label).
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
    /// Replace a connector's label.
    SetConnectorLabel {
        /// The connector.
        id: ConnectorId,
        /// The new label.
        label: String,
    },
    /// Replace a connector's arrows, style, routing and map meaning.
    SetConnectorProps {
        /// The connector.
        id: ConnectorId,
        /// The new properties.
        props: Box<ConnectorProps>,
    },
    /// Store a photo under its content id (nothing changes if it is already stored).
    AddImage {
        /// The photo's content id.
        id: ImageId,
        /// The photo.
        image: Box<StoredImage>,
    },
    /// Forget a stored photo.
    RemoveImage(ImageId),
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
    /// The command names a photo that is not stored.
    #[error("photo {0} is not stored in the board")]
    MissingImage(ImageId),
    /// The command names a connector that is not on the board.
    #[error("connector {0} is not on the board")]
    MissingConnector(ConnectorId),
    /// An item cannot be removed while connectors still use it.
    #[error("item {0} still has connectors")]
    ItemHasConnectors(ItemId),
    /// The item has no text to set (a backdrop).
    #[error("item {0} has no text")]
    NoText(ItemId),
    /// [`Command::SetKind`] would turn an item into another kind.
    #[error("item {0} cannot change its kind")]
    KindChange(ItemId),
    /// The change would make the board invalid.
    #[error(transparent)]
    Board(#[from] BoardError),
}

impl Command {
    /// What this command is called in the Undo/Redo menu (sentence case).
    pub fn label(&self) -> &'static str {
        match self {
            Self::AddItem(item) => match item.kind {
                ItemKind::Note(_) => "Add note",
                ItemKind::Persona(_) => "Add persona",
                ItemKind::EmpathyMap(_) => "Add empathy map",
                ItemKind::MapNode(_) => "Add map node",
                ItemKind::Rings(_) | ItemKind::InterestGrid => "Add backdrop",
                ItemKind::Frame(_) => "Add frame",
            },
            Self::SetKind { .. } => "Edit details",
            Self::RemoveItem(_) => "Delete",
            Self::MoveItem { .. } => "Move",
            Self::ResizeItem { .. } => "Resize",
            Self::SetText { .. } => "Edit text",
            Self::SetColor { .. } => "Change colour",
            Self::SetZ { .. } => "Reorder",
            Self::SetTitle(_) => "Rename board",
            Self::AddConnector(_) => "Connect",
            Self::RemoveConnector(_) => "Remove connector",
            Self::SetConnectorLabel { .. } => "Edit connector label",
            Self::SetConnectorProps { .. } => "Change connector",
            Self::AddImage { .. } | Self::RemoveImage(_) => "Change photo",
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
        // Map nodes and empathy maps of a deleted persona lose the link, and frames lose their
        // deleted members, in the same step.
        let unlinks = board
            .items()
            .filter(|item| !ids.contains(&item.id))
            .filter_map(|item| {
                let mut kind = item.kind.clone();
                match &mut kind {
                    ItemKind::MapNode(node) => {
                        node.persona.take_if(|persona| ids.contains(persona))?;
                    }
                    ItemKind::EmpathyMap(map) => {
                        map.persona.take_if(|persona| ids.contains(persona))?;
                    }
                    ItemKind::Frame(frame) => {
                        let before = frame.members.len();
                        frame.members.retain(|member| !ids.contains(member));
                        if frame.members.len() == before {
                            return None;
                        }
                    }
                    _ => return None,
                }
                Some(Self::SetKind {
                    id: item.id,
                    kind: Box::new(kind),
                })
            });
        let commands = connectors
            .into_iter()
            .map(Self::RemoveConnector)
            .chain(unlinks)
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
                let from = board.set_pos(id, to).ok_or(EditError::MissingItem(id))?;
                Ok(Self::MoveItem { id, to: from })
            }
            Self::ResizeItem { id, to } => {
                let from = board.set_size(id, to).ok_or(EditError::MissingItem(id))?;
                Ok(Self::ResizeItem { id, to: from })
            }
            Self::SetText { id, text } => {
                let mut item = item_mut(board, id)?;
                let slot = item.text_mut().ok_or(EditError::NoText(id))?;
                let old = std::mem::replace(slot, text);
                Ok(Self::SetText { id, text: old })
            }
            Self::SetKind { id, kind } => {
                let mut item = item_mut(board, id)?;
                if std::mem::discriminant(&item.kind) != std::mem::discriminant(&*kind) {
                    return Err(EditError::KindChange(id));
                }
                let old = std::mem::replace(&mut item.kind, *kind);
                Ok(Self::SetKind {
                    id,
                    kind: Box::new(old),
                })
            }
            Self::SetColor { id, color } => {
                let mut item = item_mut(board, id)?;
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
            Self::SetConnectorLabel { id, label } => {
                let connector = connector_mut(board, id)?;
                let old = std::mem::replace(&mut connector.label, label);
                Ok(Self::SetConnectorLabel { id, label: old })
            }
            Self::SetConnectorProps { id, props } => {
                let connector = connector_mut(board, id)?;
                let old = std::mem::replace(&mut connector.props, *props);
                Ok(Self::SetConnectorProps {
                    id,
                    props: Box::new(old),
                })
            }
            Self::AddImage { id, image } => {
                if board.insert_image(id, *image) {
                    Ok(Self::RemoveImage(id))
                } else {
                    Ok(Self::Batch {
                        label: "Change photo",
                        commands: Vec::new(),
                    })
                }
            }
            Self::RemoveImage(id) => {
                let image = board.remove_image(id).ok_or(EditError::MissingImage(id))?;
                Ok(Self::AddImage {
                    id,
                    image: Box::new(image),
                })
            }
            Self::Batch { label, commands } => apply_batch(board, label, commands),
        }
    }
}

fn item_mut(board: &mut Board, id: ItemId) -> Result<ItemMut<'_>, EditError> {
    board.item_mut(id).ok_or(EditError::MissingItem(id))
}

fn connector_mut(board: &mut Board, id: ConnectorId) -> Result<&mut Connector, EditError> {
    board
        .connector_mut(id)
        .ok_or(EditError::MissingConnector(id))
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

#[cfg(test)]
mod map_tests {
    use super::*;
    use crate::model::{IdGen, Level, MapNode, NodeType, Polarity, Rings};

    fn board_with_node_and_rings() -> (Board, ItemId, ItemId) {
        let mut ids = IdGen::seeded(7);
        let node = Item::map_node(
            ids.item_id(|_| false),
            Point::new(0.0, 0.0),
            ZKey::middle(),
            MapNode {
                label: "Registry".into(),
                node_type: NodeType::MunicipalDepartment,
                ..MapNode::default()
            },
        );
        let rings = Item::backdrop(
            ids.item_id(|_| false),
            Point::new(-500.0, -500.0),
            ZKey::middle().before(),
            ItemKind::Rings(Rings::default()),
        );
        let (node_id, rings_id) = (node.id, rings.id);
        let board = Board::from_parts("Map", [node, rings], []).unwrap();
        (board, node_id, rings_id)
    }

    #[test]
    fn set_kind_replaces_details_and_undo_restores_them() {
        let (mut board, node, _) = board_with_node_and_rings();
        let before = board.clone();
        let changed = ItemKind::MapNode(MapNode {
            label: "Registry".into(),
            node_type: NodeType::Custom("Archive".into()),
            description: "Keeps paper records".into(),
            influence: Level::VeryHigh,
            interest: Level::Low,
            persona: None,
        });
        let inverse = Command::SetKind {
            id: node,
            kind: Box::new(changed.clone()),
        }
        .apply(&mut board)
        .unwrap();
        assert_eq!(board.item(node).unwrap().kind, changed);
        inverse.apply(&mut board).unwrap();
        assert_eq!(board, before);
    }

    #[test]
    fn set_kind_cannot_turn_one_kind_into_another() {
        let (mut board, node, _) = board_with_node_and_rings();
        let before = board.clone();
        let error = Command::SetKind {
            id: node,
            kind: Box::new(ItemKind::InterestGrid),
        }
        .apply(&mut board);
        assert_eq!(error, Err(EditError::KindChange(node)));
        assert_eq!(board, before);
    }

    #[test]
    fn text_sets_a_node_label_but_a_backdrop_has_none() {
        let (mut board, node, rings) = board_with_node_and_rings();
        Command::SetText {
            id: node,
            text: "Civil registry".into(),
        }
        .apply(&mut board)
        .unwrap();
        assert_eq!(board.item(node).unwrap().text(), "Civil registry");
        let before = board.clone();
        assert_eq!(
            Command::SetText {
                id: rings,
                text: "x".into()
            }
            .apply(&mut board),
            Err(EditError::NoText(rings))
        );
        assert_eq!(board, before);
    }

    #[test]
    fn connector_label_and_props_change_and_undo() {
        let (mut board, node, _) = board_with_node_and_rings();
        let other = Item::map_node(
            ItemId::from_raw(99),
            Point::new(400.0, 0.0),
            ZKey::middle().after(),
            MapNode::default(),
        );
        Command::AddItem(Box::new(other)).apply(&mut board).unwrap();
        let id = ConnectorId::from_raw(5);
        Command::AddConnector(Box::new(Connector::new(id, node, ItemId::from_raw(99))))
            .apply(&mut board)
            .unwrap();
        let before = board.clone();
        let props = ConnectorProps {
            polarity: Some(Polarity::Negative),
            delay: true,
            ..ConnectorProps::default()
        };
        let undo_props = Command::SetConnectorProps {
            id,
            props: Box::new(props.clone()),
        }
        .apply(&mut board)
        .unwrap();
        let undo_label = Command::SetConnectorLabel {
            id,
            label: "slows down".into(),
        }
        .apply(&mut board)
        .unwrap();
        let connector = board.connector(id).unwrap();
        assert_eq!(
            (connector.label.as_str(), &connector.props),
            ("slows down", &props)
        );
        undo_label.apply(&mut board).unwrap();
        undo_props.apply(&mut board).unwrap();
        assert_eq!(board, before);
        assert_eq!(
            Command::SetConnectorLabel {
                id: ConnectorId::from_raw(6),
                label: String::new()
            }
            .apply(&mut board),
            Err(EditError::MissingConnector(ConnectorId::from_raw(6)))
        );
    }

    #[test]
    fn backdrops_are_picked_only_by_their_title_strip() {
        let (board, _, rings) = board_with_node_and_rings();
        let strip = board
            .item_at(Point::new(-400.0, -480.0))
            .map(|item| item.id);
        assert_eq!(strip, Some(rings));
        // Inside the rings but away from the node, a click reaches the canvas.
        assert!(board.item_at(Point::new(-400.0, 300.0)).is_none());
    }
}
