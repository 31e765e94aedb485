//! `civic-canvas BOARD --measure-frames N`: the real window paints the board N times in a row,
//! as fast as it can, then closes and says how long a frame took. A frame is timed from the
//! start of one to the start of the next, so it holds everything: the app's code, egui's
//! tessellation, the renderer's drawing and the swap.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use egui::ViewportCommand;

use super::CivicCanvasApp;

/// Frames painted before timing starts: the window appears and the text is laid out once.
const WARM_UP: usize = 3;

/// How long frames took.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameReport {
    /// How many frames were timed.
    pub frames: usize,
    /// The median frame.
    pub median: Duration,
    /// The slowest frame.
    pub slowest: Duration,
}

impl std::fmt::Display for FrameReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} frames: median {:.1} ms, slowest {:.1} ms",
            self.frames,
            self.median.as_secs_f64() * 1000.0,
            self.slowest.as_secs_f64() * 1000.0
        )
    }
}

impl FrameReport {
    /// The report on frames that started at `starts` (the last start ends the last frame).
    pub fn of(starts: &[Instant]) -> Option<Self> {
        let frames = sorted_intervals(starts);
        Some(Self {
            frames: frames.len(),
            median: *frames.get(frames.len() / 2)?,
            slowest: *frames.last()?,
        })
    }
}

/// How long each frame took, shortest first, from the times frames started (the last start
/// ends the last frame).
pub(super) fn sorted_intervals(starts: &[Instant]) -> Vec<Duration> {
    let mut frames: Vec<Duration> = starts
        .windows(2)
        .filter_map(|pair| match pair {
            [start, next] => Some(next.saturating_duration_since(*start)),
            _ => None,
        })
        .collect();
    frames.sort_unstable();
    frames
}

/// Times `wanted` frames, then closes the window.
///
/// Clones share the outcome: keep one to ask [`FrameTiming::report`] after the window closed.
#[derive(Clone, Debug)]
pub struct FrameTiming {
    wanted: usize,
    starts: Vec<Instant>,
    report: Arc<Mutex<Option<FrameReport>>>,
}

impl FrameTiming {
    /// Timing for `wanted` frames (at least one).
    pub fn new(wanted: usize) -> Self {
        Self {
            wanted: wanted.max(1),
            starts: Vec::new(),
            report: Arc::default(),
        }
    }

    /// Called at the start of every paint.
    pub fn on_frame(&mut self, ctx: &egui::Context) {
        if ctx.cumulative_frame_nr() < WARM_UP as u64 {
            ctx.request_repaint();
            return;
        }
        if self.starts.len() > self.wanted {
            // Timed already; the window is closing.
            return;
        }
        self.starts.push(Instant::now());
        if self.starts.len() > self.wanted {
            *self.report.lock().unwrap_or_else(PoisonError::into_inner) =
                FrameReport::of(&self.starts);
            ctx.send_viewport_cmd(ViewportCommand::Close);
        } else {
            ctx.request_repaint();
        }
    }

    /// How long the frames took; `None` if the window closed before they were all painted.
    pub fn report(&self) -> Option<FrameReport> {
        self.report
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl CivicCanvasApp {
    /// Makes the app time `timing`'s frames and then close, never asking to save.
    #[must_use]
    pub fn with_frame_timing(mut self, timing: FrameTiming) -> Self {
        self.shell.frame_timing = Some(timing);
        self.shell.close_confirmed = true;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_gives_the_median_and_the_slowest_frame() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        // Frames of 10, 30, 20 and 40 ms.
        let report = FrameReport::of(&[at(0), at(10), at(40), at(60), at(100)]).unwrap();
        assert_eq!(report.frames, 4);
        assert_eq!(report.median, Duration::from_millis(30));
        assert_eq!(report.slowest, Duration::from_millis(40));
        assert_eq!(
            report.to_string(),
            "4 frames: median 30.0 ms, slowest 40.0 ms"
        );
        assert_eq!(FrameReport::of(&[start]), None);
    }
}
