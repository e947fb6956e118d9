//! The interpreter against CPython on the same machine: `cargo run --release -p python --example bench`.
//! Prints a markdown table of times and ratios (figures, never assertions); `BENCH_SCALE=0.1`
//! shrinks every workload.

use std::process::Command;
use std::time::{Duration, Instant};

use python::{run_program, Mode, Outcome, RunOptions};

fn scale() -> f64 {
    std::env::var("BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0)
}

fn countdown(n: u64) -> String {
    format!("def countdown(n):\n    while n > 0:\n        n -= 1\ncountdown({n})\nprint('done')\n")
}

fn monte_carlo(n: u64) -> String {
    format!(
        "import random\nrandom.seed(1)\ninside = 0\nfor _ in range({n}):\n    x = random.random()\n    y = random.random()\n    if x * x + y * y <= 1.0:\n        inside += 1\nprint(4 * inside / {n})\n"
    )
}

fn primes(n: u64) -> String {
    format!(
        "def is_prime(k):\n    if k < 2:\n        return False\n    d = 2\n    while d * d <= k:\n        if k % d == 0:\n            return False\n        d += 1\n    return True\nprint(sum(k for k in range({n}) if is_prime(k)))\n"
    )
}

fn threaded_countdown(n: u64, threads: u64) -> String {
    format!(
        "import threading\ndef countdown(n):\n    while n > 0:\n        n -= 1\nts = [threading.Thread(target=countdown, args=({},)) for _ in range({threads})]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint('done')\n",
        n / threads
    )
}

fn thread_start() -> String {
    "import threading, time\ntimes = []\nfor _ in range(100):\n    start = time.perf_counter()\n    t = threading.Thread(target=lambda: None)\n    t.start()\n    times.append(time.perf_counter() - start)\n    t.join()\ntimes.sort()\nprint(f'{times[50] * 1000:.3f}')\n".into()
}

/// Seconds the interpreter takes, and what it printed.
fn ours(source: &str, mode: Mode) -> (f64, String) {
    let started = Instant::now();
    let run = run_program(source, &RunOptions { mode, time_limit: Duration::from_secs(600) });
    let seconds = started.elapsed().as_secs_f64();
    if run.outcome != Outcome::Finished {
        eprintln!("{}", run.stderr());
    }
    (seconds, run.stdout().trim().to_string())
}

/// Seconds `python3` takes, and what it printed; `None` without a python3.
fn cpython(source: &str) -> Option<(f64, String)> {
    let started = Instant::now();
    let output = Command::new("python3").arg("-c").arg(source).output().ok()?;
    Some((started.elapsed().as_secs_f64(), String::from_utf8_lossy(&output.stdout).trim().to_string()))
}

fn main() {
    let s = scale();
    let n = |base: f64| (base * s) as u64;
    println!("| workload | interpreter (s) | CPython (s) | speed against CPython |");
    println!("|---|---|---|---|");
    for (name, source) in [
        ("countdown 10M", countdown(n(10_000_000.0))),
        ("Monte Carlo pi 1M", monte_carlo(n(1_000_000.0))),
        ("sum of primes < 200,000", primes(n(200_000.0))),
    ] {
        let (mine, printed) = ours(&source, Mode::Gil312);
        match cpython(&source) {
            Some((theirs, expected)) => {
                let same = if printed == expected { "" } else { " (outputs differ!)" };
                println!("| {name} | {mine:.2} | {theirs:.2} | {:.2}×{same} |", theirs / mine);
            }
            None => println!("| {name} | {mine:.2} | – | – |"),
        }
    }
    let total = n(10_000_000.0);
    let (one, _) = ours(&threaded_countdown(total, 1), Mode::Gil312);
    let (two_gil, _) = ours(&threaded_countdown(total, 2), Mode::Gil312);
    let (one_free, _) = ours(&threaded_countdown(total, 1), Mode::Free);
    let (two_free, _) = ours(&threaded_countdown(total, 2), Mode::Free);
    println!();
    println!("| threads | figure |");
    println!("|---|---|");
    println!("| two threads under the 3.12 GIL against one (time ratio) | {:.2} |", two_gil / one);
    println!("| free-threaded, two threads: speed-up | {:.2} |", one_free / two_free);
    let (_, median) = ours(&thread_start(), Mode::Gil312);
    println!("| starting a thread, median of 100 (ms) | {median} |");
}
