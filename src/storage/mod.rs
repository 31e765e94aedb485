//! Boards as files: the versioned RON format, migrations from older formats, safe saves
//! (atomic, with a `.bak` of the previous file), and recovery copies for crashes.
//!
//! A board file is pretty-printed [RON](https://github.com/ron-rs/ron) that starts with its
//! format number, so people can read it, diff it and mail it:
//!
//! ```text
//! (
//!     format: 6,
//!     title: "Kick-off",
//!     items: [
//!         (
//!             id: "8c1f0e2a9b3d4c57",
//!             x: 120.0,
//!             y: -40.0,
//!             width: 200.0,
//!             height: 160.0,
//!             z: "a0",
//!             color: Yellow,
//!             kind: Note(
//!                 text: "Citizens can't find the forms",
//!             ),
//!         ),
//!     ],
//!     connectors: [],
//! )
//! ```
//!
//! Saving is deterministic: items and connectors are sorted by id, floats are written in their
//! shortest exact form (`120.0`), text in any script is written as itself (see `tidy.rs`), lines
//! end in `\n` on every system, and the file ends with a newline. Loading a file this app wrote
//! and saving it again gives the same bytes.
//!
//! Each format version has frozen structs (`v1.rs`, …) and `migrate.rs` turns older formats into
//! the current one. Unknown fields and kinds are errors, never silently dropped. Errors carry the
//! line and column where the problem was found. An item whose position or size is not a usable
//! number is repaired instead, with a [`LoadWarning`] naming it (`repair.rs`).
//!
//! [`save_board`] (`safe_save.rs`) keeps the previous file as `NAME.ron.bak` and refuses to
//! overwrite a file from a newer version; [`DiskStamp`] notices files changed by other programs;
//! [`recovery`] keeps copies of unsaved boards for after a crash.

mod assemble;
mod atomic;
pub mod clipboard;
mod convert;
mod convert_maps;
mod disk_stamp;
mod format_error;
mod integrity;
mod io_words;
mod load;
mod locate;
mod migrate;
mod position;
pub mod recovery;
mod repair;
mod ron_words;
mod safe_save;
mod tidy;
mod v1;
mod v2;
mod v4;
mod v5;
mod v6;
mod validate;

pub use crate::model::{MAX_COORDINATE, MAX_ITEM_SIZE};
pub use assemble::{board_from_parts_repaired, fit_connector, fit_item};

/// Writes `bytes` to `path` atomically, as boards are written: whoever reads the file sees the
/// old one or the new one, never a mix (for files kept beside a board, such as a live session's
/// shared state).
pub fn write_file_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), SaveError> {
    atomic::write_atomically(path, bytes)
}
pub use atomic::{SaveCause, SaveError};

/// Writes an exported file (a report, a picture) atomically: whoever reads it sees the old file
/// or the new one, never half of one.
pub fn write_export(path: &std::path::Path, bytes: &[u8]) -> Result<(), SaveError> {
    atomic::write_atomically(path, bytes)
}
pub use disk_stamp::{DiskChange, DiskStamp, READ_TO_COMPARE_BYTES, disk_change};
pub use format_error::FormatError;
pub use io_words::plain as plain_io_error;
pub use load::{LoadCause, LoadError, MAX_FILE_BYTES, Opened, load_board, open_board};
pub use locate::LOCATED_WARNINGS;
pub use position::Position;
pub use safe_save::{Backup, SaveOptions, Saved, backup_path, save_board, save_board_with};

use crate::model::Board;

/// The format version this app writes, and the newest it reads.
pub const CURRENT_FORMAT: u32 = 6;

/// A board read from text, with the format version the text was in.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The board, migrated to the current model.
    pub board: Board,
    /// The format version of the text (older than [`CURRENT_FORMAT`] if it was migrated).
    pub format: u32,
    /// What was repaired while reading (parts that could not be kept, each named).
    pub warnings: Vec<LoadWarning>,
}

/// A repair made while reading a board file: something in it could not be kept as it was (a
/// connector or a photo left out, an item moved or resized), and the rest of the board was
/// loaded as it is in the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadWarning {
    /// A connector named an item that is not in the file, so it was left out.
    #[error(
        "{}connector {connector} was left out: it joins item {missing}, which is not in the file",
        position.map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    DroppedConnector {
        /// The connector left out.
        connector: crate::model::ConnectorId,
        /// The item it named that is not in the file.
        missing: crate::model::ItemId,
        /// Where the connector is in the file, if found.
        position: Option<Position>,
    },
    /// A stored photo could not be read, so it was left out (cards using it show initials).
    #[error(
        "{}photo {image} could not be read and was left out: {problem}",
        position.map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    DamagedPhoto {
        /// The photo.
        image: crate::model::ImageId,
        /// What is wrong with it.
        problem: String,
        /// Where it is in the file, if found.
        position: Option<Position>,
    },
    /// A stored photo's id is not the one its content gives, so it is kept under the true one
    /// (once, however many ids it was stored under) and the cards using it follow.
    #[error(
        "{}photo {stored} is stored under an id that does not match its content; it is kept as \
         {actual}",
        position.map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    RenamedPhoto {
        /// The id in the file.
        stored: crate::model::ImageId,
        /// The id its content gives.
        actual: crate::model::ImageId,
        /// Where it is in the file, if found.
        position: Option<Position>,
    },
    /// A name, title or label held line breaks or other control characters, which one line
    /// cannot show; each run of them became a space.
    #[error(
        "{}{what}{} held line breaks or other control characters; they were taken out",
        position.map(|p| format!("{p}: ")).unwrap_or_default(),
        quoted(text)
    )]
    LineBreaksRemoved {
        /// Whose name, title or label, e.g. "the name of persona 0400000000000001".
        what: String,
        /// The start of the text as it is now.
        text: String,
        /// Where it is in the file, if found.
        position: Option<Position>,
    },
    /// A persona's photo is not in the file; the card shows its initials instead.
    #[error("persona {item}'s photo {image} is not in the file; the card shows initials instead")]
    MissingPhoto {
        /// The persona card.
        item: crate::model::ItemId,
        /// The photo it named.
        image: crate::model::ImageId,
    },
    /// A map node or empathy map named a persona card that is not in the file, so the link was
    /// left out.
    #[error(
        "{}item {item} was linked to persona {missing}, which is not a persona card in the file; \
         the link was left out",
        position.map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    DroppedPersonaLink {
        /// The map node or empathy map.
        item: crate::model::ItemId,
        /// The item it named.
        missing: crate::model::ItemId,
        /// Where the link is in the file, if found.
        position: Option<Position>,
    },
    /// A format 3 frame listed a member it cannot hold, so that member was left out of the
    /// frame (the item itself stays on the board).
    #[error(
        "{}item {member} was left out of frame {frame}: {problem}",
        position.map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    DroppedFrameMember {
        /// The frame.
        frame: crate::model::ItemId,
        /// The member left out.
        member: crate::model::ItemId,
        /// Why.
        problem: String,
        /// Where the member is named in the file, if found.
        position: Option<Position>,
    },
    /// An item named a frame it cannot be in (not a frame in the file, or a frame inside the
    /// item itself), so it was taken out of that frame (the item itself stays on the board).
    #[error(
        "{}item {item} was taken out of frame {frame}: {problem}",
        position.map(|p| format!("{p}: ")).unwrap_or_default()
    )]
    LeftFrame {
        /// The item.
        item: crate::model::ItemId,
        /// The frame it named.
        frame: crate::model::ItemId,
        /// Why.
        problem: String,
        /// Where the frame is named in the file, if found.
        position: Option<Position>,
    },
    /// An item's position was not a usable number (NaN, infinite, or beyond
    /// ±[`MAX_COORDINATE`]), so the item was moved right of the board's other items.
    #[error(
        "{}{kind} {item}{}: its position {found} is not a place on the board; it was moved to \
         {now}, right of the other items",
        position.map(|p| format!("{p}: ")).unwrap_or_default(),
        quoted(text)
    )]
    MovedItem {
        /// The item.
        item: crate::model::ItemId,
        /// What kind of item it is ("note", "map node", …).
        kind: &'static str,
        /// The start of its text (a note's text, a persona's name, …), so a person can find
        /// it; empty for items without text.
        text: String,
        /// The position in the file, as `(x, y)`.
        found: String,
        /// Where it was moved, as `(x, y)`.
        now: String,
        /// Where the bad value is in the file, if found.
        position: Option<Position>,
    },
    /// An item's size was not a usable number (NaN, infinite, 0 or less, or over
    /// [`MAX_ITEM_SIZE`]), so the item got the default size of its kind.
    #[error(
        "{}{kind} {item}{}: its size {found} cannot be drawn; it now has the usual size of its \
         kind, {now}",
        position.map(|p| format!("{p}: ")).unwrap_or_default(),
        quoted(text)
    )]
    ResizedItem {
        /// The item.
        item: crate::model::ItemId,
        /// What kind of item it is ("note", "map node", …).
        kind: &'static str,
        /// The start of its text, so a person can find it; empty for items without text.
        text: String,
        /// The size in the file, as `width × height`.
        found: String,
        /// The size it has now, as `width × height`.
        now: String,
        /// Where the bad value is in the file, if found.
        position: Option<Position>,
    },
}

/// ` “text”` for a warning, or nothing when the text is empty.
fn quoted(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" “{text}”")
    }
}

impl LoadWarning {
    /// Where in the file the repaired part is, when that is known.
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::DroppedConnector { position, .. }
            | Self::DamagedPhoto { position, .. }
            | Self::RenamedPhoto { position, .. }
            | Self::LineBreaksRemoved { position, .. }
            | Self::DroppedPersonaLink { position, .. }
            | Self::DroppedFrameMember { position, .. }
            | Self::LeftFrame { position, .. }
            | Self::MovedItem { position, .. }
            | Self::ResizedItem { position, .. } => *position,
            Self::MissingPhoto { .. } => None,
        }
    }
}

impl Loaded {
    /// Whether the text was in an older format, so saving will rewrite it in the current one.
    pub fn was_migrated(&self) -> bool {
        self.format != CURRENT_FORMAT
    }
}

/// The board as the text of a file in the current format (see the module docs for its shape).
pub fn board_to_ron(board: &Board) -> String {
    let file = migrate::CurrentFile::from_board(board);
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .separator(" ")
        .struct_names(false)
        .escape_strings(true)
        .compact_arrays(false)
        .compact_structs(false);
    #[expect(
        clippy::expect_used,
        reason = "writing these plain structs to a String cannot fail: a String never refuses \
                  a write, all names are fixed identifiers, and any string or float is written"
    )]
    let text = ron::ser::to_string_pretty(&file, config).expect("RON serialization of a board");
    let mut text = tidy::tidy_strings(&text);
    text.push('\n');
    text
}

/// Reads a board from the text of a board file of any supported format.
///
/// Items whose position or size is not a usable number are repaired, each with a warning in
/// [`Loaded::warnings`]: a bad size becomes the usual size of the item's kind, and an item with a
/// bad position is moved right of the board's other items (see `repair.rs`).
pub fn board_from_ron(text: &str) -> Result<Loaded, FormatError> {
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    let locator = locate::Locator::new(text);
    let mut loaded = migrate::read(&locator)?;
    let repairs = repair::repair_geometry(&mut loaded.board, &locator);
    loaded.warnings.extend(repairs);
    // In the order a person reads the file; those without a place in it last.
    loaded.warnings.sort_by_key(|warning| {
        warning
            .position()
            .map_or((1, 0, 0), |p| (0, p.line, p.column))
    });
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdGen, Item, PaletteColor, Point, ZKey};

    fn one_note_board(text: &str) -> Board {
        let id = IdGen::seeded(5).item_id(|_| false);
        let note = Item::note(
            id,
            Point::new(120.0, -40.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            text,
        );
        Board::from_parts("Kick-off", [note], []).unwrap()
    }

    #[test]
    fn files_start_with_the_format_and_end_with_a_newline() {
        let text = board_to_ron(&one_note_board("Citizens can't find the forms"));
        assert!(
            text.starts_with(&format!(
                "(\n    format: {CURRENT_FORMAT},\n    title: \"Kick-off\",\n"
            )),
            "{text}"
        );
        assert!(text.ends_with(")\n") && !text.ends_with(")\n\n"), "{text}");
        assert!(
            text.contains("\n            x: 120.0,\n            y: -40.0,\n"),
            "{text}"
        );
        assert!(
            text.contains("text: \"Citizens can't find the forms\""),
            "{text}"
        );
        assert!(!text.contains('\r'));
        let loaded = board_from_ron(&text).unwrap();
        assert_eq!(loaded.format, CURRENT_FORMAT);
        assert!(!loaded.was_migrated());
    }

    #[test]
    fn a_drawn_stroke_is_saved_on_one_line_and_loads_back_equal() {
        use crate::model::sketch::Sample;
        use crate::model::{ItemKind, StrokeTool};
        let samples = [
            Sample::new(Point::new(10.04, 20.0), Some(0.333)),
            Sample::new(Point::new(30.0, 25.56), None),
        ];
        let id = IdGen::seeded(6).item_id(|_| false);
        let stroke = Item::stroke(
            id,
            &samples,
            StrokeTool::Pen,
            ZKey::middle(),
            PaletteColor::Blue,
        )
        .unwrap();
        let board = Board::from_parts("Sketch", [stroke], []).unwrap();
        let text = board_to_ron(&board);
        assert!(
            text.contains("points: [3.0, 3.0, 0.33, 23.0, 8.6, -1.0],\n"),
            "{text}"
        );
        let loaded = board_from_ron(&text).unwrap();
        assert_eq!(loaded.board, board);
        assert!(loaded.warnings.is_empty());
        let item = loaded.board.item(id).unwrap();
        assert!(matches!(&item.kind, ItemKind::Stroke(s) if s.points.len() == 2));
    }

    #[test]
    fn a_drawn_portrait_is_saved_a_line_to_a_line_and_loads_back_equal() {
        use crate::model::{ItemKind, Persona, Portrait, StrokePoint};
        let mut persona = Persona::named("Nana Beridze");
        persona.portrait = Portrait::new([
            vec![
                StrokePoint::rounded(30.04, 20.0, Some(0.333)),
                StrokePoint::rounded(70.0, 20.0, None),
            ],
            vec![StrokePoint::rounded(50.0, 55.5, None)],
        ]);
        let id = IdGen::seeded(7).item_id(|_| false);
        let card = Item::persona(
            id,
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Teal,
            persona,
        );
        let board = Board::from_parts("Portraits", [card], []).unwrap();
        let text = board_to_ron(&board);
        assert!(
            text.contains(
                "portrait: [\n                    [30.0, 20.0, 0.33, 70.0, 20.0, -1.0],\n                    [50.0, 55.5, -1.0],\n                ],\n"
            ),
            "{text}"
        );
        let loaded = board_from_ron(&text).unwrap();
        assert_eq!(loaded.board, board);
        assert!(loaded.warnings.is_empty());
        assert_eq!(board_to_ron(&loaded.board), text);

        // No portrait: no `portrait` field at all.
        let mut plain = loaded.board.item(id).unwrap().clone();
        if let ItemKind::Persona(persona) = &mut plain.kind {
            persona.portrait = Portrait::default();
        }
        let text = board_to_ron(&Board::from_parts("Portraits", [plain], []).unwrap());
        assert!(!text.contains("portrait"), "{text}");
    }

    #[test]
    fn a_portrait_that_is_not_finite_is_not_saved() {
        use crate::model::{Persona, Portrait};
        let mut persona = Persona::named("Ana");
        persona.portrait = Portrait::from_flat_lines(&[vec![1.0, f32::NAN, -1.0]]).unwrap();
        let id = IdGen::seeded(8).item_id(|_| false);
        let card = Item::persona(
            id,
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Teal,
            persona,
        );
        let board = Board::from_parts("Portraits", [card], []).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let error = save_board(&path, &board).unwrap_err();
        assert!(error.to_string().contains("portrait"), "{error}");
        assert!(!path.exists());
    }

    #[test]
    fn saving_refuses_a_board_that_would_not_load_again() {
        // Edit refuses such a move, so the board is built with it.
        let mut note = one_note_board("x").items().next().unwrap().clone();
        note.pos = Point::new(f32::NAN, 0.0);
        let id = note.id;
        let board = Board::from_parts("Kick-off", [note], []).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let error = save_board(&path, &board).unwrap_err();
        assert!(matches!(error.cause, SaveCause::InvalidBoard { item, .. } if item == id));
        assert!(error.to_string().contains(&id.to_string()), "{error}");
        assert!(!path.exists());
    }

    #[test]
    fn saved_boards_load_back_equal() {
        let board = one_note_board("Граѓаните ќе можат\nда закажат термин");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        save_board(&path, &board).unwrap();
        assert_eq!(load_board(&path).unwrap(), board);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            board_to_ron(&board)
        );
    }
}
