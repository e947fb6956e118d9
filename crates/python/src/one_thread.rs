//! A program whose threads take turns on the caller's thread: for a page without shared
//! memory, where a program gets one worker and that worker must keep hearing messages.
//!
//! [`start_program_on_one_thread`] parses the program and makes its main thread; the caller
//! then calls [`ProgramOnOneThread::run_slice`] again and again (between slices it may read
//! the output and the lanes, and handle Stop). Every Python thread is a green thread
//! (`vm/green.rs`): `Thread.start()` makes one; the running one lets another run at its
//! check points once the switch interval has passed (the mode's rule: CPython 3.12's check
//! points, or any instruction for 3.9), and a blocking call parks it on its effect
//! (`vm/effect.rs`) until the effect is done. The timeline records what a threaded run does:
//! running, waiting for the GIL (runnable, not running), blocked on …, sleeping, done.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use engine::{Recorder, WorkerState};

use crate::host::Host;
use crate::objects::exception::Halt;
use crate::objects::PyErr;
use crate::program::{begin_main, conclude, report, shutdown_function, Outcome};
use crate::vm::green::{GreenThread, Turn};
use crate::vm::schedule::{deadlock_report, DEFAULT_SWITCH_INTERVAL};
use crate::vm::{Effect, Mode, Output, Scheduler, MAIN_IDENT};

/// How a slice of a program on one thread ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Slice {
    /// It ran for the budget (or some of it) and has more to do.
    Ran,
    /// Every thread sleeps or waits with a timeout: nothing runs before this time (ms on the
    /// host's clock).
    IdleUntil(f64),
    /// It ended.
    Ended(Outcome),
}

/// Why a program cannot run on one thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneThreadRefused(pub String);

/// A program whose threads take turns on the caller's thread.
pub struct ProgramOnOneThread {
    /// Everything printed so far, tagged by thread.
    pub output: Arc<Output>,
    /// One lane per Python thread, as in a threaded run.
    pub recorder: Arc<Recorder>,
    /// Its Stop and time limit.
    pub scheduler: Arc<Scheduler>,
    runnable: VecDeque<GreenThread>,
    parked: Vec<(GreenThread, Effect)>,
    /// How the main thread's code ended, once it has.
    main_outcome: Option<Outcome>,
    ended: Option<Outcome>,
}

/// Starts `source` in `mode` with its threads taking turns on the caller's thread; nothing
/// runs before the first [`ProgramOnOneThread::run_slice`].
///
/// # Errors
/// [`OneThreadRefused`] for free-threaded Python, whose threads run in parallel.
pub fn start_program_on_one_thread(
    source: &str,
    mode: Mode,
    time_limit: Duration,
    host: Arc<dyn Host>,
) -> Result<ProgramOnOneThread, OneThreadRefused> {
    if mode == Mode::Free {
        return Err(OneThreadRefused(
            "free-threaded Python runs threads in parallel, on cores of their own: one worker can only let them take turns".into(),
        ));
    }
    let scheduler = Arc::new(Scheduler::taking_turns(mode, time_limit, host));
    let output = Arc::new(Output::default());
    let mut program = ProgramOnOneThread {
        output: output.clone(),
        recorder: scheduler.recorder.clone(),
        scheduler: scheduler.clone(),
        runnable: VecDeque::new(),
        parked: Vec::new(),
        main_outcome: None,
        ended: None,
    };
    match begin_main(source, &output, &scheduler) {
        Err(outcome) => program.ended = Some(outcome),
        Ok((thread, Ok(module))) => {
            thread.record(WorkerState::WaitingForGil);
            program.runnable.push_back(GreenThread::running(thread, module));
        }
        Ok((mut thread, Err(error))) => {
            program.main_outcome = Some(report(&mut thread, error));
            program.runnable.push_back(GreenThread::running_nothing(thread));
        }
    }
    Ok(program)
}

impl ProgramOnOneThread {
    /// Runs its threads, taking turns, for about `budget` (a turn is cut at a check point).
    pub fn run_slice(&mut self, budget: Duration) -> Slice {
        if let Some(outcome) = &self.ended {
            return Slice::Ended(outcome.clone());
        }
        let scheduler = self.scheduler.clone();
        let slice_ends_at = scheduler.now_ms() + budget.as_secs_f64() * 1000.0;
        loop {
            self.adopt_newborn();
            let now = scheduler.now_ms();
            if now >= scheduler.deadline_ms() {
                scheduler.halt(Halt::TimeLimit);
            }
            if scheduler.halted() {
                return self.end();
            }
            self.wake(now);
            let Some(mut green) = self.runnable.pop_front() else {
                match self.parked.iter().filter_map(|(_, effect)| effect.deadline_ms()).reduce(f64::min) {
                    Some(at) => return Slice::IdleUntil(at.min(scheduler.deadline_ms())),
                    None => {
                        let waits = self.parked.iter().map(|(green, effect)| {
                            format!("{} waits for {}", green.thread.name, effect.waiting(&green.thread).report)
                        });
                        scheduler.halt(Halt::Deadlock(deadlock_report(waits.collect())));
                        return self.end();
                    }
                }
            };
            let switch_at = now + DEFAULT_SWITCH_INTERVAL.as_secs_f64() * 1000.0;
            green.thread.turn_ends_at_ms = if self.runnable.is_empty() { slice_ends_at } else { switch_at.min(slice_ends_at) };
            green.thread.record(WorkerState::Running);
            match green.take_turn() {
                Turn::Parked(Effect::Yield) => {
                    green.thread.record(WorkerState::WaitingForGil);
                    self.runnable.push_back(green);
                }
                Turn::Parked(effect) => {
                    green.thread.record_waiting(&effect.waiting(&green.thread));
                    self.parked.push((green, effect));
                }
                Turn::Ended(result) => self.thread_ended(green, result),
            }
            if self.ended.is_some() || scheduler.now_ms() >= slice_ends_at {
                return match &self.ended {
                    Some(outcome) => Slice::Ended(outcome.clone()),
                    None => Slice::Ran,
                };
            }
        }
    }

    /// Presses Stop: the program ends at the next slice.
    pub fn stop(&self) {
        self.scheduler.stop();
    }

    /// Threads started during the last turn join the queue of runnable ones.
    fn adopt_newborn(&mut self) {
        let newborn = std::mem::take(&mut *crate::objects::lock(&self.scheduler.newborn));
        for green in newborn {
            green.thread.record(WorkerState::WaitingForGil);
            self.runnable.push_back(green);
        }
    }

    /// Parked threads whose effect is done (a lock free, a sleep or a timeout over) become
    /// runnable, in the order they parked.
    fn wake(&mut self, now: f64) {
        let mut still = Vec::with_capacity(self.parked.len());
        for (mut green, effect) in std::mem::take(&mut self.parked) {
            match effect.try_now(green.thread.ident, now) {
                Some(value) => {
                    green.ready = Some(value);
                    green.thread.record(WorkerState::WaitingForGil);
                    self.runnable.push_back(green);
                }
                None => still.push((green, effect)),
            }
        }
        self.parked = still;
    }

    /// A thread's code has ended: another thread's prints its traceback; the main thread's
    /// module goes on to `threading._shutdown` (waiting for the other threads), then ends
    /// the program.
    fn thread_ended(&mut self, mut green: GreenThread, result: Result<crate::objects::Value, PyErr>) {
        let is_main = green.thread.ident == MAIN_IDENT;
        let failed = match result {
            Ok(_) => None,
            Err(error) => Some(report(&mut green.thread, error)),
        };
        if !is_main {
            green.finish();
            return;
        }
        match self.main_outcome.take() {
            // The module ended: wait for the other threads, as CPython's main thread does.
            None => {
                self.main_outcome = Some(failed.unwrap_or(Outcome::Finished));
                match shutdown_function(&mut green.thread) {
                    Ok(Some(shutdown)) => {
                        green.call_next(shutdown);
                        self.runnable.push_front(green);
                    }
                    Ok(None) => self.main_ended(green),
                    Err(error) => {
                        let outcome = report(&mut green.thread, error);
                        self.main_outcome = self.main_outcome.take().filter(|o| *o != Outcome::Finished).or(Some(outcome));
                        self.main_ended(green);
                    }
                }
            }
            // `_shutdown` ended.
            Some(outcome) => {
                self.main_outcome = Some(match (outcome, failed) {
                    (Outcome::Finished, Some(failed)) => failed,
                    (outcome, _) => outcome,
                });
                self.main_ended(green);
            }
        }
    }

    fn main_ended(&mut self, mut green: GreenThread) {
        green.finish();
        self.scheduler.halt(Halt::ProgramEnded);
        self.end();
    }

    /// Ends the program: threads left (daemons, or all of them on Stop) are done.
    fn end(&mut self) -> Slice {
        if self.ended.is_none() {
            let left = self.runnable.drain(..).chain(self.parked.drain(..).map(|(green, _)| green));
            for mut green in left.collect::<Vec<_>>() {
                green.finish();
            }
            let outcome = self.main_outcome.take().unwrap_or(Outcome::Finished);
            self.ended = Some(conclude(outcome, &self.output, &self.scheduler));
        }
        Slice::Ended(self.ended.clone().unwrap_or(Outcome::Finished))
    }
}
