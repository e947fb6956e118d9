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

use std::sync::Arc;
use std::time::Duration;

use engine::Recorder;

use crate::host::Host;
use crate::objects::exception::Halt;
use crate::objects::lock;
use crate::program::{begin_main, conclude, report, Outcome};
use crate::vm::green::GreenThread;
use crate::vm::schedule::deadlock_report;
use crate::vm::turns::{take_a_turn, TurnTaken};
use crate::vm::{Mode, Output, Scheduler};

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
    /// Its Stop and time limit, and its threads between their turns.
    pub scheduler: Arc<Scheduler>,
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
    let mut program = ProgramOnOneThread { output: output.clone(), recorder: scheduler.recorder.clone(), scheduler: scheduler.clone(), ended: None };
    let main_lane = scheduler.add_lane("MainThread");
    match begin_main(source, &output, &scheduler, main_lane) {
        Err(outcome) => program.ended = Some(outcome),
        Ok((thread, Ok(module))) => lock(&scheduler.turns).enqueue(GreenThread::running(thread, module)),
        Ok((mut thread, Err(error))) => {
            let mut turns = lock(&scheduler.turns);
            turns.main_outcome = Some(report(&mut thread, error));
            turns.enqueue(GreenThread::running_nothing(thread));
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
            if scheduler.now_ms() >= scheduler.deadline_ms() {
                scheduler.halt(Halt::TimeLimit);
            }
            if scheduler.halted() {
                return self.end();
            }
            match take_a_turn(&scheduler, slice_ends_at) {
                TurnTaken::Ran if scheduler.now_ms() >= slice_ends_at && !scheduler.halted() => return Slice::Ran,
                TurnTaken::Ran => {}
                TurnTaken::Idle(Some(at)) => return Slice::IdleUntil(at.min(scheduler.deadline_ms())),
                TurnTaken::Idle(None) => {
                    let waits = lock(&scheduler.turns).waits();
                    scheduler.halt(Halt::Deadlock(deadlock_report(waits)));
                }
            }
        }
    }

    /// Presses Stop: the program ends at the next slice.
    pub fn stop(&self) {
        self.scheduler.stop();
    }

    /// Ends the program: threads left (daemons, or all of them on Stop) are done, and leave the
    /// scheduler (each holds the interpreter, which holds the scheduler).
    fn end(&mut self) -> Slice {
        if self.ended.is_none() {
            let (left, main_outcome) = {
                let mut turns = lock(&self.scheduler.turns);
                (turns.drain(), turns.main_outcome.take())
            };
            for mut green in left {
                green.finish();
            }
            self.ended = Some(conclude(main_outcome.unwrap_or(Outcome::Finished), &self.output, &self.scheduler));
        }
        Slice::Ended(self.ended.clone().unwrap_or(Outcome::Finished))
    }
}

/// Dropping a program stops it: its threads are ended and freed.
impl Drop for ProgramOnOneThread {
    fn drop(&mut self) {
        self.scheduler.stop();
        self.end();
    }
}
