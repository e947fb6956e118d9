//! What only real parallelism shows: free-threaded workers make progress at the same moment,
//! faster together than one core could; the GIL never lets them; the free-threading overhead
//! makes each tick cost more.
//!
//! Recorded "running" intervals cannot tell parallel from interleaved: on one core two free
//! threads are both "running" for the whole run while the OS takes turns between them. So
//! these tests watch the workers' tick counters in short windows instead: in a window where
//! the two together advanced well beyond what the fastest lane alone ever did in a window of
//! that length, they must have been on two cores at once.

use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use engine::{busy_ms, run_natively, run_worker, Clock, Experiment, Mode, NativeClock, Scenario, SharedRun};

/// The tests of this file run one at a time: each needs the cores for itself.
static CORES: Mutex<()> = Mutex::new(());

fn cores_to_myself() -> MutexGuard<'static, ()> {
    CORES.lock().unwrap_or_else(|poison| poison.into_inner())
}

/// How long each window between two looks at the tick counters lasts.
const WINDOW: Duration = Duration::from_millis(2);

/// Two lanes' progress over one window, in ticks per millisecond.
#[derive(Clone, Copy, Debug)]
struct Window {
    rates: [f64; 2],
}

/// Runs `scenario` (two lanes) on threads of its own, noting each lane's tick rate in every
/// window of about [`WINDOW`] until both are done.
fn tick_rates_by_window(scenario: &Scenario) -> Vec<Window> {
    let run = Arc::new(SharedRun::new(scenario, NativeClock.now_ms()));
    let workers: Vec<_> = (0..2)
        .map(|lane| {
            let run = run.clone();
            thread::spawn(move || run_worker(&run, lane, &NativeClock))
        })
        .collect();
    let mut windows = Vec::new();
    let mut last = look(&run);
    while !workers.iter().all(|worker| worker.is_finished()) {
        thread::sleep(WINDOW);
        let now = look(&run);
        if let (Some((last_ticks, last_at)), Some((ticks, at))) = (&last, &now) {
            let ms = at.duration_since(*last_at).as_secs_f64() * 1000.0;
            let rate = |lane: usize| (ticks[lane] - last_ticks[lane]) as f64 / ms;
            windows.push(Window { rates: [rate(0), rate(1)] });
        }
        last = now;
    }
    windows
}

/// The lanes' tick counters and when they were read, if the reading was not interrupted (the
/// OS may stop this thread between reading the counters and the time, which would make the
/// window look shorter than it was).
fn look(run: &SharedRun) -> Option<(Vec<u64>, Instant)> {
    let before = Instant::now();
    let ticks = run.lane_ticks();
    let after = Instant::now();
    (after.duration_since(before) < Duration::from_micros(50)).then_some((ticks, after))
}

/// Windows in which the two lanes together went at least 1.4 times as fast as the fastest
/// single lane ever did: impossible unless both ran on separate cores at the same moments.
fn windows_only_two_cores_explain(windows: &[Window]) -> usize {
    // The 90th percentile of one lane's rate, not the maximum: a window the sampler woke late
    // for reads a little fast.
    let mut single: Vec<f64> = windows.iter().flat_map(|window| window.rates).collect();
    single.sort_by(f64::total_cmp);
    let one_core = single[single.len() * 9 / 10];
    windows.iter().filter(|window| window.rates[0] + window.rates[1] > 1.4 * one_core).count()
}

fn countdown(mode: Mode, count: u64) -> Scenario {
    Scenario { experiment: Experiment::Countdown { count }, mode, workers: 2, ..Scenario::default() }
}

/// Long enough for many windows in either profile.
fn a_countdown_of_a_few_hundred_milliseconds() -> u64 {
    if cfg!(debug_assertions) { 40_000_000 } else { 400_000_000 }
}

#[test]
fn free_threaded_workers_run_at_the_same_time() {
    let _cores = cores_to_myself();
    let cores = thread::available_parallelism().map_or(1, |cores| cores.get());
    assert!(cores >= 2, "running at the same time needs two cores; this process may use {cores}");
    // Other programs may hold one of the cores for a while: up to five runs to find the moments
    // both were free.
    let scenario = countdown(Mode::FreeThreaded, a_countdown_of_a_few_hundred_milliseconds());
    let (mut parallel, mut windows) = (0, 0);
    for _ in 0..5 {
        let run = tick_rates_by_window(&scenario);
        (parallel, windows) = (parallel + windows_only_two_cores_explain(&run), windows + run.len());
        if parallel >= 5 {
            return;
        }
    }
    panic!("{parallel} of {windows} windows showed both lanes at full speed together");
}

#[test]
fn workers_under_the_gil_never_go_faster_together_than_one_alone() {
    let _cores = cores_to_myself();
    let windows = tick_rates_by_window(&countdown(Mode::ThreadsWithGil, a_countdown_of_a_few_hundred_milliseconds()));
    assert!(windows.len() >= 20, "only {} windows", windows.len());
    assert_eq!(windows_only_two_cores_explain(&windows), 0);
}

/// Running time of one free-threaded worker counting down, best of three (the least disturbed
/// by whatever else the machine runs).
fn best_running_ms(overhead_percent: u64) -> f64 {
    let scenario = Scenario {
        free_threading_overhead_percent: overhead_percent,
        workers: 1,
        ..countdown(Mode::FreeThreaded, a_countdown_of_a_few_hundred_milliseconds() / 4)
    };
    (0..3)
        .map(|_| {
            let run = run_natively(&scenario, None);
            let end = run.lanes.iter().filter_map(|events| events.last()).map(|event| event.at_ms).fold(0.0, f64::max);
            busy_ms(&run.lanes, end)
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn the_free_threading_overhead_makes_every_tick_cost_more() {
    let _cores = cores_to_myself();
    // 100 % doubles each slice's time; anything under 1.5 means the overhead was not paid.
    let (plain, taxed) = (best_running_ms(0), best_running_ms(100));
    assert!(taxed > 1.5 * plain, "running time {taxed:.1} ms with a 100 % overhead, {plain:.1} ms without");
}
