//! Feedback loops, checked on random small maps against a brute-force count: every reported loop
//! is a real elementary cycle of polarised links, none is reported twice, the order of the links
//! does not matter, and when the search is not capped it finds exactly the loops that checking
//! every subset of links finds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};

use civic_canvas::model::{
    Connector, ConnectorId, FeedbackLoop, ItemId, LoopKind, Polarity, find_loops,
};
use proptest::prelude::*;

/// At most this many links, so the brute force checks at most 2^14 subsets.
const MAX_LINKS: usize = 14;

/// Spreads small numbers over the whole id range (multiplying by an odd number is one-to-one), so
/// id order differs from creation order.
fn scatter(n: usize, salt: u64) -> u64 {
    (n as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ salt
}

fn polarity() -> impl Strategy<Value = Option<Polarity>> {
    prop_oneof![
        3 => Just(Some(Polarity::Positive)),
        3 => Just(Some(Polarity::Negative)),
        1 => Just(Some(Polarity::Unknown)),
        1 => Just(None),
    ]
}

/// A random map of up to six items, with parallel links and links to self likely.
fn map() -> impl Strategy<Value = Vec<Connector>> {
    (1_usize..=6, any::<u64>())
        .prop_flat_map(|(item_count, salt)| {
            let link = (0..item_count, 0..item_count, polarity());
            (proptest::collection::vec(link, 0..=MAX_LINKS), Just(salt))
        })
        .prop_map(|(links, salt)| {
            links
                .into_iter()
                .enumerate()
                .map(|(n, (from, to, polarity))| {
                    let mut connector = Connector::new(
                        ConnectorId::from_raw(scatter(n, salt)),
                        ItemId::from_raw(scatter(from, salt.rotate_left(17))),
                        ItemId::from_raw(scatter(to, salt.rotate_left(17))),
                    );
                    connector.props.polarity = polarity;
                    connector
                })
                .collect()
        })
}

/// Every set of polarised links that forms one elementary cycle, found by trying every subset: a
/// subset is a cycle when each item in it has exactly one link in and one link out, and walking
/// from any link comes back to it after using all of them.
fn brute_force_cycles(links: &[Connector]) -> BTreeSet<BTreeSet<ConnectorId>> {
    let polarised: Vec<&Connector> = links
        .iter()
        .filter(|l| l.props.polarity.is_some())
        .collect();
    let mut cycles = BTreeSet::new();
    for subset in 1_u32..(1 << polarised.len()) {
        let chosen: Vec<&Connector> = polarised
            .iter()
            .enumerate()
            .filter(|(i, _)| subset & (1 << i) != 0)
            .map(|(_, l)| *l)
            .collect();
        let mut next: BTreeMap<ItemId, &Connector> = BTreeMap::new();
        let mut ends = BTreeSet::new();
        let mut one_in_one_out = true;
        for link in &chosen {
            one_in_one_out &= next.insert(link.from, link).is_none();
            one_in_one_out &= ends.insert(link.to);
        }
        if !one_in_one_out {
            continue;
        }
        let first = chosen[0];
        let mut at = first.to;
        let mut walked = 1;
        while at != first.from && walked <= chosen.len() {
            let Some(link) = next.get(&at) else { break };
            at = link.to;
            walked += 1;
        }
        if at == first.from && walked == chosen.len() {
            cycles.insert(chosen.iter().map(|l| l.id).collect());
        }
    }
    cycles
}

fn assert_real_loop(links: &[Connector], found: &FeedbackLoop) {
    let count = found.connectors.len();
    assert!(count > 0);
    assert_eq!(found.items.len(), count);
    let mut negatives = 0;
    let mut unknown = false;
    for (i, id) in found.connectors.iter().enumerate() {
        let link = links
            .iter()
            .find(|l| l.id == *id)
            .expect("a connector of the map");
        assert_eq!(
            link.from, found.items[i],
            "link {i} starts where the loop says"
        );
        assert_eq!(
            link.to,
            found.items[(i + 1) % count],
            "link {i} reaches the next item"
        );
        match link.props.polarity.expect("only polarised links") {
            Polarity::Positive => {}
            Polarity::Negative => negatives += 1,
            Polarity::Unknown => unknown = true,
        }
    }
    let distinct: BTreeSet<_> = found.items.iter().collect();
    assert_eq!(distinct.len(), count, "no item repeats");
    assert_eq!(found.connectors.iter().min(), found.connectors.first());
    let kind = match (unknown, negatives % 2) {
        (true, _) => LoopKind::Unknown,
        (false, 0) => LoopKind::Reinforcing,
        (false, _) => LoopKind::Balancing,
    };
    assert_eq!(found.kind, kind);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn loops_are_exactly_the_elementary_cycles(links in map()) {
        let result = find_loops(&links, usize::MAX);
        prop_assert!(!result.capped);
        for found in &result.loops {
            assert_real_loop(&links, found);
        }
        let reported: Vec<BTreeSet<ConnectorId>> = result
            .loops
            .iter()
            .map(|l| l.connectors.iter().copied().collect())
            .collect();
        let distinct: BTreeSet<_> = reported.iter().cloned().collect();
        prop_assert_eq!(distinct.len(), reported.len(), "a loop is reported twice");
        let expected = brute_force_cycles(&links);
        prop_assert_eq!(reported.len(), expected.len());
        prop_assert_eq!(distinct, expected);
        let lengths: Vec<usize> = result.loops.iter().map(|l| l.connectors.len()).collect();
        prop_assert!(lengths.is_sorted(), "shortest loops first: {:?}", lengths);
    }

    #[test]
    fn a_cap_keeps_a_stable_subset(links in map(), cap in 0_usize..6, shuffle_seed in any::<u64>()) {
        let all = find_loops(&links, usize::MAX);
        let result = find_loops(&links, cap);
        prop_assert_eq!(result.capped, all.loops.len() > cap);
        prop_assert_eq!(result.loops.len(), all.loops.len().min(cap));
        for found in &result.loops {
            prop_assert!(all.loops.contains(found));
        }
        let mut shuffled = links.clone();
        if !shuffled.is_empty() {
            let len = shuffled.len();
            shuffled.rotate_left(shuffle_seed as usize % len);
            shuffled.swap(0, (shuffle_seed >> 32) as usize % len);
        }
        prop_assert_eq!(find_loops(&shuffled, cap), result);
    }
}
