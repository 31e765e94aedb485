//! The eframe application: glues the canvas, panels and dialogs to the open [`Document`].
//!
//! Each frame: poll file dialogs, turn key presses into [`Action`]s, draw the panels and the
//! canvas (which return [`Command`]s), show any dialog, then apply the commands in one place and
//! update the window title.

mod board_actions;
mod clipboard;
mod files;
mod frame_list;
mod menu_keys;
mod panels;
mod photos;
mod recovery;
mod screenshot;

pub use recovery::RecoveryConfig;
pub use screenshot::{Screenshot, ScreenshotError};

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{CentralPanel, Panel, ViewportCommand};

use crate::document::Document;
use crate::edit::Command;
use crate::model::{Board, IdGen};
use crate::ui::canvas::CanvasState;
use crate::ui::dialogs::{Choice, Modal, Then};
use crate::ui::file_dialog::{FileDialogs, FilePurpose};
use crate::ui::inspector::{self, InspectorState, Target};
use crate::ui::search::{Hit, Search, SearchRequest};
use crate::ui::shortcuts::{self, Action};
use crate::ui::theme;

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// A board file to open at start.
    pub file: Option<PathBuf>,
    /// Use the system's file dialogs (off in tests: a typed-path dialog is used instead).
    pub native_file_dialogs: bool,
}

/// A short message in the status bar (e.g. "Saved kickoff.ron").
#[derive(Debug)]
struct StatusMessage {
    text: String,
    shown_at: Instant,
}

/// Which panels are shown on the left of the canvas.
#[derive(Clone, Copy, Debug, Default)]
struct SidePanels {
    /// The map key: node types and feedback loops.
    map_key: bool,
    /// The persona gallery.
    gallery: bool,
    /// The frame list.
    frame_list: bool,
}

/// How long a status message stays.
const STATUS_DURATION: Duration = Duration::from_secs(5);

/// The Civic Canvas window.
pub struct CivicCanvasApp {
    doc: Document,
    canvas: CanvasState,
    ids: IdGen,
    file_dialogs: FileDialogs,
    modal: Option<Modal>,
    after_save: Then,
    title_buffer: String,
    status: Option<StatusMessage>,
    window_title: String,
    close_confirmed: bool,
    /// Key presses held back from egui's focus handling (see `clipboard.rs`).
    held_keys: Vec<egui::Event>,
    /// The find bar.
    search: Search,
    /// Text being typed in the inspector.
    inspector: InspectorState,
    /// Which side panels are shown.
    side: SidePanels,
    /// The menu bar from the keyboard.
    menu_keys: menu_keys::MenuKeys,
    /// When the selection was last moved with the arrow keys (moves in quick succession are one
    /// undo step).
    last_nudge: Option<Instant>,
    recovery: Option<recovery::Recovery>,
    /// `--screenshot`: capture the first complete frame, then close (see `screenshot.rs`).
    screenshot: Option<Screenshot>,
}

/// Arrow-key moves closer together than this are one undo step.
const NUDGE_STREAK: Duration = Duration::from_secs(1);
/// How far an arrow key moves the selection, in board units (Shift: the far step).
const NUDGE_STEP: f32 = 10.0;
/// How far Shift+arrow moves the selection.
const NUDGE_FAR_STEP: f32 = 100.0;

impl CivicCanvasApp {
    /// Sets up fonts and style on `ctx` and opens `options.file` if given.
    pub fn new(ctx: &egui::Context, options: AppOptions) -> Self {
        theme::install_fonts(ctx);
        theme::apply_style(ctx);
        let mut app = Self {
            doc: Document::untitled(),
            canvas: CanvasState::default(),
            ids: IdGen::from_entropy(),
            file_dialogs: FileDialogs::new(options.native_file_dialogs),
            modal: None,
            after_save: Then::Nothing,
            title_buffer: String::new(),
            status: None,
            window_title: String::new(),
            close_confirmed: false,
            held_keys: Vec::new(),
            last_nudge: None,
            search: Search::default(),
            inspector: InspectorState::default(),
            side: SidePanels::default(),
            menu_keys: menu_keys::MenuKeys::default(),
            recovery: None,
            screenshot: None,
        };
        if let Some(path) = options.file {
            app.open_path(path);
        }
        app
    }

    /// The board on screen.
    pub fn board(&self) -> &Board {
        self.doc.board()
    }

    /// The open document (board, history, file, unsaved state).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The canvas state (camera, selection).
    pub fn canvas(&self) -> &CanvasState {
        &self.canvas
    }

    /// The canvas state, to set the view from outside (tests, benchmarks).
    pub fn canvas_mut(&mut self) -> &mut CanvasState {
        &mut self.canvas
    }

    /// The dialog on screen, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            shown_at: Instant::now(),
        });
    }

    fn show_error(&mut self, title: impl Into<String>, body: impl Into<String>) {
        self.modal = Some(Modal::Message {
            title: title.into(),
            body: body.into(),
        });
    }

    /// Applies a command as one undo step; a refused command is reported, never silently lost.
    fn apply(&mut self, command: Command) {
        self.last_nudge = None;
        let command = crate::ui::canvas::place_in_frames(self.doc.board(), command);
        if let Err(error) = self.doc.apply(command) {
            self.set_status(format!("That change could not be made: {error}"));
        }
    }

    /// Ends in-place typing, keeping what was typed as its own undo step.
    fn commit_typing(&mut self) {
        if let Some(change) = self.canvas.finish_editing(self.doc.board()) {
            self.apply(change);
        }
    }

    /// Says in the status bar that a setting is now on or off.
    fn say_on_off(&mut self, setting: &str, on: bool) {
        let state = if on { "on" } else { "off" };
        self.set_status(format!("{setting} {state}"));
    }

    /// Carries out an action from the keyboard, a menu or a button.
    fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewBoard => self.request(ctx, Then::NewBoard),
            Action::Open => self.request(ctx, Then::Open),
            Action::Quit => self.request(ctx, Then::Quit),
            Action::Save => self.save(ctx, Then::Nothing),
            Action::SaveAs => {
                self.commit_typing();
                self.start_save_as(ctx, Then::Nothing);
            }
            Action::Undo | Action::Redo => {
                self.commit_typing();
                let result = if action == Action::Undo {
                    self.doc.undo()
                } else {
                    self.doc.redo()
                };
                if let Err(error) = result {
                    self.set_status(format!("{} failed: {error}", action.label()));
                }
            }
            Action::Find => {
                self.commit_typing();
                self.search.open();
            }
            Action::FindNext | Action::FindPrevious => {
                if !self.search.open {
                    self.search.open();
                } else if let Some(hit) = self
                    .search
                    .step(self.doc.board(), action == Action::FindPrevious)
                {
                    self.canvas.show_hit(self.doc.board(), hit);
                }
            }
            Action::ZoomToFit => self.canvas.request_fit(),
            Action::ZoomIn => self.canvas.zoom_by(crate::ui::camera::Camera::ZOOM_STEP),
            Action::ZoomOut => self
                .canvas
                .zoom_by(1.0 / crate::ui::camera::Camera::ZOOM_STEP),
            Action::ActualSize => self.canvas.camera.set_zoom(1.0),
            Action::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            Action::OpenMenuBar => {
                self.commit_typing();
                self.menu_keys.open_first();
            }
            Action::ToggleMinimap => self.canvas.show_minimap = !self.canvas.show_minimap,
            Action::ToggleMapKey => self.side.map_key = !self.side.map_key,
            Action::TogglePersonaGallery => self.side.gallery = !self.side.gallery,
            Action::ToggleFrameList => self.side.frame_list = !self.side.frame_list,
            Action::ToggleGuides => {
                self.canvas.smart_guides = !self.canvas.smart_guides;
                self.say_on_off("Smart guides are", self.canvas.smart_guides);
            }
            Action::ToggleSnap => {
                self.canvas.snap_to_grid = !self.canvas.snap_to_grid;
                self.say_on_off("Snap to grid is", self.canvas.snap_to_grid);
            }
            _ => self.perform_on_board(ctx, action),
        }
    }

    /// New, Open or Quit: ask about unsaved changes first.
    fn request(&mut self, ctx: &egui::Context, then: Then) {
        self.commit_typing();
        if self.doc.is_dirty() {
            self.modal = Some(Modal::UnsavedChanges { then });
        } else {
            self.proceed(ctx, then);
        }
    }

    /// Does `then`, now that unsaved changes are saved or discarded.
    fn proceed(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::Nothing => {}
            Then::NewBoard => {
                self.doc = Document::untitled();
                self.canvas.reset();
                self.canvas.camera = crate::ui::camera::Camera::default();
                self.set_status("New board");
            }
            Then::Open => self.start_open(ctx),
            Then::RestoreRecovered(index) => self.restore_recovered(index),
            Then::Quit => {
                self.close_recovery();
                self.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            self.commit_typing();
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::UnsavedChanges { then: Then::Quit });
            }
        }
    }

    fn handle_modal(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let Some(choice) = modal.show(ctx, self.doc.board().title()) else {
            return;
        };
        let finished = self.modal.take();
        match (finished, choice) {
            (Some(Modal::UnsavedChanges { then }), Choice::Save) => self.save(ctx, then),
            (Some(Modal::UnsavedChanges { then }), Choice::Discard) => self.proceed(ctx, then),
            (_, Choice::Path(FilePurpose::SaveAs, path)) if self.would_replace_another(&path) => {
                // A typed path gets the question a system save dialog would have asked.
                self.modal = Some(Modal::ConfirmReplace { path });
            }
            (Some(Modal::ConfirmReplace { path }), Choice::Overwrite) => {
                self.path_chosen(ctx, FilePurpose::SaveAs, path);
            }
            (Some(Modal::ConfirmReplace { .. }), _) => self.after_save = Then::Nothing,
            (_, Choice::Path(purpose, path)) => self.path_chosen(ctx, purpose, path),
            (finished, choice) => self.handle_safety_choice(ctx, finished, choice),
        }
    }

    /// The inspector for the selected map item or connector, floating over the right of the
    /// canvas (so the board does not shift when the selection changes).
    fn inspector_overlay(
        &mut self,
        ui: &egui::Ui,
        canvas: egui::Rect,
        commands: &mut Vec<Command>,
        actions: &mut Vec<Action>,
    ) {
        let Some(target) = Target::for_selection(
            self.doc.board(),
            self.canvas.single_selection(),
            self.canvas.selected_connector,
        ) else {
            return;
        };
        let margin = 8.0;
        egui::Area::new(egui::Id::unique("inspector"))
            .order(egui::Order::Middle)
            .fixed_pos(canvas.right_top() + egui::vec2(-margin, margin))
            .pivot(egui::Align2::RIGHT_TOP)
            .show(ui.ctx(), |ui| {
                egui::Frame::window(ui.style()).show(ui, |ui| {
                    ui.set_width(300.0);
                    ui.set_max_width(300.0);
                    ui.set_max_height(canvas.height() - 4.0 * margin);
                    commands.extend(inspector::show(
                        ui,
                        &mut self.inspector,
                        self.doc.board(),
                        target,
                        actions,
                    ));
                });
            });
    }

    /// The frame list, the map key and the persona gallery on the left, when shown.
    fn side_panels(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
        actions: &mut Vec<Action>,
    ) {
        if self.side.frame_list {
            Panel::left("frame_list")
                .default_size(260.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| {
                    commands.extend(frame_list::frame_list(
                        ui,
                        self.doc.board(),
                        &mut self.canvas,
                        actions,
                    ));
                });
        }
        if self.side.gallery {
            Panel::left("persona_gallery")
                .default_size(260.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| {
                    panels::persona_gallery(ui, self.doc.board(), &mut self.canvas);
                });
        }
        if self.side.map_key {
            Panel::left("map_key")
                .default_size(260.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| {
                    panels::map_key(ui, self.doc.board(), &mut self.canvas);
                });
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.doc.window_title();
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}

impl eframe::App for CivicCanvasApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.hold_canvas_keys(ctx, raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.return_held_keys(&ctx);
        self.poll_file_dialog(&ctx);
        self.handle_close_request(&ctx);
        if self.modal.is_none() && !self.file_dialogs.is_open() {
            // A note being edited counts as typing even on the frame its text field lets go of
            // the keyboard (Escape), so that Escape ends the edit without clearing the selection.
            let typing = ctx.text_edit_focused() || self.canvas.editing_item().is_some();
            // While the menu bar has the keyboard, arrows and letters are for the menus.
            let keys_taken = typing || self.menu_keys.active();
            for action in shortcuts::pressed_actions(&ctx, keys_taken) {
                self.perform(&ctx, action);
            }
            if !typing {
                self.clipboard_events(&ctx);
            }
        }

        let mut actions = Vec::new();
        let mut commands = Vec::new();
        let menu_buttons = Panel::top("menu_bar")
            .show(ui, |ui| panels::menu_bar(ui, &self.doc, &mut actions))
            .inner;
        self.menu_keys.after_bar(&ctx, &menu_buttons);
        Panel::top("toolbar").show(ui, |ui| {
            commands.extend(panels::toolbar(
                ui,
                &self.doc,
                &mut self.canvas,
                &mut self.ids,
                &mut self.title_buffer,
                &mut actions,
            ));
        });
        if self.search.open {
            let request = Panel::top("find_bar")
                .show(ui, |ui| self.search.show(ui, self.doc.board()))
                .inner;
            match request {
                Some(SearchRequest::Show(hit)) => self.canvas.show_hit(self.doc.board(), hit),
                Some(SearchRequest::Close) => self.search.open = false,
                None => {}
            }
        }
        self.canvas.highlighted = if self.search.open {
            self.search
                .hits(self.doc.board())
                .into_iter()
                .filter_map(|hit| match hit {
                    Hit::Item(id) => Some(id),
                    Hit::Connector(_) => None,
                })
                .collect()
        } else {
            std::collections::BTreeSet::new()
        };
        Panel::bottom("status_bar").show(ui, |ui| {
            let message = self
                .status
                .as_ref()
                .filter(|status| status.shown_at.elapsed() < STATUS_DURATION)
                .map(|status| status.text.as_str());
            panels::status_bar(ui, &self.doc, &self.canvas, message, &mut actions);
        });
        self.canvas
            .loops
            .refresh(self.doc.board(), self.doc.revision());
        self.side_panels(ui, &mut commands, &mut actions);
        CentralPanel::no_frame().show(ui, |ui| {
            let canvas = ui.max_rect();
            let output = self.canvas.show(ui, self.doc.board(), &mut self.ids);
            commands.extend(output.commands);
            actions.extend(output.actions);
            self.inspector_overlay(ui, canvas, &mut commands, &mut actions);
        });
        for action in actions {
            self.perform(&ctx, action);
        }
        self.dropped_files(&ctx);
        self.handle_modal(&ctx);
        for command in commands {
            self.apply(command);
        }
        if self
            .status
            .as_ref()
            .is_some_and(|s| s.shown_at.elapsed() < STATUS_DURATION)
        {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
        self.autosave_tick(&ctx);
        self.update_window_title(&ctx);
        // `--screenshot`: after everything else, so the capture shows the whole frame.
        if let Some(screenshot) = &mut self.screenshot {
            screenshot.on_frame(&ctx);
        }
    }
}

/// Starts the desktop app, optionally with a board file. With `screenshot`, the app saves its
/// first complete frame there as a PNG and closes; not being able to is an error.
pub fn run(file: Option<PathBuf>, screenshot: Option<PathBuf>) -> anyhow::Result<()> {
    let viewport = egui::ViewportBuilder::default()
        .with_title("Civic Canvas")
        .with_app_id("civic-canvas")
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([640.0, 420.0]);
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let app_options = AppOptions {
        file,
        native_file_dialogs: true,
    };
    let screenshot = screenshot.map(Screenshot::new);
    let taken = screenshot.clone();
    eframe::run_native(
        "Civic Canvas",
        options,
        Box::new(move |cc| {
            let app = CivicCanvasApp::new(&cc.egui_ctx, app_options);
            Ok(Box::new(match screenshot {
                // A screenshot shows the board as saved: no recovery offer, no autosave.
                Some(screenshot) => app.with_screenshot(screenshot),
                None => app.with_default_recovery(),
            }))
        }),
    )
    .map_err(|error| anyhow::anyhow!("could not start the window: {error}"))?;
    match taken {
        Some(screenshot) => Ok(screenshot.outcome()?),
        None => Ok(()),
    }
}
