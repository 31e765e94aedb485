//! How long freehand strokes take to shape and to find, as the pen, a click and the eraser need
//! them:
//!
//! - `smooth_2000`: the outline of one 2,000-sample pen stroke without pressure (a wiggly line
//!   drawn with a mouse, so pressure is simulated from speed);
//! - `hit_test_10k_strokes`: the top-most stroke under a point among 10,000 pen strokes of 50
//!   samples (a fifth of them circles round ideas) in 200 clusters over a board of about
//!   40,000 × 25,000 units, as large as the generated 10,000-item board; the average over a fixed
//!   set of points, half on strokes and half anywhere in the clusters;
//! - `erase_drag_10k`: the strokes on that board that one 40-unit step of an eraser of radius 12
//!   touches, over a fixed set of steps in the clusters.

use std::f32::consts::PI;
use std::hint::black_box;
use std::time::Duration;

use civic_canvas::model::Point;
use civic_canvas::model::sketch::{Outline, Pen, Sample, StrokeIndex, outline};
use criterion::{Criterion, criterion_group, criterion_main};

/// A small seeded random number generator (xorshift), so every run measures the same strokes.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// One of `items`, which must not be empty.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let index = (self.next() % items.len().max(1) as u64) as usize;
        items
            .get(index)
            .unwrap_or_else(|| panic!("nothing to pick from"))
    }

    /// A number in `low..high`.
    fn between(&mut self, low: f32, high: f32) -> f32 {
        low + (self.next() % 1_000_000) as f32 / 1_000_000.0 * (high - low)
    }
}

/// A wiggly line of `count` samples from `start`, steps of 1 to `max_step` units.
fn scribble(random: &mut Random, start: Point, count: usize, max_step: f32) -> Vec<Sample> {
    let mut at = start;
    let mut heading = random.between(0.0, 2.0 * PI);
    (0..count)
        .map(|_| {
            heading += random.between(-0.5, 0.5);
            let step = random.between(1.0, max_step);
            at = at.offset(heading.cos() * step, heading.sin() * step);
            Sample::new(at, None)
        })
        .collect()
}

/// A hand-drawn circle of `count` samples round `center`.
fn circle(random: &mut Random, center: Point, radius: f32, count: usize) -> Vec<Sample> {
    (0..count)
        .map(|index| {
            let angle = index as f32 / (count - 1) as f32 * 2.1 * PI;
            let wobble = radius * random.between(0.95, 1.05);
            Sample::new(
                Point::new(
                    center.x + wobble * angle.cos(),
                    center.y + wobble * angle.sin(),
                ),
                None,
            )
        })
        .collect()
}

fn smooth(c: &mut Criterion) {
    let mut random = Random(1);
    let samples = scribble(&mut random, Point::new(0.0, 0.0), 2000, 12.0);
    c.bench_function("smooth_2000", |b| {
        b.iter(|| outline(black_box(&samples), &Pen::PEN));
    });
}

/// The 10,000 strokes of the board, by stacking order, and the centres of their clusters.
fn board(random: &mut Random) -> (Vec<Outline>, Vec<Point>) {
    let clusters: Vec<Point> = (0..200)
        .map(|_| Point::new(random.between(0.0, 38_500.0), random.between(0.0, 23_500.0)))
        .collect();
    let strokes = (0..10_000)
        .map(|index| {
            let cluster = *clusters
                .get(index % clusters.len())
                .unwrap_or_else(|| panic!("no clusters"));
            let start = cluster.offset(random.between(0.0, 1500.0), random.between(0.0, 1500.0));
            let samples = if index % 5 == 0 {
                let radius = random.between(60.0, 200.0);
                circle(random, start, radius, 50)
            } else {
                scribble(random, start, 50, 10.0)
            };
            outline(&samples, &Pen::PEN)
        })
        .collect();
    (strokes, clusters)
}

/// A point anywhere in one of the clusters.
fn in_a_cluster(random: &mut Random, clusters: &[Point]) -> Point {
    let cluster = *random.pick(clusters);
    cluster.offset(
        random.between(-100.0, 1600.0),
        random.between(-100.0, 1600.0),
    )
}

fn find(c: &mut Criterion) {
    let mut random = Random(2);
    let (strokes, clusters) = board(&mut random);
    let mut index = StrokeIndex::new();
    for (key, stroke) in strokes.iter().enumerate() {
        index.insert(key, stroke.clone());
    }

    let points: Vec<Point> = (0..512)
        .map(|n| {
            if n % 2 == 0 {
                let stroke = random.pick(&strokes);
                random.pick(stroke.spine()).0
            } else {
                in_a_cluster(&mut random, &clusters)
            }
        })
        .collect();
    let found = points
        .iter()
        .filter(|&&point| index.at(point, 4.0).is_some())
        .count();
    assert!(
        found > 256 && found < 480,
        "{found} of 512 points are on a stroke"
    );
    let mut next = points.iter().cycle();
    c.bench_function("hit_test_10k_strokes", |b| {
        b.iter(|| index.at(black_box(*next.next().unwrap_or(&Point::default())), 4.0));
    });

    let steps: Vec<(Point, Point)> = (0..256)
        .map(|_| {
            let from = in_a_cluster(&mut random, &clusters);
            let heading = random.between(0.0, 2.0 * PI);
            (
                from,
                from.offset(40.0 * heading.cos(), 40.0 * heading.sin()),
            )
        })
        .collect();
    let touched: usize = steps
        .iter()
        .map(|&(from, to)| index.touching(from, to, 12.0).len())
        .sum();
    assert!(touched > 64, "{touched} strokes touched by 256 steps");
    let mut next = steps.iter().cycle();
    c.bench_function("erase_drag_10k", |b| {
        b.iter(|| {
            let &(from, to) = next.next().unwrap_or(&(Point::default(), Point::default()));
            index.touching(black_box(from), black_box(to), 12.0)
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = smooth, find
}
criterion_main!(benches);
