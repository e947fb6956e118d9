//! How long one worker would take for a whole experiment, and how much of it is spent blocked.

/// Estimated cost of one tick of simple integer work in the browser (a decrement, an addition,
/// a tick of busy work), in nanoseconds: measured on a 2-core machine of this project's kind in
/// headless Chromium, one worker, at 0.56 ns for the countdown, rounded up so that the
/// two-minute limit errs on the safe side.
pub(super) const SIMPLE_TICK_NS: f64 = 1.0;

/// One worker's time for a whole experiment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Estimate {
    /// Everything: work and waits.
    pub(super) serial_seconds: f64,
    /// The part spent blocked (sleeps, latencies, disk waits), holding no GIL and no core.
    pub(super) wait_seconds: f64,
}

impl Estimate {
    /// `nanos` of work alone, no waits.
    pub(super) fn working(nanos: f64) -> Self {
        Estimate { serial_seconds: nanos / 1e9, wait_seconds: 0.0 }
    }

    /// `nanos` in all, of which `wait_millis` blocked.
    pub(super) fn waiting(nanos: f64, wait_millis: f64) -> Self {
        Estimate { serial_seconds: nanos / 1e9, wait_seconds: wait_millis / 1e3 }
    }
}
