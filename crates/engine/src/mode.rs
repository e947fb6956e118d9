//! Execution modes: the same tasks, run four ways.
//!
//! - **Single worker**: one worker runs every task, one after another (serial).
//! - **Threads + GIL**: one worker per thread, sharing memory, each holding the [`Gil`] to run a
//!   tick; the holder hands it over when a waiter asks (switch interval) and releases it while
//!   blocked in I/O — as CPython does.
//! - **Free-threaded**: the same workers on shared memory with no global lock (CPython 3.13t).
//! - **Processes**: workers with memory of their own; tasks and results cross as serialised
//!   messages, and starting a worker (a fresh WebAssembly instance) is part of the wall time.
//!
//! [`Gil`]: crate::Gil

use serde::{Deserialize, Serialize};

/// How the workers of a run execute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    /// One worker, every task in turn.
    Single,
    /// Threads on shared memory behind a global interpreter lock.
    ThreadsWithGil,
    /// Threads on shared memory, no global lock.
    FreeThreaded,
    /// Workers with separate memory, talking by messages.
    Processes,
}

impl Mode {
    /// Every mode, in the order the picker shows them.
    pub const ALL: [Mode; 4] = [Mode::Single, Mode::ThreadsWithGil, Mode::FreeThreaded, Mode::Processes];

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Single => "single worker",
            Mode::ThreadsWithGil => "threads + GIL",
            Mode::FreeThreaded => "free-threaded",
            Mode::Processes => "processes",
        }
    }

    /// A short stable name, for links and form values.
    pub fn key(self) -> &'static str {
        match self {
            Mode::Single => "single",
            Mode::ThreadsWithGil => "gil",
            Mode::FreeThreaded => "free",
            Mode::Processes => "processes",
        }
    }

    /// The mode named by [`Mode::key`].
    pub fn from_key(key: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.key() == key)
    }

    /// How many workers (timeline lanes) run the tasks split for `workers` workers.
    pub fn lanes(self, workers: usize) -> usize {
        match self {
            Mode::Single => 1,
            Mode::ThreadsWithGil | Mode::FreeThreaded | Mode::Processes => workers,
        }
    }

    /// Whether the workers share one memory (and so need cross-origin isolation in a browser).
    pub fn shares_memory(self) -> bool {
        !matches!(self, Mode::Processes)
    }

    /// Whether the workers must hold the GIL to run.
    pub fn has_gil(self) -> bool {
        matches!(self, Mode::ThreadsWithGil)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_key_names_that_mode() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_key(mode.key()), Some(mode));
        }
    }

    #[test]
    fn single_worker_mode_runs_everything_on_one_lane() {
        assert_eq!(Mode::Single.lanes(8), 1);
        assert_eq!(Mode::FreeThreaded.lanes(8), 8);
    }
}
