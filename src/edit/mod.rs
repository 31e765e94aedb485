//! The only way a board changes: [`Command`]s, applied in one place, each returning its inverse,
//! and the [`History`] that keeps those inverses for undo and redo.
//!
//! One user gesture (a whole drag, a whole text edit, a colour change) is one command, so it is one
//! undo step. Commands change one field of one thing at a time (or a [`Command::Batch`] of such
//! changes), which is also the shape a collaborative document wants later: one command, one
//! transaction.

mod command;
mod history;

pub use command::{Command, EditError};
pub use history::History;
