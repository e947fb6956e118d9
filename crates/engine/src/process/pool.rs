//! The parent's side of a run without shared memory: the task queue, each worker's states, the
//! results, and (threads + GIL) the GIL token.

use crate::gil::GilStats;
use crate::queue::{NextTask, TaskQueue};
use crate::events::WorkerState;
use crate::recorder::Recorder;
use crate::scenario::{FaultPlan, Scenario};
use crate::workload::TaskResult;
use crate::Mode;

use super::gil_token::GilToken;
use super::protocol::{FromProcess, ToProcess};

/// Without the GIL, background work (which runs until the foreground is done) still comes back
/// after turns of this length, so that it can be told to end: a worker cannot be interrupted.
const BACKGROUND_TURN_MS: f64 = 10.0;

/// What the parent should do after a message from a worker.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolReply {
    /// Send this text to the worker.
    Send(String),
    /// The worker has no more work: end it.
    Retire,
}

/// The parent's side of a run on workers without shared memory: the processes mode, or any mode
/// on the fallback engine (single worker: one lane; free-threaded: lanes that never wait;
/// threads + GIL: lanes that take turns with a [`GilToken`]).
#[derive(Debug)]
pub struct ProcessPool {
    queue: TaskQueue,
    /// Lanes that asked for work while the next task waited for earlier ones.
    waiting_lanes: Vec<usize>,
    results: Vec<Option<TaskResult>>,
    recorder: Recorder,
    fault: Option<FaultPlan>,
    gil: Option<GilToken>,
    /// Each lane's task in progress.
    lane_task: Vec<Option<usize>>,
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
            gil: (scenario.mode == Mode::ThreadsWithGil).then(|| GilToken::new(scenario.switch_interval_ms)),
            lane_task: vec![None; scenario.lanes()],
            ticks_done: 0,
            lane_ticks: vec![0; scenario.lanes()],
            bytes_sent: 0,
            bytes_received: 0,
        }
    }

    /// Takes in a message from the worker of `lane`, at the clock reading `now_ms`; returns
    /// what to do, lane by lane (a finished task may free work for lanes that were waiting,
    /// a token handed back goes to the next lane waiting for it).
    ///
    /// # Errors
    /// The text is not a message of the protocol.
    pub fn receive(&mut self, lane: usize, text: &str, now_ms: f64) -> Result<Vec<(usize, PoolReply)>, String> {
        self.bytes_received += text.len();
        let mut replies = Vec::new();
        match FromProcess::decode(text)? {
            FromProcess::Ready { at_ms } => {
                self.recorder.record_at(lane, WorkerState::Idle, at_ms);
                replies.extend(self.hand_out(lane, now_ms));
            }
            FromProcess::State { at_ms, state } => {
                let at_ms = match (&self.gil, state) {
                    (Some(gil), WorkerState::Running) => gil.start_of_running_ms(lane, at_ms),
                    _ => at_ms,
                };
                self.recorder.record_at(lane, state, at_ms);
                if state == WorkerState::Blocked {
                    self.release_token(lane, at_ms);
                }
            }
            FromProcess::Progress { ticks } => {
                self.ticks_done += ticks;
                self.lane_ticks[lane] += ticks;
            }
            FromProcess::Finished { at_ms, task_index, result } => {
                if let Some(slot) = self.results.get_mut(task_index) {
                    *slot = Some(result);
                    self.queue.finish(task_index);
                }
                self.recorder.record_at(lane, WorkerState::Idle, at_ms);
                self.lane_task[lane] = None;
                self.release_token(lane, at_ms);
                replies.extend(self.hand_out(lane, now_ms));
                for waiting in std::mem::take(&mut self.waiting_lanes) {
                    replies.extend(self.hand_out(waiting, now_ms));
                }
            }
            FromProcess::TurnOver { at_ms } => replies.extend(self.next_turn(lane, at_ms)),
        }
        replies.extend(self.grant_token());
        Ok(replies)
    }

    /// The next task for `lane` (under the GIL token: queued for its turn), a wait, or its
    /// retirement when none are left.
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
        self.lane_task[lane] = Some(task_index);
        let task = self.queue.task(task_index).clone();
        let fail_at_ms = self.fault.filter(|fault| fault.lane == lane).map(|fault| fault.after_ms);
        let background = self.queue.is_background(task_index);
        let turn_ms = self.gil.as_ref().map(GilToken::turn_ms).or(background.then_some(BACKGROUND_TURN_MS));
        let text = ToProcess::Run { task_index, task, fail_at_ms, turn_ms }.encode();
        match &mut self.gil {
            Some(gil) => {
                self.recorder.record_at(lane, WorkerState::WaitingForGil, now_ms);
                gil.request(lane, text);
                Vec::new()
            }
            None => vec![self.send(lane, text)],
        }
    }

    /// After `lane`'s turn: background work ends once the foreground is done; under the GIL
    /// token the lane hands it back and queues for its next turn; otherwise it goes on.
    fn next_turn(&mut self, lane: usize, at_ms: f64) -> Option<(usize, PoolReply)> {
        let background = self.lane_task[lane].is_some_and(|index| self.queue.is_background(index));
        if background && self.queue.foreground_done() {
            self.release_token(lane, at_ms);
            return Some(self.send(lane, ToProcess::Finish.encode()));
        }
        let Some(gil) = &mut self.gil else {
            return Some(self.send(lane, ToProcess::Resume { turn_ms: BACKGROUND_TURN_MS }.encode()));
        };
        self.recorder.record_at(lane, WorkerState::WaitingForGil, at_ms);
        gil.release(lane, at_ms);
        gil.request(lane, ToProcess::Resume { turn_ms: gil.turn_ms() }.encode());
        None
    }

    fn release_token(&mut self, lane: usize, at_ms: f64) {
        if let Some(gil) = &mut self.gil {
            gil.release(lane, at_ms);
        }
    }

    /// Sends the start of a turn to the next lane waiting for the token, if it is free.
    fn grant_token(&mut self) -> Option<(usize, PoolReply)> {
        let (lane, text) = self.gil.as_mut()?.grant()?;
        Some(self.send(lane, text))
    }

    fn send(&mut self, lane: usize, text: String) -> (usize, PoolReply) {
        self.bytes_sent += text.len();
        (lane, PoolReply::Send(text))
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

    /// The GIL token's counters (threads + GIL only). Workers cannot fail to take a token they
    /// are given, and nobody asks a holder to drop it: only hand-offs count.
    pub fn gil_stats(&self) -> Option<GilStats> {
        self.gil.as_ref().map(|gil| GilStats { handoffs: gil.handoffs(), drop_requests: 0, failed_acquisitions: 0 })
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
