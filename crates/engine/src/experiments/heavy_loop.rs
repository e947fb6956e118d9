//! A7, a heavy loop: one long sum split into parts, run as one process per part or as a pool.

use super::bounds::task_count;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::{Estimate, SIMPLE_TICK_NS};
use super::parameter::number_values;
use super::splitting::split_evenly;
use super::{Experiment, Parameter};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::Task;
use crate::Mode;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "A7",
    key: "heavy-loop",
    label: "A heavy loop: one process per part or a pool",
    explanation: "One heavy loop split into parts. With as many processes as parts, each part gets a process of its own, as with separate Process objects, and every process pays its start-up. With fewer workers it is a Pool: start-up is paid once per worker and parts queue.",
    what_to_notice: "Compare the single worker with processes at one worker per part and at two workers: the lanes in \"starting\" show what each process start costs.",
    modes: &[Mode::Single, Mode::Processes],
    default_workers: 8,
    parameters: &[
        Parameter::number("iterations", "Iterations (additions in all)"),
        Parameter::number("parts", "Parts (one task each)"),
    ],
    splits_evenly: false,
    default: || Experiment::HeavyLoop { iterations: 400_000_000, parts: 8 },
    read: |reader| Experiment::HeavyLoop { iterations: reader.number("iterations"), parts: reader.number("parts") },
};

pub(super) fn parameter_values(iterations: u64, parts: u64) -> Vec<(&'static str, String)> {
    number_values(&[("iterations", iterations), ("parts", parts)])
}

pub(super) fn bounds_error(iterations: u64, parts: u64) -> Option<LimitError> {
    task_count("parts", parts, "Parts").or_else(|| {
        (iterations < parts).then(|| LimitError::new("iterations", "Use at least one iteration per part."))
    })
}

/// `parts` tasks of nearly equal length.
pub(super) fn plan(iterations: u64, parts: u64) -> Vec<PlannedTask> {
    split_evenly(iterations, parts).map(|(start, len)| PlannedTask::now(Task::RangeSum { start, end: start + len })).collect()
}

pub(super) fn estimate(iterations: u64) -> Estimate {
    Estimate::working(iterations as f64 * SIMPLE_TICK_NS)
}
