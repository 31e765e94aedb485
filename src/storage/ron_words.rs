//! Turning the RON parser's errors into [`FormatError`]s in plain words.

use ron::error::{Error, SpannedError};

use super::{FormatError, Position};

const CUT_OFF: &str = "the file ends too early; it may have been cut off";

/// The names the file structs carry for serde, in words for messages.
fn place(outer: Option<&str>) -> String {
    match outer {
        Some("Board") => "the board".to_owned(),
        Some("Item") => "an item".to_owned(),
        Some("Connector") => "a connector".to_owned(),
        Some("Note") => "a note".to_owned(),
        Some(other) => format!("`{other}`"),
        None => "this value".to_owned(),
    }
}

/// `a`, `b` or `c`, each in backticks.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        None => "nothing here".to_owned(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// What is still open at the end of a text: brackets, and a string literal.
struct OpenAtEnd {
    /// How many brackets are open.
    brackets: usize,
    /// The byte offset of the opening quote of a string that is never closed.
    string: Option<usize>,
}

/// Scans `text` for brackets and strings, skipping comments and escapes.
fn open_at_end(text: &str) -> OpenAtEnd {
    let mut brackets: usize = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, ch)) = chars.next() {
        match ch {
            '(' | '[' | '{' => brackets += 1,
            ')' | ']' | '}' => brackets = brackets.saturating_sub(1),
            '"' => {
                let mut closed = false;
                while let Some((_, inner)) = chars.next() {
                    match inner {
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        _ => {}
                    }
                }
                if !closed {
                    return OpenAtEnd {
                        brackets,
                        string: Some(offset),
                    };
                }
            }
            '/' if chars.peek().is_some_and(|&(_, next)| next == '/') => {
                let _comment = chars.by_ref().find(|&(_, c)| c == '\n');
            }
            '/' if chars.peek().is_some_and(|&(_, next)| next == '*') => {
                chars.next();
                let mut previous = ' ';
                for (_, inner) in chars.by_ref() {
                    if previous == '*' && inner == '/' {
                        break;
                    }
                    previous = inner;
                }
            }
            _ => {}
        }
    }
    OpenAtEnd {
        brackets,
        string: None,
    }
}

/// The RON error, with its position, as a [`FormatError`]. `text` is what was parsed.
pub(super) fn from_ron(error: &SpannedError, text: &str) -> FormatError {
    let parser_position = Position {
        line: error.span.start.line,
        column: error.span.start.col,
    };
    // The parser reports where it started looking; point at the value it found there instead.
    let position = parser_position
        .byte_in(text)
        .and_then(|start| {
            let rest = text.get(start..)?;
            let skipped = rest.len() - rest.trim_start().len();
            (skipped < rest.len()).then(|| Position::at_byte(text, start + skipped))
        })
        .unwrap_or(parser_position);
    let open = open_at_end(text);
    if let Some(quote) = open.string {
        // A text with no closing quote runs to the end of the file.
        return FormatError::Syntax {
            position: Position::at_byte(text, quote),
            message: "the file ends inside the text that starts here; it may have been cut off"
                .to_owned(),
        };
    }
    // A text that still has open brackets where the parser stopped at its end was cut off,
    // whatever the parser expected next.
    let end_of_content = Position::at_byte(text, text.trim_end().len());
    let reached_end = Position {
        line: error.span.end.line,
        column: error.span.end.col,
    } >= end_of_content;
    if reached_end && open.brackets > 0 {
        return FormatError::Syntax {
            position: end_of_content,
            message: CUT_OFF.to_owned(),
        };
    }
    let syntax = |message: &str| FormatError::Syntax {
        position,
        message: message.to_owned(),
    };
    let shape = |message: String| FormatError::WrongShape { position, message };
    match &error.code {
        Error::Eof => syntax(CUT_OFF),
        Error::ExpectedComma => syntax("expected a comma `,` between values"),
        Error::ExpectedArrayEnd => syntax("expected `]` to close the list"),
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
            syntax("expected `)` to close the parentheses")
        }
        Error::ExpectedMapEnd => syntax("expected `}` to close the map"),
        Error::ExpectedMapColon => syntax("expected `:` after the field name"),
        Error::UnclosedBlockComment => syntax("a `/*` comment is never closed"),
        Error::UnexpectedChar(found) => syntax(&format!("unexpected character {found:?}")),
        Error::TrailingCharacters => syntax("unexpected text after the end of the board"),
        Error::ExceededRecursionLimit => syntax("the data is nested too deeply to be a board"),
        Error::InvalidEscape(what) => syntax(&format!("invalid escape in text: {what}")),
        Error::ExpectedIdentifier => syntax("expected a name (a field or a kind)"),
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => match outer.as_deref() {
            Some("ItemKind") => FormatError::UnknownKind {
                position,
                found: found.clone(),
                known: one_of(expected),
            },
            Some("Color") => shape(format!(
                "unknown colour `{found}`; expected {}",
                one_of(expected)
            )),
            other => shape(format!(
                "unknown value `{found}` for {}; expected {}",
                place(other),
                one_of(expected)
            )),
        },
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => FormatError::UnknownField {
            position,
            field: found.clone(),
            place: place(outer.as_deref()),
            expected: one_of(expected),
        },
        Error::MissingStructField { field, outer } => shape(format!(
            "missing field `{field}` in {}",
            place(outer.as_deref())
        )),
        Error::DuplicateStructField { field, outer } => shape(format!(
            "the field `{field}` appears twice in {}",
            place(outer.as_deref())
        )),
        Error::ExpectedFloat => shape("expected a number, like `120.0`".to_owned()),
        Error::ExpectedInteger => shape("expected a whole number, like `1`".to_owned()),
        Error::IntegerOutOfBounds => shape("the number is too large".to_owned()),
        Error::ExpectedString => shape("expected text in double quotes, like \"…\"".to_owned()),
        Error::ExpectedArray => shape("expected a list in square brackets `[ … ]`".to_owned()),
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
            shape("expected `(` to open a group of fields".to_owned())
        }
        Error::InvalidValueForType { expected, found } => {
            shape(format!("expected {expected}, found {found}"))
        }
        Error::Message(message) => shape(message.clone()),
        other => {
            // Any other parser complaint, lower-cased to match the other messages.
            let text = other.to_string();
            let mut chars = text.chars();
            let message = chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect::<String>()
            });
            shape(message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        assert_eq!(one_of(&["Note"]), "`Note`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&[]), "nothing here");
    }

    #[test]
    fn parser_positions_are_kept() {
        let text = "[\n  1,\n  x]";
        let error = ron::from_str::<Vec<u32>>(text).unwrap_err();
        let mapped = from_ron(&error, text);
        assert_eq!(mapped.position(), Some(Position { line: 3, column: 3 }));
    }

    #[test]
    fn a_cut_off_text_says_so_whatever_the_parser_expected() {
        for text in [
            "[\n  1,\n  2",
            "[\n  1,\n  2\n\n",
            "[1, 2,",
            "[1, 2",
            "[1, -",
            "[1, 2, /* ) */",
        ] {
            let error = ron::from_str::<Vec<u32>>(text).unwrap_err();
            let mapped = from_ron(&error, text);
            assert_eq!(mapped.to_string(), CUT_OFF, "{text:?}: {error}");
            let end = Position::at_byte(text, text.trim_end().len());
            assert_eq!(mapped.position(), Some(end), "{text:?}");
        }
        // A wrong last value is not a cut-off file.
        for text in ["[1, 2] x", "[1, \"2\"]", "[1, 2, /* ( */ x]"] {
            let error = ron::from_str::<Vec<u32>>(text).unwrap_err();
            assert_ne!(from_ron(&error, text).to_string(), CUT_OFF, "{text:?}");
        }
    }

    #[test]
    fn a_text_cut_inside_a_string_points_at_its_opening_quote() {
        let text = "[\"a\", \"b \\\" c \\\" d";
        let error = ron::from_str::<Vec<String>>(text).unwrap_err();
        let mapped = from_ron(&error, text);
        assert!(mapped.to_string().contains("cut off"), "{mapped}");
        assert_eq!(mapped.position(), Some(Position { line: 1, column: 7 }));
    }
}
