//! Unit tests of the photo pipeline's parts; hostile files are in `tests/hostile_photos.rs`.

use image::{Rgb, RgbImage, Rgba};

use super::*;

fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

#[test]
fn stored_size_keeps_the_aspect_ratio_and_never_upscales() {
    assert_eq!(stored_size(2000, 1000), (512, 256));
    assert_eq!(stored_size(1000, 2000), (256, 512));
    assert_eq!(stored_size(4000, 3000), (512, 384));
    assert_eq!(stored_size(1001, 1000), (512, 511));
    assert_eq!(stored_size(300, 200), (300, 200));
    assert_eq!(stored_size(512, 512), (512, 512));
    assert_eq!(stored_size(1, 1), (1, 1));
    // A sliver keeps at least one pixel.
    assert_eq!(stored_size(10_000, 7), (512, 1));
    assert_eq!(stored_size(7, 10_000), (1, 512));
}

#[test]
fn the_colour_of_invisible_pixels_does_not_bleed_into_visible_edges() {
    // Left half opaque red, right half fully transparent, with green in the colour channels
    // (where files often keep whatever was painted before). Scaling without premultiplied
    // alpha would leave a green fringe along the edge.
    let red = [200, 30, 30];
    let source = RgbaImage::from_fn(1000, 100, |x, _| {
        if x < 500 {
            Rgba([200, 30, 30, 255])
        } else {
            Rgba([0, 255, 0, 0])
        }
    });
    let small = downscale(DynamicImage::ImageRgba8(source)).into_rgba8();
    assert_eq!(small.dimensions(), (512, 51));
    let mut edge_pixels = 0;
    for pixel in small.pixels() {
        let [r, g, b, a] = pixel.0;
        // Opaque pixels may ring a little (Lanczos sharpens); faint ones lose precision.
        if (64..255).contains(&a) {
            edge_pixels += 1;
            for (channel, expected) in [r, g, b].into_iter().zip(red) {
                assert!(
                    channel.abs_diff(expected) <= 4,
                    "{:?} at alpha {a}",
                    pixel.0
                );
            }
        }
    }
    assert!(
        edge_pixels > 0,
        "the edge should be soft, so the test looks at blended pixels"
    );
}

#[test]
fn premultiplying_and_back_keeps_opaque_and_transparent_pixels() {
    let mut image = RgbaImage::from_vec(
        3,
        1,
        vec![
            10, 200, 255, 255, /**/ 99, 98, 97, 0, /**/ 200, 100, 50, 128,
        ],
    )
    .unwrap();
    premultiply(&mut image);
    assert_eq!(
        image.as_raw(),
        &vec![10, 200, 255, 255, 0, 0, 0, 0, 100, 50, 25, 128]
    );
    unpremultiply(&mut image);
    assert_eq!(
        image.as_raw(),
        &vec![10, 200, 255, 255, 0, 0, 0, 0, 199, 100, 50, 128]
    );
}

/// A JPEG of `image` with an EXIF segment that says "rotate 90° clockwise to view" (value 6).
fn jpeg_with_exif_orientation(image: &DynamicImage, orientation: u8) -> Vec<u8> {
    let jpeg = encoded(image, ImageFormat::Jpeg);
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    exif.extend_from_slice(&[0, 1]); // One IFD entry:
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]); // Orientation, SHORT.
    exif.extend_from_slice(&[0, 0, 0, 0]); // No next IFD.
    let mut out = jpeg[..2].to_vec(); // SOI.
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn exif_orientation_turns_the_photo_upright() {
    // 600 × 300, red on the left, blue on the right, taken "sideways".
    let source = RgbImage::from_fn(600, 300, |x, _| {
        if x < 300 {
            Rgb([220, 0, 0])
        } else {
            Rgb([0, 0, 220])
        }
    });
    let source = DynamicImage::ImageRgb8(source);

    let plain = prepare_photo(&jpeg_with_exif_orientation(&source, 1)).unwrap();
    assert_eq!((plain.width, plain.height), (512, 256));

    // Rotating 90° clockwise puts the left (red) half on top.
    let turned = prepare_photo(&jpeg_with_exif_orientation(&source, 6)).unwrap();
    assert_eq!((turned.width, turned.height), (256, 512));
    let pixels = decode_stored(turned.format, &turned.bytes).unwrap();
    let [r, _, b, _] = pixels.get_pixel(128, 64).0;
    assert!(
        r > 180 && b < 60,
        "top should be red, got {:?}",
        pixels.get_pixel(128, 64)
    );
    let [r, _, b, _] = pixels.get_pixel(128, 448).0;
    assert!(
        b > 180 && r < 60,
        "bottom should be blue, got {:?}",
        pixels.get_pixel(128, 448)
    );
}

#[test]
fn the_stored_format_follows_transparency_not_the_source_format() {
    let opaque = DynamicImage::ImageRgba8(RgbaImage::from_pixel(40, 30, Rgba([1, 2, 3, 255])));
    let photo = prepare_photo(&encoded(&opaque, ImageFormat::Png)).unwrap();
    assert_eq!(photo.format, StoredFormat::Jpeg);

    let mut one_clear_pixel = RgbaImage::from_pixel(40, 30, Rgba([1, 2, 3, 255]));
    one_clear_pixel.put_pixel(39, 29, Rgba([1, 2, 3, 254]));
    let photo = prepare_photo(&encoded(&one_clear_pixel.into(), ImageFormat::Png)).unwrap();
    assert_eq!(photo.format, StoredFormat::Png);
}

#[test]
fn other_image_formats_are_named_in_the_refusal() {
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.resize(64, 0);
    assert_eq!(
        prepare_photo(&heic),
        Err(PhotoError::UnsupportedFormat {
            format: "HEIC".to_owned()
        })
    );
    assert_eq!(
        prepare_photo(b"II*\0\x08\0\0\0 more tiff"),
        Err(PhotoError::UnsupportedFormat {
            format: "TIFF".to_owned()
        })
    );
    // Two-byte signatures such as BMP's "BM" also start ordinary files: not named.
    assert_eq!(
        prepare_photo(b"BMW fleet report"),
        Err(PhotoError::NotAnImage)
    );
    let message = prepare_photo(&heic).unwrap_err().to_string();
    assert_eq!(
        message,
        "this is a HEIC image; photos must be PNG, JPEG, WebP or GIF (save it as JPEG first)"
    );
    // An MP4 video is an ISO file too, but not a HEIF image.
    assert_eq!(
        prepare_photo(b"\0\0\0\x18ftypisom\0\0\0\0"),
        Err(PhotoError::NotAnImage)
    );
}

#[test]
fn stored_photos_decode_back_and_are_bounded() {
    let source = DynamicImage::ImageRgb8(RgbImage::from_fn(90, 60, |x, y| {
        Rgb([(x * 2) as u8, (y * 4) as u8, 128])
    }));
    let photo = prepare_photo(&encoded(&source, ImageFormat::Png)).unwrap();
    let pixels = decode_stored(photo.format, &photo.bytes).unwrap();
    assert_eq!(pixels.dimensions(), (90, 60));

    // Wider than twice the stored size: a board never holds one, so it is refused.
    let too_wide = DynamicImage::ImageRgba8(RgbaImage::new(1025, 2));
    let bytes = encoded(&too_wide, ImageFormat::Png);
    assert_eq!(
        decode_stored(StoredFormat::Png, &bytes),
        Err(PhotoError::TooManyPixels {
            width: 1025,
            height: 2,
            max_side: 1024
        })
    );
    let just_fits = encoded(
        &DynamicImage::ImageRgba8(RgbaImage::new(1024, 2)),
        ImageFormat::Png,
    );
    assert_eq!(
        decode_stored(StoredFormat::Png, &just_fits)
            .unwrap()
            .dimensions(),
        (1024, 2)
    );

    // Bytes that are not what the board says they are.
    assert!(matches!(
        decode_stored(StoredFormat::Jpeg, &bytes),
        Err(PhotoError::Damaged(_))
    ));
    assert_eq!(
        decode_stored(StoredFormat::Png, &[]),
        Err(PhotoError::Empty)
    );
}
