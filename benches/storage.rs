//! How fast boards turn into file text and back, on a generated board of 1,000 notes.

use std::hint::black_box;

use civic_canvas::model::{Board, IdGen, Item, PaletteColor, Point, ZKey};
use civic_canvas::storage::{board_from_ron, board_to_ron};
use criterion::{Criterion, criterion_group, criterion_main};

/// A board of `notes` notes in a grid, with mixed-script text and varied colours.
fn generated_board(notes: usize) -> Board {
    let mut ids = IdGen::seeded(2024);
    let mut z = ZKey::middle();
    let texts = [
        "Citizens can't find the forms",
        "Qytetarët nuk e dinë ku të paraqesin kërkesën",
        "Грађани не знају где да пријаве проблем",
        "მოქალაქეებს სურთ ონლაინ გადახდა",
        "Line one\nline two",
    ];
    let items: Vec<Item> = (0..notes)
        .map(|i| {
            let column = (i % 40) as f32;
            let row = (i / 40) as f32;
            let color = PaletteColor::ALL
                .get(i % PaletteColor::ALL.len())
                .copied()
                .unwrap_or_default();
            let text = texts.get(i % texts.len()).copied().unwrap_or_default();
            z = z.after();
            Item::note(
                ids.item_id(|_| false),
                Point::new(column * 224.0, row * 184.0),
                z.clone(),
                color,
                format!("{text} #{i}"),
            )
        })
        .collect();
    Board::from_parts("Benchmark board", items, []).unwrap_or_default()
}

fn storage(c: &mut Criterion) {
    let board = generated_board(1_000);
    let text = board_to_ron(&board);
    assert!(board_from_ron(&text).is_ok_and(|loaded| loaded.board == board));
    c.bench_function("board_to_ron, 1000 notes", |b| {
        b.iter(|| board_to_ron(black_box(&board)));
    });
    c.bench_function("board_from_ron, 1000 notes", |b| {
        b.iter(|| board_from_ron(black_box(&text)));
    });
}

criterion_group!(benches, storage);
criterion_main!(benches);
