//! Native file dialogs (rfd) that never block the UI and never crash it.
//!
//! The dialog runs on its own thread and its answer is polled at each paint. When no dialog can open
//! (no desktop portal and no zenity, as on a bare Linux machine), rfd answers "nothing chosen" at
//! once; the app then asks for a typed path instead.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// What the file is being chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Opening a board.
    Open,
    /// Saving the board under a new name.
    SaveAs,
    /// Choosing a photo for this persona card.
    Photo(crate::model::ItemId),
    /// Writing the board in another format.
    Export(ExportKind),
    /// Adding everything on another board to this one.
    ImportBoard,
    /// Adding notes from a spreadsheet (CSV), a text file or a JSON Canvas.
    Import,
    /// Choosing personas from another board to copy in.
    InsertPersona,
}

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The workshop report, in Markdown.
    Report,
    /// The board as a JSON Canvas (Obsidian and other canvas tools open it).
    Canvas,
    /// A picture of the board, as PNG.
    Png,
    /// A picture of the board, as SVG.
    Svg,
    /// A PDF handout.
    Pdf,
}

impl ExportKind {
    /// The file extension it is written with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Report => "md",
            Self::Canvas => "canvas",
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf => "pdf",
        }
    }

    /// What it is, for dialogs and messages.
    pub fn what(self) -> &'static str {
        match self {
            Self::Report => "Markdown report",
            Self::Canvas => "JSON Canvas",
            Self::Png => "PNG picture",
            Self::Svg => "SVG picture",
            Self::Pdf => "PDF handout",
        }
    }
}

/// How a file dialog ended.
#[derive(Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose a file.
    Chosen(FilePurpose, PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown; ask for a typed path instead.
    Unavailable(FilePurpose),
}

/// An answer faster than this means no dialog was ever shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

struct Pending {
    purpose: FilePurpose,
    answer: Receiver<Option<PathBuf>>,
    started: Instant,
}

/// Starts native dialogs and collects their answers.
pub struct FileDialogs {
    native: bool,
    pending: Option<Pending>,
}

impl FileDialogs {
    /// `native = false` never tries a system dialog (tests, machines without one).
    pub fn new(native: bool) -> Self {
        Self {
            native,
            pending: None,
        }
    }

    /// Whether a native dialog is open now.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Opens a dialog. Returns `false` when native dialogs are off: ask for a typed path.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        purpose: FilePurpose,
        suggested_name: &str,
        folder: Option<PathBuf>,
    ) -> bool {
        if !self.native || self.pending.is_some() {
            return self.native;
        }
        let (sender, answer) = mpsc::channel();
        let ctx = ctx.clone();
        let suggested_name = suggested_name.to_owned();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let mut dialog = match purpose {
                    FilePurpose::Photo(_) => rfd::FileDialog::new()
                        .add_filter("Photos", &["png", "jpg", "jpeg", "webp", "gif"]),
                    FilePurpose::Open
                    | FilePurpose::SaveAs
                    | FilePurpose::ImportBoard
                    | FilePurpose::InsertPersona => {
                        rfd::FileDialog::new().add_filter("Civic Canvas board", &["ron"])
                    }
                    FilePurpose::Export(kind) => {
                        rfd::FileDialog::new().add_filter(kind.what(), &[kind.extension()])
                    }
                    FilePurpose::Import => rfd::FileDialog::new()
                        .add_filter("Spreadsheet, text or canvas", &["csv", "txt", "canvas"]),
                };
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                let chosen = match purpose {
                    FilePurpose::Open => dialog.set_title("Open board").pick_file(),
                    FilePurpose::ImportBoard => {
                        dialog.set_title("Import a board into this one").pick_file()
                    }
                    FilePurpose::Photo(_) => dialog.set_title("Choose a photo").pick_file(),
                    FilePurpose::Import => dialog.set_title("Import notes").pick_file(),
                    FilePurpose::InsertPersona => {
                        dialog.set_title("Insert personas from a board").pick_file()
                    }
                    FilePurpose::SaveAs => dialog
                        .set_title("Save board as")
                        .set_file_name(suggested_name)
                        .save_file(),
                    FilePurpose::Export(kind) => dialog
                        .set_title(format!("Export as {}", kind.what()))
                        .set_file_name(suggested_name)
                        .save_file(),
                };
                // The app may have quit meanwhile; then nobody needs the answer.
                let _sent = sender.send(chosen);
                ctx.request_repaint();
            });
        if spawned.is_err() {
            return false;
        }
        self.pending = Some(Pending {
            purpose,
            answer,
            started: Instant::now(),
        });
        true
    }

    /// The dialog's answer, once it has one.
    pub fn poll(&mut self) -> Option<DialogOutcome> {
        let pending = self.pending.as_ref()?;
        let outcome = match pending.answer.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(Some(path)) => DialogOutcome::Chosen(pending.purpose, path),
            Ok(None) if pending.started.elapsed() >= NO_DIALOG_WITHIN => DialogOutcome::Cancelled,
            Ok(None) | Err(TryRecvError::Disconnected) => {
                DialogOutcome::Unavailable(pending.purpose)
            }
        };
        self.pending = None;
        Some(outcome)
    }
}
