//! The workshop report: the Markdown of a board built here holds its stages with prompts, time
//! boxes, votes and notes in vote order, the notes in no frame, personas with their marks,
//! stakeholders by ring and by quadrant, and the feedback loops; `civic-canvas report` writes
//! it, and so does *File → Export report…*.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use civic_canvas::export::report::report;
use civic_canvas::model::{
    Board, Connector, ConnectorId, Entry, Frame, IdGen, Item, ItemId, ItemKind, Level, MapNode,
    NodeType, PaletteColor, Persona, Point, Polarity, Rings, Size, ZKey,
};
use common::{app_harness, press, type_text};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

fn note(ids: &mut IdGen, x: f32, text: &str, frame: Option<ItemId>, votes: &[(&str, u32)]) -> Item {
    let mut item = Item::note(
        ids.item_id(|_| false),
        Point::new(x, 120.0),
        ZKey::middle(),
        PaletteColor::Yellow,
        text,
    );
    item.parent = frame;
    if let ItemKind::Note(note) = &mut item.kind {
        note.votes = votes.iter().map(|&(v, n)| (v.to_owned(), n)).collect();
    }
    item
}

fn node(ids: &mut IdGen, at: Point, label: &str, influence: Level, interest: Level) -> Item {
    Item::map_node(
        ids.item_id(|_| false),
        at,
        ZKey::middle().after(),
        MapNode {
            label: label.to_owned(),
            node_type: NodeType::MunicipalDepartment,
            influence,
            interest,
            ..MapNode::default()
        },
    )
}

/// A workshop board: a stage with a prompt, a time box and voted notes, a cluster in it, a note
/// in no frame, a persona, stakeholder rings and a grid with nodes, and a reinforcing loop.
#[allow(clippy::too_many_lines, reason = "one item after another")]
fn workshop() -> Board {
    let mut ids = IdGen::seeded(9);
    let mut stage_frame = Frame::new("Ideation", 1);
    "How might we make permits easy to get online?".clone_into(&mut stage_frame.prompt);
    stage_frame.minutes = Some(15);
    let stage = Item::frame(
        ids.item_id(|_| false),
        Point::new(0.0, 0.0),
        Size::new(2000.0, 900.0),
        ZKey::middle().before(),
        stage_frame,
    );
    let mut cluster = Item::frame(
        ids.item_id(|_| false),
        Point::new(1200.0, 60.0),
        Size::new(700.0, 500.0),
        ZKey::middle().before().after(),
        Frame::new("Waiting", 2),
    );
    cluster.parent = Some(stage.id);
    let (stage_id, cluster_id) = (stage.id, cluster.id);
    let mut persona = Persona::named("Ana Petrović");
    persona.role = Entry::assumption("Nurse");
    persona
        .needs
        .push(Entry::evidence("Forms on her phone", "survey"));
    let mut persona_item = Item::note(
        ids.item_id(|_| false),
        Point::new(0.0, 3000.0),
        ZKey::middle(),
        PaletteColor::White,
        "",
    );
    persona_item.kind = ItemKind::Persona(Box::new(persona));
    let rings = Item::backdrop(
        ids.item_id(|_| false),
        Point::new(3000.0, 0.0),
        ZKey::middle().before(),
        ItemKind::Rings(Rings::from_names(&["Core", "Direct"])),
    );
    let grid = Item::backdrop(
        ids.item_id(|_| false),
        Point::new(6000.0, 0.0),
        ZKey::middle().before(),
        ItemKind::InterestGrid,
    );
    let core = rings.ring_circle().0;
    let on_grid = grid.grid_point(Level::VeryHigh, Level::Low);
    let centred = |at: Point| Point::new(at.x - 130.0, at.y - 75.0);
    let registry = node(
        &mut ids,
        centred(core),
        "Civil registry",
        Level::High,
        Level::High,
    );
    let ministry = node(
        &mut ids,
        centred(on_grid),
        "Ministry",
        Level::VeryHigh,
        Level::Low,
    );
    let a = node(
        &mut ids,
        Point::new(0.0, 5000.0),
        "Trust",
        Level::Low,
        Level::Low,
    );
    let b = node(
        &mut ids,
        Point::new(400.0, 5000.0),
        "Use",
        Level::Low,
        Level::Low,
    );
    let loop_links =
        [(1, a.id, b.id, "more use"), (2, b.id, a.id, "")].map(|(n, from, to, label)| {
            let mut link = Connector::new(ConnectorId::from_raw(n), from, to).with_label(label);
            link.props.polarity = Some(Polarity::Positive);
            link
        });
    let items = vec![
        stage,
        cluster,
        note(
            &mut ids,
            100.0,
            "Track the permit online",
            Some(stage_id),
            &[("facilitator", 1)],
        ),
        note(
            &mut ids,
            400.0,
            "One-stop shop",
            Some(stage_id),
            &[("facilitator", 2), ("Lela (k3f9)", 1)],
        ),
        note(&mut ids, 1300.0, "Queues", Some(cluster_id), &[]),
        note(&mut ids, 9000.0, "Parking lot: opening hours", None, &[]),
        persona_item,
        rings,
        grid,
        registry,
        ministry,
        a,
        b,
    ];
    Board::from_parts("Permits workshop", items, loop_links).unwrap()
}

#[test]
fn the_report_holds_stages_votes_personas_stakeholders_and_loops() {
    let text = report(&workshop());
    let expected = [
        "# Permits workshop\n",
        "## Stages and frames\n\nTime boxes add up to 15 minutes.\n",
        "### 1. Ideation\n\n> How might we make permits easy to get online?\n\nTime box: 15 min · Votes: 4\n",
        // Most votes first.
        "- One-stop shop — **3 votes** (Lela (k3f9) 1, facilitator 2)\n- Track the permit online — **1 vote** (facilitator 1)\n",
        "#### 1.1 Waiting\n\n- Queues\n",
        "## Notes in no frame\n\n- Parking lot: opening hours\n",
        "### Ana Petrović\n\n- **Role:** Nurse *(assumption)*\n",
        "- **Needs:**\n  - Forms on her phone *(evidence: survey)*\n",
        "### By ring\n\n- **Core:** Civil registry\n",
        "- **Keep satisfied:** Ministry (influence very high, interest low)\n",
        "- **R1** (reinforcing): Trust (+ “more use”) → Use (+) → Trust\n",
    ];
    for part in expected {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
    assert!(
        !text.contains("Trust (influence"),
        "a system map's factors are not stakeholders:\n{text}"
    );
}

#[test]
fn the_report_verb_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kickoff.md");
    let done = Command::new(env!("CARGO_BIN_EXE_civic-canvas"))
        .args([
            "report",
            "saved_boards/kickoff.ron",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(done.status.code(), Some(0), "{done:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# Kick-off: better digital services for our city\n"));
    assert!(text.contains("> How might we make municipal services easy to find and use online?"));
    let missing = Command::new(env!("CARGO_BIN_EXE_civic-canvas"))
        .args(["report", "no-such-board.ron"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-board.ron"));
}

#[test]
fn export_report_in_the_file_menu_writes_markdown_beside_no_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_harness(Some("saved_boards/kickoff.ron".into()));
    app.get_by_label("File").click();
    app.run();
    app.get_by_label("Export report…").click();
    app.run();
    // Typed as a board's name: the report gets the .md extension instead.
    let typed = dir.path().join("kickoff.ron");
    press(&mut app, Modifiers::COMMAND, Key::A);
    type_text(&mut app, typed.to_str().unwrap());
    press(&mut app, Modifiers::NONE, Key::Enter);
    assert!(!typed.exists(), "no board file was written");
    let text = std::fs::read_to_string(dir.path().join("kickoff.md")).unwrap();
    assert!(text.contains("### 2. Solutions and opportunities"));
    assert!(
        app.query_by_label_contains("Markdown report written to")
            .is_some(),
        "the status bar says where"
    );
}

#[test]
fn the_report_ignores_strokes() {
    let board = workshop();
    let strokes = civic_canvas::storage::load_board(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v6/strokes.ron"),
    )
    .unwrap();
    let with_strokes = Board::from_parts(
        board.title(),
        board.items().chain(strokes.items()).cloned(),
        board.connectors().cloned(),
    )
    .unwrap();
    assert_eq!(report(&with_strokes), report(&board));
}
