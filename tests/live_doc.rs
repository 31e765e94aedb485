//! The board as a shared document: what one window writes, another reads back exactly;
//! concurrent changes from two windows, exchanged in any order, merge to one board that keeps
//! both people's work where the fields differ; and updates from the network that are not
//! sound are refused without harm.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use civic_canvas::document::Document;
use civic_canvas::edit::{Command, ItemField, ListRef, ListValue, Origin, PersonaField};
use civic_canvas::live::{LiveError, MAX_UPDATE_BYTES, SharedBoard};
use civic_canvas::model::{
    Board, Connector, Entry, EntryList, Frame, IdGen, Item, ItemId, ItemKind, PaletteColor,
    Persona, Point, Portrait, StrokePoint, ZKey,
};
use civic_canvas::storage::{board_to_ron, load_board};
use proptest::prelude::*;
use yrs::{Map, MapPrelim, ReadTxn, Text, TextPrelim, Transact};

#[path = "common/actions.rs"]
mod actions;
use actions::{Action, action, assert_round_trips, assert_stacking_follows_items, command_for};

/// One window in a live session: its document (the gateway) and its copy of the shared board.
struct Window {
    doc: Document,
    shared: SharedBoard,
    outbox: Vec<Vec<u8>>,
}

impl Window {
    /// The window that starts the session with `board`.
    fn starting(board: &Board, client: u64) -> Self {
        let mut shared = SharedBoard::with_client_id(client);
        shared.write_board(board);
        Self::with(shared)
    }

    /// A window joining the session of `host`.
    fn joining(host: &Window, client: u64) -> Self {
        let mut shared = SharedBoard::with_client_id(client);
        shared.apply_remote(&host.shared.state()).unwrap();
        Self::with(shared)
    }

    fn with(shared: SharedBoard) -> Self {
        let projection = shared.project();
        Self {
            doc: Document::loaded(projection.board, PathBuf::from("board.ron")),
            shared,
            outbox: Vec::new(),
        }
    }

    /// A change made at this window: through the gateway, then into the shared board.
    fn apply(&mut self, command: Command) {
        let changed = self.doc.apply(command, Origin::Local).unwrap();
        self.write(&changed);
    }

    /// Writes a change into the shared board, which must then read back as the window's board.
    fn write(&mut self, changed: &civic_canvas::edit::Changed) {
        let label = self.doc.history().undo_label().unwrap_or("Change");
        let update = self.shared.write_step(self.doc.board(), changed, label);
        self.outbox.push(update);
        assert_eq!(
            board_to_ron(&self.shared.project().board),
            board_to_ron(self.doc.board()),
            "the shared board holds what the window holds"
        );
    }

    /// Undo while live: takes back this window's last step in the shared board, and shows the
    /// result through the gateway.
    fn undo(&mut self) {
        let update = self.shared.undo().expect("a step to undo");
        self.outbox.push(update);
        if let Some(changes) = self.shared.changes_to(self.doc.board()) {
            self.doc.apply(changes, Origin::Remote).unwrap();
        }
    }

    /// Takes in updates from colleagues and shows the merged board, through the gateway, as
    /// one change that is not in this window's undo history.
    fn receive(&mut self, updates: &[Vec<u8>]) {
        for update in updates {
            self.shared.apply_remote(update).unwrap();
        }
        let undo_before = self.doc.history().undo_label();
        if let Some(changes) = self.shared.changes_to(self.doc.board()) {
            self.doc.apply(changes, Origin::Remote).unwrap();
        }
        assert_eq!(self.doc.history().undo_label(), undo_before);
        assert_eq!(
            board_to_ron(self.doc.board()),
            board_to_ron(&self.shared.project().board),
            "the window shows what the shared board holds"
        );
    }

    fn board(&self) -> &Board {
        self.doc.board()
    }
}

/// Sends each window's waiting updates to the other.
fn exchange(a: &mut Window, b: &mut Window) {
    let from_a = std::mem::take(&mut a.outbox);
    let from_b = std::mem::take(&mut b.outbox);
    a.receive(&from_b);
    b.receive(&from_a);
}

fn note(ids: &mut IdGen, text: &str) -> Item {
    Item::note(
        ids.item_id(|_| false),
        Point::new(100.0, 100.0),
        ZKey::middle(),
        PaletteColor::Yellow,
        text,
    )
}

fn frame(ids: &mut IdGen, title: &str, x: f32) -> Item {
    let mut item = Item::note(
        ids.item_id(|_| false),
        Point::new(x, 0.0),
        ZKey::middle().after(),
        PaletteColor::White,
        "",
    );
    item.kind = ItemKind::Frame(Frame::new(title, 1));
    item.size = Item::FRAME_SIZE;
    item
}

fn board_of(items: Vec<Item>, connectors: Vec<Connector>) -> Board {
    Board::from_parts("Live", items, connectors).unwrap()
}

/// Two windows in one session on a board of `items`: the one that started it, and one that
/// joined.
fn pair(items: Vec<Item>) -> (Window, Window) {
    let a = Window::starting(&board_of(items, vec![]), 1);
    let b = Window::joining(&a, 2);
    (a, b)
}

/// A persona card whose goals are `goals`.
fn persona_with_goals(ids: &mut IdGen, goals: &[&str]) -> Item {
    let persona = Persona {
        name: "Ana, 34".into(),
        goals: goals.iter().map(|goal| Entry::new(*goal)).collect(),
        ..Persona::default()
    };
    Item::persona(
        ids.item_id(|_| false),
        Point::new(0.0, 0.0),
        ZKey::middle(),
        PaletteColor::Blue,
        persona,
    )
}

/// The texts of a persona's goals as `window` shows them.
fn goals(window: &Window, id: ItemId) -> Vec<String> {
    window
        .board()
        .item(id)
        .unwrap()
        .kind
        .entries(EntryList::Goals)
        .iter()
        .map(|entry| entry.text.clone())
        .collect()
}

#[test]
fn every_example_and_golden_board_comes_back_exactly() {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/golden/v6")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.push(PathBuf::from("saved_boards/kickoff.ron"));
    files.push(PathBuf::from("saved_boards/birth-registration-map.ron"));
    files.push(PathBuf::from("saved_boards/citizen-personas.ron"));
    for path in files {
        let board = load_board(Path::new(&path)).unwrap();
        let host = Window::starting(&board, 1);
        let guest = Window::joining(&host, 2);
        assert_eq!(board_to_ron(host.board()), board_to_ron(&board), "{path:?}");
        assert_eq!(
            board_to_ron(guest.board()),
            board_to_ron(&board),
            "{path:?}"
        );
    }
}

#[test]
fn a_move_and_a_recolour_of_one_note_both_survive() {
    let mut ids = IdGen::seeded(1);
    let item = note(&mut ids, "Residents need SMS");
    let id = item.id;
    let (mut a, mut b) = pair(vec![item]);
    a.apply(Command::MoveItem {
        id,
        to: Point::new(500.0, 40.0),
    });
    b.apply(Command::SetColor {
        id,
        color: PaletteColor::Pink,
    });
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        let merged = window.board().item(id).unwrap();
        assert_eq!(merged.pos, Point::new(500.0, 40.0));
        assert_eq!(merged.color, PaletteColor::Pink);
    }
}

#[test]
fn votes_given_at_once_by_two_people_all_count_and_a_reset_takes_them_all_away() {
    let mut ids = IdGen::seeded(5);
    let item = note(&mut ids, "One-stop shop for permits");
    let id = item.id;
    let (mut a, mut b) = pair(vec![item]);
    let vote = |voter: &str, count: u32| Command::SetField {
        id,
        field: ItemField::Votes(voter.to_owned(), count),
    };
    a.apply(vote("facilitator", 2));
    b.apply(vote("Ана", 1));
    exchange(&mut a, &mut b);
    let votes = |window: &Window| match &window.board().item(id).unwrap().kind {
        ItemKind::Note(note) => note.votes.clone(),
        other => panic!("{other:?}"),
    };
    let both = [("facilitator".to_owned(), 2), ("Ана".to_owned(), 1)].into();
    assert_eq!(votes(&a), both);
    assert_eq!(votes(&b), both);
    // A reset writes the note without votes: every voter's count goes, for both windows.
    a.apply(Command::Batch {
        label: "Reset votes",
        commands: vec![vote("facilitator", 0), vote("Ана", 0)],
    });
    exchange(&mut a, &mut b);
    assert!(votes(&a).is_empty());
    assert!(votes(&b).is_empty());
}

#[test]
fn a_portrait_drawn_by_one_reaches_the_other_with_a_role_typed_at_once_and_undo_clears_it() {
    let mut ids = IdGen::seeded(6);
    let card = persona_with_goals(&mut ids, &[]);
    let id = card.id;
    let (mut a, mut b) = pair(vec![card]);
    let drawn = Portrait::new([
        vec![
            StrokePoint::rounded(30.0, 60.0, Some(0.4)),
            StrokePoint::rounded(70.0, 60.0, None),
        ],
        vec![StrokePoint::rounded(40.0, 40.0, None)],
    ]);
    a.apply(Command::SetField {
        id,
        field: ItemField::Portrait(drawn.clone()),
    });
    b.apply(Command::SetField {
        id,
        field: ItemField::PersonaText(PersonaField::Role, "Nurse".into()),
    });
    exchange(&mut a, &mut b);
    let persona = |window: &Window| match &window.board().item(id).unwrap().kind {
        ItemKind::Persona(persona) => (**persona).clone(),
        other => panic!("{other:?}"),
    };
    for window in [&a, &b] {
        assert_eq!(persona(window).portrait, drawn);
        assert_eq!(persona(window).role.text, "Nurse");
    }
    assert_eq!(a.doc.history().undo_label(), Some("Draw portrait"));
    let undone = a.doc.undo().unwrap().unwrap();
    a.write(&undone);
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        assert!(persona(window).portrait.is_empty());
        assert_eq!(
            persona(window).role.text,
            "Nurse",
            "the colleague's change stays"
        );
    }
}

#[test]
fn undo_takes_back_my_change_and_keeps_a_colleagues_change_to_the_same_note() {
    let mut ids = IdGen::seeded(11);
    let item = note(&mut ids, "Residents need SMS");
    let (id, start) = (item.id, item.pos);
    let (mut a, mut b) = pair(vec![item]);
    a.apply(Command::MoveItem {
        id,
        to: Point::new(800.0, 300.0),
    });
    exchange(&mut a, &mut b);
    b.apply(Command::SetColor {
        id,
        color: PaletteColor::Pink,
    });
    b.apply(Command::SetText {
        id,
        text: "Residents need SMS updates".into(),
    });
    exchange(&mut a, &mut b);
    assert_eq!(
        a.doc.history().undo_label(),
        Some("Move"),
        "only my own step"
    );
    let undone = a.doc.undo().unwrap().unwrap();
    a.write(&undone);
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        let merged = window.board().item(id).unwrap();
        assert_eq!(merged.pos, start);
        assert_eq!(merged.color, PaletteColor::Pink);
        assert_eq!(merged.text(), "Residents need SMS updates");
    }
    assert_eq!(b.doc.history().undo_label(), Some("Edit text"));
}

#[test]
fn undo_while_live_takes_back_my_words_and_keeps_a_colleagues_in_the_same_note() {
    let mut ids = IdGen::seeded(12);
    let item = note(&mut ids, "Residents need SMS");
    let id = item.id;
    let (mut a, mut b) = pair(vec![item]);
    a.apply(Command::SetText {
        id,
        text: "Residents really need SMS".into(),
    });
    exchange(&mut a, &mut b);
    b.apply(Command::SetText {
        id,
        text: "Residents really need SMS updates".into(),
    });
    exchange(&mut a, &mut b);
    assert_eq!(a.shared.undo_label(), Some("Edit text"));
    a.undo();
    assert_eq!(a.shared.redo_label(), Some("Edit text"));
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        let text = window.board().item(id).unwrap().text().to_owned();
        assert_eq!(text, "Residents need SMS updates");
    }
    assert_eq!(
        b.shared.undo_label(),
        Some("Edit text"),
        "b's own step is still b's"
    );
}

#[test]
fn two_people_typing_in_one_note_keep_both_their_words() {
    let mut ids = IdGen::seeded(2);
    let item = note(&mut ids, "Residents need SMS");
    let id = item.id;
    let (mut a, mut b) = pair(vec![item]);
    a.apply(Command::SetText {
        id,
        text: "Residents really need SMS".into(),
    });
    b.apply(Command::SetText {
        id,
        text: "Residents need SMS updates".into(),
    });
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        let merged = window.board().item(id).unwrap();
        assert_eq!(merged.text(), "Residents really need SMS updates");
    }
}

#[test]
fn a_note_moved_by_one_and_deleted_by_the_other_is_gone_for_both() {
    let mut ids = IdGen::seeded(3);
    let item = note(&mut ids, "Old idea");
    let id = item.id;
    let (mut a, mut b) = pair(vec![item]);
    a.apply(Command::MoveItem {
        id,
        to: Point::new(10.0, 10.0),
    });
    b.apply(Command::delete_items(&[id]));
    exchange(&mut a, &mut b);
    assert!(a.board().item(id).is_none());
    assert!(b.board().item(id).is_none());
}

#[test]
fn a_connector_to_a_note_a_colleague_deleted_is_hidden_and_kept() {
    let mut ids = IdGen::seeded(4);
    let (first, second) = (note(&mut ids, "Cause"), note(&mut ids, "Effect"));
    let (from, to) = (first.id, second.id);
    let deleted = second.clone();
    let (mut a, mut b) = pair(vec![first, second]);
    a.apply(Command::delete_items(&[to]));
    let link = Connector::new(ids.connector_id(|_| false), from, to);
    let link_id = link.id;
    b.apply(Command::AddConnector(Box::new(link)));
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        assert!(window.board().item(to).is_none());
        assert!(window.board().connector(link_id).is_none(), "hidden");
        let projection = window.shared.project();
        assert!(
            projection
                .notes
                .iter()
                .any(|note| note.contains(&link_id.to_string())),
            "{:?}",
            projection.notes
        );
    }
    // The connector is still in the shared board: when the note comes back (a colleague's
    // undo, say), so does the line.
    let mut board = a.board().clone();
    civic_canvas::edit::apply(
        &mut board,
        Command::AddItem(Box::new(deleted)),
        Origin::Local,
    )
    .unwrap();
    let changed = civic_canvas::edit::Changed {
        items: [to].into(),
        ..Default::default()
    };
    a.shared.write_changes(&board, &changed);
    assert!(a.shared.project().board.connector(link_id).is_some());
}

#[test]
fn a_note_put_in_two_frames_at_once_ends_in_the_same_one_for_both() {
    let mut ids = IdGen::seeded(5);
    let (left, right) = (
        frame(&mut ids, "Ideation", 0.0),
        frame(&mut ids, "Solutions", 2000.0),
    );
    let item = note(&mut ids, "Shared idea");
    let (id, left_id, right_id) = (item.id, left.id, right.id);
    let (mut a, mut b) = pair(vec![left, right, item]);
    a.apply(Command::SetParent {
        id,
        frame: Some(left_id),
    });
    b.apply(Command::SetParent {
        id,
        frame: Some(right_id),
    });
    exchange(&mut a, &mut b);
    let parent = a.board().item(id).unwrap().parent;
    assert!(parent == Some(left_id) || parent == Some(right_id));
    assert_eq!(b.board().item(id).unwrap().parent, parent);
}

#[test]
fn a_persona_entry_removed_by_one_and_entries_added_by_both_all_merge() {
    let mut ids = IdGen::seeded(9);
    let item = persona_with_goals(&mut ids, &["Register a birth", "Skip the queue"]);
    let id = item.id;
    let list = ListRef::Entries(EntryList::Goals);
    let (mut a, mut b) = pair(vec![item]);
    a.apply(Command::RemoveFromList { id, list, index: 0 });
    a.apply(Command::InsertInList {
        id,
        list,
        index: 1,
        value: ListValue::Entry(Entry::new("Pay online")),
    });
    b.apply(Command::InsertInList {
        id,
        list,
        index: 0,
        value: ListValue::Entry(Entry::new("Know the documents needed")),
    });
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        assert_eq!(
            goals(window, id),
            ["Know the documents needed", "Skip the queue", "Pay online"]
        );
    }
}

#[test]
fn an_entry_moved_by_one_and_edited_by_the_other_is_moved_with_the_edit() {
    let mut ids = IdGen::seeded(10);
    let item = persona_with_goals(
        &mut ids,
        &["Register a birth", "Skip the queue", "Pay online"],
    );
    let id = item.id;
    let (mut a, mut b) = pair(vec![item]);
    a.apply(Command::MoveInList {
        id,
        list: ListRef::Entries(EntryList::Goals),
        from: 0,
        to: 2,
    });
    b.apply(Command::SetField {
        id,
        field: ItemField::EntryText(EntryList::Goals, 0, "Register a birth online".into()),
    });
    exchange(&mut a, &mut b);
    for window in [&a, &b] {
        assert_eq!(
            goals(window, id),
            ["Skip the queue", "Pay online", "Register a birth online"]
        );
    }
}

#[test]
fn a_local_change_writes_only_what_it_changed() {
    let mut ids = IdGen::seeded(6);
    let item = note(
        &mut ids,
        "A long note about the registry office opening hours",
    );
    let id = item.id;
    let mut a = Window::starting(&board_of(vec![item], vec![]), 1);
    a.apply(Command::SetText {
        id,
        text: "A long note about the registry office opening hours!".into(),
    });
    let typed = a.outbox.pop().unwrap();
    a.apply(Command::MoveItem {
        id,
        to: Point::new(3.0, 4.0),
    });
    let moved = a.outbox.pop().unwrap();
    // One character typed, or two numbers moved, is a few dozen bytes, not the note again.
    assert!(typed.len() < 40, "{} bytes", typed.len());
    assert!(moved.len() < 60, "{} bytes", moved.len());
    let unchanged = civic_canvas::edit::Changed {
        items: [id].into(),
        ..Default::default()
    };
    let nothing = a.shared.write_changes(a.doc.board(), &unchanged);
    let mut empty = SharedBoard::new();
    let before = board_to_ron(&empty.project().board);
    empty.apply_remote(&nothing).unwrap();
    assert_eq!(
        board_to_ron(&empty.project().board),
        before,
        "wrote nothing"
    );
}

#[test]
fn updates_that_are_not_sound_are_refused_and_change_nothing() {
    let mut ids = IdGen::seeded(7);
    let mut a = Window::starting(&board_of(vec![note(&mut ids, "Kept")], vec![]), 1);
    let before = board_to_ron(&a.shared.project().board);
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    for len in [0, 1, 2, 5, 17, 64, 300] {
        let garbage: Vec<u8> = (0..len)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng as u8
            })
            .collect();
        // Either refused with a message or harmless; never a panic.
        if let Err(error) = a.shared.apply_remote(&garbage) {
            assert!(error.to_string().contains("refused"), "{error}");
        }
    }
    let huge = vec![0u8; MAX_UPDATE_BYTES + 1];
    assert!(matches!(
        a.shared.apply_remote(&huge),
        Err(LiveError::TooLarge(_))
    ));
    assert_eq!(board_to_ron(&a.shared.project().board), before);
}

#[test]
fn notes_written_by_another_yjs_client_in_the_documented_shape_appear() {
    // What a participant's browser page writes: a map under `items`, keyed by a new id.
    let other = yrs::Doc::new();
    {
        let items = other.get_or_insert_map("items");
        let mut txn = other.transact_mut();
        let note = items.insert(&mut txn, "00000000000000ab", MapPrelim::default());
        note.insert(&mut txn, "kind", "Note");
        note.insert(&mut txn, "x", 40.0);
        note.insert(&mut txn, "y", 60.0);
        note.insert(&mut txn, "w", 240.0);
        note.insert(&mut txn, "h", 200.0);
        note.insert(&mut txn, "z", "a5");
        note.insert(&mut txn, "color", "Green");
        let text = note.insert(&mut txn, "text", TextPrelim::new("Queue numbers by SMS"));
        text.push(&mut txn, " please");
    }
    {
        // And one that cannot be drawn where it is: shown at the nearest place that can be (0
        // for a number that is not one) and at the usual size; the shared board keeps it as it is.
        let items = other.get_or_insert_map("items");
        let mut txn = other.transact_mut();
        let broken = items.insert(&mut txn, "00000000000000cd", MapPrelim::default());
        for (key, value) in [
            ("x", f64::NAN),
            ("y", 1e12),
            ("w", -5.0),
            ("h", f64::INFINITY),
        ] {
            broken.insert(&mut txn, key, value);
        }
        broken.insert(&mut txn, "kind", "Note");
        broken.insert(&mut txn, "z", "a6");
        broken.insert(&mut txn, "color", "Pink");
    }
    let update = other
        .transact()
        .encode_state_as_update_v1(&yrs::StateVector::default());
    let mut ids = IdGen::seeded(8);
    let mut a = Window::starting(&board_of(vec![note(&mut ids, "Ours")], vec![]), 1);
    a.receive(&[update]);
    let theirs = a.board().item(ItemId::from_raw(0xab)).unwrap();
    assert_eq!(theirs.text(), "Queue numbers by SMS please");
    assert_eq!(theirs.color, PaletteColor::Green);
    let broken = a.board().item(ItemId::from_raw(0xcd)).unwrap();
    assert_eq!(
        broken.pos,
        Point::new(0.0, civic_canvas::model::MAX_COORDINATE)
    );
    assert_eq!(broken.size, Item::NOTE_SIZE);
    assert_eq!(a.board().items().len(), 3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Two windows edit at once, rounds of several changes each, and exchange their updates in a
    /// shuffled order (some twice): after every exchange they show the same board, a board that
    /// saves and loads unchanged. After each change, the window's shared board reads back
    /// exactly what its own gateway holds (see `Window::write`).
    #[test]
    fn two_windows_editing_at_once_converge(
        start in actions::start_board(),
        rounds in prop::collection::vec(
            (prop::collection::vec(action(), 0..5), prop::collection::vec(action(), 0..5)),
            1..5,
        ),
        seed in any::<u64>(),
    ) {
        prop_assume!(start.item(ItemId::from_raw(0)).is_none());
        let mut ids = IdGen::seeded(seed);
        let mut a = Window::starting(&start, 1);
        let mut b = Window::joining(&a, 2);
        prop_assert_eq!(board_to_ron(a.board()), board_to_ron(&start));
        prop_assert_eq!(board_to_ron(b.board()), board_to_ron(&start));
        let mut shuffle = seed | 1;
        for (for_a, for_b) in &rounds {
            for (window, actions) in [(&mut a, for_a), (&mut b, for_b)] {
                for action in actions {
                    if matches!(action, Action::Invalid(_)) {
                        continue;
                    }
                    let Some(command) = command_for(window.board(), action, &mut ids) else {
                        continue;
                    };
                    if let Ok(changed) = window.doc.apply(command, Origin::Local) {
                        window.write(&changed);
                    }
                }
            }
            // Deliver in a shuffled order, with the first update sent twice.
            let mut from_a = std::mem::take(&mut a.outbox);
            let mut from_b = std::mem::take(&mut b.outbox);
            for list in [&mut from_a, &mut from_b] {
                for i in (1..list.len()).rev() {
                    shuffle ^= shuffle << 13;
                    shuffle ^= shuffle >> 7;
                    shuffle ^= shuffle << 17;
                    list.swap(i, (shuffle % (i as u64 + 1)) as usize);
                }
                if let Some(first) = list.first().cloned() {
                    list.push(first);
                }
            }
            a.receive(&from_b);
            b.receive(&from_a);
            prop_assert_eq!(board_to_ron(a.board()), board_to_ron(b.board()));
            assert_round_trips(a.board())?;
            assert_stacking_follows_items(a.board())?;
        }
    }
}
