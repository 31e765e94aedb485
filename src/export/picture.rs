//! Pictures of the board: SVG, PNG and PDF, drawn from what the canvas paints (see
//! [`crate::ui::canvas::picture`]), so they look like the screen at 100%.
//!
//! One SVG document is written from the canvas's shapes; PNG and PDF are made from that
//! document parsed once ([`super::raster`]), with the app's bundled fonts.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use egui::Color32;

use super::raster::{self, Paper, RasterError};
use super::svg;
use crate::model::{Board, ImageFormat, ItemId, ItemKind, Rect as BoardRect};
use crate::ui::canvas::picture::{self as canvas_picture, BoardPicture};

/// Room left round the items of a picture, in board units.
pub const MARGIN: f32 = 32.0;

/// What part of the board a picture shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Region {
    /// Every item.
    Board,
    /// These items only (and the items inside frames among them), with the connectors between
    /// them.
    Items(Vec<ItemId>),
    /// One frame with what is inside it.
    Frame(ItemId),
}

/// What is under the items of a PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Background {
    /// White, as on paper.
    #[default]
    White,
    /// Nothing: transparent pixels.
    Transparent,
}

impl Background {
    fn color(self) -> Option<Color32> {
        match self {
            Self::White => Some(Color32::WHITE),
            Self::Transparent => None,
        }
    }
}

/// What the pages of a PDF handout are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Pages {
    /// One page per frame, in presenting order.
    #[default]
    Frames,
    /// The whole board on one page.
    Board,
    /// One page per persona card, with all its fields.
    Personas,
}

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// Nothing to draw.
    #[error("{0}")]
    Empty(&'static str),
    /// No frame of that name or number.
    #[error(
        "no frame is called \"{0}\" (frames are named by title or number, e.g. \"2\" or \"2.1\")"
    )]
    NoSuchFrame(String),
    /// Rendering or writing failed (too large, say).
    #[error(transparent)]
    Raster(#[from] RasterError),
}

/// The frame called `name`: by its number ("2", "2.1") or its title, ignoring case.
pub fn frame_named(board: &Board, name: &str) -> Result<ItemId, PictureError> {
    let wanted = name.trim();
    let numbers = board.frame_numbers();
    board
        .frames()
        .into_iter()
        .find(|frame| {
            numbers
                .get(&frame.id)
                .is_some_and(|number| number == wanted)
                || frame
                    .as_frame()
                    .is_some_and(|f| f.title.trim().to_lowercase() == wanted.to_lowercase())
        })
        .map(|frame| frame.id)
        .ok_or_else(|| PictureError::NoSuchFrame(wanted.to_owned()))
}

/// The board to draw for `region` and the area of it to show.
pub(super) fn sub_board<'b>(
    board: &'b Board,
    region: &Region,
) -> Result<(Cow<'b, Board>, BoardRect), PictureError> {
    match region {
        Region::Board => {
            let area = BoardRect::around(board.items().map(crate::model::Item::rect)).ok_or(
                PictureError::Empty("the board is empty: there is nothing to draw"),
            )?;
            Ok((Cow::Borrowed(board), area.expand(MARGIN)))
        }
        Region::Frame(id) => {
            let frame = board
                .item(*id)
                .filter(|item| item.as_frame().is_some())
                .ok_or(PictureError::Empty("that frame is no longer on the board"))?;
            Ok((Cow::Borrowed(board), frame.rect().expand(MARGIN)))
        }
        Region::Items(ids) => {
            let mut wanted: Vec<ItemId> = Vec::new();
            for &id in ids {
                if board.item(id).is_some() && !wanted.contains(&id) {
                    wanted.push(id);
                    wanted.extend(board.descendants(id));
                }
            }
            let part = board.part(&wanted);
            let area = BoardRect::around(part.items().map(crate::model::Item::rect)).ok_or(
                PictureError::Empty("nothing is selected: there is nothing to draw"),
            )?;
            Ok((Cow::Owned(part), area.expand(MARGIN)))
        }
    }
}

/// The area of the board a picture of `region` shows (its top-left is the picture's origin),
/// in board units.
pub fn area(board: &Board, region: &Region) -> Result<BoardRect, PictureError> {
    sub_board(board, region).map(|(_, area)| area)
}

/// The SVG document of `region` of `board`.
pub fn svg(board: &Board, region: &Region, background: Background) -> Result<String, PictureError> {
    let (board, area) = sub_board(board, region)?;
    let picture = canvas_picture::paint(&board, area);
    Ok(svg_of_picture(&board, &picture, background.color()))
}

/// The SVG document of a painted picture of `board`, on `background` (none: transparent).
pub(super) fn svg_of_picture(
    board: &Board,
    picture: &BoardPicture,
    background: Option<Color32>,
) -> String {
    let images = |texture: egui::TextureId| {
        let id = picture.photos.get(&texture)?;
        let image = board.image(*id)?;
        Some(svg::EmbeddedImage {
            mime: match image.format {
                ImageFormat::Png => "image/png",
                ImageFormat::Jpeg => "image/jpeg",
            },
            bytes: Arc::clone(&image.bytes),
        })
    };
    svg::write(&svg::Picture {
        shapes: &picture.shapes,
        size: picture.size,
        background,
        images: &images,
        title: board.title(),
    })
}

/// A PNG of `region` of `board` at `scale` (1 = one pixel per board unit).
pub fn png(
    board: &Board,
    region: &Region,
    scale: f32,
    background: Background,
) -> Result<Png, PictureError> {
    png_within(board, region, (scale, raster::MAX_PIXELS), background)
}

/// A PNG, and what to tell about it.
#[derive(Clone, Debug)]
pub struct Png {
    /// The PNG file's bytes.
    pub bytes: Vec<u8>,
    /// Why it is smaller than asked for, when the scale asked for would have made it larger
    /// than a PNG may be.
    pub capped: Option<String>,
}

/// [`png`] with at most `most_pixels` pixels: a picture that would be larger at `scale` is made
/// at the largest scale (in thousandths) that stays within them, and says so. The size is worked
/// out before anything is drawn, so a huge board never takes the memory it would need.
pub fn png_within(
    board: &Board,
    region: &Region,
    (scale, most_pixels): (f32, u64),
    background: Background,
) -> Result<Png, PictureError> {
    let document = svg(board, region, background)?;
    let tree = raster::parse(&document)?;
    let size = tree.size();
    let pixels_at = |scale: f32| {
        f64::from((size.width() * scale).ceil()) * f64::from((size.height() * scale).ceil())
    };
    let mut used = scale;
    let mut capped = None;
    if pixels_at(scale) > most_pixels as f64 {
        let area = f64::from(size.width()) * f64::from(size.height());
        used = ((most_pixels as f64 / area).sqrt() * 1000.0).floor() as f32 / 1000.0;
        while used > 0.0 && pixels_at(used) > most_pixels as f64 {
            used -= 0.001;
        }
        if used <= 0.0 {
            return Err(PictureError::Empty(
                "the picture is too large for a PNG at any scale: export one frame, or an SVG",
            ));
        }
        capped = Some(format!(
            "at {scale}× it would be {} × {} pixels, more than the {} megapixels a PNG may \
             have, so it was made at {}×",
            (size.width() * scale).ceil(),
            (size.height() * scale).ceil(),
            most_pixels / 1_000_000,
            (used * 1000.0).round() / 1000.0,
        ));
    }
    // Checked before drawing, for the scale that is used.
    raster::png_size(&tree, used)?;
    let white = background.color().map(|_| [255, 255, 255, 255]);
    Ok(Png {
        bytes: raster::png(&tree, used, white)?,
        capped,
    })
}

/// A PDF handout of `board`: a title page (the board's title and `date`), then `pages`, on
/// `paper`.
pub fn pdf(board: &Board, pages: Pages, paper: Paper, date: &str) -> Result<Vec<u8>, PictureError> {
    let mut documents = vec![title_page(board, date)];
    match pages {
        Pages::Board => documents.push(svg(board, &Region::Board, Background::White)?),
        Pages::Frames => {
            let frames = board.frames();
            if frames.is_empty() {
                return Err(PictureError::Empty(
                    "the board has no frames: choose the whole board, or add frames",
                ));
            }
            for frame in frames {
                documents.push(svg(board, &Region::Frame(frame.id), Background::White)?);
            }
        }
        Pages::Personas => {
            let personas: Vec<ItemId> = board
                .items_bottom_to_top()
                .filter(|item| matches!(item.kind, ItemKind::Persona(_)))
                .map(|item| item.id)
                .collect();
            if personas.is_empty() {
                return Err(PictureError::Empty("the board has no persona cards"));
            }
            for id in personas {
                documents.push(super::persona_sheet::svg(board, id)?);
            }
        }
    }
    let trees = documents
        .iter()
        .map(|document| raster::parse(document))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(raster::pdf(&trees, paper, board.title())?)
}

/// The first page of a handout: the board's title, the date, and what the board holds.
fn title_page(board: &Board, date: &str) -> String {
    let counts = board.kind_counts();
    let mut held = Vec::new();
    for (count, one, many) in [
        (counts.notes, "note", "notes"),
        (counts.personas, "persona", "personas"),
        (counts.map_nodes, "map node", "map nodes"),
        (counts.frames, "frame", "frames"),
    ] {
        if count > 0 {
            held.push(format!("{count} {}", if count == 1 { one } else { many }));
        }
    }
    let mut page = String::new();
    let _ = write!(
        page,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"842\" height=\"595\" \
         viewBox=\"0 0 842 595\"><rect width=\"842\" height=\"595\" fill=\"#ffffff\"/>\
         <text x=\"60\" y=\"250\" font-family=\"Noto Sans, Noto Sans Georgian, sans-serif\" \
         font-weight=\"bold\" font-size=\"30\" fill=\"#1f2937\">{}</text>\
         <text x=\"60\" y=\"292\" font-family=\"Noto Sans, Noto Sans Georgian, sans-serif\" \
         font-size=\"16\" fill=\"#374151\">{}</text>\
         <text x=\"60\" y=\"318\" font-family=\"Noto Sans, Noto Sans Georgian, sans-serif\" \
         font-size=\"13\" fill=\"#6b7280\">{}</text></svg>",
        xml_text(board.title()),
        xml_text(date),
        xml_text(&held.join(", ")),
    );
    page
}

/// `text` with the characters XML gives a meaning escaped, and those it forbids left out.
pub(super) fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Today's date (UTC) as the title page gives it: "30 November 2026".
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() / 86_400);
    date_of_day(days)
}

/// The date `days` days after 1 January 1970, as "1 January 1970".
fn date_of_day(days: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm, for days after the epoch.
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    let name = MONTHS
        .get(usize::try_from(month.saturating_sub(1)).unwrap_or(0))
        .copied()
        .unwrap_or("January");
    format!("{day} {name} {year}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(date_of_day(0), "1 January 1970");
        assert_eq!(date_of_day(59), "1 March 1970");
        assert_eq!(date_of_day(11_016), "29 February 2000");
        assert_eq!(date_of_day(20_787), "30 November 2026");
    }
}
