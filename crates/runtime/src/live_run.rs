//! One run as the page sees it, whatever the mode: start, stop, and what to show each time.
//!
//! The page calls [`LiveRun::refresh`] each time it polls the run. Nothing here ever waits: lanes
//! are read with `try_lock` (a lane being written is read next time), as many as the recorder
//! has at that poll; counters are atomics.

use std::rc::Rc;

use engine::{worker_name, Clock, GilStats, LaneHistory, Recorder, RunStatusTracker, RunSummary, Scenario, ThroughputWindow, Watchdog};
/// Re-exported for the page, which matches on it.
pub use engine::RunStatus;

use crate::clock::BrowserClock;
use crate::process_run::ProcessesRun;
use crate::shared_run::SharedMemoryRun;
use crate::thread_pool::ThreadPool;

enum Engine {
    SharedMemory(SharedMemoryRun),
    Processes(ProcessesRun),
}

/// Whether the page can share memory between workers: only when it is cross-origin isolated.
pub fn shared_memory_available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}

/// Whether `scenario` runs on thread workers that share the page's memory.
pub fn runs_on_shared_memory(scenario: &Scenario) -> bool {
    scenario.mode.shares_memory() && shared_memory_available()
}

/// A run started from the page.
pub struct LiveRun {
    scenario: Scenario,
    origin_ms: f64,
    engine: Engine,
    /// Every lane as last read: shared with the page's views, never copied whole.
    lanes: Rc<[LaneHistory]>,
    /// Every lane's ticks at each recent refresh.
    throughput: ThroughputWindow,
    /// The watchdog and its verdict.
    status: RunStatusTracker,
}

impl LiveRun {
    /// Starts `scenario`: on thread workers from `pool` when its mode shares memory and the page
    /// has shared memory, otherwise on fresh workers that exchange messages (the processes mode,
    /// and the fallback engine for the other modes). The watchdog allows twice the run's
    /// estimate on the page's `cores`.
    ///
    /// # Errors
    /// Workers could not be created.
    pub fn start(scenario: Scenario, pool: &ThreadPool, cores: usize) -> Result<Self, String> {
        let origin_ms = BrowserClock.now_ms();
        let engine = if runs_on_shared_memory(&scenario) {
            Engine::SharedMemory(SharedMemoryRun::start(&scenario, pool, origin_ms)?)
        } else {
            Engine::Processes(ProcessesRun::start(&scenario, origin_ms)?)
        };
        // Until the first read: every lane starting, as the recorder begins them.
        let lanes = (0..scenario.lanes()).map(|lane| LaneHistory::starting_at(&worker_name(lane), 0.0)).collect();
        let status = RunStatusTracker::new(Watchdog::for_scenario(&scenario, cores));
        Ok(LiveRun { scenario, origin_ms, engine, lanes, throughput: ThroughputWindow::default(), status })
    }

    /// Asks the run to stop; [`LiveRun::status`] says when it has.
    pub fn stop(&self) {
        match &self.engine {
            Engine::SharedMemory(run) => run.stop(),
            Engine::Processes(run) => run.stop(),
        }
    }

    /// Reads every lane the recorder has now again: a copy that shares the recorder's full chunks
    /// of events, so it costs the same however long the run (a lane being written keeps its last
    /// copy); and lets the watchdog stop a run that has gone on too long.
    pub fn refresh(&mut self) {
        self.watch();
        let previous = &self.lanes;
        let read = |recorder: &Recorder| -> Rc<[LaneHistory]> { recorder.read_lanes(previous).into() };
        self.lanes = match &self.engine {
            Engine::SharedMemory(run) => read(run.recorder()),
            Engine::Processes(run) => run.with_recorder(read),
        };
        let (now_ms, ticks) = (self.elapsed_ms(), self.lane_ticks());
        self.throughput.record(now_ms, ticks);
    }

    /// Stops the run once the watchdog says it has gone on too long (once).
    fn watch(&mut self) {
        let (elapsed_ms, over) = (self.elapsed_ms(), self.is_over());
        if self.status.must_stop(elapsed_ms, over) {
            self.stop();
        }
    }

    fn is_over(&self) -> bool {
        match &self.engine {
            Engine::SharedMemory(run) => run.is_over(self.scenario.lanes()),
            Engine::Processes(run) => run.is_over(),
        }
    }

    /// Work units (ticks) per second of each worker: over the last second while the run goes,
    /// over the whole run once every worker has ended.
    pub fn throughput(&self) -> Vec<f64> {
        let ended = self.lanes.iter().all(LaneHistory::has_ended);
        self.throughput.per_second(self.lanes.len(), ended.then(|| self.summary().wall_ms))
    }

    /// What is being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Every lane as last read, shared.
    pub fn lanes(&self) -> Rc<[LaneHistory]> {
        self.lanes.clone()
    }

    /// Milliseconds since the run started.
    pub fn elapsed_ms(&self) -> f64 {
        BrowserClock.now_ms() - self.origin_ms
    }

    /// The share of the work done, from 0 to 1.
    pub fn progress(&self) -> f64 {
        let (done, total) = match &self.engine {
            Engine::SharedMemory(run) => run.progress(),
            Engine::Processes(run) => run.progress(),
        };
        if total == 0 {
            0.0
        } else {
            (done as f64 / total as f64).min(1.0)
        }
    }

    /// Ticks done so far by each worker (work units, for throughput).
    pub fn lane_ticks(&self) -> Vec<u64> {
        match &self.engine {
            Engine::SharedMemory(run) => run.lane_ticks(),
            Engine::Processes(run) => run.lane_ticks(),
        }
    }

    /// Where the run stands. Only `Running` until every worker has ended.
    pub fn status(&self) -> RunStatus {
        let (failure, results) = match &self.engine {
            Engine::SharedMemory(run) => (run.failure(), run.results()),
            Engine::Processes(run) => (run.failure(), run.results()),
        };
        let combined = || results.map(|(results, completion_order)| self.scenario.experiment.combine(&results, &completion_order));
        self.status.status(self.is_over(), failure, combined)
    }

    /// Wall and busy time from the events read so far.
    pub fn summary(&self) -> RunSummary {
        RunSummary::from_lanes(&self.lanes)
    }

    /// The GIL's counters, in the threads + GIL mode.
    pub fn gil_stats(&self) -> Option<GilStats> {
        match &self.engine {
            Engine::SharedMemory(run) => run.gil_stats(),
            Engine::Processes(run) => run.gil_stats(),
        }
    }

    /// Bytes of messages exchanged with workers, when they do not share memory.
    pub fn message_bytes(&self) -> Option<(usize, usize)> {
        match &self.engine {
            Engine::SharedMemory(_) => None,
            Engine::Processes(run) => Some(run.message_bytes()),
        }
    }
}
