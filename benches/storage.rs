//! How fast a board of 10,000 items turns into file text and back (`civic_canvas::generate`),
//! and how fast hostile boards with tens of thousands of repairs open
//! (`civic_canvas::generate::hostile`).

use std::hint::black_box;
use std::time::Duration;

use civic_canvas::generate::{generate_board, hostile};
use civic_canvas::storage::{board_from_ron, board_to_ron};
use criterion::{Criterion, criterion_group, criterion_main};

fn storage(c: &mut Criterion) {
    let board = generate_board(10_000, 1);
    let text = board_to_ron(&board);
    assert!(board_from_ron(&text).is_ok_and(|loaded| loaded.board == board));
    c.bench_function("save_10k", |b| b.iter(|| board_to_ron(black_box(&board))));
    c.bench_function("load_10k", |b| b.iter(|| board_from_ron(black_box(&text))));
}

fn hostile_boards(c: &mut Criterion) {
    for (name, text, warnings) in [
        (
            "load_64k_dangling_connectors",
            hostile::dangling_connectors(64_000),
            64_000,
        ),
        (
            "load_40k_damaged_photos",
            hostile::damaged_photos(40_000),
            40_000,
        ),
        (
            "load_80k_missing_members",
            hostile::missing_frame_members(80_000),
            80_000,
        ),
        (
            "load_80k_nan_on_one_line",
            hostile::nan_positions_on_one_line(80_000),
            80_000,
        ),
    ] {
        assert!(board_from_ron(&text).is_ok_and(|loaded| loaded.warnings.len() == warnings));
        c.bench_function(name, |b| b.iter(|| board_from_ron(black_box(&text))));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = storage, hostile_boards
}
criterion_main!(benches);
