//! What `multiprocessing` really shares between processes: blocks of words (`Value`,
//! `Array`: a read and a write are two steps, so an unlocked `+=` from two processes loses
//! updates) and semaphores (every lock, condition, event and barrier is built on them, as
//! CPython's `synchronize.py` builds them on `SemLock`). Each lives in the host's process tree;
//! a process holds it by number, and a child inherits it through its start's pickle. Where the
//! tree's processes share memory (`SharedWords`), a block's words are read and written there
//! directly; otherwise each read and write is a request to the tree.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use engine::Waitable;

use super::multiprocessing::{answering, ask, count, milliseconds, tell};
use crate::process_tree::{Finish, Reply, Request};
use crate::shared_words::SharedWords;
use crate::objects::class::{builtin_types, Kind};
use crate::objects::exception::{type_error, value_error};
use crate::objects::function::Args;
use crate::objects::{int, Class, NativeObject, PyErr, PyResult, Value};
use crate::vm::{normalise_index, Thread, Waiting};

/// A block of shared words holding ints (`'i'`, `'l'` …) or floats (`'d'`, `'f'`).
struct SharedArray {
    /// Its number in the tree; where the tree shares words, its first word's index there.
    block: u64,
    length: usize,
    typecode: Arc<str>,
    /// The tree's shared words, read and written directly; `None`: asked of the tree.
    words: Option<Arc<dyn SharedWords>>,
}

/// A semaphore of the process tree (a lock is one at 1).
struct SemLock {
    semaphore: u64,
    /// `Lock`, `Semaphore` … for the timeline and the pickling error.
    kind: Arc<str>,
}

fn class_named(name: &'static str) -> Arc<Class> {
    static CLASSES: OnceLock<(Arc<Class>, Arc<Class>)> = OnceLock::new();
    let (array, semaphore) = CLASSES.get_or_init(|| {
        let object = builtin_types().object.clone();
        let make = |name: &str| Class::new(name, Kind::Opaque, vec![object.clone()], Default::default()).expect("one base");
        (make("SharedArray"), make("SemLock"))
    });
    if name == "SharedArray" { array.clone() } else { semaphore.clone() }
}

fn is_float(typecode: &str) -> bool {
    matches!(typecode, "d" | "f")
}

impl SharedArray {
    fn index(&self, value: Option<&Value>) -> PyResult<usize> {
        let index = value.and_then(int::to_small).ok_or_else(|| type_error("indices must be integers"))?;
        normalise_index(index, self.length).ok_or_else(|| PyErr::new("IndexError", "invalid index"))
    }

    fn get(&self, thread: &mut Thread, index: usize) -> PyResult {
        let finish: Finish = if is_float(&self.typecode) { word_as_float } else { word_as_int };
        match &self.words {
            Some(words) => finish(thread, Reply::Word(words.load(self.block, index as u64))),
            None => ask(thread, Request::LoadWord { block: self.block, index: index as u64 }, answering(), finish),
        }
    }

    fn set(&self, thread: &Thread, index: usize, value: &Value) -> PyResult<()> {
        let word = if is_float(&self.typecode) {
            int::to_f64(value)?.to_bits()
        } else {
            match value {
                Value::Int(int) => *int as u64,
                Value::Bool(flag) => u64::from(*flag),
                other => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
            }
        };
        match &self.words {
            Some(words) => {
                words.store(self.block, index as u64, word);
                Ok(())
            }
            None => tell(thread, Request::StoreWord { block: self.block, index: index as u64, word }),
        }
    }
}

fn word_as_int(_: &mut Thread, reply: Reply) -> PyResult {
    match reply {
        Reply::Word(word) => Ok(Value::Int(word as i64)),
        other => Err(PyErr::new("SystemError", format!("the process tree answered out of turn: {other:?}"))),
    }
}

fn word_as_float(_: &mut Thread, reply: Reply) -> PyResult {
    match reply {
        Reply::Word(word) => Ok(Value::Float(f64::from_bits(word))),
        other => Err(PyErr::new("SystemError", format!("the process tree answered out of turn: {other:?}"))),
    }
}

fn taken(_: &mut Thread, reply: Reply) -> PyResult {
    match reply {
        Reply::Taken(taken) => Ok(Value::Bool(taken)),
        other => Err(PyErr::new("SystemError", format!("the process tree answered out of turn: {other:?}"))),
    }
}

impl NativeObject for SharedArray {
    fn class(&self) -> Arc<Class> {
        class_named("SharedArray")
    }

    fn call_method(&self, thread: &mut Thread, name: &str, args: Args) -> Option<PyResult> {
        Some(match name {
            "get" => self.index(args.get(0)).and_then(|index| self.get(thread, index)),
            "set" => self.index(args.get(0)).and_then(|index| self.set(thread, index, args.get(1).unwrap_or(&Value::None))).map(|()| Value::None),
            "__len__" => Ok(Value::Int(self.length as i64)),
            crate::pickle::SHARED_STATE_METHOD => Ok(Value::tuple(vec![
                Value::str("array"),
                Value::Int(self.block as i64),
                Value::Int(self.length as i64),
                Value::Str(self.typecode.clone()),
            ])),
            _ => return None,
        })
    }
}

impl SemLock {
    fn acquire(&self, thread: &mut Thread, block: bool, timeout: Option<Duration>) -> PyResult {
        let wait_ms = if block { milliseconds(timeout) } else { 0.0 };
        let name = format!("{} at {:#x}", self.kind, self as *const SemLock as usize);
        let what = if &*self.kind == "Lock" || &*self.kind == "RLock" { Waitable::Lock } else { Waitable::Semaphore };
        let waiting = Waiting::on(what, name, format!("a process-shared {}", self.kind));
        ask(thread, Request::Acquire { semaphore: self.semaphore, wait_ms }, waiting, taken)
    }
}

impl NativeObject for SemLock {
    fn class(&self) -> Arc<Class> {
        class_named("SemLock")
    }

    fn call_method(&self, thread: &mut Thread, name: &str, mut args: Args) -> Option<PyResult> {
        Some(match name {
            "acquire" => (|| {
                let block = match args.get_or_keyword(0, "block") {
                    Some(flag) => thread.truthy(&flag)?,
                    None => true,
                };
                let timeout = super::multiprocessing::timeout_argument(args.get_or_keyword(1, "timeout").as_ref())?;
                self.acquire(thread, block, timeout)
            })(),
            "release" => tell(thread, Request::Release { semaphore: self.semaphore }).map(|()| {
                thread.interp.scheduler.note_progress();
                Value::None
            }),
            "get_value" => ask(thread, Request::SemaphoreValue { semaphore: self.semaphore }, answering(), count),
            crate::pickle::SHARED_STATE_METHOD => {
                Ok(Value::tuple(vec![Value::str("semaphore"), Value::Int(self.semaphore as i64), Value::Str(self.kind.clone())]))
            }
            _ => return None,
        })
    }
}

/// `shared_array(length, typecode)`: a new block of zeros.
pub fn shared_array(thread: &mut Thread, args: Args) -> PyResult {
    let length = args.get(0).and_then(int::to_small).filter(|length| (0..=1 << 24).contains(length)).ok_or_else(|| value_error("bad length"))?;
    let Some(Value::Str(typecode)) = args.get(1) else { return Err(type_error("a typecode is a str")) };
    let tree = super::multiprocessing::tree(thread)?;
    let words = tree.shared_words();
    let block = match &words {
        Some(words) => words.allocate(length as u64).map_err(|full| PyErr::new("MemoryError", full.message()))?,
        None => {
            let block = tree.new_number();
            tell(thread, Request::ShareWords { block, words: length as u64 })?;
            block
        }
    };
    Ok(Value::Native(Arc::new(SharedArray { block, length: length as usize, typecode: typecode.clone(), words })))
}

/// `semaphore(value, kind)`: a new semaphore of the process tree.
pub fn semaphore(thread: &mut Thread, args: Args) -> PyResult {
    let value = args.get(0).and_then(int::to_small).filter(|value| *value >= 0).ok_or_else(|| value_error("semaphore initial value must be >= 0"))?;
    let kind: Arc<str> = args.get(1).and_then(Value::as_str).map_or_else(|| Arc::from("Semaphore"), Arc::from);
    let semaphore = super::multiprocessing::tree(thread)?.new_number();
    tell(thread, Request::OpenSemaphore { semaphore, value: value as u32 })?;
    Ok(Value::Native(Arc::new(SemLock { semaphore, kind })))
}

/// A shared object again, in the process that unpickled its state.
pub fn rebuild_shared(thread: &mut Thread, state: &Value) -> PyResult {
    let Value::Tuple(state) = state else { return Err(value_error("bad shared state")) };
    let words = super::multiprocessing::tree(thread)?.shared_words();
    let number = |index: usize| state.get(index).and_then(int::to_small).unwrap_or(0);
    let text = |index: usize| state.get(index).and_then(Value::as_str).map_or_else(|| Arc::from(""), Arc::from);
    match state.first().and_then(Value::as_str) {
        Some("array") => {
            Ok(Value::Native(Arc::new(SharedArray { block: number(1) as u64, length: number(2) as usize, typecode: text(3), words })))
        }
        Some("semaphore") => Ok(Value::Native(Arc::new(SemLock { semaphore: number(1) as u64, kind: text(2) }))),
        _ => Err(value_error("bad shared state")),
    }
}
