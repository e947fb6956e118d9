//! Python threads as real threads of the host (OS threads, Web Workers): started while the
//! program runs, each with its own [`Thread`] state, taking the GIL (in the GIL modes) before
//! it runs Python.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use engine::WorkerState;

use super::{Interpreter, Thread};
use crate::objects::function::Args;
use crate::objects::{lock, PyErr, PyResult, Value};

/// The first thread identifier (`threading.get_ident()`); the main thread has it.
pub const MAIN_IDENT: u64 = 1;

/// A thread's name by its identifier, while it lives.
pub fn thread_name(interp: &Interpreter, ident: u64) -> Option<String> {
    lock(&interp.threads).get(&ident).map(|name| name.to_string())
}

/// Starts `function(*args)` on a new thread of the host; returns its identifier.
pub fn spawn_thread(
    parent: &Thread,
    name: Arc<str>,
    function: Value,
    args: Vec<Value>,
    stack_bytes: usize,
    max_threads: usize,
) -> PyResult<u64> {
    let interp = parent.interp.clone();
    let scheduler = interp.scheduler.clone();
    if lock(&interp.threads).len() >= max_threads {
        return Err(PyErr::new("RuntimeError", "can't start new thread"));
    }
    let ident = scheduler.thread_counter.fetch_add(1, Ordering::Relaxed) + MAIN_IDENT;
    lock(&interp.threads).insert(ident, name.clone());
    scheduler.thread_started();
    // Its lane starts now: the time its host takes to start it shows as "starting".
    let timeline_lane = scheduler.add_lane(&name);
    if scheduler.takes_turns() {
        let thread = Thread::new(interp.clone(), name, ident, timeline_lane);
        lock(&scheduler.turns).enqueue(super::green::GreenThread::calling(thread, function, args));
        return Ok(ident);
    }
    let thread_interp = interp.clone();
    let body = Box::new(move || run_thread(thread_interp, name, ident, timeline_lane, function, args));
    if scheduler.host.spawn(&format!("python-{ident}"), stack_bytes, body).is_err() {
        if let Some(lane) = timeline_lane {
            scheduler.recorder.record(lane, WorkerState::Done, scheduler.host.clock());
        }
        lock(&interp.threads).remove(&ident);
        scheduler.thread_finished();
        return Err(PyErr::new("RuntimeError", "can't start new thread"));
    }
    Ok(ident)
}

fn run_thread(interp: Arc<Interpreter>, name: Arc<str>, ident: u64, timeline_lane: Option<usize>, function: Value, args: Vec<Value>) {
    let mut thread = Thread::new(interp.clone(), name, ident, timeline_lane);
    if thread.take_gil().is_ok() {
        if let Err(PyErr::Raised(raised)) = thread.call(&function, Args::positional(args)) {
            crate::program::report(&mut thread, PyErr::Raised(raised));
        }
    }
    thread.release_gil();
    thread.record(WorkerState::Done);
    lock(&interp.threads).remove(&ident);
    interp.scheduler.thread_finished();
}
