//! Photos are hostile input: every accepted format comes out small and re-encoded, and bombs,
//! truncated, random and mangled files are refused with a plain message, never a panic, and the
//! bombs before any large allocation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// Only for the counting allocator below, which forwards to the system allocator.
#![allow(unsafe_code)]

#[path = "common/rng.rs"]
mod rng;

use rng::Rng;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Cursor;

use civic_canvas::model::ImageFormat as StoredFormat;
use civic_canvas::photos::{
    MAX_DECODE_BYTES, MAX_INPUT_BYTES, PhotoError, PreparedPhoto, STORED_MAX_SIDE_PX, content_id,
    decode_base64_lines, decode_stored, encode_base64_lines, prepare_photo,
};
use image::codecs::gif::GifEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, Frame, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use proptest::prelude::*;

// ---- Counting what this thread allocates --------------------------------------------------------

/// Forwards to the system allocator and counts the bytes each thread holds, and its peak.
struct Counting;

thread_local! {
    static LIVE_BYTES: Cell<usize> = const { Cell::new(0) };
    static PEAK_BYTES: Cell<usize> = const { Cell::new(0) };
}

fn note_alloc(size: usize) {
    let _ = LIVE_BYTES.try_with(|live| {
        let now = live.get().saturating_add(size);
        live.set(now);
        let _ = PEAK_BYTES.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn note_free(size: usize) {
    let _ = LIVE_BYTES.try_with(|live| live.set(live.get().saturating_sub(size)));
}

// SAFETY: every call is forwarded unchanged to `System`; the counting touches only const-initialised
// thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            note_alloc(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            note_alloc(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        note_free(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_ptr = unsafe { System.realloc(ptr, layout, new_size) };
        if !new_ptr.is_null() {
            note_alloc(new_size);
            note_free(layout.size());
        }
        new_ptr
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`; also returns the most bytes this thread held at once during it, beyond what it held
/// before.
fn peak_bytes_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE_BYTES.with(Cell::get);
    PEAK_BYTES.with(|peak| peak.set(before));
    let result = f();
    let peak = PEAK_BYTES.with(Cell::get);
    (result, peak.saturating_sub(before))
}

const MB: usize = 1024 * 1024;

// ---- Making images ------------------------------------------------------------------------------

/// A photo-like picture: smooth gradients with some texture, so JPEG has real work to do.
fn photo_like(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let texture = ((x * 7 + y * 13) % 23) as u8;
        Rgb([
            (x * 255 / width.max(1)) as u8 / 2 + texture,
            (y * 255 / height.max(1)) as u8 / 2 + texture,
            128 + texture,
        ])
    })
}

fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A cut-out portrait: an opaque disc on a transparent background.
fn cut_out(width: u32, height: u32) -> RgbaImage {
    RgbaImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (
            f64::from(x) - f64::from(width) / 2.0,
            f64::from(y) - f64::from(height) / 2.0,
        );
        if dx.hypot(dy) < f64::from(width.min(height)) / 3.0 {
            Rgba([200, (x % 256) as u8, (y % 256) as u8, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    })
}

fn lossless_webp(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

/// A two-frame animated GIF: red, then blue.
fn animated_gif(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut out);
        for colour in [Rgba([220, 20, 20, 255]), Rgba([20, 20, 220, 255])] {
            encoder
                .encode_frame(Frame::new(RgbaImage::from_pixel(width, height, colour)))
                .unwrap();
        }
    }
    out
}

/// A small valid file of every accepted format.
fn one_of_each_format() -> Vec<(&'static str, Vec<u8>)> {
    let photo = DynamicImage::ImageRgb8(photo_like(64, 48));
    vec![
        (
            "png",
            encoded(&DynamicImage::ImageRgba8(cut_out(64, 48)), ImageFormat::Png),
        ),
        ("jpeg", encoded(&photo, ImageFormat::Jpeg)),
        ("webp", lossless_webp(&cut_out(64, 48))),
        ("gif", animated_gif(64, 48)),
    ]
}

/// Checks what every stored photo must be: within the stored size, and decodable as stored.
fn assert_storable(photo: &PreparedPhoto) {
    assert!(
        photo.width >= 1 && photo.width <= STORED_MAX_SIDE_PX,
        "{photo:?}"
    );
    assert!(
        photo.height >= 1 && photo.height <= STORED_MAX_SIDE_PX,
        "{photo:?}"
    );
    let pixels = decode_stored(photo.format, &photo.bytes).unwrap();
    assert_eq!(pixels.dimensions(), (photo.width, photo.height));
}

/// Checks that a refusal reads as one sentence on the facilitator's screen.
fn assert_one_short_line(error: &PhotoError) {
    let message = error.to_string();
    assert!(
        !message.is_empty() && message.chars().count() < 250,
        "{message:?}"
    );
    assert!(
        !message.contains('\n') && message.trim() == message,
        "{message:?}"
    );
}

// ---- Hand-made PNG chunks -----------------------------------------------------------------------

/// CRC-32 (ISO-HDLC, as PNG uses), bit by bit.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0_u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: [u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32(&body).to_be_bytes());
    chunk
}

/// A zlib stream holding `data` in stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(65_535).collect()
    };
    for (index, block) in blocks.iter().enumerate() {
        out.push(u8::from(index + 1 == blocks.len()));
        let length = u16::try_from(block.len()).unwrap();
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&(!length).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1_u32, 0_u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// A PNG built by hand: signature, IHDR claiming `width` × `height`, one IDAT, IEND.
fn hand_made_png(width: u32, height: u32, bit_depth: u8, colour_type: u8, idat: &[u8]) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[bit_depth, colour_type, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(*b"IHDR", &ihdr));
    png.extend(png_chunk(*b"IDAT", idat));
    png.extend(png_chunk(*b"IEND", &[]));
    png
}

#[test]
fn the_hand_made_png_is_a_real_png() {
    // Without this, the bomb below could be refused for a bad CRC instead of its size.
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    let mut rows = Vec::new();
    for y in 0..4_u8 {
        rows.push(0); // Filter: none.
        for x in 0..4_u8 {
            rows.extend_from_slice(&[x * 60, y * 60, 90, 255]);
        }
    }
    let png = hand_made_png(4, 4, 8, 6, &zlib_stored(&rows));
    let pixels = image::load_from_memory(&png).unwrap().into_rgba8();
    assert_eq!(pixels.get_pixel(3, 2).0, [180, 120, 90, 255]);
    let photo = prepare_photo(&png).unwrap();
    assert_eq!(
        (photo.width, photo.height, photo.format),
        (4, 4, StoredFormat::Jpeg)
    );
}

// ---- Accepted formats ---------------------------------------------------------------------------

#[test]
fn a_png_with_transparency_is_stored_as_png_pixel_for_pixel() {
    let source = cut_out(300, 200);
    let photo = prepare_photo(&encoded(&source.clone().into(), ImageFormat::Png)).unwrap();
    assert_eq!(
        (photo.width, photo.height, photo.format),
        (300, 200, StoredFormat::Png)
    );
    // Small enough to keep its size, and PNG is lossless: the same pixels come back.
    assert_eq!(decode_stored(photo.format, &photo.bytes).unwrap(), source);
}

#[test]
fn an_opaque_jpeg_is_stored_as_a_smaller_jpeg() {
    let source = encoded(&photo_like(2000, 1000).into(), ImageFormat::Jpeg);
    let photo = prepare_photo(&source).unwrap();
    assert_eq!(
        (photo.width, photo.height, photo.format),
        (512, 256, StoredFormat::Jpeg)
    );
    assert!(photo.bytes.starts_with(&[0xff, 0xd8, 0xff]));
    assert!(
        photo.bytes.len() < source.len() / 4,
        "{} of {} bytes",
        photo.bytes.len(),
        source.len()
    );
    assert_storable(&photo);
}

#[test]
fn the_longest_side_becomes_512_and_small_photos_keep_their_size() {
    let cases = [
        ((2000, 1000), (512, 256)),
        ((1000, 2000), (256, 512)),
        ((300, 200), (300, 200)),
    ];
    for ((width, height), expected) in cases {
        let source = encoded(&photo_like(width, height).into(), ImageFormat::Png);
        let photo = prepare_photo(&source).unwrap();
        assert_eq!(
            (photo.width, photo.height),
            expected,
            "from {width} × {height}"
        );
        assert_storable(&photo);
    }
}

#[test]
fn a_webp_is_accepted() {
    let source = cut_out(120, 80);
    let photo = prepare_photo(&lossless_webp(&source)).unwrap();
    assert_eq!(
        (photo.width, photo.height, photo.format),
        (120, 80, StoredFormat::Png)
    );
    assert_eq!(decode_stored(photo.format, &photo.bytes).unwrap(), source);

    let opaque = DynamicImage::ImageRgb8(photo_like(700, 350)).into_rgba8();
    let photo = prepare_photo(&lossless_webp(&opaque)).unwrap();
    assert_eq!(
        (photo.width, photo.height, photo.format),
        (512, 256, StoredFormat::Jpeg)
    );
}

#[test]
fn an_animated_gif_gives_its_first_frame() {
    let photo = prepare_photo(&animated_gif(80, 60)).unwrap();
    assert_eq!(
        (photo.width, photo.height, photo.format),
        (80, 60, StoredFormat::Jpeg)
    );
    let pixels = decode_stored(photo.format, &photo.bytes).unwrap();
    let [r, _, b, _] = pixels.get_pixel(40, 30).0;
    assert!(
        r > 180 && b < 60,
        "the first frame is red, got {:?}",
        pixels.get_pixel(40, 30)
    );
}

#[test]
fn the_same_file_gives_the_same_bytes_and_id() {
    for (name, file) in one_of_each_format() {
        let first = prepare_photo(&file).unwrap();
        let second = prepare_photo(&file).unwrap();
        assert_eq!(first, second, "{name}");
        assert_eq!(content_id(&first.bytes), content_id(&second.bytes));
    }
    let (png, jpeg) = (&one_of_each_format()[0].1, &one_of_each_format()[1].1);
    let png_id = content_id(&prepare_photo(png).unwrap().bytes);
    let jpeg_id = content_id(&prepare_photo(jpeg).unwrap().bytes);
    assert_ne!(png_id, jpeg_id);
}

#[test]
fn a_stored_photo_survives_the_trip_through_base64_lines() {
    let photo = prepare_photo(&encoded(&photo_like(900, 600).into(), ImageFormat::Jpeg)).unwrap();
    let lines = encode_base64_lines(&photo.bytes);
    assert!(lines.len() > 10);
    let bytes = decode_base64_lines(&lines).unwrap();
    assert_eq!(content_id(&bytes), content_id(&photo.bytes));
    assert_eq!(
        decode_stored(photo.format, &bytes).unwrap().dimensions(),
        (512, 341)
    );
}

// ---- Bombs: refused from the header, before any large allocation --------------------------------

#[test]
fn a_png_claiming_100000_by_100000_pixels_is_refused_before_allocating() {
    // A real bomb would have a deflate stream of zeros here; it is never read.
    let bomb = hand_made_png(100_000, 100_000, 8, 6, &zlib_stored(&[0; 1024]));
    let (result, peak) = peak_bytes_during(|| prepare_photo(&bomb));
    let error = result.unwrap_err();
    assert_eq!(
        error,
        PhotoError::TooManyPixels {
            width: 100_000,
            height: 100_000,
            max_side: 10_000
        }
    );
    assert_eq!(
        error.to_string(),
        "this image is 100000 × 100000 pixels; photos can be at most 10000 pixels a side"
    );
    assert!(peak < MB, "held {peak} bytes at once");
}

#[test]
fn the_allocation_count_sees_a_real_decode() {
    // Control for the bomb tests: decoding 2000 × 2000 RGBA needs 16 MB, and the count sees it.
    let png = encoded(
        &DynamicImage::ImageRgba8(cut_out(2000, 2000)),
        ImageFormat::Png,
    );
    let (result, peak) = peak_bytes_during(|| prepare_photo(&png));
    assert!(result.is_ok());
    assert!(peak >= 2000 * 2000 * 4, "held only {peak} bytes at once");
}

#[test]
fn a_png_within_the_side_limit_but_too_deep_for_memory_is_refused_before_allocating() {
    // 10 000 × 10 000 at 16 bits RGBA would be 800 MB of pixels.
    let deep = hand_made_png(10_000, 10_000, 16, 6, &zlib_stored(&[0; 1024]));
    let (result, peak) = peak_bytes_during(|| prepare_photo(&deep));
    let error = result.unwrap_err();
    assert_eq!(
        error,
        PhotoError::NeedsTooMuchMemory {
            limit_bytes: MAX_DECODE_BYTES
        }
    );
    assert_eq!(
        error.to_string(),
        "this image is too big to open: it would need more than 512 MB of memory"
    );
    assert!(peak < MB, "held {peak} bytes at once");
}

#[test]
fn a_png_one_pixel_over_the_side_limit_is_refused() {
    for (width, height) in [(10_001, 1), (1, 10_001)] {
        let png = hand_made_png(width, height, 8, 0, &zlib_stored(&[0; 16]));
        assert_eq!(
            prepare_photo(&png),
            Err(PhotoError::TooManyPixels {
                width,
                height,
                max_side: 10_000
            })
        );
    }
}

/// Finds `marker` in `bytes`.
fn position_of(bytes: &[u8], marker: &[u8]) -> usize {
    bytes
        .windows(marker.len())
        .position(|window| window == marker)
        .unwrap()
}

#[test]
fn jpeg_gif_and_webp_bombs_are_refused_before_allocating() {
    // A JPEG whose frame header (SOF0) claims 60000 × 60000.
    let mut jpeg = encoded(&photo_like(64, 48).into(), ImageFormat::Jpeg);
    let sof = position_of(&jpeg, &[0xff, 0xc0]);
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0xea, 0x60, 0xea, 0x60]);

    // A GIF whose logical screen claims 65535 × 65535.
    let mut gif = animated_gif(64, 48);
    gif[6..10].copy_from_slice(&[0xff, 0xff, 0xff, 0xff]);

    // A lossless WebP whose header claims 16000 × 16000 (14 bits each, stored minus one).
    let mut webp = lossless_webp(&cut_out(64, 48));
    assert_eq!(&webp[12..16], b"VP8L");
    let fields = u32::from_le_bytes(webp[21..25].try_into().unwrap());
    let side_minus_one: u32 = 16_000 - 1;
    let fields = (fields & !0x0fff_ffff) | side_minus_one | (side_minus_one << 14);
    webp[21..25].copy_from_slice(&fields.to_le_bytes());

    for (name, bomb, (width, height)) in [
        ("jpeg", jpeg, (60_000, 60_000)),
        ("gif", gif, (65_535, 65_535)),
        ("webp", webp, (16_000, 16_000)),
    ] {
        let (result, peak) = peak_bytes_during(|| prepare_photo(&bomb));
        assert_eq!(
            result,
            Err(PhotoError::TooManyPixels {
                width,
                height,
                max_side: 10_000
            }),
            "{name}"
        );
        assert!(peak < MB, "{name} held {peak} bytes at once");
    }
}

// ---- Too large, empty, random, truncated, mangled -----------------------------------------------

#[test]
fn a_file_over_50_mb_is_refused_without_being_read() {
    let mut huge = encoded(&photo_like(64, 48).into(), ImageFormat::Png);
    huge.resize(MAX_INPUT_BYTES + 1, 0);
    let (result, peak) = peak_bytes_during(|| prepare_photo(&huge));
    let error = result.unwrap_err();
    assert_eq!(
        error,
        PhotoError::FileTooLarge {
            bytes: MAX_INPUT_BYTES + 1
        }
    );
    assert_eq!(
        error.to_string(),
        "this file is 50.1 MB; photos can be at most 50 MB"
    );
    assert!(peak < 1024, "held {peak} bytes at once");

    // Exactly at the limit is looked at (and here found not to be an image).
    assert_eq!(
        prepare_photo(&vec![0; MAX_INPUT_BYTES]),
        Err(PhotoError::NotAnImage)
    );
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(prepare_photo(&[]), Err(PhotoError::Empty));
    assert_eq!(PhotoError::Empty.to_string(), "this file is empty");
}

#[test]
fn random_bytes_are_not_an_image() {
    let mut rng = Rng(0x5eed_0001);
    for _ in 0..500 {
        let length = 1 + rng.below(4096);
        let mut bytes = rng.bytes(length);
        // Avoid the rare random start that is a real signature ("BM", "P1", …).
        bytes[0] = b'x';
        assert_eq!(prepare_photo(&bytes), Err(PhotoError::NotAnImage));
    }
    assert_eq!(
        PhotoError::NotAnImage.to_string(),
        "this is not a PNG, JPEG, WebP or GIF image"
    );
}

#[test]
fn random_bytes_behind_a_real_signature_are_damaged_not_a_crash() {
    let signatures: [&[u8]; 5] = [
        b"\x89PNG\r\n\x1a\n",
        &[0xff, 0xd8, 0xff],
        b"GIF89a",
        b"RIFF\x10\0\0\0WEBPVP8L",
        b"RIFF\x10\0\0\0WEBPVP8X",
    ];
    let mut rng = Rng(0x5eed_0002);
    for signature in signatures {
        for _ in 0..200 {
            let mut bytes = signature.to_vec();
            let length = rng.below(2048);
            bytes.extend(rng.bytes(length));
            match prepare_photo(&bytes) {
                Err(
                    error @ (PhotoError::Damaged(_)
                    | PhotoError::UnsupportedFeature(_)
                    // Random header fields may claim a huge image.
                    | PhotoError::TooManyPixels { .. }
                    | PhotoError::NeedsTooMuchMemory { .. }),
                ) => assert_one_short_line(&error),
                Ok(photo) => assert_storable(&photo),
                Err(other) => panic!("{signature:?}: unexpected {other:?}"),
            }
        }
    }
}

#[test]
fn every_truncation_of_a_png_or_webp_that_loses_pixels_is_refused_as_damaged() {
    for (name, file) in one_of_each_format() {
        // A PNG ends in a 12-byte IEND chunk after all its pixels; cutting only into that loses
        // nothing, and the decoder may accept it.
        let pixels_end = match name {
            "png" => file.len() - 12,
            "webp" => file.len(),
            _ => continue,
        };
        for length in 1..file.len() {
            match prepare_photo(&file[..length]) {
                Err(error @ (PhotoError::Damaged(_) | PhotoError::NotAnImage)) => {
                    assert_one_short_line(&error);
                }
                Ok(photo) if length >= pixels_end => {
                    assert_eq!(
                        photo,
                        prepare_photo(&file).unwrap(),
                        "{name} cut to {length}"
                    );
                }
                other => panic!("{name} cut to {length} of {} bytes: {other:?}", file.len()),
            }
        }
    }
}

#[test]
fn truncated_jpegs_and_gifs_never_panic_and_never_exceed_the_stored_size() {
    // The JPEG and GIF decoders are lenient: a file cut late in its image data may still decode,
    // with the missing part filled in. Whatever comes out must still be a valid stored photo.
    for (name, file) in one_of_each_format() {
        if name != "jpeg" && name != "gif" {
            continue;
        }
        let mut refused = 0;
        for length in 1..file.len() {
            match prepare_photo(&file[..length]) {
                Ok(photo) => assert_storable(&photo),
                Err(error @ (PhotoError::Damaged(_) | PhotoError::NotAnImage)) => {
                    assert_one_short_line(&error);
                    refused += 1;
                }
                Err(other) => panic!("{name} cut to {length}: unexpected {other:?}"),
            }
        }
        assert!(
            refused > file.len() / 10,
            "{name}: only {refused} truncations refused"
        );
    }
}

#[test]
fn mangled_files_never_panic_and_anything_accepted_is_a_valid_stored_photo() {
    let mut rng = Rng(0x5eed_0003);
    for (_, file) in one_of_each_format() {
        for _ in 0..300 {
            let mut bytes = file.clone();
            for _ in 0..=rng.below(4) {
                let at = rng.below(bytes.len());
                match rng.below(3) {
                    0 => bytes[at] ^= 1 << rng.below(8),
                    1 => bytes[at] = rng.next() as u8,
                    _ => bytes[at] = [0x00, 0xff, 0x7f, 0x80][rng.below(4)],
                }
            }
            match prepare_photo(&bytes) {
                Ok(photo) => assert_storable(&photo),
                Err(error) => assert_one_short_line(&error),
            }
        }
    }
}

// ---- Base64 lines -------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn base64_lines_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let lines = encode_base64_lines(&bytes);
        prop_assert_eq!(lines.len(), (bytes.len().div_ceil(3) * 4).div_ceil(76));
        if let Some((last, full)) = lines.split_last() {
            prop_assert!(full.iter().all(|line| line.len() == 76));
            prop_assert!(!last.is_empty() && last.len() <= 76 && last.len() % 4 == 0);
        }
        prop_assert_eq!(decode_base64_lines(&lines).unwrap(), bytes);
    }

    #[test]
    fn a_damaged_character_is_reported_on_its_line(
        bytes in proptest::collection::vec(any::<u8>(), 1..3000),
        pick in any::<proptest::sample::Index>(),
        bad in proptest::sample::select(vec!['*', ' ', '-', '_', '.', 'é', '\n', '"', '\0']),
    ) {
        let mut lines = encode_base64_lines(&bytes);
        let total: usize = lines.iter().map(String::len).sum();
        let mut at = pick.index(total);
        let mut line = 0;
        while at >= lines[line].len() {
            at -= lines[line].len();
            line += 1;
        }
        lines[line].replace_range(at..=at, &bad.to_string());
        match decode_base64_lines(&lines) {
            Err(PhotoError::BadBase64 { line: reported, problem }) => {
                prop_assert_eq!(reported, line + 1);
                prop_assert!(problem.contains(&format!("column {}", at + 1)), "{}", problem);
            }
            other => prop_assert!(false, "expected an error on line {}, got {:?}", line + 1, other),
        }
    }
}
