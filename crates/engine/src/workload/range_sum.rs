//! Sum of a range of integers, one addition per tick (experiments A6 and A7): the "heavy loop"
//! a pool splits into chunks. The answer is known in closed form, so every split is checkable.

use std::hint::black_box;

use super::{TaskResult, Tick, Workload};

/// The integers `next..end` still to add.
#[derive(Clone, Debug)]
pub struct RangeSum {
    start: u64,
    next: u64,
    end: u64,
    sum: u64,
}

impl RangeSum {
    /// The sum of `start..end`.
    pub fn new(start: u64, end: u64) -> Self {
        RangeSum { start, next: start, end, sum: 0 }
    }
}

impl Workload for RangeSum {
    #[inline]
    fn tick(&mut self) -> Tick {
        if self.next >= self.end {
            return Tick::Done;
        }
        // black_box keeps the optimiser from replacing the loop by the closed form.
        self.sum = self.sum.wrapping_add(black_box(self.next));
        self.next += 1;
        if self.next >= self.end {
            Tick::Done
        } else {
            Tick::Continue
        }
    }

    fn result(&self) -> TaskResult {
        TaskResult::RangeSum { start: self.start, end: self.end, sum: self.sum }
    }
}
