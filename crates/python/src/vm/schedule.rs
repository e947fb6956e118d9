//! Check points and waits: where a running thread notices Stop, the time limit and a GIL drop
//! request, and how a blocked thread lets the GIL go, waits in slices that notice Stop, and
//! finds out that every thread waits for another (a deadlock).
//!
//! The GIL is the engine's ([`engine::Gil`]); time comes through the engine's [`Clock`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use engine::{try_lock_spinning, Gil, GilPolicy, Recorder, WorkerState, WAIT_SLICE};

use super::lanes::{Waiting, MOST_LANES};
use super::Thread;
use crate::objects::exception::Halt;
use crate::host::Host;
use crate::objects::{lock, PyErr, PyResult};

/// How a program's threads share the processor.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// CPython 3.12: a GIL dropped only at backward jumps, calls and function entry.
    Gil312,
    /// CPython 3.9 and earlier: a GIL that may be dropped between any two instructions.
    Gil39,
    /// Free-threaded: no GIL.
    Free,
    /// Every thread takes turns on one core: natively a GIL that may change hands between any
    /// two instructions, so no two threads ever run at once.
    OneCore,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 4] = [Mode::Gil39, Mode::Gil312, Mode::Free, Mode::OneCore];

    /// The mode's name in the corpus headers (`gil312`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Gil312 => "gil312",
            Mode::Gil39 => "gil39",
            Mode::Free => "free",
            Mode::OneCore => "onecore",
        }
    }

    /// Whether any instruction may be interrupted (not only CPython 3.10+'s check points).
    pub fn checks_every_instruction(self) -> bool {
        matches!(self, Mode::Gil39 | Mode::OneCore)
    }
}

/// How often (in check points) the clock is read for the time limit.
const TICKS_PER_CLOCK_READ: u32 = 4096;

/// How many times [`Scheduler::halt`] tries the reason's lock before it halts without writing it.
const HALT_LOCK_TRIES: u32 = 10_000;


/// How long every thread must have been blocked, with nothing released meanwhile, before the
/// run is declared deadlocked.
const DEADLOCK_GRACE_MS: f64 = 300.0;

/// The switch interval (CPython's default, 5 ms).
pub const DEFAULT_SWITCH_INTERVAL: Duration = Duration::from_millis(5);

/// What a blocked thread waits for, for the deadlock report.
struct Blocked {
    thread: Arc<str>,
    what: String,
    has_timeout: bool,
    /// The progress count before its latest failed attempt: a thread that has not looked
    /// again since something was released may be about to go on.
    tried_at: u64,
}

/// Stop, the time limit, the GIL and the threads of one run.
pub struct Scheduler {
    /// The mode.
    pub mode: Mode,
    gil: Option<Gil>,
    /// Where the run's threads start and what time it is.
    pub host: Arc<dyn Host>,
    deadline_ms: f64,
    halt: Mutex<Option<Halt>>,
    halted: std::sync::atomic::AtomicBool,
    /// Python threads started and not yet finished (the main one included).
    live: AtomicUsize,
    /// Bumped by every release, set, put and thread end: a deadlock has none for a while.
    progress: AtomicU64,
    blocked: Mutex<HashMap<u64, Blocked>>,
    /// The next `Thread-N` number.
    pub thread_counter: AtomicU64,
    /// What every thread did, when: a lane per thread, added as it starts.
    pub recorder: Arc<Recorder>,
    /// Whether the threads take turns on the caller's thread (`one_thread.rs`) rather than
    /// each running on a thread of its own.
    takes_turns: bool,
    /// The threads taking turns, between their turns.
    pub(crate) turns: Mutex<super::turns::Turns>,
    /// How deep Python calls may nest (`sys.getrecursionlimit()`: CPython's 1000 at first).
    recursion_limit: AtomicUsize,
    /// `sys.getswitchinterval()` in microseconds, kept in free-threaded mode too (no GIL).
    switch_interval_micros: AtomicU64,
}

impl Scheduler {
    /// A scheduler for a run on `host` that may last `time_limit`.
    pub fn new(mode: Mode, time_limit: Duration, host: Arc<dyn Host>) -> Scheduler {
        let gil = match mode {
            Mode::Free => None,
            _ => Some(Gil::new(GilPolicy::SwitchInterval, DEFAULT_SWITCH_INTERVAL)),
        };
        Scheduler::with_gil(mode, gil, time_limit, host)
    }

    /// A scheduler whose threads take turns on the caller's thread, under `mode`'s switch
    /// rule and without a GIL (no two of them ever run at once).
    pub(crate) fn taking_turns(mode: Mode, time_limit: Duration, host: Arc<dyn Host>) -> Scheduler {
        Scheduler { takes_turns: true, ..Scheduler::with_gil(mode, None, time_limit, host) }
    }

    fn with_gil(mode: Mode, gil: Option<Gil>, time_limit: Duration, host: Arc<dyn Host>) -> Scheduler {
        let started_ms = host.clock().now_ms();
        Scheduler {
            mode,
            gil,
            deadline_ms: started_ms + time_limit.as_secs_f64() * 1000.0,
            takes_turns: false,
            turns: Mutex::new(Default::default()),
            recursion_limit: AtomicUsize::new(super::RECURSION_LIMIT),
            host,
            halt: Mutex::new(None),
            halted: Default::default(),
            live: AtomicUsize::new(0),
            progress: AtomicU64::new(0),
            blocked: Mutex::new(HashMap::new()),
            thread_counter: AtomicU64::new(1),
            recorder: Arc::new(Recorder::growing(MOST_LANES, started_ms)),
            switch_interval_micros: AtomicU64::new(DEFAULT_SWITCH_INTERVAL.as_micros() as u64),
        }
    }

    /// The switch interval (`sys.getswitchinterval()`), to the microsecond as CPython keeps it.
    pub fn switch_interval(&self) -> Duration {
        Duration::from_micros(self.switch_interval_micros.load(Ordering::Relaxed))
    }

    /// Sets the switch interval of the run's GIL (the page's slider before the run,
    /// `sys.setswitchinterval` during it), rounded to the microsecond, at least one.
    pub fn set_switch_interval(&self, interval: Duration) {
        let micros = (interval.as_micros() as u64).max(1);
        self.switch_interval_micros.store(micros, Ordering::Relaxed);
        if let Some(gil) = &self.gil {
            gil.set_switch_interval(Duration::from_micros(micros));
        }
    }

    /// Ends the run: every thread leaves at its next check point. The first reason wins.
    ///
    /// Never waits: the page's main thread calls it, where waiting for a lock traps. The reason
    /// is written under a `try_lock` tried a bounded number of times (others hold the lock only
    /// to read or write one value); the run halts even when it could not be written.
    pub fn halt(&self, reason: Halt) {
        if let Some(mut halt) = try_lock_spinning(&self.halt, HALT_LOCK_TRIES) {
            halt.get_or_insert(reason);
        }
        self.halted.store(true, Ordering::Relaxed);
        if let Some(gil) = &self.gil {
            gil.close();
        }
    }

    /// Presses Stop.
    pub fn stop(&self) {
        self.halt(Halt::Stopped);
    }

    /// Why the run was halted, if it was.
    pub fn halt_reason(&self) -> Option<Halt> {
        lock(&self.halt).clone()
    }

    fn halted_error(&self) -> PyErr {
        PyErr::Halted(self.halt_reason().unwrap_or(Halt::Stopped))
    }

    /// Records that something was released or set: waiting threads may go on.
    pub fn note_progress(&self) {
        self.progress.fetch_add(1, Ordering::SeqCst);
    }

    /// A Python thread starts.
    pub fn thread_started(&self) {
        self.live.fetch_add(1, Ordering::SeqCst);
    }

    /// A Python thread has finished.
    pub fn thread_finished(&self) {
        self.live.fetch_sub(1, Ordering::SeqCst);
        self.note_progress();
    }

    /// Waits, up to `within`, until every Python thread has finished (after the program ended,
    /// each leaves at its next check point or wait slice); whether they all have.
    pub fn wait_for_threads_to_leave(&self, within: Duration) -> bool {
        let give_up_at = self.now_ms() + within.as_secs_f64() * 1000.0;
        while self.live.load(Ordering::SeqCst) > 0 && self.now_ms() < give_up_at {
            std::thread::sleep(Duration::from_millis(1));
        }
        self.live.load(Ordering::SeqCst) == 0
    }

    /// Whether the threads take turns on one thread of the host.
    #[inline]
    pub fn takes_turns(&self) -> bool {
        self.takes_turns
    }

    /// How deep Python calls may nest before `RecursionError`.
    #[inline]
    pub fn recursion_limit(&self) -> usize {
        self.recursion_limit.load(Ordering::Relaxed)
    }

    /// `sys.setrecursionlimit(limit)`.
    pub fn set_recursion_limit(&self, limit: usize) {
        self.recursion_limit.store(limit, Ordering::Relaxed);
    }

    /// Milliseconds on the run's clock.
    pub fn now_ms(&self) -> f64 {
        self.host.clock().now_ms()
    }

    /// The deadlock report when every live thread waits with no timeout.
    fn deadlock(&self) -> Option<String> {
        let blocked = lock(&self.blocked);
        let live = self.live.load(Ordering::SeqCst);
        let progress = self.progress.load(Ordering::SeqCst);
        let stuck = blocked.values().filter(|b| !b.has_timeout && b.tried_at == progress).count();
        if live == 0 || stuck < live {
            return None;
        }
        Some(deadlock_report(blocked.values().map(|b| format!("{} waits for {}", b.thread, b.what)).collect()))
    }

    /// Whether the run has been halted (Stop, the time limit, a deadlock, the program's end).
    pub fn halted(&self) -> bool {
        self.halted.load(Ordering::Relaxed)
    }

    /// When the time limit ends the run, on the run's clock.
    pub fn deadline_ms(&self) -> f64 {
        self.deadline_ms
    }
}

/// What a deadlock report says, from each blocked thread's "X waits for Y".
pub fn deadlock_report(mut waits: Vec<String>) -> String {
    waits.sort();
    format!("deadlock: every thread is blocked and none can wake another ({})", waits.join("; "))
}

impl Thread {
    /// An eval-breaker check point: Stop, the time limit, and a GIL drop request. Inline, it is
    /// two loads and a count (nothing asked, the clock not due); anything else is looked at out
    /// of line (it was a call at every backward jump: 12 % of a countdown's time).
    #[inline(always)]
    pub fn check_point(&mut self) -> PyResult<()> {
        let scheduler = &*self.interp.scheduler;
        let asked = scheduler.halted.load(Ordering::Relaxed) || scheduler.gil.as_ref().is_some_and(Gil::drop_requested);
        if !asked && self.ticks + 1 < TICKS_PER_CLOCK_READ {
            self.ticks += 1;
            return Ok(());
        }
        self.check_point_looking()
    }

    /// A check point at which something was asked, or the clock is due.
    #[inline(never)]
    fn check_point_looking(&mut self) -> PyResult<()> {
        let scheduler = &self.interp.scheduler;
        if scheduler.halted.load(Ordering::Relaxed) {
            return Err(scheduler.halted_error());
        }
        if let Some(gil) = &scheduler.gil {
            if gil.drop_requested() && self.holds_gil {
                self.record(WorkerState::WaitingForGil);
                let scheduler = &self.interp.scheduler;
                if gil.yield_to_waiter(self.lane, scheduler.host.clock()).is_err() {
                    // It let the GIL go and the run was halted before it got it back.
                    self.holds_gil = false;
                    return Err(self.interp.scheduler.halted_error());
                }
                self.record(WorkerState::Running);
            }
        }
        let scheduler = &self.interp.scheduler;
        self.ticks += 1;
        if self.ticks >= TICKS_PER_CLOCK_READ {
            self.ticks = 0;
            let now = scheduler.now_ms();
            if now >= scheduler.deadline_ms {
                scheduler.halt(Halt::TimeLimit);
                return Err(scheduler.halted_error());
            }
            if now >= self.turn_ends_at_ms && self.can_suspend() {
                return Err(PyErr::Suspended(Box::new(super::Effect::Yield)));
            }
        }
        Ok(())
    }

    /// Takes the GIL (in the GIL modes) before running Python.
    pub fn take_gil(&mut self) -> PyResult<()> {
        let scheduler = self.interp.scheduler.clone();
        if let Some(gil) = &scheduler.gil {
            if !self.holds_gil {
                self.record(WorkerState::WaitingForGil);
                gil.take(self.lane, scheduler.host.clock()).map_err(|_| scheduler.halted_error())?;
                self.holds_gil = true;
            }
        }
        self.record(WorkerState::Running);
        Ok(())
    }

    /// Lets the GIL go (before blocking, or when the thread ends).
    pub fn release_gil(&mut self) {
        if let Some(gil) = &self.interp.scheduler.gil {
            if self.holds_gil {
                gil.release(self.lane);
                self.holds_gil = false;
            }
        }
    }

    /// Blocks without the GIL until `attempt` succeeds, the timeout passes (`Ok(None)`), or the
    /// run halts. `attempt` is given the longest it may wait this time and returns `Some` once
    /// it has what it waited for. `waiting` says what it waits on (asked only when the first
    /// attempt fails, so an uncontended lock formats nothing).
    pub fn wait_for<T>(
        &mut self,
        waiting: impl FnOnce(&Thread) -> Waiting,
        timeout: Option<Duration>,
        mut attempt: impl FnMut(Duration) -> Option<T>,
    ) -> PyResult<Option<T>> {
        if let Some(done) = attempt(Duration::ZERO) {
            return Ok(Some(done));
        }
        let scheduler = self.interp.scheduler.clone();
        let started = scheduler.now_ms();
        let end = timeout.map(|timeout| started + timeout.as_secs_f64() * 1000.0);
        let waiting = waiting(self);
        self.record_waiting(&waiting);
        lock(&scheduler.blocked).insert(
            self.ident,
            Blocked { thread: self.name.clone(), what: waiting.report, has_timeout: timeout.is_some(), tried_at: u64::MAX },
        );
        self.release_gil();
        let result = self.wait_slices(&scheduler, end, &mut attempt);
        lock(&scheduler.blocked).remove(&self.ident);
        let result = result?;
        self.take_gil()?;
        Ok(result)
    }

    fn wait_slices<T>(
        &mut self,
        scheduler: &Scheduler,
        end: Option<f64>,
        attempt: &mut impl FnMut(Duration) -> Option<T>,
    ) -> PyResult<Option<T>> {
        let mut progress_seen = scheduler.progress.load(Ordering::SeqCst);
        let mut quiet_since = scheduler.now_ms();
        loop {
            if scheduler.halted.load(Ordering::Relaxed) {
                return Err(scheduler.halted_error());
            }
            let now = scheduler.now_ms();
            if now >= scheduler.deadline_ms {
                scheduler.halt(Halt::TimeLimit);
                return Err(scheduler.halted_error());
            }
            let progress = scheduler.progress.load(Ordering::SeqCst);
            if progress != progress_seen {
                progress_seen = progress;
                quiet_since = now;
            } else if now - quiet_since >= DEADLOCK_GRACE_MS {
                if let Some(report) = scheduler.deadlock() {
                    scheduler.halt(Halt::Deadlock(report));
                    return Err(scheduler.halted_error());
                }
            }
            let remaining = end.map(|end| end - now);
            if remaining.is_some_and(|remaining| remaining <= 0.0) {
                return Ok(attempt(Duration::ZERO));
            }
            let slice = remaining.map_or(WAIT_SLICE, |ms| WAIT_SLICE.min(Duration::from_secs_f64(ms / 1000.0)));
            let before = scheduler.progress.load(Ordering::SeqCst);
            if let Some(done) = attempt(slice) {
                return Ok(Some(done));
            }
            if let Some(blocked) = lock(&scheduler.blocked).get_mut(&self.ident) {
                blocked.tried_at = before;
            }
        }
    }
}
