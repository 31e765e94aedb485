//! Photos stored in a board, by content.
//!
//! A board is one self-contained file, so the photos of its persona cards live inside it, each
//! stored once under an id made from its bytes: two cards with the same photo share it.

use std::fmt;
use std::sync::Arc;

/// The id of a stored photo: a 128-bit hash of its stored bytes, written as 32 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageId(u128);

impl ImageId {
    /// The id with this raw value.
    pub const fn from_raw(raw: u128) -> Self {
        Self(raw)
    }

    /// The raw 128-bit value.
    pub const fn raw(self) -> u128 {
        self.0
    }
}

impl fmt::Display for ImageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl fmt::Debug for ImageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImageId({:032x})", self.0)
    }
}

/// Why a text could not be read as an image id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid image id {text:?}: expected 32 hexadecimal digits")]
pub struct ParseImageIdError {
    /// The text that was not an id.
    pub text: String,
}

impl std::str::FromStr for ImageId {
    type Err = ParseImageIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let valid = text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit());
        let parsed = valid.then(|| u128::from_str_radix(text, 16).ok()).flatten();
        parsed.map(Self).ok_or_else(|| ParseImageIdError {
            text: text.chars().take(40).collect(),
        })
    }
}

impl serde::Serialize for ImageId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ImageId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How a stored photo's bytes are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    /// PNG (photos with transparency).
    Png,
    /// JPEG (opaque photos).
    Jpeg,
}

/// A photo as stored in a board: small (at most 512 pixels a side) and already encoded.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// How `bytes` are encoded.
    pub format: ImageFormat,
    /// The encoded image, shared (cheap to clone with the board).
    pub bytes: Arc<[u8]>,
}

impl fmt::Debug for StoredImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "StoredImage({}×{} {:?}, {} bytes)",
            self.width,
            self.height,
            self.format,
            self.bytes.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_written_as_32_hex_digits_and_read_back() {
        let id = ImageId::from_raw(0x0123_4567_89ab_cdef_0011_2233_4455_6677);
        let text = id.to_string();
        assert_eq!(text, "0123456789abcdef0011223344556677");
        assert_eq!(text.parse::<ImageId>(), Ok(id));
        assert!("0123".parse::<ImageId>().is_err());
        assert!(
            "0123456789abcdef001122334455667g"
                .parse::<ImageId>()
                .is_err()
        );
    }
}
