//! B1, sleep: each task blocks in a wait, the way a download or a disk read blocks, and a
//! blocking wait releases the GIL.

use super::bounds::{at_least_one, task_count};
use super::catalogue_entry::CatalogueEntry;
use super::estimate::Estimate;
use super::parameter::number_values;
use super::{Experiment, Parameter, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "B1",
    key: "sleep",
    label: "Sleep (blocking I/O)",
    explanation: "Each task blocks in a wait, the way a download or a disk read blocks. A blocking wait releases the GIL, so the other threads run meanwhile.",
    what_to_notice: "Ten one-second waits take about one second under threads + GIL, not ten: the waits overlap.",
    modes: &[Mode::Single, Mode::ThreadsWithGil, Mode::FreeThreaded],
    default_workers: 10,
    parameters: &[Parameter::number("sleeps", "Sleeps (tasks)"), Parameter::number("millis", "Milliseconds per sleep")],
    splits_evenly: false,
    default: || Experiment::Sleep { sleeps: 10, millis: 1_000 },
    read: |reader| Experiment::Sleep { sleeps: reader.number("sleeps"), millis: reader.number("millis") },
};

pub(super) fn parameter_values(sleeps: u64, millis: u64) -> Vec<(&'static str, String)> {
    number_values(&[("sleeps", sleeps), ("millis", millis)])
}

pub(super) fn bounds_error(sleeps: u64, millis: u64) -> Option<LimitError> {
    task_count("sleeps", sleeps, "Sleeps").or_else(|| at_least_one("millis", millis, "Milliseconds per sleep"))
}

/// One wait per task, no work after it.
pub(super) fn plan(sleeps: u64, millis: u64) -> Vec<PlannedTask> {
    (0..sleeps).map(|_| PlannedTask::now(Task::BlockingIo { operations: 1, wait_us: millis * 1000, cpu_ticks: 0 })).collect()
}

pub(super) fn estimate(sleeps: u64, millis: u64) -> Estimate {
    Estimate::waiting(sleeps as f64 * millis as f64 * 1e6, sleeps as f64 * millis as f64)
}

/// How many sleeps completed, and each one's length.
pub(super) fn combine(millis: u64, results: &[TaskResult]) -> RunResult {
    RunResult::Slept { sleeps: results.len(), millis }
}
