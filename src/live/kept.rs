//! A live session's shared state kept beside its board file (`NAME.ydoc` beside `NAME.ron`),
//! so that changes made while the relay could not be reached are not lost when the window
//! closes: opening the board again rejoins the session, and they merge once the relay is back.
//!
//! The file is the line `civic-canvas live session 1`, the session's link on a line of its
//! own, then the shared board as one Yjs update.

use std::path::{Path, PathBuf};

use yrs::Update;
use yrs::updates::decoder::Decode;

/// The first line of the file.
const MAGIC: &[u8] = b"civic-canvas live session 1\n";
/// The longest link the file may hold.
const MAX_LINK_BYTES: usize = 4096;
/// The largest file read: the most a board may hold.
pub const MAX_KEPT_BYTES: u64 = 200 * 1024 * 1024;

/// What a board's `.ydoc` file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptSession {
    /// The session's link.
    pub link: String,
    /// The shared board, as one update.
    pub state: Vec<u8>,
}

/// Where the live session of the board at `board` is kept.
pub fn kept_path(board: &Path) -> PathBuf {
    board.with_extension("ydoc")
}

impl KeptSession {
    /// The file's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(self.link.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(&self.state);
        bytes
    }

    /// Reads a file's bytes; says what is wrong with one that is not sound.
    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or("it is not a Civic Canvas live-session file")?;
        let end = rest
            .iter()
            .take(MAX_LINK_BYTES)
            .position(|&byte| byte == b'\n')
            .ok_or("it holds no session link")?;
        let (link, state) = rest.split_at(end);
        let link = std::str::from_utf8(link).map_err(|_| "its session link is not text")?;
        let state = state.get(1..).unwrap_or_default();
        Update::decode_v1(state).map_err(|e| format!("its shared board cannot be read ({e})"))?;
        Ok(Self {
            link: link.to_owned(),
            state: state.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::SharedBoard;
    use crate::model::Board;

    #[test]
    fn a_kept_session_reads_back_and_broken_files_say_why() {
        let shared = SharedBoard::seeded(&Board::new("Kick-off"));
        let kept = KeptSession {
            link: "ws://10.0.0.5:1234/0123456789abcdef0123456789abcdef".into(),
            state: shared.state(),
        };
        assert_eq!(KeptSession::decode(&kept.encode()), Ok(kept.clone()));
        assert_eq!(
            kept_path(Path::new("/boards/kickoff.ron")),
            Path::new("/boards/kickoff.ydoc")
        );
        let mut cut = kept.encode();
        cut.truncate(cut.len() - 3);
        for (bytes, why) in [
            (b"(format: 4)".to_vec(), "not a Civic Canvas"),
            (MAGIC.to_vec(), "no session link"),
            (cut, "cannot be read"),
        ] {
            let error = KeptSession::decode(&bytes).unwrap_err();
            assert!(error.contains(why), "{error}");
        }
    }
}
