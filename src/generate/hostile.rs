//! Hostile board files, as an attacker would write them, to check (in tests and benchmarks) that
//! opening one never freezes or exhausts the app: the file checks pass, so the size limit alone
//! does not bound the work they cause.

use std::fmt::Write as _;

use crate::storage::CURRENT_FORMAT;

/// The start of a board file in `format`, up to its items.
fn head(format: u32) -> String {
    format!("(\n    format: {format},\n    title: \"Hostile\",\n    items: [\n")
}

/// One note written as the app writes it, with `extra` lines after its colour.
fn note(out: &mut String, id: u64, x: &str, extra: &str) {
    let _ = write!(
        out,
        "        (\n            id: \"{id:016x}\",\n            x: {x},\n            y: 0.0,\n            \
         width: 240.0,\n            height: 200.0,\n            z: \"a0\",\n            \
         color: Yellow,\n{extra}            kind: Note(\n                text: \"n\",\n            ),\n        ),\n"
    );
}

/// Two notes and `count` connectors between one of them and items that are not in the file.
pub fn dangling_connectors(count: usize) -> String {
    let mut out = head(CURRENT_FORMAT);
    note(&mut out, 1, "0.0", "");
    note(&mut out, 2, "300.0", "");
    out.push_str("    ],\n    connectors: [\n");
    for n in 0..count as u64 {
        let _ = writeln!(
            out,
            "        (\n            id: \"{:016x}\",\n            from: \"{:016x}\",\n            \
             to: \"{:016x}\",\n            label: \"\",\n        ),",
            0x1000_0000 + n,
            1,
            0x2000_0000 + n
        );
    }
    out.push_str("    ],\n)\n");
    out
}

/// One note and `count` stored photos whose data is not base64.
pub fn damaged_photos(count: usize) -> String {
    let mut out = head(CURRENT_FORMAT);
    note(&mut out, 1, "0.0", "");
    out.push_str("    ],\n    connectors: [],\n    images: [\n");
    for n in 0..count as u128 {
        let _ = writeln!(
            out,
            "        (\n            id: \"{n:032x}\",\n            width: 2,\n            \
             height: 2,\n            format: Png,\n            data: [\n                \
             \"not base64!\",\n            ],\n        ),"
        );
    }
    out.push_str("    ],\n)\n");
    out
}

/// A format 3 file with one frame listing `count` members that are not in the file.
pub fn missing_frame_members(count: usize) -> String {
    let mut out = head(3);
    out.push_str(
        "        (\n            id: \"0000000000000001\",\n            x: 0.0,\n            y: 0.0,\n            \
         width: 800.0,\n            height: 600.0,\n            z: \"a0\",\n            color: White,\n            \
         kind: Frame(\n                title: \"Stage\",\n                order: 1,\n                members: [\n",
    );
    for n in 0..count as u64 {
        let _ = writeln!(out, "                    \"{:016x}\",", 0x3000_0000 + n);
    }
    out.push_str(
        "                ],\n            ),\n        ),\n    ],\n    connectors: [],\n)\n",
    );
    out
}

/// `count` notes written on one line, each with a position that is not a number.
pub fn nan_positions_on_one_line(count: usize) -> String {
    let mut out = head(CURRENT_FORMAT);
    for n in 0..count as u64 {
        let _ = write!(
            out,
            "(id: \"{:016x}\", x: NaN, y: 0.0, width: 240.0, height: 200.0, z: \"a0\", \
             color: Yellow, kind: Note(text: \"n\")), ",
            n + 1
        );
    }
    out.push_str("\n    ],\n    connectors: [],\n)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::board_from_ron;

    #[test]
    fn each_hostile_board_is_a_board_with_as_many_repairs_as_asked() {
        for (text, items) in [
            (dangling_connectors(3), 2),
            (damaged_photos(3), 1),
            (missing_frame_members(3), 1),
            (nan_positions_on_one_line(3), 3),
        ] {
            let loaded = board_from_ron(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
            assert_eq!(loaded.board.items().len(), items);
            assert_eq!(loaded.warnings.len(), 3, "{text}");
        }
    }
}
