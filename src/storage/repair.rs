//! Repairs made once a file has become a board: an item whose position or size is not a usable
//! number is moved or resized, with a warning naming it, instead of refusing the whole file.
//!
//! - A size that is NaN, infinite, 0 or less, or over [`MAX_ITEM_SIZE`] (either side) becomes
//!   the usual size of the item's kind (the size a new one gets, e.g. [`Item::NOTE_SIZE`]). The
//!   item stays where it was.
//! - A position that is NaN, infinite or beyond ±[`MAX_COORDINATE`] (either coordinate) moves
//!   the item just right of the board's other items, so it covers none of them: the first
//!   repaired item's top is level with the topmost other item, the next ones stand below it,
//!   [`COLUMN_LENGTH`] to a column, and further columns follow to the right. On a board with no
//!   other items the first one goes to the origin.
//!
//! Changes go through [`edit::apply`] as [`Command`]s with the origin [`Origin::Repair`], like
//! every other change to a board.
//!
//! [`MAX_ITEM_SIZE`]: super::MAX_ITEM_SIZE

use super::LoadWarning;
use super::locate::Locator;
use super::validate::{check_position, check_size};
use crate::edit::{self, Command, Origin};
use crate::model::{Board, Item, ItemId, MAX_COORDINATE, Point, Size};

/// Space between the board's items and the moved ones, and between moved items, in board units.
const GAP: f32 = 40.0;

/// How many moved items stand one below another before a new column starts.
const COLUMN_LENGTH: usize = 10;

/// How many characters of an item's text a warning quotes.
const QUOTED_CHARS: usize = 40;

/// Repairs the position and size of every item that needs it, and says what was done, in the
/// order of the file (an item's position comes before its size). `locator` knows the file's
/// text, used only to point each warning at the bad value.
pub(super) fn repair_geometry(board: &mut Board, locator: &Locator<'_>) -> Vec<LoadWarning> {
    let broken: Vec<ItemId> = board
        .items()
        .filter(|item| check_size(item).is_err() || check_position(item).is_err())
        .map(|item| item.id)
        .collect();
    if broken.is_empty() {
        return Vec::new();
    }
    let mut spots = Spots::right_of(board.items().filter(|item| check_position(item).is_ok()));
    let mut warnings = Vec::new();
    for id in broken {
        let Some(item) = board.item(id) else { continue };
        let (kind, quote, name) = (item.kind.name(), quote(item), id.to_string());
        let bad_position = check_position(item).err().map(|problem| {
            let found = format!("({}, {})", item.pos.x, item.pos.y);
            (found, locator.field(&name, problem.field))
        });
        let bad_size = check_size(item).err().map(|problem| {
            let found = format!("{} × {}", item.size.width, item.size.height);
            (found, locator.field(&name, problem.field))
        });
        let mut resized = None;
        if let Some((found, position)) = bad_size {
            let to = item.kind.usual_size();
            let resize = Command::ResizeItem { id, to };
            if edit::apply(board, resize, Origin::Repair).is_ok() {
                resized = Some(LoadWarning::ResizedItem {
                    item: id,
                    kind,
                    text: quote.clone(),
                    found,
                    now: format!("{} × {}", to.width, to.height),
                    position,
                });
            }
        }
        if let Some((found, position)) = bad_position
            && let Some(item) = board.item(id)
        {
            // The usual size, when the size was repaired too.
            let to = spots.next(item.size);
            let move_item = Command::MoveItem { id, to };
            if edit::apply(board, move_item, Origin::Repair).is_ok() {
                warnings.push(LoadWarning::MovedItem {
                    item: id,
                    kind,
                    text: quote,
                    found,
                    now: format!("({}, {})", to.x, to.y),
                    position,
                });
            }
        }
        warnings.extend(resized);
    }
    warnings
}

/// The first line of the item's text, cut to [`QUOTED_CHARS`] characters (with `…` when cut).
fn quote(item: &Item) -> String {
    let line = item.text().lines().next().unwrap_or_default().trim();
    let mut chars = line.chars();
    let mut quoted: String = chars.by_ref().take(QUOTED_CHARS).collect();
    if chars.next().is_some() {
        quoted.push('…');
    }
    quoted
}

/// Places for moved items: columns right of the other items.
struct Spots {
    /// The left edge of the current column.
    left: f32,
    /// The top of every column.
    top: f32,
    /// Where the next item in the current column goes.
    next_top: f32,
    /// The widest item in the current column.
    column_width: f32,
    /// How many items the current column holds.
    in_column: usize,
}

impl Spots {
    /// Columns starting just right of `items`, level with the topmost; at the origin if there
    /// are none.
    fn right_of<'a>(items: impl Iterator<Item = &'a Item>) -> Self {
        let bounds = items.fold(None, |bounds: Option<(f32, f32)>, item| {
            let right = item.pos.x + item.size.width;
            Some(bounds.map_or((right, item.pos.y), |(most_right, top)| {
                (most_right.max(right), top.min(item.pos.y))
            }))
        });
        let (left, top) = bounds.map_or((0.0, 0.0), |(right, top)| ((right + GAP).ceil(), top));
        Self {
            left,
            top,
            next_top: top,
            column_width: 0.0,
            in_column: 0,
        }
    }

    /// The top-left corner for the next item, of this size. Every corner is within
    /// ±[`MAX_COORDINATE`], even on a board that reaches its edge (items may overlap there).
    fn next(&mut self, size: Size) -> Point {
        if self.in_column == COLUMN_LENGTH {
            self.left += self.column_width + GAP;
            self.next_top = self.top;
            self.column_width = 0.0;
            self.in_column = 0;
        }
        let spot = Point::new(
            self.left.min(MAX_COORDINATE),
            self.next_top.min(MAX_COORDINATE),
        );
        self.next_top += size.height + GAP;
        self.column_width = self.column_width.max(size.width);
        self.in_column += 1;
        spot
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PaletteColor, ZKey};

    fn note(raw: u64, pos: Point, size: Size, text: &str) -> Item {
        let mut item = Item::note(
            ItemId::from_raw(raw),
            pos,
            ZKey::middle(),
            PaletteColor::Yellow,
            text,
        );
        item.size = size;
        item
    }

    #[test]
    fn moved_items_stand_in_columns_right_of_the_others() {
        let good = note(1, Point::new(-100.0, 50.0), Size::new(200.5, 100.0), "");
        let mut items = vec![good];
        for raw in 2..=13 {
            items.push(note(raw, Point::new(f32::NAN, 0.0), Item::NOTE_SIZE, ""));
        }
        let mut board = Board::from_parts("t", items, []).unwrap();
        let warnings = repair_geometry(&mut board, &Locator::new(""));
        assert_eq!(warnings.len(), 12);
        let spot = |raw| board.item(ItemId::from_raw(raw)).unwrap().pos;
        // Right edge 100.5, plus the gap, rounded up to a whole unit.
        assert_eq!(spot(2), Point::new(141.0, 50.0));
        assert_eq!(spot(3), Point::new(141.0, 50.0 + 200.0 + GAP));
        assert_eq!(spot(11), Point::new(141.0, 50.0 + 9.0 * (200.0 + GAP)));
        assert_eq!(spot(12), Point::new(141.0 + 240.0 + GAP, 50.0));
        assert_eq!(spot(1), Point::new(-100.0, 50.0));
    }

    #[test]
    fn an_item_alone_goes_to_the_origin_and_the_edge_of_the_board_is_kept() {
        let mut board = Board::from_parts(
            "t",
            [note(1, Point::new(0.0, f32::INFINITY), Item::NOTE_SIZE, "")],
            [],
        )
        .unwrap();
        repair_geometry(&mut board, &Locator::new(""));
        assert_eq!(
            board.item(ItemId::from_raw(1)).unwrap().pos,
            Point::new(0.0, 0.0)
        );
        let far = Point::new(MAX_COORDINATE, MAX_COORDINATE);
        let mut board = Board::from_parts(
            "t",
            [
                note(1, far, Size::new(crate::storage::MAX_ITEM_SIZE, 10.0), ""),
                note(2, Point::new(f32::NAN, 0.0), Item::NOTE_SIZE, ""),
            ],
            [],
        )
        .unwrap();
        repair_geometry(&mut board, &Locator::new(""));
        assert_eq!(board.item(ItemId::from_raw(2)).unwrap().pos, far);
    }

    #[test]
    fn quotes_the_first_line_cut_to_length() {
        let long = "Граѓаните ќе можат да закажат термин преку интернет\nвтор ред";
        let item = note(1, Point::default(), Item::NOTE_SIZE, long);
        let quoted = quote(&item);
        assert_eq!(quoted.chars().count(), QUOTED_CHARS + 1);
        assert!(quoted.starts_with("Граѓаните ќе") && quoted.ends_with('…'));
        let short = note(1, Point::default(), Item::NOTE_SIZE, "  Kratko\nsecond");
        assert_eq!(quote(&short), "Kratko");
    }
}
