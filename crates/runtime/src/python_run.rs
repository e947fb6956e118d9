//! A learner's Python program as the page sees it: started on parked thread workers, polled
//! with non-blocking reads, stopped.
//!
//! Every Python thread, the main one included, runs on a thread worker of the program pool
//! (see `parked_workers.rs`); the page only queues the main thread's body, tops the parked
//! workers up at each poll, and reads the output and the timeline with `try_lock`.

use std::sync::Arc;
use std::time::Duration;

use engine::{Clock, LaneHistory};
use python::{start_program, Halt, Mode, Outcome, OutputLine, RunningProgram, Scheduler};

use crate::clock::BrowserClock;
use crate::live_run::shared_memory_available;
use crate::parked_workers::{ParkedWorkers, Parking, SPARE_WORKERS};
use crate::python_host::BrowserHost;
use crate::thread_pool::ThreadPool;

/// The most Python threads alive at once in the page (the main one included); past it
/// `RuntimeError: can't start new thread`. Each has a worker with a stack of
/// [`PYTHON_STACK_BYTES`] in the page's memory and a JavaScript isolate of its own: measured
/// (`scripts/bench`, section `python-threads`) about 1.1 MiB of WebAssembly memory and 4.6 MiB
/// of the browser's PSS per worker, so 128 threads take about 600 MiB. CPython allows
/// thousands; 128 runs a 100-thread pool with room to spare.
pub const MAX_PYTHON_THREADS: usize = 128;

/// Each program worker's stack in the shared memory: 1 MiB, half wasm-bindgen's default for a
/// thread (`DEFAULT_THREAD_STACK_SIZE`, 2 MiB). Python calls nest on the heap; the run loops
/// nested by built-ins calling back into Python (at most `python::NATIVE_NESTING_LIMIT`) keep a
/// thread well within it: 432 KiB at that limit (the stack watch's figure, `stack_watch.rs`).
pub const PYTHON_STACK_BYTES: usize = 1 << 20;

/// Workers a program finds started when it runs: its main thread's and the spares.
pub const PROGRAM_WORKERS_KEPT: usize = 1 + SPARE_WORKERS;

/// The Program panel's pool: workers of its own (a program's threads never take the workers
/// kept for experiments), [`PROGRAM_WORKERS_KEPT`] of them started with the page and kept
/// however long it stays idle, so that neither a program's main thread nor its first threads
/// wait the tens of milliseconds a new Web Worker takes to start. None on a page without shared
/// memory, where programs do not run.
pub fn program_pool() -> ThreadPool {
    let pool = ThreadPool::for_programs(PYTHON_STACK_BYTES);
    if shared_memory_available() {
        pool.keep_at_all_times(PROGRAM_WORKERS_KEPT);
        pool.prestart(PROGRAM_WORKERS_KEPT, || {});
    }
    pool
}

/// The longest a program may run.
pub const PROGRAM_TIME_LIMIT: Duration = Duration::from_secs(30);

/// Where a program stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgramStatus {
    /// Its threads are still at it.
    Running,
    /// It ended: how.
    Ended(Outcome),
    /// A worker failed (it trapped, or none could be made): why.
    Failed(String),
}

/// A program started from the page.
pub struct PythonRun {
    program: RunningProgram,
    parking: Arc<Parking>,
    workers: ParkedWorkers,
}

impl PythonRun {
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
        PythonRun { program, parking, workers }
    }

    /// Keeps workers parked for the threads the program may start, and stops the program when
    /// a worker failed. Called at every poll.
    pub fn poll(&self) {
        if self.workers.failure().is_some() {
            self.halt();
        }
        if self.program.outcome().is_some() || self.workers.failure().is_some() {
            self.parking.close();
        } else {
            self.workers.top_up();
        }
    }

    /// Presses Stop: every thread leaves at its next check point or wait slice.
    pub fn stop(&self) {
        self.halt();
    }

    /// Halts the program (`Scheduler::halt` never waits, so the page's main thread may call it;
    /// the first reason stays).
    fn halt(&self) {
        self.program.scheduler.halt(Halt::Stopped);
    }

    /// Where the program stands: running until its main thread has written how it ended, or a
    /// worker failed (the others are halted; the failed one may have been the main thread).
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
    /// Never waits.
    pub fn lanes(&self, previous: &[LaneHistory]) -> Vec<LaneHistory> {
        self.program.recorder.read_lanes(previous)
    }

    /// Milliseconds since the program's recorder started (the lanes' times count from then).
    pub fn elapsed_ms(&self) -> f64 {
        BrowserClock.now_ms() - self.program.recorder.origin_ms()
    }
}
