//! What a finished run amounts to: the numbers in a results-table row.

use crate::lane_history::LaneHistory;
use crate::events::{time_in, Event, WorkerState};

/// Wall time, busy time and hand-offs of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    /// From the start of the run to the last worker's end, in milliseconds.
    pub wall_ms: f64,
    /// Time all workers spent running ticks, summed, in milliseconds.
    pub busy_ms: f64,
}

impl RunSummary {
    /// The summary of a run whose lanes recorded `lanes`.
    pub fn from_lanes(lanes: &[LaneHistory]) -> Self {
        let wall_ms = lanes.iter().filter_map(LaneHistory::last).map(|event| event.at_ms).fold(0.0, f64::max);
        RunSummary { wall_ms, busy_ms: busy_ms_of_histories(lanes, wall_ms) }
    }

    /// How many times faster than `serial_wall_ms` this run was.
    pub fn speed_up_over(&self, serial_wall_ms: f64) -> f64 {
        serial_wall_ms / self.wall_ms.max(f64::EPSILON)
    }
}

/// How late a worker ran again after each of its blocking waits of `wait_ms`: from when the
/// wait was due to end to the next time it was running (waiting for the GIL, and being woken).
/// The convoy effect shows here: under the GIL, CPU-bound company makes these long. Only the
/// events kept in full count: a page passes a summarised lane's latest few thousand.
pub fn io_response_times_ms(events: &[Event], wait_ms: f64) -> Vec<f64> {
    events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.state == WorkerState::Blocked)
        .filter_map(|(index, blocked)| {
            let resumed = events[index + 1..].iter().find(|event| event.state == WorkerState::Running)?;
            Some((resumed.at_ms - blocked.at_ms - wait_ms).max(0.0))
        })
        .collect()
}

/// Time all lanes spent running, summed, up to `now_ms`.
pub fn busy_ms(lanes: &[Vec<Event>], now_ms: f64) -> f64 {
    lanes.iter().map(|events| time_in(events, WorkerState::Running, now_ms)).sum()
}

/// Time all lanes spent running, summed, up to `now_ms` (exact, summarised lanes included).
fn busy_ms_of_histories(lanes: &[LaneHistory], now_ms: f64) -> f64 {
    lanes.iter().map(|lane| lane.time_in(WorkerState::Running, now_ms)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(at_ms: f64, state: WorkerState) -> Event {
        Event::new(at_ms, state)
    }

    #[test]
    fn a_response_time_runs_from_the_end_of_the_wait_to_running_again() {
        let events = [
            event(0.0, WorkerState::Running),
            event(1.0, WorkerState::Blocked),
            event(3.0, WorkerState::WaitingForGil),
            event(7.5, WorkerState::Running),
            event(8.0, WorkerState::Blocked),
            event(10.1, WorkerState::Running),
            event(11.0, WorkerState::Blocked),
            event(13.0, WorkerState::Done),
        ];
        let responses = io_response_times_ms(&events, 2.0);
        assert_eq!(responses.len(), 2);
        assert!((responses[0] - 4.5).abs() < 1e-9 && (responses[1] - 0.1).abs() < 1e-9, "{responses:?}");
    }
}
