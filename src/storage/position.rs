//! Line and column positions in a board file, and finding things in its text.

use std::fmt;

/// A place in a text file: 1-based line and 1-based column, counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number in characters (not bytes), starting at 1.
    pub column: usize,
}

impl Position {
    /// The position of the byte `offset` in `text`.
    ///
    /// An offset inside a character or past the end counts from the last character boundary
    /// before it, so this never panics.
    pub fn at_byte(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = text.get(..end).unwrap_or_default();
        let line = 1 + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let column = 1 + before.get(line_start..).unwrap_or_default().chars().count();
        Self { line, column }
    }

    /// The byte offset of this position in `text`, if it is inside it (or just past its end).
    pub(super) fn byte_in(self, text: &str) -> Option<usize> {
        let line_start = if self.line <= 1 {
            0
        } else {
            text.match_indices('\n').nth(self.line - 2)?.0 + 1
        };
        let line = text.get(line_start..)?;
        let column_offset = line
            .char_indices()
            .map(|(offset, _)| offset)
            .chain(std::iter::once(line.len()))
            .nth(self.column.checked_sub(1)?)?;
        Some(line_start + column_offset)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Byte offsets of the values of every `field: …` in `text`, in order.
///
/// This is a plain text search used only to point error messages at the right line; it does not
/// understand comments or strings that happen to contain `field:`.
pub(super) fn field_values<'t>(text: &'t str, field: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(field).filter_map(move |(start, _)| {
        let before_ok = start == 0
            || text
                .as_bytes()
                .get(start - 1)
                .is_some_and(|&byte| !is_ident_byte(byte));
        let after = text.get(start + field.len()..)?;
        let rest = after.trim_start();
        let value = rest.strip_prefix(':')?;
        let value_start = text.len() - value.trim_start().len();
        before_ok.then_some(value_start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_map_to_lines_and_character_columns() {
        let text = "(\n    title: \"Ђурђевдан\",\n    x: 1.0,\n)";
        let x = text.find("1.0").unwrap();
        assert_eq!(Position::at_byte(text, x), Position { line: 3, column: 8 });
        // Columns count characters, not bytes: "Ђ" is two bytes but one column.
        let dan = text.find("дан").unwrap();
        assert_eq!(
            Position::at_byte(text, dan),
            Position {
                line: 2,
                column: 19
            }
        );
        assert_eq!(Position::at_byte(text, 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn positions_map_back_to_byte_offsets() {
        let text = "(\n    title: \"Ђурђевдан\",\n)";
        for offset in [0, 1, 2, text.find('у').unwrap(), text.len()] {
            assert_eq!(Position::at_byte(text, offset).byte_in(text), Some(offset));
        }
        assert_eq!(Position { line: 9, column: 1 }.byte_in(text), None);
        assert_eq!(Position { line: 1, column: 0 }.byte_in(text), None);
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_do_not_panic() {
        let text = "ђ\nქ";
        assert_eq!(Position::at_byte(text, 1), Position { line: 1, column: 1 });
        assert_eq!(
            Position::at_byte(text, 999),
            Position { line: 2, column: 2 }
        );
    }

    #[test]
    fn finds_field_values_by_name_not_by_substring() {
        let text = "(id: \"a\", grid: \"b\", id : \"c\", to: \"a\")";
        let found: Vec<usize> = field_values(text, "id").collect();
        assert_eq!(
            found,
            vec![text.find("\"a\"").unwrap(), text.find("\"c\"").unwrap()]
        );
    }
}
