//! UI tests for stakeholder and system maps: creating nodes from the keyboard, drawing a
//! connector from a node's handle, editing it in the inspector, picking connectors with a click,
//! and dropping nodes on rings and grids.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{Item, ItemKind, Level, NodeType, Polarity};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;

mod common;
use common::{add_node, app_harness, click_at, drag, item_by_text, press, type_text};
use egui_kittest::kittest::Queryable as _;

fn undo(harness: &mut Harness<'_, CivicCanvasApp>) {
    press(harness, Modifiers::COMMAND, Key::Z);
}

#[test]
fn build_a_small_stakeholder_map_by_dragging_a_connector_and_setting_its_polarity() {
    let mut harness = app_harness(None);
    add_node(&mut harness, Key::Num1, "Parents of newborns");
    add_node(&mut harness, Key::Num2, "Civil registry");
    let parents = item_by_text(&harness, "Parents of newborns");
    let registry = item_by_text(&harness, "Civil registry");
    let node_type = |item: &Item| match &item.kind {
        ItemKind::MapNode(node) => node.node_type.clone(),
        other => panic!("not a node: {other:?}"),
    };
    assert_eq!(node_type(&parents), NodeType::CitizenGroup);
    assert_eq!(node_type(&registry), NodeType::MunicipalDepartment);
    assert_eq!(harness.state().board().items().len(), 2);

    // Drag from the connection handle of the first node onto the second.
    harness.get_by_label("Parents of newborns").click();
    harness.run();
    let handle = harness
        .get_by_label("Connect from Parents of newborns")
        .rect()
        .center();
    let target = harness.get_by_label("Civil registry").rect().center();
    drag(&mut harness, handle, target);
    let board = harness.state().board();
    assert_eq!(board.connectors().len(), 1);
    let link = board.connectors().next().unwrap().clone();
    assert_eq!((link.from, link.to), (parents.id, registry.id));
    assert_eq!(harness.state().canvas().selection.connector, Some(link.id));

    // The new connector is selected, so the inspector shows it; set its polarity.
    harness.get_by_label("Connector");
    harness.get_by_label("+ Same direction").click();
    harness.run();
    let polarity = |harness: &Harness<'_, CivicCanvasApp>| {
        harness
            .state()
            .board()
            .connector(link.id)
            .unwrap()
            .props
            .polarity
    };
    assert_eq!(polarity(&harness), Some(Polarity::Positive));
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Change connector")
    );

    // One undo step each: the polarity, then the connector.
    undo(&mut harness);
    assert_eq!(polarity(&harness), None);
    undo(&mut harness);
    assert_eq!(harness.state().board().connectors().len(), 0);
    assert_eq!(harness.state().board().items().len(), 2);
}

#[test]
fn connect_joins_two_selected_items_and_a_click_near_the_line_selects_it() {
    let mut harness = app_harness(None);
    // Each node where the pointer is, well apart, so that the line between them is long
    // enough to click beside the nodes' connection handles.
    harness.hover_at(egui::pos2(300.0, 450.0));
    add_node(&mut harness, Key::Num3, "Ministry");
    harness.hover_at(egui::pos2(800.0, 450.0));
    add_node(&mut harness, Key::Num7, "Civil status law");
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::NONE, Key::C);
    assert_eq!(harness.state().board().connectors().len(), 1);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().canvas().selection.connector, None);

    // Halfway between the two nodes is on the line.
    let a = harness.get_by_label("Ministry").rect();
    let b = harness.get_by_label("Civil status law").rect();
    let middle = a.center() + (b.center() - a.center()) * 0.5 + Vec2::new(0.0, 3.0);
    click_at(&mut harness, middle);
    let link = harness.state().board().connectors().next().unwrap().id;
    assert_eq!(harness.state().canvas().selection.connector, Some(link));
    harness.get_by_label("Delete connector");

    // Delete removes just the connector; undo brings it back.
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(harness.state().board().connectors().len(), 0);
    assert_eq!(harness.state().board().items().len(), 2);
    undo(&mut harness);
    assert_eq!(harness.state().board().connectors().len(), 1);
}

#[test]
fn deleting_a_node_takes_its_connectors_in_the_same_undo_step() {
    let mut harness = app_harness(None);
    add_node(&mut harness, Key::Num1, "Residents");
    // Ctrl+Enter adds a connected item beside the selected one.
    harness.get_by_label("Residents").click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    type_text(&mut harness, "Complaints");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().board().connectors().len(), 1);
    // The connected item is a node of the same type, not a sticky note.
    assert!(matches!(
        &item_by_text(&harness, "Complaints").kind,
        ItemKind::MapNode(node) if node.node_type == NodeType::CitizenGroup
    ));
    let before = harness.state().board().clone();

    harness.get_by_label("Residents").click();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(harness.state().board().items().len(), 1);
    assert_eq!(harness.state().board().connectors().len(), 0);
    undo(&mut harness);
    assert_eq!(harness.state().board(), &before);
}

#[test]
fn the_inspector_edits_a_node_one_undo_step_per_field() {
    let mut harness = app_harness(None);
    add_node(&mut harness, Key::Num6, "e-Registry");
    harness.get_by_label("e-Registry").click();
    harness.run();
    harness.get_by_label("Influence: Very high").click();
    harness.run();
    harness.get_by_label("Interest: Low").click();
    harness.run();
    let levels =
        |harness: &Harness<'_, CivicCanvasApp>| match &item_by_text(harness, "e-Registry").kind {
            ItemKind::MapNode(node) => (node.influence, node.interest),
            _ => unreachable!(),
        };
    assert_eq!(levels(&harness), (Level::VeryHigh, Level::Low));
    undo(&mut harness);
    assert_eq!(levels(&harness), (Level::VeryHigh, Level::Medium));
}

/// Opens the toolbar's Backdrop menu and picks `entry`.
fn add_backdrop(harness: &mut Harness<'_, CivicCanvasApp>, entry: &str) {
    harness.get_by_label("Backdrop").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

fn node_item(harness: &Harness<'_, CivicCanvasApp>, name: &str) -> (Item, (Level, Level)) {
    let item = item_by_text(harness, name);
    let levels = match &item.kind {
        ItemKind::MapNode(node) => (node.influence, node.interest),
        other => panic!("not a node: {other:?}"),
    };
    (item, levels)
}

#[test]
fn a_node_dropped_on_stakeholder_rings_settles_in_the_middle_of_its_ring() {
    let mut harness = app_harness(None);
    add_backdrop(&mut harness, "Stakeholder rings: Core / Direct / Indirect");
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    add_node(&mut harness, Key::Num4, "Youth NGO");
    let rings = harness
        .state()
        .board()
        .items()
        .find(|item| item.is_backdrop())
        .unwrap()
        .clone();
    let (center, radius) = rings.ring_circle();

    // Drag the node so its centre lands a little outside the middle of the second ring, to
    // the right of the rings' centre.
    let zoom = harness.state().canvas().view.camera.zoom;
    let header = harness.get_by_label("Stakeholder rings").rect();
    let screen_center = egui::pos2(
        header.left() + (center.x - rings.pos.x) * zoom,
        header.top() + (center.y - rings.pos.y) * zoom,
    );
    let (node, _) = node_item(&harness, "Youth NGO");
    let grab = harness.get_by_label("Youth NGO").rect().center();
    let wanted = screen_center + Vec2::new(radius * 0.45 * zoom, 0.0);
    drag(&mut harness, grab, wanted);

    let (moved, _) = node_item(&harness, "Youth NGO");
    let c = moved.center();
    let distance = (c.x - center.x).hypot(c.y - center.y);
    // Ring 2 of 3 spans a third to two thirds of the radius; its middle is half the radius.
    assert!(
        (distance - radius * 0.5).abs() < 1.0,
        "{distance} vs {}",
        radius * 0.5
    );
    assert!((c.y - center.y).abs() < 2.0, "kept its direction: {c:?}");
    undo(&mut harness);
    assert_eq!(node_item(&harness, "Youth NGO").0.pos, node.pos);
}

#[test]
fn the_grid_sets_influence_and_interest_from_where_a_node_is_dropped_and_back() {
    let mut harness = app_harness(None);
    add_backdrop(&mut harness, "Influence / interest grid");
    for _ in 0..3 {
        press(&mut harness, Modifiers::COMMAND, Key::Minus);
    }
    add_node(&mut harness, Key::Num5, "Telecom");
    let grid = harness
        .state()
        .board()
        .items()
        .find(|item| item.is_backdrop())
        .unwrap()
        .clone();
    let zoom = harness.state().canvas().view.camera.zoom;
    let header = harness.get_by_label("Influence / interest grid").rect();
    let to_screen = |p: civic_canvas::model::Point| {
        egui::pos2(
            header.left() + (p.x - grid.pos.x) * zoom,
            header.top() + (p.y - grid.pos.y) * zoom,
        )
    };
    // Drop it in the top-right cell: "Manage closely", very high on both.
    let grab = harness.get_by_label("Telecom").rect().center();
    let cell = grid.grid_point(Level::VeryHigh, Level::VeryHigh);
    drag(&mut harness, grab, to_screen(cell));
    assert_eq!(
        node_item(&harness, "Telecom").1,
        (Level::VeryHigh, Level::VeryHigh)
    );
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Move"),
        "the move and the new levels are one step"
    );

    // Setting a level in the inspector moves the node to the matching cell.
    harness.get_by_label("Telecom").click();
    harness.run();
    harness.get_by_label("Interest: Low").click();
    harness.run();
    let (moved, levels) = node_item(&harness, "Telecom");
    assert_eq!(levels, (Level::VeryHigh, Level::Low));
    assert_eq!(grid.grid_levels(moved.center()), Some(levels));
    undo(&mut harness);
    assert_eq!(
        node_item(&harness, "Telecom").1,
        (Level::VeryHigh, Level::VeryHigh)
    );
}

#[test]
fn the_map_key_lists_feedback_loops_and_flipping_a_polarity_retags_them() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_boards/birth-registration-map.ron");
    let mut harness = app_harness(Some(example));
    press(&mut harness, Modifiers::NONE, Key::L);
    harness.get_by_label("Map key");
    let b1 = "B1  Balancing: Online registrations › Queue at the office";
    harness.get_by_label(b1).click();
    harness.run();
    let loops = &harness.state().canvas().loops();
    assert_eq!(loops.highlighted, Some(0));
    assert_eq!(loops.tags, ["B1", "R1", "B2"]);

    // The negative link of B1 is the one from "Online registrations" to "Queue at the office".
    let board = harness.state().board();
    let negative = board
        .connectors()
        .find(|c| {
            c.props.polarity == Some(Polarity::Negative)
                && board.item(c.from).unwrap().text() == "Online registrations"
        })
        .unwrap()
        .id;
    let on_line = harness
        .state()
        .canvas()
        .connector_midpoint(board, negative)
        .unwrap();
    click_at(&mut harness, on_line);
    assert_eq!(harness.state().canvas().selection.connector, Some(negative));
    harness.get_by_label("+ Same direction").click();
    harness.run();

    // Now both links of that loop are +: it reinforces, and the list says so.
    harness.get_by_label("R1  Reinforcing: Online registrations › Queue at the office");
    assert!(harness.query_by_label(b1).is_none());
    assert_eq!(harness.state().canvas().loops().highlighted, None);
    undo(&mut harness);
    harness.get_by_label(b1);
}

#[test]
fn a_selection_rectangle_on_top_of_rings_takes_the_nodes_and_leaves_the_rings() {
    let mut harness = app_harness(None);
    add_backdrop(
        &mut harness,
        "Stakeholder rings: Municipal / Regional / National",
    );
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    add_node(&mut harness, Key::Num1, "Pensioners");
    add_node(&mut harness, Key::Num8, "Post office");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let a = harness.get_by_label("Pensioners").rect();
    let b = harness.get_by_label("Post office").rect();
    let rings = harness.get_by_label("Stakeholder rings").rect();
    assert!(
        rings.bottom() < a.top().min(b.top()),
        "the nodes sit on the rings' body"
    );
    let min = a.min.min(b.min) - Vec2::splat(20.0);
    let max = a.max.max(b.max) + Vec2::splat(20.0);
    drag(&mut harness, min, max);
    let selected: Vec<String> = harness
        .state()
        .canvas()
        .selection
        .items
        .iter()
        .map(|&id| harness.state().board().item(id).unwrap().text().to_owned())
        .collect();
    assert_eq!(selected.len(), 2, "{selected:?}");
    assert!(selected.iter().all(|text| !text.is_empty()), "{selected:?}");
}

/// The text shapes painted in the last frame, in paint order: each text and where it is.
fn painted_texts(harness: &Harness<'_, CivicCanvasApp>) -> Vec<(String, egui::Rect)> {
    fn collect(shape: &egui::Shape, into: &mut Vec<(String, egui::Rect)>) {
        match shape {
            egui::Shape::Vec(shapes) => {
                for shape in shapes {
                    collect(shape, into);
                }
            }
            egui::Shape::Text(text) => {
                into.push((text.galley.text().to_owned(), text.visual_bounding_rect()));
            }
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts
}

#[test]
fn connector_labels_are_drawn_above_the_nodes_on_the_free_part_of_their_lines() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_boards/birth-registration-map.ron");
    let mut harness = app_harness(Some(path));
    harness.run();
    for zoom_step in 0..3 {
        let texts = painted_texts(&harness);
        let nodes: Vec<(usize, egui::Rect)> = harness
            .state()
            .board()
            .items()
            .filter_map(|item| match &item.kind {
                ItemKind::MapNode(node) => Some(node.label.clone()),
                _ => None,
            })
            .flat_map(|label| {
                let drawn: Vec<(usize, egui::Rect)> = texts
                    .iter()
                    .enumerate()
                    .filter(|(_, (text, _))| *text == label)
                    .map(|(at, _)| at)
                    .zip(harness.query_all_by_label(&label).map(|node| node.rect()))
                    .collect();
                drawn
            })
            .collect();
        assert!(nodes.len() > 5, "the nodes are drawn: {nodes:?}");
        for label in ["birth notice", "funds and audits"] {
            let (at, rect) = texts
                .iter()
                .enumerate()
                .find_map(|(at, (text, rect))| text.ends_with(label).then_some((at, *rect)))
                .unwrap_or_else(|| panic!("{label} is drawn at zoom step {zoom_step}"));
            for (node_at, node) in &nodes {
                assert!(
                    !rect.intersects(*node) || at > *node_at,
                    "{label} at {rect:?} is under a node at {node:?} (zoom step {zoom_step})"
                );
                assert!(
                    !rect.intersects(*node),
                    "{label} at {rect:?} covers a node at {node:?} (zoom step {zoom_step})"
                );
            }
        }
        press(&mut harness, Modifiers::COMMAND, Key::Plus);
        harness.run();
    }
}

#[test]
fn a_click_on_the_bow_of_a_curved_connector_selects_it() {
    let mut harness = app_harness(None);
    harness.hover_at(egui::pos2(300.0, 450.0));
    add_node(&mut harness, Key::Num3, "Ministry");
    harness.hover_at(egui::pos2(900.0, 450.0));
    add_node(&mut harness, Key::Num7, "Civil status law");
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::NONE, Key::C);
    let link = harness.state().board().connectors().next().unwrap().id;
    harness.get_by_label("Curved").click();
    harness.run();
    assert_eq!(
        harness.state().board().connector(link).unwrap().props.route,
        civic_canvas::model::Route::Curved
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().canvas().selection.connector, None);

    // Halfway along the curve is well above (or below) both nodes, outside the rectangle
    // around them.
    let a = harness.get_by_label("Ministry").rect();
    let b = harness.get_by_label("Civil status law").rect();
    let bow = harness
        .state()
        .canvas()
        .connector_midpoint(harness.state().board(), link)
        .unwrap();
    assert!(!a.union(b).contains(bow), "{bow:?} is off the nodes");
    click_at(&mut harness, bow);
    assert_eq!(harness.state().canvas().selection.connector, Some(link));
}
