//! A live session in the real app, driven as a person would: the facilitator starts one from
//! the File menu on a relay of the test's own, a colleague joins from the link in another window
//! of the app, a note the colleague adds appears on the facilitator's board without entering
//! the facilitator's undo history, and the colleague's Undo takes it back again. Each window
//! lists the other in its People panel; Bring everyone to me moves the colleague's view to the
//! facilitator's, until the colleague moves it by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/relay.rs"]
mod relay;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use civic_canvas::app::CivicCanvasApp;
use common::{app_harness, press, type_text};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use relay::Relay;

type App<'a> = Harness<'a, CivicCanvasApp>;

/// Paints both windows until `done` holds; fails after 20 s.
fn wait(a: &mut App<'_>, b: &mut App<'_>, what: &str, done: impl Fn(&App<'_>, &App<'_>) -> bool) {
    let start = Instant::now();
    while !done(a, b) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        a.step();
        b.step();
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Opens a File menu entry and answers its dialog with `text`, confirmed by `button`.
fn file_dialog(app: &mut App<'_>, entry: &str, text: &str, button: &str) {
    app.get_by_label("File").click();
    app.run();
    app.get_by_label(entry).click();
    app.run();
    press(app, Modifiers::COMMAND, Key::A);
    type_text(app, text);
    app.get_by_label(button).click();
    app.run();
}

/// File → Start live session… on `relay`: the dialog that follows shows the join link, and OK
/// closes it. Returns the link.
fn start_session(app: &mut App<'_>, relay: &Relay) -> String {
    file_dialog(
        app,
        "Start live session…",
        &format!("ws://127.0.0.1:{}", relay.port),
        "Start",
    );
    let link = app
        .state()
        .live_link()
        .expect("the session started")
        .to_owned();
    assert!(
        app.query_by_label_contains(&link).is_some(),
        "the link is shown"
    );
    app.get_by_label("OK").click();
    app.run();
    link
}

/// Adds a note from the toolbar with `text` typed into it.
fn post_note(app: &mut App<'_>, text: &str) {
    app.get_by_label("Sticky note").click();
    app.run();
    type_text(app, text);
    press(app, Modifiers::NONE, Key::Escape);
}

/// File → Leave live session.
fn leave(app: &mut App<'_>) {
    app.get_by_label("File").click();
    app.run();
    app.get_by_label("Leave live session").click();
    app.run();
}

/// The facilitator's window with the example board shared on `relay`, and a colleague's window
/// that joined from the link.
fn host_and_guest(relay: &Relay) -> (App<'static>, App<'static>) {
    let mut host = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    let link = start_session(&mut host, relay);
    let mut guest = app_harness(None);
    file_dialog(&mut guest, "Join live session…", &link, "Join");
    (host, guest)
}

#[test]
fn a_colleague_joins_from_the_link_and_their_note_appears() {
    let relay = Relay::start(0);
    let (mut host, mut guest) = host_and_guest(&relay);
    let items = host.state().board().items().len();
    wait(
        &mut host,
        &mut guest,
        "the colleague has the board",
        |_, g| g.state().board().items().len() == items,
    );
    assert_eq!(guest.state().board().title(), host.state().board().title());
    assert!(host.query_by_label("Live").is_some(), "the badge says live");

    post_note(&mut guest, "Queue numbers by SMS");
    wait(
        &mut host,
        &mut guest,
        "the colleague's note is on the board",
        |h, _| {
            h.state()
                .board()
                .items()
                .any(|item| item.text() == "Queue numbers by SMS")
        },
    );
    assert_eq!(
        host.state().document().history().undo_label(),
        None,
        "a colleague's note is not the facilitator's to undo"
    );

    // The colleague takes their note back with Undo: their own steps, not the facilitator's.
    press(&mut guest, Modifiers::COMMAND, Key::Z);
    press(&mut guest, Modifiers::COMMAND, Key::Z);
    wait(
        &mut host,
        &mut guest,
        "the colleague's undo reached the board",
        |h, _| h.state().board().items().len() == items,
    );
    assert_eq!(guest.state().board().items().len(), items);

    leave(&mut host);
    assert!(host.state().live_link().is_none());

    // Steps made while live are not replayed after leaving: they could undo colleagues' work.
    leave(&mut guest);
    assert_eq!(guest.state().document().history().undo_label(), None);
    assert_eq!(host.state().board().items().len(), items, "the board stays");
}

#[test]
fn a_board_saved_while_live_rejoins_its_session_when_opened_again() {
    let relay = Relay::start(0);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("kickoff.ron");
    std::fs::copy("saved_boards/kickoff.ron", &path).unwrap();
    let mut host = app_harness(Some(path.clone()));
    let items = host.state().board().items().len();
    start_session(&mut host, &relay);
    press(&mut host, Modifiers::COMMAND, Key::S);
    let kept = folder.path().join("kickoff.ydoc");
    assert!(kept.exists(), "the session is kept beside the board");

    // The same board opened again (later, or in another window): it rejoins the session.
    let mut again = app_harness(Some(path.clone()));
    again.run();
    assert_eq!(again.state().live_link(), host.state().live_link());
    post_note(&mut again, "Added after reopening");
    wait(
        &mut host,
        &mut again,
        "the reopened board's note reaches the host",
        |h, _| h.state().board().items().len() == items + 1,
    );

    leave(&mut again);
    assert!(!kept.exists(), "a session left is not rejoined");

    // A kept session that cannot be read: the board opens, not shared, and says why.
    std::fs::write(&kept, b"not a session").unwrap();
    let broken = app_harness(Some(path));
    assert!(broken.state().live_link().is_none());
    assert!(
        broken
            .query_by_label_contains("cannot be rejoined")
            .is_some()
    );
}

#[test]
fn colleagues_see_each_other_and_the_facilitator_brings_everyone_to_their_view() {
    let relay = Relay::start(0);
    let (mut host, mut guest) = host_and_guest(&relay);
    wait(
        &mut host,
        &mut guest,
        "each window lists the other in its People panel",
        |h, g| {
            h.query_by_label("People (2)").is_some()
                && g.query_by_label("People (2)").is_some()
                && g.query_by_label_contains("(facilitator)").is_some()
        },
    );
    assert!(
        host.query_by_label_contains("(facilitator)").is_none(),
        "the colleague who joined is not a facilitator"
    );

    // The colleague looks elsewhere; the facilitator zooms in and brings everyone there.
    press(&mut guest, Modifiers::COMMAND, Key::Num1);
    press(&mut host, Modifiers::COMMAND, Key::Equals);
    press(&mut host, Modifiers::COMMAND, Key::Equals);
    let camera = |app: &App<'_>| app.state().canvas().view.camera;
    assert_ne!(camera(&guest), camera(&host));
    host.get_by_label("Bring everyone to me").click();
    host.run();
    assert!(
        host.query_by_label("Brought 1 colleague to this view")
            .is_some()
    );
    wait(&mut host, &mut guest, "the colleague follows", |h, g| {
        camera(g) == camera(h)
    });
    assert!(
        guest
            .query_by_label_contains("brought everyone to their view")
            .is_some()
    );
    assert!(guest.query_by_label("Stop following").is_some());

    // Moving the view by hand stops following.
    press(&mut guest, Modifiers::COMMAND, Key::Minus);
    guest.run();
    assert!(guest.query_by_label("Follow").is_some());
    press(&mut host, Modifiers::COMMAND, Key::Equals);
    for _ in 0..20 {
        host.step();
        guest.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_ne!(camera(&guest), camera(&host), "no longer following");

    // A colleague who leaves is gone from the panel at once, not after a while.
    leave(&mut guest);
    wait(&mut host, &mut guest, "the colleague is gone", |h, _| {
        h.query_by_label("People (1)").is_some()
    });
}

#[test]
fn the_join_link_uses_the_address_the_relay_announces() {
    let relay = Relay::start_with(0, &["--public-url", "ws://relay.example.org:4321"]);
    let mut host = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    file_dialog(
        &mut host,
        "Start live session…",
        &format!("ws://127.0.0.1:{}", relay.port),
        "Start",
    );
    let start = Instant::now();
    while !host
        .state()
        .live_link()
        .is_some_and(|link| link.starts_with("ws://relay.example.org:4321/"))
    {
        assert!(start.elapsed() < Duration::from_secs(20), "no public link");
        host.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    host.run();
    // The dialog still open shows the public link and page, not this computer's address.
    let link = host.state().live_link().unwrap().to_owned();
    assert!(host.query_by_label_contains(&link).is_some());
    assert!(
        host.query_by_label_contains("http://relay.example.org:4321/join/")
            .is_some()
    );
    assert!(host.query_by_label_contains("only this computer").is_none());
}

#[test]
fn joining_waits_until_the_open_board_is_saved() {
    let mut app = app_harness(Some(PathBuf::from("saved_boards/kickoff.ron")));
    let items = app.state().board().items().len();
    post_note(&mut app, "Not saved yet");
    file_dialog(
        &mut app,
        "Join live session…",
        "ws://127.0.0.1:9/0123456789abcdef0123456789abcdef",
        "Join",
    );
    assert!(app.query_by_label("Save this board first").is_some());
    assert!(app.state().live_link().is_none());
    assert_eq!(app.state().board().items().len(), items + 1, "nothing lost");
}

#[test]
fn two_people_typing_in_one_note_keep_both_their_words() {
    let relay = Relay::start(0);
    let (mut host, mut guest) = host_and_guest(&relay);
    let question = "Which services do residents use most often?";
    wait(
        &mut host,
        &mut guest,
        "the colleague has the board",
        |_, g| {
            g.state()
                .board()
                .items()
                .any(|item| item.text() == question)
        },
    );
    let id = host
        .state()
        .board()
        .items()
        .find(|item| item.text() == question)
        .unwrap()
        .id;
    let text = |app: &App<'_>| app.state().board().item(id).unwrap().text().to_owned();

    // The colleague starts adding words at the end and is still typing...
    let board = guest.state().board().clone();
    guest.state_mut().canvas_mut().begin_editing(&board, id);
    guest.run();
    type_text(&mut guest, " Weekly?");
    // ...while the facilitator adds a word at the start and is done.
    let board = host.state().board().clone();
    host.state_mut().canvas_mut().begin_editing(&board, id);
    host.run();
    for _ in 0..4 {
        press(&mut host, Modifiers::NONE, Key::ArrowUp);
    }
    press(&mut host, Modifiers::NONE, Key::Home);
    type_text(&mut host, "Online: ");
    press(&mut host, Modifiers::NONE, Key::Escape);
    wait(
        &mut host,
        &mut guest,
        "the facilitator's word arrives",
        |_, g| text(g).starts_with("Online: "),
    );
    press(&mut guest, Modifiers::NONE, Key::Escape);
    let both = format!("Online: {question} Weekly?");
    wait(&mut host, &mut guest, "both keep their words", |h, g| {
        text(h) == both && text(g) == both
    });
}
