//! Notes added with `N` in a frame fill it in reading order: the first free place in rows of
//! notes under its title, left to right and top to bottom, with the frame growing by a row when
//! it is full.

use super::CanvasState;
use super::placement::NOTE_GAP;
use crate::model::{Board, Item, ItemId, Point, Rect, Size};

/// Where a note added in a frame goes, and the frame's new size when it had to grow for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct FrameSlot {
    /// The note's top-left corner.
    pub pos: Point,
    /// The frame and its new size, when it grows.
    pub grow: Option<(ItemId, Size)>,
}

impl CanvasState {
    /// The frame a note added with `N` fills: the selected frame, or the frame of the selected
    /// item (when it is open).
    pub(super) fn frame_to_fill<'b>(&self, board: &'b Board) -> Option<&'b Item> {
        let selected = board.item(self.single_selection()?)?;
        let frame = if selected.as_frame().is_some() {
            selected
        } else {
            board.frame_of(selected.id)?
        };
        frame
            .as_frame()
            .is_some_and(|frame| !frame.collapsed)
            .then_some(frame)
    }
}

/// The first free place for a note of `size` in `frame`'s rows, in reading order; or, when the
/// frame is full, the start of a new row under the last, with the frame grown to hold it.
pub(super) fn slot_in_frame(board: &Board, frame: &Item, size: Size) -> FrameSlot {
    let area = frame.rect();
    let top = frame.title_strip().max.y + NOTE_GAP;
    let left = area.min.x + NOTE_GAP;
    let step_x = size.width + NOTE_GAP;
    let step_y = size.height + NOTE_GAP;
    let columns = (((area.max.x - left) / step_x).floor() as usize).max(1);
    // Everything in the frame's way but the frame itself, the frames around it, and the
    // stakeholder rings and grids meant to be covered.
    let in_the_way: Vec<Rect> = board
        .items()
        .filter(|item| item.id != frame.id && !item.rect().encloses(area))
        .filter(|item| !item.is_backdrop() || item.as_frame().is_some())
        .map(Item::rect)
        .collect();
    let taken = |pos: Point| {
        let spot = Rect::at(pos, size);
        in_the_way.iter().any(|rect| spot.overlaps(*rect))
    };
    // Rows under everything in the way are free.
    let lowest = in_the_way.iter().map(|rect| rect.max.y).fold(top, f32::max);
    let mut row = 0.0_f32;
    loop {
        let y = top + row * step_y;
        let last = y > lowest;
        for column in 0..columns {
            let pos = Point::new(left + column as f32 * step_x, y);
            if last || !taken(pos) {
                let bottom = y + size.height + NOTE_GAP;
                let grow = (bottom > area.max.y)
                    .then(|| (frame.id, Size::new(frame.size.width, bottom - area.min.y)));
                return FrameSlot { pos, grow };
            }
        }
        row += 1.0;
    }
}
