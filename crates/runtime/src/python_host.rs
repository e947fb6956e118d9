//! The browser's [`python::Host`]: a Python thread starts on a parked thread worker (see
//! `parked_workers.rs`), time is the [`BrowserClock`], the epoch `Date.now()`, and the cores
//! `navigator.hardwareConcurrency` as the page read it.

use std::sync::Arc;

use engine::Clock;
use python::{Host, SpawnRefused};

use crate::clock::BrowserClock;
use crate::parked_workers::Parking;

/// The process identifier programs see (`os.getpid()`): a page has no process of its own, so a
/// fixed number, other than the parent's that `os.getppid()` gives (1), as in a real process.
pub const PAGE_PROCESS_ID: u32 = 1000;

/// Where a Python program runs in the page.
pub struct BrowserHost {
    parking: Arc<Parking>,
    cores: usize,
}

impl BrowserHost {
    /// A host that starts threads on the workers parked on `parking`, for a page with `cores`.
    pub fn new(parking: Arc<Parking>, cores: usize) -> Self {
        BrowserHost { parking, cores }
    }
}

impl Host for BrowserHost {
    /// Hands `body` to a parked worker. A worker's stack is the same for every thread
    /// ([`crate::PYTHON_STACK_BYTES`], ample for the nested run loops the interpreter allows), so `stack_bytes`,
    /// which natively sizes an OS thread, is not needed here.
    fn spawn(&self, _name: &str, _stack_bytes: usize, body: Box<dyn FnOnce() + Send>) -> Result<(), SpawnRefused> {
        self.parking.hand_over(body).map_err(|_| SpawnRefused)
    }

    fn clock(&self) -> &(dyn Clock + Send + Sync) {
        &BrowserClock
    }

    fn epoch_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn cpu_count(&self) -> usize {
        self.cores
    }

    /// One page, one process: the same number every run, as a learner's one Python process.
    fn process_id(&self) -> u32 {
        PAGE_PROCESS_ID
    }
}
