//! Where a program runs: how its threads start, what time it is, how many cores there are.
//!
//! The interpreter asks its [`Host`] for these and never the platform, so the same crate runs
//! natively on `std::thread` ([`NativeHost`], the tests) and in the browser on Web Workers
//! (the runtime crate's host), where `std::thread::spawn`, `Instant::now()` and
//! `SystemTime::now()` do not work.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use engine::{Clock, NativeClock};

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
#[derive(Clone, Debug, PartialEq, Eq)]
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
/// bytes. Natively [`crate::NativeProcesses`] runs each on an OS thread and exchanges bytes
/// through channels; in the page each is a Web Worker with its own WebAssembly memory, bytes
/// going by `postMessage` (or, where the page is cross-origin isolated, shared memory).
///
/// Every wait takes the longest it may last: the caller waits in slices that notice Stop.
pub trait ProcessHost: Send + Sync {
    /// Starts a process that runs `bootstrap` with [`crate::run_process`]; gives its pid.
    ///
    /// # Errors
    /// [`ProcessRefused`] when [`MOST_PROCESSES`] are alive or none can be started.
    fn start(&self, bootstrap: Vec<u8>) -> Result<u32, ProcessRefused>;

    /// Ends a process at its next check point (`Process.terminate()`, Stop).
    fn terminate(&self, pid: u32);

    /// A process's exit code once it has ended (`None` while it runs).
    fn exit_code(&self, pid: u32) -> Option<i32>;

    /// Waits up to `wait` for a process to end; its exit code if it has.
    fn wait_for_exit(&self, pid: u32, wait: Duration) -> Option<i32>;

    /// A new one-way channel of messages (a queue, one direction of a pipe): its number.
    fn open_channel(&self) -> u64;

    /// Sends `message` on `channel`.
    fn send(&self, channel: u64, message: Vec<u8>);

    /// The next message on `channel`, waiting up to `wait` for one.
    fn receive(&self, channel: u64, wait: Duration) -> Option<Vec<u8>>;

    /// How many messages wait on `channel`.
    fn pending(&self, channel: u64) -> usize;

    /// A new block of `words` shared 64-bit words, all zero (`Value`, `Array`): its number.
    fn share_words(&self, words: usize) -> u64;

    /// Reads a shared word (0 past the block's end).
    fn load_word(&self, block: u64, index: usize) -> u64;

    /// Writes a shared word (ignored past the block's end).
    fn store_word(&self, block: u64, index: usize, word: u64);

    /// A new counting semaphore at `value` (a lock is a semaphore at 1): its number.
    fn open_semaphore(&self, value: u32) -> u64;

    /// Takes one from the semaphore, waiting up to `wait`; whether it did.
    fn acquire(&self, semaphore: u64, wait: Duration) -> bool;

    /// Gives one back.
    fn release(&self, semaphore: u64);

    /// The semaphore's value now.
    fn semaphore_value(&self, semaphore: u64) -> u32;

    /// Bytes moved between processes so far (bootstraps and messages).
    fn bytes_moved(&self) -> u64;

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
