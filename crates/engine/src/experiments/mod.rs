//! The experiment catalogue (rows A1–A7 and B1–B4 of the project's experiment list), one file
//! per experiment: its catalogue entry (id, texts, modes, worker count, parameters and their
//! defaults), the bounds of its parameters, its plan of tasks, its estimate and how its tasks'
//! results combine into the answer a learner reads. This file dispatches an [`Experiment`]'s
//! operations, one `match` each, each arm handing the experiment's fields to its file;
//! `kind.rs` finds an [`ExperimentKind`]'s catalogue entry.
//!
//! Shared by the experiments: [`Parameter`]s and their reader (`parameter_reader.rs`), common
//! bounds (`bounds.rs`), splitting work over workers (`splitting.rs`), the [`Estimate`] and
//! the cost of a simple tick (`estimate.rs`), and the answer, [`RunResult`].
//!
//! To add an experiment: a variant of [`ExperimentKind`] and of [`Experiment`], a file beside
//! the others, and an arm in each `match` below and in `kind.rs`.

mod bounds;
mod catalogue_entry;
mod chunks;
mod convoy;
mod countdown;
mod downloads;
mod estimate;
mod factorial;
mod file_copy;
mod heavy_loop;
mod kind;
mod monte_carlo_pi;
mod parameter;
mod parameter_reader;
mod pool_call;
mod pool_calls;
mod range_sums;
mod run_result;
mod sleep;
mod splitting;
mod sum_of_primes;

use serde::{Deserialize, Serialize};

use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::TaskResult;
use estimate::Estimate;
use parameter_reader::ParameterReader;

pub use kind::ExperimentKind;
pub use parameter::{Parameter, ParameterKind};
pub use pool_call::PoolCall;
pub use run_result::RunResult;

/// An experiment and its parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Experiment {
    /// Count down from `count` to zero, the count split evenly over the workers (A1).
    Countdown {
        /// Total decrements.
        count: u64,
    },
    /// Estimate pi from `samples` random points, split evenly over the workers (A2).
    MonteCarloPi {
        /// Total points.
        samples: u64,
        /// The random stream.
        seed: u64,
    },
    /// Sum the primes below each limit, one task per limit (A3).
    SumOfPrimes {
        /// One task per limit.
        limits: Vec<u64>,
    },
    /// `n!` computed `times` times, one task each (A4).
    Factorial {
        /// Whose factorial.
        n: u64,
        /// How many tasks.
        times: u64,
    },
    /// `k ** exponent` for k = 1 … `numbers`, one pool call each, submitted as `call` does (A5).
    PoolCalls {
        /// How the calls are submitted and their results collected.
        call: PoolCall,
        /// How many calls.
        numbers: u64,
        /// 2 for squares, 3 for cubes.
        exponent: u64,
        /// Ticks of work in each call.
        work: u64,
    },
    /// A sum of `chunks × chunk_size` integers, one task per chunk (A6).
    Chunks {
        /// How many tasks.
        chunks: u64,
        /// Integers per chunk.
        chunk_size: u64,
    },
    /// A sum of `iterations` integers split into `parts` tasks (A7).
    HeavyLoop {
        /// Integers in all.
        iterations: u64,
        /// How many tasks.
        parts: u64,
    },
    /// `sleeps` blocking waits of `millis` each (B1).
    Sleep {
        /// How many waits (tasks).
        sleeps: u64,
        /// How long each blocks.
        millis: u64,
    },
    /// `urls` downloads, each waiting a latency drawn from `min_ms..=max_ms` by `seed` (B2).
    Downloads {
        /// How many (tasks).
        urls: u64,
        /// Shortest latency.
        min_ms: u64,
        /// Longest latency.
        max_ms: u64,
        /// The latencies' random stream.
        seed: u64,
    },
    /// `files` files of `megabytes` each copied a megabyte at a time through a disk of the given
    /// speed (B3).
    FileCopy {
        /// How many (tasks).
        files: u64,
        /// Size of each.
        megabytes: u64,
        /// Disk speed: a megabyte read and written takes 2 / this seconds.
        megabytes_per_second: u64,
    },
    /// One worker doing `operations` I/O operations of `millis` each while every other worker
    /// does CPU work until it is finished (B4).
    Convoy {
        /// How many I/O operations.
        operations: u64,
        /// Each one's wait.
        millis: u64,
    },
}

impl Experiment {
    /// Which experiment this is.
    pub fn kind(&self) -> ExperimentKind {
        match self {
            Experiment::Countdown { .. } => ExperimentKind::Countdown,
            Experiment::MonteCarloPi { .. } => ExperimentKind::MonteCarloPi,
            Experiment::SumOfPrimes { .. } => ExperimentKind::SumOfPrimes,
            Experiment::Factorial { .. } => ExperimentKind::Factorial,
            Experiment::PoolCalls { .. } => ExperimentKind::PoolCalls,
            Experiment::Chunks { .. } => ExperimentKind::Chunks,
            Experiment::HeavyLoop { .. } => ExperimentKind::HeavyLoop,
            Experiment::Sleep { .. } => ExperimentKind::Sleep,
            Experiment::Downloads { .. } => ExperimentKind::Downloads,
            Experiment::FileCopy { .. } => ExperimentKind::FileCopy,
            Experiment::Convoy { .. } => ExperimentKind::Convoy,
        }
    }

    /// The experiment of `kind` whose parameters `value` gives as text (by parameter key).
    ///
    /// # Errors
    /// One message per parameter that is not readable as what it should be.
    pub fn from_parameters(kind: ExperimentKind, value: &dyn Fn(&str) -> String) -> Result<Experiment, Vec<String>> {
        let mut reader = ParameterReader::new(kind, value);
        let experiment = (kind.entry().read)(&mut reader);
        let problems = reader.into_problems();
        if problems.is_empty() { Ok(experiment) } else { Err(problems) }
    }

    /// Every parameter's value as the form shows it, in [`ExperimentKind::parameters`] order.
    pub fn parameter_values(&self) -> Vec<(&'static str, String)> {
        match *self {
            Experiment::Countdown { count } => countdown::parameter_values(count),
            Experiment::MonteCarloPi { samples, seed } => monte_carlo_pi::parameter_values(samples, seed),
            Experiment::SumOfPrimes { ref limits } => sum_of_primes::parameter_values(limits),
            Experiment::Factorial { n, times } => factorial::parameter_values(n, times),
            Experiment::PoolCalls { call, numbers, exponent, work } => pool_calls::parameter_values(call, numbers, exponent, work),
            Experiment::Chunks { chunks, chunk_size } => chunks::parameter_values(chunks, chunk_size),
            Experiment::HeavyLoop { iterations, parts } => heavy_loop::parameter_values(iterations, parts),
            Experiment::Sleep { sleeps, millis } => sleep::parameter_values(sleeps, millis),
            Experiment::Downloads { urls, min_ms, max_ms, seed } => downloads::parameter_values(urls, min_ms, max_ms, seed),
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => {
                file_copy::parameter_values(files, megabytes, megabytes_per_second)
            }
            Experiment::Convoy { operations, millis } => convoy::parameter_values(operations, millis),
        }
    }

    /// The first parameter outside its own bounds, as the error the form shows beside it.
    pub(crate) fn bounds_error(&self) -> Option<LimitError> {
        match *self {
            Experiment::Countdown { count } => countdown::bounds_error(count),
            Experiment::MonteCarloPi { samples, .. } => monte_carlo_pi::bounds_error(samples),
            Experiment::SumOfPrimes { ref limits } => sum_of_primes::bounds_error(limits),
            Experiment::Factorial { n, times } => factorial::bounds_error(n, times),
            Experiment::PoolCalls { numbers, exponent, .. } => pool_calls::bounds_error(numbers, exponent),
            Experiment::Chunks { chunks, chunk_size } => chunks::bounds_error(chunks, chunk_size),
            Experiment::HeavyLoop { iterations, parts } => heavy_loop::bounds_error(iterations, parts),
            Experiment::Sleep { sleeps, millis } => sleep::bounds_error(sleeps, millis),
            Experiment::Downloads { urls, min_ms, max_ms, .. } => downloads::bounds_error(urls, min_ms, max_ms),
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => {
                file_copy::bounds_error(files, megabytes, megabytes_per_second)
            }
            Experiment::Convoy { operations, millis } => convoy::bounds_error(operations, millis),
        }
    }

    /// Whether the work splits evenly over the workers, so a serial share can be carved out.
    pub fn splits_evenly(&self) -> bool {
        self.kind().entry().splits_evenly
    }

    /// The tasks for `workers` workers. With `serial_percent` above zero (experiments that
    /// [split evenly](Experiment::splits_evenly)), that share of the work runs first as one task
    /// that nothing else runs beside, then the rest splits over the workers (Amdahl's serial part).
    pub fn plan(&self, workers: usize, serial_percent: u64) -> Vec<PlannedTask> {
        let workers = workers.max(1) as u64;
        match *self {
            Experiment::Countdown { count } => countdown::plan(count, workers, serial_percent),
            Experiment::MonteCarloPi { samples, seed } => monte_carlo_pi::plan(samples, seed, workers, serial_percent),
            Experiment::SumOfPrimes { ref limits } => sum_of_primes::plan(limits),
            Experiment::Factorial { n, times } => factorial::plan(n, times),
            Experiment::PoolCalls { call, numbers, exponent, work } => pool_calls::plan(call, numbers, exponent, work),
            Experiment::Chunks { chunks, chunk_size } => chunks::plan(chunks, chunk_size),
            Experiment::HeavyLoop { iterations, parts } => heavy_loop::plan(iterations, parts),
            Experiment::Sleep { sleeps, millis } => sleep::plan(sleeps, millis),
            Experiment::Downloads { .. } => downloads::plan(&self.download_latencies_ms()),
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => {
                file_copy::plan(files, megabytes, megabytes_per_second)
            }
            Experiment::Convoy { operations, millis } => convoy::plan(operations, millis, workers),
        }
    }

    /// How many tasks [`Experiment::plan`] makes for `workers` workers without a serial share,
    /// counted without planning them.
    pub fn task_count(&self, workers: usize) -> u64 {
        match self {
            Experiment::Countdown { .. } | Experiment::MonteCarloPi { .. } | Experiment::Convoy { .. } => workers.max(1) as u64,
            Experiment::SumOfPrimes { limits } => limits.len() as u64,
            Experiment::Factorial { times: count, .. }
            | Experiment::PoolCalls { numbers: count, .. }
            | Experiment::Chunks { chunks: count, .. }
            | Experiment::HeavyLoop { parts: count, .. }
            | Experiment::Sleep { sleeps: count, .. }
            | Experiment::Downloads { urls: count, .. }
            | Experiment::FileCopy { files: count, .. } => *count,
        }
    }

    /// The workers' limit the experiment adds to the scenario's, if `workers` break it.
    pub(crate) fn workers_error(&self, workers: usize) -> Option<LimitError> {
        match self {
            Experiment::Convoy { .. } => convoy::workers_error(workers),
            _ => None,
        }
    }

    /// The most tasks that may run at once, where the plan allows fewer than the workers.
    pub(crate) fn most_tasks_at_once(&self) -> Option<u64> {
        match *self {
            Experiment::PoolCalls { call, .. } => pool_calls::most_calls_at_once(call),
            _ => None,
        }
    }

    /// For an experiment whose I/O runs beside CPU-bound work that never ends first (the
    /// convoy), how many times its I/O worker comes back from a wait and needs the GIL: its run
    /// time is its own, plus a wait for the GIL each time, however many workers there are.
    pub(crate) fn returns_from_io_beside_cpu_work(&self) -> Option<u64> {
        match *self {
            Experiment::Convoy { operations, .. } => Some(operations),
            _ => None,
        }
    }

    /// Each download's latency, drawn from the seed (empty for other experiments).
    pub fn download_latencies_ms(&self) -> Vec<u64> {
        match *self {
            Experiment::Downloads { urls, min_ms, max_ms, seed } => downloads::latencies_ms(urls, min_ms, max_ms, seed),
            _ => Vec::new(),
        }
    }

    /// How long one worker would take for the whole experiment, and how much of it blocked.
    fn estimate(&self) -> Estimate {
        match *self {
            Experiment::Countdown { count } => countdown::estimate(count),
            Experiment::MonteCarloPi { samples, .. } => monte_carlo_pi::estimate(samples),
            Experiment::SumOfPrimes { ref limits } => sum_of_primes::estimate(limits),
            Experiment::Factorial { n, times } => factorial::estimate(n, times),
            Experiment::PoolCalls { numbers, work, .. } => pool_calls::estimate(numbers, work),
            Experiment::Chunks { chunks, chunk_size } => chunks::estimate(chunks, chunk_size),
            Experiment::HeavyLoop { iterations, .. } => heavy_loop::estimate(iterations),
            Experiment::Sleep { sleeps, millis } => sleep::estimate(sleeps, millis),
            Experiment::Downloads { urls, min_ms, max_ms, .. } => downloads::estimate(urls, min_ms, max_ms),
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => {
                file_copy::estimate(files, megabytes, megabytes_per_second)
            }
            Experiment::Convoy { operations, millis } => convoy::estimate(operations, millis),
        }
    }

    /// How long one worker would take for the whole experiment, estimated.
    pub fn estimated_serial_seconds(&self) -> f64 {
        self.estimate().serial_seconds
    }

    /// How much of [`Experiment::estimated_serial_seconds`] is spent blocked (sleeps, latencies,
    /// disk waits), during which a worker holds no GIL and needs no core.
    pub fn estimated_wait_seconds(&self) -> f64 {
        self.estimate().wait_seconds
    }

    /// The experiment's answer from its tasks' results (in task order) and the order in which
    /// the tasks finished.
    pub fn combine(&self, results: &[TaskResult], completion_order: &[usize]) -> RunResult {
        match *self {
            Experiment::Countdown { .. } => countdown::combine(results),
            Experiment::MonteCarloPi { .. } => monte_carlo_pi::combine(results),
            Experiment::SumOfPrimes { .. } => sum_of_primes::combine(results),
            Experiment::Factorial { n, .. } => factorial::combine(n, results),
            Experiment::PoolCalls { call, .. } => pool_calls::combine(call, results, completion_order),
            Experiment::Chunks { .. } | Experiment::HeavyLoop { .. } => range_sums::combine(results),
            Experiment::Sleep { millis, .. } => sleep::combine(millis, results),
            Experiment::Downloads { .. } => downloads::combine(&self.download_latencies_ms(), results),
            Experiment::FileCopy { megabytes, .. } => file_copy::combine(megabytes, results),
            Experiment::Convoy { .. } => convoy::combine(results),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_experiment_key_names_that_experiment() {
        for kind in ExperimentKind::ALL {
            assert_eq!(ExperimentKind::from_key(kind.key()), Some(kind));
            assert_eq!(kind.default_experiment().kind(), kind);
        }
    }

    #[test]
    fn every_parameter_of_every_default_experiment_has_a_value() {
        for kind in ExperimentKind::ALL {
            let values = kind.default_experiment().parameter_values();
            let keys: Vec<_> = values.iter().map(|(key, _)| *key).collect();
            let expected: Vec<_> = kind.parameters().iter().map(|parameter| parameter.key).collect();
            assert_eq!(keys, expected, "{kind:?}");
        }
    }

    #[test]
    fn the_task_count_is_the_number_of_planned_tasks() {
        for kind in ExperimentKind::ALL {
            let experiment = kind.default_experiment();
            assert_eq!(experiment.task_count(3), experiment.plan(3, 0).len() as u64, "{kind:?}");
        }
    }

    #[test]
    fn every_default_experiment_reads_back_from_its_parameter_values() {
        for kind in ExperimentKind::ALL {
            let experiment = kind.default_experiment();
            let values = experiment.parameter_values();
            let read = Experiment::from_parameters(kind, &|key| {
                values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()).unwrap_or_default()
            });
            assert_eq!(read, Ok(experiment), "{kind:?}");
        }
    }

    #[test]
    fn an_unreadable_parameter_is_named_in_the_message() {
        let problems = Experiment::from_parameters(ExperimentKind::MonteCarloPi, &|key| if key == "samples" { "lots".into() } else { "1".into() }).unwrap_err();
        assert_eq!(problems, vec!["Samples must be a whole number (got \"lots\").".to_owned()]);
    }
}
