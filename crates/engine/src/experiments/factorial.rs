//! A4, factorial, many times: each task computes `n!` with big integers, and a pool of many
//! threads shares the tasks.

use super::bounds::task_count;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::Estimate;
use super::parameter::number_values;
use super::{Experiment, Parameter, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

/// One nine-digit limb multiplied by a factor, with its carry, in the browser, in nanoseconds.
const FACTORIAL_LIMB_NS: f64 = 4.0;
/// Largest n whose factorial may be asked for (its estimate is a closed form, but n! of more
/// than a million would take minutes anyway).
const MAX_FACTORIAL_N: u64 = 1_000_000;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "A4",
    key: "factorial",
    label: "Factorial, many times",
    explanation: "Each task computes a factorial with big integers; a pool of many threads shares the tasks. Asking for a hundred threads is fine: they are cheap to create, they just cannot run Python code at the same time.",
    what_to_notice: "A hundred threads under the GIL are no faster than one worker: the timeline shows them taking turns.",
    modes: &[Mode::Single, Mode::ThreadsWithGil, Mode::FreeThreaded],
    default_workers: 100,
    parameters: &[Parameter::number("n", "n (whose factorial)"), Parameter::number("times", "Times (one task each)")],
    splits_evenly: false,
    default: || Experiment::Factorial { n: 10_000, times: 100 },
    read: |reader| Experiment::Factorial { n: reader.number("n"), times: reader.number("times") },
};

pub(super) fn parameter_values(n: u64, times: u64) -> Vec<(&'static str, String)> {
    number_values(&[("n", n), ("times", times)])
}

pub(super) fn bounds_error(n: u64, times: u64) -> Option<LimitError> {
    task_count("times", times, "Times").or_else(|| {
        (n > MAX_FACTORIAL_N).then(|| LimitError::new("n", format!("n must be at most {MAX_FACTORIAL_N}.")))
    })
}

/// `times` tasks, each computing `n!`.
pub(super) fn plan(n: u64, times: u64) -> Vec<PlannedTask> {
    (0..times).map(|_| PlannedTask::now(Task::Factorial { n })).collect()
}

pub(super) fn estimate(n: u64, times: u64) -> Estimate {
    Estimate::working(times as f64 * factorial_limb_products(n) * FACTORIAL_LIMB_NS)
}

/// Roughly how many limb products computing `n!` takes: Σ digits(k!) / 9 for k ≤ n, with
/// Σ ln k! ≈ n²/2 · ln n − 3n²/4.
fn factorial_limb_products(n: u64) -> f64 {
    let n = n.max(2) as f64;
    let natural_log_sum = n * n / 2.0 * n.ln() - 0.75 * n * n;
    (natural_log_sum / std::f64::consts::LN_10 / 9.0).max(n)
}

/// How many factorials were computed, `n!`'s digits, and whether every task agreed on them.
pub(super) fn combine(n: u64, results: &[TaskResult]) -> RunResult {
    let digits: Vec<u64> = results.iter().filter_map(|r| match r { TaskResult::Factorial { digits, .. } => Some(*digits), _ => None }).collect();
    RunResult::Factorials { n, times: digits.len(), digits: digits.first().copied().unwrap_or(0), all_equal: digits.windows(2).all(|w| w[0] == w[1]) }
}
