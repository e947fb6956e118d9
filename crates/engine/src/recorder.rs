//! The event recorder: every state change of every worker, timestamped by the host clock.
//!
//! Each worker writes only its own lane; the UI reads lanes with `try_lock`, so a reader on the
//! browser's main thread never waits (an atomic wait traps there). Recording happens only when a
//! worker's state changes, never per tick, which keeps its cost far below a percent. A lane keeps
//! its latest events in full and summarises older ones (`lane_history.rs`): its memory, and
//! what a reader copies, stay the same however long the run.
//!
//! A run's lanes need not be known before it starts: a lane can be added while it goes on (a
//! learner's Python thread started), from any thread, up to a limit set when the recorder is
//! made. Every slot a lane may take is allocated then and filled once (a `OnceLock`), so adding a
//! lane never moves another, and a reader sees, without waiting, every lane added so far.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use crate::clock::Clock;
use crate::events::{Event, WorkerState};
use crate::lane_history::LaneHistory;
use crate::sync::lock_within;

/// The longest a writer or a reader waits for a lane: only a worker that trapped while holding
/// it could keep it longer, and then the event (or the lane, for a reader) is given up.
const LANE_WAIT: Duration = Duration::from_secs(1);

/// The name of a catalogue run's lane `lane` (from 0): "Worker 1", "Worker 2"…
pub fn worker_name(lane: usize) -> String {
    format!("Worker {}", lane + 1)
}

/// A lane's slot: empty until the lane is added.
type Slot = OnceLock<Box<Mutex<LaneHistory>>>;

/// Every worker's events for one run, each lane summarised past its latest few thousand events
/// (see `lane_history.rs`), so that a run of any length holds the same memory.
#[derive(Debug)]
pub struct Recorder {
    origin_ms: f64,
    /// One slot per lane the run may have, filled in the order lanes are asked for.
    slots: Box<[Slot]>,
    /// Lanes asked for so far, those past the limit included.
    asked: AtomicUsize,
    /// Set by the benchmark to measure what recording costs: events are then dropped unread.
    switched_off: AtomicBool,
}

impl Recorder {
    /// A recorder for a catalogue run's `lanes` workers, named by [`worker_name`], and no more;
    /// times are kept relative to `origin_ms` (a clock reading). Every lane begins
    /// [`WorkerState::Starting`] at the origin: until its worker records its first state, the
    /// worker is being started (a Web Worker being created takes real time).
    pub fn new(lanes: usize, origin_ms: f64) -> Self {
        let recorder = Recorder::growing(lanes, origin_ms);
        for lane in 0..lanes {
            recorder.add_lane_at(&worker_name(lane), origin_ms);
        }
        recorder
    }

    /// A recorder with no lane yet, to which up to `limit` lanes can be added while the run goes
    /// on ([`Recorder::add_lane`]); times are kept relative to `origin_ms` (a clock reading).
    pub fn growing(limit: usize, origin_ms: f64) -> Self {
        Recorder { origin_ms, slots: (0..limit).map(|_| Slot::new()).collect(), asked: AtomicUsize::new(0), switched_off: AtomicBool::new(false) }
    }

    /// Adds a lane named `name`, [`WorkerState::Starting`] from now on; its index, or `None`
    /// past the limit (the run goes on, that worker undrawn: [`Recorder::lanes_refused`]).
    /// Any thread may call it; it never waits.
    pub fn add_lane(&self, name: &str, clock: &dyn Clock) -> Option<usize> {
        self.add_lane_at(name, clock.now_ms())
    }

    pub(crate) fn add_lane_at(&self, name: &str, clock_ms: f64) -> Option<usize> {
        let lane = self.asked.fetch_add(1, Ordering::Relaxed);
        let slot = self.slots.get(lane)?;
        let history = LaneHistory::starting_at(name, (clock_ms - self.origin_ms).max(0.0));
        // The index is this call's alone: the slot is empty, and nobody else fills it.
        let _ = slot.set(Box::new(Mutex::new(history)));
        Some(lane)
    }

    /// How many lanes a reader sees now: those added so far, up to the first still being added.
    pub fn lanes(&self) -> usize {
        self.slots.iter().take_while(|slot| slot.get().is_some()).count()
    }

    /// How many lanes were asked for, those past the limit included.
    pub(crate) fn asked(&self) -> usize {
        self.asked.load(Ordering::Relaxed)
    }

    /// How many lanes were asked for past the limit.
    pub fn lanes_refused(&self) -> usize {
        self.asked.load(Ordering::Relaxed).saturating_sub(self.slots.len())
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

    /// Records that `lane` enters `state` now, waiting on the object named `object` (a Python
    /// thread blocked on a lock, an event, a queue…: "Lock at 0x7f3a…").
    pub fn record_on(&self, lane: usize, state: WorkerState, object: &str, clock: &dyn Clock) {
        if !self.switched_off.load(Ordering::Relaxed) {
            self.record_event(lane, state, Some(object), clock.now_ms());
        }
    }

    /// Records that `lane` entered `state` at the clock reading `clock_ms`. A repeat of the lane's
    /// current state is dropped, and time never runs backwards within a lane.
    pub fn record_at(&self, lane: usize, state: WorkerState, clock_ms: f64) {
        if !self.switched_off.load(Ordering::Relaxed) {
            self.record_event(lane, state, None, clock_ms);
        }
    }

    pub(crate) fn record_event(&self, lane: usize, state: WorkerState, object: Option<&str>, clock_ms: f64) {
        let Some(mut history) = self.locked(lane) else { return };
        let object = object.and_then(|name| history.refer_to(name));
        let last = history.last();
        if last.is_some_and(|last| (last.state == state && last.object == object) || last.state == WorkerState::Done) {
            return;
        }
        let at_ms = (clock_ms - self.origin_ms).max(last.map_or(0.0, |last| last.at_ms));
        history.push(Event { at_ms, state, object });
    }

    /// Lane `lane`'s history, once the lane is added.
    fn lane(&self, lane: usize) -> Option<&Mutex<LaneHistory>> {
        self.slots.get(lane)?.get().map(|history| &**history)
    }

    /// The one place a writer (or a host that may wait) takes a lane's lock: `None` after
    /// [`LANE_WAIT`], when a worker that trapped holding it left it locked, or when there is no
    /// such lane.
    pub(crate) fn locked(&self, lane: usize) -> Option<MutexGuard<'_, LaneHistory>> {
        lock_within(self.lane(lane)?, LANE_WAIT)
    }

    /// A copy of `lane` (its full chunks shared, so it costs little whatever the run's length),
    /// or `None` when a worker is writing right now (try again next frame). Never waits.
    pub fn try_read(&self, lane: usize) -> Option<LaneHistory> {
        self.lane(lane)?.try_lock().ok().map(|history| history.clone())
    }

    /// Every lane there is now, for a reader that polls and must never wait (the page): each
    /// lane read afresh, or, while a worker writes it, as it was in `previous` (the last read).
    /// A lane added since, and being written right now, is left for the next read (with those
    /// after it, so that lanes keep their indices).
    pub fn read_lanes(&self, previous: &[LaneHistory]) -> Vec<LaneHistory> {
        (0..self.lanes()).map_while(|lane| self.try_read(lane).or_else(|| previous.get(lane).cloned())).collect()
    }

    /// Every lane. Waits for writers: for native hosts and finished runs. A lane that a trapped
    /// worker left locked reads as empty.
    pub fn histories(&self) -> Vec<LaneHistory> {
        (0..self.lanes()).map(|lane| self.locked(lane).map(|history| history.clone()).unwrap_or_default()).collect()
    }

    /// How many events all lanes recorded, summarised ones included. Waits for writers.
    pub fn events_recorded(&self) -> usize {
        (0..self.lanes()).map(|lane| self.locked(lane).map_or(0, |history| history.recorded_count())).sum()
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
            assert_eq!(events, vec![Event::new(0.0, WorkerState::Starting)]);
        }
    }

    #[test]
    fn a_switched_off_recorder_keeps_only_the_start() {
        let recorder = Recorder::new(1, 0.0);
        recorder.switch_off();
        recorder.record_at(0, WorkerState::Running, 1.0);
        recorder.record(0, WorkerState::Idle, &crate::NativeClock);
        assert_eq!(recorder.snapshot(), vec![vec![Event::new(0.0, WorkerState::Starting)]]);
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
        assert_eq!(recorder.snapshot()[0].last(), Some(&Event::new(1.0, WorkerState::Done)));
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
    fn a_catalogue_recorder_names_its_lanes_and_grows_no_more() {
        let recorder = Recorder::new(2, 0.0);
        let names: Vec<String> = recorder.histories().iter().map(|lane| lane.name().to_owned()).collect();
        assert_eq!(names, ["Worker 1", "Worker 2"]);
        assert_eq!(recorder.add_lane("Worker 3", &crate::NativeClock), None);
        assert_eq!((recorder.lanes(), recorder.lanes_refused()), (2, 1));
    }

    #[test]
    fn a_lane_added_while_the_run_goes_on_appears_to_the_next_read_starting_then() {
        let clock = crate::NativeClock;
        let recorder = Recorder::growing(4, clock.now_ms());
        let main = recorder.add_lane("MainThread", &clock).unwrap();
        recorder.record(main, WorkerState::Running, &clock);
        let before = recorder.read_lanes(&[]);
        std::thread::sleep(Duration::from_millis(5));
        let worker = recorder.add_lane("Thread-1 (worker)", &clock).unwrap();
        let after = recorder.read_lanes(&before);
        assert_eq!((before.len(), after.len()), (1, 2));
        assert_eq!(after[worker].name(), "Thread-1 (worker)");
        let started = after[worker].last().unwrap();
        assert_eq!(started.state, WorkerState::Starting);
        assert!(started.at_ms >= 5.0, "{started:?}");
    }

    #[test]
    fn lanes_added_from_many_threads_at_once_each_get_one_of_their_own() {
        let recorder = std::sync::Arc::new(Recorder::growing(64, 0.0));
        let adders: Vec<_> = (0..8)
            .map(|thread| {
                let recorder = recorder.clone();
                std::thread::spawn(move || {
                    (0..8).map(|lane| (recorder.add_lane(&format!("{thread}.{lane}"), &crate::NativeClock).unwrap(), format!("{thread}.{lane}"))).collect::<Vec<_>>()
                })
            })
            .collect();
        let added: Vec<(usize, String)> = adders.into_iter().flat_map(|adder| adder.join().unwrap()).collect();
        let lanes = recorder.histories();
        assert_eq!(lanes.len(), 64);
        for (lane, name) in added {
            assert_eq!(lanes[lane].name(), name);
        }
    }

    #[test]
    fn a_reader_keeps_its_last_copy_of_a_lane_being_written_and_waits_for_none() {
        let recorder = Recorder::growing(3, 0.0);
        recorder.add_lane_at("first", 0.0);
        let first_read = recorder.read_lanes(&[]);
        let second = recorder.add_lane_at("second", 1.0).unwrap();
        let _writing = recorder.lane(0).unwrap().lock().unwrap();
        let read = recorder.read_lanes(&first_read);
        assert_eq!((read.len(), &read[0]), (2, &first_read[0]), "the lane being written, as last read");
        let _also_writing = recorder.lane(second).unwrap().lock().unwrap();
        assert_eq!(recorder.read_lanes(&first_read).len(), 1, "a new lane being written waits for the next read");
    }

    #[test]
    fn a_wait_on_an_object_is_described_with_the_object_s_name() {
        let recorder = Recorder::growing(1, 0.0);
        let lane = recorder.add_lane("Thread-1", &crate::NativeClock).unwrap();
        let lock = WorkerState::BlockedOn(crate::Waitable::Lock);
        recorder.record_on(lane, lock, "Lock at 0x10", &crate::NativeClock);
        recorder.record_on(lane, lock, "Lock at 0x10", &crate::NativeClock);
        recorder.record_on(lane, lock, "Lock at 0x20", &crate::NativeClock);
        let history = recorder.try_read(lane).unwrap();
        let described: Vec<String> = history.intervals(1e12).iter().map(|interval| history.describe(interval)).collect();
        assert_eq!(described, ["starting", "blocked on a lock (Lock at 0x10)", "blocked on a lock (Lock at 0x20)"]);
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
