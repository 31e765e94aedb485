//! Names, titles and labels stay on one line, whoever writes them (a paste into the inspector, a
//! `script` line, a colleague's edit): their line breaks and other control characters become
//! spaces, as loading a file does.

use std::collections::BTreeSet;

use super::super::{Command, ConnectorField, ItemField};
use crate::model::{Board, ItemId, ItemKind, NodeType, Relation, put_on_one_line};

/// Puts every name, title and label that `commands` write on one line.
pub(super) fn put_on_one_line_in(board: &Board, commands: &mut [Command]) {
    // Notes added in the same step keep their lines too.
    let added_notes: BTreeSet<ItemId> = commands
        .iter()
        .filter_map(|command| match command {
            Command::AddItem(item) if matches!(item.kind, ItemKind::Note(_)) => Some(item.id),
            _ => None,
        })
        .collect();
    for command in commands {
        match command {
            Command::AddItem(item) => {
                for (_, text) in item.one_line_texts_mut() {
                    put_on_one_line(text);
                }
            }
            Command::SetText { id, text } => {
                let is_note = added_notes.contains(id)
                    || board
                        .item(*id)
                        .is_some_and(|item| matches!(item.kind, ItemKind::Note(_)));
                if !is_note {
                    put_on_one_line(text);
                }
            }
            Command::SetField {
                field: ItemField::NodeType(NodeType::Custom(name)),
                ..
            }
            | Command::SetConnectorField {
                field: ConnectorField::Relation(Some(Relation::Custom(name))),
                ..
            }
            | Command::SetTitle(name)
            | Command::SetConnectorLabel { label: name, .. } => {
                put_on_one_line(name);
            }
            Command::AddConnector(connector) => {
                for (_, text) in connector.one_line_texts_mut() {
                    put_on_one_line(text);
                }
            }
            _ => {}
        }
    }
}
