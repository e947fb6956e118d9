//! Locks that never wait unboundedly.
//!
//! `Mutex::lock` waits for as long as the holder keeps the lock; a worker that traps while
//! holding it keeps it for ever (with `panic = "abort"` no guard is dropped and nothing is
//! poisoned). So a [`BoundedMutex`] is taken by `try_lock`: a short spin (critical sections are a
//! few instructions), then waits of at most [`WAIT_SLICE`] on a [`Signal`] that every unlock
//! notifies while someone waits, asking between attempts whether the run has ended. A waiter is
//! woken by the unlock itself, as by an OS mutex, not by a timer.
//!
//! [`lock_within`] is for a plain `Mutex` read after a run, by a reader with no run to watch: it
//! gives up after a time.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{fence, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::Duration;

use super::{RunEnded, Signal, WAIT_SLICE};

/// Attempts before waiting: enough to ride out a holder that is running.
const SPINS: u32 = 64;
/// How often [`lock_within`] tries again.
const RETRY_EVERY: Duration = Duration::from_millis(1);

/// A mutex whose waiters leave once their run has ended.
#[derive(Default)]
pub struct BoundedMutex<T> {
    inner: Mutex<T>,
    /// Notified by an unlock while [`BoundedMutex::waiting`] is not zero.
    unlocked: Signal,
    waiting: AtomicUsize,
}

/// The lock of a [`BoundedMutex`], held until dropped.
pub struct BoundedGuard<'a, T> {
    guard: Option<MutexGuard<'a, T>>,
    mutex: &'a BoundedMutex<T>,
}

impl<T> BoundedMutex<T> {
    /// A mutex holding `value`.
    pub fn new(value: T) -> Self {
        BoundedMutex { inner: Mutex::new(value), unlocked: Signal::new(), waiting: AtomicUsize::new(0) }
    }

    /// Takes the lock if it is free. Never waits, so the browser's main thread may call it.
    pub fn try_lock(&self) -> Option<BoundedGuard<'_, T>> {
        try_take(&self.inner).map(|guard| BoundedGuard { guard: Some(guard), mutex: self })
    }

    /// Takes the lock, or gives up with [`RunEnded`] once `ended()` says the run is over.
    /// A poisoned lock (a native panic unwound through its holder) is taken as it is: the data
    /// behind the locks of a run stays valid between operations.
    ///
    /// # Errors
    /// [`RunEnded`] when the run ended before the lock could be taken.
    #[inline]
    pub fn lock(&self, ended: &dyn Fn() -> bool) -> Result<BoundedGuard<'_, T>, RunEnded> {
        match self.try_lock() {
            Some(guard) => Ok(guard),
            None => self.lock_contended(ended),
        }
    }

    #[cold]
    fn lock_contended(&self, ended: &dyn Fn() -> bool) -> Result<BoundedGuard<'_, T>, RunEnded> {
        for _ in 0..SPINS {
            std::hint::spin_loop();
            if let Some(guard) = self.try_lock() {
                return Ok(guard);
            }
        }
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let taken = loop {
            if ended() {
                break Err(RunEnded);
            }
            let seen = self.unlocked.generation();
            if let Some(guard) = self.try_lock() {
                break Ok(guard);
            }
            self.unlocked.wait_past(seen, WAIT_SLICE);
        };
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        taken
    }
}

impl<T> Drop for BoundedGuard<'_, T> {
    fn drop(&mut self) {
        drop(self.guard.take());
        // Orders the unlock before the look at `waiting`, as a waiter's count comes before its
        // attempt: either the waiter sees the lock free, or this unlock sees the waiter.
        fence(Ordering::SeqCst);
        if self.mutex.waiting.load(Ordering::SeqCst) > 0 {
            self.mutex.unlocked.notify_one();
        }
    }
}

impl<T> Deref for BoundedGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.guard.as_ref().expect("held until dropped")
    }
}

impl<T> DerefMut for BoundedGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.guard.as_mut().expect("held until dropped")
    }
}

impl<T: fmt::Debug> fmt::Debug for BoundedMutex<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_struct("BoundedMutex").field("inner", &self.inner).finish_non_exhaustive()
    }
}

/// Takes `mutex`, or gives up (`None`) after waiting about `limit` for it: for readers after a
/// run, which have no run to watch, and whose lock only a trapped worker could still hold.
pub fn lock_within<T>(mutex: &Mutex<T>, limit: Duration) -> Option<MutexGuard<'_, T>> {
    let mut waited = Duration::ZERO;
    loop {
        if let Some(guard) = try_take(mutex) {
            return Some(guard);
        }
        if waited >= limit {
            return None;
        }
        std::thread::sleep(RETRY_EVERY);
        waited += RETRY_EVERY;
    }
}

/// Takes `mutex` if one of `attempts` tries finds it free, spinning between them; never waits,
/// so the browser's main thread may call it, where waiting for a lock traps. For locks that
/// others hold only for a push, a pop or one value.
pub fn try_lock_spinning<T>(mutex: &Mutex<T>, attempts: u32) -> Option<MutexGuard<'_, T>> {
    (0..attempts).find_map(|_| {
        let guard = try_take(mutex);
        if guard.is_none() {
            std::hint::spin_loop();
        }
        guard
    })
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
        let mutex = BoundedMutex::new(5);
        assert_eq!(*mutex.lock(&|| true).expect("free"), 5);
    }

    #[test]
    fn a_lock_held_for_ever_gives_up_once_the_run_ends() {
        let mutex = BoundedMutex::new(());
        std::mem::forget(mutex.try_lock());
        let ended = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| mutex.lock(&|| ended.load(Ordering::Relaxed)).map(drop));
            std::thread::sleep(Duration::from_millis(30));
            let ended_at = Instant::now();
            ended.store(true, Ordering::Relaxed);
            assert_eq!(waiter.join().expect("no panic"), Err(RunEnded));
            assert!(ended_at.elapsed() < Duration::from_secs(1), "left after {:?}", ended_at.elapsed());
        });
    }

    #[test]
    fn a_lock_released_later_is_taken() {
        let mutex = BoundedMutex::new(0);
        std::thread::scope(|scope| {
            let mut guard = mutex.try_lock().expect("free");
            let waiter = scope.spawn(|| *mutex.lock(&|| false).expect("released"));
            std::thread::sleep(Duration::from_millis(20));
            *guard = 7;
            drop(guard);
            assert_eq!(waiter.join().expect("no panic"), 7);
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
}
