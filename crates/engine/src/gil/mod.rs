//! The global interpreter lock: a real lock in shared memory, modelled on CPython 3.2+
//! (`ceval_gil.c`), with CPython 3.1's older policy as an option. See `README.md` beside this
//! file for the mapping to CPython.

use std::sync::atomic::{AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::sync::{wait_on, BoundedGuard, BoundedMutex, RunEnded, Signal, WAIT_SLICE};

/// No wait lasts longer than this before re-checking whether the GIL was closed.
const WAIT_SLICE_MS: f64 = WAIT_SLICE.as_secs_f64() * 1000.0;

/// [`Gil::eval_breaker`] bit: a waiter asked the holder to drop the GIL.
const DROP_REQUESTED: u8 = 1;
/// [`Gil::eval_breaker`] bit: the GIL was closed (Stop, or a failed run).
const CLOSED: u8 = 2;

/// How the GIL changes hands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum GilPolicy {
    /// Python 3.2 and later: a waiter asks for the GIL after a switch interval, and the holder
    /// hands it over and waits until the waiter has it (forced switching).
    #[default]
    SwitchInterval,
    /// Python 3.1 and earlier: the holder releases the GIL every `ticks` ticks and takes it
    /// straight back; a woken waiter gets it only if it wins that race (no hand-off guarantee).
    CheckInterval {
        /// Ticks between releases (CPython's `sys.setcheckinterval`, 100 by default).
        ticks: u64,
    },
}

/// The GIL was closed (the run was stopped or failed): the worker must leave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GilClosed;

impl From<RunEnded> for GilClosed {
    fn from(_: RunEnded) -> Self {
        GilClosed
    }
}

/// Counters a learner sees after a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GilStats {
    /// Times the GIL passed to a worker other than its last holder.
    pub handoffs: u64,
    /// Times a waiter timed out after a whole switch interval and asked the holder to drop it.
    pub drop_requests: u64,
    /// Times a waiter woke after a release and found the GIL taken again (check-interval
    /// policy).
    pub failed_acquisitions: u64,
}

/// What the mutex guards: who holds the GIL and how often it changed hands.
#[derive(Debug, Default)]
struct GilState {
    held: bool,
    /// The lane that took the GIL last (still holding it while `held`).
    holder: Option<usize>,
    /// Incremented when the GIL is taken by a lane other than its last holder (CPython's
    /// `switch_number`): a waiter sees whether a switch happened.
    switch_number: u64,
    /// Incremented every time the GIL is released: a waiter sees whether a release went by.
    releases: u64,
    /// Workers in the switch-interval policy's timed wait.
    waiting: usize,
    /// A release signalled a waiter that has not looked yet (CPython's `COND_SIGNAL(gil->cond)`
    /// wakes one): the first waiter to look ends its timed wait early and starts a new one.
    unclaimed_wake: bool,
}

/// The global interpreter lock.
#[derive(Debug)]
pub struct Gil {
    state: BoundedMutex<GilState>,
    /// Signalled when the GIL is released (CPython: `gil->cond`).
    released: Signal,
    /// Signalled when the GIL is taken (CPython: `gil->switch_cond`, FORCE_SWITCHING).
    switched: Signal,
    /// [`DROP_REQUESTED`] and [`CLOSED`] in one word, so that the holder's check at every
    /// tick is one load (CPython's `eval_breaker`).
    breaker: AtomicU8,
    /// The switch interval in milliseconds, as `f64` bits: a running program may change it
    /// (`sys.setswitchinterval`), and a waiter reads it at each timed wait.
    switch_interval_ms: AtomicU64,
    policy: GilPolicy,
    /// Workers waiting under the check-interval policy: without any, the holder need not release.
    waiters: AtomicUsize,
    handoffs: AtomicU64,
    drop_requests: AtomicU64,
    failed_acquisitions: AtomicU64,
}

impl Gil {
    /// A free GIL with the given policy and switch interval (CPython's `sys.setswitchinterval`,
    /// used by [`GilPolicy::SwitchInterval`]).
    pub fn new(policy: GilPolicy, switch_interval: Duration) -> Self {
        Gil {
            state: BoundedMutex::new(GilState::default()),
            released: Signal::new(),
            switched: Signal::new(),
            breaker: AtomicU8::new(0),
            switch_interval_ms: AtomicU64::new((switch_interval.as_secs_f64() * 1000.0).to_bits()),
            policy,
            waiters: AtomicUsize::new(0),
            handoffs: AtomicU64::new(0),
            drop_requests: AtomicU64::new(0),
            failed_acquisitions: AtomicU64::new(0),
        }
    }

    /// Whether a waiter has asked the holder to drop the GIL. Read at every tick.
    #[inline]
    pub fn drop_requested(&self) -> bool {
        self.breaker.load(Ordering::Relaxed) & DROP_REQUESTED != 0
    }

    /// The word the holder reads at every tick, as CPython's eval loop reads `eval_breaker`:
    /// non-zero when it must stop ticking and look why (a drop request, or the GIL closed; a
    /// Stop closes the GIL, so it is seen here too). A word rather than a `bool` answer, so that
    /// the tick loop of every mode reads one word the same way (without a GIL, the Stop word).
    #[inline]
    pub(crate) fn eval_breaker(&self) -> &AtomicU8 {
        &self.breaker
    }

    fn set_drop_request(&self, requested: bool) -> bool {
        let before = if requested {
            self.breaker.fetch_or(DROP_REQUESTED, Ordering::Relaxed)
        } else {
            self.breaker.fetch_and(!DROP_REQUESTED, Ordering::Relaxed)
        };
        before & DROP_REQUESTED != 0
    }

    /// The switch interval (CPython's `sys.getswitchinterval`).
    pub fn switch_interval(&self) -> Duration {
        Duration::from_secs_f64(self.switch_interval_ms() / 1000.0)
    }

    /// Changes the switch interval (CPython's `sys.setswitchinterval`): waiters use the new one
    /// from their next timed wait on.
    pub fn set_switch_interval(&self, switch_interval: Duration) {
        self.switch_interval_ms.store((switch_interval.as_secs_f64() * 1000.0).to_bits(), Ordering::Relaxed);
    }

    fn switch_interval_ms(&self) -> f64 {
        f64::from_bits(self.switch_interval_ms.load(Ordering::Relaxed))
    }

    /// How this GIL changes hands.
    pub fn policy(&self) -> GilPolicy {
        self.policy
    }

    /// Whether the GIL was closed by [`Gil::close`].
    #[inline]
    pub fn is_closed(&self) -> bool {
        self.breaker.load(Ordering::Relaxed) & CLOSED != 0
    }

    /// Takes the GIL for `lane`, waiting as CPython's `take_gil` does.
    ///
    /// # Errors
    /// [`GilClosed`] when the run is stopped while waiting.
    pub fn take(&self, lane: usize, clock: &dyn Clock) -> Result<(), GilClosed> {
        if let GilPolicy::CheckInterval { .. } = self.policy {
            return self.take_as_in_python_3_1(lane).map(drop);
        }
        let mut state = self.lock_state()?;
        if state.held {
            state = self.wait_until_free(state, clock)?;
        }
        if self.is_closed() {
            return Err(GilClosed);
        }
        self.mark_taken(&mut state, lane);
        drop(state);
        self.switched.notify_all();
        Ok(())
    }

    /// Records that `lane` takes the free GIL; returns the switch number, which moves only when
    /// the holder changes (CPython: `if (tstate != last_holder) ++switch_number`).
    fn mark_taken(&self, state: &mut GilState, lane: usize) -> u64 {
        if state.holder != Some(lane) {
            if state.holder.is_some() {
                self.handoffs.fetch_add(1, Ordering::Relaxed);
            }
            state.switch_number += 1;
        }
        state.held = true;
        state.holder = Some(lane);
        // Taken: any drop request has been served.
        self.set_drop_request(false);
        state.switch_number
    }

    /// Python 3.1's `take_gil`: wait on the release signal, with no priority for a waiter woken
    /// by it; a wake-up that finds the GIL taken again after a release is a failed acquisition
    /// (counted by releases, not by signals, so a wake-up the scheduler delays still counts).
    /// Returns the new switch number.
    fn take_as_in_python_3_1(&self, lane: usize) -> Result<u64, GilClosed> {
        let mut state = self.lock_state()?;
        let mut releases_seen = state.releases;
        while state.held {
            if self.is_closed() {
                return Err(GilClosed);
            }
            self.waiters.fetch_add(1, Ordering::Relaxed);
            let waited = self.wait_slice(&self.released, state, WAIT_SLICE_MS);
            self.waiters.fetch_sub(1, Ordering::Relaxed);
            state = waited?;
            if state.held && state.releases != releases_seen {
                self.failed_acquisitions.fetch_add(1, Ordering::Relaxed);
            }
            releases_seen = state.releases;
        }
        if self.is_closed() {
            return Err(GilClosed);
        }
        Ok(self.mark_taken(&mut state, lane))
    }

    /// Whether a worker waits for the GIL under the check-interval policy.
    #[inline]
    pub fn has_waiters(&self) -> bool {
        self.waiters.load(Ordering::Relaxed) > 0
    }

    /// The check-interval policy's periodic release: release, signal, and take the GIL straight
    /// back, competing with whoever was woken. Returns whether another worker held the GIL in
    /// between.
    ///
    /// # Errors
    /// [`GilClosed`] when the run is stopped meanwhile.
    pub fn release_and_retake(&self, lane: usize) -> Result<bool, GilClosed> {
        let released_at = {
            let mut state = self.lock_state()?;
            state.held = false;
            state.releases += 1;
            state.switch_number
        };
        self.released.notify_one();
        let retaken_at = self.take_as_in_python_3_1(lane)?;
        Ok(retaken_at != released_at)
    }

    /// The slow path of [`Gil::take`]: timed waits of the switch interval, then a drop request.
    /// As in CPython, a wake-up by a release ends the timed wait and starts a whole new one, so
    /// a waiter that loses the race for a released GIL waits a full interval again.
    #[cold]
    fn wait_until_free<'a>(
        &'a self,
        mut state: BoundedGuard<'a, GilState>,
        clock: &dyn Clock,
    ) -> Result<BoundedGuard<'a, GilState>, GilClosed> {
        let mut interval_start = clock.now_ms();
        let mut switch_seen = state.switch_number;
        state.waiting += 1;
        while state.held {
            if self.is_closed() {
                state.waiting -= 1;
                return Err(GilClosed);
            }
            let remaining = self.switch_interval_ms() - (clock.now_ms() - interval_start);
            if remaining <= 0.0 {
                if state.switch_number == switch_seen {
                    // A whole interval passed with no switch: ask the holder to drop it.
                    if !self.set_drop_request(true) {
                        self.drop_requests.fetch_add(1, Ordering::Relaxed);
                    }
                }
                interval_start = clock.now_ms();
                switch_seen = state.switch_number;
                continue;
            }
            state = self.wait_slice(&self.released, state, remaining)?;
            if std::mem::take(&mut state.unclaimed_wake) {
                interval_start = clock.now_ms();
                switch_seen = state.switch_number;
            }
        }
        state.waiting -= 1;
        // The released GIL went to this waiter: the release's signal is used up.
        state.unclaimed_wake = false;
        Ok(state)
    }

    /// Releases the GIL held by `lane` (before blocking I/O, while idle, or when the worker
    /// finishes), as CPython's `drop_gil` does on any drop: when a waiter has asked for the GIL,
    /// returns only once another worker has taken it (forced switching).
    pub fn release(&self, lane: usize) {
        // Once closed, nobody will take the GIL again: there is nothing to release.
        let Ok(mut state) = self.lock_state() else { return };
        debug_assert_eq!(state.holder, Some(lane), "released by a worker that does not hold it");
        state.held = false;
        state.releases += 1;
        state.unclaimed_wake = state.waiting > 0;
        drop(state);
        self.released.notify_one();
        self.wait_for_switch_if_asked(lane);
    }

    /// CPython's `FORCE_SWITCHING` in `drop_gil`: when a drop request is pending and no other
    /// worker has taken the GIL yet, clear the request and wait until one has.
    fn wait_for_switch_if_asked(&self, lane: usize) {
        if !self.drop_requested() {
            return;
        }
        // Once closed, nobody will take the GIL: there is no switch to wait for.
        let Ok(mut state) = self.lock_state() else { return };
        if state.holder != Some(lane) {
            return;
        }
        self.set_drop_request(false);
        while state.holder == Some(lane) && !self.is_closed() {
            let Ok(next) = self.wait_slice(&self.switched, state, WAIT_SLICE_MS) else { return };
            state = next;
        }
    }

    /// The holder's answer to a drop request: release (waiting until another worker has taken
    /// the GIL), then take it back.
    ///
    /// # Errors
    /// [`GilClosed`] when the run is stopped meanwhile.
    pub fn yield_to_waiter(&self, lane: usize, clock: &dyn Clock) -> Result<(), GilClosed> {
        self.release(lane);
        self.take(lane, clock)
    }

    /// Closes the GIL: every waiter returns [`GilClosed`]. Safe to call from any thread,
    /// including the browser's main thread (it never waits).
    pub fn close(&self) {
        self.breaker.fetch_or(CLOSED, Ordering::Relaxed);
        self.released.notify_all();
        self.switched.notify_all();
    }

    /// Hand-offs and drop requests so far.
    pub fn stats(&self) -> GilStats {
        GilStats {
            handoffs: self.handoffs.load(Ordering::Relaxed),
            drop_requests: self.drop_requests.load(Ordering::Relaxed),
            failed_acquisitions: self.failed_acquisitions.load(Ordering::Relaxed),
        }
    }

    /// Takes the state's lock, giving up once the GIL is closed (a worker that trapped while
    /// holding the lock never lets go of it).
    fn lock_state(&self) -> Result<BoundedGuard<'_, GilState>, GilClosed> {
        Ok(self.state.lock(&|| self.is_closed())?)
    }

    /// Waits for `signal` for at most `up_to_ms` (and [`WAIT_SLICE_MS`]).
    fn wait_slice<'a>(
        &'a self,
        signal: &Signal,
        state: BoundedGuard<'a, GilState>,
        up_to_ms: f64,
    ) -> Result<BoundedGuard<'a, GilState>, GilClosed> {
        let slice = Duration::from_secs_f64(up_to_ms.clamp(0.01, WAIT_SLICE_MS) / 1000.0);
        Ok(wait_on(&self.state, state, signal, slice, &|| self.is_closed())?)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod wedged_state_tests;
