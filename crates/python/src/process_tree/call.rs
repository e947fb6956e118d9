//! A thread's request to its tree of processes, as an effect it may block on
//! ([`crate::vm::Effect::Process`]). On a thread of its own the tree answers at once or within
//! the wait ([`crate::NativeProcesses`]); on one thread, where the keeper answers by message,
//! the request is posted once and the thread is parked until its reply is delivered. The reply
//! becomes the Python call's value on the thread, when it goes on (a message is unpickled there).

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use super::protocol::{Reply, Request};
use crate::host::ProcessHost;
use crate::objects::{lock, PyResult};
use crate::vm::{timed_wait_end_ms, Thread, Waiting};

/// A request, and the number its asker gave it once posted (a tree that answers by message
/// posts it on the first ask only).
pub struct ProcessCall {
    /// What is asked.
    pub request: Request,
    /// The asker's number for it, once posted.
    pub ticket: OnceLock<u64>,
}

impl ProcessCall {
    /// A request not yet asked.
    pub fn new(request: Request) -> ProcessCall {
        ProcessCall { request, ticket: OnceLock::new() }
    }
}

/// How a reply becomes the value of the Python call that asked.
pub type Finish = fn(&mut Thread, Reply) -> PyResult;

/// A thread waiting for its tree's reply.
pub struct ProcessWait {
    tree: Arc<dyn ProcessHost>,
    call: ProcessCall,
    /// What the timeline and a deadlock report say it waits on.
    pub waiting: Waiting,
    deadline_ms: Option<f64>,
    reply: Mutex<Option<Reply>>,
    finish: Finish,
}

impl ProcessWait {
    /// Asks `request` of `tree` at `now_ms`; `finish` makes the reply the call's value. A wait
    /// ends by itself at its request's wait where the tree answers at once; where it answers
    /// by message the keeper ends it, replying.
    pub fn new(tree: Arc<dyn ProcessHost>, request: Request, waiting: Waiting, now_ms: f64, finish: Finish) -> ProcessWait {
        let deadline_ms = if tree.answers_by_message() { None } else { request.wait_ms().map(|wait_ms| timed_wait_end_ms(now_ms, wait_ms)) };
        ProcessWait { tree, call: ProcessCall::new(request), waiting, deadline_ms, reply: Mutex::new(None), finish }
    }

    /// The tree it asks.
    pub fn tree(&self) -> &Arc<dyn ProcessHost> {
        &self.tree
    }

    /// Whether the reply has come, waiting up to `wait` for it.
    pub fn attempt(&self, wait: Duration) -> bool {
        if lock(&self.reply).is_some() {
            return true;
        }
        let Some(reply) = self.tree.ask(&self.call, wait) else { return false };
        *lock(&self.reply) = Some(reply);
        true
    }

    /// Its wait is over: the reply is the request's "nothing came".
    pub fn time_out(&self) {
        lock(&self.reply).get_or_insert_with(|| self.call.request.timed_out());
    }

    /// When it gives up by itself, if it does.
    pub fn deadline_ms(&self) -> Option<f64> {
        self.deadline_ms
    }

    /// The call's value, from the reply, on the thread that asked.
    pub fn finish(&self, thread: &mut Thread) -> PyResult {
        let reply = lock(&self.reply).take().unwrap_or_else(|| self.call.request.timed_out());
        (self.finish)(thread, reply)
    }
}
