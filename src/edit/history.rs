//! Undo and redo.

use super::{Command, EditError};
use crate::model::Board;

/// One undoable step: the command that reverses it and its menu label.
#[derive(Clone, Debug)]
struct Step {
    label: &'static str,
    inverse: Command,
}

/// Undo and redo stacks of inverse commands.
///
/// A new edit clears the redo stack. A freshly loaded board starts with an empty history, so undo
/// never goes past the loaded state.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    max_steps: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::new(1000)
    }
}

impl History {
    /// An empty history that keeps at most `max_steps` undo steps.
    pub fn new(max_steps: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            max_steps: max_steps.max(1),
        }
    }

    /// Records a step that was applied: its menu label and the command that undoes it. A new
    /// step clears the redo stack.
    pub fn record(&mut self, label: &'static str, inverse: Command) {
        self.undo.push(Step { label, inverse });
        if self.undo.len() > self.max_steps {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Records a change as more of the last step (e.g. the arrow key held down to move a note:
    /// many small moves, one undo step). Without a last step it starts one.
    pub fn record_continuing(&mut self, label: &'static str, inverse: Command) {
        let Some(last) = self.undo.pop() else {
            return self.record(label, inverse);
        };
        // Undo reverses the newest change first, then the earlier ones.
        self.undo.push(Step {
            label: last.label,
            inverse: Command::Batch {
                label: last.label,
                commands: vec![inverse, last.inverse],
            },
        });
        self.redo.clear();
    }

    /// Apply `command` to `board` as one undo step (without the board's rules; see
    /// [`super::apply`]).
    pub fn apply(&mut self, board: &mut Board, command: Command) -> Result<(), EditError> {
        let label = command.label();
        let inverse = command.apply(board)?;
        self.record(label, inverse);
        Ok(())
    }

    /// Apply `command` as a continuation of the last undo step (see [`Self::record_continuing`]).
    pub fn apply_continuing(
        &mut self,
        board: &mut Board,
        command: Command,
    ) -> Result<(), EditError> {
        let label = command.label();
        let inverse = command.apply(board)?;
        self.record_continuing(label, inverse);
        Ok(())
    }

    /// Undo the last step. Returns `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, board: &mut Board) -> Result<bool, EditError> {
        self.undo_with(|inverse| inverse.apply(board))
            .map(|undone| undone.is_some())
    }

    /// Redo the last undone step. Returns `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, board: &mut Board) -> Result<bool, EditError> {
        self.redo_with(|inverse| inverse.apply(board))
            .map(|redone| redone.is_some())
    }

    /// Undoes the last step by handing its inverse to `apply`, which returns the inverse of
    /// what it applied. Returns the step's label, or `None` when there is nothing to undo. A
    /// failed step stays in the history, so nothing is lost.
    pub fn undo_with(
        &mut self,
        apply: impl FnOnce(Command) -> Result<Command, EditError>,
    ) -> Result<Option<&'static str>, EditError> {
        Self::step(&mut self.undo, &mut self.redo, apply)
    }

    /// Redoes the last undone step the way [`Self::undo_with`] undoes one.
    pub fn redo_with(
        &mut self,
        apply: impl FnOnce(Command) -> Result<Command, EditError>,
    ) -> Result<Option<&'static str>, EditError> {
        Self::step(&mut self.redo, &mut self.undo, apply)
    }

    fn step(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        apply: impl FnOnce(Command) -> Result<Command, EditError>,
    ) -> Result<Option<&'static str>, EditError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        // A failed command leaves the board unchanged; keep the step so nothing is lost.
        let inverse = match apply(step.inverse.clone()) {
            Ok(inverse) => inverse,
            Err(error) => {
                from.push(step);
                return Err(error);
            }
        };
        let label = step.label;
        to.push(Step { label, inverse });
        Ok(Some(label))
    }

    /// The label of the step Undo would reverse.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|step| step.label)
    }

    /// The label of the step Redo would repeat.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|step| step.label)
    }

    /// Forget every step (after loading or creating a board).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_edit_clears_redo_and_undo_stops_at_the_start() {
        let mut board = Board::new("Start");
        let mut history = History::default();
        history
            .apply(&mut board, Command::SetTitle("One".into()))
            .unwrap();
        history
            .apply(&mut board, Command::SetTitle("Two".into()))
            .unwrap();
        assert_eq!(history.undo(&mut board), Ok(true));
        assert_eq!(history.redo_label(), Some("Rename board"));
        history
            .apply(&mut board, Command::SetTitle("Three".into()))
            .unwrap();
        assert_eq!(history.redo_label(), None, "a new edit clears redo");
        assert_eq!(history.redo(&mut board), Ok(false));
        assert_eq!(history.undo(&mut board), Ok(true));
        assert_eq!(history.undo(&mut board), Ok(true));
        assert_eq!(board.title(), "Start");
        assert_eq!(
            history.undo(&mut board),
            Ok(false),
            "nothing before the start"
        );
        assert_eq!(board.title(), "Start");
    }

    #[test]
    fn a_step_that_cannot_be_undone_stays_in_the_history() {
        use crate::model::{IdGen, Item, PaletteColor, Point, ZKey};
        let mut board = Board::new("Start");
        let mut history = History::default();
        let id = IdGen::seeded(3).item_id(|_| false);
        let note = Item::note(
            id,
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Blue,
            "",
        );
        history
            .apply(&mut board, Command::AddItem(Box::new(note)))
            .unwrap();
        history
            .apply(
                &mut board,
                Command::SetText {
                    id,
                    text: "x".into(),
                },
            )
            .unwrap();
        // Something outside the history removed the note (as a collaborator might).
        Command::RemoveItem(id).apply(&mut board).unwrap();
        assert_eq!(history.undo(&mut board), Err(EditError::MissingItem(id)));
        assert_eq!(history.undo_label(), Some("Edit text"), "the step is kept");
    }

    #[test]
    fn continued_steps_undo_together() {
        let mut board = Board::new("0");
        let mut history = History::default();
        history
            .apply(&mut board, Command::SetTitle("1".into()))
            .unwrap();
        history
            .apply(&mut board, Command::SetTitle("2".into()))
            .unwrap();
        history
            .apply_continuing(&mut board, Command::SetTitle("3".into()))
            .unwrap();
        history
            .apply_continuing(&mut board, Command::SetTitle("4".into()))
            .unwrap();
        assert_eq!(history.undo(&mut board), Ok(true));
        assert_eq!(board.title(), "1", "2, 3 and 4 were one step");
        assert_eq!(history.redo(&mut board), Ok(true));
        assert_eq!(board.title(), "4");
    }

    #[test]
    fn oldest_steps_drop_off_past_the_limit() {
        let mut board = Board::new("0");
        let mut history = History::new(2);
        for title in ["1", "2", "3"] {
            history
                .apply(&mut board, Command::SetTitle(title.into()))
                .unwrap();
        }
        while history.undo(&mut board).unwrap() {}
        assert_eq!(board.title(), "1", "only the last two steps can be undone");
    }
}
