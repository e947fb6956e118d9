//! What a worker is doing and when: its states, the events that change them, and the
//! intervals between events.
//!
//! The states are a closed set (the catalogue's, and what a learner's Python thread does), so
//! that every state has its slot in `StateTimes`, its colour and its place in the legend.
//! *Which* object a blocked Python thread waits on is not part of its state: it goes with the
//! event, as an [`ObjectRef`] to a name its lane keeps (`object_names.rs`).

use serde::{Deserialize, Serialize};

use crate::object_names::ObjectRef;

/// What a worker is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorkerState {
    /// Being started (a process instantiating its own WebAssembly module; a Python thread
    /// between `start()` and its first instruction).
    Starting,
    /// Running ticks.
    Running,
    /// Waiting to take the GIL.
    WaitingForGil,
    /// Blocked in (simulated) I/O.
    Blocked,
    /// Alive with nothing to run.
    Idle,
    /// In `time.sleep` (a Python thread).
    Sleeping,
    /// Blocked until another thread releases, sets, puts or ends something (a Python thread).
    BlockedOn(Waitable),
    /// Pickling a message and handing it to another process (`multiprocessing`).
    Sending,
    /// Waiting for a message from another process and unpickling it (`multiprocessing`).
    Receiving,
    /// Finished: no more events follow.
    Done,
}

/// What kind of object a blocked Python thread waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Waitable {
    /// A `Lock` or an `RLock`.
    Lock,
    /// A `Condition` (and what is built on one: a future's result).
    Condition,
    /// An `Event` (and a `Timer`'s interval).
    Event,
    /// A `Semaphore` or a `BoundedSemaphore`.
    Semaphore,
    /// A `Barrier`.
    Barrier,
    /// A `queue.Queue` (its get, put or join).
    Queue,
    /// Another thread's end (`join`).
    Join,
}

impl WorkerState {
    /// Every state, in legend order: the catalogue's five first, as the page has always shown
    /// them, then what only a Python thread does.
    pub const ALL: [WorkerState; 16] = [
        WorkerState::Running,
        WorkerState::WaitingForGil,
        WorkerState::Blocked,
        WorkerState::Starting,
        WorkerState::Idle,
        WorkerState::Sleeping,
        WorkerState::BlockedOn(Waitable::Lock),
        WorkerState::BlockedOn(Waitable::Condition),
        WorkerState::BlockedOn(Waitable::Event),
        WorkerState::BlockedOn(Waitable::Semaphore),
        WorkerState::BlockedOn(Waitable::Barrier),
        WorkerState::BlockedOn(Waitable::Queue),
        WorkerState::BlockedOn(Waitable::Join),
        WorkerState::Sending,
        WorkerState::Receiving,
        WorkerState::Done,
    ];

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            WorkerState::Starting => "starting",
            WorkerState::Running => "running",
            WorkerState::WaitingForGil => "waiting for the GIL",
            WorkerState::Blocked => "in I/O",
            WorkerState::Idle => "idle",
            WorkerState::Sleeping => "sleeping",
            WorkerState::BlockedOn(Waitable::Lock) => "blocked on a lock",
            WorkerState::BlockedOn(Waitable::Condition) => "blocked on a condition",
            WorkerState::BlockedOn(Waitable::Event) => "blocked on an event",
            WorkerState::BlockedOn(Waitable::Semaphore) => "blocked on a semaphore",
            WorkerState::BlockedOn(Waitable::Barrier) => "blocked on a barrier",
            WorkerState::BlockedOn(Waitable::Queue) => "blocked on a queue",
            WorkerState::BlockedOn(Waitable::Join) => "blocked on a join",
            WorkerState::Sending => "sending",
            WorkerState::Receiving => "receiving",
            WorkerState::Done => "done",
        }
    }

    /// Where the state stands in [`WorkerState::ALL`].
    pub fn index(self) -> usize {
        match self {
            WorkerState::Running => 0,
            WorkerState::WaitingForGil => 1,
            WorkerState::Blocked => 2,
            WorkerState::Starting => 3,
            WorkerState::Idle => 4,
            WorkerState::Sleeping => 5,
            WorkerState::BlockedOn(Waitable::Lock) => 6,
            WorkerState::BlockedOn(Waitable::Condition) => 7,
            WorkerState::BlockedOn(Waitable::Event) => 8,
            WorkerState::BlockedOn(Waitable::Semaphore) => 9,
            WorkerState::BlockedOn(Waitable::Barrier) => 10,
            WorkerState::BlockedOn(Waitable::Queue) => 11,
            WorkerState::BlockedOn(Waitable::Join) => 12,
            WorkerState::Sending => 13,
            WorkerState::Receiving => 14,
            WorkerState::Done => 15,
        }
    }
}

/// One state change: from `at_ms` on, the worker is in `state`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Milliseconds since the run started.
    pub at_ms: f64,
    /// The state entered.
    pub state: WorkerState,
    /// The object waited on, named in the lane (`LaneHistory::object_name`): which lock,
    /// event or queue a blocked Python thread waits for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjectRef>,
}

impl Event {
    /// Entering `state` at `at_ms`, about no object in particular.
    pub fn new(at_ms: f64, state: WorkerState) -> Event {
        Event { at_ms, state, object: None }
    }
}

/// A stretch of time a worker spent in one state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Milliseconds since the run started.
    pub start_ms: f64,
    /// Milliseconds since the run started.
    pub end_ms: f64,
    /// The state.
    pub state: WorkerState,
    /// The object waited on, if the event named one.
    pub object: Option<ObjectRef>,
}

impl Interval {
    /// How long it lasted.
    pub fn duration_ms(&self) -> f64 {
        self.end_ms - self.start_ms
    }
}

/// A lane's events as intervals; the last open state runs to `now_ms`.
pub fn intervals(events: &[Event], now_ms: f64) -> Vec<Interval> {
    events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.state != WorkerState::Done)
        .map(|(index, event)| Interval {
            start_ms: event.at_ms,
            end_ms: events.get(index + 1).map_or(now_ms.max(event.at_ms), |next| next.at_ms),
            state: event.state,
            object: event.object,
        })
        .collect()
}

/// Total milliseconds a lane spent in `state`.
pub fn time_in(events: &[Event], state: WorkerState, now_ms: f64) -> f64 {
    intervals(events, now_ms)
        .iter()
        .filter(|interval| interval.state == state)
        .map(Interval::duration_ms)
        // A fold from +0.0: an empty float `sum()` is -0.0, which would print as "-0.0".
        .fold(0.0, |total, ms| total + ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_end_where_the_next_state_begins() {
        let events = [
            Event::new(0.0, WorkerState::Running),
            Event::new(4.0, WorkerState::Blocked),
            Event::new(9.0, WorkerState::Done),
        ];
        assert_eq!(time_in(&events, WorkerState::Running, 20.0), 4.0);
        assert_eq!(time_in(&events, WorkerState::Blocked, 20.0), 5.0);
    }

    #[test]
    fn every_state_stands_at_its_index_and_has_a_label_of_its_own() {
        for (index, state) in WorkerState::ALL.into_iter().enumerate() {
            assert_eq!(state.index(), index, "{state:?}");
        }
        let mut labels: Vec<&str> = WorkerState::ALL.iter().map(|state| state.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), WorkerState::ALL.len());
    }
}
