//! Workloads: resumable tasks that advance one *tick* at a time.
//!
//! A tick is the unit of interpretable work (CPython's bytecode): one decrement, one random
//! sample, one primality test. Between ticks a worker checks its interrupt (a GIL drop request,
//! a Stop), so the GIL can interleave workers at tick boundaries and a Stop lands within a tick.
//! A workload may also ask to block (simulated I/O); the worker does the waiting, releasing the
//! GIL meanwhile.

mod countdown;
mod monte_carlo_pi;
mod sleep;
mod sum_of_primes;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use countdown::Countdown;
pub use monte_carlo_pi::MonteCarloPi;
pub use sleep::Sleep;
pub use sum_of_primes::SumOfPrimes;

/// What comes after a tick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tick {
    /// More work to do.
    Continue,
    /// Block for this long (simulated I/O), then carry on.
    Block(Duration),
    /// The task is finished; its result is ready.
    Done,
}

/// A resumable piece of work.
pub trait Workload {
    /// Does one tick of work.
    fn tick(&mut self) -> Tick;
    /// The result; meaningful once [`Tick::Done`] was returned.
    fn result(&self) -> TaskResult;
}

/// One unit of work handed to a worker. Crosses to processes as a serialised message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// Decrement a counter from `from` to zero.
    Countdown {
        /// Where the counter starts.
        from: u64,
    },
    /// Throw `count` random points at the unit square, samples `first..first + count` of the
    /// stream named by `seed`.
    PiSamples {
        /// The stream: the same seed gives the same points, however the samples are split.
        seed: u64,
        /// Index of the first sample of this task in the stream.
        first: u64,
        /// How many samples.
        count: u64,
    },
    /// Add up the primes below `limit`.
    SumPrimesBelow {
        /// Exclusive upper bound.
        limit: u64,
    },
    /// Block for `millis` milliseconds, as a download or a disk read would.
    Sleep {
        /// How long.
        millis: u32,
    },
}

/// What a finished task produced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskResult {
    /// Where the counter ended (zero when the task ran to the end).
    CountedDownTo(u64),
    /// Points inside the quarter circle out of `samples`.
    PiHits {
        /// Points with x² + y² ≤ 1.
        hits: u64,
        /// Points thrown.
        samples: u64,
    },
    /// The sum of the primes below `limit`.
    PrimeSum {
        /// Exclusive upper bound.
        limit: u64,
        /// The sum.
        sum: u64,
    },
    /// The sleep completed.
    Slept {
        /// How long it blocked.
        millis: u32,
    },
}

impl Task {
    /// How many ticks the task takes to the end (progress bars divide by this).
    pub fn ticks(&self) -> u64 {
        match *self {
            Task::Countdown { from } => from,
            Task::PiSamples { count, .. } => count,
            Task::SumPrimesBelow { limit } => limit,
            Task::Sleep { .. } => 2,
        }
    }

    /// Starts the task.
    pub fn start(&self) -> Running {
        match *self {
            Task::Countdown { from } => Running::Countdown(Countdown::new(from)),
            Task::PiSamples { seed, first, count } => {
                Running::Pi(MonteCarloPi::new(seed, first, count))
            }
            Task::SumPrimesBelow { limit } => Running::Primes(SumOfPrimes::new(limit)),
            Task::Sleep { millis } => Running::Sleep(Sleep::new(millis)),
        }
    }
}

/// How a slice of ticks ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SliceEnd {
    /// The interrupt fired (a drop request or a Stop): the worker must look at why.
    Interrupted,
    /// The slice's tick budget ran out: the worker may do its bookkeeping and go on.
    BudgetSpent,
    /// The workload wants to block for this long.
    Block(Duration),
    /// The task is finished.
    Done,
}

/// A slice of ticks: how many ran and how it ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slice {
    /// Ticks done in this slice.
    pub ticks: u64,
    /// Why the slice ended.
    pub end: SliceEnd,
}

/// A started task: a closed enum so that the tick loop is monomorphised for each workload.
#[derive(Clone, Debug)]
pub enum Running {
    /// See [`Countdown`].
    Countdown(Countdown),
    /// See [`MonteCarloPi`].
    Pi(MonteCarloPi),
    /// See [`SumOfPrimes`].
    Primes(SumOfPrimes),
    /// See [`Sleep`].
    Sleep(Sleep),
}

impl Running {
    /// Runs up to `budget` ticks, checking `interrupted` before every tick.
    #[inline]
    pub fn run_slice(&mut self, interrupted: &impl Fn() -> bool, budget: u64) -> Slice {
        match self {
            Running::Countdown(w) => run_slice(w, interrupted, budget),
            Running::Pi(w) => run_slice(w, interrupted, budget),
            Running::Primes(w) => run_slice(w, interrupted, budget),
            Running::Sleep(w) => run_slice(w, interrupted, budget),
        }
    }

    /// The result; meaningful once the task is done.
    pub fn result(&self) -> TaskResult {
        match self {
            Running::Countdown(w) => w.result(),
            Running::Pi(w) => w.result(),
            Running::Primes(w) => w.result(),
            Running::Sleep(w) => w.result(),
        }
    }
}

#[inline]
fn run_slice<W: Workload>(work: &mut W, interrupted: &impl Fn() -> bool, budget: u64) -> Slice {
    for done in 0..budget {
        if interrupted() {
            return Slice { ticks: done, end: SliceEnd::Interrupted };
        }
        match work.tick() {
            Tick::Continue => {}
            Tick::Block(wait) => return Slice { ticks: done + 1, end: SliceEnd::Block(wait) },
            Tick::Done => return Slice { ticks: done + 1, end: SliceEnd::Done },
        }
    }
    Slice { ticks: budget, end: SliceEnd::BudgetSpent }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_to_end(task: &Task) -> TaskResult {
        let mut running = task.start();
        loop {
            let slice = running.run_slice(&|| false, 1 << 20);
            if slice.end == SliceEnd::Done {
                return running.result();
            }
        }
    }

    #[test]
    fn countdown_ends_at_zero() {
        assert_eq!(run_to_end(&Task::Countdown { from: 12_345 }), TaskResult::CountedDownTo(0));
    }

    #[test]
    fn sum_of_primes_below_ten_is_seventeen() {
        assert_eq!(
            run_to_end(&Task::SumPrimesBelow { limit: 10 }),
            TaskResult::PrimeSum { limit: 10, sum: 17 }
        );
    }

    #[test]
    fn sum_of_primes_below_a_million_is_known() {
        let expected = 37_550_402_023;
        assert_eq!(
            run_to_end(&Task::SumPrimesBelow { limit: 1_000_000 }),
            TaskResult::PrimeSum { limit: 1_000_000, sum: expected }
        );
    }

    #[test]
    fn pi_samples_split_anywhere_give_the_same_hits() {
        let whole = run_to_end(&Task::PiSamples { seed: 7, first: 0, count: 10_000 });
        let hits = |first, count| match run_to_end(&Task::PiSamples { seed: 7, first, count }) {
            TaskResult::PiHits { hits, .. } => hits,
            other => panic!("unexpected {other:?}"),
        };
        let split = hits(0, 3_333) + hits(3_333, 6_667);
        assert_eq!(whole, TaskResult::PiHits { hits: split, samples: 10_000 });
    }

    #[test]
    fn an_interrupt_stops_a_slice_before_the_next_tick() {
        let mut running = Task::Countdown { from: 100 }.start();
        let slice = running.run_slice(&|| true, 50);
        assert_eq!(slice, Slice { ticks: 0, end: SliceEnd::Interrupted });
    }

    #[test]
    fn a_sleep_asks_to_block_then_finishes() {
        let mut running = Task::Sleep { millis: 30 }.start();
        let first = running.run_slice(&|| false, 10);
        assert_eq!(first.end, SliceEnd::Block(Duration::from_millis(30)));
        assert_eq!(running.run_slice(&|| false, 10).end, SliceEnd::Done);
        assert_eq!(running.result(), TaskResult::Slept { millis: 30 });
    }
}
