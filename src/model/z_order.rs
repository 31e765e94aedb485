//! Z-order as fractional index keys.
//!
//! Each item carries a [`ZKey`]; items are drawn in key order (ties broken by id), so stacking never
//! depends on an item's place in a list, and putting an item between two others changes only that
//! item's key. This is what lets two people reorder items at the same time without rewriting each
//! other's items.
//!
//! A key is an integer part followed by a fraction. The integer part is a head letter that gives its
//! length (`a` = one digit, `b` = two, …; `Z`, `Y`, … for the negative side) and base-36 digits, so
//! keys stay short when items are added again and again on top (`a0`, `a1`, … `az`, `b00`, …).
//! The fraction (base-36 digits, never ending in `0`) is only used to squeeze a key between two
//! neighbours. Plain byte order of the strings is the stacking order.

use std::fmt;

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const BASE: u32 = 36;
/// The integer part below which no key can go (`A` followed by 26 zeros).
const SMALLEST_INTEGER_LEN: usize = 27;

/// A fractional index key (see the module docs for its shape).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ZKey(String);

/// Why a text is not a valid z-order key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid z-order key {0:?}: expected a letter, digits 0-9 and a-z, not ending in 0")]
pub struct ParseZKeyError(String);

fn digit_value(byte: u8) -> u32 {
    match byte {
        b'0'..=b'9' => u32::from(byte - b'0'),
        b'a'..=b'z' => u32::from(byte - b'a') + 10,
        _ => 0,
    }
}

fn digit_char(value: u32) -> char {
    DIGITS
        .get(value as usize)
        .map_or('0', |&byte| char::from(byte))
}

fn is_digit(byte: u8) -> bool {
    byte.is_ascii_digit() || byte.is_ascii_lowercase()
}

/// How many digits follow an integer head letter, or `None` if `head` is not a head.
fn integer_digits(head: u8) -> Option<usize> {
    match head {
        b'a'..=b'z' => Some(usize::from(head - b'a') + 1),
        b'A'..=b'Z' => Some(usize::from(b'Z' - head) + 1),
        _ => None,
    }
}

/// Splits a valid key into its integer part and its fraction.
fn split(key: &str) -> (&str, &str) {
    let len = key
        .as_bytes()
        .first()
        .and_then(|&head| integer_digits(head))
        .map_or(0, |digits| digits + 1);
    key.split_at_checked(len).unwrap_or((key, ""))
}

/// The next integer part, or `None` above the largest one.
fn increment(integer: &str) -> Option<String> {
    let (&head, digits) = integer.as_bytes().split_first()?;
    let mut digits: Vec<u32> = digits.iter().map(|&d| digit_value(d)).collect();
    for digit in digits.iter_mut().rev() {
        if *digit + 1 < BASE {
            *digit += 1;
            return Some(
                char::from(head).to_string()
                    + &digits.iter().map(|&d| digit_char(d)).collect::<String>(),
            );
        }
        *digit = 0;
    }
    // Every digit overflowed: move to the next head.
    let next_head = match head {
        b'Z' => return Some("a0".to_owned()),
        b'z' => return None,
        other => other + 1,
    };
    if next_head > b'a' {
        digits.push(0);
    } else {
        digits.pop();
    }
    Some(
        char::from(next_head).to_string()
            + &digits.iter().map(|&d| digit_char(d)).collect::<String>(),
    )
}

/// The previous integer part, or `None` below the smallest one.
fn decrement(integer: &str) -> Option<String> {
    let (&head, digits) = integer.as_bytes().split_first()?;
    let mut digits: Vec<u32> = digits.iter().map(|&d| digit_value(d)).collect();
    for digit in digits.iter_mut().rev() {
        if *digit > 0 {
            *digit -= 1;
            return Some(
                char::from(head).to_string()
                    + &digits.iter().map(|&d| digit_char(d)).collect::<String>(),
            );
        }
        *digit = BASE - 1;
    }
    // Every digit underflowed: move to the previous head.
    let previous_head = match head {
        b'a' => return Some("Zz".to_owned()),
        b'A' => return None,
        other => other - 1,
    };
    if previous_head < b'Z' {
        digits.push(BASE - 1);
    } else {
        digits.pop();
    }
    Some(
        char::from(previous_head).to_string()
            + &digits.iter().map(|&d| digit_char(d)).collect::<String>(),
    )
}

/// A fraction strictly between the fractions `a` and `b` (`b = None` stands for 1).
///
/// `a` may be empty (standing for 0); both are digit strings without trailing zeros and `a < b`.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        // Skip the common prefix, padding `a` with zeros.
        let common = b
            .iter()
            .enumerate()
            .take_while(|&(i, &digit)| a.get(i).copied().unwrap_or(b'0') == digit)
            .count();
        if common > 0 {
            let prefix: String = b.iter().take(common).map(|&d| char::from(d)).collect();
            let rest_a = a.get(common..).unwrap_or_default();
            let rest_b = b.get(common..).unwrap_or_default();
            return prefix + &midpoint(rest_a, Some(rest_b));
        }
    }
    let digit_a = a.first().map_or(0, |&d| digit_value(d));
    let digit_b = b.and_then(|b| b.first()).map_or(BASE, |&d| digit_value(d));
    if digit_b.saturating_sub(digit_a) > 1 {
        return digit_char((digit_a + digit_b).div_ceil(2)).to_string();
    }
    // The first digits are adjacent.
    match b {
        Some(b) if b.len() > 1 => char::from(b.first().copied().unwrap_or(b'0')).to_string(),
        _ => {
            let rest_a = a.get(1..).unwrap_or_default();
            let mut key = digit_char(digit_a).to_string();
            key.push_str(&midpoint(rest_a, None));
            key
        }
    }
}

impl ZKey {
    /// The key for the first item on a board.
    pub fn middle() -> Self {
        Self("a0".to_owned())
    }

    /// A key strictly between `below` and `above`; `None` means "no bound on that side".
    ///
    /// If `below >= above` (which only a hand-edited file can produce) the result is above `below`.
    pub fn between(below: Option<&Self>, above: Option<&Self>) -> Self {
        let above = above.filter(|above| below.is_none_or(|below| *above > below));
        match (below, above) {
            (None, None) => Self::middle(),
            (None, Some(above)) => {
                let (integer, fraction) = split(&above.0);
                if integer.len() == SMALLEST_INTEGER_LEN && integer.starts_with('A') {
                    return Self(integer.to_owned() + &midpoint(b"", Some(fraction.as_bytes())));
                }
                if !fraction.is_empty() {
                    return Self(integer.to_owned());
                }
                Self(decrement(integer).unwrap_or_else(|| integer.to_owned() + "i"))
            }
            (Some(below), None) => {
                let (integer, fraction) = split(&below.0);
                Self(
                    increment(integer).unwrap_or_else(|| {
                        integer.to_owned() + &midpoint(fraction.as_bytes(), None)
                    }),
                )
            }
            (Some(below), Some(above)) => {
                let (integer_a, fraction_a) = split(&below.0);
                let (integer_b, fraction_b) = split(&above.0);
                if integer_a == integer_b {
                    return Self(
                        integer_a.to_owned()
                            + &midpoint(fraction_a.as_bytes(), Some(fraction_b.as_bytes())),
                    );
                }
                match increment(integer_a) {
                    Some(next) if next.as_str() < above.0.as_str() => Self(next),
                    _ => Self(integer_a.to_owned() + &midpoint(fraction_a.as_bytes(), None)),
                }
            }
        }
    }

    /// A key above this one (with nothing in between taken into account).
    #[must_use]
    pub fn after(&self) -> Self {
        Self::between(Some(self), None)
    }

    /// A key below this one.
    #[must_use]
    pub fn before(&self) -> Self {
        Self::between(None, Some(self))
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ZKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZKey({})", self.0)
    }
}

impl std::str::FromStr for ZKey {
    type Err = ParseZKeyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        let integer_len = bytes
            .first()
            .and_then(|&head| integer_digits(head))
            .map(|n| n + 1);
        let valid = integer_len.is_some_and(|integer_len| {
            let fraction = bytes.get(integer_len..).unwrap_or_default();
            let is_smallest = integer_len == SMALLEST_INTEGER_LEN
                && text.starts_with('A')
                && bytes
                    .get(1..integer_len)
                    .is_some_and(|d| d.iter().all(|&b| b == b'0'));
            text.len() >= integer_len
                && text.len() <= 256
                && bytes.iter().skip(1).all(|&b| is_digit(b))
                && fraction.last() != Some(&b'0')
                && !(is_smallest && fraction.is_empty())
        });
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(ParseZKeyError(text.chars().take(40).collect()))
        }
    }
}

impl serde::Serialize for ZKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for ZKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(text: &str) -> ZKey {
        text.parse().unwrap()
    }

    #[test]
    fn appending_counts_up_the_integer_part() {
        assert_eq!(ZKey::middle().after().as_str(), "a1");
        assert_eq!(key("az").after().as_str(), "b00");
        assert_eq!(key("a0").before().as_str(), "Zz");
        assert_eq!(key("Z0").before().as_str(), "Yzz");
        assert_eq!(key("Yzz").after().as_str(), "Z0");
    }

    #[test]
    fn between_adjacent_keys_uses_the_fraction() {
        let k = ZKey::between(Some(&key("a1")), Some(&key("a2")));
        assert_eq!(k.as_str(), "a1i");
        let deeper = ZKey::between(Some(&key("a1")), Some(&k));
        assert!(key("a1") < deeper && deeper < k, "{deeper:?}");
    }

    #[test]
    fn repeated_after_and_before_stay_ordered() {
        let mut top = ZKey::middle();
        let mut bottom = ZKey::middle();
        for _ in 0..5000 {
            let next_top = top.after();
            assert!(next_top > top);
            top = next_top;
            let next_bottom = bottom.before();
            assert!(next_bottom < bottom);
            bottom = next_bottom;
        }
        assert!(top.as_str().len() <= 4, "keys stay short: {top:?}");
        assert!(bottom.as_str().len() <= 4, "keys stay short: {bottom:?}");
    }

    #[test]
    fn parsing_rejects_bad_keys() {
        for bad in [
            "",
            "a",
            "a10",
            "b0",
            "I",
            "a-b",
            "é",
            "A00000000000000000000000000",
        ] {
            assert!(bad.parse::<ZKey>().is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn between_is_strictly_between(choices in proptest::collection::vec(any::<(bool, u8)>(), 1..60)) {
            // Build up a sorted list of keys by inserting at random places.
            let mut keys = vec![ZKey::middle()];
            for (at_end, pick) in choices {
                let index = usize::from(pick) % (keys.len() + 1);
                let index = if at_end { keys.len() } else { index };
                let below = index.checked_sub(1).and_then(|i| keys.get(i));
                let above = keys.get(index);
                let new = ZKey::between(below, above);
                if let Some(below) = below { prop_assert!(*below < new); }
                if let Some(above) = above { prop_assert!(new < *above); }
                prop_assert!(new.as_str().parse::<ZKey>().is_ok());
                keys.insert(index, new);
            }
        }
    }
}
