//! Photo bytes as base64 text lines, so a board file stays plain text that diffs line by line.
//!
//! Standard base64 (RFC 4648, alphabet `A–Z a–z 0–9 + /`, `=` padding), cut into lines of
//! [`BASE64_LINE_CHARS`] characters. Decoding is strict: it accepts exactly what
//! [`encode_base64_lines`] writes, so a line damaged by hand, a merge or a mailer is reported
//! with its number instead of turning into a quietly different photo.

use super::PhotoError;

/// Characters on every line but the last (as in MIME); a multiple of 4, so no group of four
/// characters is split between lines.
pub const BASE64_LINE_CHARS: usize = 76;

/// Encodes `bytes` as standard base64 with padding, in lines of [`BASE64_LINE_CHARS`] characters
/// (the last line may be shorter). No bytes give no lines.
pub fn encode_base64_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines = Vec::with_capacity(bytes.len().div_ceil(57));
    let mut line = String::with_capacity(BASE64_LINE_CHARS);
    for chunk in bytes.chunks(3) {
        let mut group = [0_u8; 3];
        for (slot, byte) in group.iter_mut().zip(chunk) {
            *slot = *byte;
        }
        let [b0, b1, b2] = group;
        let bits = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sextet = |shift: u32| char::from(encode_sextet((bits >> shift) as u8 & 0x3f));
        line.push(sextet(18));
        line.push(sextet(12));
        line.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        line.push(if chunk.len() > 2 { sextet(0) } else { '=' });
        if line.len() == BASE64_LINE_CHARS {
            lines.push(std::mem::replace(
                &mut line,
                String::with_capacity(BASE64_LINE_CHARS),
            ));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Decodes lines written by [`encode_base64_lines`].
///
/// Strict: every line but the last has exactly [`BASE64_LINE_CHARS`] characters, the last has
/// 1 to [`BASE64_LINE_CHARS`] in groups of four, only the base64 alphabet appears, `=` only as
/// the last one or two characters, and the bits that padding leaves over are zero. The error names
/// the line, counted from 1 within `lines`, and the column where one applies.
pub fn decode_base64_lines(lines: &[String]) -> Result<Vec<u8>, PhotoError> {
    let mut bytes = Vec::with_capacity(lines.len().saturating_mul(BASE64_LINE_CHARS / 4 * 3));
    let mut bits: u32 = 0;
    let mut bit_count: u32 = 0;
    for (index, text) in lines.iter().enumerate() {
        let line = index + 1;
        let is_last = line == lines.len();
        let bad = |problem: String| PhotoError::BadBase64 { line, problem };

        let data_chars = text.trim_end_matches('=').chars().count();
        let padding = text.len() - text.trim_end_matches('=').len();
        // Columns count characters from 1.
        let bad_character = text
            .chars()
            .enumerate()
            .find(|&(_, c)| c != '=' && decode_sextet(c).is_none());
        if let Some((position, character)) = bad_character {
            let column = position + 1;
            return Err(bad(format!(
                "{character:?} at column {column} is not a base64 character"
            )));
        }
        let misplaced_padding = text
            .chars()
            .enumerate()
            .find(|&(position, c)| c == '=' && (!is_last || position < data_chars));
        if let Some((position, _)) = misplaced_padding {
            let column = position + 1;
            return Err(bad(format!(
                "the '=' at column {column} is padding, which may only end the last line"
            )));
        }

        let length = data_chars + padding;
        if !is_last && length != BASE64_LINE_CHARS {
            return Err(bad(format!(
                "it has {length} characters; every line but the last has {BASE64_LINE_CHARS}"
            )));
        }
        if is_last {
            if length == 0 {
                return Err(bad("it is empty".to_owned()));
            }
            if length > BASE64_LINE_CHARS || length % 4 != 0 || padding > 2 {
                return Err(bad(format!(
                    "it has {length} characters; the last line has up to {BASE64_LINE_CHARS}, \
                     in groups of four, with at most two '=' at the end"
                )));
            }
        }

        for value in text.chars().filter_map(decode_sextet) {
            bits = (bits << 6) | u32::from(value);
            bit_count += 6;
            if bit_count >= 8 {
                bit_count -= 8;
                bytes.push((bits >> bit_count) as u8);
                bits &= (1 << bit_count) - 1;
            }
        }
        if is_last && bits != 0 {
            return Err(bad(
                "its last character carries bits that padding leaves unused (the text was changed)"
                    .to_owned(),
            ));
        }
    }
    Ok(bytes)
}

/// The base64 character for a value below 64.
fn encode_sextet(value: u8) -> u8 {
    match value {
        0..=25 => b'A' + value,
        26..=51 => b'a' + (value - 26),
        52..=61 => b'0' + (value - 52),
        62 => b'+',
        _ => b'/',
    }
}

/// The value of a base64 character, or `None` for anything else (including `=`).
fn decode_sextet(character: char) -> Option<u8> {
    let byte = u8::try_from(character).ok()?;
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| (*text).to_owned()).collect()
    }

    fn problem_on(lines: &[String]) -> (usize, String) {
        match decode_base64_lines(lines) {
            Err(PhotoError::BadBase64 { line, problem }) => (line, problem),
            other => panic!("expected a base64 error, got {other:?}"),
        }
    }

    #[test]
    fn rfc_4648_test_vectors() {
        // The examples of RFC 4648, section 10.
        let vectors = [
            ("", None),
            ("f", Some("Zg==")),
            ("fo", Some("Zm8=")),
            ("foo", Some("Zm9v")),
            ("foob", Some("Zm9vYg==")),
            ("fooba", Some("Zm9vYmE=")),
            ("foobar", Some("Zm9vYmFy")),
        ];
        for (plain, encoded) in vectors {
            let expected: Vec<String> = encoded.map(str::to_owned).into_iter().collect();
            assert_eq!(encode_base64_lines(plain.as_bytes()), expected, "{plain:?}");
            assert_eq!(decode_base64_lines(&expected).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn all_byte_values_use_the_standard_alphabet() {
        let bytes: Vec<u8> = (0..=255).collect();
        let text: String = encode_base64_lines(&bytes).concat();
        assert!(text.starts_with("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKiss"));
        assert!(text.ends_with("+/w=="));
    }

    #[test]
    fn lines_are_76_characters_but_the_last() {
        let encoded = encode_base64_lines(&[7; 200]);
        // 200 bytes are 268 characters: three full lines and 40 left over.
        let lengths: Vec<usize> = encoded.iter().map(String::len).collect();
        assert_eq!(lengths, [76, 76, 76, 40]);
        // 57 bytes fill exactly one line, with no empty line after it.
        assert_eq!(encode_base64_lines(&[1; 57]).len(), 1);
    }

    #[test]
    fn a_bad_character_is_reported_with_its_line_and_column() {
        let mut encoded = encode_base64_lines(&[42; 200]);
        encoded[1].replace_range(9..10, "*");
        let (line, problem) = problem_on(&encoded);
        assert_eq!(line, 2);
        assert_eq!(problem, "'*' at column 10 is not a base64 character");
    }

    #[test]
    fn whitespace_and_non_ascii_are_bad_characters() {
        let (line, problem) = problem_on(&lines(&["Zm9v\r"]));
        assert_eq!(
            (line, problem.as_str()),
            (1, "'\\r' at column 5 is not a base64 character")
        );
        let (_, problem) = problem_on(&lines(&["Zm ë"]));
        assert!(problem.starts_with("' ' at column 3"), "{problem}");
    }

    #[test]
    fn padding_only_ends_the_last_line() {
        let (line, problem) = problem_on(&lines(&["Zg==Zg=="]));
        assert_eq!(line, 1);
        assert!(problem.contains("'=' at column 3"), "{problem}");

        let mut encoded = encode_base64_lines(&[1; 100]);
        encoded[0].replace_range(74..76, "==");
        let (line, problem) = problem_on(&encoded);
        assert_eq!(line, 1);
        assert!(problem.contains("column 75"), "{problem}");

        let (_, problem) = problem_on(&lines(&["Z==="]));
        assert!(problem.contains("at most two '='"), "{problem}");
    }

    #[test]
    fn a_short_or_long_line_in_the_middle_is_reported() {
        let mut encoded = encode_base64_lines(&[9; 300]);
        encoded[2].pop();
        let (line, problem) = problem_on(&encoded);
        assert_eq!(line, 3);
        assert_eq!(
            problem,
            "it has 75 characters; every line but the last has 76"
        );
    }

    #[test]
    fn the_last_line_must_be_whole_groups_and_not_empty() {
        let (line, problem) = problem_on(&["Zm9v".repeat(19), "Zm9".to_owned()]);
        assert_eq!(line, 2);
        assert!(problem.starts_with("it has 3 characters"), "{problem}");
        assert_eq!(problem_on(&lines(&[""])), (1, "it is empty".to_owned()));
    }

    #[test]
    fn leftover_bits_after_padding_must_be_zero() {
        // "Zh==" would decode to "f" too if the unused low bits of 'h' were ignored.
        let (line, problem) = problem_on(&lines(&["Zh=="]));
        assert_eq!(line, 1);
        assert!(problem.contains("bits"), "{problem}");
        assert!(decode_base64_lines(&lines(&["Zm9="])).is_err());
        assert_eq!(decode_base64_lines(&lines(&["Zm8="])).unwrap(), b"fo");
    }

    #[test]
    fn no_lines_are_no_bytes() {
        assert_eq!(decode_base64_lines(&[]).unwrap(), Vec::<u8>::new());
    }
}
