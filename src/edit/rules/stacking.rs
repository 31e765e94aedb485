//! Stacking keys kept short: when a change would give an item a key past
//! [`LONG_KEY_CHARS`], every item gets a short key again, in the same stacking order.

use crate::edit::Command;
use crate::model::{Board, ZKey};

/// A key longer than this is given back a short one (with every other key). Keys grow by one
/// character each time an item is squeezed between the same two neighbours; files hold keys of
/// up to 256 characters, far beyond this.
pub const LONG_KEY_CHARS: usize = 64;

/// Whether `command` gives an item a key longer than [`LONG_KEY_CHARS`].
pub fn makes_long_keys(command: &Command) -> bool {
    match command {
        Command::AddItem(item) => item.z.as_str().len() > LONG_KEY_CHARS,
        Command::SetZ { z, .. } => z.as_str().len() > LONG_KEY_CHARS,
        Command::Batch { commands, .. } => commands.iter().any(makes_long_keys),
        _ => false,
    }
}

/// The change that gives every item a short key (`a0`, `a1`, …), keeping the stacking order;
/// an item that already has its key keeps it.
pub fn rebalance(board: &Board) -> Command {
    let mut commands = Vec::new();
    let mut z = ZKey::middle();
    for item in board.items_bottom_to_top() {
        if item.z != z {
            commands.push(Command::SetZ {
                id: item.id,
                z: z.clone(),
            });
        }
        z = z.after();
    }
    Command::Batch {
        label: "Reorder",
        commands,
    }
}
