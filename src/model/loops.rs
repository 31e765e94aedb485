//! Feedback loops in a system map: directed cycles of polarised links, tagged reinforcing (R) or
//! balancing (B), as in causal loop diagrams.
//!
//! Only connectors with a [`Polarity`] take part; a link runs from its `from` item to its `to` item
//! whatever arrow heads it shows. Two links between the same items in the same direction are two
//! different links, so they make two different loops, and a link from an item to itself is a loop
//! of one link.
//!
//! The search is Johnson's algorithm for elementary circuits ("Finding all the elementary circuits
//! of a directed graph", 1975), written with explicit stacks so a long chain cannot overflow the
//! call stack. A map can hold astronomically many loops, so the search stops after a number of
//! loops chosen by the caller ([`MAX_LOOPS`] for the app) and after a fixed amount of work; either
//! way [`LoopSearch::capped`] says that some loops were left out.

mod graph;
mod search;
#[cfg(test)]
mod tests;

use super::{Connector, ConnectorId, ItemId, Polarity};

/// The most loops the app lists for one board. A workshop map rarely has more than a few dozen;
/// past a couple of hundred, a list stops being readable and the board needs a smaller view.
pub const MAX_LOOPS: usize = 200;

/// A causal loop: a directed cycle of connectors that all have a polarity.
///
/// No item appears twice in a loop (it is an elementary cycle). The loop is stored in a canonical
/// rotation: it starts with the connector whose id is the smallest, so the same loop always looks
/// the same, whatever order the board lists its links in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FeedbackLoop {
    /// The links, in the order the effect travels, starting with the one with the smallest id.
    /// The last one ends where the first one starts.
    pub connectors: Vec<ConnectorId>,
    /// The items the effect passes through: `items[i]` is the start of `connectors[i]`.
    pub items: Vec<ItemId>,
    /// Whether the loop amplifies or dampens change.
    pub kind: LoopKind,
}

/// What a loop does to a change that goes round it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoopKind {
    /// An even number of negative links (zero included): a change comes back stronger.
    Reinforcing,
    /// An odd number of negative links: a change comes back weakened, towards a balance.
    Balancing,
    /// At least one link's effect is not known yet, so neither can be told.
    Unknown,
}

impl LoopKind {
    /// The kind of a loop made of links with these polarities.
    pub fn of(polarities: impl IntoIterator<Item = Polarity>) -> Self {
        let mut negative_count_is_odd = false;
        for polarity in polarities {
            match polarity {
                Polarity::Positive => {}
                Polarity::Negative => negative_count_is_odd = !negative_count_is_odd,
                Polarity::Unknown => return Self::Unknown,
            }
        }
        if negative_count_is_odd {
            Self::Balancing
        } else {
            Self::Reinforcing
        }
    }

    /// The short tag drawn in the middle of a loop: "R", "B" or "?".
    pub fn tag(self) -> &'static str {
        match self {
            Self::Reinforcing => "R",
            Self::Balancing => "B",
            Self::Unknown => "?",
        }
    }

    /// The kind's name, for lists and tooltips.
    pub fn name(self) -> &'static str {
        match self {
            Self::Reinforcing => "Reinforcing",
            Self::Balancing => "Balancing",
            Self::Unknown => "Not known yet",
        }
    }
}

/// The tags loops are known by, in order: "R1", "R2", … for reinforcing loops, "B1", … for
/// balancing ones and "?1", … for those not known yet, each kind counted on its own.
pub fn loop_tags(loops: &[FeedbackLoop]) -> Vec<String> {
    let mut counts = [0usize; 3];
    loops
        .iter()
        .map(|found| {
            let slot = match found.kind {
                LoopKind::Reinforcing => 0,
                LoopKind::Balancing => 1,
                LoopKind::Unknown => 2,
            };
            let count = counts.get_mut(slot).map_or(0, |count| {
                *count += 1;
                *count
            });
            format!("{}{count}", found.kind.tag())
        })
        .collect()
}

/// The result of [`find_loops`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoopSearch {
    /// The loops found, shortest first; loops of the same length are ordered by their connector
    /// ids.
    pub loops: Vec<FeedbackLoop>,
    /// True when the search stopped early: at the loop cap (the board has more loops than
    /// [`Self::loops`] lists) or at the step limit (it may have more). Which loops are kept then is
    /// still the same on every run for the same links, but they are not necessarily the shortest.
    pub capped: bool,
}

/// Finds the feedback loops among the polarised links in `connectors`, at most `cap` of them.
///
/// Connectors without a polarity are ignored. The result depends only on the set of links, not on
/// the order they are given in. If two connectors share an id (a board never has that), only the
/// one with the smallest ends counts.
///
/// The work is bounded twice: the search stops when it finds loop number `cap + 1`, and it stops
/// after two million steps, where a step is following one link or unblocking one item, and putting
/// a loop into the result costs four steps per link. Between two loops found, Johnson's algorithm
/// takes at most about `items + links` steps, so with `cap` = [`MAX_LOOPS`] the step limit only
/// matters for boards with thousands of links. Sorting the links once comes on top. Measured
/// (`cargo bench --bench loops`): a 300-link system map takes well under a millisecond, and 30
/// items all linked to each other (870 links) take about 0.1 ms with the app's cap and about
/// 8 ms when only the step limit stops the search.
pub fn find_loops<'a>(
    connectors: impl IntoIterator<Item = &'a Connector>,
    cap: usize,
) -> LoopSearch {
    let graph = graph::Graph::new(connectors);
    let found = search::circuits(&graph, cap, search::MAX_STEPS);
    let mut loops: Vec<FeedbackLoop> = found
        .circuits
        .iter()
        .map(|circuit| graph.feedback_loop(circuit))
        .collect();
    // No two loops are equal, so an unstable sort gives one order.
    loops.sort_unstable_by(|a, b| {
        (a.connectors.len(), &a.connectors).cmp(&(b.connectors.len(), &b.connectors))
    });
    LoopSearch {
        loops,
        capped: found.stopped_early,
    }
}
