//! Photos for persona cards: hostile image bytes in, a small re-encoded photo out.
//!
//! Photos come from files, drag-and-drop and the clipboard, so their bytes are hostile input. A
//! board must stay one self-contained, readable file, so a photo is stored small, re-encoded and
//! as base64 lines. The pipeline, all pure functions:
//!
//! 1. [`prepare_photo`] refuses a file over [`MAX_INPUT_BYTES`], recognises PNG, JPEG, WebP or
//!    GIF by its first bytes (never by a file name), reads only the header, and refuses an image
//!    over [`MAX_SIDE_PX`] a side or needing over [`MAX_DECODE_BYTES`] before any pixel is
//!    decoded. It then decodes (the first frame of an animation), downscales so the longest side
//!    is at most [`STORED_MAX_SIDE_PX`] (never upscales), turns it upright by its EXIF
//!    orientation, and re-encodes: JPEG at [`JPEG_QUALITY`] when opaque, PNG when any pixel is
//!    transparent. Re-encoding also drops all metadata, such as the GPS position of a phone photo.
//! 2. [`content_id`] names the stored bytes, so two cards with the same photo share one copy.
//! 3. [`encode_base64_lines`] / [`decode_base64_lines`] put the bytes into the board file.
//! 4. [`decode_stored`] turns stored bytes back into pixels for drawing, with tight limits of its
//!    own, since a board file is hostile input too.
//!
//! The same input bytes always give the same output bytes on the same build (no clock, no
//! randomness, no threads).

use std::io::Cursor;

use crate::model::ImageFormat as StoredFormat;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits,
    RgbaImage,
};

mod base64;
mod content_id;
mod error;
#[cfg(test)]
mod tests;

pub use base64::{BASE64_LINE_CHARS, decode_base64_lines, encode_base64_lines};
pub use content_id::content_id;
pub use error::PhotoError;

/// Photos with more pixels than this on either side are refused, before they are decoded.
pub const MAX_SIDE_PX: u32 = 10_000;

/// Files larger than this are refused without being looked at.
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// The longest side of a stored photo, in pixels. Larger photos are downscaled to it; smaller
/// ones keep their size.
pub const STORED_MAX_SIDE_PX: u32 = 512;

/// The most memory the decoder may take for one photo: the decoded pixels plus the decoder's own
/// buffers. A 10 000 × 10 000 photo with 8 bits a channel (400 MB) fits; the same with 16 bits a
/// channel does not. (The JPEG decoder does not report its own buffers; this bounds its output.)
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// JPEG quality (1–100) for re-encoding opaque photos.
pub const JPEG_QUALITY: u8 = 85;

/// A stored photo larger than this a side is refused when drawn: the app never stores one.
const STORED_DECODE_MAX_SIDE_PX: u32 = STORED_MAX_SIDE_PX * 2;

/// The memory budget for decoding a stored photo (1024 × 1024 at 16 bits RGBA is 8 MB).
const STORED_DECODE_BYTES: u64 = 32 * 1024 * 1024;

/// The `image` crate's name for a stored photo's encoding.
fn decoder_format(format: StoredFormat) -> ImageFormat {
    match format {
        StoredFormat::Png => ImageFormat::Png,
        StoredFormat::Jpeg => ImageFormat::Jpeg,
    }
}

/// A photo ready to store in a board: small, re-encoded, metadata-free.
///
/// Its id is [`content_id`]`(&photo.bytes)`.
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedPhoto {
    /// Width in pixels, upright, at most [`STORED_MAX_SIDE_PX`].
    pub width: u32,
    /// Height in pixels, upright, at most [`STORED_MAX_SIDE_PX`].
    pub height: u32,
    /// How `bytes` are encoded.
    pub format: StoredFormat,
    /// The encoded photo.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for PreparedPhoto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedPhoto")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("format", &self.format)
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .finish()
    }
}

/// Turns the bytes of an image file (PNG, JPEG, WebP or GIF) into a photo to store in a board.
///
/// See the [module documentation](self) for the steps. Never panics; every refusal is a
/// [`PhotoError`] with a message for the facilitator.
pub fn prepare_photo(bytes: &[u8]) -> Result<PreparedPhoto, PhotoError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(PhotoError::FileTooLarge { bytes: bytes.len() });
    }
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    let format = accepted_format(bytes)?;
    // Last line of defence: a panic inside a decoder on a hostile file must not take the board
    // (and the workshop) down with it.
    std::panic::catch_unwind(|| prepare_accepted(bytes, format)).unwrap_or_else(|_| {
        Err(PhotoError::Damaged(
            "the image decoder failed on this file".to_owned(),
        ))
    })
}

/// Decodes a stored photo's bytes into pixels for drawing.
///
/// A board file is hostile input too: a stored photo over twice [`STORED_MAX_SIDE_PX`] a side is
/// refused before decoding, and bytes that are not a valid image of `format` are reported
/// as damaged.
pub fn decode_stored(format: StoredFormat, bytes: &[u8]) -> Result<RgbaImage, PhotoError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(PhotoError::FileTooLarge { bytes: bytes.len() });
    }
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    let decode = || {
        let (image, _orientation) = decode_bounded(
            bytes,
            decoder_format(format),
            STORED_DECODE_MAX_SIDE_PX,
            STORED_DECODE_BYTES,
        )?;
        Ok(image.into_rgba8())
    };
    std::panic::catch_unwind(decode).unwrap_or_else(|_| {
        Err(PhotoError::Damaged(
            "the image decoder failed on this photo".to_owned(),
        ))
    })
}

/// The format of `bytes` from their first bytes, if photos accept it.
fn accepted_format(bytes: &[u8]) -> Result<ImageFormat, PhotoError> {
    let refused = |format: &str| PhotoError::UnsupportedFormat {
        format: format.to_owned(),
    };
    match image::guess_format(bytes) {
        Ok(
            format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP | ImageFormat::Gif),
        ) => Ok(format),
        // Named only where the signature is long enough to be sure; BMP ("BM"), PNM ("P1"…)
        // and ICO signatures also start ordinary text and other files.
        Ok(ImageFormat::Tiff) => Err(refused("TIFF")),
        Ok(ImageFormat::Avif) => Err(refused("AVIF")),
        Ok(ImageFormat::OpenExr) => Err(refused("OpenEXR")),
        Ok(ImageFormat::Qoi) => Err(refused("QOI")),
        Err(_) if is_heif(bytes) => Err(refused("HEIC")),
        _ => Err(PhotoError::NotAnImage),
    }
}

/// Whether `bytes` look like a HEIF/HEIC file (iPhone photos): an ISO `ftyp` box with a HEIF brand.
fn is_heif(bytes: &[u8]) -> bool {
    let (Some(box_type), Some(brand)) = (bytes.get(4..8), bytes.get(8..12)) else {
        return false;
    };
    box_type == b"ftyp"
        && [
            b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
        ]
        .iter()
        .any(|known| brand == *known)
}

fn prepare_accepted(bytes: &[u8], format: ImageFormat) -> Result<PreparedPhoto, PhotoError> {
    let (image, orientation) = decode_bounded(bytes, format, MAX_SIDE_PX, MAX_DECODE_BYTES)?;
    let mut small = downscale(image);
    // Orientation is applied after downscaling, so turning a photo costs nothing.
    small.apply_orientation(orientation);
    let rgba = small.into_rgba8();
    let (width, height) = rgba.dimensions();
    if rgba.pixels().any(|pixel| pixel.0[3] != u8::MAX) {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(rgba.as_raw(), width, height, ExtendedColorType::Rgba8)
        .map_err(|error| PhotoError::Encoding(error.to_string()))?;
        Ok(PreparedPhoto {
            width,
            height,
            format: StoredFormat::Png,
            bytes: out,
        })
    } else {
        let rgb = DynamicImage::ImageRgba8(rgba).into_rgb8();
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&rgb)
            .map_err(|error| PhotoError::Encoding(error.to_string()))?;
        Ok(PreparedPhoto {
            width,
            height,
            format: StoredFormat::Jpeg,
            bytes: out,
        })
    }
}

/// Decodes `bytes` as `format`, refusing an image over `max_side` a side or needing more than
/// `budget` bytes, both from the header alone. Returns the image and its EXIF orientation.
fn decode_bounded(
    bytes: &[u8],
    format: ImageFormat,
    max_side: u32,
    budget: u64,
) -> Result<(DynamicImage, Orientation), PhotoError> {
    let failed = |error| PhotoError::from_decoding(error, budget);
    let mut limits = Limits::default();
    limits.max_alloc = Some(budget);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits.clone());
    // Reads the header only: the side limits are checked here, with the sizes in the message.
    let mut decoder = reader.into_decoder().map_err(failed)?;
    let (width, height) = decoder.dimensions();
    if width > max_side || height > max_side {
        return Err(PhotoError::TooManyPixels {
            width,
            height,
            max_side,
        });
    }
    if width == 0 || height == 0 {
        return Err(PhotoError::Damaged(format!(
            "the image is {width} × {height} pixels"
        )));
    }
    let pixel_bytes = decoder.total_bytes();
    if pixel_bytes > budget {
        return Err(PhotoError::NeedsTooMuchMemory {
            limit_bytes: budget,
        });
    }
    limits.max_image_width = Some(max_side);
    limits.max_image_height = Some(max_side);
    limits.max_alloc = Some(budget - pixel_bytes);
    decoder.set_limits(limits).map_err(failed)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(failed)?;
    Ok((image, orientation))
}

/// The size that fits `width` × `height` into [`STORED_MAX_SIDE_PX`] a side, keeping the aspect
/// ratio (rounded, at least 1 pixel); never larger than it was.
fn stored_size(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= STORED_MAX_SIDE_PX {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled = (u64::from(side) * u64::from(STORED_MAX_SIDE_PX) + u64::from(longest) / 2)
            / u64::from(longest);
        u32::try_from(scaled).unwrap_or(STORED_MAX_SIDE_PX).max(1)
    };
    (scale(width), scale(height))
}

/// Downscales to [`stored_size`] with a Lanczos filter. Transparent images are scaled with
/// premultiplied alpha, so the colour of invisible pixels does not bleed into visible edges.
fn downscale(image: DynamicImage) -> DynamicImage {
    let (width, height) = (image.width(), image.height());
    let (new_width, new_height) = stored_size(width, height);
    if (new_width, new_height) == (width, height) {
        return image;
    }
    if !image.color().has_alpha() {
        return image.resize_exact(new_width, new_height, FilterType::Lanczos3);
    }
    let mut rgba = image.into_rgba8();
    premultiply(&mut rgba);
    let mut small = image::imageops::resize(&rgba, new_width, new_height, FilterType::Lanczos3);
    unpremultiply(&mut small);
    DynamicImage::ImageRgba8(small)
}

fn premultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        let times_alpha = |channel: u8| ((u16::from(channel) * u16::from(a) + 127) / 255) as u8;
        pixel.0 = [times_alpha(r), times_alpha(g), times_alpha(b), a];
    }
}

fn unpremultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        if a == 0 {
            pixel.0 = [0, 0, 0, 0];
            continue;
        }
        let by_alpha = |channel: u8| {
            let value = (u32::from(channel) * 255 + u32::from(a) / 2) / u32::from(a);
            value.min(255) as u8
        };
        pixel.0 = [by_alpha(r), by_alpha(g), by_alpha(b), a];
    }
}
