//! File-system errors in plain words.

use std::io;

/// What went wrong, in words a facilitator understands.
pub fn plain(error: &io::Error) -> String {
    let words = match error.kind() {
        io::ErrorKind::NotFound => "no such file or folder",
        io::ErrorKind::PermissionDenied => "permission denied",
        io::ErrorKind::StorageFull => "the disk is full",
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        io::ErrorKind::IsADirectory => "it is a folder, not a file",
        io::ErrorKind::NotADirectory => "part of the path is a file, not a folder",
        io::ErrorKind::FileTooLarge => "the file is too large for this disk",
        io::ErrorKind::ResourceBusy => "the file is in use by another program",
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidFilename => {
            "the file name is not allowed here"
        }
        _ => return error.to_string(),
    };
    words.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_causes_are_plain_words() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(plain(&denied), "permission denied");
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert_eq!(plain(&full), "the disk is full");
        let other = io::Error::other("the cable fell out");
        assert_eq!(plain(&other), "the cable fell out");
    }
}
