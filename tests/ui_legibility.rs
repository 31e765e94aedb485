//! What participants of a video call can read: at the zoom that shows one stage of the example
//! board on a 1920×1080 screen, every text on the board (notes, frame titles, persona cards, map
//! nodes, connector labels) is at least 22 pixels high, which is 11 pixels once the call scales
//! the screen to 960×540: the smallest size at which Georgian stays readable there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::{AppOptions, CivicCanvasApp};
use civic_canvas::model::{
    Board, Connector, ConnectorId, Entry, IdGen, Item, MapNode, NodeType, PaletteColor, Persona,
    Point, Relation, ZKey,
};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::press;

/// The smallest text, in screen pixels, that stays readable at 960×540.
const READABLE_PX: f32 = 22.0;

/// The example board with a filled-in persona card, a map node and a labelled connector beside
/// its stages.
fn example_with_persona_and_map(dir: &std::path::Path) -> std::path::PathBuf {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron");
    let board = civic_canvas::storage::load_board(&example).unwrap();
    let mut items: Vec<Item> = board.items().cloned().collect();
    let connectors: Vec<Connector> = board.connectors().cloned().collect();
    let mut ids = IdGen::seeded(19);
    let persona_id = ids.item_id(|_| false);
    items.push(Item::persona(
        persona_id,
        Point::new(2400.0, 0.0),
        ZKey::middle(),
        PaletteColor::Blue,
        Persona {
            role: Entry::new("Nurse, mother of two"),
            age: Entry::new("34"),
            location: Entry::new("Novi Sad"),
            quote: Entry::new("I lose a whole day for one paper."),
            background: Entry::assumption("Works shifts"),
            goals: vec![Entry::new("Register her newborn online")],
            needs: vec![Entry::evidence("Forms on her phone", "survey")],
            ..Persona::named("Ana Petrović")
        },
    ));
    let node_id = ids.item_id(|_| false);
    items.push(Item::map_node(
        node_id,
        Point::new(3300.0, 200.0),
        ZKey::middle(),
        MapNode {
            label: "Civil registry office".to_owned(),
            node_type: NodeType::MunicipalDepartment,
            ..MapNode::default()
        },
    ));
    let mut link = Connector::new(ConnectorId::from_raw(77), persona_id, node_id)
        .with_label("registers the birth");
    link.props.relation = Some(Relation::Service);
    let mut all = connectors;
    all.push(link);
    let board = Board::from_parts(board.title(), items, all).unwrap();
    let path = dir.join("legibility.ron");
    civic_canvas::storage::save_board(&path, &board).unwrap();
    path
}

/// The texts painted on the canvas in the last frame, each with its smallest font size.
fn canvas_texts(harness: &Harness<'_, CivicCanvasApp>) -> Vec<(String, f32)> {
    fn collect(shape: &egui::Shape, canvas: egui::Rect, into: &mut Vec<(String, f32)>) {
        match shape {
            egui::Shape::Vec(shapes) => {
                for shape in shapes {
                    collect(shape, canvas, into);
                }
            }
            egui::Shape::Text(text) if canvas.contains_rect(text.visual_bounding_rect()) => {
                let smallest = text
                    .galley
                    .job
                    .sections
                    .iter()
                    .filter(|section| {
                        let range = section.byte_range.start.0..section.byte_range.end.0;
                        !text.galley.job.text[range].trim().is_empty()
                    })
                    .map(|section| section.format.font_id.size)
                    .fold(f32::INFINITY, f32::min);
                into.push((text.galley.text().to_owned(), smallest));
            }
            _ => {}
        }
    }
    let canvas = harness.get_by_label("Board canvas").rect();
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        // The board's own painting (clipped to the canvas or to an item on it), not the menus
        // and bars around it.
        if canvas.contains_rect(clipped.clip_rect) {
            collect(&clipped.shape, canvas, &mut texts);
        }
    }
    texts
}

#[test]
fn every_text_on_the_board_is_readable_at_the_zoom_that_shows_one_stage() {
    let dir = tempfile::tempdir().unwrap();
    let file = example_with_persona_and_map(dir.path());
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1920.0, 1080.0))
        .with_max_steps(120)
        .build_eframe(move |cc| {
            CivicCanvasApp::new(
                &cc.egui_ctx,
                AppOptions {
                    file: Some(file),
                    native_file_dialogs: false,
                },
            )
        });
    harness.run();
    // Page Down shows the first stage.
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.run();
    let stage = canvas_texts(&harness);
    assert!(
        stage.iter().any(|(text, _)| text.contains("მოქალაქეებს")),
        "the Georgian note is in view: {stage:?}"
    );
    // The persona card, the map node and the connector, at the same zoom.
    harness.state_mut().canvas_mut().view.camera.center_in_board = Point::new(2900.0, 360.0);
    harness.run();
    let beside = canvas_texts(&harness);
    for expected in [
        "Ana Petrović",
        "Civil registry office",
        "registers the birth",
    ] {
        assert!(
            beside.iter().any(|(text, _)| text.contains(expected)),
            "{expected} is in view: {beside:?}"
        );
    }
    let small: Vec<&(String, f32)> = stage
        .iter()
        .chain(&beside)
        .filter(|(_, px)| *px < READABLE_PX)
        .collect();
    assert!(small.is_empty(), "too small to read in a call: {small:?}");
}
