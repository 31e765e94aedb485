//! One notch of a mouse wheel is one zoom step, also where X11 reports it twice.
//!
//! On X11, a wheel that the system reports as button clicks (a virtual desktop, a remote
//! session, a mouse without smooth scrolling, `xdotool click 4`) reaches the window as two
//! one-line scrolls, one when the "button" goes down and one when it comes up, so each notch
//! zoomed twice as far. The two arrive back to back, in one paint.

use egui::{Event, Modifiers, MouseWheelUnit};

/// Drops the second of each pair of identical one-line zoom scrolls (Ctrl held) that arrive
/// back to back (X11 repeats the state of the modifier keys between them, which does not count).
/// A wheel reports one line per notch, so two notches turned within one paint (a sixtieth of a
/// second) zoom one step; scrolling to pan is left alone.
pub(super) fn merge_doubled_zoom_notches(events: &mut Vec<Event>) {
    let mut unpaired: Option<Event> = None;
    events.retain(|event| {
        if matches!(event, Event::ModifiersChanged(_)) {
            return true;
        }
        if !is_one_line_zoom_notch(event) {
            unpaired = None;
            return true;
        }
        if unpaired.as_ref() == Some(event) {
            // A pair is two: the next notch starts afresh.
            unpaired = None;
            return false;
        }
        unpaired = Some(event.clone());
        true
    });
}

/// Whether `event` is one notch of a wheel turned with the zoom key (Ctrl, or Cmd on a Mac).
fn is_one_line_zoom_notch(event: &Event) -> bool {
    matches!(
        event,
        Event::MouseWheel {
            unit: MouseWheelUnit::Line,
            delta,
            modifiers,
            ..
        } if modifiers.matches_any(Modifiers::COMMAND)
            && (delta.x.abs() + delta.y.abs() - 1.0).abs() < f32::EPSILON
            && (delta.x == 0.0 || delta.y == 0.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{MouseWheelSource, TouchPhase, vec2};

    fn wheel(unit: MouseWheelUnit, y: f32, modifiers: Modifiers) -> Event {
        Event::MouseWheel {
            unit,
            delta: vec2(0.0, y),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers,
        }
    }

    fn kept(mut events: Vec<Event>) -> Vec<Event> {
        merge_doubled_zoom_notches(&mut events);
        events
    }

    #[test]
    fn a_notch_reported_twice_zooms_once() {
        let notch = wheel(MouseWheelUnit::Line, 1.0, Modifiers::COMMAND);
        assert_eq!(
            kept(vec![notch.clone(), notch.clone()]),
            std::slice::from_ref(&notch)
        );
        // Two notches reported twice each: two steps.
        let four = vec![notch.clone(), notch.clone(), notch.clone(), notch.clone()];
        assert_eq!(kept(four), [notch.clone(), notch.clone()]);
        let out = wheel(MouseWheelUnit::Line, -1.0, Modifiers::COMMAND);
        assert_eq!(
            kept(vec![notch.clone(), out.clone(), out.clone()]),
            [notch, out]
        );
    }

    #[test]
    fn the_modifier_keys_repeated_between_the_two_do_not_part_them() {
        // As X11 sends a notch of a wheel reported as button clicks.
        let notch = wheel(MouseWheelUnit::Line, 1.0, Modifiers::COMMAND);
        let ctrl = Event::ModifiersChanged(Modifiers::COMMAND);
        let events = vec![
            ctrl.clone(),
            notch.clone(),
            ctrl.clone(),
            ctrl.clone(),
            notch.clone(),
            ctrl.clone(),
        ];
        assert_eq!(
            kept(events),
            [ctrl.clone(), notch, ctrl.clone(), ctrl.clone(), ctrl]
        );
    }

    #[test]
    fn everything_else_is_left_as_it_came() {
        let events = vec![
            // Panning, not zooming.
            wheel(MouseWheelUnit::Line, 1.0, Modifiers::NONE),
            wheel(MouseWheelUnit::Line, 1.0, Modifiers::NONE),
            // A trackpad or smooth wheel: points, not lines.
            wheel(MouseWheelUnit::Point, 1.0, Modifiers::COMMAND),
            wheel(MouseWheelUnit::Point, 1.0, Modifiers::COMMAND),
            // Part of a notch (high-resolution wheels).
            wheel(MouseWheelUnit::Line, 0.25, Modifiers::COMMAND),
            wheel(MouseWheelUnit::Line, 0.25, Modifiers::COMMAND),
            // Two notches the system reported as one event.
            wheel(MouseWheelUnit::Line, 2.0, Modifiers::COMMAND),
            wheel(MouseWheelUnit::Line, 2.0, Modifiers::COMMAND),
        ];
        assert_eq!(kept(events.clone()), events);
        // Not back to back.
        let notch = wheel(MouseWheelUnit::Line, 1.0, Modifiers::COMMAND);
        let apart = vec![notch.clone(), Event::Text("x".into()), notch];
        assert_eq!(kept(apart.clone()), apart);
    }
}
