//! Boards leaving the app: the workshop report (Markdown).

pub mod report;
