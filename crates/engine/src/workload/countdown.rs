//! Countdown: decrement a counter to zero. The purest CPU-bound loop (experiment A1).

use std::hint::black_box;

use super::{TaskResult, Tick, Workload};

/// A counter on its way to zero; one tick is one decrement.
#[derive(Clone, Debug)]
pub struct Countdown {
    remaining: u64,
}

impl Countdown {
    /// A countdown from `from`.
    pub fn new(from: u64) -> Self {
        Countdown { remaining: from }
    }
}

impl Workload for Countdown {
    #[inline]
    fn tick(&mut self) -> Tick {
        if self.remaining == 0 {
            return Tick::Done;
        }
        // black_box keeps the optimiser from replacing the loop by a subtraction.
        self.remaining = black_box(self.remaining) - 1;
        if self.remaining == 0 {
            Tick::Done
        } else {
            Tick::Continue
        }
    }

    fn result(&self) -> TaskResult {
        TaskResult::CountedDownTo(self.remaining)
    }
}
