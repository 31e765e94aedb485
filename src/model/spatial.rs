//! A spatial index of rectangles on the board: a hierarchy of uniform grids.
//!
//! Level 0 has square cells [`CELL`] board units wide, about one note; each level's cells are
//! [`LEVEL_FACTOR`] times wider than the one below, and the top level holds what is wider than
//! any cell. A rectangle goes into the lowest level whose cells are at least as wide as it is,
//! so it lies in at most 2 × 2 cells there: a note and a 10,000-unit frame cost the same to add,
//! move and find. Finding what is near a rectangle looks at the cells it covers on each level
//! in use; when that is more cells than the level holds, it walks the level's cells instead, so a
//! query over the whole board never visits empty cells.
//!
//! Coordinates anywhere in `f32` range work: a cell number is rounded towards the nearest `i64`
//! that exists, which keeps the order of positions, so whatever overlaps in board units overlaps
//! in cells too. A rectangle with a coordinate that is not finite (which only a file being
//! repaired has) goes into the top level, where it is kept by key.

use std::collections::HashMap;
use std::hash::Hash;

use super::{Point, Rect};

/// The width of a level-0 cell, in board units.
const CELL: f32 = 256.0;
/// How many times wider each level's cells are than those of the level below.
const LEVEL_FACTOR: f32 = 8.0;
/// Levels below the top one; the widest has cells of 2^125 board units.
const LEVELS: usize = 40;

/// The cells a rectangle covers on one level, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cells {
    min: (i64, i64),
    max: (i64, i64),
}

impl Cells {
    /// How many cells this is, without overflowing.
    fn count(self) -> u128 {
        let span = |low: i64, high: i64| (i128::from(high) - i128::from(low) + 1).max(0) as u128;
        span(self.min.0, self.max.0).saturating_mul(span(self.min.1, self.max.1))
    }

    fn contains(self, cell: (i64, i64)) -> bool {
        (self.min.0..=self.max.0).contains(&cell.0) && (self.min.1..=self.max.1).contains(&cell.1)
    }

    /// The first cell (in reading order) that both cover: where a rectangle found in several
    /// cells is reported, so each is reported once.
    fn first_shared(self, other: Self) -> (i64, i64) {
        (self.min.0.max(other.min.0), self.min.1.max(other.min.1))
    }

    fn each(self) -> impl Iterator<Item = (i64, i64)> {
        (self.min.1..=self.max.1).flat_map(move |y| (self.min.0..=self.max.0).map(move |x| (x, y)))
    }
}

/// One entry in a cell: a key and its rectangle, so a query filters without looking keys up.
#[derive(Clone, Debug)]
struct Entry<K> {
    key: K,
    bounds: Rect,
}

/// One grid of the hierarchy.
#[derive(Clone, Debug)]
struct Level<K> {
    /// The width of a cell in board units.
    cell: f32,
    cells: HashMap<(i64, i64), Vec<Entry<K>>>,
}

impl<K: Copy + Eq> Level<K> {
    fn cell_of(&self, point: Point) -> (i64, i64) {
        // `as` rounds towards the nearest i64 that exists (and NaN to 0), keeping the order.
        (
            (point.x / self.cell).floor() as i64,
            (point.y / self.cell).floor() as i64,
        )
    }

    fn cells_of(&self, bounds: Rect) -> Cells {
        Cells {
            min: self.cell_of(bounds.min),
            max: self.cell_of(bounds.max),
        }
    }

    /// Calls `found` once for every entry whose rectangle meets `query`.
    fn search(&self, query: Rect, found: &mut impl FnMut(K)) {
        let covered = self.cells_of(query);
        let mut visit = |cell: (i64, i64), entries: &Vec<Entry<K>>| {
            for entry in entries {
                if entry.bounds.meets(query)
                    && self.cells_of(entry.bounds).first_shared(covered) == cell
                {
                    found(entry.key);
                }
            }
        };
        if covered.count() <= self.cells.len() as u128 {
            for cell in covered.each() {
                if let Some(entries) = self.cells.get(&cell) {
                    visit(cell, entries);
                }
            }
        } else {
            for (&cell, entries) in &self.cells {
                if covered.contains(cell) {
                    visit(cell, entries);
                }
            }
        }
    }
}

/// Where a key sits in the index.
#[derive(Clone, Copy, Debug)]
struct Placement {
    level: usize,
    bounds: Rect,
}

/// Rectangles by key, found by where they are (see the module docs).
#[derive(Clone, Debug)]
pub(crate) struct SpatialIndex<K> {
    /// Level 0 first, up to the widest grid.
    levels: Vec<Level<K>>,
    /// How many keys each level holds, to skip empty ones.
    counts: Vec<usize>,
    /// The top level: rectangles wider than any grid's cells, or not finite (only in a file
    /// being repaired), each looked at on every search. Kept by key, so that thousands of them
    /// come and go in constant time each.
    top: HashMap<K, Rect>,
    placements: HashMap<K, Placement>,
}

impl<K> Default for SpatialIndex<K> {
    fn default() -> Self {
        let mut cell = CELL;
        let mut levels = Vec::with_capacity(LEVELS);
        for _ in 0..LEVELS {
            levels.push(Level {
                cell,
                cells: HashMap::new(),
            });
            cell *= LEVEL_FACTOR;
        }
        Self {
            counts: vec![0; levels.len()],
            levels,
            top: HashMap::new(),
            placements: HashMap::new(),
        }
    }
}

impl<K: Copy + Eq + Hash> SpatialIndex<K> {
    /// How many keys the index holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.placements.len()
    }

    /// The rectangle stored for `key`, if any.
    pub fn bounds(&self, key: K) -> Option<Rect> {
        self.placements.get(&key).map(|placement| placement.bounds)
    }

    /// Stores `key` at `bounds`, replacing where it was before.
    pub fn set(&mut self, key: K, bounds: Rect) {
        self.remove(key);
        let width = (bounds.max.x - bounds.min.x).max(bounds.max.y - bounds.min.y);
        let finite = [bounds.min.x, bounds.min.y, bounds.max.x, bounds.max.y]
            .iter()
            .all(|value| value.is_finite());
        let level = self
            .levels
            .iter()
            .position(|level| finite && width <= level.cell)
            .unwrap_or(self.levels.len());
        let Some(grid) = self.levels.get_mut(level) else {
            self.top.insert(key, bounds);
            self.placements.insert(key, Placement { level, bounds });
            return;
        };
        for cell in grid.cells_of(bounds).each() {
            grid.cells
                .entry(cell)
                .or_default()
                .push(Entry { key, bounds });
        }
        if let Some(count) = self.counts.get_mut(level) {
            *count += 1;
        }
        self.placements.insert(key, Placement { level, bounds });
    }

    /// Forgets `key`; nothing happens if it is not stored.
    pub fn remove(&mut self, key: K) {
        let Some(placement) = self.placements.remove(&key) else {
            return;
        };
        let Some(grid) = self.levels.get_mut(placement.level) else {
            self.top.remove(&key);
            return;
        };
        for cell in grid.cells_of(placement.bounds).each() {
            if let Some(entries) = grid.cells.get_mut(&cell) {
                entries.retain(|entry| entry.key != key);
                if entries.is_empty() {
                    grid.cells.remove(&cell);
                }
            }
        }
        if let Some(count) = self.counts.get_mut(placement.level) {
            *count = count.saturating_sub(1);
        }
    }

    /// Calls `found` once for every key whose rectangle meets `query` (edges included), in no
    /// particular order.
    pub fn search(&self, query: Rect, mut found: impl FnMut(K)) {
        for (level, &count) in self.levels.iter().zip(&self.counts) {
            if count > 0 {
                level.search(query, &mut found);
            }
        }
        for (&key, bounds) in &self.top {
            if bounds.meets(query) {
                found(key);
            }
        }
    }

    /// Whether `query` covers at least as many of the finest cells as hold anything: then most
    /// keys are likely to meet it, and a plain scan is as quick as the index.
    pub fn is_wide(&self, query: Rect) -> bool {
        self.levels
            .first()
            .is_some_and(|finest| finest.cells_of(query).count() >= finest.cells.len() as u128)
    }

    /// Every key whose rectangle meets `query`, in no particular order.
    pub fn keys_meeting(&self, query: Rect) -> Vec<K> {
        let mut keys = Vec::new();
        self.search(query, |key| keys.push(key));
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32, width: f32, height: f32) -> Rect {
        Rect::spanning(Point::new(x, y), Point::new(x + width, y + height))
    }

    fn sorted(mut keys: Vec<u32>) -> Vec<u32> {
        keys.sort_unstable();
        keys
    }

    #[test]
    fn finds_each_rectangle_once_whatever_its_size() {
        let mut index = SpatialIndex::default();
        index.set(1, rect(10.0, 10.0, 200.0, 200.0));
        index.set(2, rect(-600.0, -600.0, 1200.0, 1248.0));
        index.set(3, rect(-5000.0, -5000.0, 10_000.0, 10_000.0));
        index.set(4, rect(3000.0, 3000.0, 0.5, 0.5));
        let query = |x, y, w, h| sorted(index.keys_meeting(rect(x, y, w, h)));
        assert_eq!(query(0.0, 0.0, 100.0, 100.0), vec![1, 2, 3]);
        assert_eq!(query(3000.2, 3000.2, 0.0, 0.0), vec![3, 4]);
        assert_eq!(query(-1e30, -1e30, 2e30, 2e30), vec![1, 2, 3, 4]);
        assert_eq!(query(6000.0, 0.0, 10.0, 10.0), Vec::<u32>::new());
        // Edges touch.
        assert_eq!(query(210.0, 210.0, 5.0, 5.0), vec![1, 2, 3]);
        assert_eq!(query(210.01, 0.0, 5.0, 5.0), vec![2, 3]);
    }

    #[test]
    fn moving_and_removing_leave_no_trace() {
        let mut index = SpatialIndex::default();
        index.set(1, rect(0.0, 0.0, 100.0, 100.0));
        index.set(1, rect(5000.0, 0.0, 100.0, 100.0));
        assert!(index.keys_meeting(rect(0.0, 0.0, 100.0, 100.0)).is_empty());
        assert_eq!(index.keys_meeting(rect(5050.0, 50.0, 1.0, 1.0)), vec![1]);
        // From small to huge: it changes level.
        index.set(1, rect(0.0, 0.0, 1e6, 1e6));
        assert_eq!(index.keys_meeting(rect(5050.0, 50.0, 1.0, 1.0)), vec![1]);
        assert_eq!(index.len(), 1);
        index.remove(1);
        assert!(index.keys_meeting(rect(5050.0, 50.0, 1.0, 1.0)).is_empty());
        assert_eq!(index.len(), 0);
        assert!(index.levels.iter().all(|level| level.cells.is_empty()));
        assert!(index.counts.iter().all(|&count| count == 0));
    }

    #[test]
    fn far_out_and_endless_rectangles_are_found() {
        let mut index = SpatialIndex::default();
        index.set(1, rect(3e38, -3e38, 1.0, 1.0));
        index.set(2, rect(-3e38, -3e38, 3e38, 3e38));
        index.set(3, rect(0.0, 0.0, f32::MAX, f32::MAX));
        index.set(
            4,
            Rect::spanning(Point::new(0.0, 0.0), Point::new(f32::INFINITY, 1.0)),
        );
        assert_eq!(index.keys_meeting(rect(3e38, -3e38, 0.0, 0.0)), vec![1]);
        assert_eq!(
            sorted(index.keys_meeting(rect(1e37, 0.5, 0.0, 0.0))),
            vec![3, 4]
        );
        assert_eq!(
            sorted(index.keys_meeting(rect(-1.0, -1.0, 0.5, 0.5))),
            vec![2]
        );
        for key in 1..=4 {
            index.remove(key);
        }
        assert!(index.levels.iter().all(|level| level.cells.is_empty()));
    }

    #[test]
    fn a_query_is_wide_when_it_covers_as_many_cells_as_are_occupied() {
        let mut index = SpatialIndex::default();
        for n in 0..10_u32 {
            index.set(n, rect(n as f32 * 1000.0, 0.0, 10.0, 10.0));
        }
        assert!(!index.is_wide(rect(0.0, 0.0, 300.0, 300.0)));
        assert!(index.is_wide(rect(0.0, 0.0, 10_000.0, 10.0)));
    }

    #[test]
    fn a_query_wider_than_the_occupied_cells_walks_them() {
        let mut index = SpatialIndex::default();
        for n in 0..50_u32 {
            index.set(n, rect(n as f32 * 300.0, 0.0, 200.0, 200.0));
        }
        // About 2^40 cells: only the occupied ones can be visited.
        let all = index.keys_meeting(rect(-1e8, -1e8, 2e8, 2e8));
        assert_eq!(sorted(all), (0..50).collect::<Vec<_>>());
        let some = index.keys_meeting(rect(250.0, 0.0, 400.0, 10.0));
        assert_eq!(sorted(some), vec![1, 2]);
    }
}
