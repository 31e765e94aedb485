//! Colleagues' changes as one command: the difference between the board a window shows and the
//! board the shared document holds, in an order the gateway can apply step by step.

use std::collections::BTreeSet;

use crate::edit::Command;
use crate::model::{Board, ItemId, ItemKind};

/// What the board's gateway applies (with [`crate::edit::Origin::Remote`]) to turn `shown` into
/// `wanted`; `None` when they are the same.
///
/// The steps: connectors that are gone or changed are removed; items that change frame or go
/// leave their frames; gone items are removed; new photos and items are added (outside any
/// frame, linked to no persona); changed items are replaced, and new ones given their frame and
/// persona, which now all exist; new and changed connectors are added. Every step leaves a sound board, so the gateway's
/// checks pass on the way.
pub fn changes_between(shown: &Board, wanted: &Board) -> Option<Command> {
    let mut commands = Vec::new();
    if shown.title() != wanted.title() {
        commands.push(Command::SetTitle(wanted.title().to_owned()));
    }
    for connector in shown.connectors() {
        if wanted.connector(connector.id) != Some(connector) {
            commands.push(Command::RemoveConnector(connector.id));
        }
    }
    let gone: BTreeSet<ItemId> = shown
        .items()
        .filter(|item| wanted.item(item.id).is_none())
        .map(|item| item.id)
        .collect();
    for item in shown.items() {
        let wanted_parent = wanted.item(item.id).and_then(|wanted| wanted.parent);
        if item.parent.is_some() && item.parent != wanted_parent {
            commands.push(Command::SetParent {
                id: item.id,
                frame: None,
            });
        }
    }
    commands.extend(gone.iter().map(|&id| Command::RemoveItem(id)));
    for (id, image) in wanted.used_images() {
        if shown.image(id).is_none() {
            commands.push(Command::AddImage {
                id,
                image: Box::new(image.clone()),
            });
        }
    }
    let mut placed = Vec::new();
    for item in wanted.items() {
        match shown.item(item.id) {
            None => {
                // Added on its own first: its frame, or the persona it stands for, may be new too.
                let mut alone = item.clone();
                alone.parent = None;
                match &mut alone.kind {
                    ItemKind::MapNode(node) => node.persona = None,
                    ItemKind::EmpathyMap(map) => map.persona = None,
                    _ => {}
                }
                if alone != *item {
                    placed.push(Command::PutItem(Box::new(item.clone())));
                }
                commands.push(Command::AddItem(Box::new(alone)));
            }
            Some(current) if current != item => {
                placed.push(Command::PutItem(Box::new(item.clone())));
            }
            Some(_) => {}
        }
    }
    commands.append(&mut placed);
    for connector in wanted.connectors() {
        if shown.connector(connector.id) != Some(connector) {
            commands.push(Command::AddConnector(Box::new(connector.clone())));
        }
    }
    (!commands.is_empty()).then_some(Command::Batch {
        label: "Colleagues' changes",
        commands,
    })
}
