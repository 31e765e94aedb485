//! Opening and saving boards: dialogs, typed paths, and clear messages when something fails.

use std::path::{Path, PathBuf};

use super::CivicCanvasApp;
use crate::document::Document;
use crate::interop::table::TableOptions;
use crate::storage::{self, Backup, SaveOptions};
use crate::ui::dialogs::{Modal, Replacing, Then};
use crate::ui::export_dialog::Area;
use crate::ui::file_dialog::{DialogOutcome, ExportKind, FilePurpose};

/// The reason shown when the typed-path dialog replaces a system dialog that could not open.
const NO_SYSTEM_DIALOG: &str =
    "No system file dialog is available here. Type the path of the file instead.";

/// How many repairs the message after opening a file lists one by one; a file with hundreds of
/// broken items gives a message that still fits on the screen.
const LISTED_REPAIRS: usize = 10;

impl CivicCanvasApp {
    /// Opens the board at `path`; on failure the board on screen stays as it was.
    pub(super) fn open_path(&mut self, path: PathBuf) {
        match storage::open_board(&path) {
            Ok(opened) => {
                let name = display_name(&path);
                self.replace_document(Document::loaded(opened.board, path));
                self.session.doc.set_disk_stamp(Some(opened.stamp));
                self.canvas.request_fit();
                self.set_status(format!("Opened {}", self.session.doc.file_label()));
                if let Some(board) = self.session.doc.path().map(Path::to_path_buf) {
                    self.find_kept_session(&board);
                }
                if !opened.warnings.is_empty() {
                    self.session.doc.mark_repaired();
                    let mut repairs: Vec<String> = opened
                        .warnings
                        .iter()
                        .take(LISTED_REPAIRS)
                        .map(|warning| format!("• {warning}"))
                        .collect();
                    let more = opened.warnings.len().saturating_sub(LISTED_REPAIRS);
                    if more > 0 {
                        repairs.push(format!("… and {more} more repairs of the same kinds."));
                    }
                    self.show_error(
                        format!("“{name}” was opened with repairs"),
                        format!(
                            "{}\n\nEverything else is on the board. The file itself is unchanged \
                             until you save.",
                            repairs.join("\n")
                        ),
                    );
                }
            }
            Err(error) => self.show_error(
                format!("Could not open “{}”", display_name(&path)),
                format!("{error}\n\nThe board on screen has not been changed."),
            ),
        }
    }

    /// Saves to the board's file, or asks where when it has none; then does `then`.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Then) {
        self.commit_typing();
        match self.session.doc.path().map(Path::to_path_buf) {
            Some(path) => {
                // A board restored without a record of its file (or with a file that changed
                // since) asks before replacing whatever is there now.
                let why = match self.session.doc.disk_stamp() {
                    Some(stamp) => (storage::disk_change(&path, stamp)
                        == storage::DiskChange::Changed)
                        .then_some(Replacing::ChangedElsewhere),
                    None => std::fs::symlink_metadata(&path)
                        .is_ok()
                        .then_some(Replacing::NotOpenedHere),
                };
                if let Some(why) = why {
                    self.shell.modal = Some(Modal::ChangedOnDisk {
                        then,
                        file_name: display_name(&path),
                        why,
                    });
                } else if self.write_to(&path, SaveOptions::default(), then) {
                    self.proceed(ctx, then);
                }
            }
            None => self.start_save_as(ctx, then),
        }
    }

    /// "Overwrite" in the changed-on-disk dialog: save over the other program's changes (or over
    /// a read-only file).
    pub(super) fn overwrite(&mut self, ctx: &egui::Context, then: Then) {
        let options = SaveOptions {
            replace_read_only: true,
        };
        if let Some(path) = self.session.doc.path().map(Path::to_path_buf)
            && self.write_to(&path, options, then)
        {
            self.proceed(ctx, then);
        }
    }

    /// Writes the board to `path`; returns whether it worked. Failures keep the board unsaved and
    /// say why; a read-only file is replaced only after asking (then `then` follows the save).
    fn write_to(&mut self, path: &Path, options: SaveOptions, then: Then) -> bool {
        match storage::save_board_with(path, self.session.doc.board(), options) {
            Ok(saved) => {
                self.session.doc.mark_saved(path.to_path_buf());
                self.session.doc.set_disk_stamp(Some(saved.stamp));
                let status = match saved.backup {
                    Backup::Failed { path, reason } => format!(
                        "Saved {}, but the previous version could not be kept as {}: {reason}",
                        self.session.doc.file_label(),
                        display_name(&path)
                    ),
                    _ => format!("Saved {}", self.session.doc.file_label()),
                };
                self.set_status(status);
                self.keep_session(path);
                true
            }
            // Asked only for the board's own file ("Overwrite" saves there); Save as… to a
            // read-only file says so below.
            Err(error)
                if matches!(error.cause, storage::SaveCause::ReadOnly)
                    && self.session.doc.path() == Some(path) =>
            {
                self.shell.modal = Some(Modal::ChangedOnDisk {
                    then,
                    file_name: display_name(path),
                    why: Replacing::ReadOnly,
                });
                false
            }
            Err(error) => {
                self.show_error(
                    format!("Could not save “{}”", display_name(path)),
                    format!(
                        "{error}\n\nYour changes are still here; try another folder with Save as…"
                    ),
                );
                false
            }
        }
    }

    /// Opens the system's file dialog for `purpose` in the board's folder (suggesting
    /// `suggested_name` where a file is to be written), or asks for a typed path where there is
    /// no such dialog.
    pub(super) fn ask_for_file(
        &mut self,
        ctx: &egui::Context,
        purpose: FilePurpose,
        suggested_name: &str,
    ) {
        let folder = self
            .session
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        if !self
            .shell
            .file_dialogs
            .start(ctx, purpose, suggested_name, folder)
        {
            self.ask_for_path(purpose, None);
        }
    }

    pub(super) fn start_open(&mut self, ctx: &egui::Context) {
        self.ask_for_file(ctx, FilePurpose::Open, "");
    }

    pub(super) fn start_save_as(&mut self, ctx: &egui::Context, then: Then) {
        self.shell.after_save = then;
        let name = suggested_file_name(self.session.doc.board().title());
        self.ask_for_file(ctx, FilePurpose::SaveAs, &name);
    }

    /// Asks for a board to add to this one (File → Import board…).
    pub(super) fn start_import_board(&mut self, ctx: &egui::Context) {
        self.commit_typing();
        self.ask_for_file(ctx, FilePurpose::ImportBoard, "");
    }

    /// Adds everything on the board at `path` to this one, beside what is here, as one step:
    /// fresh ids, its frames, connectors and persona links kept among the copies, its photos
    /// stored once.
    fn import_board(&mut self, path: &Path) {
        let other = match storage::load_board(path) {
            Ok(other) => other,
            Err(error) => {
                self.show_error(
                    "Could not import that board",
                    format!("{error}\n\nNothing was added."),
                );
                return;
            }
        };
        self.import_board_beside(&other, &display_name(path));
    }

    /// Adds everything on `other` (from the file called `name`) to the right of this board, as
    /// one step, and shows it.
    pub(super) fn import_board_beside(&mut self, other: &crate::model::Board, name: &str) {
        let Some(theirs) = crate::model::Rect::around(other.items().map(crate::model::Item::rect))
        else {
            self.set_status(format!("{name} has no items to import"));
            return;
        };
        let to = self.beside_the_board(theirs.size());
        let offset = egui::vec2(to.x - theirs.min.x, to.y - theirs.min.y);
        let count = other.items().len();
        if let Some(command) = self.copies_of_board(other, offset, "Import board") {
            self.apply(command);
            self.canvas.zoom_to_selection(self.session.doc.board());
            self.set_status(format!(
                "Added {count} items from {name} (one undo takes them back)"
            ));
        }
    }

    /// Where something of `size` that comes in from a file goes (its top-left corner): to the
    /// right of everything on the board, tops lined up, so it covers nothing; mid-view on an
    /// empty board.
    pub(super) fn beside_the_board(&self, size: crate::model::Size) -> crate::model::Point {
        let ours = crate::model::Rect::around(
            self.session
                .doc
                .board()
                .items()
                .map(crate::model::Item::rect),
        );
        ours.map_or_else(
            || {
                let middle = self.canvas.view.camera.center_in_board;
                crate::model::Point::new(middle.x - size.width / 2.0, middle.y - size.height / 2.0)
            },
            |ours| crate::model::Point::new(ours.max.x + IMPORT_GAP, ours.min.y),
        )
    }

    /// Asks where to write the board as `kind` (File → Export report…, Export JSON Canvas…).
    pub(super) fn start_export(&mut self, ctx: &egui::Context, kind: ExportKind) {
        self.commit_typing();
        let name = suggested_file_name(self.session.doc.board().title());
        let name = Path::new(&name)
            .with_extension(kind.extension())
            .display()
            .to_string();
        self.ask_for_file(ctx, FilePurpose::Export(kind), &name);
    }

    /// File → Export picture or handout…: asks what to export (the last choices again), then
    /// where.
    pub(super) fn ask_what_to_export(&mut self) {
        self.commit_typing();
        let board = self.session.doc.board();
        let numbers = board.frame_numbers();
        let frames = board
            .frames()
            .into_iter()
            .filter_map(|item| {
                let title = &item.as_frame()?.title;
                let number = numbers.get(&item.id).map_or("", String::as_str);
                Some((item.id, crate::model::Board::numbered(number, title)))
            })
            .collect::<Vec<_>>();
        let selected = self.canvas.selection.items.len();
        let mut export = self.shell.picture_export.clone();
        // A choice that no longer fits the board goes back to the whole board.
        let gone = match export.area {
            Area::Board => false,
            Area::Selection => selected == 0,
            Area::Frame(id) => !frames.iter().any(|(frame, _)| *frame == id),
        };
        if gone {
            export.area = Area::Board;
        }
        self.shell.modal = Some(Modal::ExportPicture {
            export,
            frames,
            selected,
        });
    }

    /// The bytes of the picture or handout `kind` that File → Export picture or handout… chose,
    /// and why a PNG is smaller than asked for, if it is.
    fn picture_bytes(&self, kind: ExportKind) -> Result<(Vec<u8>, Option<String>), String> {
        use crate::export::picture::{self, Region};
        let board = self.session.doc.board();
        let export = &self.shell.picture_export;
        let region = match export.area {
            Area::Board => Region::Board,
            Area::Selection => Region::Items(self.canvas.selection.items.iter().copied().collect()),
            Area::Frame(id) => Region::Frame(id),
        };
        let made = match kind {
            ExportKind::Svg => {
                picture::svg(board, &region, export.background).map(|svg| (svg.into_bytes(), None))
            }
            ExportKind::Png => picture::png(board, &region, export.scale, export.background)
                .map(|png| (png.bytes, png.capped)),
            _ => picture::pdf(board, export.pages, export.paper, &picture::today())
                .map(|pdf| (pdf, None)),
        };
        made.map_err(|error| error.to_string())
    }

    /// Writes the board as `kind` to `path`, given the kind's extension (so a board file is
    /// never written over).
    fn write_export(&mut self, kind: ExportKind, path: &Path) {
        let fitting = path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case(kind.extension()));
        let path = if fitting {
            path.to_path_buf()
        } else {
            path.with_extension(kind.extension())
        };
        let board = self.session.doc.board();
        let made = match kind {
            ExportKind::Report => Ok((crate::export::report::report(board).into_bytes(), None)),
            ExportKind::Canvas => Ok((
                crate::interop::json_canvas::board_to_canvas(board).into_bytes(),
                None,
            )),
            ExportKind::Png | ExportKind::Svg | ExportKind::Pdf => self.picture_bytes(kind),
        };
        let (bytes, capped) = match made {
            Ok(made) => made,
            Err(error) => {
                self.show_error(format!("Could not make the {}", kind.what()), error);
                return;
            }
        };
        // What the format cannot hold, said where the facilitator sees it.
        let left_out = match kind {
            ExportKind::Canvas => crate::interop::json_canvas::canvas_warnings(board),
            _ => Vec::new(),
        };
        match storage::write_export(&path, &bytes) {
            Ok(()) => match capped {
                Some(why) => self.show_error(
                    format!("{} written, smaller than asked", kind.what()),
                    format!("{}: {why}.", path.display()),
                ),
                None if left_out.is_empty() => {
                    self.set_status(format!("{} written to {}", kind.what(), path.display()));
                }
                None => self.set_status(format!(
                    "{} written to {}; {}",
                    kind.what(),
                    path.display(),
                    left_out.join("; ")
                )),
            },
            Err(error) => self.show_error(
                format!("Could not write the {}", kind.what()),
                format!("{}: {error}", path.display()),
            ),
        }
    }

    pub(super) fn ask_for_path(&mut self, purpose: FilePurpose, reason: Option<&str>) {
        let text = match purpose {
            FilePurpose::Open
            | FilePurpose::Photo(_)
            | FilePurpose::ImportBoard
            | FilePurpose::Import
            | FilePurpose::InsertPersona => String::new(),
            FilePurpose::Export(kind) => self
                .session
                .doc
                .path()
                .map(|path| path.with_extension(kind.extension()).display().to_string())
                .unwrap_or_default(),
            FilePurpose::SaveAs => self
                .session
                .doc
                .path()
                .map(|path| path.display().to_string())
                .unwrap_or_default(),
        };
        self.shell.modal = Some(Modal::TypedPath {
            purpose,
            text,
            reason: reason.map(str::to_owned),
        });
    }

    pub(super) fn poll_file_dialog(&mut self, ctx: &egui::Context) {
        match self.shell.file_dialogs.poll() {
            None => {}
            Some(DialogOutcome::Chosen(purpose, path)) => self.path_chosen(ctx, purpose, path),
            Some(DialogOutcome::Cancelled) => self.shell.after_save = Then::Nothing,
            Some(DialogOutcome::Unavailable(purpose)) => {
                self.ask_for_path(purpose, Some(NO_SYSTEM_DIALOG));
            }
        }
    }

    /// Whether saving to the typed `path` would replace an existing file other than the board's
    /// own.
    pub(super) fn would_replace_another(&self, path: &Path) -> bool {
        let target = with_board_extension(path.to_path_buf());
        target.is_file() && self.session.doc.path() != Some(target.as_path())
    }

    /// A file was chosen in a dialog or typed in.
    pub(super) fn path_chosen(&mut self, ctx: &egui::Context, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open => self.open_path(path),
            FilePurpose::Photo(persona) => self.photo_from_file(persona, &path),
            FilePurpose::Export(kind) => self.write_export(kind, &path),
            FilePurpose::ImportBoard => self.import_board(&path),
            FilePurpose::Import => self.import_notes(&path, &TableOptions::default()),
            FilePurpose::InsertPersona => self.offer_personas(&path),
            FilePurpose::SaveAs => {
                let path = with_board_extension(path);
                let then = std::mem::take(&mut self.shell.after_save);
                if path.is_dir() {
                    self.show_error(
                        "Could not save here",
                        format!(
                            "{} is a folder. Type a file name such as kickoff.ron.",
                            path.display()
                        ),
                    );
                } else if self.write_to(&path, SaveOptions::default(), then) {
                    self.proceed(ctx, then);
                }
            }
        }
    }
}

/// The room left between the board's items and a board imported beside them, in board units.
const IMPORT_GAP: f32 = 240.0;

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// `path`, with `.ron` added when it has no extension.
fn with_board_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() && !path.as_os_str().is_empty() && !path.is_dir() {
        path.with_extension("ron")
    } else {
        path
    }
}

/// A file name from the board title: letters and digits kept (any script), the rest dashes.
fn suggested_file_name(title: &str) -> String {
    let mut name = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() {
            name.extend(c.to_lowercase());
        } else if !name.ends_with('-') && !name.is_empty() {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "board.ron".to_owned()
    } else {
        format!("{name}.ron")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_titles_in_any_script() {
        assert_eq!(
            suggested_file_name("Kick-off: ideas!"),
            "kick-off-ideas.ron"
        );
        assert_eq!(
            suggested_file_name("Грађани и услуге"),
            "грађани-и-услуге.ron"
        );
        assert_eq!(suggested_file_name("  ??  "), "board.ron");
    }

    #[test]
    fn board_extension_is_added_only_when_missing() {
        assert_eq!(
            with_board_extension(PathBuf::from("a/b")),
            PathBuf::from("a/b.ron")
        );
        assert_eq!(
            with_board_extension(PathBuf::from("a/b.txt")),
            PathBuf::from("a/b.txt")
        );
    }
}
