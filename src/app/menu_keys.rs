//! The menu bar from the keyboard: F10 opens the File menu, the arrow keys move through its
//! entries (Up, Down) and to the other menus (Left, Right), Enter chooses and Escape closes.
//!
//! egui already moves the keyboard focus with the arrow keys and clicks a focused button with
//! Enter; this adds opening the bar, stepping between its menus, and keeping the canvas's arrow
//! and letter shortcuts out of the way while the bar has the keyboard.

use egui::{Context, Key, Popup, Response};

/// The menu bar's keyboard state, kept between frames.
#[derive(Debug, Default)]
pub struct MenuKeys {
    /// A menu to open on the next drawing of the bar (by its place in the bar).
    open_request: Option<usize>,
    /// Whether the bar had the keyboard last frame: a menu was open or one of its buttons was
    /// focused.
    active: bool,
    /// Whether the bar was reached with F10 (a menu button focused by a click or by Tab does not
    /// take the canvas's keys).
    by_keyboard: bool,
    /// A menu button to give the keyboard to at the next paint: egui's own menu keys hand the
    /// focus back to the old menu's button in the paint after Left is pressed, so the new menu
    /// takes it one paint later.
    focus_next_frame: Option<usize>,
}

impl MenuKeys {
    /// Opens the first menu (F10).
    pub fn open_first(&mut self) {
        self.open_request = Some(0);
        self.by_keyboard = true;
    }

    /// Whether the menu bar has the keyboard, so the canvas's shortcuts must not act on keys.
    pub fn active(&self) -> bool {
        self.active
    }

    /// After the bar's menu buttons are drawn: opens a requested menu, steps to the next or
    /// previous menu on Right or Left, and lets go of the keyboard on Escape.
    pub fn after_bar(&mut self, ctx: &Context, buttons: &[Response]) {
        let popup = |button: &Response| Popup::default_response_id(button);
        let open = buttons
            .iter()
            .position(|b| Popup::is_id_open(ctx, popup(b)));
        let focused = buttons.iter().position(Response::has_focus);
        let count = buttons.len();
        if let Some(button) = self.focus_next_frame.take().and_then(|i| buttons.get(i)) {
            ctx.memory_mut(|m| m.request_focus(button.id));
        }
        let target = if let Some(request) = self.open_request.take() {
            Some(request)
        } else if let Some(current) = open.or(focused) {
            if open.is_none() && ctx.input(|i| i.key_pressed(Key::Escape)) {
                // Escape on a closed menu's button gives the keyboard back to the canvas.
                if let Some(button) = focused.and_then(|i| buttons.get(i)) {
                    ctx.memory_mut(|m| m.surrender_focus(button.id));
                }
            }
            // Every press counts, even several arriving within one paint.
            let (left, right) = ctx.input(|i| {
                if i.modifiers.any() {
                    (0, 0)
                } else {
                    (
                        i.num_presses(Key::ArrowLeft),
                        i.num_presses(Key::ArrowRight),
                    )
                }
            });
            (left != right).then(|| {
                let back = left % count;
                (current + count - back + right % count) % count
            })
        } else {
            None
        };
        if let Some(button) = target.and_then(|i| buttons.get(i)) {
            Popup::open_id(ctx, popup(button));
            ctx.memory_mut(|m| {
                // The arrow moves to the next menu, not to whatever widget lies that way.
                m.move_focus(egui::FocusDirection::None);
                m.request_focus(button.id);
            });
            self.focus_next_frame = target;
        }
        let still_focused = buttons.iter().any(Response::has_focus);
        self.by_keyboard &= target.is_some() || open.is_some() || still_focused;
        self.active = target.is_some() || open.is_some() || (still_focused && self.by_keyboard);
    }
}
