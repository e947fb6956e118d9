//! What `multiprocessing` really shares between processes: blocks of words (`Value`,
//! `Array`: a read and a write are two steps, so an unlocked `+=` from two processes loses
//! updates) and semaphores (every lock, condition, event and barrier is built on them, as
//! CPython's `synchronize.py` builds them on `SemLock`). Each lives in the host's process tree;
//! a process holds it by number, and a child inherits it through its start's pickle.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use engine::Waitable;

use crate::host::ProcessHost;
use crate::objects::class::{builtin_types, Kind};
use crate::objects::exception::{type_error, value_error};
use crate::objects::function::Args;
use crate::objects::{int, Class, NativeObject, PyErr, PyResult, Value};
use crate::vm::{normalise_index, Thread, Waiting};

/// A block of shared words holding ints (`'i'`, `'l'` …) or floats (`'d'`, `'f'`).
struct SharedArray {
    tree: Arc<dyn ProcessHost>,
    block: u64,
    length: usize,
    typecode: Arc<str>,
}

/// A semaphore of the process tree (a lock is one at 1).
struct SemLock {
    tree: Arc<dyn ProcessHost>,
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

    fn get(&self, index: usize) -> Value {
        let word = self.tree.load_word(self.block, index);
        if is_float(&self.typecode) { Value::Float(f64::from_bits(word)) } else { Value::Int(word as i64) }
    }

    fn set(&self, index: usize, value: &Value) -> PyResult<()> {
        let word = if is_float(&self.typecode) {
            int::to_f64(value)?.to_bits()
        } else {
            match value {
                Value::Int(int) => *int as u64,
                Value::Bool(flag) => u64::from(*flag),
                other => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
            }
        };
        self.tree.store_word(self.block, index, word);
        Ok(())
    }
}

impl NativeObject for SharedArray {
    fn class(&self) -> Arc<Class> {
        class_named("SharedArray")
    }

    fn call_method(&self, _thread: &mut Thread, name: &str, args: Args) -> Option<PyResult> {
        Some(match name {
            "get" => self.index(args.get(0)).map(|index| self.get(index)),
            "set" => self.index(args.get(0)).and_then(|index| self.set(index, args.get(1).unwrap_or(&Value::None))).map(|()| Value::None),
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
    fn acquire(&self, thread: &mut Thread, block: bool, timeout: Option<Duration>) -> PyResult<bool> {
        if !block {
            return Ok(self.tree.acquire(self.semaphore, Duration::ZERO));
        }
        let name = format!("{} at {:#x}", self.kind, self as *const SemLock as usize);
        let what = if &*self.kind == "Lock" || &*self.kind == "RLock" { Waitable::Lock } else { Waitable::Semaphore };
        let waiting = |_: &Thread| Waiting::on(what, name.clone(), format!("a process-shared {}", self.kind));
        Ok(thread.wait_for(waiting, timeout, |slice| self.tree.acquire(self.semaphore, slice).then_some(()))?.is_some())
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
                self.acquire(thread, block, timeout).map(Value::Bool)
            })(),
            "release" => {
                self.tree.release(self.semaphore);
                thread.interp.scheduler.note_progress();
                Ok(Value::None)
            }
            "get_value" => Ok(Value::Int(i64::from(self.tree.semaphore_value(self.semaphore)))),
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
    let block = tree.share_words(length as usize);
    Ok(Value::Native(Arc::new(SharedArray { tree, block, length: length as usize, typecode: typecode.clone() })))
}

/// `semaphore(value, kind)`: a new semaphore of the process tree.
pub fn semaphore(thread: &mut Thread, args: Args) -> PyResult {
    let value = args.get(0).and_then(int::to_small).filter(|value| *value >= 0).ok_or_else(|| value_error("semaphore initial value must be >= 0"))?;
    let kind: Arc<str> = args.get(1).and_then(Value::as_str).map_or_else(|| Arc::from("Semaphore"), Arc::from);
    let tree = super::multiprocessing::tree(thread)?;
    let semaphore = tree.open_semaphore(value as u32);
    Ok(Value::Native(Arc::new(SemLock { tree, semaphore, kind })))
}

/// A shared object again, in the process that unpickled its state.
pub fn rebuild_shared(thread: &mut Thread, state: &Value) -> PyResult {
    let Value::Tuple(state) = state else { return Err(value_error("bad shared state")) };
    let tree = super::multiprocessing::tree(thread)?;
    let number = |index: usize| state.get(index).and_then(int::to_small).unwrap_or(0);
    let text = |index: usize| state.get(index).and_then(Value::as_str).map_or_else(|| Arc::from(""), Arc::from);
    match state.first().and_then(Value::as_str) {
        Some("array") => {
            Ok(Value::Native(Arc::new(SharedArray { tree, block: number(1) as u64, length: number(2) as usize, typecode: text(3) })))
        }
        Some("semaphore") => Ok(Value::Native(Arc::new(SemLock { tree, semaphore: number(1) as u64, kind: text(2) }))),
        _ => Err(value_error("bad shared state")),
    }
}
