//! The inspector's text fields: each keeps what is typed until it lets go of the keyboard, then
//! hands back the new text (one command, so one undo step); each is named by a label beside it;
//! and a field that appears because the user added it (a list entry) takes the keyboard.

use egui::text::CCursorRange;
use egui::text_edit::TextEditState;
use egui::{Id, TextEdit, Ui};

use super::Target;
use crate::ui::widgets::{MAX_EDITABLE_BYTES, too_long_to_edit};

/// The text being typed into one inspector field, kept until the field lets go, and the field
/// to give the keyboard to when it appears.
#[derive(Debug, Default)]
pub struct InspectorState {
    typing: Option<(Target, String, String)>,
    /// The paint in which the field being typed into last had the keyboard.
    typed_in_pass: u64,
    focus_next: Option<FocusNext>,
}

/// A field about to appear (an entry just added) that takes the keyboard when it does.
#[derive(Debug)]
struct FocusNext {
    target: Target,
    field: String,
    /// Paints left before giving up (the entry may never come: the change was refused).
    paints_left: u8,
}

/// What names a text field on screen.
#[derive(Clone, Copy)]
pub(super) enum Naming<'a> {
    /// Its name, shown above it.
    Above,
    /// Labels the caller put beside it (their ids), e.g. a list's heading and an entry's number.
    By(&'a [Id]),
}

impl InspectorState {
    /// Called once per paint of the inspector: a field waited for too long stops waiting.
    pub(super) fn begin_paint(&mut self) {
        if let Some(next) = &mut self.focus_next {
            next.paints_left = next.paints_left.saturating_sub(1);
            if next.paints_left == 0 {
                self.focus_next = None;
            }
        }
    }

    /// Gives the keyboard to the field `field` of `target` when it appears, with its text
    /// selected, so typing goes into it (and never runs a single-key shortcut).
    pub(super) fn focus_when_shown(&mut self, target: Target, field: String) {
        self.focus_next = Some(FocusNext {
            target,
            field,
            paints_left: 4,
        });
    }

    /// Whether keys pressed now are typing into the inspector, not shortcuts: a field had the
    /// keyboard in the last paint (an Escape, which egui takes the keyboard away for before the
    /// field sees it, finishes the field rather than clearing the selection and losing what
    /// was typed), or a field just added is about to take it.
    pub fn has_keyboard(&self, ctx: &egui::Context) -> bool {
        let typed_last_paint =
            self.typing.is_some() && ctx.cumulative_pass_nr() <= self.typed_in_pass + 1;
        typed_last_paint || self.focus_next.is_some()
    }

    /// A text field named `field` (shown above it) bound to `current`; returns the new text
    /// once the field lets go with a changed value.
    pub(super) fn text_field(
        &mut self,
        ui: &mut Ui,
        target: Target,
        field: &str,
        current: &str,
        multiline: bool,
    ) -> Option<String> {
        self.named_field(ui, (target, field), current, Naming::Above, multiline)
    }

    /// A text field named `field` for screen readers and tests, with the visible labels that
    /// name it drawn by the caller; returns the new text once it lets go with a changed value.
    pub(super) fn named_field(
        &mut self,
        ui: &mut Ui,
        key: (Target, &str),
        current: &str,
        naming: Naming<'_>,
        multiline: bool,
    ) -> Option<String> {
        self.prompted_field(ui, key, current, naming, multiline, "")
    }

    /// [`Self::named_field`] showing `prompt` in a faint style while the field is empty (a
    /// question that helps fill it in; it is never part of the text).
    pub(super) fn prompted_field(
        &mut self,
        ui: &mut Ui,
        (target, field): (Target, &str),
        current: &str,
        naming: Naming<'_>,
        multiline: bool,
        prompt: &str,
    ) -> Option<String> {
        let above = matches!(naming, Naming::Above).then(|| ui.label(field).id);
        let labels = match naming {
            Naming::Above => above.as_slice(),
            Naming::By(ids) => ids,
        };
        if current.len() > MAX_EDITABLE_BYTES {
            ui.weak(format!(
                "Not shown for typing: {}",
                too_long_to_edit(current)
            ));
            return None;
        }
        let mine = matches!(&self.typing, Some((t, f, _)) if *t == target && f == field);
        let mut buffer = match &self.typing {
            Some((_, _, text)) if mine => text.clone(),
            _ => current.to_owned(),
        };
        let id = Id::unique(("inspector", field));
        if self
            .focus_next
            .as_ref()
            .is_some_and(|next| next.target == target && next.field == field)
        {
            // Before the field is drawn, so it takes in what is typed in this very paint.
            self.focus_next = None;
            take_keyboard(ui, id, &buffer);
        }
        let edit = if multiline {
            TextEdit::multiline(&mut buffer).desired_rows(3)
        } else {
            TextEdit::singleline(&mut buffer)
        };
        let response = ui.add(
            edit.id(id)
                .hint_text(prompt)
                .desired_width(ui.available_width()),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, field));
        for label in labels {
            // The field keeps its full name ("Needs 2: source"); the relation tells a screen
            // reader which words on screen name it.
            ui.ctx().accesskit_node_builder(id, |node| {
                node.push_labelled_by(label.accesskit_id());
            });
        }
        if response.has_focus() {
            self.typing = Some((target, field.to_owned(), buffer.clone()));
            self.typed_in_pass = ui.ctx().cumulative_pass_nr();
        }
        if response.lost_focus() {
            if mine {
                self.typing = None;
            }
            return (buffer != current).then_some(buffer);
        }
        None
    }
}

/// Gives the keyboard to the text field `id` (holding `text`), with all its text selected so
/// typing replaces a placeholder such as "New field".
fn take_keyboard(ui: &Ui, id: Id, text: &str) {
    ui.memory_mut(|memory| memory.request_focus(id));
    let mut state = TextEditState::load(ui.ctx(), id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::select_all_str(text)));
    state.store(ui.ctx(), id);
}
