//! The virtual machine: an [`Interpreter`] shared by a program's threads, and one [`Thread`]
//! per Python thread running frames (`frame.rs`). The VM sees only bytecode, never the AST.
//!
//! - `frame.rs`: the evaluation loop and exception handlers.
//! - `frame_stack.rs`: a thread's frames on an explicit stack; nested run loops counted.
//! - `frame_pool.rs`: finished frames' vectors, kept for the next calls.
//! - `effect.rs`: blocking as effects: waited for on a thread of its own, or parked.
//! - `green.rs`: a thread that takes turns on one thread of the host, between its turns.
//! - `turns.rs`: those threads' queue, parked ones, and one turn of the next.
//! - `main_stages.rs`: what such a main thread runs, stage after stage (module, a child's
//!   target, waits for threads and children).
//! - `ops.rs`: operators, comparisons, truthiness, containment, subscripts.
//! - `attr.rs`: attributes and method calls on every kind of value.
//! - `call.rs`: calls, argument binding, classes and constructors.
//! - `collect.rs`: on one thread asking other processes by message, a generator or an
//!   instance a built-in consumes whole is collected by a Python loop first, and `print` of
//!   an instance writes its text by a Python call first (their waits can park).
//! - `dunder_frames.rs`: a class's dunders (subscripts, `in`, iteration, `len`, `str`, `repr`)
//!   run as pushed frames, not on a loop nested in Rust.
//! - `resumable.rs`: built-ins that call Python as pushed frames and go on when each returns
//!   (sort keys, `min`/`max` keys, `filter`, `iter(function, sentinel)`).
//! - `iterate.rs`: iterators.
//! - `range_loop.rs`: `for … in range(…)` counted in the frame, with no lock.
//! - `text.rs`: `str`, `repr` and `format` of every value.
//! - `user_keys.rs`, `set_operators.rs`: keys Python hashes; set operators over them.
//! - `import.rs`: imports of built-in modules.
//! - `name_cache.rs`: globals and module attributes read once per namespace version.
//! - `schedule.rs`: check points: Stop, the time limit, the GIL; waits.
//! - `lanes.rs`: what each thread does, on the engine's recorder (a lane per thread).
//! - `output.rs`: the sink print writes to, and tracebacks.
//! - `teardown.rs`: a program's end empties the namespaces its objects hang from.

mod attr;
mod call;
mod collect;
mod dunder_frames;
mod frame;
mod effect;
mod frame_pool;
mod frame_stack;
pub(crate) mod green;
pub(crate) mod main_stages;
pub(crate) mod turns;
mod import;
mod iterate;
mod lanes;
mod name_cache;
mod ops;
mod range_loop;
mod resumable;
pub mod output;
pub mod schedule;
mod text;
mod set_operators;
mod teardown;
mod threads;
mod user_keys;

pub use ops::normalise_index;
pub use text::quote;
pub use threads::{spawn_thread, thread_name, MAIN_IDENT};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use frame::Frame;
pub use effect::{timed_wait_end_ms, Effect};
pub use frame_stack::NATIVE_NESTING_LIMIT;
pub use output::{Output, OutputLine, Stream};
pub use lanes::{Waiting, MOST_LANES};
pub use schedule::{Mode, Scheduler};

use crate::objects::function::Namespace;
use crate::objects::{lock, PyErr, PyResult, Value};

/// The deepest Python call stack before RecursionError at first, as CPython's default limit
/// (Python frames live on the heap, `frame_stack.rs`, so the page has it too).
pub const RECURSION_LIMIT: usize = 1000;

/// What a program's threads share: built-ins, imported modules, the output and the scheduler.
pub struct Interpreter {
    /// The built-in names.
    pub builtins: Arc<Namespace>,
    /// Modules imported so far, by name.
    pub modules: Mutex<HashMap<String, Value>>,
    /// Where print writes.
    pub output: Arc<Output>,
    /// Stop, the time limit, the GIL and the threads.
    pub scheduler: Arc<Scheduler>,
    /// Live threads' names by identifier.
    pub threads: Mutex<HashMap<u64, Arc<str>>>,
    /// Which process this interpreter is (`multiprocessing`): set once, before it runs.
    pub process: std::sync::OnceLock<Arc<crate::modules::multiprocessing::ProcessState>>,
}

/// One Python thread's interpreter state.
pub struct Thread {
    /// The shared interpreter.
    pub interp: Arc<Interpreter>,
    /// Exceptions being handled (innermost last), for bare `raise`.
    pub handling: Vec<PyErr>,
    /// Python frames on the call stack.
    pub depth: usize,
    /// Run loops nested in Rust (a built-in calling back into Python) and other native
    /// recursion (comparing nested containers): bounded by [`NATIVE_NESTING_LIMIT`].
    pub native_depth: usize,
    /// Calls made from Rust (a built-in calling back) under way: nothing under them may park.
    pub(crate) rust_calls: usize,
    /// Whether the effect it is parked on gives the result of its last call instruction.
    pub(crate) gives_to_call_site: bool,
    /// When its turn ends, on a thread that takes turns with others on one worker.
    pub(crate) turn_ends_at_ms: f64,
    /// Whether every instruction is a check point (the Python 3.9 GIL).
    pub checks_every_instruction: bool,
    /// The thread's name (`MainThread`, `Thread-1 (worker)`).
    pub name: Arc<str>,
    /// `threading.get_ident()`.
    pub ident: u64,
    /// The thread's lane on the GIL.
    pub lane: usize,
    /// Its lane on the run's recorder (`None` past the recorder's limit: it runs undrawn).
    pub timeline_lane: Option<usize>,
    /// Whether it holds the GIL now.
    pub holds_gil: bool,
    /// Instructions since the scheduler was last asked.
    pub(crate) ticks: u32,
    /// Containers whose repr is being written (a list holding itself prints `[...]`).
    pub(crate) repr_in_progress: Vec<usize>,
    /// Globals and module attributes it read, kept while their namespace is unchanged.
    pub(crate) name_cache: name_cache::NameCache,
    /// Finished frames' locals and stacks, reused by the next calls.
    pub(crate) frame_pool: frame_pool::FramePool,
}

impl Thread {
    /// A thread of `interp`, drawn on the recorder's lane `timeline_lane`.
    pub fn new(interp: Arc<Interpreter>, name: Arc<str>, ident: u64, timeline_lane: Option<usize>) -> Thread {
        let checks_every_instruction = interp.scheduler.mode.checks_every_instruction();
        let lane = ident as usize;
        Thread { interp, handling: Vec::new(), depth: 0, native_depth: 0, rust_calls: 0, gives_to_call_site: false, turn_ends_at_ms: f64::INFINITY, checks_every_instruction, name, ident, lane, timeline_lane, holds_gil: false, ticks: 0, repr_in_progress: Vec::new(), name_cache: Default::default(), frame_pool: Default::default() }
    }

    /// A global, else a built-in; NameError otherwise.
    pub fn load_global(&self, globals: &Namespace, name: &str) -> PyResult {
        if let Some(value) = lock(globals).get(name) {
            return Ok(value.clone());
        }
        if let Some(value) = lock(&self.interp.builtins).get(name) {
            return Ok(value.clone());
        }
        Err(PyErr::new("NameError", format!("name '{name}' is not defined")))
    }

    /// Runs `nested` one level deeper into native recursion (comparing or printing nested
    /// containers), with CPython's RecursionError past the limit instead of a stack overflow.
    pub fn deeper<T>(&mut self, nested: impl FnOnce(&mut Thread) -> PyResult<T>) -> PyResult<T> {
        if self.depth + 1 >= self.interp.scheduler.recursion_limit() || self.native_depth + 1 >= NATIVE_NESTING_LIMIT {
            return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded in comparison"));
        }
        self.depth += 1;
        self.native_depth += 1;
        let result = nested(self);
        self.depth -= 1;
        self.native_depth -= 1;
        result
    }

    /// Writes text to the program's stdout.
    pub fn write_stdout(&self, text: &str) {
        self.interp.output.write(Stream::Stdout, &self.name, text);
    }
}
