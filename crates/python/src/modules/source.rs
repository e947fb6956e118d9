//! Modules written in Python (as CPython writes `threading.py` and `queue.py`): compiled on
//! first import and run in a namespace of their own.

use std::sync::Arc;

use crate::compiler::compile;
use crate::objects::function::Module;
use crate::objects::{PyErr, PyResult, Value};
use crate::parse::parse;
use crate::vm::{Frame, Thread};

/// Runs a module's Python source; its tracebacks name `<stdlib>/<name>.py`.
pub fn load(thread: &mut Thread, name: &str, source: &str) -> PyResult {
    let file = format!("<stdlib>/{}.py", name.replace('.', "/"));
    let module = parse(source).map_err(|error| PyErr::new("SyntaxError", format!("{file}: {}", error.message)))?;
    let code = compile(&module, source, &file).map_err(|error| PyErr::new("SyntaxError", format!("{file}: {}", error.message)))?;
    let globals = Arc::new(crate::objects::Namespace::new(crate::objects::names([(Arc::from("__name__"), Value::str(name))])));
    thread.run_frame(Frame::new(code, globals.clone(), None, Vec::new(), None))?;
    Ok(Value::Module(Arc::new(Module { name: Arc::from(name), dict: globals })))
}
