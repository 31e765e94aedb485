//! The checks a board file's contents go through once parsed: details out of range refuse the
//! file (with the line and column); parts that cannot be kept as they are (a link to a missing
//! persona, a missing photo, a connector to a missing item, an item in a frame that cannot hold
//! it) are left out with a [`LoadWarning`] each, and the rest of the board loads.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::convert::ReadImages;
use super::locate::Locator;
use super::validate::check_item;
use super::{FormatError, LoadWarning, Position};
use crate::model::{
    Board, BoardError, Connector, ImageId, Item, ItemId, ItemKind, put_on_one_line,
};

/// Refuses the file when an item's details are out of range (see [`check_item`]), pointing at
/// the value.
pub(super) fn check_contents(items: &[Item], locator: &Locator<'_>) -> Result<(), FormatError> {
    for item in items {
        if let Err(problem) = check_item(item) {
            return Err(FormatError::InvalidGeometry {
                position: locator.field(&item.id.to_string(), problem.field),
                item: item.id,
                problem: problem.message,
            });
        }
    }
    Ok(())
}

/// Persona photos stored under another id follow it to their true one; those that are not
/// among the photos read are dropped with a warning, and the card keeps everything else and
/// shows its initials.
pub(super) fn forget_missing_photos(
    items: &mut [Item],
    read: &ReadImages,
    warnings: &mut Vec<LoadWarning>,
) {
    let known: HashSet<ImageId> = read.images.iter().map(|(id, _)| *id).collect();
    for item in items {
        let ItemKind::Persona(persona) = &mut item.kind else {
            continue;
        };
        let Some(photo) = persona.photo else {
            continue;
        };
        let photo = read.renamed.get(&photo).copied().unwrap_or(photo);
        if known.contains(&photo) {
            persona.photo = Some(photo);
        } else {
            persona.photo = None;
            warnings.push(LoadWarning::MissingPhoto {
                item: item.id,
                image: photo,
            });
        }
    }
}

/// Names, titles and labels (one line each) lose the line breaks and other control characters
/// a file gave them, with a warning each: the board's title, and each item's and connector's
/// one-line texts (see [`Item::one_line_texts_mut`]).
pub(super) fn put_names_on_one_line(
    title: &mut String,
    items: &mut [Item],
    connectors: &mut [Connector],
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) {
    let mut fix = |text: &mut String, what: String, position: Option<Position>| {
        if put_on_one_line(text) {
            warnings.push(LoadWarning::LineBreaksRemoved {
                what,
                text: text.chars().take(40).collect(),
                position,
            });
        }
    };
    fix(title, "the board's title".to_owned(), None);
    for item in items.iter_mut() {
        let id = item.id.to_string();
        let kind = match item.kind {
            ItemKind::Frame(_) => "frame",
            ItemKind::Persona(_) => "persona",
            ItemKind::EmpathyMap(_) => "empathy map",
            _ => "map node",
        };
        for (field, text) in item.one_line_texts_mut() {
            let position = locator.field(&id, field);
            let word = match field {
                "label" => "name",
                "node_type" => "type",
                other => other,
            };
            fix(text, format!("the {word} of {kind} {id}"), position);
        }
    }
    for connector in connectors.iter_mut() {
        let id = connector.id.to_string();
        for (field, text) in connector.one_line_texts_mut() {
            let position = locator.field(&id, field);
            fix(text, format!("the {field} of connector {id}"), position);
        }
    }
}

/// Map nodes and empathy maps that stand for something that is not a persona card in the file
/// lose the link, with a warning each.
pub(super) fn drop_bad_persona_links(
    items: &mut [Item],
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) {
    let personas: HashSet<ItemId> = items
        .iter()
        .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
        .map(|item| item.id)
        .collect();
    for item in items {
        let link = match &mut item.kind {
            ItemKind::MapNode(node) => &mut node.persona,
            ItemKind::EmpathyMap(map) => &mut map.persona,
            _ => continue,
        };
        if let Some(persona) = *link
            && !personas.contains(&persona)
        {
            *link = None;
            let needle = format!("persona: Some(\"{persona}\")");
            warnings.push(LoadWarning::DroppedPersonaLink {
                item: item.id,
                missing: persona,
                position: locator.in_block(&item.id.to_string(), &needle, "persona: Some(".len()),
            });
        }
    }
}

/// The connectors whose two items are in the file; each other one is left out with a warning.
pub(super) fn drop_dangling_connectors(
    items: &[Item],
    connectors: Vec<Connector>,
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) -> Vec<Connector> {
    let ids: HashSet<ItemId> = items.iter().map(|item| item.id).collect();
    connectors
        .into_iter()
        .filter(|connector| {
            let Some(&missing) = [connector.from, connector.to]
                .iter()
                .find(|end| !ids.contains(end))
            else {
                return true;
            };
            warnings.push(LoadWarning::DroppedConnector {
                connector: connector.id,
                missing,
                position: locator.id(&connector.id.to_string()),
            });
            false
        })
        .collect()
}

/// The board from its checked parts; a duplicate id refuses the file, pointing at the second
/// time the id appears.
pub(super) fn build_board(
    title: String,
    items: Vec<Item>,
    connectors: Vec<Connector>,
    locator: &Locator<'_>,
) -> Result<Board, FormatError> {
    Board::from_parts(title, items, connectors).map_err(|source| {
        // The second time a duplicate id appears is the duplicate.
        let (id, nth) = match &source {
            BoardError::DuplicateItem(id) => (id.to_string(), 1),
            BoardError::DuplicateConnector(id) => (id.to_string(), 1),
            BoardError::DanglingConnector { connector, .. } => (connector.to_string(), 0),
            BoardError::MissingFrame { item, .. } | BoardError::FrameInItself(item) => {
                (item.to_string(), 0)
            }
        };
        let text = locator.text();
        FormatError::InvalidBoard {
            position: locator
                .nth_id(&id, nth)
                .map(|at| Position::at_byte(text, at)),
            source,
        }
    })
}

/// Format 3 frames list their members: each member must be an item of the file that is not a
/// frame (format 3 frames do not nest), in one frame only. Returns the frame of each item; any
/// other member is left out of its frame with a warning (the item itself stays on the board).
pub(super) fn members_to_parents<'a>(
    frames: impl Iterator<Item = (ItemId, &'a [ItemId])>,
    kinds: &HashMap<ItemId, bool>,
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) -> BTreeMap<ItemId, ItemId> {
    let mut placed = BTreeMap::new();
    for (frame, members) in frames {
        for &member in members {
            let problem = match kinds.get(&member) {
                Some(true) => "it is a frame itself, and frames do not go inside frames".to_owned(),
                None => "it is not in the file".to_owned(),
                Some(false) => {
                    if let Some(first) = placed.get(&member) {
                        format!("it is already in frame {first}")
                    } else {
                        placed.insert(member, frame);
                        continue;
                    }
                }
            };
            // A member that is not in the file is pointed at where the frame lists it.
            let position = if kinds.contains_key(&member) {
                None
            } else {
                locator.in_block(&frame.to_string(), &format!("\"{member}\""), 0)
            };
            warnings.push(LoadWarning::DroppedFrameMember {
                frame,
                member,
                problem,
                position,
            });
        }
    }
    placed
}

/// Every item must name a frame of the file as its frame, and no frame may be inside itself.
/// An item naming anything else leaves it with a warning. A frame inside itself (through other
/// frames) is broken at the frame with the smallest id in the loop, which leaves its frame.
pub(super) fn check_parents(
    items: &mut [Item],
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) {
    let frames: HashSet<ItemId> = items
        .iter()
        .filter(|item| item.as_frame().is_some())
        .map(|item| item.id)
        .collect();
    let ids: HashSet<ItemId> = items.iter().map(|item| item.id).collect();
    let mut parents: BTreeMap<ItemId, ItemId> = BTreeMap::new();
    for item in items.iter_mut() {
        let Some(frame) = item.parent else { continue };
        let problem = if frame == item.id {
            Some("an item cannot be inside itself")
        } else if frames.contains(&frame) {
            None
        } else if ids.contains(&frame) {
            Some("that item is not a frame")
        } else {
            Some("there is no such frame in the file")
        };
        if let Some(problem) = problem {
            item.parent = None;
            warnings.push(left_frame(item.id, frame, problem, locator));
        } else {
            parents.insert(item.id, frame);
        }
    }
    for broken in frames_in_themselves(&parents) {
        let Some(frame) = parents.remove(&broken) else {
            continue;
        };
        if let Some(item) = items.iter_mut().find(|item| item.id == broken) {
            item.parent = None;
        }
        warnings.push(left_frame(
            broken,
            frame,
            "that frame is inside this one, so this one cannot be inside it",
            locator,
        ));
    }
}

/// The frames to take out of their frame so that no frame is inside itself: in each loop of
/// frames, the one with the smallest id.
fn frames_in_themselves(parents: &BTreeMap<ItemId, ItemId>) -> Vec<ItemId> {
    let mut parents = parents.clone();
    let mut broken = Vec::new();
    let mut settled: HashSet<ItemId> = HashSet::new();
    let starts: Vec<ItemId> = parents.keys().copied().collect();
    for start in starts {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(id) = current {
            if settled.contains(&id) {
                break;
            }
            if let Some(at) = path.iter().position(|&seen| seen == id) {
                let smallest = path.get(at..).and_then(|cycle| cycle.iter().min().copied());
                if let Some(smallest) = smallest {
                    parents.remove(&smallest);
                    broken.push(smallest);
                }
                break;
            }
            path.push(id);
            current = parents.get(&id).copied();
        }
        settled.extend(path);
    }
    broken
}

fn left_frame(item: ItemId, frame: ItemId, problem: &str, locator: &Locator<'_>) -> LoadWarning {
    let needle = format!("parent: Some(\"{frame}\")");
    LoadWarning::LeftFrame {
        item,
        frame,
        problem: problem.to_owned(),
        position: locator.in_block(&item.to_string(), &needle, "parent: Some(".len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{Frame, Point, Size, ZKey};

    fn frame(raw: u64, parent: Option<u64>) -> Item {
        let mut item = Item::frame(
            ItemId::from_raw(raw),
            Point::new(0.0, 0.0),
            Size::new(100.0, 100.0),
            ZKey::middle(),
            Frame::new("", 1),
        );
        item.parent = parent.map(ItemId::from_raw);
        item
    }

    #[test]
    fn a_loop_of_frames_is_broken_at_its_smallest_id() {
        // 3 → 5 → 4 → 3 is a loop; 6 is inside 3 and keeps its frame.
        let mut items = vec![
            frame(3, Some(5)),
            frame(4, Some(3)),
            frame(5, Some(4)),
            frame(6, Some(3)),
        ];
        let mut warnings = Vec::new();
        check_parents(&mut items, &Locator::new(""), &mut warnings);
        let parents: Vec<Option<u64>> = items
            .iter()
            .map(|item| item.parent.map(ItemId::raw))
            .collect();
        assert_eq!(parents, [None, Some(3), Some(4), Some(3)]);
        assert!(matches!(
            warnings.as_slice(),
            [LoadWarning::LeftFrame { item, .. }] if item.raw() == 3
        ));
        let board = Board::from_parts("", items, []).unwrap();
        assert_eq!(board.depth(ItemId::from_raw(4)), 1);
    }

    #[test]
    fn an_item_naming_no_frame_leaves_it() {
        let mut note = frame(9, None);
        note.kind = ItemKind::InterestGrid;
        let mut items = vec![
            frame(1, Some(9)),
            frame(2, Some(77)),
            frame(8, Some(8)),
            note,
        ];
        let mut warnings = Vec::new();
        check_parents(&mut items, &Locator::new(""), &mut warnings);
        assert!(items.iter().all(|item| item.parent.is_none()));
        assert_eq!(warnings.len(), 3);
    }
}
