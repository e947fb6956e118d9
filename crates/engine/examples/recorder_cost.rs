//! Benchmark: what leaving the event recorder on costs. Prints the time one `record` takes and
//! the share of a run it would cost at the shortest switch interval (the most events a lane can
//! produce under the GIL: two per turn). Run: `cargo +stable run --release -p engine --example recorder_cost`.

use std::time::Instant;

use engine::{Clock, NativeClock, Recorder, WorkerState, MIN_SWITCH_INTERVAL_MS};

const RECORDS: u32 = 2_000_000;

fn main() {
    let clock = NativeClock;
    let recorder = Recorder::new(1, clock.now_ms());
    let states = [WorkerState::Running, WorkerState::WaitingForGil];
    let started = Instant::now();
    for i in 0..RECORDS {
        recorder.record(0, states[(i % 2) as usize], &clock);
    }
    let per_record_ns = started.elapsed().as_secs_f64() * 1e9 / f64::from(RECORDS);
    let records_per_ms = 2.0 / MIN_SWITCH_INTERVAL_MS;
    let share = per_record_ns * records_per_ms / 1e6;
    println!("one record: {per_record_ns:.0} ns (clock reading included)");
    println!(
        "at the shortest switch interval ({MIN_SWITCH_INTERVAL_MS} ms, {records_per_ms:.0} records per ms per worker): {:.3} % of run time (target < 3 %)",
        share * 100.0
    );
}
