//! The clipboard format: copied items travel as a small board in the normal file format, so they
//! paste into another board or another running app window; anything else is plain text.

use super::{FormatError, board_from_ron, board_to_ron};
use crate::model::{Board, ItemId};

/// The most notes one paste of plain text creates; longer texts are cut here.
pub const MAX_PASTED_LINES: usize = 500;

/// What the clipboard text holds.
#[derive(Debug)]
pub enum ClipboardContent {
    /// Items (and the connectors between them) copied from a board.
    Items(Board),
    /// Plain text: one entry per non-empty line, at most [`MAX_PASTED_LINES`].
    Lines {
        /// The lines, trimmed, empty ones left out.
        lines: Vec<String>,
        /// Whether lines beyond the limit were left out.
        cut: bool,
    },
    /// Text that claims to be copied items but cannot be read.
    Broken(FormatError),
}

/// The clipboard text for the items `ids` of `board`, the connectors between them and the photos
/// they use. Copied items stay in a frame only when that frame is copied too.
pub fn items_to_clipboard(board: &Board, ids: &[ItemId]) -> String {
    let mut copied = board.part(ids);
    copied.set_title("Copied items".to_owned());
    board_to_ron(&copied)
}

/// Reads clipboard text: copied items if it is a board file, otherwise lines of text.
pub fn clipboard_content(text: &str) -> ClipboardContent {
    let trimmed = text.trim_start();
    let looks_like_board = trimmed.starts_with('(') && trimmed.contains("format:");
    if looks_like_board {
        return match board_from_ron(text) {
            Ok(loaded) => ClipboardContent::Items(loaded.board),
            Err(error) => ClipboardContent::Broken(error),
        };
    }
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let kept: Vec<String> = lines
        .by_ref()
        .take(MAX_PASTED_LINES)
        .map(str::to_owned)
        .collect();
    ClipboardContent::Lines {
        lines: kept,
        cut: lines.next().is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Connector, ConnectorId, IdGen, Item, PaletteColor, Point, ZKey};

    #[test]
    fn copied_items_keep_only_connectors_between_them() {
        let mut ids = IdGen::seeded(5);
        let mut note = |x: f32| {
            Item::note(
                ids.item_id(|_| false),
                Point::new(x, 0.0),
                ZKey::middle(),
                PaletteColor::Green,
                "n",
            )
        };
        let (a, b, c) = (note(0.0), note(300.0), note(600.0));
        let link =
            |id, from: &Item, to: &Item| Connector::new(ConnectorId::from_raw(id), from.id, to.id);
        let connectors = [link(1, &a, &b), link(2, &b, &c)];
        let board = Board::from_parts("B", [a.clone(), b.clone(), c], connectors).unwrap();
        let text = items_to_clipboard(&board, &[a.id, b.id]);
        let ClipboardContent::Items(copied) = clipboard_content(&text) else {
            panic!("not read back as items");
        };
        assert_eq!(copied.items().len(), 2);
        assert_eq!(
            copied.connectors().map(|c| c.id.raw()).collect::<Vec<_>>(),
            [1]
        );
    }

    #[test]
    fn plain_text_becomes_trimmed_non_empty_lines() {
        let ClipboardContent::Lines { lines, cut } =
            clipboard_content("  First idea \n\n- second\r\nтрећа\n")
        else {
            panic!("not lines");
        };
        assert_eq!(lines, ["First idea", "- second", "трећа"]);
        assert!(!cut);
        let many = "x\n".repeat(MAX_PASTED_LINES + 3);
        let ClipboardContent::Lines { lines, cut } = clipboard_content(&many) else {
            panic!("not lines");
        };
        assert_eq!(lines.len(), MAX_PASTED_LINES);
        assert!(cut);
    }

    #[test]
    fn a_damaged_copy_is_reported_not_pasted_as_text() {
        let ClipboardContent::Broken(error) =
            clipboard_content("(\n    format: 1,\n    title: \"x\",\n    items: [\n")
        else {
            panic!("not reported");
        };
        assert!(error.position().is_some());
    }
}
