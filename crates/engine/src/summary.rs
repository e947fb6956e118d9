//! What a finished run amounts to: the numbers in a results-table row.

use crate::recorder::{time_in, Event, WorkerState};

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
    pub fn from_lanes(lanes: &[Vec<Event>]) -> Self {
        let wall_ms = lanes
            .iter()
            .filter_map(|events| events.last())
            .map(|event| event.at_ms)
            .fold(0.0, f64::max);
        RunSummary { wall_ms, busy_ms: busy_ms(lanes, wall_ms) }
    }

    /// How many times faster than `serial_wall_ms` this run was.
    pub fn speed_up_over(&self, serial_wall_ms: f64) -> f64 {
        serial_wall_ms / self.wall_ms.max(f64::EPSILON)
    }
}

/// Time all lanes spent running, summed, up to `now_ms`.
pub fn busy_ms(lanes: &[Vec<Event>], now_ms: f64) -> f64 {
    lanes.iter().map(|events| time_in(events, WorkerState::Running, now_ms)).sum()
}
