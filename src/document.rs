//! An open board: the board itself, its undo history, the file it lives in and whether it has
//! unsaved changes. [`Document::apply`] is the one gateway through which every change to an
//! open board passes, whoever makes it.

use std::path::{Path, PathBuf};

use crate::edit::{self, Changed, Command, EditError, History, Origin};
use crate::model::Board;
use crate::storage::DiskStamp;

/// The board being edited and what the app knows about it.
#[derive(Debug, Default)]
pub struct Document {
    board: Board,
    history: History,
    path: Option<PathBuf>,
    dirty: bool,
    disk: Option<DiskStamp>,
    revision: u64,
}

/// The title a new board gets.
pub const UNTITLED: &str = "Untitled board";

impl Document {
    /// A new, empty board that has never been saved.
    pub fn untitled() -> Self {
        Self {
            board: Board::new(UNTITLED),
            ..Self::default()
        }
    }

    /// A new board made from a template: never saved, nothing in it to lose yet.
    pub fn from_template(board: Board) -> Self {
        Self {
            board,
            ..Self::default()
        }
    }

    /// A board just loaded from `path`. Its history starts empty, so undo never goes past the
    /// loaded state.
    pub fn loaded(board: Board, path: PathBuf) -> Self {
        Self {
            board,
            history: History::default(),
            path: Some(path),
            dirty: false,
            disk: None,
            revision: 0,
        }
    }

    /// Marks a just-loaded board as differing from its file, because parts of the file could
    /// not be kept; saving writes the repaired board.
    pub fn mark_repaired(&mut self) {
        self.dirty = true;
        self.revision += 1;
    }

    /// A board recovered after a crash: unsaved (so the user saves it), with the file it came
    /// from, if any, and an empty history.
    pub fn recovered(board: Board, path: Option<PathBuf>) -> Self {
        Self {
            board,
            path,
            dirty: true,
            revision: 1,
            ..Self::default()
        }
    }

    /// What the board's file looked like when it was last loaded or saved, to notice changes
    /// by other programs.
    pub fn disk_stamp(&self) -> Option<&DiskStamp> {
        self.disk.as_ref()
    }

    /// Records what the board's file looks like after a load or save.
    pub fn set_disk_stamp(&mut self, stamp: Option<DiskStamp>) {
        self.disk = stamp;
    }

    /// A number that grows with every change to the board (every [`Self::apply`], undo and
    /// redo, and a repair on loading), to tell whether it changed since some earlier moment.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The board.
    pub fn board(&self) -> &Board {
        &self.board
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Forgets every step of the undo history (when a live session ends: the steps were made
    /// on a board colleagues changed too, so replaying them could undo their work).
    pub fn forget_history(&mut self) {
        self.history = History::default();
    }

    /// The file the board was loaded from or last saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the board has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Applies `command`, coming from `origin`, as one change: the board's rules add what the
    /// change brings with it (for the origins that follow them, see [`Origin::follows_rules`]),
    /// the whole change is applied or none of it, and the revision grows. Only changes made at
    /// this window or by a script go into the undo history. Returns what changed.
    pub fn apply(&mut self, command: Command, origin: Origin) -> Result<Changed, EditError> {
        let applied = edit::apply(&mut self.board, command, origin)?;
        match origin {
            Origin::LocalContinued => self
                .history
                .record_continuing(applied.label, applied.inverse),
            _ if origin.is_undoable() => self.history.record(applied.label, applied.inverse),
            _ => {}
        }
        Ok(self.changed(applied.changed))
    }

    /// Undoes the last step; `Ok(None)` if there was nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Changed>, EditError> {
        self.replay(Origin::Undo)
    }

    /// Redoes the last undone step; `Ok(None)` if there was nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Changed>, EditError> {
        self.replay(Origin::Redo)
    }

    /// Undoes (`Origin::Undo`) or redoes a step of the history, exactly as it was recorded.
    fn replay(&mut self, origin: Origin) -> Result<Option<Changed>, EditError> {
        let board = &mut self.board;
        let mut changed = Changed::default();
        let apply = |inverse| {
            let applied = edit::apply(board, inverse, origin)?;
            changed = applied.changed;
            Ok(applied.inverse)
        };
        let step = if origin == Origin::Undo {
            self.history.undo_with(apply)?
        } else {
            self.history.redo_with(apply)?
        };
        Ok(step.map(|_| self.changed(changed)))
    }

    /// Notes a change that was applied: unsaved, and a new revision.
    fn changed(&mut self, changed: Changed) -> Changed {
        self.dirty = true;
        self.revision += 1;
        changed
    }

    /// Records that the board was saved to `path`. (Call [`Document::set_disk_stamp`] too.)
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.dirty = false;
    }

    /// The file name, or "Not saved yet" for a board that has no file.
    pub fn file_label(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Not saved yet".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    /// The window title: board title, file name, an unsaved-changes marker and the app name.
    pub fn window_title(&self) -> String {
        let marker = if self.dirty { " •" } else { "" };
        let title = if self.board.title().trim().is_empty() {
            UNTITLED
        } else {
            self.board.title()
        };
        format!("{title} — {}{marker} — Civic Canvas", self.file_label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_shows_file_and_unsaved_marker() {
        let mut doc = Document::untitled();
        assert_eq!(
            doc.window_title(),
            "Untitled board — Not saved yet — Civic Canvas"
        );
        doc.apply(Command::SetTitle("Kick-off".into()), Origin::Local)
            .unwrap();
        assert!(doc.is_dirty());
        assert_eq!(
            doc.window_title(),
            "Kick-off — Not saved yet • — Civic Canvas"
        );
        doc.mark_saved(PathBuf::from("/tmp/boards/kickoff.ron"));
        assert_eq!(doc.window_title(), "Kick-off — kickoff.ron — Civic Canvas");
        doc.undo().unwrap();
        assert!(doc.is_dirty(), "undo after a save is an unsaved change");
    }

    #[test]
    fn every_change_gets_a_revision_and_only_changes_made_here_are_undone() {
        use crate::model::{IdGen, Item, PaletteColor, Point, ZKey};
        let mut doc = Document::untitled();
        let id = IdGen::seeded(4).item_id(|_| false);
        let note = Item::note(
            id,
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Blue,
            "",
        );
        let changed = doc
            .apply(Command::AddItem(Box::new(note)), Origin::Local)
            .unwrap();
        assert_eq!(changed.items, [id].into());
        assert_eq!(doc.revision(), 1);
        for x in [10.0, 20.0] {
            let step = Command::MoveItem {
                id,
                to: Point::new(x, 0.0),
            };
            doc.apply(step, Origin::LocalContinued).unwrap();
        }
        assert_eq!(doc.revision(), 3, "a continued step is a change too");
        assert_eq!(doc.history().undo_label(), Some("Add note"), "one step");
        let repair = Command::SetTitle("Repaired".into());
        let changed = doc.apply(repair, Origin::Repair).unwrap();
        assert!(changed.title && changed.items.is_empty());
        assert_eq!(doc.revision(), 4);
        assert_eq!(
            doc.history().undo_label(),
            Some("Add note"),
            "not undone here"
        );
        let undone = doc.undo().unwrap().unwrap();
        assert_eq!(undone.items, [id].into());
        assert_eq!(doc.revision(), 5);
        assert!(doc.board().item(id).is_none());
        assert_eq!(doc.board().title(), "Repaired");
        assert!(doc.undo().unwrap().is_none());
        assert_eq!(doc.revision(), 5, "nothing to undo is no change");
    }
}
