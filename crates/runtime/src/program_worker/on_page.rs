//! A program on one worker, seen from the page: the worker is started with the page (a spare,
//! instantiated before the first Run), runs one program and is ended with it (so memory is
//! flat across runs: each program's memory goes with its worker), and a new spare is started.
//! The page keeps what the worker posts: the last lines of output, and the lanes, replayed into
//! a recorder of its own. A program that uses processes runs as the main process of a tree the
//! page keeps (`page_tree.rs`), each child on a program worker of its own; on a cross-origin
//! isolated page they get one `SharedArrayBuffer` with their start, for `Value` and `Array`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::time::Duration;

use engine::{Clock, LaneHistory, LaneNews, Recorder, WorkerState};
use python::{Halt, Mode, Outcome, OutputLine, Stream, MOST_LANES, OUTPUT_LINES_KEPT};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::page_tree::{PageTree, ProgramProcess};
use super::protocol::{decode, encode, Ended, InTree, ProgramNews, StartProgram};
use super::shared_words::new_shared_words;
use crate::live_run::shared_memory_available;
use crate::python_host::PAGE_PROCESS_ID;
use crate::clock::BrowserClock;
use crate::python_run::{ProgramStatus, PROGRAM_TIME_LIMIT};
use crate::short_tasks::in_a_task_after_ms;
use crate::worker_script::{field, message, spawn_worker};

/// How long after Stop the worker has to end the program itself (it hears Stop between slices
/// of 15 ms) before it is terminated: a slice stuck in one long operation (`10**10**7`) ends so.
const STOP_GRACE_MS: f64 = 300.0;

/// How long after a program's end the next spare worker is started (ms): not while the page
/// draws the ended program's last output and lanes, which the new worker's start would slow on
/// a machine with few cores.
const SPARE_AFTER_END_MS: i32 = 500;

/// The longest wait the page sets a timer for, to answer a timed-out wait of a process at its
/// end (ms); the polls answer longer ones.
const EXPIRY_TIMER_AT_MOST_MS: f64 = 60_000.0;

/// How long past the time limit a program may go (the worker's own limit is noticed between
/// slices) before its worker is terminated.
const TIME_LIMIT_GRACE: Duration = Duration::from_secs(2);

/// Spare workers for a program's processes, beside the one for its main program: started at
/// the first Run of a program that starts processes, kept ready after it, and while it runs a
/// spare a process takes is replaced at once (a new worker takes 90–160 ms before it runs
/// anything, on 2 busy cores, but only 10–15 ms of a core), so the workers of a `Pool(2)` start
/// at once, also after two processes took the spares (the heavy loop's Pool started 50–150 ms
/// later than its processes did before).
const SPARES_FOR_PROCESSES: usize = 2;

thread_local! {
    /// Workers started ahead of the next Run or process, their modules instantiated (or being).
    static SPARES: RefCell<Vec<SpareWorker>> = const { RefCell::new(Vec::new()) };
    /// Program workers started and not yet terminated: spares, programs and their processes.
    static LIVE_WORKERS: Cell<usize> = const { Cell::new(0) };
    /// Whether a program worker has been asked to rehearse (the first one the page starts).
    static REHEARSAL_ASKED: Cell<bool> = const { Cell::new(false) };
}

/// A started worker and whether it failed to start.
struct SpareWorker {
    worker: Worker,
    failed: Rc<Cell<bool>>,
}

/// Starts a spare program worker if there is none, so that a Run finds one ready (on a page
/// without shared memory).
pub fn prestart_program_worker() {
    keep_spares(1);
}

/// Starts spare workers until there are `count`.
fn keep_spares(count: usize) {
    SPARES.with_borrow_mut(|spares| {
        while spares.len() < count {
            let Ok(spare) = start_worker() else { return };
            spares.push(spare);
        }
    });
}

/// Program workers alive on this page (started, not yet terminated).
pub fn live_program_workers() -> usize {
    LIVE_WORKERS.get()
}

fn start_worker() -> Result<SpareWorker, String> {
    // Only the page's first program worker rehearses: the code it compiles serves them all.
    let rehearse = !REHEARSAL_ASKED.replace(true);
    let worker = spawn_worker(&message(&[("kind", &"start-program".into()), ("module", &wasm_bindgen::module()), ("rehearse", &rehearse.into())]))?;
    LIVE_WORKERS.set(LIVE_WORKERS.get() + 1);
    let failed = Rc::new(Cell::new(false));
    let noted = failed.clone();
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |_: ErrorEvent| noted.set(true));
    worker.set_onerror(Some(on_error.into_js_value().unchecked_ref()));
    Ok(SpareWorker { worker, failed })
}

/// Terminates a program worker: its memory goes with it.
pub(super) fn end_worker(worker: &Worker) {
    worker.terminate();
    LIVE_WORKERS.set(LIVE_WORKERS.get().saturating_sub(1));
}

/// The oldest spare, or a new worker when there is none (or it failed to start).
fn take_worker() -> Result<Worker, String> {
    match SPARES.with_borrow_mut(|spares| (!spares.is_empty()).then(|| spares.remove(0))) {
        Some(spare) if !spare.failed.get() => Ok(spare.worker),
        Some(failed) => {
            end_worker(&failed.worker);
            start_worker().map(|spare| spare.worker)
        }
        None => start_worker().map(|spare| spare.worker),
    }
}

/// A program running on one worker.
#[derive(Clone)]
pub struct OneWorkerRun {
    state: Rc<RefCell<RunState>>,
}

struct RunState {
    worker: Option<Worker>,
    origin_ms: f64,
    /// The lanes, as the worker's recorder recorded them.
    recorder: Recorder,
    /// The last lines printed.
    lines: VecDeque<OutputLine>,
    /// The line being printed.
    partial: Option<OutputLine>,
    /// Lines printed in all.
    written: u64,
    status: ProgramStatus,
    /// What the worker's panic hook said, before it trapped.
    panic: Option<String>,
    /// When Stop was pressed (a clock reading).
    stop_pressed_ms: Option<f64>,
    /// The program's processes, when it may start some.
    tree: Option<PageTree>,
    /// Lines the children printed (in `written` too).
    child_lines: u64,
    /// Each process's lanes as lanes of `recorder`, by pid (the main process's too, when the
    /// program is a tree's main process).
    process_lanes: HashMap<u32, Vec<Option<usize>>>,
    /// The tree's processes as they were when it ended (while it runs, the tree says).
    ended_processes: Vec<ProgramProcess>,
    /// How the main program was started: its children start alike.
    start: StartProgram,
    /// The words its processes share (`Value`, `Array`) on a cross-origin isolated page;
    /// `undefined` where every access is relayed through the page's keeper.
    shared_words: JsValue,
    /// When the timer set for the keeper's next timed-out wait fires, if one is set.
    expiry_at_ms: Option<f64>,
}

impl OneWorkerRun {
    /// Starts `source` in `mode` on a program worker (the spare if there is one), its threads
    /// taking turns, switching every `switch_interval` until the program sets another, for a
    /// page with `cores`; with `processes`, as the main process of a tree the page keeps, each
    /// child on a worker of its own. Returns at once.
    pub fn start(source: &str, mode: Mode, switch_interval: Duration, cores: usize, processes: bool) -> Self {
        let origin_ms = BrowserClock.now_ms();
        let recorder = Recorder::growing(MOST_LANES, origin_ms);
        // The main thread's lane starts at Run, as on parked workers: the worker's start-up
        // (none when the spare is ready) shows as "starting".
        recorder.add_lane("MainThread", &BrowserClock);
        let start = StartProgram {
            source: source.to_owned(),
            mode: mode.name().to_owned(),
            switch_interval_us: switch_interval.as_micros() as u64,
            cores,
            origin_ms,
            process: processes.then_some(InTree { pid: PAGE_PROCESS_ID, bootstrap: None }),
        };
        let run = OneWorkerRun {
            state: Rc::new(RefCell::new(RunState {
                worker: None,
                origin_ms,
                recorder,
                lines: VecDeque::new(),
                partial: None,
                written: 0,
                status: ProgramStatus::Running,
                panic: None,
                stop_pressed_ms: None,
                tree: None,
                child_lines: 0,
                // The main thread's lane is the recorder's first.
                process_lanes: processes.then(|| (PAGE_PROCESS_ID, vec![Some(0)])).into_iter().collect(),
                ended_processes: Vec::new(),
                start: start.clone(),
                shared_words: if processes && shared_memory_available() { new_shared_words().into() } else { JsValue::UNDEFINED },
                expiry_at_ms: None,
            })),
        };
        match take_worker() {
            Ok(worker) => {
                if processes {
                    // Its first processes' workers start with it, unless kept from a run before.
                    keep_spares(SPARES_FOR_PROCESSES);
                }
                run.watch(&worker);
                let mut state = run.state.borrow_mut();
                let _ = worker.post_message(&message(&[("text", &encode(&start).into()), ("words", &state.shared_words)]));
                state.tree = processes.then(|| PageTree::new(PAGE_PROCESS_ID, worker.clone()));
                state.worker = Some(worker);
            }
            Err(reason) => run.state.borrow_mut().status = ProgramStatus::Failed(reason),
        }
        run
    }

    fn watch(&self, worker: &Worker) {
        let run = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| run.on_message(&event));
        let run = self.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            run.fail(format!("the program's worker could not start: {}", event.message()));
        });
        worker.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
        worker.set_onerror(Some(on_error.into_js_value().unchecked_ref()));
    }

    /// Starts the child `pid`, named `name`, on a spare program worker, running `bootstrap`, and
    /// a spare in its place. Its main thread's lane starts now, so the worker's start-up shows
    /// as "starting".
    fn start_child(&self, pid: u32, name: &str, bootstrap: Vec<u8>) -> Option<Worker> {
        {
            let mut state = self.state.borrow_mut();
            let lane = state.recorder.add_lane(&format!("{name} MainThread"), &BrowserClock);
            state.process_lanes.insert(pid, vec![lane]);
        }
        let worker = take_worker().ok()?;
        let (start, words) = {
            let state = self.state.borrow();
            (StartProgram { source: String::new(), process: Some(InTree { pid, bootstrap: Some(bootstrap) }), ..state.start.clone() }, state.shared_words.clone())
        };
        let run = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| run.on_child_message(pid, &event));
        worker.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
        let _ = worker.post_message(&message(&[("text", &encode(&start).into()), ("words", &words)]));
        keep_spares(SPARES_FOR_PROCESSES);
        Some(worker)
    }

    fn on_child_message(&self, pid: u32, event: &MessageEvent) {
        match field(event, "kind").as_str() {
            "program" => {
                if let Ok(news) = decode::<ProgramNews>(&field(event, "text")) {
                    self.take_letters(pid, &news.letters);
                    self.replay_child_lanes(pid, &news.lanes);
                    if news.ended.is_some() {
                        self.with_tree(|tree, _| {
                            tree.child_ended(pid);
                            Vec::new()
                        });
                    }
                }
            }
            "trapped" => self.with_tree(|tree, _| {
                tree.child_ended(pid);
                Vec::new()
            }),
            _ => {}
        }
    }

    /// Draws a child's lanes, named after it ("Process-1 MainThread"), below the main program's.
    fn replay_child_lanes(&self, pid: u32, news: &LaneNews) {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        let Some(tree) = &state.tree else { return };
        let name = tree.name_of(pid);
        state.recorder.replay_process(news, Some(&name), state.process_lanes.entry(pid).or_default());
    }

    /// Hands the letters of the process `from` to the page's keeper.
    fn take_letters(&self, from: u32, letters: &[Vec<u8>]) {
        if !letters.is_empty() {
            self.with_tree(|tree, start_child| tree.take_letters(from, letters, start_child));
        }
    }

    /// Does `work` on the tree (if the program has one and runs), keeping the lines it gives,
    /// and sets a timer for the keeper's next timed-out wait.
    fn with_tree(&self, work: impl FnOnce(&mut PageTree, &dyn Fn(u32, &str, Vec<u8>) -> Option<Worker>) -> Vec<OutputLine>) {
        let Some(mut tree) = self.state.borrow_mut().tree.take() else { return };
        let lines = work(&mut tree, &|pid, name, bootstrap| self.start_child(pid, name, bootstrap));
        let next_deadline_ms = tree.next_deadline();
        let mut state = self.state.borrow_mut();
        state.keep_child_lines(lines);
        if state.status == ProgramStatus::Running {
            state.tree = Some(tree);
        } else {
            state.end_tree(tree);
            return;
        }
        drop(state);
        if let Some(deadline_ms) = next_deadline_ms {
            self.expire_at(deadline_ms);
        }
    }

    /// Answers the keeper's waits that are over at `deadline_ms` then, not at the next poll
    /// (every 50 ms): `q.get(timeout=0.01)` returns after its 10 ms. A wait longer than
    /// [`EXPIRY_TIMER_AT_MOST_MS`] is left to the polls.
    fn expire_at(&self, deadline_ms: f64) {
        let mut state = self.state.borrow_mut();
        let delay_ms = deadline_ms - BrowserClock.now_ms();
        if delay_ms > EXPIRY_TIMER_AT_MOST_MS || state.expiry_at_ms.is_some_and(|set_ms| set_ms <= deadline_ms) {
            return;
        }
        state.expiry_at_ms = Some(deadline_ms);
        let run = self.clone();
        in_a_task_after_ms(delay_ms.max(0.0).ceil() as i32, move || {
            run.state.borrow_mut().expiry_at_ms = None;
            run.with_tree(|tree, start_child| tree.expire(start_child));
        });
    }

    fn on_message(&self, event: &MessageEvent) {
        match field(event, "kind").as_str() {
            "program" => match decode::<ProgramNews>(&field(event, "text")) {
                Ok(news) => {
                    self.take_letters(PAGE_PROCESS_ID, &news.letters);
                    self.take_in(news);
                }
                Err(error) => self.fail(error),
            },
            "panic" => self.state.borrow_mut().panic = Some(field(event, "message")),
            "trapped" => {
                let panic = self.state.borrow_mut().panic.take();
                self.fail(panic.unwrap_or_else(|| field(event, "message")));
            }
            _ => {}
        }
    }

    /// Keeps what a slice did: its lines (the last [`OUTPUT_LINES_KEPT`] of all), its lanes'
    /// events, and how the program ended.
    fn take_in(&self, news: ProgramNews) {
        let mut state = self.state.borrow_mut();
        for line in news.lines {
            state.keep(line.into());
        }
        state.partial = news.partial.map(Into::into);
        state.written = news.written + state.child_lines;
        let run = &mut *state;
        match run.process_lanes.get_mut(&PAGE_PROCESS_ID) {
            // Among its children's lanes, the main process's keep their own indices.
            Some(lanes) => run.recorder.replay_process(&news.lanes, None, lanes),
            None => run.recorder.replay(&news.lanes),
        }
        match news.ended {
            Some(Ended::Outcome(outcome)) => state.end(ProgramStatus::Ended(outcome.into())),
            Some(Ended::Refused(reason)) => state.end(ProgramStatus::Refused(reason)),
            None => {}
        }
    }

    /// Ends the run with `reason` (unless it has ended).
    fn fail(&self, reason: String) {
        let mut state = self.state.borrow_mut();
        if state.status == ProgramStatus::Running {
            state.end_every_lane();
            state.end(ProgramStatus::Failed(reason));
        }
    }

    /// Presses Stop: the worker ends the program at its next slice, or is terminated
    /// [`STOP_GRACE_MS`] later ([`OneWorkerRun::poll`]).
    pub fn stop(&self) {
        let mut state = self.state.borrow_mut();
        if state.status == ProgramStatus::Running && state.stop_pressed_ms.is_none() {
            state.stop_pressed_ms = Some(BrowserClock.now_ms());
            if let Some(worker) = &state.worker {
                let _ = worker.post_message(&message(&[("stop", &true.into())]));
            }
            // Every child ends at once: its worker is terminated.
            if let Some(tree) = state.tree.as_mut() {
                let lines = tree.stop_all();
                state.keep_child_lines(lines);
            }
        }
    }

    /// Terminates a worker that did not end its program in time after Stop or the time limit.
    pub fn poll(&self) {
        self.with_tree(|tree, start_child| tree.expire(start_child));
        let mut state = self.state.borrow_mut();
        if state.status != ProgramStatus::Running {
            return;
        }
        let now_ms = BrowserClock.now_ms();
        let time_limit_ms = (PROGRAM_TIME_LIMIT + TIME_LIMIT_GRACE).as_secs_f64() * 1000.0;
        if state.stop_pressed_ms.is_some_and(|pressed_ms| now_ms - pressed_ms >= STOP_GRACE_MS) {
            state.halt_here(Halt::Stopped, "Stopped.");
        } else if now_ms - state.origin_ms >= time_limit_ms {
            state.halt_here(Halt::TimeLimit, "The program hit its time limit and was stopped.");
        }
    }

    /// Where the program stands.
    pub fn status(&self) -> ProgramStatus {
        self.state.borrow().status.clone()
    }

    /// The kept lines (the one being printed last) and how many were dropped.
    pub fn output(&self) -> (Vec<OutputLine>, u64) {
        let state = self.state.borrow();
        let dropped = state.written - state.lines.len() as u64;
        (state.lines.iter().chain(&state.partial).cloned().collect(), dropped)
    }

    /// Every thread's lane (the page's own recorder: never being written while read).
    pub fn lanes(&self, previous: &[LaneHistory]) -> Vec<LaneHistory> {
        self.state.borrow().recorder.read_lanes(previous)
    }

    /// The program's processes (none unless it is a tree's main process), each with its lanes.
    pub fn processes(&self) -> Vec<ProgramProcess> {
        let state = self.state.borrow();
        let mut processes = state.tree.as_ref().map_or_else(|| state.ended_processes.clone(), PageTree::processes);
        for process in &mut processes {
            process.lanes = state.process_lanes.get(&process.pid).into_iter().flatten().flatten().copied().collect();
        }
        processes
    }

    /// Milliseconds since Run (the lanes' times count from then).
    pub fn elapsed_ms(&self) -> f64 {
        BrowserClock.now_ms() - self.state.borrow().origin_ms
    }
}

impl RunState {
    /// Keeps `line`, dropping the oldest past [`OUTPUT_LINES_KEPT`].
    fn keep(&mut self, line: OutputLine) {
        if self.lines.len() == OUTPUT_LINES_KEPT {
            self.lines.pop_front();
        }
        self.lines.push_back(line);
    }

    /// Keeps lines the children printed.
    fn keep_child_lines(&mut self, lines: Vec<OutputLine>) {
        for line in lines {
            self.keep(line);
            self.written += 1;
            self.child_lines += 1;
        }
    }

    /// The program has ended: its worker goes, and its children's, and spares are started for
    /// the next Run (and its processes, after a program that started some).
    fn end(&mut self, status: ProgramStatus) {
        self.status = status;
        let spares = if self.tree.is_some() { 1 + SPARES_FOR_PROCESSES } else { 1 };
        if let Some(tree) = self.tree.take() {
            self.end_tree(tree);
            // Terminated children's lanes end with the program.
            self.end_every_lane();
        }
        if let Some(worker) = self.worker.take() {
            end_worker(&worker);
        }
        in_a_task_after_ms(SPARE_AFTER_END_MS, move || keep_spares(spares));
    }

    /// Every child of the ended program ends; what the tree was is kept for the page.
    fn end_tree(&mut self, mut tree: PageTree) {
        let lines = tree.stop_all();
        self.keep_child_lines(lines);
        self.ended_processes = tree.processes();
    }

    /// Ends a program whose worker did not: as the worker would have ended it, with `note` on
    /// stderr.
    fn halt_here(&mut self, halt: Halt, note: &str) {
        self.end_every_lane();
        self.keep(OutputLine { stream: Stream::Stderr, thread: "MainThread".into(), text: note.to_owned() });
        self.written += 1;
        self.end(ProgramStatus::Ended(Outcome::Halted(halt)));
    }

    fn end_every_lane(&self) {
        let now_ms = BrowserClock.now_ms();
        for lane in 0..self.recorder.lanes() {
            self.recorder.record_at(lane, WorkerState::Done, now_ms);
        }
    }
}
