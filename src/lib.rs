//! Civic Canvas: an offline whiteboard for co-design workshops on digital public services.
//!
//! The crate is built in layers; each only knows the ones below it:
//!
//! | module | what it holds |
//! |---|---|
//! | [`model`] | the board as plain data: items, connectors, stable ids, z-order keys, frames and the items in them, feedback loops |
//! | [`edit`] | [`edit::Command`] (field-level changes), [`edit::Origin`], the board's rules ([`edit::rules`]), [`edit::apply`] and [`edit::History`] for undo/redo |
//! | [`storage`] | the versioned RON file format, migrations, integrity checks, repairs of impossible numbers, atomic saves |
//! | [`photos`] | persona photos: hostile image bytes decoded with limits, downscaled, re-encoded, base64 lines, content ids |
//! | [`document`] | an open board and the one gateway every change passes through ([`document::Document::apply`]) |
//! | [`ui`] | egui drawing and interaction: canvas, camera, dialogs, theme, shortcut table |
//! | [`app`] | the eframe app: the open session, the window shell and the window's size and place kept between runs; applies commands once per paint |
//! | [`cli`] | command-line verbs such as `civic-canvas check` and `civic-canvas generate` |
//! | [`generate`] | realistic generated boards of any size, for benchmarks and trials |
//! | [`script`] | a hidden windowless mode that edits a board with autosave on (for the crash test) |
//!
//! `model` knows nothing of egui, files or clocks; `edit` knows only `model` and decides what
//! every change means; `storage` turns a board into bytes and back; `ui` reads the board and turns
//! gestures into commands (it decides no rule); `app` hands them to the document with their
//! origin.

pub mod app;
pub mod cli;
pub mod document;
pub mod edit;
pub mod export;
pub mod generate;
pub mod interop;
pub mod live;
pub mod model;
pub mod photos;
pub mod script;
pub mod storage;
pub mod templates;
pub mod ui;
