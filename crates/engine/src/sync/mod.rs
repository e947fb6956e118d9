//! Waiting that always ends: every wait a worker makes is cut into slices of at most
//! [`WAIT_SLICE`], and between slices it asks whether its run has ended (Stop, or a failed
//! worker). A worker that traps (`panic = "abort"` in the browser) never releases what it held,
//! so nothing here waits for a lock or a signal without also watching for that end.
//!
//! - [`BoundedMutex`] (`bounded_lock.rs`): taken by `try_lock`, spinning briefly and then
//!   waiting in slices for an unlock to notify it; gives up with [`RunEnded`] once the run has
//!   ended. A lock left held by a trapped worker (never released, never poisoned) cannot hold
//!   anyone. [`lock_within`] takes a plain `Mutex` for a reader with no run to watch (the
//!   recorder's lanes after a run): it gives up after a time.
//! - [`Signal`] (`signal.rs`): a wake-up with a generation number, so a waiter that looked at
//!   shared state and then waits can never miss the change made in between.
//! - [`wait_until`] (`wait.rs`): the one sliced wait — until a condition gives a value, a
//!   deadline passes, or the run ends — on which a stop signal, the GIL, and later an
//!   interpreter's locks, conditions and queues are built; and [`wait_on`], the same for a
//!   condition over data behind a mutex (what `Condvar::wait_timeout` does, bounded).
//!
//! "Whether the run has ended" is a plain `Fn() -> bool`: the GIL asks whether it was closed,
//! a run whether it was stopped or failed.

mod bounded_lock;
mod signal;
mod wait;

use std::time::Duration;

pub use bounded_lock::{lock_within, try_lock_spinning, BoundedGuard, BoundedMutex};
pub use signal::Signal;
pub use wait::{wait_on, wait_until, Deadline};

/// The longest any wait goes without asking whether its run has ended.
pub const WAIT_SLICE: Duration = Duration::from_millis(10);

/// The run a wait belongs to has ended (stopped, or a worker failed): the waiter must leave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunEnded;
