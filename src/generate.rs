//! Generated boards for benchmarks and trials: `civic-canvas generate` and [`generate_board`].
//!
//! A generated board looks like a real workshop board after an ideation round: clusters of
//! items, each under a header note ("Ideas", "Pain points", …), laid out in columns; clusters sit
//! side by side in rows. Of the items under the headers, about 70% are sticky notes, 10% persona
//! cards and 20% map nodes. Notes hold 5 to 40 words in the languages of the workshops (see
//! [`LANGUAGES`]), mostly in their cluster's colour; persona cards have a name, a quote and one
//! of a few generated photos (stored once each, by content id); map nodes have a short label and
//! a built-in type. Every fourth cluster sits in a frame named after a workshop stage and its
//! header, numbered in the order the clusters are laid out. Connectors join items that sit next
//! to each other. The same `items` and `seed` always give the same board, byte for byte once
//! saved.

pub mod hostile;
mod kinds;
mod strokes;
mod words;

use std::collections::HashSet;

use crate::edit::rules::frames::frame_rect_around;
use crate::model::{
    Board, Connector, ConnectorId, Frame, IdGen, ImageId, Item, ItemId, PaletteColor, Point, Rect,
    Size, ZKey,
};

pub use strokes::strokes_board;
pub use words::{HEADERS, LANGUAGES, Language};

/// Room between notes in a cluster, and between a header and its notes, in board units.
const NOTE_GAP: f32 = 32.0;
/// Room between clusters, in board units.
const CLUSTER_GAP: f32 = 240.0;
/// The size of a note with more than [`SHORT_NOTE_WORDS`] words.
const LONG_NOTE_SIZE: Size = Size::new(280.0, 240.0);
/// Notes with at most this many words get the standard size.
const SHORT_NOTE_WORDS: usize = 15;
/// The height of a cluster header.
const HEADER_HEIGHT: f32 = 120.0;
/// The largest distance a note is nudged off its grid cell (people never line notes up exactly).
const JITTER: u64 = 8;
/// The fewest and most notes under one header.
const CLUSTER_NOTES: (usize, usize) = (6, 30);
/// The most notes in one column of a cluster.
const MAX_COLUMN_NOTES: usize = 10;
/// The colours a cluster's notes mostly have (white is for headers, grey is rare on real boards).
const CLUSTER_COLORS: [PaletteColor; 8] = [
    PaletteColor::Yellow,
    PaletteColor::Orange,
    PaletteColor::Red,
    PaletteColor::Pink,
    PaletteColor::Purple,
    PaletteColor::Blue,
    PaletteColor::Teal,
    PaletteColor::Green,
];
/// Every this many clusters, one is put in a frame.
const FRAME_EVERY: usize = 4;
/// The workshop stages frames are named after, in turn.
const STAGES: [&str; 3] = ["Ideation", "Consolidation", "Solutions and opportunities"];
/// The most items `civic-canvas generate` makes: about a 50 MB file, well under the largest file
/// the app opens ([`crate::storage::MAX_FILE_BYTES`]).
pub const MAX_ITEMS: u32 = 100_000;

/// A small deterministic random source on top of [`IdGen`]'s `SplitMix64`.
struct Rng(IdGen);

impl Rng {
    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.0.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// An offset in `-JITTER..=JITTER` board units.
    fn jitter(&mut self) -> f32 {
        (self.0.next_u64() % (2 * JITTER + 1)) as f32 - JITTER as f32
    }

    fn pick<T: Copy>(&mut self, choices: &[T]) -> Option<T> {
        choices.get(self.below(choices.len())).copied()
    }
}

/// A board of `items` items (see the module docs), with about half as many connectors.
///
/// Deterministic: the same `items` and `seed` give the same board. Ids are unique, no two items
/// overlap, and z keys follow the order the items were placed in.
pub fn generate_board(items: usize, seed: u64) -> Board {
    let mut generator = Generator {
        rng: Rng(IdGen::seeded(seed ^ 0x6c61_796f_7574)),
        ids: IdGen::seeded(seed),
        taken: HashSet::with_capacity(items),
        z: None,
        frame_z: ZKey::middle(),
        frames: 0,
        items: Vec::with_capacity(items),
        near: Vec::new(),
        banks: LANGUAGES
            .iter()
            .map(|language| language.words.split_whitespace().collect())
            .collect(),
        photos: Vec::new(),
    };
    let photos: Vec<_> = (0..kinds::PHOTOS).filter_map(kinds::photo).collect();
    generator.photos = photos.iter().map(|(id, _)| *id).collect();
    generator.place_clusters(items);
    let connectors = generator.connectors(items / 2);
    let title = format!("Generated workshop board ({items} items, seed {seed})");
    #[expect(
        clippy::expect_used,
        reason = "item and connector ids come from sets that refused duplicates, and every \
                  connector joins two generated items"
    )]
    let board =
        Board::from_parts(title, generator.items, connectors).expect("a generated board is valid");
    board.with_images(photos)
}

/// The state of one board being generated.
struct Generator {
    rng: Rng,
    ids: IdGen,
    taken: HashSet<u64>,
    z: Option<ZKey>,
    /// The z key of the last frame: frames go under everything, each below the one before.
    frame_z: ZKey,
    /// How many frames there are so far.
    frames: u32,
    items: Vec<Item>,
    /// Pairs of items (indexes into `items`) that sit next to each other: connector candidates.
    near: Vec<(usize, usize)>,
    /// Each language's words, split once.
    banks: Vec<Vec<&'static str>>,
    /// The photos persona cards use.
    photos: Vec<ImageId>,
}

/// One cluster before it is placed: a header and its notes.
struct Cluster {
    header: &'static str,
    color: PaletteColor,
    language: usize,
    notes: usize,
    columns: usize,
}

impl Cluster {
    fn rows(&self) -> usize {
        self.notes.div_ceil(self.columns)
    }

    fn width(&self) -> f32 {
        self.columns as f32 * (LONG_NOTE_SIZE.width + NOTE_GAP) - NOTE_GAP
    }

    fn height(&self) -> f32 {
        HEADER_HEIGHT + self.rows() as f32 * (LONG_NOTE_SIZE.height + NOTE_GAP)
    }
}

impl Generator {
    fn next_z(&mut self) -> ZKey {
        let z = self.z.as_ref().map_or_else(ZKey::middle, ZKey::after);
        self.z = Some(z.clone());
        z
    }

    fn new_id(&mut self) -> ItemId {
        let taken = &self.taken;
        let id = self.ids.item_id(|id| taken.contains(&id.raw()));
        self.taken.insert(id.raw());
        id
    }

    fn add(&mut self, pos: Point, size: Size, color: PaletteColor, text: String) -> usize {
        let id = self.new_id();
        let z = self.next_z();
        let mut item = Item::note(id, pos, z, color, text);
        item.size = size;
        self.items.push(item);
        self.items.len() - 1
    }

    /// A persona card (10%), a map node (20%) or `None` for a note, at `pos` in a cell.
    fn other_kind(&mut self, pos: Point, language: usize) -> Option<Item> {
        let roll = self.rng.below(100);
        if roll >= 30 {
            return None;
        }
        let id = self.new_id();
        let z = self.next_z();
        if roll < 10 {
            let words = self.rng.between(5, 14);
            let quote = self.note_text(language, words);
            let photo = self.rng.pick(&self.photos);
            let name = (self.rng.below(1000), self.rng.between(18, 80));
            Some(kinds::persona(
                id,
                pos,
                z,
                LONG_NOTE_SIZE,
                name,
                quote,
                photo,
            ))
        } else {
            let words = self.rng.between(1, 3);
            let label = self.note_text(language, words);
            let label = label.trim_end_matches('.').to_owned();
            Some(kinds::map_node(id, pos, z, self.rng.below(1000), label))
        }
    }

    fn plan_cluster(&mut self, remaining: usize, number: usize) -> Cluster {
        let notes = self.rng.between(CLUSTER_NOTES.0, CLUSTER_NOTES.1);
        // A cluster needs its header and at least one note; a last, small rest joins this one.
        let notes = if remaining <= notes + CLUSTER_NOTES.0 {
            remaining.saturating_sub(1)
        } else {
            notes
        };
        let columns = self
            .rng
            .between(1, 4)
            .max(notes.div_ceil(MAX_COLUMN_NOTES))
            .max(1);
        Cluster {
            header: HEADERS
                .get(number % HEADERS.len())
                .copied()
                .unwrap_or_default(),
            color: self.rng.pick(&CLUSTER_COLORS).unwrap_or_default(),
            language: self.rng.below(LANGUAGES.len()),
            notes,
            columns,
        }
    }

    /// Lays clusters out left to right in rows, roughly 16:10 overall.
    fn place_clusters(&mut self, items: usize) {
        let cell_area = (LONG_NOTE_SIZE.width + NOTE_GAP) * (LONG_NOTE_SIZE.height + NOTE_GAP);
        let row_width = (items as f32 * cell_area * 2.0 * 1.6).sqrt().max(1.0);
        let (mut x, mut y, mut row_height) = (0.0_f32, 0.0_f32, 0.0_f32);
        let mut previous_header: Option<usize> = None;
        let mut number = 0;
        while self.items.len() < items {
            let cluster = self.plan_cluster(items - self.items.len(), number);
            if x > 0.0 && x + cluster.width() > row_width {
                x = 0.0;
                y += row_height + CLUSTER_GAP;
                row_height = 0.0;
                previous_header = None;
            }
            let header = self.place_cluster(&cluster, Point::new(x, y));
            if number % FRAME_EVERY == 0 && self.items.len() < items {
                self.frame_cluster(&cluster, header);
            }
            if let Some(previous) = previous_header {
                self.near.push((previous, header));
            }
            previous_header = Some(header);
            x += cluster.width() + CLUSTER_GAP;
            row_height = row_height.max(cluster.height());
            number += 1;
        }
    }

    /// Places a cluster with its top-left corner at `origin`; returns the header's index.
    fn place_cluster(&mut self, cluster: &Cluster, origin: Point) -> usize {
        let header_size = Size::new(cluster.width(), HEADER_HEIGHT);
        let header_text = cluster.header.to_owned();
        let header = self.add(origin, header_size, PaletteColor::White, header_text);
        let mut grid: Vec<usize> = Vec::with_capacity(cluster.notes);
        for n in 0..cluster.notes {
            let (column, row) = (n % cluster.columns, n / cluster.columns);
            let language = if self.rng.chance(80) {
                cluster.language
            } else {
                self.rng.below(LANGUAGES.len())
            };
            let cell = origin.offset(
                column as f32 * (LONG_NOTE_SIZE.width + NOTE_GAP),
                HEADER_HEIGHT + NOTE_GAP + row as f32 * (LONG_NOTE_SIZE.height + NOTE_GAP),
            );
            let pos = cell.offset(self.rng.jitter(), self.rng.jitter());
            let index = if let Some(item) = self.other_kind(pos, language) {
                self.items.push(item);
                self.items.len() - 1
            } else {
                let word_count = self.word_count();
                let text = self.note_text(language, word_count);
                let size = if word_count <= SHORT_NOTE_WORDS {
                    Item::NOTE_SIZE
                } else {
                    LONG_NOTE_SIZE
                };
                let color = if self.rng.chance(75) {
                    cluster.color
                } else {
                    self.rng.pick(&PaletteColor::ALL).unwrap_or_default()
                };
                self.add(pos, size, color, text)
            };
            if row == 0 {
                self.near.push((header, index));
            }
            if column > 0 {
                self.near.extend(grid.last().map(|&left| (left, index)));
            }
            if row > 0 {
                let above = grid.get(n - cluster.columns).copied();
                self.near.extend(above.map(|above| (above, index)));
            }
            grid.push(index);
        }
        header
    }

    /// Puts a frame around the cluster whose header is at `header` (it and the items after it).
    fn frame_cluster(&mut self, cluster: &Cluster, header: usize) {
        let Some(origin) = self.items.get(header).map(|item| item.pos) else {
            return;
        };
        let id = self.new_id();
        for member in self.items.get_mut(header..).unwrap_or_default() {
            member.parent = Some(id);
        }
        let stage = STAGES
            .get(self.frames as usize % STAGES.len())
            .copied()
            .unwrap_or_default();
        self.frames += 1;
        let frame = Frame::new(format!("{stage}: {}", cluster.header), self.frames);
        // Room for the jitter of the cluster's last row and column too.
        let slack = JITTER as f32;
        let cluster_size = Size::new(cluster.width() + slack, cluster.height() + slack);
        let rect = frame_rect_around(Rect::at(origin, cluster_size));
        self.frame_z = self.frame_z.before();
        self.items.push(Item::frame(
            id,
            rect.min,
            rect.size(),
            self.frame_z.clone(),
            frame,
        ));
    }

    /// 5 to 40 words, mostly short as on real sticky notes.
    fn word_count(&mut self) -> usize {
        match self.rng.below(100) {
            0..65 => self.rng.between(5, 14),
            65..92 => self.rng.between(15, 27),
            _ => self.rng.between(28, 40),
        }
    }

    /// `word_count` words of one language, in sentences of 4 to 12 words; now and then a
    /// sentence starts on a new line.
    fn note_text(&mut self, language: usize, word_count: usize) -> String {
        let (Some(language), Some(bank)) = (LANGUAGES.get(language), self.banks.get(language))
        else {
            return String::new();
        };
        let mut text = String::new();
        let mut left_in_sentence = 0;
        for n in 0..word_count {
            let word = bank
                .get(self.rng.below(bank.len()))
                .copied()
                .unwrap_or_default();
            if left_in_sentence == 0 {
                if n > 0 {
                    text.push(if self.rng.chance(25) { '?' } else { '.' });
                    text.push(if self.rng.chance(20) { '\n' } else { ' ' });
                }
                left_in_sentence = self.rng.between(4, 12);
                text.push_str(&capitalised(word, language.capitalise));
            } else {
                text.push(' ');
                text.push_str(word);
            }
            left_in_sentence -= 1;
        }
        if word_count > 0 {
            text.push('.');
        }
        text
    }

    /// Up to `count` connectors between items that sit next to each other, each pair at most
    /// once, in a seeded random order and direction.
    fn connectors(&mut self, count: usize) -> Vec<Connector> {
        let mut pairs = std::mem::take(&mut self.near);
        // Fisher–Yates shuffle.
        for i in (1..pairs.len()).rev() {
            pairs.swap(i, self.rng.below(i + 1));
        }
        pairs.truncate(count);
        let mut taken = HashSet::with_capacity(pairs.len());
        pairs
            .into_iter()
            .filter_map(|(a, b)| {
                let (from, to) = if self.rng.chance(50) { (a, b) } else { (b, a) };
                let from: ItemId = self.items.get(from)?.id;
                let to: ItemId = self.items.get(to)?.id;
                let id: ConnectorId = self.ids.connector_id(|id| taken.contains(&id));
                taken.insert(id);
                let label = self.rng.pick(&words::CONNECTOR_LABELS).unwrap_or_default();
                Some(Connector::new(id, from, to).with_label(label))
            })
            .collect()
    }
}

/// `word` with its first letter capitalised, when the script has capitals.
fn capitalised(word: &str, capitalise: bool) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if capitalise => first.to_uppercase().chain(chars).collect(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests;
