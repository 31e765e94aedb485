//! One item on the canvas: pointer interaction (select, drag, resize), in-place text editing
//! and its right-click menu.

use std::collections::BTreeSet;

use egui::{
    CursorIcon, Id, PointerButton, Rect, Response, Role, Sense, TextEdit, Ui, Vec2, WidgetInfo,
};

use super::{
    CanvasOutput, CanvasState, Gesture, TextEditing, frames, map_paint, paint, persona_paint,
};
use crate::edit::{Command, ItemField};
use crate::model::{Board, Item, ItemKind, Size, StrokeTool};
use crate::ui::shortcuts::Action;
use crate::ui::theme;
use crate::ui::widgets::action_button;

impl CanvasState {
    pub(super) fn show_item(
        &mut self,
        ui: &mut Ui,
        painter: &egui::Painter,
        board: &Board,
        item: &Item,
        rect: Rect,
        output: &mut CanvasOutput,
    ) {
        let zoom = self.view.camera.zoom;
        let editing_this = self.editing_item() == Some(item.id);
        // A backdrop is picked up by its title strip; the rest lets clicks through. A stroke is
        // picked only on its line: elsewhere in its box, clicks go to what lies under it.
        let hit_rect = if item.is_backdrop() {
            paint::title_strip(rect, zoom)
        } else if item.as_stroke().is_some() && !self.stroke_under_pointer(ui, item) {
            Rect::NOTHING
        } else {
            rect
        };
        let response = ui.interact(
            hit_rect,
            Id::unique(("board_item", item.id)),
            Sense::click_and_drag(),
        );
        response
            .widget_info(|| WidgetInfo::labeled(Role::GenericContainer, true, item_label(item)));
        self.item_pointer(ui, board, item, &response, &mut output.commands);
        item_context_menu(self, board, item, &response, output);

        let selected = self.selection.items.contains(&item.id);
        let photo = match &item.kind {
            ItemKind::Persona(persona) => persona.photo.and_then(|photo| {
                let across = persona_paint::photo_diameter(rect, zoom) * ui.pixels_per_point();
                self.caches.photos.texture(ui.ctx(), board, photo, across)
            }),
            _ => None,
        };
        if editing_this {
            self.edit_text_in_place(ui, painter, item, rect, photo, &mut output.commands);
            return;
        }
        let look = paint::NoteLook {
            rect,
            zoom,
            selected,
            show_text: true,
            highlighted: self.selection.highlighted.contains(&item.id),
            contrast: self.settings.presenting,
        };
        let votes_shown = !self.settings.votes.hidden;
        let mut label = self.caches.frames.label(item.id);
        if !votes_shown {
            label.votes = 0;
        }
        let text = paint_item(
            painter,
            item,
            &look,
            photo,
            label,
            &self.caches.frames.holes,
        );
        self.saw_text(text);
        if votes_shown && let ItemKind::Note(note) = &item.kind {
            super::votes::paint_dots(painter, rect, zoom, note.total_votes());
        }

        let alone = selected && self.selection.items.len() == 1;
        // A collapsed frame shows only its title strip: it keeps its size until opened.
        let collapsed = item.as_frame().is_some_and(|frame| frame.collapsed);
        let selecting = self.settings.tool == super::Tool::Select;
        let resizable = alone
            && selecting
            && !collapsed
            && !matches!(self.gesture.pointer, Some(Gesture::Move { .. }));
        if resizable {
            self.resize_handle(ui, painter, item, rect, &mut output.commands);
        }
        let handle = match self.gesture.pointer {
            // Only asked when no gesture runs: with hundreds of items in view during a drag,
            // the pointer test per item would cost a noticeable part of the paint.
            None => alone || ui.rect_contains_pointer(rect.expand(40.0)),
            Some(Gesture::Connect { from, .. }) => from == item.id,
            Some(_) => false,
        };
        if handle && selecting && item.connects() && !paint::TinyNotes::is_tiny(rect) {
            self.connection_handle(ui, painter, item, rect);
        }
    }
    /// Click to select, double-click to edit, drag to move (the whole selection).
    pub(super) fn item_pointer(
        &mut self,
        ui: &Ui,
        board: &Board,
        item: &Item,
        response: &Response,
        commands: &mut Vec<Command>,
    ) {
        let space_held = self.space_held(ui);
        if response.dragged_by(PointerButton::Middle) || (space_held && response.dragged()) {
            self.view.camera.pan_by(response.drag_delta());
            return;
        }
        let modifiers = ui.input(|i| i.modifiers);
        if response.clicked() || response.secondary_clicked() || response.drag_started() {
            // Picked by hand: a frame shown by Page Down now opens in the inspector.
            self.selection.presenting = None;
        }
        if response.clicked() {
            if modifiers.shift || modifiers.command {
                if !self.selection.items.remove(&item.id) {
                    self.selection.items.insert(item.id);
                }
            } else {
                self.selection.items = BTreeSet::from([item.id]);
            }
        }
        if response.secondary_clicked() && !self.selection.items.contains(&item.id) {
            self.selection.items = BTreeSet::from([item.id]);
        }
        if response.double_clicked() {
            if let Some(change) = self.finish_editing(board) {
                commands.push(change);
            }
            self.begin_editing(board, item.id);
        }
        if response.drag_started_by(PointerButton::Primary) && self.editing_item() != Some(item.id)
        {
            if !self.selection.items.contains(&item.id) {
                self.selection.items = BTreeSet::from([item.id]);
            }
            // Measured from where the button went down, so the first pixels of the drag (before
            // egui calls it a drag) are not lost.
            let pressed_at = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos())
                .map_or(item.pos, |pos| {
                    self.view.camera.board_from_screen(self.view.viewport, pos)
                });
            let carried = self.carried_members(board);
            let guides = if self.settings.smart_guides && !self.settings.snap_to_grid {
                let moving: Vec<_> = self
                    .selection
                    .items
                    .iter()
                    .chain(&carried)
                    .copied()
                    .collect();
                super::guides::Guides::start(self, board, &moving)
            } else {
                super::guides::Guides::default()
            };
            self.gesture.pointer = Some(Gesture::Move {
                pressed_at,
                delta_in_board: Vec2::ZERO,
                grabbed: item.pos,
                carried,
                guides,
            });
        }
        let moving = matches!(self.gesture.pointer, Some(Gesture::Move { .. }));
        let pointer = response
            .interact_pointer_pos()
            .map(|pos| self.view.camera.board_from_screen(self.view.viewport, pos));
        let zoom = self.view.camera.zoom;
        if let Some(Gesture::Move {
            pressed_at,
            delta_in_board,
            guides,
            ..
        }) = &mut self.gesture.pointer
            && response.dragged_by(PointerButton::Primary)
            && let Some(pointer) = pointer
        {
            *delta_in_board = Vec2::new(pointer.x - pressed_at.x, pointer.y - pressed_at.y);
            guides.update(*delta_in_board, zoom);
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        }
        if moving && response.drag_stopped() {
            let delta = self.move_delta();
            self.gesture.pointer = None;
            if let Some(command) = self.drop_selection(board, delta) {
                commands.push(command);
            }
            self.offer_persona_drop(board, ui.ctx().pointer_interact_pos());
        } else if !moving && response.hovered() && self.editing_item() != Some(item.id) {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }
    }

    pub(super) fn resize_handle(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        item: &Item,
        rect: Rect,
        commands: &mut Vec<Command>,
    ) {
        let handle = paint::resize_handle_rect(rect);
        let response = ui
            .interact(
                handle,
                Id::unique(("resize_handle", item.id)),
                Sense::drag(),
            )
            .on_hover_cursor(CursorIcon::ResizeNwSe)
            .on_hover_text("Drag to resize");
        response.widget_info(|| {
            let label = format!("Resize {}", item.kind.name());
            WidgetInfo::labeled(Role::GenericContainer, true, label)
        });
        // Measured from where the button went down (like moving), so a pointer that reaches the
        // handle in the same paint as the press does not count its way there.
        let to_board = |pos| self.view.camera.board_from_screen(self.view.viewport, pos);
        let pointer_at = response.interact_pointer_pos().map(to_board);
        if response.drag_started()
            && let Some(pressed_at) = ui
                .input(|i| i.pointer.press_origin())
                .map(to_board)
                .or(pointer_at)
        {
            self.gesture.pointer = Some(Gesture::Resize {
                id: item.id,
                size: item.size,
                from: item.size,
                pressed_at,
            });
        }
        let snap_to_grid = self.settings.snap_to_grid;
        if let Some(Gesture::Resize {
            id,
            size,
            from,
            pressed_at,
        }) = &mut self.gesture.pointer
            && *id == item.id
        {
            if response.dragged()
                && let Some(at) = pointer_at
            {
                size.width = (from.width + at.x - pressed_at.x).max(Item::MIN_SIZE.width);
                size.height = (from.height + at.y - pressed_at.y).max(Item::MIN_SIZE.height);
            }
            if response.drag_stopped() {
                let (width, height) = if snap_to_grid {
                    (
                        super::snap(size.width).max(super::SNAP_STEP),
                        super::snap(size.height).max(super::SNAP_STEP),
                    )
                } else {
                    (size.width, size.height)
                };
                let to = Size::new(width, height).tidy();
                self.gesture.pointer = None;
                if to != item.size {
                    commands.push(Command::ResizeItem { id: item.id, to });
                }
            }
        }
        paint::resize_handle(painter, handle, response.hovered() || response.dragged());
    }
    /// The note grows while its text is typed (so nothing is hidden) and a text field sits on it;
    /// a map node keeps its shape and its label is typed where it shows.
    pub(super) fn edit_text_in_place(
        &mut self,
        ui: &mut Ui,
        painter: &egui::Painter,
        item: &Item,
        rect: Rect,
        photo: persona_paint::PhotoTexture,
        commands: &mut Vec<Command>,
    ) {
        let zoom = self.view.camera.zoom;
        let frame_label = self.caches.frames.label(item.id);
        let Some(editing) = self.gesture.typing.as_mut() else {
            return;
        };
        let output = if editing.part == super::card_entry::CardPart::Text {
            let look = InPlace {
                rect,
                zoom,
                photo,
                frame_label,
            };
            text_editor(ui, painter, item, &look, editing)
        } else {
            // A field or list entry of a persona card: the card as it is, the field over it.
            if let ItemKind::Persona(persona) = &item.kind {
                let look = paint::NoteLook {
                    rect,
                    zoom,
                    selected: true,
                    show_text: true,
                    highlighted: false,
                    contrast: false,
                };
                persona_paint::persona(painter, item, persona, &look, photo);
            }
            super::card_entry::field_editor(ui, painter, item.id, rect, zoom, editing)
        };
        if !editing.focused_once {
            output.request_focus();
            editing.focused_once = true;
        }
        if output.lost_focus() {
            commands.extend(super::card_entry::typed_change(editing, item));
            // On a persona card, Tab, Shift+Tab and Enter in a list go on to another part.
            self.gesture.typing = super::card_entry::next_editing(ui, item, editing);
        }
    }
    /// Drops an edit whose note has gone (e.g. removed by undo), after giving a new note a paint
    /// to appear.
    pub(super) fn cancel_lost_edit(&mut self, board: &Board) {
        if let Some(editing) = &mut self.gesture.typing
            && board.item(editing.id).is_none()
        {
            editing.paints_missing += 1;
            if editing.paints_missing > 2 {
                self.gesture.typing = None;
            }
        }
    }
}

/// The text field over an item whose own text is typed in place (a note's text, a name, a
/// title, an empathy map's goal), with the item drawn under it.
fn text_editor(
    ui: &mut Ui,
    painter: &egui::Painter,
    item: &Item,
    look: &InPlace,
    editing: &mut TextEditing,
) -> Response {
    let (inner, font, align) = in_place_background(painter, item, look, &editing.buffer);
    let hint = match item.kind {
        ItemKind::MapNode(_) => "Name this node…",
        ItemKind::Persona(_) => "Name this persona…",
        ItemKind::EmpathyMap(_) => "What is their goal?",
        ItemKind::Frame(_) => "Name this frame…",
        _ => "Type your note…",
    };
    // Only a note's text has lines; a name, a goal or a frame's title is one line, and
    // Enter finishes it. A frame's title is typed on its dark title strip.
    let text_color = if matches!(item.kind, ItemKind::Frame(_)) {
        egui::Color32::WHITE
    } else {
        theme::NOTE_TEXT
    };
    let id = Id::unique(("note_text", item.id));
    let on_a_card = matches!(item.kind, ItemKind::Persona(_));
    let tabbed = super::card_entry::take_tab(ui, id, on_a_card, editing);
    let edit = if matches!(item.kind, ItemKind::Note(_)) {
        TextEdit::multiline(&mut editing.buffer)
    } else {
        TextEdit::singleline(&mut editing.buffer)
    };
    let response = ui.put(
        inner,
        edit.id(id)
            .font(font)
            .align(align)
            .text_color(text_color)
            .frame(egui::Frame::NONE)
            .margin(egui::Margin::ZERO)
            .desired_width(inner.width())
            .hint_text(hint),
    );
    if tabbed {
        response.surrender_focus();
    }
    response
}

/// Paints an item being typed into (its shape, without its text) and says where the text field
/// goes, in which font and alignment: a note grows with its text so nothing is hidden; a node,
/// persona or empathy map keeps its shape and gets the field where its name or goal shows.
fn in_place_background(
    painter: &egui::Painter,
    item: &Item,
    in_place: &InPlace,
    buffer: &str,
) -> (Rect, egui::FontId, egui::Align2) {
    let InPlace {
        rect,
        zoom,
        photo,
        ref frame_label,
    } = *in_place;
    let look = paint::NoteLook {
        rect,
        zoom,
        selected: true,
        show_text: false,
        highlighted: false,
        contrast: false,
    };
    match &item.kind {
        ItemKind::EmpathyMap(map) => {
            persona_paint::empathy_map(painter, item, map, &look);
            let goal = persona_paint::goal_rect(rect, zoom).shrink(theme::NOTE_PADDING * zoom);
            let font = persona_paint::name_font(zoom * 0.85);
            (goal, font, egui::Align2::LEFT_CENTER)
        }
        ItemKind::Persona(persona) => {
            persona_paint::persona(painter, item, persona, &look, photo);
            let inner = persona_paint::name_edit_rect(rect, zoom);
            (
                inner,
                persona_paint::name_font(zoom),
                egui::Align2::LEFT_CENTER,
            )
        }
        ItemKind::Frame(frame) => {
            frames::paint_frame(painter, frame, &look, frame_label.clone(), &[]);
            let inner = frames::title_edit_rect(rect, zoom);
            (inner, frames::title_font(zoom), egui::Align2::LEFT_CENTER)
        }
        ItemKind::MapNode(node) => {
            map_paint::node(painter, item, node, &look);
            let font = egui::FontId::new(
                theme::NOTE_FONT_SIZE * zoom,
                egui::FontFamily::Name(theme::BOLD.into()),
            );
            let inner = map_paint::label_edit_rect(node, rect, zoom);
            (inner, font, egui::Align2::CENTER_TOP)
        }
        _ => {
            let font = theme::note_font(theme::NOTE_FONT_SIZE * zoom);
            let inner_width = paint::text_rect(rect, zoom).width().max(1.0);
            let text_height = painter
                .layout(
                    buffer.to_owned(),
                    font.clone(),
                    theme::NOTE_TEXT,
                    inner_width,
                )
                .size()
                .y;
            let mut grown = rect;
            grown.max.y = grown
                .max
                .y
                .max(rect.min.y + text_height + 2.0 * theme::NOTE_PADDING * zoom + zoom * 4.0);
            paint::note(
                painter,
                item,
                &paint::NoteLook {
                    rect: grown,
                    ..look
                },
            );
            (paint::text_rect(grown, zoom), font, egui::Align2::LEFT_TOP)
        }
    }
}

/// Where and how an item being typed into is shown.
#[derive(Clone)]
struct InPlace {
    /// The item on screen.
    rect: Rect,
    /// Screen points per board unit.
    zoom: f32,
    /// A persona's photo.
    photo: persona_paint::PhotoTexture,
    /// What a frame's title strip says.
    frame_label: frames::FrameLabel,
}

/// How many characters of an item's text its label holds.
const LABEL_CHARS: usize = 200;

/// What screen readers and UI tests call an item: its text (its first [`LABEL_CHARS`]
/// characters), or what it is when it has none.
pub fn item_label(item: &Item) -> &str {
    match &item.kind {
        ItemKind::Note(note) if note.text.is_empty() => "Empty sticky note",
        ItemKind::MapNode(node) if node.label.is_empty() => "Unnamed map node",
        ItemKind::Persona(persona) if persona.name.is_empty() => "Unnamed persona",
        ItemKind::EmpathyMap(_) => "Empathy map",
        ItemKind::Rings(_) => "Stakeholder rings",
        ItemKind::InterestGrid => "Influence / interest grid",
        ItemKind::ImpactGrid => "Impact / effort grid",
        ItemKind::Stroke(stroke) => match stroke.tool {
            StrokeTool::Pen => "Pen stroke",
            StrokeTool::Highlighter => "Highlighter stroke",
        },
        ItemKind::Frame(frame) if frame.title.is_empty() => "Untitled frame",
        // A label names the item; it need not hold all of a long text.
        ItemKind::Note(_) | ItemKind::MapNode(_) | ItemKind::Persona(_) | ItemKind::Frame(_) => {
            paint::first_chars(item.text(), LABEL_CHARS)
        }
    }
}

/// Paints any item in its own way (`photo`: a persona's photo texture; `frame_label`: what a
/// frame's title strip says besides its title; `holes`: where opaque cards will cover a frame).
/// Returns the size of its body text on screen (points): a note's text, a map node's name.
pub(super) fn paint_item(
    painter: &egui::Painter,
    item: &Item,
    look: &paint::NoteLook,
    photo: persona_paint::PhotoTexture,
    frame_label: frames::FrameLabel,
    holes: &[Rect],
) -> Option<f32> {
    match &item.kind {
        ItemKind::Note(_) => return paint::note(painter, item, look),
        ItemKind::MapNode(node) => {
            map_paint::node(painter, item, node, look);
            return (!node.label.is_empty()).then_some(theme::NOTE_FONT_SIZE * look.zoom);
        }
        ItemKind::Persona(persona) => persona_paint::persona(painter, item, persona, look, photo),
        ItemKind::EmpathyMap(map) => persona_paint::empathy_map(painter, item, map, look),
        ItemKind::Rings(rings) => {
            map_paint::rings(painter, rings, look.rect, look.zoom, look.selected);
        }
        ItemKind::InterestGrid => map_paint::grid(
            painter,
            look.rect,
            look.zoom,
            look.selected,
            map_paint::GridAxes::INFLUENCE_INTEREST,
        ),
        ItemKind::ImpactGrid => map_paint::grid(
            painter,
            look.rect,
            look.zoom,
            look.selected,
            map_paint::GridAxes::IMPACT_EFFORT,
        ),
        ItemKind::Frame(frame) => frames::paint_frame(painter, frame, look, frame_label, holes),
        ItemKind::Stroke(stroke) => {
            super::stroke_paint::stroke(painter, item, stroke, look.rect, look.zoom);
            paint::outline_marks(
                painter,
                look.rect,
                egui::CornerRadius::ZERO,
                look.selected,
                look.highlighted,
            );
        }
    }
    None
}

/// The right-click menu of a note: the same actions as the keyboard, for the selection.
pub(super) fn item_context_menu(
    state: &mut CanvasState,
    board: &Board,
    item: &Item,
    response: &Response,
    output: &mut CanvasOutput,
) {
    response.context_menu(|ui| {
        let mut menu_action = |ui: &mut Ui, action: Action| {
            if action_button(ui, action).clicked() {
                output.actions.push(action);
                ui.close();
            }
        };
        menu_action(ui, Action::EditText);
        if matches!(item.kind, ItemKind::Persona(_)) {
            menu_action(ui, Action::DrawPortrait);
        }
        if let ItemKind::Note(note) = &item.kind {
            let mut fit = note.fit_text;
            if ui
                .checkbox(&mut fit, "Fit text to note")
                .on_hover_text(
                    "Make the text as large as the note allows, or smaller when it is long",
                )
                .clicked()
            {
                output
                    .commands
                    .extend(fit_text_of_selection(state, board, fit));
                ui.close();
            }
        }
        ui.separator();
        ui.label("Colour");
        let purpose = "colour of the selection";
        if let Some(color) = crate::ui::widgets::swatches(ui, Some(item.color), purpose) {
            output
                .commands
                .extend(state.recolor_selection(board, color));
            ui.close();
        }
        ui.separator();
        for action in [Action::Copy, Action::Cut, Action::Duplicate] {
            menu_action(ui, action);
        }
        ui.separator();
        for action in [Action::BringToFront, Action::SendToBack] {
            menu_action(ui, action);
        }
        if state.selection.items.len() > 1 {
            ui.menu_button("Arrange", |ui| {
                for &action in Action::ARRANGE {
                    menu_action(ui, action);
                }
            });
        }
        ui.separator();
        if item.as_frame().is_some() {
            menu_action(ui, Action::ToggleCollapse);
            menu_action(ui, Action::TidyFrame);
        } else {
            menu_action(ui, Action::NewFrame);
        }
        ui.separator();
        menu_action(ui, Action::Delete);
    });
}

/// One step that turns text fitting on or off for every selected sticky note.
fn fit_text_of_selection(state: &CanvasState, board: &Board, fit: bool) -> Option<Command> {
    let commands = state
        .selection
        .items
        .iter()
        .filter_map(|&id| board.item(id))
        .filter_map(|item| match &item.kind {
            ItemKind::Note(note) if note.fit_text != fit => Some(Command::SetField {
                id: item.id,
                field: ItemField::FitText(fit),
            }),
            _ => None,
        })
        .collect();
    super::edits::batch("Fit text to note", commands)
}
