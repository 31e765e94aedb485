//! UI tests for working fast on many notes: marquee selection, multi-move undo, clipboard between
//! two app windows, pasting text, keyboard-only creating and connecting, arrow keys, Tab.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::Item;
use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;

mod common;
use common::{add_note, app_harness, copied_text, drag, item_by_text, press, selected_texts};
use egui_kittest::kittest::Queryable as _;

#[test]
fn marquee_selects_what_it_touches_and_moving_many_is_one_undo_step() {
    let mut harness = app_harness(None);
    for text in ["A", "B", "C"] {
        add_note(&mut harness, text);
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(selected_texts(&harness).is_empty());

    // A rectangle from above-left of A to the middle of B touches A and B, not C.
    let a = harness.get_by_label("A").rect();
    let b = harness.get_by_label("B").rect();
    drag(&mut harness, a.left_top() - Vec2::splat(30.0), b.center());
    assert_eq!(selected_texts(&harness), ["A", "B"]);

    let before_a = item_by_text(&harness, "A").pos;
    let before_c = item_by_text(&harness, "C").pos;
    let grab = harness.get_by_label("B").rect().center();
    drag(&mut harness, grab, grab + Vec2::new(0.0, 200.0));
    let zoom = harness.state().canvas().view.camera.zoom;
    assert!((item_by_text(&harness, "A").pos.y - (before_a.y + 200.0 / zoom)).abs() < 0.02);
    assert_eq!(
        item_by_text(&harness, "C").pos,
        before_c,
        "C was not selected"
    );

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        item_by_text(&harness, "A").pos,
        before_a,
        "one undo step moves both back"
    );
    assert_eq!(item_by_text(&harness, "C").pos, before_c);
}

#[test]
fn copy_in_one_window_and_paste_in_another_with_fresh_ids_and_connectors() {
    let mut first = app_harness(None);
    add_note(&mut first, "Idea");
    // Ctrl+Enter: a connected note to the right, typed at once.
    press(&mut first, Modifiers::COMMAND, Key::Enter);
    first.event(Event::Text("Follow-up".into()));
    first.run();
    press(&mut first, Modifiers::NONE, Key::Escape);
    assert_eq!(first.state().board().connectors().len(), 1);

    press(&mut first, Modifiers::COMMAND, Key::A);
    first.event(Event::Copy);
    first.step();
    let clipboard = copied_text(&first);
    first.run();

    let mut second = app_harness(None);
    add_note(&mut second, "Already here");
    second.hover_at(second.get_by_label("Board canvas").rect().center());
    second.event(Event::Paste(clipboard.clone()));
    second.run();
    let board = second.state().board();
    assert_eq!(board.items().len(), 3);
    assert_eq!(
        board.connectors().len(),
        1,
        "the connector between copied notes came along"
    );
    let originals: Vec<_> = first.state().board().items().map(|item| item.id).collect();
    assert!(
        board.items().all(|item| !originals.contains(&item.id)),
        "fresh ids"
    );
    let link = board.connectors().next().unwrap();
    assert_eq!(board.item(link.from).unwrap().text(), "Idea");
    assert_eq!(board.item(link.to).unwrap().text(), "Follow-up");
    assert_eq!(
        selected_texts(&second),
        ["Follow-up", "Idea"],
        "the pasted notes are selected"
    );

    // Pasting again, into the first window, gives a second independent copy.
    first.event(Event::Paste(clipboard));
    first.run();
    assert_eq!(first.state().board().items().len(), 4);
    assert_eq!(first.state().board().connectors().len(), 2);
    press(&mut first, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        first.state().board().items().len(),
        2,
        "a paste is one undo step"
    );
}

#[test]
fn pasting_text_makes_one_note_per_line_in_a_grid() {
    let mut harness = app_harness(None);
    harness.hover_at(harness.get_by_label("Board canvas").rect().center());
    harness.event(Event::Paste(
        "Shorter queues\n\n  Online forms  \nГрађански сервис\n- bullet stays\n".into(),
    ));
    harness.run();
    let board = harness.state().board();
    let mut texts: Vec<&str> = board.items().map(Item::text).collect();
    texts.sort_unstable();
    assert_eq!(
        texts,
        [
            "- bullet stays",
            "Online forms",
            "Shorter queues",
            "Грађански сервис"
        ]
    );
    let items: Vec<&Item> = board.items().collect();
    for (i, a) in items.iter().enumerate() {
        for b in items.iter().skip(i + 1) {
            let apart = a.pos.x + a.size.width <= b.pos.x
                || b.pos.x + b.size.width <= a.pos.x
                || a.pos.y + a.size.height <= b.pos.y
                || b.pos.y + b.size.height <= a.pos.y;
            assert!(apart, "{:?} and {:?} overlap", a.text(), b.text());
        }
    }
}

#[test]
fn a_damaged_board_on_the_clipboard_is_reported_and_nothing_is_pasted() {
    let mut harness = app_harness(None);
    harness.event(Event::Paste(
        "(\n    format: 1,\n    title: \"cut off".into(),
    ));
    harness.run();
    harness.get_by_label("Could not paste");
    assert_eq!(harness.state().board().items().len(), 0);
}

#[test]
fn cut_removes_and_duplicate_copies_next_to_the_original() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Original");
    press(&mut harness, Modifiers::COMMAND, Key::D);
    let board = harness.state().board();
    assert_eq!(board.items().len(), 2);
    let copies: Vec<&Item> = board
        .items()
        .filter(|item| item.text() == "Original")
        .collect();
    assert_eq!(copies.len(), 2);
    assert_ne!(copies[0].pos, copies[1].pos);

    harness.event(Event::Cut);
    harness.step();
    assert!(copied_text(&harness).contains("Original"));
    harness.run();
    let left = harness.state().board().items().len();
    assert_eq!(left, 1, "the duplicate was cut");
}

#[test]
fn keyboard_only_creation_and_connection() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Need");
    for text in ["Idea 1", "Idea 2"] {
        press(&mut harness, Modifiers::COMMAND, Key::Enter);
        harness.event(Event::Text(text.into()));
        harness.run();
        press(&mut harness, Modifiers::NONE, Key::Escape);
    }
    let board = harness.state().board();
    let chain: Vec<(String, String)> = board
        .connectors()
        .map(|c| {
            (
                board.item(c.from).unwrap().text().to_owned(),
                board.item(c.to).unwrap().text().to_owned(),
            )
        })
        .collect();
    assert_eq!(chain.len(), 2);
    assert!(chain.contains(&("Need".into(), "Idea 1".into())));
    assert!(chain.contains(&("Idea 1".into(), "Idea 2".into())));
    let (need, idea) = (
        item_by_text(&harness, "Need"),
        item_by_text(&harness, "Idea 1"),
    );
    assert!(
        idea.pos.x > need.pos.x + need.size.width,
        "the new note goes to the right"
    );
}

#[test]
fn arrow_keys_move_the_selection_and_a_quick_run_is_one_undo_step() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Move me");
    let start = item_by_text(&harness, "Move me").pos;
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowDown);
    let moved = item_by_text(&harness, "Move me").pos;
    assert_eq!((moved.x - start.x, moved.y - start.y), (20.0, 100.0));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(item_by_text(&harness, "Move me").pos, start);
    assert_eq!(
        harness.state().board().items().len(),
        1,
        "undo stopped at the moves"
    );
}

#[test]
fn tab_walks_through_notes_in_reading_order() {
    let mut harness = app_harness(None);
    for text in ["First", "Second", "Third"] {
        add_note(&mut harness, text);
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(selected_texts(&harness), ["First"]);
    press(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(selected_texts(&harness), ["Second"]);
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(selected_texts(&harness), ["First"]);
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(selected_texts(&harness), ["Third"], "wraps around");
    // Enter edits the note Tab reached.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.event(Event::Text("!".into()));
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    item_by_text(&harness, "Third!");
}

#[test]
fn select_all_then_bring_to_front_keeps_their_order() {
    let mut harness = app_harness(None);
    for text in ["Low", "High"] {
        add_note(&mut harness, text);
    }
    add_note(&mut harness, "Other");
    // Select Low and High only, send them to the back, then to the front.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.get_by_label("Low").click();
    harness.run();
    harness
        .get_by_label("High")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::OpenBracket);
    let order = |h: &Harness<'_, CivicCanvasApp>| -> Vec<String> {
        h.state()
            .board()
            .items_bottom_to_top()
            .map(|i| i.text().to_owned())
            .collect()
    };
    assert_eq!(order(&harness), ["Low", "High", "Other"]);
    press(&mut harness, Modifiers::COMMAND, Key::CloseBracket);
    assert_eq!(order(&harness), ["Other", "Low", "High"]);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    assert_eq!(selected_texts(&harness).len(), 3);
}

#[test]
fn zoom_to_selection_fills_the_view_with_the_selected_note() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Focus");
    press(&mut harness, Modifiers::SHIFT, Key::Num2);
    let note = harness.get_by_label("Focus").rect();
    let canvas = harness.get_by_label("Board canvas").rect();
    assert!(canvas.contains_rect(note));
    assert!(
        note.width() > canvas.width() * 0.25,
        "zoomed in on the note: {note:?}"
    );
}

#[test]
fn shift_and_a_digit_zoom_as_layouts_other_than_the_apps_own_send_them() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Focus");
    // Serbian, Ukrainian, German: Shift+2 arrives as '"' with the key of 2.
    let shifted = |key: Key, physical: Key| Event::Key {
        key,
        physical_key: Some(physical),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::SHIFT,
    };
    harness.event(shifted(Key::Quote, Key::Num2));
    harness.run();
    let note = harness.get_by_label("Focus").rect();
    let canvas = harness.get_by_label("Board canvas").rect();
    assert!(note.width() > canvas.width() * 0.25, "zoomed in: {note:?}");
    // US: Shift+1 arrives as "!" with the key of 1, and fits the whole board.
    harness.state_mut().canvas_mut().view.camera.center_in_board =
        civic_canvas::model::Point::new(-5000.0, 4000.0);
    harness.event(shifted(Key::Exclamationmark, Key::Num1));
    harness.run();
    let note = harness.get_by_label("Focus").rect();
    assert!(canvas.contains_rect(note), "the board is in view: {note:?}");
}

#[test]
fn find_moves_the_view_to_each_hit_in_turn() {
    let mut harness = app_harness(None);
    for text in ["Građani čekaju", "Other idea", "GRAĐANI online", "Грађани"] {
        add_note(&mut harness, text);
    }
    // Scroll far away so the jump is visible.
    harness.state_mut().canvas_mut().view.camera.center_in_board =
        civic_canvas::model::Point::new(-5000.0, 4000.0);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    harness.event(Event::Text("građani".into()));
    harness.run();
    harness.get_by_label("1 of 2");
    let first = selected_texts(&harness);
    assert_eq!(first.len(), 1);
    assert!(first[0].to_lowercase().contains("građani"));
    let camera = harness.state().canvas().view.camera;
    let hit = item_by_text(&harness, &first[0]);
    assert_eq!(
        camera.center_in_board,
        hit.center(),
        "the view is centred on the hit"
    );

    press(&mut harness, Modifiers::NONE, Key::F3);
    harness.get_by_label("2 of 2");
    let second = selected_texts(&harness);
    assert_ne!(second, first);
    assert!(second[0].to_lowercase().contains("građani"));
    press(&mut harness, Modifiers::NONE, Key::F3);
    assert_eq!(selected_texts(&harness), first, "wraps around");
    harness.get_by_label("Close").click();
    harness.run();
    assert!(harness.query_by_label("Find").is_none());
}

#[test]
fn align_and_distribute_the_selection_in_one_step_each() {
    let mut harness = app_harness(None);
    for text in ["One", "Two", "Three"] {
        add_note(&mut harness, text);
    }
    // Move "Two" down a little so the tops differ.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.get_by_label("Two").click();
    harness.run();
    press(&mut harness, Modifiers::SHIFT, Key::ArrowDown);
    let before: Vec<f32> = ["One", "Two", "Three"]
        .map(|t| item_by_text(&harness, t).pos.y)
        .to_vec();
    assert_ne!(before[0], before[1]);

    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::ALT, Key::W);
    let tops: Vec<f32> = ["One", "Two", "Three"]
        .map(|t| item_by_text(&harness, t).pos.y)
        .to_vec();
    assert_eq!(tops, [before[0]; 3], "all tops in line with the highest");
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Align")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let undone: Vec<f32> = ["One", "Two", "Three"]
        .map(|t| item_by_text(&harness, t).pos.y)
        .to_vec();
    assert_eq!(undone, before);

    // The same through the right-click menu's Arrange submenu.
    harness.get_by_label("Three").click_secondary();
    harness.run();
    // The menu bar has an Arrange menu too; the submenu is the one below the note.
    let note_top = harness.get_by_label("Three").rect().top();
    harness
        .get_all_by_label("Arrange")
        .find(|node| node.rect().top() > note_top)
        .expect("the right-click menu has an Arrange submenu")
        .hover();
    harness.run();
    harness.get_by_label("Align top").click();
    harness.run();
    let tops: Vec<f32> = ["One", "Two", "Three"]
        .map(|t| item_by_text(&harness, t).pos.y)
        .to_vec();
    assert_eq!(tops, [before[0]; 3]);
}

#[test]
fn minimap_shows_and_hides_and_clicking_it_moves_the_view() {
    let mut harness = app_harness(None);
    for text in ["Left", "Right"] {
        add_note(&mut harness, text);
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness.query_by_label("Minimap").is_none(),
        "hidden until asked for"
    );
    press(&mut harness, Modifiers::NONE, Key::M);
    let map = harness.get_by_label("Minimap").rect();
    let before = harness.state().canvas().view.camera.center_in_board;
    // Clicking the map's left edge moves the view to the left part of the board.
    let spot = map.left_center() + Vec2::new(10.0, 0.0);
    harness.hover_at(spot);
    harness.run();
    harness.drag_at(spot);
    harness.run();
    harness.drop_at(spot);
    harness.run();
    let after = harness.state().canvas().view.camera.center_in_board;
    assert!(
        after.x < before.x - 100.0,
        "moved left: {before:?} → {after:?}"
    );
    press(&mut harness, Modifiers::NONE, Key::M);
    assert!(harness.query_by_label("Minimap").is_none());
}

#[test]
fn with_snap_on_a_dragged_note_lands_on_the_grid() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Snap me");
    press(&mut harness, Modifiers::NONE, Key::G);
    assert!(harness.state().canvas().settings.snap_to_grid);
    let grab = harness.get_by_label("Snap me").rect().center();
    drag(&mut harness, grab, grab + Vec2::new(33.0, 47.0));
    let step = civic_canvas::ui::canvas::SNAP_STEP;
    let pos = item_by_text(&harness, "Snap me").pos;
    assert_eq!(
        (pos.x % step, pos.y % step),
        (0.0, 0.0),
        "{pos:?} is on the grid"
    );

    press(&mut harness, Modifiers::NONE, Key::G);
    assert!(!harness.state().canvas().settings.snap_to_grid);
    let grab = harness.get_by_label("Snap me").rect().center();
    drag(&mut harness, grab, grab + Vec2::new(7.0, 0.0));
    let zoom = harness.state().canvas().view.camera.zoom;
    let moved = item_by_text(&harness, "Snap me").pos;
    assert!(
        (moved.x - (pos.x + 7.0 / zoom)).abs() < 0.02,
        "free move without snapping"
    );
}

#[test]
fn fit_text_to_note_is_a_per_note_option_with_one_undo_step() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Short");
    add_note(&mut harness, "Also short");
    let fit = |harness: &Harness<'_, CivicCanvasApp>, text: &str| {
        matches!(&item_by_text(harness, text).kind,
            civic_canvas::model::ItemKind::Note(note) if note.fit_text)
    };
    // New notes fit their text to the note, to read well in a shared screen.
    assert!(fit(&harness, "Short") && fit(&harness, "Also short"));
    harness.get_by_label("Short").click_secondary();
    harness.run();
    harness.get_by_label("Fit text to note").click();
    harness.run();
    assert!(!fit(&harness, "Short"));
    assert!(
        fit(&harness, "Also short"),
        "only the note that was right-clicked"
    );
    assert_eq!(
        harness.state().document().history().undo_label(),
        Some("Fit text to note")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(fit(&harness, "Short"));
}

#[test]
fn a_dragged_note_lines_up_with_a_nearby_edge_unless_smart_guides_are_off() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Anchor");
    add_note(&mut harness, "Dragged");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let anchor = item_by_text(&harness, "Anchor");
    let start = item_by_text(&harness, "Dragged");
    let zoom = harness.state().canvas().view.camera.zoom;
    // Drop it below the anchor with its left edge 5 points right of the anchor's.
    let screen_shift = Vec2::new((anchor.pos.x - start.pos.x) * zoom + 5.0, 260.0);
    let grab = harness.get_by_label("Dragged").rect().center();
    drag(&mut harness, grab, grab + screen_shift);
    assert_eq!(
        item_by_text(&harness, "Dragged").pos.x,
        anchor.pos.x,
        "the left edges line up"
    );

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(item_by_text(&harness, "Dragged").pos, start.pos);
    press(&mut harness, Modifiers::SHIFT, Key::G);
    assert!(!harness.state().canvas().settings.smart_guides);
    let grab = harness.get_by_label("Dragged").rect().center();
    drag(&mut harness, grab, grab + screen_shift);
    let x = item_by_text(&harness, "Dragged").pos.x;
    assert!(
        (x - (anchor.pos.x + 5.0 / zoom)).abs() < 0.6,
        "without guides it stays where it was dropped: {x}"
    );
}

#[test]
fn the_menu_bar_works_from_the_keyboard_alone() {
    let mut harness = app_harness(None);
    add_note(&mut harness, "Stays put");
    let before = item_by_text(&harness, "Stays put").pos;

    // F10 opens File; Left wraps round to Help; Down reaches its entry; Enter chooses it.
    press(&mut harness, Modifiers::NONE, Key::F10);
    harness.get_by_label("New board");
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert!(harness.query_by_label("New board").is_none(), "File closed");
    harness.get_by_label("Keyboard shortcuts");
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    // The sheet lists what every shortcut does.
    harness.get_by_label(civic_canvas::ui::shortcuts::Action::OpenMenuBar.description());
    assert_eq!(
        item_by_text(&harness, "Stays put").pos,
        before,
        "the arrow keys moved through the menus, not the selected note"
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);

    // Right from File opens Edit; Escape closes it and the canvas has the keys again.
    press(&mut harness, Modifiers::NONE, Key::F10);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    harness.get_by_label("Connect");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Connect").is_none());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(
        harness.state().board().items().len(),
        2,
        "N adds a note again"
    );
}
