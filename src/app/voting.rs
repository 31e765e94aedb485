//! Dot voting in the window: `+` and `-` on the selected notes, hiding and revealing the
//! counts, the votes panel (the stage's notes ranked by votes, *Sort by votes*, *Reset votes*,
//! and whether participants may vote from their page, with how many votes each).

use egui::{RichText, Ui};

use super::CivicCanvasApp;
use crate::edit::rules::arrange::sort_frame_by_votes;
use crate::live::Voting;
use crate::model::{ItemId, ItemKind};
use crate::ui::canvas::votes;
use crate::ui::shortcuts::Action;
use crate::ui::widgets::action_button;

/// Which notes the votes panel ranks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum RankScope {
    /// The notes of the stage shown.
    #[default]
    Stage,
    /// Every note on the board.
    Board,
}

/// The longest line of a note shown in the ranking, in characters.
const RANK_TEXT_CHARS: usize = 60;

impl CivicCanvasApp {
    /// Carries out a voting action.
    pub(super) fn perform_voting(&mut self, action: Action) {
        let board = self.session.doc.board();
        match action {
            Action::VoteUp | Action::VoteDown => {
                let up = action == Action::VoteUp;
                let notes: Vec<ItemId> = self
                    .canvas
                    .selection
                    .items
                    .iter()
                    .copied()
                    .filter(|&id| {
                        board
                            .item(id)
                            .is_some_and(|item| matches!(item.kind, ItemKind::Note(_)))
                    })
                    .collect();
                if notes.is_empty() {
                    self.set_status(
                        "Select notes to vote on them (+ gives a vote, - takes one back)",
                    );
                    return;
                }
                match votes::vote(board, notes, up) {
                    Some(command) => self.apply(command),
                    None if up => self.set_status("Those notes have all the votes you can give"),
                    None => self.set_status("You have no votes on those notes to take back"),
                }
            }
            Action::ToggleVotes => self.shell.side.votes = !self.shell.side.votes,
            Action::HideVotes => {
                let settings = &mut self.canvas.settings.votes;
                settings.hidden = !settings.hidden;
                let message = if settings.hidden {
                    "Vote counts are hidden, here and on participants' pages, until you reveal them"
                } else {
                    "Vote counts are shown"
                };
                self.set_status(message);
            }
            Action::SortByVotes | Action::ResetVotes => {
                let sort = action == Action::SortByVotes;
                let Some(frame) = self.voting_frame() else {
                    self.set_status("Go to a stage, or select a frame, to sort or reset its votes");
                    return;
                };
                let command = if sort {
                    sort_frame_by_votes(board, frame)
                } else {
                    votes::reset(board, frame)
                };
                match command {
                    Some(command) => self.apply(command),
                    None if sort => self.set_status("The notes are in the order of their votes"),
                    None => self.set_status("There are no votes to reset"),
                }
            }
            _ => {}
        }
    }

    /// The frame whose votes are sorted or reset: the selected frame, or the frame of the
    /// selected item, or else the stage shown.
    fn voting_frame(&self) -> Option<ItemId> {
        let board = self.session.doc.board();
        let selected = self
            .canvas
            .single_selection()
            .and_then(|id| board.item(id))
            .and_then(|item| {
                if item.as_frame().is_some() {
                    Some(item.id)
                } else {
                    item.parent
                }
            });
        selected.or_else(|| {
            super::present::current_stage(
                board,
                self.canvas.selection.presenting,
                self.canvas.view.camera.center_in_board,
            )
            .map(|(_, frame)| frame.id)
        })
    }

    /// The votes panel.
    pub(super) fn votes_panel(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.add_space(4.0);
        ui.label(RichText::new("Votes").heading().strong());
        ui.weak("Select notes and press + to give a vote, - to take one back.");
        ui.add_space(4.0);
        let board = self.session.doc.board();
        let stage = self.voting_frame().and_then(|id| board.item(id));
        let scope = &mut self.shell.side.votes_scope;
        ui.horizontal(|ui| {
            let stage_name = stage.map_or("Stage".to_owned(), |frame| {
                format!("Stage: {}", short(frame.text(), 24))
            });
            ui.selectable_value(scope, RankScope::Stage, stage_name)
                .on_hover_text("Rank the notes of the stage shown (or of the selected frame)");
            ui.selectable_value(scope, RankScope::Board, "Whole board")
                .on_hover_text("Rank every note on the board");
        });
        let frame = match scope {
            RankScope::Stage => stage.map(|frame| frame.id),
            RankScope::Board => None,
        };
        let settings = self.canvas.settings.votes;
        ui.horizontal_wrapped(|ui| {
            for action in [Action::SortByVotes, Action::ResetVotes] {
                if action_button(ui, action).clicked() {
                    actions.push(action);
                }
            }
            let reveal = if settings.hidden {
                "Reveal votes"
            } else {
                "Hide votes"
            };
            if ui
                .button(reveal)
                .on_hover_text(Action::HideVotes.tooltip(ui.ctx()))
                .clicked()
            {
                actions.push(Action::HideVotes);
            }
        });
        ui.separator();
        if settings.hidden {
            ui.label("The counts are hidden until you reveal them.");
        } else {
            let ranked = votes::ranked(board, frame);
            let total: u32 = ranked.iter().map(|(_, n)| n).sum();
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            let summary = format!(
                "{} on {}",
                plural(total as usize, "vote", "votes"),
                plural(ranked.len(), "note", "notes")
            );
            ui.label(RichText::new(summary).strong());
            let mut go_to = None;
            egui::ScrollArea::vertical()
                .max_height(ui.available_height() - 120.0)
                .show(ui, |ui| {
                    for (item, count) in ranked.iter().filter(|(_, n)| *n > 0) {
                        let text = format!("{count:>3}   {}", short(item.text(), RANK_TEXT_CHARS));
                        let selected = self.canvas.selection.items.contains(&item.id);
                        if ui
                            .selectable_label(selected, text)
                            .on_hover_text("Select this note and show it")
                            .clicked()
                        {
                            go_to = Some(item.id);
                        }
                    }
                });
            if let Some(id) = go_to {
                self.canvas
                    .show_hit(board, crate::ui::search::Hit::Item(id));
            }
        }
        ui.separator();
        self.participants_voting(ui);
    }

    /// Whether participants may vote from their page, and how many votes each.
    fn participants_voting(&mut self, ui: &mut Ui) {
        let live = self.session.live.is_some();
        let settings = &mut self.canvas.settings.votes;
        ui.add_enabled_ui(live, |ui| {
            ui.checkbox(&mut settings.open, "Participants may vote")
                .on_hover_text("Let people on the participant page vote on the stage's notes");
            ui.horizontal(|ui| {
                ui.label("Votes each");
                ui.add(egui::DragValue::new(&mut settings.budget).range(1..=Voting::MAX_BUDGET))
                    .on_hover_text("How many votes each participant may give, over all notes");
            });
        });
        if !live {
            ui.weak("Start a live session for participants to vote from their page.");
        }
    }
}

/// The first line of `text`, cut to `chars` characters.
fn short(text: &str, chars: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > chars {
        let cut: String = line.chars().take(chars.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        line.to_owned()
    }
}
