//! The named colours an item can have. Names are what the file stores; the theme maps them to
//! pixels, so a board never carries raw RGB values.

use serde::{Deserialize, Serialize};

/// A named colour from the board palette.
///
/// The serialized names are part of the file format: never rename a variant, only add new ones.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum PaletteColor {
    /// The classic sticky note.
    #[default]
    Yellow,
    /// Warm orange.
    Orange,
    /// Soft red.
    Red,
    /// Pink.
    Pink,
    /// Lavender.
    Purple,
    /// Light blue.
    Blue,
    /// Teal / turquoise.
    Teal,
    /// Light green.
    Green,
    /// Neutral grey.
    Grey,
    /// Plain white.
    White,
}

impl PaletteColor {
    /// Every colour, in the order the palette shows them.
    pub const ALL: [Self; 10] = [
        Self::Yellow,
        Self::Orange,
        Self::Red,
        Self::Pink,
        Self::Purple,
        Self::Blue,
        Self::Teal,
        Self::Green,
        Self::Grey,
        Self::White,
    ];

    /// The colour's name as shown to people (sentence case).
    pub const fn label(self) -> &'static str {
        match self {
            Self::Yellow => "Yellow",
            Self::Orange => "Orange",
            Self::Red => "Red",
            Self::Pink => "Pink",
            Self::Purple => "Purple",
            Self::Blue => "Blue",
            Self::Teal => "Teal",
            Self::Green => "Green",
            Self::Grey => "Grey",
            Self::White => "White",
        }
    }
}
