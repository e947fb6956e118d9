//! The answer of a finished run, as the results table shows it.

use std::fmt;

use super::PoolCall;

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
    /// `n!` computed `times` times.
    Factorials {
        /// Whose factorial.
        n: u64,
        /// How many were computed.
        times: usize,
        /// Decimal digits of `n!`.
        digits: u64,
        /// Whether every task gave the same number of digits.
        all_equal: bool,
    },
    /// The values the pool call returned, in the order it returned them.
    PoolCall {
        /// Which call.
        call: PoolCall,
        /// The values.
        values: Vec<u64>,
    },
    /// The sum over every part (modulo 2⁶⁴).
    RangeSum {
        /// How many parts.
        parts: usize,
        /// The sum.
        sum: u64,
    },
    /// Sleeps completed.
    Slept {
        /// How many.
        sleeps: usize,
        /// Each one's length.
        millis: u64,
    },
    /// Downloads completed.
    Downloaded {
        /// How many.
        urls: usize,
        /// Their latencies added up: what one worker waits in all.
        latency_ms: u64,
    },
    /// Files copied.
    Copied {
        /// How many.
        files: usize,
        /// Each one's size.
        megabytes: u64,
    },
    /// The convoy's I/O operations done, and the CPU work done beside them.
    Convoy {
        /// I/O operations completed.
        operations: u64,
        /// Ticks of CPU work by the other workers meanwhile.
        busy_ticks: u64,
    },
}

impl fmt::Display for RunResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunResult::Countdown { remaining, tasks } => write!(f, "{tasks} counter(s), {remaining} left to count"),
            RunResult::Pi { estimate, samples } => write!(f, "π ≈ {estimate:.5} from {samples} samples"),
            RunResult::PrimeSums(sums) => {
                let parts: Vec<String> = sums.iter().map(|(limit, sum)| format!("below {limit}: {sum}")).collect();
                write!(f, "{}", parts.join("; "))
            }
            RunResult::Factorials { n, times, digits, all_equal } => {
                let agreement = if *all_equal { "each" } else { "NOT all equal" };
                write!(f, "{times} × factorial({n}): {digits} digits {agreement}")
            }
            RunResult::PoolCall { call, values } => {
                let order = if *call == PoolCall::ApplyAsync { "in finishing order" } else { "in input order" };
                let listed: Vec<String> = values.iter().map(u64::to_string).collect();
                write!(f, "{} returned [{}] {order}", call.key(), listed.join(", "))
            }
            RunResult::RangeSum { parts, sum } => write!(f, "sum {sum} from {parts} part(s)"),
            RunResult::Slept { sleeps, millis } => write!(f, "{sleeps} sleep(s) of {millis} ms completed"),
            RunResult::Downloaded { urls, latency_ms } => {
                write!(f, "{urls} download(s) completed, {latency_ms} ms of latency in all")
            }
            RunResult::Copied { files, megabytes } => write!(f, "{files} file(s) of {megabytes} MB copied"),
            RunResult::Convoy { operations, busy_ticks } => {
                write!(f, "{operations} I/O operations completed; {busy_ticks} ticks of CPU work beside them")
            }
        }
    }
}
