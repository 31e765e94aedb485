//! Noticing that a board file was changed by another program since it was opened or saved.
//!
//! When a board is loaded or saved, its file's size, modification time and a hash of its bytes
//! are remembered as a [`DiskStamp`]. Before the next save, [`disk_change`] compares the file
//! with that stamp, so the app can warn before overwriting someone else's changes.

use std::fs;
use std::io::{self, Read as _};
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::MAX_FILE_BYTES;

/// What a board file looked like when it was last loaded or saved by this app.
///
/// Recovery files keep it too, so that a restored board still warns when its file was changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiskStamp {
    /// The file's size in bytes.
    pub len_bytes: u64,
    /// The file's modification time, where the file system records one.
    pub modified: Option<SystemTime>,
    /// A 64-bit FNV-1a hash of the file's bytes (stable across versions of the app).
    pub content_hash: u64,
}

/// How a board file compares with the [`DiskStamp`] taken when it was last loaded or saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskChange {
    /// The file holds the same bytes.
    Unchanged,
    /// Another program changed (or replaced) the file.
    Changed,
    /// The file is gone (moved or deleted): saving creates it again.
    Missing,
}

/// The 64-bit FNV-1a hash of `bytes`: simple, stable across releases, and enough to tell a
/// changed file from an unchanged one (this is not a defence against someone forging a file).
fn hash_bytes(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

impl DiskStamp {
    /// The stamp of a file at `path` whose bytes are `bytes` (just read or just written).
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> Self {
        let modified = fs::metadata(path).and_then(|meta| meta.modified()).ok();
        Self {
            len_bytes: bytes.len() as u64,
            modified,
            content_hash: hash_bytes(bytes),
        }
    }
}

/// Files up to this size are always read to tell whether they changed (a few milliseconds).
pub const READ_TO_COMPARE_BYTES: u64 = 16 * 1024 * 1024;

/// Compares the file at `path` with `stamp`.
///
/// A different size is a change. Otherwise the bytes are read and hashed, so a file that was only
/// touched, or rewritten with the same bytes, counts as unchanged, and a same-size rewrite within
/// the file system's clock tick is still noticed. Only files over [`READ_TO_COMPARE_BYTES`] with
/// the same size and modification time are taken as unchanged without reading them (as editors
/// do). A file that cannot be read counts as changed, so the user is asked rather than the file
/// overwritten blindly.
pub fn disk_change(path: &Path, stamp: &DiskStamp) -> DiskChange {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return DiskChange::Missing,
        Err(_) => return DiskChange::Changed,
    };
    if meta.len() != stamp.len_bytes {
        return DiskChange::Changed;
    }
    if meta.len() > READ_TO_COMPARE_BYTES
        && stamp.modified.is_some()
        && meta.modified().ok() == stamp.modified
    {
        return DiskChange::Unchanged;
    }
    let mut bytes = Vec::new();
    let read =
        fs::File::open(path).and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if read.is_ok() && hash_bytes(&bytes) == stamp.content_hash {
        DiskChange::Unchanged
    } else {
        DiskChange::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv_1a() {
        // Published FNV-1a test vectors.
        assert_eq!(hash_bytes(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash_bytes(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash_bytes(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn notices_changed_same_size_touched_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        fs::write(&path, "one").unwrap();
        let stamp = DiskStamp::of_bytes(&path, b"one");
        assert_eq!(disk_change(&path, &stamp), DiskChange::Unchanged);

        fs::write(&path, "four").unwrap();
        assert_eq!(disk_change(&path, &stamp), DiskChange::Changed);

        // Same size, different bytes, and a modification time that may not have moved on (the
        // file system's clock is coarse): the bytes tell.
        fs::write(&path, "two").unwrap();
        assert_eq!(disk_change(&path, &stamp), DiskChange::Changed);

        // Rewritten with the same bytes: unchanged.
        fs::write(&path, "one").unwrap();
        assert_eq!(disk_change(&path, &stamp), DiskChange::Unchanged);

        fs::remove_file(&path).unwrap();
        assert_eq!(disk_change(&path, &stamp), DiskChange::Missing);
    }
}
