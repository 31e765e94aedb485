//! The background thread that writes recovery copies, so that saving a copy never makes typing
//! stutter.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::SystemTime;

use super::super::atomic::{unix_mode_of, write_in_place};
use super::{RecoveryOrigin, RecoverySlot, recovery_text};
use crate::model::Board;

/// What the writer thread did, for the app to show problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriterReport {
    /// A recovery copy of the board at `revision` was written to `path`.
    Written {
        /// The recovery file.
        path: PathBuf,
        /// The document revision it holds.
        revision: u64,
    },
    /// A recovery copy could not be written (for example, the disk is full).
    Failed(String),
}

enum Job {
    Write {
        board: Box<Board>,
        origin: RecoveryOrigin,
        revision: u64,
    },
    Remove,
    Adopt(RecoverySlot),
    Close,
    Flush(Sender<()>),
}

/// Writes recovery copies of one open board on a background thread.
///
/// Jobs run in the order they are sent. Dropping the writer finishes the jobs already sent and
/// leaves the last copy in place (it is removed only by [`RecoveryWriter::remove_copy`] or
/// [`RecoveryWriter::close`], that is when the board is saved or its changes discarded).
pub struct RecoveryWriter {
    jobs: Option<Sender<Job>>,
    reports: Receiver<WriterReport>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RecoveryWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryWriter").finish_non_exhaustive()
    }
}

struct WriterThread {
    dir: PathBuf,
    slot: Option<RecoverySlot>,
    reports: Sender<WriterReport>,
}

impl WriterThread {
    fn run(mut self, jobs: &Receiver<Job>) {
        while let Ok(job) = jobs.recv() {
            match job {
                Job::Write {
                    board,
                    origin,
                    revision,
                } => self.write(&board, &origin, revision),
                Job::Remove => {
                    if let Some(slot) = &self.slot
                        && let Err(error) = slot.remove_copy()
                    {
                        self.report_failure(&format!(
                            "could not remove the recovery copy: {error}"
                        ));
                    }
                }
                Job::Adopt(slot) => {
                    if let Some(old) = self.slot.replace(slot) {
                        let _closed = old.close();
                    }
                }
                Job::Close => {
                    if let Some(old) = self.slot.take() {
                        let _closed = old.close();
                    }
                }
                Job::Flush(done) => {
                    let _sent = done.send(());
                }
            }
        }
    }

    fn write(&mut self, board: &Board, origin: &RecoveryOrigin, revision: u64) {
        let slot = match self.slot.take() {
            Some(slot) => slot,
            None => match RecoverySlot::create(&self.dir) {
                Ok(slot) => slot,
                Err(error) => {
                    let folder = self.dir.display();
                    self.report_failure(&format!("could not use the folder {folder}: {error}"));
                    return;
                }
            },
        };
        let text = recovery_text(board, origin, SystemTime::now());
        let path = slot.copy_path();
        // As private as the board's file (or only for its owner, for a board never saved); a
        // link where the copy goes is replaced, never written through.
        let mode = origin
            .path
            .as_deref()
            .and_then(unix_mode_of)
            .map_or(0o600, |mode| mode & 0o666);
        let report = match write_in_place(&path, text.as_bytes(), mode) {
            Ok(()) => WriterReport::Written { path, revision },
            Err(error) => WriterReport::Failed(error.to_string()),
        };
        self.slot = Some(slot);
        let _sent = self.reports.send(report);
    }

    fn report_failure(&self, message: &str) {
        let _sent = self.reports.send(WriterReport::Failed(message.to_owned()));
    }
}

impl RecoveryWriter {
    /// Starts a writer whose copies go to `dir` (created at the first copy).
    pub fn start(dir: PathBuf) -> std::io::Result<Self> {
        let (jobs, job_queue) = mpsc::channel();
        let (report_sender, reports) = mpsc::channel();
        let thread = WriterThread {
            dir,
            slot: None,
            reports: report_sender,
        };
        let handle = std::thread::Builder::new()
            .name("recovery-writer".to_owned())
            .spawn(move || thread.run(&job_queue))?;
        Ok(Self {
            jobs: Some(jobs),
            reports,
            thread: Some(handle),
        })
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            // The thread only stops when the writer is dropped, so sending cannot fail earlier.
            let _sent = jobs.send(job);
        }
    }

    /// Writes a copy of `board` (at document `revision`) in the background.
    pub fn write(&self, board: Board, origin: RecoveryOrigin, revision: u64) {
        self.send(Job::Write {
            board: Box::new(board),
            origin,
            revision,
        });
    }

    /// Removes the copy (the board was saved, or its changes discarded).
    pub fn remove_copy(&self) {
        self.send(Job::Remove);
    }

    /// Takes over a recovered board's slot: later copies replace the recovered copy. The slot
    /// used until now is closed (its copy removed).
    pub fn adopt(&self, slot: RecoverySlot) {
        self.send(Job::Adopt(slot));
    }

    /// Removes the copy and the lock: the app is closing cleanly.
    pub fn close(&self) {
        self.send(Job::Close);
    }

    /// Waits until every job sent so far is done.
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        self.send(Job::Flush(done));
        let _done = wait.recv();
    }

    /// What the thread did since the last call.
    pub fn reports(&self) -> Vec<WriterReport> {
        self.reports.try_iter().collect()
    }
}

impl Drop for RecoveryWriter {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _joined = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::recovery::list_recovered;

    #[test]
    fn copies_are_written_replaced_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let recovery = dir.path().join("recovery");
        let writer = RecoveryWriter::start(recovery.clone()).unwrap();
        writer.write(Board::new("First"), RecoveryOrigin::default(), 1);
        writer.write(Board::new("Second"), RecoveryOrigin::default(), 2);
        writer.flush();
        let reports = writer.reports();
        assert!(
            matches!(
                reports.last(),
                Some(WriterReport::Written { revision: 2, .. })
            ),
            "{reports:?}"
        );
        drop(writer);
        let found = list_recovered(&recovery);
        assert_eq!(found.len(), 1, "one board, one copy");
        assert_eq!(found[0].load().unwrap().title(), "Second");
        drop(found);

        let writer = RecoveryWriter::start(recovery.clone()).unwrap();
        writer.write(Board::new("Third"), RecoveryOrigin::default(), 1);
        writer.remove_copy();
        writer.close();
        drop(writer);
        // Only the copy of the first writer (never restored or discarded) is left.
        let found = list_recovered(&recovery);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].load().unwrap().title(), "Second");
    }
}
