//! Benchmark: each CPU kernel's speed natively, for comparison with the same engine code in the
//! browser. Runs every CPU-bound catalogue experiment (the A rows) that has a single-worker mode
//! at its default size on one worker, or only those whose ids are given as arguments (`A2 A7`),
//! and prints one JSON object: experiment id -> busy milliseconds (time spent running, as the
//! recorder measures it on both sides). `--list` prints the ids only. Run by `scripts/bench`, kernel by kernel between the
//! browser's runs of the same kernel.

use engine::{busy_ms, run_natively, ExperimentKind, Mode, Scenario};

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
        .map(|kind| format!("\"{}\": {:.1}", kind.id(), busy_ms_alone(*kind)))
        .collect();
    println!("{{{}}}", figures.join(", "));
}

/// Busy milliseconds of `kind` at its default size, one worker.
fn busy_ms_alone(kind: ExperimentKind) -> f64 {
    let scenario = Scenario { experiment: kind.default_experiment(), mode: Mode::Single, workers: 1, ..Scenario::default() };
    let run = run_natively(&scenario, None);
    let end_ms = run.lanes.iter().flat_map(|events| events.last()).map(|event| event.at_ms).fold(0.0, f64::max);
    busy_ms(&run.lanes, end_ms)
}
