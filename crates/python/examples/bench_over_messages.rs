//! The process programs of `tests/bench/python/` with every process on one thread of its own,
//! asking the keeper of its tree only by encoded messages (`tests/tree_harness`, as a page's
//! workers will), for `scripts/bench` (`BENCH_ONLY=python`):
//! `cargo run --release -p python --example bench_over_messages -- [repeats]`. Prints one JSON
//! object, `{"programs": {file: {"over messages": [{"name": "value", …}, …]}}}`, as the
//! `bench` example prints its runners. Figures, never assertions.

use std::path::Path;
use std::time::Duration;

use python::{Outcome, Stream};

#[path = "../tests/tree_harness/mod.rs"]
mod tree_harness;

/// The programs that start processes.
const PROGRAMS: [&str; 2] = ["process_start.py", "process_round_trips.py"];

fn main() {
    let repeats = std::env::args().nth(1).and_then(|text| text.parse().ok()).unwrap_or(3);
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bench/python");
    let mut programs = Vec::new();
    for name in PROGRAMS {
        let path = directory.join(name);
        let source = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let runs: Vec<String> = (0..repeats).map(|_| run_json(name, &source)).collect();
        programs.push(format!("{name:?}: {{\"over messages\": [{}]}}", runs.join(", ")));
    }
    println!("{{\"programs\": {{{}}}}}", programs.join(", "));
}

/// One run's `name: value` lines as a JSON object of strings.
fn run_json(name: &str, source: &str) -> String {
    let options = tree_harness::TreeOptions { time_limit: Duration::from_secs(600), ..Default::default() };
    let run = tree_harness::run_over_messages(source, options);
    assert_eq!(run.outcome, Outcome::Finished, "{name} over messages:\n{}", run.output.text(Stream::Stderr));
    let stdout = run.output.text(Stream::Stdout);
    let lines: Vec<String> = stdout.lines().filter_map(|line| line.split_once(": ")).map(|(name, value)| format!("{name:?}: {value:?}")).collect();
    format!("{{{}}}", lines.join(", "))
}
