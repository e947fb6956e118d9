//! Time, as the host provides it. The engine never calls `Instant::now()` itself: it panics on
//! `wasm32-unknown-unknown`, where the browser host reads `performance.now()` instead.

use std::sync::OnceLock;
use std::time::Instant;

/// A clock readable from every worker of a run, in milliseconds.
///
/// Readings from different workers must be comparable: the browser host adds each worker's
/// `performance.timeOrigin`, the native host measures from one process-wide instant.
pub trait Clock: Sync {
    /// Milliseconds since an origin shared by every worker of the run.
    fn now_ms(&self) -> f64;
}

/// The clock of native hosts (tests, benchmarks): milliseconds since the first reading in this
/// process. Not for `wasm32-unknown-unknown`, where `Instant::now()` panics.
#[derive(Clone, Copy, Debug, Default)]
pub struct NativeClock;

impl Clock for NativeClock {
    fn now_ms(&self) -> f64 {
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}
