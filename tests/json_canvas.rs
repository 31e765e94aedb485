//! JSON Canvas export and import: what a canvas written from a board holds, what a canvas from
//! another app becomes, what a round trip keeps, and hostile canvases that must give a clear
//! error (never a panic).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use civic_canvas::interop::json_canvas::{
    CanvasError, board_from_canvas, board_to_canvas, load_canvas,
};
use civic_canvas::model::{
    Arrows, Board, Connector, Entry, Frame, IdGen, Item, ItemId, ItemKind, MapNode, NodeType,
    PaletteColor, Persona, Point, Rings, Size, ZKey,
};
use civic_canvas::storage::{MAX_COORDINATE, MAX_FILE_BYTES, board_from_ron, board_to_ron};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The items of the board by their text.
fn by_text(board: &Board) -> BTreeMap<&str, &Item> {
    board.items().map(|item| (item.text(), item)).collect()
}

/// A small workshop board: a frame holding a note, a persona, a map node on stakeholder rings,
/// a note outside, and a connector with a label and arrows at both ends.
fn workshop_board() -> Board {
    let mut ids = IdGen::seeded(11);
    let mut id = || ids.item_id(|_| false);
    let mut frame = Item::frame(
        id(),
        Point::new(-100.4, -100.6),
        Size::new(800.0, 600.0),
        ZKey::middle().before(),
        Frame::new("Ideation", 1),
    );
    frame.color = PaletteColor::Orange;
    let mut inside = Item::note(
        id(),
        Point::new(0.0, 0.0),
        ZKey::middle(),
        PaletteColor::Pink,
        "Book an appointment online\nwithout an account",
    );
    inside.parent = Some(frame.id);
    let mut persona = Persona::named("Dritan, 58");
    persona.role = Entry::new("Farmer");
    persona.pains = vec![Entry::assumption("Distrusts online forms")];
    persona.needs = vec![Entry::evidence("Someone to call", "interview 3")];
    let persona = Item::persona(
        id(),
        Point::new(900.5, 0.0),
        ZKey::middle().after(),
        PaletteColor::Blue,
        persona,
    );
    let rings = Item::backdrop(
        id(),
        Point::new(2000.0, 0.0),
        ZKey::middle(),
        ItemKind::Rings(Rings::default()),
    );
    let node = MapNode {
        label: "Civil registry".into(),
        node_type: NodeType::MunicipalDepartment,
        description: "Issues birth certificates".into(),
        ..MapNode::default()
    };
    let node = Item::map_node(id(), Point::new(2400.0, 400.0), ZKey::middle(), node);
    let outside = Item::note(
        id(),
        Point::new(0.0, 900.0),
        ZKey::middle().after().after(),
        PaletteColor::White,
        "Outside",
    );
    let mut link =
        Connector::new(ids.connector_id(|_| false), inside.id, persona.id).with_label("helps");
    link.props.arrows = Arrows::Both;
    let items = [frame, inside, persona, rings, node, outside];
    Board::from_parts("Workshop", items, [link]).unwrap()
}

/// The board's canvas, parsed, and its nodes and edges.
fn exported(board: &Board) -> (Vec<Value>, Vec<Value>) {
    let text = board_to_canvas(board);
    assert_eq!(
        text,
        board_to_canvas(board),
        "the same board, the same bytes"
    );
    let canvas: Value = serde_json::from_str(&text).unwrap();
    let nodes = canvas["nodes"].as_array().unwrap().clone();
    let edges = canvas["edges"].as_array().unwrap().clone();
    (nodes, edges)
}

/// The node of the item with this text.
fn node_of(board: &Board, nodes: &[Value], text: &str) -> Value {
    let item = by_text(board)[text];
    let id = item.id.to_string();
    nodes
        .iter()
        .find(|node| node["id"] == id.as_str())
        .unwrap()
        .clone()
}

#[test]
fn export_writes_whole_numbers_unique_ids_and_groups_first() {
    let board = workshop_board();
    let (nodes, edges) = exported(&board);
    assert_eq!(nodes.len(), board.items().len());
    assert_eq!(edges.len(), 1);
    let ids: HashSet<&str> = nodes
        .iter()
        .chain(&edges)
        .map(|part| part["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), nodes.len() + edges.len(), "ids are unique");
    for node in &nodes {
        for field in ["x", "y", "width", "height"] {
            assert!(node[field].is_i64(), "{field} of {node} is a whole number");
        }
        assert!(node["width"].as_i64().unwrap() > 0 && node["height"].as_i64().unwrap() > 0);
        let kind = node["type"].as_str().unwrap();
        let own = if kind == "group" { "label" } else { "text" };
        assert!(node.get(own).is_some(), "{node}");
    }
    // Groups come before everything they could hold.
    let first_card = nodes
        .iter()
        .position(|node| node["type"] == "text")
        .unwrap();
    assert!(
        nodes[first_card..]
            .iter()
            .all(|node| node["type"] == "text")
    );
}

#[test]
fn export_writes_what_each_item_is_and_the_connector() {
    let board = workshop_board();
    let (nodes, edges) = exported(&board);
    let node = |text: &str| node_of(&board, &nodes, text);
    let keys = |node: &Value| {
        node.as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };

    let frame = node("Ideation");
    assert_eq!(frame["type"], "group");
    assert_eq!(frame["label"], "Ideation");
    assert_eq!(frame["color"], "2", "orange is preset 2");
    assert_eq!(
        (frame["x"].as_i64(), frame["y"].as_i64()),
        (Some(-100), Some(-101))
    );
    assert!(!keys(&frame).contains(&"text".to_owned()));

    let inside = node("Book an appointment online\nwithout an account");
    assert_eq!(inside["type"], "text");
    assert_eq!(
        inside["text"],
        "Book an appointment online\nwithout an account"
    );
    assert_eq!(inside["color"], "#FFBCE0", "pink has no preset: its fill");

    let persona = node("Dritan, 58");
    assert_eq!(persona["type"], "text");
    assert_eq!(persona["color"], "#A9D4FF");
    let markdown = persona["text"].as_str().unwrap();
    assert!(markdown.starts_with("# Dritan, 58\n"), "{markdown}");
    for expected in [
        "- **Role:** Farmer",
        "Distrusts online forms *(assumption)*",
        "Someone to call *(evidence: interview 3)*",
        "## Needs",
        "## Pain points",
    ] {
        assert!(markdown.contains(expected), "{expected:?} in {markdown}");
    }

    let map_node = node("Civil registry");
    assert_eq!(
        map_node["text"],
        "**Civil registry**\n\n*Municipal department*\n\nIssues birth certificates"
    );
    assert_eq!(
        map_node["color"], "#A9D4FF",
        "a municipal department is blue"
    );
    let rings = nodes
        .iter()
        .find(|node| {
            node["label"]
                .as_str()
                .is_some_and(|l| l.starts_with("Stakeholder rings"))
        })
        .unwrap();
    assert_eq!(rings["type"], "group");
    assert_eq!(rings["label"], "Stakeholder rings: Core, Direct, Indirect");

    let outside = node("Outside");
    assert!(outside.get("color").is_none(), "white is the plain card");

    let edge = &edges[0];
    assert_eq!(edge["fromNode"], inside["id"]);
    assert_eq!(edge["toNode"], persona["id"]);
    assert_eq!(edge["fromEnd"], "arrow");
    assert_eq!(edge["toEnd"], "arrow");
    assert_eq!(edge["label"], "helps");
    assert!(edge.get("color").is_none(), "connectors have no colour");
}

#[test]
fn an_exported_board_comes_back_with_its_frames_members_and_connectors() {
    let board = workshop_board();
    let (back, warnings) = board_from_canvas(&board_to_canvas(&board), "Workshop").unwrap();
    assert_eq!(warnings, Vec::<String>::new());
    let counts = back.kind_counts();
    // The persona and the map node are notes now; the rings a frame.
    assert_eq!((counts.notes, counts.frames, counts.personas), (4, 2, 0));
    let items = by_text(&back);
    let frame = items["Ideation"];
    let inside = items["Book an appointment online\nwithout an account"];
    assert_eq!(inside.parent, Some(frame.id));
    assert_eq!(inside.color, PaletteColor::Pink);
    assert_eq!(frame.color, PaletteColor::Orange);
    assert_eq!(
        frame.pos,
        Point::new(-100.0, -101.0),
        "rounded to whole units"
    );
    let connector = back.connectors().next().unwrap();
    assert_eq!(connector.label, "helps");
    assert_eq!(connector.props.arrows, Arrows::Both);
    assert_eq!(connector.from, inside.id, "ids of 16 hex digits are kept");
}

#[test]
fn import_reads_every_node_type_edge_and_group() {
    use PaletteColor::{Blue, Green, Purple, Red, Teal, White, Yellow};
    let (board, warnings) =
        board_from_canvas(&fixture("tests/canvas/workshop.canvas"), "Ideas").unwrap();
    assert_eq!(board.title(), "Ideas");
    let counts = board.kind_counts();
    assert_eq!((counts.notes, counts.frames), (6, 2));
    assert_eq!(board.connectors().len(), 4);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("2 edges have a colour"),
        "{warnings:?}"
    );

    let items = by_text(&board);
    let stage = items["Ideas from residents"];
    let cluster = items["Forms"];
    let queue = items["## Queues\n\nPeople wait **two hours** at the registry office.\n\n- Monday is worst\n- Bring your ID"];
    let forms = items["Сви обрасци на једном месту: ë, ç, ș, ț, ђ, ѓ, ї, ქართული"];
    let file = items["File: Research/interview-3.md#Key quotes"];
    let link = items["https://example.org/city-services"];
    let outside = items["Outside every group"];
    let kept = items["A node whose id is 16 hex digits keeps it"];

    // Groups are frames, in the order listed; members by where their centres are.
    assert_eq!(stage.as_frame().unwrap().order, 1);
    assert_eq!(cluster.as_frame().unwrap().order, 2);
    assert_eq!(cluster.parent, Some(stage.id));
    for member in [queue, forms, file] {
        assert_eq!(member.parent, Some(cluster.id), "{}", member.text());
    }
    assert_eq!(link.parent, Some(stage.id));
    assert_eq!(
        (outside.parent, kept.parent, stage.parent),
        (None, None, None)
    );

    assert_eq!(queue.pos, Point::new(40.0, 40.0));
    assert_eq!(queue.size, Size::new(240.0, 200.0));
    assert_eq!(cluster.size, Size::new(560.0, 520.0));
    assert_eq!(kept.id, "8c1f0e2a9b3d4c57".parse::<ItemId>().unwrap());
    let colors: Vec<PaletteColor> = [stage, cluster, queue, forms, file, link, outside, kept]
        .map(|item| item.color)
        .into();
    assert_eq!(colors, [Green, Blue, Red, Red, White, Teal, Purple, Yellow]);
    // Listed bottom first.
    assert!(queue.z < forms.z && forms.z < file.z && file.z < kept.z);

    let connector = |label: &str, from: &Item, to: &Item| {
        board
            .connectors()
            .find(|c| c.from == from.id && c.to == to.id)
            .map_or_else(
                || panic!("no connector for {label}"),
                |c| (c.label.clone(), c.props.arrows),
            )
    };
    assert_eq!(
        connector("causes", queue, forms),
        ("causes".into(), Arrows::To)
    );
    assert_eq!(
        connector("both", forms, file),
        (String::new(), Arrows::Both)
    );
    assert_eq!(
        connector("plain", link, outside),
        ("links to".into(), Arrows::None)
    );
    assert_eq!(
        connector("back", outside, kept),
        (String::new(), Arrows::From)
    );
}

#[test]
fn the_spec_repositorys_sample_imports() {
    let (board, warnings) =
        board_from_canvas(&fixture("tests/canvas/jsoncanvas-sample.canvas"), "Sample").unwrap();
    assert_eq!(warnings, Vec::<String>::new());
    let items = by_text(&board);
    assert_eq!(items["File: readme.md"].color, PaletteColor::Purple);
    assert!(items.contains_key("File: _site/logo.svg"));
    assert!(items.contains_key("File: spec/1.0.md"));
    let text = "Learn more:\n\n- [Apps](/docs/apps.md)\n- [Spec](spec/1.0.md)\n- [Github](https://github.com/obsidianmd/jsoncanvas)";
    let learn = items[text];
    let connector = board.connectors().next().unwrap();
    assert_eq!(connector.to, learn.id);
    assert_eq!(
        connector.props.arrows,
        Arrows::To,
        "toEnd defaults to an arrow"
    );
}

#[test]
fn the_kickoff_board_survives_a_round_trip() {
    let board = board_from_ron(&fixture("saved_boards/kickoff.ron"))
        .unwrap()
        .board;
    let canvas = board_to_canvas(&board);
    let (back, warnings) = board_from_canvas(&canvas, board.title()).unwrap();
    assert_eq!(warnings, Vec::<String>::new());
    let (before, after) = (board.kind_counts(), back.kind_counts());
    assert_eq!((after.notes, after.frames), (before.notes, before.frames));
    assert_eq!(back.connectors().len(), board.connectors().len());

    // The same texts, colours, places, frames and connectors.
    let summary = |board: &Board| {
        let mut items: Vec<_> = board
            .items()
            .map(|item| {
                let frame = board.frame_of(item.id).map(Item::text);
                (
                    item.text().to_owned(),
                    item.color,
                    item.pos,
                    item.size,
                    frame.map(str::to_owned),
                )
            })
            .collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        let mut links: Vec<_> = board
            .connectors()
            .map(|c| {
                let text = |id| board.item(id).unwrap().text().to_owned();
                (text(c.from), text(c.to), c.label.clone(), c.props.arrows)
            })
            .collect();
        links.sort_by(|a, b| a.0.cmp(&b.0));
        (format!("{items:?}"), links)
    };
    assert_eq!(summary(&back), summary(&board));
    let titles = |board: &Board| -> Vec<String> {
        let frames = board.frames();
        frames.iter().map(|frame| frame.text().to_owned()).collect()
    };
    assert_eq!(
        titles(&back),
        titles(&board),
        "frames are presented in the same order"
    );
    assert_eq!(
        board_to_canvas(&back),
        canvas,
        "a second export gives the same canvas"
    );

    // The imported board saves as a file that loads without repairs.
    let loaded = board_from_ron(&board_to_ron(&back)).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.board, back);
}

#[test]
fn unknown_types_fields_and_missing_nodes_are_named_in_warnings() {
    let text = r#"{
        "nodes": [
            {"id": "a", "type": "text", "text": "Kept", "x": 0, "y": 0, "width": 100, "height": 80,
             "styleAttributes": {"shape": "pill"}},
            {"id": "b", "type": "text", "text": "Also kept", "x": 200, "y": 0, "width": 100,
             "height": 80, "styleAttributes": {}, "url": "https://example.org"},
            {"id": "v", "type": "video", "src": "talk.mp4", "x": 0, "y": 200, "width": 100, "height": 80}
        ],
        "edges": [
            {"id": "e1", "fromNode": "a", "toNode": "b", "weight": 3},
            {"id": "e2", "fromNode": "a", "toNode": "ghost"},
            {"id": "e3", "fromNode": "v", "toNode": "b", "toEnd": "diamond"}
        ],
        "metadata": {"version": "1.0-1.0"}
    }"#;
    let (board, warnings) = board_from_canvas(text, "Warnings").unwrap();
    assert_eq!(board.items().len(), 2);
    assert_eq!(board.connectors().len(), 1);
    let said = |words: &[&str]| {
        assert!(
            warnings
                .iter()
                .any(|w| words.iter().all(|word| w.contains(word))),
            "no warning with {words:?} in {warnings:#?}"
        );
    };
    said(&["\"styleAttributes\"", "node \"a\" and 1 more", "skipped"]);
    said(&["\"url\"", "text node \"b\"", "text nodes do not have"]);
    said(&["\"weight\"", "edge \"e1\""]);
    said(&["\"metadata\"", "the canvas"]);
    said(&["node \"v\"", "type \"video\"", "left out"]);
    said(&["edge \"e2\"", "node \"ghost\"", "left out"]);
    said(&["edge \"e3\"", "node \"v\""]);
    assert_eq!(warnings.len(), 7, "{warnings:#?}");
}

#[test]
fn repeated_and_very_long_ids_are_named_briefly() {
    let long = "x".repeat(100_000);
    let text = format!(
        r#"{{"nodes": [
            {{"id": "a", "type": "text", "text": "First", "x": 0, "y": 0, "width": 100, "height": 80}},
            {{"id": "a", "type": "text", "text": "Second", "x": 0, "y": 200, "width": 100, "height": 80}},
            {{"id": "{long}", "type": "{long}", "{long}": 1}}
        ],
        "edges": [{{"id": "e", "fromNode": "{long}", "toNode": "a"}}]}}"#
    );
    let (board, warnings) = board_from_canvas(&text, "Ids").unwrap();
    let items = by_text(&board);
    assert_ne!(items["First"].id, items["Second"].id);
    assert!(
        warnings[0].contains("two nodes have the id \"a\""),
        "{warnings:#?}"
    );
    // The fields of a node that is left out are not named one by one.
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings.iter().all(|w| w.chars().count() < 300),
        "{warnings:#?}"
    );

    let edges = format!(r#"{{"edges": [{{"id": "{long}", "toNode": "a"}}]}}"#);
    let error = refused(&edges);
    assert!(error.to_string().chars().count() < 300, "{error}");
}

#[test]
fn extreme_positions_and_sizes_are_repaired_with_a_warning() {
    let text = r#"{"nodes": [
        {"id": "far", "type": "text", "text": "Far away", "x": 1e300, "y": -40000000000, "width": 240, "height": 200},
        {"id": "flat", "type": "text", "text": "Flat", "x": 10.6, "y": 20, "width": 0, "height": -5},
        {"id": "huge", "type": "group", "label": "Huge", "x": 0, "y": 0, "width": 1e9, "height": 100}
    ]}"#;
    let (board, warnings) = board_from_canvas(text, "Repairs").unwrap();
    let items = by_text(&board);
    assert_eq!(
        items["Far away"].pos,
        Point::new(MAX_COORDINATE, -MAX_COORDINATE)
    );
    assert_eq!(items["Flat"].size, Item::NOTE_SIZE);
    assert_eq!(items["Flat"].pos, Point::new(10.6, 20.0));
    assert_eq!(items["Huge"].size, Item::FRAME_SIZE);
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings[0].contains("\"far\"") && warnings[0].contains("moved"),
        "{warnings:?}"
    );
    assert!(warnings[1].contains("\"flat\"") && warnings[1].contains("usual size"));
    assert!(warnings[2].contains("\"huge\""));
}

/// The error of a canvas that must not import, with its position checked to lie in the text.
fn refused(text: &str) -> CanvasError {
    let error = board_from_canvas(text, "Hostile").map(|_| ()).unwrap_err();
    if let Some(position) = error.position() {
        let lines = text.split('\n').count();
        assert!(position.line >= 1 && position.line <= lines, "{error}");
        let message = error.to_string();
        let prefix = format!("line {}, column {}: ", position.line, position.column);
        assert!(message.starts_with(&prefix), "{message}");
    }
    error
}

#[test]
fn a_truncated_canvas_says_where_it_ends() {
    let canvas = board_to_canvas(&workshop_board());
    let cut = &canvas[..canvas.len() / 2];
    let error = refused(cut);
    assert!(matches!(error, CanvasError::Syntax { .. }), "{error:?}");
    assert!(error.to_string().contains("cut off"), "{error}");
    let position = error.position().unwrap();
    assert_eq!(position.line, cut.lines().count(), "{error}");
}

#[test]
fn a_value_of_the_wrong_type_is_pointed_at() {
    let text = "{\n  \"nodes\": [\n    {\"id\": \"a\", \"type\": \"text\", \"text\": \"ё\", \"x\": \"ten\", \"y\": 0, \"width\": 1, \"height\": 1}\n  ]\n}";
    let error = refused(text);
    let CanvasError::WrongShape { position, message } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(message, "invalid type: string \"ten\", expected a number");
    // Line 3; the column is counted in characters, and lies on the value.
    let line = text.lines().nth(2).unwrap();
    let start = line[..line.find("\"ten\"").unwrap()].chars().count() + 1;
    assert_eq!(position.line, 3);
    assert!(
        (start..=start + 5).contains(&position.column),
        "{error}, value at {start}"
    );

    for (text, words) in [
        (r#"{"nodes": {"id": "a"}}"#, "expected a list"),
        (r#"{"nodes": [{"type": "text"}]}"#, "a node has no \"id\""),
        (
            r#"{"nodes": [{"id": "n", "type": "text", "x": 0, "y": 0, "width": 1}]}"#,
            "text node \"n\" has no \"text\"",
        ),
        (
            r#"{"nodes": [{"id": "n", "type": "link", "url": "u", "x": 0, "y": 0, "width": 1}]}"#,
            "has no \"height\"",
        ),
        (r#"{"nodes": [{"id": 7}]}"#, "expected a string"),
        (
            r#"{"edges": [{"id": "e", "fromNode": "a"}]}"#,
            "edge \"e\" has no \"toNode\"",
        ),
        (r#"{"nodes": [], "nodes": []}"#, "duplicate field `nodes`"),
        ("[1, 2]", "expected a JSON Canvas"),
        ("null", "expected a JSON Canvas"),
    ] {
        let error = refused(text);
        assert!(matches!(error, CanvasError::WrongShape { .. }), "{error:?}");
        assert!(error.to_string().contains(words), "{error} for {text}");
    }
    for (text, words) in [
        ("{\"nodes\": [}", "not valid JSON"),
        ("{} trailing", "not valid JSON"),
        ("{\"nodes\": [{\"id\": \"a\u{0}\"}]}", "not valid JSON"),
    ] {
        let error = refused(text);
        assert!(matches!(error, CanvasError::Syntax { .. }), "{error:?}");
        assert!(error.to_string().contains(words), "{error} for {text:?}");
    }
    assert!(matches!(refused(" \n\t"), CanvasError::Empty));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let brackets = "[".repeat(depth);
    let objects = "{\"a\":".repeat(depth);
    let closed = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    for text in [
        brackets.clone(),
        format!("{{\"nodes\": {brackets}"),
        format!("{{\"nodes\": [], \"extra\": {brackets}"),
        format!("{{\"nodes\": [{{\"id\": \"a\", \"deep\": {objects}"),
        format!("{{\"nodes\": [], \"extra\": {closed}, \"edges\": 5}}"),
    ] {
        let error = refused(&text);
        assert!(error.position().is_some(), "{error}");
    }
    // Nested values of an unknown field are skipped however deep they go.
    let (_, warnings) = board_from_canvas(&format!("{{\"extra\": {closed}}}"), "Deep").unwrap();
    assert!(warnings[0].contains("\"extra\""), "{warnings:?}");
}

#[test]
fn a_canvas_of_100_mb_cut_off_at_its_end_is_refused_with_its_place() {
    let mut text = String::from("{\"nodes\": [\n");
    let mut n = 0_u64;
    while text.len() < 100_000_000 {
        let _ = writeln!(
            text,
            "{{\"id\": \"{n:016x}\", \"type\": \"text\", \"x\": {}, \"y\": {}, \"width\": 240, \
             \"height\": 200, \"text\": \"Note {n}: residents wait too long at the office\"}},",
            n % 1000 * 300,
            n / 1000 * 250
        );
        n += 1;
    }
    text.push_str("{\"id\": \"last\", \"type\": \"te");
    let error = refused(&text);
    assert!(matches!(error, CanvasError::Syntax { .. }), "{error:?}");
    assert_eq!(
        error.position().unwrap().line,
        text.lines().count(),
        "{error}"
    );
}

#[test]
fn a_canvas_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.canvas");
    // A sparse file: no disk space and no time to write it.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let error = load_canvas(&path).map(|_| ()).unwrap_err();
    assert!(matches!(error, CanvasError::TooLarge { .. }), "{error:?}");
    assert!(error.to_string().contains("MB"), "{error}");

    let text = " ".repeat(usize::try_from(MAX_FILE_BYTES).unwrap() + 1);
    let error = board_from_canvas(&text, "Huge").map(|_| ()).unwrap_err();
    assert!(matches!(error, CanvasError::TooLarge { .. }), "{error:?}");
}

#[test]
fn a_canvas_file_loads_with_its_name_as_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Ideas from residents.canvas");
    std::fs::write(&path, fixture("tests/canvas/workshop.canvas")).unwrap();
    let (board, _) = load_canvas(&path).unwrap();
    assert_eq!(board.title(), "Ideas from residents");

    std::fs::write(&path, b"{\"nodes\": [\xff]}").unwrap();
    let error = load_canvas(&path).map(|_| ()).unwrap_err();
    assert!(matches!(error, CanvasError::NotUtf8 { .. }), "{error:?}");
    assert_eq!(error.position().unwrap().column, 12);
    let error = load_canvas(dir.path()).map(|_| ()).unwrap_err();
    assert!(matches!(error, CanvasError::NotAFile), "{error:?}");
}

#[test]
fn groups_nest_at_most_32_deep_and_stacked_groups_stay_side_by_side() {
    // 40 groups, each just inside the one before; a note in the middle.
    let mut text = String::from("{\"nodes\": [");
    for n in 0..40 {
        let side = 10_000 - n * 100;
        let _ = write!(
            text,
            "{{\"id\": \"g{n}\", \"type\": \"group\", \"label\": \"Depth {n}\", \"x\": {0}, \
             \"y\": {0}, \"width\": {side}, \"height\": {side}}},",
            n * 50
        );
    }
    text.push_str(r#"{"id": "n", "type": "text", "text": "Middle", "x": 4900, "y": 4900, "width": 200, "height": 200}]}"#);
    let (board, warnings) = board_from_canvas(&text, "Nested").unwrap();
    let items = by_text(&board);
    assert_eq!(items["Depth 1"].parent, Some(items["Depth 0"].id));
    assert_eq!(items["Middle"].parent, Some(items["Depth 39"].id));
    let deepest = board
        .items()
        .map(|item| board.depth(item.id))
        .max()
        .unwrap();
    assert_eq!(deepest, 32, "Depth 32 is the deepest");
    assert_eq!(items["Depth 33"].parent, None);
    assert!(
        warnings[0].contains("nested more than 32 deep"),
        "{warnings:?}"
    );

    // 3000 groups at one spot, and 3000 notes on them: no group holds another, and working
    // out which holds the notes stops early, with a warning.
    let mut text = String::from("{\"nodes\": [");
    for n in 0..3000 {
        let _ = write!(
            text,
            "{{\"id\": \"g{n}\", \"type\": \"group\", \"x\": 0, \"y\": 0, \"width\": 900, \
             \"height\": 900}}, {{\"id\": \"n{n}\", \"type\": \"text\", \"text\": \"\", \"x\": 9, \
             \"y\": 9, \"width\": 90, \"height\": 90}},"
        );
    }
    text.pop();
    text.push_str("]}");
    let (board, warnings) = board_from_canvas(&text, "Stacked").unwrap();
    assert_eq!(board.items().len(), 6000);
    assert!(board.frames().iter().all(|frame| frame.parent.is_none()));
    assert!(
        warnings[0].contains("too many groups on top of one another"),
        "{warnings:?}"
    );
}

#[test]
fn strokes_are_left_out_of_the_canvas_with_a_warning_counting_them() {
    use civic_canvas::interop::json_canvas::canvas_warnings;
    let strokes = civic_canvas::storage::load_board(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v6/strokes.ron"),
    )
    .unwrap();
    let mut items: Vec<Item> = strokes.items().cloned().collect();
    let mut ids = IdGen::seeded(11);
    items.push(Item::note(
        ids.item_id(|_| false),
        Point::new(0.0, 400.0),
        "a9".parse().unwrap(),
        PaletteColor::Yellow,
        "Kept",
    ));
    let board = Board::from_parts("Mixed", items, []).unwrap();
    let canvas: Value = serde_json::from_str(&board_to_canvas(&board)).unwrap();
    let nodes = canvas["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 1, "{nodes:?}");
    assert_eq!(nodes[0]["text"], "Kept");
    assert_eq!(
        canvas_warnings(&board),
        [
            "2 pen strokes are not in the canvas: JSON Canvas has no drawings",
            "1 highlighter stroke is not in the canvas: JSON Canvas has no drawings",
        ]
    );
    let only_note = Board::from_parts(
        "Note",
        board
            .items()
            .filter(|item| item.as_stroke().is_none())
            .cloned(),
        [],
    )
    .unwrap();
    assert!(canvas_warnings(&only_note).is_empty());
}
