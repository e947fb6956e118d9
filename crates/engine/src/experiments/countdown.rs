//! A1, countdown: a counter decremented to zero, the count split evenly over the workers. The
//! purest CPU-bound loop.

use super::bounds::at_least_one;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::{Estimate, SIMPLE_TICK_NS};
use super::parameter::number_values;
use super::splitting::split_with_serial_part;
use super::{Experiment, Parameter, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "A1",
    key: "countdown",
    label: "Countdown",
    explanation: "Pure CPU work: a counter decremented to zero, split over the workers. Every decrement needs the interpreter, so under the GIL only one worker counts at a time.",
    what_to_notice: "Threads + GIL take as long as the single worker, or longer; free-threaded and processes take about half with two workers on two cores.",
    modes: &Mode::ALL,
    default_workers: 2,
    parameters: &[Parameter::number("count", "Count (decrements in all)")],
    splits_evenly: true,
    default: || Experiment::Countdown { count: 2_000_000_000 },
    read: |reader| Experiment::Countdown { count: reader.number("count") },
};

pub(super) fn parameter_values(count: u64) -> Vec<(&'static str, String)> {
    number_values(&[("count", count)])
}

pub(super) fn bounds_error(count: u64) -> Option<LimitError> {
    at_least_one("count", count, "The count")
}

/// One counter per worker, after the serial share's counter if there is one.
pub(super) fn plan(count: u64, workers: u64, serial_percent: u64) -> Vec<PlannedTask> {
    split_with_serial_part(count, workers, serial_percent, |_, from| Task::Countdown { from })
}

pub(super) fn estimate(count: u64) -> Estimate {
    Estimate::working(count as f64 * SIMPLE_TICK_NS)
}

/// What the counters were left at (zero when every task ran to the end).
pub(super) fn combine(results: &[TaskResult]) -> RunResult {
    RunResult::Countdown {
        remaining: results.iter().map(|r| match r { TaskResult::CountedDownTo(n) => *n, _ => 0 }).sum(),
        tasks: results.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_serial_share_runs_first_and_the_parallel_tasks_wait_for_it() {
        let planned = plan(1_000, 3, 10);
        let tasks: Vec<_> = planned.iter().map(|p| (p.task.clone(), p.waits_for_earlier)).collect();
        assert_eq!(tasks[0], (Task::Countdown { from: 100 }, false));
        assert_eq!(tasks[1], (Task::Countdown { from: 300 }, true));
        assert_eq!(planned.len(), 4);
        assert!(!planned[2].waits_for_earlier && !planned[3].waits_for_earlier);
    }
}
