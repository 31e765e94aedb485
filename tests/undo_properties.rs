//! Undo and redo, checked on random edit sequences applied through the document's one gateway
//! (with the board's rules): undoing everything gives back the original board, redoing
//! everything gives the final one, rejected commands change nothing, and every board survives a
//! save and load unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use civic_canvas::document::Document;
use civic_canvas::edit::Origin;
use civic_canvas::model::{IdGen, ItemId};
use proptest::prelude::*;

#[path = "common/actions.rs"]
mod actions;
use actions::{
    Action, action, assert_round_trips, assert_stacking_follows_items, command_for, start_board,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undo_all_restores_the_start_and_redo_all_the_end(
        start in start_board(),
        actions in prop::collection::vec(action(), 1..40),
        seed in any::<u64>(),
    ) {
        // Item id 0 is used as "missing" by the invalid batch.
        prop_assume!(start.item(ItemId::from_raw(0)).is_none());
        let mut ids = IdGen::seeded(seed);
        let mut doc = Document::loaded(start.clone(), PathBuf::from("board.ron"));
        let mut states = vec![start.clone()];
        for action in &actions {
            let Some(command) = command_for(doc.board(), action, &mut ids) else { continue };
            let before = doc.board().clone();
            let result = doc.apply(command, Origin::Local);
            if matches!(action, Action::Invalid(_)) {
                prop_assert!(result.is_err(), "{:?} was accepted", action);
                prop_assert_eq!(doc.board(), &before);
            } else {
                prop_assert!(result.is_ok(), "{:?}: {:?}", action, result);
                states.push(doc.board().clone());
            }
            assert_stacking_follows_items(doc.board())?;
        }
        let end = doc.board().clone();
        assert_round_trips(&end)?;

        // Undo step by step, through every intermediate board.
        for expected in states.iter().rev().skip(1) {
            prop_assert!(doc.undo().unwrap().is_some());
            prop_assert_eq!(doc.board(), expected);
            assert_stacking_follows_items(doc.board())?;
        }
        prop_assert!(doc.undo().unwrap().is_none());
        prop_assert_eq!(doc.board(), &start);
        assert_round_trips(doc.board())?;

        for expected in states.iter().skip(1) {
            prop_assert!(doc.redo().unwrap().is_some());
            prop_assert_eq!(doc.board(), expected);
        }
        prop_assert!(doc.redo().unwrap().is_none());
        prop_assert_eq!(doc.board(), &end);
    }
}
