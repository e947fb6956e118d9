//! What a worker is doing and when: its states, the events that change them, and the
//! intervals between events.

use serde::{Deserialize, Serialize};

/// What a worker is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorkerState {
    /// Being started (a process instantiating its own WebAssembly module).
    Starting,
    /// Running ticks.
    Running,
    /// Waiting to take the GIL.
    WaitingForGil,
    /// Blocked in (simulated) I/O.
    Blocked,
    /// Alive with nothing to run.
    Idle,
    /// Finished: no more events follow.
    Done,
}

impl WorkerState {
    /// Every state, in legend order.
    pub const ALL: [WorkerState; 6] = [
        WorkerState::Running,
        WorkerState::WaitingForGil,
        WorkerState::Blocked,
        WorkerState::Starting,
        WorkerState::Idle,
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
            WorkerState::Done => "done",
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
            Event { at_ms: 0.0, state: WorkerState::Running },
            Event { at_ms: 4.0, state: WorkerState::Blocked },
            Event { at_ms: 9.0, state: WorkerState::Done },
        ];
        assert_eq!(time_in(&events, WorkerState::Running, 20.0), 4.0);
        assert_eq!(time_in(&events, WorkerState::Blocked, 20.0), 5.0);
    }
}
