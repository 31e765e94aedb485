//! Filling a persona card in on the card itself: `Enter` on a selected persona types its name;
//! then `Tab` and `Shift+Tab` go through its fields (role, age, location, …) and its lists
//! (goals, needs, pain points, behaviours: each entry, then a new one at the end), each finished
//! field one undo step, and `Enter` in a list adds the next entry. An empty field shows the
//! question that helps fill it in, which is never saved.

use egui::{Key, Ui};

use super::TextEditing;
use super::typing_merge::merge_typing;
use crate::edit::{Command, ItemField, ListRef, ListValue, PersonaField};
use crate::model::{Entry, EntryList, Item, ItemKind, Persona};

/// The part of an item being typed into in place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum CardPart {
    /// The item's own text: a note's text, a name, a title.
    #[default]
    Text,
    /// One of a persona's one-entry fields.
    Field(PersonaField),
    /// Entry `index` of one of a persona's lists; one past the last is a new entry.
    Entry(EntryList, usize),
}

impl CardPart {
    /// What the part is called above its field on the card.
    pub(super) fn name(self) -> String {
        match self {
            Self::Text => "Name".to_owned(),
            Self::Field(field) => field.name().to_owned(),
            Self::Entry(list, index) => format!("{} {}", list.name(), index + 1),
        }
    }

    /// The question the empty part asks.
    pub(super) fn prompt(self) -> &'static str {
        match self {
            Self::Text => "Name this persona…",
            Self::Field(field) => field.prompt(),
            Self::Entry(EntryList::Goals, _) => "What do they want to achieve?",
            Self::Entry(EntryList::Needs, _) => "What do they need from the service?",
            Self::Entry(EntryList::Pains, _) => "What gets in their way?",
            Self::Entry(_, _) => "How do they go about it today?",
        }
    }
}

/// Takes a `Tab` or `Shift+Tab` pressed while the persona card's field `id` has the keyboard,
/// before egui moves the keyboard to another widget with it: typing goes on in the card's next
/// (or previous) part instead. Returns whether it took one.
pub(super) fn take_tab(ui: &Ui, id: egui::Id, on_a_card: bool, editing: &mut TextEditing) -> bool {
    if !on_a_card || !ui.memory(|m| m.has_focus(id)) {
        return false;
    }
    let moving = ui.input_mut(|i| {
        if i.consume_key(egui::Modifiers::SHIFT, Key::Tab) {
            Some(true)
        } else if i.consume_key(egui::Modifiers::NONE, Key::Tab) {
            Some(false)
        } else {
            None
        }
    });
    editing.moving = moving.or(editing.moving);
    moving.is_some()
}

/// The height of the field typed into over a card, in board units.
const EDITOR_HEIGHT: f32 = 96.0;

/// The field over a persona card (`rect` on screen, at `zoom`) where one of its fields or list
/// entries is typed: the part's name above, the question it asks while empty, and how to go on.
pub(super) fn field_editor(
    ui: &mut Ui,
    painter: &egui::Painter,
    id: crate::model::ItemId,
    rect: egui::Rect,
    zoom: f32,
    editing: &mut TextEditing,
) -> egui::Response {
    // Just under the card's header, across the card.
    let top = rect.top() + rect.height().min(124.0 * zoom);
    let area = egui::Rect::from_min_size(
        egui::pos2(rect.left(), top),
        egui::vec2(
            rect.width(),
            (EDITOR_HEIGHT * zoom).min(rect.bottom() - top),
        ),
    )
    .shrink(6.0 * zoom);
    let radius = egui::CornerRadius::same((6.0 * zoom).round().clamp(0.0, 255.0) as u8);
    painter.rect(
        area,
        radius,
        egui::Color32::WHITE,
        egui::Stroke::new(2.0, crate::ui::theme::SELECTION),
        egui::StrokeKind::Outside,
    );
    let size = 18.0 * zoom;
    painter.text(
        area.left_top() + egui::vec2(8.0 * zoom, 6.0 * zoom),
        egui::Align2::LEFT_TOP,
        format!(
            "{}  ·  Tab: next, Shift+Tab: back, Enter: done",
            editing.part.name()
        ),
        egui::FontId::proportional(size * 0.8),
        crate::ui::theme::MAP_TAG_TEXT,
    );
    let field = egui::Rect::from_min_max(
        area.left_top() + egui::vec2(8.0 * zoom, 10.0 * zoom + size),
        area.right_bottom() - egui::vec2(8.0 * zoom, 6.0 * zoom),
    );
    let field_id = egui::Id::unique(("card_part", id, editing.part.name()));
    let tabbed = take_tab(ui, field_id, true, editing);
    let response = ui.put(
        field,
        egui::TextEdit::singleline(&mut editing.buffer)
            .id(field_id)
            .font(egui::FontId::proportional(size * 1.1))
            .text_color(crate::ui::theme::NOTE_TEXT)
            .frame(egui::Frame::NONE)
            .margin(egui::Margin::ZERO)
            .desired_width(field.width())
            .hint_text(editing.part.prompt()),
    );
    if tabbed {
        response.surrender_focus();
    }
    response
}

/// The text of `part` of `item` on the board now (empty for a new entry).
pub(super) fn part_text(item: &Item, part: CardPart) -> &str {
    match (part, &item.kind) {
        (CardPart::Field(field), ItemKind::Persona(persona)) => &field.of(persona).text,
        (CardPart::Entry(list, index), kind) => kind
            .entries(list)
            .get(index)
            .map_or("", |entry| entry.text.as_str()),
        _ => item.text(),
    }
}

/// The change an edit in place makes as it ends (words a colleague typed meanwhile stay, see
/// [`merge_typing`]); `None` when nothing changes.
pub(super) fn typed_change(editing: &TextEditing, item: &Item) -> Option<Command> {
    let now = part_text(item, editing.part);
    let text = merge_typing(&editing.original, &editing.buffer, now);
    let id = editing.id;
    match editing.part {
        CardPart::Text => (now != text).then_some(Command::SetText { id, text }),
        CardPart::Field(field) => (now != text).then_some(Command::SetField {
            id,
            field: ItemField::PersonaText(field, text),
        }),
        CardPart::Entry(list, index) => {
            let count = item.kind.entries(list).len();
            if index < count {
                (now != text).then_some(Command::SetField {
                    id,
                    field: ItemField::EntryText(list, index, text),
                })
            } else {
                // A new entry, when something was typed into it.
                (!text.trim().is_empty()).then(|| Command::InsertInList {
                    id,
                    list: ListRef::Entries(list),
                    index: count,
                    value: ListValue::Entry(Entry::new(text)),
                })
            }
        }
    }
}

/// Where typing goes on once the part being typed into let go of the keyboard: on a persona
/// card, `Tab` and `Shift+Tab` go to the next and previous parts, and `Enter` in a list to the
/// next entry; anything else ends typing.
pub(super) fn next_editing(ui: &Ui, item: &Item, editing: &TextEditing) -> Option<TextEditing> {
    let ItemKind::Persona(persona) = &item.kind else {
        return None;
    };
    let enter = ui.input(|i| i.key_pressed(Key::Enter));
    let next = match (editing.part, editing.moving, enter) {
        (part, Some(backwards), _) => step(persona, part, backwards, &editing.buffer)?,
        (CardPart::Entry(list, index), None, true) if !editing.buffer.trim().is_empty() => {
            CardPart::Entry(list, index + 1)
        }
        _ => return None,
    };
    let original = part_text(item, next).to_owned();
    Some(TextEditing {
        id: editing.id,
        part: next,
        moving: None,
        buffer: original.clone(),
        original,
        focused_once: false,
        paints_missing: 0,
    })
}

/// The parts of a persona card in the order `Tab` goes through them: the name, the fields, then
/// each list's entries and a new one at its end. `typed` is what was just typed into `from`, so
/// a new entry just filled counts as one.
fn parts(persona: &Persona, from: CardPart, typed: &str) -> Vec<CardPart> {
    let mut parts = vec![CardPart::Text];
    parts.extend(PersonaField::ALL.map(CardPart::Field));
    for list in EntryList::PERSONA {
        let mut count = persona.list(list).len();
        if from == CardPart::Entry(list, count) && !typed.trim().is_empty() {
            count += 1;
        }
        parts.extend((0..=count).map(|index| CardPart::Entry(list, index)));
    }
    parts
}

/// The part after (or before) `from`, wrapping round.
fn step(persona: &Persona, from: CardPart, backwards: bool, typed: &str) -> Option<CardPart> {
    let parts = parts(persona, from, typed);
    let at = parts.iter().position(|&part| part == from)?;
    let next = if backwards {
        at.checked_sub(1).unwrap_or(parts.len() - 1)
    } else {
        (at + 1) % parts.len()
    };
    parts.get(next).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_goes_from_the_name_through_the_fields_and_each_list_with_a_new_entry_at_its_end() {
        let mut persona = Persona::named("Ana");
        persona.goals.push(Entry::new("Register online"));
        let after = |from, typed: &str| step(&persona, from, false, typed);
        assert_eq!(
            after(CardPart::Text, ""),
            Some(CardPart::Field(PersonaField::ALL[0]))
        );
        let last_field = CardPart::Field(PersonaField::ALL[PersonaField::ALL.len() - 1]);
        assert_eq!(
            after(last_field, ""),
            Some(CardPart::Entry(EntryList::Goals, 0))
        );
        assert_eq!(
            after(CardPart::Entry(EntryList::Goals, 0), ""),
            Some(CardPart::Entry(EntryList::Goals, 1)),
            "then a new goal"
        );
        assert_eq!(
            after(CardPart::Entry(EntryList::Goals, 1), ""),
            Some(CardPart::Entry(EntryList::Needs, 0)),
            "an empty new goal is passed by"
        );
        assert_eq!(
            after(CardPart::Entry(EntryList::Goals, 1), "Pay online"),
            Some(CardPart::Entry(EntryList::Goals, 2)),
            "a goal just typed is followed by another new one"
        );
        assert_eq!(
            step(&persona, CardPart::Text, true, ""),
            Some(CardPart::Entry(EntryList::Behaviours, 0)),
            "Shift+Tab from the name wraps to the end"
        );
    }
}
