//! How long pictures of the board take, without a window or GPU, as `convert` and File →
//! Export picture or handout… make them:
//!
//! - `svg_10k`: the SVG of the whole 10,000-item board (`civic_canvas::generate`, seed 1): the
//!   canvas paints it headless at 100%, then the SVG is written;
//! - `png_example_2x`: a PNG of the example board (`saved_boards/kickoff.ron`) at 2×, on white;
//! - `pdf_example`: the PDF handout of the example board, a title page and one page per frame,
//!   on A4.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use civic_canvas::export::picture::{self, Background, Pages, Region};
use civic_canvas::export::raster::Paper;
use civic_canvas::generate::generate_board;
use civic_canvas::storage::load_board;
use criterion::{Criterion, criterion_group, criterion_main};

fn example() -> civic_canvas::model::Board {
    load_board(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(2));
    let big = generate_board(10_000, 1);
    group.bench_function("svg_10k", |b| {
        b.iter(|| {
            black_box(
                picture::svg(&big, &Region::Board, Background::White)
                    .unwrap_or_else(|e| panic!("{e}")),
            )
        });
    });
    let board = example();
    group.bench_function("png_example_2x", |b| {
        b.iter(|| {
            black_box(
                picture::png(&board, &Region::Board, 2.0, Background::White)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .bytes,
            )
        });
    });
    group.bench_function("pdf_example", |b| {
        b.iter(|| {
            black_box(
                picture::pdf(&board, Pages::Frames, Paper::A4, "30 November 2026")
                    .unwrap_or_else(|e| panic!("{e}")),
            )
        });
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
