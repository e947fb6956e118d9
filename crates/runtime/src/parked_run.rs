//! A program on parked thread workers (a page with shared memory): every Python thread, the
//! main one included, runs on a thread worker of the program pool (see `parked_workers.rs`);
//! the page only queues the main thread's body, tops the parked workers up at each poll, and
//! reads the output and the timeline with `try_lock`.

use std::sync::Arc;
use std::time::Duration;

use engine::{Clock, LaneHistory};
use python::{start_program, Halt, Mode, OutputLine, RunningProgram, Scheduler};

use crate::clock::BrowserClock;
use crate::parked_workers::{ParkedWorkers, Parking};
use crate::python_host::BrowserHost;
use crate::python_run::{ProgramStatus, MAX_PYTHON_THREADS, PROGRAM_TIME_LIMIT, PYTHON_STACK_BYTES};
use crate::thread_pool::ThreadPool;

/// A program on parked workers.
pub struct ParkedRun {
    program: RunningProgram,
    parking: Arc<Parking>,
    workers: ParkedWorkers,
}

impl ParkedRun {
    /// Starts `source` in `mode`, its GIL switching every `switch_interval` until the program
    /// sets another, on workers of `pool`, for a page with `cores`. Returns at once: the program
    /// runs on workers.
    pub fn start(source: &str, mode: Mode, switch_interval: Duration, cores: usize, pool: &ThreadPool) -> Self {
        let parking = Arc::new(Parking::new(MAX_PYTHON_THREADS, PYTHON_STACK_BYTES));
        let workers = ParkedWorkers::new(parking.clone(), pool.clone());
        let host = Arc::new(BrowserHost::new(parking.clone(), cores));
        let scheduler = Arc::new(Scheduler::new(mode, PROGRAM_TIME_LIMIT, host));
        scheduler.set_switch_interval(switch_interval);
        let program = start_program(source, scheduler);
        workers.top_up();
        ParkedRun { program, parking, workers }
    }

    /// Keeps workers parked for the threads the program may start, and stops the program when
    /// a worker failed.
    pub fn poll(&self) {
        if self.workers.failure().is_some() {
            self.stop();
        }
        if self.program.outcome().is_some() || self.workers.failure().is_some() {
            self.parking.close();
        } else {
            self.workers.top_up();
        }
    }

    /// Halts the program: every thread leaves at its next check point or wait slice
    /// (`Scheduler::halt` never waits, so the page's main thread may call it; the first reason
    /// stays).
    pub fn stop(&self) {
        self.program.scheduler.halt(Halt::Stopped);
    }

    /// Running until its main thread has written how it ended, or a worker failed (the others
    /// are halted; the failed one may have been the main thread).
    pub fn status(&self) -> ProgramStatus {
        match (self.workers.failure(), self.program.outcome()) {
            (Some(reason), _) => ProgramStatus::Failed(reason),
            (None, Some(outcome)) => ProgramStatus::Ended(outcome),
            (None, None) => ProgramStatus::Running,
        }
    }

    /// The kept lines and how many were dropped; `None` while a thread is writing.
    pub fn output(&self) -> Option<(Vec<OutputLine>, u64)> {
        self.program.output.try_snapshot()
    }

    /// Every thread's lane, read afresh or, while its thread records, as in `previous`.
    pub fn lanes(&self, previous: &[LaneHistory]) -> Vec<LaneHistory> {
        self.program.recorder.read_lanes(previous)
    }

    /// Milliseconds since the program's recorder started (the lanes' times count from then).
    pub fn elapsed_ms(&self) -> f64 {
        BrowserClock.now_ms() - self.program.recorder.origin_ms()
    }
}
