//! Where a program runs: how its threads start, what time it is, how many cores there are.
//!
//! The interpreter asks its [`Host`] for these and never the platform, so the same crate runs
//! natively on `std::thread` ([`NativeHost`], the tests) and in the browser on Web Workers
//! (the runtime crate's host), where `std::thread::spawn`, `Instant::now()` and
//! `SystemTime::now()` do not work.

use std::time::{SystemTime, UNIX_EPOCH};

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
}
