//! What each Python thread did, when: one lane per thread, named as Python names it
//! (`MainThread`, `Thread-1 (worker)`), with the states the Program panel's timeline draws.
//! Recorded on state changes only.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::objects::lock;

/// The most events a run records; past it the timeline stops growing (the run goes on).
pub const MAX_EVENTS: usize = 1_000_000;

/// A Python thread's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThreadState {
    /// Running Python.
    Running,
    /// Waiting for the GIL.
    WaitingForGil,
    /// Blocked on a lock, condition, event, semaphore, barrier, queue or join: which one.
    Blocked(Arc<str>),
    /// In `time.sleep`.
    Sleeping,
    /// Finished.
    Finished,
}

/// A state change.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEvent {
    /// When, on the run's clock (ms).
    pub at_ms: f64,
    /// The state from then on.
    pub state: ThreadState,
}

/// One thread's lane.
#[derive(Clone, Debug)]
pub struct ThreadLane {
    /// `threading.get_ident()` of the thread.
    pub ident: u64,
    /// Its name when it started.
    pub name: Arc<str>,
    /// Its state changes in order.
    pub events: Vec<TimelineEvent>,
}

/// Every thread's lane.
#[derive(Default)]
pub struct Timeline {
    lanes: Mutex<BTreeMap<u64, ThreadLane>>,
    recorded: AtomicUsize,
}

impl Timeline {
    /// Records that thread `ident` (named `name`) is in `state` from `at_ms` on.
    pub fn record(&self, ident: u64, name: &Arc<str>, state: ThreadState, at_ms: f64) {
        if self.recorded.load(Ordering::Relaxed) >= MAX_EVENTS {
            return;
        }
        let mut lanes = lock(&self.lanes);
        let lane = lanes.entry(ident).or_insert_with(|| ThreadLane { ident, name: name.clone(), events: Vec::new() });
        if lane.events.last().is_some_and(|last| last.state == state) {
            return;
        }
        lane.events.push(TimelineEvent { at_ms, state });
        self.recorded.fetch_add(1, Ordering::Relaxed);
    }

    /// Every lane, by thread identifier (the main thread first).
    pub fn snapshot(&self) -> Vec<ThreadLane> {
        lock(&self.lanes).values().cloned().collect()
    }

    /// As [`Timeline::snapshot`], or `None` while a thread is recording: for a browser's main
    /// thread, which must never wait for a lock.
    pub fn try_snapshot(&self) -> Option<Vec<ThreadLane>> {
        self.lanes.try_lock().ok().map(|lanes| lanes.values().cloned().collect())
    }
}
