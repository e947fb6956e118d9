//! The tree as a process on one thread sees it when it reaches the keeper only by messages
//! (a Web Worker with memory of its own): [`AskingProcesses`] puts every request in an outbox
//! as a [`Letter`] and keeps the replies delivered to it until the thread that asked goes on.
//! Its driver takes the letters after each slice ([`AskingProcesses::take_letters`]), sends
//! them, and delivers what comes back ([`AskingProcesses::deliver`]) before the next slice.
//!
//! A thread parks while it waits for its reply. One that waits inside a built-in that still
//! calls back into Python on a loop nested in Rust (a sort key, `map`'s function) cannot park,
//! and no reply comes before the slice ends: that wait is an error that says why
//! (`vm/turns.rs`). Subscripts, `len`, `str`, `repr`, iteration and the built-ins that consume
//! a whole iterable run their Python on pushed frames (`vm/dunder_frames.rs`, `vm/collect.rs`),
//! so every multiprocessing program of the corpus waits only where it can park.
//! Where the tree shares words ([`AskingProcesses::set_shared_words`]), `Value` and `Array`
//! are read there and wait for no reply at all.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use engine::Clock;

use super::call::ProcessCall;
use super::protocol::{Delivery, Letter, Reply, Request};
use crate::host::{Host, ProcessHost, SpawnRefused};
use crate::objects::lock;
use crate::shared_words::SharedWords;
use crate::vm::{Output, Stream};

/// A process's side of a tree whose keeper it reaches by messages.
pub struct AskingProcesses {
    pid: u32,
    outbox: Mutex<Vec<Letter>>,
    inbox: Mutex<HashMap<u64, Reply>>,
    next_ticket: AtomicU64,
    next_number: AtomicU64,
    shared_words: OnceLock<Arc<dyn SharedWords>>,
}

impl AskingProcesses {
    /// The process `pid`'s side (the keeper gave it its pid).
    pub fn new(pid: u32) -> Arc<AskingProcesses> {
        Arc::new(AskingProcesses {
            pid,
            outbox: Mutex::new(Vec::new()),
            inbox: Mutex::new(HashMap::new()),
            next_ticket: AtomicU64::new(1),
            next_number: AtomicU64::new(1),
            shared_words: OnceLock::new(),
        })
    }

    /// Keeps the blocks of `Value` and `Array` in `words`, which every process of the tree
    /// shares, instead of asking the keeper for each read and write.
    pub fn set_shared_words(&self, words: Arc<dyn SharedWords>) {
        let _ = self.shared_words.set(words);
    }

    /// Its pid.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The letters posted since last taken, as bytes, in the order they were posted.
    pub fn take_letters(&self) -> Vec<Vec<u8>> {
        std::mem::take(&mut *lock(&self.outbox)).iter().map(Letter::encode).collect()
    }

    /// Delivers a reply's bytes; whether they were one.
    pub fn deliver(&self, bytes: &[u8]) -> bool {
        let Some(Delivery { ticket, reply }) = Delivery::decode(bytes) else { return false };
        lock(&self.inbox).insert(ticket, reply);
        true
    }

    /// Posts `request`; its ticket.
    fn post(&self, request: Request) -> u64 {
        let ticket = self.next_ticket.fetch_add(1, Ordering::Relaxed);
        lock(&self.outbox).push(Letter { from: self.pid, ticket, request });
        ticket
    }

    /// Tells the keeper this process has ended with `code`.
    pub fn exited(&self, code: i32) {
        self.post(Request::Exited { code });
    }

    /// An output whose every piece is posted to the keeper, which shows it under the
    /// process's name.
    pub fn output(self: &Arc<Self>) -> Output {
        let tree = self.clone();
        Output::posting_to(Box::new(move |stream: Stream, thread: &str, text: &str| {
            tree.post(Request::Print { stream, thread: thread.to_string(), text: text.to_string() });
        }))
    }

    /// A host as `base`, whose pid is this process's and whose processes are asked by message.
    pub fn host_on(self: &Arc<Self>, base: Arc<dyn Host>) -> Arc<dyn Host> {
        Arc::new(AskingHost { base, tree: self.clone() })
    }
}

impl ProcessHost for AskingProcesses {
    fn new_number(&self) -> u64 {
        (u64::from(self.pid) << 32) | self.next_number.fetch_add(1, Ordering::Relaxed)
    }

    fn ask(&self, call: &ProcessCall, _wait: Duration) -> Option<Reply> {
        let ticket = *call.ticket.get_or_init(|| self.post(call.request.clone()));
        if !call.request.expects_reply() {
            return Some(Reply::Done);
        }
        lock(&self.inbox).remove(&ticket)
    }

    fn answers_by_message(&self) -> bool {
        true
    }

    fn shared_words(&self) -> Option<Arc<dyn SharedWords>> {
        self.shared_words.get().cloned()
    }
}

/// A host whose processes are a tree reached by message.
struct AskingHost {
    base: Arc<dyn Host>,
    tree: Arc<AskingProcesses>,
}

impl Host for AskingHost {
    fn spawn(&self, name: &str, stack_bytes: usize, body: Box<dyn FnOnce() + Send>) -> Result<(), SpawnRefused> {
        self.base.spawn(name, stack_bytes, body)
    }

    fn clock(&self) -> &(dyn Clock + Send + Sync) {
        self.base.clock()
    }

    fn epoch_ms(&self) -> f64 {
        self.base.epoch_ms()
    }

    fn cpu_count(&self) -> usize {
        self.base.cpu_count()
    }

    fn process_id(&self) -> u32 {
        self.tree.pid
    }

    fn processes(&self) -> Option<Arc<dyn ProcessHost>> {
        Some(self.tree.clone())
    }
}
