//! Inside a program worker: the program, its threads taking turns on this worker, driven a
//! slice at a time by `worker.js`, which yields to the worker's event loop between slices (so
//! Stop is heard) and waits with a timer while every thread sleeps; after each slice what is
//! new is posted to the page. A process of a tree the page keeps asks by message
//! (`AskingProcesses`): its letters go with its news, the page's replies are delivered here
//! before the next slice.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use engine::{Clock, LaneFeed};
use js_sys::SharedArrayBuffer;
use python::{start_process_on_one_thread, start_program_on_one_thread, AskingProcesses, Host, Mode, OneThreadRefused, Outcome, OutputLine, ProgramOnOneThread, Slice, SpawnRefused};
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

use super::protocol::{decode, encode, mode_named, Ended, EndedAs, InTree, ProgramNews, StartProgram};
use super::shared_words::WorkerSharedWords;
use crate::clock::BrowserClock;
use crate::python_host::PAGE_PROCESS_ID;
use crate::python_run::PROGRAM_TIME_LIMIT;
use crate::worker_entries::report_panic;
use crate::worker_script::message;

/// How long a slice runs before the worker looks at its messages and posts what is new: short
/// enough that Stop is heard at once and output flows, long enough that the posting costs
/// little.
const SLICE: Duration = Duration::from_millis(15);

/// The least time between two news while the program runs (ms): a program printing as fast as
/// it can sends one batch of lines (at most the last 10,000) this often, not one per slice.
/// The first news, and those before an idle wait or at the end, go at once.
const NEWS_EVERY_MS: f64 = 50.0;

/// What `program_worker_slice` returns once the program has ended: no more slices.
const NO_MORE_SLICES: f64 = -1.0;

/// The longest wait for other processes' replies before a slice looks again (ms): a delivery
/// wakes the worker at once, so this only bounds a wait with no deadline (a timer cannot wait
/// forever).
const LONGEST_WAIT_MS: f64 = 1000.0;

/// What the page's first program worker runs as it starts, before it is handed a program: the
/// browser compiles a WebAssembly function on its first call, and the compiled code is shared by
/// every worker of the module, so a learner's first program, and each process's re-run of it,
/// does not pay that. Without it the first program that started processes on a page took
/// 330 ms from its worker's start to its first request, the next ones 20 ms.
const REHEARSAL: &str = "import multiprocessing

class Point:
    def __init__(self, x):
        self.x = x

def square(n):
    return n * n

points = [Point(n) for n in range(200)]
table = {point.x: square(point.x) for point in points}
try:
    total = sum(table.values()) // len(points)
except ZeroDivisionError:
    total = 0
text = f'{total}'
";

/// The host of a program on one worker: green threads never ask for a thread of their own.
struct OneWorkerHost {
    cores: usize,
}

impl Host for OneWorkerHost {
    /// Never asked: a green thread takes turns on this worker.
    fn spawn(&self, _name: &str, _stack_bytes: usize, _body: Box<dyn FnOnce() + Send>) -> Result<(), SpawnRefused> {
        Err(SpawnRefused)
    }

    fn clock(&self) -> &(dyn Clock + Send + Sync) {
        &BrowserClock
    }

    fn epoch_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn cpu_count(&self) -> usize {
        self.cores
    }

    fn process_id(&self) -> u32 {
        PAGE_PROCESS_ID
    }
}

/// The program this worker runs and what the page has seen of it.
struct ProgramHere {
    program: Result<ProgramOnOneThread, OneThreadRefused>,
    lanes: LaneFeed,
    /// Complete lines already posted.
    lines_posted: u64,
    /// The line being printed, as last posted.
    partial_posted: Option<OutputLine>,
    /// This program's recorder's origin less the run's (both readings of the shared clock).
    shift_ms: f64,
    /// Whether the page has been told how it ended.
    end_posted: bool,
    /// When news was last posted (a clock reading), if ever.
    posted_at_ms: Option<f64>,
    /// Its side of the page's tree of processes, if it is in one.
    tree: Option<Arc<AskingProcesses>>,
}

thread_local! {
    static PROGRAM: RefCell<Option<ProgramHere>> = const { RefCell::new(None) };
}

/// Called once the worker's own module is instantiated, before any program; the page's first
/// program worker `rehearse`s.
#[wasm_bindgen]
pub fn program_worker_ready(rehearse: bool) {
    // The worker has memory of its own: the page's panic hook is not installed here.
    std::panic::set_hook(Box::new(report_panic));
    if rehearse {
        run_rehearsal();
    }
}

/// Runs [`REHEARSAL`] to its end (it neither waits nor sleeps), printing nowhere.
fn run_rehearsal() {
    let host: Arc<dyn Host> = Arc::new(OneWorkerHost { cores: 1 });
    if let Ok(mut program) = start_program_on_one_thread(REHEARSAL, Mode::Gil312, PROGRAM_TIME_LIMIT, host) {
        while program.run_slice(SLICE) == Slice::Ran {}
    }
}

/// Starts the program of the page's [`StartProgram`] (as text); nothing runs before the
/// first slice. `words` is the tree's `SharedArrayBuffer` on a cross-origin isolated page
/// (`Value` and `Array` are read and written there), otherwise `undefined`.
///
/// # Panics
/// The text is not a [`StartProgram`] (only the page sends it).
#[wasm_bindgen]
pub fn program_worker_start(text: &str, words: JsValue) {
    let start: StartProgram = decode(text).unwrap_or_else(|error| panic!("{error}"));
    let mode = mode_named(&start.mode).unwrap_or_else(|| panic!("no Python mode is named {}", start.mode));
    let host: Arc<dyn Host> = Arc::new(OneWorkerHost { cores: start.cores });
    let tree = start.process.as_ref().map(|process| AskingProcesses::new(process.pid));
    // Not `dyn_ref`: its `instanceof SharedArrayBuffer` throws where the page is not isolated
    // (the constructor is not exposed there), and the page sends `undefined` then.
    if let (Some(tree), false) = (&tree, words.is_undefined()) {
        tree.set_shared_words(Arc::new(WorkerSharedWords::over(words.unchecked_ref::<SharedArrayBuffer>())));
    }
    let program = match (&tree, start.process) {
        (Some(tree), Some(InTree { bootstrap: Some(bootstrap), .. })) => start_process_on_one_thread(&bootstrap, tree.host_on(host), Arc::new(tree.output())),
        (Some(tree), _) => start_program_on_one_thread(&start.source, mode, PROGRAM_TIME_LIMIT, tree.host_on(host)),
        (None, _) => start_program_on_one_thread(&start.source, mode, PROGRAM_TIME_LIMIT, host),
    };
    let shift_ms = match &program {
        Ok(program) => {
            program.scheduler.set_switch_interval(Duration::from_micros(start.switch_interval_us));
            program.recorder.origin_ms() - start.origin_ms
        }
        Err(_) => 0.0,
    };
    let here = ProgramHere { program, lanes: LaneFeed::default(), lines_posted: 0, partial_posted: None, shift_ms, end_posted: false, posted_at_ms: None, tree };
    PROGRAM.with_borrow_mut(|slot| *slot = Some(here));
}

/// Runs one slice and posts what is new; gives how long to wait before the next slice (ms; 0:
/// at once), or a negative number once the program has ended.
#[wasm_bindgen]
pub fn program_worker_slice() -> f64 {
    PROGRAM.with_borrow_mut(|slot| match slot.as_mut() {
        Some(here) if !here.end_posted => here.slice(),
        _ => NO_MORE_SLICES,
    })
}

/// Delivers the page keeper's replies (a JSON list of byte lists) before the next slice.
///
/// # Panics
/// The text is not such a list (only the page sends it).
#[wasm_bindgen]
pub fn program_worker_deliver(text: &str) {
    let deliveries: Vec<Vec<u8>> = decode(text).unwrap_or_else(|error| panic!("{error}"));
    PROGRAM.with_borrow(|slot| {
        if let Some(ProgramHere { tree: Some(tree), .. }) = slot {
            for delivery in deliveries {
                tree.deliver(&delivery);
            }
        }
    });
}

/// Presses Stop: the program ends at its next slice.
#[wasm_bindgen]
pub fn program_worker_stop() {
    PROGRAM.with_borrow(|slot| {
        if let Some(ProgramHere { program: Ok(program), .. }) = slot {
            program.stop();
        }
    });
}

impl ProgramHere {
    fn slice(&mut self) -> f64 {
        let (wait_ms, ended) = match &mut self.program {
            Err(refused) => (NO_MORE_SLICES, Some(Ended::Refused(refused.0.clone()))),
            Ok(program) => match program.run_slice(SLICE) {
                Slice::Ran => (0.0, None),
                Slice::IdleUntil(at_ms) => ((at_ms - BrowserClock.now_ms()).max(0.0), None),
                // A delivery wakes the worker before then.
                Slice::Waiting(at_ms) => ((at_ms - BrowserClock.now_ms()).clamp(0.0, LONGEST_WAIT_MS), None),
                Slice::Ended(outcome) => {
                    if let Some(tree) = &self.tree {
                        tree.exited(program.exit_code().unwrap_or(if outcome == Outcome::Finished { 0 } else { 1 }));
                    }
                    (NO_MORE_SLICES, Some(Ended::Outcome(EndedAs::from(&outcome))))
                }
            },
        };
        let letters = self.tree.as_ref().map(|tree| tree.take_letters()).unwrap_or_default();
        let now_ms = BrowserClock.now_ms();
        let due = wait_ms != 0.0 || !letters.is_empty() || self.posted_at_ms.is_none_or(|posted_ms| now_ms - posted_ms >= NEWS_EVERY_MS);
        if due {
            let news = ProgramNews { letters, ..self.news(ended) };
            if news != ProgramNews::default() {
                post(&news);
                self.posted_at_ms = Some(now_ms);
            }
        }
        wait_ms
    }

    /// What the page has not seen yet.
    fn news(&mut self, ended: Option<Ended>) -> ProgramNews {
        self.end_posted = ended.is_some();
        let Ok(program) = &self.program else { return ProgramNews { ended, ..ProgramNews::default() } };
        let (lines, partial, written) = program.output.lines_after(self.lines_posted);
        let anything_printed = written > self.lines_posted || partial != self.partial_posted;
        self.lines_posted = written;
        self.partial_posted.clone_from(&partial);
        let lanes = self.lanes.news(&program.recorder, self.shift_ms);
        if !anything_printed && lanes.is_empty() && ended.is_none() {
            return ProgramNews::default();
        }
        ProgramNews { letters: Vec::new(), lines: lines.iter().map(Into::into).collect(), partial: partial.as_ref().map(Into::into), written, lanes, ended }
    }
}

fn post(news: &ProgramNews) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // Posting a plain object of strings cannot fail.
    let _ = scope.post_message(&message(&[("kind", &"program".into()), ("text", &encode(news).into())]));
}
