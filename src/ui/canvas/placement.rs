//! Where new notes go: exactly under a double-click, or in the nearest free, visible spot.

use std::collections::BTreeSet;

use super::{CanvasState, TextEditing, frame_fill};
use crate::edit::Command;
use crate::model::{
    Board, Connector, IdGen, Item, ItemId, ItemKind, MapNode, PaletteColor, Point, Rect, Size, ZKey,
};

impl CanvasState {
    /// Where a paste chosen from the canvas's right-click menu goes (once), if one was.
    pub fn take_paste_spot(&mut self) -> Option<Point> {
        self.gesture.paste_at.take()
    }

    /// Where pasted things go: the pointer when it is over the canvas, else the middle of the view.
    pub fn paste_target(&self, ctx: &egui::Context) -> Point {
        ctx.input(|i| i.pointer.hover_pos())
            .filter(|&pos| self.view.viewport.contains(pos))
            .map_or(self.view.camera.center_in_board, |pos| {
                self.view.camera.board_from_screen(self.view.viewport, pos)
            })
    }

    /// One note per line, in a grid centred on `center_in_board`, as one step; selects them.
    pub fn paste_lines(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        lines: &[String],
        center_in_board: Point,
    ) -> Option<Command> {
        let size = Item::NOTE_SIZE;
        let columns = (lines.len() as f32).sqrt().ceil().clamp(1.0, 8.0) as usize;
        let rows = lines.len().div_ceil(columns);
        let step = (size.width + NOTE_GAP, size.height + NOTE_GAP);
        let top_left = Point::new(
            center_in_board.x - (columns as f32 * step.0 - NOTE_GAP) / 2.0,
            center_in_board.y - (rows as f32 * step.1 - NOTE_GAP) / 2.0,
        );
        let notes: Vec<Item> = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let pos =
                    top_left.offset((i % columns) as f32 * step.0, (i / columns) as f32 * step.1);
                // Ids and z keys are replaced by `insert_copies`.
                Item::note(
                    ItemId::from_raw(i as u64),
                    pos,
                    ZKey::middle(),
                    self.settings.new_note_color,
                    line.clone(),
                )
                .fitting_text()
            })
            .collect();
        self.insert_copies(board, ids, "Paste", notes, [], egui::Vec2::ZERO)
    }

    /// A new item beside the selected one, connected to it by an arrow, ready for typing.
    pub fn connected_note(&mut self, board: &Board, ids: &mut IdGen) -> Option<Command> {
        let from = self.single_selection()?;
        self.connected_item(board, ids, from, Spot::Auto)
    }

    /// One step that adds an item like `from` (a note, or a map node of the same type) at `spot`
    /// and an arrow to it from `from`; the new item is selected, ready for typing. Backdrops get
    /// no connected items.
    pub(super) fn connected_item(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        from: ItemId,
        spot: Spot,
    ) -> Option<Command> {
        let like = board.item(from).filter(|item| item.connects())?;
        let new_item = if let ItemKind::MapNode(node) = &like.kind {
            let template = MapNode {
                node_type: node.node_type.clone(),
                ..MapNode::default()
            };
            self.new_map_node(board, ids, template, spot)
        } else {
            self.note_at(board, ids, spot, None)
        };
        let Command::AddItem(item) = &new_item else {
            return Some(new_item);
        };
        let connector = Connector::new(
            ids.connector_id(|id| board.connector(id).is_some()),
            from,
            item.id,
        );
        Some(Command::Batch {
            label: "Add connected item",
            commands: vec![new_item, Command::AddConnector(Box::new(connector))],
        })
    }

    /// A new persona card beside the selection (or mid-view), selected, ready for its name.
    pub fn new_persona(&mut self, board: &Board, ids: &mut IdGen) -> Command {
        let pos = self.place_new(board, Item::PERSONA_SIZE, Spot::Auto);
        let id = ids.item_id(|id| board.item(id).is_some());
        let item = Item::persona(
            id,
            pos,
            board.z_above_all(),
            PaletteColor::Blue,
            crate::model::Persona::default(),
        );
        self.start_typing_new(id);
        Command::AddItem(Box::new(item))
    }

    /// A new empathy map: beside the selected persona and about it (its first goal as the map's
    /// goal), or on its own mid-view. Selected, ready for its goal to be typed.
    pub fn new_empathy_map(&mut self, board: &Board, ids: &mut IdGen) -> Command {
        let persona = self
            .single_selection()
            .and_then(|id| board.item(id))
            .and_then(|item| match &item.kind {
                ItemKind::Persona(persona) => Some((item.id, persona.goals.first())),
                _ => None,
            });
        let map = crate::model::EmpathyMap {
            persona: persona.map(|(id, _)| id),
            goal: persona
                .and_then(|(_, goal)| goal)
                .map(|goal| goal.text.clone())
                .unwrap_or_default(),
            ..crate::model::EmpathyMap::default()
        };
        let pos = self.place_new(board, Item::EMPATHY_MAP_SIZE, Spot::Auto);
        let id = ids.item_id(|id| board.item(id).is_some());
        let item = Item::empathy_map(id, pos, board.z_above_all(), map);
        self.selection.items = BTreeSet::from([id]);
        Command::AddItem(Box::new(item))
    }

    /// A new map node at `spot`, selected and ready for its name to be typed.
    pub fn new_map_node(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        node: MapNode,
        spot: Spot,
    ) -> Command {
        let pos = self.place_new(board, Item::MAP_NODE_SIZE, spot);
        let id = ids.item_id(|id| board.item(id).is_some());
        let item = Item::map_node(id, pos, board.z_above_all(), node);
        self.start_typing_new(id);
        Command::AddItem(Box::new(item))
    }

    /// A new backdrop (stakeholder rings or grid) below everything else, centred in the view
    /// (or at `center_in_board`), selected.
    pub fn new_backdrop(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        kind: ItemKind,
        center_in_board: Option<Point>,
    ) -> Command {
        let size = Item::BACKDROP_SIZE;
        let center = center_in_board.unwrap_or(self.view.camera.center_in_board);
        let pos = Point::new(center.x - size.width / 2.0, center.y - size.height / 2.0).tidy();
        let id = ids.item_id(|id| board.item(id).is_some());
        self.selection.items = BTreeSet::from([id]);
        Command::AddItem(Box::new(Item::backdrop(id, pos, board.z_below_all(), kind)))
    }

    /// A new note, selected and ready for typing. With `center_in_board` it goes exactly there
    /// (a double-click); otherwise in the first free place of the frame the selection is in
    /// (which grows when full), else next to the selected item, or in the middle of the view, in
    /// the first spot where it covers no other item.
    pub fn new_note(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        center_in_board: Option<Point>,
    ) -> Command {
        let in_frame = self
            .frame_to_fill(board)
            .filter(|_| center_in_board.is_none())
            .map(|frame| frame_fill::slot_in_frame(board, frame, Item::NOTE_SIZE));
        let spot = center_in_board.map_or(Spot::Auto, Spot::Exact);
        self.note_at(board, ids, spot, in_frame)
    }

    /// A new note at `spot`, or in `in_frame` (a place in a frame), selected and ready for
    /// typing.
    fn note_at(
        &mut self,
        board: &Board,
        ids: &mut IdGen,
        spot: Spot,
        in_frame: Option<frame_fill::FrameSlot>,
    ) -> Command {
        let size = Item::NOTE_SIZE;
        let (pos, grow) = match in_frame {
            Some(place) => {
                self.follow(place.pos, size);
                (place.pos, place.grow)
            }
            None => (self.place_new(board, size, spot), None),
        };
        let id = ids.item_id(|id| board.item(id).is_some());
        let item = Item::note(
            id,
            pos,
            board.z_above_all(),
            self.settings.new_note_color,
            "",
        )
        .fitting_text();
        self.start_typing_new(id);
        let add = Command::AddItem(Box::new(item));
        match grow {
            // The frame grows first, so the note lands in it and joins it.
            Some((frame, to)) => Command::Batch {
                label: "Add note",
                commands: vec![Command::ResizeItem { id: frame, to }, add],
            },
            None => add,
        }
    }

    /// Brings a new item at `pos` into view, moving the view as little as it can.
    fn follow(&mut self, pos: Point, size: Size) {
        let placed = Rect::at(pos, size);
        self.view
            .camera
            .reveal(self.view.viewport, placed.min, placed.max);
    }

    /// Selects a just-created item and starts typing into it.
    pub(super) fn start_typing_new(&mut self, id: ItemId) {
        self.selection.items = BTreeSet::from([id]);
        self.gesture.typing = Some(TextEditing {
            id,
            part: super::card_entry::CardPart::Text,
            moving: None,
            buffer: String::new(),
            original: String::new(),
            focused_once: false,
            paints_missing: 0,
        });
    }

    /// Where a new item of `size` goes: centred on `center_in_board` when given; otherwise
    /// beside the selected item (in the free place nearest its right side, inside or wholly
    /// outside the frames there) or in the middle of the view, where it covers nothing. The view
    /// follows it when it lands out of view.
    fn place_new(&mut self, board: &Board, size: Size, spot: Spot) -> Point {
        let top_left_for =
            |center: Point| Point::new(center.x - size.width / 2.0, center.y - size.height / 2.0);
        let (visible_min, visible_max) = self.view.camera.visible_board_rect(self.view.viewport);
        let in_view = Rect::spanning(visible_min, visible_max);
        let on_screen = |pos: Point| in_view.encloses(Rect::at(pos, size));
        let source = self.single_selection().and_then(|id| board.item(id));
        let pos = match (spot, source) {
            (Spot::Exact(center), _) => top_left_for(center),
            (Spot::Near(center), _) => free_spot(board, top_left_for(center), size, on_screen),
            (Spot::Auto, Some(source)) => {
                let beside = source.pos.offset(source.size.width + NOTE_GAP, 0.0);
                free_spot_among(board, beside, size, |_| true, fits_badly)
            }
            (Spot::Auto, None) => free_spot(
                board,
                top_left_for(self.view.camera.center_in_board),
                size,
                on_screen,
            ),
        }
        .tidy();
        self.follow(pos, size);
        pos
    }
}

/// Whether a new item at `spot` would sit badly on `item`: covering it, or, for a frame, its
/// title or its edge (a new item goes wholly inside a frame or wholly outside it). Stakeholder
/// rings and grids are meant to be covered.
fn fits_badly(item: &Item, spot: Rect) -> bool {
    match item.kind {
        ItemKind::Frame(_) => {
            let frame = item.rect();
            spot.overlaps(frame) && (!frame.encloses(spot) || spot.overlaps(item.title_strip()))
        }
        ItemKind::Rings(_) | ItemKind::InterestGrid | ItemKind::ImpactGrid => false,
        _ => spot.overlaps(item.rect()),
    }
}

impl CanvasState {
    /// The centre of the free place nearest the middle of the view where an empty frame covers
    /// nothing at all (frames included), preferably wholly in view.
    pub(super) fn free_frame_center(&self, board: &Board) -> Point {
        let size = Item::FRAME_SIZE;
        let center = self.view.camera.center_in_board;
        let anchor = Point::new(center.x - size.width / 2.0, center.y - size.height / 2.0);
        let (visible_min, visible_max) = self.view.camera.visible_board_rect(self.view.viewport);
        let in_view = Rect::spanning(visible_min, visible_max);
        let on_screen = |pos: Point| in_view.encloses(Rect::at(pos, size));
        let pos = free_spot_among(board, anchor, size, on_screen, |item, spot| {
            spot.overlaps(item.rect())
        });
        Point::new(pos.x + size.width / 2.0, pos.y + size.height / 2.0)
    }
}

/// Where a new item goes, by its centre.
#[derive(Clone, Copy, Debug)]
pub enum Spot {
    /// Exactly here (a double-click, a connector dropped on empty canvas).
    Exact(Point),
    /// The free place nearest to here (the quick-create menu at the pointer).
    Near(Point),
    /// Beside the selected item, or in the middle of the view, where it covers nothing.
    Auto,
}

/// The free place nearest to `anchor` where an item of `size` overlaps nothing but backdrops
/// (which are meant to be covered), preferring places where `visible` holds. Candidates are the
/// anchor, the four sides of the items nearest to it (so new notes line up with what is already
/// there) and a grid of half-note steps around it.
pub(super) fn free_spot(
    board: &Board,
    anchor: Point,
    size: Size,
    visible: impl Fn(Point) -> bool,
) -> Point {
    free_spot_among(board, anchor, size, visible, |item, spot| {
        !item.is_backdrop() && spot.overlaps(item.rect())
    })
}

/// [`free_spot`], where `blocks` says whether an item is in the way of a spot.
fn free_spot_among(
    board: &Board,
    anchor: Point,
    size: Size,
    visible: impl Fn(Point) -> bool,
    blocks: impl Fn(&Item, Rect) -> bool,
) -> Point {
    let overlaps = |pos: Point| {
        let spot = Rect::at(pos, size);
        board.items().any(|item| blocks(item, spot))
    };
    let distance = |pos: Point| (pos.x - anchor.x).hypot(pos.y - anchor.y);

    let mut neighbours: Vec<&Item> = board.items().collect();
    neighbours.sort_by(|a, b| distance(a.pos).total_cmp(&distance(b.pos)));
    neighbours.truncate(PLACEMENT_NEIGHBOURS);
    let beside_neighbours = neighbours.iter().flat_map(|item| {
        [
            item.pos.offset(item.size.width + NOTE_GAP, 0.0),
            item.pos.offset(0.0, item.size.height + NOTE_GAP),
            item.pos.offset(-size.width - NOTE_GAP, 0.0),
            item.pos.offset(0.0, -size.height - NOTE_GAP),
        ]
    });
    let reach = 8i8;
    let grid = (-reach..=reach)
        .flat_map(|row| (-reach..=reach).map(move |column| (column, row)))
        .map(|(column, row)| {
            anchor.offset(
                f32::from(column) * (size.width + NOTE_GAP) / 2.0,
                f32::from(row) * (size.height + NOTE_GAP) / 2.0,
            )
        });
    let mut candidates: Vec<Point> = std::iter::once(anchor)
        .chain(beside_neighbours)
        .chain(grid)
        .collect();
    // Stable sort: on equal distance the earlier (anchor, then neighbours' sides) wins.
    candidates.sort_by(|a, b| distance(*a).total_cmp(&distance(*b)));
    let free: Vec<Point> = candidates
        .into_iter()
        .filter(|&pos| !overlaps(pos))
        .collect();
    free.iter()
        .copied()
        .find(|&pos| visible(pos))
        .or_else(|| free.first().copied())
        .unwrap_or(anchor)
}
/// Space left between notes placed automatically, in board units.
pub(super) const NOTE_GAP: f32 = 24.0;
/// How many nearby items offer their sides as places for a new note.
pub(super) const PLACEMENT_NEIGHBOURS: usize = 200;
