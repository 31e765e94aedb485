//! Hostile board files, as an attacker would write them, to check (in tests and benchmarks) that
//! opening one never freezes or exhausts the app: the file checks pass, so the size limit alone
//! does not bound the work they cause.

use std::fmt::Write as _;

use crate::model::{
    Board, Frame, ImageFormat, ImageId, Item, ItemId, PaletteColor, Persona, Point, Size,
    StoredImage, ZKey,
};
use crate::storage::CURRENT_FORMAT;

/// The start of a board file in `format`, up to its items.
fn head(format: u32) -> String {
    format!("(\n    format: {format},\n    title: \"Hostile\",\n    items: [\n")
}

/// One note written as the app writes it, with `extra` lines after its colour.
fn note(out: &mut String, id: u64, x: &str, extra: &str) {
    let _ = write!(
        out,
        "        (\n            id: \"{id:016x}\",\n            x: {x},\n            y: 0.0,\n            \
         width: 240.0,\n            height: 200.0,\n            z: \"a0\",\n            \
         color: Yellow,\n{extra}            kind: Note(\n                text: \"n\",\n            ),\n        ),\n"
    );
}

/// Two notes and `count` connectors between one of them and items that are not in the file.
pub fn dangling_connectors(count: usize) -> String {
    let mut out = head(CURRENT_FORMAT);
    note(&mut out, 1, "0.0", "");
    note(&mut out, 2, "300.0", "");
    out.push_str("    ],\n    connectors: [\n");
    for n in 0..count as u64 {
        let _ = writeln!(
            out,
            "        (\n            id: \"{:016x}\",\n            from: \"{:016x}\",\n            \
             to: \"{:016x}\",\n            label: \"\",\n        ),",
            0x1000_0000 + n,
            1,
            0x2000_0000 + n
        );
    }
    out.push_str("    ],\n)\n");
    out
}

/// One note and `count` stored photos whose data is not base64.
pub fn damaged_photos(count: usize) -> String {
    let mut out = head(CURRENT_FORMAT);
    note(&mut out, 1, "0.0", "");
    out.push_str("    ],\n    connectors: [],\n    images: [\n");
    for n in 0..count as u128 {
        let _ = writeln!(
            out,
            "        (\n            id: \"{n:032x}\",\n            width: 2,\n            \
             height: 2,\n            format: Png,\n            data: [\n                \
             \"not base64!\",\n            ],\n        ),"
        );
    }
    out.push_str("    ],\n)\n");
    out
}

/// A format 3 file with one frame listing `count` members that are not in the file.
pub fn missing_frame_members(count: usize) -> String {
    let mut out = head(3);
    out.push_str(
        "        (\n            id: \"0000000000000001\",\n            x: 0.0,\n            y: 0.0,\n            \
         width: 800.0,\n            height: 600.0,\n            z: \"a0\",\n            color: White,\n            \
         kind: Frame(\n                title: \"Stage\",\n                order: 1,\n                members: [\n",
    );
    for n in 0..count as u64 {
        let _ = writeln!(out, "                    \"{:016x}\",", 0x3000_0000 + n);
    }
    out.push_str(
        "                ],\n            ),\n        ),\n    ],\n    connectors: [],\n)\n",
    );
    out
}

/// `count` notes written on one line, each with a position that is not a number.
pub fn nan_positions_on_one_line(count: usize) -> String {
    let mut out = head(CURRENT_FORMAT);
    for n in 0..count as u64 {
        let _ = write!(
            out,
            "(id: \"{:016x}\", x: NaN, y: 0.0, width: 240.0, height: 200.0, z: \"a0\", \
             color: Yellow, kind: Note(text: \"n\")), ",
            n + 1
        );
    }
    out.push_str("\n    ],\n    connectors: [],\n)\n");
    out
}

/// One note holding `bytes` bytes of text, written as one line: the words of a long paste.
pub fn long_note(bytes: usize) -> String {
    let words = "Residents wait hours at the registry office for a paper certificate. ";
    let text: String = words.chars().cycle().take(bytes).collect();
    let mut out = head(CURRENT_FORMAT);
    note_with_text(&mut out, 1, &text);
    out.push_str("    ],\n    connectors: [],\n)\n");
    out
}

/// One note whose text is a letter followed by `count` combining marks.
pub fn combining_marks(count: usize) -> String {
    let mut text = String::from("e");
    text.extend(std::iter::repeat_n('\u{301}', count));
    let mut out = head(CURRENT_FORMAT);
    note_with_text(&mut out, 1, &text);
    out.push_str("    ],\n    connectors: [],\n)\n");
    out
}

fn note_with_text(out: &mut String, id: u64, text: &str) {
    let _ = write!(
        out,
        "        (\n            id: \"{id:016x}\",\n            x: 0.0,\n            y: 0.0,\n            \
         width: 240.0,\n            height: 200.0,\n            z: \"a0\",\n            \
         color: Yellow,\n            kind: Note(\n                text: \"{text}\",\n            ),\n        ),\n"
    );
}

/// `count` persona cards side by side, each with its own photo of `side` × `side` pixels (a
/// JPEG, up to the largest a board file may hold): decoded all at once, they would fill memory.
pub fn persona_photos(count: usize, side: u32) -> String {
    let side = side.clamp(1, crate::photos::STORED_MAX_SIDE_PX * 2);
    let mut items = Vec::with_capacity(count);
    let mut images = Vec::with_capacity(count);
    for n in 0..count {
        let bytes = distinct_photo(n, side);
        let id = ImageId::from_raw(crate::photos::content_id(&bytes));
        let persona = Persona {
            name: format!("Resident {n}"),
            photo: Some(id),
            ..Persona::default()
        };
        let (x, y) = ((n % 40) as f32 * 300.0, (n / 40) as f32 * 460.0);
        items.push(Item::persona(
            item_id(n),
            Point::new(x, y),
            ZKey::middle(),
            PaletteColor::Blue,
            persona,
        ));
        images.push((id, stored_jpeg(side, bytes)));
    }
    board_text(items, images)
}

/// `count` persona cards whose photos are one small picture stored under `count` ids that are
/// not its content's: loading keeps it once, under its true id.
pub fn photo_under_many_ids(count: usize) -> String {
    let bytes = distinct_photo(0, 8);
    let mut items = Vec::with_capacity(count);
    let mut images = Vec::with_capacity(count);
    for n in 0..count {
        let id = ImageId::from_raw(0x0f00_0000 + n as u128);
        let persona = Persona {
            photo: Some(id),
            ..Persona::default()
        };
        items.push(Item::persona(
            item_id(n),
            Point::new(n as f32 * 300.0, 0.0),
            ZKey::middle(),
            PaletteColor::Blue,
            persona,
        ));
        images.push((id, stored_jpeg(8, bytes.clone())));
    }
    board_text(items, images)
}

/// `count` notes of `side` × `side` board units, all at one spot, each covering the one below.
pub fn overlapping_notes(count: usize, side: f32) -> String {
    let items = (0..count)
        .map(|n| {
            let mut note = Item::note(
                item_id(n),
                Point::new(0.0, 0.0),
                ZKey::middle(),
                PaletteColor::Yellow,
                format!("Note {n}"),
            );
            note.size = Size::new(side, side);
            note
        })
        .collect();
    board_text(items, Vec::new())
}

/// `count` frames of `side` × `side` board units, all at one spot.
pub fn stacked_frames(count: usize, side: f32) -> String {
    let items = (0..count)
        .map(|n| {
            let frame = Frame::new(format!("Stage {n}"), n as u32);
            Item::frame(
                item_id(n),
                Point::new(0.0, 0.0),
                Size::new(side, side),
                ZKey::middle(),
                frame,
            )
        })
        .collect();
    board_text(items, Vec::new())
}

/// One pen stroke of `count` points scribbled to and fro over a 2,000-unit square: what a
/// drawing that never lifts the pen, or a forged file, could hold.
pub fn long_stroke(count: usize) -> String {
    let samples: Vec<crate::model::sketch::Sample> = (0..count)
        .map(|i| {
            let t = i as f32;
            crate::model::sketch::Sample::new(
                Point::new(
                    1000.0 + 990.0 * (t * 0.013).sin(),
                    1000.0 + 990.0 * (t * 0.0017).cos(),
                ),
                None,
            )
        })
        .collect();
    let stroke = Item::stroke(
        item_id(0),
        &samples,
        crate::model::StrokeTool::Pen,
        ZKey::middle(),
        PaletteColor::Blue,
    );
    board_text(stroke.into_iter().collect(), Vec::new())
}

fn item_id(n: usize) -> ItemId {
    ItemId::from_raw(0x0100_0000 + n as u64)
}

/// Items stacked in the order given, written as a board file.
fn board_text(mut items: Vec<Item>, images: Vec<(ImageId, StoredImage)>) -> String {
    let mut z = None;
    for item in &mut items {
        let next = ZKey::between(z.as_ref(), None);
        item.z = next.clone();
        z = Some(next);
    }
    match Board::from_parts("Hostile", items, []) {
        Ok(board) => crate::storage::board_to_ron(&board.with_images(images)),
        Err(error) => format!("// {error}\n"),
    }
}

fn stored_jpeg(side: u32, bytes: Vec<u8>) -> StoredImage {
    StoredImage {
        width: side,
        height: side,
        format: ImageFormat::Jpeg,
        bytes: bytes.into(),
    }
}

/// A JPEG of `side` × `side` pixels that differs for every `n`: soft colour gradients, which
/// compress well, so a thousand large ones still fit in a board file.
fn distinct_photo(n: usize, side: u32) -> Vec<u8> {
    let tint = (n as u32).wrapping_mul(2_654_435_761);
    let [r, g, b, _] = tint.to_le_bytes();
    let scale = 255.0 / side.max(1) as f32;
    let image = image::RgbImage::from_fn(side, side, |x, y| {
        let (fx, fy) = (x as f32 * scale, y as f32 * scale);
        image::Rgb([
            r.wrapping_add(fx as u8),
            g.wrapping_add(fy as u8),
            b.wrapping_add(((fx + fy) * 0.5) as u8),
        ])
    });
    let mut out = Vec::new();
    let encoded =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 60).encode_image(&image);
    debug_assert!(encoded.is_ok());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::board_from_ron;

    #[test]
    fn each_hostile_board_is_a_board_with_as_many_repairs_as_asked() {
        for (text, items) in [
            (dangling_connectors(3), 2),
            (damaged_photos(3), 1),
            (missing_frame_members(3), 1),
            (nan_positions_on_one_line(3), 3),
        ] {
            let loaded = board_from_ron(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
            assert_eq!(loaded.board.items().len(), items);
            assert_eq!(loaded.warnings.len(), 3, "{text}");
        }
        for text in [long_note(1000), combining_marks(1000)] {
            let loaded = board_from_ron(&text).unwrap();
            let note = loaded.board.items().next().unwrap();
            assert!(note.text().len() >= 1000 && loaded.warnings.is_empty());
        }
        for (text, items) in [
            (persona_photos(3, 64), 3),
            (overlapping_notes(3, 100_000.0), 3),
            (stacked_frames(3, 10_000.0), 3),
        ] {
            let loaded = board_from_ron(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
            assert_eq!(loaded.board.items().len(), items);
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        }
        let photos = board_from_ron(&persona_photos(3, 64)).unwrap().board;
        assert_eq!(photos.used_images().count(), 3);
    }
}
