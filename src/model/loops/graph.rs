//! The polarised links of a board as a graph the search can walk: items become dense numbers
//! `0..n` in id order and links are kept in connector-id order, so the search visits everything in
//! the same order for the same set of links, whatever order the board lists them in.

use super::{FeedbackLoop, LoopKind};
use crate::model::{Connector, ConnectorId, ItemId, Polarity};

/// One polarised link, with its ends as dense item numbers.
struct Link {
    id: ConnectorId,
    from: usize,
    to: usize,
    polarity: Polarity,
}

/// The polarised links, indexed for the search.
pub(super) struct Graph {
    /// Every item at either end of a link, sorted; an item's number is its position here.
    items: Vec<ItemId>,
    /// The links sorted by connector id; a link's number is its position here.
    links: Vec<Link>,
    /// For each item, the links leaving it towards another item, in link order.
    out: Vec<Vec<usize>>,
    /// The links from an item to itself, in link order.
    self_links: Vec<usize>,
}

/// An order on polarities, only to make sorting total.
fn polarity_rank(polarity: Polarity) -> u8 {
    match polarity {
        Polarity::Positive => 0,
        Polarity::Negative => 1,
        Polarity::Unknown => 2,
    }
}

impl Graph {
    /// The graph of the connectors that have a polarity.
    pub(super) fn new<'a>(connectors: impl IntoIterator<Item = &'a Connector>) -> Self {
        let mut raw: Vec<(ConnectorId, ItemId, ItemId, Polarity)> = connectors
            .into_iter()
            .filter_map(|c| c.props.polarity.map(|p| (c.id, c.from, c.to, p)))
            .collect();
        raw.sort_unstable_by_key(|&(id, from, to, p)| (id, from, to, polarity_rank(p)));
        raw.dedup_by_key(|link| link.0);

        let mut items: Vec<ItemId> = raw.iter().flat_map(|l| [l.1, l.2]).collect();
        items.sort_unstable();
        items.dedup();

        let mut links = Vec::with_capacity(raw.len());
        for (id, from, to, polarity) in raw {
            let (Ok(from), Ok(to)) = (items.binary_search(&from), items.binary_search(&to)) else {
                continue;
            };
            links.push(Link {
                id,
                from,
                to,
                polarity,
            });
        }

        let mut out = vec![Vec::new(); items.len()];
        let mut self_links = Vec::new();
        for (number, link) in links.iter().enumerate() {
            if link.from == link.to {
                self_links.push(number);
            } else if let Some(list) = out.get_mut(link.from) {
                list.push(number);
            }
        }
        Self {
            items,
            links,
            out,
            self_links,
        }
    }

    /// How many items have a polarised link.
    pub(super) fn item_count(&self) -> usize {
        self.items.len()
    }

    /// The links from an item to itself, in link order.
    pub(super) fn self_links(&self) -> &[usize] {
        &self.self_links
    }

    /// Where a link ends.
    pub(super) fn to(&self, link: usize) -> Option<usize> {
        self.links.get(link).map(|l| l.to)
    }

    /// The links leaving an item towards another item, in link order.
    pub(super) fn out(&self, item: usize) -> &[usize] {
        self.out.get(item).map_or(&[], Vec::as_slice)
    }

    /// The loop made of these links (numbers, in travel order), rotated to start at the smallest
    /// connector id.
    pub(super) fn feedback_loop(&self, circuit: &[usize]) -> FeedbackLoop {
        let start = circuit
            .iter()
            .enumerate()
            .filter_map(|(position, &link)| Some((self.links.get(link)?.id, position)))
            .min()
            .map_or(0, |(_, position)| position);
        let rotated = || {
            let (before, after) = circuit.split_at(start.min(circuit.len()));
            after
                .iter()
                .chain(before)
                .filter_map(|&link| self.links.get(link))
        };
        FeedbackLoop {
            connectors: rotated().map(|link| link.id).collect(),
            items: rotated()
                .filter_map(|link| self.items.get(link.from).copied())
                .collect(),
            kind: LoopKind::of(rotated().map(|link| link.polarity)),
        }
    }
}
