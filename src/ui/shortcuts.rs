//! The one table of keyboard shortcuts. Input handling, menus, tooltips and the shortcut sheet (F1)
//! all read it, so they cannot disagree.

use std::fmt::Write as _;

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can ask the app to do, from a menu, a button or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start a new, empty board.
    NewBoard,
    /// Open a board file.
    Open,
    /// Save the board to its file.
    Save,
    /// Save the board to a new file.
    SaveAs,
    /// Close the app.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Add a sticky note in the middle of the view.
    NewNote,
    /// Edit the selected note's text.
    EditText,
    /// Delete the selection.
    Delete,
    /// Clear the selection.
    Deselect,
    /// Fit all items in the view.
    ZoomToFit,
    /// Zoom in one step.
    ZoomIn,
    /// Zoom out one step.
    ZoomOut,
    /// Zoom to 100%.
    ActualSize,
    /// Show the keyboard shortcut sheet.
    ShowShortcuts,
}

/// Where a shortcut is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Always, even while typing in a note (the note's text is kept first).
    Anywhere,
    /// Only when no text field has the keyboard (so typing never triggers it).
    Canvas,
}

/// A key combination bound to an action.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// What it does.
    pub action: Action,
    /// The keys.
    pub shortcut: KeyboardShortcut,
    /// Where it is active.
    pub scope: Scope,
}

const fn bind(action: Action, modifiers: Modifiers, key: Key, scope: Scope) -> Binding {
    Binding {
        action,
        shortcut: KeyboardShortcut::new(modifiers, key),
        scope,
    }
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

/// Every shortcut. More specific combinations come first (Ctrl+Shift+S before Ctrl+S), because
/// egui matches extra Shift loosely.
pub const BINDINGS: &[Binding] = &[
    bind(Action::SaveAs, CMD_SHIFT, Key::S, Scope::Anywhere),
    bind(Action::Save, CMD, Key::S, Scope::Anywhere),
    bind(Action::NewBoard, CMD, Key::N, Scope::Anywhere),
    bind(Action::Open, CMD, Key::O, Scope::Anywhere),
    bind(Action::Quit, CMD, Key::Q, Scope::Anywhere),
    bind(Action::Redo, CMD_SHIFT, Key::Z, Scope::Canvas),
    bind(Action::Undo, CMD, Key::Z, Scope::Canvas),
    bind(Action::Redo, CMD, Key::Y, Scope::Canvas),
    bind(Action::ZoomToFit, CMD, Key::Num0, Scope::Anywhere),
    bind(Action::ZoomIn, CMD, Key::Equals, Scope::Anywhere),
    bind(Action::ZoomIn, CMD, Key::Plus, Scope::Anywhere),
    bind(Action::ZoomOut, CMD, Key::Minus, Scope::Anywhere),
    bind(Action::ActualSize, CMD, Key::Num1, Scope::Anywhere),
    bind(Action::NewNote, NONE, Key::N, Scope::Canvas),
    bind(Action::EditText, NONE, Key::Enter, Scope::Canvas),
    bind(Action::Delete, NONE, Key::Delete, Scope::Canvas),
    bind(Action::Delete, NONE, Key::Backspace, Scope::Canvas),
    bind(Action::Deselect, NONE, Key::Escape, Scope::Canvas),
    bind(Action::ShowShortcuts, NONE, Key::F1, Scope::Anywhere),
];

impl Action {
    /// Every action, in the order the shortcut sheet lists them.
    pub const ALL: [Self; 16] = [
        Self::NewBoard,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::NewNote,
        Self::EditText,
        Self::Delete,
        Self::Deselect,
        Self::ZoomToFit,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ActualSize,
        Self::ShowShortcuts,
    ];

    /// The name on menus and buttons (sentence case; "…" when it opens a dialog).
    pub const fn label(self) -> &'static str {
        match self {
            Self::NewBoard => "New board",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::NewNote => "Sticky note",
            Self::EditText => "Edit text",
            Self::Delete => "Delete",
            Self::Deselect => "Clear selection",
            Self::ZoomToFit => "Zoom to fit",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ActualSize => "Zoom to 100%",
            Self::ShowShortcuts => "Keyboard shortcuts",
        }
    }

    /// A sentence saying what the action does, for tooltips and the shortcut sheet.
    pub const fn description(self) -> &'static str {
        match self {
            Self::NewBoard => "Start a new, empty board",
            Self::Open => "Open a board file",
            Self::Save => "Save the board to its file",
            Self::SaveAs => "Save the board to a new file",
            Self::Quit => "Close Civic Canvas",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the last undone change",
            Self::NewNote => {
                "Add a sticky note beside the selected one (or mid-view) and start typing"
            }
            Self::EditText => "Edit the text of the selected note",
            Self::Delete => "Delete the selected notes",
            Self::Deselect => "Clear the selection (while typing: finish editing)",
            Self::ZoomToFit => "Show every item on the board",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ActualSize => "Zoom to 100%",
            Self::ShowShortcuts => "Show this list of shortcuts",
        }
    }

    /// The action's key combinations.
    pub fn bindings(self) -> impl Iterator<Item = &'static Binding> {
        BINDINGS
            .iter()
            .filter(move |binding| binding.action == self)
    }

    /// The action's shortcuts as text, e.g. "Ctrl+Y or Ctrl+Shift+Z".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.bindings()
            .map(|binding| ctx.format_shortcut(&binding.shortcut))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// The first shortcut as text (for menu entries), or empty.
    pub fn first_shortcut_text(self, ctx: &egui::Context) -> String {
        self.bindings()
            .next()
            .map(|binding| ctx.format_shortcut(&binding.shortcut))
            .unwrap_or_default()
    }

    /// Tooltip text: the description and the shortcut.
    pub fn tooltip(self, ctx: &egui::Context) -> String {
        let keys = self.shortcut_text(ctx);
        if keys.is_empty() {
            self.description().to_owned()
        } else {
            format!("{} ({keys})", self.description())
        }
    }
}

/// The shortcut table as Markdown (as on Linux and Windows), for the README.
///
/// A test checks that the README holds exactly this table, so the documentation cannot drift
/// from the keys the app really uses.
pub fn markdown_table() -> String {
    let mut table = String::from("| Action | Keys | What it does |\n|---|---|---|\n");
    for action in Action::ALL {
        let keys: Vec<String> = action
            .bindings()
            .map(|binding| {
                format!(
                    "`{}`",
                    binding.shortcut.format(&egui::ModifierNames::NAMES, false)
                )
            })
            .collect();
        // Writing into a String cannot fail.
        let _infallible = writeln!(
            table,
            "| {} | {} | {} |",
            action.label(),
            keys.join(" or "),
            action.description()
        );
    }
    table
}

/// The actions whose shortcuts were pressed this frame; their key presses are consumed.
///
/// `typing` is true while a text field has the keyboard: then only [`Scope::Anywhere`] bindings
/// fire.
pub fn pressed_actions(ctx: &egui::Context, typing: bool) -> Vec<Action> {
    ctx.input_mut(|input| {
        BINDINGS
            .iter()
            .filter(|binding| !typing || binding.scope == Scope::Anywhere)
            .filter(|binding| input.consume_shortcut(&binding.shortcut))
            .map(|binding| binding.action)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once() {
        for (i, action) in Action::ALL.iter().enumerate() {
            assert!(
                !Action::ALL.iter().skip(i + 1).any(|a| a == action),
                "{action:?}"
            );
        }
    }

    #[test]
    fn no_two_bindings_share_keys() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in BINDINGS.iter().skip(i + 1) {
                assert_ne!(a.shortcut, b.shortcut, "{:?} and {:?}", a.action, b.action);
            }
        }
    }

    #[test]
    fn shift_variants_come_before_their_plain_forms() {
        // egui ignores an extra Shift when matching, so Ctrl+Shift+X must be tried first.
        for (i, plain) in BINDINGS.iter().enumerate() {
            let shifted = BINDINGS.iter().position(|b| {
                b.shortcut.logical_key == plain.shortcut.logical_key
                    && b.shortcut.modifiers == plain.shortcut.modifiers.plus(Modifiers::SHIFT)
                    && !plain.shortcut.modifiers.shift
            });
            if let Some(shifted) = shifted {
                assert!(
                    shifted < i,
                    "{:?} must come after its Shift variant",
                    plain.action
                );
            }
        }
    }
}
