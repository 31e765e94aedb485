//! The workshop timer: a countdown over the canvas, large enough to read in a compressed video
//! call, with Start, Pause, a minute more or less, and Reset. It runs on the clock, not on
//! frames: the window may be in the background or idle, and it asks for a paint only when the
//! seconds shown change. At zero it turns a calm green and says "Time is up"; nothing flashes.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{Align2, Color32, CornerRadius, FontId, RichText, Stroke, vec2};

use super::CivicCanvasApp;

/// What a new timer is set to.
const DEFAULT_SET: Duration = Duration::from_mins(5);
const MINUTE: Duration = Duration::from_mins(1);
/// The longest time the timer can be set to.
const LONGEST: Duration = Duration::from_hours(3);

/// A clock for tests: it stands still until told to move on.
#[derive(Clone, Debug, Default)]
pub struct TestClock(Arc<Mutex<Duration>>);

impl TestClock {
    /// Moves the clock on by `by`.
    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

/// Where the time comes from.
#[derive(Clone, Debug, Default)]
pub(super) enum Clock {
    /// The system's clock.
    #[default]
    System,
    /// A test's clock, counted from when it was given to the app.
    Test { start: Instant, clock: TestClock },
}

impl Clock {
    pub(super) fn now(&self) -> Instant {
        match self {
            Self::System => Instant::now(),
            Self::Test { start, clock } => {
                *start + clock.0.lock().map(|now| *now).unwrap_or_default()
            }
        }
    }
}

/// The countdown.
#[derive(Clone, Debug)]
pub(super) struct WorkshopTimer {
    /// Whether it is shown over the canvas.
    pub(super) shown: bool,
    /// What Reset goes back to.
    set: Duration,
    /// The time left when it last stopped (or was set).
    left: Duration,
    /// Since when it runs, with the time left then.
    running: Option<Instant>,
    /// Whether it ran since it was last reset: only then is zero "time is up".
    started: bool,
}

impl Default for WorkshopTimer {
    fn default() -> Self {
        Self {
            shown: false,
            set: DEFAULT_SET,
            left: DEFAULT_SET,
            running: None,
            started: false,
        }
    }
}

impl WorkshopTimer {
    /// The time left at `now`.
    pub(super) fn left(&self, now: Instant) -> Duration {
        match self.running {
            Some(since) => self
                .left
                .saturating_sub(now.saturating_duration_since(since)),
            None => self.left,
        }
    }

    pub(super) fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Whether it ran down to zero.
    pub(super) fn is_up(&self, now: Instant) -> bool {
        self.started && self.left(now).is_zero()
    }

    pub(super) fn start(&mut self, now: Instant) {
        if self.running.is_none() && !self.left.is_zero() {
            self.running = Some(now);
            self.started = true;
        }
    }

    pub(super) fn pause(&mut self, now: Instant) {
        self.left = self.left(now);
        self.running = None;
    }

    /// A minute more: on the time left, and on what Reset goes back to while it has not run.
    pub(super) fn add_minute(&mut self, now: Instant) {
        let left = self.left(now);
        if let Some(since) = &mut self.running {
            *since = now;
        }
        self.left = (left + MINUTE).min(LONGEST);
        if !self.started {
            self.set = self.left;
        }
    }

    /// A minute less, down to one minute left.
    pub(super) fn remove_minute(&mut self, now: Instant) {
        let left = self.left(now);
        if let Some(since) = &mut self.running {
            *since = now;
        }
        self.left = left.saturating_sub(MINUTE).max(MINUTE.min(left));
        if !self.started {
            self.set = self.left;
        }
    }

    /// Set to `length` and running from `now` (a stage with a time box coming up).
    pub(super) fn run_for(&mut self, length: Duration, now: Instant) {
        self.set = length.min(LONGEST);
        self.left = self.set;
        self.running = Some(now);
        self.started = true;
    }

    /// Back to the time set, stopped.
    pub(super) fn reset(&mut self) {
        self.left = self.set;
        self.running = None;
        self.started = false;
    }

    /// How long until the seconds shown change, while running.
    fn next_change(&self, now: Instant) -> Option<Duration> {
        self.running?;
        let left = self.left(now);
        if left.is_zero() {
            return None;
        }
        let into_second = left.subsec_nanos();
        Some(if into_second == 0 {
            Duration::from_secs(1)
        } else {
            Duration::from_nanos(u64::from(into_second))
        })
    }
}

/// `left` as minutes and seconds, rounded up (so "00:00" only at zero).
pub(super) fn clock_face(left: Duration) -> String {
    let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// The timer's dark box, and its calm green once time is up.
const FACE: Color32 = Color32::from_rgb(0x1d, 0x27, 0x33);
const UP: Color32 = Color32::from_rgb(0x23, 0x6b, 0x4e);

impl CivicCanvasApp {
    /// The timer over the top-right corner of the canvas, when shown.
    pub(super) fn timer_overlay(&mut self, ctx: &egui::Context) {
        if !self.shell.timer.shown {
            return;
        }
        let now = self.shell.clock.now();
        let timer = &mut self.shell.timer;
        if timer.is_running() && timer.left(now).is_zero() {
            // Run down: stopped at zero.
            timer.pause(now);
        }
        let left = timer.left(now);
        let up = timer.is_up(now);
        let corner = self.canvas.viewport().right_top() + vec2(-16.0, 16.0);
        egui::Area::new(egui::Id::unique("workshop_timer"))
            .order(egui::Order::Foreground)
            .fixed_pos(corner)
            .pivot(Align2::RIGHT_TOP)
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(if up { UP } else { FACE })
                    .corner_radius(CornerRadius::same(10))
                    .inner_margin(egui::Margin::symmetric(16, 10))
                    .stroke(Stroke::new(1.0, Color32::from_gray(90)))
                    .show(ui, |ui| {
                        ui.vertical_centered(|ui| {
                            ui.label(
                                RichText::new(clock_face(left))
                                    .font(FontId::monospace(48.0))
                                    .color(Color32::WHITE),
                            )
                            .on_hover_text("Workshop timer (T shows or hides it)");
                            if up {
                                ui.label(
                                    RichText::new("Time is up").size(22.0).color(Color32::WHITE),
                                );
                            }
                            ui.horizontal(|ui| {
                                let (label, hint) = if timer.is_running() {
                                    ("Pause", "Stop the countdown; Start goes on from here")
                                } else {
                                    ("Start", "Count down from the time shown")
                                };
                                let can_run = timer.is_running() || !left.is_zero();
                                if ui
                                    .add_enabled(can_run, egui::Button::new(label))
                                    .on_hover_text(hint)
                                    .clicked()
                                {
                                    if timer.is_running() {
                                        timer.pause(now);
                                    } else {
                                        timer.start(now);
                                    }
                                }
                                if ui.button("-1 min").on_hover_text("A minute less").clicked() {
                                    timer.remove_minute(now);
                                }
                                if ui.button("+1 min").on_hover_text("A minute more").clicked() {
                                    timer.add_minute(now);
                                }
                                if ui
                                    .button("Reset")
                                    .on_hover_text("Back to the time set, stopped")
                                    .clicked()
                                {
                                    timer.reset();
                                }
                            });
                        });
                    });
            });
        // Only when the seconds shown change: an idle window stays idle.
        if let Some(next) = self.shell.timer.next_change(self.shell.clock.now()) {
            ctx.request_repaint_after(next);
        }
    }

    /// Makes the app's timer run on `clock` (tests).
    #[must_use]
    pub fn with_test_clock(mut self, clock: TestClock) -> Self {
        self.shell.clock = Clock::Test {
            start: Instant::now(),
            clock,
        };
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_counts_down_on_the_clock_and_pauses() {
        let t0 = Instant::now();
        let mut timer = WorkshopTimer::default();
        assert_eq!(clock_face(timer.left(t0)), "05:00");
        timer.start(t0);
        assert_eq!(
            clock_face(timer.left(t0 + Duration::from_millis(1500))),
            "04:59"
        );
        timer.pause(t0 + MINUTE);
        assert_eq!(
            timer.left(t0 + Duration::from_mins(10)),
            Duration::from_mins(4)
        );
        timer.add_minute(t0 + Duration::from_mins(10));
        assert_eq!(
            timer.left(t0 + Duration::from_mins(10)),
            Duration::from_mins(5)
        );
        timer.start(t0 + Duration::from_mins(10));
        let end = t0 + Duration::from_mins(15);
        assert!(timer.is_up(end));
        assert_eq!(clock_face(timer.left(end)), "00:00");
        assert_eq!(timer.next_change(end), None, "no paints once it is up");
        timer.reset();
        assert!(!timer.is_up(end));
        assert_eq!(timer.left(end), DEFAULT_SET);
    }

    #[test]
    fn it_asks_for_a_paint_only_when_the_seconds_change() {
        let t0 = Instant::now();
        let mut timer = WorkshopTimer::default();
        assert_eq!(timer.next_change(t0), None, "stopped: no paints");
        timer.start(t0);
        assert_eq!(timer.next_change(t0), Some(Duration::from_secs(1)));
        assert_eq!(
            timer.next_change(t0 + Duration::from_millis(250)),
            Some(Duration::from_millis(750))
        );
    }

    #[test]
    fn minutes_set_before_it_runs_are_what_reset_goes_back_to() {
        let t0 = Instant::now();
        let mut timer = WorkshopTimer::default();
        timer.remove_minute(t0);
        timer.remove_minute(t0);
        assert_eq!(timer.left(t0), Duration::from_mins(3));
        timer.start(t0);
        timer.add_minute(t0 + Duration::from_secs(30));
        timer.reset();
        assert_eq!(timer.left(t0), Duration::from_mins(3));
        for _ in 0..10 {
            timer.remove_minute(t0);
        }
        assert_eq!(timer.left(t0), MINUTE, "never below a minute by the button");
    }
}
