//! Sticky notes and persona entries changing places, each as one step with the text kept
//! exactly: a note dropped on a persona card or an empathy map becomes an entry of one of its
//! lists, and an entry dragged out becomes a note again.

use crate::edit::{Command, ListRef, ListValue};
use crate::model::{Board, Entry, EntryList, Item, ItemId, ItemKind};

/// One step: the text of `note` becomes the last entry of `list` on `target` (a persona card or
/// an empathy map), and the note goes (its connectors with it). `None` when `note` is not a
/// sticky note or `target` has no such list.
pub fn note_into_entry(
    board: &Board,
    note: ItemId,
    target: ItemId,
    list: EntryList,
) -> Option<Command> {
    let ItemKind::Note(text) = &board.item(note)?.kind else {
        return None;
    };
    let target_kind = &board.item(target)?.kind;
    if !target_kind.entry_lists().contains(&list) {
        return None;
    }
    Some(Command::Batch {
        label: "Move note into persona",
        commands: vec![
            Command::InsertInList {
                id: target,
                list: ListRef::Entries(list),
                index: target_kind.entries(list).len(),
                value: ListValue::Entry(Entry::new(text.text.clone())),
            },
            Command::RemoveItem(note),
        ],
    })
}

/// One step: entry `index` of `list` on `source` leaves it and becomes `note`, with the entry's
/// text. `None` when there is no such entry or `note` is not a sticky note.
pub fn entry_into_note(
    board: &Board,
    source: ItemId,
    list: EntryList,
    index: usize,
    mut note: Item,
) -> Option<Command> {
    let entry = board.item(source)?.kind.entries(list).get(index)?;
    let ItemKind::Note(text) = &mut note.kind else {
        return None;
    };
    text.text.clone_from(&entry.text);
    Some(Command::Batch {
        label: "Turn entry into a note",
        commands: vec![
            Command::RemoveFromList {
                id: source,
                list: ListRef::Entries(list),
                index,
            },
            Command::AddItem(Box::new(note)),
        ],
    })
}
