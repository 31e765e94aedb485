//! When to write the next recovery copy: soon after the user pauses, and regularly while they
//! keep editing.

use std::time::{Duration, Instant};

/// Decides when a board with unsaved changes is due for a recovery copy.
///
/// A copy is due [`AutosaveSchedule::quiet_period`] after the last change (so a burst of typing
/// is written once, after it), and at most [`AutosaveSchedule::max_delay`] after the first change
/// that is not in a copy yet (so continuous editing is still written regularly). The clock is
/// passed in, so the schedule is plain logic.
#[derive(Clone, Debug)]
pub struct AutosaveSchedule {
    /// How long after the last change a copy is written.
    pub quiet_period: Duration,
    /// The longest a change waits for a copy while editing goes on.
    pub max_delay: Duration,
    /// The revision last seen, and when it was first seen.
    last_change: Option<(u64, Instant)>,
    /// When the oldest change not yet in a copy was seen.
    pending_since: Option<Instant>,
    /// The revision in the last copy.
    written: Option<u64>,
}

impl AutosaveSchedule {
    /// A copy 2 seconds after the last change, and at least every 10 seconds while editing.
    pub const DEFAULT_QUIET_PERIOD: Duration = Duration::from_secs(2);
    /// See [`AutosaveSchedule::DEFAULT_QUIET_PERIOD`].
    pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(10);

    /// A schedule with the given delays.
    pub fn new(quiet_period: Duration, max_delay: Duration) -> Self {
        Self {
            quiet_period,
            max_delay,
            last_change: None,
            pending_since: None,
            written: None,
        }
    }

    /// Notes the board's revision at `now`; a new revision is a change.
    pub fn observe(&mut self, revision: u64, now: Instant) {
        if self.last_change.is_some_and(|(seen, _)| seen == revision) {
            return;
        }
        self.last_change = Some((revision, now));
        if self.written == Some(revision) {
            self.pending_since = None;
        } else if self.pending_since.is_none() {
            self.pending_since = Some(now);
        }
    }

    /// How long until a copy is due: `Some(ZERO)` when due now, `None` when nothing is pending.
    pub fn due_in(&self, now: Instant) -> Option<Duration> {
        let since = self.pending_since?;
        let (_, last) = self.last_change?;
        let quiet_at = last + self.quiet_period;
        let latest_at = since + self.max_delay;
        Some(quiet_at.min(latest_at).saturating_duration_since(now))
    }

    /// Records that the copy of `revision` was handed to the writer.
    pub fn written(&mut self, revision: u64) {
        self.written = Some(revision);
        if self.last_change.is_some_and(|(seen, _)| seen == revision) {
            self.pending_since = None;
        }
    }

    /// Forgets what was written (the copy was removed): the next change starts a new copy.
    pub fn reset(&mut self) {
        self.written = None;
        self.pending_since = None;
    }
}

impl Default for AutosaveSchedule {
    fn default() -> Self {
        Self::new(Self::DEFAULT_QUIET_PERIOD, Self::DEFAULT_MAX_DELAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn a_pause_after_changes_makes_a_copy_due() {
        let start = Instant::now();
        let mut schedule = AutosaveSchedule::default();
        assert_eq!(schedule.due_in(start), None);
        schedule.observe(1, start);
        assert_eq!(schedule.due_in(start), Some(2 * SECOND));
        schedule.observe(2, start + SECOND);
        assert_eq!(schedule.due_in(start + SECOND), Some(2 * SECOND));
        assert_eq!(schedule.due_in(start + 3 * SECOND), Some(Duration::ZERO));
        schedule.written(2);
        assert_eq!(schedule.due_in(start + 3 * SECOND), None);
        // Nothing new: still nothing due.
        schedule.observe(2, start + 4 * SECOND);
        assert_eq!(schedule.due_in(start + 9 * SECOND), None);
    }

    #[test]
    fn continuous_editing_is_copied_every_ten_seconds() {
        let start = Instant::now();
        let mut schedule = AutosaveSchedule::default();
        // A change every half second: never a quiet period.
        for step in 0..20_u32 {
            let now = start + SECOND * step / 2;
            schedule.observe(u64::from(step) + 1, now);
        }
        let now = start + SECOND * 19 / 2;
        assert_eq!(schedule.due_in(now), Some(Duration::from_millis(500)));
        assert_eq!(schedule.due_in(start + 10 * SECOND), Some(Duration::ZERO));
    }
}
