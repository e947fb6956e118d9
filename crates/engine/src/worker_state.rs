//! What a worker (a catalogue worker, or a learner's Python thread) is doing at a moment: a
//! closed set of states, so that every state has its slot in [`crate::StateTimes`], its colour
//! and its place in the legend. Which object a blocked Python thread waits on is not part of
//! the state: it goes with the event (`Event::object`), named in the lane (`LaneHistory`).

use serde::{Deserialize, Serialize};

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
    pub const ALL: [WorkerState; 14] = [
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
            WorkerState::Done => 13,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
