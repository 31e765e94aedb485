//! The Arrange menu's actions on the selection: align, distribute and grid (see
//! [`crate::edit::rules::arrange`]).

use super::CanvasState;
use crate::edit::Command;
use crate::edit::rules::arrange::{Arrangement, arrange_items};
use crate::model::{Board, ItemId};
use crate::ui::shortcuts::Action;

/// The arrangement an action asks for, if it is one of the Arrange actions.
pub fn arrangement_for(action: Action) -> Option<Arrangement> {
    Some(match action {
        Action::AlignLeft => Arrangement::AlignLeft,
        Action::AlignRight => Arrangement::AlignRight,
        Action::AlignTop => Arrangement::AlignTop,
        Action::AlignBottom => Arrangement::AlignBottom,
        Action::AlignCentres => Arrangement::AlignCentres,
        Action::AlignMiddles => Arrangement::AlignMiddles,
        Action::DistributeHorizontally => Arrangement::DistributeHorizontally,
        Action::DistributeVertically => Arrangement::DistributeVertically,
        Action::ArrangeGrid => Arrangement::Grid,
        _ => return None,
    })
}

impl CanvasState {
    /// The selection arranged `how`, as one step.
    pub fn arrange_selection(&self, board: &Board, how: Arrangement) -> Option<Command> {
        let ids: Vec<ItemId> = self.selection.items.iter().copied().collect();
        arrange_items(board, &ids, how)
    }
}
