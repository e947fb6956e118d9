//! The hook that owns the Program panel's running program: starts it on the program pool's
//! workers, polls it every [`POLL_EVERY_MS`] (topping up the parked workers, reading output and
//! lanes with non-blocking reads; less often while its busy workers fill every core), stops it,
//! and says how it ended.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use engine::LaneHistory;
use python::{Mode, Outcome};
use runtime::{in_a_task_after_ms, program_pool, ProgramStatus, PythonRun};
use yew::prelude::*;

use crate::components::environment_status::core_count;
use crate::program_lanes::{all_finished_ms, busy_workers, program_lanes};
use crate::program_processes::moved_summary;
use crate::program_state::{status_text, OutputView, ProgramView};

/// How often a running program is polled (ms): output appears as it is printed.
const POLL_EVERY_MS: i32 = 50;

/// How often it is polled while its busy workers fill every core (ms): a poll with nothing new
/// took 0.3 ms of the page's thread, twenty times a second, from cores the workers need.
const POLL_WHILE_CORES_ARE_FULL_MS: i32 = 200;

/// How often a running program's lanes are read again (ms): the timeline follows four times a
/// second, and the page's thread is left the rest.
const LANES_EVERY_MS: f64 = 250.0;

/// How often they are read while the program's busy workers fill every core (ms): each reading
/// redraws the timeline, whose rendering, layout and paint would take a share of a core from
/// the workers (the heavy loop's two processes on two cores ran 1.6 times as fast as one,
/// where they can run 1.9 times).
const LANES_WHILE_CORES_ARE_FULL_MS: f64 = 1000.0;

/// The running program and what the panel and the toolbar need to show and steer it.
#[derive(Clone, PartialEq)]
pub struct ProgramRunner {
    /// Runs the source in the mode, with the switch interval (ms) it starts with.
    pub start: Callback<(String, Mode, f64)>,
    /// Presses Stop.
    pub stop: Callback<()>,
    /// Whether a program is running (or stopping).
    pub running: bool,
    /// What the current or last program showed when last read.
    pub view: ProgramView,
    /// How it stands (running, or how it ended), once one has started.
    pub status: Option<String>,
}

/// A started program with the source it runs.
struct Current {
    run: PythonRun,
    source: String,
    /// When the lanes were last read (ms since the start).
    lanes_read_ms: f64,
    /// Whether its busy workers filled every core when the lanes were last read.
    cores_are_full: bool,
    /// The lanes as last read (a lane being written is kept as it was).
    histories: Vec<LaneHistory>,
    /// What the panel shows of it (the state handles a poll holds give their value at the start).
    shown: ProgramView,
}

/// Owns the panel's program.
#[hook]
pub fn use_program_runner() -> ProgramRunner {
    // Started with the page (the panel's first render) and kept: see `program_pool`.
    let pool = use_memo((), |()| program_pool());
    let current = use_mut_ref(|| None::<Current>);
    let view = use_state(ProgramView::default);
    let status = use_state(|| None::<String>);
    let running = use_state(|| false);
    let start = {
        let (current, view, status, running) = (current.clone(), view.clone(), status.clone(), running.clone());
        Callback::from(move |(source, mode, switch_interval_ms): (String, Mode, f64)| {
            if *running {
                return;
            }
            let switch_interval = Duration::from_micros((switch_interval_ms * 1000.0).round() as u64);
            let run = PythonRun::start(&source, mode, switch_interval, core_count(), &pool);
            *current.borrow_mut() = Some(Current { run, source, lanes_read_ms: f64::NEG_INFINITY, cores_are_full: false, histories: Vec::new(), shown: ProgramView::default() });
            view.set(ProgramView::default());
            status.set(Some("Running…".to_owned()));
            running.set(true);
            poll_later(current.clone(), view.clone(), status.clone(), running.clone());
        })
    };
    let stop = {
        let current = current.clone();
        Callback::from(move |()| {
            if let Some(current) = current.borrow().as_ref() {
                current.run.stop();
            }
        })
    };
    ProgramRunner { start, stop, running: *running, view: (*view).clone(), status: (*status).clone() }
}

/// A state the poll sets (its value read through it is the one it had when the program started).
type Shared<T> = UseStateHandle<T>;

/// Polls the program after [`POLL_EVERY_MS`] (or [`POLL_WHILE_CORES_ARE_FULL_MS`]), and again
/// until it has ended and its last output and lanes are read.
fn poll_later(current: Rc<RefCell<Option<Current>>>, view: Shared<ProgramView>, status: Shared<Option<String>>, running: Shared<bool>) {
    let cores_are_full = current.borrow().as_ref().is_some_and(|current| current.cores_are_full);
    let delay_ms = if cores_are_full { POLL_WHILE_CORES_ARE_FULL_MS } else { POLL_EVERY_MS };
    in_a_task_after_ms(delay_ms, move || {
        let ended = poll(&current, &view, &status);
        if ended {
            running.set(false);
        } else {
            poll_later(current, view, status, running);
        }
    });
}

/// Reads the program once; true once it has ended and everything it printed is shown.
fn poll(current: &RefCell<Option<Current>>, view: &Shared<ProgramView>, status: &Shared<Option<String>>) -> bool {
    let mut current = current.borrow_mut();
    let Some(current) = current.as_mut() else { return true };
    current.run.poll();
    let state = current.run.status();
    let ended = state != ProgramStatus::Running;
    let now_ms = current.run.elapsed_ms();
    let mut next = current.shown.clone();
    let mut complete = true;
    match current.run.output() {
        Some((lines, dropped)) => next.output = OutputView { lines: lines.into(), dropped },
        None => complete = false,
    }
    let lanes_every_ms = if current.cores_are_full { LANES_WHILE_CORES_ARE_FULL_MS } else { LANES_EVERY_MS };
    if ended || now_ms - current.lanes_read_ms >= lanes_every_ms {
        current.histories = current.run.lanes(&current.histories);
        // An ended program's axis ends with its last thread.
        next.now_ms = all_finished_ms(&current.histories).filter(|_| ended).unwrap_or(now_ms);
        next.lanes = program_lanes(&current.histories, now_ms, next.now_ms.max(1.0)).into();
        let processes = current.run.processes();
        current.cores_are_full = busy_workers(&current.histories, &processes) >= core_count();
        if *next.processes != *processes {
            next.processes = processes.into();
        }
        current.lanes_read_ms = now_ms;
    }
    if next != current.shown {
        current.shown = next.clone();
        view.set(next.clone());
    }
    if ended && complete {
        let mut text = status_text(&state, next.now_ms, &current.source, &next.output);
        if state == ProgramStatus::Ended(Outcome::Finished) {
            text.push_str(&moved_summary(&next.processes));
        }
        status.set(Some(text));
        return true;
    }
    false
}
