//! Why a photo was refused, in words a facilitator can act on.

use image::ImageError;
use image::error::LimitErrorKind;

use super::MAX_INPUT_BYTES;

/// Why a photo could not be taken into a board or drawn from one.
///
/// Every message is a plain sentence for the facilitator's screen ("this file is 63 MB; photos can
/// be at most 50 MB"), so the app can show it as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// The file has no bytes at all.
    #[error("this file is empty")]
    Empty,

    /// The file is over [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES); it was not read any further.
    #[error(
        "this file is {}; photos can be at most {}",
        megabytes(*bytes as u64),
        megabytes(MAX_INPUT_BYTES as u64)
    )]
    FileTooLarge {
        /// The size of the file.
        bytes: usize,
    },

    /// The bytes do not start like any image format Civic Canvas knows.
    #[error("this is not a PNG, JPEG, WebP or GIF image")]
    NotAnImage,

    /// The bytes are an image, but in a format photos cannot use (HEIC from a phone, TIFF, …).
    #[error(
        "this is a {format} image; photos must be PNG, JPEG, WebP or GIF (save it as JPEG first)"
    )]
    UnsupportedFormat {
        /// A short name of the format, such as "HEIC" or "TIFF".
        format: String,
    },

    /// The image claims more pixels a side than allowed; refused before any pixel was decoded.
    #[error(
        "this image is {width} × {height} pixels; photos can be at most {max_side} pixels a side"
    )]
    TooManyPixels {
        /// Width the image claims.
        width: u32,
        /// Height the image claims.
        height: u32,
        /// The most pixels allowed on either side.
        max_side: u32,
    },

    /// Decoding the image would take more memory than a photo may use (for example a very large
    /// image with 16 bits a channel).
    #[error("this image is too big to open: it would need more than {} of memory", megabytes(*limit_bytes))]
    NeedsTooMuchMemory {
        /// The memory a photo may use while it is decoded.
        limit_bytes: u64,
    },

    /// The image starts well but its data is broken or cut off.
    #[error("the image data is damaged: {0}")]
    Damaged(String),

    /// The image uses a feature of its format that the decoder does not support.
    #[error("this image uses something Civic Canvas cannot read: {0}")]
    UnsupportedFeature(String),

    /// Re-encoding the downscaled photo failed (not expected with the built-in encoders).
    #[error("the photo could not be re-encoded: {0}")]
    Encoding(String),

    /// A line of a stored photo's base64 text is damaged.
    #[error("line {line} of the photo data is damaged: {problem}")]
    BadBase64 {
        /// The line, counted from 1 within the photo's lines.
        line: usize,
        /// What is wrong with it.
        problem: String,
    },
}

impl PhotoError {
    /// Translates an error of the `image` crate while decoding. `limit_bytes` is the memory budget
    /// that was in force, for the message when a decoder ran out of it.
    pub(super) fn from_decoding(error: ImageError, limit_bytes: u64) -> Self {
        match error {
            ImageError::Decoding(error) => Self::Damaged(plain_detail(&error.to_string())),
            ImageError::Parameter(error) => Self::Damaged(plain_detail(&error.to_string())),
            ImageError::IoError(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => {
                Self::Damaged("the file ends too early".to_owned())
            }
            ImageError::IoError(error) => Self::Damaged(plain_detail(&error.to_string())),
            ImageError::Limits(error) => match error.kind() {
                LimitErrorKind::InsufficientMemory | LimitErrorKind::DimensionError => {
                    Self::NeedsTooMuchMemory { limit_bytes }
                }
                _ => Self::UnsupportedFeature(error.to_string()),
            },
            ImageError::Unsupported(error) => {
                Self::UnsupportedFeature(plain_detail(&error.to_string()))
            }
            ImageError::Encoding(error) => Self::Encoding(error.to_string()),
        }
    }
}

/// The most characters of a decoder's own words kept in a message.
const MAX_DETAIL_CHARS: usize = 160;

/// A decoder's error text made fit for the facilitator's screen: the common cases in plain words,
/// anything else as its first line, without the "Format error decoding …:" preamble, and short.
fn plain_detail(raw: &str) -> String {
    let lowercase = raw.to_lowercase();
    let cut_off = [
        "end of file",
        "not enough bytes",
        "unexpected eof",
        "no more data",
    ];
    if cut_off.iter().any(|phrase| lowercase.contains(phrase)) {
        return "the file ends too early".to_owned();
    }
    if lowercase.contains("crc error") || lowercase.contains("checksum") {
        return "a checksum does not match (the file was changed or damaged on the way)".to_owned();
    }
    let first_line = raw
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("");
    let detail = match first_line.strip_prefix("Format error decoding ") {
        Some(rest) => rest.split_once(": ").map_or(rest, |(_, message)| message),
        None => first_line,
    };
    let mut short: String = detail.chars().take(MAX_DETAIL_CHARS).collect();
    if detail.chars().count() > MAX_DETAIL_CHARS {
        short.push('…');
    }
    if short.is_empty() {
        "the decoder gave no reason".to_owned()
    } else {
        short
    }
}

/// A size as a facilitator reads it: "63 MB", or "50.1 MB" when a whole number would hide that it
/// is over a limit. Rounds up, in units of 1024 × 1024 bytes.
pub(super) fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    let tenths = bytes.saturating_mul(10).div_ceil(MB);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_whole_megabytes_unless_that_would_hide_an_excess() {
        assert_eq!(megabytes(63 * 1024 * 1024), "63 MB");
        assert_eq!(megabytes(50 * 1024 * 1024), "50 MB");
        assert_eq!(megabytes(50 * 1024 * 1024 + 1), "50.1 MB");
        assert_eq!(megabytes(0), "0 MB");
        // No overflow on absurd sizes.
        assert!(megabytes(u64::MAX).ends_with(" MB"));
    }

    #[test]
    fn decoder_details_are_made_plain_and_short() {
        let truncated =
            "Format error decoding Jpeg: I/O errors Not enough bytes, expected 12 but found 0\n";
        assert_eq!(plain_detail(truncated), "the file ends too early");
        assert_eq!(
            plain_detail("Format error decoding Gif: Unexpected End of File"),
            "the file ends too early"
        );
        let crc = "Format error decoding Png: CRC error: expected 0x441589a4 have 0xf1751072 while \
                   decoding ChunkType { type: IDAT, critical: true } chunk.";
        assert!(plain_detail(crc).starts_with("a checksum does not match"));
        assert_eq!(
            plain_detail("Format error decoding WebP: Corrupt bitstream"),
            "Corrupt bitstream"
        );
        assert_eq!(plain_detail("\n  first line  \nsecond line"), "first line");
        let long = "x".repeat(500);
        assert_eq!(plain_detail(&long).chars().count(), MAX_DETAIL_CHARS + 1);
        assert_eq!(plain_detail(""), "the decoder gave no reason");
    }

    #[test]
    fn messages_are_plain_sentences_with_the_numbers_that_matter() {
        let too_wide = PhotoError::TooManyPixels {
            width: 12_000,
            height: 800,
            max_side: 10_000,
        };
        assert_eq!(
            too_wide.to_string(),
            "this image is 12000 × 800 pixels; photos can be at most 10000 pixels a side"
        );
        let too_large = PhotoError::FileTooLarge {
            bytes: 63 * 1024 * 1024,
        };
        assert_eq!(
            too_large.to_string(),
            "this file is 63 MB; photos can be at most 50 MB"
        );
        let base64 = PhotoError::BadBase64 {
            line: 3,
            problem: "x".to_owned(),
        };
        assert_eq!(base64.to_string(), "line 3 of the photo data is damaged: x");
    }
}
