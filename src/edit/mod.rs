//! The only way a board changes: [`Command`]s, expanded by the board's rules and applied in one
//! place ([`apply`]), each returning its inverse, and the [`History`] that keeps those inverses
//! for undo and redo.
//!
//! One user gesture (a whole drag, a whole text edit, a colour change) is one command, so it is
//! one undo step. Commands change one field of one thing at a time (or are a [`Command::Batch`]
//! of such changes), so undoing a step, or a colleague's edit of another field, never overwrites
//! more than that field.
//!
//! Every change carries its [`Origin`]: what the person at this window did (a gesture, a run of
//! arrow keys, undo or redo), a `script` line, or a repair made while loading a file. Changes a
//! person or script asks for go through the board's rules ([`rules`]); undo and redo replay
//! exact inverses, and repairs are exact.

mod checks;
mod command;
mod connector_field;
mod field;
mod history;
mod lists;
mod origin;
pub mod rules;

use std::collections::BTreeSet;

pub use command::{Command, EditError};
pub use connector_field::ConnectorField;
pub use field::{FieldError, ItemField, PersonaField};
pub use history::History;
pub use lists::{ListRef, ListValue};
pub use origin::Origin;

use crate::model::{Board, ConnectorId, ItemId};

/// A change that was applied: what undoes it, and what it touched.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// What the step is called in the Undo/Redo menu.
    pub label: &'static str,
    /// The command that undoes it.
    pub inverse: Command,
    /// What it changed.
    pub changed: Changed,
}

/// What one change touched, so caches and views update exactly what they need to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// Items added, removed or changed.
    pub items: BTreeSet<ItemId>,
    /// Connectors added, removed or changed.
    pub connectors: BTreeSet<ConnectorId>,
    /// Whether the board's title changed.
    pub title: bool,
    /// Whether photos were stored or forgotten.
    pub images: bool,
}

impl Changed {
    /// What `command` touches.
    pub fn of(command: &Command) -> Self {
        let mut changed = Self::default();
        changed.note(command);
        changed
    }

    fn note(&mut self, command: &Command) {
        match command {
            Command::AddItem(item) | Command::PutItem(item) => {
                self.items.insert(item.id);
            }
            Command::RemoveItem(id)
            | Command::MoveItem { id, .. }
            | Command::ResizeItem { id, .. }
            | Command::SetText { id, .. }
            | Command::SetColor { id, .. }
            | Command::SetZ { id, .. }
            | Command::SetParent { id, .. }
            | Command::SetField { id, .. }
            | Command::InsertInList { id, .. }
            | Command::RemoveFromList { id, .. }
            | Command::MoveInList { id, .. } => {
                self.items.insert(*id);
            }
            Command::AddConnector(connector) => {
                self.connectors.insert(connector.id);
            }
            Command::RemoveConnector(id)
            | Command::SetConnectorLabel { id, .. }
            | Command::SetConnectorField { id, .. } => {
                self.connectors.insert(*id);
            }
            Command::SetTitle(_) => self.title = true,
            Command::AddImage { .. } | Command::RemoveImage(_) => self.images = true,
            Command::Batch { commands, .. } => {
                for command in commands {
                    self.note(command);
                }
            }
        }
    }

    /// Whether nothing was touched.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.connectors.is_empty() && !self.title && !self.images
    }
}

/// Applies `command` to `board` as one change from `origin`: first expanded by the board's
/// rules when the origin asks for them ([`Origin::follows_rules`]), then checked and applied
/// whole or not at all. [`crate::document::Document::apply`] is the gateway for an open board;
/// loading uses this directly for its repairs, before there is a document.
pub fn apply(board: &mut Board, command: Command, origin: Origin) -> Result<Applied, EditError> {
    let command = if origin.follows_rules() {
        rules::expand(board, command)?
    } else {
        command
    };
    let label = command.label();
    let mut changed = Changed::of(&command);
    let long_keys = origin.follows_rules() && rules::stacking::makes_long_keys(&command);
    let mut inverse = command.apply(board)?;
    if long_keys {
        // Stacking keys grow when items are squeezed between neighbours again and again; past a
        // length they are given short ones again, in the same step, so they never reach the
        // length a file may hold.
        let rebalance = rules::stacking::rebalance(board);
        changed.items.extend(Changed::of(&rebalance).items);
        let undo_rebalance = rebalance.apply(board)?;
        inverse = Command::Batch {
            label,
            commands: vec![undo_rebalance, inverse],
        };
    }
    Ok(Applied {
        label,
        inverse,
        changed,
    })
}
