//! Busy work with no end of its own (experiment B4's CPU-bound workers): it runs until the run's
//! other tasks are finished, so the I/O worker has CPU-bound company for its whole life.

use std::hint::black_box;

use super::{TaskResult, Tick, Workload};

/// Counts its ticks; never finishes by itself.
#[derive(Clone, Debug, Default)]
pub struct BusyLoop {
    ticks: u64,
}

impl Workload for BusyLoop {
    #[inline]
    fn tick(&mut self) -> Tick {
        self.ticks = black_box(self.ticks) + 1;
        Tick::Continue
    }

    fn result(&self) -> TaskResult {
        TaskResult::BusyTicks(self.ticks)
    }
}
