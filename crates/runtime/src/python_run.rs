//! A learner's Python program as the page sees it: started, polled with non-blocking reads,
//! stopped; and the one place that chooses where it runs. A page with shared memory runs every
//! Python thread on a parked thread worker (`parked_run.rs`); a page without it (not
//! cross-origin isolated: course pages, the widget in most browsers) runs the program on one
//! worker with memory of its own, its threads taking turns (`program_worker/`).

use std::time::Duration;

use engine::LaneHistory;
use python::{Mode, Outcome, OutputLine};

use crate::live_run::shared_memory_available;
use crate::parked_run::ParkedRun;
use crate::parked_workers::SPARE_WORKERS;
use crate::program_worker::{prestart_program_worker, OneWorkerRun, ProgramProcess};
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
/// wait the tens of milliseconds a new Web Worker takes to start. On a page without shared
/// memory the pool stays empty. On every page a program worker is started too, ready for the
/// first Run of a program (there) or of a program that starts processes (on every page).
pub fn program_pool() -> ThreadPool {
    let pool = ThreadPool::for_programs(PYTHON_STACK_BYTES);
    if shared_memory_available() {
        pool.keep_at_all_times(PROGRAM_WORKERS_KEPT);
        pool.prestart(PROGRAM_WORKERS_KEPT, || {});
    }
    prestart_program_worker();
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
    /// It cannot run on this page (free-threaded Python on one worker): why.
    Refused(String),
}

/// The engine a program runs on: chosen here, once per run.
enum ProgramEngine {
    /// Every thread on a parked thread worker of the page's shared memory.
    Parked(ParkedRun),
    /// Every thread taking turns on one worker with memory of its own.
    OneWorker(OneWorkerRun),
}

/// Whether `source` starts processes: such a program runs on program workers, one per
/// process, on every page (parked workers share one memory, so they cannot be processes).
fn uses_processes(source: &str) -> bool {
    source.contains("multiprocessing") || source.contains("ProcessPoolExecutor")
}

/// A program started from the page.
pub struct PythonRun {
    engine: ProgramEngine,
}

impl PythonRun {
    /// Starts `source` in `mode`, its GIL switching every `switch_interval` until the program
    /// sets another, for a page with `cores`: on parked workers of `pool` when the page has
    /// shared memory, otherwise on one program worker, its threads taking turns. Returns at
    /// once: the program runs on workers.
    pub fn start(source: &str, mode: Mode, switch_interval: Duration, cores: usize, pool: &ThreadPool) -> Self {
        let processes = uses_processes(source);
        let engine = if shared_memory_available() && !processes {
            ProgramEngine::Parked(ParkedRun::start(source, mode, switch_interval, cores, pool))
        } else {
            ProgramEngine::OneWorker(OneWorkerRun::start(source, mode, switch_interval, cores, processes))
        };
        PythonRun { engine }
    }

    /// Called at every poll: keeps workers parked for the threads the program may start, and
    /// ends a program whose workers failed or did not stop in time.
    pub fn poll(&self) {
        match &self.engine {
            ProgramEngine::Parked(run) => run.poll(),
            ProgramEngine::OneWorker(run) => run.poll(),
        }
    }

    /// Presses Stop: the program ends within a second, whatever it does.
    pub fn stop(&self) {
        match &self.engine {
            ProgramEngine::Parked(run) => run.stop(),
            ProgramEngine::OneWorker(run) => run.stop(),
        }
    }

    /// Where the program stands.
    pub fn status(&self) -> ProgramStatus {
        match &self.engine {
            ProgramEngine::Parked(run) => run.status(),
            ProgramEngine::OneWorker(run) => run.status(),
        }
    }

    /// The kept lines and how many were dropped; `None` while a thread is writing.
    pub fn output(&self) -> Option<(Vec<OutputLine>, u64)> {
        match &self.engine {
            ProgramEngine::Parked(run) => run.output(),
            ProgramEngine::OneWorker(run) => Some(run.output()),
        }
    }

    /// Every thread's lane, read afresh or, while its thread records, as in `previous`.
    /// Never waits.
    pub fn lanes(&self, previous: &[LaneHistory]) -> Vec<LaneHistory> {
        match &self.engine {
            ProgramEngine::Parked(run) => run.lanes(previous),
            ProgramEngine::OneWorker(run) => run.lanes(previous),
        }
    }

    /// The program's processes, each with its lanes: none for a program that starts none (it
    /// runs on parked workers, or on one worker outside a tree).
    pub fn processes(&self) -> Vec<ProgramProcess> {
        match &self.engine {
            ProgramEngine::Parked(_) => Vec::new(),
            ProgramEngine::OneWorker(run) => run.processes(),
        }
    }

    /// Milliseconds since the program started (the lanes' times count from then).
    pub fn elapsed_ms(&self) -> f64 {
        match &self.engine {
            ProgramEngine::Parked(run) => run.elapsed_ms(),
            ProgramEngine::OneWorker(run) => run.elapsed_ms(),
        }
    }
}
