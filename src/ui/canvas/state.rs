//! What the canvas keeps between paints: the view, the selection, the settings, the gesture in
//! progress and what it works out from the board to draw it.

use std::collections::BTreeSet;

use egui::{Rect, Vec2};

use super::{Loops, frames, guides, persona_drop, quick_create, view};
use crate::model::{Board, ConnectorId, ItemId, PaletteColor, Point, Size};
use crate::ui::camera::Camera;

/// Where the board is seen from: pan and zoom, and the part of the window the canvas fills.
#[derive(Debug)]
pub struct View {
    /// Pan and zoom.
    pub camera: Camera,
    /// The canvas on screen, as of the last paint.
    pub(super) viewport: Rect,
    /// The change of view to make at the next paint, once the canvas knows its size.
    pub(super) request: Option<view::ViewRequest>,
    /// A smooth move of the view in progress (stepping through frames).
    pub(super) glide: Option<view::Glide>,
    /// The view as the last fit of the whole board left it, while nobody has moved it since:
    /// when the canvas changes size (the window manager maximises a window just opened), the
    /// board is fitted again.
    pub(super) fitted: Option<Camera>,
    /// Whether the canvas has been painted: before the first paint its size is a guess, so the
    /// first real size does not pan the view as a resize does.
    pub(super) painted: bool,
}

impl Default for View {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            viewport: Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0)),
            request: Some(view::ViewRequest::FitBoard),
            glide: None,
            fitted: None,
            painted: false,
        }
    }
}

/// What is selected and outlined on the canvas.
#[derive(Debug, Default)]
pub struct Selection {
    /// The selected items.
    pub items: BTreeSet<ItemId>,
    /// The selected connector; only when no item is selected.
    pub connector: Option<ConnectorId>,
    /// Items outlined as search hits.
    pub highlighted: BTreeSet<ItemId>,
    /// The frame last shown by stepping through the frames in presenting order (Page Down, Page
    /// Up, the frame list). It stays selected, so the next step goes on from it and frame keys
    /// act on it, but it opens no inspector over the presentation until it is picked by hand.
    pub presenting: Option<ItemId>,
}

impl Selection {
    /// The single selected item, when it was picked by the user rather than shown by stepping
    /// through frames: what the inspector shows.
    pub fn picked(&self) -> Option<ItemId> {
        let mut iter = self.items.iter();
        match (iter.next(), iter.next()) {
            (Some(&id), None) if self.presenting != Some(id) => Some(id),
            _ => None,
        }
    }
}

/// View settings that menus and keys turn on and off one by one.
#[derive(Clone, Copy, Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches the user sets"
)]
pub struct CanvasSettings {
    /// The colour new notes get (the last colour picked in the palette).
    pub new_note_color: PaletteColor,
    /// Whether the minimap is shown in the bottom-right corner.
    pub show_minimap: bool,
    /// Whether moved and resized items snap to the grid.
    pub snap_to_grid: bool,
    /// Whether dragged items line up with the edges and centres of items around them.
    pub smart_guides: bool,
    /// How dot votes are run.
    pub votes: super::votes::VoteSettings,
    /// Whether the board is being presented: text and edges at their strongest, no dot grid.
    pub presenting: bool,
    /// Whether the dot grid is drawn (not in pictures of the board for export).
    pub dot_grid: bool,
    /// What a drag on the canvas does: select, or draw with the pen, the highlighter or the
    /// eraser.
    pub tool: super::drawing::Tool,
    /// The pen's colour.
    pub pen_color: PaletteColor,
    /// The highlighter's colour.
    pub highlighter_color: PaletteColor,
}

impl Default for CanvasSettings {
    fn default() -> Self {
        Self {
            new_note_color: PaletteColor::Yellow,
            show_minimap: false,
            snap_to_grid: false,
            smart_guides: true,
            votes: super::votes::VoteSettings::default(),
            presenting: false,
            dot_grid: true,
            tool: super::drawing::Tool::Select,
            pen_color: PaletteColor::Grey,
            highlighter_color: PaletteColor::Yellow,
        }
    }
}

/// What the pointer or the keyboard is in the middle of: a drag, typing into an item, a menu
/// or offer open on the canvas.
#[derive(Debug, Default)]
pub(super) struct GestureState {
    /// A pointer gesture: moving, resizing, connecting, a selection rectangle.
    pub(super) pointer: Option<Gesture>,
    /// An item whose text is being typed in place.
    pub(super) typing: Option<TextEditing>,
    /// Where the canvas's right-click menu was opened, on the board.
    pub(super) menu_at: Option<Point>,
    /// Where a paste chosen from that menu goes, until the clipboard's text arrives.
    pub(super) paste_at: Option<Point>,
    /// The quick-create menu of map node types, when open.
    pub(super) quick_create: Option<quick_create::QuickCreate>,
    /// A note just dropped on a persona card, waiting for a list to be chosen.
    pub(super) drop_offer: Option<persona_drop::DropOffer>,
    /// A message for the status bar.
    pub(super) notice: Option<String>,
}

/// What the canvas works out from the board to draw it.
#[derive(Debug, Default)]
pub(super) struct Caches {
    /// The board's feedback loops (kept up to date by the app).
    pub(super) loops: Loops,
    /// Persona photos as textures, within a memory budget.
    pub(super) photos: super::photo_cache::PhotoCache,
    /// How many overlapping items the status bar last said were left out of paints.
    pub(super) told_over_budget: usize,
    /// The items hidden in collapsed frames, and each frame's number in presenting order; both
    /// worked out at the start of every paint.
    pub(super) frames: FrameView,
    /// The far board as a picture (see `far.rs`).
    pub(super) far: super::far::FarPicture,
    /// The board in the minimap as a picture (see `minimap.rs`).
    pub(super) minimap: super::minimap::MinimapPicture,
    /// The smallest board text in view in the last paint, in screen points (see
    /// [`super::CanvasState::smallest_text`]).
    pub(super) smallest_text: Option<f32>,
}

/// What the canvas knows about frames while painting.
#[derive(Debug, Default)]
pub(super) struct FrameView {
    /// The items hidden in collapsed frames.
    pub(super) hidden: BTreeSet<ItemId>,
    /// What each frame's title strip says.
    pub(super) labels: std::collections::HashMap<ItemId, frames::FrameLabel>,
    /// What this paint leaves out, as nothing of it would show.
    pub(super) cover: super::cover::Cover,
    /// Where this paint draws opaque cards (notes, persona cards) above the frames, on screen:
    /// a frame's body need not be painted under them (see `frames::paint_wash`).
    pub(super) holes: Vec<Rect>,
    /// The board state `hidden` and `labels` were worked out from.
    stamp: Option<crate::model::Stamp>,
}

impl FrameView {
    /// At the start of a paint: what this paint leaves out is not known yet, and the hidden
    /// items and title strips are worked out again if the board changed since the last paint
    /// (adding up a frame's votes walks its members: every paint, that would cost a board of
    /// thousands of framed items a tenth of a millisecond whatever is in view).
    pub(super) fn refresh(&mut self, board: &Board) {
        self.cover = super::cover::Cover::default();
        self.holes.clear();
        if self.stamp != Some(board.stamp()) {
            let fresh = Self::of(board);
            self.hidden = fresh.hidden;
            self.labels = fresh.labels;
            self.stamp = Some(board.stamp());
        }
    }

    fn of(board: &Board) -> Self {
        Self {
            hidden: board.hidden_items(),
            cover: super::cover::Cover::default(),
            holes: Vec::new(),
            stamp: None,
            labels: {
                let mut numbers = board.frame_numbers();
                board
                    .frames()
                    .iter()
                    .map(|frame| {
                        let inside = if frame.as_frame().is_some_and(|f| f.collapsed) {
                            board.descendants(frame.id).len()
                        } else {
                            board.member_count(frame.id)
                        };
                        let label = frames::FrameLabel {
                            number: numbers.remove(&frame.id).unwrap_or_default(),
                            inside,
                            votes: super::votes::frame_total(board, frame.id),
                            ..frames::FrameLabel::default()
                        };
                        (frame.id, label)
                    })
                    .collect()
            },
        }
    }

    /// What the title strip of frame `id` says (nothing for other items), and which of its
    /// parts show in this paint.
    pub(super) fn label(&self, id: ItemId) -> frames::FrameLabel {
        let label = self.labels.get(&id).cloned().unwrap_or_default();
        frames::FrameLabel {
            wash: !self.cover.unwashed.contains(&id),
            strip: !self.cover.strip_covered.contains(&id),
            ..label
        }
    }
}

/// A note whose text is being typed in place.
#[derive(Debug)]
pub(super) struct TextEditing {
    pub(super) id: ItemId,
    /// Which part of the item: its text (a note's, a name, a title), or one of a persona card's
    /// fields or list entries.
    pub(super) part: super::card_entry::CardPart,
    /// `Tab` (`Some(false)`) or `Shift+Tab` (`Some(true)`) was pressed in it: typing goes on in
    /// the next or previous part of a persona card once it lets go.
    pub(super) moving: Option<bool>,
    pub(super) buffer: String,
    /// The text when typing began: what a colleague may have changed meanwhile.
    pub(super) original: String,
    /// Whether the text field has been given the keyboard yet.
    pub(super) focused_once: bool,
    /// Paints the item has been missing from the board (a new one appears one paint later).
    pub(super) paints_missing: u32,
}

/// A pointer gesture in progress.
#[derive(Debug)]
pub(super) enum Gesture {
    /// Moving the selection by this many board units: the pointer's way from `pressed_at` (where
    /// the button went down, on the board). `grabbed` is where the item under the pointer started
    /// (snapping lines it up with the grid, and the others follow).
    Move {
        pressed_at: Point,
        delta_in_board: Vec2,
        grabbed: Point,
        /// Members of moving frames that are not selected themselves: they move along.
        carried: BTreeSet<ItemId>,
        /// Lining up with the items around (smart guides).
        guides: guides::Guides,
    },
    /// Resizing one item to `size`: its size when the button went down at `pressed_at` (on the
    /// board), grown by the pointer's way from there.
    Resize {
        id: ItemId,
        size: Size,
        from: Size,
        pressed_at: Point,
    },
    /// Drawing a new connector from an item's handle; `to` is the pointer on screen.
    Connect { from: ItemId, to: egui::Pos2 },
    /// Dragging a selection rectangle from `from` to `to`; `base` was selected before and stays.
    Marquee {
        from: Point,
        to: Point,
        base: BTreeSet<ItemId>,
    },
    /// Drawing a stroke with the pen or the highlighter through `samples` (on the board).
    Draw {
        samples: Vec<crate::model::sketch::Sample>,
    },
    /// Dragging the eraser, last at `last` (on the board); the strokes it touched so far are
    /// `erased` (hidden until the button is let go, then removed).
    Erase {
        last: Point,
        erased: BTreeSet<ItemId>,
    },
}
