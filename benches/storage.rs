//! How fast a board of 10,000 items turns into file text and back (`civic_canvas::generate`).

use std::hint::black_box;
use std::time::Duration;

use civic_canvas::generate::generate_board;
use civic_canvas::storage::{board_from_ron, board_to_ron};
use criterion::{Criterion, criterion_group, criterion_main};

fn storage(c: &mut Criterion) {
    let board = generate_board(10_000, 1);
    let text = board_to_ron(&board);
    assert!(board_from_ron(&text).is_ok_and(|loaded| loaded.board == board));
    c.bench_function("save_10k", |b| b.iter(|| board_to_ron(black_box(&board))));
    c.bench_function("load_10k", |b| b.iter(|| board_from_ron(black_box(&text))));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = storage
}
criterion_main!(benches);
