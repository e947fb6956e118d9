//! The native host: runs a scenario on `std::thread`s. Used by the tests and the benchmark;
//! the browser host (crate `runtime`) does the same with Web Workers.
//!
//! Both kinds of run, with shared memory and without, are driven by one loop ([`drive`]): every
//! lane reports to one channel (a message, or that it left, perhaps failing); the first failure
//! stops the others; the loop ends when every lane has left. So the two cannot drift apart:
//! a failing process thread ends its run as a failing shared-memory worker does.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

use crate::clock::{Clock, NativeClock};
use crate::gil::GilStats;
use crate::process::{PoolReply, ProcessPool, ProcessWorker, ToProcess};
use crate::events::Event;
use crate::run::{panic_message, run_worker, SharedRun};
use crate::scenario::Scenario;
use crate::workload::TaskResult;

/// What a native run left behind.
#[derive(Debug)]
pub struct NativeRun {
    /// Every lane's events.
    pub lanes: Vec<Vec<Event>>,
    /// Every task's result, or `None` when the run was stopped or failed.
    pub results: Option<Vec<TaskResult>>,
    /// Task indices in the order the tasks finished.
    pub completion_order: Vec<usize>,
    /// The GIL's counters, in the threads + GIL mode.
    pub gil: Option<GilStats>,
    /// The first worker failure's message, if any.
    pub failure: Option<String>,
}

/// Runs `scenario` to the end on threads, asking for Stop after `stop_after` if given.
pub fn run_natively(scenario: &Scenario, stop_after: Option<Duration>) -> NativeRun {
    if scenario.mode.shares_memory() {
        run_shared(scenario, stop_after)
    } else {
        run_apart(scenario, stop_after)
    }
}

/// Runs `scenario` to the end on threads that share nothing but messages: the processes mode,
/// and the fallback engine of pages without shared memory, for every mode.
pub fn run_without_shared_memory(scenario: &Scenario) -> NativeRun {
    run_apart(scenario, None)
}

/// What a lane tells the host.
enum News {
    /// An engine message (from a worker without shared memory).
    Message(String),
    /// The lane's thread has ended: normally, or with the failure's message.
    Left(Result<(), String>),
}

/// A run as [`drive`] sees it.
trait DrivenRun {
    /// Takes in a message from `lane`.
    fn receive(&mut self, lane: usize, text: &str);
    /// Ends the run: Stop, or a failure.
    fn stop(&mut self);
}

/// The one message pump of both native hosts: hands messages to `run`, stops it at the first
/// failure (or after `stop_after`), and returns that failure once every one of `lanes` has left.
fn drive(lanes: usize, news: &mpsc::Receiver<(usize, News)>, stop_after: Option<Duration>, run: &mut dyn DrivenRun) -> Option<String> {
    let mut stop_at = stop_after.map(|wait| Instant::now() + wait);
    let (mut left, mut failure) = (0, None);
    while left < lanes {
        let next = match stop_at {
            Some(at) => news.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => news.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        match next {
            Ok((lane, News::Message(text))) => run.receive(lane, &text),
            Ok((_, News::Left(end))) => {
                left += 1;
                if let Err(reason) = end {
                    run.stop();
                    failure.get_or_insert(reason);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                stop_at = None;
                run.stop();
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    failure
}

/// Runs `work` on a thread of its own, which reports to `news` when it has left.
fn spawn_lane(lane: usize, news: mpsc::Sender<(usize, News)>, work: impl FnOnce() + Send + 'static) {
    thread::spawn(move || {
        let outcome = panic::catch_unwind(AssertUnwindSafe(work));
        let end = outcome.map_err(|panic| panic_message(&*panic).unwrap_or_else(|| "a worker panicked".to_owned()));
        let _ = news.send((lane, News::Left(end)));
    });
}

impl DrivenRun for Arc<SharedRun> {
    fn receive(&mut self, _lane: usize, _text: &str) {}

    fn stop(&mut self) {
        SharedRun::stop(self);
    }
}

fn run_shared(scenario: &Scenario, stop_after: Option<Duration>) -> NativeRun {
    let mut run = Arc::new(SharedRun::new(scenario, NativeClock.now_ms()));
    let (to_host, news) = mpsc::channel();
    for lane in 0..scenario.lanes() {
        let run = run.clone();
        spawn_lane(lane, to_host.clone(), move || run_worker(&run, lane, &NativeClock));
    }
    drop(to_host);
    let failure = drive(scenario.lanes(), &news, stop_after, &mut run);
    NativeRun {
        lanes: run.recorder().snapshot(),
        results: if failure.is_some() || run.is_stopped() { None } else { run.results() },
        completion_order: run.completion_order().unwrap_or_default(),
        gil: run.gil_stats(),
        failure,
    }
}

/// The parent of "processes" that are threads: the pool, and each lane's inbox until the lane
/// is retired or the run ends.
struct Parent {
    pool: ProcessPool,
    inboxes: Vec<Option<mpsc::Sender<String>>>,
    /// Set when the run ends: a lane busy with a task leaves at its next slice.
    ended: Arc<AtomicBool>,
}

impl DrivenRun for Parent {
    fn receive(&mut self, lane: usize, text: &str) {
        let replies = self.pool.receive(lane, text, NativeClock.now_ms()).expect("workers speak the protocol");
        for (lane, reply) in replies {
            match reply {
                PoolReply::Send(message) => {
                    if let Some(inbox) = &self.inboxes[lane] {
                        let _ = inbox.send(message);
                    }
                }
                PoolReply::Retire => self.inboxes[lane] = None,
            }
        }
    }

    fn stop(&mut self) {
        self.ended.store(true, Ordering::Relaxed);
        self.inboxes.iter_mut().for_each(|inbox| *inbox = None);
        self.pool.end_all(NativeClock.now_ms());
    }
}

fn run_apart(scenario: &Scenario, stop_after: Option<Duration>) -> NativeRun {
    let origin = NativeClock.now_ms();
    let ended = Arc::new(AtomicBool::new(false));
    let (to_host, news) = mpsc::channel();
    let inboxes = (0..scenario.lanes()).map(|lane| Some(spawn_process(lane, origin, &ended, to_host.clone()))).collect();
    drop(to_host);
    let mut parent = Parent { pool: ProcessPool::new(scenario, origin), inboxes, ended };
    let failure = drive(scenario.lanes(), &news, stop_after, &mut parent);
    let stopped = parent.ended.load(Ordering::Relaxed);
    let pool = parent.pool;
    NativeRun {
        lanes: pool.recorder().snapshot(),
        results: if stopped { None } else { pool.results() },
        completion_order: pool.completion_order().to_vec(),
        gil: pool.gil_stats(),
        failure,
    }
}

/// A "process": a thread that shares nothing with the parent but text messages. It leaves when
/// its inbox is dropped (retired, or the run ended) or, in a task, once `ended` is set.
fn spawn_process(lane: usize, origin: f64, ended: &Arc<AtomicBool>, news: mpsc::Sender<(usize, News)>) -> mpsc::Sender<String> {
    let (to_worker, inbox) = mpsc::channel::<String>();
    let (ended, to_host) = (ended.clone(), news.clone());
    spawn_lane(lane, news, move || {
        let has_ended = || ended.load(Ordering::Relaxed);
        let mut worker = ProcessWorker::new(&NativeClock, origin).ending_when(&has_ended);
        let mut send = |message: crate::FromProcess| {
            let _ = to_host.send((lane, News::Message(message.encode())));
        };
        send(worker.ready());
        for text in inbox {
            let message = ToProcess::decode(&text).expect("the parent speaks the protocol");
            worker.handle(message, &mut send);
        }
    });
    to_worker
}
