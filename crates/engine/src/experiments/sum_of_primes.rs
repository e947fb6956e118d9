//! A3, sum of primes: one task per limit, each summing the primes below it by trial division;
//! the tasks differ in size and none can be split.

use super::bounds::task_count;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::Estimate;
use super::{Experiment, Parameter, ParameterKind, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

/// Estimated cost of one trial division in the browser, in nanoseconds (rounded up).
const PRIME_DIVISION_NS: f64 = 3.0;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "A3",
    key: "primes",
    label: "Sum of primes",
    explanation: "One task per limit, each summing the primes below it by trial division. The tasks differ in size, and a task cannot be split between workers.",
    what_to_notice: "With four workers and three tasks one worker stays idle, and the largest task alone sets the wall time.",
    modes: &Mode::ALL,
    default_workers: 4,
    parameters: &[Parameter {
        key: "limits",
        label: "Limits (one task each, separated by commas)",
        kind: ParameterKind::NumberList,
    }],
    splits_evenly: false,
    default: || Experiment::SumOfPrimes { limits: vec![1_000_000, 2_000_000, 3_000_000] },
    read: |reader| Experiment::SumOfPrimes { limits: reader.numbers("limits") },
};

pub(super) fn parameter_values(limits: &[u64]) -> Vec<(&'static str, String)> {
    vec![("limits", limits.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))]
}

pub(super) fn bounds_error(limits: &[u64]) -> Option<LimitError> {
    task_count("limits", limits.len() as u64, "The number of limits")
}

/// One task per limit.
pub(super) fn plan(limits: &[u64]) -> Vec<PlannedTask> {
    limits.iter().map(|&limit| PlannedTask::now(Task::SumPrimesBelow { limit })).collect()
}

pub(super) fn estimate(limits: &[u64]) -> Estimate {
    Estimate::working(limits.iter().map(|&limit| trial_divisions_below(limit) * PRIME_DIVISION_NS).sum())
}

/// Roughly how many divisions trial division makes for the numbers below `limit`: the primes
/// dominate, each costing about √n / 2 divisions.
fn trial_divisions_below(limit: u64) -> f64 {
    let n = limit.max(3) as f64;
    let primes = n / n.ln();
    primes * n.sqrt() / 2.0 + n
}

/// `(limit, sum of primes below it)` per task, in task order.
pub(super) fn combine(results: &[TaskResult]) -> RunResult {
    RunResult::PrimeSums(
        results
            .iter()
            .filter_map(|r| match r {
                TaskResult::PrimeSum { limit, sum } => Some((*limit, *sum)),
                _ => None,
            })
            .collect(),
    )
}
