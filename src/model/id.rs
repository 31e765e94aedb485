//! Stable, unique ids for items and connectors.
//!
//! An id is generated once, when its item is created, and never reused or derived from a position
//! in a list. Ids are random 64-bit numbers, so two people (or two app windows) creating items at the
//! same time will not collide in practice; [`IdGen`] also re-draws on the rare collision with an id
//! already on the board. Files store ids as 16 lowercase hex digits.

use std::fmt;
use std::hash::{BuildHasher as _, Hasher as _};

/// Why a text could not be read as an id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid id {text:?}: expected 16 hexadecimal digits")]
pub struct ParseIdError {
    /// The text that was not an id.
    pub text: String,
}

fn parse_hex_id(text: &str) -> Result<u64, ParseIdError> {
    let valid = text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit());
    let parsed = valid.then(|| u64::from_str_radix(text, 16).ok()).flatten();
    parsed.ok_or_else(|| ParseIdError {
        text: text.chars().take(40).collect(),
    })
}

macro_rules! hex_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u64);

        impl $name {
            /// The id with this raw value.
            pub const fn from_raw(raw: u64) -> Self {
                Self(raw)
            }

            /// The raw 64-bit value.
            pub const fn raw(self) -> u64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:016x}", self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:016x})", stringify!($name), self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseIdError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                parse_hex_id(text).map(Self)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

hex_id!(
    /// The id of an item (note, persona, map node…) on a board.
    ItemId
);
hex_id!(
    /// The id of a connector between two items.
    ConnectorId
);

/// A source of fresh ids: a small deterministic generator (`SplitMix64`).
///
/// The app seeds it from the operating system's randomness; tests seed it with a fixed number so
/// their boards are reproducible.
#[derive(Clone, Debug)]
pub struct IdGen {
    state: u64,
}

impl IdGen {
    /// A generator with a fixed seed (for tests and generated boards).
    pub const fn seeded(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator seeded from the process's random hashing keys, different on every run.
    pub fn from_entropy() -> Self {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(0x5eed);
        Self::seeded(hasher.finish())
    }

    /// The next raw random number.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A fresh item id for which `taken` is false.
    pub fn item_id(&mut self, taken: impl Fn(ItemId) -> bool) -> ItemId {
        loop {
            let id = ItemId(self.next_u64());
            if !taken(id) {
                return id;
            }
        }
    }

    /// A fresh connector id for which `taken` is false.
    pub fn connector_id(&mut self, taken: impl Fn(ConnectorId) -> bool) -> ConnectorId {
        loop {
            let id = ConnectorId(self.next_u64());
            if !taken(id) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_as_sixteen_hex_digits() {
        let id = ItemId::from_raw(0x00ab_cdef_0123_4567);
        assert_eq!(id.to_string(), "00abcdef01234567");
        assert_eq!("00abcdef01234567".parse::<ItemId>(), Ok(id));
        assert!("abc".parse::<ItemId>().is_err());
        assert!("00abcdef0123456g".parse::<ItemId>().is_err());
        assert!("+0abcdef01234567".parse::<ItemId>().is_err());
    }

    #[test]
    fn generator_skips_taken_ids() {
        let mut first = IdGen::seeded(7);
        let taken = first.item_id(|_| false);
        let mut again = IdGen::seeded(7);
        let fresh = again.item_id(|id| id == taken);
        assert_ne!(fresh, taken);
    }

    #[test]
    fn entropy_seeds_differ_between_generators() {
        let a = IdGen::from_entropy().next_u64();
        let b = IdGen::from_entropy().next_u64();
        assert_ne!(a, b);
    }
}
