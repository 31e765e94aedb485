//! Finding where things are in a board file's text, to point warnings at the right line and
//! column, in time that grows with the file's size whatever the file holds.
//!
//! The text is read once up front for where its lines start and where each `id:` value is. After
//! that, every search stays inside the block of one item (from its `id:` to the next one), and
//! all searching and column counting together may read at most a few times the text's length
//! ([`SEARCH_BUDGET_TIMES`]). Only the first [`LOCATED_WARNINGS`] warnings are located; any
//! more are counted but get no position, so a file with 80,000 broken parts loads as quickly as
//! one with a few.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use super::{Position, position};

/// How many warnings of one file get a line and column.
pub const LOCATED_WARNINGS: usize = 100;

/// How many times the text's length all searches for positions may read together.
const SEARCH_BUDGET_TIMES: usize = 4;

/// The least the searches may read, for small files.
const SEARCH_BUDGET_FLOOR: usize = 1 << 20;

/// Where things are in one board file's text (see the module docs).
pub(super) struct Locator<'t> {
    text: &'t str,
    /// Where ids and lines are, read at the first search (most files need none).
    index: OnceCell<Index<'t>>,
    /// Bytes the searches may still read.
    budget: Cell<usize>,
    /// Warnings located so far.
    located: Cell<usize>,
}

/// Where ids and lines are in a text.
struct Index<'t> {
    /// Where each `id:` value starts, in order.
    ids: Vec<usize>,
    /// For each quoted `id:` value, the index in `ids` of its first appearance.
    first: HashMap<&'t str, usize>,
    /// Where each line starts.
    line_starts: Vec<usize>,
}

impl<'t> Index<'t> {
    fn of(text: &'t str) -> Self {
        let ids: Vec<usize> = position::field_values(text, "id").collect();
        let mut first = HashMap::with_capacity(ids.len());
        for (index, &start) in ids.iter().enumerate() {
            if let Some(value) = quoted_at(text, start) {
                first.entry(value).or_insert(index);
            }
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self {
            ids,
            first,
            line_starts,
        }
    }
}

impl<'t> Locator<'t> {
    /// A locator for `text`; its lines and ids are read once, when first needed.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            index: OnceCell::new(),
            budget: Cell::new(
                text.len()
                    .saturating_mul(SEARCH_BUDGET_TIMES)
                    .max(SEARCH_BUDGET_FLOOR),
            ),
            located: Cell::new(0),
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    fn index(&self) -> &Index<'t> {
        self.index.get_or_init(|| Index::of(self.text))
    }

    /// Where the `id:` value of the thing with id `id` is (its first appearance), and where the
    /// next thing's starts.
    fn id_at(&self, id: &str) -> Option<(usize, usize)> {
        let index = self.index();
        let nth = *index.first.get(id)?;
        let start = *index.ids.get(nth)?;
        let end = index.ids.get(nth + 1).copied().unwrap_or(self.text.len());
        Some((start, end))
    }

    /// The byte offset of the `nth` (from 0) `id:` value that is `id`; for duplicate ids.
    pub fn nth_id(&self, id: &str, nth: usize) -> Option<usize> {
        let (first, _) = self.id_at(id)?;
        self.index()
            .ids
            .iter()
            .copied()
            .skip_while(|&start| start < first)
            .filter(|&start| quoted_at(self.text, start) == Some(id))
            .nth(nth)
    }

    /// Where the thing with id `id` is named, as a line and column; `None` past the warnings
    /// that are located.
    pub fn id(&self, id: &str) -> Option<Position> {
        let (start, _) = self.id_at(id)?;
        self.locate(start)
    }

    /// Where `field:`'s value is in the block of the thing with id `id` (or where its id is,
    /// when the field is not there).
    pub fn field(&self, id: &str, field: &str) -> Option<Position> {
        let (start, end) = self.id_at(id)?;
        let found = self
            .search(start, end)
            .and_then(|block| position::field_values(block, field).next())
            .map_or(start, |offset| start + offset);
        self.locate(found)
    }

    /// Where the `nth` (from 0) list inside the list that is `field:`'s value starts, in the
    /// block of the thing with id `id` (`portrait: [[…], […]]`); where the field's value is
    /// when it holds fewer lists.
    pub fn list_entry(&self, id: &str, field: &str, nth: usize) -> Option<Position> {
        let (start, end) = self.id_at(id)?;
        let value = self
            .search(start, end)
            .and_then(|block| position::field_values(block, field).next())
            .map_or(start, |offset| start + offset);
        let entry = self
            .search(value, end)
            .and_then(|rest| nth_inner_list(rest, nth))
            .map_or(value, |offset| value + offset);
        self.locate(entry)
    }

    /// Where `needle` is in the block of the thing with id `id`, `skip` bytes past where it
    /// starts in the needle (to point inside it).
    pub fn in_block(&self, id: &str, needle: &str, skip: usize) -> Option<Position> {
        let (start, end) = self.id_at(id)?;
        if self.located.get() >= LOCATED_WARNINGS {
            return None;
        }
        // Only what is read until the needle is found counts against the budget.
        let readable = end.min(start.saturating_add(self.budget.get()));
        let block = self.text.get(start..readable)?;
        let Some(offset) = block.find(needle) else {
            self.budget
                .set(self.budget.get().saturating_sub(block.len()));
            return None;
        };
        self.spend(offset + needle.len())?;
        self.locate(start + offset + skip)
    }

    /// The text from `start` to `end`, if the budget allows reading it and warnings are still
    /// being located.
    fn search(&self, start: usize, end: usize) -> Option<&'t str> {
        if self.located.get() >= LOCATED_WARNINGS {
            return None;
        }
        self.spend(end.saturating_sub(start))?;
        self.text.get(start..end)
    }

    /// Takes `bytes` from the budget; `None` when it is spent.
    fn spend(&self, bytes: usize) -> Option<()> {
        let left = self.budget.get().checked_sub(bytes)?;
        self.budget.set(left);
        Some(())
    }

    /// The line and column of byte `offset`, counting one more located warning; `None` past the
    /// warnings that are located or when the budget is spent.
    pub fn locate(&self, offset: usize) -> Option<Position> {
        if self.located.get() >= LOCATED_WARNINGS {
            return None;
        }
        self.located.set(self.located.get() + 1);
        let line_starts = &self.index().line_starts;
        let line = line_starts.partition_point(|&start| start <= offset);
        let line_start = line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        self.spend(offset.saturating_sub(line_start))?;
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = self.text.get(line_start..end).unwrap_or_default();
        Some(Position {
            line: line.max(1),
            column: 1 + before.chars().count(),
        })
    }
}

/// Where the `nth` (from 0) list inside the list `text` starts with begins (`[[…], […]]`);
/// `None` when `text` does not start with a list or that list holds fewer lists.
fn nth_inner_list(text: &str, nth: usize) -> Option<usize> {
    if !text.starts_with('[') {
        return None;
    }
    let mut depth = 0_usize;
    let mut seen = 0;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'[' => {
                depth += 1;
                if depth == 2 {
                    if seen == nth {
                        return Some(at);
                    }
                    seen += 1;
                }
            }
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// The quoted string that starts at `start` (without its quotes).
fn quoted_at(text: &str, start: usize) -> Option<&str> {
    text.get(start..)?.strip_prefix('"')?.split('"').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "(\n  items: [\n    (id: \"a1\", x: NaN, kind: Note(text: \"ё\")),\n    (id: \"b2\", x: 1.0),\n  ],\n)\n";

    #[test]
    fn things_are_found_in_their_own_block_at_their_line_and_column() {
        let locator = Locator::new(TEXT);
        let at = |needle: &str, skip: usize| {
            Some(Position::at_byte(TEXT, TEXT.find(needle).unwrap() + skip))
        };
        assert_eq!(locator.id("b2"), at("\"b2\"", 0));
        assert_eq!(locator.field("a1", "x"), at("NaN", 0));
        assert_eq!(
            locator.field("b2", "kind"),
            at("\"b2\"", 0),
            "a field a block does not have points at its id"
        );
        assert_eq!(locator.in_block("a1", "Note(", 5), at("Note(", 5));
        assert_eq!(locator.id("zz"), None);
        assert_eq!(
            at("NaN", 0),
            Some(Position {
                line: 3,
                column: 19
            })
        );
    }

    #[test]
    fn a_list_inside_a_list_is_found_by_its_place() {
        let text = "(\n  id: \"a1\",\n  portrait: [\n    [1.0, 2.0],\n    [3.0],\n  ],\n)\n";
        let locator = Locator::new(text);
        let at = |needle: &str| Some(Position::at_byte(text, text.find(needle).unwrap()));
        assert_eq!(locator.list_entry("a1", "portrait", 0), at("[1.0"));
        assert_eq!(locator.list_entry("a1", "portrait", 1), at("[3.0"));
        assert_eq!(
            locator.list_entry("a1", "portrait", 2),
            at("[\n    [1.0"),
            "past the last list: the field's value"
        );
        assert_eq!(nth_inner_list("3.0", 0), None);
        assert_eq!(nth_inner_list("[[1.0, 2.0", 1), None);
    }

    #[test]
    fn positions_match_those_counted_from_the_start() {
        let text = "(\n  id: \"a\",\n  x: NaN,\n  title: \"Ђурђевдан\", id: \"b\", x: 1.0,\n)\n";
        for offset in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            assert_eq!(
                Locator::new(text).locate(offset),
                Some(Position::at_byte(text, offset)),
                "{offset}"
            );
        }
    }

    #[test]
    fn only_the_first_warnings_are_located() {
        let locator = Locator::new(TEXT);
        for _ in 0..LOCATED_WARNINGS {
            assert!(locator.id("a1").is_some());
        }
        assert_eq!(locator.id("a1"), None);
        assert_eq!(locator.field("b2", "x"), None);
    }

    #[test]
    fn searching_stops_when_the_budget_is_spent() {
        // One long line: counting columns reads it again and again.
        let text = format!(
            "(id: \"a1\", {} x: NaN)",
            " ".repeat(SEARCH_BUDGET_FLOOR / 3)
        );
        let locator = Locator::new(&text);
        let found = (0..LOCATED_WARNINGS)
            .filter(|_| locator.field("a1", "x").is_some())
            .count();
        assert!((1..LOCATED_WARNINGS).contains(&found), "{found}");
    }
}
