//! A wake-up that cannot be missed: a generation number that every notify increases.
//!
//! A waiter reads the generation while it still sees the state it decided to wait on, then
//! waits for the number to change; whoever changes the state notifies after the change, so a
//! notify that comes between the look and the wait is seen. The inner mutex guards no data and
//! is held only across a load or an increment that cannot panic, so no trapped worker can leave
//! it held. A notifier never blocks on it (the browser's main thread must not): it tries it a
//! few times, and when it stays taken the notify goes ahead without it; a waiter that missed it
//! then wakes at its slice's end.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Tries of the inner lock before a notify goes ahead without it (a waiter holds it for a few
/// instructions).
const NOTIFY_ATTEMPTS: u32 = 256;

/// Wakes waiters when shared state changes.
#[derive(Debug, Default)]
pub struct Signal {
    generation: AtomicU64,
    lock: Mutex<()>,
    wake: Condvar,
}

impl Signal {
    /// A signal nobody waits on yet.
    pub fn new() -> Self {
        Signal::default()
    }

    /// The number of notifies so far: read it before deciding to wait.
    #[inline]
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Wakes one waiter (the others see the new generation at the end of their slice).
    pub fn notify_one(&self) {
        self.advance();
        self.wake.notify_one();
    }

    /// Wakes every waiter. Never waits, so the browser's main thread may call it.
    pub fn notify_all(&self) {
        self.advance();
        self.wake.notify_all();
    }

    fn advance(&self) {
        let _guard = super::try_lock_spinning(&self.lock, NOTIFY_ATTEMPTS);
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Waits at most `up_to` for a notify after generation `seen`; returns at once if one
    /// happened already. May return early: callers look at their state again.
    pub fn wait_past(&self, seen: u64, up_to: Duration) {
        let guard = self.lock.lock().unwrap_or_else(|poison| poison.into_inner());
        if self.generation() != seen {
            return;
        }
        drop(self.wake.wait_timeout(guard, up_to).unwrap_or_else(|poison| poison.into_inner()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_notify_wakes_a_waiter_long_before_its_timeout() {
        let signal = Signal::new();
        let seen = signal.generation();
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let started = Instant::now();
                signal.wait_past(seen, Duration::from_secs(10));
                started.elapsed()
            });
            std::thread::sleep(Duration::from_millis(20));
            signal.notify_one();
            let waited = waiter.join().expect("no panic");
            assert!(waited < Duration::from_secs(5), "woke after {waited:?}");
        });
    }

    #[test]
    fn a_notify_before_the_wait_is_not_missed() {
        let signal = Signal::new();
        let seen = signal.generation();
        signal.notify_all();
        let started = Instant::now();
        signal.wait_past(seen, Duration::from_secs(10));
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
