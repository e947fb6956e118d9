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
use crate::modules::multiprocessing::{terminate_children, Bootstrap, ProcessState};
use crate::native_processes::TERMINATED;
use crate::program::{begin_main, conclude, Outcome};
use crate::vm::main_stages::MainStages;
use crate::vm::green::GreenThread;
use crate::vm::schedule::deadlock_report;
use crate::vm::turns::{take_a_turn, TurnTaken};
use crate::vm::{Interpreter, Mode, Output, Scheduler};

/// How a slice of a program on one thread ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Slice {
    /// It ran for the budget (or some of it) and has more to do.
    Ran,
    /// Every thread sleeps or waits with a timeout: nothing runs before this time (ms on the
    /// host's clock).
    IdleUntil(f64),
    /// Every thread waits, and some wait for replies from the tree of processes: nothing runs
    /// before a reply is delivered, or this time. Not a deadlock: another process may answer.
    Waiting(f64),
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
    /// Its interpreter until the end empties it (`vm/teardown.rs`).
    interp: Option<Arc<Interpreter>>,
    ended: Option<Outcome>,
    exit_code: Option<i32>,
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
    begin(source, mode, time_limit, host, Arc::new(Output::default()), None)
}

/// Starts a child process from its bootstrap message ([`crate::run_process`]'s) with its
/// threads taking turns on the caller's thread, printing into `output`: it re-runs the
/// program as `__mp_main__`, then calls its target. Its exit code is
/// [`ProgramOnOneThread::exit_code`] once it has ended.
///
/// # Errors
/// [`OneThreadRefused`] for a bootstrap that is not one, or of free-threaded Python.
pub fn start_process_on_one_thread(bootstrap: &[u8], host: Arc<dyn Host>, output: Arc<Output>) -> Result<ProgramOnOneThread, OneThreadRefused> {
    let bootstrap = Bootstrap::read(bootstrap).ok_or_else(|| OneThreadRefused("not a process's bootstrap".into()))?;
    let parent = Some((bootstrap.parent_pid, bootstrap.parent_name.clone()));
    let state = ProcessState::new(bootstrap.name.clone(), parent, Arc::from(bootstrap.source.as_str()));
    let child = (state, MainStages::child(bootstrap.name.clone(), bootstrap.payload.clone()));
    begin(&bootstrap.source, bootstrap.mode, CHILD_TIME_LIMIT, host, output, Some(child))
}

/// A child's own time limit: its tree ends it sooner (Stop, its parent's end).
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(24 * 60 * 60);

fn begin(
    source: &str,
    mode: Mode,
    time_limit: Duration,
    host: Arc<dyn Host>,
    output: Arc<Output>,
    child: Option<(ProcessState, MainStages)>,
) -> Result<ProgramOnOneThread, OneThreadRefused> {
    if mode == Mode::Free {
        return Err(OneThreadRefused(
            "free-threaded Python runs threads in parallel, on cores of their own: one worker can only let them take turns".into(),
        ));
    }
    let scheduler = Arc::new(Scheduler::taking_turns(mode, time_limit, host));
    let is_child = child.is_some();
    let mut program = ProgramOnOneThread { output: output.clone(), recorder: scheduler.recorder.clone(), scheduler: scheduler.clone(), interp: None, ended: None, exit_code: None };
    let main_lane = scheduler.add_lane("MainThread");
    let (state, mut stages) = match child {
        Some((state, stages)) => (Some(state), stages),
        None => (None, MainStages::program()),
    };
    match begin_main(source, &output, &scheduler, main_lane, state) {
        Err(outcome) => {
            program.ended = Some(outcome);
            program.exit_code = is_child.then_some(1);
        }
        Ok((thread, Ok(module))) => {
            program.interp = Some(thread.interp.clone());
            let mut turns = lock(&scheduler.turns);
            turns.main = Some(stages);
            turns.enqueue(GreenThread::running(thread, module));
        }
        Ok((mut thread, Err(error))) => {
            program.interp = Some(thread.interp.clone());
            stages.ended(&mut thread, Err(error));
            let mut turns = lock(&scheduler.turns);
            turns.main = Some(stages);
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
                TurnTaken::Idle { until, awaiting_replies: true } => {
                    return Slice::Waiting(until.unwrap_or(f64::INFINITY).min(scheduler.deadline_ms()));
                }
                TurnTaken::Idle { until: Some(at), awaiting_replies: false } => return Slice::IdleUntil(at.min(scheduler.deadline_ms())),
                TurnTaken::Idle { until: None, awaiting_replies: false } => {
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

    /// A child process's exit code once it has ended (`None` for a main program, or while it
    /// runs): [`crate::TERMINATED`] when it was stopped.
    pub fn exit_code(&self) -> Option<i32> {
        self.ended.as_ref().and(self.exit_code)
    }

    /// Ends the program: threads left (daemons, or all of them on Stop) are done, and leave the
    /// scheduler (each holds the interpreter, which holds the scheduler); the interpreter's
    /// namespaces are emptied, freeing the program's objects. A program halted
    /// before its end terminates the processes it started.
    fn end(&mut self) -> Slice {
        if self.ended.is_none() {
            let (mut left, main) = {
                let mut turns = lock(&self.scheduler.turns);
                (turns.drain(), turns.main.take())
            };
            let halted = !matches!(self.scheduler.halt_reason(), Some(Halt::ProgramEnded) | None);
            if let (true, Some(green)) = (halted, left.first_mut()) {
                terminate_children(&mut green.thread);
            }
            for mut green in left {
                green.finish();
            }
            if let Some(interp) = self.interp.take() {
                interp.tear_down();
            }
            let outcome = main.as_ref().map_or(Outcome::Finished, MainStages::outcome);
            self.exit_code = main.as_ref().and_then(MainStages::exit_code).map(|code| if halted { TERMINATED } else { code });
            self.ended = Some(conclude(outcome, &self.output, &self.scheduler));
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
