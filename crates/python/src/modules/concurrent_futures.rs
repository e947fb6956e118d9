//! `concurrent.futures`: written in Python over `threading` and `queue`
//! (`concurrent_futures.py` beside this file), as CPython writes it: Future, ThreadPoolExecutor
//! (submit, map, shutdown, `with`), as_completed, wait; and ProcessPoolExecutor over
//! `multiprocessing`'s Pool.

use std::sync::Arc;

use crate::objects::function::Module;
use crate::objects::{PyResult, Value};
use crate::vm::Thread;

/// The module's source.
pub const SOURCE: &str = include_str!("concurrent_futures.py");

/// The `concurrent` package: its one submodule, `futures`.
pub fn package(thread: &mut Thread) -> PyResult {
    let futures = thread.import("concurrent.futures")?;
    let dict = crate::objects::names([(Arc::from("__name__"), Value::str("concurrent")), (Arc::from("futures"), futures)]);
    Ok(Value::Module(Arc::new(Module { name: Arc::from("concurrent"), dict: Arc::new(crate::objects::Namespace::new(dict)) })))
}
