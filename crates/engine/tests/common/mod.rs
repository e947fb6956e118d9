//! Helpers shared by the native run tests: small experiments with their answers, a run's
//! combined answer, and overlaps between lanes.

// Each test file uses some of these helpers, not all.
#![allow(dead_code)]

use engine::{intervals, Event, Experiment, NativeRun, PoolCall, RunResult, Scenario, WorkerState};

/// The run's answer.
pub fn combined(scenario: &Scenario, run: &NativeRun) -> RunResult {
    scenario.experiment.combine(run.results.as_ref().expect("the run finished"), &run.completion_order)
}

/// The running intervals of every pair of lanes that overlap in time.
pub fn overlapping_running_intervals(lanes: &[Vec<Event>]) -> usize {
    let running: Vec<Vec<_>> = lanes
        .iter()
        .map(|events| {
            let end = events.last().map_or(0.0, |e| e.at_ms);
            intervals(events, end).into_iter().filter(|i| i.state == WorkerState::Running).collect()
        })
        .collect();
    let mut overlaps = 0;
    for (a, lane_a) in running.iter().enumerate() {
        for lane_b in &running[a + 1..] {
            for x in lane_a {
                overlaps += lane_b.iter().filter(|y| x.start_ms < y.end_ms && y.start_ms < x.end_ms).count();
            }
        }
    }
    overlaps
}


/// A small instance of each experiment, and its expected answer.
pub fn small_experiments() -> Vec<(Experiment, RunResult)> {
    vec![
        (Experiment::Countdown { count: 100_000 }, RunResult::Countdown { remaining: 0, tasks: 3 }),
        (Experiment::SumOfPrimes { limits: vec![10, 100] }, RunResult::PrimeSums(vec![(10, 17), (100, 1_060)])),
        (
            Experiment::Factorial { n: 500, times: 4 },
            RunResult::Factorials { n: 500, times: 4, digits: 1_135, all_equal: true },
        ),
        (
            Experiment::PoolCalls { call: PoolCall::Map, numbers: 4, exponent: 3, work: 10_000 },
            RunResult::PoolCall { call: PoolCall::Map, values: vec![1, 8, 27, 64] },
        ),
        (Experiment::Chunks { chunks: 4, chunk_size: 1_000 }, RunResult::RangeSum { parts: 4, sum: (0..4_000).sum() }),
        (Experiment::HeavyLoop { iterations: 5_000, parts: 5 }, RunResult::RangeSum { parts: 5, sum: (0..5_000).sum() }),
        (Experiment::Sleep { sleeps: 4, millis: 5 }, RunResult::Slept { sleeps: 4, millis: 5 }),
        (
            Experiment::Downloads { urls: 3, min_ms: 2, max_ms: 2, seed: 1 },
            RunResult::Downloaded { urls: 3, latency_ms: 6 },
        ),
        (Experiment::FileCopy { files: 2, megabytes: 2, megabytes_per_second: 1_000 }, RunResult::Copied { files: 2, megabytes: 2 }),
    ]
}

