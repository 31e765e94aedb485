//! The inspector form of a connector: its label, its meaning on a system map (polarity, delay)
//! or a stakeholder map (relation), and how it looks. Each finished edit is one command.

use egui::{ComboBox, Ui};

use super::{InspectorState, Target};
use crate::edit::{Command, ConnectorField};
use crate::model::{
    Arrows, Board, Connector, ConnectorProps, LineStyle, Polarity, Relation, Route,
};

/// The inspector form of a connector: label, polarity, delay, relation and looks.
pub(super) fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    board: &Board,
    connector: &Connector,
    commands: &mut Vec<Command>,
) {
    let target = Target::Connector(connector.id);
    let props = &connector.props;
    let set = |field: ConnectorField| Command::SetConnectorField {
        id: connector.id,
        field,
    };
    let name = |id| {
        board
            .item(id)
            .map_or("?", |item| crate::ui::canvas::item_label(item))
            .to_owned()
    };
    ui.label(format!(
        "From “{}” to “{}”",
        name(connector.from),
        name(connector.to)
    ));
    ui.add_space(6.0);
    if let Some(label) = state.text_field(ui, target, "Label", &connector.label, false) {
        commands.push(Command::SetConnectorLabel {
            id: connector.id,
            label,
        });
    }
    ui.add_space(6.0);
    ui.label("Polarity (system maps)");
    ui.horizontal_wrapped(|ui| {
        let options =
            std::iter::once((None, "None")).chain(Polarity::ALL.map(|p| (Some(p), p.name())));
        for (polarity, label) in options {
            if ui
                .selectable_label(props.polarity == polarity, label)
                .clicked()
                && props.polarity != polarity
            {
                commands.push(set(ConnectorField::Polarity(polarity)));
            }
        }
    });
    let mut delay = props.delay;
    if ui
        .checkbox(&mut delay, "Delay: the effect takes time")
        .changed()
    {
        commands.push(set(ConnectorField::Delay(delay)));
    }
    ui.add_space(6.0);
    if let Some(relation) = relation_choice(ui, state, target, props) {
        commands.push(set(ConnectorField::Relation(relation)));
    }
    ui.add_space(6.0);
    commands.extend(look_choices(ui, props).map(set));
    ui.add_space(10.0);
    if ui
        .button("Delete connector")
        .on_hover_text("Remove this connector (Delete)")
        .clicked()
    {
        commands.push(Command::RemoveConnector(connector.id));
    }
}

/// The relation combo box (and the name of a custom relation); returns a changed relation.
#[expect(
    clippy::option_option,
    reason = "None: unchanged; Some(None): the relation was cleared"
)]
fn relation_choice(
    ui: &mut Ui,
    state: &mut InspectorState,
    target: Target,
    props: &ConnectorProps,
) -> Option<Option<Relation>> {
    ui.label("Relation (stakeholder maps)");
    let mut relation = None;
    ComboBox::from_id_salt("inspector_relation")
        .selected_text(props.relation.as_ref().map_or("None", Relation::name))
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(props.relation.is_none(), "None")
                .clicked()
            {
                relation = Some(None);
            }
            for built_in in Relation::BUILT_IN {
                let selected = props.relation.as_ref() == Some(&built_in);
                if ui.selectable_label(selected, built_in.name()).clicked() {
                    relation = Some(Some(built_in));
                }
            }
            let custom = matches!(props.relation, Some(Relation::Custom(_)));
            if ui.selectable_label(custom, "Custom relation…").clicked() && !custom {
                relation = Some(Some(Relation::Custom("Other".to_owned())));
            }
        })
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Relation"));
    if let Some(Relation::Custom(name)) = &props.relation
        && let Some(name) = state.text_field(ui, target, "Custom relation name", name, false)
    {
        let name = name.trim();
        relation = Some(Some(Relation::Custom(
            if name.is_empty() { "Other" } else { name }.to_owned(),
        )));
    }
    relation.filter(|r| *r != props.relation)
}

/// Arrow ends, solid or dashed, straight or curved; returns the changed property.
fn look_choices(ui: &mut Ui, props: &ConnectorProps) -> Option<ConnectorField> {
    let mut changed = None;
    ui.label("Arrows");
    ui.horizontal_wrapped(|ui| {
        for arrows in Arrows::ALL {
            if ui
                .selectable_label(props.arrows == arrows, arrows.name())
                .clicked()
                && props.arrows != arrows
            {
                changed = Some(ConnectorField::Arrows(arrows));
            }
        }
    });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        for (line, name) in [(LineStyle::Solid, "Solid"), (LineStyle::Dashed, "Dashed")] {
            if ui.selectable_label(props.line == line, name).clicked() && props.line != line {
                changed = Some(ConnectorField::Line(line));
            }
        }
        ui.separator();
        for (route, name) in [(Route::Straight, "Straight"), (Route::Curved, "Curved")] {
            if ui.selectable_label(props.route == route, name).clicked() && props.route != route {
                changed = Some(ConnectorField::Route(route));
            }
        }
    });
    changed
}
