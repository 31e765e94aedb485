//! JSON Canvas 1.0 (<https://jsoncanvas.org>): boards written as canvases and read back.
//!
//! JSON Canvas is the open file format of Obsidian Canvas and of a growing number of other
//! apps. A facilitator exports a workshop board with [`board_to_canvas`] to publish it or to
//! keep working on it there; [`board_from_canvas`] (or [`load_canvas`] for a file) turns a
//! canvas drawn elsewhere into a board. A canvas is `{"nodes": [...], "edges": [...]}`: nodes
//! are cards (`text`, `file`, `link`) and `group`s, listed bottom first; edges join two nodes.
//!
//! # Export
//!
//! | on the board | in the canvas |
//! |---|---|
//! | note | `text` node with the note's text, exactly as typed |
//! | persona card | `text` node: Markdown with the name as a heading, then each filled field, digital skills ("2 of 5"), channels and custom fields, the quote, the background and the lists; an entry's mark is written out, e.g. "*(assumption)*" or "*(evidence: interview 3)*" |
//! | empathy map | `text` node: Markdown with the goal as a heading, the persona it is about, and a section for each of says, thinks, does, feels, pains and gains |
//! | map node | `text` node: its name in bold, its type in italics, then its description |
//! | frame | `group` node labelled with the frame's title |
//! | stakeholder rings, grids | `group` node labelled with what it is ("Stakeholder rings: Core, Direct, Indirect", "Influence/interest grid"), so the map keeps its shape |
//! | connector | edge with its label, and `fromEnd`/`toEnd` from its arrow heads |
//!
//! In the Markdown of persona cards, empathy maps and map nodes, characters Markdown reads as
//! formatting (`*`, `_`, `#`, …) are escaped, so a Markdown app shows what the board shows; a
//! note's text is written exactly as typed.
//!
//! Ids are the board's own (16 hex digits, as Obsidian writes them). Positions and sizes are
//! rounded to whole units. Nodes are in drawing order, bottom first: frames and backdrops (outer
//! ones before the ones inside them), then everything else by its z order. Frames as deep in
//! frames as each other are listed in their presenting order, the only place a canvas has for
//! it (they seldom overlap, so this seldom changes what is drawn on top); rings and grids
//! follow the frames as deep as they are. Colours: red, orange,
//! yellow, green, teal and purple become the presets `"1"`–`"6"` (teal is the spec's cyan);
//! pink, blue and grey become their fill as `"#RRGGBB"`, so they come back as themselves;
//! white is left out (the plain, uncoloured card). Edges have no colour: connectors have none.
//! The text is pretty-printed and deterministic: the same board gives the same bytes.
//! Pen and highlighter strokes are left out (JSON Canvas has no drawings); [`canvas_warnings`]
//! says how many, for the person exporting.
//!
//! # Import
//!
//! - `text` nodes become notes with their text exactly as written, Markdown included, with
//!   their text fitted to the note ([`crate::model::Note::fit_text`]); `file` nodes become a
//!   note "File: PATH#SUBPATH", `link` nodes a note with the URL;
//! - `group` nodes become frames titled with their label, presented in the order they are
//!   listed; an item whose centre lies in a group goes into it: into the smallest group holding
//!   it (the one listed later between groups of the same area), and a group only into a
//!   strictly larger one, so groups stacked at one spot stay side by side. Groups nest at most
//!   [`MAX_GROUP_DEPTH`] deep (a deeper one becomes a frame in no frame), and working out which
//!   group holds what stops, with a warning, on a canvas of thousands of groups stacked on one
//!   another;
//! - edges become connectors with their label and arrow heads from `fromEnd` (default `none`)
//!   and `toEnd` (default `arrow`). An edge to a node that is not on the canvas, or was left
//!   out, is left out with a warning naming both; so is an edge to a group (connectors join
//!   cards, not frames) and one from a node to itself;
//! - colour presets map to the palette colour named above; a hex colour to the nearest palette
//!   colour (by its fill, or by the colours Obsidian paints the presets with); no colour is
//!   white;
//! - a node type JSON Canvas 1.0 does not have is left out, and a field it does not have is
//!   skipped, each with a warning naming it; so are fields of another node type;
//! - a position beyond ±[`MAX_COORDINATE`] goes to the nearest place on the board and a size of
//!   0 or less or over [`MAX_ITEM_SIZE`] becomes the usual size of the item's kind, each with a
//!   warning (the rules of [`board_from_parts_repaired`], which then puts the board together
//!   with the checks live sessions go through); a group's or edge's label with line breaks is
//!   put on one line, with a warning (frame titles and connector labels are one line);
//! - ids of 16 hex digits are kept; other ids (and repeated ones) get fresh ones.
//!
//! Warnings are short sentences for the person importing, at most [`MAX_WARNINGS`] of them.
//! Nothing in a canvas makes the import panic: a text over [`MAX_FILE_BYTES`] is refused before
//! it is read, JSON errors and values of the wrong type are [`CanvasError`]s with their line
//! and column, and no part of a canvas is read by recursion deeper than a node's fields (values
//! of unknown fields are skipped without recursion, however deeply they nest).
//!
//! # What a round trip keeps
//!
//! A board saved as RON, exported as a canvas and imported again keeps: every note with its
//! text (line breaks included) and colour; every frame with its title, colour and the items in
//! it, as long as each member's centre lies inside its frame and no other item's centre does;
//! the presenting order of frames, except that frames inside frames come after every frame
//! less deep (a canvas lists outer groups first); every connector with its two items, its label
//! and its arrow heads; the ids; positions (rounded to whole units) and sizes; the stacking
//! order of notes; the title, which the caller gives again. `saved_boards/kickoff.ron` comes
//! back with all of these equal, and exporting it again gives the same canvas (see
//! `tests/json_canvas.rs`).
//!
//! It loses: votes, impact and effort of notes, and whether a note's text was fitted (imported
//! notes are); a frame's prompt, time box and collapsed state (a collapsed frame is exported at
//! its full size, open); a connector's polarity, delay, relation, line style and route; persona
//! cards, empathy maps and map nodes, which come back as notes holding their Markdown (their
//! structure, the assumption/evidence marks as data, digital skills as a number, persona photos
//! and drawn portraits, a map node's type, influence, interest and persona link are gone); stakeholder rings and
//! grids, which come back as frames of the same name holding the nodes on them.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::hash::Hasher as _;
use std::io::Read as _;
use std::path::Path;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::edit::PersonaField;
use crate::export::report::escaped;
use crate::model::{
    Arrows, Basis, Board, BoardError, Connector, ConnectorId, EmpathyMap, Entry, EntryList, Frame,
    IdGen, Item, ItemId, ItemKind, MAX_COORDINATE, MAX_ITEM_SIZE, MapNode, PaletteColor, Persona,
    Point, Size, StrokeTool, ZKey, one_line,
};
use crate::storage::{MAX_FILE_BYTES, Position, board_from_parts_repaired, plain_io_error};

/// The most warnings an import gives; the rest are counted in a last one.
pub const MAX_WARNINGS: usize = 100;

/// The most characters of a name, id or value from the canvas quoted in a message.
const QUOTED_CHARS: usize = 40;

/// The most characters of an error message from the JSON reader (which may quote a value).
const MESSAGE_CHARS: usize = 200;

/// How many groups working out the items in groups may look at, at least; it may also look at
/// [`MEMBERSHIP_PER_ITEM`] for each item. Enough for any canvas whose items sit in a few groups
/// each, and it keeps a canvas of thousands of groups stacked on one another from keeping the
/// import busy for minutes.
const MEMBERSHIP_BUDGET: usize = 1_000_000;

/// How many groups working out the items in groups may look at for each item, on average.
const MEMBERSHIP_PER_ITEM: usize = 8;

/// The deepest a group is put inside other groups on import: no workshop nests deeper, and
/// checking a board's frames takes time that grows with their depth.
pub const MAX_GROUP_DEPTH: usize = 32;

/// Why a text or file could not be read as a canvas. The message says what was expected, in
/// plain words, after the line and column of the problem when it has one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CanvasError {
    /// The text holds nothing but white space.
    #[error("the canvas is empty")]
    Empty,
    /// The text is over [`MAX_FILE_BYTES`], the limit for board files too.
    #[error(
        "the canvas is {} MB; canvases over {} MB are refused",
        .bytes / 1_000_000,
        MAX_FILE_BYTES / 1024 / 1024
    )]
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// The file is not UTF-8 text (a different kind of file, or a damaged one).
    #[error(
        "line {}, column {}: the file is not UTF-8 text; it may be a different kind of file, \
         or damaged",
        .position.line,
        .position.column
    )]
    NotUtf8 {
        /// Where the first byte that is not UTF-8 is.
        position: Position,
    },
    /// The text is not well-formed JSON: a missing comma or bracket, a cut-off file, a stray
    /// character, lists nested too deeply.
    #[error("line {}, column {}: {message}", .position.line, .position.column)]
    Syntax {
        /// Where the reader stopped.
        position: Position,
        /// What was wrong there.
        message: String,
    },
    /// The text is JSON but not a canvas: a value of the wrong type, a node or edge without a
    /// field it must have, a field given twice.
    #[error("line {}, column {}: {message}", .position.line, .position.column)]
    WrongShape {
        /// Where the value is, or the end of the node or edge that lacks a field.
        position: Position,
        /// What was expected there.
        message: String,
    },
    /// The path is a folder, a named pipe, a device or a socket: reading it could wait forever,
    /// so it is refused before it is opened.
    #[error("this is not an ordinary file (a folder, a named pipe, a device or a socket)")]
    NotAFile,
    /// The file could not be read.
    #[error("could not read the file: {}", plain_io_error(.0))]
    Io(#[source] std::io::Error),
    /// The parts do not make a board. Import gives every part its own id, so this would be a
    /// mistake in this module, reported rather than panicked on.
    #[error("the canvas does not make a valid board: {0}")]
    Board(#[from] BoardError),
}

impl CanvasError {
    /// The line and column of the problem in the text, when it has one.
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::NotUtf8 { position }
            | Self::Syntax { position, .. }
            | Self::WrongShape { position, .. } => Some(*position),
            Self::Empty | Self::TooLarge { .. } | Self::NotAFile | Self::Io(_) | Self::Board(_) => {
                None
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Export.

/// A canvas as written.
#[derive(Serialize)]
struct CanvasOut {
    nodes: Vec<NodeOut>,
    edges: Vec<EdgeOut>,
}

/// A node as written: the generic fields, then the one field of its type.
#[derive(Serialize)]
struct NodeOut {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    x: i64,
    y: i64,
    width: i64,
    height: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

/// An edge as written. Both ends are always written, so apps that do not know the defaults
/// draw the same arrows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EdgeOut {
    id: String,
    from_node: String,
    from_end: &'static str,
    to_node: String,
    to_end: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    label: String,
}

/// The board as a JSON Canvas 1.0 document: pretty-printed, ending with a newline, the same
/// bytes for the same board (see the module docs for what each part becomes).
pub fn board_to_canvas(board: &Board) -> String {
    let mut items: Vec<&Item> = board.items().collect();
    board.sort_stacked(&mut items);
    // Frames side by side (as deep in frames as each other) in presenting order, the only
    // place a canvas has for it; the sort is stable, so all else keeps its drawing order.
    let presenting: HashMap<ItemId, usize> = board
        .frames()
        .iter()
        .enumerate()
        .map(|(at, frame)| (frame.id, at))
        .collect();
    items.sort_by_cached_key(|item| {
        let backdrop = item.is_backdrop().then(|| board.depth(item.id));
        let order = presenting.get(&item.id).copied();
        (backdrop.is_none(), backdrop, order.is_none(), order)
    });
    let canvas = CanvasOut {
        nodes: items
            .into_iter()
            .filter_map(|item| node_out(board, item))
            .collect(),
        edges: board.connectors().map(edge_out).collect(),
    };
    #[expect(
        clippy::expect_used,
        reason = "these plain structs of strings and integers always serialize: a String never \
                  refuses a write and every map key is a fixed name"
    )]
    let mut text = serde_json::to_string_pretty(&canvas).expect("JSON serialization of a canvas");
    text.push('\n');
    text
}

/// What [`board_to_canvas`] leaves out of the board, in words for the person exporting: pen
/// and highlighter strokes, counted by tool ("3 pen strokes are not in the canvas: JSON
/// Canvas has no drawings"). Empty when the canvas holds the whole board.
pub fn canvas_warnings(board: &Board) -> Vec<String> {
    [StrokeTool::Pen, StrokeTool::Highlighter]
        .into_iter()
        .filter_map(|tool| {
            let count = board
                .items()
                .filter(|item| item.as_stroke().is_some_and(|stroke| stroke.tool == tool))
                .count();
            let name = tool.stroke_name();
            match count {
                0 => None,
                1 => Some(format!(
                    "1 {name} is not in the canvas: JSON Canvas has no drawings"
                )),
                _ => Some(format!(
                    "{count} {name}s are not in the canvas: JSON Canvas has no drawings"
                )),
            }
        })
        .collect()
}

/// One item as a node; `None` for a stroke, which a canvas cannot hold.
fn node_out(board: &Board, item: &Item) -> Option<NodeOut> {
    let (kind, text, label) = match &item.kind {
        ItemKind::Note(note) => ("text", Some(note.text.clone()), None),
        ItemKind::Persona(persona) => ("text", Some(persona_markdown(persona)), None),
        ItemKind::EmpathyMap(map) => ("text", Some(empathy_markdown(board, map)), None),
        ItemKind::MapNode(node) => ("text", Some(map_node_markdown(node)), None),
        ItemKind::Frame(frame) => ("group", None, Some(frame.title.clone())),
        ItemKind::Rings(rings) => {
            let label = format!("Stakeholder rings: {}", rings.rings.join(", "));
            ("group", None, Some(label))
        }
        ItemKind::InterestGrid => ("group", None, Some("Influence/interest grid".to_owned())),
        ItemKind::ImpactGrid => ("group", None, Some("Impact/effort grid".to_owned())),
        ItemKind::Stroke(_) => return None,
    };
    Some(NodeOut {
        id: item.id.to_string(),
        kind,
        x: whole(item.pos.x),
        y: whole(item.pos.y),
        width: whole(item.size.width).max(1),
        height: whole(item.size.height).max(1),
        color: canvas_color(item.color),
        text,
        label,
    })
}

/// One connector as an edge.
fn edge_out(connector: &Connector) -> EdgeOut {
    let end = |arrow: bool| if arrow { "arrow" } else { "none" };
    EdgeOut {
        id: connector.id.to_string(),
        from_node: connector.from.to_string(),
        from_end: end(connector.props.arrows.at_start()),
        to_node: connector.to.to_string(),
        to_end: end(connector.props.arrows.at_end()),
        label: connector.label.clone(),
    }
}

/// `value` rounded to a whole number (0 for a value that is not a number).
fn whole(value: f32) -> i64 {
    // A float-to-integer `as` saturates, and NaN becomes 0.
    value.round() as i64
}

// ---------------------------------------------------------------------------------------------
// Markdown for the items that are more than a text.

/// A persona card as Markdown: the name as a heading, the filled fields as a list, the quote,
/// the background, then a section for each filled list.
fn persona_markdown(persona: &Persona) -> String {
    let mut out = format!("# {}\n", heading(&persona.name, "Persona"));
    let mut facts: Vec<String> = PersonaField::ALL
        .into_iter()
        .filter(|field| !matches!(field, PersonaField::Quote | PersonaField::Background))
        .filter(|field| !field.of(persona).is_empty())
        .map(|field| fact(field.name(), &entry_markdown(field.of(persona))))
        .collect();
    if let Some(skills) = persona.digital_skills {
        let skills = format!("{skills} of {}", Persona::MAX_SKILLS);
        facts.push(fact("Digital skills", &skills));
    }
    if !persona.channels.is_empty() {
        let names: Vec<&str> = persona
            .channels
            .iter()
            .map(|channel| channel.name())
            .collect();
        facts.push(fact("Channels", &names.join(", ")));
    }
    for field in &persona.custom {
        if field.label.is_empty() && field.value.is_empty() {
            continue;
        }
        facts.push(fact(&field.label, &entry_markdown(&field.value)));
    }
    if !facts.is_empty() {
        out.push('\n');
        out.push_str(&facts.join("\n"));
        out.push('\n');
    }
    if !persona.quote.is_empty() {
        let quote = entry_markdown(&persona.quote);
        out.push('\n');
        for line in quote.lines() {
            let _ = writeln!(out, "> {line}");
        }
    }
    if !persona.background.is_empty() {
        out.push('\n');
        out.push_str(&entry_markdown(&persona.background));
        out.push('\n');
    }
    for list in EntryList::PERSONA {
        section(&mut out, list.name(), persona.list(list));
    }
    out.truncate(out.trim_end().len());
    out
}

/// An empathy map as Markdown: the goal as a heading, who it is about, then a section for each
/// filled list.
fn empathy_markdown(board: &Board, map: &EmpathyMap) -> String {
    let goal = one_line(&map.goal).unwrap_or_else(|| map.goal.clone());
    let mut out = if goal.trim().is_empty() {
        "# Empathy map\n".to_owned()
    } else {
        format!("# Empathy map: {}\n", goal.trim())
    };
    let persona = map
        .persona
        .and_then(|id| board.item(id))
        .map(Item::text)
        .filter(|name| !name.trim().is_empty());
    if let Some(name) = persona {
        let _ = write!(out, "\nAbout **{}**\n", heading(name, ""));
    }
    for list in EntryList::EMPATHY {
        section(&mut out, list.name(), map.list(list));
    }
    out.truncate(out.trim_end().len());
    out
}

/// A map node as Markdown: its name in bold, its type in italics, its description.
fn map_node_markdown(node: &MapNode) -> String {
    let mut parts = Vec::new();
    let label = heading(&node.label, "");
    if !label.is_empty() {
        parts.push(format!("**{label}**"));
    }
    parts.push(format!("*{}*", heading(node.node_type.name(), "Other")));
    if !node.description.trim().is_empty() {
        parts.push(escaped(node.description.trim()));
    }
    parts.join("\n\n")
}

/// A one-line version of `text` for a heading or a bold name, with Markdown escaped, or
/// `otherwise` when it is empty.
fn heading(text: &str, otherwise: &str) -> String {
    let line = one_line(text).unwrap_or_else(|| text.to_owned());
    let line = line.trim();
    if line.is_empty() {
        otherwise.to_owned()
    } else {
        escaped(line)
    }
}

/// A list item "**Label:** value" (or just the value when there is no label); the lines of a
/// value of several lines stay in the item.
fn fact(label: &str, value: &str) -> String {
    let label = heading(label, "");
    let item = if label.is_empty() {
        value.to_owned()
    } else {
        format!("**{label}:** {value}").trim_end().to_owned()
    };
    format!("- {}", item.replace('\n', "\n  "))
}

/// A section "## Heading" with a list item for each entry, when there are entries.
fn section(out: &mut String, name: &str, entries: &[Entry]) {
    let items: Vec<String> = entries
        .iter()
        .filter(|entry| !entry.is_empty())
        .map(|entry| format!("- {}", entry_markdown(entry).replace('\n', "\n  ")))
        .collect();
    if !items.is_empty() {
        let _ = write!(out, "\n## {name}\n\n{}\n", items.join("\n"));
    }
}

/// An entry's text followed by its mark, e.g. "Queues at the office *(assumption)*", with
/// Markdown escaped.
fn entry_markdown(entry: &Entry) -> String {
    let mark = match &entry.basis {
        Basis::Unmarked => String::new(),
        Basis::Assumption => "*(assumption)*".to_owned(),
        Basis::Evidence(source) => match heading(source, "").as_str() {
            "" => "*(evidence)*".to_owned(),
            source => format!("*(evidence: {source})*"),
        },
    };
    let text = escaped(entry.text.trim());
    match (text.is_empty(), mark.is_empty()) {
        (_, true) => text,
        (true, false) => mark,
        (false, false) => format!("{text} {mark}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Colours.

/// The fill of each palette colour as the theme paints it (`ui::theme::fill`; a unit test keeps
/// the two the same), written out here so that this module needs nothing from the UI.
const FILLS: [(PaletteColor, [u8; 3]); 10] = [
    (PaletteColor::Yellow, [0xff, 0xe9, 0x7a]),
    (PaletteColor::Orange, [0xff, 0xc4, 0x8a]),
    (PaletteColor::Red, [0xff, 0xa3, 0xa3]),
    (PaletteColor::Pink, [0xff, 0xbc, 0xe0]),
    (PaletteColor::Purple, [0xd9, 0xc6, 0xff]),
    (PaletteColor::Blue, [0xa9, 0xd4, 0xff]),
    (PaletteColor::Teal, [0x95, 0xe3, 0xd8]),
    (PaletteColor::Green, [0xbb, 0xe9, 0x98]),
    (PaletteColor::Grey, [0xdc, 0xdd, 0xe0]),
    (PaletteColor::White, [0xff, 0xff, 0xff]),
];

/// The colours Obsidian paints its presets (and its blue and pink) with, in its light and dark
/// themes, so a hex colour picked to match one comes in as that colour, not as a pale one near it.
const APP_COLORS: [(PaletteColor, [u8; 3]); 16] = [
    (PaletteColor::Red, [0xe9, 0x31, 0x47]),
    (PaletteColor::Red, [0xfb, 0x46, 0x4c]),
    (PaletteColor::Orange, [0xec, 0x75, 0x00]),
    (PaletteColor::Orange, [0xe9, 0x97, 0x3f]),
    (PaletteColor::Yellow, [0xe0, 0xac, 0x00]),
    (PaletteColor::Yellow, [0xe0, 0xde, 0x71]),
    (PaletteColor::Green, [0x08, 0xb9, 0x4e]),
    (PaletteColor::Green, [0x44, 0xcf, 0x6e]),
    (PaletteColor::Teal, [0x00, 0xbf, 0xbc]),
    (PaletteColor::Teal, [0x53, 0xdf, 0xdd]),
    (PaletteColor::Purple, [0x78, 0x52, 0xee]),
    (PaletteColor::Purple, [0xa8, 0x82, 0xff]),
    (PaletteColor::Blue, [0x08, 0x6d, 0xdd]),
    (PaletteColor::Blue, [0x02, 0x7a, 0xff]),
    (PaletteColor::Pink, [0xd5, 0x39, 0x84]),
    (PaletteColor::Pink, [0xfa, 0x99, 0xcd]),
];

/// A palette colour as a canvas colour: a preset where there is one, the fill as hex where there
/// is not, nothing for white (the plain card).
fn canvas_color(color: PaletteColor) -> Option<String> {
    let preset = match color {
        PaletteColor::Red => "1",
        PaletteColor::Orange => "2",
        PaletteColor::Yellow => "3",
        PaletteColor::Green => "4",
        PaletteColor::Teal => "5",
        PaletteColor::Purple => "6",
        PaletteColor::White => return None,
        PaletteColor::Pink | PaletteColor::Blue | PaletteColor::Grey => {
            let [r, g, b] = FILLS
                .iter()
                .find(|(palette, _)| *palette == color)
                .map_or([0xff; 3], |(_, rgb)| *rgb);
            return Some(format!("#{r:02X}{g:02X}{b:02X}"));
        }
    };
    Some(preset.to_owned())
}

/// The palette colour for a canvas colour: a preset's, or the nearest to a hex colour
/// (`#RRGGBB` or `#RGB`); `None` for anything else.
fn palette_color(text: &str) -> Option<PaletteColor> {
    let preset = match text.trim() {
        "1" => PaletteColor::Red,
        "2" => PaletteColor::Orange,
        "3" => PaletteColor::Yellow,
        "4" => PaletteColor::Green,
        "5" => PaletteColor::Teal,
        "6" => PaletteColor::Purple,
        other => return parse_hex(other).map(nearest_color),
    };
    Some(preset)
}

/// The red, green and blue of `#RRGGBB` or `#RGB`.
fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |range: std::ops::Range<usize>| {
        let value = u8::from_str_radix(digits.get(range.clone())?, 16).ok()?;
        Some(if range.len() == 1 { value * 17 } else { value })
    };
    match digits.len() {
        6 => Some([channel(0..2)?, channel(2..4)?, channel(4..6)?]),
        3 => Some([channel(0..1)?, channel(1..2)?, channel(2..3)?]),
        _ => None,
    }
}

/// The palette colour nearest to `rgb`, by the "redmean" distance (a cheap approximation of how
/// different two colours look).
fn nearest_color(rgb: [u8; 3]) -> PaletteColor {
    let distance = |other: [u8; 3]| {
        let [r1, g1, b1] = rgb.map(f32::from);
        let [r2, g2, b2] = other.map(f32::from);
        let red_mean = f32::midpoint(r1, r2);
        let (dr, dg, db) = (r1 - r2, g1 - g2, b1 - b2);
        (2.0 + red_mean / 256.0) * dr * dr
            + 4.0 * dg * dg
            + (2.0 + (255.0 - red_mean) / 256.0) * db * db
    };
    FILLS
        .iter()
        .chain(APP_COLORS.iter())
        .min_by(|a, b| distance(a.1).total_cmp(&distance(b.1)))
        .map_or(PaletteColor::White, |(color, _)| *color)
}

// ---------------------------------------------------------------------------------------------
// Reading a canvas: the file's shape, read field by field so that unknown fields are named.

/// A canvas as read, before it becomes a board.
#[derive(Default)]
struct Canvas {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    /// Top-level fields JSON Canvas does not have.
    unknown: Vec<String>,
}

/// A node as read, with the fields its type has.
struct Node {
    id: String,
    body: Body,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    color: Option<String>,
    /// Fields JSON Canvas does not have.
    unknown: Vec<String>,
    /// Fields of other node types.
    foreign: Vec<&'static str>,
}

/// What a node holds, by its type.
enum Body {
    Text(String),
    File {
        file: String,
        subpath: Option<String>,
    },
    Link(String),
    Group {
        label: Option<String>,
        background: bool,
    },
    /// A type JSON Canvas 1.0 does not have.
    Unknown(String),
}

impl Body {
    /// The type's name, as the file writes it.
    fn name(&self) -> &str {
        match self {
            Self::Text(_) => "text",
            Self::File { .. } => "file",
            Self::Link(_) => "link",
            Self::Group { .. } => "group",
            Self::Unknown(name) => name,
        }
    }
}

/// An edge as read.
struct Edge {
    id: String,
    from: String,
    to: String,
    from_end: Option<String>,
    to_end: Option<String>,
    color: Option<String>,
    label: Option<String>,
    /// Fields JSON Canvas does not have.
    unknown: Vec<String>,
}

/// A number in the file: any JSON number is read, not only whole ones.
struct Number(f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Number, E> {
                Ok(Number(value as f64))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Number, E> {
                Ok(Number(value as f64))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Number, E> {
                Ok(Number(value))
            }
        }
        deserializer.deserialize_f64(NumberVisitor)
    }
}

/// A list in the file (a JSON array) of nodes or edges.
struct List<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list (a JSON array)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut list = Vec::new();
                while let Some(element) = seq.next_element()? {
                    list.push(element);
                }
                Ok(List(list))
            }
        }
        deserializer.deserialize_seq(ListVisitor(std::marker::PhantomData))
    }
}

/// Stores a field's value; a field given twice is an error.
fn put<T, E: de::Error>(slot: &mut Option<T>, field: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(field));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de> Deserialize<'de> for Canvas {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CanvasVisitor;
        impl<'de> Visitor<'de> for CanvasVisitor {
            type Value = Canvas;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON Canvas: an object with a list of \"nodes\" and of \"edges\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Canvas, A::Error> {
                let (mut nodes, mut edges) = (None, None);
                let mut unknown = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "nodes" => {
                            let list = map.next_value::<Option<List<Node>>>()?;
                            put(&mut nodes, "nodes", list)?;
                        }
                        "edges" => {
                            let list = map.next_value::<Option<List<Edge>>>()?;
                            put(&mut edges, "edges", list)?;
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            unknown.push(key);
                        }
                    }
                }
                Ok(Canvas {
                    nodes: nodes.flatten().map(|list| list.0).unwrap_or_default(),
                    edges: edges.flatten().map(|list| list.0).unwrap_or_default(),
                    unknown,
                })
            }
        }
        deserializer.deserialize_map(CanvasVisitor)
    }
}

/// A node's fields as they come, before its type says which it must have.
#[derive(Default)]
struct RawNode {
    id: Option<String>,
    kind: Option<String>,
    x: Option<f64>,
    y: Option<f64>,
    width: Option<f64>,
    height: Option<f64>,
    color: Option<String>,
    text: Option<String>,
    file: Option<String>,
    subpath: Option<String>,
    url: Option<String>,
    label: Option<String>,
    background: Option<String>,
    background_style: Option<String>,
    unknown: Vec<String>,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a node: an object with an id, a type, x, y, width and height")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut raw = RawNode::default();
                while let Some(key) = map.next_key::<String>()? {
                    read_node_field(&mut raw, key, &mut map)?;
                }
                raw.into_node().map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_map(NodeVisitor)
    }
}

/// Reads the value of one field of a node into `raw`.
fn read_node_field<'de, A: MapAccess<'de>>(
    raw: &mut RawNode,
    key: String,
    map: &mut A,
) -> Result<(), A::Error> {
    let number = |map: &mut A| map.next_value::<Number>().map(|number| number.0);
    let text = |map: &mut A| map.next_value::<Option<String>>();
    match key.as_str() {
        "id" => put(&mut raw.id, "id", map.next_value::<String>()?),
        "type" => put(&mut raw.kind, "type", map.next_value::<String>()?),
        "x" => put(&mut raw.x, "x", number(map)?),
        "y" => put(&mut raw.y, "y", number(map)?),
        "width" => put(&mut raw.width, "width", number(map)?),
        "height" => put(&mut raw.height, "height", number(map)?),
        "color" => put_some(&mut raw.color, "color", text(map)?),
        "text" => put_some(&mut raw.text, "text", text(map)?),
        "file" => put_some(&mut raw.file, "file", text(map)?),
        "subpath" => put_some(&mut raw.subpath, "subpath", text(map)?),
        "url" => put_some(&mut raw.url, "url", text(map)?),
        "label" => put_some(&mut raw.label, "label", text(map)?),
        "background" => put_some(&mut raw.background, "background", text(map)?),
        "backgroundStyle" => put_some(&mut raw.background_style, "backgroundStyle", text(map)?),
        _ => {
            map.next_value::<IgnoredAny>()?;
            raw.unknown.push(key);
            Ok(())
        }
    }
}

/// Stores an optional field's value when it is not `null`.
fn put_some<E: de::Error>(
    slot: &mut Option<String>,
    field: &'static str,
    value: Option<String>,
) -> Result<(), E> {
    value.map_or(Ok(()), |value| put(slot, field, value))
}

impl RawNode {
    /// The node, with the fields its type has; a message naming the node and the field when a
    /// field it must have is missing.
    fn into_node(mut self) -> Result<Node, String> {
        let Some(id) = self.id.take() else {
            return Err("a node has no \"id\"".to_owned());
        };
        let Some(kind) = self.kind.take() else {
            return Err(format!("node {} has no \"type\"", quoted(&id)));
        };
        let missing = |field: &str| format!("{kind} node {} has no \"{field}\"", quoted(&id));
        let mut foreign = Vec::new();
        let body = match kind.as_str() {
            "text" => Body::Text(self.text.take().ok_or_else(|| missing("text"))?),
            "file" => Body::File {
                file: self.file.take().ok_or_else(|| missing("file"))?,
                subpath: self.subpath.take(),
            },
            "link" => Body::Link(self.url.take().ok_or_else(|| missing("url"))?),
            "group" => {
                self.background_style = None;
                Body::Group {
                    label: self.label.take(),
                    background: self.background.take().is_some(),
                }
            }
            _ => {
                return Ok(Node {
                    body: Body::Unknown(kind),
                    ..Node::unplaced(id)
                });
            }
        };
        let fields = [
            ("text", self.text.is_some()),
            ("file", self.file.is_some()),
            ("subpath", self.subpath.is_some()),
            ("url", self.url.is_some()),
            ("label", self.label.is_some()),
            ("background", self.background.is_some()),
            ("backgroundStyle", self.background_style.is_some()),
        ];
        foreign.extend(
            fields
                .into_iter()
                .filter(|(_, set)| *set)
                .map(|(name, _)| name),
        );
        let (Some(x), Some(y)) = (self.x, self.y) else {
            return Err(missing(if self.x.is_none() { "x" } else { "y" }));
        };
        let (Some(width), Some(height)) = (self.width, self.height) else {
            return Err(missing(if self.width.is_none() {
                "width"
            } else {
                "height"
            }));
        };
        Ok(Node {
            id,
            body,
            x,
            y,
            width,
            height,
            color: self.color,
            unknown: self.unknown,
            foreign,
        })
    }
}

impl Node {
    /// A node with only an id, for a type that is left out.
    fn unplaced(id: String) -> Self {
        Self {
            id,
            body: Body::Unknown(String::new()),
            x: 0.0,
            y: 0.0,
            width: 0.0,
            height: 0.0,
            color: None,
            unknown: Vec::new(),
            foreign: Vec::new(),
        }
    }
}

impl<'de> Deserialize<'de> for Edge {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EdgeVisitor;
        impl<'de> Visitor<'de> for EdgeVisitor {
            type Value = Edge;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an edge: an object with an id, \"fromNode\" and \"toNode\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Edge, A::Error> {
                read_edge(&mut map)
            }
        }
        deserializer.deserialize_map(EdgeVisitor)
    }
}

/// Reads an edge's fields; a message naming the edge and the field when one it must have is
/// missing.
fn read_edge<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Edge, A::Error> {
    let (mut id, mut from, mut to) = (None, None, None);
    let (mut from_end, mut to_end, mut color, mut label) = (None, None, None, None);
    let (mut from_side, mut to_side) = (None, None);
    let mut unknown = Vec::new();
    while let Some(key) = map.next_key::<String>()? {
        let text = |map: &mut A| map.next_value::<Option<String>>();
        match key.as_str() {
            "id" => put(&mut id, "id", map.next_value::<String>()?)?,
            "fromNode" => put(&mut from, "fromNode", map.next_value::<String>()?)?,
            "toNode" => put(&mut to, "toNode", map.next_value::<String>()?)?,
            "fromSide" => put_some(&mut from_side, "fromSide", text(map)?)?,
            "toSide" => put_some(&mut to_side, "toSide", text(map)?)?,
            "fromEnd" => put_some(&mut from_end, "fromEnd", text(map)?)?,
            "toEnd" => put_some(&mut to_end, "toEnd", text(map)?)?,
            "color" => put_some(&mut color, "color", text(map)?)?,
            "label" => put_some(&mut label, "label", text(map)?)?,
            _ => {
                map.next_value::<IgnoredAny>()?;
                unknown.push(key);
            }
        }
    }
    let Some(id) = id else {
        return Err(de::Error::custom("an edge has no \"id\""));
    };
    let missing =
        |field: &str| de::Error::custom(format!("edge {} has no \"{field}\"", quoted(&id)));
    let from = from.ok_or_else(|| missing("fromNode"))?;
    let to = to.ok_or_else(|| missing("toNode"))?;
    Ok(Edge {
        id,
        from,
        to,
        from_end,
        to_end,
        color,
        label,
        unknown,
    })
}

// ---------------------------------------------------------------------------------------------
// Import: a canvas as a board.

/// A board from the text of a canvas, titled `title`, and a warning for each part that was left
/// out, skipped or repaired (see the module docs).
pub fn board_from_canvas(text: &str, title: &str) -> Result<(Board, Vec<String>), CanvasError> {
    let bytes = text.len() as u64;
    if bytes > MAX_FILE_BYTES {
        return Err(CanvasError::TooLarge { bytes });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CanvasError::Empty);
    }
    let canvas: Canvas = serde_json::from_str(text).map_err(|error| json_error(text, &error))?;
    let mut warnings = Warnings::default();
    for field in &canvas.unknown {
        warnings.skipped_field("the canvas", "", field);
    }
    let mut ids = Ids::new(text, &canvas);
    let (items, placed) = items_from_nodes(canvas.nodes, &mut ids, &mut warnings);
    let connectors = connectors_from_edges(canvas.edges, &placed, &mut ids, &mut warnings);
    let (board, repairs) =
        board_from_parts_repaired(title.to_owned(), items, connectors, Vec::new())?;
    for repair in repairs {
        warnings.push(repair);
    }
    Ok((board, warnings.finish()))
}

/// A board from the canvas file at `path`, titled with the file's name (without `.canvas`), and
/// the warnings of [`board_from_canvas`]. A file over [`MAX_FILE_BYTES`] is refused before it is
/// read, and so is anything that is not an ordinary file.
pub fn load_canvas(path: &Path) -> Result<(Board, Vec<String>), CanvasError> {
    let metadata = std::fs::metadata(path).map_err(CanvasError::Io)?;
    if !metadata.is_file() {
        return Err(CanvasError::NotAFile);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(CanvasError::TooLarge {
            bytes: metadata.len(),
        });
    }
    let file = std::fs::File::open(path).map_err(CanvasError::Io)?;
    let mut bytes = Vec::new();
    // The file may have grown since we looked: read one byte past the limit, never more.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(CanvasError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(CanvasError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let text = std::str::from_utf8(&bytes).map_err(|error| {
        let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        CanvasError::NotUtf8 {
            position: Position::at_byte(valid, valid.len()),
        }
    })?;
    let title = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    board_from_canvas(text, &title)
}

/// A JSON reader's error as a [`CanvasError`], with the line and column in characters.
fn json_error(text: &str, error: &serde_json::Error) -> CanvasError {
    let position = position_of(text, error.line(), error.column());
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let bare = full.strip_suffix(&suffix).unwrap_or(&full);
    let bare = clip(bare, MESSAGE_CHARS);
    match error.classify() {
        serde_json::error::Category::Eof => CanvasError::Syntax {
            position,
            message: format!("the canvas ends too early; the file may have been cut off ({bare})"),
        },
        serde_json::error::Category::Syntax if bare.starts_with("recursion limit") => {
            CanvasError::Syntax {
                position,
                message: "lists and objects are nested too deeply".to_owned(),
            }
        }
        serde_json::error::Category::Syntax => CanvasError::Syntax {
            position,
            message: format!("this is not valid JSON: {bare}"),
        },
        serde_json::error::Category::Data | serde_json::error::Category::Io => {
            CanvasError::WrongShape {
                position,
                message: bare,
            }
        }
    }
}

/// The position of the JSON reader's `line` and `column` (in bytes, 1-based) in `text`, with the
/// column counted in characters; the end of the text for an error without a place.
fn position_of(text: &str, line: usize, column: usize) -> Position {
    if line == 0 {
        return Position::at_byte(text, text.len());
    }
    let line_start = match line.checked_sub(2) {
        None => 0,
        Some(newlines) => text
            .match_indices('\n')
            .nth(newlines)
            .map_or(text.len(), |(at, _)| at + 1),
    };
    Position::at_byte(text, line_start.saturating_add(column.saturating_sub(1)))
}

/// A text from the canvas for a message: quoted, escaped, cut to [`QUOTED_CHARS`] characters.
fn quoted(text: &str) -> String {
    format!("{:?}", clip(text, QUOTED_CHARS))
}

/// `text` cut to `max_chars` characters, with `…` when cut.
fn clip(text: &str, max_chars: usize) -> String {
    let mut chars = text.chars();
    let mut clipped: String = chars.by_ref().take(max_chars).collect();
    if chars.next().is_some() {
        clipped.push('…');
    }
    clipped
}

/// The ids an import gives: a node's or edge's own when it is 16 hex digits and not taken,
/// otherwise fresh ones that no id in the canvas has.
struct Ids {
    generator: IdGen,
    /// Every item id the canvas spells, and every one given.
    items: HashSet<ItemId>,
    /// Every connector id the canvas spells, and every one given.
    connectors: HashSet<ConnectorId>,
    /// The ids given so far.
    given_items: HashSet<ItemId>,
    given_connectors: HashSet<ConnectorId>,
}

impl Ids {
    /// Ids for this canvas; the fresh ones follow from its text, so importing the same canvas
    /// twice gives the same board, and different canvases different ids.
    fn new(text: &str, canvas: &Canvas) -> Self {
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(text.as_bytes());
        Self {
            generator: IdGen::seeded(hasher.finish()),
            items: canvas
                .nodes
                .iter()
                .filter_map(|n| n.id.parse().ok())
                .collect(),
            connectors: canvas
                .edges
                .iter()
                .filter_map(|e| e.id.parse().ok())
                .collect(),
            given_items: HashSet::new(),
            given_connectors: HashSet::new(),
        }
    }

    fn item(&mut self, spelled: &str) -> ItemId {
        let id = match spelled.parse::<ItemId>() {
            Ok(id) if !self.given_items.contains(&id) => id,
            _ => {
                let id = self.generator.item_id(|id| self.items.contains(&id));
                self.items.insert(id);
                id
            }
        };
        self.given_items.insert(id);
        id
    }

    fn connector(&mut self, spelled: &str) -> ConnectorId {
        let id = match spelled.parse::<ConnectorId>() {
            Ok(id) if !self.given_connectors.contains(&id) => id,
            _ => {
                let id = self
                    .generator
                    .connector_id(|id| self.connectors.contains(&id));
                self.connectors.insert(id);
                id
            }
        };
        self.given_connectors.insert(id);
        id
    }
}

/// Warnings as they are gathered: skipped fields are counted by name, so a field every node of
/// a canvas has gives one warning, not thousands.
#[derive(Default)]
struct Warnings {
    /// Skipped fields in the order first met: where, the field, the first owner, how many.
    skipped: Vec<(String, String, String, usize)>,
    skipped_at: HashMap<(String, String), usize>,
    lines: Vec<String>,
}

impl Warnings {
    fn push(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    /// A field that was skipped, on `owner` (a node or edge id; empty for the canvas itself),
    /// which is a `place` ("node", "text node", "edge", "the canvas").
    fn skipped_field(&mut self, place: &str, owner: &str, field: &str) {
        let key = (place.to_owned(), field.to_owned());
        if let Some(&at) = self.skipped_at.get(&key) {
            if let Some(entry) = self.skipped.get_mut(at) {
                entry.3 += 1;
            }
            return;
        }
        self.skipped_at.insert(key, self.skipped.len());
        let entry = (place.to_owned(), field.to_owned(), owner.to_owned(), 1);
        self.skipped.push(entry);
    }

    /// Every warning, skipped fields first, at most [`MAX_WARNINGS`].
    fn finish(self) -> Vec<String> {
        let skipped = self.skipped.into_iter().map(|(place, field, owner, count)| {
            let field = quoted(&field);
            let owner = if owner.is_empty() {
                String::new()
            } else {
                format!(" {}", quoted(&owner))
            };
            let more = match count {
                1 => String::new(),
                2 => " and 1 more".to_owned(),
                n => format!(" and {} more", n - 1),
            };
            match place.strip_suffix(" node") {
                Some(kind) => format!(
                    "{place}{owner}{more} had the field {field}, which {kind} nodes do not \
                     have; it was skipped"
                ),
                None => format!(
                    "{place}{owner}{more} had the field {field}, which JSON Canvas 1.0 does not \
                     have; it was skipped"
                ),
            }
        });
        let mut all: Vec<String> = skipped.chain(self.lines).collect();
        if all.len() > MAX_WARNINGS {
            let left_off = all.len() - (MAX_WARNINGS - 1);
            all.truncate(MAX_WARNINGS - 1);
            all.push(format!("… and {left_off} more warnings"));
        }
        all
    }
}

/// Where each node of the canvas went: its item, and whether that is a frame.
type Placed = HashMap<String, (ItemId, bool)>;

/// The items for the nodes, in the canvas's order (bottom first), and where each node went.
fn items_from_nodes(
    nodes: Vec<Node>,
    ids: &mut Ids,
    warnings: &mut Warnings,
) -> (Vec<Item>, Placed) {
    let mut items = Vec::with_capacity(nodes.len());
    let mut placed = Placed::new();
    let mut z = ZKey::middle();
    let mut frame_order = 0_u32;
    for node in nodes {
        for field in &node.unknown {
            warnings.skipped_field("node", &node.id, field);
        }
        for field in &node.foreign {
            warnings.skipped_field(&format!("{} node", node.body.name()), &node.id, field);
        }
        if let Body::Unknown(kind) = &node.body {
            warnings.push(format!(
                "node {} has the type {}, which JSON Canvas 1.0 does not have; it was left out",
                quoted(&node.id),
                quoted(kind)
            ));
            continue;
        }
        let id = ids.item(&node.id);
        if placed.contains_key(&node.id) {
            warnings.push(format!(
                "two nodes have the id {}; edges go to the first, the second is on the board \
                 with a new id",
                quoted(&node.id)
            ));
        }
        if let Body::Group { .. } = node.body {
            frame_order = frame_order.saturating_add(1);
        }
        let item = item_from_node(&node, id, &z, frame_order, warnings);
        z = z.after();
        placed
            .entry(node.id)
            .or_insert((id, item.as_frame().is_some()));
        items.push(item);
    }
    put_in_groups(&mut items, warnings);
    (items, placed)
}

/// The item for one node.
fn item_from_node(
    node: &Node,
    id: ItemId,
    z: &ZKey,
    frame_order: u32,
    warnings: &mut Warnings,
) -> Item {
    let color = node_color(node, warnings);
    let as_note =
        |text: String| Item::note(id, Point::default(), z.clone(), color, text).fitting_text();
    let mut item = match &node.body {
        Body::Text(text) => as_note(text.clone()),
        Body::File { file, subpath } => as_note(format!(
            "File: {file}{}",
            subpath.as_deref().unwrap_or_default()
        )),
        Body::Link(url) => as_note(url.clone()),
        Body::Group { label, background } => {
            if *background {
                warnings.push(format!(
                    "group {} has a background image; frames have none, so the image was left out",
                    quoted(&node.id)
                ));
            }
            let owner = format!("group {}", quoted(&node.id));
            let title = on_one_line(label.as_deref().unwrap_or_default(), &owner, warnings);
            let frame = Frame::new(title, frame_order);
            let mut item = Item::frame(id, Point::default(), Item::FRAME_SIZE, z.clone(), frame);
            item.color = color;
            item
        }
        Body::Unknown(_) => as_note(String::new()),
    };
    place(&mut item, node, warnings);
    item
}

/// The palette colour for a node's colour: white when it has none, or one that is neither a
/// preset nor a hex colour (with a warning).
fn node_color(node: &Node, warnings: &mut Warnings) -> PaletteColor {
    let Some(text) = node.color.as_deref() else {
        return PaletteColor::White;
    };
    palette_color(text).unwrap_or_else(|| {
        warnings.push(format!(
            "node {} has the colour {}, which is neither a preset (\"1\" to \"6\") nor \
             \"#RRGGBB\"; it is white",
            quoted(&node.id),
            quoted(text)
        ));
        PaletteColor::White
    })
}

/// Puts the item where the node is, repairing a position off the board and a size that cannot
/// be drawn as live-session boards are repaired (`storage::board_from_parts_repaired`), with a
/// warning for each.
fn place(item: &mut Item, node: &Node, warnings: &mut Warnings) {
    let limit = f64::from(MAX_COORDINATE);
    let on_board = |value: f64| {
        if value.is_nan() {
            0.0
        } else {
            value.clamp(-limit, limit) as f32
        }
    };
    item.pos = Point::new(on_board(node.x), on_board(node.y));
    let written = Point::new(node.x as f32, node.y as f32);
    if written.off_board().is_some() {
        warnings.push(format!(
            "node {}: its position ({}, {}) is not a place on the board (the limit is ±{}); it \
             was moved to ({}, {})",
            quoted(&node.id),
            number(node.x),
            number(node.y),
            MAX_COORDINATE,
            item.pos.x,
            item.pos.y
        ));
    }
    let size = Size::new(node.width as f32, node.height as f32);
    if size.undrawable().is_none() {
        item.size = size;
        return;
    }
    item.size = item.kind.usual_size();
    warnings.push(format!(
        "node {}: its size {} × {} cannot be drawn (a size is more than 0 and at most {}); it \
         now has the usual size of a {}, {} × {}",
        quoted(&node.id),
        number(node.width),
        number(node.height),
        MAX_ITEM_SIZE,
        item.kind.name(),
        item.size.width,
        item.size.height
    ));
}

/// A number from the canvas for a message: as written when short, in scientific notation
/// when it has more than a dozen digits (`1e300`, not three hundred digits).
fn number(value: f64) -> String {
    if value.abs() < 1e12 {
        value.to_string()
    } else {
        format!("{value:e}")
    }
}

/// `text` on one line, with a warning naming the node or edge (`owner`) when it had line
/// breaks: frame titles and connector labels are one line on a board.
fn on_one_line(text: &str, owner: &str, warnings: &mut Warnings) -> String {
    match one_line(text) {
        None => text.to_owned(),
        Some(line) => {
            warnings.push(format!(
                "{owner}: its label had line breaks or other control characters; they became \
                 spaces"
            ));
            line
        }
    }
}

/// Puts each item into the innermost group its centre lies in: of the groups holding the
/// centre, the one with the smallest area (the one listed later, on top, between groups of the
/// same area). A group only goes into a strictly larger group, so no group ends up inside
/// itself, and groups stacked at one spot stay side by side.
fn put_in_groups(items: &mut [Item], warnings: &mut Warnings) {
    let groups: Vec<Item> = items
        .iter()
        .filter(|item| item.as_frame().is_some())
        .cloned()
        .collect();
    if groups.is_empty() {
        return;
    }
    // The groups on a board of their own, for its spatial index: finding the groups at a point
    // then looks only at the groups near it.
    let Ok(index) = Board::from_parts("", groups, []) else {
        return;
    };
    let listed: HashMap<ItemId, usize> = items
        .iter()
        .enumerate()
        .map(|(at, item)| (item.id, at))
        .collect();
    let rank = |item: &Item| (area(item), Reverse(listed.get(&item.id).copied()));
    let mut budget =
        MEMBERSHIP_BUDGET.saturating_add(items.len().saturating_mul(MEMBERSHIP_PER_ITEM));
    let mut unsorted = 0_usize;
    let mut parents = Vec::with_capacity(items.len());
    for item in items.iter() {
        let centre = item.center();
        // Each group found counts, and so does the search (it may walk every group).
        let holders = (budget > 0).then(|| index.items_in(centre, centre));
        let Some(holders) = holders.filter(|holders| holders.len() < budget) else {
            budget = 0;
            unsorted += 1;
            parents.push(None);
            continue;
        };
        budget -= holders.len() + 1;
        let inner = holders
            .into_iter()
            .filter(|group| group.id != item.id && group.contains(centre))
            .filter(|group| item.as_frame().is_none() || area(group) > area(item))
            .min_by(|a, b| {
                let (a, b) = (rank(a), rank(b));
                a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
            });
        parents.push(inner.map(|group| group.id));
    }
    for (item, parent) in items.iter_mut().zip(parents) {
        item.parent = parent;
    }
    if unsorted > 0 {
        warnings.push(format!(
            "the canvas has too many groups on top of one another to work out which group \
             holds what; {unsorted} items were left outside groups"
        ));
    }
    keep_groups_shallow(items, warnings);
}

/// The area an item covers, in square board units.
fn area(item: &Item) -> f64 {
    f64::from(item.size.width) * f64::from(item.size.height)
}

/// Takes out of its group each group that would be more than [`MAX_GROUP_DEPTH`] groups deep,
/// with one warning: no workshop nests deeper, and checking a board's frames takes time that
/// grows with their depth.
fn keep_groups_shallow(items: &mut [Item], warnings: &mut Warnings) {
    // A group's group is larger than it, so largest first meets every group after its group.
    let mut groups: Vec<&mut Item> = items
        .iter_mut()
        .filter(|item| item.as_frame().is_some())
        .collect();
    groups.sort_by(|a, b| area(b).total_cmp(&area(a)));
    let mut depths: HashMap<ItemId, usize> = HashMap::with_capacity(groups.len());
    let mut flattened = 0_usize;
    for group in groups {
        let outer = group.parent.and_then(|parent| depths.get(&parent).copied());
        let depth = outer.map_or(0, |outer| outer + 1);
        let depth = if depth > MAX_GROUP_DEPTH || (group.parent.is_some() && outer.is_none()) {
            flattened += 1;
            group.parent = None;
            0
        } else {
            depth
        };
        depths.insert(group.id, depth);
    }
    if flattened > 0 {
        warnings.push(format!(
            "{flattened} groups were nested more than {MAX_GROUP_DEPTH} deep; they are frames \
             of their own, in no frame"
        ));
    }
}

/// The connectors for the edges whose two nodes are cards on the board.
fn connectors_from_edges(
    edges: Vec<Edge>,
    placed: &Placed,
    ids: &mut Ids,
    warnings: &mut Warnings,
) -> Vec<Connector> {
    let mut connectors = Vec::with_capacity(edges.len());
    let mut coloured = 0_usize;
    for edge in edges {
        for field in &edge.unknown {
            warnings.skipped_field("edge", &edge.id, field);
        }
        let ends = [&edge.from, &edge.to].map(|node| (node, placed.get(node.as_str())));
        let (from, to) = match ends {
            [(_, Some(&(from, false))), (_, Some(&(to, false)))] if from != to => (from, to),
            [(_, Some(_)), (_, Some(_))] if edge.from == edge.to => {
                warnings.push(format!(
                    "edge {} goes from node {} to itself; it was left out",
                    quoted(&edge.id),
                    quoted(&edge.from)
                ));
                continue;
            }
            [(node, None), _] | [_, (node, None)] => {
                warnings.push(format!(
                    "edge {} goes to node {}, which is not on the canvas or was left out; the \
                     edge was left out",
                    quoted(&edge.id),
                    quoted(node)
                ));
                continue;
            }
            _ => {
                warnings.push(format!(
                    "edge {} joins a group; connectors join cards, not frames, so it was left \
                     out",
                    quoted(&edge.id)
                ));
                continue;
            }
        };
        let start = arrow_end(&edge, edge.from_end.as_deref(), false, warnings);
        let end = arrow_end(&edge, edge.to_end.as_deref(), true, warnings);
        let owner = format!("edge {}", quoted(&edge.id));
        let label = on_one_line(edge.label.as_deref().unwrap_or_default(), &owner, warnings);
        let mut connector = Connector::new(ids.connector(&edge.id), from, to).with_label(label);
        connector.props.arrows = match (start, end) {
            (false, true) => Arrows::To,
            (true, false) => Arrows::From,
            (true, true) => Arrows::Both,
            (false, false) => Arrows::None,
        };
        coloured += usize::from(edge.color.is_some());
        connectors.push(connector);
    }
    if coloured > 0 {
        warnings.push(format!(
            "{coloured} {} a colour; connectors on a board have none, so the colour was left out",
            if coloured == 1 {
                "edge has"
            } else {
                "edges have"
            }
        ));
    }
    connectors
}

/// Whether an edge's end has an arrow head: `"arrow"` or `"none"`, `default` when not given or
/// not one of those (with a warning).
fn arrow_end(edge: &Edge, end: Option<&str>, default: bool, warnings: &mut Warnings) -> bool {
    match end {
        None => default,
        Some("arrow") => true,
        Some("none") => false,
        Some(other) => {
            warnings.push(format!(
                "edge {} has the end {}, which is neither \"none\" nor \"arrow\"; it is drawn \
                 as {}",
                quoted(&edge.id),
                quoted(other),
                if default { "an arrow" } else { "no arrow" }
            ));
            default
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, CustomField};

    #[test]
    fn the_fills_are_the_themes() {
        for (color, rgb) in FILLS {
            let [r, g, b, _] = crate::ui::theme::fill(color).to_array();
            assert_eq!([r, g, b], rgb, "{color:?}");
        }
        let listed: HashSet<PaletteColor> = FILLS.iter().map(|(color, _)| *color).collect();
        assert_eq!(listed.len(), PaletteColor::ALL.len());
    }

    #[test]
    fn every_palette_colour_comes_back_as_itself() {
        for color in PaletteColor::ALL {
            let back = canvas_color(color).map_or(Some(PaletteColor::White), |c| palette_color(&c));
            assert_eq!(back, Some(color), "{color:?} as {:?}", canvas_color(color));
        }
    }

    #[test]
    fn hex_colours_go_to_the_nearest_palette_colour() {
        // Obsidian's own red and cyan, a pure blue, a dark grey, short hex.
        assert_eq!(palette_color("#fb464c"), Some(PaletteColor::Red));
        assert_eq!(palette_color("#53DFDD"), Some(PaletteColor::Teal));
        assert_eq!(palette_color("#0000ff"), Some(PaletteColor::Blue));
        assert_eq!(palette_color("#ccc"), Some(PaletteColor::Grey));
        assert_eq!(palette_color("#fff"), Some(PaletteColor::White));
        for bad in ["", "7", "red", "#12345", "#12345g", "#ééé", "#+12345"] {
            assert_eq!(palette_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_persona_is_markdown_with_its_marks_written_out() {
        let mut persona = Persona::named("Ana Petrović");
        persona.age = Entry::assumption("34");
        persona.quote = Entry::new("I lose a day\nevery time");
        persona.needs = vec![
            Entry::evidence("Book online", "interview 3"),
            Entry::default(),
        ];
        persona.digital_skills = Some(2);
        persona.channels = [Channel::Phone, Channel::Online].into();
        persona.custom = vec![CustomField {
            label: "Favourite app".into(),
            value: Entry::new("Viber"),
        }];
        let text = persona_markdown(&persona);
        assert_eq!(
            text,
            "# Ana Petrović\n\n- **Age:** 34 *(assumption)*\n- **Digital skills:** 2 of 5\n\
             - **Channels:** Online, Phone\n- **Favourite app:** Viber\n\n\
             > I lose a day\n> every time\n\n## Needs\n\n- Book online *(evidence: interview 3)*"
        );
    }

    #[test]
    fn markdown_in_a_map_node_shows_as_typed() {
        let node = MapNode {
            label: "*Civil* registry #1".into(),
            node_type: crate::model::NodeType::Custom("Office_of [x]".into()),
            description: "Line one\n- not a list".into(),
            ..MapNode::default()
        };
        assert_eq!(
            map_node_markdown(&node),
            "**\\*Civil\\* registry \\#1**\n\n*Office\\_of \\[x\\]*\n\nLine one\n- not a list"
        );
    }

    #[test]
    fn an_entry_of_several_lines_stays_in_its_list_item() {
        let mut out = String::new();
        section(
            &mut out,
            "Pain points",
            &[Entry::new("Queues\nat the office")],
        );
        assert_eq!(out, "\n## Pain points\n\n- Queues\n  at the office\n");
    }

    #[test]
    fn positions_are_counted_in_characters() {
        let text = "{\n  \"ё\": x";
        // serde_json counts bytes: "  \"ё\": x" has the x at byte 9, character 8.
        assert_eq!(position_of(text, 2, 9), Position { line: 2, column: 8 });
        assert_eq!(position_of(text, 0, 0), Position { line: 2, column: 9 });
        assert_eq!(position_of(text, 9, 99), Position { line: 2, column: 9 });
    }
}
