//! Blocking I/O (experiments B1–B4): a number of operations, each a blocking wait (a sleep, a
//! download, a disk read) followed by a little CPU work (handling what arrived). The worker, not
//! the workload, does the waiting, so it can release the GIL meanwhile.

use std::hint::black_box;
use std::time::Duration;

use super::{TaskResult, Tick, Workload};

/// Operations still to do, and where the current one stands.
#[derive(Clone, Debug)]
pub struct BlockingIo {
    operations: u64,
    done: u64,
    wait: Duration,
    cpu_ticks: u64,
    cpu_left: Option<u64>,
}

impl BlockingIo {
    /// `operations` waits of `wait`, each followed by `cpu_ticks` ticks of work.
    pub fn new(operations: u64, wait: Duration, cpu_ticks: u64) -> Self {
        BlockingIo { operations, done: 0, wait, cpu_ticks, cpu_left: None }
    }
}

impl Workload for BlockingIo {
    #[inline]
    fn tick(&mut self) -> Tick {
        match self.cpu_left {
            _ if self.done == self.operations => Tick::Done,
            None => {
                self.cpu_left = Some(self.cpu_ticks);
                Tick::Block(self.wait)
            }
            Some(0) => {
                self.cpu_left = None;
                self.done += 1;
                if self.done == self.operations {
                    Tick::Done
                } else {
                    Tick::Continue
                }
            }
            Some(left) => {
                self.cpu_left = Some(black_box(left) - 1);
                Tick::Continue
            }
        }
    }

    fn result(&self) -> TaskResult {
        TaskResult::IoDone { operations: self.done }
    }
}
