//! Boards put together from parts that did not come from a file: a live session's shared
//! state, merged from several people's changes. They go through the checks a file's contents go
//! through, except that nothing refuses the whole board and every rule looks at one item at a
//! time (so one changed item can be fitted to a board without putting the whole board together
//! again, with the same result):
//! - an item whose details are out of range is left out;
//! - one placed where it cannot be drawn is put at the nearest place that can (a number that is
//!   not a number counts as 0), one sized so gets the usual size of its kind;
//! - a frame, persona or photo it names that is not on the board is forgotten;
//! - a connector whose item is not on the board is left out;
//! - names and titles lose their line breaks.

use std::collections::HashMap;

use super::convert::ReadImages;
use super::integrity;
use super::locate::Locator;
use super::validate::{check_item, check_size};
use crate::model::{
    Board, BoardError, Connector, ImageId, Item, ItemKind, MAX_COORDINATE, Point, StoredImage,
    put_on_one_line,
};

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
        .filter_map(|item| match check_item(&item) {
            Ok(()) => Some(drawable(item)),
            Err(problem) => {
                notes.push(format!(
                    "item {} was left out: {}",
                    item.id, problem.message
                ));
                None
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
    notes.extend(warnings.iter().map(ToString::to_string));
    let board = Board::from_parts(title, items, connectors)?.with_images(read.images);
    Ok((board, notes))
}

/// A changed item, fitted to `board` (which holds its old version) as
/// [`board_from_parts_repaired`] would fit it. `None` when that takes more than this item: it
/// would be left out, or it is a frame that changed frame (which can close a loop of frames
/// only the whole board shows).
pub fn fit_item(board: &Board, item: Item) -> Option<Item> {
    check_item(&item).ok()?;
    let old = board.item(item.id)?;
    let mut item = drawable(item);
    if item.as_frame().is_some() && item.parent != old.parent {
        return None;
    }
    if item.as_frame().is_none()
        && let Some(frame) = item.parent
        && board.item(frame).and_then(Item::as_frame).is_none()
    {
        item.parent = None;
    }
    let is_persona = |id| {
        matches!(
            board.item(id).map(|item| &item.kind),
            Some(ItemKind::Persona(_))
        )
    };
    match &mut item.kind {
        ItemKind::MapNode(node) => node.persona = node.persona.filter(|&id| is_persona(id)),
        ItemKind::EmpathyMap(map) => map.persona = map.persona.filter(|&id| is_persona(id)),
        ItemKind::Persona(persona) => {
            persona.photo = persona.photo.filter(|&photo| board.image(photo).is_some());
        }
        _ => {}
    }
    for (_, text) in item.one_line_texts_mut() {
        put_on_one_line(text);
    }
    Some(item)
}

/// A changed connector as `board` shows it: `None` when one of its items is not on the board.
pub fn fit_connector(board: &Board, mut connector: Connector) -> Option<Connector> {
    board.item(connector.from)?;
    board.item(connector.to)?;
    for (_, text) in connector.one_line_texts_mut() {
        put_on_one_line(text);
    }
    Some(connector)
}

/// The item where it can be drawn: a position that is not a usable number goes to the nearest
/// that is (0 for one that is not a number), a size that is not becomes its kind's usual size.
fn drawable(mut item: Item) -> Item {
    let place = |value: f32| {
        if value.is_nan() {
            0.0
        } else {
            value.clamp(-MAX_COORDINATE, MAX_COORDINATE)
        }
    };
    item.pos = Point::new(place(item.pos.x), place(item.pos.y));
    if check_size(&item).is_err() {
        item.size = item.kind.usual_size();
    }
    item
}
