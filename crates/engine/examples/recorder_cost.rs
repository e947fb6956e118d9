//! Benchmark: what the event recorder costs. Runs Monte Carlo pi on 2 threads under the GIL at
//! the shortest switch interval (the most events a run can produce) with recording on and off,
//! alternately, and prints one JSON object: the best wall time of each, the events recorded, and the cost
//! in percent. Run by `scripts/bench`; alone: `cargo +stable run --release -p engine --example recorder_cost`.

use std::thread;
use std::time::Instant;

use engine::{run_worker, Clock, Experiment, Mode, NativeClock, Scenario, SharedRun, MIN_SWITCH_INTERVAL_MS};

const SAMPLES: u64 = 200_000_000;
const REPEATS: usize = 7;

fn main() {
    let scenario = Scenario {
        experiment: Experiment::MonteCarloPi { samples: SAMPLES, seed: 1 },
        mode: Mode::ThreadsWithGil,
        workers: 2,
        switch_interval_ms: MIN_SWITCH_INTERVAL_MS,
        ..Scenario::default()
    };
    let (mut on_ms, mut off_ms, mut events) = (Vec::new(), Vec::new(), 0);
    for _ in 0..REPEATS {
        let (wall_ms, recorded) = timed_run(&scenario, true);
        on_ms.push(wall_ms);
        events = recorded;
        off_ms.push(timed_run(&scenario, false).0);
    }
    // The best of several runs: other load on the machine only ever adds time.
    let (on, off) = (best(&on_ms), best(&off_ms));
    println!(
        "{{\"samples\": {SAMPLES}, \"switch_interval_ms\": {MIN_SWITCH_INTERVAL_MS}, \"repeats\": {REPEATS}, \
         \"recording_on_ms\": {on:.1}, \"recording_off_ms\": {off:.1}, \"events_recorded\": {events}, \
         \"cost_percent\": {:.2}}}",
        100.0 * (on / off - 1.0)
    );
}

/// Wall time of one native run in milliseconds, and how many events it recorded.
fn timed_run(scenario: &Scenario, recording: bool) -> (f64, usize) {
    let clock = NativeClock;
    let run = SharedRun::new(scenario, clock.now_ms());
    if !recording {
        run.recorder().switch_off();
    }
    let started = Instant::now();
    thread::scope(|scope| {
        for lane in 0..scenario.lanes() {
            let run = &run;
            scope.spawn(move || run_worker(run, lane, &NativeClock));
        }
    });
    let wall_ms = started.elapsed().as_secs_f64() * 1e3;
    (wall_ms, run.recorder().events_recorded())
}

fn best(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}
