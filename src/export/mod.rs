//! Boards leaving the app: the workshop report (Markdown), and pictures of the board as SVG,
//! PNG and PDF.

pub mod raster;
pub mod report;
pub mod svg;
