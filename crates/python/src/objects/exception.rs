//! Exceptions are values: a raised exception carries the instance and its traceback (frames
//! with line numbers); a halted run (Stop, the time limit, a deadlock) unwinds past every
//! `except`.

use std::sync::Arc;

use super::class::{exception_class, Class};
use crate::bytecode::{Code, Instr, Position};
use super::{lock, Instance, Value};

/// One frame of a traceback: the function's name, the line it was at and where in that line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEntry {
    /// The file (`main.py`, `<stdlib>/threading.py`).
    pub file: Arc<str>,
    /// The code's name (`<module>`, `f`, `<lambda>` …).
    pub function: Arc<str>,
    /// The 1-based line.
    pub line: u32,
    /// The file's source (shared with its code), for the line a traceback prints.
    pub source: Arc<str>,
    /// Where the failing instruction's node is in `source` (the carets under the line).
    pub position: Position,
}

impl TraceEntry {
    /// The entry of `code` where `raised` went through it, at its instruction `index`.
    ///
    /// A method call looks its method up when it calls (`CallMethod`): a missing method is put
    /// where CPython 3.11 puts it, at the attribute (`LoadMethod`), not at the whole call.
    ///
    /// A `LoadGlobalMethod` (`m.f` fused) keeps the attribute's position: what it raises (a
    /// NameError) is placed at the global, its first bytes; an `InPlaceConstFast` (`n -= 1`)
    /// keeps the statement's, and its UnboundLocalError is placed at the local, its first bytes
    /// (a `BinaryFastFast`'s, `x * y`, at the first local, as `LoadFastLoadFast` places it).
    pub fn of(raised: &Raised, code: &Code, index: usize) -> TraceEntry {
        let missing_method = raised.traceback.is_empty() && raised.exception.class.is_subclass(&exception_class("AttributeError"));
        let at = if missing_method { method_lookup(code, index).unwrap_or(index) } else { index };
        let position = match code.instrs.get(at) {
            Some(Instr::LoadGlobalMethod(global, _)) if at == index => name_at(code, at, &code.names[*global as usize]),
            Some(Instr::CallGlobalMethod(global, _)) => global_method_call_part(raised, code, at, &code.names[*global as usize]),
            Some(Instr::InPlaceConstFast(_, slot, _) | Instr::BinaryFastFast(_, slot, _))
                if raised.exception.class.is_subclass(&exception_class("UnboundLocalError")) =>
            {
                name_at(code, at, &code.locals[*slot as usize])
            }
            _ => code.position_at(at),
        };
        TraceEntry { file: code.file.clone(), function: code.name.clone(), line: code.line_at(index), source: code.source.clone(), position }
    }
}

/// Where what a `CallGlobalMethod` (`m.f()`) at `index` raised is placed: a NameError before
/// anything was called at the global (its first bytes), a missing method at the attribute (its
/// position), anything else at the call (the attribute and its `()`, as fused).
fn global_method_call_part(raised: &Raised, code: &Code, index: usize, global: &str) -> Position {
    let attribute = code.position_at(index);
    let raised_here = raised.traceback.is_empty();
    if raised_here && raised.exception.class.is_subclass(&exception_class("NameError")) {
        name_at(code, index, global)
    } else if raised_here && raised.exception.class.is_subclass(&exception_class("AttributeError")) {
        attribute
    } else {
        Position { end: attribute.end + 2, ..attribute }
    }
}

/// Where `name` is at the start of the instruction at `index`'s node (a fused first half's).
fn name_at(code: &Code, index: usize, name: &str) -> Position {
    let start = code.position_at(index).start;
    Position { start, end: start + name.len() as u32, stress: None }
}

/// The `LoadMethod` of the `CallMethod` at `index` (method calls nest in its arguments).
fn method_lookup(code: &Code, index: usize) -> Option<usize> {
    if !matches!(code.instrs.get(index), Some(Instr::CallMethod(_))) {
        return None;
    }
    let mut nested = 0_usize;
    for at in (0..index).rev() {
        match code.instrs[at] {
            Instr::CallMethod(_) => nested += 1,
            Instr::LoadMethod(_) | Instr::LoadGlobalMethod(..) if nested == 0 => return Some(at),
            Instr::LoadMethod(_) | Instr::LoadGlobalMethod(..) => nested -= 1,
            _ => {}
        }
    }
    None
}

/// Why a run ends with no Python exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halt {
    /// The learner pressed Stop.
    Stopped,
    /// The run hit its time limit.
    TimeLimit,
    /// Every live thread waits for something only a waiting thread could give.
    Deadlock(String),
    /// The main thread finished: daemon threads end with it, silently.
    ProgramEnded,
}

/// What unwinds the Python stack.
#[derive(Clone)]
pub enum PyErr {
    /// A Python exception.
    Raised(Box<Raised>),
    /// The run is ending: no `except` catches this.
    Halted(Halt),
    /// A blocking call of a thread that takes turns on one worker: the run loop parks the
    /// thread until the effect is done (`vm/effect.rs`). No `except` catches this.
    Suspended(Box<crate::vm::Effect>),
}

/// A raised exception with the frames it went through, innermost first.
#[derive(Clone)]
pub struct Raised {
    /// The exception instance.
    pub exception: Arc<Instance>,
    /// Frames from where it was raised outwards.
    pub traceback: Vec<TraceEntry>,
}

impl PyErr {
    /// Raises a new instance of the built-in exception `class_name` with one message argument.
    pub fn new(class_name: &str, message: impl Into<String>) -> PyErr {
        let message: String = message.into();
        PyErr::from_instance(new_exception(&exception_class(class_name), vec![Value::str(&message)]))
    }

    /// Raises an instance.
    pub fn from_instance(exception: Arc<Instance>) -> PyErr {
        PyErr::Raised(Box::new(Raised { exception, traceback: Vec::new() }))
    }

    /// Whether this is a Python exception of class `class` or a subclass.
    pub fn matches(&self, class: &Arc<Class>) -> bool {
        match self {
            PyErr::Raised(raised) => raised.exception.class.is_subclass(class),
            PyErr::Halted(_) | PyErr::Suspended(_) => false,
        }
    }

    /// Whether this is the built-in exception `name` (or a subclass).
    pub fn is(&self, name: &str) -> bool {
        self.matches(&exception_class(name))
    }
}

/// A new exception instance with `args`.
pub fn new_exception(class: &Arc<Class>, args: Vec<Value>) -> Arc<Instance> {
    let dict = super::names([(Arc::from("args"), Value::tuple(args))]);
    Instance::new(class, dict)
}

/// The exception's `args` tuple.
pub fn exception_args(exception: &Instance) -> Vec<Value> {
    match lock(&exception.dict).get("args") {
        Some(Value::Tuple(args)) => args.to_vec(),
        _ => Vec::new(),
    }
}

/// `BaseException.__init__(self, *args)`: keeps the arguments as `args`.
pub fn base_exception_init() -> Value {
    fn init(_thread: &mut crate::vm::Thread, args: super::function::Args) -> super::PyResult {
        let mut positional = args.positional.into_iter();
        if let Some(Value::Instance(instance)) = positional.next() {
            lock(&instance.dict).insert(Arc::from("args"), Value::tuple(positional.collect()));
        }
        Ok(Value::None)
    }
    Value::Builtin(Arc::new(super::function::Builtin { name: "__init__", body: super::function::BuiltinBody::Method(init) }))
}

/// `KeyError(key)`: its message is the key's repr.
pub fn key_error(key: &Value) -> PyErr {
    PyErr::from_instance(new_exception(&exception_class("KeyError"), vec![key.clone()]))
}

/// `StopIteration()`, as `next()` raises it at an iterator's end.
pub fn stop_iteration() -> PyErr {
    PyErr::from_instance(new_exception(&exception_class("StopIteration"), vec![]))
}

/// `TypeError(message)`.
pub fn type_error(message: impl Into<String>) -> PyErr {
    PyErr::new("TypeError", message)
}

/// `ValueError(message)`.
pub fn value_error(message: impl Into<String>) -> PyErr {
    PyErr::new("ValueError", message)
}
