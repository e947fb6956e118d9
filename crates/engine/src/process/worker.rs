//! The inside of one worker without shared memory: runs the task it is sent, reporting as it
//! goes; under the GIL token, one turn at a time.

use crate::clock::Clock;
use crate::events::WorkerState;
use crate::sync::{wait_until, Deadline, Signal};
use crate::workload::{Running, SliceEnd};

use super::protocol::{FromProcess, ToProcess};

/// Ticks between progress messages from a worker.
const PROGRESS_TICKS: u64 = 1 << 18;
/// Ticks between checks of the fault plan and the turn's end.
const SLICE_TICKS: u64 = 4096;

/// One worker's side of the protocol. It keeps the task it is running between turns.
pub struct ProcessWorker<'a> {
    clock: &'a dyn Clock,
    run_origin_ms: f64,
    current: Option<CurrentTask>,
    /// Whether the parent has ended this worker (natively; a Web Worker is terminated instead).
    ended: &'a dyn Fn() -> bool,
}

/// A task being run, kept while the worker waits for its next turn.
struct CurrentTask {
    task_index: usize,
    running: Running,
    fail_at_ms: Option<f64>,
    unreported_ticks: u64,
}

/// How a stretch of running ended.
enum Stretch {
    /// The task is done.
    Done,
    /// The parent ended the worker: it sends nothing more.
    Ended,
    /// The turn (or a blocking wait) is over and the task is not: wait for the token.
    TurnOver,
}

impl<'a> ProcessWorker<'a> {
    /// A worker whose run started at the clock reading `run_origin_ms`.
    pub fn new(clock: &'a dyn Clock, run_origin_ms: f64) -> Self {
        ProcessWorker { clock, run_origin_ms, current: None, ended: &|| false }
    }

    /// The same worker, which leaves its task between slices once `ended()` says the parent
    /// ended it: how a native host terminates a "process" that is a thread.
    pub fn ending_when(self, ended: &'a dyn Fn() -> bool) -> Self {
        ProcessWorker { ended, ..self }
    }

    /// The first message a started worker sends.
    pub fn ready(&self) -> FromProcess {
        FromProcess::Ready { at_ms: self.clock.now_ms() }
    }

    /// Runs what `message` asks, sending reports to `send` (blocking waits really block).
    ///
    /// # Panics
    /// When the task carries a fault time and it has come (on purpose).
    pub fn handle(&mut self, message: ToProcess, send: &mut dyn FnMut(FromProcess)) {
        let turn_ms = match message {
            ToProcess::Run { task_index, task, fail_at_ms, turn_ms } => {
                self.current = Some(CurrentTask { task_index, running: task.start(), fail_at_ms, unreported_ticks: 0 });
                turn_ms
            }
            ToProcess::Resume { turn_ms } => Some(turn_ms),
            ToProcess::Finish => {
                if let Some(mut current) = self.current.take() {
                    send(FromProcess::Progress { ticks: std::mem::take(&mut current.unreported_ticks) });
                    self.finished(&current, send);
                }
                return;
            }
        };
        let Some(mut current) = self.current.take() else { return };
        match self.run(&mut current, turn_ms, send) {
            Stretch::TurnOver => {
                send(FromProcess::TurnOver { at_ms: self.clock.now_ms() });
                self.current = Some(current);
            }
            Stretch::Done => self.finished(&current, send),
            Stretch::Ended => {}
        }
    }

    fn finished(&self, current: &CurrentTask, send: &mut dyn FnMut(FromProcess)) {
        let result = current.running.result();
        send(FromProcess::Finished { at_ms: self.clock.now_ms(), task_index: current.task_index, result });
    }

    /// Runs `current` until it is done, or, given a turn, until the turn or a blocking wait ends.
    fn run(&self, current: &mut CurrentTask, turn_ms: Option<f64>, send: &mut dyn FnMut(FromProcess)) -> Stretch {
        let turn_started_ms = self.clock.now_ms();
        send(self.state(WorkerState::Running));
        loop {
            let slice = current.running.run_slice(&|| false, SLICE_TICKS);
            current.unreported_ticks += slice.ticks;
            if current.unreported_ticks >= PROGRESS_TICKS {
                send(FromProcess::Progress { ticks: std::mem::take(&mut current.unreported_ticks) });
            }
            if current.fail_at_ms.is_some_and(|at| self.clock.now_ms() - self.run_origin_ms >= at) {
                panic!("a process failed on purpose (the \"make a worker fail\" option)");
            }
            if (self.ended)() {
                return Stretch::Ended;
            }
            match slice.end {
                SliceEnd::Interrupted | SliceEnd::BudgetSpent => {
                    if turn_ms.is_some_and(|turn| self.clock.now_ms() - turn_started_ms >= turn) {
                        return self.turn_over(current, send);
                    }
                }
                SliceEnd::Block(wait) => {
                    // Entering Blocked hands the GIL token back (Py_BEGIN_ALLOW_THREADS).
                    send(self.state(WorkerState::Blocked));
                    if !self.sleep(wait) {
                        return Stretch::Ended;
                    }
                    if turn_ms.is_some() {
                        return self.turn_over(current, send);
                    }
                    send(self.state(WorkerState::Running));
                }
                SliceEnd::Done => {
                    send(FromProcess::Progress { ticks: std::mem::take(&mut current.unreported_ticks) });
                    return Stretch::Done;
                }
            }
        }
    }

    /// A blocking wait (simulated I/O), in slices that notice the parent ending this worker.
    /// Returns whether the whole wait passed.
    fn sleep(&self, wait: std::time::Duration) -> bool {
        let deadline = Deadline::after(wait, self.clock);
        wait_until(&Signal::new(), || None::<()>, self.ended, Some(deadline)).is_ok()
    }

    fn turn_over(&self, current: &mut CurrentTask, send: &mut dyn FnMut(FromProcess)) -> Stretch {
        send(FromProcess::Progress { ticks: std::mem::take(&mut current.unreported_ticks) });
        Stretch::TurnOver
    }

    fn state(&self, state: WorkerState) -> FromProcess {
        FromProcess::State { at_ms: self.clock.now_ms(), state }
    }
}
