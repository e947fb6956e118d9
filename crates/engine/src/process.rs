//! The processes mode: workers with memory of their own, talking by serialised messages.
//!
//! The protocol is two enums: [`ToProcess`] (parent to worker) and [`FromProcess`] (worker to
//! parent), sent as JSON text. The parent keeps a [`ProcessPool`], which hands tasks out from
//! the [`TaskQueue`] one at a time as workers become free (like `multiprocessing.Pool` with
//! chunksize 1), records every worker's states, and gathers results. Inside each worker a [`ProcessWorker`]
//! runs the tasks it is sent. Hosts move the text: `postMessage` in the browser, channels natively.

use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::queue::{NextTask, TaskQueue};
use crate::recorder::{Recorder, WorkerState};
use crate::run::FaultPlan;
use crate::scenario::Scenario;
use crate::workload::{SliceEnd, Task, TaskResult};

/// Ticks between progress messages from a worker.
const PROGRESS_TICKS: u64 = 1 << 18;

/// A message from the parent to a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToProcess {
    /// Run one task and send its result back.
    Run {
        /// The task's index in the run (results come back tagged with it).
        task_index: usize,
        /// The task's arguments.
        task: Task,
        /// Fail on purpose after this many milliseconds of the run (see [`FaultPlan`]).
        fail_at_ms: Option<f64>,
    },
}

/// A message from a worker to the parent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromProcess {
    /// The worker has started (its module is instantiated) and waits for work.
    Ready {
        /// Clock reading.
        at_ms: f64,
    },
    /// The worker entered a state.
    State {
        /// Clock reading.
        at_ms: f64,
        /// The state.
        state: WorkerState,
    },
    /// Ticks done since the last progress message.
    Progress {
        /// How many.
        ticks: u64,
    },
    /// A task finished.
    Finished {
        /// Clock reading.
        at_ms: f64,
        /// Which task.
        task_index: usize,
        /// Its result.
        result: TaskResult,
    },
}

impl ToProcess {
    /// The message as text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("messages always serialise")
    }

    /// A message from text.
    ///
    /// # Errors
    /// The text is not a message of this protocol.
    pub fn decode(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|error| format!("unreadable message to a process: {error}"))
    }
}

impl FromProcess {
    /// The message as text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("messages always serialise")
    }

    /// A message from text.
    ///
    /// # Errors
    /// The text is not a message of this protocol.
    pub fn decode(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|error| format!("unreadable message from a process: {error}"))
    }
}

/// The inside of one worker process: runs each task it is sent, reporting as it goes.
pub struct ProcessWorker<'a> {
    clock: &'a dyn Clock,
    run_origin_ms: f64,
}

impl<'a> ProcessWorker<'a> {
    /// A worker whose run started at the clock reading `run_origin_ms`.
    pub fn new(clock: &'a dyn Clock, run_origin_ms: f64) -> Self {
        ProcessWorker { clock, run_origin_ms }
    }

    /// The first message a started worker sends.
    pub fn ready(&self) -> FromProcess {
        FromProcess::Ready { at_ms: self.clock.now_ms() }
    }

    /// Runs what `message` asks, sending reports to `send` (blocking waits really block).
    ///
    /// # Panics
    /// When the message carries a fault time and it has come (on purpose).
    pub fn handle(&self, message: ToProcess, send: &mut dyn FnMut(FromProcess)) {
        let ToProcess::Run { task_index, task, fail_at_ms } = message;
        let state = |state| FromProcess::State { at_ms: self.clock.now_ms(), state };
        send(state(WorkerState::Running));
        let mut running = task.start();
        let mut unreported = 0;
        loop {
            let slice = running.run_slice(&|| false, SLICE_TICKS);
            unreported += slice.ticks;
            if unreported >= PROGRESS_TICKS {
                send(FromProcess::Progress { ticks: std::mem::take(&mut unreported) });
            }
            if fail_at_ms.is_some_and(|at| self.clock.now_ms() - self.run_origin_ms >= at) {
                panic!("a process failed on purpose (the \"make a worker fail\" option)");
            }
            match slice.end {
                SliceEnd::Interrupted | SliceEnd::BudgetSpent => {}
                SliceEnd::Block(wait) => {
                    send(state(WorkerState::Blocked));
                    std::thread::sleep(wait);
                    send(state(WorkerState::Running));
                }
                SliceEnd::Done => break,
            }
        }
        send(FromProcess::Progress { ticks: unreported });
        send(FromProcess::Finished { at_ms: self.clock.now_ms(), task_index, result: running.result() });
    }
}

const SLICE_TICKS: u64 = 4096;

/// What the parent should do after a message from a worker.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolReply {
    /// Send this text to the worker.
    Send(String),
    /// The worker has no more work: end it.
    Retire,
}

/// The parent's side of a processes run: task queue, results, and each worker's states.
#[derive(Debug)]
pub struct ProcessPool {
    queue: TaskQueue,
    /// Lanes that asked for work while the next task waited for earlier ones.
    waiting_lanes: Vec<usize>,
    results: Vec<Option<TaskResult>>,
    recorder: Recorder,
    fault: Option<FaultPlan>,
    ticks_done: u64,
    lane_ticks: Vec<u64>,
    bytes_sent: usize,
    bytes_received: usize,
}

impl ProcessPool {
    /// The pool for `scenario`, started at the clock reading `origin_ms`.
    pub fn new(scenario: &Scenario, origin_ms: f64) -> Self {
        let queue = TaskQueue::new(scenario.plan());
        ProcessPool {
            results: vec![None; queue.len()],
            queue,
            waiting_lanes: Vec::new(),
            recorder: Recorder::new(scenario.lanes(), origin_ms),
            fault: scenario.fault,
            ticks_done: 0,
            lane_ticks: vec![0; scenario.lanes()],
            bytes_sent: 0,
            bytes_received: 0,
        }
    }

    /// Takes in a message from the worker of `lane`, at the clock reading `now_ms`; returns
    /// what to do, lane by lane (a finished task may free work for lanes that were waiting).
    ///
    /// # Errors
    /// The text is not a message of the protocol.
    pub fn receive(&mut self, lane: usize, text: &str, now_ms: f64) -> Result<Vec<(usize, PoolReply)>, String> {
        self.bytes_received += text.len();
        match FromProcess::decode(text)? {
            FromProcess::Ready { at_ms } => {
                self.recorder.record_at(lane, WorkerState::Idle, at_ms);
                Ok(self.hand_out(lane, now_ms))
            }
            FromProcess::State { at_ms, state } => {
                self.recorder.record_at(lane, state, at_ms);
                Ok(Vec::new())
            }
            FromProcess::Progress { ticks } => {
                self.ticks_done += ticks;
                self.lane_ticks[lane] += ticks;
                Ok(Vec::new())
            }
            FromProcess::Finished { at_ms, task_index, result } => {
                if let Some(slot) = self.results.get_mut(task_index) {
                    *slot = Some(result);
                    self.queue.finish(task_index);
                }
                self.recorder.record_at(lane, WorkerState::Idle, at_ms);
                let mut replies = self.hand_out(lane, now_ms);
                for waiting in std::mem::take(&mut self.waiting_lanes) {
                    replies.extend(self.hand_out(waiting, now_ms));
                }
                Ok(replies)
            }
        }
    }

    /// The next task for `lane`, a wait, or its retirement when none are left.
    fn hand_out(&mut self, lane: usize, now_ms: f64) -> Vec<(usize, PoolReply)> {
        let task_index = match self.queue.hand_out() {
            NextTask::Run(index) => index,
            NextTask::WaitForEarlier => {
                self.waiting_lanes.push(lane);
                return Vec::new();
            }
            NextTask::NoneLeft => {
                self.recorder.record_at(lane, WorkerState::Done, now_ms);
                return vec![(lane, PoolReply::Retire)];
            }
        };
        let task = self.queue.task(task_index).clone();
        let fail_at_ms = self.fault.filter(|fault| fault.lane == lane).map(|fault| fault.after_ms);
        let text = ToProcess::Run { task_index, task, fail_at_ms }.encode();
        self.bytes_sent += text.len();
        vec![(lane, PoolReply::Send(text))]
    }

    /// Marks every lane done at `now_ms` (after a Stop or a failure ended the workers).
    pub fn end_all(&self, now_ms: f64) {
        for lane in 0..self.recorder.lanes() {
            self.recorder.record_at(lane, WorkerState::Done, now_ms);
        }
    }

    /// The run's events.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// Ticks reported so far, and ticks in all.
    pub fn progress(&self) -> (u64, u64) {
        (self.ticks_done, self.queue.foreground_ticks())
    }

    /// Ticks reported so far by each worker.
    pub fn lane_ticks(&self) -> &[u64] {
        &self.lane_ticks
    }

    /// Every result in task order, once all are in.
    pub fn results(&self) -> Option<Vec<TaskResult>> {
        self.results.iter().cloned().collect()
    }

    /// Task indices in the order the tasks finished.
    pub fn completion_order(&self) -> &[usize] {
        self.queue.completion_order()
    }

    /// Bytes of message text sent to workers and received from them.
    pub fn message_bytes(&self) -> (usize, usize) {
        (self.bytes_sent, self.bytes_received)
    }
}
