//! A worker that traps while holding a lock never lets go of it: with `panic = "abort"` no guard
//! is dropped and nothing is poisoned. Natively such a death is a guard that is leaked. Once the
//! host marks the run failed (it stops it), every other lane must leave within a second.
//!
//! The queue and the results are tested here; the GIL's state and a recorder lane beside their
//! own modules, with the helpers below.

use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{run_worker, SharedRun};
use crate::clock::NativeClock;
use crate::experiments::Experiment;
use crate::scenario::Scenario;
use crate::Mode;

/// How long the other lanes may take to leave once the run is marked failed.
pub(crate) const LEAVE_WITHIN: Duration = Duration::from_secs(1);
const LANES: usize = 4;

/// A long run of many short tasks, so that every lane goes back to the queue often.
pub(crate) fn long_run(mode: Mode) -> Arc<SharedRun> {
    let experiment = Experiment::HeavyLoop { iterations: 40_000_000_000, parts: 4_000 };
    let scenario = Scenario { experiment, mode, workers: LANES, switch_interval_ms: 1.0, ..Scenario::default() };
    Arc::new(SharedRun::new(&scenario, 0.0))
}

/// Runs lanes 1.. of `run` on threads, lets lane 0 "die" by `die` once they are under way, marks
/// the run failed as a host does, and returns how long each other lane took to leave (`None`:
/// still there after [`LEAVE_WITHIN`]).
pub(crate) fn other_lanes_leaving_after(run: &Arc<SharedRun>, die: impl FnOnce(&SharedRun)) -> Vec<Option<Duration>> {
    let (left, leaving) = mpsc::channel();
    for lane in 1..LANES {
        let (run, left) = (run.clone(), left.clone());
        std::thread::spawn(move || {
            run_worker(&run, lane, &NativeClock);
            let _ = left.send(Instant::now());
        });
    }
    std::thread::sleep(Duration::from_millis(50));
    die(run);
    // Long enough for every other lane to need the lock the dead one holds.
    std::thread::sleep(Duration::from_millis(100));
    let failed_at = Instant::now();
    run.stop();
    (1..LANES).map(|_| leaving.recv_timeout(LEAVE_WITHIN).ok().map(|at| at.saturating_duration_since(failed_at))).collect()
}

pub(crate) fn assert_every_lane_left(leaving: &[Option<Duration>]) {
    assert!(leaving.iter().all(Option::is_some), "lanes still waiting a second after the failure: {leaving:?}");
}

#[test]
fn a_worker_dead_holding_the_task_queue_leaves_no_lane_behind() {
    let run = long_run(Mode::FreeThreaded);
    let leaving = other_lanes_leaving_after(&run, |run| std::mem::forget(run.queue.try_lock()));
    assert_every_lane_left(&leaving);
}

#[test]
fn a_worker_dead_holding_the_results_leaves_no_lane_behind() {
    let run = long_run(Mode::ThreadsWithGil);
    let leaving = other_lanes_leaving_after(&run, |run| std::mem::forget(run.results.try_lock()));
    assert_every_lane_left(&leaving);
}
