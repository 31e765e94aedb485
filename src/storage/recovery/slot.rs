//! One recovery slot: the recovery copy of one open board, and the lock that says its app is
//! still running.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The recovery copy of one board (`ID.ron` in the recovery folder) and its lock file
/// (`ID.lock`).
///
/// While an app runs, it holds an exclusive lock on the lock file of each slot it uses; the
/// operating system releases it when the app ends in any way (including a crash or a kill). A
/// recovery copy whose lock can be taken therefore belongs to an app that is gone, and is offered
/// for recovery; one whose lock is held belongs to another window that is still open.
#[derive(Debug)]
pub struct RecoverySlot {
    dir: PathBuf,
    id: String,
    lock: File,
}

/// Distinguishes slots made in the same process at the same instant.
static SLOT_COUNTER: AtomicU32 = AtomicU32::new(0);

impl RecoverySlot {
    /// Makes a new slot in `dir` (creating the folder if needed, readable only by its owner) and
    /// locks it.
    pub fn create(dir: &Path) -> io::Result<Self> {
        make_private_folder(dir)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        loop {
            let count = SLOT_COUNTER.fetch_add(1, Ordering::Relaxed);
            let id = format!("board-{nanos:x}-{}-{count}", std::process::id());
            let lock_path = dir.join(format!("{id}.lock"));
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock_path)
            {
                Ok(lock) => {
                    lock.try_lock().map_err(lock_error)?;
                    return Ok(Self {
                        dir: dir.to_owned(),
                        id,
                        lock,
                    });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(error),
            }
        }
    }

    /// Locks the existing slot `id` in `dir`; `Ok(None)` if another running app holds it.
    ///
    /// A lock "file" that is a link (or anything but a file) is removed and made again: a lock
    /// file is never opened through a link, so nothing is created where a link points.
    pub(super) fn claim(dir: &Path, id: &str) -> io::Result<Option<Self>> {
        let lock_path = dir.join(format!("{id}.lock"));
        if fs::symlink_metadata(&lock_path).is_ok_and(|meta| !meta.is_file()) {
            fs::remove_file(&lock_path)?;
        }
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
        }
        let lock = options.open(&lock_path)?;
        match lock.try_lock() {
            Ok(()) => Ok(Some(Self {
                dir: dir.to_owned(),
                id: id.to_owned(),
                lock,
            })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(error)) => Err(error),
        }
    }

    /// The slot's name, unique in its folder.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The recovery copy's path (which may not exist yet).
    pub fn copy_path(&self) -> PathBuf {
        self.dir.join(format!("{}.ron", self.id))
    }

    fn lock_path(&self) -> PathBuf {
        self.dir.join(format!("{}.lock", self.id))
    }

    /// Removes the recovery copy, if there is one; the slot stays locked for later copies.
    pub fn remove_copy(&self) -> io::Result<()> {
        match fs::remove_file(self.copy_path()) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Removes the recovery copy and the lock file: the board is safe (saved or discarded).
    pub fn close(self) -> io::Result<()> {
        self.remove_copy()?;
        let lock_path = self.lock_path();
        // Unlock first: some systems cannot remove a file that is open.
        drop(self.lock);
        match fs::remove_file(lock_path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}

/// Creates `dir` (and its parents) if needed and makes it readable only by its owner: recovery
/// copies are boards, which may be private.
fn make_private_folder(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn lock_error(error: TryLockError) -> io::Error {
    match error {
        TryLockError::Error(error) => error,
        TryLockError::WouldBlock => io::Error::from(io::ErrorKind::WouldBlock),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_slot_cannot_be_claimed_and_a_released_one_can() {
        let dir = tempfile::tempdir().unwrap();
        let slot = RecoverySlot::create(dir.path()).unwrap();
        let id = slot.id().to_owned();
        assert!(RecoverySlot::claim(dir.path(), &id).unwrap().is_none());
        drop(slot);
        let claimed = RecoverySlot::claim(dir.path(), &id).unwrap().unwrap();
        fs::write(claimed.copy_path(), "x").unwrap();
        claimed.close().unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
