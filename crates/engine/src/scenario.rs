//! What a learner asked for: an experiment with its parameters, a mode and a worker count;
//! how it is checked against the limits and split into tasks.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::gil::GilPolicy;
use crate::limits::{
    MAX_CHECK_INTERVAL_TICKS, MIN_CHECK_INTERVAL_TICKS,
    LimitError, MAX_RUN_SECONDS, MAX_SWITCH_INTERVAL_MS, MAX_WORKERS, MIN_SWITCH_INTERVAL_MS,
    MIN_WORKERS,
};
use crate::run::FaultPlan;
use crate::workload::{Task, TaskResult};
use crate::Mode;

/// Estimated cost of one tick in the browser, in nanoseconds (measured on a 2-core machine of
/// this project's kind, rounded up so that the two-minute limit errs on the safe side).
/// Measured in headless Chromium, one worker: countdown 0.56 ns, pi 8.0 ns per tick.
const COUNTDOWN_TICK_NS: f64 = 1.0;
const PI_TICK_NS: f64 = 12.0;
const PRIME_DIVISION_NS: f64 = 3.0;

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
    /// `sleeps` blocking waits of `millis` each, as downloads would block (B1).
    Sleep {
        /// How many waits (tasks).
        sleeps: u32,
        /// How long each blocks.
        millis: u32,
    },
}

/// Which experiment, without its parameters (the picker's choices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExperimentKind {
    /// See [`Experiment::Countdown`].
    Countdown,
    /// See [`Experiment::MonteCarloPi`].
    MonteCarloPi,
    /// See [`Experiment::SumOfPrimes`].
    SumOfPrimes,
    /// See [`Experiment::Sleep`].
    Sleep,
}

impl ExperimentKind {
    /// Every experiment, in the order the picker shows them.
    pub const ALL: [ExperimentKind; 4] = [
        ExperimentKind::Countdown,
        ExperimentKind::MonteCarloPi,
        ExperimentKind::SumOfPrimes,
        ExperimentKind::Sleep,
    ];

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "Countdown",
            ExperimentKind::MonteCarloPi => "Monte Carlo pi",
            ExperimentKind::SumOfPrimes => "Sum of primes",
            ExperimentKind::Sleep => "Sleep (blocking I/O)",
        }
    }

    /// A short stable name, for links and form values.
    pub fn key(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "countdown",
            ExperimentKind::MonteCarloPi => "pi",
            ExperimentKind::SumOfPrimes => "primes",
            ExperimentKind::Sleep => "sleep",
        }
    }

    /// The kind named by [`ExperimentKind::key`].
    pub fn from_key(key: &str) -> Option<ExperimentKind> {
        ExperimentKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The experiment with its default parameters.
    pub fn default_experiment(self) -> Experiment {
        match self {
            ExperimentKind::Countdown => Experiment::Countdown { count: 2_000_000_000 },
            ExperimentKind::MonteCarloPi => Experiment::MonteCarloPi { samples: 150_000_000, seed: 1 },
            ExperimentKind::SumOfPrimes => {
                Experiment::SumOfPrimes { limits: vec![1_000_000, 2_000_000, 3_000_000, 4_000_000] }
            }
            ExperimentKind::Sleep => Experiment::Sleep { sleeps: 10, millis: 500 },
        }
    }

    /// One line saying what the experiment shows.
    pub fn explanation(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "Pure CPU work. Under the GIL only one worker counts at a time, so two workers take as long as one.",
            ExperimentKind::MonteCarloPi => "Random points in a square estimate pi. The work splits evenly, so free-threaded and processes scale with cores.",
            ExperimentKind::SumOfPrimes => "Four tasks of different sizes. The largest task bounds the wall time, whatever the worker count.",
            ExperimentKind::Sleep => "Blocking waits release the GIL, so even threads + GIL overlap them.",
        }
    }
}

impl Experiment {
    /// Which experiment this is.
    pub fn kind(&self) -> ExperimentKind {
        match self {
            Experiment::Countdown { .. } => ExperimentKind::Countdown,
            Experiment::MonteCarloPi { .. } => ExperimentKind::MonteCarloPi,
            Experiment::SumOfPrimes { .. } => ExperimentKind::SumOfPrimes,
            Experiment::Sleep { .. } => ExperimentKind::Sleep,
        }
    }

    /// The tasks of this experiment when split for `workers` workers.
    pub fn tasks(&self, workers: usize) -> Vec<Task> {
        let workers = workers.max(1) as u64;
        match self {
            Experiment::Countdown { count } => {
                split_evenly(*count, workers).map(|(_, from)| Task::Countdown { from }).collect()
            }
            Experiment::MonteCarloPi { samples, seed } => split_evenly(*samples, workers)
                .map(|(first, count)| Task::PiSamples { seed: *seed, first, count })
                .collect(),
            Experiment::SumOfPrimes { limits } => {
                limits.iter().map(|&limit| Task::SumPrimesBelow { limit }).collect()
            }
            Experiment::Sleep { sleeps, millis } => {
                (0..*sleeps).map(|_| Task::Sleep { millis: *millis }).collect()
            }
        }
    }

    /// How long one worker would take for the whole experiment, estimated.
    pub fn estimated_serial_seconds(&self) -> f64 {
        let nanos = match self {
            Experiment::Countdown { count } => *count as f64 * COUNTDOWN_TICK_NS,
            Experiment::MonteCarloPi { samples, .. } => *samples as f64 * PI_TICK_NS,
            Experiment::SumOfPrimes { limits } => limits
                .iter()
                .map(|&limit| trial_divisions_below(limit) * PRIME_DIVISION_NS)
                .sum(),
            Experiment::Sleep { sleeps, millis } => f64::from(*sleeps) * f64::from(*millis) * 1e6,
        };
        nanos / 1e9
    }

    /// The experiment's answer from its tasks' results, in task order.
    pub fn combine(&self, results: &[TaskResult]) -> RunResult {
        match self {
            Experiment::Countdown { .. } => RunResult::Countdown {
                remaining: results.iter().map(|r| match r { TaskResult::CountedDownTo(n) => *n, _ => 0 }).sum(),
                tasks: results.len(),
            },
            Experiment::MonteCarloPi { .. } => {
                let (hits, samples) = results.iter().fold((0, 0), |(h, s), r| match r {
                    TaskResult::PiHits { hits, samples } => (h + hits, s + samples),
                    _ => (h, s),
                });
                RunResult::Pi { estimate: 4.0 * hits as f64 / samples.max(1) as f64, samples }
            }
            Experiment::SumOfPrimes { .. } => RunResult::PrimeSums(
                results
                    .iter()
                    .filter_map(|r| match r {
                        TaskResult::PrimeSum { limit, sum } => Some((*limit, *sum)),
                        _ => None,
                    })
                    .collect(),
            ),
            Experiment::Sleep { millis, .. } => {
                RunResult::Slept { sleeps: results.len(), millis: *millis }
            }
        }
    }

    fn check(&self, errors: &mut Vec<LimitError>) {
        match self {
            Experiment::Countdown { count } if *count == 0 => {
                errors.push(LimitError::new("count", "The count must be at least 1."));
            }
            Experiment::MonteCarloPi { samples, .. } if *samples == 0 => {
                errors.push(LimitError::new("samples", "Use at least 1 sample."));
            }
            Experiment::SumOfPrimes { limits } if limits.is_empty() || limits.len() > MAX_WORKERS => {
                errors.push(LimitError::new(
                    "limits",
                    format!("Give between 1 and {MAX_WORKERS} limits, separated by commas."),
                ));
            }
            Experiment::Sleep { sleeps, millis } if *sleeps == 0 || *millis == 0 => {
                errors.push(LimitError::new("sleeps", "Use at least 1 sleep of at least 1 ms."));
            }
            _ => {}
        }
        let seconds = self.estimated_serial_seconds();
        if seconds > MAX_RUN_SECONDS {
            errors.push(LimitError::new(
                self.size_field(),
                format!(
                    "This size would run for about {seconds:.0} s on one worker; the limit is {MAX_RUN_SECONDS:.0} s. Choose a smaller size."
                ),
            ));
        }
    }

    fn size_field(&self) -> &'static str {
        match self {
            Experiment::Countdown { .. } => "count",
            Experiment::MonteCarloPi { .. } => "samples",
            Experiment::SumOfPrimes { .. } => "limits",
            Experiment::Sleep { .. } => "sleeps",
        }
    }
}

/// `total` split into `parts` contiguous ranges `(first, len)`, sizes differing by at most one.
fn split_evenly(total: u64, parts: u64) -> impl Iterator<Item = (u64, u64)> {
    let (base, extra) = (total / parts, total % parts);
    (0..parts).map(move |part| {
        let first = part * base + part.min(extra);
        (first, base + u64::from(part < extra))
    })
}

/// Roughly how many divisions trial division makes for the numbers below `limit`: the primes
/// dominate, each costing about √n / 2 divisions.
fn trial_divisions_below(limit: u64) -> f64 {
    let n = limit.max(3) as f64;
    let primes = n / n.ln();
    primes * n.sqrt() / 2.0 + n
}

/// The answer of a finished run.
#[derive(Clone, Debug, PartialEq)]
pub enum RunResult {
    /// What the counters were left at.
    Countdown {
        /// Sum of the counters (zero when every task ran to the end).
        remaining: u64,
        /// How many counters.
        tasks: usize,
    },
    /// The pi estimate.
    Pi {
        /// 4 × hits / samples.
        estimate: f64,
        /// Points thrown.
        samples: u64,
    },
    /// `(limit, sum of primes below it)` per task.
    PrimeSums(Vec<(u64, u64)>),
    /// Sleeps completed.
    Slept {
        /// How many.
        sleeps: usize,
        /// Each one's length.
        millis: u32,
    },
}

impl fmt::Display for RunResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunResult::Countdown { remaining, tasks } => {
                write!(f, "{tasks} counter(s), {remaining} left to count")
            }
            RunResult::Pi { estimate, samples } => write!(f, "π ≈ {estimate:.5} from {samples} samples"),
            RunResult::PrimeSums(sums) => {
                let parts: Vec<String> = sums.iter().map(|(limit, sum)| format!("below {limit}: {sum}")).collect();
                write!(f, "{}", parts.join("; "))
            }
            RunResult::Slept { sleeps, millis } => write!(f, "{sleeps} sleep(s) of {millis} ms completed"),
        }
    }
}

/// A learner's full request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// What to run.
    pub experiment: Experiment,
    /// How to run it.
    pub mode: Mode,
    /// How many workers the work is split for.
    pub workers: usize,
    /// The GIL's switch interval, in milliseconds.
    pub switch_interval_ms: f64,
    /// How the GIL changes hands (threads + GIL only). Old scenarios without it take the default.
    #[serde(default)]
    pub gil_policy: GilPolicy,
    /// A worker made to fail on purpose (to see that failures are surfaced), if any.
    pub fault: Option<FaultPlan>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            experiment: ExperimentKind::MonteCarloPi.default_experiment(),
            mode: Mode::ThreadsWithGil,
            workers: 2,
            switch_interval_ms: 5.0,
            gil_policy: GilPolicy::SwitchInterval,
            fault: None,
        }
    }
}

impl Scenario {
    /// Every limit the scenario passes, with a message for each.
    ///
    /// # Errors
    /// One [`LimitError`] per field outside its limit.
    pub fn validate(&self) -> Result<(), Vec<LimitError>> {
        let mut errors = Vec::new();
        if !(MIN_WORKERS..=MAX_WORKERS).contains(&self.workers) {
            errors.push(LimitError::new(
                "workers",
                format!("Workers must be between {MIN_WORKERS} and {MAX_WORKERS}."),
            ));
        }
        if !(MIN_SWITCH_INTERVAL_MS..=MAX_SWITCH_INTERVAL_MS).contains(&self.switch_interval_ms) {
            errors.push(LimitError::new(
                "switch_interval",
                format!("The switch interval must be between {MIN_SWITCH_INTERVAL_MS} and {MAX_SWITCH_INTERVAL_MS} ms."),
            ));
        }
        if let GilPolicy::CheckInterval { ticks } = self.gil_policy {
            if !(MIN_CHECK_INTERVAL_TICKS..=MAX_CHECK_INTERVAL_TICKS).contains(&ticks) {
                errors.push(LimitError::new(
                    "check_interval",
                    format!("The check interval must be between {MIN_CHECK_INTERVAL_TICKS} and {MAX_CHECK_INTERVAL_TICKS} ticks."),
                ));
            }
        }
        self.experiment.check(&mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The run's tasks.
    pub fn tasks(&self) -> Vec<Task> {
        self.experiment.tasks(self.workers)
    }

    /// How many workers (timeline lanes) run.
    pub fn lanes(&self) -> usize {
        self.mode.lanes(self.workers)
    }

    /// The GIL's switch interval.
    pub fn switch_interval(&self) -> Duration {
        Duration::from_secs_f64(self.switch_interval_ms / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn even_split_covers_every_sample_once() {
        let parts: Vec<_> = split_evenly(10, 3).collect();
        assert_eq!(parts, vec![(0, 4), (4, 3), (7, 3)]);
    }

    #[test]
    fn zero_workers_are_refused_with_the_limit_named() {
        let scenario = Scenario { workers: 0, ..Scenario::default() };
        let errors = scenario.validate().unwrap_err();
        assert_eq!(errors[0].field, "workers");
        assert!(errors[0].message.contains("between 1 and 64"));
    }

    #[test]
    fn sixty_five_workers_are_refused() {
        assert!(Scenario { workers: 65, ..Scenario::default() }.validate().is_err());
    }

    #[test]
    fn a_size_that_would_run_for_hours_is_refused_with_the_two_minute_limit() {
        let scenario = Scenario {
            experiment: Experiment::Countdown { count: 10_000_000_000_000 },
            ..Scenario::default()
        };
        let errors = scenario.validate().unwrap_err();
        assert_eq!(errors[0].field, "count");
        assert!(errors[0].message.contains("120 s"), "{}", errors[0].message);
    }

    #[test]
    fn every_default_experiment_is_within_the_limits() {
        for kind in ExperimentKind::ALL {
            let scenario = Scenario { experiment: kind.default_experiment(), ..Scenario::default() };
            assert_eq!(scenario.validate(), Ok(()), "{kind:?}");
        }
    }

    #[test]
    fn every_experiment_key_names_that_experiment() {
        for kind in ExperimentKind::ALL {
            assert_eq!(ExperimentKind::from_key(kind.key()), Some(kind));
            assert_eq!(kind.default_experiment().kind(), kind);
        }
    }
}
