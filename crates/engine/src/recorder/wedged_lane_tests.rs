//! A worker that traps while writing its recorder lane leaves that lane locked for ever: the
//! other lanes never write it, and a reader gives it up instead of waiting.

use std::sync::mpsc;

use crate::run::wedged_lock_tests::{assert_every_lane_left, long_run, other_lanes_leaving_after, LEAVE_WITHIN};
use crate::Mode;

#[test]
fn a_worker_dead_holding_its_recorder_lane_leaves_no_lane_behind_nor_a_reader() {
    let run = long_run(Mode::ThreadsWithGil);
    let leaving = other_lanes_leaving_after(&run, |run| std::mem::forget(run.recorder().lane(0).unwrap().lock()));
    assert_every_lane_left(&leaving);
    let (read, reading) = mpsc::channel();
    let reader = run.clone();
    std::thread::spawn(move || read.send(reader.recorder().snapshot()));
    // The snapshot gives a lane up after a second of its own retries, which a crowded machine
    // stretches: what counts is that it returns.
    let lanes = reading.recv_timeout(LEAVE_WITHIN * 10).expect("the snapshot gave the locked lane up");
    assert!(lanes[0].is_empty() && lanes[1..].iter().all(|events| !events.is_empty()));
}
