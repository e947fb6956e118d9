//! The native host: runs a scenario on `std::thread`s. Used by the tests and the benchmark;
//! the browser host (crate `runtime`) does the same with Web Workers.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::clock::{Clock, NativeClock};
use crate::gil::GilStats;
use crate::process::{PoolReply, ProcessPool, ProcessWorker, ToProcess};
use crate::recorder::Event;
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
        run_without_shared_memory(scenario)
    }
}

fn run_shared(scenario: &Scenario, stop_after: Option<Duration>) -> NativeRun {
    let clock = NativeClock;
    let run = SharedRun::new(scenario, clock.now_ms());
    let failure = thread::scope(|scope| {
        let workers: Vec<_> = (0..scenario.lanes())
            .map(|lane| scope.spawn({
                let run = &run;
                move || run_lane_reporting_failure(run, lane)
            }))
            .collect();
        if let Some(wait) = stop_after {
            thread::sleep(wait);
            run.stop();
        }
        workers.into_iter().filter_map(|worker| worker.join().expect("failures are caught")).next()
    });
    NativeRun {
        lanes: run.recorder().snapshot(),
        results: if failure.is_some() || run.is_stopped() { None } else { run.results() },
        completion_order: run.completion_order().unwrap_or_default(),
        gil: run.gil_stats(),
        failure,
    }
}

/// Runs `scenario` to the end on threads that share nothing but messages: the processes mode,
/// and the fallback engine of pages without shared memory, for every mode.
pub fn run_without_shared_memory(scenario: &Scenario) -> NativeRun {
    let clock = NativeClock;
    let origin = clock.now_ms();
    let mut pool = ProcessPool::new(scenario, origin);
    let (to_parent, from_workers) = mpsc::channel::<(usize, String)>();
    let senders: Vec<mpsc::Sender<String>> = (0..scenario.lanes())
        .map(|lane| spawn_process(lane, origin, to_parent.clone()))
        .collect();
    drop(to_parent);
    for (lane, text) in from_workers {
        for (lane, reply) in pool.receive(lane, &text, clock.now_ms()).expect("workers speak the protocol") {
            if let PoolReply::Send(message) = reply {
                senders[lane].send(message).expect("worker alive");
            }
        }
        if pool.results().is_some() {
            break;
        }
    }
    drop(senders);
    NativeRun {
        lanes: pool.recorder().snapshot(),
        results: pool.results(),
        completion_order: pool.completion_order().to_vec(),
        gil: pool.gil_stats(),
        failure: None,
    }
}

/// A "process": a thread that shares nothing with the parent but text messages.
fn spawn_process(lane: usize, origin: f64, to_parent: mpsc::Sender<(usize, String)>) -> mpsc::Sender<String> {
    let (to_worker, inbox) = mpsc::channel::<String>();
    thread::spawn(move || {
        let mut worker = ProcessWorker::new(&NativeClock, origin);
        let mut send = |message: crate::FromProcess| {
            let _ = to_parent.send((lane, message.encode()));
        };
        send(worker.ready());
        for text in inbox {
            let message = ToProcess::decode(&text).expect("the parent speaks the protocol");
            worker.handle(message, &mut send);
        }
    });
    to_worker
}

/// Runs one lane; a failure stops the other workers at once, as the browser host does.
fn run_lane_reporting_failure(run: &SharedRun, lane: usize) -> Option<String> {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| run_worker(run, lane, &NativeClock)));
    outcome.err().map(|panic| {
        run.stop();
        panic_message(&*panic).unwrap_or_else(|| "a worker panicked".to_owned())
    })
}
