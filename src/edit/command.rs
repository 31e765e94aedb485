//! The board-changing command type: each command changes one field of one thing (or is a batch
//! of such changes), and applying it gives back the command that undoes it.

use super::ConnectorField;
use super::checks::{check_new_item, check_persona, check_position, check_size};
use super::field::{FieldError, ItemField};
use super::lists::{self, ListRef, ListValue};
use crate::model::{
    Board, BoardError, Connector, ConnectorId, ImageId, Item, ItemId, ItemKind, ItemMut,
    PaletteColor, Point, Size, StoredImage, ZKey,
};

/// One change to a board. [`Command::apply`] performs it and returns the command that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Put a new item on the board.
    AddItem(Box<Item>),
    /// Take an item off the board. Its connectors must be removed and the items in it (if it is
    /// a frame) must leave it first; [`super::apply`] does both in the same step.
    RemoveItem(ItemId),
    /// Replaces an item with this one, of the same kind and id: a colleague's change to any of
    /// its fields, as the shared board has it now.
    PutItem(Box<Item>),
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
    /// Replace an item's main text (a note's text, a persona's name, a map node's label, a
    /// frame's title, an empathy map's goal).
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
    /// Put an item into a frame, or take it out of every frame.
    SetParent {
        /// The item.
        id: ItemId,
        /// The frame it goes into, or `None`.
        frame: Option<ItemId>,
    },
    /// Change one field of an item's kind (a persona's age, a map node's influence, …).
    SetField {
        /// The item.
        id: ItemId,
        /// The field and its new value.
        field: ItemField,
    },
    /// Add something to one of an item's lists (a persona's needs, a backdrop's rings, …).
    InsertInList {
        /// The item.
        id: ItemId,
        /// Which list.
        list: ListRef,
        /// Where it goes (from 0; the list's length puts it last).
        index: usize,
        /// What goes in.
        value: ListValue,
    },
    /// Take something out of one of an item's lists.
    RemoveFromList {
        /// The item.
        id: ItemId,
        /// Which list.
        list: ListRef,
        /// Which place (from 0).
        index: usize,
    },
    /// Move something to another place in one of an item's lists.
    MoveInList {
        /// The item.
        id: ItemId,
        /// Which list.
        list: ListRef,
        /// The place it is at.
        from: usize,
        /// The place it goes to.
        to: usize,
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
    /// Change one of a connector's properties (arrows, line, route, relation, polarity, delay).
    SetConnectorField {
        /// The connector.
        id: ConnectorId,
        /// The property and its new value.
        field: ConnectorField,
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
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The command names an item that is not on the board.
    #[error("item {0} is not on the board")]
    MissingItem(ItemId),
    /// The command would turn an item into another kind of item.
    #[error("item {0} cannot become another kind of item")]
    OtherKind(ItemId),
    /// The command names a photo that is not stored.
    #[error("photo {0} is not stored in the board")]
    MissingImage(ImageId),
    /// The command names a connector that is not on the board.
    #[error("connector {0} is not on the board")]
    MissingConnector(ConnectorId),
    /// An item cannot be removed while connectors still use it.
    #[error("item {0} still has connectors")]
    ItemHasConnectors(ItemId),
    /// A frame cannot be removed while items are still in it.
    #[error("frame {0} still holds items")]
    FrameNotEmpty(ItemId),
    /// The item has no text to set (a backdrop).
    #[error("item {0} has no text")]
    NoText(ItemId),
    /// The item would be somewhere that is not a place on the board.
    #[error(
        "item {item} would be at `{field}` = {value}, which is not a place on the board \
         (positions are finite numbers within ±{limit})",
        limit = crate::model::MAX_COORDINATE
    )]
    OffBoard {
        /// The item.
        item: ItemId,
        /// `x` or `y`.
        field: &'static str,
        /// The value refused.
        value: f32,
    },
    /// The item would have a size that cannot be drawn.
    #[error(
        "item {item} would have `{field}` = {value}; a size is more than 0 and at most {limit}",
        limit = crate::model::MAX_ITEM_SIZE
    )]
    Undrawable {
        /// The item.
        item: ItemId,
        /// `width` or `height`.
        field: &'static str,
        /// The value refused.
        value: f32,
    },
    /// A field change does not fit the item.
    #[error("item {item}: {source}")]
    Field {
        /// The item.
        item: ItemId,
        /// What does not fit.
        source: FieldError,
    },
    /// An item would stand for something that is not a persona card on the board.
    #[error("item {item} cannot stand for item {link}, which is not a persona card on the board")]
    NotAPersona {
        /// The map node or empathy map.
        item: ItemId,
        /// What it would stand for.
        link: ItemId,
    },
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
                ItemKind::Rings(_) | ItemKind::InterestGrid | ItemKind::ImpactGrid => {
                    "Add backdrop"
                }
                ItemKind::Frame(_) => "Add frame",
                ItemKind::Stroke(_) => "Draw",
            },
            Self::RemoveItem(_) => "Delete",
            Self::PutItem(_) => "Change",
            Self::MoveItem { .. } => "Move",
            Self::ResizeItem { .. } => "Resize",
            Self::SetText { .. } => "Edit text",
            Self::SetColor { .. } => "Change colour",
            Self::SetZ { .. } => "Reorder",
            Self::SetParent { frame: Some(_), .. } => "Put into frame",
            Self::SetParent { frame: None, .. } => "Take out of frame",
            Self::SetField { field, .. } => field.label(),
            Self::InsertInList { .. } => "Add entry",
            Self::RemoveFromList { .. } => "Remove entry",
            Self::MoveInList { .. } => "Reorder entries",
            Self::SetTitle(_) => "Rename board",
            Self::AddConnector(_) => "Connect",
            Self::RemoveConnector(_) => "Remove connector",
            Self::SetConnectorLabel { .. } => "Edit connector label",
            Self::SetConnectorField { .. } => "Change connector",
            Self::AddImage { .. } | Self::RemoveImage(_) => "Change photo",
            Self::Batch { label, .. } => label,
        }
    }

    /// One step that deletes `ids`. Applied through [`super::apply`] with a local origin, their
    /// connectors go with them, links to a deleted persona are cleared, and the items in a
    /// deleted frame stay on the board, in the frame around it (if any), in the same step.
    pub fn delete_items(ids: &[ItemId]) -> Self {
        Self::Batch {
            label: "Delete",
            commands: ids.iter().map(|&id| Self::RemoveItem(id)).collect(),
        }
    }

    /// Apply the command to `board` and return its inverse. Only this command is applied: the
    /// board's rules (what else a change brings with it) are added by [`super::apply`].
    ///
    /// Refuses, leaving the board exactly as it was, a command that names something missing,
    /// would put an item off the board or give it a size that cannot be drawn, or would put a
    /// frame inside itself.
    pub fn apply(self, board: &mut Board) -> Result<Self, EditError> {
        match self {
            Self::AddItem(item) => {
                check_new_item(board, &item)?;
                let id = item.id;
                board.insert_item(*item)?;
                Ok(Self::RemoveItem(id))
            }
            Self::RemoveItem(id) => {
                if board.connectors_of(id).next().is_some() {
                    return Err(EditError::ItemHasConnectors(id));
                }
                if board.member_count(id) > 0 {
                    return Err(EditError::FrameNotEmpty(id));
                }
                let item = board.remove_item(id).ok_or(EditError::MissingItem(id))?;
                Ok(Self::AddItem(Box::new(item)))
            }
            Self::PutItem(item) => put_item(board, *item),
            Self::MoveItem { id, to } => {
                check_position(id, to)?;
                let from = board.set_pos(id, to).ok_or(EditError::MissingItem(id))?;
                Ok(Self::MoveItem { id, to: from })
            }
            Self::ResizeItem { id, to } => {
                check_size(id, to)?;
                let from = board.set_size(id, to).ok_or(EditError::MissingItem(id))?;
                Ok(Self::ResizeItem { id, to: from })
            }
            Self::SetText { id, text } => {
                let mut item = item_mut(board, id)?;
                let slot = item.text_mut().ok_or(EditError::NoText(id))?;
                let old = std::mem::replace(slot, text);
                Ok(Self::SetText { id, text: old })
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
            Self::SetParent { id, frame } => {
                if board.item(id).is_none() {
                    return Err(EditError::MissingItem(id));
                }
                let old = board.set_parent(id, frame)?;
                Ok(Self::SetParent { id, frame: old })
            }
            Self::SetField { .. }
            | Self::InsertInList { .. }
            | Self::RemoveFromList { .. }
            | Self::MoveInList { .. } => self.apply_to_details(board),
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
            Self::SetConnectorField { id, field } => {
                let connector = connector_mut(board, id)?;
                let old = field.swap_into(&mut connector.props);
                Ok(Self::SetConnectorField { id, field: old })
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

    /// Applies a change to one field or list of an item's kind (see [`Self::apply`]).
    fn apply_to_details(self, board: &mut Board) -> Result<Self, EditError> {
        match self {
            Self::SetField { id, field } => {
                if let ItemField::PersonaLink(Some(link)) = field {
                    check_persona(board, id, link)?;
                }
                let mut item = item_mut(board, id)?;
                let old = field
                    .swap_into(&mut item.kind)
                    .map_err(|source| EditError::Field { item: id, source })?;
                Ok(Self::SetField { id, field: old })
            }
            Self::InsertInList {
                id,
                list,
                index,
                value,
            } => {
                let mut item = item_mut(board, id)?;
                lists::insert(&mut item.kind, list, index, value)
                    .map_err(|source| EditError::Field { item: id, source })?;
                Ok(Self::RemoveFromList { id, list, index })
            }
            Self::RemoveFromList { id, list, index } => {
                let mut item = item_mut(board, id)?;
                let value = lists::remove(&mut item.kind, list, index)
                    .map_err(|source| EditError::Field { item: id, source })?;
                Ok(Self::InsertInList {
                    id,
                    list,
                    index,
                    value,
                })
            }
            Self::MoveInList { id, list, from, to } => {
                let mut item = item_mut(board, id)?;
                lists::reorder(&mut item.kind, list, from, to)
                    .map_err(|source| EditError::Field { item: id, source })?;
                Ok(Self::MoveInList {
                    id,
                    list,
                    from: to,
                    to: from,
                })
            }
            other => other.apply(board),
        }
    }
}

/// Replaces the item with `item`'s id by `item` (see [`Command::PutItem`]); returns the command
/// that puts the old one back.
fn put_item(board: &mut Board, item: Item) -> Result<Command, EditError> {
    let id = item.id;
    let current = board.item(id).ok_or(EditError::MissingItem(id))?;
    if std::mem::discriminant(&current.kind) != std::mem::discriminant(&item.kind) {
        return Err(EditError::OtherKind(id));
    }
    check_new_item(board, &item)?;
    // The frame first: `set_parent` refuses a missing frame or a frame inside itself.
    let old_parent = board.set_parent(id, item.parent)?;
    let mut slot = item_mut(board, id)?;
    let mut old = std::mem::replace(&mut *slot, item);
    old.parent = old_parent;
    Ok(Command::PutItem(Box::new(old)))
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
mod tests;
