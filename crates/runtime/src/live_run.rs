//! One run as the page sees it, whatever the mode: start, stop, and what to show each frame.
//!
//! The page calls [`LiveRun::refresh`] on every animation frame. Nothing here ever waits: lanes
//! are read with `try_lock` (a lane being written is read next frame), counters are atomics.

use engine::{Clock, Event, GilStats, Recorder, RunResult, RunSummary, Scenario};

use crate::clock::BrowserClock;
use crate::process_run::ProcessesRun;
use crate::shared_run::SharedMemoryRun;
use crate::thread_pool::ThreadPool;

/// Where a run stands.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// Workers are still at it.
    Running,
    /// Every task finished; the experiment's answer.
    Finished(RunResult),
    /// Stop was pressed before the end.
    Stopped,
    /// A worker failed; why.
    Failed(String),
}

enum Engine {
    SharedMemory(SharedMemoryRun),
    Processes(ProcessesRun),
}

/// A run started from the page.
pub struct LiveRun {
    scenario: Scenario,
    origin_ms: f64,
    engine: Engine,
    lanes: Vec<Vec<Event>>,
}

impl LiveRun {
    /// Starts `scenario`: thread workers from `pool`, or fresh process workers.
    ///
    /// # Errors
    /// Workers could not be created.
    pub fn start(scenario: Scenario, pool: &ThreadPool) -> Result<Self, String> {
        let origin_ms = BrowserClock.now_ms();
        let engine = if scenario.mode.shares_memory() {
            Engine::SharedMemory(SharedMemoryRun::start(&scenario, pool, origin_ms)?)
        } else {
            Engine::Processes(ProcessesRun::start(&scenario, origin_ms)?)
        };
        let lanes = vec![Vec::new(); scenario.lanes()];
        Ok(LiveRun { scenario, origin_ms, engine, lanes })
    }

    /// Asks the run to stop; [`LiveRun::status`] says when it has.
    pub fn stop(&self) {
        match &self.engine {
            Engine::SharedMemory(run) => run.stop(),
            Engine::Processes(run) => run.stop(),
        }
    }

    /// Reads the events recorded since the last call.
    pub fn refresh(&mut self) {
        let lanes = &mut self.lanes;
        let mut read = |recorder: &Recorder| {
            for (lane, events) in lanes.iter_mut().enumerate() {
                if let Some(new) = recorder.try_read(lane, events.len()) {
                    events.extend(new);
                }
            }
        };
        match &self.engine {
            Engine::SharedMemory(run) => read(run.recorder()),
            Engine::Processes(run) => run.with_recorder(read),
        }
    }

    /// What is being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Every lane's events read so far.
    pub fn lanes(&self) -> &[Vec<Event>] {
        &self.lanes
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

    /// Where the run stands. Only `Running` until every worker has ended.
    pub fn status(&self) -> RunStatus {
        let (over, failure, results) = match &self.engine {
            Engine::SharedMemory(run) => (run.is_over(self.scenario.lanes()), run.failure(), run.results()),
            Engine::Processes(run) => (run.is_over(), run.failure(), run.results()),
        };
        match (over, failure, results) {
            (false, _, _) => RunStatus::Running,
            (true, Some(reason), _) => RunStatus::Failed(reason),
            (true, None, Some(results)) => RunStatus::Finished(self.scenario.experiment.combine(&results)),
            (true, None, None) => RunStatus::Stopped,
        }
    }

    /// Wall and busy time from the events read so far.
    pub fn summary(&self) -> RunSummary {
        RunSummary::from_lanes(&self.lanes)
    }

    /// The GIL's counters, in the threads + GIL mode.
    pub fn gil_stats(&self) -> Option<GilStats> {
        match &self.engine {
            Engine::SharedMemory(run) => run.gil_stats(),
            Engine::Processes(_) => None,
        }
    }

    /// Bytes of messages exchanged with processes, in the processes mode.
    pub fn message_bytes(&self) -> Option<(usize, usize)> {
        match &self.engine {
            Engine::SharedMemory(_) => None,
            Engine::Processes(run) => Some(run.message_bytes()),
        }
    }
}
