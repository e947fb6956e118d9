//! Benchmark: each CPU kernel's speed natively, for comparison with the same engine code in the
//! browser. Runs every CPU-bound catalogue experiment (the A rows) that has a single-worker mode
//! at its default size on one worker, or only those whose ids are given as arguments (`A2 A7`),
//! and prints one JSON object: experiment id -> `{"busy_ms": …, "cpu_ms": …}`, the time spent
//! running as the recorder measures it on both sides, and the worker thread's CPU time (Linux's
//! `/proc/thread-self/schedstat`; `null` elsewhere), which other programs on a loaded machine do
//! not inflate. `--list` prints the ids only. Run by `scripts/bench`, kernel by kernel between
//! the browser's runs of the same kernel.

use engine::{run_worker, Clock, ExperimentKind, Mode, NativeClock, RunSummary, Scenario, SharedRun};

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let kernels = ExperimentKind::ALL.iter().filter(|kind| kind.id().starts_with('A') && kind.modes().contains(&Mode::Single));
    if arguments.iter().any(|argument| argument == "--list") {
        let ids: Vec<String> = kernels.map(|kind| format!("\"{}\"", kind.id())).collect();
        println!("[{}]", ids.join(", "));
        return;
    }
    let figures: Vec<String> = kernels
        .filter(|kind| arguments.is_empty() || arguments.iter().any(|id| id == kind.id()))
        .map(|kind| {
            let (busy_ms, cpu_ms) = run_alone(*kind);
            let cpu_ms = cpu_ms.map_or_else(|| "null".to_owned(), |ms| format!("{ms:.1}"));
            format!("\"{}\": {{\"busy_ms\": {busy_ms:.1}, \"cpu_ms\": {cpu_ms}}}", kind.id())
        })
        .collect();
    println!("{{{}}}", figures.join(", "));
}

/// Busy milliseconds of `kind` at its default size, one worker, and the CPU milliseconds of the
/// thread that ran it: this one, through `run_worker` as a browser worker runs it.
fn run_alone(kind: ExperimentKind) -> (f64, Option<f64>) {
    let scenario = Scenario { experiment: kind.default_experiment(), mode: Mode::Single, workers: 1, ..Scenario::default() };
    let run = SharedRun::new(&scenario, NativeClock.now_ms());
    let cpu_before = thread_cpu_ns();
    run_worker(&run, 0, &NativeClock);
    let cpu_ms = thread_cpu_ns().zip(cpu_before).map(|(after, before)| (after - before) as f64 / 1e6);
    (RunSummary::from_lanes(&run.recorder().histories()).busy_ms, cpu_ms)
}

/// Nanoseconds this thread has spent on a CPU (Linux), if known.
fn thread_cpu_ns() -> Option<u64> {
    let schedstat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    schedstat.split_whitespace().next()?.parse().ok()
}
