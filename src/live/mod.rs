//! Live co-editing: the board as a shared Yjs document, so colleagues and participants can edit
//! one board at once through a standard Yjs relay.
//!
//! [`SharedBoard`] holds the shared document (a `yrs` [`yrs::Doc`]) laid out as
//! `docs/live-schema.md` describes: one map per item, keyed by field, with the text people type
//! as Yjs texts and lists as maps of entries with order keys, so that concurrent changes to
//! different fields, different entries or different parts of one text all survive the merge.
//! Local changes are written from the [`crate::edit::Changed`] of a command the document's
//! gateway applied, one transaction each, touching only the fields that differ; the board is
//! read back with [`SharedBoard::project`], which accepts any merged state.

mod fields;
mod kept;
mod net;
pub mod presence;
mod remote;
mod shared;
mod splice;

pub use kept::{KeptSession, MAX_KEPT_BYTES, kept_path};
pub use net::{Connection, Incoming, OUTDATED, RENEW, Status};
pub use presence::{Peer, Presence, Voting};
pub use remote::changes_between;
pub use shared::{
    LiveError, MAX_DOCUMENT_BYTES, MAX_UPDATE_BYTES, Projection, SCHEMA_VERSION, SharedBoard,
};
pub use splice::{Splice, common_ends, splice};
