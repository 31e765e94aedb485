//! Live sessions on the generated 10,000-item board (`civic_canvas::generate`): one local move
//! becoming an encoded update (`live_local_move_10k`), a colleague's update that moves 100
//! items taken in and shown on the board through the gateway (`live_remote_100_of_10k`), and
//! joining the board's session through a relay on this computer, from connecting to the whole
//! board on the joining window's board (`live_join_10k_loopback`), and 20 participants posting
//! 50 notes each at once through that relay, until the facilitator's board holds all 1,000
//! (`live_20_participants_50_notes`). The last two need Node and the relay's packages, as the
//! tests do.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use civic_canvas::document::Document;
use civic_canvas::edit::{Command, Origin};
use civic_canvas::generate::generate_board;
use civic_canvas::live::{Connection, Incoming, SharedBoard};
use civic_canvas::model::{IdGen, Item, ItemId, PaletteColor, Point, ZKey};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};

#[path = "../tests/common/relay.rs"]
mod relay;

/// Joins the session at `url` as a new window does, until its board holds `items` items;
/// returns how many it holds (0 if that took more than a minute).
fn join_once(url: &str, items: usize) -> usize {
    let mut side = Side::open(url);
    let start = Instant::now();
    while side.doc.board().items().len() != items && start.elapsed() < Duration::from_mins(1) {
        side.pump();
        std::thread::sleep(Duration::from_millis(1));
    }
    side.doc.board().items().len()
}

fn join(c: &mut Criterion) {
    let relay = relay::Relay::start(0);
    let url = relay.url("benchmarkjoin0123456789abcdef012");
    let board = generate_board(10_000, 1);
    let mut hosted = SharedBoard::new();
    hosted.write_board(&board);
    let _host = Connection::open(&url, hosted.state(), || {});
    let items = board.items().len();
    assert_eq!(
        join_once(&url, items),
        items,
        "a window joins the whole board"
    );
    c.bench_function("live_join_10k_loopback", |b| {
        b.iter(|| join_once(&url, items));
    });
}

/// One window in a session: its board (through the gateway), shared board and connection.
struct Side {
    doc: Document,
    shared: SharedBoard,
    link: Connection,
}

impl Side {
    fn open(url: &str) -> Self {
        let shared = SharedBoard::new();
        let link = Connection::open(url, shared.state(), || {});
        Self {
            doc: Document::untitled(),
            shared,
            link,
        }
    }

    /// Takes in what the connection has, as a window does each frame.
    fn pump(&mut self) {
        let mut changed = false;
        while let Some(incoming) = self.link.try_recv() {
            if let Incoming::Update(update) = incoming {
                changed |= self.shared.apply_remote(&update).is_ok();
            }
        }
        if changed && let Some(changes) = self.shared.changes_to(self.doc.board()) {
            let _ = self.doc.apply(changes, Origin::Remote);
        }
    }

    /// Posts a note, one change, as the participant page does.
    fn post(&mut self, ids: &mut IdGen, n: usize) {
        let note = Item::note(
            ids.item_id(|_| false),
            Point::new(n as f32 * 10.0, 0.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            format!("Idea {n}"),
        );
        if let Ok(changed) = self
            .doc
            .apply(Command::AddItem(Box::new(note)), Origin::Local)
        {
            self.link
                .send(self.shared.write_changes(self.doc.board(), &changed));
        }
    }
}

/// 20 participants each post 50 notes at once; returns how long until the facilitator's board
/// holds all of them (a minute at most), with the facilitator already in the room.
fn participants_once(url: &str) -> Duration {
    const PEOPLE: usize = 20;
    const NOTES: usize = 50;
    let mut host = Side::open(url);
    let mut people: Vec<Side> = (0..PEOPLE).map(|_| Side::open(url)).collect();
    // Everyone in the room before the clock starts.
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    for (p, side) in people.iter_mut().enumerate() {
        let mut ids = IdGen::seeded(1000 + p as u64);
        for n in 0..NOTES {
            side.post(&mut ids, n);
        }
    }
    while host.doc.board().items().len() < PEOPLE * NOTES
        && start.elapsed() < Duration::from_mins(1)
    {
        host.pump();
        for side in &mut people {
            // Participants' pages take in each other's notes too.
            while side.link.try_recv().is_some() {}
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(host.doc.board().items().len(), PEOPLE * NOTES);
    start.elapsed()
}

fn participants(c: &mut Criterion) {
    let relay = relay::Relay::start(0);
    let mut room = 0u32;
    let mut group = c.benchmark_group("participants");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("live_20_participants_50_notes", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    room += 1;
                    participants_once(&relay.url(&format!("participants{room:0>24}")))
                })
                .sum()
        });
    });
    group.finish();
}

fn live(c: &mut Criterion) {
    let board = generate_board(10_000, 1);
    let ids: Vec<ItemId> = board.items().map(|item| item.id).take(100).collect();
    let mut here = SharedBoard::with_client_id(1);
    here.write_board(&board);
    let mut doc = Document::loaded(board.clone(), PathBuf::from("big.ron"));

    let first = ids.first().copied().unwrap_or(ItemId::from_raw(0));
    let mut dx = 10.0;
    c.bench_function("live_local_move_10k", |b| {
        b.iter(|| {
            let at = doc
                .board()
                .item(first)
                .map_or(Point::default(), |item| item.pos);
            let command = Command::MoveItem {
                id: first,
                to: Point::new(at.x + dx, at.y),
            };
            dx = -dx;
            let changed = doc.apply(command, Origin::Local).ok()?;
            Some(here.write_changes(doc.board(), &changed).len())
        });
    });

    // A colleague's window moves 100 items in one change (alternately right and back): each
    // iteration takes in one new such update and shows it through the gateway. Making the
    // update is not measured.
    let mut there = SharedBoard::with_client_id(2);
    let _ = there.apply_remote(&here.state());
    let mut theirs = Document::loaded(there.project().board, PathBuf::from("big.ron"));
    let _ = here.changes_to(doc.board());
    let mut step = 40.0;
    let mut make_update = || {
        step = -step;
        let commands = ids
            .iter()
            .filter_map(|&id| {
                let at = theirs.board().item(id)?.pos;
                Some(Command::MoveItem {
                    id,
                    to: Point::new(at.x + step, at.y),
                })
            })
            .collect();
        let batch = Command::Batch {
            label: "Move",
            commands,
        };
        theirs
            .apply(batch, Origin::Local)
            .map(|changed| there.write_changes(theirs.board(), &changed))
            .unwrap_or_default()
    };
    // Check that one such update moves the 100 items here.
    let update = make_update();
    let shown = here
        .apply_remote(&update)
        .ok()
        .and_then(|()| here.changes_to(doc.board()))
        .and_then(|changes| doc.apply(changes, Origin::Remote).ok());
    assert_eq!(shown.map(|changed| changed.items.len()), Some(ids.len()));
    c.bench_function("live_remote_100_of_10k", |b| {
        b.iter_batched(
            &mut make_update,
            |update| {
                here.apply_remote(&update).ok()?;
                let changes = here.changes_to(doc.board())?;
                doc.apply(changes, Origin::Remote)
                    .ok()
                    .map(|changed| changed.items.len())
            },
            BatchSize::SmallInput,
        );
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = live
}
criterion_group! {
    name = joins;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    targets = join, participants
}
criterion_main!(benches, joins);
