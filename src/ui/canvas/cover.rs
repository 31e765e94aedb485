//! What a paint can leave out because nothing of it would show: items wholly under opaque ones
//! above them, and the washes of frames stacked so deep that more layers change nothing.
//!
//! Software rendering pays for every pixel of every shape, so a hundred notes of 100,000 units
//! at one spot would cost a hundred full windows of pixels per frame. With this, a paint costs
//! about what one window of pixels costs however the items overlap.

use std::collections::HashSet;

use egui::Rect;

use crate::model::{Item, ItemId, ItemKind};
use crate::ui::theme;

/// How far outside its rectangle an item may paint (shadow, search outline), in points.
const SPILL: f32 = 8.0;

/// How many opaque rectangles are remembered to test items below against: the largest ones.
const MOST_COVERS: usize = 16;

/// Frame washes (translucent bodies) past this many on one spot are left out: together they
/// are already as good as opaque.
const MOST_WASHES: usize = 4;

/// How many washed places are remembered.
const MOST_WASHED: usize = 64;

/// How many times the viewport's area a paint fills at most: past that, lower items are left
/// out (and counted in [`Cover::over_budget`]) whatever shows of them. Real boards fill two
/// or three viewports at most (a stage frame, its cluster frames, their notes).
const MOST_VIEWPORTS: f32 = 8.0;

/// What to leave out of one paint.
#[derive(Debug, Default)]
pub(super) struct Cover {
    /// Whether each item (by its place in the list painted) is left out.
    pub(super) covered: Vec<bool>,
    /// Frames whose body is drawn without its wash.
    pub(super) unwashed: HashSet<ItemId>,
    /// Frames whose title strip is hidden under opaque items above.
    pub(super) strip_covered: HashSet<ItemId>,
    /// How many items were left out, though some of them might show, because the items above
    /// them already filled the viewport many times over.
    pub(super) over_budget: usize,
}

/// Works out what to leave out of a paint of `items` (in drawing order, bottom to top, with
/// their rectangles on screen) in `viewport`; what `keep` says is drawn whatever covers it
/// (the item being typed into, the selection).
pub(super) fn cover(
    items: &[(&Item, Rect)],
    viewport: Rect,
    zoom: f32,
    keep: impl Fn(ItemId) -> bool,
) -> Cover {
    let mut out = Cover {
        covered: vec![false; items.len()],
        ..Cover::default()
    };
    // Covers smaller than this hide too little to be worth testing against.
    let least_cover = viewport.area() / 1024.0;
    let mut covers: Vec<Rect> = Vec::new();
    for (at, &(item, rect)) in items.iter().enumerate().rev() {
        let hidden = |part: Rect| {
            let shown = part.expand(SPILL).intersect(viewport);
            shown.is_positive()
                && covers.iter().any(|cover| cover.contains_rect(shown))
                && !keep(item.id)
        };
        if !covers.is_empty() && hidden(rect) {
            out.leave_out(at);
            continue;
        }
        if matches!(item.kind, ItemKind::Frame(_)) && hidden(super::paint::title_strip(rect, zoom))
        {
            out.strip_covered.insert(item.id);
        }
        // Quick to rule out: most items are too small on screen to hide anything.
        if rect.width() * rect.height() < least_cover {
            continue;
        }
        if let Some(opaque) = opaque_part(item, rect, zoom).map(|r| r.intersect(viewport))
            && opaque.is_positive()
            && opaque.area() >= least_cover
        {
            remember(&mut covers, opaque);
        }
    }
    let mut washed: Vec<Rect> = Vec::new();
    for (at, &(item, rect)) in items.iter().enumerate() {
        if !matches!(&item.kind, ItemKind::Frame(frame) if !frame.collapsed) || out.is_covered(at) {
            continue;
        }
        let body = rect.intersect(viewport);
        let layers = washed.iter().filter(|w| w.contains_rect(body)).count();
        if layers >= MOST_WASHES {
            out.unwashed.insert(item.id);
        } else if washed.len() < MOST_WASHED {
            washed.push(body);
        }
    }
    // A frame exactly under another shows only its wash: the one above draws the same border
    // and an opaque title strip in the same place. Without its wash, it shows nothing.
    let mut outlines: HashSet<[i32; 4]> = HashSet::new();
    for (at, &(item, rect)) in items.iter().enumerate().rev() {
        if !matches!(item.kind, ItemKind::Frame(_)) || out.is_covered(at) {
            continue;
        }
        let outline = [rect.min.x, rect.min.y, rect.max.x, rect.max.y].map(|v| (v * 2.0) as i32);
        if !outlines.insert(outline) && !keep(item.id) {
            out.strip_covered.insert(item.id);
            if out.unwashed.contains(&item.id) {
                out.leave_out(at);
            }
        }
    }
    // Whatever overlaps in ways the above cannot see through, a paint fills a bounded area.
    let budget = viewport.area() * MOST_VIEWPORTS;
    let mut filled = 0.0;
    for (at, &(item, rect)) in items.iter().enumerate().rev() {
        if out.is_covered(at) {
            continue;
        }
        let shown = rect.expand(SPILL).intersect(viewport);
        if !shown.is_positive() {
            continue;
        }
        if filled > budget && !keep(item.id) {
            out.leave_out(at);
            out.over_budget += 1;
            continue;
        }
        // An unwashed frame paints only its outline.
        let frame = matches!(item.kind, ItemKind::Frame(_));
        let share = if frame && out.unwashed.contains(&item.id) {
            0.1
        } else {
            1.0
        };
        filled += shown.area() * share;
    }
    out
}

impl Cover {
    fn leave_out(&mut self, at: usize) {
        if let Some(covered) = self.covered.get_mut(at) {
            *covered = true;
        }
    }

    /// Whether the item at `at` in the list painted is left out.
    pub(super) fn is_covered(&self, at: usize) -> bool {
        self.covered.get(at).copied().unwrap_or(false)
    }
}

/// Keeps `cover` among the largest [`MOST_COVERS`] rectangles.
impl super::CanvasState {
    /// Finds the items wholly covered by those drawn over them (`drawn`, bottom to top), to leave
    /// out of this paint, and says so once when the fill budget leaves some out.
    pub(super) fn find_covered(&mut self, drawn: &[(&Item, Rect)], viewport: Rect) {
        let editing = self.editing_item();
        let selected = &self.selection.items;
        self.caches.frames.cover = cover(drawn, viewport, self.view.camera.zoom, |id| {
            editing == Some(id) || selected.contains(&id)
        });
        let over_budget = self.caches.frames.cover.over_budget;
        if over_budget > 0 && over_budget != self.caches.told_over_budget {
            self.gesture.notice = Some(format!(
                "{over_budget} items under many overlapping ones are not drawn; zoom in or move \
                 the ones on top to see them"
            ));
        }
        self.caches.told_over_budget = over_budget;
    }
}

fn remember(covers: &mut Vec<Rect>, cover: Rect) {
    if !cover.is_positive() {
        return;
    }
    if covers.len() < MOST_COVERS {
        covers.push(cover);
        return;
    }
    let smallest = covers
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| a.area().total_cmp(&b.area()))
        .map(|(at, rect)| (at, rect.area()));
    if let Some((at, area)) = smallest
        && cover.area() > area
        && let Some(slot) = covers.get_mut(at)
    {
        *slot = cover;
    }
}

/// The part of `item`, drawn in `rect` at `zoom`, that is painted without a see-through pixel.
fn opaque_part(item: &Item, rect: Rect, zoom: f32) -> Option<Rect> {
    let radius = match &item.kind {
        ItemKind::Note(_) => theme::NOTE_CORNER_RADIUS * zoom,
        ItemKind::Persona(_) | ItemKind::EmpathyMap(_) => 8.0 * zoom,
        // A frame's title strip is opaque; its body is a wash.
        ItemKind::Frame(_) => {
            let strip = super::paint::title_strip(rect, zoom);
            return Some(strip.shrink((6.0 * zoom).clamp(0.0, 255.0)));
        }
        ItemKind::MapNode(_)
        | ItemKind::Rings(_)
        | ItemKind::InterestGrid
        | ItemKind::ImpactGrid
        | ItemKind::Stroke(_) => return None,
    };
    Some(rect.shrink(radius.clamp(0.0, 255.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frame, Item, ItemId, PaletteColor, Point, Size, ZKey};

    fn note(n: u64) -> Item {
        Item::note(
            ItemId::from_raw(n),
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            "",
        )
    }

    fn frame(n: u64) -> Item {
        Item::frame(
            ItemId::from_raw(n),
            Point::new(0.0, 0.0),
            Size::new(100.0, 100.0),
            ZKey::middle(),
            Frame::new("Stage", 1),
        )
    }

    #[test]
    fn items_wholly_under_an_opaque_one_are_left_out_and_the_rest_drawn() {
        let viewport = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1000.0, 800.0));
        let huge = Rect::from_min_max(egui::pos2(-5000.0, -5000.0), egui::pos2(5000.0, 5000.0));
        let small = Rect::from_min_max(egui::pos2(100.0, 100.0), egui::pos2(300.0, 300.0));
        let (a, b, c, d) = (note(1), note(2), note(3), note(4));
        // Bottom to top: a huge, b small, c huge, d small on top.
        let items = [(&a, huge), (&b, small), (&c, huge), (&d, small)];
        let cover = cover(&items, viewport, 1.0, |_| false);
        assert_eq!(cover.covered, [true, true, false, false]);
        // The item being typed into is drawn whatever covers it.
        let typing = super::cover(&items, viewport, 1.0, |id| id == b.id);
        assert_eq!(typing.covered, [true, false, false, false]);
        // A note sticking out of the one above it shows.
        let beside = small.translate(egui::vec2(150.0, 0.0));
        let items = [(&a, small), (&b, beside)];
        assert_eq!(
            super::cover(&items, viewport, 1.0, |_| false).covered,
            [false; 2]
        );
    }

    #[test]
    fn frames_and_map_nodes_let_what_is_under_them_show() {
        let viewport = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1000.0, 800.0));
        let rect = Rect::from_min_max(egui::pos2(100.0, 100.0), egui::pos2(600.0, 600.0));
        let (a, f) = (note(1), frame(2));
        let node = Item::map_node(
            ItemId::from_raw(3),
            Point::new(0.0, 0.0),
            ZKey::middle(),
            crate::model::MapNode::default(),
        );
        let items = [(&a, rect), (&f, rect), (&node, rect)];
        assert_eq!(cover(&items, viewport, 1.0, |_| false).covered, [false; 3]);
    }

    #[test]
    fn past_a_few_washes_on_one_spot_frames_are_drawn_without_theirs_or_not_at_all() {
        let viewport = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1000.0, 800.0));
        let frames: Vec<Item> = (1..=1000).map(frame).collect();
        let rect = Rect::from_min_max(egui::pos2(100.0, 100.0), egui::pos2(900.0, 700.0));
        let items: Vec<(&Item, Rect)> = frames.iter().map(|f| (f, rect)).collect();
        let selected = frames[500].id;
        let cover = cover(&items, viewport, 1.0, |id| id == selected);
        assert_eq!(cover.unwashed.len(), 1000 - MOST_WASHES);
        // The bottom ones keep theirs; above them, a frame exactly under another shows
        // nothing of its own, unless it is selected.
        let drawn: Vec<usize> = (0..1000).filter(|&n| !cover.is_covered(n)).collect();
        assert_eq!(drawn, [0, 1, 2, 3, 500, 999]);
        assert!(
            frames[..MOST_WASHES]
                .iter()
                .all(|f| !cover.unwashed.contains(&f.id))
        );
        // Title strips are opaque: only the top one is drawn.
        let strips: Vec<usize> = drawn
            .iter()
            .copied()
            .filter(|&n| !cover.strip_covered.contains(&frames[n].id))
            .collect();
        assert_eq!(strips, [500, 999]);
    }

    #[test]
    fn a_paint_fills_a_few_viewports_at_most_however_items_overlap() {
        let viewport = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1000.0, 800.0));
        let notes: Vec<Item> = (1..=100).map(note).collect();
        // Each sticks out of the one above it at the top and on the left: a sliver of every
        // one shows.
        let items: Vec<(&Item, Rect)> = notes
            .iter()
            .enumerate()
            .map(|(n, note)| {
                let at = egui::pos2(n as f32 * 5.0, n as f32 * 5.0);
                (note, Rect::from_min_size(at, egui::vec2(5000.0, 5000.0)))
            })
            .collect();
        let cover = cover(&items, viewport, 1.0, |id| id == notes[0].id);
        // The top ones (drawn last) stay, as many as fill the budget (with the last one
        // crossing it); the lower ones are left out, except the one kept.
        let drawn: Vec<usize> = (0..100).filter(|&n| !cover.is_covered(n)).collect();
        let top = 100 - (drawn.len() - 1);
        assert_eq!(drawn[0], 0, "kept");
        assert_eq!(drawn[1..], (top..100).collect::<Vec<_>>());
        assert_eq!(cover.over_budget, top - 1);
        let area = |n: usize| items[n].1.expand(SPILL).intersect(viewport).area();
        let filled: f32 = (top + 1..100).map(area).sum();
        assert!(filled <= viewport.area() * MOST_VIEWPORTS, "{filled}");
        assert!(filled + area(top) > viewport.area() * MOST_VIEWPORTS);
    }
}
