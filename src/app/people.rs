//! The people in a live session: this window's presence going out (name, pointer, selection,
//! the note being typed in, the view and the stage shown), colleagues' cursors and selections
//! drawn over the canvas, the People panel, following a colleague's view and bringing everyone
//! to this one.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Align2, Color32, FontId, Pos2, Sense, Shape, Stroke, StrokeKind, Ui, vec2};

use super::CivicCanvasApp;
use crate::live::presence::{App, SharedView, Stage, color_for};
use crate::live::{Peer, Presence};
use crate::ui::camera::Camera;
use crate::ui::shortcuts::Action;

/// The shortest time between two presence messages: a pointer moving sends at most this often.
const SEND_EVERY: Duration = Duration::from_millis(50);
/// The longest name kept.
const MAX_NAME_CHARS: usize = 60;

/// What this window knows of the room's people.
#[derive(Debug, Default)]
pub(super) struct People {
    /// Everyone else in the room.
    pub(super) others: Vec<Peer>,
    /// What this window last sent, and when.
    sent: Option<(Presence, Instant)>,
    /// Whose view this window follows, and the view it last took from them (moving the view by
    /// hand stops following).
    following: Option<(u64, Option<Camera>)>,
    /// How many times each person has asked everyone to come to them, as last seen.
    summons: HashMap<u64, u64>,
    /// How many times this window has.
    summon: u64,
    /// Whether this window started the session.
    pub(super) facilitator: bool,
}

impl People {
    /// People who started or joined a session.
    pub(super) fn new(facilitator: bool) -> Self {
        Self {
            facilitator,
            ..Self::default()
        }
    }

    /// Takes in the room's people; a person who asked everyone to come to them since last time
    /// is followed. Returns who that was.
    pub(super) fn take(&mut self, others: Vec<Peer>) -> Option<String> {
        let mut summoned_by = None;
        for peer in &others {
            let seen = self
                .summons
                .insert(peer.client, peer.presence.summon)
                .unwrap_or(peer.presence.summon);
            if peer.presence.summon > seen && peer.presence.view.is_some() {
                self.following = Some((peer.client, None));
                summoned_by = Some(peer.name());
            }
        }
        if let Some((client, _)) = self.following
            && !others.iter().any(|peer| peer.client == client)
        {
            self.following = None;
        }
        self.others = others;
        summoned_by
    }

    /// Whom this window follows.
    pub(super) fn following(&self) -> Option<u64> {
        self.following.map(|(client, _)| client)
    }
}

/// The file the name shown to colleagues is kept in, in the app's data folder.
fn name_path() -> Option<PathBuf> {
    crate::storage::recovery::default_data_dir().map(|dir| dir.join("name.txt"))
}

/// The name shown to colleagues: the one typed last time, or the computer account's.
pub(super) fn remembered_name() -> String {
    let kept = name_path()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .map(|name| clean_name(&name))
        .filter(|name| !name.is_empty());
    kept.or_else(|| {
        ["USER", "USERNAME"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .map(|name| clean_name(&name))
            .find(|name| !name.is_empty())
    })
    .unwrap_or_else(|| "Facilitator".to_owned())
}

fn clean_name(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect()
}

fn color32([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}

impl CivicCanvasApp {
    /// Sends this window's presence when it changed (at most every [`SEND_EVERY`]), and moves
    /// the view to the person followed. Called once per paint while live, before the canvas.
    pub(super) fn share_presence(&mut self, ctx: &egui::Context) {
        let Some(live) = &mut self.session.live else {
            return;
        };
        let viewport = self.canvas.viewport();
        let mut notice = None;
        // Following: take the followed person's view, unless the view was moved by hand since.
        let camera = self.canvas.view.camera;
        if let Some((client, taken)) = live.people.following {
            if taken.is_some_and(|taken| taken != camera) {
                live.people.following = None;
                let name = live
                    .people
                    .others
                    .iter()
                    .find(|peer| peer.client == client)
                    .map(Peer::name)
                    .unwrap_or_default();
                notice = Some(format!("Stopped following {name}"));
            } else if let Some(peer) = live.people.others.iter().find(|p| p.client == client)
                && let Some(view) = peer.presence.view
            {
                // The same part of the board, whatever the two windows' sizes.
                let zoom = match view.size {
                    Some([width, height]) if width > 0.0 && height > 0.0 => {
                        view.zoom * (viewport.width() / width).min(viewport.height() / height)
                    }
                    _ => view.zoom,
                };
                let followed = Camera {
                    center_in_board: view.center,
                    zoom: zoom.clamp(Camera::MIN_ZOOM, Camera::MAX_ZOOM),
                };
                self.canvas.show_through(followed);
                live.people.following = Some((client, Some(self.canvas.view.camera)));
            }
        }
        let camera = self.canvas.view.camera;
        let cursor = ctx
            .pointer_hover_pos()
            .filter(|pos| viewport.contains(*pos))
            .map(|pos| camera.board_from_screen(viewport, pos));
        let board = self.session.doc.board();
        let presence = Presence {
            name: self.shell.person_name.clone(),
            color: Some(color_for(live.link.client())),
            app: App::Window,
            facilitator: live.people.facilitator,
            cursor,
            selection: self
                .canvas
                .selection
                .items
                .iter()
                .copied()
                .take(1000)
                .collect(),
            editing: self.canvas.editing_item(),
            view: Some(SharedView {
                center: camera.center_in_board,
                zoom: camera.zoom,
                size: Some([viewport.width(), viewport.height()]),
            }),
            summon: live.people.summon,
            voting: self.canvas.settings.votes.shared(),
            stage: super::present::current_stage(
                board,
                self.canvas.selection.presenting,
                camera.center_in_board,
            )
            .map(|(_, frame)| Stage {
                frame: Some(frame.id),
                title: frame.text().to_owned(),
                prompt: match &frame.kind {
                    crate::model::ItemKind::Frame(stage) => stage.prompt.clone(),
                    _ => String::new(),
                },
            }),
        };
        match &live.people.sent {
            Some((sent, _)) if *sent == presence => {}
            Some((_, at)) if at.elapsed() < SEND_EVERY => {
                ctx.request_repaint_after(SEND_EVERY.saturating_sub(at.elapsed()));
            }
            _ => {
                live.link.set_presence(&presence);
                live.people.sent = Some((presence, Instant::now()));
            }
        }
        if let Some(notice) = notice {
            self.set_status(notice);
        }
    }

    /// Asks everyone in the session to come to this window's view (they follow it until they
    /// move their own).
    pub(super) fn bring_everyone_here(&mut self) {
        if let Some(live) = &mut self.session.live {
            live.people.summon += 1;
            let count = live
                .people
                .others
                .iter()
                .filter(|peer| peer.presence.app == App::Window)
                .count();
            self.set_status(match count {
                0 => "Nobody else has the board open in Civic Canvas to bring here".to_owned(),
                1 => "Brought 1 colleague to this view".to_owned(),
                n => format!("Brought {n} colleagues to this view"),
            });
        }
    }

    /// The People panel, while live: this window's name, everyone else, Follow and Bring
    /// everyone to me.
    pub(super) fn people_panel(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(live) = &mut self.session.live else {
            return;
        };
        egui::Panel::right("people")
            .default_size(220.0)
            .size_range(180.0..=360.0)
            .show(ui, |ui| {
                ui.heading(format!("People ({})", live.people.others.len() + 1));
                ui.add_space(4.0);
                let name = crate::ui::widgets::labelled_text_field(
                    ui,
                    "Your name",
                    &mut self.shell.person_name,
                    ui.available_width(),
                    "shown to the others",
                )
                .on_hover_text("Colleagues and participants see this name beside your pointer");
                if name.lost_focus() {
                    self.shell.person_name = clean_name(&self.shell.person_name);
                    if let Some(path) = name_path() {
                        let _ = crate::storage::write_file_atomically(
                            &path,
                            self.shell.person_name.as_bytes(),
                        );
                    }
                }
                ui.add_space(6.0);
                if live.people.others.is_empty() {
                    ui.label("Nobody else is here yet.");
                }
                let mut follow = None;
                for peer in &live.people.others {
                    ui.horizontal(|ui| {
                        let (dot, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                        ui.painter()
                            .circle_filled(dot.center(), 6.0, color32(peer.color()));
                        let mut entry = peer.name();
                        if peer.presence.app == App::Page {
                            entry.push_str(" (page)");
                        } else if peer.presence.facilitator {
                            entry.push_str(" (facilitator)");
                        }
                        ui.label(entry);
                    });
                    if peer.presence.editing.is_some() {
                        ui.weak("  typing");
                    }
                    if peer.presence.view.is_some() {
                        let followed = live.people.following() == Some(peer.client);
                        let (label, hint) = if followed {
                            ("Stop following", "Move the view yourself again")
                        } else {
                            (
                                "Follow",
                                "Your view follows theirs until you move it yourself",
                            )
                        };
                        if ui.button(label).on_hover_text(hint).clicked() {
                            follow = Some((peer.client, !followed));
                        }
                    }
                    ui.add_space(2.0);
                }
                if let Some((client, on)) = follow {
                    live.people.following = on.then_some((client, None));
                }
                ui.add_space(8.0);
                if crate::ui::widgets::action_button(ui, Action::BringEveryoneToMe).clicked() {
                    actions.push(Action::BringEveryoneToMe);
                }
            });
    }

    /// Colleagues' pointers, selections and the notes they type in, over the canvas.
    pub(super) fn paint_people(&self, ui: &Ui) {
        let Some(live) = &self.session.live else {
            return;
        };
        let viewport = self.canvas.viewport();
        let camera = self.canvas.view.camera;
        let painter = ui.painter_at(viewport);
        let board = self.session.doc.board();
        let font = FontId::proportional(14.0);
        for peer in &live.people.others {
            let color = color32(peer.color());
            let name = peer.name();
            let outline = |id, label: Option<&str>| {
                let Some(item) = board.item(id) else { return };
                let rect = camera
                    .screen_rect(viewport, item.pos, item.size)
                    .expand(4.0);
                painter.rect_stroke(rect, 4.0, Stroke::new(2.5, color), StrokeKind::Outside);
                if let Some(label) = label {
                    tag(
                        &painter,
                        rect.left_top() - vec2(0.0, 2.0),
                        label,
                        color,
                        &font,
                        Align2::LEFT_BOTTOM,
                    );
                }
            };
            for &id in &peer.presence.selection {
                if Some(id) != peer.presence.editing {
                    outline(id, None);
                }
            }
            if let Some(id) = peer.presence.editing {
                outline(id, Some(&format!("{name} is typing")));
            }
            if let Some(at) = peer.presence.cursor {
                let tip = camera.screen_from_board(viewport, at);
                if viewport.contains(tip) {
                    pointer(&painter, tip, color);
                    tag(
                        &painter,
                        tip + vec2(14.0, 18.0),
                        &name,
                        color,
                        &font,
                        Align2::LEFT_TOP,
                    );
                }
            }
        }
    }
}

/// An arrow pointer with its tip at `tip`.
fn pointer(painter: &egui::Painter, tip: Pos2, color: Color32) {
    let points = vec![
        tip,
        tip + vec2(0.0, 18.0),
        tip + vec2(5.0, 13.5),
        tip + vec2(12.5, 13.0),
    ];
    painter.add(Shape::convex_polygon(
        points,
        color,
        Stroke::new(1.5, Color32::WHITE),
    ));
}

/// A name in white on the person's colour, readable over any note.
fn tag(
    painter: &egui::Painter,
    at: Pos2,
    text: &str,
    color: Color32,
    font: &FontId,
    align: Align2,
) {
    let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE);
    let rect = align.anchor_size(at, galley.size() + vec2(10.0, 4.0));
    painter.rect_filled(rect, 3.0, color);
    painter.galley(rect.min + vec2(5.0, 2.0), galley, Color32::WHITE);
}
