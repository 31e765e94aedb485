//! Boards leaving the app: the workshop report (Markdown), and pictures of the board as SVG,
//! PNG and PDF.

mod persona_sheet;
pub mod picture;
pub mod raster;
pub mod report;
pub mod svg;
