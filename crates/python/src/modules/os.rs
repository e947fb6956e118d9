//! `os`: the process id and the number of cores.

use crate::objects::function::{Args, BuiltinFn};
use crate::objects::{PyResult, Value};
use crate::vm::Thread;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[("getpid", getpid), ("getppid", getppid), ("cpu_count", cpu_count)];

/// The module.
pub fn module() -> Value {
    super::native_module("os", FUNCTIONS, vec![("sep", Value::str("/")), ("name", Value::str("posix"))])
}

fn getpid(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Int(i64::from(thread.interp.scheduler.host.process_id())))
}

fn getppid(_thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Int(1))
}

fn cpu_count(thread: &mut Thread, _args: Args) -> PyResult {
    let cores = thread.interp.scheduler.host.cpu_count();
    Ok(Value::Int(cores as i64))
}
