//! Dot voting in the real app, from the keyboard: `+` and `-` on the selected notes, the
//! votes panel's ranking, hiding and revealing the counts, and *Sort by votes* as one undo
//! step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use civic_canvas::app::CivicCanvasApp;
use civic_canvas::model::{Item, ItemId, ItemKind, Note};
use common::{app_harness, press};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The facilitator's votes on note `id`.
fn votes(app: &Harness<'static, CivicCanvasApp>, id: ItemId) -> u32 {
    match &app.state().board().item(id).unwrap().kind {
        ItemKind::Note(note) => note.votes.get(Note::FACILITATOR).copied().unwrap_or(0),
        other => panic!("{other:?}"),
    }
}

fn note_with_text(app: &Harness<'static, CivicCanvasApp>, start: &str) -> ItemId {
    app.state()
        .board()
        .items()
        .find(|item: &&Item| item.text().starts_with(start))
        .unwrap()
        .id
}

fn select(app: &mut Harness<'static, CivicCanvasApp>, ids: &[ItemId]) {
    app.state_mut().canvas_mut().selection.items = ids.iter().copied().collect::<BTreeSet<_>>();
    app.run();
}

#[test]
fn votes_from_the_keyboard_rank_the_notes_and_hide_until_revealed() {
    let mut app = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    let sms = note_with_text(&app, "Notificare prin SMS");
    let card = note_with_text(&app, "Plaćanje komunalnih");
    select(&mut app, &[sms, card]);
    press(&mut app, Modifiers::NONE, Key::Plus);
    select(&mut app, &[card]);
    press(&mut app, Modifiers::NONE, Key::Plus);
    press(&mut app, Modifiers::NONE, Key::Plus);
    press(&mut app, Modifiers::NONE, Key::Minus);
    assert_eq!((votes(&app, sms), votes(&app, card)), (1, 2));

    // The panel ranks the stage's notes, most votes first.
    press(&mut app, Modifiers::SHIFT, Key::V);
    let first = app
        .get_by_label_contains("2   Plaćanje komunalnih")
        .rect()
        .top();
    let second = app
        .get_by_label_contains("1   Notificare prin SMS")
        .rect()
        .top();
    assert!(first < second, "2 votes rank above 1");
    assert!(
        app.query_by_label("3 votes on 5 notes").is_some(),
        "the stage has five notes"
    );
    press(&mut app, Modifiers::SHIFT, Key::F);
    assert!(
        app.query_by_label_contains("Solutions and opportunities  ·  20 min  (5)  ·  3 votes")
            .is_some(),
        "the agenda shows the stage's total"
    );

    // Hidden: no counts on the board or in the panel; revealed: back.
    press(&mut app, Modifiers::SHIFT, Key::R);
    assert!(
        app.query_by_label("The counts are hidden until you reveal them.")
            .is_some()
    );
    assert!(app.query_by_label("3 votes on 5 notes").is_none());
    assert!(
        app.query_by_label_contains("·  3 votes").is_none(),
        "no stage total while hidden"
    );
    press(&mut app, Modifiers::NONE, Key::Plus);
    assert_eq!(votes(&app, card), 3, "voting goes on while hidden");
    press(&mut app, Modifiers::SHIFT, Key::R);
    assert!(app.query_by_label("4 votes on 5 notes").is_some());
}

#[test]
fn sort_by_votes_lays_the_stage_out_in_rank_order_as_one_step() {
    let mut app = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    let last = note_with_text(&app, "Јавни буџет");
    let before = app.state().board().item(last).unwrap().pos;
    select(&mut app, &[last]);
    press(&mut app, Modifiers::NONE, Key::Plus);
    let frame = app.state().board().item(last).unwrap().parent.unwrap();
    select(&mut app, &[frame]);
    press(&mut app, Modifiers::SHIFT, Key::V);
    app.get_by_label("Sort by votes").click();
    app.run();
    let stage = app.state().board().item(frame).unwrap().clone();
    let first_place = app
        .state()
        .board()
        .items()
        .filter(|item| item.parent == Some(frame))
        .map(|item| (item.pos.y, item.pos.x))
        .fold((f32::MAX, f32::MAX), |a, b| if b < a { b } else { a });
    let moved = app.state().board().item(last).unwrap().pos;
    assert_eq!(
        (moved.y, moved.x),
        first_place,
        "the voted note comes first in {:?}",
        stage.text()
    );
    assert_ne!(moved, before);
    press(&mut app, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        app.state().board().item(last).unwrap().pos,
        before,
        "one undo takes the whole sort back"
    );
    assert_eq!(votes(&app, last), 1, "the vote stays");
}
