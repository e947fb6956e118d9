//! `_thread`: the primitives `threading` is written on, in Rust: locks (plain and reentrant)
//! whose blocked `acquire` lets the GIL go and waits in slices that notice Stop, and real OS
//! threads started while the program runs.

use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use engine::Waitable;

use crate::objects::class::{builtin_types, Kind};
use crate::objects::exception::{type_error, value_error};
use crate::objects::function::{Args, BuiltinFn};
use crate::objects::{int, lock, Class, NativeObject, PyErr, PyResult, Value};
use crate::vm::{timed_wait_end_ms, Effect, Thread, Waiting};

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("allocate_lock", allocate_lock),
    ("allocate_rlock", allocate_rlock),
    ("start_new_thread", start_new_thread),
    ("get_ident", get_ident),
    ("_print_exception", print_exception),
];

/// The most threads alive at once; past it `RuntimeError: can't start new thread`.
pub const MAX_THREADS: usize = 1024;

/// Each Python thread's native stack (reserved, not committed).
const THREAD_STACK_BYTES: usize = 64 << 20;

/// The module.
pub fn module() -> Value {
    super::native_module("_thread", FUNCTIONS, vec![])
}

/// Who holds a lock and how often (for a reentrant one).
#[derive(Default)]
struct Holding {
    owner: Option<u64>,
    count: u32,
}

/// `threading.Lock` and `threading.RLock`, and the waiter locks every other primitive of
/// `threading` blocks on: the Python object, around the lock a blocked thread waits for.
pub struct Lock {
    core: Arc<LockCore>,
}

/// A lock's state, shared with the [`Effect`] of a thread blocked on it.
pub struct LockCore {
    holding: Mutex<Holding>,
    released: Condvar,
    reentrant: bool,
    /// What a thread blocked on it waits for, in a deadlock report.
    label: Arc<str>,
    /// What a thread blocked on it is blocked on, on the timeline: the kind of object…
    kind: Waitable,
    /// …and which one ("Condition at 0x…"), or `None` for the lock itself ("Lock at 0x…").
    object: Option<Arc<str>>,
}

fn lock_class(reentrant: bool) -> Arc<Class> {
    static CLASSES: OnceLock<(Arc<Class>, Arc<Class>)> = OnceLock::new();
    let (plain, reentrant_class) = CLASSES.get_or_init(|| {
        let object = builtin_types().object.clone();
        let make = |name: &str| Class::new(name, Kind::Opaque, vec![object.clone()], Default::default()).expect("one base");
        (make("lock"), make("RLock"))
    });
    if reentrant { reentrant_class.clone() } else { plain.clone() }
}

impl Lock {
    fn new(reentrant: bool, label: Arc<str>, (kind, object): (Waitable, Option<Arc<str>>)) -> Lock {
        let core = LockCore { holding: Mutex::new(Holding::default()), released: Condvar::new(), reentrant, label, kind, object };
        Lock { core: Arc::new(core) }
    }

    /// `acquire(blocking, timeout)`: at once when it can, else the thread blocks on it.
    fn acquire(&self, thread: &mut Thread, blocking: bool, timeout: Option<Duration>, restore_count: Option<u32>) -> PyResult<bool> {
        if !blocking {
            return Ok(self.core.try_take(thread.ident, Duration::ZERO));
        }
        let deadline_ms = timeout.map(|timeout| timed_wait_end_ms(thread.interp.scheduler.now_ms(), timeout.as_secs_f64() * 1000.0));
        // Python's `id(lock)`: the timeline names the lock as `hex(id(lock))` shows it.
        let address = self as *const Lock as usize;
        let effect = Effect::Acquire { lock: self.core.clone(), address, deadline_ms, restore_count };
        Ok(matches!(thread.block(effect)?, Value::Bool(true)))
    }
}

impl LockCore {
    /// What the timeline names the object a thread blocked on this lock waits on: the one
    /// given, else the lock itself, at `address`.
    fn object_name(&self, address: usize) -> String {
        match &self.object {
            Some(object) => object.to_string(),
            None => format!("{} at {:#x}", if self.reentrant { "RLock" } else { "Lock" }, address),
        }
    }

    /// Takes the lock if it is free (or already ours, when reentrant), waiting up to `wait`.
    pub fn try_take(&self, ident: u64, wait: Duration) -> bool {
        let mut holding = lock(&self.holding);
        if holding.count > 0 && !(self.reentrant && holding.owner == Some(ident)) && !wait.is_zero() {
            holding = self.released.wait_timeout(holding, wait).unwrap_or_else(|p| p.into_inner()).0;
        }
        if holding.count == 0 {
            holding.owner = Some(ident);
            holding.count = 1;
            return true;
        }
        if self.reentrant && holding.owner == Some(ident) {
            holding.count += 1;
            return true;
        }
        false
    }

    /// Gives a reentrant lock just taken the count `Condition.wait` saved.
    pub fn restore_count(&self, count: u32) {
        lock(&self.holding).count = count;
    }

    /// What `thread`, blocked on this lock (Python's object at `address`), waits on.
    pub fn waiting(&self, thread: &Thread, address: usize) -> Waiting {
        let report = if self.label.starts_with("a lock") || self.label.starts_with("an RLock") {
            format!("{} held by {}", self.label, self.holder_name(thread))
        } else {
            self.label.to_string()
        };
        Waiting::on(self.kind, self.object_name(address), report)
    }

    fn holder_name(&self, thread: &Thread) -> String {
        match lock(&self.holding).owner {
            Some(owner) if owner == thread.ident => format!("{} itself", thread.name),
            Some(owner) => crate::vm::thread_name(&thread.interp, owner).unwrap_or_else(|| "another thread".into()),
            None => "no one".into(),
        }
    }

    fn release(&self, thread: &Thread) -> PyResult<()> {
        let mut holding = lock(&self.holding);
        if holding.count == 0 {
            let message = if self.reentrant { "cannot release un-acquired lock" } else { "release unlocked lock" };
            return Err(PyErr::new("RuntimeError", message));
        }
        if self.reentrant && holding.owner != Some(thread.ident) {
            return Err(PyErr::new("RuntimeError", "cannot release un-acquired lock"));
        }
        holding.count -= 1;
        if holding.count == 0 {
            holding.owner = None;
            drop(holding);
            self.released.notify_one();
            thread.interp.scheduler.note_progress();
        }
        Ok(())
    }
}

fn timeout_argument(value: Option<Value>) -> PyResult<Option<Duration>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => {
            let seconds = int::to_f64(&value)?;
            if seconds < 0.0 && seconds != -1.0 {
                return Err(value_error("timeout value must be a non-negative number"));
            }
            Ok((seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(1e9))))
        }
    }
}

impl NativeObject for Lock {
    fn class(&self) -> Arc<Class> {
        lock_class(self.core.reentrant)
    }

    fn call_method(&self, thread: &mut Thread, name: &str, mut args: Args) -> Option<PyResult> {
        let result = match name {
            "acquire" | "__enter__" => (|| {
                let blocking = match args.get_or_keyword(0, "blocking") {
                    Some(flag) => thread.truthy(&flag)?,
                    None => true,
                };
                let timeout = timeout_argument(args.get_or_keyword(1, "timeout"))?;
                if !blocking && timeout.is_some() {
                    return Err(value_error("can't specify a timeout for a non-blocking call"));
                }
                self.acquire(thread, blocking, timeout, None).map(Value::Bool)
            })(),
            "release" => self.core.release(thread).map(|()| Value::None),
            "__exit__" => self.core.release(thread).map(|()| Value::Bool(false)),
            "locked" => Ok(Value::Bool(lock(&self.core.holding).count > 0)),
            "_is_owned" => {
                let holding = lock(&self.core.holding);
                Ok(Value::Bool(holding.count > 0 && (!self.core.reentrant || holding.owner == Some(thread.ident))))
            }
            "_release_save" => (|| {
                let count = {
                    let holding = lock(&self.core.holding);
                    if holding.count == 0 {
                        return Err(PyErr::new("RuntimeError", "cannot release un-acquired lock"));
                    }
                    holding.count
                };
                for _ in 0..count {
                    self.core.release(thread)?;
                }
                Ok(Value::Int(i64::from(count)))
            })(),
            "_acquire_restore" => (|| {
                let count = args.get(0).and_then(int::to_small).unwrap_or(1).max(1);
                self.acquire(thread, true, None, Some(count as u32))?;
                Ok(Value::None)
            })(),
            _ => return None,
        };
        Some(result)
    }
}

fn label_argument(args: &Args, default: &str) -> Arc<str> {
    match args.get(0) {
        Some(Value::Str(label)) => label.clone(),
        _ => Arc::from(default),
    }
}

/// What `threading` says a waiter lock stands for (`kind`, `name`: its second and third
/// arguments): what a thread blocked on it is blocked on, for the timeline.
fn blocked_on_arguments(args: &Args) -> PyResult<(Waitable, Option<Arc<str>>)> {
    let kind = match args.get(1) {
        None => Waitable::Lock,
        Some(Value::Str(kind)) => match &**kind {
            "lock" => Waitable::Lock,
            "condition" => Waitable::Condition,
            "event" => Waitable::Event,
            "semaphore" => Waitable::Semaphore,
            "barrier" => Waitable::Barrier,
            "queue" => Waitable::Queue,
            "join" => Waitable::Join,
            other => return Err(value_error(format!("no such kind of waiter lock: {other}"))),
        },
        Some(_) => return Err(type_error("a waiter lock's kind is a str")),
    };
    let name = match args.get(2) {
        Some(Value::Str(name)) => Some(name.clone()),
        _ => None,
    };
    Ok((kind, name))
}

/// `_thread.allocate_lock(label="a lock", kind="lock", name=None)`: a lock; `threading`
/// passes the label of the deadlock report, and for a waiter lock what it stands for.
fn allocate_lock(_thread: &mut Thread, args: Args) -> PyResult {
    Ok(Value::Native(Arc::new(Lock::new(false, label_argument(&args, "a lock"), blocked_on_arguments(&args)?))))
}

fn allocate_rlock(_thread: &mut Thread, args: Args) -> PyResult {
    Ok(Value::Native(Arc::new(Lock::new(true, label_argument(&args, "an RLock"), (Waitable::Lock, None)))))
}

fn get_ident(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Int(thread.ident as i64))
}

/// `start_new_thread(function, args, name)`: a real OS thread running `function(*args)`.
fn start_new_thread(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("start_new_thread", 2, 3)?;
    let function = args.positional[0].clone();
    let Value::Tuple(call_args) = &args.positional[1] else { return Err(type_error("2nd arg must be a tuple")) };
    let name: Arc<str> = match args.get(2) {
        Some(Value::Str(name)) => name.clone(),
        _ => Arc::from("Thread"),
    };
    let ident = crate::vm::spawn_thread(thread, name, function, call_args.to_vec(), THREAD_STACK_BYTES, MAX_THREADS)?;
    Ok(Value::Int(ident as i64))
}

/// Prints `Exception in thread NAME:` and the traceback, as `threading.excepthook` does.
fn print_exception(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("_print_exception", 2, 2)?;
    let (Value::Str(name), Value::Instance(exception)) = (&args.positional[0], &args.positional[1]) else {
        return Ok(Value::None);
    };
    let traceback = lock(&exception.traceback).clone();
    let text = crate::program::chained_traceback(thread, exception, &traceback, 0);
    let thread_name = thread.name.clone();
    thread.interp.output.write(crate::vm::Stream::Stderr, &thread_name, &format!("Exception in thread {name}:\n{text}"));
    Ok(Value::None)
}
