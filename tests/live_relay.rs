//! Live sessions through a real relay (`relay/server.mjs`, the standard Yjs relay) on
//! 127.0.0.1: windows converge, a late joiner gets everything, a client built on the official
//! `yjs` and `y-websocket` packages reads and writes the board, a participant posts, edits and
//! deletes notes from the participant page in Chromium, sees the facilitator's stage there and
//! votes on its notes within a budget, when the relay is killed both windows keep
//! editing and merge once it is back, and people in the room stay in each other's People list
//! through a long quiet spell and leave it as soon as they go.
//!
//! Needs Node, `npm ci --prefix relay` and Chromium (the README's test command sees to all
//! three).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use civic_canvas::document::Document;
use civic_canvas::edit::{Command, Origin};
use civic_canvas::live::presence::{SharedView, Stage, Voting};
use civic_canvas::live::{Connection, Incoming, Peer, Presence, SharedBoard, Status};
use civic_canvas::model::{Board, IdGen, Item, ItemKind, PaletteColor, Point, ZKey};
use civic_canvas::storage::{board_to_ron, load_board};

#[path = "common/relay.rs"]
mod relay;
use relay::Relay;

/// How long anything here may take before the test fails.
const LIMIT: Duration = Duration::from_secs(20);

/// A window in a live session: its document (the gateway), its shared board and its connection.
struct Window {
    doc: Document,
    shared: SharedBoard,
    link: Connection,
    status: Status,
    /// The others in the room, as the connection last said.
    people: Vec<Peer>,
}

impl Window {
    /// The window that starts the session with `board`.
    fn start(board: &Board, url: &str) -> Self {
        let mut shared = SharedBoard::new();
        shared.write_board(board);
        Self::open(shared, url)
    }

    /// A window joining: it writes nothing until it has the board.
    fn join(url: &str) -> Self {
        Self::open(SharedBoard::new(), url)
    }

    fn open(shared: SharedBoard, url: &str) -> Self {
        let link = Connection::open(url, shared.state(), || {});
        Self {
            doc: Document::loaded(shared.project().board, PathBuf::from("board.ron")),
            shared,
            link,
            status: Status::Connecting,
            people: Vec::new(),
        }
    }

    fn apply(&mut self, command: Command) {
        let changed = self.doc.apply(command, Origin::Local).unwrap();
        self.link
            .send(self.shared.write_changes(self.doc.board(), &changed));
    }

    /// Takes what the connection has, as the window does each frame.
    fn pump(&mut self) {
        let mut any = false;
        while let Some(incoming) = self.link.try_recv() {
            match incoming {
                Incoming::Update(update) => {
                    self.shared.apply_remote(&update).unwrap();
                    any = true;
                }
                Incoming::Status(status) => self.status = status,
                Incoming::Refused(why) => panic!("refused: {why}"),
                Incoming::People(people) => self.people = people,
                Incoming::PublicAddress(_) => {}
            }
        }
        if any && let Some(changes) = self.shared.changes_to(self.doc.board()) {
            self.doc.apply(changes, Origin::Remote).unwrap();
        }
    }

    fn ron(&self) -> String {
        board_to_ron(self.doc.board())
    }
}

/// Pumps the windows until `done` holds, or fails after [`LIMIT`].
fn wait(windows: &mut [&mut Window], what: &str, done: impl Fn(&[&mut Window]) -> bool) {
    wait_up_to(LIMIT, windows, what, done);
}

/// Pumps the windows until `done` holds, or fails after `limit`.
fn wait_up_to(
    limit: Duration,
    windows: &mut [&mut Window],
    what: &str,
    done: impl Fn(&[&mut Window]) -> bool,
) {
    let start = Instant::now();
    loop {
        for window in windows.iter_mut() {
            window.pump();
        }
        if done(windows) {
            return;
        }
        assert!(start.elapsed() < limit, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn same_board(windows: &[&mut Window]) -> bool {
    windows
        .iter()
        .zip(windows.iter().skip(1))
        .all(|(one, next)| one.ron() == next.ron())
}

/// How many items the first window shows.
fn items(windows: &[&mut Window]) -> usize {
    windows.first().map_or(0, |w| w.doc.board().items().len())
}

fn note(ids: &mut IdGen, text: &str, x: f32) -> Item {
    Item::note(
        ids.item_id(|_| false),
        Point::new(x, 900.0),
        ZKey::middle().after(),
        PaletteColor::Orange,
        text,
    )
}

/// Runs a Node script to its end; returns what it printed, failing the test if it failed.
fn node(args: &[&str]) -> String {
    let output = Process::new("node").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn room(n: u8) -> String {
    format!("{:0>32}", format!("room{n}"))
}

#[test]
fn windows_a_late_joiner_and_a_third_party_client_share_one_board() {
    let relay = Relay::start(0);
    let url = relay.url(&room(1));
    let board = load_board(std::path::Path::new("saved_boards/kickoff.ron")).unwrap();
    let mut host = Window::start(&board, &url);
    let mut guest = Window::join(&url);
    wait(
        &mut [&mut host, &mut guest],
        "the guest has the board",
        same_board,
    );
    assert_eq!(guest.ron(), board_to_ron(&board));

    let mut ids = IdGen::seeded(21);
    let first = board.items().next().unwrap().id;
    host.apply(Command::AddItem(Box::new(note(
        &mut ids,
        "From the host",
        0.0,
    ))));
    guest.apply(Command::MoveItem {
        id: first,
        to: Point::new(-300.0, -300.0),
    });
    wait(
        &mut [&mut host, &mut guest],
        "both changes are on both",
        |w| same_board(w) && items(w) == board.items().len() + 1,
    );
    assert_eq!(
        host.doc.board().item(first).unwrap().pos,
        Point::new(-300.0, -300.0)
    );
    assert_eq!(
        host.doc.history().undo_label(),
        Some("Add note"),
        "not the guest's move"
    );

    let mut late = Window::join(&url);
    wait(
        &mut [&mut host, &mut late],
        "the late joiner has everything",
        same_board,
    );

    let third_party = format!("ws://127.0.0.1:{}", relay.port);
    let read = node(&[
        "relay/tools/third-party-client.mjs",
        &third_party,
        &room(1),
        "Posted by another Yjs client",
    ]);
    assert!(read.contains("From the host"), "{read}");
    wait(
        &mut [&mut host, &mut guest, &mut late],
        "the other client's note arrived",
        |w| {
            same_board(w)
                && w.first().is_some_and(|w| {
                    w.doc
                        .board()
                        .items()
                        .any(|item| item.text() == "Posted by another Yjs client")
                })
        },
    );
}

#[test]
fn when_the_relay_dies_both_keep_editing_and_merge_when_it_is_back() {
    let relay = Relay::start(0);
    let port = relay.port;
    let url = relay.url(&room(2));
    let mut ids = IdGen::seeded(22);
    let board = Board::from_parts("Relay test", [note(&mut ids, "Start", 0.0)], []).unwrap();
    let mut a = Window::start(&board, &url);
    let mut b = Window::join(&url);
    wait(&mut [&mut a, &mut b], "b has the board", same_board);

    drop(relay);
    wait(&mut [&mut a, &mut b], "both see the relay gone", |w| {
        w.iter().all(|w| matches!(w.status, Status::Offline(_)))
    });
    a.apply(Command::AddItem(Box::new(note(
        &mut ids,
        "Offline at a",
        300.0,
    ))));
    b.apply(Command::AddItem(Box::new(note(
        &mut ids,
        "Offline at b",
        600.0,
    ))));
    assert_ne!(a.ron(), b.ron());

    // The relay comes back empty, on the same port: the windows bring it everything.
    let _relay = Relay::start(port);
    wait(&mut [&mut a, &mut b], "both edits are on both", |w| {
        same_board(w) && items(w) == 3
    });
    assert_eq!(a.status, Status::Connected);
}

#[test]
fn a_participant_posts_and_edits_a_note_from_the_browser_page() {
    let relay = Relay::start(0);
    let room = room(3);
    let board = load_board(std::path::Path::new("saved_boards/kickoff.ron")).unwrap();
    let mut host = Window::start(&board, &relay.url(&room));
    let mut other = Window::join(&relay.url(&room));
    wait(
        &mut [&mut host, &mut other],
        "the board is on the relay",
        same_board,
    );

    // The facilitator shows a stage and lets participants vote on its notes, 3 votes each;
    // with no frame titled "Inbox", notes land in their view.
    let stage = board
        .items()
        .find(|item| item.text() == "Solutions and opportunities");
    let twice = "Plaćanje komunalnih taksi karticom, direktno na portalu opštine";
    let once = "Notificare prin SMS când cererea își schimbă starea";
    let view = Point::new(5000.0, 4000.0);
    host.link.set_presence(&Presence {
        name: "Ana".into(),
        facilitator: true,
        view: Some(SharedView {
            center: view,
            zoom: 1.0,
            size: Some([1600.0, 900.0]),
        }),
        stage: Some(Stage {
            title: "Solutions and opportunities".into(),
            prompt: "Which ideas would make the biggest difference for residents soonest?".into(),
            frame: Some(stage.unwrap().id),
        }),
        voting: Some(Voting {
            budget: 3,
            hidden: false,
        }),
        ..Presence::default()
    });
    let shown = node(&[
        "relay/tests/participant.mjs",
        &format!("http://127.0.0.1:{}/join/{room}", relay.port),
        "Lela",
        "Queue numbers by SMS",
        "Queue numbers by SMS, please",
        "A note taken back",
        twice,
        once,
    ]);
    // The page showed the board and the facilitator's stage; the participant deleted their
    // second note; after votes on two notes of the stage the budget is spent, every "+" is
    // disabled and a fourth vote is refused; the note voted on twice shows its total.
    for expected in [
        board.title(),
        "Now: Solutions and opportunities",
        "Which ideas would make the biggest difference",
        "\"deleted\":true",
        "\"votesLeft\":0,\"plusDisabled\":true,\"refused\":true",
        "\"total\":\"Total: 2 votes\"",
    ] {
        assert!(shown.contains(expected), "shows {expected}: {shown}");
    }
    // The participant's votes on a note, as the board has them: (voter, count).
    let lela = |w: &Window, text: &str| -> Vec<(String, u32)> {
        let note = w.doc.board().items().find(|item| item.text() == text);
        let Some(ItemKind::Note(note)) = note.map(|item| &item.kind) else {
            return Vec::new();
        };
        let votes = note.votes.clone().into_iter();
        votes.filter(|(key, _)| key.starts_with("Lela (")).collect()
    };
    wait(
        &mut [&mut host, &mut other],
        "the participant's note and votes are on the board",
        |w| {
            same_board(w)
                && w.first().is_some_and(|w| {
                    w.doc.board().items().any(|item| {
                        item.text() == "Queue numbers by SMS, please"
                            && item.color == PaletteColor::Green
                    }) && lela(w, twice).iter().map(|(_, n)| *n).eq([2])
                        && lela(w, once).iter().map(|(_, n)| *n).eq([1])
                })
        },
    );
    let key = lela(&host, twice).remove(0).0;
    let id = key.trim_start_matches("Lela (").trim_end_matches(')');
    assert!(
        lela(&host, once) == [(key.clone(), 1)]
            && key == format!("Lela ({id})")
            && id.len() == 4
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()),
        "one voter on both notes, named by the name and a 4-character id: {key:?}"
    );
    assert_eq!(items(&[&mut host]), board.items().len() + 1);
    let posted = host
        .doc
        .board()
        .items()
        .find(|item| item.text() == "Queue numbers by SMS, please")
        .unwrap();
    assert!(
        (posted.center().x - view.x).abs() < 800.0 && (posted.center().y - view.y).abs() < 450.0,
        "the note landed in the facilitator's view: {:?}",
        posted.pos
    );
}

#[test]
fn a_relay_with_a_token_refuses_those_without_it() {
    let relay = Relay::start_with(0, &["--token", "s3cret"]);
    let board = Board::from_parts(
        "Token test",
        [note(&mut IdGen::seeded(23), "Kept", 0.0)],
        [],
    )
    .unwrap();
    let url = relay.url(&room(4));
    let mut host = Window::start(&board, &format!("{url}?token=s3cret"));
    let mut stranger = Window::join(&url);
    let mut wrong = Window::join(&format!("{url}?token=guess"));
    wait(
        &mut [&mut host, &mut stranger, &mut wrong],
        "the strangers are refused",
        |w| {
            w.first()
                .is_some_and(|host| host.status == Status::Connected)
                && w.iter()
                    .skip(1)
                    .all(|w| matches!(&w.status, Status::Offline(why) if why.contains("token")))
        },
    );
    assert!(stranger.doc.board().is_empty() && wrong.doc.board().is_empty());
    let mut colleague = Window::join(&format!("{url}?token=s3cret"));
    wait(
        &mut [&mut host, &mut colleague],
        "the colleague with the token joins",
        same_board,
    );
}

#[test]
fn a_10k_board_is_shared_and_joined() {
    let relay = Relay::start(0);
    let url = relay.url(&room(5));
    let board = civic_canvas::generate::generate_board(10_000, 1);
    let mut host = Window::start(&board, &url);
    let mut guest = Window::join(&url);
    // A debug build on a busy 2-core machine: generous, as this checks that it works, not
    // how fast (benches/live.rs measures that).
    wait_up_to(
        Duration::from_secs(90),
        &mut [&mut host, &mut guest],
        "the guest has the 10k board",
        |w| {
            w.last()
                .is_some_and(|guest| guest.doc.board().items().len() == board.items().len())
        },
    );
    assert_eq!(guest.ron(), board_to_ron(&board));
}

#[test]
fn presence_lasts_through_45_quiet_seconds_and_ends_when_someone_leaves() {
    let relay = Relay::start(0);
    let url = relay.url(&room(8));
    let board =
        Board::from_parts("Presence", [note(&mut IdGen::seeded(31), "Here", 0.0)], []).unwrap();
    let mut host = Window::start(&board, &url);
    let mut guest = Window::join(&url);
    let ana = Presence {
        name: "Ana".into(),
        facilitator: true,
        cursor: Some(Point::new(12.0, 34.0)),
        selection: board.items().map(|item| item.id).collect(),
        ..Presence::default()
    };
    host.link.set_presence(&ana);
    guest.link.set_presence(&Presence {
        name: "Bojan".into(),
        ..Presence::default()
    });
    let sees = |w: &Window, name: &str| w.people.iter().any(|p| p.presence.name == name);
    wait(&mut [&mut host, &mut guest], "each sees the other", |w| {
        sees(w[0], "Bojan") && sees(w[1], "Ana")
    });
    assert_eq!(guest.people.len(), 1);
    assert_eq!(guest.people[0].presence, ana, "the whole state arrives");

    // Nobody does anything for 45 s: longer than a state lasts without being renewed (30 s),
    // here and in the relay.
    let quiet = Instant::now();
    while quiet.elapsed() < Duration::from_secs(45) {
        host.pump();
        guest.pump();
        assert!(
            sees(&host, "Bojan") && sees(&guest, "Ana"),
            "someone vanished after {:?} of quiet",
            quiet.elapsed()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // Leaving says so: the other sees them go at once, not after 30 s.
    drop(guest);
    wait_up_to(
        Duration::from_secs(5),
        &mut [&mut host],
        "the guest is gone",
        |w| w[0].people.is_empty(),
    );
}
