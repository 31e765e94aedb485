//! Dot voting: the facilitator's votes from the keyboard (`+` and `-` on the selected notes),
//! the votes drawn on notes as dots with a count, hidden until revealed, the ranking of a
//! stage's notes, and *Sort by votes* and *Reset votes* for a frame.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, vec2};

use crate::edit::{Command, ItemField};
use crate::live::Voting;
use crate::model::{Board, Item, ItemId, ItemKind, Note};

/// How votes are run in this window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VoteSettings {
    /// Whether the counts are hidden (on the board and on participants' pages) until revealed,
    /// so early votes do not sway later ones.
    pub hidden: bool,
    /// Whether participants may vote from the participant page (while live).
    pub open: bool,
    /// How many votes each participant may give, over all notes.
    pub budget: u32,
}

impl Default for VoteSettings {
    fn default() -> Self {
        Self {
            hidden: false,
            open: false,
            budget: 5,
        }
    }
}

impl VoteSettings {
    /// What participants are told about voting, while they may vote.
    pub fn shared(&self) -> Option<Voting> {
        self.open.then_some(Voting {
            budget: self.budget,
            hidden: self.hidden,
        })
    }
}

/// The votes a note has from everyone (0 for anything else).
pub fn votes_of(item: &Item) -> u32 {
    match &item.kind {
        ItemKind::Note(note) => note.total_votes(),
        _ => 0,
    }
}

/// The facilitator's vote change on the selected notes (`+1` or `-1` each), as one step; `None`
/// when no selected note can take it (nothing selected, no votes to take away, or at most).
pub fn vote(
    board: &Board,
    selected: impl IntoIterator<Item = ItemId>,
    up: bool,
) -> Option<Command> {
    let commands: Vec<Command> = selected
        .into_iter()
        .filter_map(|id| {
            let ItemKind::Note(note) = &board.item(id)?.kind else {
                return None;
            };
            let mine = note.votes.get(Note::FACILITATOR).copied().unwrap_or(0);
            let count = if up {
                (mine < Note::MAX_VOTES).then_some(mine + 1)?
            } else {
                mine.checked_sub(1)?
            };
            Some(Command::SetField {
                id,
                field: ItemField::Votes(Note::FACILITATOR.to_owned(), count),
            })
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch {
        label: if up { "Vote" } else { "Take back a vote" },
        commands,
    })
}

/// The notes inside `frame` (in it or in a cluster inside it), or on the whole board when
/// `frame` is `None`, most votes first (ties in reading order: top to bottom, left to right).
pub fn ranked(board: &Board, frame: Option<ItemId>) -> Vec<(&Item, u32)> {
    let inside = |item: &Item| {
        frame.is_none_or(|frame| {
            let mut parent = item.parent;
            while let Some(id) = parent {
                if id == frame {
                    return true;
                }
                parent = board.item(id).and_then(|p| p.parent);
            }
            false
        })
    };
    let mut notes: Vec<(&Item, u32)> = board
        .items()
        .filter(|item| matches!(item.kind, ItemKind::Note(_)) && inside(item))
        .map(|item| (item, votes_of(item)))
        .collect();
    notes.sort_by(|(a, va), (b, vb)| {
        vb.cmp(va)
            .then(a.pos.y.total_cmp(&b.pos.y))
            .then(a.pos.x.total_cmp(&b.pos.x))
            .then(a.id.cmp(&b.id))
    });
    notes
}

/// Takes every vote away from the notes inside `frame`, as one step; `None` when they have none.
pub fn reset(board: &Board, frame: ItemId) -> Option<Command> {
    let commands: Vec<Command> = ranked(board, Some(frame))
        .into_iter()
        .filter_map(|(item, _)| match &item.kind {
            ItemKind::Note(note) => Some((item.id, note)),
            _ => None,
        })
        .flat_map(|(id, note)| {
            note.votes.keys().map(move |voter| Command::SetField {
                id,
                field: ItemField::Votes(voter.clone(), 0),
            })
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch {
        label: "Reset votes",
        commands,
    })
}

/// The votes of the notes inside `frame`.
pub fn frame_total(board: &Board, frame: ItemId) -> u32 {
    board
        .members(frame)
        .map(|item| {
            if item.as_frame().is_some() {
                frame_total(board, item.id)
            } else {
                votes_of(item)
            }
        })
        .fold(0, u32::saturating_add)
}

/// The dots' colour: a deep blue that reads on every note colour and in a compressed video.
const DOT: Color32 = Color32::from_rgb(0x1f, 0x3a, 0x93);
/// The most dots drawn on a note; the count says the rest.
const MOST_DOTS: u32 = 10;

/// Paints a note's votes in its bottom-left corner: a dot per vote (up to ten) and the count.
pub fn paint_dots(painter: &Painter, rect: Rect, zoom: f32, votes: u32) {
    if votes == 0 {
        return;
    }
    let radius = 8.0 * zoom;
    if radius < 1.5 {
        return;
    }
    let gap = radius * 0.8;
    let start = Pos2::new(
        rect.left() + 10.0 * zoom + radius,
        rect.bottom() - 10.0 * zoom - radius,
    );
    let mut at = start;
    for _ in 0..votes.min(MOST_DOTS) {
        painter.circle(at, radius, DOT, Stroke::new(1.0, Color32::WHITE));
        at += vec2(radius * 2.0 + gap, 0.0);
    }
    let size = 22.0 * zoom;
    if size >= crate::ui::theme::MIN_READABLE_TEXT_PX {
        painter.text(
            at + vec2(radius * 0.2, 0.0),
            Align2::LEFT_CENTER,
            votes.to_string(),
            FontId::proportional(size),
            DOT,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frame, IdGen, PaletteColor, Point, Size, ZKey};

    fn board() -> (Board, Vec<ItemId>, ItemId) {
        let mut ids = IdGen::seeded(4);
        let frame = Item::frame(
            ids.item_id(|_| false),
            Point::new(0.0, 0.0),
            Size::new(2000.0, 1000.0),
            ZKey::middle(),
            Frame::new("Consolidation", 1),
        );
        let frame_id = frame.id;
        let mut items = vec![frame];
        let mut notes = Vec::new();
        for (n, votes) in [1_u32, 3, 0, 3].into_iter().enumerate() {
            let mut item = Item::note(
                ids.item_id(|_| false),
                Point::new(50.0 + 300.0 * n as f32, 100.0),
                ZKey::middle(),
                PaletteColor::Yellow,
                "",
            );
            item.parent = Some(frame_id);
            if let ItemKind::Note(note) = &mut item.kind
                && votes > 0
            {
                note.votes.insert("Ana".into(), votes);
            }
            notes.push(item.id);
            items.push(item);
        }
        (
            Board::from_parts("Votes", items, []).unwrap(),
            notes,
            frame_id,
        )
    }

    #[test]
    fn notes_rank_by_votes_then_in_reading_order() {
        let (board, notes, frame) = board();
        let order: Vec<ItemId> = ranked(&board, Some(frame))
            .into_iter()
            .map(|(item, _)| item.id)
            .collect();
        assert_eq!(order, [notes[1], notes[3], notes[0], notes[2]]);
        assert_eq!(frame_total(&board, frame), 7);
    }

    #[test]
    fn a_vote_down_needs_a_vote_of_the_facilitator_and_reset_clears_every_voter() {
        let (board, notes, frame) = board();
        assert!(
            vote(&board, [notes[0]], false).is_none(),
            "Ana's votes are hers"
        );
        assert!(vote(&board, [notes[0], notes[2]], true).is_some());
        let Some(Command::Batch { commands, .. }) = reset(&board, frame) else {
            panic!("votes to reset");
        };
        assert_eq!(commands.len(), 3);
    }
}
