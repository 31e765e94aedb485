//! The board as plain data: items, connectors, ids, z-order and geometry, and the feedback loops
//! its polarised connectors form.
//!
//! Nothing here draws, reads files or looks at a clock. The only way to change a [`Board`] from
//! outside this crate is through [`crate::edit::Command`].

mod board;
mod board_index;
mod connector;
mod frame;
mod geometry;
mod id;
mod image;
mod item;
mod item_mut;
mod loops;
mod map;
mod one_line;
mod palette;
mod persona;
mod portrait;
pub mod sketch;
mod spatial;
mod stroke;
mod z_order;

pub use board::{Board, BoardError, KindCounts, Stamp};
pub use connector::{
    Arrows, CONNECTOR_BOW, Connector, ConnectorProps, LineStyle, Polarity, Relation, Route,
};
pub use frame::Frame;
pub use geometry::{MAX_COORDINATE, MAX_ITEM_SIZE, Point, Rect, Size, tidy};
pub use id::{ConnectorId, IdGen, ItemId, ParseIdError};
pub use image::{ImageFormat, ImageId, ParseImageIdError, StoredImage};
pub use item::{Item, ItemKind, Note};
pub(crate) use item_mut::ItemMut;
pub use loops::{FeedbackLoop, LoopKind, LoopSearch, MAX_LOOPS, find_loops, loop_tags};
pub use map::{
    GRID_QUADRANTS, IMPACT_QUADRANTS, Level, MapNode, NodeShape, NodeType, Rings, places_on_grid,
};
pub use one_line::{one_line, put_on_one_line};
pub use palette::PaletteColor;
pub use persona::{Avatar, Basis, Channel, CustomField, EmpathyMap, Entry, EntryList, Persona};
pub use portrait::Portrait;
pub use stroke::{Stroke, StrokePoint, StrokeTool, number};
pub use z_order::ZKey;
