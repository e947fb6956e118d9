//! Runs a Python file with the playground's interpreter: `cargo run -p python --example run -- main.py [mode]`.

use python::{run_program, Mode, RunOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: run <file.py> [gil312|gil39|free|onecore]");
        std::process::exit(2);
    };
    let mode = args.next().and_then(|name| Mode::ALL.into_iter().find(|mode| mode.name() == name)).unwrap_or(Mode::Gil312);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        eprintln!("{path}: {error}");
        std::process::exit(2);
    });
    let run = run_program(&source, &RunOptions { mode, ..RunOptions::default() });
    print!("{}", run.stdout());
    eprint!("{}", run.stderr());
    if run.outcome != python::Outcome::Finished {
        std::process::exit(1);
    }
}
