//! Pictures of the board as PNG and PDF, drawn from the SVG that [`super::svg`] writes, without a
//! window or a GPU.
//!
//! [`parse`] reads the SVG once, with the app's bundled fonts and nothing from the system, so the
//! letters look the same on every machine. The parsed tree then feeds [`png`] (drawn by resvg) and
//! [`pdf`] (written by svg2pdf, which keeps text as selectable text and embeds the fonts).
//!
//! svg2pdf makes one-page PDFs, or one Form `XObject` per SVG ([`svg2pdf::to_chunk`]) for a PDF
//! built with `pdf-writer`. `pdf-writer` is not a direct dependency of the app, so [`pdf`] writes
//! the few objects around those `XObjects` itself (catalog, page tree, pages, cross-reference
//! table): see [`PdfFile`].

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use image::ImageEncoder as _;
use resvg::tiny_skia;
use usvg::fontdb;

/// The most pixels a PNG export may have: 100 megapixels.
pub const MAX_PIXELS: u64 = 100_000_000;

/// The largest scale a PNG export may use (pixels per SVG unit).
pub const MAX_SCALE: f32 = 16.0;

/// The blank border around the picture on a PDF page, in points (28 pt is about 1 cm).
pub const PDF_MARGIN_PT: f32 = 28.0;

/// The family that `sans-serif`, `serif` and unknown families resolve to.
const FONT_FAMILY: &str = "Noto Sans";

/// The bundled fonts: Latin, Cyrillic and Greek in Noto Sans, Georgian in Noto Sans Georgian.
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSansGeorgian-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansGeorgian-Bold.ttf"),
];

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    /// The SVG document could not be read.
    #[error("the picture could not be read as SVG: {0}")]
    BadSvg(String),

    /// The picture has no area, or a size that is not a number.
    #[error("the picture has no size ({width} × {height})")]
    NoSize {
        /// The width of the SVG document.
        width: f32,
        /// The height of the SVG document.
        height: f32,
    },

    /// The scale is zero, negative, not a number or above [`MAX_SCALE`].
    #[error("the scale {0}× is not between 0× and 16×")]
    BadScale(f32),

    /// The PNG would have more than [`MAX_PIXELS`] pixels.
    #[error(
        "at {scale}× the picture would be {width} × {height} pixels, more than the 100 megapixels \
         a PNG may have; the largest scale that fits is {max_scale}×"
    )]
    TooLarge {
        /// The width the PNG would have, in pixels.
        width: u64,
        /// The height the PNG would have, in pixels.
        height: u64,
        /// The scale that was asked for.
        scale: f32,
        /// The largest scale (in hundredths) at which the picture fits, 0 if none does.
        max_scale: f32,
    },

    /// The PDF could not be written.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),

    /// The PNG could not be written.
    #[error("the PNG could not be written: {0}")]
    Png(String),
}

/// The bundled fonts, loaded once and shared by every parse.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut fonts = fontdb::Database::new();
        for data in FONT_FILES {
            fonts.load_font_source(fontdb::Source::Binary(Arc::new(data)));
        }
        fonts.set_sans_serif_family(FONT_FAMILY);
        fonts.set_serif_family(FONT_FAMILY);
        fonts.set_monospace_family(FONT_FAMILY);
        fonts.set_cursive_family(FONT_FAMILY);
        fonts.set_fantasy_family(FONT_FAMILY);
        Arc::new(fonts)
    }))
}

/// Parses an SVG document with the app's bundled fonts loaded (and nothing from the system, so
/// output is the same on every machine). One parsed tree feeds both PNG and PDF.
///
/// Images embedded as `data:` URLs are read; links to files are not followed.
pub fn parse(svg: &str) -> Result<usvg::Tree, RasterError> {
    let any_font = usvg::FontResolver::default_fallback_selector();
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        font_resolver: usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: Box::new(move |c, used, fonts| {
                fallback_font(c, used, fonts, &any_font)
            }),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|err| RasterError::BadSvg(err.to_string()))
}

/// The font for a character that the fonts in `used` lack, preferring one in the style, weight
/// and stretch of the first of `used`.
///
/// usvg's own choice takes the first font that has the character whatever its weight, so bold
/// Georgian would come out regular: it is asked first with the fonts of another style left out.
fn fallback_font(
    c: char,
    used: &[fontdb::ID],
    fonts: &mut Arc<fontdb::Database>,
    any_font: &usvg::FallbackSelectionFn<'_>,
) -> Option<fontdb::ID> {
    // usvg reads the first font of `used` without checking that there is one.
    let first = *used.first()?;
    if let Some((style, weight, stretch)) = fonts
        .face(first)
        .map(|face| (face.style, face.weight, face.stretch))
    {
        let mut others = used.to_vec();
        others.extend(
            fonts
                .faces()
                .filter(|face| {
                    face.style != style || face.weight != weight || face.stretch != stretch
                })
                .map(|face| face.id),
        );
        if let Some(id) = any_font(c, &others, fonts) {
            return Some(id);
        }
    }
    any_font(c, used, fonts)
}

/// The SVG size of `tree`, checked to be finite and not empty.
fn tree_size(tree: &usvg::Tree) -> Result<(f32, f32), RasterError> {
    let size = tree.size();
    let (width, height) = (size.width(), size.height());
    if width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0 {
        Ok((width, height))
    } else {
        Err(RasterError::NoSize { width, height })
    }
}

/// The pixel size of a picture `width` × `height` (SVG units) at `scale`, unchecked.
fn scaled_size(width: f32, height: f32, scale: f32) -> (u64, u64) {
    // Rounded up, less a thousandth of a pixel so that 100 000 × 0.1 (which is 10 000.0001 as
    // f32) is 10 000. Float to integer casts saturate: an absurd size becomes u64::MAX.
    let scaled = |length: f32| {
        (f64::from(length) * f64::from(scale) - 0.001)
            .ceil()
            .max(1.0) as u64
    };
    (scaled(width), scaled(height))
}

/// Whether a picture of `width` × `height` pixels stays within [`MAX_PIXELS`].
fn fits(width: u64, height: u64) -> bool {
    width
        .checked_mul(height)
        .is_some_and(|pixels| pixels <= MAX_PIXELS)
}

/// The largest scale, in hundredths, at which a picture `width` × `height` fits; 0 if none does.
fn largest_scale(width: f32, height: f32) -> f32 {
    let area = f64::from(width) * f64::from(height);
    let ideal = (MAX_PIXELS as f64 / area).sqrt().min(f64::from(MAX_SCALE));
    let mut hundredths = (ideal * 100.0).floor().max(0.0) as u32;
    // Rounding each side up can add a row or a column: step down until it really fits.
    while hundredths > 0 {
        let scale = hundredths as f32 / 100.0;
        let (w, h) = scaled_size(width, height, scale);
        if fits(w, h) {
            return scale;
        }
        hundredths -= 1;
    }
    0.0
}

/// The pixel size a PNG of `tree` at `scale` would have, or [`RasterError::TooLarge`] past
/// [`MAX_PIXELS`].
///
/// Cheap: nothing is drawn or allocated. Each side is the SVG size times `scale`, rounded up.
pub fn png_size(tree: &usvg::Tree, scale: f32) -> Result<(u32, u32), RasterError> {
    if !(scale.is_finite() && scale > 0.0 && scale <= MAX_SCALE) {
        return Err(RasterError::BadScale(scale));
    }
    let (width, height) = tree_size(tree)?;
    let (width_px, height_px) = scaled_size(width, height, scale);
    let too_large = || RasterError::TooLarge {
        width: width_px,
        height: height_px,
        scale,
        max_scale: largest_scale(width, height),
    };
    if !fits(width_px, height_px) {
        return Err(too_large());
    }
    let width_px = u32::try_from(width_px).map_err(|_| too_large())?;
    let height_px = u32::try_from(height_px).map_err(|_| too_large())?;
    Ok((width_px, height_px))
}

/// `tree` drawn at `scale` on `background`, in premultiplied RGBA.
fn draw(
    tree: &usvg::Tree,
    scale: f32,
    background: Option<[u8; 4]>,
) -> Result<tiny_skia::Pixmap, RasterError> {
    // The size is checked before the pixels are allocated.
    let (width, height) = png_size(tree, scale)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(|| {
        RasterError::Png(format!(
            "no room for a picture of {width} × {height} pixels"
        ))
    })?;
    if let Some([red, green, blue, alpha]) = background {
        pixmap.fill(tiny_skia::Color::from_rgba8(red, green, blue, alpha));
    }
    resvg::render(
        tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The same, as RGBA pixels (for comparisons in tests): (width, height, pixels).
///
/// The pixels are straight (not premultiplied) RGBA, row by row from the top left.
pub fn pixels(
    tree: &usvg::Tree,
    scale: f32,
    background: Option<[u8; 4]>,
) -> Result<(u32, u32, Vec<u8>), RasterError> {
    let pixmap = draw(tree, scale, background)?;
    let (width, height) = (pixmap.width(), pixmap.height());
    // In place: at 100 megapixels a second buffer would be another 400 MB.
    let mut rgba = pixmap.take();
    for pixel in rgba.chunks_exact_mut(4) {
        if let [red, green, blue, alpha] = pixel
            && let Some(premultiplied) =
                tiny_skia::PremultipliedColorU8::from_rgba(*red, *green, *blue, *alpha)
        {
            let color = premultiplied.demultiply();
            (*red, *green, *blue) = (color.red(), color.green(), color.blue());
        }
    }
    Ok((width, height, rgba))
}

/// A PNG of `tree` at `scale` (1.0–4.0 typically), on `background` (None: transparent).
///
/// `background` is straight RGBA. A picture past [`MAX_PIXELS`] is refused before anything is
/// drawn.
pub fn png(
    tree: &usvg::Tree,
    scale: f32,
    background: Option<[u8; 4]>,
) -> Result<Vec<u8>, RasterError> {
    let (width, height, rgba) = pixels(tree, scale, background)?;
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(&rgba, width, height, image::ExtendedColorType::Rgba8)
        .map_err(|err| RasterError::Png(err.to_string()))?;
    Ok(bytes)
}

/// A page size in PDF points (1/72 inch), landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4 landscape: 297 × 210 mm.
    A4,
    /// ISO A3 landscape: 420 × 297 mm.
    A3,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Self::A4 => (841.89, 595.28),
            Self::A3 => (1190.55, 841.89),
        }
    }
}

/// A PDF with one page per tree, each page of `paper` size with the tree scaled to fit inside a
/// margin ([`PDF_MARGIN_PT`]) and centred, keeping its aspect ratio. Text stays selectable text in
/// the PDF (svg2pdf embeds the fonts and writes real text).
///
/// `title` becomes the document's title, which PDF viewers show in place of the file name.
pub fn pdf(pages: &[usvg::Tree], paper: Paper, title: &str) -> Result<Vec<u8>, RasterError> {
    pdf_with(pages, paper, title, svg2pdf::ConversionOptions::default())
}

/// [`pdf`] with svg2pdf's options (tests turn compression off to read the content streams).
fn pdf_with(
    pages: &[usvg::Tree],
    paper: Paper,
    title: &str,
    options: svg2pdf::ConversionOptions,
) -> Result<Vec<u8>, RasterError> {
    if pages.is_empty() {
        return Err(RasterError::Pdf("there are no pages".to_owned()));
    }

    // Each tree becomes a Form XObject, one unit square in size, with everything it needs (fonts,
    // images, patterns) in a chunk of objects numbered from 1.
    let mut converted = Vec::with_capacity(pages.len());
    for tree in pages {
        let (width, height) = tree_size(tree)?;
        let (chunk, xobject) =
            svg2pdf::to_chunk(tree, options).map_err(|err| RasterError::Pdf(err.to_string()))?;
        converted.push((chunk, xobject, width, height));
    }

    // Renumber the chunks into one sequence, from the lowest number any of them uses (1).
    let Some(mut next_ref) = converted
        .iter()
        .flat_map(|(chunk, xobject, _, _)| chunk.refs().chain(std::iter::once(*xobject)))
        .min()
    else {
        return Err(RasterError::Pdf("svg2pdf wrote no objects".to_owned()));
    };
    let mut file = PdfFile::new();
    let mut placed = Vec::with_capacity(converted.len());
    for (chunk, xobject, width, height) in converted {
        let mut numbers = HashMap::new();
        let renumbered =
            chunk.renumber(|old| *numbers.entry(old).or_insert_with(|| next_ref.bump()));
        let Some(xobject) = numbers.get(&xobject) else {
            return Err(RasterError::Pdf(
                "svg2pdf's picture is not in its chunk".to_owned(),
            ));
        };
        #[expect(
            clippy::redundant_closure_for_method_calls,
            reason = "`pdf_writer::Ref::get` cannot be named: pdf-writer is not a direct dependency"
        )]
        let ids: Vec<i32> = renumbered.refs().map(|id| id.get()).collect();
        file.chunk(renumbered.as_bytes(), &ids)?;
        placed.push((xobject.get(), width, height));
    }
    // The document's own objects come after everything svg2pdf wrote.
    finish_pdf(file, next_ref.get(), &placed, paper, title)
}

/// Writes the pages that show the `placed` pictures (`XObject` number, width, height) on `paper`,
/// the page tree, the catalog and the document information into `file`, numbering objects from
/// `next_id`, and ends the file.
fn finish_pdf(
    mut file: PdfFile,
    mut next_id: i32,
    placed: &[(i32, f32, f32)],
    paper: Paper,
    title: &str,
) -> Result<Vec<u8>, RasterError> {
    let mut alloc = || {
        let id = next_id;
        next_id = next_id.saturating_add(1);
        id
    };
    let catalog_id = alloc();
    let page_tree_id = alloc();
    let info_id = alloc();

    let (paper_width, paper_height) = paper.size();
    let (room_width, room_height) = (
        paper_width - 2.0 * PDF_MARGIN_PT,
        paper_height - 2.0 * PDF_MARGIN_PT,
    );
    let mut kids = String::new();
    for &(xobject_id, width, height) in placed {
        let fit = (room_width / width).min(room_height / height);
        if !(fit.is_finite() && fit > 0.0) {
            return Err(RasterError::NoSize { width, height });
        }
        let (placed_width, placed_height) = (width * fit, height * fit);
        let (left, bottom) = (
            (paper_width - placed_width) / 2.0,
            (paper_height - placed_height) / 2.0,
        );
        let page_id = alloc();
        let content_id = alloc();
        // The XObject is a unit square: stretch it to the placed size at the placed corner.
        let content = format!(
            "q {placed_width:.3} 0 0 {placed_height:.3} {left:.3} {bottom:.3} cm /Board Do Q"
        );
        file.stream(content_id, "", content.as_bytes());
        file.object(
            page_id,
            &format!(
                "<< /Type /Page /Parent {page_tree_id} 0 R \
                 /MediaBox [0 0 {paper_width:.2} {paper_height:.2}] \
                 /Resources << /XObject << /Board {xobject_id} 0 R >> >> \
                 /Group << /Type /Group /S /Transparency /I true /K false /CS /DeviceRGB >> \
                 /Contents {content_id} 0 R >>"
            ),
        );
        let _ = write!(kids, "{page_id} 0 R ");
    }
    let count = placed.len();
    file.object(
        page_tree_id,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {count} >>",
            kids.trim_end()
        ),
    );
    file.object(
        catalog_id,
        &format!(
            "<< /Type /Catalog /Pages {page_tree_id} 0 R \
             /ViewerPreferences << /DisplayDocTitle true >> >>"
        ),
    );
    file.object(
        info_id,
        &format!(
            "<< /Title {} /Producer {} >>",
            text_string(title),
            text_string("Civic Canvas (svg2pdf)")
        ),
    );
    Ok(file.finish(catalog_id, info_id))
}

/// A PDF text string: UTF-16BE with a byte order mark, in hex, so any title is safe.
fn text_string(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(hex, "{unit:04X}");
    }
    hex.push('>');
    hex
}

/// A PDF file being written: the bytes so far and where each object starts.
struct PdfFile {
    /// The bytes written so far.
    bytes: Vec<u8>,
    /// Each object's number and offset, for the cross-reference table.
    offsets: Vec<(i32, usize)>,
}

impl PdfFile {
    /// A file with just the header (PDF 1.7, and a comment of high bytes that marks it binary).
    fn new() -> Self {
        Self {
            bytes: b"%PDF-1.7\n%\x80\x80\x80\x80\n\n".to_vec(),
            offsets: Vec::new(),
        }
    }

    /// Appends a chunk of objects that `pdf-writer` wrote, numbered `ids` in order.
    ///
    /// `pdf-writer` writes each object as `N 0 obj\n…\nendobj\n\n`, one after another; each
    /// object's start is found by that exact seam with the next number, so bytes inside a
    /// compressed stream are never mistaken for it.
    fn chunk(&mut self, chunk: &[u8], ids: &[i32]) -> Result<(), RasterError> {
        let base = self.bytes.len();
        let mut from = 0;
        for (index, id) in ids.iter().enumerate() {
            let header = format!("{id} 0 obj\n");
            let start = if index == 0 {
                chunk.starts_with(header.as_bytes()).then_some(0)
            } else {
                let seam = [b"endobj\n\n".as_slice(), header.as_bytes()].concat();
                chunk
                    .get(from..)
                    .and_then(|rest| rest.windows(seam.len()).position(|window| window == seam))
                    .map(|at| from + at + b"endobj\n\n".len())
            };
            let Some(start) = start else {
                return Err(RasterError::Pdf(format!(
                    "object {id} was not found in svg2pdf's output"
                )));
            };
            self.offsets.push((*id, base + start));
            from = start + header.len();
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// Writes object `id` with `body` (a dictionary, an array, a number).
    fn object(&mut self, id: i32, body: &str) {
        self.offsets.push((id, self.bytes.len()));
        let _ = write!(Bytes(&mut self.bytes), "{id} 0 obj\n{body}\nendobj\n\n");
    }

    /// Writes stream object `id` holding `data`, with `entries` added to its dictionary.
    fn stream(&mut self, id: i32, entries: &str, data: &[u8]) {
        self.offsets.push((id, self.bytes.len()));
        let length = data.len();
        let _ = write!(
            Bytes(&mut self.bytes),
            "{id} 0 obj\n<< /Length {length} {entries}>>\nstream\n"
        );
        self.bytes.extend_from_slice(data);
        self.bytes.extend_from_slice(b"\nendstream\nendobj\n\n");
    }

    /// Ends the file: cross-reference table, trailer (with `root` and `info`), end marker.
    fn finish(mut self, root: i32, info: i32) -> Vec<u8> {
        self.offsets.sort_unstable();
        let size = self
            .offsets
            .last()
            .map_or(1, |&(id, _)| id.saturating_add(1));
        let xref_offset = self.bytes.len();
        let mut table = format!("xref\n0 {size}\n");
        // Numbers no object uses are free; each free entry names the next free number, the last
        // names 0 (the head of the list).
        let used: HashMap<i32, usize> = self.offsets.iter().copied().collect();
        let free: Vec<i32> = (0..size).filter(|id| !used.contains_key(id)).collect();
        let mut next_free = free.iter().skip(1);
        for id in 0..size {
            if let Some(offset) = used.get(&id) {
                let _ = write!(table, "{offset:010} 00000 n\r\n");
            } else {
                let next = next_free.next().copied().unwrap_or(0);
                let generation = if id == 0 { 65535 } else { 0 };
                let _ = write!(table, "{next:010} {generation:05} f\r\n");
            }
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {size} /Root {root} 0 R /Info {info} 0 R >>\n\
             startxref\n{xref_offset}\n%%EOF"
        );
        self.bytes.extend_from_slice(table.as_bytes());
        self.bytes
    }
}

/// `write!` into a byte buffer.
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: [u8; 4] = [255, 255, 255, 255];

    /// The RGBA pixel at (`x`, `y`), or a clear message if it is outside the picture.
    fn pixel_at(width: u32, rgba: &[u8], x: u32, y: u32) -> [u8; 4] {
        let start = ((y * width + x) * 4) as usize;
        let Some(&[red, green, blue, alpha]) = rgba.get(start..start + 4) else {
            panic!("pixel ({x}, {y}) is outside the picture");
        };
        [red, green, blue, alpha]
    }

    fn red_rect() -> usvg::Tree {
        parse(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">
                 <rect x="25" y="10" width="50" height="30" fill="rgb(255, 0, 0)"/>
               </svg>"#,
        )
        .unwrap()
    }

    #[test]
    fn red_rect_at_twice_the_size() {
        let tree = red_rect();
        assert_eq!(png_size(&tree, 2.0).unwrap(), (200, 100));

        let (width, height, rgba) = pixels(&tree, 2.0, Some(WHITE)).unwrap();
        assert_eq!((width, height), (200, 100));
        assert_eq!(rgba.len(), 200 * 100 * 4);
        assert_eq!(pixel_at(width, &rgba, 100, 50), [255, 0, 0, 255]);
        assert_eq!(pixel_at(width, &rgba, 0, 0), WHITE);
        assert_eq!(pixel_at(width, &rgba, 199, 99), WHITE);

        let (width, _, rgba) = pixels(&tree, 2.0, None).unwrap();
        assert_eq!(pixel_at(width, &rgba, 100, 50), [255, 0, 0, 255]);
        assert_eq!(pixel_at(width, &rgba, 0, 0)[3], 0);

        // The PNG decodes to the same picture.
        let bytes = png(&tree, 2.0, Some(WHITE)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"));
        let decoded = image::load_from_memory(&bytes).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (200, 100));
        assert_eq!(decoded.get_pixel(100, 50).0, [255, 0, 0, 255]);
        assert_eq!(decoded.get_pixel(0, 0).0, WHITE);
    }

    #[test]
    fn pixels_are_straight_alpha() {
        let tree = parse(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
                 <rect width="10" height="10" fill="rgb(255, 0, 0)" fill-opacity="0.5"/>
               </svg>"#,
        )
        .unwrap();
        let (width, _, rgba) = pixels(&tree, 1.0, None).unwrap();
        let [red, green, blue, alpha] = pixel_at(width, &rgba, 5, 5);
        assert_eq!((red, green, blue), (255, 0, 0));
        assert!((127..=128).contains(&alpha), "alpha {alpha}");
    }

    /// `text` drawn black on white, 40 px high, with `weight`: the count of dark pixels and
    /// the pixels themselves.
    fn draw_text(text: &str, weight: &str) -> (usize, Vec<u8>) {
        let tree = parse(&format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">
                 <text x="10" y="65" font-size="40" font-weight="{weight}" fill="black"
                   font-family="Noto Sans, Noto Sans Georgian, sans-serif">{text}</text>
               </svg>"#
        ))
        .unwrap();
        let (_, _, rgba) = pixels(&tree, 1.0, Some(WHITE)).unwrap();
        let dark = rgba
            .chunks_exact(4)
            .filter(|pixel| pixel.first().is_some_and(|&red| red < 100))
            .count();
        (dark, rgba)
    }

    #[test]
    fn text_in_every_script_is_drawn_with_the_bundled_fonts() {
        // Private-use characters are in no font: they come out as the "missing glyph" box.
        let missing = "\u{E000}".repeat(8);
        let (_, boxes) = draw_text(&missing, "normal");
        for text in ["Civic Canvas", "Ђурђевак", "მოქალაქე"] {
            for weight in ["normal", "bold"] {
                let (dark, drawn) = draw_text(text, weight);
                assert!(dark > 200, "{text} ({weight}): only {dark} dark pixels");
                assert_ne!(drawn, boxes, "{text} ({weight}) came out as missing glyphs");
            }
            let (_, regular) = draw_text(text, "normal");
            let (_, bold) = draw_text(text, "bold");
            assert_ne!(regular, bold, "{text}: bold looks like regular");
        }
    }

    #[test]
    fn huge_pictures_are_refused_before_drawing() {
        let tree = parse(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000">
                 <rect width="100" height="100"/>
               </svg>"#,
        )
        .unwrap();
        let started = std::time::Instant::now();
        let err = png(&tree, 4.0, Some(WHITE)).unwrap_err();
        assert!(started.elapsed().as_secs() < 1);
        let RasterError::TooLarge {
            width,
            height,
            scale,
            max_scale,
        } = &err
        else {
            panic!("expected TooLarge, got {err:?}");
        };
        assert_eq!((*width, *height, *scale), (400_000, 400_000, 4.0));
        assert_eq!(*max_scale, 0.1);
        let message = err_message(&tree, 4.0);
        assert!(message.contains("400000 × 400000"), "{message}");
        assert!(message.contains("0.1×"), "{message}");

        assert!(matches!(png_size(&tree, 0.1), Ok((10_000, 10_000))));
        assert!(matches!(
            png_size(&tree, 0.11),
            Err(RasterError::TooLarge { .. })
        ));
    }

    fn err_message(tree: &usvg::Tree, scale: f32) -> String {
        png_size(tree, scale).unwrap_err().to_string()
    }

    #[test]
    fn sizes_and_bad_scales() {
        let tree = red_rect();
        assert_eq!(png_size(&tree, 1.0).unwrap(), (100, 50));
        assert_eq!(png_size(&tree, 1.5).unwrap(), (150, 75));
        assert_eq!(png_size(&tree, 4.0).unwrap(), (400, 200));
        assert_eq!(png_size(&tree, 0.01).unwrap(), (1, 1));
        for scale in [0.0, -1.0, f32::NAN, f32::INFINITY, 16.5] {
            assert!(
                matches!(png_size(&tree, scale), Err(RasterError::BadScale(_))),
                "scale {scale}"
            );
            assert!(pixels(&tree, scale, None).is_err(), "scale {scale}");
        }
    }

    #[test]
    fn bad_svg_is_an_error() {
        assert!(matches!(
            parse("not a picture"),
            Err(RasterError::BadSvg(_))
        ));
        assert!(matches!(parse(""), Err(RasterError::BadSvg(_))));
        assert!(
            parse(r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>"#).is_err()
        );
    }

    fn text_page() -> usvg::Tree {
        parse(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="300">
                 <rect width="800" height="300" fill="rgb(255, 247, 194)"/>
                 <g font-family="Noto Sans, Noto Sans Georgian, sans-serif" font-size="32">
                   <text x="20" y="60">Civic Canvas</text>
                   <text x="20" y="140" font-weight="bold">Ђурђевак</text>
                   <text x="20" y="220">მოქალაქე</text>
                 </g>
               </svg>"#,
        )
        .unwrap()
    }

    /// How often `needle` occurs in `haystack`.
    fn count(haystack: &[u8], needle: &[u8]) -> usize {
        haystack
            .windows(needle.len())
            .filter(|window| *window == needle)
            .count()
    }

    /// Checks that every entry of the cross-reference table points at its object.
    fn check_xref(pdf: &[u8]) {
        let text = String::from_utf8_lossy(pdf);
        let start_xref = text.rfind("startxref\n").unwrap() + "startxref\n".len();
        let xref: usize = text[start_xref..].lines().next().unwrap().parse().unwrap();
        let mut lines = pdf[xref..].split(|&byte| byte == b'\n');
        assert_eq!(lines.next().unwrap(), b"xref");
        let header = String::from_utf8(lines.next().unwrap().to_vec()).unwrap();
        let size: usize = header.strip_prefix("0 ").unwrap().parse().unwrap();
        let entries = xref + "xref\n".len() + header.len() + 1;
        let mut in_use = 0;
        for id in 0..size {
            let entry = &pdf[entries + id * 20..entries + id * 20 + 20];
            let entry = std::str::from_utf8(entry).unwrap();
            if entry.as_bytes()[17] == b'n' {
                let offset: usize = entry[..10].parse().unwrap();
                let expected = format!("{id} 0 obj\n");
                assert!(
                    pdf[offset..].starts_with(expected.as_bytes()),
                    "object {id} is not at {offset}"
                );
                in_use += 1;
            } else {
                assert_eq!(&entry[16..], " f\r\n");
            }
        }
        assert!(in_use > 5);
        assert!(text.contains(&format!("/Size {size} ")));
    }

    #[test]
    fn pdf_has_one_page_per_tree_and_real_text() {
        let pages = [text_page(), red_rect()];
        let bytes = pdf(&pages, Paper::A4, "Workshop: Ђурђевак / მოქალაქე").unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.ends_with(b"%%EOF"));
        assert_eq!(
            count(&bytes, b"/Type /Page") - count(&bytes, b"/Type /Pages"),
            2
        );
        assert_eq!(count(&bytes, b"/Count 2"), 1);
        assert_eq!(count(&bytes, b"/MediaBox [0 0 841.89 595.28]"), 2);
        // The fonts are embedded (TrueType outlines), with a map back to Unicode for copying.
        assert!(count(&bytes, b"/FontFile2") >= 2);
        assert!(count(&bytes, b"/ToUnicode") >= 2);
        // The title, as UTF-16 ("Wo" = 0057 006F).
        assert!(count(&bytes, b"/Title <FEFF0057006F") == 1);
        check_xref(&bytes);

        // The 800 × 300 page fills the width inside the margins, centred in height.
        let (paper_width, paper_height) = Paper::A4.size();
        let width = paper_width - 2.0 * PDF_MARGIN_PT;
        let height = width * 300.0 / 800.0;
        let placement = format!(
            "q {width:.3} 0 0 {height:.3} {PDF_MARGIN_PT:.3} {:.3} cm /Board Do Q",
            (paper_height - height) / 2.0
        );
        assert_eq!(count(&bytes, placement.as_bytes()), 1, "{placement}");
    }

    #[test]
    fn pdf_text_is_written_as_text() {
        let options = svg2pdf::ConversionOptions {
            compress: false,
            ..svg2pdf::ConversionOptions::default()
        };
        let bytes = pdf_with(&[text_page()], Paper::A3, "Text", options).unwrap();
        // Text objects with a font and shown glyphs, not outlines.
        assert!(count(&bytes, b"BT") >= 3);
        assert!(count(&bytes, b" Tf") >= 3);
        assert!(count(&bytes, b"TJ") + count(&bytes, b"Tj") >= 3);
        assert_eq!(count(&bytes, b"/MediaBox [0 0 1190.55 841.89]"), 1);
        check_xref(&bytes);
    }

    #[test]
    fn pdf_without_pages_is_an_error() {
        assert!(matches!(
            pdf(&[], Paper::A4, "Empty"),
            Err(RasterError::Pdf(_))
        ));
    }

    #[test]
    fn paper_sizes_are_landscape() {
        for paper in [Paper::A4, Paper::A3] {
            let (width, height) = paper.size();
            assert!(width > height);
        }
        assert_eq!(Paper::A3.size().1, Paper::A4.size().0);
    }
}
