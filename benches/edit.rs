//! How long one change takes through the document's one gateway, with the board's rules, on the
//! generated 10,000-item board (`civic_canvas::generate`): moving 500 items (a dragged selection,
//! frames taking in and letting go of what lands on them) and moving every item (Ctrl+A, then an
//! arrow key).

use std::path::PathBuf;
use std::time::Duration;

use civic_canvas::document::Document;
use civic_canvas::edit::rules::moves;
use civic_canvas::edit::{Command, Origin};
use civic_canvas::generate::generate_board;
use civic_canvas::model::{Item, ItemId, Point, Rect};
use criterion::{Criterion, criterion_group, criterion_main};

/// The `count` items nearest to the board's centre, as a rubber band would select them.
fn middle(doc: &Document, count: usize) -> Vec<ItemId> {
    let board = doc.board();
    let middle = Rect::around(board.items().map(Item::rect)).map_or(Point::default(), Rect::center);
    let distance = |item: &Item| (item.center().x - middle.x).hypot(item.center().y - middle.y);
    let mut items: Vec<&Item> = board.items().collect();
    items.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    items.into_iter().take(count).map(|item| item.id).collect()
}

/// Moves `ids` back and forth by `step`, each move one change through the gateway.
fn bench_moves(c: &mut Criterion, name: &str, doc: &mut Document, ids: &[ItemId], step: f32) {
    let mut dx = step;
    c.bench_function(name, |b| {
        b.iter(|| {
            let command = moves::move_by(doc.board(), ids, (dx, 0.0))?;
            dx = -dx;
            doc.apply(command, Origin::LocalContinued)
                .map(|changed| changed.items.len())
                .ok()
        });
    });
}

fn gateway(c: &mut Criterion) {
    let mut doc = Document::loaded(generate_board(10_000, 1), PathBuf::from("big.ron"));
    // Check that a move through the gateway moves what it should: 500 items, and the items in
    // any frame among them.
    let ids = middle(&doc, 500);
    let command = moves::move_by(doc.board(), &ids, (30.0, 0.0)).unwrap_or(Command::Batch {
        label: "Move",
        commands: Vec::new(),
    });
    let changed = doc
        .apply(command, Origin::Local)
        .map(|changed| changed.items);
    assert!(changed.is_ok_and(|items| ids.iter().all(|id| items.contains(id))));
    bench_moves(c, "apply_move_500_10k", &mut doc, &ids, 120.0);
    let all: Vec<ItemId> = doc.board().items().map(|item| item.id).collect();
    bench_moves(c, "apply_move_all_10k", &mut doc, &all, 10.0);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = gateway
}
criterion_main!(benches);
