//! Johnson's circuit search on the graph of polarised links, with explicit stacks and a step limit.
//!
//! For each strongly connected component, the search lists the circuits through its smallest item
//! `s`, removes `s`, splits what is left into strongly connected components again and goes on with
//! those. Every item chosen as `s` lies on at least one circuit, which is what keeps the work
//! between two circuits found within about `items + links` steps.

use super::graph::Graph;

/// The most steps one search takes (see [`super::find_loops`]).
pub(super) const MAX_STEPS: usize = 2_000_000;

/// The steps charged for each link of a loop put into the result: turning the loops into
/// [`super::FeedbackLoop`]s and sorting them costs more than following a link.
const STEPS_PER_RESULT_LINK: usize = 4;

/// The circuits a search found, as link numbers in travel order.
pub(super) struct Circuits {
    pub(super) circuits: Vec<Vec<usize>>,
    /// True when the search stopped at the cap or the step limit with circuits possibly left.
    pub(super) stopped_early: bool,
}

/// What the search keeps about each item.
#[derive(Clone, Default)]
struct ItemState {
    /// Equal to the search's current `stamp` while the item is in the component being searched.
    member: usize,
    /// Johnson's "blocked": every way from here back to the start runs into the current path.
    blocked: bool,
    /// Johnson's B list: items to unblock when this one is unblocked.
    blocked_by: Vec<usize>,
    /// Tarjan's visiting order, or `UNVISITED`.
    index: usize,
    /// Tarjan's lowest reachable visiting order.
    low: usize,
    /// Whether the item is on Tarjan's stack.
    on_stack: bool,
}

const UNVISITED: usize = usize::MAX;

/// One item on the path of the circuit search.
struct Frame {
    item: usize,
    /// The position in the item's outgoing links to try next.
    next: usize,
    /// Whether a circuit was found through this item since it joined the path.
    closed: bool,
}

struct Search<'g> {
    graph: &'g Graph,
    state: Vec<ItemState>,
    stamp: usize,
    cap: usize,
    steps_left: usize,
    found: Vec<Vec<usize>>,
    stopped: bool,
}

/// The elementary circuits of `graph`, at most `cap` of them and within about `max_steps` steps.
pub(super) fn circuits(graph: &Graph, cap: usize, max_steps: usize) -> Circuits {
    let mut search = Search {
        graph,
        state: vec![ItemState::default(); graph.item_count()],
        stamp: 0,
        cap,
        steps_left: max_steps,
        found: Vec::new(),
        stopped: false,
    };
    search.run();
    Circuits {
        circuits: search.found,
        stopped_early: search.stopped,
    }
}

impl Search<'_> {
    fn run(&mut self) {
        let graph = self.graph;
        for &link in graph.self_links() {
            if !self.take(1) || !self.record(&[link]) {
                return;
            }
        }
        let all: Vec<usize> = (0..graph.item_count()).collect();
        self.enter(&all);
        let mut pending = self.components(&all);
        pending.reverse();
        while let Some(component) = pending.pop() {
            let Some((&start, rest)) = component.split_first() else {
                continue;
            };
            self.enter(&component);
            self.circuits_through(start);
            if self.stopped {
                return;
            }
            if let Some(state) = self.state.get_mut(start) {
                state.member = 0;
            }
            let mut parts = self.components(rest);
            if self.stopped {
                return;
            }
            parts.reverse();
            pending.extend(parts);
        }
    }

    /// Spends `steps`; false (and the search stops) when the step limit is reached.
    fn take(&mut self, steps: usize) -> bool {
        if self.steps_left < steps {
            self.steps_left = 0;
            self.stopped = true;
        } else {
            self.steps_left -= steps;
        }
        !self.stopped
    }

    /// Keeps a circuit; false (and the search stops) if the cap is already reached.
    fn record(&mut self, circuit: &[usize]) -> bool {
        if self.found.len() >= self.cap
            || !self.take(STEPS_PER_RESULT_LINK.saturating_mul(circuit.len()))
        {
            self.stopped = true;
            return false;
        }
        self.found.push(circuit.to_vec());
        true
    }

    /// Makes `items` the component being searched, all unblocked.
    fn enter(&mut self, items: &[usize]) {
        self.stamp += 1;
        for &item in items {
            if let Some(state) = self.state.get_mut(item) {
                state.member = self.stamp;
                state.blocked = false;
                state.blocked_by.clear();
            }
        }
    }

    fn is_member(&self, item: usize) -> bool {
        self.state.get(item).is_some_and(|s| s.member == self.stamp)
    }

    fn is_blocked(&self, item: usize) -> bool {
        self.state.get(item).is_some_and(|s| s.blocked)
    }

    fn set_blocked(&mut self, item: usize) {
        if let Some(state) = self.state.get_mut(item) {
            state.blocked = true;
        }
    }

    /// Johnson's CIRCUIT(s): every circuit through `start` among the current component's items.
    fn circuits_through(&mut self, start: usize) {
        let graph = self.graph;
        let mut path: Vec<usize> = Vec::new();
        let mut frames = vec![Frame {
            item: start,
            next: 0,
            closed: false,
        }];
        self.set_blocked(start);
        while let Some(frame) = frames.last_mut() {
            let item = frame.item;
            let out = graph.out(item);
            if let Some(&link) = out.get(frame.next) {
                frame.next += 1;
                if !self.take(1) {
                    return;
                }
                let Some(to) = graph.to(link) else { continue };
                if !self.is_member(to) {
                    continue;
                }
                if to == start {
                    frame.closed = true;
                    path.push(link);
                    let kept = self.record(&path);
                    path.pop();
                    if !kept {
                        return;
                    }
                } else if !self.is_blocked(to) {
                    self.set_blocked(to);
                    path.push(link);
                    frames.push(Frame {
                        item: to,
                        next: 0,
                        closed: false,
                    });
                }
            } else {
                let closed = frame.closed;
                frames.pop();
                path.pop();
                if closed {
                    self.unblock(item);
                    if let Some(parent) = frames.last_mut() {
                        parent.closed = true;
                    }
                } else {
                    self.wait_for_neighbours(item, out);
                }
                if self.stopped {
                    return;
                }
            }
        }
    }

    /// Johnson's UNBLOCK, with a stack instead of recursion.
    fn unblock(&mut self, item: usize) {
        let mut stack = vec![item];
        while let Some(item) = stack.pop() {
            if !self.take(1) {
                return;
            }
            if let Some(state) = self.state.get_mut(item)
                && state.blocked
            {
                state.blocked = false;
                stack.append(&mut state.blocked_by);
            }
        }
    }

    /// An item left without finding a circuit stays blocked until one of the items it links to
    /// is unblocked.
    fn wait_for_neighbours(&mut self, item: usize, out: &[usize]) {
        for &link in out {
            let Some(to) = self.graph.to(link) else {
                continue;
            };
            if !self.is_member(to) {
                continue;
            }
            let Some(state) = self.state.get_mut(to) else {
                continue;
            };
            let cost = 1 + state.blocked_by.len();
            if !state.blocked_by.contains(&item) {
                state.blocked_by.push(item);
            }
            if !self.take(cost) {
                return;
            }
        }
    }

    /// Tarjan's strongly connected components among `items` (all current members), without
    /// recursion. Only components of two or more items are returned (a single item has no circuit
    /// once links to itself are set aside), each sorted.
    fn components(&mut self, items: &[usize]) -> Vec<Vec<usize>> {
        let graph = self.graph;
        for &item in items {
            if let Some(state) = self.state.get_mut(item) {
                state.index = UNVISITED;
                state.on_stack = false;
            }
        }
        let mut components = Vec::new();
        let mut counter = 0;
        let mut stack: Vec<usize> = Vec::new();
        let mut calls: Vec<(usize, usize)> = Vec::new();
        for &root in items {
            if self.state.get(root).is_none_or(|s| s.index != UNVISITED) {
                continue;
            }
            self.visit(root, &mut counter, &mut stack);
            calls.push((root, 0));
            while let Some((item, next)) = calls.last_mut() {
                let item = *item;
                if let Some(&link) = graph.out(item).get(*next) {
                    *next += 1;
                    if !self.take(1) {
                        return components;
                    }
                    let Some(to) = graph.to(link) else { continue };
                    let Some(to_state) = self.state.get(to) else {
                        continue;
                    };
                    if to_state.member != self.stamp {
                        continue;
                    }
                    if to_state.index == UNVISITED {
                        self.visit(to, &mut counter, &mut stack);
                        calls.push((to, 0));
                    } else if to_state.on_stack {
                        let to_index = to_state.index;
                        self.lower(item, to_index);
                    }
                } else {
                    calls.pop();
                    let Some(state) = self.state.get(item) else {
                        continue;
                    };
                    let (index, low) = (state.index, state.low);
                    if let Some(&(parent, _)) = calls.last() {
                        self.lower(parent, low);
                    }
                    if low == index {
                        let component = self.pop_component(item, &mut stack);
                        if component.len() > 1 {
                            components.push(component);
                        }
                    }
                }
            }
        }
        components
    }

    fn visit(&mut self, item: usize, counter: &mut usize, stack: &mut Vec<usize>) {
        if let Some(state) = self.state.get_mut(item) {
            state.index = *counter;
            state.low = *counter;
            state.on_stack = true;
            *counter += 1;
            stack.push(item);
        }
    }

    fn lower(&mut self, item: usize, low: usize) {
        if let Some(state) = self.state.get_mut(item) {
            state.low = state.low.min(low);
        }
    }

    /// Pops Tarjan's stack down to `root`: one strongly connected component, sorted.
    fn pop_component(&mut self, root: usize, stack: &mut Vec<usize>) -> Vec<usize> {
        let mut component = Vec::new();
        while let Some(item) = stack.pop() {
            if let Some(state) = self.state.get_mut(item) {
                state.on_stack = false;
            }
            component.push(item);
            if item == root {
                break;
            }
        }
        component.sort_unstable();
        component
    }
}
