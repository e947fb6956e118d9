//! One run on workers that share memory (single worker, threads + GIL, free-threaded).
//!
//! The host creates a [`SharedRun`], starts one thread per lane, and calls [`run_worker`] on
//! each. Workers take tasks from the [`TaskQueue`]; each slice of ticks is checked against the
//! interrupt (Stop, GIL drop request, the end of the foreground work for background tasks);
//! blocking waits, and waits for the queue, release the GIL. The host's UI reads the
//! [`Recorder`] and the progress counters while the run goes.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::clock::Clock;
use crate::gil::{Gil, GilClosed, GilPolicy, GilStats};
use crate::queue::{NextTask, TaskQueue};
use crate::events::WorkerState;
use crate::recorder::Recorder;
use crate::scenario::{FaultPlan, Scenario};
use crate::sync::{wait_until, BoundedGuard, BoundedMutex, Deadline, RunEnded, Signal};
use crate::workload::{Running, SliceEnd, TaskResult};
use crate::Mode;

/// Ticks per slice: between slices a worker publishes progress and checks its fault plan.
const SLICE_TICKS: u64 = 4096;

/// The message a worker's panic carries (`panic!("…")` gives a `String` or a `&str`), if any.
/// Hosts show it as the reason a run failed.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> Option<String> {
    payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|text| (*text).to_owned()))
}

/// A Stop that every worker sees within a tick, and that wakes blocked workers. A failed run is
/// stopped too (by its host), so every wait here also ends when a worker fails.
#[derive(Debug, Default)]
pub struct StopSignal {
    stopped: AtomicBool,
    wake: Signal,
}

impl StopSignal {
    /// Asks every worker to stop. Never waits, so the browser's main thread may call it.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
        self.wake.notify_all();
    }

    /// Whether Stop was asked for.
    #[inline]
    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Wakes every sleeper, so that a worker waiting for the queue looks at it again.
    fn wake_all(&self) {
        self.wake.notify_all();
    }

    /// Blocks until `ready` gives a value (asked again after every [`StopSignal::wake_all`])
    /// or Stop (`None`).
    fn wait_for<T>(&self, ready: impl FnMut() -> Option<T>) -> Option<T> {
        wait_until(&self.wake, ready, &|| self.is_stopped(), None).ok().flatten()
    }

    /// Blocks for `wait` unless stopped first. Returns whether the whole wait passed.
    pub fn sleep(&self, wait: Duration, clock: &dyn Clock) -> bool {
        let deadline = Deadline::after(wait, clock);
        wait_until(&self.wake, || None::<()>, &|| self.is_stopped(), Some(deadline)).is_ok()
    }

    /// Takes `mutex`, or gives up once Stop was asked for.
    fn lock<'a, T>(&self, mutex: &'a BoundedMutex<T>) -> Result<BoundedGuard<'a, T>, Leave> {
        mutex.lock(&|| self.is_stopped()).map_err(|RunEnded| Leave::Stopped)
    }
}

/// Everything the workers of one shared-memory run share.
#[derive(Debug)]
pub struct SharedRun {
    queue: BoundedMutex<TaskQueue>,
    foreground_done: AtomicBool,
    total_ticks: u64,
    results: BoundedMutex<Vec<Option<TaskResult>>>,
    gil: Option<Gil>,
    stop: StopSignal,
    recorder: Recorder,
    ticks_done: AtomicU64,
    lane_ticks: Vec<AtomicU64>,
    fault: Option<FaultPlan>,
    /// Extra busy time per tick, as a fraction of the tick (free-threaded mode only).
    tick_overhead: f64,
    /// Whether workers wait at the start for [`SharedRun::release_start`].
    start_held: AtomicBool,
}

impl SharedRun {
    /// A run of `scenario`, started at the clock reading `origin_ms`.
    pub fn new(scenario: &Scenario, origin_ms: f64) -> Self {
        let queue = TaskQueue::new(scenario.plan());
        let free_threaded = scenario.mode == Mode::FreeThreaded;
        SharedRun {
            results: BoundedMutex::new(vec![None; queue.len()]),
            foreground_done: AtomicBool::new(queue.foreground_done()),
            total_ticks: queue.foreground_ticks(),
            queue: BoundedMutex::new(queue),
            gil: scenario.mode.has_gil().then(|| Gil::new(scenario.gil_policy, scenario.switch_interval())),
            stop: StopSignal::default(),
            recorder: Recorder::new(scenario.lanes(), origin_ms),
            ticks_done: AtomicU64::new(0),
            lane_ticks: (0..scenario.lanes()).map(|_| AtomicU64::new(0)).collect(),
            fault: scenario.fault,
            tick_overhead: if free_threaded { scenario.free_threading_overhead_percent as f64 / 100.0 } else { 0.0 },
            start_held: AtomicBool::new(false),
        }
    }

    /// The same run, whose workers wait at the start until [`SharedRun::release_start`] (or
    /// Stop). A host that starts workers one at a time (the browser's page posts a job to each)
    /// then lets them all go at once, and is not kept from starting the last ones by the first.
    pub fn with_start_held(self) -> Self {
        self.start_held.store(true, Ordering::Release);
        self
    }

    /// Lets workers held at the start go. Never waits, so the browser's main thread may call it.
    pub fn release_start(&self) {
        self.start_held.store(false, Ordering::Release);
        self.stop.wake_all();
    }

    /// Stops the run: workers leave within a tick, blocked ones within milliseconds.
    /// Never waits, so the browser's main thread may call it.
    pub fn stop(&self) {
        self.stop.stop();
        if let Some(gil) = &self.gil {
            gil.close();
        }
    }

    /// Whether Stop was asked for.
    pub fn is_stopped(&self) -> bool {
        self.stop.is_stopped()
    }

    /// The run's events.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// The GIL's counters, in the threads + GIL mode.
    pub fn gil_stats(&self) -> Option<GilStats> {
        self.gil.as_ref().map(Gil::stats)
    }

    /// Foreground ticks done so far by all workers, and foreground ticks in all.
    pub fn progress(&self) -> (u64, u64) {
        (self.ticks_done.load(Ordering::Relaxed), self.total_ticks)
    }

    /// Ticks done so far by each worker, background work included (for throughput).
    pub fn lane_ticks(&self) -> Vec<u64> {
        self.lane_ticks.iter().map(|ticks| ticks.load(Ordering::Relaxed)).collect()
    }

    /// Every task's result in task order, once all are in; `None` while some are missing or a
    /// worker is writing one (never waits).
    pub fn results(&self) -> Option<Vec<TaskResult>> {
        let results = self.results.try_lock()?;
        results.iter().cloned().collect()
    }

    /// Task indices in the order the tasks finished (never waits: `None` while it is written).
    pub fn completion_order(&self) -> Option<Vec<usize>> {
        Some(self.queue.try_lock()?.completion_order().to_vec())
    }

    /// The run's GIL, for tests that make a worker die holding its state.
    #[cfg(test)]
    pub(crate) fn gil(&self) -> Option<&Gil> {
        self.gil.as_ref()
    }

    fn next_task(&self) -> Result<NextTask, Leave> {
        Ok(self.stop.lock(&self.queue)?.hand_out())
    }

    fn store_result(&self, index: usize, result: TaskResult) -> Result<(), Leave> {
        self.stop.lock(&self.results)?[index] = Some(result);
        let mut queue = self.stop.lock(&self.queue)?;
        queue.finish(index);
        if queue.foreground_done() {
            self.foreground_done.store(true, Ordering::Relaxed);
        }
        drop(queue);
        self.stop.wake_all();
        Ok(())
    }

    /// The task with this index, started, and whether it runs in the background.
    fn start_task(&self, index: usize) -> Result<(Running, bool), Leave> {
        let queue = self.stop.lock(&self.queue)?;
        Ok((queue.task(index).start(), queue.is_background(index)))
    }

    fn count_ticks(&self, lane: usize, ticks: u64, background: bool) {
        self.lane_ticks[lane].fetch_add(ticks, Ordering::Relaxed);
        if !background {
            self.ticks_done.fetch_add(ticks, Ordering::Relaxed);
        }
    }
}

mod watchdog;
#[cfg(test)]
pub(crate) mod wedged_lock_tests;

pub use watchdog::Watchdog;

/// Runs lane `lane` of `run` on the calling thread until the tasks run out or Stop.
///
/// # Panics
/// When the run's [`FaultPlan`] names this lane, on purpose, once its time has come.
pub fn run_worker(run: &SharedRun, lane: usize, clock: &dyn Clock) {
    let mut worker = Worker { run, lane, clock, holds_gil: false };
    // Leaving early (Stop, or a GIL closed by it) is a normal end for a worker.
    let _ = worker.work();
    worker.finish();
}

/// Why a worker leaves before the tasks run out.
enum Leave {
    Stopped,
}

impl From<GilClosed> for Leave {
    fn from(_: GilClosed) -> Self {
        Leave::Stopped
    }
}

struct Worker<'a> {
    run: &'a SharedRun,
    lane: usize,
    clock: &'a dyn Clock,
    holds_gil: bool,
}

impl Worker<'_> {
    fn work(&mut self) -> Result<(), Leave> {
        if self.run.start_held.load(Ordering::Acquire) {
            let released = || (!self.run.start_held.load(Ordering::Acquire)).then_some(());
            self.run.stop.wait_for(released).ok_or(Leave::Stopped)?;
        }
        self.enter()?;
        loop {
            let index = match self.run.next_task()? {
                NextTask::Run(index) => index,
                NextTask::WaitForEarlier => match self.wait_for_earlier_tasks()? {
                    Some(index) => {
                        self.enter()?;
                        index
                    }
                    None => return Ok(()),
                },
                NextTask::NoneLeft => return Ok(()),
            };
            self.run_task(index)?;
        }
    }

    fn run_task(&mut self, index: usize) -> Result<(), Leave> {
        let (mut running, background) = self.run.start_task(index)?;
        let (stop, gil, foreground_done) = (&self.run.stop, self.run.gil.as_ref(), &self.run.foreground_done);
        // One load per tick in every mode: under the GIL its breaker also says Stop (which closes it).
        let interrupted = || gil.map_or_else(|| stop.is_stopped(), Gil::eval_breaker);
        // Background work also ends with the foreground; foreground ticks check nothing more.
        let interrupted_in_background = || interrupted() || foreground_done.load(Ordering::Relaxed);
        let budget = self.slice_budget();
        loop {
            // Reading the clock costs as much as hundreds of ticks: only when an overhead is set.
            let started_ms = (self.run.tick_overhead > 0.0).then(|| self.clock.now_ms());
            let slice = if background {
                running.run_slice(&interrupted_in_background, budget)
            } else {
                running.run_slice(&interrupted, budget)
            };
            self.pay_tick_overhead(started_ms);
            self.run.count_ticks(self.lane, slice.ticks, background);
            self.fail_if_planned();
            let background_over = background && self.run.foreground_done.load(Ordering::Relaxed);
            match slice.end {
                SliceEnd::Done => {}
                _ if background_over => {}
                SliceEnd::Interrupted | SliceEnd::BudgetSpent => {
                    self.answer_interrupt()?;
                    continue;
                }
                SliceEnd::Block(wait) => {
                    self.block(wait)?;
                    continue;
                }
            }
            return self.run.store_result(index, running.result());
        }
    }

    /// The free-threaded mode's per-tick overhead: busy for that share of the slice's time.
    fn pay_tick_overhead(&self, started_ms: Option<f64>) {
        let Some(started_ms) = started_ms else { return };
        let now = self.clock.now_ms();
        let until = now + (now - started_ms) * self.run.tick_overhead;
        while self.clock.now_ms() < until {
            std::hint::spin_loop();
        }
    }

    /// The next task waits for earlier ones (a serial part, `pool.apply`): idle, without the
    /// GIL, until it may go out (its index) or none are left (`None`).
    fn wait_for_earlier_tasks(&mut self) -> Result<Option<usize>, Leave> {
        self.record(WorkerState::Idle);
        self.release_gil();
        let next = self.run.stop.wait_for(|| match self.run.next_task() {
            Ok(NextTask::WaitForEarlier) => None,
            other => Some(other),
        });
        match next.ok_or(Leave::Stopped)?? {
            NextTask::Run(index) => Ok(Some(index)),
            _ => Ok(None),
        }
    }

    /// Starts running: under the GIL, waits for it first.
    fn enter(&mut self) -> Result<(), Leave> {
        if let Some(gil) = &self.run.gil {
            self.record(WorkerState::WaitingForGil);
            gil.take(self.lane, self.clock)?;
            self.holds_gil = true;
        }
        self.record(WorkerState::Running);
        Ok(())
    }

    /// Ticks per slice: under the check-interval GIL policy, the check interval.
    fn slice_budget(&self) -> u64 {
        match self.run.gil.as_ref().map(Gil::policy) {
            Some(GilPolicy::CheckInterval { ticks }) => ticks.min(SLICE_TICKS),
            _ => SLICE_TICKS,
        }
    }

    /// Between slices: leave on Stop; hand the GIL over if a waiter asked for it (Python 3.2+),
    /// or release and re-take it if anyone waits (Python 3.1).
    fn answer_interrupt(&mut self) -> Result<(), Leave> {
        if self.run.stop.is_stopped() || self.run.gil.as_ref().is_some_and(Gil::is_closed) {
            return Err(Leave::Stopped);
        }
        if let Some(gil) = self.run.gil.as_ref().filter(|gil| matches!(gil.policy(), GilPolicy::CheckInterval { .. })) {
            return self.release_and_retake(gil);
        }
        if let Some(gil) = self.run.gil.as_ref().filter(|gil| gil.drop_requested()) {
            self.record(WorkerState::WaitingForGil);
            self.holds_gil = false;
            gil.yield_to_waiter(self.lane, self.clock)?;
            self.holds_gil = true;
            self.record(WorkerState::Running);
        }
        Ok(())
    }

    /// Python 3.1's periodic release. When another worker held the GIL meanwhile, this worker's
    /// running ends at the release (recorded then, by its time, so no running intervals overlap).
    fn release_and_retake(&mut self, gil: &Gil) -> Result<(), Leave> {
        if !gil.has_waiters() {
            return Ok(());
        }
        let released_at_ms = self.clock.now_ms();
        self.holds_gil = false;
        let retaken = gil.release_and_retake(self.lane);
        if !matches!(retaken, Ok(false)) {
            self.run.recorder.record_at(self.lane, WorkerState::WaitingForGil, released_at_ms);
        }
        retaken?;
        self.holds_gil = true;
        self.record(WorkerState::Running);
        Ok(())
    }

    /// A blocking wait (simulated I/O): the GIL is released for its length.
    fn block(&mut self, wait: Duration) -> Result<(), Leave> {
        self.record(WorkerState::Blocked);
        self.release_gil();
        if !self.run.stop.sleep(wait, self.clock) {
            return Err(Leave::Stopped);
        }
        self.enter()
    }

    fn fail_if_planned(&self) {
        let Some(fault) = self.run.fault.filter(|fault| fault.lane == self.lane) else {
            return;
        };
        if self.clock.now_ms() - self.run.recorder.origin_ms() >= fault.after_ms {
            panic!("{}", fault.message());
        }
    }

    /// Records Done before releasing the GIL, so no Running interval outlives the holding.
    fn finish(&mut self) {
        self.record(WorkerState::Done);
        self.release_gil();
    }

    fn release_gil(&mut self) {
        if let (true, Some(gil)) = (self.holds_gil, &self.run.gil) {
            gil.release(self.lane);
            self.holds_gil = false;
        }
    }

    fn record(&self, state: WorkerState) {
        self.run.recorder.record(self.lane, state, self.clock);
    }
}
