//! Autosave and crash recovery in the app: recovery copies while a board has unsaved changes,
//! and the offer to restore boards left by a crash.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant, SystemTime};

use super::CivicCanvasApp;
use crate::document::{Document, UNTITLED};
use crate::edit::Command;
use crate::storage::recovery::{
    AutosaveSchedule, RecoveredBoard, RecoveryOrigin, RecoveryWriter, WriterReport,
    default_recovery_dir, keep_newest, list_recovered_with,
};
use crate::ui::dialogs::{Choice, Modal, Then};
use crate::ui::safety_dialogs::{RecoverySummary, time_ago};

/// Where and how often the app writes recovery copies.
#[derive(Clone, Debug)]
pub struct RecoveryConfig {
    /// The recovery folder.
    pub dir: PathBuf,
    /// A copy is written this long after the last change.
    pub quiet_period: Duration,
    /// A change waits at most this long for a copy while editing goes on.
    pub max_delay: Duration,
}

impl RecoveryConfig {
    /// Copies in `dir`, 2 seconds after the last change and at least every 10 seconds.
    pub fn in_dir(dir: PathBuf) -> Self {
        Self {
            dir,
            quiet_period: AutosaveSchedule::DEFAULT_QUIET_PERIOD,
            max_delay: AutosaveSchedule::DEFAULT_MAX_DELAY,
        }
    }

    /// The platform's recovery folder, or `$CIVIC_CANVAS_DATA_DIR/recovery` (see
    /// [`default_recovery_dir`]); `None` when there is no home folder.
    pub fn from_environment() -> Option<Self> {
        default_recovery_dir().map(Self::in_dir)
    }
}

/// Whether the current board has a recovery copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyState {
    /// No copy (or its removal was asked for).
    None,
    /// A copy was written (or asked for) since the board last had no unsaved changes.
    Written,
    /// The app is closing cleanly: the copy is removed and no more are written.
    Closed,
}

/// The app's autosave state.
pub(super) struct Recovery {
    writer: RecoveryWriter,
    schedule: AutosaveSchedule,
    /// Whether the current board has a recovery copy.
    copy: CopyState,
    /// Boards left by a crash that the user has not restored or discarded yet.
    offered: Vec<RecoveredBoard>,
    /// The copies being looked for, while they are.
    listing: Option<Listing>,
    /// How many older copies were deleted when they were listed.
    older_deleted: usize,
    /// The recovery dialog should be shown as soon as no other dialog is.
    offer_pending: bool,
    /// A write failure is on screen; the next failure is not repeated until a write works.
    failure_shown: bool,
}

/// How long the recovery copies are looked for before the status bar says so.
const PROGRESS_AFTER: Duration = Duration::from_millis(300);

/// Recovery copies being listed on a thread of their own, so the window shows at once however
/// many copies there are.
struct Listing {
    /// When the listing started: its progress is shown only once it takes a while.
    started: Instant,
    /// Whether its progress was shown.
    shown: bool,
    /// How many copies are looked at, and how many there are.
    progress: Arc<(AtomicUsize, AtomicUsize)>,
    /// The copies found and how many older ones were deleted, once done.
    done: Receiver<(Vec<RecoveredBoard>, usize)>,
}

impl Listing {
    fn start(dir: PathBuf) -> Option<Self> {
        let progress: Arc<(AtomicUsize, AtomicUsize)> = Arc::default();
        let (sender, done) = channel();
        let theirs = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("recovery listing".into())
            .spawn(move || {
                let mut found = list_recovered_with(&dir, |looked_at, copies| {
                    theirs.0.store(looked_at, Ordering::Relaxed);
                    theirs.1.store(copies, Ordering::Relaxed);
                });
                let deleted = keep_newest(&mut found);
                let _gone = sender.send((found, deleted));
            })
            .ok()?;
        Some(Self {
            started: Instant::now(),
            shown: false,
            progress,
            done,
        })
    }

    /// "12 of 40", while looking.
    fn progress(&self) -> (usize, usize) {
        let (looked_at, copies) = &*self.progress;
        (
            looked_at.load(Ordering::Relaxed),
            copies.load(Ordering::Relaxed),
        )
    }
}

impl Drop for Recovery {
    /// A board without unsaved changes leaves nothing behind, not even its lock file.
    fn drop(&mut self) {
        if self.copy == CopyState::None {
            self.writer.close();
        }
    }
}

impl CivicCanvasApp {
    /// Turns on autosave into `config.dir` and offers any boards a crash left there, once they
    /// are found (on a thread of their own: the window does not wait for them).
    #[must_use]
    pub fn with_recovery(mut self, config: RecoveryConfig) -> Self {
        // The app's own slot is made first, and locked: the listing passes it by.
        match RecoveryWriter::start(config.dir.clone()) {
            Ok(writer) => {
                self.session.recovery = Some(Recovery {
                    writer,
                    schedule: AutosaveSchedule::new(config.quiet_period, config.max_delay),
                    copy: CopyState::None,
                    offer_pending: false,
                    offered: Vec::new(),
                    listing: Listing::start(config.dir),
                    older_deleted: 0,
                    failure_shown: false,
                });
            }
            Err(error) => self.set_status(format!("Autosave is off: {error}")),
        }
        self
    }

    /// Waits until the boards a crash left are found (for tests and scripts).
    pub fn wait_for_recovery_list(&mut self) {
        let Some(recovery) = self.session.recovery.as_mut() else {
            return;
        };
        if let Some(listing) = recovery.listing.take()
            && let Ok((found, deleted)) = listing.done.recv()
        {
            recovery.take_listed(found, deleted);
        }
    }

    /// Turns on autosave in the platform's data folder (see [`RecoveryConfig::from_environment`]).
    #[must_use]
    pub fn with_default_recovery(mut self) -> Self {
        if let Some(config) = RecoveryConfig::from_environment() {
            return self.with_recovery(config);
        }
        self.set_status("Autosave is off: there is no home folder to keep copies in");
        self
    }

    /// Waits until the recovery copies asked for so far are written (for tests and scripts).
    pub fn wait_for_autosave(&self) {
        if let Some(recovery) = &self.session.recovery {
            recovery.writer.flush();
        }
    }

    /// Once per paint: write a recovery copy when one is due, remove it once the board is
    /// clean, report write failures, and offer recovered boards.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(recovery) = self.session.recovery.as_mut() else {
            return;
        };
        let mut failure = None;
        for report in recovery.writer.reports() {
            match report {
                WriterReport::Written { .. } => recovery.failure_shown = false,
                WriterReport::Failed(message) if !recovery.failure_shown => {
                    recovery.failure_shown = true;
                    failure = Some(message);
                }
                WriterReport::Failed(_) => {}
            }
        }
        let mut looking = None;
        if let Some(listing) = &mut recovery.listing {
            match listing.done.try_recv() {
                Ok((found, deleted)) => {
                    if listing.shown {
                        looking = Some(match found.len() {
                            0 => "No boards were left unsaved by a crash".to_owned(),
                            1 => "Found 1 board left unsaved by a crash".to_owned(),
                            n => format!("Found {n} boards left unsaved by a crash"),
                        });
                    }
                    recovery.listing = None;
                    recovery.take_listed(found, deleted);
                }
                Err(TryRecvError::Empty) => {
                    let (looked_at, copies) = listing.progress();
                    // A quick look (the usual case) shows nothing.
                    if copies > 0 && listing.started.elapsed() > PROGRESS_AFTER {
                        listing.shown = true;
                        looking = Some(format!(
                            "Looking for boards left unsaved by a crash: {looked_at} of \
                             {copies}…"
                        ));
                    }
                    ctx.request_repaint_after(Duration::from_millis(100));
                }
                Err(TryRecvError::Disconnected) => recovery.listing = None,
            }
        }
        if recovery.offer_pending && self.shell.modal.is_none() {
            recovery.offer_pending = false;
            self.shell.modal = Some(Modal::Recovery {
                boards: summaries(&recovery.offered),
                older_deleted: recovery.older_deleted,
            });
            // The dialogs were drawn earlier in this paint: draw it now, not at the next event.
            ctx.request_repaint();
        }
        let now = Instant::now();
        let typing = self.canvas.unsaved_typing(self.session.doc.board());
        if recovery.copy == CopyState::Closed {
            // Closing cleanly: the copy is gone and stays gone.
        } else if self.session.doc.is_dirty() || typing.is_some() {
            // Text still being typed counts too: it changes the revision and goes in the copy.
            let revision = typing.map_or(self.session.doc.revision(), |(_, text)| {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                std::hash::Hash::hash(text, &mut hasher);
                self.session.doc.revision() ^ std::hash::Hasher::finish(&hasher).rotate_left(1)
                    | 1 << 63
            });
            recovery.schedule.observe(revision, now);
            match recovery.schedule.due_in(now) {
                Some(Duration::ZERO) => {
                    let origin = RecoveryOrigin {
                        path: self.session.doc.path().map(std::path::Path::to_path_buf),
                        stamp: self.session.doc.disk_stamp().copied(),
                    };
                    let mut board = self.session.doc.board().clone();
                    if let Some((id, text)) = typing {
                        // On a copy of the board: the real one changes when typing ends.
                        let _applied = Command::SetText {
                            id,
                            text: text.to_owned(),
                        }
                        .apply(&mut board);
                    }
                    recovery.writer.write(board, origin, revision);
                    recovery.schedule.written(revision);
                    recovery.copy = CopyState::Written;
                }
                Some(wait) => ctx.request_repaint_after(wait),
                None => {}
            }
        } else {
            recovery.schedule.reset();
            if recovery.copy == CopyState::Written {
                recovery.writer.remove_copy();
                recovery.copy = CopyState::None;
            }
        }
        if let Some(message) = failure {
            self.set_status(format!(
                "Could not write the recovery copy: {message}. Save the board to keep it safe."
            ));
        } else if let Some(looking) = looking {
            self.set_status(looking);
        }
    }

    /// The app is closing after a save or a Discard: remove the recovery copy for good.
    pub(super) fn close_recovery(&mut self) {
        if let Some(recovery) = self.session.recovery.as_mut() {
            recovery.copy = CopyState::Closed;
            recovery.writer.close();
            recovery.writer.flush();
        }
    }

    /// A choice in the changed-on-disk or recovery dialogs.
    pub(super) fn handle_safety_choice(
        &mut self,
        ctx: &egui::Context,
        finished: Option<Modal>,
        choice: Choice,
    ) {
        match (finished, choice) {
            (Some(Modal::ChangedOnDisk { then, .. }), Choice::Overwrite) => {
                self.overwrite(ctx, then);
            }
            (Some(Modal::ChangedOnDisk { then, .. }), Choice::SaveAs) => {
                self.start_save_as(ctx, then);
            }
            (Some(Modal::Recovery { .. }), Choice::Restore(index)) => {
                if self.session.doc.is_dirty() {
                    self.shell.modal = Some(Modal::UnsavedChanges {
                        then: Then::RestoreRecovered(index),
                    });
                } else {
                    self.restore_recovered(index);
                }
            }
            (Some(Modal::Recovery { .. }), Choice::DiscardRecovered(index)) => {
                if let Some(recovery) = self.session.recovery.as_mut()
                    && index < recovery.offered.len()
                {
                    let entry = recovery.offered.remove(index);
                    if let Err(error) = entry.slot.close() {
                        self.set_status(format!("Could not delete the recovered copy: {error}"));
                    }
                    self.offer_again();
                }
            }
            // Cancel in "Save your changes before restoring?": offer the boards again.
            (
                Some(Modal::UnsavedChanges {
                    then: Then::RestoreRecovered(_),
                }),
                Choice::Close,
            ) => self.offer_again(),
            _ => {}
        }
    }

    /// Opens the recovered board with this index as an unsaved board (after the current
    /// board's changes were saved or discarded).
    pub(super) fn restore_recovered(&mut self, index: usize) {
        let Some(recovery) = self.session.recovery.as_mut() else {
            return;
        };
        if index >= recovery.offered.len() {
            return;
        }
        let mut entry = recovery.offered.remove(index);
        let board = match entry.load() {
            Ok(board) => board,
            Err(problem) => {
                // Shown as it is now: it cannot be restored, only discarded.
                entry.header = Err(problem.clone());
                recovery.offered.insert(index, entry);
                self.show_error("Could not restore the board", problem);
                return;
            }
        };
        let title = board.title().to_owned();
        let mut doc = Document::recovered(board, entry.origin.path);
        doc.set_disk_stamp(entry.origin.stamp);
        // The recovered copy stays until this board is saved or discarded; later copies
        // replace it.
        recovery.writer.adopt(entry.slot);
        recovery.schedule =
            AutosaveSchedule::new(recovery.schedule.quiet_period, recovery.schedule.max_delay);
        recovery.schedule.observe(doc.revision(), Instant::now());
        recovery.schedule.written(doc.revision());
        recovery.copy = CopyState::Written;
        self.replace_document(doc);
        self.canvas.request_fit();
        self.set_status(format!("Restored “{title}”. Save it to keep it."));
        self.offer_again();
    }

    fn offer_again(&mut self) {
        if let Some(recovery) = self.session.recovery.as_mut() {
            recovery.offer_pending = !recovery.offered.is_empty();
        }
    }
}

impl Recovery {
    /// The copies found, ready to offer.
    fn take_listed(&mut self, found: Vec<RecoveredBoard>, deleted: usize) {
        self.offered = found;
        self.older_deleted = deleted;
        self.offer_pending = !self.offered.is_empty();
    }
}

fn summaries(boards: &[RecoveredBoard]) -> Vec<RecoverySummary> {
    let now = SystemTime::now();
    boards
        .iter()
        .map(|entry| {
            let title = entry
                .header
                .as_ref()
                .map_or("Unreadable copy", |header| header.title.as_str());
            RecoverySummary {
                title: if title.trim().is_empty() {
                    UNTITLED.to_owned()
                } else {
                    title.to_owned()
                },
                written: time_ago(entry.written_at, now),
                contents: entry
                    .header
                    .as_ref()
                    .map(|header| header.items)
                    .map_err(Clone::clone),
                file: entry.origin.path.as_ref().map_or_else(
                    || "Never saved".to_owned(),
                    |path| path.display().to_string(),
                ),
            }
        })
        .collect()
}
