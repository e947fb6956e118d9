//! The experiment catalogue: every experiment a learner can pick (rows A1–A7 and B1–B4 of the
//! project's experiment list), with its id, what it shows, what to notice, the modes it runs in,
//! a sensible worker count, and the parameters the form asks for.

use crate::experiment::{Experiment, PoolCall};
use crate::Mode;

const ALL_MODES: &[Mode] = &Mode::ALL;
const SERIAL_AND_THREADS: &[Mode] = &[Mode::Single, Mode::ThreadsWithGil, Mode::FreeThreaded];
const SERIAL_AND_PROCESSES: &[Mode] = &[Mode::Single, Mode::Processes];
const GIL_AND_PROCESSES: &[Mode] = &[Mode::ThreadsWithGil, Mode::Processes];
const SERIAL_AND_GIL: &[Mode] = &[Mode::Single, Mode::ThreadsWithGil];
const GIL_AND_FREE: &[Mode] = &[Mode::ThreadsWithGil, Mode::FreeThreaded];

/// Which experiment, without its parameters (the picker's choices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExperimentKind {
    /// A1, see [`Experiment::Countdown`].
    Countdown,
    /// A2, see [`Experiment::MonteCarloPi`].
    MonteCarloPi,
    /// A3, see [`Experiment::SumOfPrimes`].
    SumOfPrimes,
    /// A4, see [`Experiment::Factorial`].
    Factorial,
    /// A5, see [`Experiment::PoolCalls`].
    PoolCalls,
    /// A6, see [`Experiment::Chunks`].
    Chunks,
    /// A7, see [`Experiment::HeavyLoop`].
    HeavyLoop,
    /// B1, see [`Experiment::Sleep`].
    Sleep,
    /// B2, see [`Experiment::Downloads`].
    Downloads,
    /// B3, see [`Experiment::FileCopy`].
    FileCopy,
    /// B4, see [`Experiment::Convoy`].
    Convoy,
}

/// How a parameter is typed into the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterKind {
    /// A whole number.
    Number,
    /// Whole numbers separated by commas.
    NumberList,
    /// One of these `(key, label)` choices.
    Choice(&'static [(&'static str, &'static str)]),
}

/// One parameter of an experiment, as the form and links know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// A short stable name, for links and form ids.
    pub key: &'static str,
    /// The form's label; the part before " (" names it in messages.
    pub label: &'static str,
    /// How it is typed.
    pub kind: ParameterKind,
}

impl Parameter {
    const fn number(key: &'static str, label: &'static str) -> Self {
        Parameter { key, label, kind: ParameterKind::Number }
    }

    /// The parameter's name in a message: its label up to the first " (".
    pub fn name(&self) -> &'static str {
        self.label.split(" (").next().unwrap_or(self.label)
    }
}

const SEED: Parameter = Parameter::number("seed", "Random seed");

impl ExperimentKind {
    /// Every experiment, in the order the picker shows them.
    pub const ALL: [ExperimentKind; 11] = [
        ExperimentKind::Countdown,
        ExperimentKind::MonteCarloPi,
        ExperimentKind::SumOfPrimes,
        ExperimentKind::Factorial,
        ExperimentKind::PoolCalls,
        ExperimentKind::Chunks,
        ExperimentKind::HeavyLoop,
        ExperimentKind::Sleep,
        ExperimentKind::Downloads,
        ExperimentKind::FileCopy,
        ExperimentKind::Convoy,
    ];

    /// The catalogue's id (A1 … B4).
    pub fn id(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "A1",
            ExperimentKind::MonteCarloPi => "A2",
            ExperimentKind::SumOfPrimes => "A3",
            ExperimentKind::Factorial => "A4",
            ExperimentKind::PoolCalls => "A5",
            ExperimentKind::Chunks => "A6",
            ExperimentKind::HeavyLoop => "A7",
            ExperimentKind::Sleep => "B1",
            ExperimentKind::Downloads => "B2",
            ExperimentKind::FileCopy => "B3",
            ExperimentKind::Convoy => "B4",
        }
    }

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "Countdown",
            ExperimentKind::MonteCarloPi => "Monte Carlo pi",
            ExperimentKind::SumOfPrimes => "Sum of primes",
            ExperimentKind::Factorial => "Factorial, many times",
            ExperimentKind::PoolCalls => "Pool calls: map, apply and their async forms",
            ExperimentKind::Chunks => "Chunks queued over a pool",
            ExperimentKind::HeavyLoop => "A heavy loop: one process per part or a pool",
            ExperimentKind::Sleep => "Sleep (blocking I/O)",
            ExperimentKind::Downloads => "Downloads with a thread pool",
            ExperimentKind::FileCopy => "Copying large files",
            ExperimentKind::Convoy => "Convoy: I/O beside CPU work",
        }
    }

    /// A short stable name, for links and form values.
    pub fn key(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "countdown",
            ExperimentKind::MonteCarloPi => "pi",
            ExperimentKind::SumOfPrimes => "primes",
            ExperimentKind::Factorial => "factorial",
            ExperimentKind::PoolCalls => "pool-calls",
            ExperimentKind::Chunks => "chunks",
            ExperimentKind::HeavyLoop => "heavy-loop",
            ExperimentKind::Sleep => "sleep",
            ExperimentKind::Downloads => "downloads",
            ExperimentKind::FileCopy => "file-copy",
            ExperimentKind::Convoy => "convoy",
        }
    }

    /// The kind named by [`ExperimentKind::key`].
    pub fn from_key(key: &str) -> Option<ExperimentKind> {
        ExperimentKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The modes this experiment runs in; the first is where the form starts.
    pub fn modes(self) -> &'static [Mode] {
        match self {
            ExperimentKind::Countdown | ExperimentKind::MonteCarloPi | ExperimentKind::SumOfPrimes => ALL_MODES,
            ExperimentKind::Factorial | ExperimentKind::Sleep => SERIAL_AND_THREADS,
            ExperimentKind::PoolCalls => GIL_AND_PROCESSES,
            ExperimentKind::Chunks | ExperimentKind::HeavyLoop => SERIAL_AND_PROCESSES,
            ExperimentKind::Downloads | ExperimentKind::FileCopy => SERIAL_AND_GIL,
            ExperimentKind::Convoy => GIL_AND_FREE,
        }
    }

    /// The worker count the experiment is best seen with.
    pub fn default_workers(self) -> usize {
        match self {
            ExperimentKind::Countdown | ExperimentKind::MonteCarloPi | ExperimentKind::FileCopy | ExperimentKind::Convoy => 2,
            ExperimentKind::SumOfPrimes | ExperimentKind::PoolCalls => 4,
            ExperimentKind::Factorial => 100,
            ExperimentKind::Chunks => 3,
            ExperimentKind::HeavyLoop => 8,
            ExperimentKind::Sleep => 10,
            ExperimentKind::Downloads => 5,
        }
    }

    /// The experiment with its default parameters.
    pub fn default_experiment(self) -> Experiment {
        match self {
            ExperimentKind::Countdown => Experiment::Countdown { count: 2_000_000_000 },
            ExperimentKind::MonteCarloPi => Experiment::MonteCarloPi { samples: 150_000_000, seed: 1 },
            ExperimentKind::SumOfPrimes => Experiment::SumOfPrimes { limits: vec![1_000_000, 2_000_000, 3_000_000] },
            ExperimentKind::Factorial => Experiment::Factorial { n: 10_000, times: 100 },
            ExperimentKind::PoolCalls => {
                Experiment::PoolCalls { call: PoolCall::Map, numbers: 8, exponent: 2, work: 40_000_000 }
            }
            ExperimentKind::Chunks => Experiment::Chunks { chunks: 6, chunk_size: 50_000_000 },
            ExperimentKind::HeavyLoop => Experiment::HeavyLoop { iterations: 400_000_000, parts: 8 },
            ExperimentKind::Sleep => Experiment::Sleep { sleeps: 10, millis: 1_000 },
            ExperimentKind::Downloads => Experiment::Downloads { urls: 12, min_ms: 200, max_ms: 800, seed: 1 },
            ExperimentKind::FileCopy => Experiment::FileCopy { files: 2, megabytes: 64, megabytes_per_second: 100 },
            ExperimentKind::Convoy => Experiment::Convoy { operations: 200, millis: 1 },
        }
    }

    /// The parameters the form asks for, in order.
    pub fn parameters(self) -> &'static [Parameter] {
        const POOL_CALLS: &[(&str, &str)] = &[
            ("map", "pool.map: all submitted, results in input order"),
            ("apply", "pool.apply: one call at a time, each waited for"),
            ("apply_async", "pool.apply_async: all submitted, results as they finish"),
            ("map_async", "pool.map_async: all submitted, one result list at the end"),
        ];
        match self {
            ExperimentKind::Countdown => const { &[Parameter::number("count", "Count (decrements in all)")] },
            ExperimentKind::MonteCarloPi => const { &[Parameter::number("samples", "Samples (points in all)"), SEED] },
            ExperimentKind::SumOfPrimes => const { &[Parameter {
                key: "limits",
                label: "Limits (one task each, separated by commas)",
                kind: ParameterKind::NumberList,
            }] },
            ExperimentKind::Factorial => const { &[
                Parameter::number("n", "n (whose factorial)"),
                Parameter::number("times", "Times (one task each)"),
            ] },
            ExperimentKind::PoolCalls => const { &[
                Parameter { key: "call", label: "Pool call", kind: ParameterKind::Choice(POOL_CALLS) },
                Parameter::number("numbers", "Numbers (one call each)"),
                Parameter::number("exponent", "Exponent (2 for squares, 3 for cubes)"),
                Parameter::number("work", "Work per call (ticks)"),
            ] },
            ExperimentKind::Chunks => const { &[
                Parameter::number("chunks", "Chunks (one task each)"),
                Parameter::number("chunk_size", "Chunk size (additions each)"),
            ] },
            ExperimentKind::HeavyLoop => const { &[
                Parameter::number("iterations", "Iterations (additions in all)"),
                Parameter::number("parts", "Parts (one task each)"),
            ] },
            ExperimentKind::Sleep => const { &[
                Parameter::number("sleeps", "Sleeps (tasks)"),
                Parameter::number("millis", "Milliseconds per sleep"),
            ] },
            ExperimentKind::Downloads => const { &[
                Parameter::number("urls", "Downloads (one task each)"),
                Parameter::number("min_ms", "Shortest latency (ms)"),
                Parameter::number("max_ms", "Longest latency (ms)"),
                SEED,
            ] },
            ExperimentKind::FileCopy => const { &[
                Parameter::number("files", "Files (one task each)"),
                Parameter::number("megabytes", "Megabytes per file"),
                Parameter::number("megabytes_per_second", "Disk speed (MB/s, read and write)"),
            ] },
            ExperimentKind::Convoy => const { &[
                Parameter::number("operations", "I/O operations"),
                Parameter::number("millis", "Milliseconds per I/O operation"),
            ] },
        }
    }

    /// What the experiment shows, and why.
    pub fn explanation(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "Pure CPU work: a counter decremented to zero, split over the workers. Every decrement needs the interpreter, so under the GIL only one worker counts at a time.",
            ExperimentKind::MonteCarloPi => "Random points in a square estimate pi from the share that lands inside a quarter circle. The points split evenly over the workers and each worker's share is independent work.",
            ExperimentKind::SumOfPrimes => "One task per limit, each summing the primes below it by trial division. The tasks differ in size, and a task cannot be split between workers.",
            ExperimentKind::Factorial => "Each task computes a factorial with big integers; a pool of many threads shares the tasks. Asking for a hundred threads is fine: they are cheap to create, they just cannot run Python code at the same time.",
            ExperimentKind::PoolCalls => "The same calls (square or cube a list of numbers, each call doing some work first) submitted four ways. map and map_async hand every call out at once and give results in input order; apply waits for each call before sending the next; apply_async hands everything out and collects results as they finish.",
            ExperimentKind::Chunks => "A long sum cut into chunks that a small pool of processes works through first in, first out: a worker that finishes a chunk takes the next one waiting.",
            ExperimentKind::HeavyLoop => "One heavy loop split into parts. With as many processes as parts, each part gets a process of its own, as with separate Process objects, and every process pays its start-up. With fewer workers it is a Pool: start-up is paid once per worker and parts queue.",
            ExperimentKind::Sleep => "Each task blocks in a wait, the way a download or a disk read blocks. A blocking wait releases the GIL, so the other threads run meanwhile.",
            ExperimentKind::Downloads => "Simulated downloads, each waiting a seeded random latency, fetched by a pool of threads. More threads keep more downloads in flight at once, even under the GIL.",
            ExperimentKind::FileCopy => "Copying files chunk by chunk: each chunk waits for the disk (read and write at the set speed), then a little CPU work moves the bytes. The disk waits release the GIL.",
            ExperimentKind::Convoy => "The first worker does many short I/O operations; every other worker does CPU work until it is finished. After each I/O the I/O worker needs the GIL back, and a CPU-bound holder gives it up only when the switch interval asks it to.",
        }
    }

    /// The one thing to look for in the result.
    pub fn what_to_notice(self) -> &'static str {
        match self {
            ExperimentKind::Countdown => "Threads + GIL take as long as the single worker, or longer; free-threaded and processes take about half with two workers on two cores.",
            ExperimentKind::MonteCarloPi => "The estimate approaches 3.14159 in every mode; the speed-up grows with workers up to the core count, then flattens (run the speed-up study).",
            ExperimentKind::SumOfPrimes => "With four workers and three tasks one worker stays idle, and the largest task alone sets the wall time.",
            ExperimentKind::Factorial => "A hundred threads under the GIL are no faster than one worker: the timeline shows them taking turns.",
            ExperimentKind::PoolCalls => "With apply only one worker is busy at any moment; with the others all are. The result list keeps input order except with apply_async, whose results arrive in finishing order.",
            ExperimentKind::Chunks => "Three lanes, six chunks: each worker takes a new chunk the moment it finishes one, so every lane shows two chunks back to back.",
            ExperimentKind::HeavyLoop => "Compare the single worker with processes at one worker per part and at two workers: the lanes in \"starting\" show what each process start costs.",
            ExperimentKind::Sleep => "Ten one-second waits take about one second under threads + GIL, not ten: the waits overlap.",
            ExperimentKind::Downloads => "The wall time falls as the pool grows (try 1, 2, 5 and 10 workers), until one pool worker per download.",
            ExperimentKind::FileCopy => "Two threads copy two files in about half the single worker's time, because the disk waits overlap.",
            ExperimentKind::Convoy => "Under the GIL the I/O worker's response times cluster near the switch interval; free-threaded they stay near zero (see the histogram).",
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
}
