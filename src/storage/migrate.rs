//! Reading any supported format version and bringing it up to the current one.
//!
//! A file is read in two passes. First only its `format:` number is read (every other field is
//! skipped), so a file from a newer app is recognised as such even if the rest of it would not
//! make sense to this version. Then the file is parsed with the frozen structs of its own format,
//! and each migration step turns one format into the next until the current one is reached.
//!
//! # Adding format 7
//!
//! 1. Add `v7.rs` with the new frozen structs, and move the conversions to and from the model
//!    (`from_board`, `into_board`) from `v6.rs` to it.
//! 2. Set [`CURRENT_FORMAT`] to 7 and [`CurrentFile`] to `v7::BoardV7`.
//! 3. Add one match arm in [`read`]: `7 => from_v7(parse(text)?)`.
//! 4. Add one step: `fn from_v6(file, …) -> … { from_v7(v6_to_v7(file)?) }` with the new
//!    `v6_to_v7`, and make `from_v7` the end of the chain (`Ok(file)`).
//! 5. Add `tests/golden/v7/`; the golden files of every older format must keep loading.
//!
//! Format 3 only added an item kind (frames), so formats 2 and 3 share the structs in `v2.rs`
//! and the step from 2 to 3 changes nothing but the number. Format 4 moved frame membership from
//! the frames' `members` lists to each item's `parent`: the step from 3 to 4 reads the lists,
//! leaving out (with a warning) members a format 3 frame could not hold. Format 5 added stage
//! prompts and time boxes, dot votes and the impact/effort grid: the step from 4 to 5 adds
//! nothing to a board (see `v5.rs`). Format 6 added pen and highlighter strokes, an item kind a
//! format 5 file does not have, and a persona's drawn portrait: the step from 5 to 6 changes
//! nothing but the number, every persona without a portrait (`v6.rs`).

use serde::{Deserialize, Deserializer};

use super::ron_words::from_ron;
use std::collections::HashMap;

use super::locate::Locator;
use super::{
    CURRENT_FORMAT, FormatError, LoadWarning, Loaded, Position, integrity, position, v1, v2, v4,
    v5, v6,
};

/// The file structs of the current format, which the model converts to and from.
pub(super) type CurrentFile = v6::BoardV6;

// A new format needs a match arm in `read` and a step function (see the module docs).
const _: () = assert!(CURRENT_FORMAT == 6);

/// Just the version number of a file of any format; every other field is skipped.
#[derive(Deserialize)]
#[serde(rename = "Board")]
struct Header {
    /// Signed, so that `format: -1` is named as a number that is no format, not a number out of
    /// range.
    #[serde(default, deserialize_with = "present")]
    format: Option<i64>,
}

fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    i64::deserialize(deserializer).map(Some)
}

/// Parses `text` as `T`, mapping parser errors to plain words.
fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, FormatError> {
    ron::from_str(text).map_err(|error| from_ron(&error, text))
}

/// Reads a board file of any supported format.
pub(super) fn read(locator: &Locator<'_>) -> Result<Loaded, FormatError> {
    let text = locator.text();
    let header: Header = parse(text)?;
    let Some(found) = header.format else {
        return Err(FormatError::MissingVersion);
    };
    let position = || {
        position::field_values(text, "format")
            .next()
            .map(|at| Position::at_byte(text, at))
    };
    let mut warnings = Vec::new();
    let current = match found {
        ..=0 => {
            return Err(FormatError::UnsupportedVersion {
                found,
                position: position(),
            });
        }
        1 => from_v1(parse(text)?, locator, &mut warnings)?,
        2 => from_v2(parse(text)?, locator, &mut warnings)?,
        3 => from_v3(parse(text)?, locator, &mut warnings)?,
        4 => from_v4(parse(text)?, locator)?,
        5 => from_v5(parse(text)?)?,
        6 => from_v6(parse(text)?)?,
        _ => {
            return Err(FormatError::NewerVersion {
                found: u64::try_from(found).unwrap_or(u64::MAX),
                supported: CURRENT_FORMAT,
                position: position(),
            });
        }
    };
    let (board, more) = current.into_board(locator)?;
    warnings.extend(more);
    Ok(Loaded {
        board,
        // One of the formats matched above.
        format: u32::try_from(found).unwrap_or(CURRENT_FORMAT),
        warnings,
    })
}

/// Format 1 up to the current format.
fn from_v1(
    file: v1::BoardV1,
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) -> Result<CurrentFile, FormatError> {
    from_v2(v1_to_v2(file), locator, warnings)
}

/// Format 2 up to the current format.
fn from_v2(
    file: v2::BoardV2,
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) -> Result<CurrentFile, FormatError> {
    from_v3(v2_to_v3(file), locator, warnings)
}

/// Format 3 up to the current format.
fn from_v3(
    file: v2::BoardV2,
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) -> Result<CurrentFile, FormatError> {
    from_v4(v3_to_v4(file, locator, warnings), locator)
}

/// Format 4 up to the current format.
fn from_v4(file: v4::BoardV4, locator: &Locator<'_>) -> Result<CurrentFile, FormatError> {
    from_v5(v4_to_v5(file, locator)?)
}

/// Format 5 up to the current format.
fn from_v5(file: v5::BoardV5) -> Result<CurrentFile, FormatError> {
    from_v6(v6::BoardV6::from_v5(file))
}

/// Format 6 up to the current format. Format 6 is current, so this is the end of the chain.
#[expect(
    clippy::unnecessary_wraps,
    reason = "every step can fail once there is a real one"
)]
fn from_v6(file: v6::BoardV6) -> Result<CurrentFile, FormatError> {
    Ok(file)
}

/// Format 5 adds fields a format 4 board does not have. A format 4 frame may not list
/// `members` (its items name it); the file is refused if one does, as format 4 refused it.
fn v4_to_v5(file: v4::BoardV4, locator: &Locator<'_>) -> Result<v5::BoardV5, FormatError> {
    if let Some(frame) = file
        .items
        .iter()
        .find(|item| matches!(&item.kind, v2::KindV2::Frame { members, .. } if !members.is_empty()))
    {
        return Err(FormatError::InvalidGeometry {
            position: locator.field(&frame.id.to_string(), "members"),
            item: frame.id,
            problem: "a frame in a format 4 file does not list `members`; each item names \
                      its frame with `parent`"
                .to_owned(),
        });
    }
    Ok(v5::BoardV5::from_v4(file))
}

/// Format 3 frames listed their members; format 4 items name their frame. Members a format 3
/// frame could not hold (missing items, frames, items already in another frame) are left out
/// with a warning each, as format 3 did.
fn v3_to_v4(
    file: v2::BoardV2,
    locator: &Locator<'_>,
    warnings: &mut Vec<LoadWarning>,
) -> v4::BoardV4 {
    let is_frame: HashMap<_, _> = file
        .items
        .iter()
        .map(|item| (item.id, matches!(item.kind, v2::KindV2::Frame { .. })))
        .collect();
    let frames = file.items.iter().filter_map(|item| match &item.kind {
        v2::KindV2::Frame { members, .. } => Some((item.id, members.as_slice())),
        _ => None,
    });
    let parents = integrity::members_to_parents(frames, &is_frame, locator, warnings);
    v4::BoardV4 {
        format: 4,
        title: file.title,
        items: file
            .items
            .into_iter()
            .map(|item| v4::ItemV4 {
                parent: parents.get(&item.id).copied(),
                id: item.id,
                x: item.x,
                y: item.y,
                width: item.width,
                height: item.height,
                z: item.z,
                color: item.color,
                kind: match item.kind {
                    v2::KindV2::Frame {
                        title,
                        collapsed,
                        order,
                        members: _,
                    } => v2::KindV2::Frame {
                        title,
                        collapsed,
                        order,
                        members: Vec::new(),
                    },
                    other => other,
                },
            })
            .collect(),
        connectors: file.connectors,
        images: file.images,
    }
}

/// Format 3 only added frames, which a format 2 file does not have: the board is the same.
fn v2_to_v3(file: v2::BoardV2) -> v2::BoardV2 {
    v2::BoardV2 { format: 3, ..file }
}

/// Format 1 had only notes and plain connectors, which format 2 keeps as they were (a
/// connector gets the default arrow to its end, as format 1 drew it).
fn v1_to_v2(file: v1::BoardV1) -> v2::BoardV2 {
    v2::BoardV2 {
        format: 2,
        title: file.title,
        items: file
            .items
            .into_iter()
            .map(|item| v2::ItemV2 {
                id: item.id,
                x: item.x,
                y: item.y,
                width: item.width,
                height: item.height,
                z: item.z,
                color: item.color,
                kind: match item.kind {
                    v1::KindV1::Note { text } => v2::KindV2::Note {
                        text,
                        fit_text: false,
                    },
                },
            })
            .collect(),
        connectors: file
            .connectors
            .into_iter()
            .map(|connector| v2::ConnectorV2 {
                id: connector.id,
                from: connector.from,
                to: connector.to,
                label: connector.label,
                arrows: v2::ArrowsV2::To,
                line: v2::LineV2::Solid,
                route: v2::RouteV2::Straight,
                relation: None,
                polarity: None,
                delay: false,
            })
            .collect(),
        images: Vec::new(),
    }
}
