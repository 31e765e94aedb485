//! Command-line verbs. Each writes its report to a writer passed in, so tests can read it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::generate::generate_board;
use crate::model::Board;
use crate::storage::{open_board, save_board};

/// `1 note`, `2 notes`.
fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// What a board holds, in words: `14 items (14 notes), 2 connectors`.
pub fn board_summary(board: &Board) -> String {
    let kinds = board.kind_counts();
    let by_kind: Vec<String> = [
        (kinds.notes, "note", "notes"),
        (kinds.personas, "persona", "personas"),
        (kinds.empathy_maps, "empathy map", "empathy maps"),
        (kinds.map_nodes, "map node", "map nodes"),
        (kinds.backdrops, "backdrop", "backdrops"),
        (kinds.frames, "frame", "frames"),
        (kinds.strokes, "stroke", "strokes"),
    ]
    .into_iter()
    .filter(|&(n, _, _)| n > 0)
    .map(|(n, singular, plural)| count(n, singular, plural))
    .collect();
    let items = count(board.items().len(), "item", "items");
    let connectors = count(board.connectors().len(), "connector", "connectors");
    if by_kind.is_empty() {
        format!("{items}, {connectors}")
    } else {
        format!("{items} ({}), {connectors}", by_kind.join(", "))
    }
}

/// `civic-canvas check FILE...`: loads each file and writes one line per file to `out`, either
/// `FILE: 14 items (14 notes), 2 connectors` or the load error (`FILE:LINE:COLUMN: message`).
/// A file that loads with repairs gets one more line per repair: `FILE: warning: …`.
///
/// Returns whether every file loaded. Only a failure to write to `out` is an `Err`.
pub fn check(paths: &[PathBuf], out: &mut impl Write) -> io::Result<bool> {
    let mut all_fine = true;
    for path in paths {
        match open_board(path) {
            Ok(opened) => {
                writeln!(out, "{}: {}", path.display(), board_summary(&opened.board))?;
                for warning in &opened.warnings {
                    writeln!(out, "{}: warning: {warning}", path.display())?;
                }
            }
            Err(error) => {
                all_fine = false;
                writeln!(out, "{error}")?;
            }
        }
    }
    Ok(all_fine)
}

/// `civic-canvas generate --items N --seed S [--strokes] FILE`: writes a generated board of
/// `items` items (see [`crate::generate`]; with `strokes`, pen strokes of 50 points, see
/// [`crate::generate::strokes_board`]) to `path`, then one line to `out` (`FILE: 10000 items
/// (10000 notes), 5000 connectors`), or the save error to `err`.
///
/// Returns whether the file was written. Only a failure to write to `out` or `err` is an `Err`.
pub fn generate(
    (items, strokes): (usize, bool),
    seed: u64,
    path: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    let board = if strokes {
        crate::generate::strokes_board(items, 50, seed)
    } else {
        generate_board(items, seed)
    };
    write_board(path, &board, out, err)
}

/// Saves `board` to `path`, then says so on `out` (`FILE: 12 items (…), 3 connectors`), or
/// why not on `err`. Returns whether it was saved.
fn write_board(
    path: &Path,
    board: &Board,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    match save_board(path, board) {
        Ok(_) => {
            writeln!(out, "{}: {}", path.display(), board_summary(board))?;
            Ok(true)
        }
        Err(error) => {
            writeln!(err, "{error}")?;
            Ok(false)
        }
    }
}

/// `civic-canvas report BOARD [-o FILE]`: the workshop report of `board` (see
/// [`crate::export::report`]), written to `output` (atomically, replacing it) or else to `out`;
/// why not to `err`.
///
/// Returns whether the report was written. Only a failure to write to `out` or `err` is an `Err`.
pub fn report(
    board: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    let board = match crate::storage::load_board(board) {
        Ok(board) => board,
        Err(error) => {
            writeln!(err, "{error}")?;
            return Ok(false);
        }
    };
    let text = crate::export::report::report(&board);
    let Some(path) = output else {
        out.write_all(text.as_bytes())?;
        return Ok(true);
    };
    match crate::storage::write_export(path, text.as_bytes()) {
        Ok(()) => {
            writeln!(out, "{}: the report of “{}”", path.display(), board.title())?;
            Ok(true)
        }
        Err(error) => {
            writeln!(
                err,
                "{}: could not write the report: {error}",
                path.display()
            )?;
            Ok(false)
        }
    }
}

/// `civic-canvas convert INPUT OUTPUT`: reads a board from `input` (by its extension: `.ron`,
/// `.canvas`, `.csv`, `.txt`) and writes it to `output` (`.ron`, `.canvas`, `.md`), then one
/// line to `out`; warnings, and why nothing was written, to `err`.
///
/// Returns whether the output was written. Only a failure to write to `out` or `err` is an
/// `Err`.
pub fn convert(
    input: &Path,
    output: &Path,
    options: &PictureOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    let extension = |path: &Path| {
        path.extension()
            .map(|ext| ext.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    let (to, from) = (extension(output), extension(input));
    if !matches!(to.as_str(), "ron" | "canvas" | "md" | "svg" | "png" | "pdf") {
        writeln!(
            err,
            "{}: convert writes .ron, .canvas, .md, .svg, .png or .pdf files; nothing was written",
            output.display()
        )?;
        return Ok(false);
    }
    let board = match read_any(input, &from) {
        Ok((board, warnings)) => {
            for warning in warnings {
                writeln!(err, "{}: {warning}", input.display())?;
            }
            board
        }
        Err(message) => {
            writeln!(err, "{}: {message}", input.display())?;
            return Ok(false);
        }
    };
    let mut notes = Vec::new();
    let written = match to.as_str() {
        "ron" => save_board(output, &board)
            .map(|_| ())
            .map_err(|error| error.to_string()),
        "canvas" => {
            for warning in crate::interop::json_canvas::canvas_warnings(&board) {
                writeln!(err, "{}: {warning}", output.display())?;
            }
            let text = crate::interop::json_canvas::board_to_canvas(&board);
            crate::storage::write_export(output, text.as_bytes()).map_err(|e| e.to_string())
        }
        "md" => {
            let text = crate::export::report::report(&board);
            crate::storage::write_export(output, text.as_bytes()).map_err(|e| e.to_string())
        }
        picture => picture_bytes(&board, picture, options, &mut notes).and_then(|bytes| {
            crate::storage::write_export(output, &bytes).map_err(|e| e.to_string())
        }),
    };
    for note in notes {
        writeln!(err, "{}: {note}", output.display())?;
    }
    match written {
        Ok(()) => {
            writeln!(out, "{}: {}", output.display(), board_summary(&board))?;
            Ok(true)
        }
        Err(error) => {
            writeln!(err, "{}: {error}", output.display())?;
            Ok(false)
        }
    }
}

/// How `convert` draws pictures and handouts.
#[derive(Clone, Debug)]
pub struct PictureOptions {
    /// One frame only, by title or number.
    pub frame: Option<String>,
    /// PNG pixels per board unit.
    pub scale: f32,
    /// What is under a PNG's items.
    pub background: crate::export::picture::Background,
    /// The PDF's paper.
    pub paper: crate::export::raster::Paper,
    /// The PDF's pages.
    pub pages: crate::export::picture::Pages,
}

impl Default for PictureOptions {
    fn default() -> Self {
        Self {
            frame: None,
            scale: 1.0,
            background: crate::export::picture::Background::White,
            paper: crate::export::raster::Paper::A4,
            pages: crate::export::picture::Pages::Frames,
        }
    }
}

/// The bytes of an SVG, PNG or PDF (`extension`) of `board`.
fn picture_bytes(
    board: &Board,
    extension: &str,
    options: &PictureOptions,
    capped: &mut Vec<String>,
) -> Result<Vec<u8>, String> {
    use crate::export::picture;
    let region = match &options.frame {
        Some(name) => {
            picture::Region::Frame(picture::frame_named(board, name).map_err(|e| e.to_string())?)
        }
        None => picture::Region::Board,
    };
    let made = match extension {
        "svg" => picture::svg(board, &region, options.background).map(String::into_bytes),
        "png" => picture::png(board, &region, options.scale, options.background).map(|png| {
            // Said on standard error by the caller, as other warnings are.
            capped.extend(png.capped);
            png.bytes
        }),
        _ => picture::pdf(board, options.pages, options.paper, &picture::today()),
    };
    made.map_err(|error| error.to_string())
}

/// A board read from `path`, whose extension is `extension`, with the warnings of reading it.
fn read_any(path: &Path, extension: &str) -> Result<(Board, Vec<String>), String> {
    use crate::interop::table::{
        Placement, TableOptions, lay_out, notes_from_csv, notes_from_text,
    };
    match extension {
        "ron" => open_board(path)
            .map(|opened| {
                let warnings = opened.warnings.iter().map(ToString::to_string).collect();
                (opened.board, warnings)
            })
            .map_err(|error| error.to_string()),
        "canvas" => crate::interop::json_canvas::load_canvas(path).map_err(|e| e.to_string()),
        "csv" | "txt" => {
            let bytes = crate::interop::table::read_table_file(path)?;
            let table = if extension == "csv" {
                notes_from_csv(&bytes, &TableOptions::default())
            } else {
                notes_from_text(&bytes)
            }
            .map_err(|error| error.to_string())?;
            let title = path
                .file_stem()
                .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned());
            let empty = Board::new(title.clone());
            let mut ids = crate::model::IdGen::from_entropy();
            let items = lay_out(
                &table,
                &Placement::on(&empty, crate::model::Point::new(0.0, 0.0)),
                &mut ids,
                |_| false,
            );
            let board = Board::from_parts(title, items, []).map_err(|error| error.to_string())?;
            Ok((board, table.warnings.clone()))
        }
        _ => Err(
            "convert reads .ron boards, .canvas files, .csv spreadsheets and .txt files".to_owned(),
        ),
    }
}

/// `civic-canvas templates`: one line per template, its name and what it holds (`ideation:
/// Ideation, 2 stages`), the built-in ones first, then the user's own.
pub fn templates(out: &mut impl Write) -> io::Result<()> {
    let dir = crate::templates::user_dir();
    for template in crate::templates::list(dir.as_deref()) {
        let what = match template.board() {
            Ok(board) => {
                let stages = board
                    .frames()
                    .iter()
                    .filter(|frame| frame.parent.is_none())
                    .count();
                let noun = if stages == 1 { "stage" } else { "stages" };
                format!("{}, {stages} {noun}", board.title())
            }
            Err(error) => error.to_string(),
        };
        let mine = if template.is_built_in() {
            ""
        } else {
            " (yours)"
        };
        writeln!(out, "{}{mine}: {what}", template.name)?;
    }
    Ok(())
}

/// `civic-canvas new --template NAME FILE`: writes a new board from the template called `name`
/// to `path` (never over an existing file), then one line to `out`, or why not to `err`.
///
/// Returns whether the file was written. Only a failure to write to `out` or `err` is an `Err`.
pub fn new_from_template(
    name: &str,
    path: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    if path.exists() {
        writeln!(
            err,
            "{} exists already; give a new file name (nothing was written)",
            path.display()
        )?;
        return Ok(false);
    }
    let dir = crate::templates::user_dir();
    let templates = crate::templates::list(dir.as_deref());
    let board = match crate::templates::find(&templates, name)
        .and_then(crate::templates::Template::board)
    {
        Ok(board) => board,
        Err(error) => {
            writeln!(err, "{error}")?;
            return Ok(false);
        }
    };
    write_board(path, &board, out, err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Connector, ConnectorId, IdGen, Item, PaletteColor, Point, ZKey};

    fn board_with(notes: usize, connectors: usize) -> Board {
        let mut ids = IdGen::seeded(3);
        let items: Vec<Item> = (0..notes)
            .map(|i| {
                Item::note(
                    ids.item_id(|_| false),
                    Point::new(i as f32 * 224.0, 0.0),
                    ZKey::middle(),
                    PaletteColor::Yellow,
                    "",
                )
            })
            .collect();
        let links: Vec<Connector> = (0..connectors)
            .map(|i| Connector::new(ConnectorId::from_raw(i as u64), items[0].id, items[1].id))
            .collect();
        Board::from_parts("t", items, links).unwrap()
    }

    #[test]
    fn summary_uses_singular_and_plural() {
        assert_eq!(board_summary(&Board::new("t")), "0 items, 0 connectors");
        assert_eq!(
            board_summary(&board_with(2, 1)),
            "2 items (2 notes), 1 connector"
        );
        assert_eq!(
            board_summary(&board_with(14, 2)),
            "14 items (14 notes), 2 connectors"
        );
        let mut one = board_with(2, 0);
        let first = one.items().next().unwrap().id;
        crate::edit::Command::RemoveItem(first)
            .apply(&mut one)
            .unwrap();
        assert_eq!(board_summary(&one), "1 item (1 note), 0 connectors");
    }
}
