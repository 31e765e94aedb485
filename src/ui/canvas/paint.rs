//! Painting the canvas: background grid and sticky notes.

use egui::{Align2, Color32, CornerRadius, Painter, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use crate::model::Item;
use crate::ui::theme;

use super::super::camera::Camera;

/// Paints a dot grid that fades out instead of crowding when zoomed out, leaving out the dots
/// inside `hidden` (frame bodies painted over them). The background colour under it is the
/// window's clear colour (see `CivicCanvasApp::clear_color`): filling the whole canvas again
/// would cost a pass over every pixel under software rendering.
pub fn background(painter: &Painter, viewport: Rect, camera: &Camera, hidden: &[Rect]) {
    let mut spacing = theme::GRID_SPACING;
    while spacing * camera.zoom < 18.0 {
        spacing *= 5.0;
    }
    let (min, max) = camera.visible_board_rect(viewport);
    let first_x = (min.x / spacing).floor() as i64;
    let first_y = (min.y / spacing).floor() as i64;
    let last_x = (max.x / spacing).ceil() as i64;
    let last_y = (max.y / spacing).ceil() as i64;
    // All dots go into one mesh: thousands of separate shapes would each be tessellated.
    let half = 1.1;
    let mut mesh = egui::Mesh::default();
    for gy in first_y..=last_y {
        for gx in first_x..=last_x {
            let board = crate::model::Point::new(gx as f32 * spacing, gy as f32 * spacing);
            let center = camera.screen_from_board(viewport, board);
            if hidden.iter().any(|rect| rect.contains(center)) {
                continue;
            }
            mesh.add_colored_rect(
                Rect::from_center_size(center, vec2(half, half) * 2.0),
                theme::GRID_DOT,
            );
        }
    }
    painter.add(Shape::mesh(mesh));
}

/// Notes too small on screen to read or grab: flat rectangles gathered into one mesh (thousands
/// of separate shapes would each be tessellated), painted whenever a normal item comes next in
/// the stacking order so overlaps still stack right.
#[derive(Default)]
pub struct TinyNotes {
    mesh: egui::Mesh,
}

impl TinyNotes {
    /// Below this size on screen (points) an item is drawn as a plain rectangle with no widget.
    pub const MAX_PX: f32 = 12.0;

    /// Whether an item of this screen rectangle is drawn as a tiny note.
    pub fn is_tiny(rect: Rect) -> bool {
        rect.width().min(rect.height()) < Self::MAX_PX
    }

    /// Whether `item`, at `rect` on screen, is drawn the quick way: a note or node as a plain
    /// rectangle when it is thin; a stroke, whose box is often thin (a line drawn across), when
    /// its line would be under a point wide (a hairline through its points is then what it
    /// looks like).
    pub fn is_far(item: &Item, rect: Rect) -> bool {
        match item.as_stroke() {
            Some(stroke) => {
                let zoom = rect.width() / item.size.width.max(f32::MIN_POSITIVE);
                stroke.tool.pen().width * zoom < 1.0
            }
            None => Self::is_tiny(rect),
        }
    }

    /// Adds a note (a stroke: a hairline through its points); a selected one also gets an
    /// outline.
    pub fn add(&mut self, painter: &Painter, item: &Item, rect: Rect, selected: bool) {
        match item.as_stroke() {
            Some(stroke) => super::stroke_paint::speck(&mut self.mesh, item, stroke, rect),
            None => self.mesh.add_colored_rect(rect, theme::fill(item.color)),
        }
        if selected {
            self.flush(painter);
            outline_tiny(painter, rect);
        }
    }

    /// Paints what was gathered so far.
    pub fn flush(&mut self, painter: &Painter) {
        if !self.mesh.is_empty() {
            painter.add(Shape::mesh(std::mem::take(&mut self.mesh)));
        }
    }
}

/// How much of the line between the centres of two rectangles shows outside both, in points.
///
/// Far out, the notes of a cluster are a few points apart and drawn over the lines joining
/// them: most of those lines would not show at all, yet each one costs the renderer.
pub fn shown_between(a: Rect, b: Rect) -> f32 {
    let along = b.center() - a.center();
    let length = along.length();
    if length <= 0.0 {
        return 0.0;
    }
    let direction = along / length;
    // How far a line from a rectangle's centre runs before it leaves the rectangle.
    let inside = |rect: Rect| {
        let half = rect.size() / 2.0;
        let across = if direction.x == 0.0 {
            f32::INFINITY
        } else {
            half.x / direction.x.abs()
        };
        let down = if direction.y == 0.0 {
            f32::INFINITY
        } else {
            half.y / direction.y.abs()
        };
        across.min(down)
    };
    (length - inside(a) - inside(b)).max(0.0)
}

/// Paints `galley` at `pos`, cut off at the edges of `clip`.
///
/// When the text lies within `clip` anyway, it is painted without a clip of its own: every
/// change of clip starts a new batch of triangles for the renderer, and a board of notes would
/// otherwise send one for every text.
pub fn clipped_galley(
    painter: &Painter,
    clip: Rect,
    pos: egui::Pos2,
    galley: std::sync::Arc<egui::Galley>,
    color: Color32,
) {
    let clip = clip.intersect(painter.clip_rect());
    if clip.contains_rect(galley.rect.translate(pos.to_vec2())) {
        painter.galley(pos, galley, color);
    } else {
        painter.with_clip_rect(clip).galley(pos, galley, color);
    }
}

/// The outline of a selected item drawn as a tiny note.
pub fn outline_tiny(painter: &Painter, rect: Rect) {
    painter.rect_stroke(
        rect.expand(1.0),
        CornerRadius::ZERO,
        Stroke::new(2.0, theme::SELECTION),
        StrokeKind::Outside,
    );
}

/// Adds a one-point-wide line from `a` to `b` to `mesh` (two triangles, no anti-aliasing).
pub fn hairline(mesh: &mut egui::Mesh, a: egui::Pos2, b: egui::Pos2) {
    let direction = (b - a).normalized();
    if !direction.is_finite() {
        return;
    }
    let side = direction.rot90() * 0.5;
    let first = mesh.vertices.len() as u32;
    for pos in [a + side, a - side, b - side, b + side] {
        mesh.colored_vertex(pos, theme::CONNECTOR);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first, first + 2, first + 3);
}

/// Notes narrower than this on screen (points) get no shadow: it would not show.
const SHADOW_MIN_PX: f32 = 60.0;

/// Paints the shadow under an opaque card (a note, a persona card) about to be painted over it,
/// on cards wide enough for it to show.
///
/// The shadow is the card's shape moved down a little and grown by a point, but only the strip
/// the card leaves uncovered is painted: its bottom edge, with the rounded corners. Under
/// software rendering every pixel painted costs, and the whole shape would paint the card's
/// area twice.
pub fn shadow(painter: &Painter, rect: Rect, radius: CornerRadius, zoom: f32) {
    if rect.width() <= SHADOW_MIN_PX {
        return;
    }
    let whole = rect.translate(vec2(0.0, 3.0 * zoom.min(1.0))).expand(1.0);
    // From where the card's bottom corners start to round, down to the shadow's bottom.
    let corner = f32::from(radius.sw.max(radius.se));
    let top = (rect.bottom() - corner - 1.0).max(whole.top());
    let strip = Rect::from_min_max(pos2(whole.left(), top), whole.max);
    let strip_radius = CornerRadius {
        nw: 0,
        ne: 0,
        ..radius
    };
    painter.rect_filled(strip, strip_radius, theme::ITEM_SHADOW);
}

/// How a note should be drawn in this paint.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent marks of one item in one paint"
)]
pub struct NoteLook {
    /// The note's rectangle on screen.
    pub rect: Rect,
    /// Screen points per board unit.
    pub zoom: f32,
    /// Whether the note is selected.
    pub selected: bool,
    /// Whether the text is drawn (false while it is being edited in place).
    pub show_text: bool,
    /// Whether the note matches the search.
    pub highlighted: bool,
    /// Whether text and edges are drawn at their strongest (while presenting: a compressed
    /// video blurs fine greys).
    pub contrast: bool,
}

/// The rectangle inside a note where its text goes.
pub fn text_rect(rect: Rect, zoom: f32) -> Rect {
    rect.shrink(theme::NOTE_PADDING * zoom)
}

/// Paints the note body (shadow, fill, border) and, unless it is being edited, its text.
/// Returns the size its text has on screen (points), when it has text.
pub fn note(painter: &Painter, item: &Item, look: &NoteLook) -> Option<f32> {
    let radius = note_radius(look.zoom);
    shadow(painter, look.rect, radius, look.zoom);
    painter.rect_filled(look.rect, radius, theme::fill(item.color));
    let border = if look.contrast {
        theme::border_strong(item.color)
    } else {
        theme::border(item.color)
    };
    painter.rect_stroke(
        look.rect,
        radius,
        Stroke::new(1.0, border),
        StrokeKind::Inside,
    );
    let font_px = note_text(painter, item, look);
    outline_marks(painter, look.rect, radius, look.selected, look.highlighted);
    (!item.text().is_empty()).then_some(font_px)
}

/// The rounding of a note's corners at `zoom`.
fn note_radius(zoom: f32) -> CornerRadius {
    CornerRadius::same((theme::NOTE_CORNER_RADIUS * zoom).round().clamp(0.0, 255.0) as u8)
}

/// Paints a note's text (unless it is being edited or too small to read), cut to whole lines
/// with a badge when it does not fit; returns its size on screen (points). Painted again above
/// a highlighter stroke that runs over the note, the text stays crisp under the highlight.
pub fn note_text(painter: &Painter, item: &Item, look: &NoteLook) -> f32 {
    let NoteLook {
        rect,
        zoom,
        show_text,
        contrast,
        ..
    } = *look;
    let text_color = if contrast {
        Color32::BLACK
    } else {
        theme::NOTE_TEXT
    };
    let inner = text_rect(rect, zoom);
    let fit = matches!(&item.kind, crate::model::ItemKind::Note(note) if note.fit_text);
    // The smallest size the text may take decides how much of it could show.
    let smallest = if fit { 0.5 } else { 1.0 };
    let text = room_for(
        item.text(),
        inner.size(),
        theme::NOTE_FONT_SIZE * zoom * smallest,
    );
    let mut overflowed = text.len() < item.text().len();
    let inner_on_board = inner.size() / zoom.max(f32::MIN_POSITIVE);
    let board_px = if fit {
        fit_text_size(painter, item, &display_text(text), inner_on_board)
    } else {
        theme::NOTE_FONT_SIZE
    };
    let font_px = board_px * zoom;
    if show_text && font_px >= theme::MIN_READABLE_TEXT_PX && !text.is_empty() {
        let galley = layout_as_on_board(
            painter,
            display_text(text),
            (theme::note_font(board_px), inner_on_board.x),
            zoom,
            text_color,
        );
        overflowed |= galley.size().y > inner.height() + 0.5;
        let mut text_clip = inner;
        if overflowed {
            // Show whole lines only, and keep them clear of the badge.
            let room = overflow_badge_rect(rect, zoom).top() - inner.top();
            let last_whole_line = galley
                .rows
                .iter()
                .map(|row| row.rect().max.y)
                .take_while(|&bottom| bottom <= room)
                .last()
                .unwrap_or(0.0);
            text_clip.max.y = inner.top() + last_whole_line;
        }
        clipped_galley(painter, text_clip, inner.min, galley, text_color);
        if overflowed {
            overflow_badge(painter, rect, zoom);
        }
    }
    font_px
}

/// The outlines around a rectangular item: orange when it matches the search, blue when it is
/// selected (both, one outside the other).
pub fn outline_marks(
    painter: &Painter,
    rect: Rect,
    radius: CornerRadius,
    selected: bool,
    highlighted: bool,
) {
    if highlighted {
        painter.rect_stroke(
            rect.expand(if selected { 7.0 } else { 2.0 }),
            radius,
            Stroke::new(theme::SELECTION_STROKE_WIDTH, theme::SEARCH_HIGHLIGHT),
            StrokeKind::Outside,
        );
    }
    if selected {
        painter.rect_stroke(
            rect.expand(2.0),
            radius,
            Stroke::new(theme::SELECTION_STROKE_WIDTH, theme::SELECTION),
            StrokeKind::Outside,
        );
    }
}

pub(super) fn overflow_badge_rect(rect: Rect, zoom: f32) -> Rect {
    let size = vec2(34.0, 16.0) * zoom.clamp(0.5, 2.0);
    let center = pos2(
        rect.center().x,
        rect.bottom() - size.y * 0.5 - 4.0 * zoom.min(1.0),
    );
    Rect::from_center_size(center, size)
}

/// A small dark "…" tab at the bottom edge: this note holds more text than it shows.
pub(super) fn overflow_badge(painter: &Painter, rect: Rect, zoom: f32) {
    let badge = overflow_badge_rect(rect, zoom);
    painter.rect_filled(badge, CornerRadius::same(8), theme::OVERFLOW_BADGE);
    painter.text(
        badge.center(),
        Align2::CENTER_CENTER,
        "…",
        theme::note_font(badge.height() * 0.9),
        Color32::WHITE,
    );
}

/// The size at which a note's text (`text`, as displayed) fills the box `inner` on screen at
/// `zoom` ([`fitted_size`]).
///
/// Text and box grow together with the zoom, so the size found is remembered as a share of the
/// zoom), with the text and the note's size it was found for: the search runs in board units,
/// so every zoom finds the same size, and it runs again only when the text or the note's size
/// changes. `inner` is the room for the text, in board units.
fn fit_text_size(painter: &Painter, item: &Item, text: &str, inner: egui::Vec2) -> f32 {
    use std::hash::{Hash as _, Hasher as _};
    let fits = |px: f32| {
        painter
            .layout(
                text.to_owned(),
                theme::note_font(px),
                theme::NOTE_TEXT,
                inner.x.max(1.0),
            )
            .size()
            .y
            <= inner.y
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    // The box in tenths of a board unit.
    let tenths = |length: f32| (length * 10.0).round() as i64;
    let found_for = (hasher.finish(), tenths(inner.x), tenths(inner.y));
    let key = egui::Id::unique(("fitted text", item.id));
    let ctx = painter.ctx();
    let remembered = ctx.data(|data| data.get_temp::<((u64, i64, i64), f32)>(key));
    if let Some((was_for, px)) = remembered
        && was_for == found_for
    {
        return px;
    }
    // In steps of a quarter point, rounded down (so it still fits): a board of thousands of
    // fitted notes then uses a few dozen text sizes, and each size's letters are drawn into the
    // font atlas once, instead of once for almost every note.
    let px = fitted_size(theme::NOTE_FONT_SIZE, fits);
    ctx.data_mut(|data| data.insert_temp(key, (found_for, px)));
    px
}

/// Lays out `text` for the screen at `zoom` so that its lines break where they do at 100%: it
/// is laid out once in `font` (its size in board units) `wrap` board units wide (the layout every
/// zoom and every picture of the board shares), and those lines are laid out again at the
/// screen's size, unwrapped. A line that breaks at another word at another zoom would make a
/// note read differently on the shared screen than in the handout.
pub fn layout_as_on_board(
    painter: &Painter,
    text: String,
    (font, wrap): (egui::FontId, f32),
    zoom: f32,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    let on_screen = egui::FontId::new(font.size * zoom, font.family.clone());
    if (zoom - 1.0).abs() < f32::EPSILON {
        return painter.layout(text, on_screen, color, wrap.max(1.0));
    }
    let on_board = painter.layout(text.clone(), font, color, wrap.max(1.0));
    let lines = lines_of(&text, &on_board);
    painter.layout_no_wrap(lines, on_screen, color)
}

/// Lays out `job` (sized for the screen at `zoom`) so that its lines break where they do at
/// 100%, as [`layout_as_on_board`] does for plain text: the job scaled to board units is laid
/// out once, and the job is laid out again unwrapped with a line break at each of those breaks.
pub fn job_as_on_board(
    painter: &Painter,
    job: egui::text::LayoutJob,
    zoom: f32,
) -> std::sync::Arc<egui::Galley> {
    if (zoom - 1.0).abs() < f32::EPSILON || !job.wrap.max_width.is_finite() {
        return painter.layout_job(job);
    }
    let to_board = 1.0 / zoom.max(f32::MIN_POSITIVE);
    let mut on_board = job.clone();
    on_board.wrap.max_width *= to_board;
    for section in &mut on_board.sections {
        section.leading_space *= to_board;
        section.format.font_id.size *= to_board;
        section.format.extra_letter_spacing *= to_board;
        if let Some(height) = &mut section.format.line_height {
            *height *= to_board;
        }
    }
    let breaks = wrap_points(&job.text, &painter.layout_job(on_board));
    let mut screen = job;
    screen.wrap.max_width = f32::INFINITY;
    // The byte where each break goes, counted in the text with the breaks before it in.
    let moved = |at: egui::text::ByteIndex| {
        egui::text::ByteIndex(at.0 + breaks.iter().filter(|&&b| b <= at.0).count())
    };
    for &at in breaks.iter().rev() {
        screen.text.insert(at, '\n');
    }
    for section in &mut screen.sections {
        section.byte_range = moved(section.byte_range.start)..moved(section.byte_range.end);
    }
    painter.layout_job(screen)
}

/// The bytes of `text` where `galley` (its layout) wrapped a line, in order.
fn wrap_points(text: &str, galley: &egui::Galley) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut chars = text.char_indices().peekable();
    for (index, row) in galley.rows.iter().enumerate() {
        for _ in 0..row.row.glyphs.len() {
            chars.next();
        }
        if row.ends_with_newline {
            chars.next();
        } else if index + 1 < galley.rows.len()
            && let Some(&(at, _)) = chars.peek()
        {
            breaks.push(at);
        }
    }
    breaks
}

/// `text` with a line break wherever `galley` (its layout) wrapped a line.
fn lines_of(text: &str, galley: &egui::Galley) -> String {
    let mut lines = String::with_capacity(text.len() + galley.rows.len());
    let mut chars = text.chars();
    for row in &galley.rows {
        lines.extend(chars.by_ref().take(row.row.glyphs.len()));
        if row.ends_with_newline {
            // The newline the text has here (a row's glyphs leave it out).
            lines.extend(chars.next());
        } else {
            lines.push('\n');
        }
    }
    lines.extend(chars);
    // A wrap at the very end leaves a line break the text did not have.
    if lines.ends_with('\n') && !text.ends_with('\n') {
        lines.pop();
    }
    lines
}

/// The largest text size in half points, from half to three times `normal`, at which `fits`
/// holds (found by halving the range); half of `normal` when even that does not fit.
///
/// Only half-point sizes are tried: every size a text is laid out at has its letters drawn into
/// the font atlas, and a board of thousands of notes fitting their text would otherwise try a
/// different size for almost every note (a picture of the 10k board took seconds for that).
pub fn fitted_size(normal: f32, fits: impl Fn(f32) -> bool) -> f32 {
    let size = |halves: i32| halves as f32 / 2.0;
    let (mut low, mut high) = ((normal).round() as i32, (normal * 6.0).round() as i32 + 1);
    if !fits(size(low)) {
        return size(low);
    }
    // `low` fits and `high` is past the largest size tried.
    while high - low > 1 {
        let middle = i32::midpoint(low, high);
        if fits(size(middle)) {
            low = middle;
        } else {
            high = middle;
        }
    }
    size(low)
}

/// At most `count` characters from the start of `text`.
pub(crate) fn first_chars(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or(text, |(at, _)| text.get(..at).unwrap_or(text))
}

/// The start of `text` that is all a box of `size` (on screen) can show at `px`: no visible
/// character is narrower than [`NARROWEST_CHAR`] of the size and no line is lower than the size,
/// so nothing past this could show (zero-width marks past it, which add nothing visible, are left
/// out too). A text of megabytes then costs no more to lay out than what the box shows; the
/// whole text stays on the board and in the file.
pub(crate) fn room_for(text: &str, size: egui::Vec2, px: f32) -> &str {
    let px = px.max(1.0);
    let columns = (size.x.max(0.0) / (px * NARROWEST_CHAR)).ceil() as usize + 1;
    let rows = (size.y.max(0.0) / px).ceil() as usize + 1;
    let most_chars = columns.saturating_mul(rows).saturating_add(16);
    let mut lines = 0;
    for (count, (at, c)) in text.char_indices().enumerate() {
        if count >= most_chars || lines > rows {
            return text.get(..at).unwrap_or(text);
        }
        if c == '\n' {
            lines += 1;
        }
    }
    text
}

/// The advance of the narrowest visible character in the board's fonts, as a share of the font
/// size, with room to spare (`i`, `'` and thin spaces are about a fifth).
const NARROWEST_CHAR: f32 = 0.1;

/// Note text as shown: lines starting with "- " or "* " become bullets ("• "); the stored text
/// keeps what was typed.
pub fn display_text(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            let rest = line.get(indent..).unwrap_or_default();
            match rest.strip_prefix("- ").or_else(|| rest.strip_prefix("* ")) {
                Some(item) => format!("{}• {item}", line.get(..indent).unwrap_or_default()),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The resize handle at a selected note's bottom-right corner.
pub fn resize_handle_rect(rect: Rect) -> Rect {
    let size = theme::RESIZE_HANDLE_SIZE;
    Rect::from_center_size(rect.right_bottom(), vec2(size, size))
}

/// Paints the resize handle.
pub fn resize_handle(painter: &Painter, handle: Rect, hovered: bool) {
    let fill = if hovered {
        theme::SELECTION
    } else {
        Color32::WHITE
    };
    painter.rect_filled(handle, CornerRadius::same(2), fill);
    painter.rect_stroke(
        handle,
        CornerRadius::same(2),
        Stroke::new(2.0, theme::SELECTION),
        StrokeKind::Inside,
    );
}

/// A backdrop's or frame's title strip on screen, where it is picked up: the top of `rect`,
/// [`Item::BACKDROP_HEADER`] board units tall at `zoom`.
pub(super) fn title_strip(rect: Rect, zoom: f32) -> Rect {
    Rect::from_min_size(
        rect.min,
        vec2(
            rect.width(),
            (Item::BACKDROP_HEADER * zoom).min(rect.height()),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of each line of a galley.
    fn words_per_line(galley: &egui::Galley) -> Vec<String> {
        galley
            .rows
            .iter()
            .map(|row| {
                let line: String = row.row.glyphs.iter().map(|glyph| glyph.chr).collect();
                line.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect()
    }

    /// A painter of a headless context with the app's fonts, for laying out text.
    fn painter_with_fonts() -> Painter {
        let ctx = egui::Context::default();
        theme::install_fonts(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        // The font atlas this made is not for any renderer.
        output.textures_delta.clear();
        Painter::new(
            ctx,
            egui::LayerId::background(),
            Rect::from_min_size(egui::Pos2::ZERO, vec2(4000.0, 4000.0)),
        )
    }

    #[test]
    fn a_note_breaks_its_lines_at_the_same_words_at_every_zoom() {
        let painter = painter_with_fonts();
        let board = crate::generate::generate_board(400, 1);
        let mut notes = 0;
        for item in board.items() {
            if !matches!(item.kind, crate::model::ItemKind::Note(_)) {
                continue;
            }
            notes += 1;
            let wrap = item.size.width - 2.0 * theme::NOTE_PADDING;
            let text = display_text(item.text());
            let at = |zoom: f32| {
                let size = (theme::note_font(theme::NOTE_FONT_SIZE), wrap);
                layout_as_on_board(&painter, text.clone(), size, zoom, Color32::BLACK)
            };
            let on_board = words_per_line(&at(1.0));
            for zoom in [0.3, 0.5, 0.62, 0.71, 0.8, 1.1, 1.25, 1.5, 2.0, 3.0] {
                let galley = at(zoom);
                assert_eq!(words_per_line(&galley), on_board, "{text:?} at {zoom}");
                let size = galley.job.sections.first().map(|s| s.format.font_id.size);
                assert_eq!(size, Some(theme::NOTE_FONT_SIZE * zoom));
            }
        }
        assert!(notes > 200, "{notes} notes");
    }

    #[test]
    fn the_line_between_two_rectangles_shows_only_in_the_gap() {
        let square = |x: f32, y: f32| Rect::from_min_size(pos2(x, y), vec2(4.0, 4.0));
        // Side by side with a gap of 6: 6 of the 10 between centres show.
        assert!((shown_between(square(0.0, 0.0), square(10.0, 0.0)) - 6.0).abs() < 1e-4);
        // Touching or overlapping: nothing shows.
        assert_eq!(shown_between(square(0.0, 0.0), square(4.0, 0.0)), 0.0);
        assert_eq!(shown_between(square(0.0, 0.0), square(1.0, 1.0)), 0.0);
        assert_eq!(shown_between(square(0.0, 0.0), square(0.0, 0.0)), 0.0);
        // Diagonal, corner to corner 3 apart on each axis: the gap is 3·√2.
        let shown = shown_between(square(0.0, 0.0), square(7.0, 7.0));
        assert!((shown - 3.0 * 2f32.sqrt()).abs() < 1e-4, "{shown}");
    }

    #[test]
    fn a_text_of_several_fonts_breaks_its_lines_at_the_same_words_at_every_zoom() {
        let painter = painter_with_fonts();
        let board = crate::generate::generate_board(200, 2);
        let mut texts = 0;
        for item in board.items().filter(|item| !item.text().is_empty()) {
            texts += 1;
            let job = |zoom: f32| {
                let px = 13.0 * zoom;
                let mut job = egui::text::LayoutJob::default();
                let bold = egui::FontId::new(px, egui::FontFamily::Name(theme::BOLD.into()));
                let format = |font| egui::TextFormat::simple(font, Color32::BLACK);
                job.append("Needs: ", px, format(bold));
                job.append(item.text(), 0.0, format(theme::note_font(px)));
                job.append(" · assumption", 0.0, format(theme::note_font(px * 0.9)));
                job.wrap.max_width = 150.0 * zoom;
                job
            };
            let on_board = words_per_line(&job_as_on_board(&painter, job(1.0), 1.0));
            for zoom in [0.3, 0.62, 0.8, 1.25, 2.0, 3.0] {
                let galley = job_as_on_board(&painter, job(zoom), zoom);
                assert_eq!(words_per_line(&galley), on_board, "at {zoom}");
                assert_eq!(
                    galley.job.text.replace('\n', ""),
                    job(zoom).text.replace('\n', "")
                );
            }
        }
        assert!(texts > 100, "{texts}");
    }

    #[test]
    fn the_fitted_text_size_is_found_in_board_units_and_again_when_the_text_changes() {
        use crate::model::{IdGen, PaletteColor, Point, ZKey};
        let item = Item::note(
            IdGen::seeded(3).item_id(|_| false),
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            "",
        )
        .fitting_text();
        let ctx = egui::Context::default();
        let mut sizes = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter();
            let inner = vec2(176.0, 126.0);
            let searched = |text: &str| {
                fitted_size(theme::NOTE_FONT_SIZE, |px| {
                    painter
                        .layout(
                            text.to_owned(),
                            theme::note_font(px),
                            theme::NOTE_TEXT,
                            inner.x,
                        )
                        .size()
                        .y
                        <= inner.y
                })
            };
            let long = "many words about waiting times at the counter ".repeat(4);
            let short = "Book online";
            // The long text twice (the second time remembered); then the note says something
            // short.
            for text in [long.as_str(), &long, short] {
                sizes.push((fit_text_size(painter, &item, text, inner), searched(text)));
            }
        });
        // The font atlas this made is not for any renderer.
        output.textures_delta.clear();
        for (remembered, searched) in &sizes {
            // The search's size, rounded down to a quarter point.
            assert!(
                searched - remembered < 0.25 && remembered <= searched,
                "{sizes:?}"
            );
            assert_eq!(remembered * 4.0, (remembered * 4.0).round(), "{sizes:?}");
        }
        assert!(sizes[2].0 > sizes[0].0, "{sizes:?}");
    }

    #[test]
    fn fitted_text_grows_for_a_few_words_and_shrinks_for_many() {
        // A stand-in for text layout: the text is as tall as `words × size²` / 1000.
        let fits = |words: f32| move |px: f32| words * px * px / 1000.0 <= 100.0;
        let few = fitted_size(18.0, fits(10.0));
        let many = fitted_size(18.0, fits(1000.0));
        assert!(few > 18.0 * 1.5, "{few}");
        assert!(many < 18.0, "{many}");
        assert!(fits(10.0)(few) && fits(1000.0)(many));
        // Nothing fits: the smallest size, and the note shows its overflow tab.
        assert_eq!(fitted_size(18.0, |_| false), 9.0);
    }

    #[test]
    fn dash_and_star_lines_show_as_bullets_and_other_text_is_kept() {
        assert_eq!(
            display_text("Needs:\n- forms online\n  * in Albanian\n-not a bullet\nx - y"),
            "Needs:\n• forms online\n  • in Albanian\n-not a bullet\nx - y"
        );
    }

    /// The rows of `text` laid out `width` wide that start inside `height`.
    fn rows_shown(
        ctx: &egui::Context,
        text: &str,
        px: f32,
        width: f32,
        height: f32,
    ) -> Vec<String> {
        let galley = ctx.fonts_mut(|fonts| {
            fonts.layout(text.to_owned(), theme::note_font(px), Color32::BLACK, width)
        });
        galley
            .rows
            .iter()
            .filter(|row| row.rect().top() < height)
            .map(|row| row.glyphs.iter().map(|glyph| glyph.chr).collect())
            .collect()
    }

    #[test]
    fn the_start_of_a_long_text_shows_all_that_the_whole_text_would() {
        let ctx = egui::Context::default();
        theme::install_fonts(&ctx);
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let texts = [
            "Residents wait hours at the registry office for a paper certificate. ".repeat(300),
            "i".repeat(20_000),
            "' . , | ".repeat(3_000),
            "\u{2009}i".repeat(10_000),
            "Громадяни чекають годинами. ქალაქი. ".repeat(500),
            "short\n".repeat(5_000),
            "\n".repeat(5_000) + "late",
        ];
        for text in &texts {
            for (px, width, height) in [
                (18.0, 216.0, 176.0),
                (9.0, 400.0, 300.0),
                (4.0, 50.0, 400.0),
            ] {
                let start = room_for(text, vec2(width, height), px);
                assert!(start.len() < text.len(), "nothing left out at {px} px");
                assert_eq!(
                    rows_shown(&ctx, start, px, width, height),
                    rows_shown(&ctx, text, px, width, height),
                    "{px} px in {width} × {height}"
                );
            }
        }
        // Zero-width marks past what could show are left out too.
        let marks = String::from("e") + &"\u{301}".repeat(10_000_000);
        assert!(room_for(&marks, vec2(216.0, 176.0), 18.0).len() < 100_000);
        assert_eq!(room_for("short", vec2(216.0, 176.0), 18.0), "short");
    }
}
