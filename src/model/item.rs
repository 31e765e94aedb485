//! Items: the things placed on a board.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::sketch::Sample;
use super::{
    EmpathyMap, Entry, EntryList, Frame, ItemId, Level, MapNode, PaletteColor, Persona, Point,
    Rect, Rings, Size, Stroke, StrokeTool, ZKey,
};

/// One thing on the board: where it is, how big, how it stacks and what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable unique id, generated once.
    pub id: ItemId,
    /// Top-left corner in board units.
    pub pos: Point,
    /// Width and height in board units.
    pub size: Size,
    /// Stacking order key; higher keys are drawn on top.
    pub z: ZKey,
    /// Fill colour from the board palette.
    pub color: PaletteColor,
    /// What kind of item this is, with its kind-specific data.
    pub kind: ItemKind,
    /// The frame this item is in, if any: it moves with that frame and is hidden while the
    /// frame is collapsed. Frames may be in frames too (a cluster inside a workshop stage).
    pub parent: Option<ItemId>,
}

/// The kind of an item and the data that only that kind has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ItemKind {
    /// A sticky note.
    Note(Note),
    /// A persona card: a structured profile of a citizen.
    Persona(Box<Persona>),
    /// An empathy map: says, thinks, does, feels, pains and gains of a persona.
    EmpathyMap(Box<EmpathyMap>),
    /// A node of a stakeholder or system map.
    MapNode(MapNode),
    /// A stakeholder-rings backdrop that map nodes sit on.
    Rings(Rings),
    /// An influence/interest grid backdrop: a node's place on it sets its influence and interest.
    InterestGrid,
    /// An impact/effort grid backdrop: a note's place on it sets its impact and effort.
    ImpactGrid,
    /// A named frame (section) holding other items.
    Frame(Frame),
    /// A line drawn by hand with the pen or the highlighter, in the item's colour.
    Stroke(Stroke),
}

impl ItemKind {
    /// The size a new item of this kind gets, also given to an item whose size in a file
    /// cannot be drawn.
    pub fn usual_size(&self) -> Size {
        match self {
            Self::Note(_) => Item::NOTE_SIZE,
            Self::Persona(_) => Item::PERSONA_SIZE,
            Self::EmpathyMap(_) => Item::EMPATHY_MAP_SIZE,
            Self::MapNode(_) => Item::MAP_NODE_SIZE,
            Self::Rings(_) | Self::InterestGrid | Self::ImpactGrid => Item::BACKDROP_SIZE,
            Self::Frame(_) => Item::FRAME_SIZE,
            Self::Stroke(stroke) => stroke.drawn,
        }
    }

    /// What this kind is called in messages and menus ("note", "map node", …).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Note(_) => "note",
            Self::Persona(_) => "persona card",
            Self::EmpathyMap(_) => "empathy map",
            Self::MapNode(_) => "map node",
            Self::Rings(_) => "stakeholder rings",
            Self::InterestGrid => "influence/interest grid",
            Self::ImpactGrid => "impact/effort grid",
            Self::Frame(_) => "frame",
            Self::Stroke(stroke) => stroke.tool.stroke_name(),
        }
    }

    /// The lists of entries this kind has (a persona's goals, needs…; an empathy map's
    /// sections), in display order.
    pub fn entry_lists(&self) -> &'static [EntryList] {
        match self {
            Self::Persona(_) => &EntryList::PERSONA,
            Self::EmpathyMap(_) => &EntryList::EMPATHY,
            Self::Note(_)
            | Self::MapNode(_)
            | Self::Rings(_)
            | Self::InterestGrid
            | Self::ImpactGrid
            | Self::Frame(_)
            | Self::Stroke(_) => &[],
        }
    }

    /// The entries of one list (empty when this kind has no such list).
    pub fn entries(&self, list: EntryList) -> &[Entry] {
        match self {
            Self::Persona(persona) => persona.list(list),
            Self::EmpathyMap(map) => map.list(list),
            Self::Note(_)
            | Self::MapNode(_)
            | Self::Rings(_)
            | Self::InterestGrid
            | Self::ImpactGrid
            | Self::Frame(_)
            | Self::Stroke(_) => &[],
        }
    }

    /// The entries of one list, to change; `None` when this kind has no such list.
    pub fn entries_mut(&mut self, list: EntryList) -> Option<&mut Vec<Entry>> {
        match self {
            Self::Persona(persona) => persona.list_mut(list),
            Self::EmpathyMap(map) => map.list_mut(list),
            Self::Note(_)
            | Self::MapNode(_)
            | Self::Rings(_)
            | Self::InterestGrid
            | Self::ImpactGrid
            | Self::Frame(_)
            | Self::Stroke(_) => None,
        }
    }
}

/// A sticky note: a short piece of text, such as an idea or an observation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The note's text; line breaks are kept.
    pub text: String,
    /// Whether the text's size follows the note: large for a few words, smaller for many, so
    /// it always fills the note and never hides.
    pub fit_text: bool,
    /// Dot votes, by voter: the facilitator's dots and each participant's are kept apart. A
    /// voter with no votes is left out.
    pub votes: BTreeMap<String, u32>,
    /// Where the note stands on an impact/effort grid: its impact, when placed.
    pub impact: Option<Level>,
    /// Where the note stands on an impact/effort grid: the effort it takes, when placed.
    pub effort: Option<Level>,
}

impl Note {
    /// The voter name of votes given from the board itself, by whoever runs it.
    pub const FACILITATOR: &'static str = "facilitator";
    /// The most voters a note can have votes from.
    pub const MAX_VOTERS: usize = 1000;
    /// The longest voter name, in characters.
    pub const MAX_VOTER_NAME: usize = 100;
    /// The most votes one voter can give one note.
    pub const MAX_VOTES: u32 = 99;

    /// A note with this text, at the normal text size.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// All the votes the note has, from everyone.
    pub fn total_votes(&self) -> u32 {
        self.votes.values().fold(0, |sum, &n| sum.saturating_add(n))
    }
}

impl Item {
    /// The default size of a new sticky note.
    pub const NOTE_SIZE: Size = Size::new(240.0, 200.0);
    /// The default size of a new persona card.
    pub const PERSONA_SIZE: Size = Size::new(520.0, 720.0);
    /// The default size of a new empathy map.
    pub const EMPATHY_MAP_SIZE: Size = Size::new(960.0, 720.0);
    /// The default size of a new map node.
    pub const MAP_NODE_SIZE: Size = Size::new(260.0, 150.0);
    /// The default size of a new backdrop (rings or grid).
    pub const BACKDROP_SIZE: Size = Size::new(1200.0, 1248.0);
    /// The default size of a new, empty frame.
    pub const FRAME_SIZE: Size = Size::new(1600.0, 1000.0);
    /// The space a frame made around items leaves on each side of them.
    pub const FRAME_PADDING: f32 = 48.0;
    /// The height of a backdrop's title strip, where it is picked up; the rest of a backdrop lets
    /// clicks through to the canvas so marquee selection works on top of it.
    pub const BACKDROP_HEADER: f32 = 48.0;
    /// How far from a stroke's line, in board units, a click still picks it, so a thin pen
    /// line can be clicked.
    pub const STROKE_PICK_TOLERANCE: f32 = 4.0;
    /// The smallest size an item can be resized to.
    pub const MIN_SIZE: Size = Size::new(60.0, 40.0);

    /// A new sticky note with its top-left corner at `pos`.
    pub fn note(
        id: ItemId,
        pos: Point,
        z: ZKey,
        color: PaletteColor,
        text: impl Into<String>,
    ) -> Self {
        Self {
            id,
            pos,
            size: Self::NOTE_SIZE,
            z,
            color,
            kind: ItemKind::Note(Note::new(text)),
            parent: None,
        }
    }

    /// This note with its text fitted to it ([`Note::fit_text`]), as notes people add are.
    #[must_use]
    pub fn fitting_text(mut self) -> Self {
        if let ItemKind::Note(note) = &mut self.kind {
            note.fit_text = true;
        }
        self
    }

    /// A new map node with its top-left corner at `pos`, coloured by its type.
    pub fn map_node(id: ItemId, pos: Point, z: ZKey, node: MapNode) -> Self {
        Self {
            id,
            pos,
            size: Self::MAP_NODE_SIZE,
            z,
            color: node.node_type.default_color(),
            kind: ItemKind::MapNode(node),
            parent: None,
        }
    }

    /// A new persona card with its top-left corner at `pos`.
    pub fn persona(id: ItemId, pos: Point, z: ZKey, color: PaletteColor, persona: Persona) -> Self {
        Self {
            id,
            pos,
            size: Self::PERSONA_SIZE,
            z,
            color,
            kind: ItemKind::Persona(Box::new(persona)),
            parent: None,
        }
    }

    /// A new empathy map with its top-left corner at `pos`.
    pub fn empathy_map(id: ItemId, pos: Point, z: ZKey, map: EmpathyMap) -> Self {
        Self {
            id,
            pos,
            size: Self::EMPATHY_MAP_SIZE,
            z,
            color: PaletteColor::White,
            kind: ItemKind::EmpathyMap(Box::new(map)),
            parent: None,
        }
    }

    /// A new frame covering `size` from its top-left corner at `pos`.
    pub fn frame(id: ItemId, pos: Point, size: Size, z: ZKey, frame: Frame) -> Self {
        Self {
            id,
            pos,
            size,
            z,
            color: PaletteColor::White,
            kind: ItemKind::Frame(frame),
            parent: None,
        }
    }

    /// A new backdrop (rings or grid) with its top-left corner at `pos`.
    pub fn backdrop(id: ItemId, pos: Point, z: ZKey, kind: ItemKind) -> Self {
        Self {
            id,
            pos,
            size: Self::BACKDROP_SIZE,
            z,
            color: PaletteColor::White,
            kind,
            parent: None,
        }
    }

    /// A new stroke through `samples` (board positions, as the pen reported them) drawn with
    /// `tool` in `color`: the item covers the samples' bounds grown by half the tool's width on
    /// every side (a one-sample dot is as wide as the line), and keeps the points relative to
    /// its top-left corner, rounded as files keep them. `None` when no sample is a place on the
    /// board.
    pub fn stroke(
        id: ItemId,
        samples: &[Sample],
        tool: StrokeTool,
        z: ZKey,
        color: PaletteColor,
    ) -> Option<Self> {
        let (pos, size, stroke) = super::stroke::place(samples, tool)?;
        Some(Self {
            id,
            pos,
            size,
            z,
            color,
            kind: ItemKind::Stroke(stroke),
            parent: None,
        })
    }

    /// The stroke data, if this item is a stroke.
    pub fn as_stroke(&self) -> Option<&Stroke> {
        match &self.kind {
            ItemKind::Stroke(stroke) => Some(stroke),
            _ => None,
        }
    }

    /// The item's main text: a note's text, a persona's name or a map node's label; empty for
    /// backdrops and strokes.
    pub fn text(&self) -> &str {
        match &self.kind {
            ItemKind::Note(note) => &note.text,
            ItemKind::Persona(persona) => &persona.name,
            ItemKind::EmpathyMap(map) => &map.goal,
            ItemKind::MapNode(node) => &node.label,
            ItemKind::Frame(frame) => &frame.title,
            ItemKind::Rings(_)
            | ItemKind::InterestGrid
            | ItemKind::ImpactGrid
            | ItemKind::Stroke(_) => "",
        }
    }

    /// Every piece of text on the item that search looks at: a note's text, a map node's name
    /// and description, every field of a persona.
    pub fn searchable_texts(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match &self.kind {
            ItemKind::Persona(persona) => Box::new(persona.texts()),
            ItemKind::EmpathyMap(map) => Box::new(map.texts()),
            ItemKind::MapNode(node) => {
                Box::new([node.label.as_str(), node.description.as_str()].into_iter())
            }
            ItemKind::Note(_)
            | ItemKind::Rings(_)
            | ItemKind::InterestGrid
            | ItemKind::ImpactGrid
            | ItemKind::Frame(_) => Box::new(std::iter::once(self.text())),
            ItemKind::Stroke(_) => Box::new(std::iter::empty()),
        }
    }

    /// The item's main text to change, if it has one.
    pub(crate) fn text_mut(&mut self) -> Option<&mut String> {
        match &mut self.kind {
            ItemKind::Note(note) => Some(&mut note.text),
            ItemKind::Persona(persona) => Some(&mut persona.name),
            ItemKind::EmpathyMap(map) => Some(&mut map.goal),
            ItemKind::MapNode(node) => Some(&mut node.label),
            ItemKind::Frame(frame) => Some(&mut frame.title),
            ItemKind::Rings(_)
            | ItemKind::InterestGrid
            | ItemKind::ImpactGrid
            | ItemKind::Stroke(_) => None,
        }
    }

    /// Whether the item is a backdrop that other items sit on: stakeholder rings, a grid or a
    /// frame. Backdrops are drawn under everything else and picked up by their title strip.
    pub fn is_backdrop(&self) -> bool {
        matches!(
            self.kind,
            ItemKind::Rings(_) | ItemKind::InterestGrid | ItemKind::ImpactGrid | ItemKind::Frame(_)
        )
    }

    /// Whether connectors start and end at this item: everything but backdrops, frames and
    /// strokes.
    pub fn connects(&self) -> bool {
        !self.is_backdrop() && !matches!(self.kind, ItemKind::Stroke(_))
    }

    /// Whether the item has a main text to type into (everything but rings, grids and
    /// strokes).
    pub fn has_text(&self) -> bool {
        !matches!(
            self.kind,
            ItemKind::Rings(_)
                | ItemKind::InterestGrid
                | ItemKind::ImpactGrid
                | ItemKind::Stroke(_)
        )
    }

    /// The frame data, if this item is a frame.
    pub fn as_frame(&self) -> Option<&Frame> {
        match &self.kind {
            ItemKind::Frame(frame) => Some(frame),
            _ => None,
        }
    }

    /// The size the item takes on the board: its own, except a collapsed frame, which is only
    /// its title strip.
    pub fn shown_size(&self) -> Size {
        match &self.kind {
            ItemKind::Frame(frame) if frame.collapsed => self.title_strip().size(),
            _ => self.size,
        }
    }

    /// Whether a click at `point` picks this item: anywhere inside for notes and nodes, only the
    /// title strip for backdrops and frames, and for a stroke only the line itself (within
    /// [`Item::STROKE_PICK_TOLERANCE`]), never the empty middle of a loop.
    pub fn picks(&self, point: Point) -> bool {
        if let ItemKind::Stroke(stroke) = &self.kind {
            // The board finds candidates by their rectangle, so nothing outside it is picked.
            return self.contains(point)
                && super::sketch::hits(
                    &stroke.outline_in(self.rect(), 1.0),
                    point,
                    Self::STROKE_PICK_TOLERANCE,
                );
        }
        if self.is_backdrop() {
            self.title_strip().contains(point)
        } else {
            self.contains(point)
        }
    }

    /// The rectangle the item covers on the board.
    pub fn rect(&self) -> Rect {
        Rect::at(self.pos, self.size)
    }

    /// The rectangle the item shows: its own, except a collapsed frame's, which is only its
    /// title strip.
    pub fn shown_rect(&self) -> Rect {
        Rect::at(self.pos, self.shown_size())
    }

    /// A backdrop's or frame's title strip, where it is picked up.
    pub fn title_strip(&self) -> Rect {
        Rect::at(
            self.pos,
            Size::new(self.size.width, Self::BACKDROP_HEADER.min(self.size.height)),
        )
    }

    /// The item's place in the z order: its z key, then its id (see
    /// [`super::Board::stacking_order`] for the order items are drawn in).
    pub fn z_order(&self) -> (&ZKey, ItemId) {
        (&self.z, self.id)
    }

    /// The centre of the item in board units.
    pub fn center(&self) -> Point {
        self.rect().center()
    }

    /// Whether `point` lies inside the item's rectangle (edges included).
    pub fn contains(&self, point: Point) -> bool {
        self.rect().contains(point)
    }
}
