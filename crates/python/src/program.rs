//! Running a whole program: parse, compile, run the main thread, and write what a learner
//! reads when it ends (a traceback, a syntax error, a stop or a time limit).

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use engine::{Recorder, WorkerState};

use crate::compiler::{compile, CompileError};
use crate::host::NativeHost;
use crate::objects::exception::{Halt, PyErr, TraceEntry};
use crate::objects::PyResult;
use crate::objects::{Instance, Value};
use crate::parse::{parse, SyntaxError};
use crate::vm::output::format_traceback;
use crate::vm::{Frame, Interpreter, Mode, Output, Scheduler, Stream, Thread, MAIN_IDENT};

/// How a program runs.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The mode.
    pub mode: Mode,
    /// The longest it may run.
    pub time_limit: Duration,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { mode: Mode::Gil312, time_limit: Duration::from_secs(30) }
    }
}

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It ran to its end.
    Finished,
    /// An uncaught exception (its traceback is on stderr).
    Failed,
    /// It did not parse or compile (the error is on stderr).
    Rejected,
    /// Stop, the time limit or a deadlock ended it.
    Halted(Halt),
}

/// What a finished run gives.
pub struct ProgramRun {
    /// How it ended.
    pub outcome: Outcome,
    /// Everything printed, tagged by thread.
    pub output: Arc<Output>,
    /// One lane per Python thread, named as Python names it: what it did, when.
    pub recorder: Arc<Recorder>,
}

impl ProgramRun {
    /// The text printed on stdout.
    pub fn stdout(&self) -> String {
        self.output.text(Stream::Stdout)
    }

    /// The text printed on stderr.
    pub fn stderr(&self) -> String {
        self.output.text(Stream::Stderr)
    }
}

/// The main thread's stack: deep enough for the recursion limit in a debug build.
const MAIN_STACK_BYTES: usize = 256 << 20;

/// How long the end of a program waits for its threads to leave (each notices the end at its
/// next check point or wait slice).
const THREADS_LEAVE_WITHIN: Duration = Duration::from_secs(2);

/// Runs `source` to its end natively, on threads of its own.
pub fn run_program(source: &str, options: &RunOptions) -> ProgramRun {
    let scheduler = Arc::new(Scheduler::new(options.mode, options.time_limit, Arc::new(NativeHost)));
    run_with_scheduler(source, scheduler)
}

/// Runs `source` under a scheduler the caller keeps (to press Stop), and waits for its end.
pub fn run_with_scheduler(source: &str, scheduler: Arc<Scheduler>) -> ProgramRun {
    start_program(source, scheduler).wait()
}

/// A program started on its host's threads, read while it runs without blocking.
pub struct RunningProgram {
    /// Everything printed so far, tagged by thread.
    pub output: Arc<Output>,
    /// One lane per Python thread so far, added as each starts (read it with
    /// [`Recorder::read_lanes`], which never waits).
    pub recorder: Arc<Recorder>,
    /// Its Stop, time limit and GIL.
    pub scheduler: Arc<Scheduler>,
    ended: Arc<(Mutex<Option<Outcome>>, Condvar)>,
}

impl RunningProgram {
    /// How it ended, once it has. Never blocks (the page's main thread asks).
    pub fn outcome(&self) -> Option<Outcome> {
        self.ended.0.try_lock().ok().and_then(|outcome| outcome.clone())
    }

    /// Blocks until it ends (not on a browser's main thread).
    pub fn wait(self) -> ProgramRun {
        let (outcome, ended) = &*self.ended;
        let mut outcome = crate::objects::lock(outcome);
        while outcome.is_none() {
            outcome = ended.wait(outcome).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        let outcome = outcome.clone().unwrap_or(Outcome::Failed);
        ProgramRun { outcome, output: self.output, recorder: self.recorder }
    }
}

/// Starts `source` on a thread of the scheduler's host and returns at once.
pub fn start_program(source: &str, scheduler: Arc<Scheduler>) -> RunningProgram {
    let output = Arc::new(Output::default());
    let ended = Arc::new((Mutex::new(None), Condvar::new()));
    let running = RunningProgram { output: output.clone(), recorder: scheduler.recorder.clone(), scheduler: scheduler.clone(), ended: ended.clone() };
    let source = source.to_string();
    let host = scheduler.host.clone();
    // Its lane starts now: the host's time to start the main thread shows as "starting".
    let main_lane = scheduler.add_lane("MainThread");
    let body = Box::new(move || {
        let outcome = run_main(&source, output, scheduler, main_lane);
        *crate::objects::lock(&ended.0) = Some(outcome);
        ended.1.notify_all();
    });
    if host.spawn("python-main", MAIN_STACK_BYTES, body).is_err() {
        if let Some(lane) = main_lane {
            running.recorder.record(lane, WorkerState::Done, running.scheduler.host.clock());
        }
        running.output.write(Stream::Stderr, &Arc::from("MainThread"), "RuntimeError: can't start the program's main thread\n");
        *crate::objects::lock(&running.ended.0) = Some(Outcome::Failed);
    }
    running
}

fn run_main(source: &str, output: Arc<Output>, scheduler: Arc<Scheduler>, timeline_lane: Option<usize>) -> Outcome {
    let (mut thread, module) = match begin_main(source, &output, &scheduler, timeline_lane, None) {
        Ok(begun) => begun,
        Err(outcome) => return outcome,
    };
    let mut outcome = match module.and_then(|frame| thread.run_frame(frame)) {
        Ok(_) => Outcome::Finished,
        Err(error) => report(&mut thread, error),
    };
    if let Err(error) = wait_for_threads(&mut thread).and_then(|()| crate::modules::multiprocessing::end_of_program(&mut thread)) {
        if outcome == Outcome::Finished {
            outcome = report(&mut thread, error);
        }
    }
    crate::modules::multiprocessing::terminate_children(&mut thread);
    thread.release_gil();
    thread.record(WorkerState::Done);
    scheduler.thread_finished();
    scheduler.halt(Halt::ProgramEnded);
    if scheduler.wait_for_threads_to_leave(THREADS_LEAVE_WITHIN) {
        thread.interp.tear_down();
    }
    conclude(outcome, &output, &scheduler)
}

/// Parses and compiles `source` and makes the main thread (recorded on `timeline_lane`, added
/// before its host started it), ready to run the module's frame (or the error the built-ins'
/// prelude raised); the outcome when it did not parse. A child process (`child`, its state)
/// runs it as `__mp_main__`, bootstrapping until the module has run.
pub(crate) fn begin_main(
    source: &str,
    output: &Arc<Output>,
    scheduler: &Arc<Scheduler>,
    timeline_lane: Option<usize>,
    child: Option<crate::modules::multiprocessing::ProcessState>,
) -> Result<(Thread, PyResult<Frame>), Outcome> {
    let main: Arc<str> = Arc::from("MainThread");
    let code = match parse(source).map_err(Rejection::Syntax).and_then(|module| compile(&module, source, "main.py").map_err(Rejection::Compile)) {
        Ok(code) => code,
        Err(rejection) => {
            output.write(Stream::Stderr, &main, &rejection.describe(source));
            if let Some(lane) = timeline_lane {
                scheduler.recorder.record(lane, WorkerState::Done, scheduler.host.clock());
            }
            return Err(Outcome::Rejected);
        }
    };
    let interp = Arc::new(Interpreter {
        builtins: crate::builtins::namespace(),
        modules: Mutex::new(HashMap::new()),
        output: output.clone(),
        scheduler: scheduler.clone(),
        threads: Mutex::new(HashMap::from([(MAIN_IDENT, main.clone())])),
        process: std::sync::OnceLock::new(),
    });
    let module_name = if child.is_some() { "__mp_main__" } else { "__main__" };
    let globals = Arc::new(crate::objects::Namespace::new(crate::objects::names([(Arc::from("__name__"), Value::str(module_name))])));
    let main_module = Value::Module(Arc::new(crate::objects::Module { name: Arc::from(module_name), dict: globals.clone() }));
    {
        let mut modules = crate::objects::lock(&interp.modules);
        modules.insert("__main__".into(), main_module.clone());
        modules.insert(module_name.into(), main_module);
    }
    match child {
        Some(child) => {
            child.bootstrapping.store(true, std::sync::atomic::Ordering::SeqCst);
            crate::modules::multiprocessing::set_state(&interp, child);
        }
        None => crate::modules::multiprocessing::note_program(&interp, source),
    }
    let mut thread = Thread::new(interp, main, MAIN_IDENT, timeline_lane);
    scheduler.thread_started();
    let module = thread.take_gil().and_then(|()| crate::builtins::install_prelude(&mut thread));
    Ok((thread, module.map(|()| Frame::new(code, globals, None, Vec::new(), None))))
}

/// How the program ended, once every thread has: the note of dropped output and why it was
/// halted are written.
pub(crate) fn conclude(outcome: Outcome, output: &Output, scheduler: &Scheduler) -> Outcome {
    let (_, dropped) = output.snapshot();
    if dropped > 0 {
        let note = format!("({dropped} earlier lines of output were dropped: the last {} are kept)\n", crate::vm::output::MAX_LINES);
        output.write(Stream::Stderr, &Arc::from("MainThread"), &note);
    }
    match scheduler.halt_reason() {
        Some(Halt::ProgramEnded) | None => outcome,
        Some(halt) => {
            let message = match &halt {
                Halt::Stopped => "Stopped.\n".to_string(),
                Halt::TimeLimit => "The program hit its time limit and was stopped.\n".to_string(),
                Halt::Deadlock(report) => format!("{report}\n"),
                Halt::ProgramEnded => String::new(),
            };
            output.write(Stream::Stderr, &Arc::from("MainThread"), &message);
            Outcome::Halted(halt)
        }
    }
}

/// `threading._shutdown`, if the program imported `threading`.
pub(crate) fn shutdown_function(thread: &mut Thread) -> PyResult<Option<Value>> {
    let threading = crate::objects::lock(&thread.interp.modules).get("threading").cloned();
    threading.map(|threading| thread.get_attr(&threading, "_shutdown")).transpose()
}

/// `threading._shutdown()`: the main thread waits for every non-daemon thread, as CPython.
fn wait_for_threads(thread: &mut Thread) -> Result<(), PyErr> {
    if let Some(shutdown) = shutdown_function(thread)? {
        thread.call(&shutdown, crate::objects::function::Args::default())?;
    }
    Ok(())
}

/// Writes how an uncaught exception ended a thread; gives the outcome. A halted thread writes
/// nothing: the main thread says once why the run ended.
pub fn report(thread: &mut Thread, error: PyErr) -> Outcome {
    match error {
        PyErr::Halted(halt) => Outcome::Halted(halt),
        PyErr::Suspended(_) => unreachable!("a parked thread has not ended"),
        PyErr::Raised(raised) => {
            let class = raised.exception.class.clone();
            if class.is_subclass(&crate::objects::class::exception_class("SystemExit")) {
                return Outcome::Finished;
            }
            let text = chained_traceback(thread, &raised.exception, &raised.traceback, 0);
            thread.interp.output.write(Stream::Stderr, &thread.name.clone(), &text);
            Outcome::Failed
        }
    }
}

/// The traceback of an exception after those of its cause or context, as CPython prints them.
pub fn chained_traceback(thread: &mut Thread, exception: &Arc<Instance>, traceback: &[TraceEntry], depth: usize) -> String {
    let attribute = |name: &str| crate::objects::lock(&exception.dict).get(name).cloned();
    let mut text = String::new();
    if depth < 20 {
        let suppressed = matches!(attribute("__suppress_context__"), Some(Value::Bool(true)));
        let (linked, separator) = match (attribute("__cause__"), attribute("__context__")) {
            (Some(Value::Instance(cause)), _) => (Some(cause), "The above exception was the direct cause of the following exception:"),
            (_, Some(Value::Instance(context))) if !suppressed => {
                (Some(context), "During handling of the above exception, another exception occurred:")
            }
            _ => (None, ""),
        };
        if let Some(linked) = linked {
            let linked_traceback = crate::objects::lock(&linked.traceback).clone();
            text.push_str(&chained_traceback(thread, &linked, &linked_traceback, depth + 1));
            text.push_str(&format!("\n{separator}\n\n"));
        }
    }
    let raised = crate::objects::exception::Raised { exception: exception.clone(), traceback: traceback.to_vec() };
    let message = thread.exception_message(&raised);
    let name = exception_name(&exception.class);
    let last = if message.is_empty() { name } else { format!("{name}: {message}") };
    text.push_str(&format_traceback(traceback, &last));
    text
}

/// The class name as a traceback's last line shows it (CPython leaves out `__main__.`).
/// As CPython names an uncaught exception's class: with its module, unless that is `builtins`
/// or `__main__` (`multiprocessing.pool.RemoteTraceback`, `ValueError`).
fn exception_name(class: &Arc<crate::objects::Class>) -> String {
    let module = crate::objects::lock(&class.dict).get("__module__").and_then(|module| module.as_str().map(str::to_string));
    match module {
        Some(module) if module != "builtins" && module != "__main__" => format!("{module}.{}", class.name),
        _ => class.name.to_string(),
    }
}

enum Rejection {
    Syntax(SyntaxError),
    Compile(CompileError),
}

impl Rejection {
    /// As CPython prints a syntax error, or the playground's message for a missing feature.
    fn describe(&self, source: &str) -> String {
        let (line, column, kind, message) = match self {
            Rejection::Syntax(error) => (error.line, Some(error.column), error.kind, error.message.clone()),
            Rejection::Compile(error) => match error.python_class {
                Some(class) => (error.line, None, class, error.message.clone()),
                None => return format!("line {}: {}\n", error.line, error.message),
            },
        };
        let source_line = source.lines().nth(line as usize - 1).unwrap_or("");
        let trimmed = source_line.trim_start();
        let mut text = format!("  File \"main.py\", line {line}\n    {trimmed}\n");
        if let Some(column) = column {
            let indent = source_line.len() - trimmed.len();
            let caret = (column as usize).saturating_sub(1 + indent);
            text.push_str(&format!("    {}^\n", " ".repeat(caret)));
        }
        text.push_str(&format!("{kind}: {message}\n"));
        text
    }
}
