//! The quick-create menu: a small list of map node types at the pointer (Shift+N), picked with
//! a click or the number keys 1–8.

use egui::{Area, Frame, Key, Order, Pos2, RichText, Ui};

use super::{CanvasOutput, CanvasState, Spot};
use crate::model::{Board, IdGen, MapNode, NodeType, Point};

const DIGITS: [Key; 8] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
];

/// Where the quick-create menu is open: on screen and on the board.
#[derive(Clone, Copy, Debug)]
pub(super) struct QuickCreate {
    screen: Pos2,
    board: Point,
}

impl CanvasState {
    /// Opens the quick-create menu at the pointer (or the middle of the view).
    pub fn open_quick_create(&mut self, ctx: &egui::Context) {
        let screen = ctx
            .input(|i| i.pointer.hover_pos())
            .filter(|&pos| self.view.viewport.contains(pos))
            .unwrap_or_else(|| self.view.viewport.center());
        let board = self
            .view
            .camera
            .board_from_screen(self.view.viewport, screen);
        self.gesture.quick_create = Some(QuickCreate { screen, board });
    }

    /// Closes the quick-create menu.
    pub fn close_quick_create(&mut self) {
        self.gesture.quick_create = None;
    }

    /// Whether the quick-create menu is open.
    pub fn quick_create_open(&self) -> bool {
        self.gesture.quick_create.is_some()
    }

    /// Shows the quick-create menu if it is open; a chosen type adds a node there.
    pub(super) fn quick_create_menu(
        &mut self,
        ui: &Ui,
        board: &Board,
        ids: &mut IdGen,
        output: &mut CanvasOutput,
    ) {
        let Some(open) = self.gesture.quick_create else {
            return;
        };
        let mut chosen = ui.input_mut(|i| {
            DIGITS
                .iter()
                .position(|&key| i.consume_key(egui::Modifiers::NONE, key))
        });
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)) {
            self.gesture.quick_create = None;
            return;
        }
        let area = Area::new(ui.scope_id().with("quick_create"))
            .order(Order::Foreground)
            .fixed_pos(open.screen)
            // Open towards the middle of the view, so the whole list stays on screen.
            .pivot(super::toward_center(self.view.viewport, open.screen))
            .constrain(true)
            .show(ui.ctx(), |ui| {
                Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new("Add a map node").strong());
                    for (i, node_type) in NodeType::BUILT_IN.iter().enumerate() {
                        let text = format!("{}  {}", i + 1, node_type.name());
                        if ui
                            .button(text)
                            .on_hover_text(format!("Press {} to add this type", i + 1))
                            .clicked()
                        {
                            chosen = Some(i);
                        }
                    }
                    ui.weak("Esc to close");
                });
            });
        let clicked_elsewhere = ui.input(|i| i.pointer.any_pressed())
            && !area.response.contains_pointer()
            && chosen.is_none();
        if let Some(node_type) = chosen.and_then(|i| NodeType::BUILT_IN.get(i)) {
            self.gesture.quick_create = None;
            output.commands.extend(self.finish_editing(board));
            let node = MapNode {
                node_type: node_type.clone(),
                ..MapNode::default()
            };
            output
                .commands
                .push(self.new_map_node(board, ids, node, Spot::Near(open.board)));
        } else if clicked_elsewhere {
            self.gesture.quick_create = None;
        }
    }
}
