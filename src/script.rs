//! `civic-canvas script`: a hidden, windowless mode that edits a board from a list of commands
//! through the same [`Document`] and [`Command`]s as the app, with the app's real autosave
//! (schedule and background writer), and then waits. The crash test runs it, kills it and
//! checks what the recovery copy kept.
//!
//! A command file has one command per line; blank lines and lines starting with `#` are skipped:
//!
//! ```text
//! title Ideation with the permits office
//! note 120 -40 Residents want one place for all permits
//! undo
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};

use crate::document::Document;
use crate::edit::{Command, Origin};
use crate::model::{IdGen, Item, PaletteColor, Point};
use crate::storage::recovery::{
    AutosaveSchedule, RecoveryOrigin, RecoveryWriter, WriterReport, list_recovered,
};
use crate::storage::{board_to_ron, open_board};

/// The marker line before each board that [`print_recovered`] prints.
pub const RECOVERED_MARKER: &str = "--- recovered from: ";

/// One line of a command file as a command for `doc`.
fn parse_line(line: &str, doc: &Document, ids: &mut IdGen) -> anyhow::Result<Option<Command>> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
    match verb {
        "title" => Ok(Some(Command::SetTitle(rest.to_owned()))),
        "note" => {
            let mut parts = rest.splitn(3, ' ');
            let mut number = |name: &str| -> anyhow::Result<f32> {
                let text = parts.next().ok_or_else(|| anyhow!("`note` needs {name}"))?;
                text.parse()
                    .with_context(|| format!("`{text}` is not a number ({name})"))
            };
            let at = Point::new(number("x")?, number("y")?);
            let text = parts.next().unwrap_or_default();
            let board = doc.board();
            let id = ids.item_id(|id| board.item(id).is_some());
            let note =
                Item::note(id, at, board.z_above_all(), PaletteColor::Yellow, text).fitting_text();
            Ok(Some(Command::AddItem(Box::new(note))))
        }
        "undo" => Ok(None),
        other => bail!("unknown script command `{other}` (known: title, note, undo)"),
    }
}

/// Loads `file` (or starts an untitled board), applies `commands`, lets the autosave write a
/// recovery copy into `recovery_dir` on its normal schedule, writes
/// `autosaved REVISION PATH` to `out` once the copy of the last change is on disk, then waits
/// `wait` (to be killed) and returns, leaving the copy in place as a crash would.
pub fn run_script(
    recovery_dir: &Path,
    file: Option<PathBuf>,
    commands: &str,
    wait: Duration,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut doc = match file {
        Some(path) => {
            let opened = open_board(&path)?;
            let mut doc = Document::loaded(opened.board, path);
            doc.set_disk_stamp(Some(opened.stamp));
            doc
        }
        None => Document::untitled(),
    };
    let writer = RecoveryWriter::start(recovery_dir.to_owned())?;
    let mut schedule = AutosaveSchedule::default();
    let mut ids = IdGen::from_entropy();
    for (number, line) in commands.lines().enumerate() {
        let context = || format!("command line {}", number + 1);
        if line.trim() == "undo" {
            doc.undo().with_context(context)?;
        } else if let Some(command) = parse_line(line, &doc, &mut ids).with_context(context)? {
            doc.apply(command, Origin::Script).with_context(context)?;
        }
        autosave_step(&doc, &mut schedule, &writer);
    }
    loop {
        autosave_step(&doc, &mut schedule, &writer);
        for report in writer.reports() {
            match report {
                WriterReport::Written { path, revision } if revision == doc.revision() => {
                    writeln!(out, "autosaved {revision} {}", path.display())?;
                    out.flush()?;
                    std::thread::sleep(wait);
                    return Ok(());
                }
                WriterReport::Written { .. } => {}
                WriterReport::Failed(message) => bail!("autosave failed: {message}"),
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What the app does once per frame: hand a copy to the writer when one is due.
fn autosave_step(doc: &Document, schedule: &mut AutosaveSchedule, writer: &RecoveryWriter) {
    if !doc.is_dirty() {
        return;
    }
    let now = Instant::now();
    schedule.observe(doc.revision(), now);
    if schedule.due_in(now) == Some(Duration::ZERO) {
        let origin = RecoveryOrigin {
            path: doc.path().map(Path::to_path_buf),
            stamp: doc.disk_stamp().copied(),
        };
        writer.write(doc.board().clone(), origin, doc.revision());
        schedule.written(doc.revision());
    }
}

/// Writes each board a crash left in `recovery_dir` to `out`: a [`RECOVERED_MARKER`] line with
/// the board's file (or `-`), then the board in the board file format. Returns how many.
pub fn print_recovered(recovery_dir: &Path, out: &mut impl Write) -> anyhow::Result<usize> {
    let found = list_recovered(recovery_dir);
    for entry in &found {
        let board = entry.load().map_err(|problem| anyhow!("{problem}"))?;
        let origin = entry
            .origin
            .path
            .as_ref()
            .map_or_else(|| "-".to_owned(), |path| path.display().to_string());
        write!(out, "{RECOVERED_MARKER}{origin}\n{}", board_to_ron(&board))?;
    }
    Ok(found.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frame, Size, ZKey};

    #[test]
    fn a_scripted_note_follows_the_boards_rules_and_can_be_undone() {
        let frame = Item::frame(
            crate::model::ItemId::from_raw(1),
            Point::new(0.0, 0.0),
            Size::new(1000.0, 800.0),
            ZKey::middle(),
            Frame::new("Ideation", 1),
        );
        let board = crate::model::Board::from_parts("Script", [frame], []).unwrap_or_default();
        let mut doc = Document::loaded(board, PathBuf::from("board.ron"));
        let mut ids = IdGen::seeded(2);
        let line = "note 100 100 Residents want one place for all permits";
        let command = parse_line(line, &doc, &mut ids).ok().flatten();
        let applied = command.map(|command| doc.apply(command, Origin::Script));
        assert!(matches!(applied, Some(Ok(_))), "{applied:?}");
        let note = doc
            .board()
            .items()
            .find(|item| item.text().starts_with("Residents"))
            .map(|item| item.parent);
        assert_eq!(
            note,
            Some(Some(crate::model::ItemId::from_raw(1))),
            "a note scripted onto a frame joins it, as one made in the window does"
        );
        assert!(doc.undo().is_ok_and(|undone| undone.is_some()));
        assert_eq!(doc.board().items().len(), 1);
    }
}
