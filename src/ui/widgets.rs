//! Small shared widgets: menu and toolbar buttons that show their shortcut, colour swatches.

use egui::{Button, CornerRadius, Response, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};

use crate::model::PaletteColor;
use crate::ui::shortcuts::Action;
use crate::ui::theme;

/// A button for `action`: its label, its shortcut on the right (in menus) and a tooltip that
/// names the shortcut.
pub fn action_button(ui: &mut Ui, action: Action) -> Response {
    action_button_enabled(ui, action, true)
}

/// [`action_button`], greyed out (with its tooltip still shown) unless `enabled`.
pub fn action_button_enabled(ui: &mut Ui, action: Action, enabled: bool) -> Response {
    let shortcut = action.first_shortcut_text(ui.ctx());
    let tooltip = action.tooltip(ui.ctx());
    let response = ui
        .add_enabled(enabled, Button::new(action.label()).shortcut_text(shortcut))
        .on_hover_text(tooltip.clone())
        .on_disabled_hover_text(tooltip);
    // Screen readers (and tests) know the entry by its name; the shortcut is in the tooltip.
    response.widget_info(|| WidgetInfo::labeled(Role::Button, response.enabled(), action.label()));
    response
}

/// A toolbar button for `action` (label only; the shortcut is in the tooltip).
pub fn toolbar_button(ui: &mut Ui, action: Action, enabled: bool) -> Response {
    let tooltip = action.tooltip(ui.ctx());
    ui.add_enabled(enabled, Button::new(action.label()))
        .on_hover_text(tooltip.clone())
        .on_disabled_hover_text(tooltip)
}

/// A row of palette colour swatches; returns the colour clicked in this paint.
///
/// `current` is outlined. Each swatch is labelled with its colour name for screen readers and
/// tests, and names itself, its shortcut and `purpose` (what a click colours) in a tooltip (so
/// colour is never the only cue).
pub fn swatches(ui: &mut Ui, current: Option<PaletteColor>, purpose: &str) -> Option<PaletteColor> {
    let mut picked = None;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for color in PaletteColor::ALL {
            let (rect, response) = ui.allocate_exact_size(vec2(24.0, 24.0), Sense::click());
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, color.label()));
            let radius = CornerRadius::same(4);
            ui.painter().rect_filled(rect, radius, theme::fill(color));
            let outline = if current == Some(color) {
                Stroke::new(3.0, theme::SELECTION)
            } else if response.hovered() {
                Stroke::new(2.0, theme::NOTE_TEXT)
            } else {
                Stroke::new(1.0, theme::border(color))
            };
            ui.painter()
                .rect_stroke(rect, radius, outline, StrokeKind::Inside);
            let keys = Action::Recolor(color).shortcut_text(ui.ctx());
            if response
                .on_hover_text(format!("{} ({keys}): {purpose}", color.label()))
                .clicked()
            {
                picked = Some(color);
            }
        }
    });
    picked
}

/// A one-line text field with a visible label that screen readers and tests find it by.
pub fn labelled_text_field(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    width: f32,
    hint: &str,
) -> Response {
    let field_id = egui::Id::unique(("labelled_text_field", label));
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .id(field_id)
            .desired_width(width)
            .hint_text(hint),
    )
    .labelled_by(label.id)
}

/// The longest text (in bytes) that is typed into in place or in the inspector: laying out more
/// at every paint would make typing crawl. Longer texts stay as they are, shown in part.
pub const MAX_EDITABLE_BYTES: usize = 100_000;

/// Why a text is not opened for typing.
pub fn too_long_to_edit(text: &str) -> String {
    format!(
        "this text has {} characters, too many to type into here; it is kept as it is",
        text.chars().count()
    )
}
