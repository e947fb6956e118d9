//! The interpreter against CPython on this machine, for `scripts/bench` (`BENCH_ONLY=python`),
//! which prints the figures: `cargo run --release -p python --example bench -- [repeats]`.
//!
//! Runs each program of `tests/bench/python/` in `python3` and in this build of the interpreter,
//! one after the other, `repeats` times (default 3), so that a machine whose speed drifts
//! slows both alike. Each program times its own work and prints `name: value` lines; this prints
//! one JSON object with every run's lines, by program and by runner (`cpython`, or the
//! interpreter's mode: `gil312`, `free`). Figures, never assertions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use python::{run_program, Mode, Outcome, RunOptions};

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
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bench/python");
    let mut programs = Vec::new();
    for (name, modes) in PROGRAMS {
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
