//! Single worker, threads + GIL and free-threaded runs: one thread worker per lane, all on the
//! page's shared memory, running the engine's [`run_worker`].
//!
//! A lane's job reaches the run through a [`RunPointer`], not an `Arc`: a worker that traps
//! (`panic = "abort"`) never drops what its job owns, and an `Arc` it held would keep the whole
//! run (recorder, results, GIL) alive for ever. The page holds the `Arc` for each lane instead,
//! in the lane's end-of-job callback, until the worker has said it is done or has trapped.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use engine::{run_worker, GilStats, Recorder, Scenario, SharedRun, TaskResult};

use crate::clock::BrowserClock;
use crate::thread_pool::{JobEnd, ThreadPool};

/// A shared-memory run in progress, seen from the page.
pub struct SharedMemoryRun {
    run: Arc<SharedRun>,
    ends: Rc<RefCell<LaneEnds>>,
}

/// How many lanes have ended, and the first failure among them.
#[derive(Default)]
struct LaneEnds {
    ended: usize,
    failure: Option<String>,
}

impl SharedMemoryRun {
    /// Starts every lane of `scenario` on `pool`, with time counted from `origin_ms`. The
    /// workers wait until every lane's job is posted, then go together: the first ones running
    /// do not take the cores from the page while it posts the rest.
    ///
    /// # Errors
    /// A worker could not be created; the lanes already started are stopped.
    pub fn start(scenario: &Scenario, pool: &ThreadPool, origin_ms: f64) -> Result<Self, String> {
        let started = SharedMemoryRun {
            run: Arc::new(SharedRun::new(scenario, origin_ms).with_start_held()),
            ends: Rc::default(),
        };
        for lane in 0..scenario.lanes() {
            let run = RunPointer(Arc::as_ptr(&started.run));
            // SAFETY: the run outlives the job: `on_lane_end` holds an `Arc` of it until this
            // lane's job has returned or trapped, after which the worker never runs it again.
            let job = Box::new(move || run_worker(unsafe { run.get() }, lane, &BrowserClock));
            if let Err(error) = pool.run(job, started.on_lane_end()) {
                started.run.stop();
                // Lanes never started count as ended, so the run can finish.
                started.ends.borrow_mut().ended += scenario.lanes() - lane;
                return Err(error);
            }
        }
        started.run.release_start();
        Ok(started)
    }

    /// The lane's end-of-job callback. It keeps the run alive until the lane's job has ended.
    fn on_lane_end(&self) -> impl FnOnce(JobEnd) + 'static {
        let (run, ends) = (self.run.clone(), self.ends.clone());
        move |end| {
            let mut ends = ends.borrow_mut();
            ends.ended += 1;
            if let Err(reason) = end {
                // A failed worker stops the others; the first reason is the one shown.
                run.stop();
                ends.failure.get_or_insert(reason);
            }
        }
    }

    /// Asks every worker to stop; they leave within milliseconds.
    pub fn stop(&self) {
        self.run.stop();
    }

    /// Whether every lane has ended.
    pub fn is_over(&self, lanes: usize) -> bool {
        self.ends.borrow().ended >= lanes
    }

    /// The first worker failure, if any.
    pub fn failure(&self) -> Option<String> {
        self.ends.borrow().failure.clone()
    }

    /// Every task's result in task order and the order they finished in, once all are in.
    pub fn results(&self) -> Option<(Vec<TaskResult>, Vec<usize>)> {
        Some((self.run.results()?, self.run.completion_order()?))
    }

    /// Ticks done by each worker.
    pub fn lane_ticks(&self) -> Vec<u64> {
        self.run.lane_ticks()
    }

    /// The run's events.
    pub fn recorder(&self) -> &Recorder {
        self.run.recorder()
    }

    /// Ticks done and ticks in all.
    pub fn progress(&self) -> (u64, u64) {
        self.run.progress()
    }

    /// The GIL's counters, in the threads + GIL mode.
    pub fn gil_stats(&self) -> Option<GilStats> {
        self.run.gil_stats()
    }
}

/// The run as a lane's job sees it (see the module's comment on why not an `Arc`).
struct RunPointer(*const SharedRun);

// SAFETY: a `SharedRun` is shared between threads by design (`Sync`); only the pointer moves.
unsafe impl Send for RunPointer {}

impl RunPointer {
    /// # Safety
    /// The run must still be alive: someone holds an `Arc` of it for as long as the reference
    /// is used.
    unsafe fn get<'a>(&self) -> &'a SharedRun {
        // SAFETY: as the caller promises.
        unsafe { &*self.0 }
    }
}
