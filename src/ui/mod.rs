//! Drawing and interaction (egui). Reads the board and emits [`crate::edit::Command`]s; never
//! changes the board itself.

pub mod camera;
pub mod canvas;
pub mod dialogs;
pub mod export_dialog;
pub mod file_dialog;
pub mod inspector;
pub mod portrait_dialog;
pub mod safety_dialogs;
pub mod search;
pub mod shortcuts;
pub mod stroke_mesh;
pub mod template_dialogs;
pub mod theme;
pub mod widgets;
