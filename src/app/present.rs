//! Presenting (F5): the board alone on the shared screen, for running a workshop. Menus, the
//! toolbar, the status bar and the panels are hidden; a slim stage bar names the stage shown.
//! `Page Down`/`Page Up`, and the arrow keys while nothing is selected, glide from stage to
//! stage. Adding notes, typing and the timer work as ever. `Escape` with nothing selected (and
//! nothing being typed) leaves.

use egui::{Color32, RichText};

use super::CivicCanvasApp;
use crate::model::{Board, Item, ItemId, Point};

/// The stage a view shows, with its number in presenting order (from 1): the frame last stepped
/// to, or else the smallest frame around the middle of the view.
pub(super) fn current_stage(
    board: &Board,
    presenting: Option<ItemId>,
    middle: Point,
) -> Option<(usize, &Item)> {
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
    let number = frames.iter().position(|other| other.id == frame.id)? + 1;
    Some((number, frame))
}

/// The stage bar's dark strip.
const BAR: Color32 = Color32::from_rgb(0x1d, 0x27, 0x33);

impl CivicCanvasApp {
    /// Whether the board is being presented.
    pub fn is_presenting(&self) -> bool {
        self.shell.presenting
    }

    /// Starts or stops presenting.
    pub(super) fn toggle_presenting(&mut self) {
        self.commit_typing();
        self.shell.presenting = !self.shell.presenting;
    }

    /// The slim bar at the top while presenting: the stage's number and title, and how to
    /// leave.
    pub(super) fn stage_bar(&self, ui: &mut egui::Ui) {
        let board = self.session.doc.board();
        let camera = self.canvas.view.camera;
        let stage = current_stage(
            board,
            self.canvas.selection.presenting,
            camera.center_in_board,
        );
        egui::Panel::top("stage_bar")
            .frame(
                egui::Frame::new()
                    .fill(BAR)
                    .inner_margin(egui::Margin::symmetric(16, 6)),
            )
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    match stage {
                        Some((number, frame)) => {
                            ui.label(
                                RichText::new(number.to_string())
                                    .size(22.0)
                                    .strong()
                                    .color(Color32::from_rgb(0xf5, 0xc5, 0x42)),
                            );
                            ui.label(
                                RichText::new(frame.text())
                                    .size(22.0)
                                    .strong()
                                    .color(Color32::WHITE),
                            );
                        }
                        None => {
                            ui.label(
                                RichText::new(board.title())
                                    .size(22.0)
                                    .strong()
                                    .color(Color32::WHITE),
                            );
                        }
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(
                            RichText::new("Page Down: next stage · Esc: stop presenting")
                                .color(Color32::from_gray(200)),
                        );
                    });
                });
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
        assert_eq!((number, found.id), (1, stage_id));
        let (_, found) = current_stage(&board, None, Point::new(150.0, 250.0)).unwrap();
        assert_eq!(found.text(), "Cluster", "the smallest around the middle");
        let (number, found) =
            current_stage(&board, Some(later_id), Point::new(500.0, 250.0)).unwrap();
        assert_eq!((number, found.id), (2, later_id));
        assert!(current_stage(&board, None, Point::new(1500.0, 250.0)).is_none());
    }
}
