//! Everything around the canvas: file dialogs, the dialog on screen, the side panels, the
//! inspector, the find bar, the status bar and the window title.

use std::time::{Duration, Instant};

use egui::Panel;

use super::{CivicCanvasApp, frame_list, menu_keys, panels, screenshot::Screenshot};
use crate::edit::Command;
use crate::ui::dialogs::{Modal, Then};
use crate::ui::file_dialog::FileDialogs;
use crate::ui::inspector::{self, InspectorState, Target};
use crate::ui::search::{Hit, Search, SearchRequest};
use crate::ui::shortcuts::Action;
use crate::ui::theme;

/// A short message in the status bar (e.g. "Saved kickoff.ron").
#[derive(Debug)]
pub(super) struct StatusMessage {
    pub(super) text: String,
    pub(super) shown_at: Instant,
}

/// Which panels are shown on the left of the canvas.
#[derive(Clone, Copy, Debug, Default)]
#[expect(clippy::struct_excessive_bools, reason = "one switch per panel")]
pub(super) struct SidePanels {
    /// The map key: node types and feedback loops.
    pub(super) map_key: bool,
    /// The persona gallery.
    pub(super) gallery: bool,
    /// The frame list.
    pub(super) frame_list: bool,
    /// The votes panel.
    pub(super) votes: bool,
    /// Whether the votes panel ranks the whole board's notes rather than the stage's.
    pub(super) votes_scope: super::voting::RankScope,
}

/// How long a status message stays.
pub(super) const STATUS_DURATION: Duration = Duration::from_secs(5);

/// Everything around the canvas: file dialogs, the dialog on screen, the panels and menus, the
/// status bar and the window title.
pub(super) struct Shell {
    pub(super) file_dialogs: FileDialogs,
    pub(super) modal: Option<Modal>,
    /// What to do once a save asked for by a dialog is done.
    pub(super) after_save: Then,
    /// The board title being typed in the toolbar.
    pub(super) title_buffer: String,
    /// The name colleagues see in a live session.
    pub(super) person_name: String,
    /// The workshop timer.
    pub(super) timer: super::timer::WorkshopTimer,
    /// Presenting, and the stage bar.
    pub(super) stage: super::present::StageView,
    /// The laser pointer and the spotlight.
    pub(super) pointers: super::present::Pointers,
    /// Where the timer's time comes from.
    pub(super) clock: super::timer::Clock,
    pub(super) status: Option<StatusMessage>,
    pub(super) window_title: String,
    pub(super) close_confirmed: bool,
    /// Key presses held back from egui's focus handling (see `clipboard.rs`).
    pub(super) held_keys: Vec<egui::Event>,
    /// Paints left in which a paste comes from *Edit → Paste* (the system answers the app's
    /// request in the next paint): it goes mid-view, not where the menu was clicked.
    pub(super) menu_paste_paints: u8,
    /// Input that ends typing (Escape, a click) and what came after it, held for the next paint
    /// because text typed before it arrived in the same paint (see `clipboard.rs`).
    pub(super) deferred_events: Vec<egui::Event>,
    /// The find bar.
    pub(super) search: Search,
    /// Text being typed in the inspector.
    pub(super) inspector: InspectorState,
    /// Which side panels are shown.
    pub(super) side: SidePanels,
    /// Whether the inspector on the right is hidden (Ctrl+I): kept whatever is selected.
    pub(super) inspector_hidden: bool,
    /// The menu bar from the keyboard.
    pub(super) menu_keys: menu_keys::MenuKeys,
    /// `--screenshot`: capture the first complete paint, then close (see `screenshot.rs`).
    pub(super) screenshot: Option<Screenshot>,
    /// `--measure-frames`: time a number of frames, then close (see `frame_timing.rs`).
    pub(super) frame_timing: Option<super::frame_timing::FrameTiming>,
    /// `measure`: pan, zoom and send events while timing, then close (see `measure.rs`).
    pub(super) measure: Option<super::measure::Measure>,
    /// The window's size and place as it follows them, and the file they are kept in when it
    /// closes (not for probes and tests).
    pub(super) window_place: Option<super::window_place::WindowMemory>,
    /// What File → Export picture or handout… chose last.
    pub(super) picture_export: crate::ui::export_dialog::PictureExport,
}

impl Shell {
    /// The window around a new board; `native_file_dialogs` uses the system's file dialogs.
    pub(super) fn new(native_file_dialogs: bool) -> Self {
        Self {
            file_dialogs: FileDialogs::new(native_file_dialogs),
            modal: None,
            after_save: Then::Nothing,
            title_buffer: String::new(),
            person_name: super::people::remembered_name(),
            timer: super::timer::WorkshopTimer::default(),
            stage: super::present::StageView::default(),
            pointers: super::present::Pointers::default(),
            clock: super::timer::Clock::default(),
            status: None,
            window_title: String::new(),
            close_confirmed: false,
            held_keys: Vec::new(),
            menu_paste_paints: 0,
            deferred_events: Vec::new(),
            search: Search::default(),
            inspector: InspectorState::default(),
            side: SidePanels::default(),
            inspector_hidden: false,
            menu_keys: menu_keys::MenuKeys::default(),
            screenshot: None,
            frame_timing: None,
            measure: None,
            window_place: None,
            picture_export: crate::ui::export_dialog::PictureExport::default(),
        }
    }
}

impl CivicCanvasApp {
    /// What the inspector shows: the map node, backdrop, persona, empathy map, frame or connector
    /// the user picked, if any (a frame shown by Page Down is not picked).
    pub(super) fn inspector_target(&self) -> Option<Target> {
        Target::for_selection(
            self.session.doc.board(),
            self.canvas.selection.picked(),
            self.canvas.selection.connector,
        )
    }

    /// The inspector, in a panel on the right of the canvas (the canvas never runs under it),
    /// while something it shows is selected. Hidden, it is a narrow strip with a button to show
    /// it again. Returns what it showed.
    pub(super) fn inspector_panel(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
        actions: &mut Vec<Action>,
    ) -> Option<Target> {
        let target = self.inspector_target()?;
        let mut expanded = !self.shell.inspector_hidden;
        let frame = egui::Frame::side_top_panel(ui.style());
        let strip = Panel::right("inspector_strip")
            .frame(frame)
            .resizable(true)
            .exact_size(theme::INSPECTOR_STRIP_WIDTH);
        let panel = Panel::right("inspector")
            .frame(frame)
            .resizable(true)
            .default_size(theme::INSPECTOR_WIDTH)
            .size_range(theme::INSPECTOR_MIN_WIDTH..=theme::INSPECTOR_MAX_WIDTH);
        Panel::show_switched(ui, &mut expanded, strip, panel, |ui, open| {
            // Named for screen readers (and tests), with the whole panel as its place on screen.
            let area = ui.max_rect() + frame.total_margin();
            ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
                node.set_label("Inspector");
                node.set_bounds(egui::accesskit::Rect {
                    x0: area.min.x.into(),
                    y0: area.min.y.into(),
                    x1: area.max.x.into(),
                    y1: area.max.y.into(),
                });
            });
            if open {
                commands.extend(inspector::show(
                    ui,
                    &mut self.shell.inspector,
                    self.session.doc.board(),
                    target,
                    actions,
                ));
            } else if inspector::show_button(ui).clicked() {
                actions.push(Action::ToggleInspector);
            }
        });
        // Dragging the panel's edge past its narrowest hides it, and dragging the strip opens it.
        self.shell.inspector_hidden = !expanded;
        Some(target)
    }

    /// Ctrl+I: hides the inspector, or shows it (also for a frame shown by Page Down). Hidden
    /// stays hidden for whatever is selected next, until shown again.
    pub(super) fn toggle_inspector(&mut self, ctx: &egui::Context) {
        let selection = &self.canvas.selection;
        let presented = selection
            .presenting
            .is_some_and(|frame| self.canvas.single_selection() == Some(frame));
        if presented {
            self.canvas.selection.presenting = None;
            self.shell.inspector_hidden = false;
        } else {
            self.shell.inspector_hidden = !self.shell.inspector_hidden;
        }
        if self.inspector_target().is_none() {
            let keys = Action::ToggleInspector.shortcut_text(ctx);
            self.set_status(if self.shell.inspector_hidden {
                format!("The inspector is hidden ({keys} shows it)")
            } else {
                "The inspector shows when a node, persona, frame or connector is selected"
                    .to_owned()
            });
        }
    }

    /// The frame list, the map key and the persona gallery on the left, when shown.
    pub(super) fn side_panels(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
        actions: &mut Vec<Action>,
    ) {
        if self.shell.side.frame_list {
            Panel::left("frame_list")
                .default_size(260.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| {
                    commands.extend(frame_list::frame_list(
                        ui,
                        self.session.doc.board(),
                        &mut self.canvas,
                        actions,
                    ));
                });
        }
        if self.shell.side.votes {
            Panel::left("votes")
                .default_size(280.0)
                .size_range(220.0..=440.0)
                .show(ui, |ui| self.votes_panel(ui, actions));
        }
        if self.shell.side.gallery {
            Panel::left("persona_gallery")
                .default_size(260.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| {
                    panels::persona_gallery(ui, self.session.doc.board(), &mut self.canvas);
                });
        }
        if self.shell.side.map_key {
            Panel::left("map_key")
                .default_size(260.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| {
                    panels::map_key(ui, self.session.doc.board(), &mut self.canvas);
                });
        }
    }

    /// The find bar, when open, and the search hits it outlines on the canvas.
    pub(super) fn find_bar(&mut self, ui: &mut egui::Ui) {
        if self.shell.search.open {
            let request = Panel::top("find_bar")
                .show(ui, |ui| {
                    let doc = &self.session.doc;
                    self.shell.search.show(ui, doc.board(), doc.revision())
                })
                .inner;
            match request {
                Some(SearchRequest::Show(hit)) => {
                    self.canvas.show_hit(self.session.doc.board(), hit);
                }
                Some(SearchRequest::Close) => self.shell.search.open = false,
                None => {}
            }
        }
        self.canvas.selection.highlighted = if self.shell.search.open {
            self.shell
                .search
                .hits_at(self.session.doc.board(), self.session.doc.revision())
                .iter()
                .filter_map(|hit| match *hit {
                    Hit::Item(id) => Some(id),
                    Hit::Connector(_) => None,
                })
                .collect()
        } else {
            std::collections::BTreeSet::new()
        };
    }
}
