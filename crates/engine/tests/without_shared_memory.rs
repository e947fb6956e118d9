//! The fallback engine, natively: every mode on workers that share nothing but messages (as on
//! a page that is not cross-origin isolated), with the GIL as a token passed by the parent.

mod common;

use common::{combined, overlapping_running_intervals, small_experiments};
use std::time::{Duration, Instant};

use engine::{
    intervals, run_natively, run_without_shared_memory, Experiment, FaultPlan, Mode, RunResult, Scenario, WorkerState,
};

fn scenario(experiment: Experiment, mode: Mode, workers: usize) -> Scenario {
    Scenario { experiment, mode, workers, switch_interval_ms: 0.5, ..Scenario::default() }
}

#[test]
fn every_experiment_gives_its_answer_in_every_mode_without_shared_memory() {
    for (experiment, expected) in small_experiments() {
        for &mode in experiment.kind().modes() {
            let scenario = scenario(experiment.clone(), mode, 3);
            let run = run_without_shared_memory(&scenario);
            assert_eq!(combined(&scenario, &run), expected, "{:?} in {mode:?}", experiment.kind());
        }
    }
}

#[test]
fn the_gil_token_never_lets_two_workers_run_at_once() {
    for workers in [2, 3, 5] {
        let scenario = scenario(Experiment::Countdown { count: 30_000_000 }, Mode::ThreadsWithGil, workers);
        let run = run_without_shared_memory(&scenario);
        assert_eq!(overlapping_running_intervals(&run.lanes), 0, "{workers} workers");
        assert!(run.gil.expect("GIL counters").handoffs > 0, "{workers} workers took turns");
    }
}

#[test]
fn free_threaded_workers_without_shared_memory_run_at_the_same_time() {
    let scenario = scenario(Experiment::Countdown { count: 200_000_000 }, Mode::FreeThreaded, 2);
    let run = run_without_shared_memory(&scenario);
    assert!(overlapping_running_intervals(&run.lanes) > 0);
    assert!(run.gil.is_none());
}

#[test]
fn a_blocked_worker_hands_the_gil_token_back() {
    let scenario = scenario(Experiment::Sleep { sleeps: 4, millis: 50 }, Mode::ThreadsWithGil, 4);
    let run = run_without_shared_memory(&scenario);
    assert_eq!(combined(&scenario, &run), RunResult::Slept { sleeps: 4, millis: 50 });
    let blocked: Vec<_> = run
        .lanes
        .iter()
        .map(|events| intervals(events, events.last().map_or(0.0, |e| e.at_ms)))
        .map(|lane| lane.into_iter().find(|i| i.state == WorkerState::Blocked).expect("every worker slept"))
        .collect();
    let latest_start = blocked.iter().map(|i| i.start_ms).fold(0.0, f64::max);
    let earliest_end = blocked.iter().map(|i| i.end_ms).fold(f64::INFINITY, f64::min);
    assert!(latest_start < earliest_end, "all four sleeps were under way at once");
}

#[test]
fn the_convoy_ends_with_its_io_without_shared_memory() {
    for mode in [Mode::ThreadsWithGil, Mode::FreeThreaded] {
        let scenario = scenario(Experiment::Convoy { operations: 20, millis: 1 }, mode, 3);
        let run = run_without_shared_memory(&scenario);
        let RunResult::Convoy { operations, busy_ticks } = combined(&scenario, &run) else { panic!("a convoy result") };
        assert_eq!(operations, 20, "{mode:?}");
        assert!(busy_ticks > 0, "{mode:?}: the CPU-bound company ran");
    }
}

#[test]
fn the_same_seed_gives_the_same_pi_estimate_with_or_without_shared_memory() {
    let experiment = Experiment::MonteCarloPi { samples: 2_000_000, seed: 7 };
    let expected = {
        let scenario = scenario(experiment.clone(), Mode::Single, 1);
        combined(&scenario, &engine::run_natively(&scenario, None))
    };
    for mode in [Mode::Single, Mode::ThreadsWithGil, Mode::FreeThreaded] {
        let scenario = scenario(experiment.clone(), mode, 3);
        assert_eq!(combined(&scenario, &run_without_shared_memory(&scenario)), expected, "{mode:?}");
    }
}

#[test]
fn a_failing_process_thread_ends_the_run_with_its_message_and_stops_the_others() {
    for mode in [Mode::Processes, Mode::ThreadsWithGil, Mode::FreeThreaded] {
        // About a minute of work on one worker: only the failure can end it soon.
        let mut scenario = scenario(Experiment::Countdown { count: 60_000_000_000 }, mode, 3);
        scenario.fault = Some(FaultPlan { lane: 1, after_ms: 30.0 });
        let started = Instant::now();
        let run = run_without_shared_memory(&scenario);
        assert!(run.failure.as_deref().is_some_and(|reason| reason.contains("failed on purpose")), "{mode:?}: {:?}", run.failure);
        assert!(run.results.is_none(), "{mode:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "{mode:?}: the others left after {:?}", started.elapsed());
    }
}

#[test]
fn stop_ends_a_run_without_shared_memory() {
    let scenario = scenario(Experiment::Countdown { count: 60_000_000_000 }, Mode::Processes, 2);
    let started = Instant::now();
    let run = run_natively(&scenario, Some(Duration::from_millis(50)));
    assert!(run.results.is_none() && run.failure.is_none());
    assert!(started.elapsed() < Duration::from_secs(5), "left after {:?}", started.elapsed());
}

#[test]
fn stop_wakes_process_threads_blocked_in_io() {
    let scenario = scenario(Experiment::Sleep { sleeps: 2, millis: 5_000 }, Mode::Processes, 2);
    let started = Instant::now();
    let run = run_natively(&scenario, Some(Duration::from_millis(50)));
    assert!(run.results.is_none());
    assert!(started.elapsed() < Duration::from_secs(1), "left after {:?}", started.elapsed());
}
