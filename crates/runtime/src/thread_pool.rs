//! Thread workers: Web Workers on the page's own `WebAssembly.Memory`, kept and reused.
//!
//! A worker's stack and thread-local storage live in the shared memory until the thread is
//! destroyed, so idle workers are kept for the next run instead of being made anew. A worker
//! that trapped is terminated and never reused. The pool shrinks when idle: the workers the page
//! keeps at all times (as many as cores), and those of the last run for [`KEEP_LAST_RUN_MS`]
//! after it; then the rest end, each destroying its own thread (stack and TLS) first. Raw workers rather than a rayon pool: each lane
//! of a run must be exactly one thread for its whole life (it holds or waits for the GIL), which
//! a work-stealing pool does not promise.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::short_tasks::{in_a_task_after_ms, in_a_task_of_its_own};
use crate::warm_up::warm_up;
use crate::worker_entries::{job_address, Job};
use crate::worker_script::{describe, field, message, spawn_worker};

/// How a job ended: normally, or with the reason its worker stopped.
pub type JobEnd = Result<(), String>;

/// How long idle workers beyond those kept at all times wait for another run before they end:
/// a learner running the same experiment again soon does not wait for workers to start.
const KEEP_LAST_RUN_MS: i32 = 10_000;

thread_local! {
    /// Thread workers alive on this page, busy or idle.
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

/// Thread workers alive on this page, busy or idle.
pub fn live_thread_workers() -> usize {
    LIVE.get()
}

/// The page's thread workers.
#[derive(Clone, Default)]
pub struct ThreadPool {
    /// Idle workers, the longest idle first.
    idle: Rc<RefCell<VecDeque<Worker>>>,
    /// Whether workers have warmed the workloads up already.
    warmed: Rc<Cell<bool>>,
    /// Idle workers kept however long they stay idle.
    kept_at_all_times: Rc<Cell<usize>>,
    /// Counts jobs started: a shrink planned before the latest job is called off.
    jobs_started: Rc<Cell<u64>>,
    /// Each new worker's stack in the shared memory; `None`: wasm-bindgen's default (2 MiB).
    stack_bytes: Option<usize>,
}

impl ThreadPool {
    /// An empty pool; workers are made when first needed.
    pub fn new() -> Self {
        ThreadPool::default()
    }

    /// An empty pool for Python programs: its workers have stacks of `stack_bytes` (a multiple
    /// of 64 KiB) and never run the workloads' warm-up (a program runs no kernel of the catalogue).
    pub fn for_programs(stack_bytes: usize) -> Self {
        ThreadPool { warmed: Rc::new(Cell::new(true)), stack_bytes: Some(stack_bytes), ..ThreadPool::default() }
    }

    /// How many workers wait for a job.
    pub fn idle_workers(&self) -> usize {
        self.idle.borrow().len()
    }

    /// Keeps `count` idle workers however long they stay idle (more end once idle for a while).
    pub fn keep_at_all_times(&self, count: usize) {
        self.kept_at_all_times.set(count);
    }

    /// Once no job has started for [`KEEP_LAST_RUN_MS`], ends the idle workers beyond those
    /// kept at all times.
    fn shrink_when_idle(&self) {
        let (pool, jobs_then) = (self.clone(), self.jobs_started.get());
        in_a_task_after_ms(KEEP_LAST_RUN_MS, move || {
            if pool.jobs_started.get() != jobs_then {
                return;
            }
            let mut idle = pool.idle.borrow_mut();
            while idle.len() > pool.kept_at_all_times.get() {
                let Some(worker) = idle.pop_front() else { break };
                end_thread_worker(&worker);
            }
        });
    }

    /// Starts `count` workers ahead of the run that needs them and calls `on_ready` once all
    /// have started (or failed to: the run that needs them will say so). The first ones started
    /// warm the workloads up; the compiled code is the module's, shared by every worker, so
    /// later ones only start. A run then measures neither worker start-up nor unoptimised code.
    pub fn prestart(&self, count: usize, on_ready: impl FnOnce() + 'static) {
        if count == 0 {
            return on_ready();
        }
        let pending = Rc::new(RefCell::new((count, Some(on_ready))));
        let end_one = move || {
            let mut pending = pending.borrow_mut();
            pending.0 -= 1;
            if pending.0 == 0 {
                if let Some(on_ready) = pending.1.take() {
                    on_ready();
                }
            }
        };
        let warm = !self.warmed.replace(true);
        // One worker a task: making many at once would be one long task on a busy machine.
        for _ in 0..count {
            let (pool, end) = (self.clone(), end_one.clone());
            in_a_task_of_its_own(move || {
                let job: Job = if warm { Box::new(warm_up) } else { Box::new(|| {}) };
                let failed = end.clone();
                if pool.run(job, move |_| end()).is_err() {
                    failed();
                }
            });
        }
    }

    /// Runs `job` on an idle worker (or a new one) and calls `on_end` on the page when it ends.
    ///
    /// # Errors
    /// A new worker could not be created.
    pub fn run(&self, job: Job, on_end: impl FnOnce(JobEnd) + 'static) -> Result<(), String> {
        let worker = match self.idle.borrow_mut().pop_back() {
            Some(worker) => worker,
            None => spawn_thread_worker(self.stack_bytes)?,
        };
        self.jobs_started.set(self.jobs_started.get() + 1);
        self.watch(&worker, on_end);
        worker.post_message(&message(&[("job", &job_address(job).into())])).map_err(describe)
    }

    /// Sends the worker's end of job to `on_end`, and returns it to the pool unless it trapped.
    fn watch(&self, worker: &Worker, on_end: impl FnOnce(JobEnd) + 'static) {
        let ending = Rc::new(JobEnding { on_end: RefCell::new(Some(Box::new(on_end))), panic: RefCell::default() });
        let (pool, kept, ending_on_error) = (self.clone(), worker.clone(), ending.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match field(&event, "kind").as_str() {
                "done" => {
                    pool.idle.borrow_mut().push_back(kept.clone());
                    ending.end(Ok(()));
                    pool.shrink_when_idle();
                }
                "panic" => *ending.panic.borrow_mut() = Some(field(&event, "message")),
                "trapped" => {
                    terminate_thread_worker(&kept);
                    let trap = field(&event, "message");
                    ending.end(Err(ending.panic.borrow_mut().take().unwrap_or(trap)));
                }
                _ => {}
            }
        });
        let failed = worker.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            terminate_thread_worker(&failed);
            ending_on_error.end(Err(format!("a worker could not start: {}", event.message())));
        });
        worker.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
        worker.set_onerror(Some(on_error.into_js_value().unchecked_ref()));
    }
}

/// What to call once a job has ended.
type OnEnd = Box<dyn FnOnce(JobEnd)>;

/// The end-of-job callback and the panic message that may precede a trap.
struct JobEnding {
    on_end: RefCell<Option<OnEnd>>,
    panic: RefCell<Option<String>>,
}

impl JobEnding {
    fn end(&self, end: JobEnd) {
        if let Some(on_end) = self.on_end.borrow_mut().take() {
            on_end(end);
        }
    }
}

/// A thread worker with a stack of `stack_bytes` (wasm-bindgen's `thread_stack_size`), or
/// wasm-bindgen's default.
fn spawn_thread_worker(stack_bytes: Option<usize>) -> Result<Worker, String> {
    let stack_bytes = stack_bytes.map_or(JsValue::UNDEFINED, |bytes| (bytes as f64).into());
    let worker = spawn_worker(&message(&[
        ("kind", &"start-thread".into()),
        ("module", &wasm_bindgen::module()),
        ("memory", &wasm_bindgen::memory()),
        ("stackBytes", &stack_bytes),
    ]))?;
    LIVE.set(LIVE.get() + 1);
    Ok(worker)
}

/// Ends an idle worker: it destroys its thread (stack and TLS) and closes itself.
fn end_thread_worker(worker: &Worker) {
    // Posting a plain object cannot fail.
    let _ = worker.post_message(&message(&[("exit", &true.into())]));
    LIVE.set(LIVE.get().saturating_sub(1));
}

/// Ends a worker that trapped or could not start.
fn terminate_thread_worker(worker: &Worker) {
    worker.terminate();
    LIVE.set(LIVE.get().saturating_sub(1));
}
