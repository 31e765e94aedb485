//! Keeping text in saved files readable.
//!
//! RON escapes strings character by character with [`char::escape_debug`]. Letters of every
//! script stay as they are (Cyrillic, Georgian, `ë`, `ș` …), but two escapes make notes hard to
//! read in a text editor or a diff:
//!
//! - the apostrophe becomes `\'` (`can\'t`), although a double-quoted string needs no escape for it;
//! - combining accents become `\u{301}`, which is how text typed or pasted in decomposed form
//!   (for example `ќ` as `к` + U+0301) would look.
//!
//! [`tidy_strings`] undoes just those two escapes inside string literals. Everything else keeps
//! its escape: line breaks and tabs (`\n`, `\t`, so every field stays on one line), quotes and
//! backslashes, control and invisible characters (zero-width and direction marks, which are
//! safer visible).

/// Whether a character may be written as itself instead of as a `\u{…}` escape.
fn is_readable_combining_mark(ch: char) -> bool {
    matches!(ch,
        // Combining diacritical marks (Latin and Cyrillic accents, breves, diaereses).
        '\u{300}'..='\u{36f}'
        // Combining Cyrillic marks.
        | '\u{483}'..='\u{489}'
    )
}

/// The character of a `\u{…}` escape, given the text after `\u`.
fn decode_unicode_escape(braced: &str) -> Option<char> {
    let hex = braced.strip_prefix('{')?.strip_suffix('}')?;
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

/// Rewrites `\'` and escaped combining accents inside the string literals of RON text written by
/// [`ron::ser`] with escaped strings. The result parses to the same values.
pub(super) fn tidy_strings(ron_text: &str) -> String {
    let mut out = String::with_capacity(ron_text.len());
    let mut chars = ron_text.chars();
    let mut in_string = false;
    while let Some(ch) = chars.next() {
        if !in_string {
            in_string = ch == '"';
            out.push(ch);
            continue;
        }
        match ch {
            '"' => {
                in_string = false;
                out.push(ch);
            }
            '\\' => match chars.next() {
                Some('\'') => out.push('\''),
                Some('u') => {
                    let mut braced = String::new();
                    for next in chars.by_ref() {
                        braced.push(next);
                        if next == '}' {
                            break;
                        }
                    }
                    match decode_unicode_escape(&braced) {
                        Some(mark) if is_readable_combining_mark(mark) => out.push(mark),
                        _ => {
                            out.push_str("\\u");
                            out.push_str(&braced);
                        }
                    }
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(text: &str) -> String {
        tidy_strings(&ron::to_string(&text).unwrap())
    }

    #[test]
    fn apostrophes_and_accents_stay_readable() {
        assert_eq!(written("can't"), "\"can't\"");
        assert_eq!(
            written("Građani ђ ќ ქართული ë ș"),
            "\"Građani ђ ќ ქართული ë ș\""
        );
        // `ќ` typed as `к` + combining acute accent.
        assert_eq!(written("к\u{301}"), "\"к\u{301}\"");
    }

    #[test]
    fn line_breaks_quotes_and_invisible_characters_stay_escaped() {
        assert_eq!(written("a\nb\t\"c\"\\"), r#""a\nb\t\"c\"\\""#);
        assert_eq!(written("x\u{200b}y\u{202e}"), r#""x\u{200b}y\u{202e}""#);
        assert_eq!(written("\\'"), r#""\\'""#);
    }

    proptest! {
        #[test]
        fn tidied_strings_read_back_unchanged(text in any::<String>()) {
            let tidied = written(&text);
            prop_assert_eq!(ron::from_str::<String>(&tidied).unwrap(), text);
        }

        #[test]
        fn tidied_strings_with_marks_and_quotes_read_back(
            text in "[a'\"\\\\\u{301}\u{308}\u{483}\u{200d}\n к]{0,30}"
        ) {
            let tidied = written(&text);
            prop_assert_eq!(ron::from_str::<String>(&tidied).unwrap(), text);
        }
    }
}
