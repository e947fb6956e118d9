//! A Python thread that takes turns with the others on one thread of the host (a green
//! thread): its [`Thread`] state and its frames, kept between turns while it is parked or
//! waits for its turn. `one_thread.rs` drives them.

use engine::WorkerState;

use super::call::Called;
use super::{Frame, Thread};
use crate::objects::function::Args;
use crate::objects::{lock, PyResult, Value};

/// How a turn ended.
pub(crate) enum Turn {
    /// It blocked, or its turn ended: its frames wait for the effect.
    Parked(super::Effect),
    /// Its code ended, with its value or the error that ended it.
    Ended(PyResult),
}

/// A green thread.
pub(crate) struct GreenThread {
    /// Its interpreter state.
    pub thread: Thread,
    /// What it runs before its first turn: a function and its arguments.
    start: Option<(Value, Vec<Value>)>,
    /// The frame it runs and the frames that one called (innermost last).
    base: Option<Frame>,
    callees: Vec<Frame>,
    /// What the effect it was parked on gave, and the effect (which makes it the call's
    /// value), for its next turn.
    pub ready: Option<(Value, super::Effect)>,
}

impl GreenThread {
    /// A thread that will run `function(*args)`.
    pub fn calling(thread: Thread, function: Value, args: Vec<Value>) -> GreenThread {
        GreenThread { thread, start: Some((function, args)), base: None, callees: Vec::new(), ready: None }
    }

    /// A thread that will run `frame` (the main module's).
    pub fn running(thread: Thread, frame: Frame) -> GreenThread {
        GreenThread { thread, start: None, base: Some(frame), callees: Vec::new(), ready: None }
    }

    /// A thread with nothing to run (a main thread whose start failed).
    pub fn running_nothing(thread: Thread) -> GreenThread {
        GreenThread { thread, start: None, base: None, callees: Vec::new(), ready: None }
    }

    /// Runs it until it blocks, its turn ends, or its code ends.
    pub fn take_turn(&mut self) -> Turn {
        if let Some((function, args)) = self.start.take() {
            match self.thread.prepare_call(&function, Args::positional(args)) {
                Ok(Called::Frame(frame)) => {
                    // As a call from the thread's start: one Python frame deep.
                    self.thread.depth = 1;
                    self.base = Some(frame);
                }
                Ok(Called::Done(value)) => return Turn::Ended(Ok(value)),
                Err(error) => return Turn::Ended(Err(error)),
            }
        }
        let Some(base) = self.base.as_mut() else { return Turn::Ended(Ok(Value::None)) };
        let ready = self.ready.take().map(|(value, effect)| effect.finish(&mut self.thread, value));
        match self.thread.run_turn(base, &mut self.callees, ready) {
            Err(crate::objects::PyErr::Suspended(effect)) => Turn::Parked(*effect),
            ended => {
                self.base = None;
                self.callees.clear();
                Turn::Ended(ended)
            }
        }
    }

    /// Runs `function(*args)` next, on its own stack (the main thread's next stage).
    pub fn call_next(&mut self, function: Value, args: Vec<Value>) {
        self.thread.depth = 0;
        self.start = Some((function, args));
    }

    /// It has ended: its lane says so and it leaves the program's threads.
    pub fn finish(&mut self) {
        self.thread.record(WorkerState::Done);
        let interp = self.thread.interp.clone();
        lock(&interp.threads).remove(&self.thread.ident);
        interp.scheduler.thread_finished();
    }
}
