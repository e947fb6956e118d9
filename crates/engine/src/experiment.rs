//! An experiment with its parameters: how it is read from the form's text, checked against the
//! limits, planned as tasks for a number of workers, and how its tasks' results combine into
//! the answer a learner reads.

use serde::{Deserialize, Serialize};

use crate::catalogue::{ExperimentKind, ParameterKind};
use crate::limits::{LimitError, MAX_TASKS};
use crate::queue::PlannedTask;
use crate::run_result::RunResult;
use crate::workload::{splitmix64, Task, TaskResult};

/// Estimated cost of one tick in the browser, in nanoseconds (measured on a 2-core machine of
/// this project's kind, rounded up so that the two-minute limit errs on the safe side).
/// Measured in headless Chromium, one worker: countdown 0.56 ns, pi 8.0 ns per tick.
const COUNTDOWN_TICK_NS: f64 = 1.0;
const PI_TICK_NS: f64 = 12.0;
const PRIME_DIVISION_NS: f64 = 3.0;
/// One nine-digit limb multiplied by a factor, with its carry.
const FACTORIAL_LIMB_NS: f64 = 4.0;
/// Largest n whose factorial may be asked for (its estimate is a closed form, but n! of more
/// than a million would take minutes anyway).
const MAX_FACTORIAL_N: u64 = 1_000_000;
/// Ticks of CPU work after each download (reading the response).
const DOWNLOAD_CPU_TICKS: u64 = 200_000;
/// Ticks of CPU work per copied megabyte (moving the bytes).
const COPY_CPU_TICKS_PER_MB: u64 = 300_000;
/// Ticks of CPU work after each of the convoy's I/O operations (handling the reply).
const CONVOY_CPU_TICKS: u64 = 10_000;

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

/// How pool calls are submitted and their results collected (A5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoolCall {
    /// `pool.map`: all submitted at once, results in input order.
    Map,
    /// `pool.apply`: one call at a time, each waited for.
    Apply,
    /// `pool.apply_async`: all submitted at once, results collected as they finish.
    ApplyAsync,
    /// `pool.map_async`: all submitted at once, one result list in input order at the end.
    MapAsync,
}

impl PoolCall {
    /// Every call, in the picker's order.
    pub const ALL: [PoolCall; 4] = [PoolCall::Map, PoolCall::Apply, PoolCall::ApplyAsync, PoolCall::MapAsync];

    /// The Python name, also the key in links and forms.
    pub fn key(self) -> &'static str {
        match self {
            PoolCall::Map => "map",
            PoolCall::Apply => "apply",
            PoolCall::ApplyAsync => "apply_async",
            PoolCall::MapAsync => "map_async",
        }
    }

    /// The call named by [`PoolCall::key`].
    pub fn from_key(key: &str) -> Option<PoolCall> {
        PoolCall::ALL.into_iter().find(|call| call.key() == key)
    }
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

    /// Whether the work splits evenly over the workers, so a serial share can be carved out.
    pub fn splits_evenly(&self) -> bool {
        matches!(self, Experiment::Countdown { .. } | Experiment::MonteCarloPi { .. })
    }

    /// The tasks for `workers` workers. With `serial_percent` above zero (experiments that
    /// [split evenly](Experiment::splits_evenly)), that share of the work runs first as one task
    /// that nothing else runs beside, then the rest splits over the workers (Amdahl's serial part).
    pub fn plan(&self, workers: usize, serial_percent: u64) -> Vec<PlannedTask> {
        let workers = workers.max(1) as u64;
        match self {
            Experiment::Countdown { count } => {
                split_with_serial_part(*count, workers, serial_percent, |_, from| Task::Countdown { from })
            }
            Experiment::MonteCarloPi { samples, seed } => {
                split_with_serial_part(*samples, workers, serial_percent, |first, count| Task::PiSamples {
                    seed: *seed,
                    first,
                    count,
                })
            }
            Experiment::PoolCalls { call, numbers, exponent, work } => (1..=*numbers)
                .map(|base| {
                    let task = Task::Power { base, exponent: *exponent as u32, work: *work };
                    if *call == PoolCall::Apply { PlannedTask::after_earlier(task) } else { PlannedTask::now(task) }
                })
                .collect(),
            Experiment::Convoy { operations, millis } => {
                let io = Task::BlockingIo { operations: *operations, wait_us: millis * 1000, cpu_ticks: CONVOY_CPU_TICKS };
                let company = (1..workers).map(|_| PlannedTask::in_background(Task::BusyLoop));
                std::iter::once(PlannedTask::now(io)).chain(company).collect()
            }
            _ => self.independent_tasks().into_iter().map(PlannedTask::now).collect(),
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

    fn independent_tasks(&self) -> Vec<Task> {
        match self {
            Experiment::SumOfPrimes { limits } => limits.iter().map(|&limit| Task::SumPrimesBelow { limit }).collect(),
            Experiment::Factorial { n, times } => (0..*times).map(|_| Task::Factorial { n: *n }).collect(),
            Experiment::Chunks { chunks, chunk_size } => (0..*chunks)
                .map(|chunk| Task::RangeSum { start: chunk * chunk_size, end: (chunk + 1) * chunk_size })
                .collect(),
            Experiment::HeavyLoop { iterations, parts } => split_evenly(*iterations, *parts)
                .map(|(start, len)| Task::RangeSum { start, end: start + len })
                .collect(),
            Experiment::Sleep { sleeps, millis } => (0..*sleeps).map(|_| io_wait(millis * 1000, 0)).collect(),
            Experiment::Downloads { urls, .. } => {
                self.download_latencies_ms().into_iter().take(*urls as usize).map(|ms| io_wait(ms * 1000, DOWNLOAD_CPU_TICKS)).collect()
            }
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => (0..*files)
                .map(|_| Task::BlockingIo {
                    operations: *megabytes,
                    wait_us: 2_000_000 / megabytes_per_second.max(&1),
                    cpu_ticks: COPY_CPU_TICKS_PER_MB,
                })
                .collect(),
            Experiment::Countdown { .. } | Experiment::MonteCarloPi { .. } | Experiment::PoolCalls { .. } | Experiment::Convoy { .. } => {
                unreachable!("planned by Experiment::plan")
            }
        }
    }

    /// Each download's latency, drawn from the seed (empty for other experiments).
    pub fn download_latencies_ms(&self) -> Vec<u64> {
        let Experiment::Downloads { urls, min_ms, max_ms, seed } = self else {
            return Vec::new();
        };
        let spread = max_ms.saturating_sub(*min_ms) + 1;
        (0..*urls).map(|url| min_ms + splitmix64(seed ^ url.wrapping_mul(0xA24B_AED4_963E_E407)) % spread).collect()
    }

    /// How long one worker would take for the whole experiment, estimated.
    pub fn estimated_serial_seconds(&self) -> f64 {
        let nanos = match self {
            Experiment::Countdown { count } => *count as f64 * COUNTDOWN_TICK_NS,
            Experiment::MonteCarloPi { samples, .. } => *samples as f64 * PI_TICK_NS,
            Experiment::SumOfPrimes { limits } => {
                limits.iter().map(|&limit| trial_divisions_below(limit) * PRIME_DIVISION_NS).sum()
            }
            Experiment::Factorial { n, times } => *times as f64 * factorial_limb_products(*n) * FACTORIAL_LIMB_NS,
            Experiment::PoolCalls { numbers, work, .. } => *numbers as f64 * *work as f64 * COUNTDOWN_TICK_NS,
            Experiment::Chunks { chunks, chunk_size } => *chunks as f64 * *chunk_size as f64 * COUNTDOWN_TICK_NS,
            Experiment::HeavyLoop { iterations, .. } => *iterations as f64 * COUNTDOWN_TICK_NS,
            Experiment::Sleep { sleeps, millis } => *sleeps as f64 * *millis as f64 * 1e6,
            Experiment::Downloads { urls, min_ms, max_ms, .. } => {
                *urls as f64 * ((*min_ms as f64 + *max_ms as f64) / 2.0 * 1e6 + DOWNLOAD_CPU_TICKS as f64)
            }
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => {
                let per_megabyte = 2e9 / (*megabytes_per_second).max(1) as f64 + COPY_CPU_TICKS_PER_MB as f64;
                *files as f64 * *megabytes as f64 * per_megabyte
            }
            Experiment::Convoy { operations, millis } => {
                *operations as f64 * (*millis as f64 * 1e6 + CONVOY_CPU_TICKS as f64)
            }
        };
        nanos / 1e9
    }

    /// How much of [`Experiment::estimated_serial_seconds`] is spent blocked (sleeps, latencies,
    /// disk waits), during which a worker holds no GIL and needs no core.
    pub fn estimated_wait_seconds(&self) -> f64 {
        let millis = match self {
            Experiment::Sleep { sleeps, millis } => *sleeps as f64 * *millis as f64,
            Experiment::Downloads { urls, min_ms, max_ms, .. } => *urls as f64 * (*min_ms as f64 + *max_ms as f64) / 2.0,
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => {
                *files as f64 * *megabytes as f64 * 2e3 / (*megabytes_per_second).max(1) as f64
            }
            Experiment::Convoy { operations, millis } => *operations as f64 * *millis as f64,
            _ => 0.0,
        };
        millis / 1e3
    }

    /// The experiment's answer from its tasks' results (in task order) and the order in which
    /// the tasks finished.
    pub fn combine(&self, results: &[TaskResult], completion_order: &[usize]) -> RunResult {
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
            Experiment::Factorial { n, .. } => {
                let digits: Vec<u64> = results.iter().filter_map(|r| match r { TaskResult::Factorial { digits, .. } => Some(*digits), _ => None }).collect();
                RunResult::Factorials { n: *n, times: digits.len(), digits: digits.first().copied().unwrap_or(0), all_equal: digits.windows(2).all(|w| w[0] == w[1]) }
            }
            Experiment::PoolCalls { call, .. } => {
                let order: Vec<usize> = if *call == PoolCall::ApplyAsync { completion_order.to_vec() } else { (0..results.len()).collect() };
                let values = order.iter().filter_map(|&index| match results.get(index) { Some(TaskResult::Power { value, .. }) => Some(*value), _ => None }).collect();
                RunResult::PoolCall { call: *call, values }
            }
            Experiment::Chunks { .. } | Experiment::HeavyLoop { .. } => RunResult::RangeSum {
                parts: results.len(),
                sum: results.iter().map(|r| match r { TaskResult::RangeSum { sum, .. } => *sum, _ => 0 }).fold(0, u64::wrapping_add),
            },
            Experiment::Sleep { millis, .. } => RunResult::Slept { sleeps: results.len(), millis: *millis },
            Experiment::Downloads { .. } => RunResult::Downloaded { urls: results.len(), latency_ms: self.download_latencies_ms().iter().sum() },
            Experiment::FileCopy { megabytes, .. } => RunResult::Copied { files: results.len(), megabytes: *megabytes },
            Experiment::Convoy { .. } => RunResult::Convoy {
                operations: results.iter().map(|r| match r { TaskResult::IoDone { operations } => *operations, _ => 0 }).sum(),
                busy_ticks: results.iter().map(|r| match r { TaskResult::BusyTicks(ticks) => *ticks, _ => 0 }).sum(),
            },
        }
    }

    /// The first parameter outside its own bounds, as the error the form shows beside it.
    pub(crate) fn bounds_error(&self) -> Option<LimitError> {
        self.broken_bound().map(|(field, message)| LimitError::new(field, message))
    }

    /// The first parameter outside its own bounds, with what to do about it.
    fn broken_bound(&self) -> Option<(&'static str, String)> {
        let at_least_one = |field: &'static str, value: u64, name: &str| {
            (value == 0).then(|| (field, format!("{name} must be at least 1.")))
        };
        let task_count = |field: &'static str, count: u64, name: &str| {
            (count == 0 || count > MAX_TASKS as u64).then(|| (field, format!("{name} must be between 1 and {MAX_TASKS}.")))
        };
        match self {
            Experiment::Countdown { count } => at_least_one("count", *count, "The count"),
            Experiment::MonteCarloPi { samples, .. } => at_least_one("samples", *samples, "Samples"),
            Experiment::SumOfPrimes { limits } => task_count("limits", limits.len() as u64, "The number of limits"),
            Experiment::Factorial { n, times } => task_count("times", *times, "Times").or_else(|| {
                (*n > MAX_FACTORIAL_N).then(|| ("n", format!("n must be at most {MAX_FACTORIAL_N}.")))
            }),
            Experiment::PoolCalls { numbers, exponent, .. } => task_count("numbers", *numbers, "Numbers")
                .or_else(|| (!(1..=10).contains(exponent)).then(|| ("exponent", "The exponent must be between 1 and 10.".to_owned()))),
            Experiment::Chunks { chunks, chunk_size } => {
                task_count("chunks", *chunks, "Chunks").or_else(|| at_least_one("chunk_size", *chunk_size, "The chunk size"))
            }
            Experiment::HeavyLoop { iterations, parts } => task_count("parts", *parts, "Parts")
                .or_else(|| (iterations < parts).then(|| ("iterations", "Use at least one iteration per part.".to_owned()))),
            Experiment::Sleep { sleeps, millis } => {
                task_count("sleeps", *sleeps, "Sleeps").or_else(|| at_least_one("millis", *millis, "Milliseconds per sleep"))
            }
            Experiment::Downloads { urls, min_ms, max_ms, .. } => task_count("urls", *urls, "Downloads")
                .or_else(|| (min_ms > max_ms).then(|| ("min_ms", "The shortest latency must not exceed the longest.".to_owned()))),
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => task_count("files", *files, "Files")
                .or_else(|| at_least_one("megabytes", *megabytes, "Megabytes per file"))
                .or_else(|| at_least_one("megabytes_per_second", *megabytes_per_second, "The disk speed")),
            Experiment::Convoy { operations, millis } => at_least_one("operations", *operations, "I/O operations")
                .or_else(|| at_least_one("millis", *millis, "Milliseconds per I/O operation")),
        }
    }

    /// Every parameter's value as the form shows it, in [`ExperimentKind::parameters`] order.
    pub fn parameter_values(&self) -> Vec<(&'static str, String)> {
        let numbers = |pairs: &[(&'static str, u64)]| pairs.iter().map(|(key, value)| (*key, value.to_string())).collect();
        match self {
            Experiment::Countdown { count } => numbers(&[("count", *count)]),
            Experiment::MonteCarloPi { samples, seed } => numbers(&[("samples", *samples), ("seed", *seed)]),
            Experiment::SumOfPrimes { limits } => {
                vec![("limits", limits.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))]
            }
            Experiment::Factorial { n, times } => numbers(&[("n", *n), ("times", *times)]),
            Experiment::PoolCalls { call, numbers: count, exponent, work } => {
                let mut values = vec![("call", call.key().to_owned())];
                values.extend(numbers(&[("numbers", *count), ("exponent", *exponent), ("work", *work)]));
                values
            }
            Experiment::Chunks { chunks, chunk_size } => numbers(&[("chunks", *chunks), ("chunk_size", *chunk_size)]),
            Experiment::HeavyLoop { iterations, parts } => numbers(&[("iterations", *iterations), ("parts", *parts)]),
            Experiment::Sleep { sleeps, millis } => numbers(&[("sleeps", *sleeps), ("millis", *millis)]),
            Experiment::Downloads { urls, min_ms, max_ms, seed } => {
                numbers(&[("urls", *urls), ("min_ms", *min_ms), ("max_ms", *max_ms), ("seed", *seed)])
            }
            Experiment::FileCopy { files, megabytes, megabytes_per_second } => numbers(&[
                ("files", *files),
                ("megabytes", *megabytes),
                ("megabytes_per_second", *megabytes_per_second),
            ]),
            Experiment::Convoy { operations, millis } => numbers(&[("operations", *operations), ("millis", *millis)]),
        }
    }

    /// The experiment of `kind` whose parameters `value` gives as text (by parameter key).
    ///
    /// # Errors
    /// One message per parameter that is not readable as what it should be.
    pub fn from_parameters(kind: ExperimentKind, value: &dyn Fn(&str) -> String) -> Result<Experiment, Vec<String>> {
        let mut reader = ParameterReader { kind, value, problems: Vec::new() };
        let experiment = match kind {
            ExperimentKind::Countdown => Experiment::Countdown { count: reader.number("count") },
            ExperimentKind::MonteCarloPi => Experiment::MonteCarloPi { samples: reader.number("samples"), seed: reader.number("seed") },
            ExperimentKind::SumOfPrimes => Experiment::SumOfPrimes { limits: reader.numbers("limits") },
            ExperimentKind::Factorial => Experiment::Factorial { n: reader.number("n"), times: reader.number("times") },
            ExperimentKind::PoolCalls => Experiment::PoolCalls {
                call: reader.choice("call").and_then(PoolCall::from_key).unwrap_or(PoolCall::Map),
                numbers: reader.number("numbers"),
                exponent: reader.number("exponent"),
                work: reader.number("work"),
            },
            ExperimentKind::Chunks => Experiment::Chunks { chunks: reader.number("chunks"), chunk_size: reader.number("chunk_size") },
            ExperimentKind::HeavyLoop => Experiment::HeavyLoop { iterations: reader.number("iterations"), parts: reader.number("parts") },
            ExperimentKind::Sleep => Experiment::Sleep { sleeps: reader.number("sleeps"), millis: reader.number("millis") },
            ExperimentKind::Downloads => Experiment::Downloads {
                urls: reader.number("urls"),
                min_ms: reader.number("min_ms"),
                max_ms: reader.number("max_ms"),
                seed: reader.number("seed"),
            },
            ExperimentKind::FileCopy => Experiment::FileCopy {
                files: reader.number("files"),
                megabytes: reader.number("megabytes"),
                megabytes_per_second: reader.number("megabytes_per_second"),
            },
            ExperimentKind::Convoy => Experiment::Convoy { operations: reader.number("operations"), millis: reader.number("millis") },
        };
        if reader.problems.is_empty() { Ok(experiment) } else { Err(reader.problems) }
    }
}

/// Reads parameters from text, noting every one that cannot be read.
struct ParameterReader<'a> {
    kind: ExperimentKind,
    value: &'a dyn Fn(&str) -> String,
    problems: Vec<String>,
}

impl ParameterReader<'_> {
    fn name(&self, key: &str) -> &'static str {
        self.kind.parameters().iter().find(|parameter| parameter.key == key).map_or("A parameter", |parameter| parameter.name())
    }

    fn parse(&mut self, key: &str, text: &str) -> Option<u64> {
        let parsed = text.trim().replace('_', "").parse().ok();
        if parsed.is_none() {
            let problem = format!("{} must be a whole number (got \"{}\").", self.name(key), text.trim());
            self.problems.push(problem);
        }
        parsed
    }

    fn number(&mut self, key: &str) -> u64 {
        let text = (self.value)(key);
        self.parse(key, &text).unwrap_or(0)
    }

    fn numbers(&mut self, key: &str) -> Vec<u64> {
        let text = (self.value)(key);
        text.split(',').filter_map(|part| self.parse(key, part)).collect()
    }

    fn choice(&mut self, key: &str) -> Option<&'static str> {
        let text = (self.value)(key);
        let choices = self.kind.parameters().iter().find(|parameter| parameter.key == key).map(|parameter| parameter.kind);
        let Some(ParameterKind::Choice(choices)) = choices else {
            return None;
        };
        let found = choices.iter().find(|(choice, _)| *choice == text.trim()).map(|(choice, _)| *choice);
        if found.is_none() {
            self.problems.push(format!("{} must be one of the listed choices.", self.name(key)));
        }
        found
    }
}

/// A blocking wait of `wait_us` followed by `cpu_ticks` of work.
fn io_wait(wait_us: u64, cpu_ticks: u64) -> Task {
    Task::BlockingIo { operations: 1, wait_us, cpu_ticks }
}

/// `total` split into a serial part (`serial_percent` of it, one task that the parallel tasks
/// wait for) and `workers` even parts of the rest; `task(first, count)` makes each task.
fn split_with_serial_part(total: u64, workers: u64, serial_percent: u64, task: impl Fn(u64, u64) -> Task) -> Vec<PlannedTask> {
    let serial = total * serial_percent.min(100) / 100;
    let parallel = split_evenly(total - serial, workers).map(|(first, count)| task(serial + first, count));
    if serial == 0 {
        return parallel.map(PlannedTask::now).collect();
    }
    let mut planned = vec![PlannedTask::now(task(0, serial))];
    for (index, task) in parallel.enumerate() {
        planned.push(if index == 0 { PlannedTask::after_earlier(task) } else { PlannedTask::now(task) });
    }
    planned
}

/// `total` split into `parts` contiguous ranges `(first, len)`, sizes differing by at most one.
fn split_evenly(total: u64, parts: u64) -> impl Iterator<Item = (u64, u64)> {
    let parts = parts.max(1);
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

/// Roughly how many limb products computing `n!` takes: Σ digits(k!) / 9 for k ≤ n, with
/// Σ ln k! ≈ n²/2 · ln n − 3n²/4.
fn factorial_limb_products(n: u64) -> f64 {
    let n = n.max(2) as f64;
    let natural_log_sum = n * n / 2.0 * n.ln() - 0.75 * n * n;
    (natural_log_sum / std::f64::consts::LN_10 / 9.0).max(n)
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
    fn a_serial_share_runs_first_and_the_parallel_tasks_wait_for_it() {
        let planned = Experiment::Countdown { count: 1_000 }.plan(3, 10);
        let tasks: Vec<_> = planned.iter().map(|p| (p.task.clone(), p.waits_for_earlier)).collect();
        assert_eq!(tasks[0], (Task::Countdown { from: 100 }, false));
        assert_eq!(tasks[1], (Task::Countdown { from: 300 }, true));
        assert_eq!(planned.len(), 4);
        assert!(!planned[2].waits_for_earlier && !planned[3].waits_for_earlier);
    }

    #[test]
    fn pi_with_a_serial_share_still_throws_every_sample_once() {
        let planned = Experiment::MonteCarloPi { samples: 1_000, seed: 1 }.plan(2, 25);
        let ranges: Vec<_> = planned.iter().map(|p| match p.task { Task::PiSamples { first, count, .. } => (first, count), _ => panic!() }).collect();
        assert_eq!(ranges, vec![(0, 250), (250, 375), (625, 375)]);
    }

    #[test]
    fn apply_waits_for_every_call_and_map_for_none() {
        let calls = |call| Experiment::PoolCalls { call, numbers: 3, exponent: 2, work: 1 }.plan(2, 0);
        assert!(calls(PoolCall::Apply).iter().all(|p| p.waits_for_earlier));
        assert!(calls(PoolCall::Map).iter().all(|p| !p.waits_for_earlier));
    }

    #[test]
    fn apply_async_lists_results_in_finishing_order_and_map_in_input_order() {
        let results: Vec<_> = (1..=3).map(|base| TaskResult::Power { base, value: base * base }).collect();
        let with = |call| Experiment::PoolCalls { call, numbers: 3, exponent: 2, work: 1 }.combine(&results, &[2, 0, 1]);
        assert_eq!(with(PoolCall::ApplyAsync), RunResult::PoolCall { call: PoolCall::ApplyAsync, values: vec![9, 1, 4] });
        assert_eq!(with(PoolCall::Map), RunResult::PoolCall { call: PoolCall::Map, values: vec![1, 4, 9] });
    }

    #[test]
    fn the_convoy_has_one_io_task_and_cpu_company_for_every_other_worker() {
        let planned = Experiment::Convoy { operations: 5, millis: 1 }.plan(3, 0);
        assert!(matches!(planned[0].task, Task::BlockingIo { operations: 5, .. }) && !planned[0].background);
        assert!(planned[1..].iter().all(|p| p.background && p.task == Task::BusyLoop));
        assert_eq!(planned.len(), 3);
    }

    #[test]
    fn download_latencies_stay_within_their_bounds_and_follow_the_seed() {
        let downloads = |seed| Experiment::Downloads { urls: 50, min_ms: 200, max_ms: 800, seed }.download_latencies_ms();
        assert!(downloads(1).iter().all(|ms| (200..=800).contains(ms)));
        assert_eq!(downloads(1), downloads(1));
        assert_ne!(downloads(1), downloads(2));
    }

    #[test]
    fn the_task_count_is_the_number_of_planned_tasks() {
        for kind in ExperimentKind::ALL {
            let experiment = kind.default_experiment();
            assert_eq!(experiment.task_count(3), experiment.plan(3, 0).len() as u64, "{kind:?}");
        }
    }

    #[test]
    fn chunks_cover_the_whole_range() {
        let results: Vec<_> = Experiment::Chunks { chunks: 3, chunk_size: 10 }
            .plan(2, 0)
            .iter()
            .map(|p| match p.task { Task::RangeSum { start, end } => (start..end).sum::<u64>(), _ => panic!() })
            .collect();
        assert_eq!(results.iter().sum::<u64>(), (0..30u64).sum::<u64>());
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
