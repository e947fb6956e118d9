//! `multiprocessing`: written in Python (`multiprocessing/`, module by module as CPython's
//! `Lib/multiprocessing`: context, process, synchronize, sharedctypes, queues, connection,
//! pool, managers, dummy) over `_multiprocessing`, the native core here: starting a process (a
//! separate interpreter that re-runs the program as `__mp_main__`, "spawn", then runs its
//! target), joining and terminating it, and byte messages on the host's channels. Shared
//! objects (`Value`, `Array`, locks) are in `multiprocessing_shared.rs`, a child's own run in
//! `multiprocessing_child.rs`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use engine::{Waitable, WorkerState};

use crate::host::{ProcessHost, ProcessRefused, MOST_PROCESSES};
use crate::process_tree::{Finish, ProcessCall, ProcessWait, Reply, Request};
use crate::vm::Effect;
use crate::objects::exception::type_error;
use crate::objects::function::{Args, BuiltinFn};
use crate::objects::{int, lock, PyErr, PyResult, Value};
use crate::pickle::{dumps, loads, Purpose};
use crate::vm::{Interpreter, Thread, Waiting};

pub use super::multiprocessing_child::{exit_code_of, run_process, target_call, Bootstrap, ChildProcess};
pub use super::multiprocessing_shared::rebuild_shared;

/// The package's modules written in Python, by name.
const SOURCES: [(&str, &str); 10] = [
    ("multiprocessing", include_str!("multiprocessing/__init__.py")),
    ("multiprocessing.context", include_str!("multiprocessing/context.py")),
    ("multiprocessing.process", include_str!("multiprocessing/process.py")),
    ("multiprocessing.synchronize", include_str!("multiprocessing/synchronize.py")),
    ("multiprocessing.sharedctypes", include_str!("multiprocessing/sharedctypes.py")),
    ("multiprocessing.queues", include_str!("multiprocessing/queues.py")),
    ("multiprocessing.connection", include_str!("multiprocessing/connection.py")),
    ("multiprocessing.pool", include_str!("multiprocessing/pool.py")),
    ("multiprocessing.managers", include_str!("multiprocessing/managers.py")),
    ("multiprocessing.dummy", include_str!("multiprocessing/dummy.py")),
];

/// The module `multiprocessing` or `multiprocessing.<name>`, `None` for another name. A
/// module of the package is also an attribute of the package once both are loaded
/// (`import multiprocessing.pool` then `multiprocessing.pool.ThreadPool`).
pub fn load(thread: &mut Thread, name: &str) -> Option<PyResult> {
    let (_, source) = SOURCES.iter().find(|(module, _)| *module == name)?;
    Some(super::source::load(thread, name, source).and_then(|module| {
        join_package(thread, name, &module)?;
        Ok(module)
    }))
}

/// Sets each loaded module of the package as the package's attribute.
fn join_package(thread: &mut Thread, name: &str, module: &Value) -> PyResult<()> {
    let loaded: Vec<(String, Value)> = lock(&thread.interp.modules).iter().map(|(name, module)| (name.clone(), module.clone())).collect();
    let package = if name == "multiprocessing" { Some(module.clone()) } else { loaded.iter().find(|(n, _)| n == "multiprocessing").map(|(_, m)| m.clone()) };
    let Some(package) = package else { return Ok(()) };
    let members = loaded.into_iter().chain(std::iter::once((name.to_string(), module.clone())));
    for (member, value) in members {
        if let Some(short) = member.strip_prefix("multiprocessing.") {
            thread.set_attr(&package, short, value)?;
        }
    }
    Ok(())
}

/// The module that keeps a process's children.
const PROCESS_MODULE: &str = "multiprocessing.process";

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("process_info", process_info),
    ("start", start),
    ("exitcode", exitcode),
    ("join", join),
    ("terminate", terminate),
    ("channel", channel),
    ("send", send),
    ("receive", receive),
    ("pending", pending),
    ("cpu_count", cpu_count),
    ("bytes_moved", bytes_moved),
    ("format_exception", format_exception),
    ("shared_array", super::multiprocessing_shared::shared_array),
    ("semaphore", super::multiprocessing_shared::semaphore),
];

/// The native core.
pub fn module() -> Value {
    super::native_module("_multiprocessing", FUNCTIONS, vec![("MOST_PROCESSES", Value::Int(MOST_PROCESSES as i64))])
}

/// What a process knows of itself: its name, pid and parent, the program it re-runs, and
/// whether it is still running that program as `__mp_main__` (its bootstrapping).
pub struct ProcessState {
    /// `MainProcess`, `Process-1`, `SpawnPoolWorker-1` …
    pub name: String,
    /// The parent's pid and name (`None` for the main process).
    pub parent: Option<(u32, String)>,
    /// The program's source, which a child re-runs.
    pub source: Arc<str>,
    /// Set while a child re-runs the program: starting a process then is CPython's error.
    pub bootstrapping: AtomicBool,
    tree: std::sync::OnceLock<Option<Arc<dyn ProcessHost>>>,
}

impl ProcessState {
    /// The state of a process; its tree is asked of the host on first use.
    pub fn new(name: String, parent: Option<(u32, String)>, source: Arc<str>) -> ProcessState {
        ProcessState { name, parent, source, bootstrapping: AtomicBool::new(false), tree: Default::default() }
    }

    /// Whether this process's tree, once asked for, answers by message.
    pub fn asks_by_message(&self) -> bool {
        self.tree.get().and_then(Option::as_ref).is_some_and(|tree| tree.answers_by_message())
    }

    fn tree(&self, interp: &Interpreter) -> PyResult<Arc<dyn ProcessHost>> {
        let tree = self.tree.get_or_init(|| {
            let tree = interp.scheduler.host.processes();
            if self.parent.is_none() {
                if let Some(tree) = &tree {
                    tree.show_output(&interp.output);
                }
            }
            tree
        });
        tree.clone().ok_or_else(|| PyErr::new("OSError", "this page cannot start processes"))
    }
}

/// Records the program a main process runs (its children re-run it), before it starts.
pub fn note_program(interp: &Interpreter, source: &str) {
    interp.process.get_or_init(|| Arc::new(ProcessState::new("MainProcess".into(), None, Arc::from(source))));
}

/// This process's state (a main process not noted runs no program a child could re-run).
pub fn state(interp: &Interpreter) -> Arc<ProcessState> {
    interp.process.get_or_init(|| Arc::new(ProcessState::new("MainProcess".into(), None, Arc::from("")))).clone()
}

/// Sets this process's state (a child's, before it runs anything).
pub fn set_state(interp: &Interpreter, process: ProcessState) {
    interp.process.get_or_init(|| Arc::new(process));
}

/// The host's processes, for the shared objects.
pub fn tree(thread: &Thread) -> PyResult<Arc<dyn ProcessHost>> {
    state(&thread.interp).tree(&thread.interp)
}

/// When a process's program has ended: joins its non-daemon children and terminates the
/// others (`multiprocessing`'s exit function), or on Stop terminates them all.
pub fn end_of_program(thread: &mut Thread) -> PyResult<()> {
    if let Some(shutdown) = children_shutdown(thread)? {
        thread.call(&shutdown, Args::default())?;
    }
    Ok(())
}

/// The exit function that joins or terminates this process's children, if it started any
/// and has not been halted.
pub fn children_shutdown(thread: &mut Thread) -> PyResult<Option<Value>> {
    let module = lock(&thread.interp.modules).get(PROCESS_MODULE).cloned();
    match module {
        Some(module) if thread.interp.scheduler.halt_reason().is_none() => thread.get_attr(&module, "_shutdown").map(Some),
        _ => Ok(None),
    }
}

/// Terminates every child this process started (when it is halted).
pub fn terminate_children(thread: &mut Thread) {
    let module = lock(&thread.interp.modules).get(PROCESS_MODULE).cloned();
    let Some(Value::Module(module)) = module else { return };
    let children = lock(&module.dict).get("_children").cloned();
    let Some(Value::Dict(children)) = children else { return };
    for pid in children.keys() {
        if let Some(pid) = int::to_small(&pid) {
            let _ = tell(thread, Request::Terminate { pid: pid as u32 });
        }
    }
}

fn process_info(thread: &mut Thread, _args: Args) -> PyResult {
    let process = state(&thread.interp);
    let (parent_pid, parent_name) = match &process.parent {
        Some((pid, name)) => (Value::Int(i64::from(*pid)), Value::str(name)),
        None => (Value::None, Value::None),
    };
    let pid = Value::Int(i64::from(thread.interp.scheduler.host.process_id()));
    Ok(Value::tuple(vec![Value::str(&process.name), pid, parent_pid, parent_name]))
}

/// CPython's error for a process started while a child re-runs the program (no
/// `if __name__ == "__main__":` guard).
const BOOTSTRAPPING_ERROR: &str = "
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The \"freeze_support()\" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the \"Safe importing of main module\"
        section in https://docs.python.org/3/library/multiprocessing.html
        ";

/// `start(name, target, args, kwargs)`: pickles the target and its arguments (refused as
/// CPython refuses them), starts a process that re-runs the program and calls it; its pid.
fn start(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("start", 4, 4)?;
    let process = state(&thread.interp);
    if process.bootstrapping.load(Ordering::SeqCst) {
        return Err(PyErr::new("RuntimeError", BOOTSTRAPPING_ERROR));
    }
    let Value::Str(name) = &args.positional[0] else { return Err(type_error("a process's name is a str")) };
    let payload = Value::tuple(args.positional[1..4].to_vec());
    let bootstrap = Bootstrap {
        source: process.source.to_string(),
        mode: thread.interp.scheduler.mode,
        name: name.to_string(),
        parent_pid: thread.interp.scheduler.host.process_id(),
        parent_name: process.name.clone(),
        payload: dumps(thread, &payload, Purpose::Inheritance)?,
    };
    let waiting = Waiting { state: WorkerState::Sending, object: Some(format!("the start of {name}")), report: format!("the start of {name}") };
    ask(thread, Request::Start { bootstrap: bootstrap.write() }, waiting, started)
}

fn started(_: &mut Thread, reply: Reply) -> PyResult {
    match reply {
        Reply::Started(Ok(pid)) => Ok(Value::Int(i64::from(pid))),
        Reply::Started(Err(ProcessRefused::TooMany)) => Err(PyErr::new(
            "RuntimeError",
            format!("can't start new process: the playground runs at most {MOST_PROCESSES} processes at once"),
        )),
        Reply::Started(Err(ProcessRefused::Failed)) => Err(PyErr::new("OSError", "can't start new process")),
        other => Err(out_of_turn(&other)),
    }
}

/// A reply that does not answer its request (a host's mistake).
fn out_of_turn(reply: &Reply) -> PyErr {
    PyErr::new("SystemError", format!("the process tree answered out of turn: {reply:?}"))
}

/// Asks the tree `request` and blocks until its reply (parked, on one thread), which
/// `finish` makes the call's value; `waiting` says what the thread waits for meanwhile.
pub fn ask(thread: &mut Thread, request: Request, waiting: Waiting, finish: Finish) -> PyResult {
    let wait = ProcessWait::new(tree(thread)?, request, waiting, thread.interp.scheduler.now_ms(), finish);
    thread.block(Effect::Process(Arc::new(wait)))
}

/// Tells the tree `request`, which has no reply.
pub fn tell(thread: &Thread, request: Request) -> PyResult<()> {
    tree(thread)?.ask(&ProcessCall::new(request), Duration::ZERO);
    Ok(())
}

/// What a thread waits for while the tree answers a question that does not wait.
pub fn answering() -> Waiting {
    Waiting { state: WorkerState::Receiving, object: Some("the process tree".into()), report: "the process tree's answer".into() }
}

/// A count as an int.
pub fn count(_: &mut Thread, reply: Reply) -> PyResult {
    match reply {
        Reply::Count(count) => Ok(Value::Int(count as i64)),
        other => Err(out_of_turn(&other)),
    }
}

fn exit_code_value(_: &mut Thread, reply: Reply) -> PyResult {
    match reply {
        Reply::ExitCode(code) => Ok(code.map_or(Value::None, |code| Value::Int(i64::from(code)))),
        other => Err(out_of_turn(&other)),
    }
}

fn ended(_: &mut Thread, reply: Reply) -> PyResult {
    match reply {
        Reply::ExitCode(code) => Ok(Value::Bool(code.is_some())),
        other => Err(out_of_turn(&other)),
    }
}

fn pid_argument(args: &Args) -> PyResult<u32> {
    args.get(0).and_then(int::to_small).map(|pid| pid as u32).ok_or_else(|| type_error("a pid is an int"))
}

/// How long a wait with no timeout on another process lasts at most: it counts as a wait
/// with a timeout, since what another process does may end it (the deadlock report looks at
/// this process's threads only).
pub const WAIT_ON_ANOTHER_PROCESS: Duration = Duration::from_secs(1_000_000_000);

/// A wait's timeout, [`WAIT_ON_ANOTHER_PROCESS`] for none.
pub fn timeout_argument(value: Option<&Value>) -> PyResult<Option<Duration>> {
    match value {
        None | Some(Value::None) => Ok(Some(WAIT_ON_ANOTHER_PROCESS)),
        Some(value) => Ok(Some(Duration::from_secs_f64(int::to_f64(value)?.clamp(0.0, 1e9)))),
    }
}

fn exitcode(thread: &mut Thread, args: Args) -> PyResult {
    let pid = pid_argument(&args)?;
    ask(thread, Request::ExitCode { pid }, answering(), exit_code_value)
}

/// `join(pid, name, timeout)`: waits for the process's end without the GIL, in slices.
fn join(thread: &mut Thread, args: Args) -> PyResult {
    let pid = pid_argument(&args)?;
    let name = args.get(1).and_then(Value::as_str).unwrap_or("a process").to_string();
    let wait_ms = milliseconds(timeout_argument(args.get(2))?);
    let waiting = Waiting::on(Waitable::Join, name.clone(), format!("the end of {name}"));
    ask(thread, Request::WaitForExit { pid, wait_ms }, waiting, ended)
}

/// A wait's milliseconds.
pub fn milliseconds(wait: Option<Duration>) -> f64 {
    wait.unwrap_or(WAIT_ON_ANOTHER_PROCESS).as_secs_f64() * 1000.0
}

fn terminate(thread: &mut Thread, args: Args) -> PyResult {
    let pid = pid_argument(&args)?;
    tell(thread, Request::Terminate { pid })?;
    Ok(Value::None)
}

fn channel(thread: &mut Thread, _args: Args) -> PyResult {
    let channel = tree(thread)?.new_number();
    tell(thread, Request::OpenChannel { channel })?;
    Ok(Value::Int(channel as i64))
}

fn channel_argument(args: &Args) -> PyResult<u64> {
    args.get(0).and_then(int::to_small).map(|channel| channel as u64).ok_or_else(|| type_error("a channel is an int"))
}

/// `send(channel, obj)`: pickles `obj` here (refused as CPython refuses it) and sends it.
fn send(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("send", 2, 2)?;
    let channel = channel_argument(&args)?;
    tree(thread)?;
    thread.record(WorkerState::Sending);
    let message = dumps(thread, &args.positional[1], Purpose::Message);
    if let Ok(message) = message.as_ref() {
        tell(thread, Request::Send { channel, message: message.clone() })?;
    }
    thread.record(WorkerState::Running);
    message?;
    thread.interp.scheduler.note_progress();
    Ok(Value::None)
}

/// `receive(channel, block, timeout, what)`: `(True, obj)`, or `(False, None)` when nothing
/// came (at once when not blocking, else within the timeout).
fn receive(thread: &mut Thread, args: Args) -> PyResult {
    let channel = channel_argument(&args)?;
    let block = match args.get(1) {
        Some(flag) => thread.truthy(flag)?,
        None => true,
    };
    let wait_ms = if block { milliseconds(timeout_argument(args.get(2))?) } else { 0.0 };
    let what = args.get(3).and_then(Value::as_str).unwrap_or("a queue").to_string();
    let waiting = Waiting { state: WorkerState::Receiving, object: Some(what.clone()), report: what };
    ask(thread, Request::Receive { channel, wait_ms }, waiting, received)
}

/// `(True, obj)` for a message (unpickled here), `(False, None)` when none came.
fn received(thread: &mut Thread, reply: Reply) -> PyResult {
    let bytes = match reply {
        Reply::Message(Some(bytes)) => bytes,
        Reply::Message(None) => return Ok(Value::tuple(vec![Value::Bool(false), Value::None])),
        other => return Err(out_of_turn(&other)),
    };
    thread.record(WorkerState::Receiving);
    let value = loads(thread, &bytes);
    thread.record(WorkerState::Running);
    Ok(Value::tuple(vec![Value::Bool(true), value?]))
}

fn pending(thread: &mut Thread, args: Args) -> PyResult {
    let channel = channel_argument(&args)?;
    ask(thread, Request::Pending { channel }, answering(), count)
}

fn cpu_count(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Int(thread.interp.scheduler.host.cpu_count() as i64))
}

fn bytes_moved(thread: &mut Thread, _args: Args) -> PyResult {
    ask(thread, Request::BytesMoved, answering(), count)
}

/// `format_exception(exc)`: its traceback as CPython prints it (a pool sends it with a
/// task's exception, as `RemoteTraceback`).
fn format_exception(thread: &mut Thread, args: Args) -> PyResult {
    let Some(Value::Instance(exception)) = args.get(0) else { return Err(type_error("format_exception takes an exception")) };
    let traceback = lock(&exception.traceback).clone();
    Ok(Value::str(&crate::program::chained_traceback(thread, exception, &traceback, 0)))
}
