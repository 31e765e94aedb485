//! `civic-canvas measure BOARD`: how fast the real window is with this board, on this machine.
//!
//! The window opens at a given size, shows the board (fitted, or at 100% around its middle) and
//! then, with vsync off and a paint forced every frame:
//!
//! 1. **pans** continuously, 2 points across and 1 down per frame, reversing every second, and
//!    times every frame from the start of one to the start of the next (the app, egui, the
//!    renderer and the swap);
//! 2. **zooms** by 10% in and back out a few times, timing the frames that zoom in;
//! 3. stops forcing paints and sends a **pointer move** and a **key stroke** (down and up) as
//!    the window system would, each after a quiet spell, counting the frames each one causes
//!    and the processor time they take, all threads together (the renderer's included).
//!
//! Then it closes and reports, with the time from start to the first complete frame and the
//! most memory the process held.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, ViewportCommand, vec2};

use super::CivicCanvasApp;
use crate::model::{Board, Item, Rect as BoardRect};
use crate::ui::camera::Camera;
use crate::ui::canvas::CanvasState;

/// How the board is shown while measuring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureView {
    /// The whole board in view.
    Fit,
    /// At 100%, around the middle of the board.
    Actual,
}

impl MeasureView {
    fn name(self) -> &'static str {
        match self {
            Self::Fit => "fit",
            Self::Actual => "100%",
        }
    }
}

/// What to measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasureSpec {
    /// How the board is shown.
    pub view: MeasureView,
    /// How long to pan.
    pub pan: Duration,
    /// The window's inner size, in points.
    pub size: [u32; 2],
    /// When the process started: the first complete frame is timed from here.
    pub started: Instant,
}

/// How long the first complete frame waits for photos still being decoded.
const PHOTOS_AT_MOST: Duration = Duration::from_secs(20);
/// Frames painted before panning starts, after the first complete one.
const WARM_UP: u32 = 3;
/// How far the view pans each frame, in points.
const PAN_STEP: egui::Vec2 = vec2(2.0, 1.0);
/// The pan reverses after this long.
const PAN_LEG: Duration = Duration::from_secs(1);
/// How many zoom steps are taken (half in, half back out).
const ZOOM_STEPS: u32 = 10;
/// One zoom step.
const ZOOM_FACTOR: f32 = 1.1;
/// Frames painted between zoom steps, so each step starts from a settled view.
const ZOOM_SETTLE: u32 = 2;
/// How many pointer moves and key strokes are sent (each).
const EVENT_ROUNDS: u32 = 10;
/// How long the window must have been quiet before an event is sent, and after one before its
/// cost is read. egui repaints twice after any input; the paints it causes follow within
/// milliseconds.
const QUIET: Duration = Duration::from_millis(150);

/// What one kind of input event costs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventCost {
    /// Frames painted per event, on average.
    pub frames: f64,
    /// Processor time per event (all threads), where the system says.
    pub cpu: Option<Duration>,
}

/// What `measure` found.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureReport {
    /// The window's inner size, in points.
    pub size: [u32; 2],
    /// How the board was shown.
    pub view: MeasureView,
    /// The zoom it was shown at (1.0 = 100%).
    pub zoom: f32,
    /// How many items the board holds.
    pub items: usize,
    /// From the start of the process to the first complete frame on screen.
    pub first_frame: Duration,
    /// How many frames were timed while panning.
    pub frames: usize,
    /// The median frame interval while panning.
    pub median: Duration,
    /// The 95th percentile.
    pub p95: Duration,
    /// The 99th percentile.
    pub p99: Duration,
    /// Frames per second while panning.
    pub fps: f64,
    /// Processor time per frame while panning (all threads), where the system says.
    pub cpu_per_frame: Option<Duration>,
    /// The median frame that zoomed in by 10%.
    pub zoom_step: Option<Duration>,
    /// What one pointer move costs.
    pub pointer_move: Option<EventCost>,
    /// What one key stroke (down and up) costs.
    pub key_stroke: Option<EventCost>,
    /// The most memory the process held, in bytes, where the system says.
    pub peak_memory: Option<u64>,
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// A duration in milliseconds with one decimal, or `unknown`.
fn ms_or_unknown(duration: Option<Duration>) -> String {
    duration.map_or_else(|| "unknown".to_owned(), |d| format!("{:.1} ms", ms(d)))
}

impl MeasureReport {
    /// What a facilitator reads from the pan: whether moving around this board will look smooth
    /// in a shared screen.
    pub fn verdict(&self) -> &'static str {
        let p95 = ms(self.p95);
        if p95 <= 1000.0 / 60.0 {
            "smooth: faster than a 60 Hz screen shows"
        } else if p95 <= 1000.0 / 30.0 {
            "fine: at least 30 frames a second"
        } else {
            "slow: panning will stutter; try a smaller window or a smaller board"
        }
    }

    /// The report as one JSON object (numbers in milliseconds, bytes and seconds).
    pub fn to_json(&self) -> String {
        let opt =
            |value: Option<f64>| value.map_or_else(|| "null".to_owned(), |v| format!("{v:.3}"));
        let event = |cost: Option<EventCost>| match cost {
            Some(cost) => format!(
                "{{\"frames\":{:.2},\"cpu_ms\":{}}}",
                cost.frames,
                opt(cost.cpu.map(ms))
            ),
            None => "null".to_owned(),
        };
        format!(
            "{{\"width\":{},\"height\":{},\"view\":\"{}\",\"zoom\":{:.4},\"items\":{},\
             \"first_frame_s\":{:.3},\"frames\":{},\"median_ms\":{:.3},\"p95_ms\":{:.3},\
             \"p99_ms\":{:.3},\"fps\":{:.1},\"cpu_per_frame_ms\":{},\"zoom_step_ms\":{},\
             \"pointer_move\":{},\"key_stroke\":{},\"peak_memory_bytes\":{}}}",
            self.size[0],
            self.size[1],
            match self.view {
                MeasureView::Fit => "fit",
                MeasureView::Actual => "100",
            },
            self.zoom,
            self.items,
            self.first_frame.as_secs_f64(),
            self.frames,
            ms(self.median),
            ms(self.p95),
            ms(self.p99),
            self.fps,
            opt(self.cpu_per_frame.map(ms)),
            opt(self.zoom_step.map(ms)),
            event(self.pointer_move),
            event(self.key_stroke),
            self.peak_memory
                .map_or_else(|| "null".to_owned(), |bytes| bytes.to_string()),
        )
    }
}

impl std::fmt::Display for MeasureReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [width, height] = self.size;
        writeln!(
            f,
            "window {width}×{height}, {} items, {} (zoom {:.0}%)",
            self.items,
            self.view.name(),
            self.zoom * 100.0
        )?;
        writeln!(
            f,
            "first complete frame: {:.2} s after start",
            self.first_frame.as_secs_f64()
        )?;
        writeln!(
            f,
            "panning, {} frames: median {:.1} ms, 95th percentile {:.1} ms, 99th {:.1} ms \
             ({:.0} frames a second)",
            self.frames,
            ms(self.median),
            ms(self.p95),
            ms(self.p99),
            self.fps
        )?;
        writeln!(
            f,
            "processor time per frame: {}",
            ms_or_unknown(self.cpu_per_frame)
        )?;
        writeln!(
            f,
            "one zoom step in (10%): {}",
            ms_or_unknown(self.zoom_step)
        )?;
        for (what, cost) in [
            ("one pointer move", self.pointer_move),
            ("one key stroke", self.key_stroke),
        ] {
            match cost {
                Some(cost) => writeln!(
                    f,
                    "{what}: {} of processor time, {:.1} frames",
                    ms_or_unknown(cost.cpu),
                    cost.frames
                )?,
                None => writeln!(f, "{what}: not measured")?,
            }
        }
        match self.peak_memory {
            Some(bytes) => writeln!(f, "peak memory: {} MB", bytes / 1_000_000)?,
            None => writeln!(f, "peak memory: unknown")?,
        }
        write!(f, "verdict: {}", self.verdict())
    }
}

/// The `q`th quantile (0–1) of sorted durations, by the nearest rank.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted
        .get(rank.clamp(1, sorted.len()) - 1)
        .copied()
        .unwrap_or_default()
}

/// Where the measuring is.
#[derive(Clone, Copy, Debug)]
enum Phase {
    /// Until the first complete frame (no photo still being decoded) is on screen.
    Opening,
    /// A few frames before timing.
    WarmUp(u32),
    /// Panning since then.
    Panning(Instant),
    /// Zooming: steps taken so far, and paints left before the next one.
    Zooming { taken: u32, settle: u32 },
    /// Sending events: how many were sent, and when the last frame began.
    Events { sent: u32 },
    /// Measured; the window is closing.
    Done,
}

/// An event sent while measuring, and what was seen since.
#[derive(Clone, Copy, Debug)]
struct Burst {
    /// A pointer move (or else a key stroke).
    pointer: bool,
    /// Processor time when it was sent.
    cpu_before: Option<Duration>,
    /// Frames painted since.
    frames: u32,
}

/// The measuring, driven by the app's paints. Clones share the outcome: keep one to ask
/// [`Measure::report`] after the window closed.
#[derive(Clone, Debug)]
pub struct Measure {
    spec: MeasureSpec,
    phase: Phase,
    first_frame: Option<Duration>,
    frame_starts: Vec<Instant>,
    cpu_at_pan: Option<Duration>,
    cpu_per_frame: Option<Duration>,
    zoom_steps: Vec<Duration>,
    zoom_step_started: Option<Instant>,
    last_frame: Instant,
    burst: Option<Burst>,
    pointer_costs: Vec<(u32, Option<Duration>)>,
    key_costs: Vec<(u32, Option<Duration>)>,
    zoom: f32,
    items: usize,
    report: Arc<Mutex<Option<MeasureReport>>>,
}

impl Measure {
    /// Measuring as `spec` says.
    pub fn new(spec: MeasureSpec) -> Self {
        Self {
            spec,
            phase: Phase::Opening,
            first_frame: None,
            frame_starts: Vec::new(),
            cpu_at_pan: None,
            cpu_per_frame: None,
            zoom_steps: Vec::new(),
            zoom_step_started: None,
            last_frame: Instant::now(),
            burst: None,
            pointer_costs: Vec::new(),
            key_costs: Vec::new(),
            zoom: 1.0,
            items: 0,
            report: Arc::default(),
        }
    }

    /// What was measured; `None` if the window closed first.
    pub fn report(&self) -> Option<MeasureReport> {
        self.report
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Before egui reads the input of a paint: once the window has been quiet long enough,
    /// reads what the last event cost and sends the next one.
    fn before_input(&mut self, raw_input: &mut egui::RawInput, canvas_center: egui::Pos2) {
        let Phase::Events { sent } = self.phase else {
            return;
        };
        if self.last_frame.elapsed() < QUIET {
            return;
        }
        if let Some(burst) = self.burst.take() {
            let cpu = burst
                .cpu_before
                .zip(cpu_time())
                .map(|(before, after)| after.saturating_sub(before));
            if burst.pointer {
                self.pointer_costs.push((burst.frames, cpu));
            } else {
                self.key_costs.push((burst.frames, cpu));
            }
        }
        if sent >= 2 * EVENT_ROUNDS {
            self.phase = Phase::Done;
            return;
        }
        let pointer = sent % 2 == 0;
        if pointer {
            let nudge = if sent % 4 == 0 { 3.0 } else { -3.0 };
            raw_input
                .events
                .push(Event::PointerMoved(canvas_center + vec2(nudge, 0.0)));
        } else {
            for pressed in [true, false] {
                raw_input.events.push(Event::Key {
                    key: Key::F13,
                    physical_key: Some(Key::F13),
                    pressed,
                    repeat: false,
                    modifiers: Modifiers::NONE,
                });
            }
        }
        self.burst = Some(Burst {
            pointer,
            cpu_before: cpu_time(),
            frames: 0,
        });
        self.phase = Phase::Events { sent: sent + 1 };
    }

    /// At the start of every paint, before the canvas is shown.
    fn on_frame(&mut self, ctx: &egui::Context, board: &Board, canvas: &mut CanvasState) {
        let now = Instant::now();
        self.last_frame = now;
        match self.phase {
            Phase::Opening => {
                if ctx.cumulative_frame_nr() == 0 {
                    self.items = board.items().len();
                    if self.spec.view == MeasureView::Actual {
                        let middle = BoardRect::around(board.items().map(Item::rect))
                            .map_or(Camera::default().center_in_board, BoardRect::center);
                        canvas.show_through(Camera {
                            center_in_board: middle,
                            zoom: 1.0,
                        });
                    }
                } else if ctx.cumulative_frame_nr() >= 2
                    && (!canvas.photo_memory().2
                        || now.saturating_duration_since(self.spec.started) > PHOTOS_AT_MOST)
                {
                    // The frame before this one is on screen (eframe shows the window after
                    // its first frame) and drew every photo (or photos took too long: the
                    // measuring goes on without them).
                    self.first_frame = Some(now.saturating_duration_since(self.spec.started));
                    self.phase = Phase::WarmUp(WARM_UP);
                }
                ctx.request_repaint();
            }
            Phase::WarmUp(left) => {
                self.phase = if left == 0 {
                    self.zoom = canvas.view.camera.zoom;
                    self.cpu_at_pan = cpu_time();
                    self.frame_starts.push(now);
                    Phase::Panning(now)
                } else {
                    Phase::WarmUp(left - 1)
                };
                ctx.request_repaint();
            }
            Phase::Panning(since) => {
                self.frame_starts.push(now);
                let elapsed = now.saturating_duration_since(since);
                if elapsed >= self.spec.pan {
                    let frames = self.frame_starts.len().saturating_sub(1);
                    self.cpu_per_frame =
                        self.cpu_at_pan.zip(cpu_time()).and_then(|(before, after)| {
                            after
                                .saturating_sub(before)
                                .checked_div(u32::try_from(frames).ok()?)
                        });
                    self.phase = Phase::Zooming {
                        taken: 0,
                        settle: ZOOM_SETTLE,
                    };
                } else {
                    let legs = elapsed.as_secs_f64() / PAN_LEG.as_secs_f64();
                    let sign = if (legs as u64).is_multiple_of(2) {
                        1.0
                    } else {
                        -1.0
                    };
                    canvas.view.camera.pan_by(PAN_STEP * sign);
                }
                ctx.request_repaint();
            }
            Phase::Zooming { taken, settle } => {
                if let Some(started) = self.zoom_step_started.take() {
                    self.zoom_steps.push(now.saturating_duration_since(started));
                }
                if settle > 0 {
                    self.phase = Phase::Zooming {
                        taken,
                        settle: settle - 1,
                    };
                } else if taken < ZOOM_STEPS {
                    let zoom_in = taken % 2 == 0;
                    canvas.zoom_by(if zoom_in {
                        ZOOM_FACTOR
                    } else {
                        1.0 / ZOOM_FACTOR
                    });
                    if zoom_in {
                        self.zoom_step_started = Some(now);
                    }
                    self.phase = Phase::Zooming {
                        taken: taken + 1,
                        settle: ZOOM_SETTLE,
                    };
                } else {
                    self.phase = Phase::Events { sent: 0 };
                }
                ctx.request_repaint();
            }
            Phase::Events { .. } => {
                if let Some(burst) = &mut self.burst {
                    burst.frames += 1;
                }
                // Come back once the window has been quiet, to read the cost and send the next.
                ctx.request_repaint_after(QUIET + QUIET / 2);
            }
            Phase::Done => {
                self.finish();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn finish(&mut self) {
        let intervals = super::frame_timing::sorted_intervals(&self.frame_starts);
        let total: Duration = intervals.iter().sum();
        self.zoom_steps.sort_unstable();
        let report = MeasureReport {
            size: self.spec.size,
            view: self.spec.view,
            zoom: self.zoom,
            items: self.items,
            first_frame: self.first_frame.unwrap_or_default(),
            frames: intervals.len(),
            median: quantile(&intervals, 0.5),
            p95: quantile(&intervals, 0.95),
            p99: quantile(&intervals, 0.99),
            fps: if total.is_zero() {
                0.0
            } else {
                intervals.len() as f64 / total.as_secs_f64()
            },
            cpu_per_frame: self.cpu_per_frame,
            zoom_step: (!self.zoom_steps.is_empty()).then(|| quantile(&self.zoom_steps, 0.5)),
            pointer_move: average_cost(&self.pointer_costs),
            key_stroke: average_cost(&self.key_costs),
            peak_memory: peak_memory(),
        };
        *self.report.lock().unwrap_or_else(PoisonError::into_inner) = Some(report);
    }
}

/// The average of what several events cost.
fn average_cost(costs: &[(u32, Option<Duration>)]) -> Option<EventCost> {
    let count = u32::try_from(costs.len()).ok().filter(|&n| n > 0)?;
    let frames = costs
        .iter()
        .map(|&(frames, _)| f64::from(frames))
        .sum::<f64>()
        / f64::from(count);
    let cpu = costs
        .iter()
        .map(|&(_, cpu)| cpu)
        .sum::<Option<Duration>>()
        .and_then(|total| total.checked_div(count));
    Some(EventCost { frames, cpu })
}

/// The processor time this process has used so far, all threads together (Linux only).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which may hold spaces), from the third on.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime and stime, the 14th and 15th fields, in clock ticks of 1/100 s.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The most memory the process has held so far, in bytes (Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kilobytes * 1024)
}

impl CivicCanvasApp {
    /// Makes the app measure as `measure` says and then close, never asking to save.
    #[must_use]
    pub fn with_measure(mut self, measure: Measure) -> Self {
        self.shell.measure = Some(measure);
        self.shell.close_confirmed = true;
        // The dialog of a live session just started (`measure --share`) is closed, as a
        // facilitator closes it: it is not what is measured.
        self.shell.modal = None;
        self
    }

    /// Before egui reads a paint's input: the events `measure` sends.
    pub(super) fn measure_input(&mut self, raw_input: &mut egui::RawInput) {
        let center = self.canvas.viewport().center();
        if let Some(measure) = &mut self.shell.measure {
            measure.before_input(raw_input, center);
        }
    }

    /// At the start of a paint: `measure`'s panning and zooming.
    pub(super) fn measure_frame(&mut self, ctx: &egui::Context) {
        if let Some(measure) = &mut self.shell.measure {
            measure.on_frame(ctx, self.session.doc.board(), &mut self.canvas);
        }
        if let Some(screenshot) = &self.shell.screenshot {
            screenshot.on_first_frame(ctx, self.session.doc.board(), &mut self.canvas);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_taken_by_nearest_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(quantile(&sorted, 0.5), Duration::from_millis(50));
        assert_eq!(quantile(&sorted, 0.95), Duration::from_millis(95));
        assert_eq!(quantile(&sorted, 0.99), Duration::from_millis(99));
        assert_eq!(quantile(&sorted[..1], 0.99), Duration::from_millis(1));
        assert_eq!(quantile(&[], 0.5), Duration::ZERO);
    }

    #[test]
    fn event_costs_are_averaged_and_unknown_when_any_is() {
        let ms = Duration::from_millis;
        let cost = average_cost(&[(3, Some(ms(30))), (4, Some(ms(50)))]).unwrap();
        assert_eq!(cost.frames, 3.5);
        assert_eq!(cost.cpu, Some(ms(40)));
        let unknown = average_cost(&[(3, Some(ms(30))), (3, None)]).unwrap();
        assert_eq!(unknown.cpu, None);
        assert_eq!(average_cost(&[]), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn processor_time_and_peak_memory_are_read_on_linux() {
        // Busy work shows up as processor time (within a few seconds even on a loaded machine).
        let before = cpu_time().unwrap();
        let start = Instant::now();
        let mut spin = 0u64;
        while cpu_time().unwrap() < before + Duration::from_millis(20)
            && start.elapsed() < Duration::from_secs(10)
        {
            spin = std::hint::black_box(spin.wrapping_add(1));
        }
        assert!(cpu_time().unwrap() >= before + Duration::from_millis(20));
        assert!(peak_memory().unwrap() > 1_000_000);
    }
}
