//! Modal dialogs: unsaved changes, typed file paths, messages, the shortcut sheet and the
//! others the app shows one at a time.

use std::path::PathBuf;

use egui::{Id, Key, Modal as EguiModal, RichText, Ui};

use crate::ui::file_dialog::{ExportKind, FilePurpose};
use crate::ui::safety_dialogs::{self, RecoverySummary};
use crate::ui::shortcuts::Action;
use crate::ui::template_dialogs;
use crate::ui::widgets::labelled_text_field;

/// What to do once the current board is saved or its changes discarded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Then {
    /// Nothing more.
    #[default]
    Nothing,
    /// Start a new board.
    NewBoard,
    /// Choose a board to open.
    Open,
    /// Close the app.
    Quit,
    /// Restore the recovered board with this index in the recovery list.
    RestoreRecovered(usize),
    /// Start a new board from the template with this index in the template list.
    NewFromTemplate(usize),
}

/// The dialog on top of the app, if any.
#[derive(Debug)]
pub enum Modal {
    /// "Save changes before …?" with Save / Discard / Cancel.
    UnsavedChanges {
        /// What happens after Save or Discard.
        then: Then,
    },
    /// A text field for a file path (when no system file dialog is available).
    TypedPath {
        /// Open or save.
        purpose: FilePurpose,
        /// The path typed so far.
        text: String,
        /// Why the dialog asks for a typed path.
        reason: Option<String>,
    },
    /// A message with an OK button (errors are shown this way).
    Message {
        /// The heading.
        title: String,
        /// The message.
        body: String,
    },
    /// The keyboard shortcut sheet.
    Shortcuts,
    /// A live session has started: the links to join it, and the participant page's as a QR
    /// code.
    LiveStarted {
        /// The link colleagues join with in Civic Canvas.
        link: String,
        /// The participant page's address.
        page: String,
        /// What to say about who can join (empty when anyone on the network can).
        reach: String,
        /// The participant page's address as a QR code.
        qr: QrPicture,
    },
    /// A relay address (to start a live session) or a join link (to join one).
    LiveAddress {
        /// Start or join.
        purpose: LivePurpose,
        /// The address typed so far.
        text: String,
    },
    /// A typed Save as… path names a file that already exists: Replace / Cancel.
    ConfirmReplace {
        /// The file that would be replaced.
        path: PathBuf,
    },
    /// Saving would replace a file the user may want to keep: Overwrite / Save as… / Cancel.
    ChangedOnDisk {
        /// What happens after the board is saved.
        then: Then,
        /// The file's name.
        file_name: String,
        /// Why the app asks.
        why: Replacing,
    },
    /// The templates to start a new board from, each with its title and what it holds.
    Templates {
        /// Name, title and a line on what it holds, in the order of the template list.
        templates: Vec<template_dialogs::TemplateRow>,
    },
    /// Which column of a spreadsheet holds the notes (none had a usual name).
    ChooseColumn {
        /// The spreadsheet.
        path: PathBuf,
        /// Its column headers.
        headers: Vec<String>,
    },
    /// The personas on another board, to choose which to copy in.
    ChoosePersonas {
        /// The board file.
        path: PathBuf,
        /// Each persona's id, name and role, and whether it is chosen.
        personas: Vec<(crate::model::ItemId, String, String, bool)>,
    },
    /// A name to save the board as a template under.
    SaveTemplate {
        /// The name typed so far.
        text: String,
        /// Why the last name typed was refused.
        problem: Option<String>,
    },
    /// What picture or handout to export, before asking where.
    ExportPicture {
        /// The choices so far.
        export: super::export_dialog::PictureExport,
        /// The board's frames (id and numbered title), in presenting order.
        frames: Vec<(crate::model::ItemId, String)>,
        /// How many items are selected.
        selected: usize,
    },
    /// A persona's portrait being drawn: the sketch area with Undo last stroke / Clear /
    /// Cancel / Done.
    DrawPortrait(super::portrait_dialog::PortraitSketch),
    /// Boards recovered after a crash, each with Restore / Discard.
    Recovery {
        /// The boards, in the order of the app's recovery list.
        boards: Vec<RecoverySummary>,
        /// How many older copies were deleted, past the newest few of each board.
        older_deleted: usize,
    },
}

/// Why saving asks before it replaces the board's file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replacing {
    /// Another program changed the file since it was opened or saved here.
    ChangedElsewhere,
    /// The board was not opened from that file here (it was restored after a crash), so the
    /// file there may hold something else.
    NotOpenedHere,
    /// The file is marked read-only.
    ReadOnly,
}

/// What the user chose in a dialog.
#[derive(Debug, PartialEq, Eq)]
pub enum Choice {
    /// Save the changes.
    Save,
    /// Throw the changes away.
    Discard,
    /// Close the dialog and do nothing.
    Close,
    /// A typed path was confirmed.
    Path(FilePurpose, PathBuf),
    /// A relay address or join link was confirmed.
    LiveAddress(LivePurpose, String),
    /// Save over a file that another program changed, or that a typed path names.
    Overwrite,
    /// Save to a different file instead.
    SaveAs,
    /// Restore the recovered board with this index.
    Restore(usize),
    /// Delete the recovered board with this index.
    DiscardRecovered(usize),
    /// Start a new board from the template with this index.
    Template(usize),
    /// Save the board as a template with this name.
    TemplateName(String),
    /// Take the notes from the column with this header.
    Column(String),
    /// Copy in the chosen personas (those marked in the dialog).
    Personas,
    /// Export the picture or handout chosen in the dialog.
    ExportPicture,
    /// Put the portrait drawn in the dialog on its persona card.
    Portrait,
}

impl Modal {
    /// Shows the dialog; returns the user's choice once they make one.
    pub fn show(&mut self, ctx: &egui::Context, board_title: &str) -> Option<Choice> {
        let mut choice = None;
        let response = EguiModal::new(Id::unique("civic_canvas_modal")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            choice = match self {
                Self::UnsavedChanges { then } => unsaved_changes(ui, board_title, *then),
                Self::TypedPath {
                    purpose,
                    text,
                    reason,
                } => typed_path(ui, *purpose, text, reason.as_deref()),
                Self::Message { title, body } => message(ui, title, body),
                Self::LiveStarted {
                    link,
                    page,
                    reach,
                    qr,
                } => live_started(ui, link, page, reach, qr),
                Self::LiveAddress { purpose, text } => live_address(ui, *purpose, text),
                Self::Shortcuts => shortcut_sheet(ui),
                Self::ConfirmReplace { path } => confirm_replace(ui, path),
                Self::ChangedOnDisk { file_name, why, .. } => {
                    safety_dialogs::changed_on_disk(ui, file_name, *why)
                }
                Self::Recovery {
                    boards,
                    older_deleted,
                } => safety_dialogs::recovered_boards(ui, boards, *older_deleted),
                Self::Templates { templates } => template_dialogs::choose(ui, templates),
                Self::ChooseColumn { path, headers } => choose_column(ui, path, headers),
                Self::ExportPicture {
                    export,
                    frames,
                    selected,
                } => super::export_dialog::show(ui, export, frames, *selected),
                Self::ChoosePersonas { path, personas } => choose_personas(ui, path, personas),
                Self::DrawPortrait(sketch) => sketch.show(ui),
                Self::SaveTemplate { text, problem } => {
                    ui.heading("Save as template");
                    ui.label(
                        "Save this board as a template: it is then offered in File → New from \
                         template, on this computer.",
                    );
                    if let Some(problem) = problem {
                        ui.colored_label(ui.visuals().warn_fg_color, problem.as_str());
                    }
                    ui.add_space(4.0);
                    answer(
                        ui,
                        "Template name",
                        text,
                        "Retro for the permits team",
                        "Save",
                    )
                    .map(|answer| match answer {
                        Answer::Confirmed(name) => Choice::TemplateName(name),
                        Answer::Cancelled => Choice::Close,
                    })
                }
            };
        });
        // A drawing is not thrown away by a click beside the dialog (a stroke may run past its
        // edge): it handles Escape itself.
        let keeps_open = matches!(self, Self::DrawPortrait(_));
        if choice.is_none() && !keeps_open && response.should_close() {
            choice = Some(Choice::Close);
        }
        choice
    }
}

/// A row of buttons, each a choice with a tooltip; the button at `suggested` is in bold.
/// Returns the choice clicked in this paint.
pub(crate) fn choice_row<const N: usize>(
    ui: &mut Ui,
    suggested: usize,
    buttons: [(&str, &str, Choice); N],
) -> Option<Choice> {
    let mut clicked = None;
    ui.horizontal(|ui| {
        for (index, (label, tooltip, choice)) in buttons.into_iter().enumerate() {
            let text = if index == suggested {
                RichText::new(label).strong()
            } else {
                RichText::new(label)
            };
            if ui.button(text).on_hover_text(tooltip).clicked() {
                clicked = Some(choice);
            }
        }
    });
    clicked
}

fn unsaved_changes(ui: &mut Ui, board_title: &str, then: Then) -> Option<Choice> {
    let doing = match then {
        Then::Quit => "closing",
        Then::NewBoard => "starting a new board",
        Then::Open => "opening another board",
        Then::Nothing => "continuing",
        Then::RestoreRecovered(_) => "restoring a recovered board",
        Then::NewFromTemplate(_) => "starting a board from a template",
    };
    ui.heading("Save your changes?");
    ui.label(format!(
        "“{board_title}” has changes that are not saved. Save them before {doing}?"
    ));
    ui.add_space(8.0);
    choice_row(
        ui,
        0,
        [
            ("Save", "Save the board, then continue", Choice::Save),
            (
                "Discard",
                "Continue and lose the unsaved changes",
                Choice::Discard,
            ),
            ("Cancel", "Go back to the board (Escape)", Choice::Close),
        ],
    )
}

fn typed_path(
    ui: &mut Ui,
    purpose: FilePurpose,
    text: &mut String,
    reason: Option<&str>,
) -> Option<Choice> {
    let (heading, confirm, example) = match purpose {
        FilePurpose::Open => ("Open board", "Open", "/home/me/boards/kickoff.ron"),
        FilePurpose::SaveAs => ("Save board as", "Save", "/home/me/boards/kickoff.ron"),
        FilePurpose::Export(ExportKind::Report) => {
            ("Export report", "Export", "/home/me/boards/kickoff.md")
        }
        FilePurpose::Export(ExportKind::Canvas) => (
            "Export as JSON Canvas",
            "Export",
            "/home/me/boards/kickoff.canvas",
        ),
        FilePurpose::Export(ExportKind::Png) => {
            ("Export picture", "Export", "/home/me/boards/kickoff.png")
        }
        FilePurpose::Export(ExportKind::Svg) => {
            ("Export picture", "Export", "/home/me/boards/kickoff.svg")
        }
        FilePurpose::Export(ExportKind::Pdf) => {
            ("Export handout", "Export", "/home/me/boards/kickoff.pdf")
        }
        FilePurpose::ImportBoard => (
            "Import a board into this one",
            "Import",
            "/home/me/boards/personas-from-ana.ron",
        ),
        FilePurpose::Import => ("Import notes", "Import", "/home/me/survey/ideas.csv"),
        FilePurpose::InsertPersona => (
            "Insert personas from a board",
            "Choose personas",
            "/home/me/boards/personas-from-ana.ron",
        ),
        FilePurpose::Photo(_) => (
            "Choose a photo",
            "Use this photo",
            "/home/me/photos/ana.jpg",
        ),
    };
    ui.heading(heading);
    if let Some(reason) = reason {
        ui.label(reason);
    }
    ui.add_space(4.0);
    answer(ui, "File path", text, example, confirm).map(|answer| match answer {
        Answer::Confirmed(typed) => Choice::Path(purpose, PathBuf::from(typed)),
        Answer::Cancelled => Choice::Close,
    })
}

/// Which column of a spreadsheet holds the notes: one button per header.
fn choose_column(ui: &mut Ui, path: &std::path::Path, headers: &[String]) -> Option<Choice> {
    ui.heading("Which column holds the notes?");
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    ui.label(format!(
        "No column of {name} is called idea, text or note. Choose the one to make notes of:"
    ));
    ui.add_space(6.0);
    let mut choice = None;
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for header in headers.iter().filter(|header| !header.trim().is_empty()) {
                if ui.button(header.as_str()).clicked() {
                    choice = Some(Choice::Column(header.clone()));
                }
            }
        });
    ui.add_space(6.0);
    if ui.button("Cancel").on_hover_text("Escape").clicked() {
        choice = Some(Choice::Close);
    }
    choice
}

/// Which personas of another board to copy in: a box to tick for each.
fn choose_personas(
    ui: &mut Ui,
    path: &std::path::Path,
    personas: &mut [(crate::model::ItemId, String, String, bool)],
) -> Option<Choice> {
    ui.heading("Insert personas");
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    ui.label(format!(
        "The personas on {name}. Tick those to copy in (with their photos and empathy maps):"
    ));
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for (_, persona, role, chosen) in personas.iter_mut() {
                let text = if role.is_empty() {
                    persona.clone()
                } else {
                    format!("{persona} ({role})")
                };
                ui.checkbox(chosen, text);
            }
        });
    ui.add_space(6.0);
    let any = personas.iter().any(|(.., chosen)| *chosen);
    let mut choice = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(any, egui::Button::new("Insert"))
            .on_hover_text("Copy the ticked personas beside the board, as one undo step")
            .clicked()
        {
            choice = Some(Choice::Personas);
        }
        if ui.button("Cancel").on_hover_text("Escape").clicked() {
            choice = Some(Choice::Close);
        }
    });
    choice
}

/// How a dialog with a text field was answered.
enum Answer {
    /// The text, confirmed.
    Confirmed(String),
    /// Cancel.
    Cancelled,
}

/// A text field that has the keyboard, with a confirm button (and Enter) and Cancel (and
/// Escape); the answer once given.
fn answer(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    example: &str,
    confirm: &str,
) -> Option<Answer> {
    let field = labelled_text_field(ui, label, text, 520.0, example);
    if !field.has_focus() && !field.lost_focus() {
        field.request_focus();
    }
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        let ready = !text.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new(confirm)).clicked() || (entered && ready) {
            answer = Some(Answer::Confirmed(text.trim().to_owned()));
        }
        if ui.button("Cancel").on_hover_text("Escape").clicked() {
            answer = Some(Answer::Cancelled);
        }
    });
    answer
}

/// What a live-session address is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LivePurpose {
    /// The relay to start a session on.
    Start,
    /// The link of a session to join.
    Join,
}

fn live_address(ui: &mut Ui, purpose: LivePurpose, text: &mut String) -> Option<Choice> {
    let (heading, explain, field, example, confirm) = match purpose {
        LivePurpose::Start => (
            "Start a live session",
            "The board is shared through a relay (start one with `node relay/server.mjs`). \
             Colleagues join with the link shown next; what they change appears here as they \
             change it.",
            "Relay address",
            "ws://127.0.0.1:1234",
            "Start",
        ),
        LivePurpose::Join => (
            "Join a live session",
            "Paste the link a colleague sent. Their board opens here, and what you change appears \
             on theirs.",
            "Join link",
            "ws://192.168.1.20:1234/3f9c…",
            "Join",
        ),
    };
    ui.heading(heading);
    ui.label(explain);
    ui.add_space(4.0);
    answer(ui, field, text, example, confirm).map(|answer| match answer {
        Answer::Confirmed(typed) => Choice::LiveAddress(purpose, typed),
        Answer::Cancelled => Choice::Close,
    })
}

fn confirm_replace(ui: &mut Ui, path: &std::path::Path) -> Option<Choice> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    ui.heading(format!("Replace “{name}”?"));
    ui.label(format!(
        "{} already exists. Replacing it keeps the old file as {name}.bak.",
        path.display()
    ));
    ui.add_space(8.0);
    choice_row(
        ui,
        usize::MAX,
        [
            (
                "Replace",
                "Save the board over this file",
                Choice::Overwrite,
            ),
            ("Cancel", "Go back without saving (Escape)", Choice::Close),
        ],
    )
}

fn message(ui: &mut Ui, title: &str, body: &str) -> Option<Choice> {
    ui.heading(title);
    ui.add_space(4.0);
    ui.label(body);
    ok_button(ui)
}

/// The OK button that closes a message, with the keyboard on it.
fn ok_button(ui: &mut Ui) -> Option<Choice> {
    ui.add_space(8.0);
    let ok = ui.button("OK");
    if !ok.has_focus() {
        ok.request_focus();
    }
    ok.clicked().then_some(Choice::Close)
}

/// A QR code: `width` × `width` modules, dark or light, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrPicture {
    /// Modules on a side.
    pub width: usize,
    /// Whether each module is dark.
    pub dark: Vec<bool>,
}

fn live_started(
    ui: &mut Ui,
    link: &str,
    page: &str,
    reach: &str,
    qr: &QrPicture,
) -> Option<Choice> {
    ui.heading("Live session started");
    ui.add_space(4.0);
    ui.label("Participants scan this code, or open the address below it, to post notes:");
    ui.add_space(4.0);
    // Large enough to scan from a shared screen: about 300 points, with the quiet zone the
    // standard asks for (four modules) in white around it.
    let quiet = 4;
    let modules = qr.width + 2 * quiet;
    let module = (300.0 / modules as f32).floor().max(2.0);
    let extent = module * modules as f32;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(extent, extent), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    for (index, dark) in qr.dark.iter().enumerate() {
        if *dark {
            let (row, column) = (index / qr.width.max(1), index % qr.width.max(1));
            let min = rect.min
                + egui::vec2(
                    (column + quiet) as f32 * module,
                    (row + quiet) as f32 * module,
                );
            painter.rect_filled(
                egui::Rect::from_min_size(min, egui::vec2(module, module)),
                0.0,
                egui::Color32::BLACK,
            );
        }
    }
    ui.add(egui::Label::new(RichText::new(page).strong()).selectable(true));
    ui.add_space(8.0);
    ui.label("Colleagues join in Civic Canvas (File menu, Join live session…) with this link, copied to the clipboard:");
    ui.add(egui::Label::new(RichText::new(link).strong()).selectable(true));
    if !reach.is_empty() {
        ui.add_space(4.0);
        ui.label(reach);
    }
    ok_button(ui)
}

fn shortcut_sheet(ui: &mut Ui) -> Option<Choice> {
    ui.heading("Keyboard shortcuts");
    ui.add_space(4.0);
    let max_height = (ui.ctx().content_rect().height() - 160.0).max(160.0);
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .show(ui, |ui| {
            shortcut_grid(ui);
        });
    ui.add_space(8.0);
    ui.button("Close").clicked().then_some(Choice::Close)
}

fn shortcut_grid(ui: &mut Ui) {
    egui::Grid::new("shortcut_sheet")
        .num_columns(2)
        .spacing([24.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for action in Action::ALL {
                ui.label(RichText::new(action.shortcut_text(ui.ctx())).strong());
                ui.label(action.description());
                ui.end_row();
            }
            for (keys, what) in MOUSE_HELP {
                ui.label(RichText::new(*keys).strong());
                ui.label(*what);
                ui.end_row();
            }
        });
}

/// Pointer gestures, listed under the keyboard shortcuts.
pub const MOUSE_HELP: &[(&str, &str)] = &[
    ("Double-click canvas", "Add a sticky note there"),
    ("Double-click note", "Edit its text"),
    ("Drag note", "Move it (the whole selection)"),
    (
        "Shift+click or Ctrl+click",
        "Add a note to the selection or take it out",
    ),
    (
        "Drag on empty canvas",
        "Select the items the rectangle touches (Shift: add)",
    ),
    ("Middle-drag or Space+drag", "Pan"),
    ("Scroll wheel or touchpad", "Pan"),
    ("Ctrl+scroll or pinch", "Zoom towards the pointer"),
    ("Right-click", "Menu for the note or the canvas"),
];
