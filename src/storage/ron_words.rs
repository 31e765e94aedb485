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

/// The RON error, with its position, as a [`FormatError`]. `text` is what was parsed.
pub(super) fn from_ron(error: &SpannedError, text: &str) -> FormatError {
    let position = Position {
        line: error.span.start.line,
        column: error.span.start.col,
    };
    // A text that ends where the parser still expected more was cut off.
    let end_of_content = Position::at_byte(text, text.trim_end().len());
    let reached_end = Position {
        line: error.span.end.line,
        column: error.span.end.col,
    } >= end_of_content;
    let wants_more = matches!(
        error.code,
        Error::Eof
            | Error::ExpectedComma
            | Error::ExpectedArrayEnd
            | Error::ExpectedStructLikeEnd
            | Error::ExpectedOptionEnd
            | Error::ExpectedMapEnd
            | Error::ExpectedMapColon
            | Error::ExpectedStringEnd
    );
    if reached_end && wants_more {
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
        Error::ExpectedStringEnd => syntax("the text has no closing `\"`"),
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
        for text in ["[\n  1,\n  2", "[\n  1,\n  2\n\n", "[1, 2,", "[1, 2"] {
            let error = ron::from_str::<Vec<u32>>(text).unwrap_err();
            let mapped = from_ron(&error, text);
            assert_eq!(mapped.to_string(), CUT_OFF, "{text:?}: {error}");
            let end = Position::at_byte(text, text.trim_end().len());
            assert_eq!(mapped.position(), Some(end), "{text:?}");
        }
        // A wrong last value is not a cut-off file.
        let text = "[1, 2] x";
        let error = ron::from_str::<Vec<u32>>(text).unwrap_err();
        assert_ne!(from_ron(&error, text).to_string(), CUT_OFF);
    }
}
