//! What the board refuses whatever the writer: items off the board or too big to draw, links to
//! things that are not persona cards, details out of range.

use super::EditError;
use super::field::{FieldError, check_portrait};
use crate::model::{Board, Item, ItemId, ItemKind, Persona, Point, Rings, Size};

pub(super) fn check_position(item: ItemId, pos: Point) -> Result<(), EditError> {
    match pos.off_board() {
        Some(field) => Err(EditError::OffBoard {
            item,
            field,
            value: if field == "x" { pos.x } else { pos.y },
        }),
        None => Ok(()),
    }
}

pub(super) fn check_size(item: ItemId, size: Size) -> Result<(), EditError> {
    match size.undrawable() {
        Some(field) => Err(EditError::Undrawable {
            item,
            field,
            value: if field == "width" {
                size.width
            } else {
                size.height
            },
        }),
        None => Ok(()),
    }
}

pub(super) fn check_persona(board: &Board, item: ItemId, link: ItemId) -> Result<(), EditError> {
    match board.item(link).map(|linked| &linked.kind) {
        Some(ItemKind::Persona(_)) => Ok(()),
        _ => Err(EditError::NotAPersona { item, link }),
    }
}

/// What a new item must meet: a place on the board, a size that can be drawn, a persona link to
/// a persona card, digital skills in range, a portrait that can be drawn and a sensible number
/// of rings and sectors.
pub(super) fn check_new_item(board: &Board, item: &Item) -> Result<(), EditError> {
    check_position(item.id, item.pos)?;
    check_size(item.id, item.size)?;
    let out_of_range = |message: String| EditError::Field {
        item: item.id,
        source: FieldError::OutOfRange(message),
    };
    match &item.kind {
        ItemKind::MapNode(node) => node
            .persona
            .map_or(Ok(()), |link| check_persona(board, item.id, link)),
        ItemKind::EmpathyMap(map) => map
            .persona
            .map_or(Ok(()), |link| check_persona(board, item.id, link)),
        ItemKind::Persona(persona) => match persona.digital_skills {
            Some(skills) if !(1..=Persona::MAX_SKILLS).contains(&skills) => {
                Err(out_of_range(format!(
                    "digital skills are {skills}; they go from 1 to {}",
                    Persona::MAX_SKILLS
                )))
            }
            _ => check_portrait(&persona.portrait).map_err(|source| EditError::Field {
                item: item.id,
                source,
            }),
        },
        ItemKind::Rings(rings) => {
            let (count, sectors) = (rings.rings.len(), rings.sectors.len());
            if (1..=Rings::MAX_RINGS).contains(&count) && sectors <= Rings::MAX_SECTORS {
                Ok(())
            } else {
                Err(out_of_range(format!(
                    "stakeholder rings have {count} rings and {sectors} sectors; they can have \
                     1 to {} rings and up to {} sectors",
                    Rings::MAX_RINGS,
                    Rings::MAX_SECTORS
                )))
            }
        }
        ItemKind::Note(_)
        | ItemKind::InterestGrid
        | ItemKind::ImpactGrid
        | ItemKind::Frame(_)
        | ItemKind::Stroke(_) => Ok(()),
    }
}
