//! UI tests for the Edit menu (cut, copy, paste, select all, find, colours) and for recolouring
//! the selection from the palette, the right-click menu and `Alt` with a digit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{PaletteColor, Rect};
use egui::{Event, Key, Modifiers, OutputCommand, ViewportCommand, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;
use common::{add_note, app_harness, item_by_text, press, selected_texts, type_text};

/// Lets the app settle while playing the system's part in copy and paste, as eframe does: keeps
/// the text the app copies, and answers the app's request to paste with a paste of that text.
fn run_with_clipboard(harness: &mut Harness<'_, CivicCanvasApp>, clipboard: &mut String) {
    for _ in 0..10 {
        harness.step();
        let output = harness.output();
        for command in &output.platform_output.commands {
            if let OutputCommand::CopyText(text) = command {
                clipboard.clone_from(text);
            }
        }
        let paste_asked = output
            .viewport_output
            .get(&ViewportId::ROOT)
            .is_some_and(|viewport| viewport.commands.contains(&ViewportCommand::RequestPaste));
        if paste_asked {
            harness.event(Event::Paste(clipboard.clone()));
        }
    }
    harness.run();
}

/// Opens the Edit menu and clicks `entry` in it.
fn edit_menu(harness: &mut Harness<'_, CivicCanvasApp>, entry: &str, clipboard: &mut String) {
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label(entry).click();
    run_with_clipboard(harness, clipboard);
}

/// Whether the Edit menu shows `entry` greyed out (the menu is closed again after).
fn greyed_out_in_edit_menu(harness: &mut Harness<'_, CivicCanvasApp>, entry: &str) -> bool {
    harness.get_by_label("Edit").click();
    harness.run();
    let greyed = harness.get_by_label(entry).accesskit_node().is_disabled();
    press(harness, Modifiers::NONE, Key::Escape);
    greyed
}

/// Of the widgets named `label`, the one lowest on screen (a menu's, below the toolbar's).
fn lowest<'a>(harness: &'a Harness<'_, CivicCanvasApp>, label: &'a str) -> egui_kittest::Node<'a> {
    harness
        .get_all_by_label(label)
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
}

fn colors(harness: &Harness<'_, CivicCanvasApp>) -> Vec<(String, PaletteColor)> {
    let mut colors: Vec<_> = harness
        .state()
        .board()
        .items()
        .map(|item| (item.text().to_owned(), item.color))
        .collect();
    colors.sort();
    colors
}

#[test]
fn edit_menu_selects_all_copies_pastes_cuts_and_finds_like_the_keys() {
    let mut harness = app_harness(None);
    let mut clipboard = String::new();
    add_note(&mut harness, "Permits online");
    add_note(&mut harness, "Fewer forms");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(selected_texts(&harness).is_empty());
    assert!(
        greyed_out_in_edit_menu(&mut harness, "Copy"),
        "nothing to copy"
    );
    assert!(greyed_out_in_edit_menu(&mut harness, "Cut"));
    assert!(!greyed_out_in_edit_menu(&mut harness, "Select all"));

    edit_menu(&mut harness, "Select all", &mut clipboard);
    assert_eq!(selected_texts(&harness), ["Fewer forms", "Permits online"]);
    assert!(!greyed_out_in_edit_menu(&mut harness, "Copy"));

    edit_menu(&mut harness, "Copy", &mut clipboard);
    assert!(
        clipboard.contains("Permits online") && clipboard.contains("Fewer forms"),
        "the menu copies as Ctrl+C does: {clipboard:?}"
    );
    let originals: Vec<_> = harness.state().board().items().map(|i| i.id).collect();

    edit_menu(&mut harness, "Paste", &mut clipboard);
    let board = harness.state().board();
    assert_eq!(board.items().len(), 4, "a copy of both notes was pasted");
    assert_eq!(
        board
            .items()
            .filter(|item| item.text() == "Fewer forms")
            .count(),
        2
    );
    assert!(
        harness
            .state()
            .canvas()
            .selection
            .items
            .iter()
            .all(|id| !originals.contains(id)),
        "the copies are selected, with ids of their own"
    );
    // The copies go mid-view, not where the menu was clicked.
    let app = harness.state();
    let pasted = Rect::around(
        app.canvas()
            .selection
            .items
            .iter()
            .map(|&id| app.board().item(id).unwrap().rect()),
    )
    .unwrap()
    .center();
    let view = app.canvas().view.camera.center_in_board;
    assert!(
        (pasted.x - view.x).abs() < 1.0 && (pasted.y - view.y).abs() < 1.0,
        "pasted around {pasted:?}, the middle of the view is {view:?}"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().board().items().len(), 2, "one undo step");

    // Cut takes the selection away and puts it on the clipboard.
    harness.get_by_label("Fewer forms").click();
    harness.run();
    clipboard.clear();
    edit_menu(&mut harness, "Cut", &mut clipboard);
    assert!(clipboard.contains("Fewer forms"), "{clipboard:?}");
    let texts: Vec<_> = colors(&harness).into_iter().map(|(text, _)| text).collect();
    assert_eq!(texts, ["Permits online"]);

    // Find… opens the find bar, which takes the typing.
    edit_menu(&mut harness, "Find…", &mut clipboard);
    type_text(&mut harness, "permits");
    harness.get_by_label("1 of 1");
    assert_eq!(selected_texts(&harness), ["Permits online"]);
}

#[test]
fn edit_menu_greys_out_select_all_on_an_empty_board() {
    let mut harness = app_harness(None);
    assert!(greyed_out_in_edit_menu(&mut harness, "Select all"));
    assert!(!greyed_out_in_edit_menu(&mut harness, "Paste"));
    assert!(!greyed_out_in_edit_menu(&mut harness, "Find…"));
}

#[test]
fn recolouring_from_the_right_click_menu_leaves_the_colour_of_new_notes_alone() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Recoloured");
    harness.get_by_label("Recoloured").click_secondary();
    harness.run();
    // The toolbar's swatch and the menu's have the same name: the menu's is lower down.
    lowest(&harness, "Blue").click();
    harness.run();
    assert_eq!(
        item_by_text(&harness, "Recoloured").color,
        PaletteColor::Blue
    );

    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_note(&mut harness, "Next");
    assert_eq!(
        item_by_text(&harness, "Next").color,
        PaletteColor::Yellow,
        "a new note keeps the colour of new notes"
    );
}

#[test]
fn the_toolbar_palette_sets_the_colour_of_new_notes_only_while_nothing_is_selected() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Kept");
    press(&mut harness, Modifiers::NONE, Key::Escape);

    // Nothing selected: the palette picks the colour of new notes and recolours nothing.
    harness.get_by_label("Green").click();
    harness.run();
    assert_eq!(item_by_text(&harness, "Kept").color, PaletteColor::Yellow);
    add_note(&mut harness, "Green one");
    assert_eq!(
        item_by_text(&harness, "Green one").color,
        PaletteColor::Green
    );

    // With a selection: the palette recolours it, and new notes stay green.
    assert_eq!(selected_texts(&harness), ["Green one"]);
    harness.get_by_label("Red").click();
    harness.run();
    assert_eq!(item_by_text(&harness, "Green one").color, PaletteColor::Red);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_note(&mut harness, "Still green");
    assert_eq!(
        item_by_text(&harness, "Still green").color,
        PaletteColor::Green
    );
}

#[test]
fn alt_and_a_digit_recolour_the_selection_in_palette_order_as_one_step() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "First");
    add_note(&mut harness, "Second");
    add_note(&mut harness, "Left out");
    harness.get_by_label("First").click();
    harness.run();
    harness
        .get_by_label("Second")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    assert_eq!(selected_texts(&harness), ["First", "Second"]);

    // Alt+6: the sixth swatch of the palette.
    press(&mut harness, Modifiers::ALT, Key::Num6);
    assert_eq!(
        colors(&harness),
        [
            ("First".to_owned(), PaletteColor::Blue),
            ("Left out".to_owned(), PaletteColor::Yellow),
            ("Second".to_owned(), PaletteColor::Blue),
        ]
    );
    // Alt+0: the tenth.
    press(&mut harness, Modifiers::ALT, Key::Num0);
    assert_eq!(item_by_text(&harness, "First").color, PaletteColor::White);
    assert_eq!(item_by_text(&harness, "Second").color, PaletteColor::White);

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        item_by_text(&harness, "First").color,
        PaletteColor::Blue,
        "one undo step takes both back"
    );
    assert_eq!(item_by_text(&harness, "Second").color, PaletteColor::Blue);

    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_note(&mut harness, "New");
    assert_eq!(item_by_text(&harness, "New").color, PaletteColor::Yellow);

    // With nothing selected, Alt and a digit says what to do instead of changing anything.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let before = colors(&harness);
    press(&mut harness, Modifiers::ALT, Key::Num3);
    assert_eq!(colors(&harness), before);
    harness.get_by_label(
        "Select items to colour them (the toolbar palette sets the colour of new notes)",
    );
}

#[test]
fn the_edit_menu_colours_the_selection_and_names_the_keys() {
    let mut harness = app_harness(None);
    let mut clipboard = String::new();
    add_note(&mut harness, "Painted");
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Colour").hover();
    harness.run();
    lowest(&harness, "Purple").click();
    run_with_clipboard(&mut harness, &mut clipboard);
    assert_eq!(
        item_by_text(&harness, "Painted").color,
        PaletteColor::Purple
    );

    // The shortcut sheet lists the colours with their keys.
    press(&mut harness, Modifiers::NONE, Key::F1);
    harness.get_by_label("Colour the selection purple");
}

#[test]
fn paste_in_the_canvas_menu_pastes_where_it_was_opened() {
    let mut harness = app_harness(None);
    // A right-click away from the middle of the view (where Edit → Paste puts things) and
    // from the menu (where the pointer is when Paste is chosen).
    let canvas = harness.get_by_label("Board canvas").rect();
    let spot = canvas.left_top() + egui::vec2(200.0, 150.0);
    harness.event(Event::PointerMoved(spot));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: spot,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
    let opened_at = harness
        .state()
        .canvas()
        .view
        .camera
        .board_from_screen(canvas, spot);
    let mut clipboard = "Idea from the clipboard".to_owned();
    harness.get_by_label("Paste").click();
    run_with_clipboard(&mut harness, &mut clipboard);

    let note = item_by_text(&harness, "Idea from the clipboard");
    let centre = note.rect().center();
    let away = (centre.x - opened_at.x).hypot(centre.y - opened_at.y);
    assert!(away < 1.0, "pasted {away} units from where the menu opened");
    assert_eq!(harness.state().board().items().len(), 1);
}
