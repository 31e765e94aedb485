//! Pictures of the board: the SVG holds every note's text as text and every item's box where
//! the board has it; PNGs are as large as asked, or refused past 100 megapixels; PDF handouts
//! have a title page and a page per frame or persona, with their fonts embedded; `convert` and
//! the File menu write them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use civic_canvas::export::picture::{self, Background, Pages, Region};
use civic_canvas::export::raster::{self, Paper};
use civic_canvas::model::{Board, IdGen, Item, ItemKind, PaletteColor, Point, ZKey};
use civic_canvas::storage::load_board;

fn kickoff() -> Board {
    load_board(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron")).unwrap()
}

/// Every text string and every path's box (in the picture's points) in a parsed SVG.
fn texts_and_boxes(group: &usvg::Group, texts: &mut Vec<String>, boxes: &mut Vec<usvg::Rect>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(inner) => texts_and_boxes(inner, texts, boxes),
            usvg::Node::Text(text) => {
                texts.push(text.chunks().iter().map(usvg::TextChunk::text).collect());
            }
            usvg::Node::Path(path) => boxes.push(path.abs_bounding_box()),
            usvg::Node::Image(_) => {}
        }
    }
}

#[test]
fn the_svg_of_the_example_board_has_every_note_text_and_every_item_box() {
    let board = kickoff();
    let document = picture::svg(&board, &Region::Board, Background::White).unwrap();
    let tree = raster::parse(&document).unwrap();
    let (mut texts, mut boxes) = (Vec::new(), Vec::new());
    texts_and_boxes(tree.root(), &mut texts, &mut boxes);
    let all_text = texts.join(" ");
    let origin = picture::area(&board, &Region::Board).unwrap().min;
    for item in board.items() {
        if let ItemKind::Note(_) = item.kind {
            for word in item.text().split_whitespace() {
                assert!(
                    all_text.contains(word),
                    "{word:?} of {:?} in {all_text}",
                    item.text()
                );
            }
        }
        let rect = item.rect();
        let (left, top) = (rect.min.x - origin.x, rect.min.y - origin.y);
        let (right, bottom) = (rect.max.x - origin.x, rect.max.y - origin.y);
        let found = boxes.iter().any(|b| {
            (b.left() - left).abs() <= 1.5
                && (b.top() - top).abs() <= 1.5
                && (b.right() - right).abs() <= 1.5
                && (b.bottom() - bottom).abs() <= 1.5
        });
        let near: Vec<_> = boxes
            .iter()
            .filter(|b| (b.left() - left).abs() < 8.0 && (b.top() - top).abs() < 40.0)
            .collect();
        assert!(
            found,
            "no shape with the box of {:?} ({left}, {top}, {right}, {bottom}) near {near:?}",
            item.text()
        );
    }
    // Real text, with the bundled fonts named.
    assert!(document.contains("<text"));
    assert!(document.contains("Noto Sans"));
}

#[test]
fn a_picture_of_one_frame_or_the_selection_shows_only_that() {
    let board = kickoff();
    let frame = picture::frame_named(&board, "2").unwrap();
    assert_eq!(
        picture::frame_named(&board, "solutions and opportunities").unwrap(),
        frame
    );
    assert!(picture::frame_named(&board, "9").is_err());
    let document = picture::svg(&board, &Region::Frame(frame), Background::White).unwrap();
    assert!(document.contains("Solutions and opportunities"));
    assert!(
        !document.contains("Ideation"),
        "a note of another frame is in the picture"
    );

    let one = board
        .items()
        .find(|item| item.text().starts_with("Plaćanje"))
        .unwrap();
    let document = picture::svg(&board, &Region::Items(vec![one.id]), Background::White).unwrap();
    assert!(document.contains("Plaćanje"));
    assert!(!document.contains("Solutions"), "only the selected note");
    let area = picture::area(&board, &Region::Items(vec![one.id])).unwrap();
    assert_eq!(area.size().width, one.size.width + 2.0 * picture::MARGIN);
}

#[test]
fn a_png_has_the_size_asked_for_and_a_board_too_large_is_capped_with_a_message() {
    let board = kickoff();
    let area = picture::area(&board, &Region::Board).unwrap();
    let png = picture::png(&board, &Region::Board, 2.0, Background::Transparent).unwrap();
    assert!(png.capped.is_none());
    let image = image::load_from_memory(&png.bytes).unwrap().to_rgba8();
    assert_eq!(image.width(), (area.size().width * 2.0).ceil() as u32);
    assert_eq!(image.height(), (area.size().height * 2.0).ceil() as u32);
    // Transparent round the items, opaque on them.
    assert_eq!(image.get_pixel(1, 1)[3], 0);

    let mut ids = IdGen::seeded(3);
    let far = [Point::new(0.0, 0.0), Point::new(90_000.0, 60_000.0)].map(|at| {
        Item::note(
            ids.item_id(|_| false),
            at,
            ZKey::middle(),
            PaletteColor::Yellow,
            "far",
        )
    });
    let wide = Board::from_parts("Wide", far, []).unwrap();
    // 90,064 × 60,064 units at 4× would be 86 gigapixels: with a cap of one megapixel (the app's
    // is 100, too slow to draw in a test), it is made at the largest scale within it.
    let capped =
        picture::png_within(&wide, &Region::Board, (4.0, 1_000_000), Background::White).unwrap();
    let image = image::load_from_memory(&capped.bytes).unwrap().to_rgba8();
    let pixels = u64::from(image.width()) * u64::from(image.height());
    assert!((900_000..=1_000_000).contains(&pixels), "{pixels} pixels");
    let message = capped.capped.unwrap();
    assert!(
        message.contains("megapixels") && message.contains("0.013×"),
        "{message}"
    );
    // Past what a PNG may have at any scale: a message, not a picture.
    let too_large = picture::png_within(&wide, &Region::Board, (4.0, 10), Background::White);
    assert!(too_large.unwrap_err().to_string().contains("too large"));
}

/// How many pages a PDF has (its page objects).
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[test]
fn a_pdf_handout_has_a_title_page_then_a_page_per_frame_or_persona() {
    let board = kickoff();
    let pdf = picture::pdf(&board, Pages::Frames, Paper::A4, "30 November 2026").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(page_count(&pdf), 1 + board.frames().len());
    let pdf = picture::pdf(&board, Pages::Board, Paper::A3, "30 November 2026").unwrap();
    assert_eq!(page_count(&pdf), 2);
    // The fonts go in with the text, so the text stays text.
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/FontFile"), "fonts embedded");
    assert!(picture::pdf(&board, Pages::Personas, Paper::A4, "today").is_err());

    let personas = load_board(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/citizen-personas.ron"),
    )
    .unwrap();
    let count = personas
        .items()
        .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
        .count();
    let pdf = picture::pdf(&personas, Pages::Personas, Paper::A4, "today").unwrap();
    assert_eq!(page_count(&pdf), 1 + count);
}

/// Whether a parsed SVG group holds an image, at any depth.
fn has_image(group: &usvg::Group) -> bool {
    group.children().iter().any(|node| match node {
        usvg::Node::Image(_) => true,
        usvg::Node::Group(inner) => has_image(inner),
        _ => false,
    })
}

#[test]
fn persona_photos_are_embedded_in_the_svg() {
    let board = civic_canvas::generate::generate_board(200, 1);
    let with_photo = board
        .items()
        .find(|item| matches!(&item.kind, ItemKind::Persona(persona) if persona.photo.is_some()))
        .expect("the generated board has persona photos");
    let document = picture::svg(
        &board,
        &Region::Items(vec![with_photo.id]),
        Background::White,
    )
    .unwrap();
    assert!(
        document.contains("<image") && document.contains(";base64,"),
        "the photo is in the SVG itself"
    );
    let tree = raster::parse(&document).unwrap();
    assert!(has_image(tree.root()), "the photo reads back as an image");
}

/// *File → Export picture or handout…*: the dialog offers the formats and the board's frames;
/// an SVG of one frame and a PDF handout are written where the typed path says (a typed board
/// name gets the picture's extension, so a board file is never written over).
#[test]
fn the_export_dialog_writes_a_frame_as_svg_and_a_handout_as_pdf() {
    use common::{app_harness, press, type_text};
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable as _;

    let dir = tempfile::tempdir().unwrap();
    let mut app = app_harness(Some("saved_boards/kickoff.ron".into()));
    press(&mut app, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    app.run();
    assert!(app.query_by_label("Export picture or handout").is_some());
    app.get_by_label("SVG").click_accesskit();
    app.run();
    app.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Area")
        .click_accesskit();
    app.run();
    app.get_by_label("2. Solutions and opportunities")
        .click_accesskit();
    app.run();
    app.get_by_label("Export…").click_accesskit();
    app.run();
    let typed = dir.path().join("solutions.ron");
    press(&mut app, Modifiers::COMMAND, Key::A);
    type_text(&mut app, typed.to_str().unwrap());
    press(&mut app, Modifiers::NONE, Key::Enter);
    assert!(!typed.exists(), "no board file was written");
    let svg = std::fs::read_to_string(dir.path().join("solutions.svg")).unwrap();
    assert!(svg.contains(">Plaćanje "), "a note of frame 2");
    assert!(!svg.contains(">Ideation"), "nothing of frame 1");
    assert!(
        app.query_by_label_contains("SVG picture written to")
            .is_some()
    );

    // Again: the dialog remembers SVG; now a PDF handout, a page per frame.
    press(&mut app, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    app.run();
    app.get_by_label("PDF handout").click_accesskit();
    app.run();
    assert!(
        app.query_by_label("One page per frame, in presenting order")
            .is_some()
    );
    app.get_by_label("Export…").click_accesskit();
    app.run();
    let handout = dir.path().join("handout.pdf");
    press(&mut app, Modifiers::COMMAND, Key::A);
    type_text(&mut app, handout.to_str().unwrap());
    press(&mut app, Modifiers::NONE, Key::Enter);
    let pdf = std::fs::read(&handout).unwrap();
    assert_eq!(page_count(&pdf), 4, "a title page and the three frames");
}

#[test]
fn a_persona_s_drawn_portrait_is_in_its_picture_and_its_sheet() {
    let mut board = load_board(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/citizen-personas.ron"),
    )
    .unwrap();
    let card = board
        .items()
        .find(|item| matches!(&item.kind, ItemKind::Persona(p) if !p.portrait.is_empty()))
        .expect("the example personas have portraits")
        .clone();
    // The ink is drawn as paths of its own (text is text, not paths).
    let ink_paths = |board: &Board| {
        let document =
            picture::svg(board, &Region::Items(vec![card.id]), Background::White).unwrap();
        document.matches("<path fill=\"#1a1a1a\"").count()
    };
    let with_portrait = ink_paths(&board);
    assert!(with_portrait > 0);
    let sheet = picture::pdf(&board, Pages::Personas, Paper::A4, "today").unwrap();

    let mut plain = card.clone();
    if let ItemKind::Persona(persona) = &mut plain.kind {
        persona.portrait = civic_canvas::model::Portrait::default();
    }
    civic_canvas::edit::Command::PutItem(Box::new(plain))
        .apply(&mut board)
        .unwrap();
    assert_eq!(ink_paths(&board), 0, "initials: no ink");
    let plain_sheet = picture::pdf(&board, Pages::Personas, Paper::A4, "today").unwrap();
    assert!(sheet.len() > plain_sheet.len(), "the sheet draws the lines");
}
