//! One call of a pool function (experiment A5): `base ** exponent` after a fixed amount of
//! busy work, so that the calls take long enough to see on a timeline.

use std::hint::black_box;

use super::{TaskResult, Tick, Workload};

/// The busy work still to do before the answer.
#[derive(Clone, Debug)]
pub struct Power {
    base: u64,
    exponent: u32,
    work_left: u64,
}

impl Power {
    /// `base ** exponent`, after `work` ticks.
    pub fn new(base: u64, exponent: u32, work: u64) -> Self {
        Power { base, exponent, work_left: work }
    }
}

impl Workload for Power {
    #[inline]
    fn tick(&mut self) -> Tick {
        if self.work_left == 0 {
            return Tick::Done;
        }
        self.work_left = black_box(self.work_left) - 1;
        if self.work_left == 0 {
            Tick::Done
        } else {
            Tick::Continue
        }
    }

    fn result(&self) -> TaskResult {
        TaskResult::Power { base: self.base, value: self.base.saturating_pow(self.exponent) }
    }
}
