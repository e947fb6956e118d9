//! What the main thread of a program on one thread runs, one stage after another, each a call
//! on its own green thread's frames (so each may park): the module; in a child process, the
//! target it was started for (`multiprocessing.process._run_child`); then the wait for its
//! threads (`threading._shutdown`) and for its children (`multiprocessing`'s exit function).
//! How each stage ends makes the program's outcome, or a child's exit code, as a threaded run's
//! main thread and `run_process` make them.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;

use super::Thread;
use crate::modules::multiprocessing::{children_shutdown, exit_code_of, state, target_call};
use crate::objects::{PyErr, PyResult, Value};
use crate::program::{report, shutdown_function, Outcome};

/// A stage of the main thread.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    /// The program's module (`__main__`, or `__mp_main__` in a child).
    Module,
    /// A child's target.
    Target,
    /// Waiting for the other threads.
    Threads,
    /// Waiting for (or terminating) the processes it started.
    Children,
}

/// A child process: its name, what it was started to call, and its exit code so far.
pub(crate) struct ChildRun {
    name: String,
    payload: Vec<u8>,
    exit_code: i32,
}

/// The main thread's stages: the one running, those to come, and how the run stands.
pub(crate) struct MainStages {
    current: Stage,
    next: VecDeque<Stage>,
    outcome: Outcome,
    child: Option<ChildRun>,
}

impl MainStages {
    /// A main program's: its module, then its threads and children.
    pub fn program() -> MainStages {
        MainStages { current: Stage::Module, next: VecDeque::from([Stage::Threads, Stage::Children]), outcome: Outcome::Finished, child: None }
    }

    /// A child process's, named `name`, that calls the pickled `payload` after its module.
    pub fn child(name: String, payload: Vec<u8>) -> MainStages {
        MainStages {
            current: Stage::Module,
            next: VecDeque::from([Stage::Target, Stage::Threads, Stage::Children]),
            outcome: Outcome::Finished,
            child: Some(ChildRun { name, payload, exit_code: 0 }),
        }
    }

    /// How the program has gone so far.
    pub fn outcome(&self) -> Outcome {
        self.outcome.clone()
    }

    /// A child's exit code so far (`None` for a main program).
    pub fn exit_code(&self) -> Option<i32> {
        self.child.as_ref().map(|child| child.exit_code)
    }

    /// The running stage ended with `result`: an error is printed as that stage prints it.
    pub fn ended(&mut self, thread: &mut Thread, result: PyResult) {
        if self.current == Stage::Module && self.child.is_some() {
            state(&thread.interp).bootstrapping.store(false, Ordering::SeqCst);
        }
        let Err(error) = result else { return };
        let stage = self.current;
        let Some(child) = self.child.as_mut() else {
            let outcome = report(thread, error);
            if self.outcome == Outcome::Finished {
                self.outcome = outcome;
            }
            return;
        };
        match (stage, error) {
            // CPython's child fails before its `Process._bootstrap`: a plain traceback.
            (Stage::Module, error @ PyErr::Raised(_)) => {
                report(thread, error);
                child.exit_code = 1;
                self.next.retain(|stage| *stage != Stage::Target);
            }
            (Stage::Module | Stage::Target, error) => child.exit_code = exit_code_of(thread, &child.name, error),
            (_, error) if child.exit_code == 0 => child.exit_code = exit_code_of(thread, &child.name, error),
            _ => {}
        }
    }

    /// The next stage's call, a function and its arguments, once the running one has ended;
    /// `None` when every stage is done.
    pub fn next_call(&mut self, thread: &mut Thread) -> Option<(Value, Vec<Value>)> {
        while let Some(stage) = self.next.pop_front() {
            self.current = stage;
            let call = match stage {
                Stage::Target => {
                    let payload = self.child.as_ref().map(|child| child.payload.clone()).unwrap_or_default();
                    target_call(thread, &payload).map(Some)
                }
                Stage::Threads => shutdown_function(thread).map(|shutdown| shutdown.map(|shutdown| (shutdown, Vec::new()))),
                Stage::Children => children_shutdown(thread).map(|shutdown| shutdown.map(|shutdown| (shutdown, Vec::new()))),
                Stage::Module => Ok(None),
            };
            match call {
                Ok(Some(call)) => return Some(call),
                Ok(None) => {}
                Err(error) => self.ended(thread, Err(error)),
            }
        }
        None
    }
}
