//! Values as bytes, for what crosses between processes (pickle in spirit, a compact format of
//! its own): None, bools, ints, floats, str, tuples, lists, dicts, sets, instances of classes
//! and functions found by name in their module, bound methods (their object and name), and the shared objects of `multiprocessing`
//! (locks, `Value`, `Array`) when a process inherits them. What CPython cannot pickle is refused
//! with CPython's message.
//!
//! A value is a tag byte and its body; lengths and ints are little-endian. Nothing is shared:
//! a list sent twice arrives as two lists, as two `pickle.dumps` would give.

use std::sync::{Arc, OnceLock};

use crate::objects::class::{builtin_types, exception_class, Kind};
use crate::objects::exception::type_error;
use crate::objects::{lock, Class, Instance, PyErr, PyResult, Value};
use crate::vm::Thread;

const NONE: u8 = b'N';
const TRUE: u8 = b'T';
const FALSE: u8 = b'F';
const INT: u8 = b'i';
const BIG_INT: u8 = b'I';
const FLOAT: u8 = b'f';
const STR: u8 = b's';
const BYTES: u8 = b'B';
const TUPLE: u8 = b't';
const LIST: u8 = b'l';
const DICT: u8 = b'd';
const SET: u8 = b'S';
const FROZEN_SET: u8 = b'z';
const CLASS: u8 = b'c';
const FUNCTION: u8 = b'g';
const BUILTIN: u8 = b'b';
const INSTANCE: u8 = b'o';
const SHARED: u8 = b'h';
const METHOD: u8 = b'm';

/// How deep containers may nest (a list holding itself would never end).
const MOST_NESTING: usize = 200;

/// A native object `multiprocessing` shares between processes by a handle (a lock, a `Value`):
/// its class name, and the method that gives the state it is rebuilt from.
pub const SHARED_STATE_METHOD: &str = "_shared_state";

/// The attribute by which `multiprocessing`'s queues, locks and shared values say they cross
/// only to a new process (its value: the name CPython's refusal gives them).
const INHERITANCE_ONLY: &str = "_only_by_inheritance";

/// What may be pickled: shared objects only when a process inherits them (its start).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new process's target and arguments.
    Inheritance,
    /// A message (a queue, a pipe, a pool's task or result).
    Message,
}

/// Pickles `value`.
///
/// # Errors
/// CPython's exceptions for what it cannot pickle (`TypeError: cannot pickle '_thread.lock'
/// object`, a lambda's `PicklingError`, a nested function's `AttributeError`).
pub fn dumps(thread: &mut Thread, value: &Value, purpose: Purpose) -> PyResult<Vec<u8>> {
    let mut bytes = Vec::new();
    Encoder { thread, purpose, bytes: &mut bytes }.value(value, 0)?;
    Ok(bytes)
}

/// Unpickles `bytes` in this process: classes and functions are looked up by name (importing
/// their module), shared objects are reattached by `rebuild_shared`.
///
/// # Errors
/// An `UnpicklingError` for bytes this module did not write, the lookup's error otherwise.
pub fn loads(thread: &mut Thread, bytes: &[u8]) -> PyResult {
    let mut decoder = Decoder { thread, bytes, at: 0 };
    let value = decoder.value()?;
    if decoder.at != bytes.len() {
        return Err(corrupt());
    }
    Ok(value)
}

/// `pickle.PicklingError` (raised for a function that is not found by its name).
pub fn pickling_error_class() -> Arc<Class> {
    static CLASS: OnceLock<Arc<Class>> = OnceLock::new();
    CLASS.get_or_init(|| Class::new("PicklingError", Kind::Object, vec![exception_class("Exception")], Default::default()).expect("one base")).clone()
}

fn corrupt() -> PyErr {
    PyErr::new("ValueError", "pickle data was truncated or corrupted")
}

struct Encoder<'a> {
    thread: &'a mut Thread,
    purpose: Purpose,
    bytes: &'a mut Vec<u8>,
}

impl Encoder<'_> {
    fn value(&mut self, value: &Value, depth: usize) -> PyResult<()> {
        if depth > MOST_NESTING {
            return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded while pickling an object"));
        }
        match value {
            Value::None => self.bytes.push(NONE),
            Value::Bool(flag) => self.bytes.push(if *flag { TRUE } else { FALSE }),
            Value::Int(int) => {
                self.bytes.push(INT);
                self.bytes.extend_from_slice(&int.to_le_bytes());
            }
            Value::BigInt(big) => {
                self.bytes.push(BIG_INT);
                self.blob(&big.to_signed_bytes_le());
            }
            Value::Float(float) => {
                self.bytes.push(FLOAT);
                self.bytes.extend_from_slice(&float.to_le_bytes());
            }
            Value::Str(text) => {
                self.bytes.push(STR);
                self.blob(text.as_bytes());
            }
            Value::Bytes(bytes) => {
                self.bytes.push(BYTES);
                self.blob(bytes);
            }
            Value::Tuple(items) => self.sequence(TUPLE, items, depth)?,
            Value::List(items) => {
                let items = lock(items).clone();
                self.sequence(LIST, &items, depth)?;
            }
            Value::Set(set) => self.sequence(if set.frozen { FROZEN_SET } else { SET }, &set.values(), depth)?,
            Value::Dict(dict) => {
                let items = dict.items();
                self.bytes.push(DICT);
                self.length(items.len());
                for (key, item) in &items {
                    self.value(key, depth + 1)?;
                    self.value(item, depth + 1)?;
                }
            }
            Value::Class(class) => self.class(class)?,
            Value::Function(_) => self.function(value)?,
            Value::Builtin(builtin) => self.builtin(value, builtin.name)?,
            Value::Method(method) => self.method(&method.receiver, &method.function, depth)?,
            Value::Instance(instance) => self.instance(instance, depth)?,
            Value::Native(native) => self.native(value, &native.class(), depth)?,
            other => return Err(cannot_pickle(&other.class())),
        }
        Ok(())
    }

    fn length(&mut self, length: usize) {
        self.bytes.extend_from_slice(&(length as u32).to_le_bytes());
    }

    fn blob(&mut self, blob: &[u8]) {
        self.length(blob.len());
        self.bytes.extend_from_slice(blob);
    }

    fn sequence(&mut self, tag: u8, items: &[Value], depth: usize) -> PyResult<()> {
        self.bytes.push(tag);
        self.length(items.len());
        items.iter().try_for_each(|item| self.value(item, depth + 1))
    }

    fn name(&mut self, module: &str, name: &str) {
        self.blob(module.as_bytes());
        self.blob(name.as_bytes());
    }

    /// A class by its module and name: found again by name where it is unpickled.
    fn class(&mut self, class: &Arc<Class>) -> PyResult<()> {
        if let Some(qualified_name) = local_class_name(class) {
            return Err(PyErr::new("AttributeError", format!("Can't pickle local object '{qualified_name}'")));
        }
        let Some(module) = module_of_class(self.thread, class) else {
            return Err(PyErr::from_instance(crate::objects::exception::new_exception(
                &pickling_error_class(),
                vec![Value::str(&format!("Can't pickle <class '__main__.{0}'>: attribute lookup {0} on __main__ failed", class.name))],
            )));
        };
        self.bytes.push(CLASS);
        self.name(&module, &class.name);
        Ok(())
    }

    /// A function by its module and qualified name, as pickle does: a lambda or a nested
    /// function cannot be found by name and is refused with CPython's message.
    fn function(&mut self, value: &Value) -> PyResult<()> {
        let Value::Function(function) = value else { unreachable!("called for functions") };
        let qualified_name = function.code.qualified_name.clone();
        if qualified_name.contains("<locals>") {
            return Err(PyErr::new("AttributeError", format!("Can't pickle local object '{qualified_name}'")));
        }
        let module = match lock(&function.globals).get("__name__") {
            Some(Value::Str(name)) => name.to_string(),
            _ => "__main__".to_string(),
        };
        let module = if module == "__mp_main__" { "__main__".to_string() } else { module };
        let found = lock(&function.globals).get(&*qualified_name).is_some_and(|found| found.is(value));
        if !found {
            let repr = self.thread.repr(value)?;
            let message = format!("Can't pickle {repr}: attribute lookup {qualified_name} on {module} failed");
            let error = crate::objects::exception::new_exception(&pickling_error_class(), vec![Value::str(&message)]);
            return Err(PyErr::from_instance(error));
        }
        self.bytes.push(FUNCTION);
        self.name(&module, &qualified_name);
        Ok(())
    }

    /// A built-in function (`abs`, `print`) by its name among the built-ins.
    fn builtin(&mut self, value: &Value, name: &str) -> PyResult<()> {
        let found = lock(&self.thread.interp.builtins).get(name).is_some_and(|found| found.is(value));
        if !found {
            return Err(cannot_pickle(&value.class()));
        }
        self.bytes.push(BUILTIN);
        self.blob(name.as_bytes());
        Ok(())
    }

    /// A bound method (`worker.run`, `queue.put`): its object and its name, found again on the
    /// copy of the object where it arrives.
    fn method(&mut self, receiver: &Value, function: &Value, depth: usize) -> PyResult<()> {
        let name = match function {
            Value::Function(function) => function.code.name.clone(),
            Value::Builtin(builtin) => Arc::from(builtin.name),
            other => return Err(cannot_pickle(&other.class())),
        };
        self.bytes.push(METHOD);
        self.value(receiver, depth + 1)?;
        self.blob(name.as_bytes());
        Ok(())
    }

    /// An instance: its class by name and its attributes (an exception's `args` among them);
    /// in a message, refused when it may cross only to a new process.
    fn instance(&mut self, instance: &Arc<Instance>, depth: usize) -> PyResult<()> {
        if self.purpose == Purpose::Message {
            let value = Value::Instance(instance.clone());
            if let Ok(Value::Str(name)) = self.thread.get_attr(&value, INHERITANCE_ONLY) {
                return Err(PyErr::new("RuntimeError", format!("{name} objects should only be shared between processes through inheritance")));
            }
        }
        let attributes: Vec<(Arc<str>, Value)> = lock(&instance.dict).iter().map(|(name, value)| (name.clone(), value.clone())).collect();
        self.bytes.push(INSTANCE);
        self.class(&instance.class)?;
        self.length(attributes.len());
        for (name, value) in &attributes {
            if &**name == "__traceback__" || &**name == "__context__" {
                self.value(&Value::None, depth + 1)?;
            } else {
                self.value(value, depth + 1)?;
            }
            self.blob(name.as_bytes());
        }
        Ok(())
    }

    /// A shared object of `multiprocessing`, by the state it is rebuilt from: only when a new
    /// process inherits it, as CPython allows.
    fn native(&mut self, value: &Value, class: &Arc<Class>, depth: usize) -> PyResult<()> {
        let Value::Native(native) = value else { unreachable!("called for native objects") };
        let Some(state) = native.call_method(self.thread, SHARED_STATE_METHOD, Default::default()) else {
            return Err(cannot_pickle(class));
        };
        let state = state?;
        if self.purpose == Purpose::Message {
            let what = if class.name.contains("Lock") { "Lock" } else { "Synchronized" };
            return Err(PyErr::new("RuntimeError", format!("{what} objects should only be shared between processes through inheritance")));
        }
        self.bytes.push(SHARED);
        self.value(&state, depth + 1)
    }
}

/// `TypeError: cannot pickle 'X' object`, with the module CPython names (`_thread.lock`).
fn cannot_pickle(class: &Arc<Class>) -> PyErr {
    let name = match &*class.name {
        "lock" | "RLock" => format!("_thread.{}", class.name),
        name => name.to_string(),
    };
    type_error(format!("cannot pickle '{name}' object"))
}

/// The qualified name of a class defined in a function (`make.<locals>.Inner`), as its
/// methods' names tell it; `None` for a class defined at a module's top level, or one with no
/// method to tell.
fn local_class_name(class: &Arc<Class>) -> Option<String> {
    let dict = lock(&class.dict);
    dict.values().find_map(|value| match value {
        Value::Function(method) => {
            let name = method.code.qualified_name.rsplit_once('.')?.0.to_string();
            name.contains("<locals>").then_some(name)
        }
        _ => None,
    })
}

/// The module a class is found in by its name: the main program's, a built-in, or an imported
/// module's (queue.Empty).
fn module_of_class(thread: &Thread, class: &Arc<Class>) -> Option<String> {
    let same = |value: Option<&Value>| matches!(value, Some(Value::Class(found)) if Arc::ptr_eq(found, class));
    if same(lock(&thread.interp.builtins).get(&*class.name)) {
        return Some("builtins".into());
    }
    let modules: Vec<(String, Value)> = lock(&thread.interp.modules).iter().map(|(name, module)| (name.clone(), module.clone())).collect();
    let mut found = None;
    for (name, module) in modules {
        let Value::Module(module) = module else { continue };
        if same(lock(&module.dict).get(&*class.name)) {
            let name = if name == "__mp_main__" { "__main__".to_string() } else { name };
            if name == "__main__" {
                return Some(name);
            }
            found = Some(name);
        }
    }
    found
}

struct Decoder<'a> {
    thread: &'a mut Thread,
    bytes: &'a [u8],
    at: usize,
}

impl Decoder<'_> {
    fn take(&mut self, count: usize) -> PyResult<&[u8]> {
        let end = self.at.checked_add(count).filter(|end| *end <= self.bytes.len()).ok_or_else(corrupt)?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn length(&mut self) -> PyResult<usize> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes(bytes.try_into().map_err(|_| corrupt())?) as usize)
    }

    fn text(&mut self) -> PyResult<String> {
        let length = self.length()?;
        String::from_utf8(self.take(length)?.to_vec()).map_err(|_| corrupt())
    }

    fn items(&mut self) -> PyResult<Vec<Value>> {
        let count = self.length()?;
        (0..count).map(|_| self.value()).collect()
    }

    fn value(&mut self) -> PyResult {
        let tag = self.take(1)?[0];
        Ok(match tag {
            NONE => Value::None,
            TRUE => Value::Bool(true),
            FALSE => Value::Bool(false),
            INT => Value::Int(i64::from_le_bytes(self.take(8)?.try_into().map_err(|_| corrupt())?)),
            BIG_INT => {
                let length = self.length()?;
                Value::from_bigint(num_bigint::BigInt::from_signed_bytes_le(self.take(length)?))
            }
            FLOAT => Value::Float(f64::from_le_bytes(self.take(8)?.try_into().map_err(|_| corrupt())?)),
            STR => Value::str(&self.text()?),
            BYTES => {
                let length = self.length()?;
                Value::bytes(self.take(length)?.to_vec())
            }
            TUPLE => Value::tuple(self.items()?),
            LIST => Value::list(self.items()?),
            SET | FROZEN_SET => {
                let members = self.items()?;
                let mut set = self.thread.set_from(members)?;
                set.frozen = tag == FROZEN_SET;
                Value::Set(Arc::new(set))
            }
            DICT => {
                let count = self.length()?;
                let mut pairs = Vec::with_capacity(count);
                for _ in 0..count {
                    let key = self.value()?;
                    pairs.push((key, self.value()?));
                }
                Value::Dict(Arc::new(self.thread.dict_from(pairs)?))
            }
            CLASS | FUNCTION => {
                let (module, name) = (self.text()?, self.text()?);
                self.find(&module, &name)?
            }
            BUILTIN => {
                let name = self.text()?;
                lock(&self.thread.interp.builtins).get(name.as_str()).cloned().ok_or_else(corrupt)?
            }
            INSTANCE => self.instance()?,
            METHOD => {
                let receiver = self.value()?;
                let name = self.text()?;
                self.thread.get_attr(&receiver, &name)?
            }
            SHARED => {
                let state = self.value()?;
                crate::modules::multiprocessing::rebuild_shared(self.thread, &state)?
            }
            _ => return Err(corrupt()),
        })
    }

    /// `module.name` in this process (the main program's module is `__mp_main__` in a child).
    fn find(&mut self, module: &str, name: &str) -> PyResult {
        if module == "builtins" {
            return lock(&self.thread.interp.builtins).get(name).cloned().ok_or_else(corrupt);
        }
        let module_value = self.thread.import(module)?;
        self.thread.get_attr(&module_value, name).map_err(|_| {
            PyErr::new("AttributeError", format!("Can't get attribute '{name}' on <module '{module}'>"))
        })
    }

    fn instance(&mut self) -> PyResult {
        let Value::Class(class) = self.value()? else { return Err(corrupt()) };
        let count = self.length()?;
        let mut attributes = crate::objects::Names::default();
        for _ in 0..count {
            let value = self.value()?;
            attributes.insert(Arc::from(self.text()?), value);
        }
        if Arc::ptr_eq(&class, &builtin_types().object) {
            return Err(corrupt());
        }
        Ok(Value::Instance(Instance::new(&class, attributes)))
    }
}
