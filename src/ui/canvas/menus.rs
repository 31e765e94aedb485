//! Right-click menus of the canvas and of connectors.

use egui::Ui;

use super::{CanvasOutput, CanvasState, Spot};
use crate::edit::{Command, ConnectorField};
use crate::model::{Board, Connector, IdGen, ItemKind, MapNode, NodeType, Polarity, Rings, Route};
use crate::ui::shortcuts::Action;
use crate::ui::widgets::action_button;

impl CanvasState {
    /// The menu of empty canvas: new items where the user right-clicked, and view actions.
    pub(super) fn canvas_menu(
        &mut self,
        ui: &mut Ui,
        board: &Board,
        ids: &mut IdGen,
        output: &mut CanvasOutput,
    ) {
        let at = self.gesture.menu_at;
        if ui
            .button("New sticky note here")
            .on_hover_text("Add a sticky note where you right-clicked")
            .clicked()
        {
            output.commands.extend(self.finish_editing(board));
            output.commands.push(self.new_note(board, ids, at));
            ui.close();
        }
        ui.menu_button("New map node here", |ui| {
            for node_type in NodeType::BUILT_IN {
                if ui.button(node_type.name()).clicked() {
                    output.commands.extend(self.finish_editing(board));
                    let node = MapNode {
                        node_type,
                        ..MapNode::default()
                    };
                    let spot = at.map_or(Spot::Auto, Spot::Exact);
                    output
                        .commands
                        .push(self.new_map_node(board, ids, node, spot));
                    ui.close();
                }
            }
        });
        ui.menu_button("Add backdrop here", |ui| {
            for (name, kind) in backdrop_choices() {
                if ui.button(name).clicked() {
                    output
                        .commands
                        .push(self.new_backdrop(board, ids, kind, at));
                    ui.close();
                }
            }
        });
        ui.separator();
        // Paste where the menu was opened (the clipboard's text arrives in a later paint).
        if action_button(ui, Action::Paste).clicked() {
            self.gesture.paste_at = at;
            output.actions.push(Action::Paste);
            ui.close();
        }
        for action in [
            Action::NewPersona,
            Action::NewFrame,
            Action::SelectAll,
            Action::ZoomToFit,
        ] {
            if action_button(ui, action).clicked() {
                output.actions.push(action);
                ui.close();
            }
        }
    }
}

/// The menu of a connector: polarity, straight or curved, delete.
pub(super) fn connector_menu(ui: &mut Ui, connector: &Connector, output: &mut CanvasOutput) {
    let props = &connector.props;
    let mut set = |ui: &mut Ui, field: ConnectorField| {
        output.commands.push(Command::SetConnectorField {
            id: connector.id,
            field,
        });
        ui.close();
    };
    ui.label("Polarity");
    for polarity in Polarity::ALL {
        if ui
            .selectable_label(props.polarity == Some(polarity), polarity.name())
            .clicked()
        {
            let polarity = (props.polarity != Some(polarity)).then_some(polarity);
            set(ui, ConnectorField::Polarity(polarity));
        }
    }
    ui.separator();
    let (route, name) = match props.route {
        Route::Straight => (Route::Curved, "Make curved"),
        Route::Curved => (Route::Straight, "Make straight"),
    };
    if ui.button(name).clicked() {
        set(ui, ConnectorField::Route(route));
    }
    ui.separator();
    if ui.button("Delete connector").clicked() {
        output.commands.push(Command::RemoveConnector(connector.id));
        ui.close();
    }
}

/// The backdrops offered in the Backdrop menus, with their names: the stakeholder rings presets
/// and the two grids.
pub fn backdrop_choices() -> Vec<(String, ItemKind)> {
    Rings::PRESETS
        .iter()
        .map(|(name, rings)| {
            (
                format!("Stakeholder rings: {name}"),
                ItemKind::Rings(Rings::from_names(rings)),
            )
        })
        .chain([
            (
                "Influence / interest grid".to_owned(),
                ItemKind::InterestGrid,
            ),
            ("Impact / effort grid".to_owned(), ItemKind::ImpactGrid),
        ])
        .collect()
}
