//! B2, downloads with a thread pool: simulated downloads, each waiting a seeded random latency
//! and then reading the response, fetched by a pool of threads.

use super::bounds::task_count;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::Estimate;
use super::parameter::{number_values, SEED};
use super::{Experiment, Parameter, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{splitmix64, Task, TaskResult};
use crate::Mode;

/// Ticks of CPU work after each download (reading the response).
const DOWNLOAD_CPU_TICKS: u64 = 200_000;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "B2",
    key: "downloads",
    label: "Downloads with a thread pool",
    explanation: "Simulated downloads, each waiting a seeded random latency, fetched by a pool of threads. More threads keep more downloads in flight at once, even under the GIL.",
    what_to_notice: "The wall time falls as the pool grows (try 1, 2, 5 and 10 workers), until one pool worker per download.",
    modes: &[Mode::Single, Mode::ThreadsWithGil],
    default_workers: 5,
    parameters: &[
        Parameter::number("urls", "Downloads (one task each)"),
        Parameter::number("min_ms", "Shortest latency (ms)"),
        Parameter::number("max_ms", "Longest latency (ms)"),
        SEED,
    ],
    splits_evenly: false,
    default: || Experiment::Downloads { urls: 12, min_ms: 200, max_ms: 800, seed: 1 },
    read: |reader| Experiment::Downloads {
        urls: reader.number("urls"),
        min_ms: reader.number("min_ms"),
        max_ms: reader.number("max_ms"),
        seed: reader.number("seed"),
    },
};

pub(super) fn parameter_values(urls: u64, min_ms: u64, max_ms: u64, seed: u64) -> Vec<(&'static str, String)> {
    number_values(&[("urls", urls), ("min_ms", min_ms), ("max_ms", max_ms), ("seed", seed)])
}

pub(super) fn bounds_error(urls: u64, min_ms: u64, max_ms: u64) -> Option<LimitError> {
    task_count("urls", urls, "Downloads").or_else(|| {
        (min_ms > max_ms).then(|| LimitError::new("min_ms", "The shortest latency must not exceed the longest."))
    })
}

/// Each download's latency, drawn from the seed.
pub(super) fn latencies_ms(urls: u64, min_ms: u64, max_ms: u64, seed: u64) -> Vec<u64> {
    let spread = max_ms.saturating_sub(min_ms) + 1;
    (0..urls).map(|url| min_ms + splitmix64(seed ^ url.wrapping_mul(0xA24B_AED4_963E_E407)) % spread).collect()
}

/// One task per download: its latency, then reading the response.
pub(super) fn plan(latencies_ms: &[u64]) -> Vec<PlannedTask> {
    latencies_ms
        .iter()
        .map(|ms| PlannedTask::now(Task::BlockingIo { operations: 1, wait_us: ms * 1000, cpu_ticks: DOWNLOAD_CPU_TICKS }))
        .collect()
}

pub(super) fn estimate(urls: u64, min_ms: u64, max_ms: u64) -> Estimate {
    let mean_latency_ms = (min_ms as f64 + max_ms as f64) / 2.0;
    Estimate::waiting(
        urls as f64 * (mean_latency_ms * 1e6 + DOWNLOAD_CPU_TICKS as f64),
        urls as f64 * (min_ms as f64 + max_ms as f64) / 2.0,
    )
}

/// How many downloads completed, and their latencies added up.
pub(super) fn combine(latencies_ms: &[u64], results: &[TaskResult]) -> RunResult {
    RunResult::Downloaded { urls: results.len(), latency_ms: latencies_ms.iter().sum() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_latencies_stay_within_their_bounds_and_follow_the_seed() {
        let downloads = |seed| latencies_ms(50, 200, 800, seed);
        assert!(downloads(1).iter().all(|ms| (200..=800).contains(ms)));
        assert_eq!(downloads(1), downloads(1));
        assert_ne!(downloads(1), downloads(2));
    }
}
