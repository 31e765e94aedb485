//! The *Draw portrait…* dialog: a square sketch area where the pointer draws a persona's
//! portrait with the pen, line by line.
//!
//! The lines are kept in the portrait's own square ([`Portrait::SIZE`] units wide), drawn as
//! the card draws them ([`stroke_mesh`]); the corners outside the circle the card shows are
//! shaded. Nothing reaches the board until *Done*: then the whole portrait is one change, so one
//! undo step. *Cancel*, Escape or closing the dialog leave the card as it was; a click beside
//! the dialog does not close it, so a stroke that runs past its edge loses no drawing.
//!
//! *Draw portrait…* ([`crate::ui::shortcuts::Action::DrawPortrait`]) in the inspector and a
//! card's right-click menu opens it for the selected persona card.

use egui::{
    Button, Color32, CornerRadius, CursorIcon, Event, Key, KeyboardShortcut, Mesh, Modifiers, Pos2,
    Rect, RichText, Role, Sense, Shape, Stroke as Line, StrokeKind, Ui, Vec2, WidgetInfo, vec2,
};

use super::dialogs::Choice;
use super::{stroke_mesh, theme};
use crate::model::{ItemId, Persona, Portrait, Stroke, StrokePoint};

/// The width and height of the sketch area, in points.
const SKETCH_SIDE: f32 = 320.0;

/// Points closer than this to the one before (in the portrait's units) are not kept: the pen
/// hardly moved, and the file stays small.
const MIN_STEP: f32 = 0.5;

/// What the accessibility tree (and UI tests) call the sketch area.
pub const SKETCH_AREA_LABEL: &str = "Portrait sketch area";

/// A portrait being drawn in the dialog.
#[derive(Debug)]
pub struct PortraitSketch {
    /// The persona card it is for.
    item: ItemId,
    /// The persona's name, for the dialog's heading.
    name: String,
    /// The lines drawn so far (starting with those the card had), in the portrait's square.
    lines: Vec<Stroke>,
    /// The line under the pen, while a drag is on.
    drawing: Option<Vec<StrokePoint>>,
}

impl PortraitSketch {
    /// A sketch for the persona card `item`, starting from the portrait it has.
    pub fn new(item: ItemId, persona: &Persona) -> Self {
        Self {
            item,
            name: persona.name.clone(),
            lines: persona.portrait.lines().to_vec(),
            drawing: None,
        }
    }

    /// The persona card the sketch is for.
    pub fn item(&self) -> ItemId {
        self.item
    }

    /// The portrait drawn: the lines finished so far.
    pub fn portrait(&self) -> Portrait {
        Portrait::new(self.lines.iter().map(|line| line.points.clone()))
    }

    /// Shows the dialog's contents; returns [`Choice::Portrait`] for *Done* and
    /// [`Choice::Close`] for *Cancel*.
    pub fn show(&mut self, ui: &mut Ui) -> Option<Choice> {
        let keys = |modifiers, key| {
            ui.ctx()
                .format_shortcut(&KeyboardShortcut::new(modifiers, key))
        };
        let (undo_keys, done_keys) = (
            keys(Modifiers::COMMAND, Key::Z),
            keys(Modifiers::COMMAND, Key::Enter),
        );
        ui.heading("Draw portrait");
        let name = if self.name.trim().is_empty() {
            "the persona"
        } else {
            self.name.as_str()
        };
        ui.label(format!(
            "Draw a face for {name} with the mouse or a pen. The card shows what is inside the \
             circle, in place of the initials; a photo, if the card has one, still comes first."
        ));
        ui.add_space(6.0);
        ui.vertical_centered(|ui| self.sketch_area(ui));
        ui.add_space(8.0);
        let mut choice = None;
        ui.horizontal(|ui| {
            let drawn = !self.lines.is_empty();
            if ui
                .add_enabled(drawn, Button::new("Undo last stroke"))
                .on_hover_text(format!("Take back the last line drawn ({undo_keys})"))
                .clicked()
            {
                self.lines.pop();
            }
            if ui
                .add_enabled(drawn, Button::new("Clear"))
                .on_hover_text("Start again with an empty square")
                .clicked()
            {
                self.lines.clear();
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(RichText::new("Done").strong())
                    .on_hover_text(format!("Put the portrait on the card ({done_keys})"))
                    .clicked()
                {
                    choice = Some(Choice::Portrait);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Close without changing the card (Escape)")
                    .clicked()
                {
                    choice = Some(Choice::Close);
                }
            });
        });
        choice.or_else(|| self.keys(ui))
    }

    /// Escape cancels, Ctrl+Enter is *Done* and Ctrl+Z takes back the last line.
    fn keys(&mut self, ui: &Ui) -> Option<Choice> {
        ui.input_mut(|input| {
            if input.consume_key(Modifiers::NONE, Key::Escape) {
                Some(Choice::Close)
            } else if input.consume_key(Modifiers::COMMAND, Key::Enter) {
                Some(Choice::Portrait)
            } else {
                if input.consume_key(Modifiers::COMMAND, Key::Z) {
                    self.lines.pop();
                }
                None
            }
        })
    }

    /// The square where the pointer draws: a drag is a line, a click a dot.
    fn sketch_area(&mut self, ui: &mut Ui) {
        let (rect, response) =
            ui.allocate_exact_size(Vec2::splat(SKETCH_SIDE), Sense::click_and_drag());
        response.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, SKETCH_AREA_LABEL));
        let response = response.on_hover_cursor(CursorIcon::Crosshair);
        let in_square = |at: Pos2| {
            let scale = Portrait::SIZE / rect.width();
            let x = ((at.x - rect.min.x) * scale).clamp(0.0, Portrait::SIZE);
            let y = ((at.y - rect.min.y) * scale).clamp(0.0, Portrait::SIZE);
            StrokePoint::rounded(x, y, None)
        };
        if response.drag_started() {
            let start = ui.input(|input| input.pointer.press_origin());
            self.drawing = Some(start.map(in_square).into_iter().collect());
        }
        if let Some(line) = &mut self.drawing {
            let moves: Vec<Pos2> = ui.input(|input| {
                input
                    .events
                    .iter()
                    .filter_map(|event| match event {
                        Event::PointerMoved(at) => Some(*at),
                        _ => None,
                    })
                    .chain(input.pointer.latest_pos())
                    .collect()
            });
            for at in moves {
                add_point(line, in_square(at));
            }
        }
        if response.drag_stopped()
            && let Some(line) = self.drawing.take()
            && !line.is_empty()
        {
            self.lines.push(Portrait::line(line));
        }
        if response.clicked()
            && let Some(at) = response.interact_pointer_pos()
        {
            self.lines.push(Portrait::line(vec![in_square(at)]));
        }
        self.paint(ui, rect);
    }

    /// The paper, the lines, the shaded corners the card does not show and the circle it does.
    fn paint(&self, ui: &Ui, rect: Rect) {
        let painter = ui.painter_at(rect.expand(2.0));
        painter.rect_filled(rect, CornerRadius::ZERO, theme::PORTRAIT_PAPER);
        let drawing = self.drawing.clone().map(Portrait::line);
        let lines = self.lines.iter().chain(drawing.as_ref());
        painter.add(Shape::mesh(stroke_mesh::portrait_lines(
            lines,
            rect,
            theme::PORTRAIT_INK,
        )));
        if self.lines.is_empty() && self.drawing.is_none() {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Draw here",
                egui::FontId::proportional(22.0),
                theme::PORTRAIT_HINT,
            );
        }
        painter.add(Shape::mesh(outside_circle(rect, theme::PORTRAIT_OUTSIDE)));
        painter.circle_stroke(
            rect.center(),
            rect.width() / 2.0,
            Line::new(1.5, theme::PORTRAIT_HINT),
        );
        painter.rect_stroke(
            rect,
            CornerRadius::ZERO,
            Line::new(1.0, theme::PORTRAIT_HINT),
            StrokeKind::Outside,
        );
    }
}

/// Adds `point` to the end of `line`, unless it is within [`MIN_STEP`] of the last point.
fn add_point(line: &mut Vec<StrokePoint>, point: StrokePoint) {
    let far_enough = line
        .last()
        .is_none_or(|last| (last.x - point.x).hypot(last.y - point.y) >= MIN_STEP);
    if far_enough {
        line.push(point);
    }
}

/// The corners of the square `rect` outside the circle that fills it: a ring of quads from the
/// circle out to the square's edge.
fn outside_circle(rect: Rect, color: Color32) -> Mesh {
    // A multiple of 8, so the square's corners are among the directions.
    const STEPS: u32 = 96;
    let center = rect.center();
    let radius = rect.width() / 2.0;
    let mut mesh = Mesh::default();
    for step in 0..=STEPS {
        let angle = step as f32 / STEPS as f32 * std::f32::consts::TAU;
        let direction = vec2(angle.cos(), angle.sin());
        // Where the ray from the centre leaves the square.
        let reach = radius / direction.x.abs().max(direction.y.abs());
        mesh.colored_vertex(center + direction * radius, color);
        mesh.colored_vertex(center + direction * reach, color);
        if step > 0 {
            let first = (step - 1) * 2;
            mesh.add_triangle(first, first + 1, first + 2);
            mesh.add_triangle(first + 1, first + 3, first + 2);
        }
    }
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn points_that_hardly_move_are_not_kept() {
        let mut line = Vec::new();
        add_point(&mut line, StrokePoint::rounded(10.0, 10.0, None));
        add_point(&mut line, StrokePoint::rounded(10.2, 10.2, None));
        add_point(&mut line, StrokePoint::rounded(10.6, 10.0, None));
        assert_eq!(line.len(), 2);
    }

    #[test]
    fn the_shade_covers_the_corners_and_not_the_circle() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), Vec2::splat(100.0));
        let shade = outside_circle(rect, Color32::BLACK);
        let area: f32 = shade
            .indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [0, 1, 2].map(|i| shade.vertices[t[i] as usize].pos);
                ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0
            })
            .sum();
        let corners = 100.0 * 100.0 - std::f32::consts::PI * 50.0 * 50.0;
        assert!(
            (area - corners).abs() < corners * 0.02,
            "{area} vs {corners}"
        );
    }

    #[test]
    fn a_sketch_starts_from_the_card_s_portrait_and_gives_back_its_lines() {
        let mut persona = Persona::named("Nana");
        persona.portrait = Portrait::new([vec![StrokePoint::rounded(50.0, 50.0, None)]]);
        let mut sketch = PortraitSketch::new(ItemId::from_raw(3), &persona);
        assert_eq!(sketch.portrait(), persona.portrait);
        sketch.lines.push(Portrait::line(vec![
            StrokePoint::rounded(10.0, 10.0, None),
            StrokePoint::rounded(20.0, 20.0, None),
        ]));
        assert_eq!(sketch.portrait().lines().len(), 2);
        assert_eq!(sketch.item(), ItemId::from_raw(3));
    }
}
