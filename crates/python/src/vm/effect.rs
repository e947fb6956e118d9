//! Blocking as effects. A native that would block (`_thread` lock `acquire`, `time.sleep`: every
//! blocking path of `threading`, `queue` and `concurrent.futures` ends in one of them) describes
//! what it waits for as an [`Effect`] and hands it to [`Thread::block`], the one place where a
//! thread blocks. There the effect is first tried without waiting; then a thread of its own
//! (an OS thread, a Web Worker) waits for it in the sliced wait of `schedule.rs` (GIL released,
//! Stop, the time limit and deadlock noticed), while a thread that takes turns on one worker
//! (`one_thread.rs`) is parked by its driver: the effect unwinds to the run loop as
//! [`PyErr::Suspended`], the thread's frames stay as they are, and the value the effect gives
//! is pushed as the call's result when the driver resumes it. A request to the tree of
//! processes is an effect too ([`Effect::Process`]): answered at once or within its wait on a
//! thread of its own, or, on one thread whose keeper answers by message, parked until its reply
//! is delivered between slices.

use std::sync::Arc;
use std::time::Duration;

use super::{Thread, Waiting};
use crate::modules::thread::LockCore;
use crate::objects::{PyErr, PyResult, Value};
use crate::process_tree::ProcessWait;
use crate::host::ProcessHost;

/// How much longer than asked a timed wait (a sleep, a timeout) lasts, so that the clocks read
/// in seconds show at least the time asked: a browser without isolation rounds its clock to 0.1
/// or 1 ms, so a wait could end on its exact deadline, and seconds since 1970 as a float lose a
/// fraction of a microsecond. CPython's waits overshoot by more than this anyway.
const CLOCK_ROUNDING_MARGIN_MS: f64 = 0.01;

/// When a wait of `wait_ms` asked at `now_ms` is over on the run's clock: a zero wait at once,
/// any other one [`CLOCK_ROUNDING_MARGIN_MS`] after the time asked.
pub fn timed_wait_end_ms(now_ms: f64, wait_ms: f64) -> f64 {
    if wait_ms > 0.0 { now_ms + wait_ms + CLOCK_ROUNDING_MARGIN_MS } else { now_ms }
}

/// What a blocked thread waits for.
#[derive(Clone)]
pub enum Effect {
    /// Take `lock` (gives True, or False once `deadline_ms` has passed); a reentrant lock
    /// restored by `Condition.wait` gets its count back (`restore_count`). `address` is the
    /// Python object's (`id(lock)`), for the timeline.
    Acquire { lock: Arc<LockCore>, address: usize, deadline_ms: Option<f64>, restore_count: Option<u32> },
    /// `time.sleep` until `until_ms` on the run's clock (gives None).
    Sleep { until_ms: f64 },
    /// Let another runnable thread run (the switch interval has passed): resumes where it was.
    Yield,
    /// Ask the tree of processes (`multiprocessing`) and wait for its reply, which becomes the
    /// call's value on the thread ([`ProcessWait::finish`]).
    Process(Arc<ProcessWait>),
}

impl Effect {
    /// Its value if it is done by `now_ms` without waiting (a free lock, a sleep that is over,
    /// a timeout that has passed), for the thread `ident`.
    pub fn try_now(&self, ident: u64, now_ms: f64) -> Option<Value> {
        self.attempt(ident, Duration::ZERO, now_ms).or_else(|| {
            self.deadline_ms().filter(|deadline| now_ms >= *deadline).map(|_| self.timed_out())
        })
    }

    /// The blocking call's value from what the effect gave, on the thread that blocked (a
    /// reply from the tree of processes is made a Python value there).
    pub fn finish(&self, thread: &mut Thread, value: Value) -> PyResult {
        match self {
            Effect::Process(wait) => wait.finish(thread),
            _ => Ok(value),
        }
    }

    /// The tree of processes it waits for a reply from, if it does.
    pub fn awaited_tree(&self) -> Option<&Arc<dyn ProcessHost>> {
        match self {
            Effect::Process(wait) => Some(wait.tree()),
            _ => None,
        }
    }

    /// Tries it for the thread `ident`, waiting up to `slice` (on a thread of its own).
    fn attempt(&self, ident: u64, slice: Duration, now_ms: f64) -> Option<Value> {
        match self {
            Effect::Acquire { lock, restore_count, .. } => lock.try_take(ident, slice).then(|| {
                if let Some(count) = restore_count {
                    lock.restore_count(*count);
                }
                Value::Bool(true)
            }),
            Effect::Sleep { until_ms } => {
                // Over only when the run's clock says so: a clock rounded to the millisecond
                // (a browser without isolation) reads less than the time slept.
                let left_ms = until_ms - now_ms;
                if left_ms > 0.0 && !slice.is_zero() {
                    std::thread::sleep(slice.min(Duration::from_secs_f64(left_ms / 1000.0)));
                }
                (left_ms <= 0.0).then_some(Value::None)
            }
            Effect::Yield => Some(Value::None),
            Effect::Process(wait) => wait.attempt(slice).then_some(Value::None),
        }
    }

    /// Its value when its deadline passes first: a lock not taken is False.
    fn timed_out(&self) -> Value {
        match self {
            Effect::Acquire { .. } => Value::Bool(false),
            Effect::Process(wait) => {
                wait.time_out();
                Value::None
            }
            Effect::Sleep { .. } | Effect::Yield => Value::None,
        }
    }

    /// When it gives up waiting by itself, if ever.
    pub fn deadline_ms(&self) -> Option<f64> {
        match self {
            Effect::Acquire { deadline_ms, .. } => *deadline_ms,
            Effect::Sleep { until_ms } => Some(*until_ms),
            Effect::Yield => None,
            Effect::Process(wait) => wait.deadline_ms(),
        }
    }

    /// What the timeline and a deadlock report say a thread waiting for it waits on.
    pub fn waiting(&self, thread: &Thread) -> Waiting {
        match self {
            Effect::Acquire { lock, address, .. } => lock.waiting(thread, *address),
            Effect::Sleep { .. } | Effect::Yield => Waiting::sleeping(),
            Effect::Process(wait) => wait.waiting.clone(),
        }
    }
}

impl Thread {
    /// Blocks until `effect` is done; gives its value. The one way a thread blocks.
    pub fn block(&mut self, effect: Effect) -> PyResult {
        let scheduler = self.interp.scheduler.clone();
        if let Some(value) = effect.try_now(self.ident, scheduler.now_ms()) {
            if matches!(effect, Effect::Sleep { .. }) {
                // `time.sleep(0)`: a chance for another thread to run.
                self.check_point()?;
            }
            return effect.finish(self, value);
        }
        if scheduler.takes_turns() {
            if self.can_suspend() {
                return Err(PyErr::Suspended(Box::new(effect)));
            }
            return self.wait_taking_turns(effect);
        }
        self.wait_out(effect)
    }

    /// On a thread of its own: waits in slices, without the GIL.
    fn wait_out(&mut self, effect: Effect) -> PyResult {
        let scheduler = self.interp.scheduler.clone();
        let ident = self.ident;
        let timeout = effect
            .deadline_ms()
            .map(|deadline| Duration::from_secs_f64(((deadline - scheduler.now_ms()) / 1000.0).max(0.0)));
        let done = self.wait_for(|thread| effect.waiting(thread), timeout, |slice| effect.attempt(ident, slice, scheduler.now_ms()))?;
        let value = done.unwrap_or_else(|| effect.timed_out());
        effect.finish(self, value)
    }
}
