//! Sleep: a blocking wait standing for I/O (a download, a disk read) — experiment B1.
//! The worker, not the workload, does the waiting, so it can release the GIL meanwhile.

use std::time::Duration;

use super::{TaskResult, Tick, Workload};

/// Two ticks: the first asks to block, the second finishes.
#[derive(Clone, Debug)]
pub struct Sleep {
    millis: u32,
    blocked: bool,
}

impl Sleep {
    /// A sleep of `millis` milliseconds.
    pub fn new(millis: u32) -> Self {
        Sleep { millis, blocked: false }
    }
}

impl Workload for Sleep {
    fn tick(&mut self) -> Tick {
        if self.blocked {
            return Tick::Done;
        }
        self.blocked = true;
        Tick::Block(Duration::from_millis(u64::from(self.millis)))
    }

    fn result(&self) -> TaskResult {
        TaskResult::Slept { millis: self.millis }
    }
}
