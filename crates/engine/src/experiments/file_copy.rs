//! B3, copying large files: chunk by chunk, each chunk waiting for the disk (read and write at
//! the set speed), then a little CPU work moving the bytes.

use super::bounds::{at_least_one, task_count};
use super::catalogue_entry::CatalogueEntry;
use super::estimate::Estimate;
use super::parameter::number_values;
use super::{Experiment, Parameter, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

/// Ticks of CPU work per copied megabyte (moving the bytes).
const COPY_CPU_TICKS_PER_MB: u64 = 300_000;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "B3",
    key: "file-copy",
    label: "Copying large files",
    explanation: "Copying files chunk by chunk: each chunk waits for the disk (read and write at the set speed), then a little CPU work moves the bytes. The disk waits release the GIL.",
    what_to_notice: "Two threads copy two files in about half the single worker's time, because the disk waits overlap.",
    modes: &[Mode::Single, Mode::ThreadsWithGil],
    default_workers: 2,
    parameters: &[
        Parameter::number("files", "Files (one task each)"),
        Parameter::number("megabytes", "Megabytes per file"),
        Parameter::number("megabytes_per_second", "Disk speed (MB/s, read and write)"),
    ],
    splits_evenly: false,
    default: || Experiment::FileCopy { files: 2, megabytes: 64, megabytes_per_second: 100 },
    read: |reader| Experiment::FileCopy {
        files: reader.number("files"),
        megabytes: reader.number("megabytes"),
        megabytes_per_second: reader.number("megabytes_per_second"),
    },
};

pub(super) fn parameter_values(files: u64, megabytes: u64, megabytes_per_second: u64) -> Vec<(&'static str, String)> {
    number_values(&[("files", files), ("megabytes", megabytes), ("megabytes_per_second", megabytes_per_second)])
}

pub(super) fn bounds_error(files: u64, megabytes: u64, megabytes_per_second: u64) -> Option<LimitError> {
    task_count("files", files, "Files")
        .or_else(|| at_least_one("megabytes", megabytes, "Megabytes per file"))
        .or_else(|| at_least_one("megabytes_per_second", megabytes_per_second, "The disk speed"))
}

/// One task per file: a disk wait and some work per megabyte.
pub(super) fn plan(files: u64, megabytes: u64, megabytes_per_second: u64) -> Vec<PlannedTask> {
    let megabyte = Task::BlockingIo {
        operations: megabytes,
        wait_us: 2_000_000 / megabytes_per_second.max(1),
        cpu_ticks: COPY_CPU_TICKS_PER_MB,
    };
    (0..files).map(|_| PlannedTask::now(megabyte.clone())).collect()
}

pub(super) fn estimate(files: u64, megabytes: u64, megabytes_per_second: u64) -> Estimate {
    let per_megabyte = 2e9 / megabytes_per_second.max(1) as f64 + COPY_CPU_TICKS_PER_MB as f64;
    Estimate::waiting(
        files as f64 * megabytes as f64 * per_megabyte,
        files as f64 * megabytes as f64 * 2e3 / megabytes_per_second.max(1) as f64,
    )
}

/// How many files were copied, and each one's size.
pub(super) fn combine(megabytes: u64, results: &[TaskResult]) -> RunResult {
    RunResult::Copied { files: results.len(), megabytes }
}
