//! Saving without ever leaving a half-written board behind.
//!
//! The board is written to a temporary file next to the target, flushed and synced to the disk
//! ([`prepare`]), then renamed over the target in one step, and (on Unix) the folder is synced so
//! the rename itself survives a power cut ([`Prepared::commit`]). If anything fails (a full disk
//! included), the temporary file is removed and the old board is untouched.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::io_words;
use crate::model::ItemId;

/// Why a board could not be saved, with the path.
#[derive(Debug, thiserror::Error)]
#[error("{}: could not save: {cause}", .path.display())]
pub struct SaveError {
    /// The file that was being saved.
    pub path: PathBuf,
    /// What went wrong.
    #[source]
    pub cause: SaveCause,
}

/// What went wrong while saving.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SaveCause {
    /// The folder to save into does not exist.
    #[error("the folder {} does not exist", .0.display())]
    FolderMissing(PathBuf),
    /// What should be the folder is a file.
    #[error("{} is a file, not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// The path is a folder.
    #[error("this is a folder; choose a file name")]
    IsFolder,
    /// The path has no file name (it ends in `..` or is a root).
    #[error("the path has no file name")]
    NoFileName,
    /// An item has a position or size that is not a usable number, so saving is refused (the
    /// file would need repairs when opened).
    #[error("item {item}: {problem}")]
    InvalidBoard {
        /// The item.
        item: ItemId,
        /// What is wrong with it.
        problem: String,
    },
    /// The file at the path was saved by a newer Civic Canvas; it is never overwritten.
    #[error(
        "the file there was saved by a newer Civic Canvas (format {found}, this version writes \
         format {current}), so it is not overwritten. Save as… a different file, or update the \
         app",
        current = super::CURRENT_FORMAT
    )]
    NewerFormat {
        /// The format number in the file.
        found: u64,
    },
    /// Something is at the path that is not a file (a named pipe, a device, a socket).
    #[error("this is not an ordinary file, so it is not replaced; choose a file name")]
    NotAFile,
    /// The file at the path cannot be read, so it could not be kept as a backup; it is never
    /// replaced then.
    #[error(
        "the file there cannot be read ({0}), so it could not be kept as a backup, and it is \
         not replaced. Save as… a different file"
    )]
    Unreadable(String),
    /// The file at the path is marked read-only; it is replaced only when the user says so.
    #[error("the file there is read-only")]
    ReadOnly,
    /// The board would not open again as it is, so nothing was written.
    #[error(
        "the board would not open again as it is ({problem}), so nothing was written. Your \
         changes are still on screen"
    )]
    WouldNotOpen {
        /// What the app would say when opening it.
        problem: String,
    },
    /// The file system refused.
    #[error("{}", io_words::plain(.0))]
    Io(#[source] io::Error),
}

/// Distinguishes temporary files of saves running at the same time in one process.
static SAVE_COUNTER: AtomicU32 = AtomicU32::new(0);

/// A name for a temporary file in `folder` beside `file_name` that no other save of this
/// process uses (another process's file there is noticed when it is created).
pub(super) fn temp_path(folder: &Path, file_name: &str) -> PathBuf {
    let count = SAVE_COUNTER.fetch_add(1, Ordering::Relaxed);
    folder.join(format!(".{file_name}.{}-{count}.tmp", std::process::id()))
}

/// Creates a fresh temporary file in `folder`, named after `file_name`, readable only as the
/// file it will become is (`unix_mode`, when known), so its contents are never open to more
/// people than the file's.
fn create_temp(
    folder: &Path,
    file_name: &str,
    unix_mode: Option<u32>,
) -> io::Result<(PathBuf, File)> {
    loop {
        let temp = temp_path(folder, file_name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(mode) = unix_mode {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = unix_mode;
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
    }
}

/// Writes and syncs the new contents with the permissions `mode` asks for; the caller removes
/// the temporary file on error.
fn write_and_sync(mut file: File, target: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    file.write_all(bytes)?;
    file.flush()?;
    match mode {
        // Keep the permissions of the board being replaced.
        Mode::OfTarget => {
            if let Ok(existing) = fs::metadata(target) {
                file.set_permissions(existing.permissions())?;
            }
        }
        #[cfg(unix)]
        Mode::Unix(bits) => {
            use std::os::unix::fs::PermissionsExt as _;
            file.set_permissions(fs::Permissions::from_mode(bits))?;
        }
        #[cfg(not(unix))]
        Mode::Unix(_) => {}
    }
    file.sync_all()
}

/// The Unix permission bits of the file at `path`, if there is one (`None` elsewhere).
pub(super) fn unix_mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::metadata(path)
            .ok()
            .map(|meta| meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The permissions a written file gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Those of the file it replaces (the system's default for a new file).
    OfTarget,
    /// These Unix permission bits (ignored elsewhere).
    Unix(u32),
}

/// Syncs the folder so the rename is on the disk. Some file systems cannot sync a folder; the
/// data itself is already synced then, so that is not an error.
pub(super) fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _synced = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// The new contents of a file, written and synced to a temporary file beside it, not yet in
/// its place. [`Prepared::commit`] puts it there; dropping it instead removes the temporary
/// file and leaves the old file as it was.
#[derive(Debug)]
pub(super) struct Prepared {
    /// The path as the caller gave it, for messages.
    path: PathBuf,
    /// The file to replace (the file a symbolic link points at).
    target: PathBuf,
    /// The folder holding both.
    folder: PathBuf,
    /// The temporary file, until it is renamed or removed.
    temp: Option<PathBuf>,
}

impl Prepared {
    /// Renames the temporary file over the target in one step and syncs the folder.
    pub(super) fn commit(mut self) -> Result<(), SaveError> {
        let Some(temp) = self.temp.take() else {
            return Ok(());
        };
        if let Err(error) = fs::rename(&temp, &self.target) {
            let _removed = fs::remove_file(&temp);
            return Err(SaveError {
                path: self.path.clone(),
                cause: SaveCause::Io(error),
            });
        }
        sync_folder(&self.folder);
        Ok(())
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let _removed = fs::remove_file(temp);
        }
    }
}

/// The file a save to `path` replaces: the file a symbolic link there points at (saving through
/// a link updates the linked file rather than replacing the link), or `path` itself.
pub(super) fn target_of(path: &Path) -> Result<PathBuf, SaveCause> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(SaveCause::Io),
        Ok(meta) if meta.is_dir() => Err(SaveCause::IsFolder),
        _ => Ok(path.to_owned()),
    }
}

/// Writes `bytes` to a synced temporary file beside `path`, ready to replace it. On error no
/// temporary file is left.
pub(super) fn prepare(path: &Path, bytes: &[u8]) -> Result<Prepared, SaveError> {
    let target = target_of(path).map_err(|cause| SaveError {
        path: path.to_owned(),
        cause,
    })?;
    prepare_at(path, target, bytes, Mode::OfTarget)
}

/// Writes `bytes` to a synced temporary file that replaces `target` when committed; `path` names
/// it in messages.
fn prepare_at(
    path: &Path,
    target: PathBuf,
    bytes: &[u8],
    mode: Mode,
) -> Result<Prepared, SaveError> {
    let fail = |cause| SaveError {
        path: path.to_owned(),
        cause,
    };
    let file_name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| fail(SaveCause::NoFileName))?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&folder) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(fail(SaveCause::NotAFolder(folder))),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(fail(SaveCause::FolderMissing(folder)));
        }
        Err(error) if error.kind() == io::ErrorKind::NotADirectory => {
            return Err(fail(SaveCause::NotAFolder(folder)));
        }
        Err(error) => return Err(fail(SaveCause::Io(error))),
    }
    let unix_mode = match mode {
        Mode::Unix(bits) => Some(bits),
        Mode::OfTarget => unix_mode_of(&target),
    };
    let (temp, file) =
        create_temp(&folder, &file_name, unix_mode).map_err(|e| fail(SaveCause::Io(e)))?;
    let prepared = Prepared {
        path: path.to_owned(),
        target,
        folder,
        temp: Some(temp),
    };
    // On error, dropping `prepared` removes the temporary file.
    write_and_sync(file, &prepared.target, bytes, mode).map_err(|e| fail(SaveCause::Io(e)))?;
    Ok(prepared)
}

/// Writes `bytes` to `path` atomically with the Unix permissions `mode`, replacing whatever is
/// at `path` itself: a link there is replaced, never written through (for files only this app
/// writes, such as recovery copies).
pub(super) fn write_in_place(path: &Path, bytes: &[u8], mode: u32) -> Result<(), SaveError> {
    prepare_at(path, path.to_owned(), bytes, Mode::Unix(mode))?.commit()
}

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never a mix.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    prepare(path, bytes)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replacing_a_file_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, "new ђ".as_bytes()).unwrap();
        write_atomically(&path, "newer ქ".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "newer ქ");
        assert_eq!(names_in(dir.path()), vec!["board.ron"]);
    }

    #[test]
    fn a_prepared_file_replaces_the_old_one_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        fs::write(&path, "old").unwrap();
        let dropped = prepare(&path, b"never").unwrap();
        assert_eq!(
            names_in(dir.path()).len(),
            2,
            "the temporary file is beside the board"
        );
        drop(dropped);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names_in(dir.path()), vec!["board.ron"]);
        let prepared = prepare(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        prepared.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names_in(dir.path()), vec!["board.ron"]);
    }

    #[test]
    fn a_rename_that_fails_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let prepared = prepare(&path, b"new").unwrap();
        // Something else puts a folder with a file in it where the board goes: the rename
        // cannot replace it.
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "x").unwrap();
        let error = prepared.commit().unwrap_err();
        assert!(matches!(error.cause, SaveCause::Io(_)), "{error}");
        assert_eq!(names_in(dir.path()), vec!["board.ron"]);
        assert_eq!(names_in(&path), vec!["inside"]);
    }

    #[test]
    fn a_missing_folder_is_named_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("not-there");
        let error = write_atomically(&folder.join("board.ron"), b"x").unwrap_err();
        assert!(matches!(&error.cause, SaveCause::FolderMissing(f) if *f == folder));
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert!(names_in(dir.path()).is_empty());
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.txt");
        fs::write(&file, "x").unwrap();
        let error = write_atomically(&file.join("board.ron"), b"x").unwrap_err();
        assert!(matches!(&error.cause, SaveCause::NotAFolder(f) if *f == file));
        assert_eq!(names_in(dir.path()), vec!["notes.txt"]);
    }

    #[test]
    fn saving_over_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_atomically(dir.path(), b"x").unwrap_err();
        assert!(matches!(error.cause, SaveCause::IsFolder), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_refused_in_plain_words() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("locked");
        fs::create_dir(&folder).unwrap();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
        // The super-user may write into read-only folders; find out whether we can.
        let probe = folder.join("probe");
        let privileged = fs::write(&probe, b"").is_ok();
        let _ = fs::remove_file(&probe);
        let result = write_atomically(&folder.join("board.ron"), b"x");
        if privileged {
            // Running as root (as in some containers): the permission check cannot fail, so
            // only check that the save worked and left no temporary file.
            result.unwrap();
            assert_eq!(names_in(&folder), vec!["board.ron"]);
        } else {
            let error = result.unwrap_err();
            assert!(error.to_string().contains("permission denied"), "{error}");
            assert!(names_in(&folder).is_empty());
        }
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_link_replaces_the_linked_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
