//! Boards to and from other formats: JSON Canvas (the open format of Obsidian Canvas), and notes
//! from spreadsheets (CSV) and plain text.

pub mod json_canvas;
pub mod table;
