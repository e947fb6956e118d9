//! The browser host of the engine: Web Workers, the browser clock, and live runs.
//!
//! - [`LiveRun`] (`live_run.rs`): one run, any mode, as the page sees it each frame.
//! - `shared_run.rs`: single, threads + GIL and free-threaded runs on thread workers.
//! - `process_run.rs`: runs on workers with memory of their own: the processes mode, and every
//!   mode when the page has no shared memory (the fallback engine).
//! - [`ThreadPool`] (`thread_pool.rs`): reusable workers on the page's shared memory.
//! - `warm_up.rs`: a short run of each workload on new workers, before any measured run.
//! - `worker.js`, `worker_script.rs`: the script workers run and how they are made.
//! - `worker_entries.rs`: the Rust entry points inside workers, and panic reporting.
//! - [`PythonRun`] (`python_run.rs`): a learner's Python program, on the engine the page
//!   allows: with shared memory every thread on a thread worker (`parked_run.rs`;
//!   `python_host.rs`: the interpreter's host there; `parked_workers.rs`: workers waiting on the
//!   shared memory for a Python thread to run); without, every thread taking turns on one
//!   worker with memory of its own (`program_worker/`).
//! - [`BrowserClock`] (`clock.rs`): one time base for the page and all workers.
//! - `short_tasks.rs`: splitting the page's work into short tasks while workers fill the cores.
//! - `probes.rs`: the size of the page's WebAssembly memory, the thread workers alive and the
//!   deepest Python stack, for tests and the benchmark; `stack_watch.rs`: how deep a program
//!   worker's stack went.
//!
//! The page's main thread must never block (an atomic wait traps there): everything the page
//! calls here returns at once.

// Thread workers share the page's memory: without atomics wasm-bindgen silently emits
// single-threaded glue and workers fail at run time, so refuse such a build here.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!("build for wasm32 with +atomics and shared memory: see .cargo/config.toml");

mod clock;
mod live_run;
mod parked_run;
mod parked_workers;
mod probes;
mod process_run;
mod program_worker;
mod python_host;
mod python_run;
mod shared_run;
mod short_tasks;
mod stack_watch;
mod thread_pool;
mod warm_up;
mod worker_entries;
mod worker_script;

pub use clock::BrowserClock;
pub use probes::{program_workers, python_stack_bytes_used, thread_workers, wasm_memory_bytes};
pub use live_run::{runs_on_shared_memory, shared_memory_available, LiveRun, RunStatus};
pub use python_run::{program_pool, ProgramStatus, PythonRun, MAX_PYTHON_THREADS, PROGRAM_TIME_LIMIT, PROGRAM_WORKERS_KEPT, PYTHON_STACK_BYTES};
pub use short_tasks::{after_the_next_frame, in_a_task_after_ms, in_a_task_of_its_own};
pub use thread_pool::{JobEnd, ThreadPool};
pub use program_worker::{ProgramProcess, program_worker_deliver, program_worker_ready, program_worker_slice, program_worker_start, program_worker_stop};
pub use worker_entries::{process_worker_handle, process_worker_ready, report_panic, thread_worker_run};
