//! The one table of keyboard shortcuts. Input handling, menus, tooltips and the shortcut sheet (F1)
//! all read it, so they cannot disagree.

use std::fmt::Write as _;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::PaletteColor;

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
    /// Start a new board from a workshop template.
    NewFromTemplate,
    /// Save the board as a template of one's own.
    SaveAsTemplate,
    /// Write the workshop report (Markdown).
    ExportReport,
    /// Write the board as a JSON Canvas.
    ExportCanvas,
    /// Write a picture (PNG, SVG) or a PDF handout of the board.
    ExportPicture,
    /// Add everything on another board to this one.
    ImportBoard,
    /// Add notes from a spreadsheet or a text file.
    Import,
    /// Copy chosen personas in from another board.
    InsertPersona,
    /// Share the board live through a relay, so colleagues can edit it at once.
    StartLiveSession,
    /// Join a colleague's live session from its link.
    JoinLiveSession,
    /// Stop sharing the board live; the board stays open.
    LeaveLiveSession,
    /// Move everyone's view in the live session to this window's.
    BringEveryoneToMe,
    /// Close the app.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Copy the selection to the clipboard.
    Copy,
    /// Copy the selection to the clipboard and delete it.
    Cut,
    /// Paste items (or one note per line of text) from the clipboard.
    Paste,
    /// Copy the selection next to itself.
    Duplicate,
    /// Select every item.
    SelectAll,
    /// Open the find bar.
    Find,
    /// Go to the next search hit.
    FindNext,
    /// Go to the previous search hit.
    FindPrevious,
    /// Add a sticky note in the middle of the view.
    NewNote,
    /// Add a note to the right of the selected one, connected to it.
    NewConnectedNote,
    /// Add a persona card and start typing its name.
    NewPersona,
    /// Add an empathy map (for the selected persona, if one is selected).
    NewEmpathyMap,
    /// Draw with the pen (or go back to selecting).
    Pen,
    /// Draw with the highlighter (or go back to selecting).
    Highlighter,
    /// Erase strokes (or go back to selecting).
    Eraser,
    /// Choose a photo for the selected persona.
    ChoosePhoto,
    /// Draw a portrait for the selected persona card.
    DrawPortrait,
    /// Choose a map node type at the pointer and add a node of it.
    NewMapNode,
    /// Put a frame around the selection (or an empty one mid-view) and name it.
    NewFrame,
    /// Collapse the selected frames to their titles, or open them.
    ToggleCollapse,
    /// Select and show the next frame in presenting order.
    NextFrame,
    /// Select and show the previous frame in presenting order.
    PreviousFrame,
    /// Connect the two selected items.
    Connect,
    /// Edit the selected note's text.
    EditText,
    /// Delete the selection.
    Delete,
    /// Clear the selection.
    Deselect,
    /// Select the next item in reading order.
    NextItem,
    /// Select the previous item in reading order.
    PreviousItem,
    /// Move the selection a little left.
    NudgeLeft,
    /// Move the selection a little right.
    NudgeRight,
    /// Move the selection a little up.
    NudgeUp,
    /// Move the selection a little down.
    NudgeDown,
    /// Move the selection a long way left.
    NudgeLeftFar,
    /// Move the selection a long way right.
    NudgeRightFar,
    /// Move the selection a long way up.
    NudgeUpFar,
    /// Move the selection a long way down.
    NudgeDownFar,
    /// Line up the left edges of the selection.
    AlignLeft,
    /// Line up the right edges of the selection.
    AlignRight,
    /// Line up the top edges of the selection.
    AlignTop,
    /// Line up the bottom edges of the selection.
    AlignBottom,
    /// Put the selection on one vertical line.
    AlignCentres,
    /// Put the selection on one horizontal line.
    AlignMiddles,
    /// Space the selection evenly from left to right.
    DistributeHorizontally,
    /// Space the selection evenly from top to bottom.
    DistributeVertically,
    /// Arrange the selection in a tidy grid.
    ArrangeGrid,
    /// Lay out the selected frame's items in a grid inside it.
    TidyFrame,
    /// A frame around the selected notes, inside their stage, with them tidied in it.
    Cluster,
    /// Give the selected notes a vote each (the facilitator's).
    VoteUp,
    /// Take back one of the facilitator's votes from each selected note.
    VoteDown,
    /// Show or hide the votes panel.
    ToggleVotes,
    /// Hide the vote counts, or reveal them.
    HideVotes,
    /// Lay out the stage's notes in the order of their votes.
    SortByVotes,
    /// Take every vote away from the stage's notes.
    ResetVotes,
    /// Stack the selection above everything.
    BringToFront,
    /// Stack the selection below everything.
    SendToBack,
    /// Give the selected items this palette colour (the new-note colour stays as it is).
    Recolor(PaletteColor),
    /// Fit all items in the view.
    ZoomToFit,
    /// Zoom in until the smallest text in view can be read in a video call.
    ZoomToReadable,
    /// Fit the selection in the view.
    ZoomToSelection,
    /// Zoom in one step.
    ZoomIn,
    /// Zoom out one step.
    ZoomOut,
    /// Zoom to 100%.
    ActualSize,
    /// Show or hide the minimap.
    ToggleMinimap,
    /// Show or hide the workshop timer.
    ToggleTimer,
    /// Present the board: no menus or panels, stage by stage.
    Present,
    /// Show or hide the stage bar: the stage's title, prompt and time left.
    ToggleStageBar,
    /// Turn the laser pointer on or off.
    ToggleLaser,
    /// Turn the spotlight on or off.
    ToggleSpotlight,
    /// Show or hide the map key: node types in use and feedback loops.
    ToggleMapKey,
    /// Show or hide the persona gallery.
    TogglePersonaGallery,
    /// Show or hide the list of frames.
    ToggleFrameList,
    /// Show or hide the inspector beside the canvas.
    ToggleInspector,
    /// Turn snapping to the grid on or off.
    ToggleSnap,
    /// Turn smart guides on or off.
    ToggleGuides,
    /// Show the keyboard shortcut sheet.
    ShowShortcuts,
    /// Open the first menu of the menu bar, to go on with the arrow keys.
    OpenMenuBar,
}

/// Where a shortcut is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Always, even while typing in a note (the note's text is kept first).
    Anywhere,
    /// Only when no text field has the keyboard (so typing never triggers it).
    Canvas,
    /// Delivered by the system as a clipboard event (copy, cut, paste), not as a key press;
    /// listed here so menus and the shortcut sheet show it.
    Clipboard,
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

const fn recolor(color: PaletteColor, digit: Key) -> Binding {
    bind(Action::Recolor(color), ALT, digit, Scope::Canvas)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

/// Every shortcut. More specific combinations come first (Ctrl+Shift+S before Ctrl+S), because
/// egui matches extra Shift loosely.
pub const BINDINGS: &[Binding] = &[
    bind(Action::SaveAs, CMD_SHIFT, Key::S, Scope::Anywhere),
    bind(Action::ExportPicture, CMD_SHIFT, Key::E, Scope::Anywhere),
    bind(Action::Save, CMD, Key::S, Scope::Anywhere),
    bind(Action::NewBoard, CMD, Key::N, Scope::Anywhere),
    bind(Action::Open, CMD, Key::O, Scope::Anywhere),
    bind(Action::Quit, CMD, Key::Q, Scope::Anywhere),
    bind(Action::Redo, CMD_SHIFT, Key::Z, Scope::Canvas),
    bind(Action::Undo, CMD, Key::Z, Scope::Canvas),
    bind(Action::Redo, CMD, Key::Y, Scope::Canvas),
    bind(Action::Copy, CMD, Key::C, Scope::Clipboard),
    bind(Action::Cut, CMD, Key::X, Scope::Clipboard),
    bind(Action::Paste, CMD, Key::V, Scope::Clipboard),
    bind(Action::Duplicate, CMD, Key::D, Scope::Canvas),
    bind(Action::SelectAll, CMD, Key::A, Scope::Canvas),
    bind(Action::Find, CMD, Key::F, Scope::Anywhere),
    bind(Action::FindPrevious, SHIFT, Key::F3, Scope::Anywhere),
    bind(Action::FindNext, NONE, Key::F3, Scope::Anywhere),
    bind(Action::ZoomToFit, CMD, Key::Num0, Scope::Anywhere),
    bind(Action::ZoomToFit, SHIFT, Key::Num1, Scope::Canvas),
    bind(Action::ZoomToSelection, SHIFT, Key::Num2, Scope::Canvas),
    bind(Action::ZoomIn, CMD, Key::Equals, Scope::Anywhere),
    bind(Action::ZoomIn, CMD, Key::Plus, Scope::Anywhere),
    bind(Action::ZoomOut, CMD, Key::Minus, Scope::Anywhere),
    bind(Action::ActualSize, CMD, Key::Num1, Scope::Anywhere),
    bind(
        Action::DistributeHorizontally,
        ALT_SHIFT,
        Key::H,
        Scope::Canvas,
    ),
    bind(
        Action::DistributeVertically,
        ALT_SHIFT,
        Key::V,
        Scope::Canvas,
    ),
    bind(Action::AlignLeft, ALT, Key::A, Scope::Canvas),
    bind(Action::AlignRight, ALT, Key::D, Scope::Canvas),
    bind(Action::AlignTop, ALT, Key::W, Scope::Canvas),
    bind(Action::AlignBottom, ALT, Key::S, Scope::Canvas),
    bind(Action::AlignCentres, ALT, Key::H, Scope::Canvas),
    bind(Action::AlignMiddles, ALT, Key::V, Scope::Canvas),
    bind(Action::ArrangeGrid, ALT, Key::G, Scope::Canvas),
    bind(Action::TidyFrame, ALT, Key::T, Scope::Canvas),
    bind(Action::Cluster, NONE, Key::K, Scope::Canvas),
    bind(Action::BringToFront, CMD, Key::CloseBracket, Scope::Canvas),
    bind(Action::SendToBack, CMD, Key::OpenBracket, Scope::Canvas),
    // Alt and a digit: the palette's colours in toolbar order, Alt+0 the tenth.
    recolor(PaletteColor::Yellow, Key::Num1),
    recolor(PaletteColor::Orange, Key::Num2),
    recolor(PaletteColor::Red, Key::Num3),
    recolor(PaletteColor::Pink, Key::Num4),
    recolor(PaletteColor::Purple, Key::Num5),
    recolor(PaletteColor::Blue, Key::Num6),
    recolor(PaletteColor::Teal, Key::Num7),
    recolor(PaletteColor::Green, Key::Num8),
    recolor(PaletteColor::Grey, Key::Num9),
    recolor(PaletteColor::White, Key::Num0),
    bind(Action::NewConnectedNote, CMD, Key::Enter, Scope::Canvas),
    bind(Action::NewMapNode, SHIFT, Key::N, Scope::Canvas),
    bind(Action::TogglePersonaGallery, SHIFT, Key::P, Scope::Canvas),
    bind(Action::ToggleFrameList, SHIFT, Key::F, Scope::Canvas),
    bind(Action::ToggleInspector, CMD, Key::I, Scope::Canvas),
    bind(Action::ToggleCollapse, SHIFT, Key::C, Scope::Canvas),
    bind(Action::NewFrame, NONE, Key::F, Scope::Canvas),
    bind(Action::NextFrame, NONE, Key::PageDown, Scope::Canvas),
    bind(Action::PreviousFrame, NONE, Key::PageUp, Scope::Canvas),
    bind(Action::NewPersona, NONE, Key::P, Scope::Canvas),
    bind(Action::NewEmpathyMap, NONE, Key::E, Scope::Canvas),
    bind(Action::Pen, NONE, Key::D, Scope::Canvas),
    bind(Action::Highlighter, NONE, Key::H, Scope::Canvas),
    bind(Action::Eraser, NONE, Key::X, Scope::Canvas),
    bind(Action::NewNote, NONE, Key::N, Scope::Canvas),
    bind(Action::Connect, NONE, Key::C, Scope::Canvas),
    bind(Action::EditText, NONE, Key::Enter, Scope::Canvas),
    bind(Action::Delete, NONE, Key::Delete, Scope::Canvas),
    bind(Action::Delete, NONE, Key::Backspace, Scope::Canvas),
    bind(Action::Deselect, NONE, Key::Escape, Scope::Canvas),
    bind(Action::PreviousItem, SHIFT, Key::Tab, Scope::Canvas),
    bind(Action::NextItem, NONE, Key::Tab, Scope::Canvas),
    bind(Action::NudgeLeftFar, SHIFT, Key::ArrowLeft, Scope::Canvas),
    bind(Action::NudgeRightFar, SHIFT, Key::ArrowRight, Scope::Canvas),
    bind(Action::NudgeUpFar, SHIFT, Key::ArrowUp, Scope::Canvas),
    bind(Action::NudgeDownFar, SHIFT, Key::ArrowDown, Scope::Canvas),
    bind(Action::NudgeLeft, NONE, Key::ArrowLeft, Scope::Canvas),
    bind(Action::NudgeRight, NONE, Key::ArrowRight, Scope::Canvas),
    bind(Action::NudgeUp, NONE, Key::ArrowUp, Scope::Canvas),
    bind(Action::NudgeDown, NONE, Key::ArrowDown, Scope::Canvas),
    bind(Action::ToggleMinimap, NONE, Key::M, Scope::Canvas),
    bind(Action::ToggleTimer, NONE, Key::T, Scope::Canvas),
    bind(Action::ToggleStageBar, NONE, Key::B, Scope::Canvas),
    bind(Action::ToggleVotes, SHIFT, Key::V, Scope::Canvas),
    bind(Action::HideVotes, SHIFT, Key::R, Scope::Canvas),
    bind(Action::VoteUp, NONE, Key::Plus, Scope::Canvas),
    bind(Action::VoteUp, NONE, Key::Equals, Scope::Canvas),
    bind(Action::VoteDown, NONE, Key::Minus, Scope::Canvas),
    bind(Action::Present, NONE, Key::F5, Scope::Anywhere),
    bind(Action::ToggleLaser, SHIFT, Key::L, Scope::Canvas),
    bind(Action::ToggleSpotlight, NONE, Key::S, Scope::Canvas),
    bind(Action::ToggleMapKey, NONE, Key::L, Scope::Canvas),
    bind(Action::ToggleGuides, SHIFT, Key::G, Scope::Canvas),
    bind(Action::ToggleSnap, NONE, Key::G, Scope::Canvas),
    bind(Action::ShowShortcuts, NONE, Key::F1, Scope::Anywhere),
    bind(Action::OpenMenuBar, NONE, Key::F10, Scope::Anywhere),
];

impl Action {
    /// Every action, in the order the shortcut sheet lists them.
    pub const ALL: [Self; 104] = [
        Self::NewBoard,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::NewFromTemplate,
        Self::SaveAsTemplate,
        Self::ExportReport,
        Self::ExportCanvas,
        Self::ExportPicture,
        Self::ImportBoard,
        Self::Import,
        Self::InsertPersona,
        Self::StartLiveSession,
        Self::JoinLiveSession,
        Self::LeaveLiveSession,
        Self::BringEveryoneToMe,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Copy,
        Self::Cut,
        Self::Paste,
        Self::Duplicate,
        Self::SelectAll,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::NewNote,
        Self::NewConnectedNote,
        Self::NewPersona,
        Self::NewEmpathyMap,
        Self::Pen,
        Self::Highlighter,
        Self::Eraser,
        Self::ChoosePhoto,
        Self::DrawPortrait,
        Self::NewMapNode,
        Self::NewFrame,
        Self::ToggleCollapse,
        Self::NextFrame,
        Self::PreviousFrame,
        Self::Connect,
        Self::EditText,
        Self::Delete,
        Self::Deselect,
        Self::NextItem,
        Self::PreviousItem,
        Self::NudgeLeft,
        Self::NudgeRight,
        Self::NudgeUp,
        Self::NudgeDown,
        Self::NudgeLeftFar,
        Self::NudgeRightFar,
        Self::NudgeUpFar,
        Self::NudgeDownFar,
        Self::AlignLeft,
        Self::AlignRight,
        Self::AlignTop,
        Self::AlignBottom,
        Self::AlignCentres,
        Self::AlignMiddles,
        Self::DistributeHorizontally,
        Self::DistributeVertically,
        Self::ArrangeGrid,
        Self::TidyFrame,
        Self::Cluster,
        Self::VoteUp,
        Self::VoteDown,
        Self::ToggleVotes,
        Self::HideVotes,
        Self::SortByVotes,
        Self::ResetVotes,
        Self::BringToFront,
        Self::SendToBack,
        Self::Recolor(PaletteColor::Yellow),
        Self::Recolor(PaletteColor::Orange),
        Self::Recolor(PaletteColor::Red),
        Self::Recolor(PaletteColor::Pink),
        Self::Recolor(PaletteColor::Purple),
        Self::Recolor(PaletteColor::Blue),
        Self::Recolor(PaletteColor::Teal),
        Self::Recolor(PaletteColor::Green),
        Self::Recolor(PaletteColor::Grey),
        Self::Recolor(PaletteColor::White),
        Self::ZoomToFit,
        Self::ZoomToReadable,
        Self::ZoomToSelection,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ActualSize,
        Self::ToggleMinimap,
        Self::ToggleTimer,
        Self::Present,
        Self::ToggleStageBar,
        Self::ToggleLaser,
        Self::ToggleSpotlight,
        Self::ToggleMapKey,
        Self::TogglePersonaGallery,
        Self::ToggleFrameList,
        Self::ToggleInspector,
        Self::ToggleSnap,
        Self::ToggleGuides,
        Self::ShowShortcuts,
        Self::OpenMenuBar,
    ];

    /// The align, distribute and grid actions, in the order the Arrange menus list them.
    pub const ARRANGE: &'static [Self] = &[
        Self::AlignLeft,
        Self::AlignCentres,
        Self::AlignRight,
        Self::AlignTop,
        Self::AlignMiddles,
        Self::AlignBottom,
        Self::DistributeHorizontally,
        Self::DistributeVertically,
        Self::ArrangeGrid,
    ];

    /// The name on menus and buttons (sentence case; "…" when it opens a dialog).
    pub const fn label(self) -> &'static str {
        match self {
            Self::NewBoard => "New board",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::NewFromTemplate => "New from template…",
            Self::SaveAsTemplate => "Save as template…",
            Self::ExportReport => "Export report…",
            Self::ExportCanvas => "Export JSON Canvas…",
            Self::ExportPicture => "Export picture or handout…",
            Self::ImportBoard => "Import board…",
            Self::Import => "Import…",
            Self::InsertPersona => "Insert persona from file…",
            Self::StartLiveSession => "Start live session…",
            Self::JoinLiveSession => "Join live session…",
            Self::LeaveLiveSession => "Leave live session",
            Self::BringEveryoneToMe => "Bring everyone to me",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::ToggleSnap => "Snap to grid",
            Self::ToggleGuides => "Smart guides",
            Self::ToggleMinimap => "Minimap",
            Self::ToggleTimer => "Timer",
            Self::Present => "Present",
            Self::ToggleStageBar => "Stage bar",
            Self::ToggleLaser => "Laser pointer",
            Self::ToggleSpotlight => "Spotlight",
            Self::ToggleMapKey => "Map key",
            Self::TogglePersonaGallery => "Persona gallery",
            Self::ToggleFrameList => "Agenda",
            Self::ToggleInspector => "Inspector",
            Self::NewFrame => "Frame",
            Self::ToggleCollapse => "Collapse or expand frame",
            Self::NextFrame => "Next frame",
            Self::PreviousFrame => "Previous frame",
            Self::NewPersona => "Persona card",
            Self::NewEmpathyMap => "Empathy map",
            Self::Pen => "Pen",
            Self::Highlighter => "Highlighter",
            Self::Eraser => "Eraser",
            Self::ChoosePhoto => "Choose photo…",
            Self::DrawPortrait => "Draw portrait…",
            Self::NewMapNode => "Map node…",
            Self::Connect => "Connect",
            Self::ArrangeGrid => "Arrange as grid",
            Self::TidyFrame => "Tidy frame",
            Self::Cluster => "Cluster",
            Self::VoteUp => "Vote",
            Self::VoteDown => "Take back a vote",
            Self::ToggleVotes => "Votes",
            Self::HideVotes => "Hide or reveal votes",
            Self::SortByVotes => "Sort by votes",
            Self::ResetVotes => "Reset votes",
            Self::DistributeVertically => "Distribute vertically",
            Self::DistributeHorizontally => "Distribute horizontally",
            Self::AlignMiddles => "Align middles",
            Self::AlignCentres => "Align centres",
            Self::AlignBottom => "Align bottom",
            Self::AlignTop => "Align top",
            Self::AlignRight => "Align right",
            Self::AlignLeft => "Align left",
            Self::Find => "Find…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::ZoomToSelection => "Zoom to selection",
            Self::SendToBack => "Send to back",
            Self::BringToFront => "Bring to front",
            Self::Recolor(color) => color.label(),
            Self::NudgeDownFar => "Move far down",
            Self::NudgeUpFar => "Move far up",
            Self::NudgeRightFar => "Move far right",
            Self::NudgeLeftFar => "Move far left",
            Self::NudgeDown => "Move down",
            Self::NudgeUp => "Move up",
            Self::NudgeRight => "Move right",
            Self::NudgeLeft => "Move left",
            Self::PreviousItem => "Previous item",
            Self::NextItem => "Next item",
            Self::NewConnectedNote => "Connected item",
            Self::SelectAll => "Select all",
            Self::Duplicate => "Duplicate",
            Self::Paste => "Paste",
            Self::Cut => "Cut",
            Self::Copy => "Copy",
            Self::NewNote => "Sticky note",
            Self::EditText => "Edit text",
            Self::Delete => "Delete",
            Self::Deselect => "Clear selection",
            Self::ZoomToFit => "Zoom to fit",
            Self::ZoomToReadable => "Zoom to readable",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ActualSize => "Zoom to 100%",
            Self::ShowShortcuts => "Keyboard shortcuts",
            Self::OpenMenuBar => "Menu bar",
        }
    }

    /// A sentence saying what the action does, for tooltips and the shortcut sheet.
    #[expect(
        clippy::too_many_lines,
        reason = "one sentence per action, nothing else"
    )]
    pub const fn description(self) -> &'static str {
        match self {
            Self::NewBoard => "Start a new, empty board",
            Self::NewFromTemplate => {
                "Start a new board from a workshop template, its stages set up with prompts and \
                 time boxes"
            }
            Self::SaveAsTemplate => {
                "Save this board as a template of your own, offered in New from template"
            }
            Self::InsertPersona => {
                "Copy chosen personas (with their photos and empathy maps) in from another board \
                 file, such as one a colleague sketched offline"
            }
            Self::Import => {
                "Add notes from a spreadsheet saved as CSV (a column of ideas, with colours and \
                 groups if it has them) or from a text file, one note per line"
            }
            Self::ImportBoard => {
                "Add everything on another board (personas a colleague sketched, say) beside \
                 what is here, as one undo step"
            }
            Self::ExportPicture => {
                "Write a picture of the board, the selection or a frame (PNG or SVG, as on screen \
                 at 100%), or a PDF handout: a title page, then frames, the board or personas"
            }
            Self::ExportCanvas => {
                "Write the board as a JSON Canvas, the open format Obsidian Canvas and other \
                 tools read (notes, frames and connectors; see the README for what it leaves out)"
            }
            Self::ExportReport => {
                "Write the workshop report: stages with prompts, time boxes, votes and notes, \
                 personas, stakeholders and feedback loops, as a Markdown file"
            }
            Self::Open => "Open a board file",
            Self::Save => "Save the board to its file",
            Self::SaveAs => "Save the board to a new file",
            Self::StartLiveSession => {
                "Share this board through a relay: colleagues with the link edit it with you, live"
            }
            Self::JoinLiveSession => "Open a board a colleague is sharing, from the link they sent",
            Self::LeaveLiveSession => "Stop sharing: the board stays open here, as it is now",
            Self::BringEveryoneToMe => {
                "Move everyone's view to yours: they follow it until they move their own view"
            }
            Self::Quit => "Close Civic Canvas",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the last undone change",
            Self::ToggleSnap => "Turn snapping to the grid on or off for moving and resizing",
            Self::ToggleGuides => {
                "Turn on or off lining up dragged items with the edges and centres of items nearby"
            }
            Self::ToggleMinimap => "Show or hide the map of the whole board; click it to go there",
            Self::ToggleLaser => "Leave a short fading red trail where the pointer goes",
            Self::ToggleSpotlight => {
                "Dim everything but the selection (or, with nothing selected, the stage shown)"
            }
            Self::Present => {
                "Show the board alone, stage by stage: Page Down for the next; Esc stops presenting"
            }
            Self::ToggleTimer => {
                "Show or hide the workshop timer: start, pause, a minute more or less, reset"
            }
            Self::ToggleStageBar => {
                "Show or hide the stage bar: the stage's title, prompt and time left; Page Down \
                 then starts each stage's time box on the timer"
            }
            Self::ToggleMapKey => {
                "Show or hide the map key: the node types on the board and its feedback loops"
            }
            Self::TogglePersonaGallery => {
                "Show or hide the list of persona cards; click one to go to it"
            }
            Self::ToggleFrameList => {
                "Show or hide the agenda: the frames in presenting order with the stages' time \
                 boxes and their total, to go to, reorder or collapse"
            }
            Self::ToggleInspector => {
                "Show or hide the inspector: the details of the selected node, persona, frame or \
                 connector, beside the canvas"
            }
            Self::NewFrame => {
                "Put a frame around the selected items (or an empty one mid-view) and name it"
            }
            Self::ToggleCollapse => {
                "Collapse the selected frame to its title (hiding what is inside), or open it"
            }
            Self::NextFrame => {
                "Go to the next stage (a frame not inside another) in presenting order"
            }
            Self::PreviousFrame => "Go to the previous stage in presenting order",
            Self::DrawPortrait => {
                "Draw a face for the selected persona with the mouse or a pen, shown in its card's \
                 circle in place of the initials (a photo still comes first)"
            }
            Self::ChoosePhoto => {
                "Give the selected persona a photo (PNG, JPEG, WebP or GIF); or drop one on its card"
            }
            Self::NewEmpathyMap => {
                "Add an empathy map: for the selected persona (beside it), or on its own mid-view"
            }
            Self::NewPersona => "Add a persona card beside the selection (or mid-view) and name it",
            Self::Pen => {
                "Draw on the board with the pen, in the colour picked in the toolbar (Escape to \
                 select again)"
            }
            Self::Highlighter => {
                "Highlight on the board: a wide see-through line, under notes' text (Escape to \
                 select again)"
            }
            Self::Eraser => "Drag across strokes to remove them (Escape to select again)",
            Self::NewMapNode => "Choose a map node type at the pointer (keys 1–8) and add a node",
            Self::Connect => "Connect the two selected items with an arrow",
            Self::ArrangeGrid => "Arrange the selection in a tidy grid",
            Self::TidyFrame => {
                "Lay out the selected frame's items in a grid inside it (the frame grows if need be)"
            }
            Self::Cluster => {
                "Put a frame around the selected notes (inside their stage) and tidy them in it; \
                 name it as you type"
            }
            Self::VoteUp => "Give each selected note a vote (yours, as the facilitator)",
            Self::VoteDown => "Take back one of your votes from each selected note",
            Self::ToggleVotes => {
                "Show or hide the votes panel: the stage's notes ranked by votes, and voting for \
                 participants"
            }
            Self::HideVotes => {
                "Hide the vote counts on the board and on participants' pages, so early votes do \
                 not sway later ones; again to reveal them"
            }
            Self::SortByVotes => {
                "Lay out the stage's notes (or the selected frame's) with the most votes first"
            }
            Self::ResetVotes => {
                "Take every vote away from the stage's notes (or the selected frame's)"
            }
            Self::DistributeVertically => "Space the selection evenly from top to bottom",
            Self::DistributeHorizontally => "Space the selection evenly from left to right",
            Self::AlignMiddles => "Put the selection on one horizontal line",
            Self::AlignCentres => "Put the selection on one vertical line",
            Self::AlignBottom => "Line up the bottom edges of the selection",
            Self::AlignTop => "Line up the top edges of the selection",
            Self::AlignRight => "Line up the right edges of the selection",
            Self::AlignLeft => "Line up the left edges of the selection",
            Self::Find => "Find text on notes and connectors",
            Self::FindNext => "Show the next search hit",
            Self::FindPrevious => "Show the previous search hit",
            Self::ZoomToSelection => "Fit the selected items in the view",
            Self::SendToBack => "Stack the selection below every other item",
            Self::BringToFront => "Stack the selection above every other item",
            Self::Recolor(color) => recolor_description(color),
            Self::NudgeDownFar => "Move the selection 100 units down",
            Self::NudgeUpFar => "Move the selection 100 units up",
            Self::NudgeRightFar => "Move the selection 100 units right",
            Self::NudgeLeftFar => "Move the selection 100 units left",
            Self::NudgeDown => "Move the selection 10 units down",
            Self::NudgeUp => "Move the selection 10 units up",
            Self::NudgeRight => "Move the selection 10 units right",
            Self::NudgeLeft => "Move the selection 10 units left",
            Self::PreviousItem => "Select the previous item in reading order",
            Self::NextItem => "Select the next item in reading order",
            Self::NewConnectedNote => {
                "Add a note (or a node of the same type) right of the selected one, connected to it"
            }
            Self::SelectAll => "Select every item on the board",
            Self::Duplicate => "Copy the selection next to itself",
            Self::Paste => "Paste items, or one note per line of text, at the pointer",
            Self::Cut => "Copy the selection to the clipboard and delete it",
            Self::Copy => "Copy the selection to the clipboard",
            Self::NewNote => {
                "Add a sticky note beside the selected one (or mid-view) and start typing"
            }
            Self::EditText => "Edit the text of the selected note or the name of the selected node",
            Self::Delete => "Delete the selected items (with their connectors) or connector",
            Self::Deselect => "Clear the selection (while typing: finish editing)",
            Self::ZoomToFit => "Show every item on the board",
            Self::ZoomToReadable => {
                "Zoom in until the smallest text in view can be read in a video call"
            }
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ActualSize => "Zoom to 100%",
            Self::ShowShortcuts => "Show this list of shortcuts",
            Self::OpenMenuBar => {
                "Open the File menu: arrow keys move through entries and menus, Enter chooses, \
                 Escape closes"
            }
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
            .map(|binding| format_shortcut(&binding.shortcut, is_mac(ctx)))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// The first shortcut as text (for menu entries), or empty.
    pub fn first_shortcut_text(self, ctx: &egui::Context) -> String {
        self.bindings()
            .next()
            .map(|binding| format_shortcut(&binding.shortcut, is_mac(ctx)))
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

/// What recolouring with `color` does, in words.
const fn recolor_description(color: PaletteColor) -> &'static str {
    match color {
        PaletteColor::Yellow => "Colour the selection yellow",
        PaletteColor::Orange => "Colour the selection orange",
        PaletteColor::Red => "Colour the selection red",
        PaletteColor::Pink => "Colour the selection pink",
        PaletteColor::Purple => "Colour the selection purple",
        PaletteColor::Blue => "Colour the selection blue",
        PaletteColor::Teal => "Colour the selection teal",
        PaletteColor::Green => "Colour the selection green",
        PaletteColor::Grey => "Colour the selection grey",
        PaletteColor::White => "Colour the selection white",
    }
}

fn is_mac(ctx: &egui::Context) -> bool {
    ctx.os() == egui::os::OperatingSystem::Mac
}

/// A shortcut as people write it: "Ctrl+Shift+S", "Ctrl+]" (egui would say `CloseBracket`).
pub fn format_shortcut(shortcut: &KeyboardShortcut, is_mac: bool) -> String {
    let modifiers = egui::ModifierNames::NAMES.format(&shortcut.modifiers, is_mac);
    let key = match shortcut.logical_key {
        Key::OpenBracket => "[",
        Key::CloseBracket => "]",
        Key::Equals => "=",
        Key::Plus => "+",
        Key::Minus => "-",
        other => other.name(),
    };
    if modifiers.is_empty() {
        key.to_owned()
    } else {
        format!("{modifiers}+{key}")
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
            .map(|binding| format!("`{}`", format_shortcut(&binding.shortcut, false)))
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

/// The actions whose shortcuts were pressed since the last paint; their key presses are consumed.
///
/// `typing` is true while a text field has the keyboard: then only [`Scope::Anywhere`] bindings
/// fire.
pub fn pressed_actions(ctx: &egui::Context, typing: bool) -> Vec<Action> {
    ctx.input_mut(|input| {
        BINDINGS
            .iter()
            .filter(|binding| binding.scope != Scope::Clipboard)
            .filter(|binding| !typing || binding.scope == Scope::Anywhere)
            .filter(|binding| consume(input, binding.shortcut))
            .map(|binding| binding.action)
            .collect()
    })
}

/// Whether `shortcut` was pressed (the press is then used up). A digit is matched by the key's
/// place on the keyboard too: with Shift, `1` is `!` on a US layout and `2` is `"` on German,
/// Serbian or Ukrainian ones, and on AZERTY the digits themselves need Shift.
fn consume(input: &mut egui::InputState, shortcut: KeyboardShortcut) -> bool {
    let wanted = shortcut.logical_key;
    let digit = wanted.name().len() == 1 && wanted.name().bytes().all(|b| b.is_ascii_digit());
    let mut found = false;
    input.events.retain(|event| {
        let matches = !found
            && matches!(
                event,
                egui::Event::Key { key, physical_key, modifiers, pressed: true, .. }
                    if (*key == wanted || (digit && *physical_key == Some(wanted)))
                        && modifiers.matches_logically(shortcut.modifiers)
            );
        found |= matches;
        !matches
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The actions a paint with `events` runs.
    fn actions_for(events: Vec<egui::Event>) -> Vec<Action> {
        let ctx = egui::Context::default();
        let mut actions = Vec::new();
        let input = egui::RawInput {
            events,
            ..egui::RawInput::default()
        };
        ctx.run_ui(input, |ui| actions = pressed_actions(ui.ctx(), false))
            .textures_delta
            .clear();
        actions
    }

    fn key(key: Key, physical_key: Option<Key>, modifiers: Modifiers) -> egui::Event {
        egui::Event::Key {
            key,
            physical_key,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    #[test]
    fn shift_and_a_digit_work_whatever_the_keyboard_layout() {
        // US: Shift+1 is "!"; German, Serbian, Ukrainian: Shift+2 is '"'.
        let shift = Modifiers::SHIFT;
        let us = key(Key::Exclamationmark, Some(Key::Num1), shift);
        assert_eq!(actions_for(vec![us]), [Action::ZoomToFit]);
        let german = key(Key::Quote, Some(Key::Num2), shift);
        assert_eq!(actions_for(vec![german]), [Action::ZoomToSelection]);
        // A layout that gives the digit itself.
        let plain = key(Key::Num1, Some(Key::Num1), shift);
        assert_eq!(actions_for(vec![plain]), [Action::ZoomToFit]);
        // Letters still go by what they type: on a layout where the key of "N" types something
        // else, that something is not a new note.
        let other = key(Key::B, Some(Key::N), Modifiers::NONE);
        assert!(!actions_for(vec![other]).contains(&Action::NewNote));
    }

    #[test]
    fn alt_and_a_digit_recolour_in_toolbar_order() {
        // Alt+1 for the first colour, …, Alt+0 for the tenth.
        let digits: Vec<Key> = (1..=10)
            .map(|n| Key::from_name(&(n % 10).to_string()).unwrap())
            .collect();
        for (color, &digit) in PaletteColor::ALL.iter().zip(&digits) {
            let event = key(digit, Some(digit), Modifiers::ALT);
            assert_eq!(actions_for(vec![event]), [Action::Recolor(*color)]);
        }
        // Alt with a digit means nothing else, and a digit with other keys is not a colour.
        for binding in BINDINGS {
            let digit = digits.contains(&binding.shortcut.logical_key);
            let alt = binding.shortcut.modifiers.alt;
            let is_recolor = matches!(binding.action, Action::Recolor(_));
            assert_eq!(digit && alt, is_recolor, "{:?}", binding.action);
        }
    }

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
