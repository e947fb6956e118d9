//! A worker that traps while holding the GIL's state lock (not the GIL: the mutex around who
//! holds it) leaves it locked for ever; once the run is marked failed, every other lane leaves.

use crate::run::wedged_lock_tests::{assert_every_lane_left, long_run, other_lanes_leaving_after};
use crate::Mode;

#[test]
fn a_worker_dead_holding_the_gil_state_leaves_no_lane_behind() {
    let run = long_run(Mode::ThreadsWithGil);
    let leaving = other_lanes_leaving_after(&run, |run| std::mem::forget(run.gil().expect("a GIL run").state.try_lock()));
    assert_every_lane_left(&leaving);
}
