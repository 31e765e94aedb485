//! Actions on the board and the selection: notes, clipboard, moving, stacking, arranging.

use std::time::Instant;

use super::{CivicCanvasApp, NUDGE_FAR_STEP, NUDGE_STEP, NUDGE_STREAK};
use crate::edit::{Command, Origin};
use crate::ui::canvas::Tool;
use crate::ui::canvas::arrange::arrangement_for;
use crate::ui::shortcuts::Action;

impl CivicCanvasApp {
    /// Carries out an action that works on the board or the selection.
    pub(super) fn perform_on_board(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewNote | Action::NewPersona | Action::NewEmpathyMap => self.add_item(action),
            Action::EditText => {
                if let Some(id) = self.canvas.single_selection() {
                    self.canvas.begin_editing(self.session.doc.board(), id);
                }
            }
            Action::Delete => {
                let command = self.canvas.delete_selection();
                self.apply_some(command);
            }
            Action::Deselect => self.escape(),
            Action::ChoosePhoto => {
                self.commit_typing();
                self.choose_photo(ctx);
            }
            Action::NewMapNode => {
                self.commit_typing();
                self.canvas.open_quick_create(ctx);
            }
            Action::Connect => {
                let command = self
                    .canvas
                    .connect_selection(self.session.doc.board(), &mut self.session.ids);
                if command.is_none() {
                    self.set_status("Select two items to connect them");
                }
                self.apply_some(command);
            }
            Action::Copy => {
                self.copy(ctx);
            }
            Action::Cut => self.cut(ctx),
            Action::Paste => self.request_paste(ctx),
            Action::Duplicate => {
                let command = self
                    .canvas
                    .duplicate_selection(self.session.doc.board(), &mut self.session.ids);
                self.apply_some(command);
            }
            Action::SelectAll => self.canvas.select_all(self.session.doc.board()),
            Action::NewConnectedNote => {
                self.commit_typing();
                let command = self
                    .canvas
                    .connected_note(self.session.doc.board(), &mut self.session.ids);
                self.apply_some(command);
            }
            Action::NextItem | Action::PreviousItem => {
                self.canvas
                    .select_next(self.session.doc.board(), action == Action::PreviousItem);
            }
            Action::NudgeLeft
            | Action::NudgeRight
            | Action::NudgeUp
            | Action::NudgeDown
            | Action::NudgeLeftFar
            | Action::NudgeRightFar
            | Action::NudgeUpFar
            | Action::NudgeDownFar => self.nudge(action),
            Action::BringToFront | Action::SendToBack => {
                let command = self
                    .canvas
                    .stack_selection(self.session.doc.board(), action == Action::BringToFront);
                self.apply_some(command);
            }
            Action::ZoomToSelection => self.canvas.zoom_to_selection(self.session.doc.board()),
            Action::Recolor(color) => {
                self.commit_typing();
                if self.canvas.selection.items.is_empty() {
                    self.set_status(
                        "Select items to colour them (the toolbar palette sets the colour of new notes)",
                    );
                }
                let command = self
                    .canvas
                    .recolor_selection(self.session.doc.board(), color);
                self.apply_some(command);
            }
            Action::NewFrame
            | Action::Cluster
            | Action::ToggleCollapse
            | Action::TidyFrame
            | Action::NextFrame
            | Action::PreviousFrame => self.perform_on_frames(action),
            Action::VoteUp
            | Action::VoteDown
            | Action::ToggleVotes
            | Action::HideVotes
            | Action::SortByVotes
            | Action::ResetVotes => self.perform_voting(action),
            _ => {
                if let Some(how) = arrangement_for(action) {
                    let command = self.canvas.arrange_selection(self.session.doc.board(), how);
                    self.apply_some(command);
                }
            }
        }
    }

    /// Carries out an action on frames.
    fn perform_on_frames(&mut self, action: Action) {
        match action {
            Action::NewFrame => {
                self.commit_typing();
                let command = self
                    .canvas
                    .new_frame(self.session.doc.board(), &mut self.session.ids);
                self.apply(command);
            }
            Action::Cluster => self.cluster(),
            Action::TidyFrame => {
                let board = self.session.doc.board();
                let frame = self
                    .canvas
                    .single_selection()
                    .filter(|&id| board.item(id).is_some_and(|item| item.as_frame().is_some()));
                match frame {
                    Some(frame) => {
                        let command = crate::edit::rules::arrange::tidy_frame(board, frame);
                        self.apply_some(command);
                    }
                    None => self.set_status("Select a frame to tidy what is in it"),
                }
            }
            Action::ToggleCollapse => {
                let command = self
                    .canvas
                    .toggle_collapse_selection(self.session.doc.board());
                if command.is_none() {
                    self.set_status("Select a frame to collapse or expand it");
                }
                self.apply_some(command);
            }
            Action::NextFrame | Action::PreviousFrame => {
                if self.session.doc.board().frames().is_empty() {
                    self.set_status("There are no frames yet: select items and press F");
                }
                self.step_stage(action == Action::PreviousFrame);
            }
            _ => {}
        }
    }

    /// Cluster: a frame around the selected items (inside their stage, drawn above it) with
    /// them tidied into a grid in it, as one step; the frame's title is ready for typing.
    fn cluster(&mut self) {
        self.commit_typing();
        if self.canvas.selection.items.is_empty() {
            self.set_status("Select the notes that belong together, then press K to cluster them");
            return;
        }
        let command = self
            .canvas
            .new_frame(self.session.doc.board(), &mut self.session.ids);
        let frame = crate::ui::canvas::added_item(&command).map(|item| item.id);
        self.apply(command);
        let board = self.session.doc.board();
        let Some(tidy) =
            frame.and_then(|frame| crate::edit::rules::arrange::tidy_frame(board, frame))
        else {
            return;
        };
        // The tidying belongs to the same step as the frame: one undo takes both back.
        match self.session.doc.apply(tidy, Origin::LocalContinued) {
            Ok(changed) => self.share(&changed),
            Err(error) => self.set_status(format!("The cluster could not be tidied: {error}")),
        }
    }

    /// Adds a note, persona card or empathy map (beside the selection or mid-view), ready for
    /// typing.
    fn add_item(&mut self, action: Action) {
        self.commit_typing();
        let (board, ids) = (self.session.doc.board(), &mut self.session.ids);
        let command = match action {
            Action::NewPersona => self.canvas.new_persona(board, ids),
            Action::NewEmpathyMap => self.canvas.new_empathy_map(board, ids),
            _ => self.canvas.new_note(board, ids, None),
        };
        self.apply(command);
    }

    /// Escape on the canvas: closes a menu on it, else clears the selection; presenting with
    /// nothing picked, it stops presenting.
    fn escape(&mut self) {
        if self.canvas.quick_create_open() {
            self.canvas.close_quick_create();
        } else if self.canvas.drop_offer_open() {
            self.canvas.close_drop_offer();
        } else if self.canvas.settings.tool != Tool::Select {
            self.canvas.pick_tool(Tool::Select);
        } else if self.shell.stage.presenting && self.nothing_picked() {
            self.toggle_presenting();
        } else {
            self.canvas.selection.items.clear();
            self.canvas.selection.connector = None;
        }
    }

    /// Picks a drawing tool (or, picked again, goes back to selecting), finishing any typing.
    pub(super) fn pick_tool(&mut self, tool: Tool) {
        self.commit_typing();
        self.canvas.pick_tool(tool);
    }

    /// Whether nothing is selected but the frame shown by stepping through the frames.
    fn nothing_picked(&self) -> bool {
        let selection = &self.canvas.selection;
        selection.connector.is_none()
            && selection
                .items
                .iter()
                .all(|&id| Some(id) == selection.presenting)
    }

    fn apply_some(&mut self, command: Option<Command>) {
        if let Some(command) = command {
            self.apply(command);
        }
    }

    /// Moves the selection with the arrow keys; a quick run of moves is one undo step.
    fn nudge(&mut self, action: Action) {
        if self.shell.stage.presenting && self.nothing_picked() {
            // Presenting with nothing picked: the arrow keys step through the stages.
            let backwards = matches!(
                action,
                Action::NudgeLeft | Action::NudgeUp | Action::NudgeLeftFar | Action::NudgeUpFar
            );
            self.step_stage(backwards);
            return;
        }
        let (dx, dy) = match action {
            Action::NudgeLeft => (-NUDGE_STEP, 0.0),
            Action::NudgeRight => (NUDGE_STEP, 0.0),
            Action::NudgeUp => (0.0, -NUDGE_STEP),
            Action::NudgeDown => (0.0, NUDGE_STEP),
            Action::NudgeLeftFar => (-NUDGE_FAR_STEP, 0.0),
            Action::NudgeRightFar => (NUDGE_FAR_STEP, 0.0),
            Action::NudgeUpFar => (0.0, -NUDGE_FAR_STEP),
            _ => (0.0, NUDGE_FAR_STEP),
        };
        let Some(command) = self
            .canvas
            .nudge_selection(self.session.doc.board(), egui::vec2(dx, dy))
        else {
            return;
        };
        let continuing = self
            .session
            .last_nudge
            .is_some_and(|at| at.elapsed() < NUDGE_STREAK);
        let origin = if continuing {
            Origin::LocalContinued
        } else {
            Origin::Local
        };
        match self.session.doc.apply(command, origin) {
            Ok(changed) => {
                self.session.last_nudge = Some(Instant::now());
                self.share(&changed);
            }
            Err(error) => self.set_status(format!("That change could not be made: {error}")),
        }
    }
}
