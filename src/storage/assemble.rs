//! Boards put together from parts that did not come from a file: a live session's shared
//! state, merged from several people's changes. They go through the same checks and repairs as
//! a file's contents, except that nothing refuses the whole board: an item whose details are
//! out of range is left out on its own, and one placed or sized where it cannot be drawn is moved
//! or resized on the board, as when a file is opened.

use std::collections::HashMap;

use super::convert::ReadImages;
use super::integrity;
use super::locate::Locator;
use super::repair::repair_geometry;
use super::validate::check_item;
use crate::model::{Board, BoardError, Connector, ImageId, Item, StoredImage};

/// A board made of these parts, and a message for each part that was left out or repaired.
/// Fails only when two parts share an id.
pub fn board_from_parts_repaired(
    mut title: String,
    items: Vec<Item>,
    connectors: Vec<Connector>,
    images: Vec<(ImageId, StoredImage)>,
) -> Result<(Board, Vec<String>), BoardError> {
    let locator = Locator::new("");
    let mut notes = Vec::new();
    let mut items: Vec<Item> = items
        .into_iter()
        .filter(|item| match check_item(item) {
            Ok(()) => true,
            Err(problem) => {
                notes.push(format!(
                    "item {} was left out: {}",
                    item.id, problem.message
                ));
                false
            }
        })
        .collect();
    let mut warnings = Vec::new();
    let read = ReadImages {
        images,
        renamed: HashMap::new(),
    };
    integrity::forget_missing_photos(&mut items, &read, &mut warnings);
    integrity::drop_bad_persona_links(&mut items, &locator, &mut warnings);
    integrity::check_parents(&mut items, &locator, &mut warnings);
    let mut connectors =
        integrity::drop_dangling_connectors(&items, connectors, &locator, &mut warnings);
    integrity::put_names_on_one_line(
        &mut title,
        &mut items,
        &mut connectors,
        &locator,
        &mut warnings,
    );
    let mut board = Board::from_parts(title, items, connectors)?.with_images(read.images);
    warnings.extend(repair_geometry(&mut board, &locator));
    notes.extend(warnings.iter().map(ToString::to_string));
    Ok((board, notes))
}
