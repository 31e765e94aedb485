use std::collections::BTreeSet;

use super::{FeedbackLoop, LoopKind, LoopSearch, MAX_LOOPS, find_loops};
use crate::model::{Arrows, Connector, ConnectorId, ItemId, Polarity};

const POS: Option<Polarity> = Some(Polarity::Positive);
const NEG: Option<Polarity> = Some(Polarity::Negative);
const UNK: Option<Polarity> = Some(Polarity::Unknown);

fn link(id: u64, from: u64, to: u64, polarity: Option<Polarity>) -> Connector {
    let mut connector = Connector::new(
        ConnectorId::from_raw(id),
        ItemId::from_raw(from),
        ItemId::from_raw(to),
    );
    connector.props.polarity = polarity;
    connector
}

fn connectors(ids: &[u64]) -> Vec<ConnectorId> {
    ids.iter().map(|&id| ConnectorId::from_raw(id)).collect()
}

fn items(ids: &[u64]) -> Vec<ItemId> {
    ids.iter().map(|&id| ItemId::from_raw(id)).collect()
}

fn search(links: &[Connector]) -> LoopSearch {
    find_loops(links, MAX_LOOPS)
}

/// The loops as lists of raw connector ids, in the order reported.
fn shapes(result: &LoopSearch) -> Vec<Vec<u64>> {
    result
        .loops
        .iter()
        .map(|l| l.connectors.iter().map(|c| c.raw()).collect())
        .collect()
}

/// Checks that `found` is a real elementary cycle of polarised links in `links`.
fn assert_real_loop(links: &[Connector], found: &FeedbackLoop) {
    assert_eq!(found.connectors.len(), found.items.len());
    assert!(!found.connectors.is_empty());
    let count = found.connectors.len();
    for (i, id) in found.connectors.iter().enumerate() {
        let link = links.iter().find(|l| l.id == *id).unwrap();
        assert!(link.props.polarity.is_some(), "{id:?} has no polarity");
        assert_eq!(link.from, found.items[i]);
        assert_eq!(link.to, found.items[(i + 1) % count]);
    }
    let distinct: BTreeSet<_> = found.items.iter().collect();
    assert_eq!(distinct.len(), count, "an item repeats in {found:?}");
    assert_eq!(found.connectors.iter().min(), found.connectors.first());
}

#[test]
fn two_links_with_one_negative_make_a_balancing_loop() {
    // Waiting time (1) raises complaints (2); complaints bring more staff, lowering waiting time.
    let links = [link(20, 1, 2, POS), link(10, 2, 1, NEG)];
    let result = search(&links);
    assert!(!result.capped);
    assert_eq!(
        result.loops,
        vec![FeedbackLoop {
            connectors: connectors(&[10, 20]),
            items: items(&[2, 1]),
            kind: LoopKind::Balancing,
        }]
    );
}

#[test]
fn three_links_with_two_negatives_make_a_reinforcing_loop() {
    let links = [link(7, 5, 6, NEG), link(3, 6, 4, NEG), link(9, 4, 5, POS)];
    let result = search(&links);
    assert_eq!(
        result.loops,
        vec![FeedbackLoop {
            connectors: connectors(&[3, 9, 7]),
            items: items(&[6, 4, 5]),
            kind: LoopKind::Reinforcing,
        }]
    );
}

#[test]
fn one_unknown_link_makes_the_loop_unknown() {
    let links = [link(1, 1, 2, NEG), link(2, 2, 3, UNK), link(3, 3, 1, POS)];
    let result = search(&links);
    assert_eq!(result.loops.len(), 1);
    assert_eq!(result.loops[0].kind, LoopKind::Unknown);
}

#[test]
fn all_positive_loop_is_reinforcing() {
    let links = [link(1, 1, 2, POS), link(2, 2, 1, POS)];
    assert_eq!(search(&links).loops[0].kind, LoopKind::Reinforcing);
}

#[test]
fn kinds_have_tags_and_names() {
    assert_eq!(LoopKind::Reinforcing.tag(), "R");
    assert_eq!(LoopKind::Balancing.tag(), "B");
    assert_eq!(LoopKind::Unknown.tag(), "?");
    assert_eq!(LoopKind::Reinforcing.name(), "Reinforcing");
    assert_eq!(LoopKind::Balancing.name(), "Balancing");
    assert_eq!(LoopKind::Unknown.name(), "Not known yet");
}

#[test]
fn two_loops_through_one_item_are_two_loops_not_three() {
    // 1 ⇄ 2 and 1 ⇄ 3 share item 1; going round both is not an elementary loop.
    let links = [
        link(1, 1, 2, POS),
        link(2, 2, 1, NEG),
        link(3, 1, 3, POS),
        link(4, 3, 1, POS),
    ];
    let result = search(&links);
    assert_eq!(shapes(&result), vec![vec![1, 2], vec![3, 4]]);
    assert_eq!(result.loops[0].kind, LoopKind::Balancing);
    assert_eq!(result.loops[1].kind, LoopKind::Reinforcing);
}

#[test]
fn parallel_links_make_separate_loops() {
    let links = [link(1, 1, 2, POS), link(2, 1, 2, NEG), link(3, 2, 1, POS)];
    let result = search(&links);
    assert_eq!(shapes(&result), vec![vec![1, 3], vec![2, 3]]);
    assert_eq!(result.loops[0].kind, LoopKind::Reinforcing);
    assert_eq!(result.loops[1].kind, LoopKind::Balancing);
}

#[test]
fn a_link_to_itself_is_a_loop_of_one() {
    let links = [link(8, 4, 4, NEG), link(9, 4, 5, POS)];
    let result = search(&links);
    assert_eq!(
        result.loops,
        vec![FeedbackLoop {
            connectors: connectors(&[8]),
            items: items(&[4]),
            kind: LoopKind::Balancing,
        }]
    );
}

#[test]
fn links_without_polarity_are_left_out() {
    let mut links = vec![link(1, 1, 2, POS), link(2, 2, 1, None)];
    assert!(search(&links).loops.is_empty());
    links.push(link(3, 2, 1, NEG));
    links.push(link(4, 1, 1, None));
    assert_eq!(shapes(&search(&links)), vec![vec![1, 3]]);
}

#[test]
fn direction_is_from_start_to_end_whatever_the_arrows() {
    // Two links from 1 to 2 are not a loop, even if one shows its arrow at the start.
    let mut backwards_looking = link(2, 1, 2, NEG);
    backwards_looking.props.arrows = Arrows::From;
    let links = [link(1, 1, 2, POS), backwards_looking];
    assert!(search(&links).loops.is_empty());
}

#[test]
fn a_map_without_cycles_has_no_loops() {
    // A diamond with a tail: every path runs downhill.
    let links = [
        link(1, 1, 2, POS),
        link(2, 1, 3, NEG),
        link(3, 2, 4, POS),
        link(4, 3, 4, POS),
        link(5, 4, 5, NEG),
    ];
    let result = search(&links);
    assert!(result.loops.is_empty());
    assert!(!result.capped);
    assert_eq!(search(&[]), LoopSearch::default());
}

/// A small map with loops of one, two, three and four links, some sharing items.
fn mixed_map() -> Vec<Connector> {
    vec![
        link(60, 1, 2, POS),
        link(10, 2, 3, NEG),
        link(20, 3, 1, POS),
        link(50, 9, 9, NEG),
        link(30, 3, 4, POS),
        link(40, 4, 3, UNK),
        link(70, 4, 5, POS),
        link(80, 5, 2, NEG),
        link(90, 5, 6, None),
    ]
}

#[test]
fn loops_come_shortest_first_then_by_connector_ids() {
    let result = search(&mixed_map());
    assert_eq!(
        shapes(&result),
        vec![
            vec![50],
            vec![30, 40],
            vec![10, 20, 60],
            vec![10, 30, 70, 80],
        ]
    );
    for found in &result.loops {
        assert_real_loop(&mixed_map(), found);
    }
}

#[test]
fn the_order_of_the_links_does_not_matter() {
    let links = mixed_map();
    let mut reversed = links.clone();
    reversed.reverse();
    let mut rotated = links.clone();
    rotated.rotate_left(4);
    for cap in [MAX_LOOPS, 2] {
        let expected = find_loops(&links, cap);
        assert_eq!(find_loops(&reversed, cap), expected);
        assert_eq!(find_loops(&rotated, cap), expected);
    }
}

#[test]
fn the_cap_is_exact() {
    let links = mixed_map();
    let all = find_loops(&links, 4);
    assert_eq!(all.loops.len(), 4);
    assert!(!all.capped, "exactly four loops fit under a cap of four");

    let three = find_loops(&links, 3);
    assert_eq!(three.loops.len(), 3);
    assert!(three.capped);
    for found in &three.loops {
        assert!(all.loops.contains(found));
    }

    let none = find_loops(&links, 0);
    assert!(none.loops.is_empty());
    assert!(none.capped);
    assert!(!find_loops(&[link(1, 1, 2, POS)], 0).capped);
}

/// Every item links to every other item: 870 links and more loops than can ever be listed.
fn complete_map(size: u64) -> Vec<Connector> {
    let mut links = Vec::new();
    for from in 1..=size {
        for to in 1..=size {
            if from != to {
                let polarity = if (from + to) % 3 == 0 { NEG } else { POS };
                links.push(link(from * 1000 + to, from, to, polarity));
            }
        }
    }
    links
}

#[test]
fn a_complete_map_stops_at_the_cap() {
    let links = complete_map(30);
    let result = find_loops(&links, MAX_LOOPS);
    assert!(result.capped);
    assert_eq!(result.loops.len(), MAX_LOOPS);
    let distinct: BTreeSet<_> = result.loops.iter().map(|l| &l.connectors).collect();
    assert_eq!(distinct.len(), MAX_LOOPS);
    for found in &result.loops {
        assert_real_loop(&links, found);
    }
}

#[test]
fn without_a_loop_cap_the_step_limit_stops_a_complete_map() {
    let links = complete_map(30);
    let result = find_loops(&links, usize::MAX);
    assert!(result.capped);
    assert!(result.loops.len() > MAX_LOOPS);
    for found in result.loops.iter().step_by(97) {
        assert_real_loop(&links, found);
    }
}

#[test]
fn a_loop_of_ten_thousand_links_is_found_without_overflowing_the_stack() {
    const SIZE: u64 = 10_000;
    // Link `i` runs from item `i` to item `i + 1` (wrapping) and has id `SIZE - i`, so the loop
    // starts at the last link, whose id is 1; every third link is negative: 3334 of them.
    let links: Vec<Connector> = (0..SIZE)
        .map(|i| {
            let polarity = if i % 3 == 0 { NEG } else { POS };
            link(SIZE - i, i, (i + 1) % SIZE, polarity)
        })
        .collect();
    let result = search(&links);
    assert!(!result.capped);
    assert_eq!(result.loops.len(), 1);
    let found = &result.loops[0];
    assert_eq!(found.connectors.len(), SIZE as usize);
    assert_eq!(found.connectors[..2], connectors(&[1, SIZE]));
    assert_eq!(found.items[..3], items(&[SIZE - 1, 0, 1]));
    assert_eq!(found.kind, LoopKind::Reinforcing);
}

#[test]
fn connectors_sharing_an_id_count_once() {
    // A board never has this, but a loop must not list the same connector twice.
    let links = [link(5, 2, 1, POS), link(5, 1, 2, NEG), link(6, 2, 1, POS)];
    let result = search(&links);
    assert_eq!(
        result.loops,
        vec![FeedbackLoop {
            connectors: connectors(&[5, 6]),
            items: items(&[1, 2]),
            kind: LoopKind::Balancing,
        }]
    );
}

#[test]
fn extreme_ids_are_fine() {
    let links = [
        link(u64::MAX, 0, u64::MAX, POS),
        link(0, u64::MAX, 0, POS),
        link(1, u64::MAX, u64::MAX, NEG),
    ];
    assert_eq!(shapes(&search(&links)), vec![vec![1], vec![0, u64::MAX]]);
}
