//! B4, the convoy effect: one worker does many short I/O operations while every other worker
//! does CPU work until it is finished; after each operation the I/O worker needs the GIL back.

use super::bounds::at_least_one;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::Estimate;
use super::parameter::number_values;
use super::{Experiment, Parameter, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

/// Ticks of CPU work after each of the convoy's I/O operations (handling the reply).
const CONVOY_CPU_TICKS: u64 = 10_000;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "B4",
    key: "convoy",
    label: "Convoy: I/O beside CPU work",
    explanation: "The first worker does many short I/O operations; every other worker does CPU work until it is finished. After each I/O the I/O worker needs the GIL back, and a CPU-bound holder gives it up only when the switch interval asks it to.",
    what_to_notice: "Under the GIL the I/O worker's response times cluster near the switch interval; free-threaded they stay near zero (see the histogram).",
    modes: &[Mode::ThreadsWithGil, Mode::FreeThreaded],
    default_workers: 2,
    parameters: &[
        Parameter::number("operations", "I/O operations"),
        Parameter::number("millis", "Milliseconds per I/O operation"),
    ],
    splits_evenly: false,
    default: || Experiment::Convoy { operations: 200, millis: 1 },
    read: |reader| Experiment::Convoy { operations: reader.number("operations"), millis: reader.number("millis") },
};

pub(super) fn parameter_values(operations: u64, millis: u64) -> Vec<(&'static str, String)> {
    number_values(&[("operations", operations), ("millis", millis)])
}

pub(super) fn bounds_error(operations: u64, millis: u64) -> Option<LimitError> {
    at_least_one("operations", operations, "I/O operations")
        .or_else(|| at_least_one("millis", millis, "Milliseconds per I/O operation"))
}

/// One worker for the I/O and at least one for the CPU work beside it.
pub(super) fn workers_error(workers: usize) -> Option<LimitError> {
    (workers < 2).then(|| LimitError::new("workers", "The convoy needs at least 2 workers: one for I/O, one or more for CPU work."))
}

/// The I/O task first, then busy work in the background for every other worker.
pub(super) fn plan(operations: u64, millis: u64, workers: u64) -> Vec<PlannedTask> {
    let io = Task::BlockingIo { operations, wait_us: millis * 1000, cpu_ticks: CONVOY_CPU_TICKS };
    let company = (1..workers).map(|_| PlannedTask::in_background(Task::BusyLoop));
    std::iter::once(PlannedTask::now(io)).chain(company).collect()
}

pub(super) fn estimate(operations: u64, millis: u64) -> Estimate {
    Estimate::waiting(operations as f64 * (millis as f64 * 1e6 + CONVOY_CPU_TICKS as f64), operations as f64 * millis as f64)
}

/// The I/O operations done, and the CPU work done beside them.
pub(super) fn combine(results: &[TaskResult]) -> RunResult {
    RunResult::Convoy {
        operations: results.iter().map(|r| match r { TaskResult::IoDone { operations } => *operations, _ => 0 }).sum(),
        busy_ticks: results.iter().map(|r| match r { TaskResult::BusyTicks(ticks) => *ticks, _ => 0 }).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_convoy_has_one_io_task_and_cpu_company_for_every_other_worker() {
        let planned = plan(5, 1, 3);
        assert!(matches!(planned[0].task, Task::BlockingIo { operations: 5, .. }) && !planned[0].background);
        assert!(planned[1..].iter().all(|p| p.background && p.task == Task::BusyLoop));
        assert_eq!(planned.len(), 3);
    }
}
