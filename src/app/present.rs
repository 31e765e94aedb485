//! Presenting (F5): the board alone on the shared screen, for running a workshop. Menus, the
//! toolbar, the status bar and the panels are hidden; a slim stage bar names the stage shown.
//! `Page Down`/`Page Up`, and the arrow keys while nothing is selected, glide from stage to
//! stage. Adding notes, typing and the timer work as ever. `Escape` with nothing selected (and
//! nothing being typed) leaves.
//!
//! Two pointers for the facilitator, presenting or not: the laser leaves a short fading red
//! trail where the pointer goes, and the spotlight dims everything but the selection (or the
//! stage shown).

use std::collections::VecDeque;
use std::time::Duration;

use egui::{Color32, Pos2, Rect, RichText, Stroke};

use super::CivicCanvasApp;
use crate::model::{Board, Item, ItemId, Point};

/// The stage a view shows, with its number ("2", or "2.1" for a cluster in stage 2; see
/// [`Board::frame_numbers`]): the frame last stepped to, or else the smallest frame around the
/// middle of the view.
pub(super) fn current_stage(
    board: &Board,
    presenting: Option<ItemId>,
    middle: Point,
) -> Option<(String, &Item)> {
    let frames = board.frames();
    let frame = presenting
        .and_then(|id| frames.iter().copied().find(|frame| frame.id == id))
        .or_else(|| {
            frames
                .iter()
                .copied()
                .filter(|frame| frame.rect().contains(middle))
                .min_by(|a, b| {
                    let area = |item: &Item| item.size.width * item.size.height;
                    area(a).total_cmp(&area(b))
                })
        })?;
    let number = board.frame_numbers().remove(&frame.id)?;
    Some((number, frame))
}

/// The stage bar's dark strip.
const BAR: Color32 = Color32::from_rgb(0x1d, 0x27, 0x33);
/// The stage's number in the stage bar.
const STAGE_NUMBER: Color32 = Color32::from_rgb(0xf5, 0xc5, 0x42);
/// The stage's prompt in the stage bar: light, calm, readable on the dark strip.
const PROMPT: Color32 = Color32::from_rgb(0xd8, 0xe6, 0xf3);
/// How long the laser's trail lasts, in seconds.
const TRAIL_SECONDS: f64 = 0.7;
/// The laser's red.
const LASER: Color32 = Color32::from_rgb(0xe5, 0x1c, 0x23);
/// How dark the spotlight makes the rest of the board.
const DIMMED: Color32 = Color32::from_black_alpha(150);

/// How the stages are shown.
#[derive(Debug, Default)]
pub(super) struct StageView {
    /// Whether the board is being presented.
    pub(super) presenting: bool,
    /// Whether the stage bar shows while not presenting (presenting always shows it).
    pub(super) bar: bool,
}

/// The laser and the spotlight.
#[derive(Debug, Default)]
pub(super) struct Pointers {
    /// Whether the laser is on.
    pub(super) laser: bool,
    /// Where the pointer went lately (screen points) and when (egui's time).
    trail: VecDeque<(Pos2, f64)>,
    /// Whether the spotlight is on.
    pub(super) spotlight: bool,
}

impl CivicCanvasApp {
    /// Whether the board is being presented.
    pub fn is_presenting(&self) -> bool {
        self.shell.stage.presenting
    }

    /// Whether the stage bar is shown: always while presenting, else when asked for.
    pub fn stage_bar_shown(&self) -> bool {
        self.shell.stage.presenting || self.shell.stage.bar
    }

    /// Steps to the next (or previous) stage. With the stage bar shown, a stage with a time box
    /// starts the timer with it (Next stage).
    pub(super) fn step_stage(&mut self, backwards: bool) {
        let board = self.session.doc.board();
        let Some(stage) = self.canvas.step_frame(board, backwards) else {
            return;
        };
        if !self.stage_bar_shown() {
            return;
        }
        let Some((number, item)) = current_stage(board, Some(stage), Point::default()) else {
            return;
        };
        let Some(minutes) = item.as_frame().and_then(|frame| frame.minutes) else {
            return;
        };
        let status = format!(
            "Stage {number}, {}: the timer runs for {minutes} min",
            item.text()
        );
        let now = self.shell.clock.now();
        self.shell
            .timer
            .run_for(Duration::from_secs(u64::from(minutes) * 60), now);
        self.shell.timer.shown = true;
        self.set_status(status);
    }

    /// Starts or stops presenting.
    pub(super) fn toggle_presenting(&mut self) {
        self.commit_typing();
        self.shell.stage.presenting = !self.shell.stage.presenting;
        self.canvas.settings.presenting = self.shell.stage.presenting;
    }

    /// Turns the laser pointer on or off.
    pub(super) fn toggle_laser(&mut self) {
        let pointers = &mut self.shell.pointers;
        pointers.laser = !pointers.laser;
        pointers.trail.clear();
        let on = pointers.laser;
        self.say_on_off("The laser pointer is", on);
    }

    /// Turns the spotlight on or off.
    pub(super) fn toggle_spotlight(&mut self) {
        self.shell.pointers.spotlight = !self.shell.pointers.spotlight;
        let on = self.shell.pointers.spotlight;
        self.say_on_off("The spotlight is", on);
    }

    /// What the spotlight leaves bright, on screen: the selection, or else the stage shown.
    pub fn spotlight(&self) -> Option<Rect> {
        if !self.shell.pointers.spotlight {
            return None;
        }
        let board = self.session.doc.board();
        let camera = self.canvas.view.camera;
        let viewport = self.canvas.viewport();
        let on_screen = |item: &Item| camera.screen_rect(viewport, item.pos, item.size);
        let picked = self
            .canvas
            .selection
            .items
            .iter()
            .filter_map(|&id| board.item(id))
            .map(on_screen)
            .reduce(Rect::union);
        picked.or_else(|| {
            current_stage(board, None, camera.center_in_board).map(|(_, frame)| on_screen(frame))
        })
    }

    /// How many points the laser's trail has now.
    pub fn laser_trail(&self) -> usize {
        self.shell.pointers.trail.len()
    }

    /// The spotlight and the laser over the canvas (`ui`: the canvas's).
    pub(super) fn paint_pointers(&mut self, ui: &egui::Ui) {
        let viewport = self.canvas.viewport();
        let painter = ui.painter_at(viewport);
        if let Some(bright) = self.spotlight().map(|rect| rect.expand(12.0)) {
            // Four dark bands around the bright part.
            let bands = [
                Rect::from_min_max(viewport.min, Pos2::new(viewport.max.x, bright.min.y)),
                Rect::from_min_max(Pos2::new(viewport.min.x, bright.max.y), viewport.max),
                Rect::from_min_max(
                    Pos2::new(viewport.min.x, bright.min.y),
                    Pos2::new(bright.min.x, bright.max.y),
                ),
                Rect::from_min_max(
                    Pos2::new(bright.max.x, bright.min.y),
                    Pos2::new(viewport.max.x, bright.max.y),
                ),
            ];
            for band in bands {
                let band = band.intersect(viewport);
                if band.is_positive() {
                    painter.rect_filled(band, 0.0, DIMMED);
                }
            }
        }
        let pointers = &mut self.shell.pointers;
        if !pointers.laser {
            return;
        }
        let now = ui.input(|i| i.time);
        match ui
            .ctx()
            .pointer_hover_pos()
            .filter(|at| viewport.contains(*at))
        {
            Some(at) if pointers.trail.back().is_none_or(|(last, _)| *last != at) => {
                pointers.trail.push_back((at, now));
            }
            Some(_) => {}
            None => pointers.trail.clear(),
        }
        // The trail fades away; the dot at the pointer stays.
        while pointers.trail.len() > 1
            && pointers
                .trail
                .front()
                .is_some_and(|(_, when)| now - when > TRAIL_SECONDS)
        {
            pointers.trail.pop_front();
        }
        let fade = |when: f64| (1.0 - (now - when) / TRAIL_SECONDS).clamp(0.0, 1.0) as f32;
        for pair in pointers.trail.iter().collect::<Vec<_>>().windows(2) {
            if let [(a, _), (b, when)] = pair {
                let strength = fade(*when);
                painter.line_segment(
                    [*a, *b],
                    Stroke::new(2.0 + 4.0 * strength, LASER.gamma_multiply(strength)),
                );
            }
        }
        if let Some((head, _)) = pointers.trail.back() {
            painter.circle_filled(*head, 7.0, LASER);
            painter.circle_stroke(*head, 7.0, Stroke::new(2.0, Color32::WHITE));
        }
        if pointers.trail.len() > 1 {
            // The trail fades even when the pointer rests; the dot alone needs no paints.
            ui.ctx().request_repaint();
        }
    }

    /// The slim bar at the top while presenting (or when asked for): the stage's number, title
    /// and prompt, the time left on the timer, and how to go on.
    pub(super) fn stage_bar(&self, ui: &mut egui::Ui) {
        let board = self.session.doc.board();
        let camera = self.canvas.view.camera;
        let stage = current_stage(
            board,
            self.canvas.selection.presenting,
            camera.center_in_board,
        );
        let timer = &self.shell.timer;
        let left = timer
            .shown
            .then(|| super::timer::clock_face(timer.left(self.shell.clock.now())));
        let hint = if self.shell.stage.presenting {
            "Page Down: next stage · Esc: stop presenting"
        } else {
            "Page Down: next stage"
        };
        egui::Panel::top("stage_bar")
            .frame(
                egui::Frame::new()
                    .fill(BAR)
                    .inner_margin(egui::Margin::symmetric(16, 6)),
            )
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let (number, title) = match &stage {
                        Some((number, frame)) => (Some(number.clone()), frame.text()),
                        None => (None, board.title()),
                    };
                    if let Some(number) = number {
                        ui.label(
                            RichText::new(number)
                                .size(22.0)
                                .strong()
                                .color(STAGE_NUMBER),
                        );
                    }
                    ui.label(
                        RichText::new(title)
                            .size(22.0)
                            .strong()
                            .color(Color32::WHITE),
                    );
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if let Some(left) = left {
                            ui.label(
                                RichText::new(left)
                                    .font(egui::FontId::monospace(22.0))
                                    .color(Color32::WHITE),
                            )
                            .on_hover_text("Time left on the workshop timer");
                        }
                        ui.label(RichText::new(hint).color(Color32::from_gray(200)));
                    });
                });
                let prompt = stage
                    .and_then(|(_, item)| item.as_frame())
                    .map(|frame| frame.prompt.as_str())
                    .filter(|prompt| !prompt.is_empty());
                if let Some(prompt) = prompt {
                    ui.label(RichText::new(prompt).size(20.0).color(PROMPT));
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frame, IdGen, Size, ZKey};

    #[test]
    fn the_stage_is_the_frame_stepped_to_or_the_smallest_around_the_middle() {
        let mut ids = IdGen::seeded(3);
        let mut frame = |title: &str, x: f32, width: f32, order: u32| {
            Item::frame(
                ids.item_id(|_| false),
                Point::new(x, 0.0),
                Size::new(width, 500.0),
                ZKey::middle(),
                Frame::new(title, order),
            )
        };
        let stage = frame("Ideation", 0.0, 1000.0, 1);
        let cluster = frame("Cluster", 100.0, 200.0, 3);
        let later = frame("Solutions", 2000.0, 800.0, 2);
        let (stage_id, later_id) = (stage.id, later.id);
        let board = Board::from_parts("Stages", [stage, cluster, later], []).unwrap();
        let (number, found) = current_stage(&board, None, Point::new(500.0, 250.0)).unwrap();
        assert_eq!((number.as_str(), found.id), ("1", stage_id));
        let (_, found) = current_stage(&board, None, Point::new(150.0, 250.0)).unwrap();
        assert_eq!(found.text(), "Cluster", "the smallest around the middle");
        let (number, found) =
            current_stage(&board, Some(later_id), Point::new(500.0, 250.0)).unwrap();
        assert_eq!((number.as_str(), found.id), ("2", later_id));
        assert!(current_stage(&board, None, Point::new(1500.0, 250.0)).is_none());
    }
}
