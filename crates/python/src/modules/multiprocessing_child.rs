//! A child process's own run ("spawn", as macOS and Windows start them): a new interpreter with
//! its own scheduler, GIL and objects re-runs the program as `__mp_main__` (starting a process
//! meanwhile is CPython's bootstrapping error), then unpickles its target and arguments and
//! calls them. An exception prints `Process Process-1:` and the traceback, as CPython does,
//! and the exit code is 1; `sys.exit(n)` gives n.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use engine::WorkerState;

use super::multiprocessing::{end_of_program, set_state, state, terminate_children, ProcessState};
use crate::compiler::compile;
use crate::host::Host;
use crate::objects::exception::{exception_args, PyErr};
use crate::objects::function::{Args, Module};
use crate::objects::{lock, PyResult, Value};
use crate::parse::parse;
use crate::pickle::loads;
use crate::vm::{Frame, Interpreter, Mode, Output, Scheduler, Stream, Thread, MAIN_IDENT};

/// How long a child's end waits for its threads to leave.
const THREADS_LEAVE_WITHIN: Duration = Duration::from_secs(2);

/// A child's own time limit: its program's main process ends it sooner (at Stop, the time
/// limit or the end), by terminating every child it started.
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(24 * 60 * 60);

/// What a child is started with: the program, the mode, its name, its parent, and its pickled
/// `Process` object.
pub struct Bootstrap {
    /// The program's source, which the child re-runs as `__mp_main__`.
    pub source: String,
    /// The mode its threads run in.
    pub mode: Mode,
    /// Its name (`Process-1`).
    pub name: String,
    /// The pid of the process that starts it.
    pub parent_pid: u32,
    /// The name of the process that starts it.
    pub parent_name: String,
    /// The pickled `(process, args, kwargs)` it runs.
    pub payload: Vec<u8>,
}

impl Bootstrap {
    /// The message a host hands to [`run_process`].
    pub fn write(&self) -> Vec<u8> {
        write_fields(&[
            Field::Bytes(self.source.as_bytes().to_vec()),
            Field::Bytes(self.mode.name().as_bytes().to_vec()),
            Field::Bytes(self.name.as_bytes().to_vec()),
            Field::Number(f64::from(self.parent_pid)),
            Field::Bytes(self.parent_name.as_bytes().to_vec()),
            Field::Bytes(self.payload.clone()),
        ])
    }

    /// A bootstrap from its message; `None` if the bytes are not one.
    pub fn read(bytes: &[u8]) -> Option<Bootstrap> {
        let fields = read_fields(bytes)?;
        let text = |index: usize| match fields.get(index) {
            Some(Field::Bytes(bytes)) => String::from_utf8(bytes.clone()).ok(),
            _ => None,
        };
        let number = |index: usize| match fields.get(index) {
            Some(Field::Number(number)) => Some(*number),
            _ => None,
        };
        let mode_name = text(1)?;
        let Some(Field::Bytes(payload)) = fields.get(5) else { return None };
        Some(Bootstrap {
            source: text(0)?,
            mode: Mode::ALL.into_iter().find(|mode| mode.name() == mode_name)?,
            name: text(2)?,
            parent_pid: number(3)? as u32,
            parent_name: text(4)?,
            payload: payload.clone(),
        })
    }
}

/// A child process as its host sees it once it runs.
pub struct ChildProcess<'a> {
    /// Its name (`Process-1`).
    pub name: &'a str,
    /// The pid of the process that started it.
    pub parent_pid: u32,
    /// Its scheduler: to halt it, and its recorder (a lane per thread).
    pub scheduler: &'a Arc<Scheduler>,
}

/// Runs a child process from its bootstrap message, on `host`, printing into `output`;
/// `started` is told of it first (to halt it, to draw its lanes). Gives its exit code.
pub fn run_process(bootstrap: &[u8], host: Arc<dyn Host>, output: Arc<Output>, started: &dyn Fn(&ChildProcess)) -> i32 {
    let Some(bootstrap) = Bootstrap::read(bootstrap) else { return 1 };
    let scheduler = Arc::new(Scheduler::new(bootstrap.mode, CHILD_TIME_LIMIT, host));
    started(&ChildProcess { name: &bootstrap.name, parent_pid: bootstrap.parent_pid, scheduler: &scheduler });
    let main: Arc<str> = Arc::from("MainThread");
    let interp = Arc::new(Interpreter {
        builtins: crate::builtins::namespace(),
        modules: Mutex::new(HashMap::new()),
        output: Arc::new(Output::forwarding_to(output, &bootstrap.name)),
        scheduler: scheduler.clone(),
        threads: Mutex::new(HashMap::from([(MAIN_IDENT, main.clone())])),
        process: std::sync::OnceLock::new(),
    });
    let source: Arc<str> = Arc::from(bootstrap.source.as_str());
    let parent = Some((bootstrap.parent_pid, bootstrap.parent_name.clone()));
    set_state(&interp, ProcessState::new(bootstrap.name.clone(), parent, source));
    let timeline_lane = scheduler.add_lane(&main);
    let mut thread = Thread::new(interp.clone(), main, MAIN_IDENT, timeline_lane);
    scheduler.thread_started();
    let mut exit_code = match thread.take_gil().and_then(|()| crate::builtins::install_prelude(&mut thread)) {
        Ok(()) => match run_target(&mut thread, &bootstrap) {
            Ok(code) => code,
            Err(error) => exit_code_of(&mut thread, &bootstrap.name, error),
        },
        Err(error) => exit_code_of(&mut thread, &bootstrap.name, error),
    };
    if let Err(error) = wait_for_threads_and_children(&mut thread) {
        if exit_code == 0 {
            exit_code = exit_code_of(&mut thread, &bootstrap.name, error);
        }
    }
    if scheduler.halt_reason().is_some() {
        terminate_children(&mut thread);
    }
    thread.release_gil();
    thread.record(WorkerState::Done);
    scheduler.thread_finished();
    scheduler.halt(crate::Halt::ProgramEnded);
    if scheduler.wait_for_threads_to_leave(THREADS_LEAVE_WITHIN) {
        thread.interp.tear_down();
    }
    exit_code
}

/// Re-runs the program as `__mp_main__`, then calls the target with its arguments; the exit
/// code. An error while re-running the program is printed as a plain traceback (CPython's
/// child fails before its `Process._bootstrap`).
fn run_target(thread: &mut Thread, bootstrap: &Bootstrap) -> PyResult<i32> {
    let module = parse(&bootstrap.source)
        .ok()
        .and_then(|module| compile(&module, &bootstrap.source, "main.py").ok())
        .ok_or_else(|| PyErr::new("SyntaxError", "the program does not compile"))?;
    let globals = Arc::new(crate::objects::Namespace::new(crate::objects::names([(Arc::from("__name__"), Value::str("__mp_main__"))])));
    let main_module = Value::Module(Arc::new(Module { name: Arc::from("__mp_main__"), dict: globals.clone() }));
    {
        let mut modules = lock(&thread.interp.modules);
        modules.insert("__mp_main__".into(), main_module.clone());
        modules.insert("__main__".into(), main_module);
    }
    let process = state(&thread.interp);
    process.bootstrapping.store(true, Ordering::SeqCst);
    let ran = thread.run_frame(Frame::new(module, globals, None, Vec::new(), None));
    process.bootstrapping.store(false, Ordering::SeqCst);
    if let Err(error @ PyErr::Raised(_)) = ran {
        crate::program::report(thread, error);
        return Ok(1);
    }
    ran?;
    let (run, call) = target_call(thread, &bootstrap.payload)?;
    thread.call(&run, Args::positional(call))?;
    Ok(0)
}

/// What a child calls once the program has re-run: `multiprocessing.process._run_child` with
/// the unpickled `(process, args, kwargs)`.
pub fn target_call(thread: &mut Thread, payload: &[u8]) -> PyResult<(Value, Vec<Value>)> {
    let Value::Tuple(payload) = loads(thread, payload)? else { return Err(PyErr::new("ValueError", "bad bootstrap")) };
    let [target, Value::Tuple(positional), keywords] = payload.as_slice() else { return Err(PyErr::new("ValueError", "bad bootstrap")) };
    let keywords = match keywords {
        Value::Dict(dict) => dict.items().into_iter().filter_map(|(key, value)| key.as_str().map(|key| (Arc::from(key), value))).collect(),
        _ => Vec::new(),
    };
    let multiprocessing = thread.import("multiprocessing.process")?;
    let run = thread.get_attr(&multiprocessing, "_run_child")?;
    let keywords = crate::objects::Dict::from_pairs(keywords.into_iter().map(|(key, value): (Arc<str>, Value)| (Value::Str(key), value)).collect())?;
    Ok((run, vec![target.clone(), Value::Tuple(positional.clone()), Value::Dict(Arc::new(keywords))]))
}

/// The exit code an error gives, after printing it as CPython's `Process._bootstrap` does.
pub fn exit_code_of(thread: &mut Thread, name: &str, error: PyErr) -> i32 {
    let PyErr::Raised(raised) = error else { return crate::native_processes::TERMINATED };
    if raised.exception.class.is_subclass(&crate::objects::class::exception_class("SystemExit")) {
        return match exception_args(&raised.exception).first() {
            None | Some(Value::None) => 0,
            Some(Value::Int(code)) => *code as i32,
            Some(other) => {
                let text = thread.str(other).unwrap_or_default();
                thread.interp.output.write(Stream::Stderr, &thread.name.clone(), &format!("{text}\n"));
                1
            }
        };
    }
    let traceback = crate::program::chained_traceback(thread, &raised.exception, &raised.traceback, 0);
    let text = format!("Process {name}:\n{traceback}");
    thread.interp.output.write(Stream::Stderr, &thread.name.clone(), &text);
    1
}

/// The end of a child's program: its threads, then its own children, as CPython's exit.
fn wait_for_threads_and_children(thread: &mut Thread) -> PyResult<()> {
    let threading = lock(&thread.interp.modules).get("threading").cloned();
    if let Some(threading) = threading {
        let shutdown = thread.get_attr(&threading, "_shutdown")?;
        thread.call(&shutdown, Args::default())?;
    }
    end_of_program(thread)
}

/// Reads back what [`write_fields`] wrote.
fn read_fields(bytes: &[u8]) -> Option<Vec<Field>> {
    let mut fields = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let tag = bytes[at];
        let length = u32::from_le_bytes(bytes.get(at + 1..at + 5)?.try_into().ok()?) as usize;
        let body = bytes.get(at + 5..at + 5 + length)?;
        fields.push(match tag {
            b'b' => Field::Bytes(body.to_vec()),
            b'n' => Field::Number(f64::from_le_bytes(body.try_into().ok()?)),
            _ => return None,
        });
        at += 5 + length;
    }
    Some(fields)
}

/// A field of the bootstrap: text or bytes, or a number.
#[derive(Clone, Debug, PartialEq)]
enum Field {
    /// Text or pickled bytes.
    Bytes(Vec<u8>),
    /// A number.
    Number(f64),
}

/// Writes fields one after another, each a tag, a length and its body.
fn write_fields(fields: &[Field]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for field in fields {
        let (tag, body) = match field {
            Field::Bytes(body) => (b'b', body.clone()),
            Field::Number(number) => (b'n', number.to_le_bytes().to_vec()),
        };
        bytes.push(tag);
        bytes.extend_from_slice(&(body.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&body);
    }
    bytes
}
