//! A6, chunks queued over a pool: a long sum cut into chunks that a small pool of processes works
//! through first in, first out.

use super::bounds::{at_least_one, task_count};
use super::catalogue_entry::CatalogueEntry;
use super::estimate::{Estimate, SIMPLE_TICK_NS};
use super::parameter::number_values;
use super::{Experiment, Parameter};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::Task;
use crate::Mode;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "A6",
    key: "chunks",
    label: "Chunks queued over a pool",
    explanation: "A long sum cut into chunks that a small pool of processes works through first in, first out: a worker that finishes a chunk takes the next one waiting.",
    what_to_notice: "Three lanes, six chunks: each worker takes a new chunk the moment it finishes one, so every lane shows two chunks back to back.",
    modes: &[Mode::Single, Mode::Processes],
    default_workers: 3,
    parameters: &[
        Parameter::number("chunks", "Chunks (one task each)"),
        Parameter::number("chunk_size", "Chunk size (additions each)"),
    ],
    splits_evenly: false,
    default: || Experiment::Chunks { chunks: 6, chunk_size: 50_000_000 },
    read: |reader| Experiment::Chunks { chunks: reader.number("chunks"), chunk_size: reader.number("chunk_size") },
};

pub(super) fn parameter_values(chunks: u64, chunk_size: u64) -> Vec<(&'static str, String)> {
    number_values(&[("chunks", chunks), ("chunk_size", chunk_size)])
}

pub(super) fn bounds_error(chunks: u64, chunk_size: u64) -> Option<LimitError> {
    task_count("chunks", chunks, "Chunks").or_else(|| at_least_one("chunk_size", chunk_size, "The chunk size"))
}

/// One task per chunk, the chunks back to back.
pub(super) fn plan(chunks: u64, chunk_size: u64) -> Vec<PlannedTask> {
    (0..chunks)
        .map(|chunk| PlannedTask::now(Task::RangeSum { start: chunk * chunk_size, end: (chunk + 1) * chunk_size }))
        .collect()
}

pub(super) fn estimate(chunks: u64, chunk_size: u64) -> Estimate {
    Estimate::working(chunks as f64 * chunk_size as f64 * SIMPLE_TICK_NS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_whole_range() {
        let results: Vec<_> = plan(3, 10)
            .iter()
            .map(|p| match p.task { Task::RangeSum { start, end } => (start..end).sum::<u64>(), _ => panic!() })
            .collect();
        assert_eq!(results.iter().sum::<u64>(), (0..30u64).sum::<u64>());
    }
}
