//! Pictures of the board as SVG: the shapes egui would paint, written as SVG elements.
//!
//! The board canvas is painted headlessly into an egui context and its shapes (already in the
//! picture's own points) come here, so the SVG looks like the screen. Text stays real text
//! (selectable and searchable), every character placed where egui's layout put its glyph.
//!
//! The output is deterministic: ids of clip paths and filters are numbered in order of first use.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::Arc;

use egui::emath::Rot2;
use egui::epaint::text::{Galley, Glyph, LayoutJob, LayoutSection, PlacedRow};
use egui::epaint::{
    BandPoint, BandShape, CircleShape, ClippedShape, ColorMode, CubicBezierShape, EllipseShape,
    Mesh, PathShape, PathStroke, QuadraticBezierShape, RectShape, Stroke, StrokeKind, TextShape,
    Vertex, WHITE_UV,
};
use egui::{Color32, CornerRadius, FontFamily, Pos2, Rect, Shape, TextureId, Vec2, pos2};

/// A photo to embed, as its encoded bytes.
pub struct EmbeddedImage {
    /// The media type of [`Self::bytes`], such as `image/png` or `image/jpeg`.
    pub mime: &'static str,
    /// The encoded image (a PNG or JPEG file's bytes).
    pub bytes: Arc<[u8]>,
}

/// What to draw.
pub struct Picture<'a> {
    /// The shapes, bottom to top, in points from the picture's top-left.
    pub shapes: &'a [ClippedShape],
    /// The picture's size in points.
    pub size: Vec2,
    /// A colour under everything, or none for a transparent picture.
    pub background: Option<Color32>,
    /// The photo behind a texture (None: the textured shape is left out).
    pub images: &'a dyn Fn(TextureId) -> Option<EmbeddedImage>,
    /// A title for the SVG's `<title>`.
    pub title: &'a str,
}

/// The SVG document of `picture`.
///
/// Never panics: shapes with coordinates that are not finite are left out, and so are callbacks
/// (backend painting) and textures [`Picture::images`] has no photo for (the outline of such a
/// textured rectangle still shows).
pub fn write(picture: &Picture<'_>) -> String {
    let mut writer = Writer::new(picture);
    for clipped in picture.shapes {
        writer.clipped(clipped);
    }
    writer.finish()
}

/// The families of the proportional fonts the app bundles, in fallback order.
const SANS: &str = "Noto Sans, Noto Sans Georgian, sans-serif";

/// The families for monospace text.
const MONO: &str = "Noto Sans Mono, monospace";

/// The name of the app's bold font family (see `ui::theme::BOLD`).
const BOLD: &str = "bold";

/// How far a rectangle may reach before it is cut, as egui's tessellator does.
const FAR: f32 = 1e7;

/// A run of glyphs on one row that share a section (font, colour) and a baseline.
#[derive(Clone, Copy, Debug)]
struct GlyphRun {
    /// The first glyph, as an index into the row's glyphs.
    start: usize,
    /// One past the last glyph.
    end: usize,
    /// Index into the job's sections.
    section: usize,
}

/// Collects the SVG body and the definitions it refers to.
struct Writer<'p, 'a> {
    picture: &'p Picture<'a>,
    /// The picture's own rectangle: nothing outside it shows.
    frame: Rect,
    body: String,
    defs: String,
    /// Clip rectangles (by the bits of their coordinates) and their ids.
    clip_rects: BTreeMap<[u32; 4], usize>,
    /// The clip group the body is in: its id and rectangle.
    open_clip: Option<(usize, [u32; 4])>,
    /// Blur widths (by their bits) and the ids of their filters.
    blurs: BTreeMap<u32, usize>,
    /// How many clip paths of single shapes (meshes, rounded photos) there are.
    shape_clips: usize,
    /// The `data:` address of each texture asked for so far.
    data_uris: Vec<(TextureId, Option<Rc<str>>)>,
    /// Scratch space for the glyph runs of one row.
    runs: Vec<GlyphRun>,
}

impl<'p, 'a> Writer<'p, 'a> {
    fn new(picture: &'p Picture<'a>) -> Self {
        let finite = |v: f32| if v.is_finite() { v.max(0.0) } else { 0.0 };
        let size = Vec2::new(finite(picture.size.x), finite(picture.size.y));
        Self {
            picture,
            frame: Rect::from_min_size(Pos2::ZERO, size),
            body: String::with_capacity(picture.shapes.len() * 160 + 256),
            defs: String::new(),
            clip_rects: BTreeMap::new(),
            open_clip: None,
            blurs: BTreeMap::new(),
            shape_clips: 0,
            data_uris: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// The finished document.
    fn finish(mut self) -> String {
        if self.open_clip.take().is_some() {
            self.body.push_str("</g>\n");
        }
        let mut out = String::with_capacity(self.body.len() + self.defs.len() + 512);
        let (w, h) = (self.frame.width(), self.frame.height());
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" ");
        out.push_str("xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"");
        num(&mut out, w);
        out.push_str("px\" height=\"");
        num(&mut out, h);
        out.push_str("px\" viewBox=\"0 0 ");
        num(&mut out, w);
        out.push(' ');
        num(&mut out, h);
        out.push_str("\">\n<title>");
        escape(&mut out, self.picture.title);
        out.push_str("</title>\n");
        if !self.defs.is_empty() {
            out.push_str("<defs>\n");
            out.push_str(&self.defs);
            out.push_str("</defs>\n");
        }
        if let Some(background) = self.picture.background
            && paint(background).is_some()
        {
            out.push_str("<rect width=\"");
            num(&mut out, w);
            out.push_str("\" height=\"");
            num(&mut out, h);
            out.push('"');
            fill(&mut out, background);
            out.push_str("/>\n");
        }
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }

    /// One shape in its clip rectangle, moved by its transform after tessellation.
    fn clipped(&mut self, clipped: &ClippedShape) {
        let transform = clipped.transform_after_tessellation;
        // Compared by field: comparing vectors with NaN in them asserts in debug builds.
        let identity = transform.scaling == 1.0
            && transform.translation.x == 0.0
            && transform.translation.y == 0.0;
        let usable = transform.scaling.is_finite()
            && transform.scaling > 0.0
            && transform.translation.is_finite();
        if !(identity || usable) {
            return;
        }
        let mut bounds = clipped.shape.visual_bounding_rect();
        if !identity {
            bounds = transform * bounds;
        }
        let clip = clipped.clip_rect;
        let visible = clip.intersect(self.frame);
        if !(visible.width() > 0.0 && visible.height() > 0.0 && bounds.intersects(visible)) {
            return;
        }
        let key = rect_key(visible);
        let needs_clip = !clip.contains_rect(bounds) && !clip.contains_rect(self.frame);
        // Shapes in the same clip rectangle in a row share one group.
        let stays = self.open_clip.is_some_and(|(_, open)| open == key);
        if !stays && (needs_clip || self.open_clip.is_some()) {
            if self.open_clip.take().is_some() {
                self.body.push_str("</g>\n");
            }
            if needs_clip {
                let id = self.clip_rect_id(visible);
                let _ = writeln!(self.body, "<g clip-path=\"url(#c{id})\">");
                self.open_clip = Some((id, key));
            }
        }
        if !identity {
            self.body.push_str("<g transform=\"matrix(");
            num(&mut self.body, transform.scaling);
            self.body.push_str(" 0 0 ");
            num(&mut self.body, transform.scaling);
            self.body.push(' ');
            point(&mut self.body, transform.translation.to_pos2());
            self.body.push_str(")\">\n");
        }
        self.shape(&clipped.shape);
        if !identity {
            self.body.push_str("</g>\n");
        }
    }

    /// The id of the clip path of `rect`, defined on first use.
    fn clip_rect_id(&mut self, rect: Rect) -> usize {
        let key = rect_key(rect);
        let next = self.clip_rects.len() + 1;
        *self.clip_rects.entry(key).or_insert_with(|| {
            let _ = write!(self.defs, "<clipPath id=\"c{next}\">");
            rect_outline(&mut self.defs, rect, [0.0; 4]);
            self.defs.push_str("/></clipPath>\n");
            next
        })
    }

    /// The id of a new clip path for one shape, whose outline the caller writes into the defs
    /// (an element without its closing `/>`).
    fn shape_clip_open(&mut self) -> usize {
        self.shape_clips += 1;
        let id = self.shape_clips;
        let _ = write!(self.defs, "<clipPath id=\"s{id}\">");
        id
    }

    /// The id of the filter that blurs edges over `width` points, defined on first use.
    fn blur_id(&mut self, width: f32) -> usize {
        let next = self.blurs.len() + 1;
        *self.blurs.entry(width.to_bits()).or_insert_with(|| {
            // egui fades the edge linearly over `width`: a Gaussian with the same spread.
            let _ = write!(
                self.defs,
                "<filter id=\"b{next}\" x=\"-50%\" y=\"-50%\" width=\"200%\" height=\"200%\">\
                 <feGaussianBlur stdDeviation=\""
            );
            num(&mut self.defs, width * 0.29);
            self.defs.push_str("\"/></filter>\n");
            next
        })
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Noop | Shape::Callback(_) => {}
            Shape::Vec(shapes) => {
                for shape in shapes {
                    self.shape(shape);
                }
            }
            Shape::Circle(circle) => self.circle(circle),
            Shape::Ellipse(ellipse) => self.ellipse(ellipse),
            Shape::LineSegment { points, stroke } => line(&mut self.body, *points, *stroke),
            Shape::Path(path) => self.path(path),
            Shape::Band(band) => self.band(band),
            Shape::Rect(rect) => self.rect(rect),
            Shape::Text(text) => self.text(text),
            Shape::Mesh(mesh) => self.mesh(mesh),
            Shape::QuadraticBezier(curve) => self.quadratic_bezier(curve),
            Shape::CubicBezier(curve) => self.cubic_bezier(curve),
        }
    }

    fn circle(&mut self, circle: &CircleShape) {
        let CircleShape {
            center,
            radius,
            fill: fill_color,
            stroke: circle_stroke,
        } = *circle;
        if !(center.is_finite() && radius.is_finite() && radius > 0.0) {
            return;
        }
        if paint(fill_color).is_none() && visible_stroke(circle_stroke).is_none() {
            return;
        }
        let out = &mut self.body;
        out.push_str("<circle cx=\"");
        num(out, center.x);
        out.push_str("\" cy=\"");
        num(out, center.y);
        out.push_str("\" r=\"");
        num(out, radius);
        out.push('"');
        fill(out, fill_color);
        stroke(out, circle_stroke);
        out.push_str("/>\n");
    }

    fn ellipse(&mut self, ellipse: &EllipseShape) {
        let EllipseShape {
            center,
            radius,
            fill: fill_color,
            stroke: ellipse_stroke,
            angle,
        } = *ellipse;
        if !(center.is_finite() && radius.is_finite() && angle.is_finite())
            || radius.min_elem() <= 0.0
        {
            return;
        }
        if paint(fill_color).is_none() && visible_stroke(ellipse_stroke).is_none() {
            return;
        }
        let out = &mut self.body;
        out.push_str("<ellipse cx=\"");
        num(out, center.x);
        out.push_str("\" cy=\"");
        num(out, center.y);
        out.push_str("\" rx=\"");
        num(out, radius.x);
        out.push_str("\" ry=\"");
        num(out, radius.y);
        out.push('"');
        fill(out, fill_color);
        stroke(out, ellipse_stroke);
        rotate_attr(out, angle, center);
        out.push_str("/>\n");
    }

    /// A path; a stroke inside or outside a closed path is drawn centred on it.
    fn path(&mut self, path: &PathShape) {
        let mut bounds = Rect::NOTHING;
        for p in path.points.iter().filter(|p| p.is_finite()) {
            bounds.extend_with(*p);
        }
        let count = path.points.iter().filter(|p| p.is_finite()).count();
        let fill_color = if path.closed {
            path.fill
        } else {
            Color32::TRANSPARENT
        };
        let line_stroke = path_stroke(&path.stroke, bounds);
        if count < 2 || (paint(fill_color).is_none() && visible_stroke(line_stroke).is_none()) {
            return;
        }
        let out = &mut self.body;
        out.push_str("<path");
        fill(out, fill_color);
        stroke(out, line_stroke);
        out.push_str(" d=\"");
        let mut command = 'M';
        for p in path.points.iter().filter(|p| p.is_finite()) {
            out.push(command);
            point(out, *p);
            command = 'L';
        }
        if path.closed {
            out.push('Z');
        }
        out.push_str("\"/>\n");
    }

    fn quadratic_bezier(&mut self, curve: &QuadraticBezierShape) {
        let [p0, p1, p2] = curve.points;
        self.curve(
            &curve.points,
            curve.closed,
            curve.fill,
            &curve.stroke,
            |out| {
                out.push('M');
                point(out, p0);
                out.push('Q');
                point(out, p1);
                out.push(' ');
                point(out, p2);
            },
        );
    }

    fn cubic_bezier(&mut self, curve: &CubicBezierShape) {
        let [p0, p1, p2, p3] = curve.points;
        self.curve(
            &curve.points,
            curve.closed,
            curve.fill,
            &curve.stroke,
            |out| {
                out.push('M');
                point(out, p0);
                out.push('C');
                point(out, p1);
                out.push(' ');
                point(out, p2);
                out.push(' ');
                point(out, p3);
            },
        );
    }

    /// A Bézier curve through `points`, its path data written by `data`.
    fn curve(
        &mut self,
        points: &[Pos2],
        closed: bool,
        fill_color: Color32,
        curve_stroke: &PathStroke,
        data: impl FnOnce(&mut String),
    ) {
        if !points.iter().all(|p| p.is_finite()) {
            return;
        }
        let line_stroke = path_stroke(curve_stroke, Rect::from_points(points));
        if paint(fill_color).is_none() && visible_stroke(line_stroke).is_none() {
            return;
        }
        let out = &mut self.body;
        out.push_str("<path");
        fill(out, fill_color);
        stroke(out, line_stroke);
        out.push_str(" d=\"");
        data(out);
        if closed {
            out.push('Z');
        }
        out.push_str("\"/>\n");
    }

    /// A band: one closed outline per connected run of its samples.
    fn band(&mut self, band: &BandShape) {
        if !band.angle.is_finite() {
            return;
        }
        let band_stroke = visible_stroke(band.stroke).unwrap_or(Stroke::NONE);
        if paint(band.fill).is_none() && band_stroke == Stroke::NONE {
            return;
        }
        // egui shrinks the band for the stroke and strokes the outside of what is left; the
        // centre of that stroke is where an SVG stroke goes.
        let width = band_stroke.width;
        let inset = match band.stroke_kind {
            StrokeKind::Inside => width,
            StrokeKind::Middle => width * 0.5,
            StrokeKind::Outside => 0.0,
        } - width * 0.5;
        let rotation = Rot2::from_angle(band.angle);
        let at = |x: f32, y: f32| (rotation * Vec2::new(x, y)).to_pos2();
        let mut opened = false;
        for run in band_runs(&band.points) {
            let out = &mut self.body;
            if !opened {
                out.push_str("<path");
                fill(out, band.fill);
                stroke(out, band_stroke);
                out.push_str(" d=\"");
                opened = true;
            }
            let mut command = 'M';
            for p in run {
                out.push(command);
                point(out, at(p.x, band_edges(p, inset).0));
                command = 'L';
            }
            for p in run.iter().rev() {
                out.push('L');
                point(out, at(p.x, band_edges(p, inset).1));
            }
            out.push('Z');
        }
        if opened {
            self.body.push_str("\"/>\n");
        }
    }

    fn rect(&mut self, shape: &RectShape) {
        let rect = Rect::from_min_max(
            shape.rect.min.max(pos2(-FAR, -FAR)),
            shape.rect.max.min(pos2(FAR, FAR)),
        );
        if !(rect.is_finite() && shape.angle.is_finite()) {
            return;
        }
        let mut fill_color = shape.fill;
        let mut rect_stroke = visible_stroke(shape.stroke).unwrap_or(Stroke::NONE);
        let grow = match shape.stroke_kind {
            StrokeKind::Inside => 0.0,
            StrokeKind::Middle => rect_stroke.width * 0.5,
            StrokeKind::Outside => rect_stroke.width,
        };
        let outer = rect.expand(grow);
        let mut radius_grow = grow;
        if rect_stroke != Stroke::NONE && outer.size().min_elem() <= 2.0 * rect_stroke.width {
            // The stroke covers the fill: egui paints it all in the stroke's colour.
            fill_color = rect_stroke.color;
            rect_stroke = Stroke::NONE;
            radius_grow = 0.0;
        }
        let blur = if shape.blur_width.is_finite() && shape.blur_width > 0.0 {
            shape.blur_width
        } else {
            0.0
        };
        let radii = outer_radii(
            shape.corner_radius,
            radius_grow + blur * 0.5,
            rect_stroke.width,
        );
        let center = outer.center();
        if let Some(brush) = &shape.brush
            && brush.fill_texture_id != TextureId::default()
        {
            self.rect_photo(
                outer,
                radii,
                brush.fill_texture_id,
                brush.uv,
                fill_color,
                shape.angle,
            );
            fill_color = Color32::TRANSPARENT;
        }
        if paint(fill_color).is_none() && rect_stroke == Stroke::NONE {
            return;
        }
        // An SVG stroke is centred on the outline.
        let half = rect_stroke.width * 0.5;
        let on_line = outer.shrink(half);
        let line_radii = radii.map(|r| (r - half).max(0.0));
        let filter = (blur > 0.0).then(|| self.blur_id(blur));
        let out = &mut self.body;
        rect_outline(out, on_line, line_radii);
        fill(out, fill_color);
        stroke(out, rect_stroke);
        rotate_attr(out, shape.angle, center);
        if let Some(id) = filter {
            let _ = write!(out, " filter=\"url(#b{id})\"");
        }
        out.push_str("/>\n");
    }

    /// The photo filling a rectangle, cut to its rounded corners.
    fn rect_photo(
        &mut self,
        outer: Rect,
        radii: [f32; 4],
        texture: TextureId,
        uv: Rect,
        tint: Color32,
        angle: f32,
    ) {
        let Some(uri) = self.data_uri(texture) else {
            return;
        };
        let Some(alpha) = paint(tint).map(|p| p.alpha) else {
            return;
        };
        let clip = radii.iter().any(|r| *r > 0.0).then(|| {
            let id = self.shape_clip_open();
            rect_outline(&mut self.defs, outer, radii);
            self.defs.push_str("/></clipPath>\n");
            id
        });
        let rotated = angle != 0.0;
        if rotated {
            self.body.push_str("<g");
            rotate_attr(&mut self.body, angle, outer.center());
            self.body.push_str(">\n");
        }
        image(&mut self.body, &uri, whole_image(outer, uv), alpha, clip);
        if rotated {
            self.body.push_str("</g>\n");
        }
    }

    /// The `data:` address of the photo behind `texture`, if there is one.
    fn data_uri(&mut self, texture: TextureId) -> Option<Rc<str>> {
        if let Some((_, uri)) = self.data_uris.iter().find(|(id, _)| *id == texture) {
            return uri.clone();
        }
        let uri = (self.picture.images)(texture).map(|photo| {
            let mut uri = String::with_capacity(photo.bytes.len() / 3 * 4 + 64);
            uri.push_str("data:");
            escape(&mut uri, photo.mime);
            uri.push_str(";base64,");
            base64(&mut uri, &photo.bytes);
            Rc::from(uri)
        });
        self.data_uris.push((texture, uri.clone()));
        uri
    }

    fn mesh(&mut self, mesh: &Mesh) {
        if mesh.texture_id == TextureId::default() {
            self.solid_mesh(mesh);
        } else {
            self.textured_mesh(mesh);
        }
    }

    /// Triangles of plain colour: one path per run of triangles of the same colour, so that
    /// neighbours show no seams. Triangles sampling glyphs from the font atlas are left out.
    fn solid_mesh(&mut self, mesh: &Mesh) {
        let out = &mut self.body;
        let mut current: Option<Color32> = None;
        for [a, b, c] in triangles(mesh) {
            if [a, b, c]
                .iter()
                .any(|v| v.uv.x != WHITE_UV.x || v.uv.y != WHITE_UV.y)
                || paint(a.color).is_none()
            {
                continue;
            }
            if current != Some(a.color) {
                if current.is_some() {
                    out.push_str("\"/>\n");
                }
                out.push_str("<path");
                fill(out, a.color);
                out.push_str(" d=\"");
                current = Some(a.color);
            }
            triangle(out, [a.pos, b.pos, c.pos]);
        }
        if current.is_some() {
            out.push_str("\"/>\n");
        }
    }

    /// A photo on a mesh: the photo over the mesh's bounding box, cut to its triangles.
    fn textured_mesh(&mut self, mesh: &Mesh) {
        let mut bounds = Rect::NOTHING;
        let mut uv = Rect::NOTHING;
        let mut tint = None;
        for corners in triangles(mesh) {
            for v in corners {
                bounds.extend_with(v.pos);
                uv.extend_with(v.uv);
                tint.get_or_insert(v.color);
            }
        }
        let Some(alpha) = tint.and_then(paint).map(|p| p.alpha) else {
            return;
        };
        if !(bounds.is_positive() && uv.is_finite()) {
            return;
        }
        let Some(uri) = self.data_uri(mesh.texture_id) else {
            return;
        };
        let id = self.shape_clip_open();
        self.defs.push_str("<path d=\"");
        for [a, b, c] in triangles(mesh) {
            triangle(&mut self.defs, [a.pos, b.pos, c.pos]);
        }
        self.defs.push_str("\"/></clipPath>\n");
        image(
            &mut self.body,
            &uri,
            whole_image(bounds, uv),
            alpha,
            Some(id),
        );
    }

    /// Text as `<text>` elements, one per run of glyphs with the same font, colour and baseline,
    /// each character at the x of its glyph.
    fn text(&mut self, shape: &TextShape) {
        let opacity = shape.opacity_factor;
        if !(opacity > 0.0 && shape.pos.is_finite() && shape.angle.is_finite()) {
            return;
        }
        let colors = TextColors {
            fallback: shape.fallback_color,
            override_text: shape.override_text_color,
            opacity: opacity.min(1.0),
        };
        let rotated = shape.angle != 0.0;
        if rotated {
            self.body.push_str("<g");
            rotate_attr(&mut self.body, shape.angle, shape.pos);
            self.body.push_str(">\n");
        }
        let galley: &Galley = &shape.galley;
        let mut cursor = SectionCursor::new(&galley.job);
        let mut runs = std::mem::take(&mut self.runs);
        for row in &galley.rows {
            glyph_runs(&row.glyphs, &mut cursor, &mut runs);
            let origin = shape.pos + row.pos.to_vec2();
            if !origin.is_finite() {
                continue;
            }
            let text_row = TextRow {
                origin,
                row,
                sections: &galley.job.sections,
                runs: &runs,
                colors: &colors,
            };
            text_row.backgrounds(&mut self.body);
            text_row.glyphs(&mut self.body);
            text_row.decorations(&mut self.body);
            if shape.underline != Stroke::NONE {
                let bounds = row.visuals.mesh_bounds.translate(origin.to_vec2());
                if bounds.is_finite() {
                    let ends = [bounds.left_bottom(), bounds.right_bottom()];
                    line(&mut self.body, ends, shape.underline);
                }
            }
        }
        self.runs = runs;
        if rotated {
            self.body.push_str("</g>\n");
        }
    }
}

/// How a text shape colours its parts.
struct TextColors {
    fallback: Color32,
    override_text: Option<Color32>,
    opacity: f32,
}

impl TextColors {
    /// The colour of glyphs whose section has `color`.
    fn glyph(&self, color: Color32) -> Color32 {
        self.fade(self.override_text.unwrap_or_else(|| self.resolve(color)))
    }

    /// The colour of backgrounds and lines given as `color`.
    fn decoration(&self, color: Color32) -> Color32 {
        self.fade(self.resolve(color))
    }

    fn resolve(&self, color: Color32) -> Color32 {
        if color == Color32::PLACEHOLDER {
            self.fallback
        } else {
            color
        }
    }

    fn fade(&self, color: Color32) -> Color32 {
        if self.opacity < 1.0 {
            color.gamma_multiply(self.opacity)
        } else {
            color
        }
    }
}

/// One row of a text shape, split into runs of glyphs.
struct TextRow<'r> {
    /// Where the row's origin is in the picture.
    origin: Pos2,
    row: &'r PlacedRow,
    sections: &'r [LayoutSection],
    runs: &'r [GlyphRun],
    colors: &'r TextColors,
}

impl TextRow<'_> {
    /// The glyphs of `run` and the format of their section.
    fn run(&self, run: &GlyphRun) -> Option<(&[Glyph], &LayoutSection)> {
        let glyphs = self.row.glyphs.get(run.start..run.end)?;
        Some((glyphs, self.sections.get(run.section)?))
    }

    /// The runs of each section in turn: (first glyph, last glyph, section).
    fn by_section(&self) -> impl Iterator<Item = (&Glyph, &Glyph, &LayoutSection)> {
        self.runs
            .chunk_by(|a, b| a.section == b.section)
            .filter_map(|runs| {
                let (first, last) = (runs.first()?, runs.last()?);
                let section = self.sections.get(first.section)?;
                let start = self.row.glyphs.get(first.start)?;
                let end = self.row.glyphs.get(last.end.checked_sub(1)?)?;
                Some((start, end, section))
            })
    }

    /// The top of the line of `glyph`, in the picture.
    fn top(&self, glyph: &Glyph) -> f32 {
        self.origin.y + glyph.pos.y - glyph.font_ascent
    }

    /// The background colour of sections that have one, under their glyphs.
    fn backgrounds(&self, out: &mut String) {
        for (first, last, section) in self.by_section() {
            let format = &section.format;
            let color = self.colors.decoration(format.background);
            if paint(color).is_none() {
                continue;
            }
            let top = self.top(first);
            let rect = Rect::from_min_max(
                pos2(self.origin.x + first.pos.x, top),
                pos2(self.origin.x + last.max_x(), top + first.line_height),
            )
            .expand(format.expand_bg);
            if rect.is_finite() {
                rect_outline(out, rect, [0.0; 4]);
                fill(out, color);
                out.push_str("/>\n");
            }
        }
    }

    /// The underlines and strike-throughs of sections that have them.
    fn decorations(&self, out: &mut String) {
        for (first, last, section) in self.by_section() {
            let format = &section.format;
            let top = self.top(first);
            let left = self.origin.x + first.pos.x;
            let right = self.origin.x + last.max_x();
            for (decoration, y) in [
                (format.underline, top + first.line_height),
                (format.strikethrough, top + first.line_height * 0.5),
            ] {
                let decoration = Stroke {
                    color: self.colors.decoration(decoration.color),
                    ..decoration
                };
                line(out, [pos2(left, y), pos2(right, y)], decoration);
            }
        }
    }

    /// One `<text>` per run.
    fn glyphs(&self, out: &mut String) {
        for run in self.runs {
            let Some((glyphs, section)) = self.run(run) else {
                continue;
            };
            let Some(first) = glyphs.first() else {
                continue;
            };
            let format = &section.format;
            let color = self.colors.glyph(format.color);
            let size = format.font_id.size;
            let baseline = self.origin.y + first.pos.y;
            let shown = |g: &&Glyph| shown_char(g.chr).is_some() && g.pos.x.is_finite();
            if paint(color).is_none()
                || !(size.is_finite() && size > 0.0 && baseline.is_finite())
                || !glyphs.iter().any(|g| shown(&g))
            {
                continue;
            }
            let Some(start) = glyphs.iter().find(shown) else {
                continue;
            };
            let end = glyphs
                .iter()
                .filter(shown)
                .map(|g| g.pos.x + g.advance_width)
                .fold(start.pos.x, f32::max);
            // The run where egui put it and as wide as egui made it: the reader shapes the
            // text itself (so ligatures such as fi form, as egui draws them) and spaces the
            // letters to egui's width, so a reader with another font than the bundled Noto Sans
            // neither overlaps words nor runs past the note.
            out.push_str("<text x=\"");
            num(out, self.origin.x + start.pos.x);
            out.push_str("\" y=\"");
            num(out, baseline);
            out.push('"');
            if end - start.pos.x > 0.0 {
                out.push_str(" textLength=\"");
                num(out, end - start.pos.x);
                out.push_str("\" lengthAdjust=\"spacing\"");
            }
            font(out, &format.font_id.family, size, format.italics);
            fill(out, color);
            out.push_str(" xml:space=\"preserve\">");
            for glyph in glyphs.iter().filter(shown) {
                if let Some(c) = shown_char(glyph.chr) {
                    escape_char(out, c);
                }
            }
            out.push_str("</text>\n");
        }
    }
}

/// Finds the section of each glyph: glyphs follow the characters of the job's text, except for
/// the newlines that end rows (those have no glyph).
struct SectionCursor<'g> {
    text: &'g str,
    sections: &'g [LayoutSection],
    /// Where the next glyph's character is looked for.
    byte: usize,
    /// The section of the last glyph found.
    section: usize,
}

impl<'g> SectionCursor<'g> {
    fn new(job: &'g LayoutJob) -> Self {
        Self {
            text: &job.text,
            sections: &job.sections,
            byte: 0,
            section: 0,
        }
    }

    /// The section of the next glyph, which shows `chr`. A glyph not in the text (the
    /// character of an elided end) keeps the section of the glyph before it.
    fn next(&mut self, chr: char) -> usize {
        let mut at = self.byte;
        for c in self.text.get(at..).unwrap_or_default().chars() {
            if c == chr {
                self.byte = at + c.len_utf8();
                while self.section + 1 < self.sections.len()
                    && self
                        .sections
                        .get(self.section)
                        .is_some_and(|s| s.byte_range.end.0 <= at)
                {
                    self.section += 1;
                }
                break;
            }
            if c != '\n' {
                break;
            }
            at += c.len_utf8();
        }
        self.section
    }
}

/// Splits `glyphs` into runs of the same section and baseline. A character beyond the Basic
/// Multilingual Plane (an emoji) gets a run of its own, as SVG readers disagree on whether it
/// takes one x or two.
fn glyph_runs(glyphs: &[Glyph], cursor: &mut SectionCursor<'_>, runs: &mut Vec<GlyphRun>) {
    runs.clear();
    let mut previous: Option<(usize, f32, bool)> = None;
    for (i, glyph) in glyphs.iter().enumerate() {
        let section = cursor.next(glyph.chr);
        let wide = u32::from(glyph.chr) > 0xFFFF;
        let same = previous.is_some_and(|(s, y, was_wide)| {
            s == section && y.to_bits() == glyph.pos.y.to_bits() && !wide && !was_wide
        });
        match runs.last_mut() {
            Some(run) if same => run.end = i + 1,
            _ => runs.push(GlyphRun {
                start: i,
                end: i + 1,
                section,
            }),
        }
        previous = Some((section, glyph.pos.y, wide));
    }
}

/// The character written for a glyph's `chr`, if any: tabs become spaces, and newlines and
/// characters XML does not allow are left out.
fn shown_char(chr: char) -> Option<char> {
    match chr {
        '\t' => Some(' '),
        '\n' | '\r' => None,
        c if is_xml_char(c) => Some(c),
        _ => None,
    }
}

/// Writes the font attributes of text in `family` at `size` points.
fn font(out: &mut String, family: &FontFamily, size: f32, italics: bool) {
    let (families, bold) = match family {
        FontFamily::Monospace => (MONO, false),
        FontFamily::Proportional => (SANS, false),
        FontFamily::Name(name) => (SANS, &**name == BOLD),
    };
    out.push_str(" font-family=\"");
    out.push_str(families);
    out.push_str("\" font-size=\"");
    num(out, size);
    out.push('"');
    if bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if italics {
        out.push_str(" font-style=\"italic\"");
    }
}

/// The maximal runs of a band's samples that are drawn as one piece: at least two valid samples
/// with strictly increasing x.
fn band_runs(points: &[BandPoint]) -> impl Iterator<Item = &[BandPoint]> {
    let valid = |p: &BandPoint| p.is_finite() && p.y.min <= p.y.max;
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < points.len() {
            if !points.get(start).is_some_and(valid) {
                start += 1;
                continue;
            }
            let mut end = start + 1;
            while let (Some(previous), Some(next)) = (points.get(end - 1), points.get(end)) {
                if valid(next) && previous.x < next.x {
                    end += 1;
                } else {
                    break;
                }
            }
            let run = points.get(start..end);
            start = end;
            if let Some(run) = run
                && run.len() >= 2
            {
                return Some(run);
            }
        }
        None
    })
}

/// The top and bottom of a band at `p`, moved inwards by `inset` (outwards when negative).
fn band_edges(p: &BandPoint, inset: f32) -> (f32, f32) {
    let center = (p.y.min + p.y.max) * 0.5;
    let half = ((p.y.max - p.y.min) * 0.5 - inset).max(0.0);
    (center - half, center + half)
}

/// The outer corner radii (north-west, north-east, south-east, south-west) of a rectangle grown
/// by `grow` for its stroke, as egui's tessellator rounds them.
fn outer_radii(radius: CornerRadius, grow: f32, stroke_width: f32) -> [f32; 4] {
    [radius.nw, radius.ne, radius.se, radius.sw].map(|r| {
        if r == 0 {
            0.0
        } else {
            (f32::from(r) + grow + 0.4).max(stroke_width + 0.1)
        }
    })
}

/// Writes the start of an element outlining `rect` with corner `radii` (north-west, north-east,
/// south-east, south-west): a `<rect>` when the corners are alike, else a `<path>`.
fn rect_outline(out: &mut String, rect: Rect, radii: [f32; 4]) {
    let limit = (rect.width().min(rect.height()) * 0.5).max(0.0);
    let [nw, ne, se, sw] = radii.map(|r| r.clamp(0.0, limit));
    if nw == ne && ne == se && se == sw {
        out.push_str("<rect x=\"");
        num(out, rect.min.x);
        out.push_str("\" y=\"");
        num(out, rect.min.y);
        out.push_str("\" width=\"");
        num(out, rect.width().max(0.0));
        out.push_str("\" height=\"");
        num(out, rect.height().max(0.0));
        out.push('"');
        if nw > 0.0 {
            out.push_str(" rx=\"");
            num(out, nw);
            out.push('"');
        }
        return;
    }
    let (left, top, right, bottom) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    out.push_str("<path d=\"M");
    point(out, pos2(left + nw, top));
    out.push('L');
    point(out, pos2(right - ne, top));
    arc(out, ne, pos2(right, top + ne));
    out.push('L');
    point(out, pos2(right, bottom - se));
    arc(out, se, pos2(right - se, bottom));
    out.push('L');
    point(out, pos2(left + sw, bottom));
    arc(out, sw, pos2(left, bottom - sw));
    out.push('L');
    point(out, pos2(left, top + nw));
    arc(out, nw, pos2(left + nw, top));
    out.push_str("Z\"");
}

/// A clockwise quarter circle of `radius` to `to`, if the radius is not zero.
fn arc(out: &mut String, radius: f32, to: Pos2) {
    if radius > 0.0 {
        out.push('A');
        num(out, radius);
        out.push(' ');
        num(out, radius);
        out.push_str(" 0 0 1 ");
        point(out, to);
    }
}

/// A straight line, if its stroke shows.
fn line(out: &mut String, [a, b]: [Pos2; 2], line_stroke: Stroke) {
    if !(a.is_finite() && b.is_finite()) || visible_stroke(line_stroke).is_none() {
        return;
    }
    out.push_str("<line x1=\"");
    num(out, a.x);
    out.push_str("\" y1=\"");
    num(out, a.y);
    out.push_str("\" x2=\"");
    num(out, b.x);
    out.push_str("\" y2=\"");
    num(out, b.y);
    out.push('"');
    stroke(out, line_stroke);
    out.push_str("/>\n");
}

/// An `<image>` of the photo at `uri` covering `place`.
fn image(out: &mut String, uri: &str, place: Rect, alpha: u8, clip: Option<usize>) {
    if !(place.is_finite() && place.is_positive()) {
        return;
    }
    out.push_str("<image x=\"");
    num(out, place.min.x);
    out.push_str("\" y=\"");
    num(out, place.min.y);
    out.push_str("\" width=\"");
    num(out, place.width());
    out.push_str("\" height=\"");
    num(out, place.height());
    out.push_str("\" preserveAspectRatio=\"xMidYMid slice\"");
    if alpha < u8::MAX {
        out.push_str(" opacity=\"");
        opacity(out, alpha);
        out.push('"');
    }
    if let Some(id) = clip {
        let _ = write!(out, " clip-path=\"url(#s{id})\"");
    }
    out.push_str(" xlink:href=\"");
    out.push_str(uri);
    out.push_str("\"/>\n");
}

/// A rectangle as a map key: the bits of its coordinates.
fn rect_key(rect: Rect) -> [u32; 4] {
    [rect.min.x, rect.min.y, rect.max.x, rect.max.y].map(f32::to_bits)
}

/// Where the whole photo goes when the part `uv` of it (in texture coordinates, 0 to 1) shows
/// on `shown`.
fn whole_image(shown: Rect, uv: Rect) -> Rect {
    if !(uv.is_finite() && uv.width() > 1e-6 && uv.height() > 1e-6) {
        return shown;
    }
    let scale = Vec2::new(shown.width() / uv.width(), shown.height() / uv.height());
    let min = shown.min - uv.min.to_vec2() * scale;
    Rect::from_min_size(min, scale)
}

/// The triangles of `mesh` whose corners all exist and are finite.
fn triangles(mesh: &Mesh) -> impl Iterator<Item = [&Vertex; 3]> {
    let vertex = |i: &u32| usize::try_from(*i).ok().and_then(|i| mesh.vertices.get(i));
    mesh.indices.chunks_exact(3).filter_map(move |corners| {
        let [a, b, c] = corners else {
            return None;
        };
        let corners = [vertex(a)?, vertex(b)?, vertex(c)?];
        corners.iter().all(|v| v.pos.is_finite()).then_some(corners)
    })
}

/// A triangle as a subpath, always wound the same way (so that with the nonzero rule, the
/// triangles of a mesh add up to its area). Triangles without area are left out.
fn triangle(out: &mut String, [a, b, c]: [Pos2; 3]) {
    let (ab, ac) = (b - a, c - a);
    let cross = ab.x * ac.y - ab.y * ac.x;
    if cross == 0.0 || !cross.is_finite() {
        return;
    }
    let (b, c) = if cross < 0.0 { (c, b) } else { (b, c) };
    out.push('M');
    point(out, a);
    out.push('L');
    point(out, b);
    out.push('L');
    point(out, c);
    out.push('Z');
}

/// The colour of a path's stroke: its solid colour, or for a colour that varies along the path,
/// the colour in the middle of `bounds`.
fn path_stroke(path_stroke: &PathStroke, bounds: Rect) -> Stroke {
    let color = match &path_stroke.color {
        ColorMode::Solid(color) => *color,
        ColorMode::UV(color_at) => {
            if bounds.is_finite() {
                color_at(bounds, bounds.center())
            } else {
                Color32::TRANSPARENT
            }
        }
    };
    Stroke::new(path_stroke.width, color)
}

/// `stroke` if it shows: a finite, positive width and a colour that is not fully transparent.
fn visible_stroke(stroke: Stroke) -> Option<Stroke> {
    (stroke.width.is_finite() && stroke.width > 0.0 && paint(stroke.color).is_some())
        .then_some(stroke)
}

/// An SVG paint: a colour in sRGB and its alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Paint {
    rgb: [u8; 3],
    alpha: u8,
}

/// The SVG paint of egui's premultiplied `color`, or none for a fully transparent one.
fn paint(color: Color32) -> Option<Paint> {
    let [r, g, b, alpha] = color.to_srgba_unmultiplied();
    (alpha > 0).then_some(Paint {
        rgb: [r, g, b],
        alpha,
    })
}

/// Writes ` fill="#rrggbb"` (and its opacity), or ` fill="none"`.
fn fill(out: &mut String, color: Color32) {
    match paint(color) {
        Some(p) => {
            out.push_str(" fill=\"");
            hex(out, p.rgb);
            out.push('"');
            if p.alpha < u8::MAX {
                out.push_str(" fill-opacity=\"");
                opacity(out, p.alpha);
                out.push('"');
            }
        }
        None => out.push_str(" fill=\"none\""),
    }
}

/// Writes the stroke attributes, or nothing when the stroke does not show (SVG's default).
fn stroke(out: &mut String, stroke: Stroke) {
    let Some(p) = visible_stroke(stroke).and_then(|s| paint(s.color)) else {
        return;
    };
    out.push_str(" stroke=\"");
    hex(out, p.rgb);
    out.push_str("\" stroke-width=\"");
    num(out, stroke.width.max(0.01));
    out.push('"');
    if p.alpha < u8::MAX {
        out.push_str(" stroke-opacity=\"");
        opacity(out, p.alpha);
        out.push('"');
    }
}

/// Writes ` transform="rotate(…)"` turning by `angle` radians clockwise around `center`, if the
/// angle is not zero.
fn rotate_attr(out: &mut String, angle: f32, center: Pos2) {
    if angle != 0.0 && angle.is_finite() && center.is_finite() {
        out.push_str(" transform=\"rotate(");
        num(out, angle.to_degrees());
        out.push(' ');
        point(out, center);
        out.push_str(")\"");
    }
}

/// Writes `#rrggbb`.
fn hex(out: &mut String, rgb: [u8; 3]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push('#');
    for byte in rgb {
        for nibble in [byte >> 4, byte & 0xf] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
}

/// Writes an alpha as an opacity from 0.01 to 1.
fn opacity(out: &mut String, alpha: u8) {
    num(out, (f32::from(alpha) / 255.0).max(0.01));
}

/// Writes `x y`.
fn point(out: &mut String, p: Pos2) {
    num(out, p.x);
    out.push(' ');
    num(out, p.y);
}

/// Writes `value` with at most two decimals, no trailing zeros and never as `-0`.
fn num(out: &mut String, value: f32) {
    let hundredths = (f64::from(value) * 100.0).round();
    if !hundredths.is_finite() {
        out.push('0');
        return;
    }
    let hundredths = hundredths.clamp(-1e17, 1e17) as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let hundredths = hundredths.unsigned_abs();
    let _ = write!(out, "{}", hundredths / 100);
    let fraction = hundredths % 100;
    if fraction != 0 {
        out.push('.');
        out.push(char::from(b'0' + (fraction / 10) as u8));
        if !fraction.is_multiple_of(10) {
            out.push(char::from(b'0' + (fraction % 10) as u8));
        }
    }
}

/// Whether `c` may be written: XML 1.0 allows it, and it is not one of the control characters
/// XML discourages (DEL and the C1 controls).
fn is_xml_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}'
    ) || u32::from(c) >= 0x1_0000
}

/// Writes `text` escaped for XML text and attribute values.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        escape_char(out, c);
    }
}

/// Writes `c` escaped for XML, or nothing if XML does not allow it.
fn escape_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        c if is_xml_char(c) => out.push(c),
        _ => {}
    }
}

/// Writes `bytes` as standard base64 with padding.
fn base64(out: &mut String, bytes: &[u8]) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let mut group = [0_u8; 3];
        for (slot, byte) in group.iter_mut().zip(chunk) {
            *slot = *byte;
        }
        let [b0, b1, b2] = group;
        let bits = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sextet = |shift: u32| {
            let index = ((bits >> shift) & 0x3f) as usize;
            char::from(ALPHABET.get(index).copied().unwrap_or(b'A'))
        };
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
}

#[cfg(test)]
mod tests {
    use egui::emath::TSTransform;
    use egui::epaint::text::TextFormat;
    use egui::{FontId, RawInput, vec2};

    use super::*;

    const SIZE: Vec2 = Vec2::new(400.0, 300.0);

    fn no_images(_: TextureId) -> Option<EmbeddedImage> {
        None
    }

    fn picture_of<'a>(
        shapes: &'a [ClippedShape],
        images: &'a dyn Fn(TextureId) -> Option<EmbeddedImage>,
    ) -> Picture<'a> {
        Picture {
            shapes,
            size: SIZE,
            background: Some(Color32::WHITE),
            images,
            title: "Test board",
        }
    }

    fn unclipped(shapes: impl IntoIterator<Item = Shape>) -> Vec<ClippedShape> {
        shapes
            .into_iter()
            .map(|shape| ClippedShape::new(Rect::EVERYTHING, shape))
            .collect()
    }

    fn svg_of(shapes: impl IntoIterator<Item = Shape>) -> String {
        write(&picture_of(&unclipped(shapes), &no_images))
    }

    fn parse(svg: &str) -> usvg::Tree {
        usvg::Tree::from_str(svg, &usvg::Options::default())
            .unwrap_or_else(|err| panic!("{err}:\n{svg}"))
    }

    fn parse_with_fonts(svg: &str) -> usvg::Tree {
        let mut options = usvg::Options::default();
        let fonts = options.fontdb_mut();
        fonts.load_font_data(include_bytes!("../../assets/fonts/NotoSans-Regular.ttf").to_vec());
        fonts.load_font_data(include_bytes!("../../assets/fonts/NotoSans-Bold.ttf").to_vec());
        fonts.load_font_data(
            include_bytes!("../../assets/fonts/NotoSansGeorgian-Regular.ttf").to_vec(),
        );
        fonts.load_font_data(
            include_bytes!("../../assets/fonts/NotoSansGeorgian-Bold.ttf").to_vec(),
        );
        usvg::Tree::from_str(svg, &options).unwrap_or_else(|err| panic!("{err}:\n{svg}"))
    }

    /// Every node under `group`, depth first.
    fn nodes(group: &usvg::Group) -> Vec<usvg::Node> {
        let mut all = Vec::new();
        for node in group.children() {
            all.push(node.clone());
            if let usvg::Node::Group(inner) = node {
                all.extend(nodes(inner));
            }
        }
        all
    }

    fn paths(tree: &usvg::Tree) -> Vec<usvg::Node> {
        nodes(tree.root())
            .into_iter()
            .filter(|node| matches!(node, usvg::Node::Path(_)))
            .collect()
    }

    fn assert_near(got: usvg::Rect, want: Rect, tolerance: f32) {
        let got_edges = [got.left(), got.top(), got.right(), got.bottom()];
        let want_edges = [want.min.x, want.min.y, want.max.x, want.max.y];
        for (g, w) in got_edges.iter().zip(want_edges) {
            assert!(
                (g - w).abs() <= tolerance,
                "got {got_edges:?}, want {want_edges:?}"
            );
        }
    }

    /// The one path a single shape turns into, after the background.
    fn only_path(svg: &str) -> usvg::Node {
        let tree = parse(svg);
        let paths = paths(&tree);
        assert_eq!(paths.len(), 2, "background and the shape:\n{svg}");
        paths.into_iter().nth(1).unwrap()
    }

    #[test]
    fn numbers_are_short() {
        let written: Vec<String> = [0.0, -0.001, 0.004, 1.5, 2.0, -3.456, 0.1, 12.005, -0.5, 1e9]
            .into_iter()
            .map(|v| {
                let mut out = String::new();
                num(&mut out, v);
                out
            })
            .collect();
        assert_eq!(
            written,
            [
                "0",
                "0",
                "0",
                "1.5",
                "2",
                "-3.46",
                "0.1",
                "12.01",
                "-0.5",
                "1000000000"
            ]
        );
    }

    #[test]
    fn base64_matches_the_standard_vectors() {
        for (bytes, want) in [
            (&b""[..], ""),
            (b"M", "TQ=="),
            (b"Ma", "TWE="),
            (b"Man", "TWFu"),
            (b"foobar", "Zm9vYmFy"),
            (&[0xff, 0xfe, 0xfd, 0x00][..], "//79AA=="),
        ] {
            let mut out = String::new();
            base64(&mut out, bytes);
            assert_eq!(out, want);
        }
    }

    #[test]
    fn the_document_has_its_size_and_title() {
        let svg = write(&Picture {
            title: "Workshop <1> & \"friends\"",
            ..picture_of(&[], &no_images)
        });
        assert!(svg.contains("width=\"400px\" height=\"300px\" viewBox=\"0 0 400 300\""));
        assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        let tree = parse(&svg);
        assert_eq!(tree.size().width(), 400.0);
        assert_eq!(tree.size().height(), 300.0);
        assert!(svg.contains("<title>Workshop &lt;1&gt; &amp; &quot;friends&quot;</title>"));
    }

    #[test]
    fn a_rect_comes_back_where_it_was() {
        let rect = Rect::from_min_max(pos2(10.0, 20.0), pos2(110.5, 70.25));
        let svg = svg_of([RectShape::filled(rect, 0, Color32::RED).into()]);
        assert_near(only_path(&svg).abs_bounding_box(), rect, 0.5);
    }

    #[test]
    fn a_rounded_rect_with_a_stroke_covers_what_egui_paints() {
        let rect = Rect::from_min_max(pos2(30.0, 40.0), pos2(200.0, 120.0));
        for kind in [StrokeKind::Inside, StrokeKind::Middle, StrokeKind::Outside] {
            let shape = RectShape::new(rect, 12, Color32::YELLOW, (4.0, Color32::BLACK), kind);
            let want = shape.visual_bounding_rect();
            let svg = svg_of([shape.into()]);
            assert!(svg.contains(" rx=\""), "{svg}");
            assert_near(only_path(&svg).abs_stroke_bounding_box(), want, 0.5);
        }
        // Corners of different radii make a path of arcs.
        let corners = CornerRadius {
            nw: 0,
            ne: 10,
            se: 20,
            sw: 5,
        };
        let shape = RectShape::new(
            rect,
            corners,
            Color32::YELLOW,
            (2.0, Color32::BLACK),
            StrokeKind::Inside,
        );
        let svg = svg_of([shape.into()]);
        assert!(svg.contains("A19.4 19.4 0 0 1"), "{svg}");
        assert_near(only_path(&svg).abs_stroke_bounding_box(), rect, 0.5);
    }

    #[test]
    fn a_circle_comes_back_where_it_was() {
        let circle = CircleShape {
            center: pos2(50.0, 60.0),
            radius: 20.0,
            fill: Color32::BLUE,
            stroke: Stroke::new(2.0, Color32::BLACK),
        };
        let svg = svg_of([circle.into()]);
        assert_near(
            only_path(&svg).abs_stroke_bounding_box(),
            circle.visual_bounding_rect(),
            0.5,
        );
    }

    #[test]
    fn a_path_and_a_line_come_back_where_they_were() {
        let points = vec![pos2(10.0, 10.0), pos2(80.0, 30.0), pos2(40.0, 90.0)];
        let svg = svg_of([Shape::line(points.clone(), (3.0, Color32::DARK_GREEN))]);
        assert_near(
            only_path(&svg).abs_bounding_box(),
            Rect::from_points(&points),
            0.5,
        );

        let ends = [pos2(5.0, 250.0), pos2(300.0, 120.0)];
        let svg = svg_of([Shape::line_segment(ends, (2.0, Color32::GRAY))]);
        assert_near(
            only_path(&svg).abs_bounding_box(),
            Rect::from_two_pos(ends[0], ends[1]),
            0.5,
        );
    }

    #[test]
    fn every_kind_of_shape_parses() {
        let curve = CubicBezierShape::from_points_stroke(
            [
                pos2(0.0, 0.0),
                pos2(30.0, 80.0),
                pos2(60.0, -20.0),
                pos2(90.0, 40.0),
            ],
            false,
            Color32::TRANSPARENT,
            PathStroke::new_uv(2.0, |_, _| Color32::LIGHT_BLUE),
        );
        let quadratic = QuadraticBezierShape::from_points_stroke(
            [pos2(0.0, 100.0), pos2(50.0, 0.0), pos2(100.0, 100.0)],
            true,
            Color32::KHAKI,
            (1.0, Color32::BROWN),
        );
        let band = BandShape::new(
            vec![
                BandPoint::new(10.0, 200.0..=210.0),
                BandPoint::new(50.0, 190.0..=230.0),
                BandPoint::new(f32::NAN, 0.0..=1.0),
                BandPoint::new(90.0, 200.0..=205.0),
                BandPoint::new(120.0, 195.0..=215.0),
            ],
            Color32::ORANGE,
            (1.0, Color32::RED),
        );
        let shapes = [
            Shape::Noop,
            Shape::Vec(vec![curve.into(), quadratic.into()]),
            band.into(),
            EllipseShape::filled(pos2(200.0, 100.0), vec2(40.0, 20.0), Color32::GOLD)
                .with_angle(0.5)
                .into(),
            RectShape::filled(
                Rect::from_min_size(pos2(250.0, 20.0), vec2(60.0, 40.0)),
                6,
                Color32::GRAY,
            )
            .with_blur_width(8.0)
            .with_angle(0.3)
            .into(),
        ];
        let svg = svg_of(shapes);
        let tree = parse(&svg);
        // Background, two curves, the band, the ellipse and the blurred rect.
        assert_eq!(paths(&tree).len(), 6, "{svg}");
        assert!(svg.contains("stroke=\"#add8e6\""), "{svg}");
        // The band is two pieces, split where its sample is not a number.
        assert_eq!(svg.matches('Z').count(), 2 + 1, "{svg}");
        assert!(svg.contains("<feGaussianBlur"));
    }

    #[test]
    fn colours_with_alpha_come_out_as_opacity() {
        let fill = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
        let outline = Color32::from_rgba_unmultiplied(0, 0, 255, 64);
        let rect = Rect::from_min_size(pos2(10.0, 10.0), vec2(50.0, 50.0));
        let svg = svg_of([
            RectShape::new(rect, 0, fill, (2.0, outline), StrokeKind::Middle).into(),
            // Nothing to see: left out.
            RectShape::filled(rect, 0, Color32::TRANSPARENT).into(),
        ]);
        assert!(
            svg.contains("fill=\"#ff0000\" fill-opacity=\"0.5\""),
            "{svg}"
        );
        assert!(
            svg.contains("stroke=\"#0000ff\" stroke-width=\"2\" stroke-opacity=\"0.25\""),
            "{svg}"
        );
        let usvg::Node::Path(path) = only_path(&svg) else {
            panic!("not a path");
        };
        let fill = path.fill().unwrap();
        assert!((fill.opacity().get() - 0.5).abs() < 0.01);
        assert!(
            matches!(fill.paint(), usvg::Paint::Color(c) if *c == usvg::Color::new_rgb(255, 0, 0))
        );
        assert!((path.stroke().unwrap().opacity().get() - 0.25).abs() < 0.01);
    }

    #[test]
    fn a_clip_rect_smaller_than_the_shape_makes_a_clip_path() {
        let big = Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 100.0));
        let small = Rect::from_min_size(pos2(10.0, 10.0), vec2(40.0, 40.0));
        let shapes = [
            ClippedShape::new(small, RectShape::filled(big, 0, Color32::RED)),
            ClippedShape::new(
                small,
                CircleShape::filled(pos2(80.0, 80.0), 30.0, Color32::BLUE),
            ),
            // Inside its clip rect: no clip path.
            ClippedShape::new(big, RectShape::filled(small, 0, Color32::GREEN)),
            // Outside its clip rect: left out.
            ClippedShape::new(
                small,
                RectShape::filled(
                    Rect::from_min_size(pos2(200.0, 200.0), vec2(5.0, 5.0)),
                    0,
                    Color32::GREEN,
                ),
            ),
        ];
        let svg = write(&picture_of(&shapes, &no_images));
        // The two shapes in the same clip rect share one clip path.
        assert_eq!(svg.matches("<clipPath").count(), 1, "{svg}");
        let tree = parse(&svg);
        assert_eq!(tree.clip_paths().len(), 1);
        let clipped = nodes(tree.root())
            .into_iter()
            .filter(|node| matches!(node, usvg::Node::Group(g) if g.clip_path().is_some()))
            .collect::<Vec<_>>();
        assert_eq!(clipped.len(), 1);
        let clip_shapes = nodes(tree.clip_paths()[0].root());
        assert_eq!(clip_shapes.len(), 1);
        assert_near(clip_shapes[0].abs_bounding_box(), small, 0.01);
        assert_eq!(paths(&tree).len(), 4, "{svg}");
    }

    #[test]
    fn a_transform_after_tessellation_moves_and_scales() {
        let rect = Rect::from_min_size(pos2(10.0, 10.0), vec2(20.0, 30.0));
        let transform = TSTransform::new(vec2(5.0, 7.0), 2.0);
        let shapes = [ClippedShape {
            clip_rect: Rect::EVERYTHING,
            shape: RectShape::filled(rect, 0, Color32::RED).into(),
            transform_after_tessellation: transform,
        }];
        let svg = write(&picture_of(&shapes, &no_images));
        assert_near(only_path(&svg).abs_bounding_box(), transform * rect, 0.5);
    }

    #[test]
    fn the_output_is_the_same_every_time() {
        let clips = [
            Rect::from_min_size(pos2(0.0, 0.0), vec2(50.0, 50.0)),
            Rect::from_min_size(pos2(20.0, 20.0), vec2(50.0, 50.0)),
            Rect::from_min_size(pos2(40.0, 0.0), vec2(30.0, 90.0)),
        ];
        let shapes: Vec<ClippedShape> = (0..60)
            .map(|i| {
                let at = pos2((i * 7 % 90) as f32, (i * 13 % 80) as f32);
                let clip = clips[i / 3 % clips.len()];
                let shape: Shape = match i % 3 {
                    0 => RectShape::filled(
                        Rect::from_min_size(at, vec2(30.0, 20.0)),
                        3,
                        Color32::RED,
                    )
                    .into(),
                    1 => CircleShape::filled(at, 15.0, Color32::BLUE).into(),
                    _ => RectShape::filled(
                        Rect::from_min_size(at, vec2(10.0, 10.0)),
                        0,
                        Color32::GREEN,
                    )
                    .with_blur_width((i % 4) as f32 + 1.0)
                    .into(),
                };
                ClippedShape::new(clip, shape)
            })
            .collect();
        let first = write(&picture_of(&shapes, &no_images));
        let second = write(&picture_of(&shapes, &no_images));
        assert_eq!(first, second);
        assert_eq!(first.matches("<clipPath").count(), 3);
        assert_eq!(first.matches("<filter").count(), 4);
        parse(&first);
    }

    #[test]
    fn solid_meshes_are_one_path_per_colour_and_glyph_triangles_are_left_out() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_size(pos2(10.0, 10.0), vec2(40.0, 40.0)),
            Color32::RED,
        );
        mesh.add_colored_rect(
            Rect::from_min_size(pos2(50.0, 10.0), vec2(40.0, 40.0)),
            Color32::RED,
        );
        mesh.add_colored_rect(
            Rect::from_min_size(pos2(10.0, 60.0), vec2(40.0, 40.0)),
            Color32::BLUE,
        );
        // A glyph from the font atlas.
        mesh.add_rect_with_uv(
            Rect::from_min_size(pos2(100.0, 100.0), vec2(8.0, 8.0)),
            Rect::from_min_size(pos2(0.5, 0.5), vec2(0.01, 0.01)),
            Color32::BLACK,
        );
        // Indices past the vertices are skipped.
        mesh.indices.extend([0, 1, 999]);
        let svg = svg_of([mesh.into()]);
        let tree = parse(&svg);
        let paths = paths(&tree);
        assert_eq!(paths.len(), 3, "background, red and blue:\n{svg}");
        assert_near(
            paths[1].abs_bounding_box(),
            Rect::from_min_max(pos2(10.0, 10.0), pos2(90.0, 50.0)),
            0.01,
        );
        assert_eq!(svg.matches('M').count(), 6, "{svg}");
    }

    fn tiny_png() -> Vec<u8> {
        let mut pixels = image::RgbaImage::new(2, 2);
        pixels.put_pixel(0, 0, image::Rgba([255, 0, 0, 255]));
        pixels.put_pixel(1, 1, image::Rgba([0, 0, 255, 255]));
        let mut png = std::io::Cursor::new(Vec::new());
        pixels.write_to(&mut png, image::ImageFormat::Png).unwrap();
        png.into_inner()
    }

    fn images(tree: &usvg::Tree) -> Vec<usvg::Node> {
        nodes(tree.root())
            .into_iter()
            .filter(|node| matches!(node, usvg::Node::Image(_)))
            .collect()
    }

    #[test]
    fn a_textured_mesh_shows_its_photo_cut_to_its_triangles() {
        let photo: Arc<[u8]> = tiny_png().into();
        let texture = TextureId::User(7);
        let lookup = |id: TextureId| {
            (id == texture).then(|| EmbeddedImage {
                mime: "image/png",
                bytes: Arc::clone(&photo),
            })
        };
        // Square like the photo, so that the photo fills it exactly.
        let place = Rect::from_min_size(pos2(100.0, 50.0), vec2(80.0, 80.0));
        let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        let shapes = unclipped([
            Shape::image(texture, place, full, Color32::WHITE),
            // No photo for this one: left out.
            Shape::image(TextureId::User(8), place, full, Color32::WHITE),
            // A rect filled with the photo, with rounded corners.
            RectShape::filled(place.translate(vec2(0.0, 100.0)), 10, Color32::WHITE)
                .with_texture(texture, full)
                .into(),
        ]);
        let svg = write(&picture_of(&shapes, &lookup));
        assert!(
            svg.contains("xlink:href=\"data:image/png;base64,iVBORw0KGgo"),
            "{svg}"
        );
        let tree = parse(&svg);
        let found = images(&tree);
        assert_eq!(found.len(), 2, "{svg}");
        let usvg::Node::Image(first) = &found[0] else {
            panic!("not an image");
        };
        let on_page = first
            .bounding_box()
            .transform(first.abs_transform())
            .unwrap();
        assert_near(on_page, place, 0.5);
        // One clip path for the mesh's triangles, one for the rounded corners.
        assert_eq!(svg.matches("<clipPath").count(), 2, "{svg}");
        // The background is the only path: the photos are not painted as plain fills.
        assert_eq!(paths(&tree).len(), 1, "{svg}");

        let svg = write(&picture_of(&shapes, &no_images));
        let tree = parse(&svg);
        assert!(images(&tree).is_empty(), "{svg}");
        assert_eq!(paths(&tree).len(), 1, "{svg}");
    }

    /// A context with the app's fonts, ready for text layout.
    fn context() -> egui::Context {
        let ctx = egui::Context::default();
        crate::ui::theme::install_fonts(&ctx);
        ctx.run_ui(RawInput::default(), |_| {})
            .textures_delta
            .clear();
        ctx
    }

    /// All the text in the text nodes of `tree`.
    fn texts(tree: &usvg::Tree) -> Vec<(String, usvg::Rect)> {
        nodes(tree.root())
            .into_iter()
            .filter_map(|node| match node {
                usvg::Node::Text(text) => Some((
                    text.chunks().iter().map(usvg::TextChunk::text).collect(),
                    text.abs_bounding_box(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn text_stays_text_in_several_scripts_where_egui_put_it() {
        let ctx = context();
        let mut job = LayoutJob::default();
        let regular = TextFormat::simple(FontId::proportional(18.0), Color32::BLACK);
        let bold = TextFormat::simple(
            FontId::new(18.0, FontFamily::Name(BOLD.into())),
            Color32::DARK_BLUE,
        );
        job.append("Qytetarët presin në radhë. ", 0.0, regular.clone());
        job.append("Громадяни чекають годинами. ", 0.0, bold);
        job.append("ქალაქის სერვისები\nonline", 0.0, regular);
        job.wrap.max_width = 180.0;
        let galley = ctx.fonts_mut(|fonts| fonts.layout_job(job));
        assert!(galley.rows.len() >= 4, "{}", galley.rows.len());
        let pos = pos2(20.0, 30.0);
        let svg = svg_of([TextShape::new(pos, Arc::clone(&galley), Color32::BLACK).into()]);
        // No newline inside a text element.
        assert!(!svg.contains("\n</text>"), "{svg}");
        let tree = parse_with_fonts(&svg);
        let found = texts(&tree);
        let all: String = found.iter().map(|(text, _)| text.as_str()).collect();
        for word in ["Qytetarët", "Громадяни", "ქალაქის", "სერვისები", "online"]
        {
            assert!(all.contains(word), "{word} in {all:?}");
        }
        assert!(svg.contains("font-weight=\"bold\""));
        let bounds = found.iter().fold(found[0].1, |all, (_, rect)| {
            usvg::Rect::from_ltrb(
                all.left().min(rect.left()),
                all.top().min(rect.top()),
                all.right().max(rect.right()),
                all.bottom().max(rect.bottom()),
            )
            .unwrap()
        });
        let want = galley.rect.translate(pos.to_vec2());
        assert_near(bounds, want, 4.0);
        // The first word starts where egui put its glyph.
        let first = &galley.rows[0].glyphs[0];
        assert!(
            svg.contains(&format!("<text x=\"{}\"", pos.x + first.pos.x)),
            "{svg}"
        );
    }

    #[test]
    fn a_ligature_egui_draws_is_left_to_the_reader_to_form_in_a_run_as_wide_as_egui_made_it() {
        let ctx = context();
        let galley = ctx.fonts_mut(|fonts| {
            fonts.layout_no_wrap(
                "Notificare prin SMS".to_owned(),
                FontId::proportional(18.0),
                Color32::BLACK,
            )
        });
        let svg = svg_of([TextShape::new(pos2(0.0, 0.0), galley, Color32::BLACK).into()]);
        // One position for the run, not per letter: "fi" is shaped together, and the run is as
        // wide as egui made it.
        assert!(svg.contains(">Notificare prin SMS</text>"), "{svg}");
        assert_eq!(svg.matches("<text x=").count(), 1, "{svg}");
        assert!(svg.contains("lengthAdjust=\"spacing\""), "{svg}");
    }

    #[test]
    fn special_characters_in_text_are_escaped_and_control_characters_dropped() {
        let ctx = context();
        let text = "a < b & c > \"d\" 'e'\u{1}\u{1b}\u{9b}";
        let galley = ctx.fonts_mut(|fonts| {
            fonts.layout_no_wrap(text.to_owned(), FontId::proportional(16.0), Color32::BLACK)
        });
        let svg = svg_of([TextShape::new(pos2(10.0, 10.0), galley, Color32::BLACK).into()]);
        let tree = parse_with_fonts(&svg);
        let found = texts(&tree);
        assert_eq!(found.len(), 1, "{svg}");
        assert_eq!(found[0].0, "a < b & c > \"d\" 'e'");
    }

    #[test]
    fn a_painted_ui_becomes_an_svg_with_its_text() {
        let ctx = context();
        let mut output = ctx.run_ui(
            RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
                ..RawInput::default()
            },
            |ui| {
                ui.heading("Personas");
                ui.label("Една мајка со две деца");
                let _ = ui.button("Vote");
                ui.separator();
                let _ = ui.checkbox(&mut true, "Done");
            },
        );
        output.textures_delta.clear();
        let svg = write(&picture_of(&output.shapes, &no_images));
        let tree = parse_with_fonts(&svg);
        let all: String = texts(&tree).into_iter().map(|(text, _)| text).collect();
        for word in ["Personas", "Една мајка со две деца", "Vote", "Done"] {
            assert!(all.contains(word), "{word} in {all:?}");
        }
    }

    #[test]
    fn shapes_that_are_not_numbers_are_left_out() {
        let nan = f32::NAN;
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_size(pos2(nan, 0.0), vec2(1.0, 1.0)),
            Color32::RED,
        );
        let shapes = [
            ClippedShape::new(Rect::NAN, RectShape::filled(Rect::NAN, 2, Color32::RED)),
            ClippedShape::new(
                Rect::EVERYTHING,
                CircleShape::filled(pos2(nan, 1.0), 3.0, Color32::RED),
            ),
            ClippedShape::new(
                Rect::EVERYTHING,
                Shape::line(
                    vec![pos2(0.0, 0.0), pos2(nan, 5.0), pos2(9.0, 9.0)],
                    (1.0, Color32::RED),
                ),
            ),
            ClippedShape::new(
                Rect::EVERYTHING,
                Shape::line_segment(
                    [pos2(0.0, f32::INFINITY), pos2(1.0, 1.0)],
                    (1.0, Color32::RED),
                ),
            ),
            ClippedShape::new(Rect::EVERYTHING, mesh),
            ClippedShape {
                clip_rect: Rect::EVERYTHING,
                shape: CircleShape::filled(pos2(5.0, 5.0), 3.0, Color32::RED).into(),
                transform_after_tessellation: TSTransform::new(vec2(nan, 0.0), 1.0),
            },
        ];
        let svg = write(&Picture {
            size: vec2(f32::INFINITY, -3.0),
            ..picture_of(&shapes, &no_images)
        });
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        let svg = write(&picture_of(&shapes, &no_images));
        let tree = parse(&svg);
        // The background and the path through its finite points.
        assert_eq!(paths(&tree).len(), 2, "{svg}");
    }
}
