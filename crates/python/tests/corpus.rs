//! The differential corpus is the spec: every program under `<workspace>/tests/python/programs`
//! (or `$PYTHON_CORPUS/programs`) runs in each mode its header allows, and its output is
//! compared with what CPython printed. `playground-only/` programs must print the substrings
//! of their `.expect` file. Programs listed in `known_failures.txt` are reported, not failed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use std::sync::Arc;

use python::{run_program, start_program_on_one_thread, Host, Mode, NativeHost, RunOptions, Slice, Stream};

mod tree_harness;

fn corpus_dir() -> PathBuf {
    match std::env::var_os("PYTHON_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/python"),
    }
}

struct Program {
    topic: String,
    name: String,
    source: String,
    expects_error: bool,
    modes: Vec<Mode>,
    stdout: String,
    stderr: String,
}

fn header_modes(source: &str) -> Vec<Mode> {
    let line = source.lines().take(3).find_map(|line| line.strip_prefix("# modes:"));
    match line {
        Some(names) => Mode::ALL.into_iter().filter(|mode| names.split_whitespace().any(|name| name == mode.name())).collect(),
        None => Mode::ALL.to_vec(),
    }
}

fn programs(dir: &Path) -> Vec<Program> {
    let mut programs = Vec::new();
    let Ok(topics) = std::fs::read_dir(dir.join("programs")) else { return programs };
    for topic in topics.flatten() {
        let Ok(files) = std::fs::read_dir(topic.path()) else { continue };
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_none_or(|ext| ext != "py") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let expects_error = source.lines().next().is_some_and(|line| line.contains("corpus: error"));
            programs.push(Program {
                topic: topic.file_name().to_string_lossy().into_owned(),
                name: path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default(),
                modes: header_modes(&source),
                stdout: std::fs::read_to_string(path.with_extension("stdout")).unwrap_or_default(),
                stderr: std::fs::read_to_string(path.with_extension("stderr")).unwrap_or_default(),
                source,
                expects_error,
            });
        }
    }
    programs.sort_by(|a, b| (&a.topic, &a.name).cmp(&(&b.topic, &b.name)));
    programs
}

/// The lines of stderr the runner compares. Of a traceback, every line but the frames of
/// `<stdlib>` files (CPython's own library, whose lines the playground's modules do not have):
/// each `File "main.py"` line with its source line and carets, as CPython 3.11 prints them. Of a
/// syntax error (no traceback), its `File` line and its last line: the caret is the parser's.
fn comparable_stderr(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    if !stderr.contains("Traceback (most recent call last):") && !stderr.contains("Exception in thread ") {
        let last = lines.iter().rev().find(|line| !line.trim().is_empty());
        return lines.first().into_iter().chain(last).map(|line| line.to_string()).collect();
    }
    let mut in_stdlib = false;
    let mut kept = Vec::new();
    for line in lines {
        if line.starts_with("  File ") {
            in_stdlib = !line.starts_with("  File \"main.py\"");
        } else if !line.starts_with("    ") {
            in_stdlib = false;
        }
        if !in_stdlib {
            kept.push(line.to_string());
        }
    }
    kept
}

/// Where a program's threads run.
#[derive(Clone, Copy)]
enum Runner {
    /// Each on a thread of its own.
    Threads,
    /// Taking turns on the test's thread, slice by slice.
    OneThread,
    /// Each process on one thread of its own, asking the keeper of its tree only by messages
    /// (`tree_harness`), as a page's workers do: a wait parks until its reply is delivered
    /// between slices; `shared_words`: `Value` and `Array` in words every process reads and
    /// writes directly.
    OverMessages { shared_words: bool },
}

/// What a program printed on stdout and stderr.
fn printed(source: &str, mode: Mode, runner: Runner) -> (String, String) {
    let time_limit = Duration::from_secs(20);
    match runner {
        Runner::Threads => {
            let run = run_program(source, &RunOptions { mode, time_limit });
            (run.stdout(), run.stderr())
        }
        Runner::OneThread => {
            let mut program = start_program_on_one_thread(source, mode, time_limit, Arc::new(NativeHost)).expect("a GIL mode");
            loop {
                match program.run_slice(Duration::from_millis(20)) {
                    Slice::Ran => {}
                    Slice::IdleUntil(at) | Slice::Waiting(at) => {
                        let now = engine::Clock::now_ms(NativeHost.clock());
                        std::thread::sleep(Duration::from_secs_f64((at - now).max(0.0) / 1000.0));
                    }
                    Slice::Ended(_) => break,
                }
            }
            (program.output.text(Stream::Stdout), program.output.text(Stream::Stderr))
        }
        Runner::OverMessages { shared_words } => {
            let options = tree_harness::TreeOptions { mode, time_limit, stop_once_printed: None, shared_words };
            let run = tree_harness::run_over_messages(source, options);
            (run.output.text(Stream::Stdout), run.output.text(Stream::Stderr))
        }
    }
}

fn check(program: &Program, mode: Mode, runner: Runner) -> Result<(), String> {
    let (stdout, stderr) = printed(&program.source, mode, runner);
    if stdout != program.stdout {
        return Err(format!("stdout differs:\n--- expected\n{}\n--- got\n{}\n--- stderr\n{}", program.stdout, stdout, stderr));
    }
    if program.expects_error || !program.stderr.is_empty() {
        let (expected, got) = (comparable_stderr(&program.stderr), comparable_stderr(&stderr));
        if expected != got {
            return Err(format!("stderr differs:\n--- expected\n{}\n--- got\n{}", expected.join("\n"), got.join("\n")));
        }
    } else if !stderr.is_empty() {
        return Err(format!("unexpected stderr:\n{stderr}"));
    }
    Ok(())
}

fn known_failures() -> Vec<String> {
    let list = include_str!("known_failures.txt");
    list.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).map(str::to_string).collect()
}

#[test]
fn every_corpus_program_prints_what_cpython_printed_in_every_mode() {
    let dir = corpus_dir();
    let programs = programs(&dir);
    if programs.is_empty() {
        eprintln!("no corpus at {}: skipped (it arrives with the corpus branch)", dir.display());
        return;
    }
    let only = std::env::var("PYTHON_CORPUS_ONLY").unwrap_or_default();
    let known = known_failures();
    let mut counts: BTreeMap<(String, &str), (usize, usize)> = BTreeMap::new();
    let mut unexpected = Vec::new();
    for program in programs.iter().filter(|p| only.is_empty() || p.name.contains(&only) || p.topic == only) {
        for mode in &program.modes {
            let id = format!("{}/{}", program.topic, program.name);
            let result = check(program, *mode, Runner::Threads);
            let entry = counts.entry((program.topic.clone(), mode.name())).or_default();
            entry.1 += 1;
            match result {
                Ok(()) => entry.0 += 1,
                Err(why) if known.contains(&id) => eprintln!("known failure {id} [{}]: {}", mode.name(), why.lines().next().unwrap_or("")),
                Err(why) => unexpected.push(format!("{id} [{}]: {why}", mode.name())),
            }
        }
    }
    for ((topic, mode), (passed, total)) in &counts {
        eprintln!("{topic:>12} {mode:>8}: {passed}/{total}");
    }
    let passed: usize = counts.values().map(|c| c.0).sum();
    let total: usize = counts.values().map(|c| c.1).sum();
    eprintln!("corpus: {passed}/{total} program runs match CPython");
    assert!(unexpected.is_empty(), "{} unexpected failures:\n{}", unexpected.len(), unexpected.join("\n\n"));
}

#[test]
fn every_mode_independent_corpus_program_prints_the_same_with_its_threads_on_one_thread() {
    let programs = programs(&corpus_dir());
    let only = std::env::var("PYTHON_CORPUS_ONLY").unwrap_or_default();
    let known = known_failures();
    let mut unexpected = Vec::new();
    let mut ran = 0;
    // Processes do not run on one thread yet: a page without shared memory will start each on
    // a worker of its own (issue 14), its threads taking turns there.
    let independent = programs.iter().filter(|p| p.modes.len() == Mode::ALL.len() && p.topic != "multiprocessing");
    for program in independent.filter(|p| only.is_empty() || p.name.contains(&only) || p.topic == only) {
        for mode in [Mode::Gil312, Mode::Gil39] {
            let id = format!("{}/{}", program.topic, program.name);
            ran += 1;
            match check(program, mode, Runner::OneThread) {
                Ok(()) => {}
                Err(why) if known.contains(&id) => eprintln!("known failure {id} [{}]: {}", mode.name(), why.lines().next().unwrap_or("")),
                Err(why) => unexpected.push(format!("{id} [{} on one thread]: {why}", mode.name())),
            }
        }
    }
    eprintln!("corpus on one thread: {}/{ran} program runs match CPython", ran - unexpected.len());
    assert!(unexpected.is_empty(), "{} unexpected failures:\n{}", unexpected.len(), unexpected.join("\n\n"));
}

#[test]
fn playground_only_programs_print_the_expected_messages() {
    let dir = corpus_dir().join("playground-only");
    let Ok(files) = std::fs::read_dir(&dir) else {
        eprintln!("no playground-only corpus at {}: skipped", dir.display());
        return;
    };
    let known = known_failures();
    let mut unexpected = Vec::new();
    for file in files.flatten() {
        let path = file.path();
        if path.extension().is_none_or(|ext| ext != "py") {
            continue;
        }
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let expected = std::fs::read_to_string(path.with_extension("expect")).unwrap_or_default();
        // Generous where no time limit is expected: a thousand threads on a crowded machine are slow.
        let time_limit = if expected.contains("time limit") { Duration::from_secs(2) } else { Duration::from_secs(60) };
        for mode in header_modes(&source) {
            let run = run_program(&source, &RunOptions { mode, time_limit });
            let text = format!("{}{}", run.stdout(), run.stderr());
            let missing: Vec<&str> = expected.lines().filter(|line| !line.is_empty() && !text.contains(line)).collect();
            if !missing.is_empty() && !known.contains(&format!("playground-only/{name}")) {
                unexpected.push(format!("{name} [{}]: missing {missing:?} in:\n{text}", mode.name()));
            }
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n\n"));
}

#[test]
fn every_multiprocessing_program_prints_the_same_with_processes_that_exchange_only_messages() {
    check_every_multiprocessing_program(Runner::OverMessages { shared_words: false }, "over messages");
}

#[test]
fn every_multiprocessing_program_prints_the_same_with_values_and_arrays_in_shared_words() {
    check_every_multiprocessing_program(Runner::OverMessages { shared_words: true }, "over messages, shared words");
}

/// Runs every multiprocessing program of the corpus (or those `PYTHON_CORPUS_ONLY` names) under
/// the 3.12 GIL with `runner`, `how` naming it in the report; fails listing each mismatch.
fn check_every_multiprocessing_program(runner: Runner, how: &str) {
    let programs = programs(&corpus_dir());
    let only = std::env::var("PYTHON_CORPUS_ONLY").unwrap_or_default();
    let mut unexpected = Vec::new();
    let mut ran = 0;
    let multiprocessing = programs.iter().filter(|p| p.topic == "multiprocessing" && p.modes.contains(&Mode::Gil312));
    for program in multiprocessing.filter(|p| only.is_empty() || p.name.contains(&only) || p.topic == only) {
        ran += 1;
        if let Err(why) = check(program, Mode::Gil312, runner) {
            unexpected.push(format!("multiprocessing/{} [{how}]: {why}", program.name));
        }
    }
    eprintln!("multiprocessing {how}: {}/{ran} programs match CPython", ran - unexpected.len());
    assert!(ran > 0 || programs.is_empty(), "no multiprocessing program in the corpus");
    assert!(unexpected.is_empty(), "{} unexpected failures:\n{}", unexpected.len(), unexpected.join("\n\n"));
}
