//! Painting persona cards: a profile card with a photo (or a drawn portrait, or an initials
//! avatar), name and role large, the quote, then the sections. Far out only the header shows; text never spills out of
//! the card, and a `…` tab says when some is hidden.

use egui::text::LayoutJob;
use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Painter, Pos2, Rect, Stroke, StrokeKind,
    TextFormat, Vec2, pos2, vec2,
};
use std::sync::Arc;

use super::paint::{self, NoteLook, room_for};
use crate::model::{Avatar, Basis, EmpathyMap, Entry, EntryList, Item, Persona};
use crate::ui::{stroke_mesh, theme};

/// Board-unit sizes of the card's parts.
const HEADER_HEIGHT: f32 = 124.0;
const AVATAR_RADIUS: f32 = 46.0;
const PADDING: f32 = 14.0;
const NAME_SIZE: f32 = 28.0;
const BODY_SIZE: f32 = 20.0;
const HEADING_SIZE: f32 = 18.0;

fn bold(size_px: f32) -> FontId {
    FontId::new(size_px, egui::FontFamily::Name(theme::BOLD.into()))
}

/// The colour of the mark in front of an entry: amber for an assumption, green for evidence.
fn basis_color(basis: &Basis) -> Option<Color32> {
    match basis {
        Basis::Unmarked => None,
        Basis::Assumption => Some(theme::ASSUMPTION),
        Basis::Evidence(_) => Some(theme::EVIDENCE),
    }
}

/// The photo to draw for a persona, if it has one and it could be decoded.
pub type PhotoTexture = Option<egui::TextureId>;

/// Paints a persona card; `photo` is the texture of its photo, if it has one.
pub fn persona(
    painter: &Painter,
    item: &Item,
    persona: &Persona,
    look: &NoteLook,
    photo: PhotoTexture,
) {
    let NoteLook {
        rect,
        zoom,
        selected,
        show_text,
        highlighted,
        ..
    } = *look;
    let radius = CornerRadius::same((8.0 * zoom).round().clamp(0.0, 255.0) as u8);
    paint::shadow(painter, rect, radius, zoom);
    painter.rect_filled(rect, radius, Color32::WHITE);
    let header = Rect::from_min_size(
        rect.min,
        vec2(rect.width(), (HEADER_HEIGHT * zoom).min(rect.height())),
    );
    painter.rect_filled(
        header,
        CornerRadius {
            nw: radius.nw,
            ne: radius.ne,
            sw: 0,
            se: 0,
        },
        theme::fill(item.color),
    );
    painter.rect_stroke(
        rect,
        radius,
        Stroke::new(1.5, theme::border_strong(item.color)),
        StrokeKind::Inside,
    );
    let clip = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
    avatar(&clip, item, persona, header, zoom, photo);
    if show_text {
        header_text(&clip, persona, header, zoom);
        if BODY_SIZE * zoom >= theme::MIN_READABLE_TEXT_PX * 1.5 {
            let meter_top = rect.bottom() - METER_HEIGHT * zoom;
            evidence_meter(&clip, persona, rect.with_min_y(meter_top), zoom);
            let body = Rect::from_min_max(
                pos2(rect.left(), header.bottom()),
                pos2(rect.right(), meter_top),
            )
            .shrink(PADDING * zoom);
            if !body_text(&clip, persona, body, zoom) {
                // Above the meter, at the foot of what shows.
                paint::overflow_badge(painter, rect.with_max_y(meter_top), zoom);
            }
        }
    }
    paint::outline_marks(painter, rect, radius, selected, highlighted);
}

/// The height of the evidence meter at the bottom of a card, in board units.
const METER_HEIGHT: f32 = 44.0;
/// The evidence meter's colours: the part from research, and the rest.
const METER_EVIDENCE: Color32 = Color32::from_rgb(0x1e, 0x84, 0x49);
const METER_REST: Color32 = Color32::from_rgb(0xe3, 0xe6, 0xea);

/// The evidence meter along the bottom of a card (`strip`): a bar of how much of what is filled
/// is marked as evidence, and "7 of 12 from research".
fn evidence_meter(painter: &Painter, persona: &Persona, strip: Rect, zoom: f32) {
    let (evidence, filled) = persona.evidence();
    let inner = strip.shrink2(vec2(PADDING * zoom, 8.0 * zoom));
    let bar_width = inner.width() * 0.35;
    let bar = Rect::from_min_size(
        pos2(inner.left(), inner.center().y - 5.0 * zoom),
        vec2(bar_width, 10.0 * zoom),
    );
    let round = CornerRadius::same((5.0 * zoom).round().clamp(0.0, 255.0) as u8);
    painter.rect_filled(bar, round, METER_REST);
    if filled > 0 && evidence > 0 {
        let share = evidence as f32 / filled as f32;
        painter.rect_filled(
            bar.with_max_x(bar.left() + bar.width() * share),
            round,
            METER_EVIDENCE,
        );
    }
    let text = if filled == 0 {
        "Nothing filled in yet".to_owned()
    } else {
        format!("{evidence} of {filled} from research")
    };
    painter.text(
        pos2(bar.right() + 10.0 * zoom, inner.center().y),
        Align2::LEFT_CENTER,
        text,
        FontId::proportional(HEADING_SIZE * zoom),
        theme::MAP_TAG_TEXT,
    );
}

/// How wide (in points) the photo of a card drawn in `rect` at `zoom` is.
pub fn photo_diameter(rect: Rect, zoom: f32) -> f32 {
    avatar_radius((HEADER_HEIGHT * zoom).min(rect.height()), zoom) * 2.0
}

/// The radius of the photo or initials circle in a header `header_height` tall at `zoom`.
fn avatar_radius(header_height: f32, zoom: f32) -> f32 {
    (AVATAR_RADIUS * zoom).min(header_height * 0.4)
}

/// The avatar circle: the round photo, the drawn portrait on paper, or the initials on a circle
/// of the persona's colour (see [`Persona::avatar`]; a photo not decoded yet shows what the card
/// shows without one).
fn avatar(
    painter: &Painter,
    item: &Item,
    persona: &Persona,
    header: Rect,
    zoom: f32,
    photo: PhotoTexture,
) {
    let r = avatar_radius(header.height(), zoom);
    let center = header.left_center() + vec2(PADDING * zoom + r, 0.0);
    let shown = match (persona.avatar(), photo) {
        (Avatar::Photo(_), Some(texture)) => {
            round_photo(painter, texture, center, r);
            return;
        }
        (Avatar::Photo(_), None) => persona.avatar_without_photo(),
        (other, _) => other,
    };
    match shown {
        Avatar::Portrait(portrait) => {
            painter.circle_filled(center, r, theme::PORTRAIT_PAPER);
            // Below 16 points across, the lines would be a smudge: the paper says enough, and a
            // board seen from afar does not work out every card's lines.
            if r > 8.0 {
                let ink = theme::PORTRAIT_INK;
                let lines =
                    stroke_mesh::portrait_in_circle(painter.ctx(), portrait, center, r, ink);
                painter.add(egui::Shape::mesh(lines));
            }
            painter.circle_stroke(
                center,
                r,
                Stroke::new(2.0, theme::border_strong(item.color)),
            );
        }
        Avatar::Initials(initials) => {
            painter.circle(
                center,
                r,
                theme::border_strong(item.color),
                Stroke::new(2.0, Color32::WHITE),
            );
            if r > 6.0 {
                painter.text(
                    center,
                    Align2::CENTER_CENTER,
                    initials,
                    bold(r * 0.8),
                    Color32::WHITE,
                );
            }
        }
        // Painted above, and never what the card shows without one.
        Avatar::Photo(_) => {}
    }
}

/// A photo as a square crop in a circle: a mesh fan with texture coordinates.
fn round_photo(painter: &Painter, texture: egui::TextureId, center: Pos2, r: f32) {
    let mut mesh = egui::Mesh::with_texture(texture);
    let steps = 40u32;
    mesh.vertices.push(egui::epaint::Vertex {
        pos: center,
        uv: pos2(0.5, 0.5),
        color: Color32::WHITE,
    });
    for i in 0..=steps {
        let angle = i as f32 / steps as f32 * std::f32::consts::TAU;
        let direction = vec2(angle.cos(), angle.sin());
        mesh.vertices.push(egui::epaint::Vertex {
            pos: center + direction * r,
            uv: pos2(0.5 + direction.x * 0.5, 0.5 + direction.y * 0.5),
            color: Color32::WHITE,
        });
        if i > 0 {
            mesh.add_triangle(0, i, i + 1);
        }
    }
    painter.add(egui::Shape::mesh(mesh));
    painter.circle_stroke(center, r, Stroke::new(2.0, Color32::WHITE));
}

/// Where the name is typed in place: the header, right of the avatar.
pub fn name_edit_rect(rect: Rect, zoom: f32) -> Rect {
    let header_height = (HEADER_HEIGHT * zoom).min(rect.height());
    let left = rect.left() + (PADDING * 2.0 + AVATAR_RADIUS * 2.0) * zoom;
    let height = NAME_SIZE * zoom * 1.5;
    Rect::from_min_max(
        pos2(left, rect.top() + (header_height - height) / 2.0),
        pos2(
            (rect.right() - PADDING * zoom).max(left + 1.0),
            rect.top() + f32::midpoint(header_height, height),
        ),
    )
}

/// The font the name is typed in.
pub fn name_font(zoom: f32) -> FontId {
    bold(NAME_SIZE * zoom)
}

/// Name, role and age/location beside the avatar.
fn header_text(painter: &Painter, persona: &Persona, header: Rect, zoom: f32) {
    let left = header.left() + (PADDING * 2.0 + AVATAR_RADIUS * 2.0) * zoom;
    let width = (header.right() - PADDING * zoom - left).max(1.0);
    let name_px = NAME_SIZE * zoom;
    if name_px < theme::MIN_READABLE_TEXT_PX {
        return;
    }
    let mut job = LayoutJob::default();
    let room = vec2(width, header.height());
    let name = if persona.name.is_empty() {
        "Unnamed persona"
    } else {
        room_for(&persona.name, room, name_px)
    };
    job.append(
        name,
        0.0,
        TextFormat::simple(bold(name_px), theme::NOTE_TEXT),
    );
    if !persona.role.text.is_empty() {
        job.append(
            &format!("\n{}", room_for(&persona.role.text, room, BODY_SIZE * zoom)),
            0.0,
            TextFormat::simple(theme::note_font(BODY_SIZE * 1.1 * zoom), theme::NOTE_TEXT),
        );
    }
    let details: Vec<&str> = [&persona.age.text, &persona.location.text]
        .into_iter()
        .filter(|text| !text.is_empty())
        .map(|text| room_for(text, room, BODY_SIZE * zoom))
        .collect();
    if !details.is_empty() {
        job.append(
            &format!("\n{}", details.join(" · ")),
            0.0,
            TextFormat::simple(theme::note_font(BODY_SIZE * zoom), theme::MAP_TAG_TEXT),
        );
    }
    job.wrap.max_width = width;
    job.wrap.max_rows = 4;
    let galley = painter.layout_job(job);
    let top = header.center().y - galley.size().y / 2.0;
    let at = pos2(left, top.max(header.top()));
    paint::clipped_galley(painter, header, at, galley, theme::NOTE_TEXT);
}

/// Places blocks of text one under the other inside the card's body.
struct Column<'p> {
    painter: &'p Painter,
    body: Rect,
    y: f32,
    px: f32,
    zoom: f32,
}

impl Column<'_> {
    /// Paints `galley` (with a mark beside its first row) and moves down, or returns false when
    /// it does not fit.
    fn place(&mut self, galley: Arc<Galley>, mark: Option<Color32>, gap: f32) -> bool {
        if self.y + galley.size().y > self.body.bottom() {
            return false;
        }
        if let Some(color) = mark {
            let center = pos2(self.body.left() + self.px * 0.35, self.y + self.px * 0.7);
            self.painter.circle_filled(center, self.px * 0.3, color);
        }
        let height = galley.size().y;
        self.painter
            .galley(pos2(self.body.left(), self.y), galley, theme::NOTE_TEXT);
        self.y += height + gap * self.zoom;
        true
    }

    /// Reserves `height` for a drawing; returns its top, or `None` when it does not fit.
    fn reserve(&mut self, height: f32) -> Option<f32> {
        if self.y + height > self.body.bottom() {
            return None;
        }
        let top = self.y;
        self.y += height;
        Some(top)
    }
}

/// Lays out the body blocks top to bottom inside `body`; returns false if some did not fit.
fn body_text(painter: &Painter, persona: &Persona, body: Rect, zoom: f32) -> bool {
    let px = BODY_SIZE * zoom;
    let width = body.width().max(1.0);
    let room = vec2(width, body.height());
    let mut column = Column {
        painter,
        body,
        y: body.top(),
        px,
        zoom,
    };
    if !persona.quote.text.is_empty() {
        let galley = paint::layout_as_on_board(
            painter,
            format!("“{}”", room_for(&persona.quote.text, room, px)),
            (
                theme::note_font(BODY_SIZE * 1.05),
                width / zoom.max(f32::MIN_POSITIVE),
            ),
            zoom,
            theme::MAP_TAG_TEXT,
        );
        if !column.place(galley, None, 10.0) {
            return false;
        }
    }
    let facts: [(&str, &Entry); 4] = [
        ("Life event", &persona.life_event),
        ("Background", &persona.background),
        ("Languages", &persona.languages),
        ("Accessibility", &persona.accessibility),
    ];
    for (label, entry) in facts.iter().filter(|(_, entry)| has_text(entry)) {
        let galley = labelled(painter, label, entry, px, room);
        if !column.place(galley, basis_color(&entry.basis), 4.0) {
            return false;
        }
    }
    if let Some(skills) = persona.digital_skills {
        let Some(top) = column.reserve(px * 1.6 + 4.0 * zoom) else {
            return false;
        };
        skills_bar(painter, pos2(body.left(), top), width, px, skills);
    }
    if !persona.channels.is_empty() {
        let names: Vec<&str> = persona.channels.iter().map(|c| c.name()).collect();
        let galley = labelled(
            painter,
            "Channels",
            &Entry::new(names.join(" · ")),
            px,
            room,
        );
        if !column.place(galley, None, 6.0) {
            return false;
        }
    }
    for list in EntryList::PERSONA {
        let entries: Vec<&Entry> = shown_entries(persona.list(list)).collect();
        if entries.is_empty() {
            continue;
        }
        let heading = painter.layout_no_wrap(
            list.name().to_uppercase(),
            bold(HEADING_SIZE * zoom),
            theme::MAP_TAG_TEXT,
        );
        if !column.place(heading, None, 2.0) {
            return false;
        }
        for entry in entries {
            let (galley, mark) = bullet(painter, entry, px, room);
            if !column.place(galley, mark, 2.0) {
                return false;
            }
        }
        column.y += 6.0 * zoom;
    }
    for field in persona.custom.iter().filter(|field| has_text(&field.value)) {
        let label = room_for(&field.label, room, px);
        let galley = labelled(painter, label, &field.value, px, room);
        if !column.place(galley, basis_color(&field.value.basis), 4.0) {
            return false;
        }
    }
    true
}

/// Whether an entry has something to show: an entry just added and not yet typed into draws
/// nothing (no bare bullet, no lone mark).
fn has_text(entry: &Entry) -> bool {
    !entry.text.trim().is_empty()
}

/// The entries of a list that are drawn.
fn shown_entries(entries: &[Entry]) -> impl Iterator<Item = &Entry> {
    entries.iter().filter(|entry| has_text(entry))
}

/// "Label: text", the label in bold, indented past the mark, then how the entry is backed.
fn labelled(painter: &Painter, label: &str, entry: &Entry, px: f32, room: Vec2) -> Arc<Galley> {
    let mut job = LayoutJob::default();
    job.append(
        "",
        px * 1.0,
        TextFormat::simple(theme::note_font(px), theme::NOTE_TEXT),
    );
    if !label.is_empty() {
        job.append(
            &format!("{label}: "),
            0.0,
            TextFormat::simple(bold(px), theme::NOTE_TEXT),
        );
    }
    job.append(
        room_for(&entry.text, room, px),
        0.0,
        TextFormat::simple(theme::note_font(px), theme::NOTE_TEXT),
    );
    append_basis(&mut job, &entry.basis, px);
    job.wrap.max_width = room.x;
    paint::job_as_on_board(painter, job, zoom_of(px))
}

/// The zoom a card's body text of `px` points is drawn at.
fn zoom_of(px: f32) -> f32 {
    px / BODY_SIZE
}

/// " · assumption" in amber, or the evidence's source in brackets, so the mark is never told by
/// colour alone.
fn append_basis(job: &mut LayoutJob, basis: &Basis, px: f32) {
    match basis {
        Basis::Unmarked => {}
        Basis::Assumption => job.append(
            " · assumption",
            0.0,
            TextFormat::simple(bold(px * 0.9), theme::ASSUMPTION_TEXT),
        ),
        Basis::Evidence(source) => job.append(
            &if source.is_empty() {
                " (evidence)".to_owned()
            } else {
                format!(" ({source})")
            },
            0.0,
            TextFormat::simple(theme::note_font(px * 0.9), theme::MAP_TAG_TEXT),
        ),
    }
}

/// A list entry: a bullet (or the assumption/evidence mark) and its text, with an evidence
/// source after it.
fn bullet(painter: &Painter, entry: &Entry, px: f32, room: Vec2) -> (Arc<Galley>, Option<Color32>) {
    let mark = basis_color(&entry.basis);
    let mut job = LayoutJob::default();
    let lead = if mark.is_some() { "" } else { "•" };
    job.append(
        lead,
        0.0,
        TextFormat::simple(theme::note_font(px), theme::NOTE_TEXT),
    );
    job.append(
        room_for(&entry.text, room, px),
        px * if mark.is_some() { 1.0 } else { 0.5 },
        TextFormat::simple(theme::note_font(px), theme::NOTE_TEXT),
    );
    append_basis(&mut job, &entry.basis, px);
    job.wrap.max_width = room.x;
    (paint::job_as_on_board(painter, job, zoom_of(px)), mark)
}

/// "Digital skills" and five segments, `skills` of them filled.
fn skills_bar(painter: &Painter, at: Pos2, width: f32, px: f32, skills: u8) {
    let label = painter.layout_no_wrap("Digital skills".to_owned(), bold(px), theme::NOTE_TEXT);
    let label_width = label.size().x + px * 0.6;
    painter.galley(at, label, theme::NOTE_TEXT);
    let segments = f32::from(Persona::MAX_SKILLS);
    let segment = ((width - label_width) / segments).max(1.0);
    for i in 0..Persona::MAX_SKILLS {
        let min = pos2(at.x + label_width + f32::from(i) * segment, at.y + px * 0.2);
        let cell = Rect::from_min_size(min, vec2(segment - px * 0.2, px * 0.9));
        let fill = if i < skills {
            theme::SELECTION
        } else {
            theme::RING_FILL_EVEN
        };
        painter.rect_filled(cell, CornerRadius::same(2), fill);
    }
}

/// The goal band at the top of an empathy map, where the goal is typed in place.
pub fn goal_rect(rect: Rect, zoom: f32) -> Rect {
    Rect::from_min_size(
        rect.min,
        vec2(rect.width(), (GOAL_HEIGHT * zoom).min(rect.height())),
    )
}

/// Height of an empathy map's goal band, in board units.
const GOAL_HEIGHT: f32 = 64.0;

/// Paints an empathy map: the goal on top, then Says | Thinks, Does | Feels, Pains | Gains, each
/// cell with its entries (assumptions and evidence marked as on persona cards).
pub fn empathy_map(painter: &Painter, item: &Item, map: &EmpathyMap, look: &NoteLook) {
    let NoteLook {
        rect,
        zoom,
        selected,
        show_text,
        highlighted,
        ..
    } = *look;
    let radius = CornerRadius::same((8.0 * zoom).round().clamp(0.0, 255.0) as u8);
    painter.rect_filled(rect, radius, Color32::WHITE);
    let goal = goal_rect(rect, zoom);
    painter.rect_filled(
        goal,
        CornerRadius {
            nw: radius.nw,
            ne: radius.ne,
            sw: 0,
            se: 0,
        },
        theme::fill(item.color),
    );
    let line = Stroke::new(1.5, theme::RING_LINE);
    let body = Rect::from_min_max(pos2(rect.left(), goal.bottom()), rect.max);
    let (cell_w, cell_h) = (body.width() / 2.0, body.height() / 3.0);
    let clip = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
    let mut hidden = false;
    for (i, &list) in EntryList::EMPATHY.iter().enumerate() {
        let (col, row) = ((i % 2) as f32, (i / 2) as f32);
        let cell = Rect::from_min_size(
            pos2(body.left() + col * cell_w, body.top() + row * cell_h),
            vec2(cell_w, cell_h),
        );
        clip.rect_stroke(cell, CornerRadius::ZERO, line, StrokeKind::Inside);
        if !show_text || HEADING_SIZE * zoom < theme::MIN_READABLE_TEXT_PX {
            continue;
        }
        let inner = cell.shrink(PADDING * zoom);
        let cell_painter = clip.with_clip_rect(inner.intersect(clip.clip_rect()));
        let mut column = Column {
            painter: &cell_painter,
            body: inner,
            y: inner.top(),
            px: BODY_SIZE * zoom,
            zoom,
        };
        let heading = cell_painter.layout_no_wrap(
            list.name().to_uppercase(),
            bold(HEADING_SIZE * 1.2 * zoom),
            theme::MAP_TAG_TEXT,
        );
        column.place(heading, None, 4.0);
        for entry in shown_entries(map.list(list)) {
            let (galley, mark) = bullet(&cell_painter, entry, BODY_SIZE * zoom, inner.size());
            if !column.place(galley, mark, 2.0) {
                hidden = true;
                break;
            }
        }
    }
    if show_text && GOAL_HEIGHT * zoom > 8.0 {
        let text = if map.goal.is_empty() {
            "Goal: (double-click to write it)".to_owned()
        } else {
            format!(
                "Goal: {}",
                room_for(&map.goal, goal.size(), NAME_SIZE * 0.85 * zoom)
            )
        };
        let galley = paint::layout_as_on_board(
            &clip,
            text,
            (
                bold(NAME_SIZE * 0.85),
                (goal.width() / zoom.max(f32::MIN_POSITIVE) - 2.0 * PADDING).max(1.0),
            ),
            zoom,
            theme::NOTE_TEXT,
        );
        let top = goal.center().y - galley.size().y / 2.0;
        clip.with_clip_rect(goal.intersect(clip.clip_rect()))
            .galley(
                pos2(goal.left() + PADDING * zoom, top.max(goal.top())),
                galley,
                theme::NOTE_TEXT,
            );
    }
    painter.rect_stroke(
        rect,
        radius,
        Stroke::new(1.5, theme::border_strong(item.color)),
        StrokeKind::Inside,
    );
    if hidden {
        paint::overflow_badge(painter, rect, zoom);
    }
    paint::outline_marks(painter, rect, radius, selected, highlighted);
}
