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

/// A short message in the status bar (e.g. "Saved kickoff.ron").
#[derive(Debug)]
pub(super) struct StatusMessage {
    pub(super) text: String,
    pub(super) shown_at: Instant,
}

/// Which panels are shown on the left of the canvas.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct SidePanels {
    /// The map key: node types and feedback loops.
    pub(super) map_key: bool,
    /// The persona gallery.
    pub(super) gallery: bool,
    /// The frame list.
    pub(super) frame_list: bool,
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
    /// The menu bar from the keyboard.
    pub(super) menu_keys: menu_keys::MenuKeys,
    /// `--screenshot`: capture the first complete paint, then close (see `screenshot.rs`).
    pub(super) screenshot: Option<Screenshot>,
    /// `--measure-frames`: time a number of frames, then close (see `frame_timing.rs`).
    pub(super) frame_timing: Option<super::frame_timing::FrameTiming>,
    /// The window's size and place as it follows them, and the file they are kept in when it
    /// closes (not for probes and tests).
    pub(super) window_place: Option<super::window_place::WindowMemory>,
}

impl Shell {
    /// The window around a new board; `native_file_dialogs` uses the system's file dialogs.
    pub(super) fn new(native_file_dialogs: bool) -> Self {
        Self {
            file_dialogs: FileDialogs::new(native_file_dialogs),
            modal: None,
            after_save: Then::Nothing,
            title_buffer: String::new(),
            status: None,
            window_title: String::new(),
            close_confirmed: false,
            held_keys: Vec::new(),
            menu_paste_paints: 0,
            deferred_events: Vec::new(),
            search: Search::default(),
            inspector: InspectorState::default(),
            side: SidePanels::default(),
            menu_keys: menu_keys::MenuKeys::default(),
            screenshot: None,
            frame_timing: None,
            window_place: None,
        }
    }
}

impl CivicCanvasApp {
    /// The inspector for the selected map item or connector, floating over the right of the
    /// canvas (so the board does not shift when the selection changes).
    pub(super) fn inspector_overlay(
        &mut self,
        ui: &egui::Ui,
        canvas: egui::Rect,
        commands: &mut Vec<Command>,
        actions: &mut Vec<Action>,
    ) {
        let Some(target) = Target::for_selection(
            self.session.doc.board(),
            self.canvas.single_selection(),
            self.canvas.selection.connector,
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
                        &mut self.shell.inspector,
                        self.session.doc.board(),
                        target,
                        actions,
                    ));
                });
            });
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
