//! The eframe application: glues the canvas, panels and dialogs to the open [`Document`].
//!
//! Each paint: poll file dialogs, turn key presses into [`Action`]s, draw the panels and the
//! canvas (which return [`Command`]s), show any dialog, then apply the commands in one place and
//! update the window title.

mod board_actions;
mod clipboard;
mod files;
mod frame_list;
mod frame_timing;
mod import;
mod live;
pub use live::LiveStart;
pub use timer::TestClock;
mod measure;
mod menu_keys;
mod panels;
mod people;
mod photos;
mod portraits;
mod present;
mod recovery;
mod screenshot;
mod session;
mod shell;
mod templates;
mod timer;
mod voting;
mod wheel_clicks;
mod window_place;

pub use frame_timing::{FrameReport, FrameTiming};
pub use measure::{EventCost, Measure, MeasureReport, MeasureSpec, MeasureView};
pub use recovery::RecoveryConfig;
pub use screenshot::{Screenshot, ScreenshotError};
pub use window_place::WindowPlace;

use session::Session;
use shell::{STATUS_DURATION, Shell, StatusMessage};

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{CentralPanel, Panel, ViewportCommand};

use crate::document::Document;
use crate::edit::{Command, Origin};
use crate::model::Board;
use crate::ui::canvas::CanvasState;
use crate::ui::dialogs::{Choice, LivePurpose, Modal, Then};
use crate::ui::file_dialog::{ExportKind, FilePurpose};
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

/// The Civic Canvas window: the open board, the canvas showing it, and the window around them.
pub struct CivicCanvasApp {
    /// The open board and what keeps it safe.
    session: Session,
    /// The canvas: view, selection and gestures.
    canvas: CanvasState,
    /// Panels, dialogs, menus and the status bar.
    shell: Shell,
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
        ctx.options_mut(|options| {
            let input = &mut options.input_options;
            input.scroll_zoom_speed =
                crate::ui::camera::Camera::scroll_zoom_speed(input.line_scroll_speed);
        });
        let mut app = Self {
            session: Session::new(),
            canvas: CanvasState::default(),
            shell: Shell::new(options.native_file_dialogs),
        };
        if let Some(path) = options.file {
            app.open_path(path);
        }
        app
    }

    /// The board on screen.
    pub fn board(&self) -> &Board {
        self.session.doc.board()
    }

    /// The open document (board, history, file, unsaved state).
    pub fn document(&self) -> &Document {
        &self.session.doc
    }

    /// The canvas state (camera, selection).
    pub fn canvas(&self) -> &CanvasState {
        &self.canvas
    }

    /// The canvas state, to set the view from outside (tests, benchmarks).
    pub fn canvas_mut(&mut self) -> &mut CanvasState {
        &mut self.canvas
    }

    /// Follows the window's size, place and maximised state, and keeps them in `path` when the
    /// window closes (see [`WindowPlace`]); `place` is where the window opened.
    #[must_use]
    pub fn with_window_place(mut self, path: PathBuf, place: WindowPlace) -> Self {
        self.shell.window_place = Some(window_place::WindowMemory::new(place, path));
        self
    }

    /// The dialog on screen, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.shell.modal.as_ref()
    }

    /// Puts `doc` in place of the board on screen, forgetting what was worked out from the old
    /// one (revisions start again with each document).
    fn replace_document(&mut self, doc: Document) {
        if self.session.live.take().is_some() {
            self.set_status("Left the live session; that board stays on the relay");
        }
        self.session.doc = doc;
        self.canvas.reset();
        self.shell.search.forget_hits();
    }

    /// Everything around the canvas: menus, toolbar, find bar, status bar and panels. Returns
    /// what the inspector shows.
    fn chrome(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &egui::Context,
        commands: &mut Vec<Command>,
        actions: &mut Vec<Action>,
    ) -> Option<crate::ui::inspector::Target> {
        let steps = self.steps();
        let menu_buttons = Panel::top("menu_bar")
            .show(ui, |ui| {
                panels::menu_bar(ui, &self.session.doc, &self.canvas, &steps, actions)
            })
            .inner;
        self.shell.menu_keys.after_bar(ctx, &menu_buttons);
        Panel::top("toolbar").show(ui, |ui| {
            commands.extend(panels::toolbar(
                ui,
                &self.session.doc,
                &mut self.canvas,
                &mut self.session.ids,
                &mut self.shell.title_buffer,
                &steps,
                actions,
            ));
        });
        self.find_bar(ui);
        self.status_bar_panel(ui, ctx, actions);
        self.canvas
            .loops_mut()
            .refresh(self.session.doc.board(), self.session.doc.revision());
        self.side_panels(ui, commands, actions);
        self.people_panel(ui, actions);
        self.inspector_panel(ui, commands, actions)
    }

    /// The status bar: the message of the moment, the board's size, the legibility guard, the
    /// zoom and the live badge.
    fn status_bar_panel(&self, ui: &mut egui::Ui, ctx: &egui::Context, actions: &mut Vec<Action>) {
        Panel::bottom("status_bar").show(ui, |ui| {
            let message = self
                .shell
                .status
                .as_ref()
                .filter(|status| status.shown_at.elapsed() < STATUS_DURATION)
                .map(|status| status.text.as_str());
            let live = self.live_badge();
            let too_small = self.readable_zoom_factor(ctx).is_some();
            panels::status_bar(
                ui,
                &self.session.doc,
                &self.canvas,
                message,
                live.as_ref(),
                too_small,
                actions,
            );
        });
    }

    /// When the smallest board text in view is too small to read in a video call, how much to
    /// zoom in so it can be. Readable is 11 pixels high in a call that shows the screen at
    /// 960×540: 22 pixels on a 1920×1080 screen, scaled for others (the monitor's height, or
    /// the window's when the monitor is not known).
    fn readable_zoom_factor(&self, ctx: &egui::Context) -> Option<f32> {
        let smallest = self.canvas.smallest_text()?;
        let screen_height = ctx.input(|i| {
            i.viewport()
                .monitor_size
                .map(|size| size.y)
                .filter(|height| *height > 0.0)
                .unwrap_or_else(|| i.content_rect().height())
        });
        let readable = 11.0 * screen_height / 540.0;
        (smallest < readable && smallest > 0.0).then(|| readable / smallest * 1.02)
    }

    fn set_status(&mut self, text: impl Into<String>) {
        self.shell.status = Some(StatusMessage {
            text: text.into(),
            shown_at: Instant::now(),
        });
    }

    fn show_error(&mut self, title: impl Into<String>, body: impl Into<String>) {
        self.shell.modal = Some(Modal::Message {
            title: title.into(),
            body: body.into(),
        });
    }

    /// Applies a command from this window as one undo step; a refused command is reported,
    /// never silently lost.
    fn apply(&mut self, command: Command) {
        self.session.last_nudge = None;
        match self.session.doc.apply(command, Origin::Local) {
            Ok(changed) => self.share(&changed),
            Err(error) => self.set_status(format!("That change could not be made: {error}")),
        }
    }

    /// Ends in-place typing, keeping what was typed as its own undo step.
    fn commit_typing(&mut self) {
        if let Some(change) = self.canvas.finish_editing(self.session.doc.board()) {
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
            Action::NewFromTemplate => self.choose_template(),
            Action::SaveAsTemplate => self.ask_template_name(),
            Action::ExportReport => self.start_export(ctx, ExportKind::Report),
            Action::ExportCanvas => self.start_export(ctx, ExportKind::Canvas),
            Action::ExportPicture => self.ask_what_to_export(),
            Action::ImportBoard => self.start_import_board(ctx),
            Action::Import => self.start_import(ctx),
            Action::InsertPersona => self.start_insert_persona(ctx),
            Action::Open => self.request(ctx, Then::Open),
            Action::Quit => self.request(ctx, Then::Quit),
            Action::Save => self.save(ctx, Then::Nothing),
            Action::SaveAs => {
                self.commit_typing();
                self.start_save_as(ctx, Then::Nothing);
            }
            Action::Undo | Action::Redo if self.session.live.is_some() => {
                self.commit_typing();
                self.live_undo(action == Action::Undo);
            }
            Action::Undo | Action::Redo => {
                self.commit_typing();
                let result = if action == Action::Undo {
                    self.session.doc.undo()
                } else {
                    self.session.doc.redo()
                };
                match result {
                    Ok(Some(changed)) => self.share(&changed),
                    Ok(None) => {}
                    Err(error) => self.set_status(format!("{} failed: {error}", action.label())),
                }
            }
            Action::StartLiveSession => self.ask_live_address(LivePurpose::Start),
            Action::JoinLiveSession => self.ask_live_address(LivePurpose::Join),
            Action::LeaveLiveSession => self.leave_live(),
            Action::BringEveryoneToMe => self.bring_everyone_here(),
            Action::Find => {
                self.commit_typing();
                self.shell.search.open();
            }
            Action::FindNext | Action::FindPrevious => {
                if !self.shell.search.open {
                    self.shell.search.open();
                } else if let Some(hit) = self.shell.search.step(
                    self.session.doc.board(),
                    self.session.doc.revision(),
                    action == Action::FindPrevious,
                ) {
                    self.canvas.show_hit(self.session.doc.board(), hit);
                }
            }
            Action::ZoomToFit => self.canvas.request_fit(),
            Action::ZoomToReadable => {
                if let Some(factor) = self.readable_zoom_factor(ctx) {
                    self.canvas.zoom_by(factor);
                }
            }
            Action::ZoomIn => self.canvas.zoom_by(crate::ui::camera::Camera::ZOOM_STEP),
            Action::ZoomOut => self
                .canvas
                .zoom_by(1.0 / crate::ui::camera::Camera::ZOOM_STEP),
            Action::ActualSize => self.canvas.view.camera.set_zoom(1.0),
            Action::ShowShortcuts => self.shell.modal = Some(Modal::Shortcuts),
            Action::OpenMenuBar => {
                self.commit_typing();
                self.shell.menu_keys.open_first();
            }
            Action::ToggleMinimap => {
                self.canvas.settings.show_minimap = !self.canvas.settings.show_minimap;
            }
            Action::ToggleTimer => self.shell.timer.shown = !self.shell.timer.shown,
            Action::Present => self.toggle_presenting(),
            Action::ToggleStageBar => self.shell.stage.bar = !self.shell.stage.bar,
            Action::ToggleLaser => self.toggle_laser(),
            Action::DrawPortrait => self.draw_portrait(),
            Action::Pen => self.pick_tool(crate::ui::canvas::Tool::Pen),
            Action::Highlighter => self.pick_tool(crate::ui::canvas::Tool::Highlighter),
            Action::Eraser => self.pick_tool(crate::ui::canvas::Tool::Eraser),
            Action::ToggleSpotlight => self.toggle_spotlight(),
            Action::ToggleMapKey => self.shell.side.map_key = !self.shell.side.map_key,
            Action::TogglePersonaGallery => self.shell.side.gallery = !self.shell.side.gallery,
            Action::ToggleFrameList => self.shell.side.frame_list = !self.shell.side.frame_list,
            Action::ToggleInspector => self.toggle_inspector(ctx),
            Action::ToggleGuides => {
                self.canvas.settings.smart_guides = !self.canvas.settings.smart_guides;
                self.say_on_off("Smart guides are", self.canvas.settings.smart_guides);
            }
            Action::ToggleSnap => {
                self.canvas.settings.snap_to_grid = !self.canvas.settings.snap_to_grid;
                self.say_on_off("Snap to grid is", self.canvas.settings.snap_to_grid);
            }
            _ => self.perform_on_board(ctx, action),
        }
    }

    /// New, Open or Quit: ask about unsaved changes first.
    fn request(&mut self, ctx: &egui::Context, then: Then) {
        self.commit_typing();
        if self.session.doc.is_dirty() {
            self.shell.modal = Some(Modal::UnsavedChanges { then });
        } else {
            self.proceed(ctx, then);
        }
    }

    /// Does `then`, now that unsaved changes are saved or discarded.
    fn proceed(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::Nothing => {}
            Then::NewBoard => {
                self.replace_document(Document::untitled());
                self.canvas.view.camera = crate::ui::camera::Camera::default();
                self.set_status("New board");
            }
            Then::Open => self.start_open(ctx),
            Then::RestoreRecovered(index) => self.restore_recovered(index),
            Then::NewFromTemplate(index) => self.new_from_template(index),
            Then::Quit => {
                self.close_recovery();
                self.shell.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.shell.close_confirmed {
            self.commit_typing();
            if self.session.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.shell.modal = Some(Modal::UnsavedChanges { then: Then::Quit });
            }
        }
    }

    fn handle_modal(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.shell.modal.as_mut() else {
            return;
        };
        let Some(choice) = modal.show(ctx, self.session.doc.board().title()) else {
            return;
        };
        let finished = self.shell.modal.take();
        match (finished, choice) {
            (Some(Modal::UnsavedChanges { then }), Choice::Save) => self.save(ctx, then),
            (Some(Modal::UnsavedChanges { then }), Choice::Discard) => self.proceed(ctx, then),
            (_, Choice::Path(FilePurpose::SaveAs, path)) if self.would_replace_another(&path) => {
                // A typed path gets the question a system save dialog would have asked.
                self.shell.modal = Some(Modal::ConfirmReplace { path });
            }
            (Some(Modal::ConfirmReplace { path }), Choice::Overwrite) => {
                self.path_chosen(ctx, FilePurpose::SaveAs, path);
            }
            (Some(Modal::ConfirmReplace { .. }), _) => self.shell.after_save = Then::Nothing,
            (_, Choice::Path(purpose, path)) => self.path_chosen(ctx, purpose, path),
            (_, Choice::LiveAddress(LivePurpose::Start, relay)) => self.start_live(ctx, &relay),
            (_, Choice::LiveAddress(LivePurpose::Join, link)) => self.join_live(ctx, &link),
            (Some(Modal::Templates { .. }), Choice::Template(index)) => {
                self.request(ctx, Then::NewFromTemplate(index));
            }
            (Some(Modal::ChoosePersonas { path, personas }), Choice::Personas) => {
                let chosen: Vec<_> = personas
                    .iter()
                    .filter(|(.., chosen)| *chosen)
                    .map(|(id, ..)| *id)
                    .collect();
                self.insert_personas(&path, &chosen);
            }
            (Some(Modal::ChooseColumn { path, .. }), Choice::Column(column)) => {
                let options = crate::interop::table::TableOptions {
                    text_column: Some(column),
                    ..Default::default()
                };
                self.import_notes(&path, &options);
            }
            (Some(Modal::ExportPicture { export, .. }), Choice::ExportPicture) => {
                let kind = export.kind;
                self.shell.picture_export = export;
                self.start_export(ctx, kind);
            }
            (Some(Modal::SaveTemplate { .. }), Choice::TemplateName(name)) => {
                self.save_as_template(&name);
            }
            (Some(Modal::DrawPortrait(sketch)), Choice::Portrait) => self.finish_portrait(&sketch),
            (finished, choice) => self.handle_safety_choice(ctx, finished, choice),
        }
    }

    /// Shortcuts and clipboard keys, when no dialog has the keyboard.
    fn keyboard(&mut self, ctx: &egui::Context) {
        if self.shell.modal.is_some() || self.shell.file_dialogs.is_open() {
            return;
        }
        // A note being edited counts as typing even in the paint its text field lets go of the
        // keyboard (Escape), so that Escape ends the edit without clearing the selection.
        // The same goes for an inspector field, and for an entry just added in the inspector
        // that is about to take the keyboard: letters typed straight after the click go into it.
        let typing = ctx.text_edit_focused()
            || self.canvas.editing_item().is_some()
            || self.shell.inspector.has_keyboard(ctx);
        // While the menu bar has the keyboard, arrows and letters are for the menus.
        let keys_taken = typing || self.shell.menu_keys.active();
        for action in shortcuts::pressed_actions(ctx, keys_taken) {
            self.perform(ctx, action);
        }
        if !typing {
            self.clipboard_events(ctx);
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.session.doc.window_title();
        if title != self.shell.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shell.window_title = title;
        }
    }
}

/// The largest texture side the window uses (see `raw_input_hook`).
const MAX_TEXTURE_SIDE: usize = 4096;

impl eframe::App for CivicCanvasApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // The glyph atlas is as wide as the largest texture allowed and grows until 80% full:
        // with software rendering's 16,384 that is gigabytes once a zoom has drawn text at many
        // sizes. 4,096 keeps it under 64 MB; no texture the app makes is larger.
        raw_input.max_texture_side = Some(
            raw_input
                .max_texture_side
                .map_or(MAX_TEXTURE_SIDE, |side| side.min(MAX_TEXTURE_SIDE)),
        );
        wheel_clicks::merge_doubled_zoom_notches(&mut raw_input.events);
        self.defer_typing_enders(ctx, raw_input);
        self.hold_canvas_keys(ctx, raw_input);
        self.measure_input(raw_input);
    }

    /// The canvas's background: the window is cleared to it, so the canvas does not paint it
    /// again (under software rendering every pass over the whole window costs).
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        theme::CANVAS_BACKGROUND.to_normalized_gamma_f32()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(memory) = &self.shell.window_place {
            // Nobody is left to tell: the window is gone. The next start opens at the usual
            // size.
            let _saved = memory.save();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(timing) = &mut self.shell.frame_timing {
            timing.on_frame(&ctx);
        }
        self.measure_frame(&ctx);
        self.return_held_keys(&ctx);
        self.poll_file_dialog(&ctx);
        self.handle_close_request(&ctx);
        self.take_live(&ctx);
        self.share_presence(&ctx);
        self.keyboard(&ctx);

        let mut actions = Vec::new();
        let mut commands = Vec::new();
        let inspected = if self.shell.stage.presenting {
            self.stage_bar(ui);
            self.canvas
                .loops_mut()
                .refresh(self.session.doc.board(), self.session.doc.revision());
            None
        } else {
            let inspected = self.chrome(ui, &ctx, &mut commands, &mut actions);
            if self.shell.stage.bar {
                self.stage_bar(ui);
            }
            inspected
        };
        CentralPanel::no_frame().show(ui, |ui| {
            let output = self
                .canvas
                .show(ui, self.session.doc.board(), &mut self.session.ids);
            commands.extend(output.commands);
            actions.extend(output.actions);
            self.paint_people(ui);
            self.paint_pointers(ui);
        });
        self.timer_overlay(&ctx);
        for action in actions {
            self.perform(&ctx, action);
        }
        if let Some(notice) = self.canvas.take_notice() {
            self.set_status(notice);
            ctx.request_repaint();
        }
        self.dropped_files(&ctx);
        self.handle_modal(&ctx);
        for command in commands {
            self.apply(command);
        }
        if self
            .shell
            .status
            .as_ref()
            .is_some_and(|s| s.shown_at.elapsed() < STATUS_DURATION)
        {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
        if self.inspector_target() != inspected {
            // The panel beside the canvas opens or closes for the new selection: show that now,
            // not at the next input.
            ctx.request_repaint();
        }
        self.autosave_tick(&ctx);
        self.update_window_title(&ctx);
        self.shell.menu_paste_paints = self.shell.menu_paste_paints.saturating_sub(1);
        if self.shell.menu_paste_paints == 0 {
            // No paste came of the menu's request (an empty clipboard): a later Ctrl+V goes to
            // the pointer as usual.
            self.canvas.take_paste_spot();
        }
        if let Some(memory) = &mut self.shell.window_place {
            memory.on_paint(&ctx);
        }
        // `--screenshot`: after everything else, so the capture shows the whole frame.
        if let Some(screenshot) = &mut self.shell.screenshot {
            screenshot.on_frame(&ctx);
        }
    }
}

/// What the window does besides showing the board, for checking and measuring it.
#[derive(Clone, Debug, Default)]
pub enum Probe {
    /// Nothing: the app as people use it.
    #[default]
    None,
    /// Save the first complete frame as a PNG, then close.
    Screenshot(Screenshot),
    /// Paint this many frames as fast as possible, then close and report how long they took.
    MeasureFrames(usize),
    /// Pan, zoom and send events while timing (`civic-canvas measure`), then close and report.
    Measure(MeasureSpec),
}

/// What a probe found.
#[derive(Clone, Debug)]
pub enum ProbeReport {
    /// `--measure-frames`.
    Frames(FrameReport),
    /// `measure`.
    Measure(MeasureReport),
}

/// Starts the desktop app, optionally with a board file. With a screenshot, the app saves its
/// first complete frame as a PNG and closes; not being able to is an error. A measuring probe
/// returns its report.
pub fn run(
    file: Option<PathBuf>,
    live: Option<LiveStart>,
    probe: &Probe,
) -> anyhow::Result<Option<ProbeReport>> {
    // The window opens where it was last closed; probes always open it at the usual size (or,
    // to measure, at the size asked for).
    let place_path = matches!(probe, Probe::None)
        .then(crate::storage::recovery::default_data_dir)
        .flatten()
        .map(|dir| WindowPlace::path_in(&dir));
    let place = place_path
        .as_deref()
        .and_then(WindowPlace::load)
        .unwrap_or_default();
    let mut viewport = place.apply(
        egui::ViewportBuilder::default()
            .with_title("Civic Canvas")
            .with_app_id("civic-canvas")
            .with_min_inner_size(WindowPlace::MIN_SIZE),
    );
    let asked_size = match &probe {
        Probe::Measure(spec) => Some(spec.size),
        Probe::Screenshot(screenshot) => screenshot.size(),
        Probe::None | Probe::MeasureFrames(_) => None,
    };
    if let Some([width, height]) = asked_size {
        viewport = viewport.with_inner_size([width as f32, height as f32]);
    }
    let mut options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        // Dithering hides banding in gradients, and the board has none; under software OpenGL it
        // costs about a tenth of every frame.
        dithering: false,
        ..Default::default()
    };
    // Measured frames are not held back to the display's refresh rate.
    options.glow_options.vsync = !matches!(probe, Probe::MeasureFrames(_) | Probe::Measure(_));
    let app_options = AppOptions {
        file,
        native_file_dialogs: true,
    };
    let (screenshot, timing, measure) = match &probe {
        Probe::None => (None, None, None),
        Probe::Screenshot(screenshot) => (Some(screenshot.clone()), None, None),
        Probe::MeasureFrames(frames) => (None, Some(FrameTiming::new(*frames)), None),
        Probe::Measure(spec) => (None, None, Some(Measure::new(*spec))),
    };
    let (taken, timed, measured) = (screenshot.clone(), timing.clone(), measure.clone());
    eframe::run_native(
        "Civic Canvas",
        options,
        Box::new(move |cc| {
            let mut app = CivicCanvasApp::new(&cc.egui_ctx, app_options);
            if let Some(start) = &live {
                app.start_live_from_command_line(&cc.egui_ctx, start);
            }
            // Probes show the board as saved: no recovery offer, no autosave.
            let app = match (screenshot, timing, measure) {
                (Some(screenshot), _, _) => app.with_screenshot(screenshot),
                (_, Some(timing), _) => app.with_frame_timing(timing),
                (_, _, Some(measure)) => app.with_measure(measure),
                (None, None, None) => app.with_default_recovery(),
            };
            Ok(Box::new(match place_path {
                Some(path) => app.with_window_place(path, place),
                None => app,
            }))
        }),
    )
    .map_err(|error| anyhow::anyhow!("could not start the window: {error}"))?;
    let unfinished = || anyhow::anyhow!("the window closed before the frames were painted");
    match probe {
        Probe::None => Ok(None),
        Probe::Screenshot(_) => match taken {
            Some(screenshot) => Ok(screenshot.outcome().map(|()| None)?),
            None => Ok(None),
        },
        Probe::MeasureFrames(_) => timed
            .and_then(|timing| timing.report())
            .map(|report| Some(ProbeReport::Frames(report)))
            .ok_or_else(unfinished),
        Probe::Measure(_) => measured
            .and_then(|measure| measure.report())
            .map(|report| Some(ProbeReport::Measure(report)))
            .ok_or_else(unfinished),
    }
}
