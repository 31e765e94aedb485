//! UI tests for persona cards: creating one from the keyboard, filling it in through the
//! inspector (one undo step per finished field), marking assumptions, the gallery, search, and
//! linking a map node to a persona.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{Basis, Entry, ItemKind, Persona};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;

mod common;
use common::{add_persona, app_harness, click_in_inspector, personas, press, type_text};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn the_persona(harness: &Harness<'_, CivicCanvasApp>) -> Persona {
    personas(harness)
        .into_iter()
        .next()
        .expect("a persona on the board")
}

/// Types into the inspector field named `field` and presses Enter to finish it.
fn fill(harness: &mut Harness<'_, CivicCanvasApp>, field: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .focus();
    harness.run();
    harness.event(Event::Text(text.to_owned()));
    harness.run();
    press(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn a_persona_is_created_named_and_filled_in_one_undo_step_per_field() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Ana Petrović");
    assert_eq!(the_persona(&harness).name, "Ana Petrović");
    harness.get_by_label("Persona details");

    fill(&mut harness, "Role", "Nurse");
    click_in_inspector(&mut harness, "Add to needs");
    fill(&mut harness, "Needs 1", "Forms on the phone");
    let persona = the_persona(&harness);
    assert_eq!(persona.role, Entry::new("Nurse"));
    assert_eq!(persona.needs, [Entry::new("Forms on the phone")]);

    // Mark the need as an assumption.
    click_in_inspector(&mut harness, "Needs 1: based on");
    harness.get_by_label("Assumption").click();
    harness.run();
    assert_eq!(the_persona(&harness).needs[0].basis, Basis::Assumption);

    // Each finished edit is one step back.
    let undo = |harness: &mut Harness<'_, CivicCanvasApp>| {
        press(harness, Modifiers::COMMAND, Key::Z);
    };
    undo(&mut harness);
    assert_eq!(the_persona(&harness).needs[0].basis, Basis::Unmarked);
    undo(&mut harness);
    assert_eq!(the_persona(&harness).needs, [Entry::default()]);
    undo(&mut harness);
    assert!(the_persona(&harness).needs.is_empty());
    undo(&mut harness);
    assert_eq!(the_persona(&harness).role, Entry::default());
    assert_eq!(the_persona(&harness).name, "Ana Petrović");
}

/// The text of every galley painted with its top-left corner inside `area` in the last paint.
fn texts_painted_in(harness: &Harness<'_, CivicCanvasApp>, area: egui::Rect) -> Vec<String> {
    fn walk(shape: &egui::Shape, area: egui::Rect, texts: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) if area.contains(text.pos) => {
                texts.push(text.galley.text().to_owned());
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, area, texts)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, area, &mut texts);
    }
    texts
}

#[test]
fn a_persona_card_draws_no_bullet_for_an_entry_not_yet_typed() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Ana");
    click_in_inspector(&mut harness, "Add to needs");
    fill(&mut harness, "Needs 1", "Forms on the phone");
    click_in_inspector(&mut harness, "Add to needs");
    assert_eq!(
        the_persona(&harness).needs,
        [Entry::new("Forms on the phone"), Entry::default()]
    );

    let card = harness.get_by_label("Ana").rect();
    let texts = texts_painted_in(&harness, card);
    let bullets: Vec<&String> = texts.iter().filter(|text| text.contains('•')).collect();
    assert_eq!(bullets.len(), 1, "bullets drawn on the card: {bullets:?}");
    assert!(bullets[0].contains("Forms on the phone"), "{bullets:?}");
    assert!(texts.iter().any(|text| text == "NEEDS"), "{texts:?}");
}

#[test]
fn the_gallery_lists_personas_and_search_finds_their_fields() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Dritan");
    fill(&mut harness, "Life event", "Retires this year");
    add_persona(&mut harness, "ნინო");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().canvas().selection.items.is_empty());

    press(&mut harness, Modifiers::SHIFT, Key::P);
    harness.get_by_label("Persona gallery");
    harness
        .get_by_role_and_label(Role::Button, "Dritan")
        .click();
    harness.run();
    let dritan = harness
        .state()
        .board()
        .items()
        .find(|item| item.text() == "Dritan")
        .unwrap()
        .id;
    assert_eq!(harness.state().canvas().single_selection(), Some(dritan));

    // Find reaches text inside persona fields.
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "retires");
    harness.get_by_label_contains("1 of 1");
}

#[test]
fn a_map_node_can_stand_for_a_persona_and_loses_the_link_when_it_is_deleted() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Young parents");
    press(&mut harness, Modifiers::SHIFT, Key::N);
    press(&mut harness, Modifiers::NONE, Key::Num1);
    type_text(&mut harness, "Parents");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness
        .get_by_role_and_label(Role::ComboBox, "Stands for persona")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Young parents")
        .click();
    harness.run();
    let link = |harness: &Harness<'_, CivicCanvasApp>| {
        harness
            .state()
            .board()
            .items()
            .find_map(|item| match &item.kind {
                ItemKind::MapNode(node) => Some(node.persona),
                _ => None,
            })
            .unwrap()
    };
    let persona = harness
        .state()
        .board()
        .items()
        .find(|item| item.text() == "Young parents")
        .unwrap()
        .id;
    assert_eq!(link(&harness), Some(persona));

    // Deleting the persona removes the link in the same step; undo restores both.
    harness.state_mut().canvas_mut().selection.items = [persona].into();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(link(&harness), None);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(link(&harness), Some(persona));
}

#[test]
fn a_note_dropped_on_a_persona_becomes_an_entry_and_an_entry_dragged_out_becomes_a_note() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Olena");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    common::add_note(&mut harness, "Needs paper forms\nin Ukrainian");
    let notes = |harness: &Harness<'_, CivicCanvasApp>| {
        harness
            .state()
            .board()
            .items()
            .filter(|item| matches!(item.kind, ItemKind::Note(_)))
            .map(|item| item.text().to_owned())
            .collect::<Vec<_>>()
    };
    let before = harness.state().board().clone();

    // Drag the note onto the card; the app offers the persona's lists.
    let note = harness
        .get_by_label("Needs paper forms\nin Ukrainian")
        .rect()
        .center();
    let card = harness.get_by_label("Olena").rect().center();
    common::drag(&mut harness, note, card);
    harness.get_by_label("Add this note to Olena");
    harness.get_by_label("Add to needs").click();
    harness.run();
    assert_eq!(
        the_persona(&harness).needs,
        [Entry::new("Needs paper forms\nin Ukrainian")]
    );
    assert!(notes(&harness).is_empty());
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Move note into persona")
    );

    // Drag the entry out of the inspector onto empty canvas: a note again, text unchanged.
    harness.get_by_label("Drag out").scroll_to_me();
    harness.run();
    let handle = harness.get_by_label("Drag out").rect().center();
    let empty = egui::pos2(200.0, 700.0);
    common::drag(&mut harness, handle, empty);
    assert_eq!(notes(&harness), ["Needs paper forms\nin Ukrainian"]);
    assert!(the_persona(&harness).needs.is_empty());

    // Two undo steps: the entry back into the persona, then the note back from it (one step
    // for the drop onto the card, one for the move that put it there).
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(the_persona(&harness).needs.len(), 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().board(), &before);
}

#[test]
fn an_empathy_map_for_a_persona_takes_its_goal_and_notes_dropped_on_it() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Dritan");
    harness.get_by_label("Add to goals").scroll_to_me();
    harness.run();
    harness.get_by_label("Add to goals").click();
    harness.run();
    fill(&mut harness, "Goals 1", "Get his pension without queueing");
    click_in_inspector(&mut harness, "Empathy map");
    let (map_id, map) = harness
        .state()
        .board()
        .items()
        .find_map(|item| match &item.kind {
            ItemKind::EmpathyMap(map) => Some((item.id, (**map).clone())),
            _ => None,
        })
        .expect("an empathy map");
    let dritan = harness
        .state()
        .board()
        .items()
        .find(|item| item.text() == "Dritan")
        .unwrap()
        .id;
    assert_eq!(map.persona, Some(dritan));
    assert_eq!(map.goal, "Get his pension without queueing");

    // A note dropped on the map is offered the map's sections.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    common::add_note(&mut harness, "Afraid of the website");
    let note = harness
        .get_by_label("Afraid of the website")
        .rect()
        .center();
    let target = harness.get_by_label("Empathy map").rect().center();
    common::drag(&mut harness, note, target);
    harness.get_by_label("Add to feels").click();
    harness.run();
    let feels = match &harness.state().board().item(map_id).unwrap().kind {
        ItemKind::EmpathyMap(map) => map.feels.clone(),
        _ => unreachable!(),
    };
    assert_eq!(feels, [Entry::new("Afraid of the website")]);
}

#[test]
fn choosing_a_photo_stores_it_once_and_a_bad_file_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("ana.png");
    image::RgbaImage::from_fn(900, 600, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
    })
    .save(&photo)
    .unwrap();
    let not_a_photo = dir.path().join("notes.png");
    std::fs::write(&not_a_photo, "these are not pixels").unwrap();

    let mut harness = app_harness(None);
    add_persona(&mut harness, "Ana");
    let choose = |harness: &mut Harness<'_, CivicCanvasApp>, path: &std::path::Path| {
        click_in_inspector(harness, "Choose photo…");
        let field = harness.get_by_role_and_label(Role::TextInput, "File path");
        field.focus();
        harness.run();
        harness.event(Event::Text(path.to_str().unwrap().to_owned()));
        harness.run();
        press(harness, Modifiers::NONE, Key::Enter);
    };

    // A damaged file: a clear message, and the card is unchanged.
    choose(&mut harness, &not_a_photo);
    harness.get_by_label("Could not use “notes.png” as a photo");
    harness.get_by_label_contains("not a PNG, JPEG, WebP or GIF");
    assert_eq!(the_persona(&harness).photo, None);
    harness.get_by_label("OK").click();
    harness.run();

    // A real photo: shrunk to at most 512 pixels a side and stored under its content id.
    choose(&mut harness, &photo);
    let id = the_persona(&harness)
        .photo
        .expect("the persona has a photo");
    let board = harness.state().board();
    let stored = board.image(id).unwrap();
    assert_eq!((stored.width, stored.height), (512, 341));
    assert_eq!(board.used_images().count(), 1);
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Set photo")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(the_persona(&harness).photo, None);
}

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn an_image_dropped_on_a_persona_card_becomes_its_photo() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("olena.jpg");
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 120, 80]))
        .save(&photo)
        .unwrap();
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Olena");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let card = harness.get_by_label("Olena").rect().center();
    harness.hover_at(card);
    harness.run();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(photo)));
    harness.run();
    let id = the_persona(&harness)
        .photo
        .expect("the dropped image is the photo");
    let stored = harness.state().board().image(id).unwrap();
    assert_eq!((stored.width, stored.height), (40, 30));

    // Copied into another window, the card brings its photo along, in one undo step.
    harness.get_by_label("Olena").click();
    harness.run();
    harness.event(Event::Copy);
    harness.step();
    let clipboard = common::copied_text(&harness);
    assert!(clipboard.contains(&id.to_string()) && clipboard.contains("images:"));
    let mut other = app_harness(None);
    other.hover_at(other.get_by_label("Board canvas").rect().center());
    other.event(Event::Paste(clipboard));
    other.run();
    assert_eq!(the_persona(&other).photo, Some(id));
    assert!(other.state().board().image(id).is_some());
    assert_eq!(other.state().board().used_images().count(), 1);
    press(&mut other, Modifiers::COMMAND, Key::Z);
    assert!(other.state().board().items().next().is_none());
    assert_eq!(other.state().board().used_images().count(), 0);
}

#[test]
fn enter_finishes_a_name_typed_in_place_without_a_line_break() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::P);
    type_text(&mut harness, "Enter test");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(the_persona(&harness).name, "Enter test");
    assert_eq!(
        harness.state().canvas().editing_item(),
        None,
        "Enter finished it"
    );
}

#[test]
fn the_gallery_puts_the_personas_that_need_research_first() {
    let mut harness = app_harness(Some("tests/golden/v5/persona.ron".into()));
    press(&mut harness, Modifiers::SHIFT, Key::P);
    // Ana has 3 of her 14 filled entries from research; ნინო has nothing filled in yet.
    let nino = harness
        .get_by_role_and_label(Role::Button, "ნინო")
        .rect()
        .top();
    let ana = harness
        .get_by_role_and_label(Role::Button, "Ana Petrović\nNurse, mother of two")
        .rect()
        .top();
    assert!(nino < ana, "the persona with no research comes first");
    assert!(harness.query_by_label("3 of 14 from research").is_some());
}

#[test]
fn an_empty_field_shows_a_prompt_that_is_never_saved() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Dritan");
    let prompt = "What life event brings them to this service?";
    let field = harness.get_by_role_and_label(Role::TextInput, "Life event");
    assert_eq!(
        field.accesskit_node().placeholder(),
        Some(prompt),
        "the empty field asks"
    );
    fill(&mut harness, "Life event", "Retires this year");
    let persona = &personas(&harness)[0];
    assert_eq!(
        persona.life_event.text, "Retires this year",
        "the prompt is not in the text"
    );
    assert!(
        persona.age.text.is_empty(),
        "an untouched field stays empty"
    );
}

#[test]
fn a_persona_is_filled_in_on_the_card_with_tab_and_enter() {
    let mut harness = app_harness(None);
    press(&mut harness, Modifiers::NONE, Key::P);
    type_text(&mut harness, "Jelena Marković");
    // Tab: the fields in the inspector's order, role first.
    press(&mut harness, Modifiers::NONE, Key::Tab);
    type_text(&mut harness, "Pharmacist");
    press(&mut harness, Modifiers::NONE, Key::Tab);
    type_text(&mut harness, "29");
    // Shift+Tab goes back: the role, typed over.
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Pharmacist, first baby");
    // On past the other six fields to the goals.
    for _ in 0..8 {
        press(&mut harness, Modifiers::NONE, Key::Tab);
    }
    type_text(&mut harness, "Register the birth in one visit");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    type_text(&mut harness, "Get the health card");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Escape);

    let persona = &personas(&harness)[0];
    assert_eq!(persona.name, "Jelena Marković");
    assert_eq!(persona.role.text, "Pharmacist, first baby");
    assert_eq!(persona.age.text, "29");
    let goals: Vec<&str> = persona.goals.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(
        goals,
        ["Register the birth in one visit", "Get the health card"]
    );
    // Each finished field is a step of its own.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        personas(&harness)[0].goals.len(),
        1,
        "undo takes back the last goal"
    );
}
