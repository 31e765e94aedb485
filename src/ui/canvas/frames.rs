//! Frames on the canvas: a frame made around the selection, members carried when a frame moves,
//! items joining or leaving frames where they are dropped, collapsing a frame to its title, and
//! stepping through frames in their presenting order.

use std::collections::{BTreeMap, BTreeSet};

use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Stroke, StrokeKind, Vec2};

use super::{CanvasState, paint};
use crate::edit::Command;
use crate::model::{Board, Frame, IdGen, Item, ItemId, ItemKind, Point, Size};
use crate::ui::theme;

impl CanvasState {
    /// One step that adds a frame: around the selected items, which become its members (leaving
    /// any frame they were in), or an empty one in the middle of the view. The new frame is
    /// selected with its title ready for typing.
    pub fn new_frame(&mut self, board: &Board, ids: &mut IdGen) -> Command {
        let members: Vec<&Item> = self
            .selection
            .iter()
            .filter_map(|&id| board.item(id))
            .filter(|item| item.as_frame().is_none())
            .collect();
        let (pos, size) = if let Some((min, max)) = bounds(&members) {
            let pad = Item::FRAME_PADDING;
            let top = Item::BACKDROP_HEADER + pad;
            (
                Point::new(paint::tidy(min.x - pad), paint::tidy(min.y - top)),
                Size::new(
                    paint::tidy(max.x - min.x + 2.0 * pad),
                    paint::tidy(max.y - min.y + top + pad),
                ),
            )
        } else {
            let size = Item::FRAME_SIZE;
            let center = self.camera.center_in_board;
            (
                Point::new(
                    paint::tidy(center.x - size.width / 2.0),
                    paint::tidy(center.y - size.height / 2.0),
                ),
                size,
            )
        };
        let mut frame = Frame::new("", board.next_frame_order());
        frame.members = members.iter().map(|item| item.id).collect();
        let mut commands = leave_frames(board, &frame.members);
        let id = ids.item_id(|id| board.item(id).is_some());
        commands.push(Command::AddItem(Box::new(Item::frame(
            id,
            pos,
            size,
            board.z_below_all(),
            frame,
        ))));
        self.start_typing_new(id);
        Command::Batch {
            label: "Add frame",
            commands,
        }
    }

    /// Collapses the selected frames to their titles, or opens them if they are all collapsed;
    /// one step. Their members are deselected while hidden.
    pub fn toggle_collapse_selection(&mut self, board: &Board) -> Option<Command> {
        let frames: Vec<(&Item, &Frame)> = self
            .selection
            .iter()
            .filter_map(|&id| board.item(id))
            .filter_map(|item| Some((item, item.as_frame()?)))
            .collect();
        let collapse = frames.iter().any(|(_, frame)| !frame.collapsed);
        let commands: Vec<Command> = frames
            .into_iter()
            .filter(|(_, frame)| frame.collapsed != collapse)
            .map(|(item, frame)| {
                if collapse {
                    self.selection.retain(|id| !frame.members.contains(id));
                }
                set_collapsed(item, frame, collapse)
            })
            .collect();
        let label = if collapse {
            "Collapse frame"
        } else {
            "Expand frame"
        };
        super::edits::batch(label, commands)
    }

    /// Selects the next (or previous) frame in presenting order and fits it in the view. Starts
    /// from the selected frame, or the frame of the selected item.
    pub fn step_frame(&mut self, board: &Board, backwards: bool) {
        let frames = board.frames();
        if frames.is_empty() {
            return;
        }
        let current = self.single_selection().and_then(|id| {
            let frame = board
                .item(id)
                .filter(|item| item.as_frame().is_some())
                .or_else(|| board.frame_of(id))?;
            frames.iter().position(|other| other.id == frame.id)
        });
        let count = frames.len();
        let next = match (current, backwards) {
            (None, false) => 0,
            (None, true) => count - 1,
            (Some(i), false) => (i + 1).min(count - 1),
            (Some(i), true) => i.saturating_sub(1),
        };
        if let Some(frame) = frames.get(next) {
            self.show_frame(frame);
        }
    }

    /// Selects `frame` and fits it in the view.
    pub fn show_frame(&mut self, frame: &Item) {
        self.selection = BTreeSet::from([frame.id]);
        self.fit_items(std::iter::once(frame));
    }

    /// The members of the selected frames that are not selected themselves: they move with
    /// their frame.
    pub(super) fn carried_members(&self, board: &Board) -> BTreeSet<ItemId> {
        self.selection
            .iter()
            .filter_map(|&id| board.item(id)?.as_frame())
            .flat_map(|frame| frame.members.iter().copied())
            .filter(|id| !self.selection.contains(id))
            .collect()
    }

    /// Frame membership after the selection is dropped `delta` away: each moved item that is not
    /// a frame joins the top-most frame its centre lands in (one that is not moving with it), or
    /// leaves its frame when it lands outside every frame. Items whose frame moves with them
    /// (selected or not) stay in it.
    pub(super) fn membership_after_move(&self, board: &Board, delta: Vec2) -> Vec<Command> {
        let moving: BTreeSet<ItemId> = self
            .selection
            .iter()
            .copied()
            .chain(self.carried_members(board))
            .collect();
        let targets: Vec<&Item> = board
            .frames()
            .into_iter()
            .filter(|frame| !moving.contains(&frame.id))
            .collect();
        let mut wanted: BTreeMap<ItemId, Option<ItemId>> = BTreeMap::new();
        for item in self.selection.iter().filter_map(|&id| board.item(id)) {
            // Frames never join frames, and an item whose frame moves too stays in it.
            if item.as_frame().is_some()
                || board
                    .frame_of(item.id)
                    .is_some_and(|frame| moving.contains(&frame.id))
            {
                continue;
            }
            let center = item.center().offset(delta.x, delta.y);
            let landed = targets
                .iter()
                .filter(|frame| frame.contains(center))
                .max_by(|a, b| a.z.cmp(&b.z).then(a.id.cmp(&b.id)))
                .map(|frame| frame.id);
            wanted.insert(item.id, landed);
        }
        memberships(board, &wanted)
    }
}

/// `command` with new items put into the open frame each one lands in (by its centre), in the
/// same step: a note added, pasted or duplicated onto a frame belongs to it. Items that come
/// with their own frame in the same command (a copied frame and its members) stay in that one.
pub fn place_in_frames(board: &Board, command: Command) -> Command {
    let mut added = Vec::new();
    collect_added(&command, &mut added);
    if added.is_empty() {
        return command;
    }
    let framed_here: BTreeSet<ItemId> = added
        .iter()
        .filter_map(|item| item.as_frame())
        .flat_map(|frame| frame.members.iter().copied())
        .collect();
    let open_frames: Vec<&Item> = board
        .frames()
        .into_iter()
        .filter(|frame| frame.as_frame().is_some_and(|f| !f.collapsed))
        .collect();
    if open_frames.is_empty() {
        return command;
    }
    let wanted: BTreeMap<ItemId, Option<ItemId>> = added
        .iter()
        .filter(|item| item.as_frame().is_none() && !framed_here.contains(&item.id))
        .filter_map(|item| {
            let center = item.center();
            let frame = open_frames
                .iter()
                .filter(|frame| frame.contains(center))
                .max_by(|a, b| a.z.cmp(&b.z).then(a.id.cmp(&b.id)))?;
            Some((item.id, Some(frame.id)))
        })
        .collect();
    if wanted.is_empty() {
        return command;
    }
    let label = command.label();
    let mut commands = match command {
        Command::Batch { commands, .. } => commands,
        other => vec![other],
    };
    commands.extend(memberships(board, &wanted));
    Command::Batch { label, commands }
}

/// The items `command` adds, in order.
fn collect_added<'a>(command: &'a Command, added: &mut Vec<&'a Item>) {
    match command {
        Command::AddItem(item) => added.push(item),
        Command::Batch { commands, .. } => {
            for command in commands {
                collect_added(command, added);
            }
        }
        _ => {}
    }
}

/// The step that resizes `item` to `size`. A frame takes in the items in no frame whose centres
/// it now covers, and lets go of members it no longer covers, in the same step.
pub(super) fn resized(board: &Board, item: &Item, size: Size) -> Command {
    let resize = Command::ResizeItem {
        id: item.id,
        to: size,
    };
    let Some(frame) = item.as_frame() else {
        return resize;
    };
    let covered = |other: &Item| {
        let center = other.center();
        center.x >= item.pos.x
            && center.y >= item.pos.y
            && center.x <= item.pos.x + size.width
            && center.y <= item.pos.y + size.height
    };
    let far = item.pos.offset(size.width, size.height);
    let mut wanted: BTreeMap<ItemId, Option<ItemId>> = board
        .items_in(item.pos, far)
        .into_iter()
        .filter(|other| other.as_frame().is_none() && covered(other))
        .filter(|other| board.frame_of(other.id).is_none())
        .map(|other| (other.id, Some(item.id)))
        .collect();
    wanted.extend(
        frame
            .members
            .iter()
            .filter_map(|&member| board.item(member))
            .filter(|member| !covered(member))
            .map(|member| (member.id, None)),
    );
    let changes = memberships(board, &wanted);
    if changes.is_empty() {
        return resize;
    }
    Command::Batch {
        label: "Resize",
        commands: std::iter::once(resize).chain(changes).collect(),
    }
}

/// Commands that take `items` out of every frame they are in.
fn leave_frames(board: &Board, items: &BTreeSet<ItemId>) -> Vec<Command> {
    let wanted = items.iter().map(|&id| (id, None)).collect();
    memberships(board, &wanted)
}

/// Commands that put each item in `wanted` into its frame (or in none): one change per frame
/// whose members change.
fn memberships(board: &Board, wanted: &BTreeMap<ItemId, Option<ItemId>>) -> Vec<Command> {
    board
        .frames()
        .into_iter()
        .filter_map(|item| {
            let frame = item.as_frame()?;
            let mut changed = frame.clone();
            for (&member, &target) in wanted {
                if target == Some(item.id) {
                    changed.members.insert(member);
                } else {
                    changed.members.remove(&member);
                }
            }
            (changed != *frame).then(|| Command::SetKind {
                id: item.id,
                kind: Box::new(ItemKind::Frame(changed)),
            })
        })
        .collect()
}

/// The change that collapses or opens one frame.
pub fn set_collapsed(item: &Item, frame: &Frame, collapsed: bool) -> Command {
    Command::SetKind {
        id: item.id,
        kind: Box::new(ItemKind::Frame(Frame {
            collapsed,
            ..frame.clone()
        })),
    }
}

/// The one step that swaps the places of two frames in the presenting order.
pub fn swap_order(a: &Item, b: &Item) -> Option<Command> {
    let (frame_a, frame_b) = (a.as_frame()?, b.as_frame()?);
    let (mut order_a, mut order_b) = (frame_b.order, frame_a.order);
    if order_a == order_b {
        // Equal numbers are ordered by id; give them distinct numbers in the swapped order.
        (order_a, order_b) = if a.id < b.id {
            (order_a.saturating_add(1), order_b)
        } else {
            (order_a, order_b.saturating_add(1))
        };
    }
    Some(Command::Batch {
        label: "Reorder frames",
        commands: [(a, frame_a, order_a), (b, frame_b, order_b)]
            .into_iter()
            .map(|(item, frame, order)| Command::SetKind {
                id: item.id,
                kind: Box::new(ItemKind::Frame(Frame {
                    order,
                    ..frame.clone()
                })),
            })
            .collect(),
    })
}

/// The smallest rectangle around `items`, as its corners.
fn bounds(items: &[&Item]) -> Option<(Point, Point)> {
    items
        .iter()
        .map(|item| (item.pos, item.pos.offset(item.size.width, item.size.height)))
        .reduce(|(min, max), (item_min, item_max)| {
            (
                Point::new(min.x.min(item_min.x), min.y.min(item_min.y)),
                Point::new(max.x.max(item_max.x), max.y.max(item_max.y)),
            )
        })
}

/// The frame's title strip on screen.
pub(super) fn title_rect(rect: Rect, zoom: f32) -> Rect {
    Rect::from_min_size(
        rect.min,
        Vec2::new(
            rect.width(),
            (Item::BACKDROP_HEADER * zoom).min(rect.height()),
        ),
    )
}

/// The font of a frame's title: large and bold, to read well in a shared screen.
pub(super) fn title_font(zoom: f32) -> FontId {
    FontId::new(26.0 * zoom, egui::FontFamily::Name(theme::BOLD.into()))
}

/// Where a frame's title is typed: its title strip, after the number.
pub(super) fn title_edit_rect(rect: Rect, zoom: f32) -> Rect {
    let strip = title_rect(rect, zoom);
    Rect::from_min_max(
        strip.min + Vec2::new(NUMBER_WIDTH * zoom, 0.0),
        strip.max - Vec2::new(12.0 * zoom, 0.0),
    )
}

/// Board units left of the title for the frame's number.
const NUMBER_WIDTH: f32 = 64.0;

/// Paints a frame: a light body with a border (none while collapsed) and a dark title strip
/// with its number (its place in the presenting order), title and, when collapsed, how many
/// items it holds.
pub(super) fn paint_frame(painter: &Painter, frame: &Frame, look: &paint::NoteLook, number: usize) {
    let rect = look.rect;
    let zoom = look.zoom;
    let radius = CornerRadius::same((6.0 * zoom).clamp(0.0, 255.0) as u8);
    let border = if look.selected {
        Stroke::new(3.0, theme::SELECTION)
    } else {
        Stroke::new(1.5, FRAME_BORDER)
    };
    if !frame.collapsed {
        painter.rect(rect, radius, FRAME_FILL, border, StrokeKind::Inside);
    }
    let strip = title_rect(rect, zoom);
    painter.rect(strip, radius, FRAME_STRIP, border, StrokeKind::Inside);
    if strip.height() < 6.0 {
        return;
    }
    let font = title_font(zoom);
    let number_at = strip.left_center() + Vec2::new(NUMBER_WIDTH * zoom / 2.0, 0.0);
    painter.text(
        number_at,
        Align2::CENTER_CENTER,
        number.to_string(),
        font.clone(),
        FRAME_NUMBER,
    );
    if !look.show_text {
        return;
    }
    let mut title = if frame.title.is_empty() {
        "Untitled frame".to_owned()
    } else {
        frame.title.replace('\n', " ")
    };
    if frame.collapsed {
        let count = frame.members.len();
        let noun = if count == 1 { "item" } else { "items" };
        title = format!("{title}  ·  {count} {noun} hidden");
    }
    let room = title_edit_rect(rect, zoom);
    let galley = painter.layout(title, font, Color32::WHITE, f32::INFINITY);
    let clip = painter.with_clip_rect(room.intersect(painter.clip_rect()));
    clip.galley(
        egui::pos2(room.min.x, room.center().y - galley.size().y / 2.0),
        galley,
        Color32::WHITE,
    );
}

/// A frame's body: a faint wash so the items on it stay the thing to look at.
const FRAME_FILL: Color32 = Color32::from_rgba_premultiplied(236, 240, 245, 200);
/// A frame's outline.
const FRAME_BORDER: Color32 = Color32::from_rgb(120, 132, 150);
/// A frame's title strip: dark, so its white title reads in a compressed video.
const FRAME_STRIP: Color32 = Color32::from_rgb(46, 58, 78);
/// The frame's number in its strip.
const FRAME_NUMBER: Color32 = Color32::from_rgb(255, 214, 102);
