//! How long finding the feedback loops of a system map takes (`civic_canvas::model::find_loops`).
//!
//! - `loops_system_map_150`: a realistic workshop system map, 150 items and 300 polarised links,
//!   random but seeded. Most links run "downstream" to a nearby item, some run back upstream and
//!   close loops, as in a causal loop diagram drawn by a group.
//! - `loops_complete_30`: every one of 30 items links to every other (870 links, astronomically
//!   many loops), searched with the app's cap [`MAX_LOOPS`]: the worst case the cap protects.
//! - `loops_complete_30_step_limit`: the same map with no loop cap, so only the step limit stops
//!   the search: the longest any search can take on a map of this size.

use std::hint::black_box;
use std::time::Duration;

use civic_canvas::model::{Connector, ConnectorId, IdGen, ItemId, MAX_LOOPS, Polarity, find_loops};
use criterion::{Criterion, criterion_group, criterion_main};

/// The seed of the generated map.
const SEED: u64 = 7;

/// A polarised link between two fresh ids.
fn link(ids: &mut IdGen, from: ItemId, to: ItemId, polarity: Polarity) -> Connector {
    let mut connector = Connector::new(ConnectorId::from_raw(ids.next_u64()), from, to);
    connector.props.polarity = Some(polarity);
    connector
}

/// A system map of `item_count` items and `link_count` polarised links. Items stand in a row of
/// causes and effects; a link goes from an item to one up to five places downstream, or one in
/// ten times back upstream (up to eight places), which is what closes loops. Links are 60 %
/// positive, 30 % negative and 10 % not known yet.
fn system_map(item_count: usize, link_count: usize) -> Vec<Connector> {
    let mut ids = IdGen::seeded(SEED);
    let items: Vec<ItemId> = (0..item_count)
        .map(|_| ItemId::from_raw(ids.next_u64()))
        .collect();
    let mut below = |n: usize| (ids.next_u64() % n as u64) as usize;
    let mut picks = Vec::with_capacity(link_count);
    while picks.len() < link_count {
        let from = below(item_count);
        let to = if below(10) == 0 {
            from.saturating_sub(1 + below(8))
        } else {
            (from + 1 + below(5)).min(item_count - 1)
        };
        if from == to {
            continue;
        }
        let polarity = match below(10) {
            0..=5 => Polarity::Positive,
            6..=8 => Polarity::Negative,
            _ => Polarity::Unknown,
        };
        picks.push((from, to, polarity));
    }
    let mut ids = IdGen::seeded(SEED ^ 0x6c69_6e6b);
    picks
        .into_iter()
        .filter_map(|(from, to, polarity)| {
            Some(link(&mut ids, *items.get(from)?, *items.get(to)?, polarity))
        })
        .collect()
}

/// Every item links to every other one.
fn complete_map(item_count: usize) -> Vec<Connector> {
    let mut ids = IdGen::seeded(SEED);
    let items: Vec<ItemId> = (0..item_count)
        .map(|_| ItemId::from_raw(ids.next_u64()))
        .collect();
    let mut links = Vec::new();
    for (i, &from) in items.iter().enumerate() {
        for (j, &to) in items.iter().enumerate() {
            if i != j {
                let polarity = if (i + j) % 3 == 0 {
                    Polarity::Negative
                } else {
                    Polarity::Positive
                };
                links.push(link(&mut ids, from, to, polarity));
            }
        }
    }
    links
}

fn system_map_150(c: &mut Criterion) {
    let links = system_map(150, 300);
    let result = find_loops(&links, MAX_LOOPS);
    assert!(!result.loops.is_empty() && !result.capped);
    c.bench_function("loops_system_map_150", |b| {
        b.iter(|| find_loops(black_box(&links), MAX_LOOPS));
    });
}

fn complete_30(c: &mut Criterion) {
    let links = complete_map(30);
    let result = find_loops(&links, MAX_LOOPS);
    assert!(result.capped && result.loops.len() == MAX_LOOPS);
    c.bench_function("loops_complete_30", |b| {
        b.iter(|| find_loops(black_box(&links), MAX_LOOPS));
    });
    // Without a loop cap, only the step limit stops the search.
    let unbounded = find_loops(&links, usize::MAX);
    assert!(unbounded.capped && unbounded.loops.len() > MAX_LOOPS);
    c.bench_function("loops_complete_30_step_limit", |b| {
        b.iter(|| find_loops(black_box(&links), usize::MAX));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = system_map_150, complete_30
}
criterion_main!(benches);
