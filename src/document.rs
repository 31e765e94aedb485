//! An open board: the board itself, its undo history, the file it lives in and whether it has
//! unsaved changes.

use std::path::{Path, PathBuf};

use crate::edit::{Command, EditError, History};
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

    /// A number that grows with every change to the board (edit, undo, redo), to tell whether
    /// it changed since some earlier moment.
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

    /// The file the board was loaded from or last saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the board has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Applies one command as one undo step.
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        self.history.apply(&mut self.board, command)?;
        self.dirty = true;
        self.revision += 1;
        Ok(())
    }

    /// Applies a command as part of the last undo step (see [`History::apply_continuing`]).
    pub fn apply_continuing(&mut self, command: Command) -> Result<(), EditError> {
        self.history.apply_continuing(&mut self.board, command)?;
        self.dirty = true;
        Ok(())
    }

    /// Undoes the last step; `Ok(false)` if there was nothing to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let undone = self.history.undo(&mut self.board)?;
        self.dirty |= undone;
        self.revision += u64::from(undone);
        Ok(undone)
    }

    /// Redoes the last undone step; `Ok(false)` if there was nothing to redo.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let redone = self.history.redo(&mut self.board)?;
        self.dirty |= redone;
        self.revision += u64::from(redone);
        Ok(redone)
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
        doc.apply(Command::SetTitle("Kick-off".into())).unwrap();
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
}
