//! Limits on what a learner may ask for, and the message that says which one was passed.
//!
//! A run must fit in a browser tab: at most [`MAX_WORKERS`] workers, and sizes whose run time
//! (estimated from measured per-tick costs, the mode, the workers and the cores) stays under
//! [`MAX_RUN_SECONDS`].

use std::fmt;

/// Fewest workers a run may have.
pub const MIN_WORKERS: usize = 1;
/// Most workers a run may have.
pub const MAX_WORKERS: usize = 100;
/// Most tasks one run may have.
pub const MAX_TASKS: usize = 10_000;
/// Largest serial share of a run's work, in percent.
pub const MAX_SERIAL_PERCENT: u64 = 90;
/// Longest estimated run time accepted, in seconds.
pub const MAX_RUN_SECONDS: f64 = 120.0;
/// Cores assumed where the machine's are not known: the 2-core machine the costs were measured on.
pub const REFERENCE_CORES: usize = 2;
/// Shortest GIL switch interval, in milliseconds.
pub const MIN_SWITCH_INTERVAL_MS: f64 = 0.1;
/// Longest GIL switch interval, in milliseconds.
pub const MAX_SWITCH_INTERVAL_MS: f64 = 100.0;

/// Fewest ticks between the old GIL policy's releases.
pub const MIN_CHECK_INTERVAL_TICKS: u64 = 1;
/// Most ticks between the old GIL policy's releases.
pub const MAX_CHECK_INTERVAL_TICKS: u64 = 1_000_000;

/// A field of the form is outside its limit.
#[derive(Clone, Debug, PartialEq)]
pub struct LimitError {
    /// The field's stable name (the form shows the message beside it).
    pub field: &'static str,
    /// What is wrong and what the limit is, for a learner.
    pub message: String,
}

impl LimitError {
    pub(crate) fn new(field: &'static str, message: impl Into<String>) -> Self {
        LimitError { field, message: message.into() }
    }
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LimitError {}
