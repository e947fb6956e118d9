//! Check points: where a running thread notices Stop and the time limit, and (in the GIL
//! modes) lets another thread run. The modes are those of the Python panel.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::Thread;
use crate::objects::exception::Halt;
use crate::objects::{PyErr, PyResult};

/// How a program's threads share the processor.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// CPython 3.12: a GIL dropped only at backward jumps, calls and function entry.
    Gil312,
    /// CPython 3.9 and earlier: a GIL that may be dropped between any two instructions.
    Gil39,
    /// Free-threaded: no GIL.
    Free,
    /// Every thread takes turns on one core.
    OneCore,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 4] = [Mode::Gil39, Mode::Gil312, Mode::Free, Mode::OneCore];

    /// The mode's name in the corpus headers (`gil312`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Gil312 => "gil312",
            Mode::Gil39 => "gil39",
            Mode::Free => "free",
            Mode::OneCore => "onecore",
        }
    }
}

/// How often (in check points) the clock is read for the time limit.
const TICKS_PER_CLOCK_READ: u32 = 4096;

/// Stop, the time limit and the mode of one run.
pub struct Scheduler {
    /// The mode.
    pub mode: Mode,
    stop: AtomicBool,
    deadline: Option<Instant>,
}

impl Scheduler {
    /// A scheduler for a run that may last until `deadline`.
    pub fn new(mode: Mode, deadline: Option<Instant>) -> Scheduler {
        Scheduler { mode, stop: AtomicBool::new(false), deadline }
    }

    /// Asks every thread to stop at its next check point.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Whether Stop was pressed.
    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Whether the time limit has passed.
    pub fn past_deadline(&self) -> bool {
        self.deadline.is_some_and(|deadline| Instant::now() >= deadline)
    }
}

impl Thread {
    /// An eval-breaker check point.
    #[inline]
    pub fn check_point(&mut self) -> PyResult<()> {
        let scheduler = &self.interp.scheduler;
        if scheduler.stop_requested() {
            return Err(PyErr::Halted(Halt::Stopped));
        }
        self.ticks += 1;
        if self.ticks >= TICKS_PER_CLOCK_READ {
            self.ticks = 0;
            if scheduler.past_deadline() {
                return Err(PyErr::Halted(Halt::TimeLimit));
            }
        }
        Ok(())
    }
}

/// The longest a blocked thread waits before it looks at Stop and the time limit again.
pub const WAIT_SLICE: std::time::Duration = std::time::Duration::from_millis(10);

impl Thread {
    /// `time.sleep`: waits in slices that notice Stop and the time limit.
    pub fn blocking_sleep(&mut self, duration: std::time::Duration) -> PyResult<()> {
        let until = Instant::now() + duration;
        loop {
            self.check_point()?;
            let now = Instant::now();
            if now >= until {
                return Ok(());
            }
            std::thread::sleep((until - now).min(WAIT_SLICE));
        }
    }
}
