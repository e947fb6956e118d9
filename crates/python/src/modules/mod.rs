//! The built-in modules, one file each. A module is a namespace of built-in functions and
//! values, or (where CPython writes it in Python, as `threading.py`) Python source compiled
//! on first import over a few primitives written in Rust.

mod math;
pub(crate) mod multiprocessing;
mod multiprocessing_child;
mod multiprocessing_shared;
mod concurrent_futures;
mod os;
mod queue;
mod random;
mod source;
mod sys;
pub(crate) mod thread;
mod threading;
mod time;

use std::sync::Arc;

use crate::objects::function::{Builtin, BuiltinFn, Module};
use crate::objects::{PyResult, Value};
use crate::vm::Thread;

/// Makes the module `name`; `None` when the playground has no such module.
pub fn load(thread: &mut Thread, name: &str) -> Option<PyResult> {
    let module = match name {
        "math" => math::module(),
        "time" => time::module(),
        "sys" => sys::module(thread),
        "os" => os::module(),
        "random" => random::module(thread),
        "_thread" => thread::module(),
        "_multiprocessing" => multiprocessing::module(),
        _ if name == "multiprocessing" || name.starts_with("multiprocessing.") => return multiprocessing::load(thread, name),
        "threading" => return Some(source::load(thread, name, threading::SOURCE)),
        "queue" => return Some(source::load(thread, name, queue::SOURCE)),
        "concurrent.futures" => return Some(source::load(thread, name, concurrent_futures::SOURCE)),
        "concurrent" => return Some(concurrent_futures::package(thread)),
        _ => return None,
    };
    Some(Ok(module))
}

pub use source::load as load_source;

/// A module of built-in functions and values.
pub fn native_module(name: &str, functions: &[(&'static str, BuiltinFn)], values: Vec<(&str, Value)>) -> Value {
    let mut dict = crate::objects::Names::default();
    for (function_name, function) in functions {
        dict.insert(Arc::from(*function_name), Builtin::value(function_name, *function));
    }
    for (value_name, value) in values {
        dict.insert(Arc::from(value_name), value);
    }
    dict.insert(Arc::from("__name__"), Value::str(name));
    Value::Module(Arc::new(Module { name: Arc::from(name), dict: Arc::new(crate::objects::Namespace::new(dict)) }))
}
