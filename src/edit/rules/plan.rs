//! What the board will look like once a command is applied, worked out from the board and the
//! command without changing anything, so the rules can decide what else the command brings.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::edit::{Command, ItemField};
use crate::model::{
    Board, ConnectorId, Item, ItemId, ItemKind, Level, NodeType, Point, Rect, Size, ZKey,
};

/// The board as a command leaves it: the items it adds, the places, sizes and frames it gives
/// them, and what it removes. Everything else is as on the board.
pub(super) struct Plan<'b> {
    pub board: &'b Board,
    /// Items the command adds, as they are added.
    added: HashMap<ItemId, Item>,
    /// New places and sizes.
    geometry: HashMap<ItemId, (Point, Size)>,
    /// New frames (`None`: in no frame).
    parents: HashMap<ItemId, Option<ItemId>>,
    /// New places on a two-by-two grid: influence and interest of map nodes, impact and effort
    /// of notes.
    levels: HashMap<ItemId, (Level, Level)>,
    /// Notes the command takes off their impact/effort grid place.
    unplaced: HashSet<ItemId>,
    /// Items the command removes.
    pub removed: BTreeSet<ItemId>,
    /// Connectors the command removes.
    pub removed_connectors: BTreeSet<ConnectorId>,
    /// Items the command moves itself, in order.
    pub moved: Vec<ItemId>,
    /// The same, to look up.
    moved_set: HashSet<ItemId>,
    /// Items the command resizes itself, in order.
    pub resized: Vec<ItemId>,
    /// Items the command puts into (or takes out of) a frame itself.
    pub reparented: BTreeSet<ItemId>,
    /// Map nodes whose influence or interest, and notes whose impact and effort, the command
    /// sets itself.
    pub levels_set: Vec<ItemId>,
    /// The frames on the board before the command, in presenting order.
    board_frames: Vec<ItemId>,
    /// Map nodes whose type the command sets, with the type they had and the type they get.
    pub retyped: Vec<(ItemId, NodeType, NodeType)>,
    /// Items the command recolours itself.
    pub recoloured: BTreeSet<ItemId>,
}

/// An open frame where a command leaves it.
pub(super) struct OpenFrame {
    id: ItemId,
    rect: Rect,
    /// How many frames it is inside.
    depth: usize,
    z: ZKey,
}

impl<'b> Plan<'b> {
    /// The plan of `commands` (already flattened: no batches) on `board`.
    pub fn of(board: &'b Board, commands: &[Command]) -> Self {
        let mut plan = Self {
            board,
            added: HashMap::new(),
            geometry: HashMap::new(),
            parents: HashMap::new(),
            levels: HashMap::new(),
            removed: BTreeSet::new(),
            removed_connectors: BTreeSet::new(),
            board_frames: board.frames().iter().map(|frame| frame.id).collect(),
            moved: Vec::new(),
            moved_set: HashSet::new(),
            resized: Vec::new(),
            reparented: BTreeSet::new(),
            levels_set: Vec::new(),
            unplaced: HashSet::new(),
            retyped: Vec::new(),
            recoloured: BTreeSet::new(),
        };
        for command in commands {
            plan.note(command);
        }
        plan
    }

    fn note(&mut self, command: &Command) {
        match command {
            Command::AddItem(item) => {
                self.added.insert(item.id, (**item).clone());
            }
            Command::RemoveItem(id) => {
                self.removed.insert(*id);
            }
            Command::RemoveConnector(id) => {
                self.removed_connectors.insert(*id);
            }
            Command::MoveItem { id, to } => {
                if let Some(size) = self.size(*id) {
                    self.geometry.insert(*id, (*to, size));
                    if self.moved_set.insert(*id) {
                        self.moved.push(*id);
                    }
                }
            }
            Command::ResizeItem { id, to } => {
                if let Some(pos) = self.rect(*id).map(|rect| rect.min) {
                    self.geometry.insert(*id, (pos, *to));
                    if !self.resized.contains(id) {
                        self.resized.push(*id);
                    }
                }
            }
            Command::SetParent { id, frame } => {
                self.parents.insert(*id, *frame);
                self.reparented.insert(*id);
            }
            Command::SetColor { id, .. } => {
                self.recoloured.insert(*id);
            }
            Command::SetField { id, field } => self.note_field(*id, field),
            _ => {}
        }
    }

    fn note_field(&mut self, id: ItemId, field: &ItemField) {
        match field {
            ItemField::Influence(level) | ItemField::Interest(level) => {
                let Some((influence, interest)) = self.levels_of(id) else {
                    return;
                };
                let now = if matches!(field, ItemField::Influence(_)) {
                    (*level, interest)
                } else {
                    (influence, *level)
                };
                self.levels.insert(id, now);
                if !self.levels_set.contains(&id) {
                    self.levels_set.push(id);
                }
            }
            ItemField::ImpactEffort(place) => {
                match place {
                    Some(place) => self.levels.insert(id, *place),
                    None => self.levels.remove(&id),
                };
                self.unplaced.remove(&id);
                if place.is_none() {
                    self.unplaced.insert(id);
                }
                if !self.levels_set.contains(&id) {
                    self.levels_set.push(id);
                }
            }
            ItemField::NodeType(after) => {
                if let Some(known) = self.retyped.iter_mut().find(|(retyped, ..)| *retyped == id) {
                    known.2 = after.clone();
                } else if let Some(ItemKind::MapNode(node)) = self.kind(id) {
                    let before = node.node_type.clone();
                    self.retyped.push((id, before, after.clone()));
                }
            }
            _ => {}
        }
    }

    /// The item as it is on the board or as the command adds it (before its new place, size
    /// and frame).
    pub fn item(&self, id: ItemId) -> Option<&Item> {
        if self.removed.contains(&id) {
            return None;
        }
        self.added.get(&id).or_else(|| self.board.item(id))
    }

    /// The item's kind.
    pub fn kind(&self, id: ItemId) -> Option<&ItemKind> {
        self.item(id).map(|item| &item.kind)
    }

    /// The item's rectangle once the command is applied.
    pub fn rect(&self, id: ItemId) -> Option<Rect> {
        if let Some(&(pos, size)) = self.geometry.get(&id) {
            return Some(Rect::at(pos, size));
        }
        self.item(id).map(Item::rect)
    }

    fn size(&self, id: ItemId) -> Option<Size> {
        self.rect(id).map(Rect::size)
    }

    /// The item's centre once the command is applied.
    pub fn center(&self, id: ItemId) -> Option<Point> {
        self.rect(id).map(Rect::center)
    }

    /// Whether the command moves `id` itself.
    pub fn is_moved(&self, id: ItemId) -> bool {
        self.moved_set.contains(&id)
    }

    /// Records a new place for an item (a rule moving it).
    pub fn set_pos(&mut self, id: ItemId, pos: Point) {
        if let Some(size) = self.size(id) {
            self.geometry.insert(id, (pos, size));
        }
    }

    /// The frame the item is in once the command is applied.
    pub fn parent(&self, id: ItemId) -> Option<ItemId> {
        match self.parents.get(&id) {
            Some(&frame) => frame,
            None => self.item(id)?.parent,
        }
    }

    /// Records a new frame for an item (a rule putting it there).
    pub fn set_parent(&mut self, id: ItemId, frame: Option<ItemId>) {
        self.parents.insert(id, frame);
    }

    /// A map node's influence and interest once the command is applied.
    pub fn levels_of(&self, id: ItemId) -> Option<(Level, Level)> {
        if let Some(&levels) = self.levels.get(&id) {
            return Some(levels);
        }
        if self.unplaced.contains(&id) {
            return None;
        }
        match self.kind(id)? {
            ItemKind::MapNode(node) => Some((node.influence, node.interest)),
            ItemKind::Note(note) => note.impact.zip(note.effort),
            _ => None,
        }
    }

    /// The frames `id` is inside once the command is applied, innermost first.
    fn ancestors(&self, id: ItemId) -> impl Iterator<Item = ItemId> + '_ {
        let bound = self.board.items().len() + self.added.len();
        std::iter::successors(self.parent(id), |&frame| self.parent(frame)).take(bound)
    }

    /// Whether `id` is inside `frame` once the command is applied.
    pub fn is_inside(&self, id: ItemId, frame: ItemId) -> bool {
        self.ancestors(id).any(|ancestor| ancestor == frame)
    }

    /// The frames on the board once the command is applied.
    pub fn frames(&self) -> impl Iterator<Item = &Item> + '_ {
        self.board_frames
            .iter()
            .filter_map(|&id| self.board.item(id))
            .filter(|frame| !self.removed.contains(&frame.id))
            .chain(
                self.added
                    .values()
                    .filter(|item| item.as_frame().is_some() && !self.removed.contains(&item.id)),
            )
    }

    /// The open frames where the command leaves them, with what decides which is on top, to
    /// find where items land ([`Self::landing`]). Worked out once for many items.
    pub fn open_frames(&self) -> Vec<OpenFrame> {
        self.frames()
            .filter(|frame| frame.as_frame().is_some_and(|f| !f.collapsed))
            .filter_map(|frame| {
                Some(OpenFrame {
                    id: frame.id,
                    rect: self.rect(frame.id)?,
                    depth: self.ancestors(frame.id).count(),
                    z: frame.z.clone(),
                })
            })
            .collect()
    }

    /// The frame among `frames` that item `id` lands in where the command leaves it: the topmost
    /// that holds its centre (a frame lands only in a frame that holds all of it), leaving out
    /// frames `excluded` names and frames inside `id` (which would put a frame inside itself).
    pub fn landing(
        &self,
        frames: &[OpenFrame],
        id: ItemId,
        excluded: impl Fn(ItemId) -> bool,
    ) -> Option<ItemId> {
        let rect = self.rect(id)?;
        let is_frame = self.item(id).is_some_and(|item| item.as_frame().is_some());
        let center = rect.center();
        frames
            .iter()
            .filter(|frame| {
                if is_frame {
                    frame.rect.encloses(rect)
                } else {
                    frame.rect.contains(center)
                }
            })
            .filter(|frame| frame.id != id && !excluded(frame.id))
            .filter(|frame| !is_frame || !self.is_inside(frame.id, id))
            .max_by(|a, b| (a.depth, &a.z, a.id).cmp(&(b.depth, &b.z, b.id)))
            .map(|frame| frame.id)
    }

    /// The two-by-two grids (influence/interest and impact/effort) where the command leaves
    /// them, topmost first. Worked out once for many items.
    pub fn grids(&self) -> Vec<Item> {
        let mut grids: Vec<&Item> = self
            .board
            .items()
            .filter(|item| !self.added.contains_key(&item.id))
            .chain(self.added.values())
            .filter(|item| matches!(item.kind, ItemKind::InterestGrid | ItemKind::ImpactGrid))
            .filter(|item| !self.removed.contains(&item.id))
            .collect();
        grids.sort_by(|a, b| b.z_order().cmp(&a.z_order()));
        grids
            .into_iter()
            .filter_map(|grid| self.placed(grid))
            .collect()
    }

    /// A copy of `item` at its planned place and size (for backdrop geometry).
    pub fn placed(&self, item: &Item) -> Option<Item> {
        let rect = self.rect(item.id)?;
        let mut placed = item.clone();
        placed.pos = rect.min;
        placed.size = rect.size();
        Some(placed)
    }
}
