//! Frames on the canvas: a frame made around the selection, collapsing a frame to its title,
//! stepping through frames in their presenting order, and painting them. What a frame does to the
//! items in it is decided in [`crate::edit::rules`].

use std::collections::BTreeSet;

use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Stroke, StrokeKind, Vec2};

use super::{CanvasState, paint};
use crate::edit::Command;
use crate::edit::rules::frames;
use crate::model::{Board, Frame, IdGen, Item, ItemId};
use crate::ui::camera::Camera;
use crate::ui::theme;

impl CanvasState {
    /// One step that adds a frame: around the selected items, which go into it, or an empty
    /// one in the free place nearest the middle of the view, which the view then shows. The new
    /// frame is selected with its title ready for typing.
    pub fn new_frame(&mut self, board: &Board, ids: &mut IdGen) -> Command {
        let id = ids.item_id(|id| board.item(id).is_some());
        let empty = !self
            .selection
            .items
            .iter()
            .any(|&id| board.item(id).is_some());
        let center = if empty {
            self.free_frame_center(board)
        } else {
            self.view.camera.center_in_board
        };
        let command = frames::frame_around(board, id, &self.selection.items, center);
        if empty && let Some(frame) = added_item(&command) {
            let (min, max) = self.view.camera.visible_board_rect(self.view.viewport);
            if !crate::model::Rect::spanning(min, max).encloses(frame.rect()) {
                self.request_fit_items(std::iter::once(frame), Camera::MAX_FIT_ZOOM);
            }
        }
        self.start_typing_new(id);
        command
    }

    /// Collapses the selected frames to their titles, or opens them if they are all collapsed;
    /// one step. What they hide is deselected.
    pub fn toggle_collapse_selection(&mut self, board: &Board) -> Option<Command> {
        let command = frames::toggle_collapsed(board, &self.selection.items)?;
        if command.label() == "Collapse frame" {
            let hidden: BTreeSet<ItemId> = self
                .selection
                .items
                .iter()
                .flat_map(|&frame| board.descendants(frame))
                .collect();
            self.selection.items.retain(|id| !hidden.contains(id));
        }
        Some(command)
    }

    /// Selects the next (or previous) stage (a frame not inside another) in presenting order
    /// and glides the view to it. Starts from the stage of the selected item or frame. Returns
    /// the stage stepped to, when it is another one.
    pub fn step_frame(&mut self, board: &Board, backwards: bool) -> Option<ItemId> {
        // The stages: top-level frames. Clusters inside a stage are not slides.
        let stages: Vec<&Item> = board
            .frames()
            .into_iter()
            .filter(|frame| frame.parent.is_none())
            .collect();
        if stages.is_empty() {
            return None;
        }
        let current = self.single_selection().and_then(|id| {
            let mut item = board.item(id)?;
            while let Some(parent) = item.parent.and_then(|parent| board.item(parent)) {
                item = parent;
            }
            stages.iter().position(|stage| stage.id == item.id)
        });
        let count = stages.len();
        let next = match (current, backwards) {
            (None, false) => 0,
            (None, true) => count - 1,
            (Some(i), false) => (i + 1).min(count - 1),
            (Some(i), true) => i.saturating_sub(1),
        };
        let stage = stages.get(next)?;
        self.show_frame(stage);
        (current != Some(next)).then_some(stage.id)
    }

    /// Selects `frame` and fits it in the view, as a step through the frames in presenting
    /// order: it opens no inspector (see [`super::Selection::presenting`]).
    pub fn show_frame(&mut self, frame: &Item) {
        self.selection.items = BTreeSet::from([frame.id]);
        self.selection.presenting = Some(frame.id);
        self.request_glide_to(frame, Camera::MAX_FIT_ZOOM);
    }

    /// The items inside the selected frames that are not selected themselves: they move with
    /// their frame.
    pub(super) fn carried_members(&self, board: &Board) -> BTreeSet<ItemId> {
        frames::carried(board, &self.selection.items)
    }
}

/// The font of a frame's title: large and bold, to read well in a shared screen.
pub(super) fn title_font(zoom: f32) -> FontId {
    FontId::new(26.0 * zoom, egui::FontFamily::Name(theme::BOLD.into()))
}

/// Where a frame's title is typed: its title strip, after the number.
pub(super) fn title_edit_rect(rect: Rect, zoom: f32) -> Rect {
    let strip = paint::title_strip(rect, zoom);
    Rect::from_min_max(
        strip.min + Vec2::new(NUMBER_WIDTH * zoom, 0.0),
        strip.max - Vec2::new(12.0 * zoom, 0.0),
    )
}

/// The item a step adds first, if it adds one.
pub fn added_item(command: &Command) -> Option<&Item> {
    match command {
        Command::AddItem(item) => Some(item),
        Command::Batch { commands, .. } => commands.iter().find_map(added_item),
        _ => None,
    }
}

/// Board units left of the title for the frame's number.
const NUMBER_WIDTH: f32 = 64.0;

/// What a frame's title strip says besides its title, and which of its parts show.
#[derive(Clone, Debug)]
pub(super) struct FrameLabel {
    /// The frame's number ("2", or "2.1" for the first frame inside stage 2; see
    /// [`Board::frame_numbers`]).
    pub number: String,
    /// How many items are inside it (at any depth).
    pub inside: usize,
    /// Whether its body gets its wash (not when enough frames below washed the same spot).
    pub wash: bool,
    /// Whether its title strip shows (not when opaque items above hide it).
    pub strip: bool,
    /// The votes on the notes inside it (0 while votes are hidden).
    pub votes: u32,
}

impl Default for FrameLabel {
    fn default() -> Self {
        Self {
            number: String::new(),
            inside: 0,
            wash: true,
            strip: true,
            votes: 0,
        }
    }
}

/// Paints a frame: a light body with a border (none while collapsed) and a dark title strip
/// with its number (its place in the presenting order), title and, when collapsed, how many
/// items it hides.
///
/// `holes` are where opaque cards will be drawn over the frame in this paint: its body is not
/// painted under them.
pub(super) fn paint_frame(
    painter: &Painter,
    frame: &Frame,
    look: &paint::NoteLook,
    label: FrameLabel,
    holes: &[Rect],
) {
    let FrameLabel {
        number,
        inside,
        wash,
        strip: strip_shows,
        votes,
    } = label;
    let rect = look.rect;
    let zoom = look.zoom;
    let radius = CornerRadius::same((6.0 * zoom).clamp(0.0, 255.0) as u8);
    let border = if look.selected {
        Stroke::new(3.0, theme::SELECTION)
    } else {
        Stroke::new(1.5, FRAME_BORDER)
    };
    let strip = paint::title_strip(rect, zoom);
    if !frame.collapsed {
        if wash {
            // The title strip is opaque too.
            let strip_hole =
                strip_shows.then(|| strip.with_min_y(strip.top() + f32::from(radius.nw)));
            paint_wash(
                painter,
                rect,
                radius,
                holes.iter().copied().chain(strip_hole),
            );
        }
        painter.rect_stroke(rect, radius, border, StrokeKind::Inside);
    }
    if !strip_shows {
        return;
    }
    painter.rect(strip, radius, FRAME_STRIP, border, StrokeKind::Inside);
    if strip.height() < 6.0 {
        return;
    }
    let font = title_font(zoom);
    let number_at = strip.left_center() + Vec2::new(NUMBER_WIDTH * zoom / 2.0, 0.0);
    painter.text(
        number_at,
        Align2::CENTER_CENTER,
        number,
        font.clone(),
        FRAME_NUMBER,
    );
    if !look.show_text {
        return;
    }
    let room = title_edit_rect(rect, zoom);
    let mut title = if frame.title.is_empty() {
        "Untitled frame".to_owned()
    } else {
        paint::room_for(&frame.title, room.size(), font.size).replace('\n', " ")
    };
    if frame.collapsed {
        let noun = if inside == 1 { "item" } else { "items" };
        title = format!("{title}  ·  {inside} {noun} hidden");
    }
    if votes > 0 {
        let noun = if votes == 1 { "vote" } else { "votes" };
        title = format!("{title}  ·  {votes} {noun}");
    }
    let galley = painter.layout(title, font, Color32::WHITE, f32::INFINITY);
    let at = egui::pos2(room.min.x, room.center().y - galley.size().y / 2.0);
    paint::clipped_galley(painter, room, at, galley, Color32::WHITE);
}

/// Paints a frame's body (`rect`, with rounded corners) except under `holes` (where opaque
/// cards will be drawn over it).
///
/// Under software rendering every pixel painted costs, and at a workshop's usual zoom a stage
/// frame's notes cover much of it. With holes, the body is a mesh of the rectangles between
/// them (no edge of one overlaps another, so the translucent wash shows no seams) and quarter
/// discs in the corners; its outline, painted over it, gives the edge.
fn paint_wash(
    painter: &Painter,
    rect: Rect,
    radius: CornerRadius,
    holes: impl Iterator<Item = Rect>,
) {
    let holes: Vec<Rect> = holes
        .filter_map(|hole| {
            let part = hole.intersect(rect);
            (part.width() > 0.0 && part.height() > 0.0).then_some(part)
        })
        .collect();
    if holes.is_empty() {
        painter.rect_filled(rect, radius, FRAME_FILL);
        return;
    }
    let r = f32::from(radius.nw.max(radius.ne).max(radius.sw).max(radius.se))
        .min(rect.width() / 2.0)
        .min(rect.height() / 2.0);
    let corners = [
        (rect.left_top(), egui::vec2(1.0, 1.0)),
        (rect.right_top(), egui::vec2(-1.0, 1.0)),
        (rect.left_bottom(), egui::vec2(1.0, -1.0)),
        (rect.right_bottom(), egui::vec2(-1.0, -1.0)),
    ];
    let corner_squares = corners
        .iter()
        .map(|&(at, inward)| Rect::from_two_pos(at, at + inward * r));
    let mut mesh = egui::Mesh::default();
    let all: Vec<Rect> = holes.into_iter().chain(corner_squares).collect();
    for piece in rects_between(rect, &all) {
        mesh.add_colored_rect(piece, FRAME_FILL);
    }
    // The rounded corners, as fans around each corner circle's centre (no hole reaches into
    // them but a card's own corner, which the fan then paints under).
    for &(at, inward) in &corners {
        if r <= 0.0 {
            break;
        }
        let centre = at + inward * r;
        let first = mesh.vertices.len() as u32;
        mesh.colored_vertex(centre, FRAME_FILL);
        for step in 0..=STEPS {
            let angle = std::f32::consts::FRAC_PI_2 * step as f32 / STEPS as f32;
            let out = egui::vec2(-inward.x * angle.cos(), -inward.y * angle.sin());
            mesh.colored_vertex(centre + out * r, FRAME_FILL);
        }
        for step in 0..STEPS as u32 {
            mesh.add_triangle(first, first + 1 + step, first + 2 + step);
        }
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// `area` less `holes` (each within `area`), as rectangles that do not overlap: bands between
/// the holes' top and bottom edges, cut where holes cross them, and joined downwards where a
/// band's piece continues the one above it.
fn rects_between(area: Rect, holes: &[Rect]) -> Vec<Rect> {
    let mut edges: Vec<f32> = holes
        .iter()
        .flat_map(|hole| [hole.top(), hole.bottom()])
        .chain([area.top(), area.bottom()])
        .collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup();
    let mut done: Vec<Rect> = Vec::new();
    let mut open: Vec<Rect> = Vec::new();
    for band in edges.windows(2) {
        let &[top, bottom] = band else {
            continue;
        };
        if bottom <= top {
            continue;
        }
        let mut across: Vec<(f32, f32)> = holes
            .iter()
            .filter(|hole| hole.top() <= top && hole.bottom() >= bottom)
            .map(|hole| (hole.left(), hole.right()))
            .collect();
        across.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut pieces = Vec::new();
        let mut x = area.left();
        for (left, right) in across {
            if left > x {
                pieces.push((x, left));
            }
            x = x.max(right);
        }
        if x < area.right() {
            pieces.push((x, area.right()));
        }
        let mut still_open = Vec::new();
        for (left, right) in pieces {
            match open
                .iter()
                .position(|piece| piece.left() == left && piece.right() == right)
            {
                Some(at) => {
                    let mut piece = open.swap_remove(at);
                    piece.max.y = bottom;
                    still_open.push(piece);
                }
                None => still_open.push(Rect::from_min_max(
                    egui::pos2(left, top),
                    egui::pos2(right, bottom),
                )),
            }
        }
        done.append(&mut open);
        open = still_open;
    }
    done.append(&mut open);
    done
}

/// How many triangles round each corner of a frame's body painted around holes.
const STEPS: usize = 6;

/// A frame's body: a faint wash so the items on it stay the thing to look at.
const FRAME_FILL: Color32 = Color32::from_rgba_premultiplied(236, 240, 245, 200);
/// A frame's outline.
const FRAME_BORDER: Color32 = Color32::from_rgb(120, 132, 150);
/// A frame's title strip: dark, so its white title reads in a compressed video.
const FRAME_STRIP: Color32 = Color32::from_rgb(46, 58, 78);
/// The frame's number in its strip.
const FRAME_NUMBER: Color32 = Color32::from_rgb(255, 214, 102);

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect::from_min_max(pos2(x0, y0), pos2(x1, y1))
    }

    /// Whether the point is in exactly one of `pieces`.
    fn covered_once(pieces: &[Rect], x: f32, y: f32) -> bool {
        pieces
            .iter()
            .filter(|piece| piece.contains(pos2(x, y)))
            .count()
            == 1
    }

    #[test]
    fn the_body_is_cut_into_rectangles_that_cover_all_but_the_holes_once() {
        let area = rect(0.0, 0.0, 100.0, 80.0);
        // A grid of cards, one overlapping another, and one along the edge.
        let holes = [
            rect(10.0, 10.0, 40.0, 30.0),
            rect(50.0, 10.0, 80.0, 30.0),
            rect(30.0, 20.0, 60.0, 50.0),
            rect(0.0, 60.0, 100.0, 70.0),
        ];
        let pieces = rects_between(area, &holes);
        let mut y = 0.5;
        while y < 80.0 {
            let mut x = 0.5;
            while x < 100.0 {
                let in_hole = holes.iter().any(|hole| hole.contains(pos2(x, y)));
                if in_hole {
                    assert!(
                        pieces.iter().all(|piece| !piece.contains(pos2(x, y))),
                        "({x}, {y}) is under a card"
                    );
                } else {
                    assert!(covered_once(&pieces, x, y), "({x}, {y})");
                }
                x += 1.0;
            }
            y += 1.0;
        }
        // Bands continuing one another are joined: far fewer pieces than bands × gaps.
        assert!(pieces.len() <= 14, "{} pieces", pieces.len());
    }

    #[test]
    fn no_holes_leave_the_whole_body() {
        let area = rect(0.0, 0.0, 10.0, 10.0);
        assert_eq!(rects_between(area, &[]), vec![area]);
    }
}
