//! A generated board of hand-drawn strokes, for the benchmarks of drawing: [`strokes_board`].

use std::f32::consts::PI;

use super::Rng;
use crate::model::sketch::Sample;
use crate::model::{Board, IdGen, Item, PaletteColor, Point, StrokeTool, ZKey};

/// How many clusters of strokes the board has.
const CLUSTERS: usize = 200;

/// A board of `count` pen strokes of `points` samples each, in 200 clusters over about
/// 40,000 × 25,000 units (as large as the generated 10,000-item board): a fifth of them circles
/// of 60 to 200 units round ideas, the rest wiggly lines with steps of 1 to 10 units, as a mouse
/// draws them (no pressure). The same arguments always give the same board.
pub fn strokes_board(count: usize, points: usize, seed: u64) -> Board {
    let mut rng = Rng(IdGen::seeded(seed ^ 0x7374_726f_6b65));
    let mut ids = IdGen::seeded(seed);
    let clusters: Vec<Point> = (0..CLUSTERS)
        .map(|_| Point::new(unit(&mut rng) * 38_500.0, unit(&mut rng) * 23_500.0))
        .collect();
    let mut z = ZKey::middle();
    let mut items = Vec::with_capacity(count);
    for index in 0..count {
        let cluster = clusters.get(index % CLUSTERS).copied().unwrap_or_default();
        let start = cluster.offset(unit(&mut rng) * 1500.0, unit(&mut rng) * 1500.0);
        let samples = if index % 5 == 0 {
            let radius = 60.0 + unit(&mut rng) * 140.0;
            circle(&mut rng, start, radius, points)
        } else {
            scribble(&mut rng, start, points)
        };
        let id = ids.item_id(|_| false);
        let color = PaletteColor::ALL
            .get(index % PaletteColor::ALL.len())
            .copied()
            .unwrap_or(PaletteColor::Grey);
        if let Some(item) = Item::stroke(id, &samples, StrokeTool::Pen, z.clone(), color) {
            items.push(item);
        }
        z = z.after();
    }
    #[expect(
        clippy::expect_used,
        reason = "ids come from one seeded generator of 64-bit numbers, and every stroke is on \
                  the board"
    )]
    Board::from_parts(
        format!("Generated strokes ({count} strokes of {points} points, seed {seed})"),
        items,
        [],
    )
    .expect("a generated board of strokes is valid")
}

/// A number in `0..1`.
fn unit(rng: &mut Rng) -> f32 {
    rng.below(1_000_000) as f32 / 1_000_000.0
}

/// A wiggly line of `count` samples from `start`, steps of 1 to 10 units.
fn scribble(rng: &mut Rng, start: Point, count: usize) -> Vec<Sample> {
    let mut at = start;
    let mut heading = unit(rng) * 2.0 * PI;
    (0..count)
        .map(|_| {
            heading += unit(rng) - 0.5;
            let step = 1.0 + unit(rng) * 9.0;
            at = at.offset(heading.cos() * step, heading.sin() * step);
            Sample::new(at, None)
        })
        .collect()
}

/// A hand-drawn circle of `count` samples round `center`, a little past closed.
fn circle(rng: &mut Rng, center: Point, radius: f32, count: usize) -> Vec<Sample> {
    let last = count.saturating_sub(1).max(1) as f32;
    (0..count)
        .map(|index| {
            let angle = index as f32 / last * 2.1 * PI;
            let wobble = radius * (0.95 + unit(rng) * 0.1);
            Sample::new(
                center.offset(wobble * angle.cos(), wobble * angle.sin()),
                None,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_has_the_strokes_asked_for_the_same_every_time() {
        let board = strokes_board(50, 20, 3);
        assert_eq!(board.items().len(), 50);
        assert!(
            board
                .items()
                .all(|item| item.as_stroke().is_some_and(|s| s.points.len() == 20))
        );
        assert_eq!(board, strokes_board(50, 20, 3));
        assert_ne!(board, strokes_board(50, 20, 4));
    }
}
