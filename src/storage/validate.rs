//! The geometry and content rules every saved and loaded item must meet.

use crate::model::{
    Frame, Item, ItemKind, MAX_COORDINATE, MAX_ITEM_SIZE, Note, Persona, Rings, Stroke,
};

/// What is wrong with an item's geometry or content.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct GeometryProblem {
    /// The file field that holds the bad value (`x`, `y`, `width`, `height`, `rings`, …).
    pub field: &'static str,
    /// The problem in words, naming the field.
    pub message: String,
}

/// Checks that an item's top-left corner is finite and within ±[`MAX_COORDINATE`].
pub(super) fn check_position(item: &Item) -> Result<(), GeometryProblem> {
    for (field, value) in [("x", item.pos.x), ("y", item.pos.y)] {
        if !value.is_finite() {
            return Err(GeometryProblem {
                field,
                message: format!("`{field}` is {value}; a position must be a finite number"),
            });
        }
        if value.abs() > MAX_COORDINATE {
            return Err(GeometryProblem {
                field,
                message: format!(
                    "`{field}` is {value}, too far from the centre of the board \
                     (the limit is ±{MAX_COORDINATE})"
                ),
            });
        }
    }
    Ok(())
}

/// Checks that an item's width and height are finite, more than 0 and at most
/// [`MAX_ITEM_SIZE`].
pub(super) fn check_size(item: &Item) -> Result<(), GeometryProblem> {
    for (field, value) in [("width", item.size.width), ("height", item.size.height)] {
        if !value.is_finite() || value <= 0.0 || value > MAX_ITEM_SIZE {
            return Err(GeometryProblem {
                field,
                message: format!(
                    "`{field}` is {value}; a size must be more than 0 and at most {MAX_ITEM_SIZE}"
                ),
            });
        }
    }
    Ok(())
}

/// Checks everything a saved item must meet: its position and size, and its content (see
/// [`check_item`]). Saving refuses a board that fails this, so a save never writes a file that
/// would need repairs when it is opened again.
pub(super) fn check_for_save(item: &Item) -> Result<(), GeometryProblem> {
    check_position(item)?;
    check_size(item)?;
    check_item(item)
}

/// Checks what loading refuses because it cannot be repaired: a persona's digital skills in
/// range and its portrait's values finite numbers, a stroke's points finite, and a backdrop
/// with a sensible number of rings and sectors.
///
/// A position or size that is not a usable number is not checked here: loading repairs it once
/// the board is built (see `repair.rs`).
pub(super) fn check_item(item: &Item) -> Result<(), GeometryProblem> {
    if let ItemKind::Persona(persona) = &item.kind
        && let Some(skills) = persona.digital_skills
        && !(1..=Persona::MAX_SKILLS).contains(&skills)
    {
        return Err(GeometryProblem {
            field: "digital_skills",
            message: format!(
                "digital skills are {skills}; they go from 1 to {}",
                Persona::MAX_SKILLS
            ),
        });
    }
    if let ItemKind::Persona(persona) = &item.kind
        && let Some(bad) = persona.portrait.unusable_value()
    {
        return Err(GeometryProblem {
            field: "portrait",
            message: format!(
                "the persona's `portrait` holds {bad}; every value must be a finite number"
            ),
        });
    }
    if let ItemKind::Note(note) = &item.kind {
        check_votes(note)?;
    }
    if let ItemKind::Stroke(stroke) = &item.kind {
        check_stroke(stroke)?;
    }
    if let ItemKind::Frame(frame) = &item.kind
        && let Some(minutes) = frame.minutes
        && !(1..=Frame::MAX_MINUTES).contains(&minutes)
    {
        return Err(GeometryProblem {
            field: "minutes",
            message: format!(
                "the time box is {minutes} minutes; it can be 1 to {}",
                Frame::MAX_MINUTES
            ),
        });
    }
    if let ItemKind::Rings(rings) = &item.kind {
        let counts = [
            ("rings", rings.rings.len(), 1, Rings::MAX_RINGS),
            ("sectors", rings.sectors.len(), 0, Rings::MAX_SECTORS),
        ];
        for (field, count, least, most) in counts {
            if count < least || count > most {
                return Err(GeometryProblem {
                    field,
                    message: format!(
                        "stakeholder rings have {count} {field}; they can have {least} to {most}"
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Checks a stroke: finite points and pressures, and a drawn box that can be drawn (a
/// resized stroke is scaled by it).
fn check_stroke(stroke: &Stroke) -> Result<(), GeometryProblem> {
    if let Some(extent) = stroke.drawn.undrawable() {
        return Err(GeometryProblem {
            field: "drawn",
            message: format!(
                "the stroke's `drawn` {extent} is {}; it must be more than 0 and at most \
                 {MAX_ITEM_SIZE}",
                if extent == "width" {
                    stroke.drawn.width
                } else {
                    stroke.drawn.height
                }
            ),
        });
    }
    let numbers = stroke
        .points
        .iter()
        .flat_map(|point| [point.x, point.y, point.pressure.unwrap_or(0.0)]);
    if let Some(bad) = numbers.into_iter().find(|value| !value.is_finite()) {
        return Err(GeometryProblem {
            field: "points",
            message: format!("a stroke's `points` hold {bad}; every value must be a finite number"),
        });
    }
    Ok(())
}

/// Checks a note's votes: a bounded number of voters, each named on one line of sensible
/// length, with a sensible number of votes.
fn check_votes(note: &Note) -> Result<(), GeometryProblem> {
    let problem = |message: String| {
        Err(GeometryProblem {
            field: "votes",
            message,
        })
    };
    if note.votes.len() > Note::MAX_VOTERS {
        return problem(format!(
            "the note has votes from {} voters; it can have at most {}",
            note.votes.len(),
            Note::MAX_VOTERS
        ));
    }
    for (voter, &count) in &note.votes {
        let length = voter.chars().count();
        if length == 0 || length > Note::MAX_VOTER_NAME || voter.contains(['\n', '\r']) {
            return problem(format!(
                "a voter's name must be one line of 1 to {} characters",
                Note::MAX_VOTER_NAME
            ));
        }
        if count > Note::MAX_VOTES {
            return problem(format!(
                "{voter:?} gave {count} votes; one voter can give at most {}",
                Note::MAX_VOTES
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemId, PaletteColor, Point, Size, ZKey};

    fn note_at(x: f32, width: f32) -> Item {
        let mut item = Item::note(
            ItemId::from_raw(1),
            Point::new(x, 0.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            "",
        );
        item.size = Size::new(width, 160.0);
        item
    }

    #[test]
    fn accepts_ordinary_notes_and_the_limits() {
        assert_eq!(check_for_save(&note_at(-120.5, 200.0)), Ok(()));
        assert_eq!(
            check_for_save(&note_at(MAX_COORDINATE, MAX_ITEM_SIZE)),
            Ok(())
        );
    }

    #[test]
    fn loading_leaves_positions_and_sizes_to_the_repair() {
        for item in [note_at(f32::NAN, 200.0), note_at(0.0, f32::INFINITY)] {
            assert_eq!(check_item(&item), Ok(()));
            assert!(check_for_save(&item).is_err(), "{item:?}");
        }
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        for (item, field) in [
            (note_at(f32::NAN, 200.0), "x"),
            (note_at(f32::INFINITY, 200.0), "x"),
            (note_at(2.0e7, 200.0), "x"),
            (note_at(0.0, 0.0), "width"),
            (note_at(0.0, -5.0), "width"),
            (note_at(0.0, 100_001.0), "width"),
            (note_at(0.0, f32::NAN), "width"),
        ] {
            let problem = check_for_save(&item).unwrap_err();
            assert_eq!(problem.field, field, "{item:?}");
            assert!(
                problem.message.contains(&format!("`{field}`")),
                "{problem:?}"
            );
        }
    }
}
