//! Ending an edit in place when a colleague changed the same text meanwhile (in a live
//! session): both changes are kept when they touch different parts of the text.

use crate::live::common_ends;

/// The text after this window's edit (`mine`, typed over `original`) when the text is now
/// `theirs`: both changes when they are in different places, otherwise this window's.
pub(super) fn merge_typing(original: &str, mine: &str, theirs: &str) -> String {
    if theirs == original || mine == theirs {
        return mine.to_owned();
    }
    if mine == original {
        return theirs.to_owned();
    }
    let (my_start, my_end) = common_ends(original, mine);
    let (their_start, their_end) = common_ends(original, theirs);
    let my_stop = original.len() - my_end;
    let their_stop = original.len() - their_end;
    let my_words = &mine[my_start..mine.len() - my_end];
    let their_words = &theirs[their_start..theirs.len() - their_end];
    if my_stop <= their_start {
        [
            &original[..my_start],
            my_words,
            &original[my_stop..their_start],
            their_words,
            &original[their_stop..],
        ]
        .concat()
    } else if their_stop <= my_start {
        [
            &original[..their_start],
            their_words,
            &original[their_stop..my_start],
            my_words,
            &original[my_stop..],
        ]
        .concat()
    } else {
        mine.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::merge_typing;

    #[test]
    fn changes_in_different_places_are_both_kept() {
        let original = "Queue numbers by SMS";
        let mine = "Queue numbers by SMS, please";
        let theirs = "Free queue numbers by SMS";
        assert_eq!(
            merge_typing(original, mine, theirs),
            "Free queue numbers by SMS, please"
        );
        assert_eq!(
            merge_typing(original, theirs, mine),
            "Free queue numbers by SMS, please"
        );
    }

    #[test]
    fn without_a_colleague_the_edit_is_as_typed() {
        assert_eq!(merge_typing("abc", "abXc", "abc"), "abXc");
        assert_eq!(merge_typing("abc", "abc", "aYbc"), "aYbc");
        assert_eq!(merge_typing("", "new note", ""), "new note");
    }

    #[test]
    fn the_same_place_changed_by_both_keeps_this_windows_words() {
        assert_eq!(
            merge_typing("one two three", "one 2 three", "one TWO three"),
            "one 2 three"
        );
    }

    #[test]
    fn characters_are_never_split() {
        // Cyrillic, Georgian and an emoji: several bytes each.
        let original = "Граѓани ქალაქი 😀";
        let mine = "Граѓани ქალაქი 😃";
        let theirs = "Сите граѓани ქალაქი 😀";
        assert_eq!(
            merge_typing(original, mine, theirs),
            "Сите граѓани ქალაქი 😃"
        );
        assert_eq!(merge_typing("aaaa", "aaaaa", "aaa"), "aaaa");
    }
}
