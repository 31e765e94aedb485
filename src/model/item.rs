//! Items: the things placed on a board.

use serde::{Deserialize, Serialize};

use super::{ItemId, PaletteColor, Point, Size, ZKey};

/// One thing on the board: where it is, how big, how it stacks and what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable unique id, generated once.
    pub id: ItemId,
    /// Top-left corner in board units.
    pub pos: Point,
    /// Width and height in board units.
    pub size: Size,
    /// Stacking order key; higher keys are drawn on top.
    pub z: ZKey,
    /// Fill colour from the board palette.
    pub color: PaletteColor,
    /// What kind of item this is, with its kind-specific data.
    pub kind: ItemKind,
}

/// The kind of an item and the data that only that kind has.
///
/// Persona cards and map nodes join this enum in their own issues.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ItemKind {
    /// A sticky note.
    Note(Note),
}

/// A sticky note: a short piece of text, such as an idea or an observation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The note's text; line breaks are kept.
    pub text: String,
}

impl Item {
    /// The default size of a new sticky note.
    pub const NOTE_SIZE: Size = Size::new(240.0, 200.0);
    /// The smallest size an item can be resized to.
    pub const MIN_SIZE: Size = Size::new(60.0, 40.0);

    /// A new sticky note with its top-left corner at `pos`.
    pub fn note(
        id: ItemId,
        pos: Point,
        z: ZKey,
        color: PaletteColor,
        text: impl Into<String>,
    ) -> Self {
        Self {
            id,
            pos,
            size: Self::NOTE_SIZE,
            z,
            color,
            kind: ItemKind::Note(Note { text: text.into() }),
        }
    }

    /// The item's main text (a note's text).
    pub fn text(&self) -> &str {
        match &self.kind {
            ItemKind::Note(note) => &note.text,
        }
    }

    /// The centre of the item in board units.
    pub fn center(&self) -> Point {
        Point::new(
            self.pos.x + self.size.width / 2.0,
            self.pos.y + self.size.height / 2.0,
        )
    }

    /// Whether `point` lies inside the item's rectangle (edges included).
    pub fn contains(&self, point: Point) -> bool {
        point.x >= self.pos.x
            && point.y >= self.pos.y
            && point.x <= self.pos.x + self.size.width
            && point.y <= self.pos.y + self.size.height
    }
}
