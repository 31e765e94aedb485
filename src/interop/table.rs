//! Notes from a spreadsheet (CSV) or a plain text file.
//!
//! Before a workshop, ideas arrive as survey exports and spreadsheets. [`notes_from_csv`] and
//! [`notes_from_text`] read such a file into a [`Table`]: one row per note (its text, colour and
//! group) and warnings about the rows that had to be skipped. [`lay_out`] turns a table into new
//! items: notes in a grid, or one frame per group with its notes inside. The caller adds them
//! in one [`crate::edit::Command::Batch`] of [`crate::edit::Command::AddItem`], frames first, so
//! one import is one undo step.
//!
//! How files are read:
//!
//! - **Encoding.** UTF-8, with or without a byte-order mark, and UTF-16 with its byte-order mark
//!   (a spreadsheet's "Unicode text"). Anything else is refused, naming the line and column of
//!   the first byte that is not UTF-8, rather than guessed at: a lossy reading would put `�` in
//!   place of every ë, ș, ђ or ქ, and people would retype their notes. Saving the file again as
//!   "CSV UTF-8" fixes it.
//! - **Separator.** Comma, semicolon or tab: whichever the header line holds most of outside
//!   quotes (on a tie: tab, then semicolon, then comma). A first line `sep=;`, as Excel writes
//!   it, names the separator. A header with none of them is one column, and each line one cell.
//! - **Quoting** as in RFC 4180: a cell in double quotes may hold separators, line breaks and
//!   doubled quotes (`""` for `"`). Line breaks may be `\n`, `\r\n` or `\r`.
//! - **Columns.** The text is in the first column called "idea", "ideas", "text", "note" or
//!   "notes" (in any case), or the one the caller names. A "colour" or "color" column gives each
//!   note a palette colour by name; a "group" column (or the one the caller names) puts the
//!   notes of each group in a frame of that name. Groups that differ only in case or spacing
//!   are one group, named as first written.
//! - **Bad rows** (a quote never closed, fewer cells than the columns used, filled cells beyond the
//!   header, an empty text cell) are skipped with a warning naming their line; the good rows
//!   are kept. Blank rows are skipped silently.
//! - **Limits.** At most [`MAX_TABLE_BYTES`] of file and [`MAX_NOTES`] notes: a file beyond
//!   either is refused, without reading further. A note's text is cut at [`MAX_NOTE_CHARS`]
//!   characters and a group's name at [`MAX_GROUP_CHARS`], with a warning.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Display};

use crate::edit::rules::frames::frame_rect_around;
use crate::model::{
    Board, Frame, IdGen, Item, ItemId, MAX_COORDINATE, PaletteColor, Point, Rect, Size, ZKey,
    one_line,
};

/// The largest file read: the same as the largest board file.
pub const MAX_TABLE_BYTES: u64 = crate::storage::MAX_FILE_BYTES;
/// The most notes one import makes; a file with more is refused.
pub const MAX_NOTES: usize = 10_000;
/// The longest note text kept, in characters; longer texts are cut, with a warning.
pub const MAX_NOTE_CHARS: usize = 5_000;
/// The longest group name (frame title) kept, in characters.
pub const MAX_GROUP_CHARS: usize = 200;
/// The most columns a header may have.
pub const MAX_COLUMNS: usize = 1_000;
/// The most warnings kept; the rest are counted in one last warning.
pub const MAX_WARNINGS: usize = 100;
/// Notes in a row of the grid, for up to 36 notes; more notes make a square grid.
pub const NOTES_PER_ROW: usize = 6;
/// The space between two notes of a grid, in board units.
pub const NOTE_GAP: f32 = 24.0;
/// Frames (and the grid of notes in no group) side by side in one row of the layout.
pub const FRAMES_PER_ROW: usize = 8;
/// The space between two frames, in board units.
pub const FRAME_GAP: f32 = 96.0;

/// Header names of the text column, lower case, when the caller names none.
const TEXT_HEADERS: [&str; 5] = ["idea", "ideas", "text", "note", "notes"];
/// Header names of the colour column, lower case.
const COLOR_HEADERS: [&str; 4] = ["colour", "color", "colours", "colors"];
/// Header names of the group column, lower case, when the caller names none.
const GROUP_HEADERS: [&str; 2] = ["group", "groups"];

/// What the caller asks of a CSV import. The default finds every column by its header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// The header of the column holding the notes' text (any case); `None` for the first
    /// column called "idea", "text" or "note".
    pub text_column: Option<String>,
    /// The header of the column that groups the notes into frames (any case); `None` for a
    /// column called "group", if there is one.
    pub group_column: Option<String>,
}

/// One note to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The line of the file the row starts on (from 1), for messages.
    pub line: usize,
    /// The note's text, trimmed; line breaks inside it are kept.
    pub text: String,
    /// The note's colour ([`PaletteColor::Yellow`] when the file names none).
    pub color: PaletteColor,
    /// The group (frame title) it goes into, on one line and spelt as first written in the
    /// file; `None` for a note in no group.
    pub group: Option<String>,
}

/// The notes read from a file, and what was wrong with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The notes, in the file's order.
    pub rows: Vec<Row>,
    /// Problems found, each starting with its line ("line 7: the text cell is empty; …"), at
    /// most [`MAX_WARNINGS`] and one that counts the others.
    pub warnings: Vec<String>,
    /// How many rows were skipped as bad (blank rows are not counted).
    pub skipped_rows: usize,
}

impl Table {
    /// The groups, in the order they first appear.
    pub fn groups(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.rows
            .iter()
            .filter_map(|row| row.group.as_deref())
            .filter(|group| seen.insert(*group))
            .collect()
    }
}

/// Why a file could not be imported. Messages name the line (and column) of the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is over [`MAX_TABLE_BYTES`].
    #[error(
        "the file is {} MB; files over {} MB are not imported",
        .bytes / 1_000_000,
        MAX_TABLE_BYTES / 1024 / 1024
    )]
    TooLarge {
        /// The file's size.
        bytes: u64,
    },
    /// The bytes are not UTF-8 (most often a spreadsheet saved in an older encoding).
    #[error(
        "line {line}, column {column}: the file is not UTF-8 text; save it from the spreadsheet \
         as \"CSV UTF-8\" (or as UTF-8 text) and import it again"
    )]
    NotUtf8 {
        /// The line of the first byte that is not UTF-8.
        line: usize,
        /// Its column, in characters.
        column: usize,
    },
    /// The file starts as UTF-16 text but is damaged.
    #[error("line {line}, column {column}: the file is UTF-16 text, damaged here")]
    BadUtf16 {
        /// The line of the damage.
        line: usize,
        /// Its column, in characters.
        column: usize,
    },
    /// The file holds nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// The header has more than [`MAX_COLUMNS`] columns.
    #[error(
        "line {line}: the header has {columns} columns; at most {} are read",
        MAX_COLUMNS
    )]
    TooManyColumns {
        /// The header's line.
        line: usize,
        /// How many columns it has.
        columns: usize,
    },
    /// A quoted cell of the header is never closed.
    #[error("line {line}, column {column}: a quoted header cell is never closed (a \" is missing)")]
    UnclosedHeader {
        /// The line the cell starts on.
        line: usize,
        /// Which column it is (from 1).
        column: usize,
    },
    /// No column's header says it holds the text, and the caller named none.
    #[error(
        "line {line}: no column is called \"idea\", \"text\" or \"note\"; the columns are {}. \
         Choose the column that holds the notes",
        quoted_list(.headers)
    )]
    NoTextColumn {
        /// The header's line.
        line: usize,
        /// The headers found.
        headers: Vec<String>,
    },
    /// The column the caller named is not in the header.
    #[error("line {line}: no column is called \"{wanted}\"; the columns are {}", quoted_list(.headers))]
    NoSuchColumn {
        /// The header's line.
        line: usize,
        /// The name asked for.
        wanted: String,
        /// The headers found.
        headers: Vec<String>,
    },
    /// The file holds more than [`MAX_NOTES`] notes.
    #[error(
        "line {line}: the file has more than {} notes; import at most {} at a time (split the \
         file)",
        MAX_NOTES,
        MAX_NOTES
    )]
    TooManyNotes {
        /// The line of the first note over the limit.
        line: usize,
    },
    /// The file has a header, but no row makes a note.
    #[error("{}", no_notes(*.skipped_rows, .first_problem.as_deref()))]
    NoNotes {
        /// How many rows were skipped as bad.
        skipped_rows: usize,
        /// The first of their problems, with its line.
        first_problem: Option<String>,
    },
}

/// Names for a message: each in quotes, at most 20 of them and 40 characters each.
fn quoted_list(names: &[String]) -> String {
    let mut list: Vec<String> = names
        .iter()
        .take(20)
        .map(|name| format!("\"{}\"", cut(name, 40).unwrap_or(name)))
        .collect();
    if names.len() > 20 {
        list.push(format!("and {} more", names.len() - 20));
    }
    list.join(", ")
}

/// `count` things: "1 cell", "3 cells".
fn count_of(count: usize, thing: &str) -> String {
    if count == 1 {
        format!("1 {thing}")
    } else {
        format!("{count} {thing}s")
    }
}

fn no_notes(skipped_rows: usize, first_problem: Option<&str>) -> String {
    let skipped = count_of(skipped_rows, "row");
    match (skipped_rows, first_problem) {
        (0, _) => "the file has a header but no notes under it".to_owned(),
        (_, Some(problem)) => format!("no notes to import: {skipped} skipped; first, {problem}"),
        (_, None) => format!("no notes to import: {skipped} skipped"),
    }
}

/// The bytes of the spreadsheet or text file at `path`, refusing one larger than an import may
/// be ([`MAX_TABLE_BYTES`]) without reading more than one byte past that.
pub fn read_table_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| crate::storage::plain_io_error(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::storage::plain_io_error(&e))?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(format!(
            "the file is over {} MB, more than an import takes",
            MAX_TABLE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Reads a CSV file (see the module docs for what is accepted).
pub fn notes_from_csv(bytes: &[u8], options: &TableOptions) -> Result<Table, ImportError> {
    let text = decode(bytes)?;
    let mut reader = Reader::new(&text);
    let named = reader.named_separator();
    reader.skip_blank_lines();
    if reader.at_end() {
        return Err(ImportError::Empty);
    }
    reader.separator = named.or_else(|| reader.guess_separator());
    let (header_line, headers) = read_header(&mut reader)?;
    let columns = Columns::find(&headers, options, header_line)?;
    let mut collect = Collector::new(columns);
    loop {
        let mut cells = RowCells::default();
        let Some(record) =
            reader.record(|column, value| cells.keep(&collect.columns, column, value))
        else {
            break;
        };
        match record {
            Ok(record) => collect.row(&record, &cells)?,
            Err(unclosed) => collect.unclosed(&unclosed),
        }
    }
    collect.finish()
}

/// Reads a plain text file: one note per line that is not blank, trimmed.
pub fn notes_from_text(bytes: &[u8]) -> Result<Table, ImportError> {
    let text = decode(bytes)?;
    let mut table = Table::default();
    let mut warnings = Warnings::default();
    for (index, line) in split_lines(&text).enumerate() {
        let (line_number, trimmed) = (index + 1, line.trim());
        if trimmed.is_empty() {
            continue;
        }
        if table.rows.len() == MAX_NOTES {
            return Err(ImportError::TooManyNotes { line: line_number });
        }
        table.rows.push(Row {
            line: line_number,
            text: note_text(trimmed, line_number, &mut warnings),
            color: PaletteColor::default(),
            group: None,
        });
    }
    if table.rows.is_empty() {
        return Err(ImportError::Empty);
    }
    table.warnings = warnings.finish();
    Ok(table)
}

/// The text of `bytes` (see the module docs on encodings), within [`MAX_TABLE_BYTES`].
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_TABLE_BYTES {
        return Err(ImportError::TooLarge { bytes: size });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(error) => {
            let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
            let (line, column) = line_and_column(std::str::from_utf8(valid).unwrap_or_default());
            Err(ImportError::NotUtf8 { line, column })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<Cow<'static, str>, ImportError> {
    let (pairs, odd) = bytes.as_chunks::<2>();
    let mut text = String::with_capacity(bytes.len());
    for decoded in char::decode_utf16(pairs.iter().map(|&pair| unit(pair))) {
        let Ok(c) = decoded else {
            let (line, column) = line_and_column(&text);
            return Err(ImportError::BadUtf16 { line, column });
        };
        text.push(c);
    }
    if !odd.is_empty() {
        let (line, column) = line_and_column(&text);
        return Err(ImportError::BadUtf16 { line, column });
    }
    Ok(Cow::Owned(text))
}

/// The lines of `text`, split at `\n`, `\r\n` or `\r`.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        let Some(at) = current.find(['\n', '\r']) else {
            rest = None;
            return Some(current);
        };
        let (line, tail) = current.split_at(at);
        let skip = if tail.starts_with("\r\n") { 2 } else { 1 };
        rest = tail.get(skip..);
        Some(line)
    })
}

/// The line and column (from 1, in characters) just after `before`.
fn line_and_column(before: &str) -> (usize, usize) {
    let (mut line, mut last) = (0, "");
    for text in split_lines(before) {
        line += 1;
        last = text;
    }
    (line, last.chars().count() + 1)
}

/// The first `max_chars` characters of `text`, when it is longer.
fn cut(text: &str, max_chars: usize) -> Option<&str> {
    let (at, _) = text.char_indices().nth(max_chars)?;
    text.get(..at)
}

/// A note's text, cut at [`MAX_NOTE_CHARS`] with a warning.
fn note_text(text: &str, line: usize, warnings: &mut Warnings) -> String {
    if let Some(start) = cut(text, MAX_NOTE_CHARS) {
        warnings.push(format_args!(
            "line {line}: the text is longer than {MAX_NOTE_CHARS} characters; the rest was cut"
        ));
        return start.trim_end().to_owned();
    }
    text.to_owned()
}

/// The palette colour called `name` (any case; "gray" is grey).
fn palette_color(name: &str) -> Option<PaletteColor> {
    if name.eq_ignore_ascii_case("gray") {
        return Some(PaletteColor::Grey);
    }
    PaletteColor::ALL
        .into_iter()
        .find(|color| color.label().eq_ignore_ascii_case(name))
}

/// Warnings, at most [`MAX_WARNINGS`] of them kept.
#[derive(Default)]
struct Warnings {
    kept: Vec<String>,
    more: usize,
}

impl Warnings {
    fn push(&mut self, warning: impl Display) {
        if self.kept.len() < MAX_WARNINGS {
            self.kept.push(warning.to_string());
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.more > 0 {
            let more = self.more;
            self.kept.push(format!("… and {more} more problems"));
        }
        self.kept
    }
}

/// How a cell ends: another follows in the same row, or the row ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellEnd {
    Separator,
    Row,
}

/// A quoted cell that is never closed.
struct Unclosed {
    /// The line of its opening quote.
    line: usize,
    /// Its column (from 1).
    column: usize,
}

/// A row read: the line it starts on and how many cells it has.
struct Record {
    line: usize,
    cells: usize,
}

/// Reads CSV text cell by cell, counting lines. Cells borrow from the text unless they hold
/// doubled quotes or line breaks.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    separator: Option<u8>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
            separator: None,
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// The text from the current position.
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// Where the next byte that `stop` accepts is, or the end of the text.
    fn find(&self, stop: impl Fn(u8) -> bool) -> usize {
        self.rest()
            .bytes()
            .position(stop)
            .map_or(self.text.len(), |offset| self.pos + offset)
    }

    /// Steps over a line break at the current position; whether there was one.
    fn line_break(&mut self) -> bool {
        match self.peek() {
            Some(b'\n') => self.pos += 1,
            Some(b'\r') => {
                self.pos += 1;
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            _ => return false,
        }
        self.line += 1;
        true
    }

    /// Goes to the start of the next line.
    fn next_line(&mut self) {
        self.pos = self.find(|b| b == b'\n' || b == b'\r');
        self.line_break();
    }

    /// The separator a first line `sep=X` names (as Excel writes it: a comma, semicolon, tab
    /// or `|`), stepping over that line.
    fn named_separator(&mut self) -> Option<u8> {
        let first = split_lines(self.text).next()?;
        let named = first
            .strip_prefix("sep=")
            .or_else(|| first.strip_prefix("SEP="))?;
        let &[separator] = named.as_bytes() else {
            return None;
        };
        if ![b',', b';', b'\t', b'|'].contains(&separator) {
            return None;
        }
        self.next_line();
        Some(separator)
    }

    fn skip_blank_lines(&mut self) {
        while !self.at_end() {
            let end = self.find(|b| b == b'\n' || b == b'\r');
            let blank = self
                .text
                .get(self.pos..end)
                .is_some_and(|l| l.trim().is_empty());
            if !blank {
                return;
            }
            self.pos = end;
            self.line_break();
        }
    }

    /// The separator the header line holds most of outside quotes: tab, semicolon or comma
    /// (in that order on a tie); `None` when it has none of them.
    fn guess_separator(&self) -> Option<u8> {
        let mut counts = [(b'\t', 0_usize), (b';', 0), (b',', 0)];
        let mut quoted = false;
        for byte in self.rest().bytes() {
            match byte {
                b'"' => quoted = !quoted,
                b'\n' | b'\r' if !quoted => break,
                _ if quoted => {}
                _ => {
                    if let Some((_, count)) = counts.iter_mut().find(|(sep, _)| *sep == byte) {
                        *count += 1;
                    }
                }
            }
        }
        let (separator, count) = counts.into_iter().rev().max_by_key(|&(_, count)| count)?;
        (count > 0).then_some(separator)
    }

    /// Steps over what ends a cell: its separator or line break (or the end of the text).
    fn cell_end(&mut self) -> CellEnd {
        if self.separator.is_some() && self.peek() == self.separator {
            self.pos += 1;
            return CellEnd::Separator;
        }
        self.line_break();
        CellEnd::Row
    }

    fn unquoted(&mut self) -> (&'a str, CellEnd) {
        let separator = self.separator;
        let start = self.pos;
        self.pos = self.find(|b| b == b'\n' || b == b'\r' || Some(b) == separator);
        let value = self.text.get(start..self.pos).unwrap_or_default();
        (value, self.cell_end())
    }

    /// A cell in quotes (the current byte is its opening quote). Text after the closing quote
    /// is kept as it stands, up to the cell's end.
    fn quoted(&mut self, column: usize) -> Result<(Cow<'a, str>, CellEnd), Unclosed> {
        let (line, opened_at) = (self.line, self.pos);
        self.pos += 1;
        let mut value = Cow::Borrowed("");
        loop {
            let start = self.pos;
            self.pos = self.find(|b| matches!(b, b'"' | b'\n' | b'\r'));
            append(
                &mut value,
                self.text.get(start..self.pos).unwrap_or_default(),
            );
            if self.at_end() {
                return Err(self.restart_after(line, column, opened_at));
            }
            if self.line_break() {
                append(&mut value, "\n");
                continue;
            }
            self.pos += 1;
            if self.peek() != Some(b'"') {
                break;
            }
            self.pos += 1;
            append(&mut value, "\"");
        }
        let (tail, end) = self.unquoted();
        append(&mut value, tail);
        Ok((value, end))
    }

    /// Reading goes on at the line after a quote that is never closed, so the rows after it
    /// are kept.
    ///
    /// This reads the rest of the file twice, but happens at most once: every quote after
    /// one that is never closed stands in a doubled pair (a single one would have closed it),
    /// and a cell that opens on a doubled pair closes at once.
    fn restart_after(&mut self, line: usize, column: usize, opened_at: usize) -> Unclosed {
        (self.pos, self.line) = (opened_at, line);
        self.next_line();
        Unclosed { line, column }
    }

    /// Reads one row, giving each cell to `cell` with its column (from 0). `None` at the end
    /// of the text.
    fn record(
        &mut self,
        mut cell: impl FnMut(usize, Cow<'a, str>),
    ) -> Option<Result<Record, Unclosed>> {
        if self.at_end() {
            return None;
        }
        let line = self.line;
        let mut cells = 0;
        loop {
            // Spaces before an opening quote are not part of the cell.
            let spaces = self.rest().bytes().take_while(|&b| b == b' ').count();
            let (value, end) = if self.rest().as_bytes().get(spaces) == Some(&b'"') {
                self.pos += spaces;
                match self.quoted(cells + 1) {
                    Ok(read) => read,
                    Err(unclosed) => return Some(Err(unclosed)),
                }
            } else {
                let (value, end) = self.unquoted();
                (Cow::Borrowed(value), end)
            };
            cell(cells, value);
            cells += 1;
            if end == CellEnd::Row {
                return Some(Ok(Record { line, cells }));
            }
        }
    }
}

fn append<'a>(value: &mut Cow<'a, str>, piece: &'a str) {
    if value.is_empty() {
        *value = Cow::Borrowed(piece);
    } else if !piece.is_empty() {
        value.to_mut().push_str(piece);
    }
}

/// The header row: its line and its cells, trimmed.
fn read_header(reader: &mut Reader<'_>) -> Result<(usize, Vec<String>), ImportError> {
    let mut headers = Vec::new();
    match reader.record(|_, value| {
        if headers.len() < MAX_COLUMNS {
            headers.push(value.trim().to_owned());
        }
    }) {
        None => Err(ImportError::Empty),
        Some(Err(unclosed)) => Err(ImportError::UnclosedHeader {
            line: unclosed.line,
            column: unclosed.column,
        }),
        Some(Ok(record)) if record.cells > MAX_COLUMNS => Err(ImportError::TooManyColumns {
            line: record.line,
            columns: record.cells,
        }),
        Some(Ok(record)) => Ok((record.line, headers)),
    }
}

/// Which columns hold what (from 0).
struct Columns {
    text: usize,
    color: Option<usize>,
    group: Option<usize>,
    headers: Vec<String>,
}

impl Columns {
    fn find(headers: &[String], options: &TableOptions, line: usize) -> Result<Self, ImportError> {
        let lower: Vec<String> = headers.iter().map(|h| h.to_lowercase()).collect();
        let among = |names: &[&str]| lower.iter().position(|h| names.contains(&h.as_str()));
        let named = |wanted: &str| {
            let wanted_lower = wanted.trim().to_lowercase();
            lower
                .iter()
                .position(|h| *h == wanted_lower)
                .ok_or_else(|| ImportError::NoSuchColumn {
                    line,
                    wanted: wanted.trim().to_owned(),
                    headers: headers.to_vec(),
                })
        };
        let text = match &options.text_column {
            Some(wanted) => named(wanted)?,
            None => among(&TEXT_HEADERS).ok_or_else(|| ImportError::NoTextColumn {
                line,
                headers: headers.to_vec(),
            })?,
        };
        let group = match &options.group_column {
            Some(wanted) => Some(named(wanted)?),
            None => among(&GROUP_HEADERS),
        };
        Ok(Self {
            text,
            color: among(&COLOR_HEADERS),
            group,
            headers: headers.to_vec(),
        })
    }

    /// How many cells a row needs for every column used.
    fn needed(&self) -> usize {
        [Some(self.text), self.color, self.group]
            .into_iter()
            .flatten()
            .max()
            .map_or(0, |last| last + 1)
    }

    /// A column's number (from 1) and header, for messages.
    fn describe(&self, column: usize) -> String {
        let header = self.headers.get(column).map_or("", String::as_str);
        format!(
            "column {} (\"{}\")",
            column + 1,
            cut(header, 40).unwrap_or(header)
        )
    }
}

/// The cells of one row that are used, and what the others were like.
#[derive(Default)]
struct RowCells<'a> {
    text: Option<Cow<'a, str>>,
    color: Option<Cow<'a, str>>,
    group: Option<Cow<'a, str>>,
    /// Whether any cell is not blank.
    filled: bool,
    /// Whether a cell beyond the header's columns is not blank.
    beyond: bool,
}

impl<'a> RowCells<'a> {
    fn keep(&mut self, columns: &Columns, column: usize, value: Cow<'a, str>) {
        let blank = value.trim().is_empty();
        self.filled |= !blank;
        self.beyond |= !blank && column >= columns.headers.len();
        if column == columns.text {
            self.text = Some(value.clone());
        }
        if Some(column) == columns.color {
            self.color = Some(value.clone());
        }
        if Some(column) == columns.group {
            self.group = Some(value);
        }
    }
}

/// Builds a [`Table`] from the rows of a CSV file.
struct Collector {
    columns: Columns,
    table: Table,
    warnings: Warnings,
    /// Each group's first spelling, by its lower-case form.
    groups: HashMap<String, String>,
}

impl Collector {
    fn new(columns: Columns) -> Self {
        Self {
            columns,
            table: Table::default(),
            warnings: Warnings::default(),
            groups: HashMap::new(),
        }
    }

    fn skip(&mut self, warning: impl Display) {
        self.table.skipped_rows += 1;
        self.warnings.push(warning);
    }

    fn unclosed(&mut self, unclosed: &Unclosed) {
        let Unclosed { line, column } = *unclosed;
        let place = self.columns.describe(column.saturating_sub(1));
        self.skip(format_args!(
            "line {line}, {place}: a quoted cell is never closed (a \" is missing); the row was \
             skipped"
        ));
    }

    fn row(&mut self, record: &Record, cells: &RowCells<'_>) -> Result<(), ImportError> {
        let Record { line, cells: count } = *record;
        let columns = self.columns.headers.len();
        if !cells.filled {
            return Ok(());
        }
        if count < self.columns.needed() {
            self.skip(format_args!(
                "line {line}: the row has {}, the header {columns}; the row was skipped",
                count_of(count, "cell")
            ));
            return Ok(());
        }
        if cells.beyond {
            self.skip(format_args!(
                "line {line}: the row has {count} cells, more than the header's {columns} (is \
                 there a separator in a cell without quotes?); the row was skipped"
            ));
            return Ok(());
        }
        let text = cells.text.as_deref().unwrap_or_default().trim();
        if text.is_empty() {
            let place = self.columns.describe(self.columns.text);
            self.skip(format_args!(
                "line {line}: the text cell, {place}, is empty; the row was skipped"
            ));
            return Ok(());
        }
        if self.table.rows.len() == MAX_NOTES {
            return Err(ImportError::TooManyNotes { line });
        }
        let row = Row {
            line,
            text: note_text(text, line, &mut self.warnings),
            color: self.color(cells.color.as_deref(), line),
            group: self.group(cells.group.as_deref(), line),
        };
        self.table.rows.push(row);
        Ok(())
    }

    fn color(&mut self, cell: Option<&str>, line: usize) -> PaletteColor {
        let name = cell.unwrap_or_default().trim();
        if name.is_empty() {
            return PaletteColor::default();
        }
        palette_color(name).unwrap_or_else(|| {
            let default = PaletteColor::default().label();
            let name = cut(name, 40).unwrap_or(name);
            self.warnings.push(format_args!(
                "line {line}: \"{name}\" is not a palette colour (yellow, orange, red, pink, \
                 purple, blue, teal, green, grey or white); the note is {default}"
            ));
            PaletteColor::default()
        })
    }

    fn group(&mut self, cell: Option<&str>, line: usize) -> Option<String> {
        let cell = cell.unwrap_or_default();
        let flat = one_line(cell).map_or(Cow::Borrowed(cell), Cow::Owned);
        let mut name = flat.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return None;
        }
        if let Some(kept) = cut(&name, MAX_GROUP_CHARS).map(|start| start.trim_end().len()) {
            self.warnings.push(format_args!(
                "line {line}: the group's name is longer than {MAX_GROUP_CHARS} characters; \
                 the rest was cut"
            ));
            name.truncate(kept);
        }
        let first = self.groups.entry(name.to_lowercase()).or_insert(name);
        Some(first.clone())
    }

    fn finish(self) -> Result<Table, ImportError> {
        let mut table = self.table;
        let warnings = self.warnings.finish();
        if table.rows.is_empty() {
            return Err(ImportError::NoNotes {
                skipped_rows: table.skipped_rows,
                first_problem: warnings.into_iter().next(),
            });
        }
        table.warnings = warnings;
        Ok(table)
    }
}

/// What was read, in words for a message: "12 notes in 3 groups; 1 row skipped".
impl Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", count_of(self.rows.len(), "note"))?;
        let groups = self.groups().len();
        if groups > 0 {
            write!(f, " in {}", count_of(groups, "group"))?;
        }
        if self.skipped_rows > 0 {
            write!(f, "; {} skipped", count_of(self.skipped_rows, "row"))?;
        }
        Ok(())
    }
}

/// Where [`lay_out`] puts the new items, and how they fit in with the board's.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// The top-left corner of the laid-out items, in board units. Rounded to whole units, and
    /// moved as little as needed to keep every item within ±[`MAX_COORDINATE`].
    pub at: Point,
    /// The new items stack above this key: frames first, then notes, in increasing keys.
    pub z_above: ZKey,
    /// The presenting order of the first new frame; the others follow it, in group order.
    pub first_frame_order: u32,
}

impl Placement {
    /// The items at `at` on `board`: above everything on it, and their frames after its frames
    /// in the presenting order.
    pub fn on(board: &Board, at: Point) -> Self {
        Self {
            at,
            z_above: board.z_above_all(),
            first_frame_order: board.next_frame_order(),
        }
    }
}

/// A note's place, relative to the layout's top-left corner, and its frame (an index into the
/// planned frames).
struct PlannedNote<'t> {
    row: &'t Row,
    pos: Point,
    frame: Option<usize>,
}

/// The notes and frames of a layout, relative to its top-left corner.
struct Plan<'t> {
    frames: Vec<(&'t str, Rect)>,
    notes: Vec<PlannedNote<'t>>,
    extent: Size,
}

/// The number of columns of a grid of `count` notes: up to [`NOTES_PER_ROW`], more for a
/// large grid so it stays about square (and within the largest size a frame may have).
fn grid_columns(count: usize) -> usize {
    let root = count.isqrt();
    let square = if root * root < count { root + 1 } else { root };
    count.min(NOTES_PER_ROW).max(square).max(1)
}

/// The size of a grid of `count` notes.
fn grid_size(count: usize) -> Size {
    let columns = grid_columns(count);
    let rows = count.div_ceil(columns).max(1);
    let span = |n: usize, length: f32| n as f32 * (length + NOTE_GAP) - NOTE_GAP;
    Size::new(
        span(columns, Item::NOTE_SIZE.width),
        span(rows, Item::NOTE_SIZE.height),
    )
}

impl<'t> Plan<'t> {
    /// Places the notes of one block (a group, or the notes in none) with its top-left corner
    /// at `corner`; the block's size.
    fn block(&mut self, corner: Point, title: Option<&'t str>, rows: &[&'t Row]) -> Size {
        let grid = grid_size(rows.len());
        let (notes_at, outer) = match title {
            Some(title) => {
                let probe = frame_rect_around(Rect::at(Point::default(), grid));
                let notes_at = corner.offset(-probe.min.x, -probe.min.y);
                let frame = frame_rect_around(Rect::at(notes_at, grid));
                self.frames.push((title, frame));
                (notes_at, frame.size())
            }
            None => (corner, grid),
        };
        let frame = title.map(|_| self.frames.len() - 1);
        let columns = grid_columns(rows.len());
        let step = |n: usize, length: f32| n as f32 * (length + NOTE_GAP);
        for (index, &row) in rows.iter().enumerate() {
            let pos = notes_at.offset(
                step(index % columns, Item::NOTE_SIZE.width),
                step(index / columns, Item::NOTE_SIZE.height),
            );
            self.notes.push(PlannedNote { row, pos, frame });
        }
        outer
    }

    /// The layout of `table`: its groups side by side (in rows of [`FRAMES_PER_ROW`]), the
    /// notes in no group last.
    fn of(table: &'t Table) -> Self {
        let mut blocks: Vec<(Option<&'t str>, Vec<&'t Row>)> = Vec::new();
        let mut index: HashMap<&'t str, usize> = HashMap::new();
        let mut loose = Vec::new();
        for row in &table.rows {
            let Some(group) = row.group.as_deref() else {
                loose.push(row);
                continue;
            };
            let at = *index.entry(group).or_insert_with(|| {
                blocks.push((Some(group), Vec::new()));
                blocks.len() - 1
            });
            if let Some((_, rows)) = blocks.get_mut(at) {
                rows.push(row);
            }
        }
        if !loose.is_empty() {
            blocks.push((None, loose));
        }
        let mut plan = Self {
            frames: Vec::new(),
            notes: Vec::with_capacity(table.rows.len()),
            extent: Size::new(0.0, 0.0),
        };
        let (mut corner, mut row_height) = (Point::default(), 0.0_f32);
        for (number, (title, rows)) in blocks.iter().enumerate() {
            if number > 0 && number % FRAMES_PER_ROW == 0 {
                corner = Point::new(0.0, corner.y + row_height + FRAME_GAP);
                row_height = 0.0;
            }
            let size = plan.block(corner, *title, rows);
            plan.extent.width = plan.extent.width.max(corner.x + size.width);
            plan.extent.height = plan.extent.height.max(corner.y + size.height);
            row_height = row_height.max(size.height);
            corner.x += size.width + FRAME_GAP;
        }
        plan
    }
}

/// `at` rounded to whole units and moved as little as needed for a layout of `extent` to stay
/// within ±[`MAX_COORDINATE`] (a place that is not a number is the origin).
fn fit_on_board(at: Point, extent: Size) -> Point {
    let fit = |value: f32, length: f32| {
        let value = if value.is_finite() {
            value.round()
        } else {
            0.0
        };
        value
            .min(MAX_COORDINATE - length.ceil())
            .max(-MAX_COORDINATE)
    };
    Point::new(fit(at.x, extent.width), fit(at.y, extent.height))
}

/// New items for the notes of `table`: one frame per group (side by side, in the order the
/// groups first appear, each titled with its group and holding its notes in a grid under its
/// title strip), and the notes in no group in a grid after them; a grid has rows of
/// [`NOTES_PER_ROW`] notes, [`NOTE_GAP`] apart. Notes fit their text to them.
///
/// The frames come first in the list, then the notes, so each note's frame is added before it;
/// their z keys increase in the same order, above `placement.z_above`, so the frames stack
/// below their notes. Ids come from `ids`, skipping those `taken` says are used. Nothing else
/// is looked at: the caller adds the items as one step.
pub fn lay_out(
    table: &Table,
    placement: &Placement,
    ids: &mut IdGen,
    taken: impl Fn(ItemId) -> bool,
) -> Vec<Item> {
    let plan = Plan::of(table);
    let origin = fit_on_board(placement.at, plan.extent);
    let place = |pos: Point| pos.offset(origin.x, origin.y).tidy();
    let mut used = HashSet::new();
    let mut new_id = || {
        let id = ids.item_id(|id| taken(id) || used.contains(&id));
        used.insert(id);
        id
    };
    let mut z = placement.z_above.clone();
    let mut next_z = || {
        z = z.after();
        z.clone()
    };
    let mut items = Vec::with_capacity(plan.frames.len() + plan.notes.len());
    let mut frame_ids = Vec::with_capacity(plan.frames.len());
    let mut order = placement.first_frame_order;
    for &(title, rect) in &plan.frames {
        let id = new_id();
        let frame = Frame::new(title, order);
        order = order.saturating_add(1);
        items.push(Item::frame(
            id,
            place(rect.min),
            rect.size(),
            next_z(),
            frame,
        ));
        frame_ids.push(id);
    }
    for note in &plan.notes {
        let row = note.row;
        let mut item =
            Item::note(new_id(), place(note.pos), next_z(), row.color, &*row.text).fitting_text();
        item.parent = note.frame.and_then(|index| frame_ids.get(index).copied());
        items.push(item);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str, separator: Option<u8>) -> Vec<Vec<String>> {
        let mut reader = Reader::new(text);
        reader.separator = separator;
        let mut rows = Vec::new();
        loop {
            let mut row = Vec::new();
            match reader.record(|_, value| row.push(value.into_owned())) {
                None => return rows,
                Some(Ok(_)) => rows.push(row),
                Some(Err(unclosed)) => rows.push(vec![format!("unclosed {}", unclosed.line)]),
            }
        }
    }

    #[test]
    fn quoted_cells_hold_separators_quotes_and_line_breaks() {
        let rows = cells("a,\"b, \"\"c\"\"\r\nd\",e\r\n\"f\"g,h\n", Some(b','));
        assert_eq!(rows, [vec!["a", "b, \"c\"\nd", "e"], vec!["fg", "h"]]);
    }

    #[test]
    fn an_unclosed_quote_skips_its_row_and_reading_goes_on() {
        let rows = cells("a\n\"b\nc\nd", Some(b','));
        assert_eq!(rows, [vec!["a"], vec!["unclosed 2"], vec!["c"], vec!["d"]]);
    }

    #[test]
    fn the_separator_is_the_one_the_header_holds_most_of_outside_quotes() {
        let guess = |text: &str| Reader::new(text).guess_separator();
        assert_eq!(guess("Idea;Colour;Group\na,b"), Some(b';'));
        assert_eq!(guess("\"Idea; long\",Colour\n"), Some(b','));
        assert_eq!(guess("Idea\tColour"), Some(b'\t'));
        assert_eq!(guess("Idea, in short;Colour"), Some(b';'));
        assert_eq!(guess("Idea\na,b;c"), None);
    }

    #[test]
    fn grids_have_rows_of_six_until_they_are_large() {
        assert_eq!(grid_columns(1), 1);
        assert_eq!(grid_columns(6), 6);
        assert_eq!(grid_columns(36), 6);
        assert_eq!(grid_columns(37), 7);
        assert_eq!(grid_columns(MAX_NOTES), 100);
        let largest = grid_size(MAX_NOTES);
        assert!(
            largest.width < crate::model::MAX_ITEM_SIZE / 2.0,
            "{largest:?}"
        );
    }

    #[test]
    fn colour_names_are_read_in_any_case() {
        assert_eq!(palette_color("gray"), Some(PaletteColor::Grey));
        assert_eq!(palette_color("TEAL"), Some(PaletteColor::Teal));
        assert_eq!(palette_color("Blau"), None);
    }
}
