//! Taking a mutex without ever waiting for it unboundedly.
//!
//! `Mutex::lock` waits for as long as the holder keeps the lock; a worker that traps while
//! holding it keeps it for ever (with `panic = "abort"` no guard is dropped and nothing is
//! poisoned). So a lock is taken by `try_lock`: a short spin (critical sections here are a few
//! instructions), then sleeps that grow from a few microseconds to [`WAIT_SLICE`], asking
//! between attempts whether the run has ended.

use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::Duration;

use super::{RunEnded, WAIT_SLICE};

/// Attempts before the first sleep: enough to ride out a holder that is running.
const SPINS: u32 = 64;
/// The first sleep; each later one doubles, up to [`WAIT_SLICE`].
const FIRST_SLEEP: Duration = Duration::from_micros(20);

/// Takes `mutex`, or gives up with [`RunEnded`] once `ended()` says the run is over.
/// A poisoned lock (a native panic unwound through its holder) is taken as it is: the data
/// behind the locks of a run stays valid between operations.
///
/// # Errors
/// [`RunEnded`] when the run ended before the lock could be taken.
#[inline]
pub fn lock_bounded<'a, T>(mutex: &'a Mutex<T>, ended: &dyn Fn() -> bool) -> Result<MutexGuard<'a, T>, RunEnded> {
    match try_take(mutex) {
        Some(guard) => Ok(guard),
        None => lock_contended(mutex, &mut |_| ended()).ok_or(RunEnded),
    }
}

/// Takes `mutex`, or gives up (`None`) after waiting about `limit` for it: for readers after a
/// run, which have no run to watch, and whose lock only a trapped worker could still hold.
pub fn lock_within<T>(mutex: &Mutex<T>, limit: Duration) -> Option<MutexGuard<'_, T>> {
    try_take(mutex).or_else(|| lock_contended(mutex, &mut |waited| waited >= limit))
}

/// Spins, then sleeps in growing slices, until the lock is free or `give_up(time slept)`.
#[cold]
fn lock_contended<'a, T>(mutex: &'a Mutex<T>, give_up: &mut dyn FnMut(Duration) -> bool) -> Option<MutexGuard<'a, T>> {
    for _ in 0..SPINS {
        std::hint::spin_loop();
        if let Some(guard) = try_take(mutex) {
            return Some(guard);
        }
    }
    let (mut sleep, mut slept) = (FIRST_SLEEP, Duration::ZERO);
    loop {
        if give_up(slept) {
            return None;
        }
        std::thread::sleep(sleep);
        slept += sleep;
        if let Some(guard) = try_take(mutex) {
            return Some(guard);
        }
        sleep = (sleep * 2).min(WAIT_SLICE);
    }
}

fn try_take<T>(mutex: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match mutex.try_lock() {
        Ok(guard) => Some(guard),
        Err(TryLockError::Poisoned(poison)) => Some(poison.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Instant;

    #[test]
    fn a_free_lock_is_taken_at_once() {
        let mutex = Mutex::new(5);
        assert_eq!(*lock_bounded(&mutex, &|| true).expect("free"), 5);
    }

    #[test]
    fn a_lock_held_for_ever_gives_up_once_the_run_ends() {
        let mutex = Mutex::new(());
        std::mem::forget(mutex.lock());
        let ended = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| lock_bounded(&mutex, &|| ended.load(Ordering::Relaxed)).map(drop));
            std::thread::sleep(Duration::from_millis(30));
            let ended_at = Instant::now();
            ended.store(true, Ordering::Relaxed);
            assert_eq!(waiter.join().expect("no panic"), Err(RunEnded));
            assert!(ended_at.elapsed() <= WAIT_SLICE * 5, "left after {:?}", ended_at.elapsed());
        });
    }

    #[test]
    fn a_reader_of_a_lock_held_for_ever_gives_up_after_its_limit() {
        let mutex = Mutex::new(());
        std::mem::forget(mutex.lock());
        let started = Instant::now();
        assert!(lock_within(&mutex, Duration::from_millis(50)).is_none());
        assert!(started.elapsed() < Duration::from_millis(500), "gave up after {:?}", started.elapsed());
    }

    #[test]
    fn a_lock_released_later_is_taken() {
        let mutex = Mutex::new(0);
        std::thread::scope(|scope| {
            let mut guard = mutex.lock().expect("free");
            let waiter = scope.spawn(|| *lock_bounded(&mutex, &|| false).expect("released"));
            std::thread::sleep(Duration::from_millis(20));
            *guard = 7;
            drop(guard);
            assert_eq!(waiter.join().expect("no panic"), 7);
        });
    }
}
