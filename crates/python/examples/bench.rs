//! The interpreter against CPython on this machine, for `scripts/bench` (`BENCH_ONLY=python`),
//! which prints the figures: `cargo run --release -p python --example bench -- [repeats] [only]`
//! (`only`: the programs whose file name contains it).
//!
//! Runs each program of `tests/bench/python/` in `python3` and in this build of the interpreter,
//! one after the other, `repeats` times (default 3), so that a machine whose speed drifts
//! slows both alike. Each program times its own work and prints `name: value` lines; this prints
//! one JSON object with every run's lines, by program and by runner (`cpython`, or the
//! interpreter's mode: `gil312`, `free`). The process programs run a second way too,
//! `over messages`: every process on one thread of its own asking the keeper of its tree only
//! by encoded messages (`tests/tree_harness`, as a page's workers will). Figures, never
//! assertions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use python::{run_program, Mode, Outcome, RunOptions, Stream};

#[path = "../tests/tree_harness/mod.rs"]
mod tree_harness;

/// The programs also run with processes that exchange only messages.
const OVER_MESSAGES: [&str; 2] = ["process_start.py", "process_round_trips.py"];

/// Each bench program and the interpreter's modes it runs in (CPython runs every one).
const PROGRAMS: [(&str, &[Mode]); 8] = [
    ("countdown.py", &[Mode::Gil312]),
    ("monte_carlo_pi.py", &[Mode::Gil312]),
    ("sum_of_primes.py", &[Mode::Gil312]),
    ("threads_countdown.py", &[Mode::Gil312, Mode::Free]),
    ("thread_start.py", &[Mode::Gil312]),
    ("process_start.py", &[Mode::Gil312]),
    ("process_round_trips.py", &[Mode::Gil312]),
    ("processes_countdown.py", &[Mode::Gil312]),
];

/// What one run printed: each `name: value` line.
type Printed = BTreeMap<String, String>;

fn main() {
    let repeats = std::env::args().nth(1).and_then(|text| text.parse().ok()).unwrap_or(3);
    let only = std::env::args().nth(2).unwrap_or_default();
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bench/python");
    let mut programs = Vec::new();
    for (name, modes) in PROGRAMS.into_iter().filter(|(name, _)| name.contains(only.as_str())) {
        let path = directory.join(name);
        let source = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let mut runs: BTreeMap<&str, Vec<Printed>> = BTreeMap::new();
        for _ in 0..repeats {
            if let Some(printed) = in_cpython(&path) {
                runs.entry("cpython").or_default().push(printed);
            }
            for mode in modes {
                runs.entry(mode.name()).or_default().push(in_the_interpreter(name, &source, *mode));
            }
            if OVER_MESSAGES.contains(&name) {
                runs.entry("over messages").or_default().push(over_messages(name, &source));
            }
        }
        programs.push(format!("{name:?}: {}", runners_json(&runs)));
    }
    println!("{{\"cpython\": {:?}, \"repeats\": {repeats}, \"programs\": {{{}}}}}", cpython_version(), programs.join(", "));
}

/// Runs `source` in the interpreter; a program that does not finish is a broken bench.
fn in_the_interpreter(name: &str, source: &str, mode: Mode) -> Printed {
    let run = run_program(source, &RunOptions { mode, time_limit: Duration::from_secs(600) });
    assert_eq!(run.outcome, Outcome::Finished, "{name} in {}:\n{}", mode.name(), run.stderr());
    printed_lines(&run.stdout())
}

/// Runs `source` with its processes asking their keeper by message.
fn over_messages(name: &str, source: &str) -> Printed {
    let options = tree_harness::TreeOptions { time_limit: Duration::from_secs(600), ..Default::default() };
    let run = tree_harness::run_over_messages(source, options);
    assert_eq!(run.outcome, Outcome::Finished, "{name} over messages:\n{}", run.output.text(Stream::Stderr));
    printed_lines(&run.output.text(Stream::Stdout))
}

/// Runs the program at `path` in `python3`; `None` without one.
fn in_cpython(path: &PathBuf) -> Option<Printed> {
    let output = Command::new("python3").arg(path).output().ok()?;
    output.status.success().then(|| printed_lines(&String::from_utf8_lossy(&output.stdout)))
}

fn cpython_version() -> String {
    Command::new("python3")
        .arg("--version")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_default()
}

fn printed_lines(stdout: &str) -> Printed {
    stdout.lines().filter_map(|line| line.split_once(": ")).map(|(name, value)| (name.to_string(), value.to_string())).collect()
}

/// `{"runner": [{"name": "value", …}, …], …}`; every value a JSON string (the reader parses numbers).
fn runners_json(runs: &BTreeMap<&str, Vec<Printed>>) -> String {
    let runner = |(runner, runs): (&&str, &Vec<Printed>)| {
        let runs: Vec<String> = runs
            .iter()
            .map(|printed| {
                let lines: Vec<String> = printed.iter().map(|(name, value)| format!("{name:?}: {value:?}")).collect();
                format!("{{{}}}", lines.join(", "))
            })
            .collect();
        format!("{runner:?}: [{}]", runs.join(", "))
    };
    format!("{{{}}}", runs.iter().map(runner).collect::<Vec<_>>().join(", "))
}
