//! Live sessions on the generated 10,000-item board (`civic_canvas::generate`): one local move
//! becoming an encoded update (`live_local_move_10k`), and a colleague's update that moves 100
//! items taken in and shown on the board through the gateway (`live_remote_100_of_10k`).

use std::path::PathBuf;
use std::time::Duration;

use civic_canvas::document::Document;
use civic_canvas::edit::{Command, Origin};
use civic_canvas::generate::generate_board;
use civic_canvas::live::SharedBoard;
use civic_canvas::model::{ItemId, Point};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

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
criterion_main!(benches);
