//! UI tests for the inspector: a panel beside the canvas that never covers the board (the view
//! fits and centres in the canvas left of it), hidden and shown with Ctrl+I, and not opened by
//! a frame shown with Page Down; entries just added take the keyboard, and Escape in a field
//! keeps what was typed; the persona form's folding sections and labelled fields.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use civic_canvas::app::{AppOptions, CivicCanvasApp};
use civic_canvas::model::{Entry, ItemKind, Persona, Point};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;
use common::{
    add_node, add_persona, app_harness, click_in_inspector, item_by_text, personas, press,
    type_on_keyboard, type_text,
};

fn canvas_rect(harness: &Harness<'_, CivicCanvasApp>) -> Rect {
    harness.get_by_label("Board canvas").rect()
}

fn inspector_rect(harness: &Harness<'_, CivicCanvasApp>) -> Rect {
    harness.get_by_label("Inspector").rect()
}

fn assert_centred_in(rect: Rect, canvas: Rect) {
    let off = rect.center() - canvas.center();
    assert!(
        off.length() < 2.0,
        "{rect:?} is {off:?} from the middle of the canvas {canvas:?}"
    );
}

/// Points the view far away from everything on the board.
fn look_elsewhere(harness: &mut Harness<'_, CivicCanvasApp>) {
    harness.state_mut().canvas_mut().view.camera.center_in_board = Point::new(-3000.0, 2000.0);
    harness.run();
}

#[test]
fn the_inspector_sits_beside_the_canvas_and_the_view_centres_in_what_is_left() {
    let mut harness = app_harness(None);
    let whole = canvas_rect(&harness);
    assert!(
        harness.query_by_label("Inspector").is_none() && whole.width() == 1400.0,
        "nothing is selected, so there is no inspector and the canvas is as wide as the window"
    );

    add_node(&mut harness, Key::Num1, "Parents of newborns");
    harness.get_by_label("Map node details");
    let canvas = canvas_rect(&harness);
    let inspector = inspector_rect(&harness);
    assert!(
        inspector.left() >= canvas.right() - 0.5,
        "the inspector {inspector:?} covers the canvas {canvas:?}"
    );
    assert!(
        canvas.width() < whole.width() - 250.0,
        "the canvas makes room for the panel: {canvas:?} of {whole:?}"
    );

    // Zoom to selection and zoom to fit put the node in the middle of the canvas that is left,
    // clear of the panel.
    for shortcut in [Key::Num2, Key::Num1] {
        look_elsewhere(&mut harness);
        press(&mut harness, Modifiers::SHIFT, shortcut);
        let node = harness.get_by_label("Parents of newborns").rect();
        assert_centred_in(node, canvas_rect(&harness));
        assert!(node.right() < inspector_rect(&harness).left());
    }
}

#[test]
fn ctrl_i_hides_and_shows_the_inspector_and_hidden_it_stays_hidden() {
    let mut harness = app_harness(None);
    add_node(&mut harness, Key::Num1, "Residents");
    add_node(&mut harness, Key::Num2, "Civil registry");
    let with_panel = canvas_rect(&harness);
    harness.get_by_label("Map node details");

    press(&mut harness, Modifiers::COMMAND, Key::I);
    assert!(harness.query_by_label("Map node details").is_none());
    harness.get_by_label("Show inspector");
    assert!(
        canvas_rect(&harness).width() > with_panel.width() + 250.0,
        "the canvas takes the room back: {:?}",
        canvas_rect(&harness)
    );

    // Another node, then nothing, then a node again: still hidden.
    harness.get_by_label("Residents").click();
    harness.run();
    let residents = item_by_text(&harness, "Residents").id;
    assert_eq!(harness.state().canvas().single_selection(), Some(residents));
    assert!(harness.query_by_label("Map node details").is_none());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.get_by_label("Civil registry").click();
    harness.run();
    assert!(harness.query_by_label("Map node details").is_none());

    // Ctrl+I shows it again, as do the button on its strip and the View menu; its own button
    // hides it.
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.get_by_label("Map node details");
    assert_eq!(canvas_rect(&harness), with_panel);
    harness.get_by_label("Hide inspector").click();
    harness.run();
    assert!(harness.query_by_label("Map node details").is_none());
    harness.get_by_label("Show inspector").click();
    harness.run();
    harness.get_by_label("Map node details");
    harness.get_by_label("View").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Inspector")
        .click();
    harness.run();
    assert!(harness.query_by_label("Map node details").is_none());
}

fn example_board(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("saved_boards")
        .join(name)
}

#[test]
fn page_down_shows_the_next_frame_without_opening_the_inspector() {
    let mut harness = app_harness(Some(example_board("kickoff.ron")));
    let whole = canvas_rect(&harness);
    let frames: Vec<(civic_canvas::model::ItemId, String)> = harness
        .state()
        .board()
        .frames()
        .iter()
        .map(|frame| (frame.id, frame.text().to_owned()))
        .collect();
    assert!(frames.len() >= 3);

    for (id, _) in frames.iter().take(2) {
        press(&mut harness, Modifiers::NONE, Key::PageDown);
        assert_eq!(harness.state().canvas().single_selection(), Some(*id));
        assert!(
            harness.query_by_label("Collapsed to its title").is_none()
                && harness.query_by_label("Inspector").is_none(),
            "Page Down opened the inspector over the presentation"
        );
        assert_eq!(canvas_rect(&harness), whole);
        let frame = harness.state().board().item(*id).unwrap().clone();
        let shown = harness
            .state()
            .canvas()
            .view
            .camera
            .screen_rect(whole, frame.pos, frame.size);
        assert!(whole.contains_rect(shown), "{shown:?} fits in {whole:?}");
    }

    // Picked by hand, the frame opens in the inspector.
    let (second, title) = &frames[1];
    harness.get_by_label(title).click();
    harness.run();
    assert_eq!(harness.state().canvas().single_selection(), Some(*second));
    harness.get_by_label("Collapsed to its title");

    // And Ctrl+I opens it for a frame shown by Page Down.
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    assert!(harness.query_by_label("Collapsed to its title").is_none());
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.get_by_label("Collapsed to its title");
}

#[test]
fn escape_in_an_inspector_field_keeps_what_was_typed_and_the_selection() {
    let mut harness = app_harness(None);
    add_node(&mut harness, Key::Num1, "Parents of newborns");
    harness
        .get_by_role_and_label(Role::TextInput, "Description")
        .focus();
    harness.run();
    type_text(&mut harness, "They register the birth");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let description =
        |harness: &Harness<'_, CivicCanvasApp>| match &item_by_text(harness, "Parents of newborns")
            .kind
        {
            ItemKind::MapNode(node) => node.description.clone(),
            other => panic!("not a node: {other:?}"),
        };
    assert_eq!(description(&harness), "They register the birth");
    harness.get_by_label("Map node details");

    // A second Escape clears the selection, as on the canvas.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Map node details").is_none());
    assert!(harness.query_by_label("Inspector").is_none());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        description(&harness),
        "",
        "the description was one undo step"
    );
}

fn the_persona(harness: &Harness<'_, CivicCanvasApp>) -> Persona {
    let personas = personas(harness);
    assert_eq!(personas.len(), 1, "one persona on the board");
    personas.into_iter().next().unwrap()
}

#[test]
fn an_entry_just_added_takes_the_keyboard_so_typing_never_runs_shortcuts() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Ana");
    click_in_inspector(&mut harness, "Add to needs");
    // "p" adds a persona card and "l" shows the map key when no text field has the keyboard.
    type_on_keyboard(&mut harness, "Apply");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(personas(&harness).len(), 1, "typing added a persona card");
    assert_eq!(the_persona(&harness).needs, [Entry::new("Apply")]);
    assert!(harness.query_by_label("Map key").is_none());

    // A custom field takes the keyboard too, with its placeholder name selected ("e" would
    // add an empathy map).
    click_in_inspector(&mut harness, "Custom fields");
    click_in_inspector(&mut harness, "Add custom field");
    type_on_keyboard(&mut harness, "Household");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let persona = the_persona(&harness);
    assert_eq!(persona.custom.len(), 1);
    assert_eq!(persona.custom[0].label, "Household");
    assert_eq!(harness.state().board().items().len(), 1, "only the card");
}

#[test]
fn every_field_of_the_persona_form_is_named_by_a_label_beside_it() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Ana");
    for section in [
        "Background, languages and access",
        "Pain points and behaviours",
        "Channels and digital skills",
        "Custom fields",
    ] {
        click_in_inspector(&mut harness, section);
    }
    for list in ["goals", "needs", "pain points", "behaviours"] {
        click_in_inspector(&mut harness, &format!("Add to {list}"));
    }
    click_in_inspector(&mut harness, "Add custom field");
    // Evidence has a source, for a field and for an entry.
    for marked in ["Role: based on", "Needs 1: based on"] {
        click_in_inspector(&mut harness, marked);
        harness
            .get_by_role_and_label(Role::Button, "Evidence")
            .click();
        harness.run();
    }

    let inspector = harness.get_by_label("Inspector");
    let fields: Vec<_> = inspector.get_all_by_role(Role::TextInput).collect();
    let mut names = BTreeSet::new();
    for field in &fields {
        let node = field.accesskit_node();
        let name = node.label().unwrap_or_default();
        assert!(!name.trim().is_empty(), "a field without a name: {field:?}");
        let beside: Vec<String> = node
            .labelled_by()
            .map(|label| label.label().or_else(|| label.value()).unwrap_or_default())
            .collect();
        assert!(
            !beside.is_empty() && beside.iter().all(|text| !text.trim().is_empty()),
            "no label on screen names {name:?}"
        );
        assert!(names.insert(name.clone()), "two fields are named {name:?}");
    }
    // The name, eight fields, an entry in each of four lists, two sources, a custom field's
    // name and value.
    assert_eq!(fields.len(), 17, "{names:?}");
    assert!(names.contains("Role: source") && names.contains("Needs 1: source"));
}

#[test]
fn a_section_stays_open_or_closed_as_left_whichever_persona_is_selected() {
    let mut harness = app_harness(None);
    add_persona(&mut harness, "Ana");
    assert!(
        harness.query_by_label("Add to pain points").is_none(),
        "pain points are folded away at first"
    );
    harness.get_by_label("Add to goals");
    click_in_inspector(&mut harness, "Pain points and behaviours");
    click_in_inspector(&mut harness, "Goals and needs");
    harness.get_by_label("Add to pain points");
    assert!(harness.query_by_label("Add to goals").is_none());

    // Another persona, after nothing was selected: the sections are as they were left.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Inspector").is_none());
    add_persona(&mut harness, "Dritan");
    assert_eq!(personas(&harness).len(), 2);
    harness.get_by_label("Add to pain points");
    assert!(harness.query_by_label("Add to goals").is_none());
    // A folded section says how much it holds.
    click_in_inspector(&mut harness, "Add to pain points");
    type_text(&mut harness, "Queues");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    click_in_inspector(&mut harness, "Pain points and behaviours (1)");
    harness.get_by_label("Pain points and behaviours (1)");
    assert!(harness.query_by_label("Add to pain points").is_none());
}

#[test]
fn the_persona_form_fits_a_full_hd_screen_with_its_sections_folded_as_at_first() {
    let mut harness = common::sized_harness_with_app(Vec2::new(1920.0, 1080.0), |ctx| {
        CivicCanvasApp::new(
            ctx,
            AppOptions {
                file: None,
                native_file_dialogs: false,
            },
        )
    });
    add_persona(&mut harness, "Ana Petrović");
    for (field, text) in [
        ("Role", "Nurse"),
        ("Age", "34"),
        ("Location", "Tirana"),
        ("Life event", "Her first child is born"),
        ("Quote", "I lose a day of work each time I queue"),
    ] {
        let input = harness.get_by_role_and_label(Role::TextInput, field);
        input.scroll_to_me();
        harness.run();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .focus();
        harness.run();
        type_text(&mut harness, text);
        // Escape finishes the field, keeping its text (Enter would break the quote's line).
        press(&mut harness, Modifiers::NONE, Key::Escape);
    }
    for (list, text) in [
        ("goals", "Register the birth in one visit"),
        ("needs", "Forms on the phone"),
        ("needs", "Opening hours after work"),
    ] {
        click_in_inspector(&mut harness, &format!("Add to {list}"));
        type_text(&mut harness, text);
        press(&mut harness, Modifiers::NONE, Key::Enter);
    }
    let persona = the_persona(&harness);
    assert_eq!(persona.needs.len(), 2);
    assert_eq!(persona.quote.text, "I lose a day of work each time I queue");

    let panel = inspector_rect(&harness);
    let top = harness.get_by_label("Persona details").rect().top();
    let last = harness
        .get_by_role_and_label(Role::Button, "Empathy map")
        .rect();
    eprintln!(
        "persona form: {:.0} points tall, panel {:.0}",
        last.bottom() - top,
        panel.height()
    );
    assert!(
        last.bottom() <= panel.bottom(),
        "the form runs {:.0} points past the bottom of the inspector",
        last.bottom() - panel.bottom()
    );
}
