//! Golden board files: files saved by each format version, which must load forever.
//!
//! `tests/golden/v1/` holds files in format 1 and `tests/golden/v2/` files in format 2 (the v1
//! files migrated and saved again, plus `map.ron`, written by hand, with every map kind and
//! connector property, and `persona.ron`). `tests/golden/v3/` holds the same files saved in
//! format 3, plus `frames.ron` with frames. `tests/golden/v4/` holds the v3 files saved in
//! format 4 (items name their frame), plus `nested.ron`, written by hand, with a frame inside a
//! frame. `tests/golden/v5/` holds the v4 files saved in format 5, plus `workshop.ron`, written
//! by hand, with stage prompts and time boxes, votes and an impact/effort grid.
//! `tests/golden/v6/` holds the v5 files saved in format 6, plus `strokes.ron`, written by hand,
//! with a pen stroke, a resized highlighter stroke and a one-point dot, and `portrait.ron`,
//! written by hand, with a persona's drawn portrait and a portrait behind a photo. Each future
//! format version adds its own folder with files saved by that version; the folders of older
//! versions are never edited or deleted, and their files must keep loading (through the
//! migration chain) into the boards built in this test. Only files in the current format must
//! also re-save byte-for-byte; older ones are rewritten in the current format when saved.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use civic_canvas::model::{
    Arrows, Board, Channel, Connector, ConnectorId, ConnectorProps, CustomField, EmpathyMap, Entry,
    Frame, ImageFormat, ImageId, Item, ItemId, ItemKind, Level, LineStyle, MapNode, NodeType, Note,
    PaletteColor, Persona, Point, Polarity, Portrait, Relation, Rings, Route, Size, StoredImage,
    Stroke, StrokePoint, StrokeTool,
};
use civic_canvas::storage::{CURRENT_FORMAT, board_from_ron, board_to_ron, load_board};

fn golden(version: u32, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("v{version}"))
        .join(name)
}

fn note(
    id: &str,
    x: f32,
    y: f32,
    size: (f32, f32),
    z: &str,
    color: PaletteColor,
    text: &str,
) -> Item {
    Item {
        id: id.parse().unwrap(),
        pos: Point::new(x, y),
        size: Size::new(size.0, size.1),
        z: z.parse().unwrap(),
        color,
        kind: ItemKind::Note(Note::new(text)),
        parent: None,
    }
}

/// The board `v1/basic.ron` holds, built by hand.
#[allow(
    clippy::too_many_lines,
    reason = "one call per note of the golden file"
)]
fn basic_board() -> Board {
    use PaletteColor::{Blue, Green, Grey, Orange, Pink, Purple, Red, Teal, White, Yellow};
    let standard = (200.0, 160.0);
    let items = [
        note(
            "07d2a41c9e3b5f60",
            0.0,
            0.0,
            standard,
            "a0",
            White,
            "How might we help residents report a broken street light?",
        ),
        note(
            "1f9e8d7c6b5a4938",
            224.0,
            0.0,
            standard,
            "a1",
            Yellow,
            "Residents can't find the form\nIt is three clicks deep",
        ),
        note(
            "2a3b4c5d6e7f8091",
            448.0,
            0.0,
            standard,
            "a2",
            Orange,
            "Qytetarët nuk e dinë ku të paraqesin kërkesën; çdo zyrë thotë ndryshe",
        ),
        note(
            "3c4d5e6f70819203",
            0.0,
            184.0,
            standard,
            "a3",
            Red,
            "Cetățenii așteaptă răspunsul prea mult",
        ),
        note(
            "4e5f60718293a4b5",
            224.0,
            184.0,
            standard,
            "a4",
            Pink,
            "Građani ne znaju gdje da prijave problem sa ulicom",
        ),
        note(
            "5a6b7c8d9eaf0112",
            448.0,
            184.0,
            standard,
            "a5",
            Purple,
            "Грађани желе да плаћају таксе преко џепног телефона",
        ),
        note(
            "6b7c8d9eaf011223",
            0.0,
            368.0,
            standard,
            "a6",
            Blue,
            "Граѓаните ќе добиваат известување, ѕид со огласи",
        ),
        note(
            "7c8d9eaf01122334",
            224.0,
            368.0,
            (240.0, 180.0),
            "a7",
            Teal,
            "Чи є ґанок із пандусом? Їх треба більше",
        ),
        note(
            "8d9eaf0112233445",
            448.0,
            368.0,
            standard,
            "a8",
            Green,
            "მოქალაქეებს სურთ ონლაინ გადახდა",
        ),
        note(
            "9eaf011223344556",
            -224.5,
            -40.25,
            (120.0, 90.0),
            "Zz",
            Grey,
            "Parking lot:\n- opening hours\n- \"one-stop shop\"",
        ),
    ];
    let link = Connector::new(
        ConnectorId::from_raw(0xc0ff_ee00_0000_0001),
        ItemId::from_raw(0x1f9e_8d7c_6b5a_4938),
        ItemId::from_raw(0x4e5f_6071_8293_a4b5),
    )
    .with_label("same problem");
    Board::from_parts("Golden board: every colour", items, [link]).unwrap()
}

/// The board `v1/edge_values.ron` holds: limits, signed zero, escapes, decomposed accents.
fn edge_values_board() -> Board {
    let items = [
        note(
            "0000000000000000",
            -10_000_000.0,
            10_000_000.0,
            (0.5, 100_000.0),
            "a0i",
            PaletteColor::Yellow,
            "",
        ),
        note(
            "ffffffffffffffff",
            0.1,
            -0.0,
            (200.0, 160.0),
            "b00",
            PaletteColor::Blue,
            "Tab\there, back\\slash, it's, \u{43a}\u{301} (decomposed), zero\u{200b}width",
        ),
    ];
    Board::from_parts("Edge values: “quotes”, \"escapes\" and ünïcödé", items, []).unwrap()
}

/// The board `v2/map.ron` holds, built by hand.
#[allow(
    clippy::too_many_lines,
    reason = "one call per item and connector of the golden file"
)]
fn map_board() -> Board {
    use Level::{High, Low, Medium, VeryHigh};
    let backdrop = |id: u64, x: f32, size: (f32, f32), z: &str, kind: ItemKind| Item {
        id: ItemId::from_raw(id),
        pos: Point::new(x, -624.0),
        size: Size::new(size.0, size.1),
        z: z.parse().unwrap(),
        color: PaletteColor::White,
        kind,
        parent: None,
    };
    let node = |n: u64, x: f32, y: f32, z: &str, label: &str, node_type: NodeType, levels| {
        let (influence, interest) = levels;
        let mut item = Item::map_node(
            ItemId::from_raw(0x0200_0000_0000_0000 + n),
            Point::new(x, y),
            z.parse().unwrap(),
            MapNode {
                label: label.to_owned(),
                node_type,
                description: String::new(),
                influence,
                interest,
                persona: None,
            },
        );
        // The size the golden files were written with.
        item.size = Size::new(220.0, 120.0);
        if n == 9 {
            item.color = PaletteColor::Pink;
        }
        item
    };
    let mut parents = node(
        1,
        -110.0,
        -60.0,
        "a2",
        "Parents of newborns",
        NodeType::CitizenGroup,
        (Low, VeryHigh),
    );
    if let ItemKind::MapNode(details) = &mut parents.kind {
        "Register a birth; most use a phone.\nMany live outside the city centre."
            .clone_into(&mut details.description);
    }
    let items = [
        backdrop(
            0x0100_0000_0000_0001,
            -600.0,
            (1200.0, 1248.0),
            "a0",
            ItemKind::Rings(Rings {
                rings: vec!["Core".into(), "Direct".into(), "Indirect".into()],
                sectors: vec!["Public".into(), "Private".into(), "Civil".into()],
            }),
        ),
        backdrop(
            0x0100_0000_0000_0002,
            800.0,
            (1000.0, 1048.0),
            "a1",
            ItemKind::InterestGrid,
        ),
        parents,
        node(
            2,
            200.0,
            -60.0,
            "a3",
            "Civil registry office",
            NodeType::MunicipalDepartment,
            (High, High),
        ),
        node(
            3,
            200.0,
            200.0,
            "a4",
            "Ministry of Justice",
            NodeType::PublicAgency,
            (VeryHigh, Medium),
        ),
        node(
            4,
            -400.0,
            200.0,
            "a5",
            "Roma rights NGO",
            NodeType::CivilSociety,
            (Medium, High),
        ),
        node(
            5,
            -400.0,
            -300.0,
            "a6",
            "Maternity hospital",
            NodeType::Business,
            (Medium, Medium),
        ),
        node(
            6,
            200.0,
            -300.0,
            "a7",
            "e-Registry",
            NodeType::ItSystem,
            (High, Low),
        ),
        node(
            7,
            500.0,
            200.0,
            "a8",
            "Law on civil status",
            NodeType::Regulator,
            (VeryHigh, Low),
        ),
        node(
            8,
            -700.0,
            600.0,
            "a9",
            "Local media",
            NodeType::Other,
            (Medium, Low),
        ),
        node(
            9,
            1000.0,
            -400.0,
            "aa",
            "Мобилен оператор",
            NodeType::Custom("Телеком".into()),
            (Low, Low),
        ),
        Item {
            kind: ItemKind::Note(Note {
                text: "Parking lot".into(),
                fit_text: true,
                ..Note::default()
            }),
            ..note(
                "0500000000000001",
                -700.0,
                800.0,
                (240.0, 200.0),
                "ab",
                PaletteColor::Yellow,
                "",
            )
        },
    ];
    let link = |n: u64, from: u64, to: u64, label: &str, props: ConnectorProps| Connector {
        props,
        ..Connector::new(
            ConnectorId::from_raw(0x0300_0000_0000_0000 + n),
            ItemId::from_raw(0x0200_0000_0000_0000 + from),
            ItemId::from_raw(0x0200_0000_0000_0000 + to),
        )
        .with_label(label)
    };
    let connectors = [
        link(1, 1, 2, "", ConnectorProps::default()),
        link(
            2,
            2,
            6,
            "records births",
            ConnectorProps {
                arrows: Arrows::Both,
                line: LineStyle::Dashed,
                route: Route::Curved,
                relation: Some(Relation::DataExchange),
                polarity: Some(Polarity::Positive),
                delay: true,
            },
        ),
        link(
            3,
            6,
            2,
            "",
            ConnectorProps {
                arrows: Arrows::None,
                relation: Some(Relation::Custom("Сервис".into())),
                polarity: Some(Polarity::Negative),
                ..ConnectorProps::default()
            },
        ),
        link(
            4,
            3,
            2,
            "funds and audits",
            ConnectorProps {
                arrows: Arrows::From,
                relation: Some(Relation::Money),
                polarity: Some(Polarity::Unknown),
                ..ConnectorProps::default()
            },
        ),
        link(
            5,
            7,
            3,
            "",
            ConnectorProps {
                relation: Some(Relation::LegalMandate),
                ..ConnectorProps::default()
            },
        ),
    ];
    Board::from_parts(
        "Golden map: every node type, backdrop and connector property",
        items,
        connectors,
    )
    .unwrap()
}

/// The board `v2/persona.ron` holds, built by hand.
fn persona_board() -> Board {
    let mut ana = Persona::named("Ana Petrović");
    ana.age = Entry::new("34");
    ana.role = Entry::new("Nurse, mother of two");
    ana.location = Entry::evidence("Novi Sad, suburbs", "interview 3");
    ana.quote = Entry::new("I lose a whole day every time I need a paper.");
    ana.background = Entry::assumption("Works shifts; her mother helps with the children.");
    ana.goals = vec![Entry::new("Register her newborn without taking a day off")];
    ana.needs = vec![
        Entry::evidence("Forms she can fill in on her phone", "survey"),
        Entry::assumption("Opening hours after 5 pm"),
    ];
    ana.pains = vec![Entry::new("Each office asks for the same papers again")];
    ana.behaviours = vec![Entry::new("Asks in a Viber group before going anywhere")];
    ana.digital_skills = Some(3);
    ana.channels = [Channel::Online, Channel::InPerson].into();
    ana.languages = Entry::new("Serbian, Hungarian");
    ana.accessibility = Entry::new("None");
    ana.life_event = Entry::new("A child is born");
    ana.custom = vec![CustomField {
        label: "Favourite app".into(),
        value: Entry::evidence("Viber", "interview 3"),
    }];
    let ana_id = ItemId::from_raw(0x0400_0000_0000_0001);
    let card = |id: ItemId, x: f32, z: &str, color, persona| {
        let mut item = Item::persona(id, Point::new(x, 0.0), z.parse().unwrap(), color, persona);
        item.size = Size::new(380.0, 520.0);
        item
    };
    let mut node = Item::map_node(
        ItemId::from_raw(0x0400_0000_0000_0003),
        Point::new(0.0, 600.0),
        "a2".parse().unwrap(),
        MapNode {
            label: "Young parents".into(),
            node_type: NodeType::CitizenGroup,
            description: String::new(),
            influence: Level::Low,
            interest: Level::VeryHigh,
            persona: Some(ana_id),
        },
    );
    // The size the golden files were written with.
    node.size = Size::new(220.0, 120.0);
    let items = [
        card(ana_id, 0.0, "a0", PaletteColor::Blue, ana),
        card(
            ItemId::from_raw(0x0400_0000_0000_0002),
            420.0,
            "a1",
            PaletteColor::Green,
            Persona {
                photo: Some(tiny_photo_id()),
                ..Persona::named("ნინო")
            },
        ),
        node,
        Item::empathy_map(
            ItemId::from_raw(0x0400_0000_0000_0004),
            Point::new(840.0, 0.0),
            "a3".parse().unwrap(),
            EmpathyMap {
                persona: Some(ana_id),
                goal: "Register her newborn without taking a day off".into(),
                says: vec![Entry::new("“Why do I need to bring this again?”")],
                thinks: vec![Entry::assumption("They will lose my papers")],
                feels: vec![Entry::evidence("Tired and rushed", "interview 3")],
                gains: vec![Entry::new("An afternoon with her baby")],
                ..EmpathyMap::default()
            },
        ),
    ];
    Board::from_parts("Golden personas: every field, mark and channel", items, [])
        .unwrap()
        .with_images([(tiny_photo_id(), tiny_photo())])
}

/// The 2 × 2 PNG stored in `v2/persona.ron` (red, green / blue, yellow).
fn tiny_photo() -> StoredImage {
    let bytes = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x06, 0x00, 0x00, 0x00, 0x72,
        0xb6, 0x0d, 0x24, 0x00, 0x00, 0x00, 0x1b, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38,
        0x61, 0x63, 0xf3, 0xdf, 0xe6, 0x84, 0xcd, 0x7f, 0x06, 0x1b, 0x9b, 0x13, 0xff, 0x3f, 0x9c,
        0xd0, 0xf8, 0x0f, 0x00, 0x50, 0x1c, 0x09, 0x9d, 0xdf, 0x1a, 0x35, 0xa4, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    StoredImage {
        width: 2,
        height: 2,
        format: ImageFormat::Png,
        bytes: bytes.as_slice().into(),
    }
}

/// The photo's content id, from its bytes.
fn tiny_photo_id() -> ImageId {
    ImageId::from_raw(civic_canvas::photos::content_id(&tiny_photo().bytes))
}

/// The golden files of `version` and the boards they hold.
fn expected(version: u32) -> Vec<(&'static str, Board)> {
    let mut files = vec![
        ("basic.ron", basic_board()),
        ("edge_values.ron", edge_values_board()),
        ("empty.ron", Board::new("")),
    ];
    if version >= 2 {
        files.push(("map.ron", map_board()));
        files.push(("persona.ron", persona_board()));
    }
    if version >= 3 {
        files.push(("frames.ron", frames_board()));
    }
    if version >= 4 {
        files.push(("nested.ron", nested_board()));
    }
    if version >= 5 {
        files.push(("workshop.ron", workshop_board()));
    }
    if version >= 6 {
        files.push(("strokes.ron", strokes_board()));
        files.push(("portrait.ron", portrait_board()));
    }
    files
}

/// The board `v6/strokes.ron` holds, built by hand: a pen line with the pen's pressure, a
/// highlight widened to twice the width it was drawn at, and a one-point pen dot.
fn strokes_board() -> Board {
    let stroke = |n: u64, pos: (f32, f32), size: (f32, f32), z: &str, color, stroke: Stroke| Item {
        id: ItemId::from_raw(0x0600_0000_0000_0000 + n),
        pos: Point::new(pos.0, pos.1),
        size: Size::new(size.0, size.1),
        z: z.parse().unwrap(),
        color,
        kind: ItemKind::Stroke(stroke),
        parent: None,
    };
    let point = |x: f32, y: f32, pressure: Option<f32>| StrokePoint { x, y, pressure };
    let items = [
        stroke(
            1,
            (100.0, 80.0),
            (64.0, 24.0),
            "a0",
            PaletteColor::Blue,
            Stroke {
                tool: StrokeTool::Pen,
                drawn: Size::new(64.0, 24.0),
                points: vec![
                    point(2.0, 2.0, Some(0.3)),
                    point(20.5, 12.0, Some(0.55)),
                    point(41.3, 18.7, Some(0.8)),
                    point(62.0, 22.0, Some(0.62)),
                ],
            },
        ),
        stroke(
            2,
            (90.0, 200.0),
            (300.0, 24.0),
            "a1",
            PaletteColor::Yellow,
            Stroke {
                tool: StrokeTool::Highlighter,
                drawn: Size::new(150.0, 24.0),
                points: vec![
                    point(12.0, 12.0, None),
                    point(75.0, 12.5, None),
                    point(138.0, 12.0, None),
                ],
            },
        ),
        stroke(
            3,
            (300.0, 60.0),
            (4.0, 4.0),
            "a2",
            PaletteColor::Red,
            Stroke {
                tool: StrokeTool::Pen,
                drawn: Size::new(4.0, 4.0),
                points: vec![point(2.0, 2.0, None)],
            },
        ),
    ];
    Board::from_parts(
        "Strokes: a pen line, a widened highlight and a dot",
        items,
        [],
    )
    .unwrap()
}

/// The board `v6/portrait.ron` holds, built by hand: a persona with a drawn portrait (a closed
/// head outline, a smile drawn with the pen's pressure, and a one-point eye), and one whose
/// portrait is behind its photo.
fn portrait_board() -> Board {
    let point = |x: f32, y: f32, pressure: Option<f32>| StrokePoint { x, y, pressure };
    let head = [
        (50.0, 8.0),
        (80.5, 30.0),
        (84.0, 62.5),
        (50.0, 92.0),
        (16.0, 62.5),
        (19.5, 30.0),
        (50.0, 8.0),
    ];
    let mut nana = Persona::named("Nana Beridze");
    nana.role = Entry::new("Retired teacher");
    nana.portrait = Portrait::new([
        head.iter().map(|&(x, y)| point(x, y, None)).collect(),
        vec![
            point(36.0, 66.0, Some(0.3)),
            point(50.0, 74.0, Some(0.75)),
            point(64.0, 66.0, Some(0.42)),
        ],
        vec![point(38.0, 44.0, None)],
    ]);
    let nino = Persona {
        photo: Some(tiny_photo_id()),
        portrait: Portrait::new([vec![point(20.0, 50.0, None), point(80.0, 50.0, None)]]),
        ..Persona::named("ნინო")
    };
    let card = |n: u64, x: f32, z: &str, color, persona| {
        let id = ItemId::from_raw(0x0700_0000_0000_0000 + n);
        let mut item = Item::persona(id, Point::new(x, 0.0), z.parse().unwrap(), color, persona);
        item.size = Size::new(380.0, 520.0);
        item
    };
    let items = [
        card(1, 0.0, "a0", PaletteColor::Teal, nana),
        card(2, 420.0, "a1", PaletteColor::Green, nino),
    ];
    Board::from_parts("Portraits: drawn, and behind a photo", items, [])
        .unwrap()
        .with_images([(tiny_photo_id(), tiny_photo())])
}

/// The board `v5/workshop.ron` holds, built by hand: two stages with prompts and time boxes, a
/// note with votes from three voters, and an impact/effort grid with a note placed on it.
fn workshop_board() -> Board {
    let id = |n: u64| ItemId::from_raw(0x0500_0000_0000_0000 + n);
    let stage = |n: u64, x: f32, z: &str, title: &str, order: u32, prompt: &str, minutes: u32| {
        let mut frame = Frame::new(title, order);
        prompt.clone_into(&mut frame.prompt);
        frame.minutes = Some(minutes);
        Item::frame(
            id(n),
            Point::new(x, 0.0),
            Size::new(1600.0, 1000.0),
            z.parse().unwrap(),
            frame,
        )
    };
    let mut grid = Item::frame(
        id(3),
        Point::new(1750.0, 100.0),
        Size::new(1200.0, 800.0),
        "a2".parse().unwrap(),
        Frame::default(),
    );
    grid.kind = ItemKind::ImpactGrid;
    grid.parent = Some(id(2));
    let mut voted = Item::note(
        id(4),
        Point::new(48.0, 96.0),
        "a3".parse().unwrap(),
        PaletteColor::Yellow,
        "Track the permit online, step by step",
    );
    voted.parent = Some(id(1));
    if let ItemKind::Note(note) = &mut voted.kind {
        note.votes = [("facilitator", 2), ("Ana", 1), ("Гиорги", 3)]
            .into_iter()
            .map(|(voter, n)| (voter.to_owned(), n))
            .collect();
    }
    let mut placed = Item::note(
        id(5),
        Point::new(1800.0, 300.0),
        "a4".parse().unwrap(),
        PaletteColor::Green,
        "SMS when the request moves",
    );
    placed.parent = Some(id(2));
    if let ItemKind::Note(note) = &mut placed.kind {
        note.impact = Some(Level::High);
        note.effort = Some(Level::Low);
    }
    let items = [
        stage(
            1,
            0.0,
            "a0",
            "Ideation",
            1,
            "How might we make building permits easy to get online?",
            15,
        ),
        stage(2, 1700.0, "a1", "Solutions & Opportunities", 2, "", 20),
        grid,
        voted,
        placed,
    ];
    Board::from_parts(
        "Workshop: stages, votes and an impact/effort grid",
        items,
        [],
    )
    .unwrap()
}

/// The board `v4/nested.ron` holds, built by hand: a workshop stage holding a note and a
/// cluster frame, which holds two notes of its own; the cluster is collapsed.
fn nested_board() -> Board {
    let id = |n: u64| ItemId::from_raw(0x0400_0000_0000_0000 + n);
    let stage = Item::frame(
        id(1),
        Point::new(0.0, 0.0),
        Size::new(1200.0, 800.0),
        "a0".parse().unwrap(),
        Frame::new("Consolidation", 1),
    );
    let mut cluster_frame = Frame::new("Cluster: waiting times", 2);
    cluster_frame.collapsed = true;
    let mut cluster = Item::frame(
        id(2),
        Point::new(400.0, 100.0),
        Size::new(700.0, 500.0),
        "a1".parse().unwrap(),
        cluster_frame,
    );
    cluster.parent = Some(id(1));
    let note = |n: u64, x: f32, y: f32, z: &str, text: &str, frame: u64| {
        let mut item = Item::note(
            id(n),
            Point::new(x, y),
            z.parse().unwrap(),
            PaletteColor::Orange,
            text,
        );
        item.parent = Some(id(frame));
        item
    };
    let items = [
        stage,
        cluster,
        note(3, 48.0, 96.0, "a2", "Приоритет: онлайн-запис", 1),
        note(4, 448.0, 196.0, "a3", "Queues at the registry office", 2),
        note(5, 748.0, 196.0, "a4", "Pritet me orë në sportel", 2),
    ];
    Board::from_parts("Nested frames: a stage and a cluster", items, []).unwrap()
}

/// The board `v3/frames.ron` holds, built by hand: an open frame with two notes, a collapsed
/// one with a note, an empty frame presented first, and a note in no frame.
fn frames_board() -> Board {
    let id = |n: u64| ItemId::from_raw(0x0300_0000_0000_0000 + n);
    let frame = |n: u64, x: f32, z: &str, title: &str, order: u32, collapsed: bool| {
        let mut frame = Frame::new(title, order);
        frame.collapsed = collapsed;
        Item::frame(
            id(n),
            Point::new(x, 0.0),
            Size::new(640.0, 400.0),
            z.parse().unwrap(),
            frame,
        )
    };
    let note = |n: u64, x: f32, z: &str, text: &str, frame: Option<u64>| {
        let mut item = Item::note(
            id(n),
            Point::new(x, 96.0),
            z.parse().unwrap(),
            PaletteColor::Yellow,
            text,
        );
        item.parent = frame.map(id);
        item
    };
    let items = [
        frame(1, 0.0, "a0", "Ideation: what residents told us", 2, false),
        frame(2, 700.0, "a1", "Parking lot", 3, true),
        frame(3, 1400.0, "a2", "Welcome", 1, false),
        note(4, 48.0, "a3", "Forms are hard to find", Some(1)),
        note(5, 336.0, "a4", "Старим особам потрібна допомога", Some(1)),
        note(6, 748.0, "a5", "Opening hours?", Some(2)),
        note(7, 2100.0, "a6", "Not in a frame", None),
    ];
    let connectors = [
        Connector::new(ConnectorId::from_raw(0x0300_0000_0000_0100), id(4), id(6))
            .with_label("raises"),
    ];
    Board::from_parts("Frames: ideation and a parking lot", items, connectors).unwrap()
}

#[test]
fn every_golden_file_in_the_folders_is_covered() {
    for version in 1..=CURRENT_FORMAT {
        let mut on_disk: Vec<String> = std::fs::read_dir(golden(version, ""))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        on_disk.sort();
        let mut covered: Vec<&str> = expected(version)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        covered.sort_unstable();
        assert_eq!(on_disk, covered, "v{version}");
    }
}

#[test]
fn golden_files_of_every_version_load_into_the_expected_boards() {
    for version in 1..=CURRENT_FORMAT {
        for (name, expected) in expected(version) {
            let path = golden(version, name);
            let board = load_board(&path).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(board, expected, "v{version}/{name}");
            let loaded = board_from_ron(&std::fs::read_to_string(path).unwrap()).unwrap();
            assert_eq!(loaded.format, version, "v{version}/{name}");
            assert!(loaded.warnings.is_empty(), "v{version}/{name}");
        }
    }
}

#[test]
fn v1_files_migrate_to_the_v2_files_of_the_same_name() {
    for (name, _) in expected(1) {
        let v1 = board_from_ron(&std::fs::read_to_string(golden(1, name)).unwrap()).unwrap();
        assert!(v1.was_migrated());
        let v2 = load_board(&golden(2, name)).unwrap();
        assert_eq!(v1.board, v2, "{name}");
    }
}

#[test]
fn older_files_save_as_the_current_files_of_the_same_name() {
    for version in 1..CURRENT_FORMAT {
        for (name, _) in expected(version) {
            let old =
                board_from_ron(&std::fs::read_to_string(golden(version, name)).unwrap()).unwrap();
            assert!(old.was_migrated(), "v{version}/{name}");
            let current = std::fs::read_to_string(golden(CURRENT_FORMAT, name)).unwrap();
            assert_eq!(board_to_ron(&old.board), current, "v{version}/{name}");
        }
    }
}

#[test]
fn edge_values_keep_signed_zero_and_exact_floats() {
    for version in 1..=CURRENT_FORMAT {
        let board = load_board(&golden(version, "edge_values.ron")).unwrap();
        let item = board.item("ffffffffffffffff".parse().unwrap()).unwrap();
        assert!(item.pos.y.is_sign_negative());
        assert_eq!(item.pos.x.to_bits(), 0.1_f32.to_bits());
    }
}

#[test]
fn current_format_files_save_back_byte_for_byte() {
    assert_eq!(
        CURRENT_FORMAT, 6,
        "add the new version's golden folder and `expected` entries"
    );
    for (name, _) in expected(CURRENT_FORMAT) {
        let text = std::fs::read_to_string(golden(CURRENT_FORMAT, name)).unwrap();
        let board = board_from_ron(&text).unwrap().board;
        assert_eq!(board_to_ron(&board), text, "{name}");
    }
}

#[test]
fn the_example_board_loads_and_saves_back_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let board = load_board(&path).unwrap();
    assert!(board.items().len() >= 12);
    assert_eq!(board_to_ron(&board), text);
}

#[test]
fn building_a_board_by_hand_gives_the_golden_text() {
    // The other direction: the saver's output for a hand-built board is the golden file.
    for (name, board) in [
        ("basic.ron", basic_board()),
        ("map.ron", map_board()),
        ("persona.ron", persona_board()),
        ("frames.ron", frames_board()),
        ("nested.ron", nested_board()),
        ("workshop.ron", workshop_board()),
        ("strokes.ron", strokes_board()),
        ("portrait.ron", portrait_board()),
    ] {
        let text = std::fs::read_to_string(golden(CURRENT_FORMAT, name)).unwrap();
        assert_eq!(board_to_ron(&board), text, "{name}");
    }
}
