//! Every experiment of the catalogue, run natively in every mode it lists, with small sizes:
//! the answers are right, and the queue's waits (pool.apply, a serial share) and background
//! work (the convoy) behave as the catalogue says.

mod common;

use common::small_experiments;
use engine::{
    intervals, io_response_times_ms, run_natively, Event, Experiment, ExperimentKind, Mode, NativeRun, PoolCall,
    RunResult, Scenario, WorkerState,
};

fn scenario(experiment: Experiment, mode: Mode, workers: usize) -> Scenario {
    Scenario { experiment, mode, workers, switch_interval_ms: 1.0, ..Scenario::default() }
}

fn finished(scenario: &Scenario) -> (NativeRun, RunResult) {
    let run = run_natively(scenario, None);
    let results = run.results.as_ref().unwrap_or_else(|| panic!("{scenario:?} did not finish: {:?}", run.failure));
    let answer = scenario.experiment.combine(results, &run.completion_order);
    (run, answer)
}

#[test]
fn every_experiment_gives_its_answer_in_every_mode_it_lists() {
    for (experiment, expected) in small_experiments() {
        for &mode in experiment.kind().modes() {
            let (_, answer) = finished(&scenario(experiment.clone(), mode, 3));
            assert_eq!(answer, expected, "{:?} in {mode:?}", experiment.kind());
        }
    }
}

#[test]
fn the_catalogue_covers_rows_a1_to_a7_and_b1_to_b4() {
    let ids: Vec<_> = ExperimentKind::ALL.iter().map(|kind| kind.id()).collect();
    assert_eq!(ids, ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "B1", "B2", "B3", "B4"]);
}

fn running_intervals(lanes: &[Vec<Event>]) -> Vec<Vec<(f64, f64)>> {
    lanes
        .iter()
        .map(|events| {
            let end = events.last().map_or(0.0, |e| e.at_ms);
            intervals(events, end)
                .into_iter()
                .filter(|i| i.state == WorkerState::Running && i.duration_ms() > 0.0)
                .map(|i| (i.start_ms, i.end_ms))
                .collect()
        })
        .collect()
}

fn lanes_overlap(lanes: &[Vec<Event>]) -> bool {
    let running = running_intervals(lanes);
    running.iter().enumerate().any(|(a, lane_a)| {
        running[a + 1..].iter().any(|lane_b| lane_a.iter().any(|x| lane_b.iter().any(|y| x.0 < y.1 && y.0 < x.1)))
    })
}

#[test]
fn pool_apply_runs_one_call_at_a_time_even_with_processes() {
    let apply = Experiment::PoolCalls { call: PoolCall::Apply, numbers: 6, exponent: 2, work: 2_000_000 };
    let (run, answer) = finished(&scenario(apply, Mode::Processes, 3));
    assert_eq!(answer, RunResult::PoolCall { call: PoolCall::Apply, values: vec![1, 4, 9, 16, 25, 36] });
    assert!(!lanes_overlap(&run.lanes), "two calls ran at once");
}

#[test]
fn pool_apply_async_lists_every_result_once() {
    let calls = Experiment::PoolCalls { call: PoolCall::ApplyAsync, numbers: 6, exponent: 2, work: 100_000 };
    let (_, answer) = finished(&scenario(calls, Mode::Processes, 3));
    let RunResult::PoolCall { mut values, .. } = answer else { panic!("not a pool result") };
    values.sort_unstable();
    assert_eq!(values, vec![1, 4, 9, 16, 25, 36]);
}

#[test]
fn a_serial_share_leaves_the_answer_unchanged_and_makes_workers_wait() {
    for mode in [Mode::FreeThreaded, Mode::Processes] {
        // The serial part is long enough (millions of samples) that the other threads have
        // started and asked for work before it ends.
        let plain = scenario(Experiment::MonteCarloPi { samples: 4_000_000, seed: 3 }, mode, 3);
        let with_serial_share = Scenario { serial_percent: 50, ..plain.clone() };
        let (_, expected) = finished(&plain);
        // On a crowded machine the other threads may first run after the serial part: up to
        // three runs to see them wait.
        let mut idle_events = Vec::new();
        for _ in 0..3 {
            let (run, answer) = finished(&with_serial_share);
            assert_eq!(answer, expected, "{mode:?}");
            idle_events.push(run.lanes.iter().flatten().filter(|event| event.state == WorkerState::Idle).count());
            if mode != Mode::FreeThreaded || idle_events.last() >= Some(&2) {
                break;
            }
        }
        if mode == Mode::FreeThreaded {
            assert!(idle_events.iter().any(|idle| *idle >= 2), "the other workers should wait for the serial part: {idle_events:?}");
        }
    }
}

#[test]
fn the_convoy_ends_when_its_io_is_done_and_its_cpu_workers_kept_busy() {
    for mode in ExperimentKind::Convoy.modes() {
        let convoy = scenario(Experiment::Convoy { operations: 20, millis: 1 }, *mode, 3);
        let (run, answer) = finished(&convoy);
        let RunResult::Convoy { operations, busy_ticks } = answer else { panic!("not a convoy result") };
        assert_eq!(operations, 20, "{mode:?}");
        assert!(busy_ticks > 0, "{mode:?}");
        let responses: usize = run.lanes.iter().map(|events| io_response_times_ms(events, 1.0).len()).sum();
        assert_eq!(responses, 20, "{mode:?}: one response time per I/O operation");
    }
}

#[test]
fn the_free_threading_overhead_leaves_the_answer_unchanged() {
    let plain = scenario(Experiment::Countdown { count: 30_000_000 }, Mode::FreeThreaded, 1);
    let taxed = Scenario { free_threading_overhead_percent: 40, ..plain.clone() };
    let (_, expected) = finished(&plain);
    let (_, answer) = finished(&taxed);
    assert_eq!(answer, expected);
}
