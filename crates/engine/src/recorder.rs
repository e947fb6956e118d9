//! The event recorder: every state change of every worker, timestamped by the host clock.
//!
//! Each worker writes only its own lane; the UI reads lanes with `try_lock`, so a reader on the
//! browser's main thread never waits (an atomic wait traps there). Recording happens only when a
//! worker's state changes, never per tick, which keeps its cost far below a percent. A lane keeps
//! its latest events in full and summarises older ones (`lane_history.rs`): its memory, and
//! what a reader copies, stay the same however long the run.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::clock::Clock;
use crate::events::{Event, WorkerState};
use crate::lane_history::LaneHistory;
use crate::sync::lock_within;

/// The longest a writer or a reader waits for a lane: only a worker that trapped while holding
/// it could keep it longer, and then the event (or the lane, for a reader) is given up.
const LANE_WAIT: Duration = Duration::from_secs(1);

/// Every worker's events for one run, each lane summarised past its latest few thousand events
/// (see `lane_history.rs`), so that a run of any length holds the same memory.
#[derive(Debug)]
pub struct Recorder {
    origin_ms: f64,
    lanes: Vec<Mutex<LaneHistory>>,
    /// Set by the benchmark to measure what recording costs: events are then dropped unread.
    switched_off: AtomicBool,
}

impl Recorder {
    /// A recorder for `lanes` workers; times are kept relative to `origin_ms` (a clock reading).
    /// Every lane begins [`WorkerState::Starting`] at the origin: until its worker records its
    /// first state, the worker is being started (a Web Worker being created takes real time).
    pub fn new(lanes: usize, origin_ms: f64) -> Self {
        Recorder {
            origin_ms,
            lanes: (0..lanes).map(|_| Mutex::new(LaneHistory::starting())).collect(),
            switched_off: AtomicBool::new(false),
        }
    }

    /// How many lanes.
    pub fn lanes(&self) -> usize {
        self.lanes.len()
    }

    /// The clock reading the run started at.
    pub fn origin_ms(&self) -> f64 {
        self.origin_ms
    }

    /// From now on, drops every event without reading the clock: the benchmark's "recording
    /// off", to measure what recording costs. Nothing in the playground switches it off.
    pub fn switch_off(&self) {
        self.switched_off.store(true, Ordering::Relaxed);
    }

    /// Records that `lane` enters `state` now.
    pub fn record(&self, lane: usize, state: WorkerState, clock: &dyn Clock) {
        if !self.switched_off.load(Ordering::Relaxed) {
            self.record_at(lane, state, clock.now_ms());
        }
    }

    /// Records that `lane` entered `state` at the clock reading `clock_ms`. A repeat of the lane's
    /// current state is dropped, and time never runs backwards within a lane.
    pub fn record_at(&self, lane: usize, state: WorkerState, clock_ms: f64) {
        if self.switched_off.load(Ordering::Relaxed) {
            return;
        }
        let Some(mut history) = self.locked(lane) else { return };
        let last = history.last();
        if last.is_some_and(|last| last.state == state || last.state == WorkerState::Done) {
            return;
        }
        let at_ms = (clock_ms - self.origin_ms).max(last.map_or(0.0, |last| last.at_ms));
        history.push(Event { at_ms, state });
    }

    /// The one place a writer (or a host that may wait) takes a lane's lock: `None` after
    /// [`LANE_WAIT`], when a worker that trapped holding it left it locked.
    fn locked(&self, lane: usize) -> Option<MutexGuard<'_, LaneHistory>> {
        lock_within(&self.lanes[lane], LANE_WAIT)
    }

    /// A copy of `lane` (its full chunks shared, so it costs little whatever the run's length),
    /// or `None` when a worker is writing right now (try again next frame). Never waits.
    pub fn try_read(&self, lane: usize) -> Option<LaneHistory> {
        self.lanes[lane].try_lock().ok().map(|history| history.clone())
    }

    /// Every lane. Waits for writers: for native hosts and finished runs. A lane that a trapped
    /// worker left locked reads as empty.
    pub fn histories(&self) -> Vec<LaneHistory> {
        (0..self.lanes.len()).map(|lane| self.locked(lane).map(|history| history.clone()).unwrap_or_default()).collect()
    }

    /// How many events all lanes recorded, summarised ones included. Waits for writers.
    pub fn events_recorded(&self) -> usize {
        (0..self.lanes.len()).map(|lane| self.locked(lane).map_or(0, |history| history.recorded_count())).sum()
    }

    /// Every lane's events kept in full (all of them, unless the lane was summarised). Waits for
    /// writers: for native hosts and finished runs.
    pub fn snapshot(&self) -> Vec<Vec<Event>> {
        self.histories().iter().map(|history| history.events().copied().collect()).collect()
    }
}

#[cfg(test)]
mod wedged_lane_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lane_begins_starting_at_the_origin() {
        let recorder = Recorder::new(2, 50.0);
        for events in recorder.snapshot() {
            assert_eq!(events, vec![Event { at_ms: 0.0, state: WorkerState::Starting }]);
        }
    }

    #[test]
    fn a_switched_off_recorder_keeps_only_the_start() {
        let recorder = Recorder::new(1, 0.0);
        recorder.switch_off();
        recorder.record_at(0, WorkerState::Running, 1.0);
        recorder.record(0, WorkerState::Idle, &crate::NativeClock);
        assert_eq!(recorder.snapshot(), vec![vec![Event { at_ms: 0.0, state: WorkerState::Starting }]]);
    }

    #[test]
    fn a_repeated_state_is_recorded_once() {
        let recorder = Recorder::new(1, 0.0);
        recorder.record_at(0, WorkerState::Running, 1.0);
        recorder.record_at(0, WorkerState::Running, 2.0);
        assert_eq!(recorder.snapshot()[0].len(), 2);
    }

    #[test]
    fn nothing_is_recorded_after_done() {
        let recorder = Recorder::new(1, 0.0);
        recorder.record_at(0, WorkerState::Done, 1.0);
        recorder.record_at(0, WorkerState::Running, 2.0);
        assert_eq!(recorder.snapshot()[0].last(), Some(&Event { at_ms: 1.0, state: WorkerState::Done }));
    }

    #[test]
    fn time_never_runs_backwards_within_a_lane() {
        let recorder = Recorder::new(1, 100.0);
        recorder.record_at(0, WorkerState::Running, 105.0);
        recorder.record_at(0, WorkerState::Idle, 103.0);
        let events = &recorder.snapshot()[0];
        assert_eq!(events[2].at_ms, 5.0);
    }

    #[test]
    fn a_reader_gets_every_event_of_a_short_run() {
        let recorder = Recorder::new(1, 0.0);
        recorder.record_at(0, WorkerState::Running, 1.0);
        recorder.record_at(0, WorkerState::Idle, 2.0);
        assert_eq!(recorder.try_read(0).unwrap().event_count(), 3);
    }

    #[test]
    fn ten_million_events_fit_in_the_memory_of_a_few_thousand() {
        let recorder = Recorder::new(1, 0.0);
        for event in 0..10_000_000_u32 {
            let state = if event % 2 == 0 { WorkerState::Running } else { WorkerState::WaitingForGil };
            recorder.record_at(0, state, 1.0 + f64::from(event) * 0.01);
        }
        assert_eq!(recorder.events_recorded(), 10_000_001);
        let lane = recorder.try_read(0).unwrap();
        assert!(lane.event_count() <= 9000, "{} events kept in full", lane.event_count());
        assert!(lane.summary().bins().len() <= crate::time_bins::MOST_BINS);
        let running = lane.time_in(WorkerState::Running, 100_001.0);
        assert!((running - 50_000.0).abs() < 1e-3, "{running}");
    }
}
