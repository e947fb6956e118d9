//! A2, Monte Carlo pi: random points in a square estimate pi from the share that lands inside a
//! quarter circle; the points split evenly over the workers.

use super::bounds::at_least_one;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::Estimate;
use super::parameter::{number_values, SEED};
use super::splitting::split_with_serial_part;
use super::{Experiment, Parameter, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

/// Estimated cost of one point in the browser, in nanoseconds: measured at 8.0 ns in headless
/// Chromium on a 2-core machine of this project's kind, one worker, rounded up so that the
/// two-minute limit errs on the safe side.
const PI_TICK_NS: f64 = 12.0;

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "A2",
    key: "pi",
    label: "Monte Carlo pi",
    explanation: "Random points in a square estimate pi from the share that lands inside a quarter circle. The points split evenly over the workers and each worker's share is independent work.",
    what_to_notice: "The estimate approaches 3.14159 in every mode; the speed-up grows with workers up to the core count, then flattens (run the speed-up study).",
    modes: &Mode::ALL,
    default_workers: 2,
    parameters: &[Parameter::number("samples", "Samples (points in all)"), SEED],
    splits_evenly: true,
    default: || Experiment::MonteCarloPi { samples: 150_000_000, seed: 1 },
    read: |reader| Experiment::MonteCarloPi { samples: reader.number("samples"), seed: reader.number("seed") },
};

pub(super) fn parameter_values(samples: u64, seed: u64) -> Vec<(&'static str, String)> {
    number_values(&[("samples", samples), ("seed", seed)])
}

pub(super) fn bounds_error(samples: u64) -> Option<LimitError> {
    at_least_one("samples", samples, "Samples")
}

/// One stretch of the random stream per worker, after the serial share's if there is one.
pub(super) fn plan(samples: u64, seed: u64, workers: u64, serial_percent: u64) -> Vec<PlannedTask> {
    split_with_serial_part(samples, workers, serial_percent, |first, count| Task::PiSamples { seed, first, count })
}

pub(super) fn estimate(samples: u64) -> Estimate {
    Estimate::working(samples as f64 * PI_TICK_NS)
}

/// 4 × hits / samples over every task.
pub(super) fn combine(results: &[TaskResult]) -> RunResult {
    let (hits, samples) = results.iter().fold((0, 0), |(h, s), r| match r {
        TaskResult::PiHits { hits, samples } => (h + hits, s + samples),
        _ => (h, s),
    });
    RunResult::Pi { estimate: 4.0 * hits as f64 / samples.max(1) as f64, samples }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pi_with_a_serial_share_still_throws_every_sample_once() {
        let planned = plan(1_000, 1, 2, 25);
        let ranges: Vec<_> = planned.iter().map(|p| match p.task { Task::PiSamples { first, count, .. } => (first, count), _ => panic!() }).collect();
        assert_eq!(ranges, vec![(0, 250), (250, 375), (625, 375)]);
    }
}
