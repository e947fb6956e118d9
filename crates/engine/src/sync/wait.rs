//! The one sliced wait: until a condition holds, a deadline passes, or the run ends.
//!
//! Every blocking wait of a worker is one of these (a worker held at the start, waiting for the
//! queue, a simulated blocking call, the GIL's waits), and the synchronisation objects of a
//! Python program (locks, conditions, queues) are meant to be too: a condition to ask, a
//! [`Signal`] that whoever changes its answer notifies, and the run's end.

use std::time::Duration;

use crate::clock::Clock;

use super::{BoundedGuard, BoundedMutex, RunEnded, Signal, WAIT_SLICE};

/// A clock reading after which a wait gives up.
#[derive(Clone, Copy)]
pub struct Deadline<'a> {
    clock: &'a dyn Clock,
    at_ms: f64,
}

impl<'a> Deadline<'a> {
    /// `wait` from now on `clock`.
    pub fn after(wait: Duration, clock: &'a dyn Clock) -> Self {
        Deadline { clock, at_ms: clock.now_ms() + wait.as_secs_f64() * 1000.0 }
    }

    /// Time left, or `None` once it has passed.
    fn remaining(&self) -> Option<Duration> {
        let left_ms = self.at_ms - self.clock.now_ms();
        (left_ms > 0.0).then(|| Duration::from_secs_f64(left_ms / 1000.0))
    }
}

/// Waits until `ready` gives a value (`Ok(Some)`), `deadline` passes (`Ok(None)`), or `ended()`
/// says the run is over. `ready` is asked first, then again after every notify of `signal` and
/// at least every [`WAIT_SLICE`]; whoever changes what `ready` reads must notify `signal` after
/// the change.
///
/// # Errors
/// [`RunEnded`] when the run ended first.
pub fn wait_until<T>(
    signal: &Signal,
    mut ready: impl FnMut() -> Option<T>,
    ended: &dyn Fn() -> bool,
    deadline: Option<Deadline<'_>>,
) -> Result<Option<T>, RunEnded> {
    loop {
        if ended() {
            return Err(RunEnded);
        }
        let seen = signal.generation();
        if let Some(value) = ready() {
            return Ok(Some(value));
        }
        let slice = match deadline.map(|deadline| deadline.remaining()) {
            None => WAIT_SLICE,
            Some(Some(left)) => left.min(WAIT_SLICE),
            Some(None) => return Ok(None),
        };
        signal.wait_past(seen, slice);
    }
}

/// What `Condvar::wait_timeout` does, bounded: lets go of `guard`, waits at most `up_to` (and
/// [`WAIT_SLICE`]) for a notify of `signal`, then takes `mutex` again (bounded).
/// The caller looks at its state again afterwards (the wait may end early).
///
/// # Errors
/// [`RunEnded`] when the run ended before the lock could be taken again.
pub fn wait_on<'a, T>(
    mutex: &'a BoundedMutex<T>,
    guard: BoundedGuard<'a, T>,
    signal: &Signal,
    up_to: Duration,
    ended: &dyn Fn() -> bool,
) -> Result<BoundedGuard<'a, T>, RunEnded> {
    let seen = signal.generation();
    drop(guard);
    signal.wait_past(seen, up_to.min(WAIT_SLICE));
    mutex.lock(ended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::NativeClock;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    use std::time::Instant;

    #[test]
    fn a_notified_change_ends_the_wait() {
        let (signal, value) = (Signal::new(), AtomicU32::new(0));
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let ready = || (value.load(Ordering::Acquire) == 1).then_some(());
                wait_until(&signal, ready, &|| false, None)
            });
            std::thread::sleep(Duration::from_millis(20));
            value.store(1, Ordering::Release);
            signal.notify_all();
            assert_eq!(waiter.join().expect("no panic"), Ok(Some(())));
        });
    }

    #[test]
    fn a_wait_gives_up_at_its_deadline() {
        let started = Instant::now();
        let outcome = wait_until(&Signal::new(), || None::<()>, &|| false, Some(Deadline::after(Duration::from_millis(25), &NativeClock)));
        assert_eq!(outcome, Ok(None));
        assert!(started.elapsed() >= Duration::from_millis(25));
    }

    #[test]
    fn an_ended_run_ends_a_wait_that_nothing_notifies() {
        let ended = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| wait_until(&Signal::new(), || None::<()>, &|| ended.load(Ordering::Relaxed), None));
            std::thread::sleep(Duration::from_millis(20));
            let ended_at = Instant::now();
            ended.store(true, Ordering::Relaxed);
            assert_eq!(waiter.join().expect("no panic"), Err(RunEnded));
            assert!(ended_at.elapsed() < Duration::from_secs(1), "left after {:?}", ended_at.elapsed());
        });
    }
}
