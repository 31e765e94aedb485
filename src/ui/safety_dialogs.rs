//! The dialogs that keep boards safe: "changed on disk" before a save, and the list of boards
//! recovered after a crash.

use std::time::{Duration, SystemTime};

use egui::{RichText, Ui};

use crate::storage::recovery::KEPT_PER_BOARD;
use crate::ui::dialogs::{Choice, Replacing, choice_row};

/// One recovered board as the recovery dialog lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoverySummary {
    /// The board's title.
    pub title: String,
    /// When the copy was written, in words ("3 minutes ago").
    pub written: String,
    /// How many items the board holds, or why the copy cannot be read.
    pub contents: Result<usize, String>,
    /// The board's file, or "Never saved".
    pub file: String,
}

/// How long ago `time` was, in words.
pub fn time_ago(time: Option<SystemTime>, now: SystemTime) -> String {
    let Some(elapsed) = time.and_then(|time| now.duration_since(time).ok()) else {
        return "just now".to_owned();
    };
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    let secs = elapsed.as_secs();
    match elapsed {
        e if e < Duration::from_mins(1) => "less than a minute ago".to_owned(),
        e if e < Duration::from_hours(1) => plural(secs / 60, "minute"),
        e if e < Duration::from_hours(48) => plural(secs / 3600, "hour"),
        _ => plural(secs / 86_400, "day"),
    }
}

/// "This file was changed by another program" (or was not opened here, or is read-only):
/// Overwrite / Save as… / Cancel.
pub(crate) fn changed_on_disk(ui: &mut Ui, file_name: &str, why: Replacing) -> Option<Choice> {
    let (heading, body) = match why {
        Replacing::ChangedElsewhere => (
            "This file was changed by another program since you opened it",
            format!(
                "“{file_name}” on disk is no longer the version you opened or last saved. Saving \
                 now would replace those changes with the board on screen."
            ),
        ),
        Replacing::NotOpenedHere => (
            "This board was restored, not opened from this file",
            format!(
                "“{file_name}” on disk may hold something else than this board: it cannot be \
                 told whether it is the file the board came from. Saving now would replace it \
                 with the board on screen."
            ),
        ),
        Replacing::ReadOnly => (
            "This file is read-only",
            format!(
                "“{file_name}” is marked read-only, perhaps so that it is not changed. Saving now \
                 would replace it with the board on screen."
            ),
        ),
    };
    ui.heading(heading);
    ui.label(body);
    ui.add_space(8.0);
    choice_row(
        ui,
        1,
        [
            (
                "Overwrite",
                "Replace the file with the board on screen (the file on disk is kept as a .bak copy)",
                Choice::Overwrite,
            ),
            (
                "Save as…",
                "Save the board to a different file and leave this one alone",
                Choice::SaveAs,
            ),
            (
                "Cancel",
                "Go back to the board without saving (Escape)",
                Choice::Close,
            ),
        ],
    )
}

/// The boards recovered after a crash, each with Restore / Discard; `older_deleted` older
/// copies were deleted, past the newest few of each board.
pub(crate) fn recovered_boards(
    ui: &mut Ui,
    boards: &[RecoverySummary],
    older_deleted: usize,
) -> Option<Choice> {
    ui.heading("Recover unsaved boards?");
    ui.label(
        "Civic Canvas closed without saving these boards. Restore opens a board with its \
         changes, unsaved, so you can save it.",
    );
    if older_deleted > 0 {
        let copies = if older_deleted == 1 {
            "1 older copy was".to_owned()
        } else {
            format!("{older_deleted} older copies were")
        };
        ui.label(format!(
            "{copies} deleted: the newest {KEPT_PER_BOARD} copies of each board are kept."
        ));
    }
    ui.add_space(8.0);
    let mut choice = None;
    let height = (ui.ctx().content_rect().height() * 0.6).max(200.0);
    egui::ScrollArea::vertical()
        .max_height(height)
        .show(ui, |ui| {
            for (index, board) in boards.iter().enumerate() {
                if let Some(chosen) = recovered_board(ui, index, board) {
                    choice = Some(chosen);
                }
            }
        });
    ui.add_space(8.0);
    if ui
        .button("Decide later")
        .on_hover_text("Keep the recovered copies and ask again next time (Escape)")
        .clicked()
    {
        choice = Some(Choice::Close);
    }
    choice
}

/// One recovered board with its Restore and Discard buttons.
fn recovered_board(ui: &mut Ui, index: usize, board: &RecoverySummary) -> Option<Choice> {
    let mut choice = None;
    ui.group(|ui| {
        ui.set_min_width(520.0);
        ui.label(RichText::new(&board.title).strong().size(18.0));
        let contents = match &board.contents {
            Ok(1) => "1 item".to_owned(),
            Ok(count) => format!("{count} items"),
            Err(problem) => format!("Cannot be restored: {problem}"),
        };
        ui.label(format!("{contents} · saved {}", board.written));
        ui.label(format!("File: {}", board.file));
        ui.horizontal(|ui| {
            let restore = ui
                .add_enabled(board.contents.is_ok(), egui::Button::new("Restore"))
                .on_hover_text("Open this board with its unsaved changes");
            if restore.clicked() {
                choice = Some(Choice::Restore(index));
            }
            if ui
                .button("Discard")
                .on_hover_text("Delete this recovered copy for good")
                .clicked()
            {
                choice = Some(Choice::DiscardRecovered(index));
            }
        });
    });
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_words() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let ago = |secs| time_ago(Some(now - Duration::from_secs(secs)), now);
        assert_eq!(ago(5), "less than a minute ago");
        assert_eq!(ago(60), "1 minute ago");
        assert_eq!(ago(150), "2 minutes ago");
        assert_eq!(ago(3 * 3600), "3 hours ago");
        assert_eq!(ago(3 * 86_400), "3 days ago");
        assert_eq!(
            time_ago(Some(now + Duration::from_secs(5)), now),
            "just now"
        );
    }
}
