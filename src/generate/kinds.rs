//! The items of a generated board besides notes: persona cards with photos, and map nodes.

use std::io::Cursor;

use image::{ImageFormat as Codec, Rgb, RgbImage};

use crate::model::{
    Entry, ImageId, Item, ItemId, Level, MapNode, NodeType, Persona, Point, Size, StoredImage, ZKey,
};
use crate::photos;

/// How many different photos a generated board's persona cards share.
pub const PHOTOS: usize = 8;
/// The width and height of a generated photo, in pixels.
const PHOTO_SIDE_PX: u32 = 64;
/// First names from the workshops' countries, for persona cards.
const NAMES: [&str; 16] = [
    "Besa",
    "Arben",
    "Ioana",
    "Mihai",
    "Jelena",
    "Emina",
    "Ђорђе",
    "Marija",
    "Goran",
    "Оксана",
    "Тарас",
    "ნინო",
    "გიორგი",
    "Ana",
    "Tom",
    "Olena",
];

/// The `n`th generated portrait: a plain background and a round head in two seeded colours,
/// made into a stored photo the way a photo the facilitator adds is (`photos::prepare_photo`).
/// Returns `None` if encoding fails.
pub fn photo(n: usize) -> Option<(ImageId, StoredImage)> {
    let hue = |shift: usize| ((n * 53 + shift * 97) % 200 + 40) as u8;
    let background = Rgb([hue(0), hue(1), hue(2)]);
    let head = Rgb([hue(3), hue(4).saturating_add(30), hue(5)]);
    let side = PHOTO_SIDE_PX as f32;
    let image = RgbImage::from_fn(PHOTO_SIDE_PX, PHOTO_SIDE_PX, |x, y| {
        let (dx, dy) = (x as f32 - side / 2.0, y as f32 - side * 0.45);
        let shoulders = y as f32 > side * 0.8 && dx.abs() < side * 0.4;
        if dx.hypot(dy) < side * 0.22 || shoulders {
            head
        } else {
            background
        }
    });
    let mut png = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut png), Codec::Png)
        .ok()?;
    let prepared = photos::prepare_photo(&png).ok()?;
    let id = ImageId::from_raw(photos::content_id(&prepared.bytes));
    Some((
        id,
        StoredImage {
            width: prepared.width,
            height: prepared.height,
            format: prepared.format,
            bytes: prepared.bytes.into(),
        },
    ))
}

/// A persona card the size of a note cell, named `name_pick` (any number) with `quote` and one
/// of the board's `photos`.
pub fn persona(
    id: ItemId,
    pos: Point,
    z: ZKey,
    size: Size,
    (name_pick, age): (usize, usize),
    quote: String,
    photo: Option<ImageId>,
) -> Item {
    let name = NAMES.get(name_pick % NAMES.len()).copied().unwrap_or("Ana");
    let persona = Persona {
        name: format!("{name}, {age}"),
        photo,
        quote: Entry {
            text: quote,
            ..Entry::default()
        },
        ..Persona::default()
    };
    let mut item = Item::persona(id, pos, z, crate::model::PaletteColor::White, persona);
    item.size = size;
    item
}

/// A map node of one of the built-in types (`type_pick`, any number), labelled `label`.
pub fn map_node(id: ItemId, pos: Point, z: ZKey, type_pick: usize, label: String) -> Item {
    let node_type = NodeType::BUILT_IN
        .get(type_pick % NodeType::BUILT_IN.len())
        .cloned()
        .unwrap_or_default();
    let level = |n: usize| {
        Level::ALL
            .get(n % Level::ALL.len())
            .copied()
            .unwrap_or_default()
    };
    Item::map_node(
        id,
        pos,
        z,
        MapNode {
            label,
            node_type,
            influence: level(type_pick / 8),
            interest: level(type_pick / 40),
            ..MapNode::default()
        },
    )
}
