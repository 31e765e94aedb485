//! Find on the board (Ctrl+F): every note's text and every connector label, case-insensitive in
//! any script; next and previous move the view to each hit.

use egui::{Key, Ui};

use crate::model::{Board, ItemId, Point};
use crate::ui::widgets::labelled_text_field;

/// One place the search text was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hit {
    /// In an item's text.
    Item(ItemId),
    /// In a connector's label; the point is the middle of the line.
    Connector(Point),
}

impl Hit {
    /// Where the view should go to show the hit.
    pub fn center(self, board: &Board) -> Option<Point> {
        match self {
            Self::Item(id) => board.item(id).map(crate::model::Item::center),
            Self::Connector(point) => Some(point),
        }
    }
}

/// The find bar's state.
#[derive(Debug, Default)]
pub struct Search {
    /// Whether the find bar is shown.
    pub open: bool,
    query: String,
    current: usize,
    focus_field: bool,
    /// The hits last found, kept until the query or the board changes: searching every text
    /// at every paint would cost as much as the board's text.
    found: Option<Found>,
}

#[derive(Debug)]
struct Found {
    query: String,
    revision: u64,
    hits: Vec<Hit>,
}

/// What the find bar asks the app to do.
#[derive(Debug, PartialEq)]
pub enum SearchRequest {
    /// Show this hit (centre the view on it, select it if it is an item).
    Show(Hit),
    /// Close the bar.
    Close,
}

impl Search {
    /// Opens the bar and puts the keyboard in its field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus_field = true;
    }

    /// The text searched for.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Every hit on the board, items first in reading order of their ids, then connectors.
    pub fn hits(&self, board: &Board) -> Vec<Hit> {
        let needle = self.query.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut items: Vec<&crate::model::Item> = board
            .items()
            .filter(|item| {
                item.searchable_texts()
                    .any(|text| text.to_lowercase().contains(&needle))
            })
            .collect();
        items.sort_by(|a, b| {
            a.pos
                .y
                .total_cmp(&b.pos.y)
                .then(a.pos.x.total_cmp(&b.pos.x))
        });
        let connectors = board.connectors().filter_map(|connector| {
            let from = board.item(connector.from)?.center();
            let to = board.item(connector.to)?.center();
            connector.label.to_lowercase().contains(&needle).then(|| {
                Hit::Connector(Point::new(
                    f32::midpoint(from.x, to.x),
                    f32::midpoint(from.y, to.y),
                ))
            })
        });
        items
            .into_iter()
            .map(|item| Hit::Item(item.id))
            .chain(connectors)
            .collect()
    }

    /// [`Self::hits`] on the board at `revision`, found again only when the query or the
    /// revision changed since the last call.
    pub fn hits_at(&mut self, board: &Board, revision: u64) -> &[Hit] {
        let stale = self
            .found
            .as_ref()
            .is_none_or(|found| found.revision != revision || found.query != self.query);
        if stale {
            self.found = Some(Found {
                query: self.query.clone(),
                revision,
                hits: self.hits(board),
            });
        }
        self.found.as_ref().map_or(&[], |found| &found.hits)
    }

    /// Forgets the hits last found: the board was replaced by another.
    pub fn forget_hits(&mut self) {
        self.found = None;
    }

    /// Moves to the next (or previous) hit on the board at `revision`; `None` when there is
    /// none.
    pub fn step(&mut self, board: &Board, revision: u64, backwards: bool) -> Option<Hit> {
        let count = self.hits_at(board, revision).len();
        if count == 0 {
            return None;
        }
        self.current = if backwards {
            (self.current + count - 1) % count
        } else {
            (self.current + 1) % count
        };
        let current = self.current;
        self.hits_at(board, revision).get(current).copied()
    }

    /// Draws the find bar for the board at `revision`; returns what the user asked for.
    pub fn show(&mut self, ui: &mut Ui, board: &Board, revision: u64) -> Option<SearchRequest> {
        let mut request = None;
        ui.horizontal(|ui| {
            let field = labelled_text_field(
                ui,
                "Find",
                &mut self.query,
                320.0,
                "Text on notes and connectors",
            );
            if std::mem::take(&mut self.focus_field) {
                field.request_focus();
            }
            let hits = self.hits_at(board, revision);
            let (first, count) = (hits.first().copied(), hits.len());
            if field.changed() {
                // A new search starts at its first hit.
                self.current = 0;
                request = first.map(SearchRequest::Show);
            }
            self.current = self.current.min(count.saturating_sub(1));
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let shift = ui.input(|i| i.modifiers.shift);
            let previous = ui
                .button("Previous")
                .on_hover_text("Previous hit (Shift+Enter or Shift+F3)")
                .clicked();
            let next = ui
                .button("Next")
                .on_hover_text("Next hit (Enter or F3)")
                .clicked();
            if next || previous || entered {
                request = self
                    .step(board, revision, previous || (entered && shift))
                    .map(SearchRequest::Show);
                if entered {
                    field.request_focus();
                }
            }
            let status = match count {
                0 if self.query.trim().is_empty() => String::new(),
                0 => "No matches".to_owned(),
                n => format!("{} of {n}", self.current + 1),
            };
            ui.label(status);
            let escape = field.has_focus() && ui.input(|i| i.key_pressed(Key::Escape));
            if ui
                .button("Close")
                .on_hover_text("Close the find bar (Escape)")
                .clicked()
                || escape
            {
                request = Some(SearchRequest::Close);
            }
        });
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Connector, ConnectorId, IdGen, Item, PaletteColor, ZKey};

    #[test]
    fn finds_text_in_any_script_ignoring_case_and_connector_labels() {
        let mut ids = IdGen::seeded(11);
        let mut note = |x: f32, text: &str| {
            Item::note(
                ids.item_id(|_| false),
                Point::new(x, 0.0),
                ZKey::middle(),
                PaletteColor::Yellow,
                text,
            )
        };
        let (a, b, c) = (
            note(0.0, "ГРАЂАНИ traže"),
            note(300.0, "građani"),
            note(600.0, "ქართული"),
        );
        let link =
            Connector::new(ConnectorId::from_raw(1), a.id, c.id).with_label("Грађани и сервис");
        let board = Board::from_parts("Find", [a.clone(), b, c.clone()], [link]).unwrap();
        let mut search = Search {
            query: "грађани".into(),
            ..Search::default()
        };
        let hits = search.hits(&board);
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(hits[0], Hit::Item(a.id));
        assert!(matches!(hits[1], Hit::Connector(_)));
        search.query = "ქართ".into();
        assert_eq!(search.hits(&board), [Hit::Item(c.id)]);
        search.query = "  ".into();
        assert!(search.hits(&board).is_empty());
    }

    #[test]
    fn hits_are_found_again_only_when_the_query_or_the_board_changes() {
        let note = |text: &str| {
            Item::note(
                ItemId::from_raw(1),
                Point::new(0.0, 0.0),
                ZKey::middle(),
                PaletteColor::Yellow,
                text,
            )
        };
        let first = Board::from_parts("Find", [note("queue")], []).unwrap();
        let second = Board::from_parts("Find", [note("form")], []).unwrap();
        let mut search = Search {
            query: "queue".into(),
            ..Search::default()
        };
        assert_eq!(search.hits_at(&first, 3).len(), 1);
        // Same revision: the hits are kept (nothing looks at the board).
        assert_eq!(search.hits_at(&second, 3).len(), 1);
        assert!(search.hits_at(&second, 4).is_empty(), "a new revision");
        search.query = "form".into();
        assert_eq!(search.hits_at(&second, 4).len(), 1, "a new query");
        assert_eq!(search.hits_at(&first, 4).len(), 1);
        search.forget_hits();
        assert!(search.hits_at(&first, 4).is_empty(), "another board");
    }
}
