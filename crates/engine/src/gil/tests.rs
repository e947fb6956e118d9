//! The GIL alone, without workloads: hand-off, drop requests, forced switching, closing, and
//! the three places where it follows `ceval_gil.c` to the letter (the switch counter, the
//! waiter's interval, forced switching on every release).
//!
//! Time that decides behaviour (the switch interval) comes from a [`ManualClock`] the test
//! moves, so those tests do not depend on how fast the machine is; real time is only waited
//! for with generous limits, to see that a thread got somewhere.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

use super::*;
use crate::clock::NativeClock;

/// A clock that stands still until the test moves it.
#[derive(Debug, Default)]
struct ManualClock {
    now_bits: AtomicU64,
}

impl ManualClock {
    fn set_ms(&self, ms: f64) {
        self.now_bits.store(ms.to_bits(), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> f64 {
        f64::from_bits(self.now_bits.load(Ordering::SeqCst))
    }
}

/// Long enough for any thread to get somewhere on a loaded machine.
const PATIENCE: Duration = Duration::from_secs(10);

fn gil_with_interval_ms(ms: u64) -> Arc<Gil> {
    Arc::new(Gil::new(GilPolicy::SwitchInterval, Duration::from_millis(ms)))
}

/// Waits (in real time) until `condition` holds; panics with `what` after [`PATIENCE`].
fn eventually(what: &str, condition: impl Fn() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(started.elapsed() < PATIENCE, "never happened: {what}");
        thread::sleep(Duration::from_micros(200));
    }
}

/// A worker on a thread of its own that takes the GIL and then does something with it.
struct Waiter {
    outcome: mpsc::Receiver<Result<(), GilClosed>>,
}

impl Waiter {
    /// Lane `lane` takes the GIL, then runs `then` while holding it.
    fn start<C: Clock + Send + Sync + 'static>(
        gil: &Arc<Gil>,
        lane: usize,
        clock: Arc<C>,
        then: impl FnOnce(&Gil) + Send + 'static,
    ) -> Self {
        let (gil, (done, outcome)) = (gil.clone(), mpsc::channel());
        thread::spawn(move || {
            let taken = gil.take(lane, clock.as_ref());
            if taken.is_ok() {
                then(&gil);
            }
            let _ = done.send(taken);
        });
        Waiter { outcome }
    }

    /// How its take ended; panics if it has not ended within [`PATIENCE`].
    fn outcome(self) -> Result<(), GilClosed> {
        self.outcome.recv_timeout(PATIENCE).expect("the waiter is still waiting")
    }
}

fn waiting(gil: &Gil) -> usize {
    gil.lock_state().expect("the GIL is open").waiting
}

fn holder(gil: &Gil) -> Option<usize> {
    let state = gil.lock_state().expect("the GIL is open");
    state.held.then_some(state.holder).flatten()
}

#[test]
fn a_free_gil_is_taken_at_once_and_a_release_hands_it_to_the_waiter() {
    let gil = gil_with_interval_ms(5);
    gil.take(0, &NativeClock).unwrap();
    let second = Waiter::start(&gil, 1, Arc::new(NativeClock), |gil| gil.release(1));
    eventually("lane 1 waits", || waiting(&gil) == 1);
    gil.release(0);
    second.outcome().unwrap();
    assert_eq!(gil.stats().handoffs, 1);
    assert_eq!(holder(&gil), None);
}

#[test]
fn a_waiter_asks_for_the_gil_only_after_a_whole_switch_interval() {
    let gil = gil_with_interval_ms(5);
    let clock = Arc::new(ManualClock::default());
    gil.take(0, clock.as_ref()).unwrap();
    let second = Waiter::start(&gil, 1, clock.clone(), |gil| gil.release(1));
    eventually("lane 1 waits", || waiting(&gil) == 1);
    clock.set_ms(4.9);
    thread::sleep(Duration::from_millis(30));
    assert!(!gil.drop_requested(), "asked before the interval was over");
    clock.set_ms(5.0);
    eventually("lane 1 asks for the GIL", || gil.drop_requested());
    assert_eq!(gil.stats().drop_requests, 1);
    gil.yield_to_waiter(0, clock.as_ref()).unwrap();
    second.outcome().unwrap();
    assert!(!gil.drop_requested(), "the request was served");
}

#[test]
fn a_changed_switch_interval_decides_when_a_waiter_asks_for_the_gil() {
    let gil = gil_with_interval_ms(5);
    gil.set_switch_interval(Duration::from_millis(20));
    assert_eq!(gil.switch_interval(), Duration::from_millis(20));
    let clock = Arc::new(ManualClock::default());
    gil.take(0, clock.as_ref()).unwrap();
    let second = Waiter::start(&gil, 1, clock.clone(), |gil| gil.release(1));
    eventually("lane 1 waits", || waiting(&gil) == 1);
    clock.set_ms(19.9);
    thread::sleep(Duration::from_millis(30));
    assert!(!gil.drop_requested(), "asked after the old interval");
    clock.set_ms(20.0);
    eventually("lane 1 asks for the GIL", || gil.drop_requested());
    gil.yield_to_waiter(0, clock.as_ref()).unwrap();
    second.outcome().unwrap();
}

#[test]
fn a_holder_answering_a_drop_request_waits_until_the_waiter_has_run() {
    let gil = gil_with_interval_ms(1);
    gil.take(0, &NativeClock).unwrap();
    let waiter_ran = Arc::new(AtomicU64::new(0));
    let ran = waiter_ran.clone();
    let second = Waiter::start(&gil, 1, Arc::new(NativeClock), move |gil| {
        ran.store(1, Ordering::SeqCst);
        thread::sleep(Duration::from_millis(20));
        gil.release(1);
    });
    eventually("lane 1 asks for the GIL", || gil.drop_requested());
    gil.yield_to_waiter(0, &NativeClock).unwrap();
    assert_eq!(waiter_ran.load(Ordering::SeqCst), 1, "the holder took the GIL back before the waiter ran");
    assert_eq!(holder(&gil), Some(0));
    assert_eq!(gil.stats().handoffs, 2);
    second.outcome().unwrap();
}

#[test]
fn a_release_for_blocking_io_with_a_drop_request_pending_returns_once_the_waiter_holds_the_gil() {
    let gil = gil_with_interval_ms(1);
    gil.take(0, &NativeClock).unwrap();
    let second = Waiter::start(&gil, 1, Arc::new(NativeClock), |_| {});
    eventually("lane 1 asks for the GIL", || gil.drop_requested());
    gil.release(0);
    assert_eq!(holder(&gil), Some(1), "CPython's drop_gil waits for the switch on every drop");
    second.outcome().unwrap();
}

#[test]
fn a_release_with_no_drop_request_returns_at_once() {
    let gil = gil_with_interval_ms(1);
    gil.take(0, &NativeClock).unwrap();
    gil.release(0);
    assert_eq!(holder(&gil), None);
}

#[test]
fn the_switch_counter_moves_only_when_the_holder_changes() {
    let gil = gil_with_interval_ms(5);
    let switches = || gil.lock_state().expect("the GIL is open").switch_number;
    gil.take(0, &NativeClock).unwrap();
    assert_eq!(switches(), 1);
    gil.release(0);
    gil.take(0, &NativeClock).unwrap();
    assert_eq!(switches(), 1, "the same holder took it again: no switch");
    gil.release(0);
    gil.take(1, &NativeClock).unwrap();
    assert_eq!(switches(), 2);
    assert_eq!(gil.stats().handoffs, 1);
}

/// The holder releases the GIL and wins it back before any woken waiter looks (what a
/// scheduler that is slow to wake the waiter does).
fn release_and_win_it_back(gil: &Gil, lane: usize) {
    {
        let mut state = gil.lock_state().expect("the GIL is open");
        state.held = false;
        state.releases += 1;
        state.unclaimed_wake = state.waiting > 0;
        gil.mark_taken(&mut state, lane);
    }
    gil.released.notify_one();
}

#[test]
fn a_waiter_woken_by_a_release_it_lost_waits_a_whole_new_interval() {
    let gil = gil_with_interval_ms(5);
    let clock = Arc::new(ManualClock::default());
    gil.take(0, clock.as_ref()).unwrap();
    let second = Waiter::start(&gil, 1, clock.clone(), |gil| gil.release(1));
    eventually("lane 1 waits", || waiting(&gil) == 1);
    clock.set_ms(3.0);
    release_and_win_it_back(&gil, 0);
    eventually("lane 1 sees the wake-up", || !gil.lock_state().expect("the GIL is open").unclaimed_wake);
    clock.set_ms(7.0);
    thread::sleep(Duration::from_millis(30));
    assert!(!gil.drop_requested(), "the waiter kept its old interval (from 0 ms) across the wake-up");
    clock.set_ms(8.0);
    eventually("lane 1 asks after its new interval", || gil.drop_requested());
    gil.yield_to_waiter(0, clock.as_ref()).unwrap();
    second.outcome().unwrap();
}

#[test]
fn a_waiter_not_woken_asks_for_the_gil_though_its_holder_took_it_again_meanwhile() {
    // Each release wakes one waiter; the other one's interval runs on, and ends with no switch:
    // the holder only took its own GIL back.
    let gil = gil_with_interval_ms(5);
    let clock = Arc::new(ManualClock::default());
    gil.take(0, clock.as_ref()).unwrap();
    let waiters: Vec<_> = (1..3).map(|lane| Waiter::start(&gil, lane, clock.clone(), move |gil| gil.release(lane))).collect();
    eventually("both wait", || waiting(&gil) == 2);
    clock.set_ms(3.0);
    release_and_win_it_back(&gil, 0);
    eventually("one waiter sees the wake-up", || !gil.lock_state().expect("the GIL is open").unclaimed_wake);
    clock.set_ms(5.0);
    eventually("the other asks for the GIL", || gil.drop_requested());
    assert_eq!(gil.stats().drop_requests, 1);
    gil.close();
    for waiter in waiters {
        assert_eq!(waiter.outcome(), Err(GilClosed));
    }
}

#[test]
fn closing_the_gil_lets_every_waiter_leave() {
    let gil = gil_with_interval_ms(1);
    gil.take(0, &NativeClock).unwrap();
    let waiters: Vec<_> = (1..4).map(|lane| Waiter::start(&gil, lane, Arc::new(NativeClock), |_| {})).collect();
    eventually("three wait", || waiting(&gil) == 3);
    gil.close();
    for waiter in waiters {
        assert_eq!(waiter.outcome(), Err(GilClosed));
    }
    assert_eq!(gil.take(0, &NativeClock), Err(GilClosed));
}

#[test]
fn closing_ends_a_holders_wait_for_a_switch() {
    let gil = gil_with_interval_ms(1);
    gil.take(0, &NativeClock).unwrap();
    // A drop request that no waiter will ever answer: only closing can end the forced switch.
    gil.set_drop_request(true);
    let (released, release_returned) = mpsc::channel();
    let holder = gil.clone();
    thread::spawn(move || {
        holder.release(0);
        let _ = released.send(());
    });
    assert!(release_returned.recv_timeout(Duration::from_millis(50)).is_err(), "no switch happened, yet the release returned");
    gil.close();
    release_returned.recv_timeout(PATIENCE).expect("closing ends the wait");
}
