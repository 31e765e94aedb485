//! Text edits as splices: egui hands over the whole new text of a field; the shared document
//! wants the one run of characters that was removed and the one that was put in its place, so
//! that a colleague typing elsewhere in the same text keeps their words.

/// One edit of a text: at `at`, remove `remove` and insert `insert`. Positions and lengths are
/// in UTF-16 code units, as Yjs counts them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Splice {
    /// Where the edit starts.
    pub at: u32,
    /// How many code units are removed there.
    pub remove: u32,
    /// What is inserted there.
    pub insert: String,
}

/// The byte lengths of the longest common start of `old` and `new`, and of the longest common
/// end of what follows it (so the two never overlap); on character boundaries.
pub fn common_ends(old: &str, new: &str) -> (usize, usize) {
    let start: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let end: usize = old[start..]
        .chars()
        .rev()
        .zip(new[start..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (start, end)
}

/// The smallest single splice that turns `old` into `new` (the longest common start and end
/// are kept), or `None` when they are equal. Characters are never split.
pub fn splice(old: &str, new: &str) -> Option<Splice> {
    if old == new {
        return None;
    }
    let (start, end) = common_ends(old, new);
    let (old_rest, new_rest) = (&old[start..], &new[start..]);
    let removed = &old_rest[..old_rest.len() - end];
    let inserted = &new_rest[..new_rest.len() - end];
    Some(Splice {
        at: utf16_len(&old[..start]),
        remove: utf16_len(removed),
        insert: inserted.to_owned(),
    })
}

fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies a splice to a string the way a Yjs text does, counting in UTF-16.
    fn apply(old: &str, edit: &Splice) -> String {
        let units: Vec<u16> = old.encode_utf16().collect();
        let (at, remove) = (edit.at as usize, edit.remove as usize);
        let mut out: Vec<u16> = units[..at].to_vec();
        out.extend(edit.insert.encode_utf16());
        out.extend(&units[at + remove..]);
        String::from_utf16(&out).unwrap()
    }

    #[test]
    fn a_typed_word_is_one_small_insert() {
        let edit = splice("Residents need SMS", "Residents really need SMS").unwrap();
        assert_eq!(
            edit,
            Splice {
                at: 10,
                remove: 0,
                insert: "really ".into()
            }
        );
    }

    #[test]
    fn positions_count_utf16_units_and_never_split_a_character() {
        // "🙂" is two UTF-16 units; Georgian letters are one each but three bytes in UTF-8.
        let old = "🙂 ქალაქი";
        let new = "🙂 ახალი ქალაქი";
        let edit = splice(old, new).unwrap();
        assert_eq!(edit.at, 3);
        assert_eq!(apply(old, &edit), new);
        assert_eq!(splice(old, old), None);
    }

    proptest::proptest! {
        #[test]
        fn any_edit_is_reproduced(old in "[aą🙂 ბ\n]{0,12}", new in "[aą🙂 ბ\n]{0,12}") {
            match splice(&old, &new) {
                None => proptest::prop_assert_eq!(&old, &new),
                Some(edit) => proptest::prop_assert_eq!(apply(&old, &edit), new),
            }
        }
    }
}
