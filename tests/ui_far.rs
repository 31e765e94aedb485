//! Far out, a board of hundreds of notes is shown as one picture drawn on the processor (a few
//! textured rectangles for the renderer), drawn again when the board or the zoom changes; close
//! up, the notes are drawn one by one as before. The minimap is a picture too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{Board, IdGen, Item, PaletteColor, Point, ZKey};
use egui::{Key, Modifiers, TextureId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{app_harness, press};

/// 900 notes in a 30 × 30 grid with gaps: at fit, each is a few points wide.
fn many_notes(dir: &std::path::Path) -> std::path::PathBuf {
    let mut ids = IdGen::seeded(11);
    let notes: Vec<Item> = (0..900)
        .map(|i| {
            Item::note(
                ids.item_id(|_| false),
                Point::new((i % 30) as f32 * 800.0, (i / 30) as f32 * 600.0),
                ZKey::middle(),
                PaletteColor::Yellow,
                "an idea",
            )
        })
        .collect();
    let board = Board::from_parts("Many notes", notes, []).unwrap();
    let path = dir.join("many.ron");
    civic_canvas::storage::save_board(&path, &board).unwrap();
    path
}

/// The meshes painted on the canvas in the last frame: the texture each uses, how many
/// vertices it has and how many of those have a note's fill colour.
fn canvas_meshes(harness: &Harness<'_, CivicCanvasApp>) -> Vec<(TextureId, usize, usize)> {
    let yellow = civic_canvas::ui::theme::fill(PaletteColor::Yellow);
    let canvas = harness.get_by_label("Board canvas").rect();
    let primitives = harness.ctx.tessellate(
        harness.output().shapes.clone(),
        harness.ctx.pixels_per_point(),
    );
    primitives
        .into_iter()
        .filter(|primitive| canvas.contains_rect(primitive.clip_rect))
        .filter_map(|primitive| match primitive.primitive {
            egui::epaint::Primitive::Mesh(mesh) => Some((
                mesh.texture_id,
                mesh.vertices.len(),
                mesh.vertices
                    .iter()
                    .filter(|vertex| vertex.color == yellow)
                    .count(),
            )),
            egui::epaint::Primitive::Callback(_) => None,
        })
        .collect()
}

/// The textures the app made itself (not egui's font atlas) used on the canvas.
fn pictures(meshes: &[(TextureId, usize, usize)]) -> Vec<TextureId> {
    meshes
        .iter()
        .map(|&(texture, _, _)| texture)
        .filter(|&texture| texture != TextureId::default())
        .collect()
}

/// How many times the far board's picture and the minimap's have been drawn.
fn drawn(harness: &Harness<'_, CivicCanvasApp>) -> (u64, u64) {
    harness.state().canvas().pictures_drawn()
}

#[test]
fn far_out_the_notes_are_one_picture_drawn_again_only_when_the_board_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(Some(many_notes(dir.path())));
    harness.run();
    let meshes = canvas_meshes(&harness);
    let far = pictures(&meshes);
    assert_eq!(far.len(), 1, "one picture of the far board: {meshes:?}");
    // The picture is a few rectangles, and the notes are not also drawn one by one.
    let picture: usize = meshes
        .iter()
        .filter(|&&(texture, _, _)| texture == far[0])
        .map(|&(_, vertices, _)| vertices)
        .sum();
    assert!(picture <= 4 * 100, "{picture} vertices for the picture");
    let notes_drawn: usize = meshes.iter().map(|&(_, _, yellow)| yellow).sum();
    assert_eq!(notes_drawn, 0, "no note is drawn as triangles of its own");

    // More frames, a little pan with the wheel, and selecting everything show the same picture.
    let (first, _) = drawn(&harness);
    assert!(first >= 1);
    harness.step();
    let zoom = harness.state().canvas().view.camera.zoom;
    let centre = harness.state().canvas().view.camera.center_in_board;
    harness.hover_at(harness.get_by_label("Board canvas").rect().center());
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -20.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    let camera = harness.state().canvas().view.camera;
    assert_eq!(camera.zoom, zoom);
    assert_ne!(camera.center_in_board, centre, "the view panned");
    press(&mut harness, Modifiers::COMMAND, Key::A);
    assert_eq!(drawn(&harness).0, first);

    // A change to the board draws it again, once (all notes recoloured, one undo step).
    press(&mut harness, Modifiers::ALT, Key::Num3);
    harness.step();
    assert_eq!(drawn(&harness).0, first + 1);
    let board = harness.state().board();
    assert!(board.items().all(|item| item.color != PaletteColor::Yellow));

    // Close up, notes are drawn one by one (text and all), with no picture.
    press(&mut harness, Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert!(pictures(&canvas_meshes(&harness)).is_empty());
}

#[test]
fn the_minimap_is_a_picture_drawn_again_only_when_the_board_or_its_scale_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(Some(many_notes(dir.path())));
    harness.run();
    let before = pictures(&canvas_meshes(&harness));
    press(&mut harness, Modifiers::NONE, Key::M);
    harness.run();
    let shown = pictures(&canvas_meshes(&harness));
    let minimap: Vec<TextureId> = shown
        .iter()
        .copied()
        .filter(|id| !before.contains(id))
        .collect();
    assert_eq!(minimap.len(), 1, "the minimap is one picture: {shown:?}");
    harness.get_by_label("Minimap");

    // More frames with nothing changed: not drawn again. A change to the board: drawn again.
    let (_, first) = drawn(&harness);
    harness.step();
    harness.step();
    assert_eq!(drawn(&harness).1, first);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::ALT, Key::Num3);
    harness.step();
    assert_eq!(drawn(&harness).1, first + 1);
}
