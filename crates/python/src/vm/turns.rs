//! The threads of a program that take turns on one thread of the host: the queue of runnable
//! ones, the parked ones with their effects, and one turn of the next. The driver
//! (`one_thread.rs`) takes turns slice by slice; a thread that blocks where it cannot park
//! (inside a built-in that calls back into Python, which holds Rust's stack) takes the others'
//! turns itself until its effect is done (`Thread::block`).

use std::collections::VecDeque;
use std::sync::Arc;

use engine::{WorkerState, WAIT_SLICE};

use super::green::{GreenThread, Turn};
use super::main_stages::MainStages;
use super::schedule::deadlock_report;
use super::{Effect, Scheduler, Thread, MAIN_IDENT};
use crate::host::ProcessHost;
use crate::objects::exception::Halt;
use crate::objects::{lock, PyErr, PyResult};
use crate::program::report;

/// The green threads of a program, between their turns.
#[derive(Default)]
pub(crate) struct Turns {
    runnable: VecDeque<GreenThread>,
    parked: Vec<(GreenThread, Effect)>,
    /// The main thread's stages (its module, then waits for its threads and children), kept
    /// here while another thread runs.
    pub main: Option<MainStages>,
}

/// What one turn came to.
pub(crate) enum TurnTaken {
    /// A thread ran.
    Ran,
    /// None could run: every thread is parked, the first deadline is at this time (`None`:
    /// none has one); `awaiting_replies` when some wait for a reply from the tree of
    /// processes (not a deadlock: another process may answer).
    Idle { until: Option<f64>, awaiting_replies: bool },
}

impl Turns {
    /// A thread joins the end of the queue, waiting for its turn.
    pub fn enqueue(&mut self, green: GreenThread) {
        green.thread.record(WorkerState::WaitingForGil);
        self.runnable.push_back(green);
    }

    /// A thread whose turn ended goes to the end of the queue; alone there, its turn was cut
    /// only by the slice's end and it goes on at the next slice, so it stays running: a lone
    /// thread's lane records no wait for the GIL between slices (nor sends the page news of
    /// one every slice).
    fn take_back(&mut self, green: GreenThread) {
        if self.runnable.is_empty() {
            self.runnable.push_back(green);
        } else {
            self.enqueue(green);
        }
    }

    /// Parked threads whose effect is done become runnable, in the order they parked.
    fn wake(&mut self, now: f64) {
        let mut still = Vec::with_capacity(self.parked.len());
        for (mut green, effect) in std::mem::take(&mut self.parked) {
            match effect.try_now(green.thread.ident, now) {
                Some(value) => {
                    green.ready = Some((value, effect));
                    self.enqueue(green);
                }
                None => still.push((green, effect)),
            }
        }
        self.parked = still;
    }

    /// What each parked thread waits for, as a deadlock report says it.
    pub fn waits(&self) -> Vec<String> {
        self.parked.iter().map(|(green, effect)| waits_for(&green.thread, effect)).collect()
    }

    /// When the first parked thread gives up by itself (or, waiting for a tree that answers
    /// at once, looks again: a wait slice from `now`), and whether any waits for a reply from
    /// the tree of processes.
    fn idle(&self, now: f64) -> TurnTaken {
        let look_again = |effect: &Effect| {
            let polled = effect.awaited_tree().is_some_and(|tree| !tree.answers_by_message());
            polled.then(|| now + WAIT_SLICE.as_secs_f64() * 1000.0)
        };
        let until = self.parked.iter().flat_map(|(_, effect)| [effect.deadline_ms(), look_again(effect)]).flatten().reduce(f64::min);
        TurnTaken::Idle { until, awaiting_replies: self.awaited_tree().is_some() }
    }

    /// The tree of processes a parked thread waits for a reply from, if one does.
    pub fn awaited_tree(&self) -> Option<Arc<dyn ProcessHost>> {
        self.parked.iter().find_map(|(_, effect)| effect.awaited_tree().cloned())
    }

    /// Every thread still there, for the end of the program.
    pub fn drain(&mut self) -> Vec<GreenThread> {
        self.runnable.drain(..).chain(self.parked.drain(..).map(|(green, _)| green)).collect()
    }
}

/// "MainThread waits for a lock held by Thread-1".
pub(crate) fn waits_for(thread: &Thread, effect: &Effect) -> String {
    format!("{} waits for {}", thread.name, effect.waiting(thread).report)
}

/// Runs the next runnable thread's turn, until it blocks, its turn ends (the switch interval,
/// when another waits, or `turn_ends_at`) or its code ends.
pub(crate) fn take_a_turn(scheduler: &Scheduler, turn_ends_at: f64) -> TurnTaken {
    let now = scheduler.now_ms();
    let (mut green, alone) = {
        let mut turns = lock(&scheduler.turns);
        turns.wake(now);
        match turns.runnable.pop_front() {
            Some(green) => (green, turns.runnable.is_empty()),
            None => return turns.idle(now),
        }
    };
    let switch_at = now + scheduler.switch_interval().as_secs_f64() * 1000.0;
    green.thread.turn_ends_at_ms = if alone { turn_ends_at } else { switch_at.min(turn_ends_at) };
    green.thread.record(WorkerState::Running);
    match green.take_turn() {
        Turn::Parked(Effect::Yield) => lock(&scheduler.turns).take_back(green),
        Turn::Parked(effect) => {
            green.thread.record_waiting(&effect.waiting(&green.thread));
            lock(&scheduler.turns).parked.push((green, effect));
        }
        Turn::Ended(result) => thread_ended(scheduler, green, result),
    }
    TurnTaken::Ran
}

/// A thread's code has ended: another thread's uncaught error is printed; the main thread
/// goes on to its next stage (`vm/main_stages.rs`), after the last of which the program ends.
fn thread_ended(scheduler: &Scheduler, mut green: GreenThread, result: PyResult) {
    if green.thread.ident != MAIN_IDENT {
        if let Err(error) = result {
            report(&mut green.thread, error);
        }
        return green.finish();
    }
    let mut stages = lock(&scheduler.turns).main.take().unwrap_or_else(MainStages::program);
    stages.ended(&mut green.thread, result);
    let next = stages.next_call(&mut green.thread);
    let mut turns = lock(&scheduler.turns);
    turns.main = Some(stages);
    match next {
        Some((function, args)) => {
            green.call_next(function, args);
            turns.runnable.push_front(green);
        }
        None => {
            drop(turns);
            green.finish();
            scheduler.halt(Halt::ProgramEnded);
        }
    }
}

impl Thread {
    /// Blocks where this thread cannot park, taking the other threads' turns until `effect`
    /// is done.
    pub(super) fn wait_taking_turns(&mut self, effect: Effect) -> PyResult {
        let scheduler = self.interp.scheduler.clone();
        self.record_waiting(&effect.waiting(self));
        loop {
            let now = scheduler.now_ms();
            if let Some(value) = effect.try_now(self.ident, now) {
                self.record(WorkerState::Running);
                return effect.finish(self, value);
            }
            if now >= scheduler.deadline_ms() {
                scheduler.halt(Halt::TimeLimit);
            }
            if scheduler.halted() {
                return Err(PyErr::Halted(scheduler.halt_reason().unwrap_or(Halt::Stopped)));
            }
            let (idle_until, awaiting_replies) = match take_a_turn(&scheduler, now + scheduler.switch_interval().as_secs_f64() * 1000.0) {
                TurnTaken::Ran => continue,
                TurnTaken::Idle { until, awaiting_replies } => ([until, effect.deadline_ms()].into_iter().flatten().reduce(f64::min), awaiting_replies),
            };
            let tree = effect.awaited_tree().cloned().or_else(|| awaiting_replies.then(|| lock(&scheduler.turns).awaited_tree()).flatten());
            if let Some(tree) = tree {
                if !tree.answers_by_message() {
                    // A tree that answers at once: look again shortly.
                    std::thread::sleep(std::time::Duration::from_millis(1));
                    continue;
                }
                self.record(WorkerState::Running);
                return Err(cannot_wait_for_another_process());
            }
            match idle_until {
                Some(at) => std::thread::sleep(std::time::Duration::from_secs_f64((at - scheduler.now_ms()).max(0.0) / 1000.0)),
                None => {
                    let mut waits = lock(&scheduler.turns).waits();
                    waits.push(waits_for(self, &effect));
                    scheduler.halt(Halt::Deadlock(deadlock_report(waits)));
                }
            }
        }
    }
}


/// A wait for another process where no reply can come: inside a built-in that calls back into
/// Python, on a worker that hears the keeper only between its slices.
fn cannot_wait_for_another_process() -> PyErr {
    PyErr::new(
        "RuntimeError",
        "this waits for another process inside a built-in that calls back into Python (a comparison's \
         __lt__ or __eq__, __repr__ of an item inside a container, str.format()…): on a worker that hears the other processes \
         between its slices its answer can only come once the built-in has returned; wait in a for loop or a plain call instead",
    )
}
