//! Where a program runs: how its threads start, what time it is, how many cores there are.
//!
//! The interpreter asks its [`Host`] for these and never the platform, so the same crate runs
//! natively on `std::thread` ([`NativeHost`], the tests) and in the browser on Web Workers
//! (the runtime crate's host), where `std::thread::spawn`, `Instant::now()` and
//! `SystemTime::now()` do not work.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use engine::{Clock, NativeClock};

use crate::process_tree::{ProcessCall, Reply};

/// Why no thread could be started (Python raises `RuntimeError: can't start new thread`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpawnRefused;

/// What the interpreter needs from the place it runs in.
pub trait Host: Send + Sync {
    /// Starts `body` on a thread of its own (natively an OS thread; in the browser a Web
    /// Worker on the shared memory), with a stack of about `stack_bytes` where the host can
    /// choose it.
    ///
    /// # Errors
    /// [`SpawnRefused`] when no thread can be started.
    fn spawn(&self, name: &str, stack_bytes: usize, body: Box<dyn FnOnce() + Send>) -> Result<(), SpawnRefused>;

    /// The run's clock: milliseconds, the same time base on every thread.
    fn clock(&self) -> &(dyn Clock + Send + Sync);

    /// Milliseconds since the Unix epoch (`time.time()`, `time.ctime()`, random's seed).
    fn epoch_ms(&self) -> f64;

    /// Cores the program may use (`os.cpu_count()`).
    fn cpu_count(&self) -> usize;

    /// The process identifier a program sees (`os.getpid()`).
    fn process_id(&self) -> u32;

    /// The processes a program may start (`multiprocessing`): asked once per process, by the
    /// first `import multiprocessing`. A host that starts a new tree of processes for each
    /// program gives a new one; a child's host gives the tree it belongs to. `None` where
    /// processes cannot be started (the error says so).
    fn processes(&self) -> Option<Arc<dyn ProcessHost>> {
        None
    }
}

/// Why a process could not be started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcessRefused {
    /// As many processes as the host allows are alive ([`MOST_PROCESSES`]).
    TooMany,
    /// The host could not start one.
    Failed,
}

/// The most processes alive at once in one program's tree.
pub const MOST_PROCESSES: usize = 32;

/// What a program's processes need from their host: each process is a separate interpreter
/// (its own GIL, objects and threads) on memory of its own, and nothing passes between them but
/// bytes. Every cross-process operation is a [`Request`] (start, terminate, exit codes, channels
/// of messages, shared words, semaphores, bytes moved) with a [`Reply`]. Natively
/// [`crate::NativeProcesses`] answers at once, or within the wait, from tables behind a mutex;
/// a process on one thread whose tree's keeper it reaches only by messages
/// ([`crate::AskingProcesses`]) posts the request and gets the reply later, between slices.
///
/// Every wait takes the longest it may last: the caller waits in slices that notice Stop.
pub trait ProcessHost: Send + Sync {
    /// A number no other process of the tree gives: a new channel's, block's or semaphore's.
    fn new_number(&self) -> u64;

    /// Asks `call`'s request: its reply once it has come, waiting up to `wait` for a request
    /// that waits; `None` while it has not (a tree that answers by message posts the request
    /// on the first ask only).
    fn ask(&self, call: &ProcessCall, wait: Duration) -> Option<Reply>;

    /// Whether replies come as messages between slices (a thread waiting for one is parked
    /// until it is delivered, its wait ended by the keeper) rather than at once.
    fn answers_by_message(&self) -> bool {
        false
    }

    /// The words the tree's processes share for real (`Value`, `Array`), where they have
    /// memory in common; `None`: every read and write is a request to the tree.
    fn shared_words(&self) -> Option<Arc<dyn crate::SharedWords>> {
        None
    }

    /// Shows the children's output with `output`, the program's (told by the process that
    /// started the tree). A host that shows each process's output itself ignores it.
    fn show_output(&self, _output: &Arc<crate::vm::Output>) {}
}

/// The host of native runs: OS threads, the engine's native clock, the system's time.
pub struct NativeHost;

impl Host for NativeHost {
    fn spawn(&self, name: &str, stack_bytes: usize, body: Box<dyn FnOnce() + Send>) -> Result<(), SpawnRefused> {
        std::thread::Builder::new().name(name.to_string()).stack_size(stack_bytes).spawn(body).map(drop).map_err(|_| SpawnRefused)
    }

    fn clock(&self) -> &(dyn Clock + Send + Sync) {
        &NativeClock
    }

    fn epoch_ms(&self) -> f64 {
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0
    }

    fn cpu_count(&self) -> usize {
        std::thread::available_parallelism().map_or(1, usize::from)
    }

    fn process_id(&self) -> u32 {
        std::process::id()
    }

    fn processes(&self) -> Option<Arc<dyn ProcessHost>> {
        Some(crate::native_processes::NativeProcesses::new_tree())
    }
}
