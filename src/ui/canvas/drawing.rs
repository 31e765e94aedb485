//! Drawing on the board: the pen (`D`), the highlighter (`H`) and the eraser (`X`).
//!
//! While a drawing tool is picked, a drag anywhere on the canvas draws (or erases) instead of
//! selecting or moving: the canvas lays a drawing surface over the items. A stroke is added when
//! the button is let go, as one undo step; an eraser drag hides the strokes it touches as it
//! goes and removes them all when the button is let go, as one undo step. A middle-button drag,
//! or a drag with Space held, still pans. `Escape` goes back to selecting.

use std::collections::BTreeSet;

use egui::{CursorIcon, PointerButton, Rect, Role, Sense, Ui, WidgetInfo};

use super::state::Gesture;
use super::{CanvasOutput, CanvasState};
use crate::edit::Command;
use crate::model::sketch::{self, Sample};
use crate::model::{Board, IdGen, Item, ItemId, ItemKind, PaletteColor, Point, StrokeTool, ZKey};

/// What a drag on the canvas does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// Select, move and resize items (the usual tool).
    #[default]
    Select,
    /// Draw thin lines.
    Pen,
    /// Draw wide, see-through lines.
    Highlighter,
    /// Remove whole strokes by dragging across them.
    Eraser,
}

impl Tool {
    /// The kind of stroke this tool draws, if it draws.
    pub const fn stroke_tool(self) -> Option<StrokeTool> {
        match self {
            Self::Pen => Some(StrokeTool::Pen),
            Self::Highlighter => Some(StrokeTool::Highlighter),
            Self::Select | Self::Eraser => None,
        }
    }

    /// What the status bar says while the tool is picked.
    pub const fn hint(self) -> &'static str {
        match self {
            Self::Select => "",
            Self::Pen => "Pen: drag to draw · Escape to select",
            Self::Highlighter => "Highlighter: drag to highlight · Escape to select",
            Self::Eraser => "Eraser: drag across strokes to remove them · Escape to select",
        }
    }
}

/// How far from the pointer the eraser reaches, in screen points.
const ERASER_RADIUS: f32 = 8.0;
/// How far from a stroke's line a click still picks it, in screen points (at least
/// [`Item::STROKE_PICK_TOLERANCE`] board units).
const PICK_TOLERANCE: f32 = 6.0;

impl CanvasState {
    /// The colour a stroke of `tool` gets: the ink picked for that tool.
    pub fn ink(&self, tool: StrokeTool) -> PaletteColor {
        match tool {
            StrokeTool::Pen => self.settings.pen_color,
            StrokeTool::Highlighter => self.settings.highlighter_color,
        }
    }

    /// Picks `tool` (picking the tool already picked goes back to selecting). Typing in
    /// progress is finished first, by the caller.
    pub fn pick_tool(&mut self, tool: Tool) {
        self.settings.tool = if self.settings.tool == tool {
            Tool::Select
        } else {
            tool
        };
        if matches!(
            self.gesture.pointer,
            Some(Gesture::Draw { .. } | Gesture::Erase { .. })
        ) {
            self.gesture.pointer = None;
        }
        if self.settings.tool != Tool::Select {
            self.gesture.typing = None;
        }
    }

    /// Whether a click at `at` (on the board) lands on the line of stroke `item`, within a few
    /// screen points: the empty middle of a drawn loop does not count.
    pub(super) fn on_stroke_line(&self, item: &Item, at: Point) -> bool {
        let Some(stroke) = item.as_stroke() else {
            return false;
        };
        let zoom = self.view.camera.zoom.max(f32::MIN_POSITIVE);
        let tolerance = (PICK_TOLERANCE / zoom).max(Item::STROKE_PICK_TOLERANCE);
        item.rect().expand(tolerance).contains(at)
            && sketch::hits(&stroke.outline_in(item.rect(), 1.0), at, tolerance)
    }

    /// The top-most stroke whose line a click at `at` (on the board) lands on, if any.
    pub(super) fn stroke_at(&self, board: &Board, at: Point) -> Option<ItemId> {
        let reach = PICK_TOLERANCE / self.view.camera.zoom.max(f32::MIN_POSITIVE);
        let near = crate::model::Rect::spanning(at, at).expand(reach);
        board
            .items_in(near.min, near.max)
            .into_iter()
            .rev()
            .find(|item| {
                !self.caches.frames.hidden.contains(&item.id) && self.on_stroke_line(item, at)
            })
            .map(|item| item.id)
    }

    /// Whether the pointer is on the line of stroke `item`, or it is being dragged: where its
    /// widget takes the pointer.
    pub(super) fn stroke_under_pointer(&self, ui: &Ui, item: &Item) -> bool {
        if self.selection.items.contains(&item.id) && ui.input(|i| i.pointer.any_down()) {
            return true;
        }
        ui.input(|i| i.pointer.hover_pos()).is_some_and(|pos| {
            let at = self.view.camera.board_from_screen(self.view.viewport, pos);
            self.on_stroke_line(item, at)
        })
    }

    /// Whether the eraser drag in progress has taken `id` away (it is not drawn).
    pub(super) fn is_erased(&self, id: ItemId) -> bool {
        matches!(&self.gesture.pointer, Some(Gesture::Erase { erased, .. }) if erased.contains(&id))
    }

    /// The drawing surface over the items while a drawing tool is picked: drags draw or erase.
    pub(super) fn drawing_surface(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        board: &Board,
        ids: &mut IdGen,
        output: &mut CanvasOutput,
    ) {
        let tool = self.settings.tool;
        if tool == Tool::Select {
            return;
        }
        let viewport = self.view.viewport;
        let surface = ui.interact(
            viewport,
            ui.scope_id().with("drawing_surface"),
            Sense::click_and_drag(),
        );
        surface.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, "Drawing surface"));
        if surface.dragged_by(PointerButton::Middle) || (self.space_held(ui) && surface.dragged()) {
            self.view.camera.pan_by(surface.drag_delta());
            return;
        }
        if surface.hovered() || surface.dragged() {
            ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
            // The eraser shows how far it reaches.
            if tool == Tool::Eraser
                && let Some(pos) = ui.input(|i| i.pointer.hover_pos())
            {
                painter.circle_stroke(
                    pos,
                    ERASER_RADIUS,
                    egui::Stroke::new(1.5, crate::ui::theme::NOTE_TEXT),
                );
            }
        }
        let pressed = surface.drag_started_by(PointerButton::Primary)
            || surface.clicked_by(PointerButton::Primary);
        if pressed && let Some(start) = self.press_on_board(ui) {
            self.gesture.pointer = Some(match tool {
                Tool::Eraser => Gesture::Erase {
                    last: start,
                    erased: BTreeSet::new(),
                },
                _ => Gesture::Draw {
                    samples: vec![Sample::new(start, None)],
                },
            });
        }
        let moves = self.pointer_path(ui);
        let hidden = &self.caches.frames.hidden;
        match &mut self.gesture.pointer {
            Some(Gesture::Draw { samples }) => {
                let pressure = touch_pressure(ui);
                samples.extend(moves.iter().map(|&at| Sample::new(at, pressure)));
            }
            Some(Gesture::Erase { last, erased }) => {
                let radius = ERASER_RADIUS / self.view.camera.zoom;
                for at in moves {
                    erased.extend(strokes_touched(board, (*last, at), radius, hidden));
                    *last = at;
                }
            }
            _ => {}
        }
        if surface.clicked() || surface.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
            if let Some(Gesture::Erase { last, erased }) = &mut self.gesture.pointer {
                // A click erases what is under it.
                let radius = ERASER_RADIUS / self.view.camera.zoom;
                erased.extend(strokes_touched(board, (*last, *last), radius, hidden));
            }
            output.commands.extend(self.finish_drawing(board, ids));
        }
        self.paint_stroke_in_progress(painter);
    }

    /// Where the primary button went down, on the board.
    fn press_on_board(&self, ui: &Ui) -> Option<Point> {
        let pos = ui.input(|i| i.pointer.press_origin().or(i.pointer.interact_pos()))?;
        Some(self.view.camera.board_from_screen(self.view.viewport, pos))
    }

    /// Every place the pointer went through in this frame, on the board, while the primary
    /// button is held: each move the system reported, so a fast stroke keeps its curves.
    fn pointer_path(&self, ui: &Ui) -> Vec<Point> {
        if self.gesture.pointer.is_none() {
            return Vec::new();
        }
        ui.input(|i| {
            i.events
                .iter()
                .filter_map(|event| match event {
                    egui::Event::PointerMoved(pos) => Some(*pos),
                    _ => None,
                })
                .chain(
                    i.pointer
                        .primary_released()
                        .then(|| i.pointer.interact_pos())
                        .flatten(),
                )
                .map(|pos| self.view.camera.board_from_screen(self.view.viewport, pos))
                .collect()
        })
    }

    /// Ends the drawing gesture in progress: the stroke drawn is added, or the strokes erased
    /// are removed, each as one step.
    fn finish_drawing(&mut self, board: &Board, ids: &mut IdGen) -> Option<Command> {
        match self.gesture.pointer.take()? {
            Gesture::Draw { samples } => {
                let tool = self.settings.tool.stroke_tool()?;
                let id = ids.item_id(|id| board.item(id).is_some());
                let item = Item::stroke(id, &samples, tool, board.z_above_all(), self.ink(tool))?;
                Some(Command::Batch {
                    label: "Draw",
                    commands: vec![Command::AddItem(Box::new(item))],
                })
            }
            Gesture::Erase { erased, .. } if !erased.is_empty() => Some(Command::Batch {
                label: "Erase",
                commands: erased.into_iter().map(Command::RemoveItem).collect(),
            }),
            other => {
                if !matches!(other, Gesture::Erase { .. }) {
                    self.gesture.pointer = Some(other);
                }
                None
            }
        }
    }

    /// The stroke being drawn, as it will look once added.
    fn paint_stroke_in_progress(&self, painter: &egui::Painter) {
        let (Some(Gesture::Draw { samples }), Some(tool)) =
            (&self.gesture.pointer, self.settings.tool.stroke_tool())
        else {
            return;
        };
        let placeholder = ItemId::from_raw(0);
        let Some(item) = Item::stroke(placeholder, samples, tool, ZKey::middle(), self.ink(tool))
        else {
            return;
        };
        if let Some(stroke) = item.as_stroke() {
            let rect: Rect = self
                .view
                .camera
                .screen_rect(self.view.viewport, item.pos, item.size);
            super::stroke_paint::stroke(painter, &item, stroke, rect, self.view.camera.zoom);
        }
    }
}

/// The strokes on `board` that an eraser of `radius` (board units) touches on its way from
/// `from` to `to`, leaving out the `hidden` ones (in collapsed frames).
fn strokes_touched(
    board: &Board,
    (from, to): (Point, Point),
    radius: f32,
    hidden: &BTreeSet<ItemId>,
) -> Vec<ItemId> {
    let reach = crate::model::Rect::spanning(from, to).expand(radius);
    board
        .items_in(reach.min, reach.max)
        .into_iter()
        .filter(|item| !hidden.contains(&item.id))
        .filter_map(|item| {
            let stroke = item.as_stroke()?;
            sketch::touches(&stroke.outline_in(item.rect(), 1.0), from, to, radius)
                .then_some(item.id)
        })
        .collect()
}

/// The pen's pressure, where the device reports it (a pen on a tablet or touch screen).
fn touch_pressure(ui: &Ui) -> Option<f32> {
    ui.input(|i| {
        i.events.iter().rev().find_map(|event| match event {
            egui::Event::Touch { force, .. } => *force,
            _ => None,
        })
    })
}

/// The notes painted so far in a paint, and the highlighter strokes painted above them: a
/// highlighter goes under notes' text, so the text of a note a highlight runs over is painted
/// again above it.
#[derive(Default)]
pub(super) struct TextUnderHighlights<'b> {
    /// The notes painted so far, with their rectangles on screen.
    notes: Vec<(&'b Item, Rect)>,
    /// The notes with a highlighter stroke painted above them.
    highlighted: Vec<(&'b Item, Rect)>,
}

impl<'b> TextUnderHighlights<'b> {
    /// Notes `item` painted at `rect`.
    pub(super) fn note_painted(&mut self, item: &'b Item, rect: Rect) {
        match &item.kind {
            ItemKind::Note(_) => self.notes.push((item, rect)),
            ItemKind::Stroke(stroke) if stroke.tool == StrokeTool::Highlighter => {
                let (under, clear): (Vec<_>, Vec<_>) = std::mem::take(&mut self.notes)
                    .into_iter()
                    .partition(|(_, note)| note.intersects(rect));
                self.highlighted.extend(under);
                self.notes = clear;
            }
            _ => {}
        }
    }

    /// Paints the text of the highlighted notes again, above the highlights.
    pub(super) fn paint_text_above(self, state: &CanvasState, painter: &egui::Painter) {
        for (item, rect) in self.highlighted {
            if state.editing_item() == Some(item.id) {
                continue;
            }
            let look = super::paint::NoteLook {
                rect,
                zoom: state.view.camera.zoom,
                selected: false,
                show_text: true,
                highlighted: false,
                contrast: state.settings.presenting,
            };
            super::paint::note_text(painter, item, &look);
        }
    }
}
