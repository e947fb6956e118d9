//! `sys`: the switch interval, the version, the recursion limit.

use crate::objects::exception::value_error;
use crate::objects::function::{Args, BuiltinFn};
use crate::objects::{int, PyResult, Value};
use crate::vm::Thread;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("getswitchinterval", getswitchinterval),
    ("setswitchinterval", setswitchinterval),
    ("getrecursionlimit", getrecursionlimit),
    ("setrecursionlimit", setrecursionlimit),
    ("exit", exit),
];

/// The module.
pub fn module(_thread: &mut Thread) -> Value {
    let values = vec![
        ("version", Value::str("3.12.0 (the GIL Playground's Python subset)")),
        ("version_info", Value::tuple(vec![Value::Int(3), Value::Int(12), Value::Int(0)])),
        ("platform", Value::str("playground")),
        ("maxsize", Value::Int(i64::MAX)),
        ("argv", Value::list(vec![Value::str("main.py")])),
        ("stdout", Value::Native(std::sync::Arc::new(StandardStream { stream: crate::vm::Stream::Stdout }))),
        ("stderr", Value::Native(std::sync::Arc::new(StandardStream { stream: crate::vm::Stream::Stderr }))),
    ];
    super::native_module("sys", FUNCTIONS, values)
}

fn getswitchinterval(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Float(thread.interp.scheduler.switch_interval().as_micros() as f64 * 1e-6))
}

/// Sets the interval of the program's GIL: a waiting thread asks for it after the new interval.
fn setswitchinterval(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("setswitchinterval", 1, 1)?;
    let seconds = int::to_f64(&args.positional[0])?;
    if seconds <= 0.0 {
        return Err(value_error("switch interval must be strictly positive"));
    }
    // As CPython: microseconds, truncated (`(unsigned long)(1e6 * interval)`), at least one.
    let micros = (seconds * 1e6) as u64;
    thread.interp.scheduler.set_switch_interval(std::time::Duration::from_micros(micros));
    Ok(Value::None)
}

fn getrecursionlimit(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Int(thread.interp.scheduler.recursion_limit() as i64))
}

/// `sys.setrecursionlimit(limit)`, refused as CPython refuses it: below 1, or not above the
/// depth the calling thread has reached.
fn setrecursionlimit(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("setrecursionlimit", 1, 1)?;
    let Value::Int(limit) = args.positional[0] else {
        let kind = args.positional[0].type_name();
        return Err(crate::objects::exception::type_error(format!("'{kind}' object cannot be interpreted as an integer")));
    };
    if limit < 1 {
        return Err(value_error("recursion limit must be greater or equal than 1"));
    }
    // CPython 3.11 counts the module's frame and the call of setrecursionlimit itself.
    let depth = thread.depth + 2;
    if limit as usize <= depth {
        return Err(crate::objects::PyErr::new(
            "RecursionError",
            format!("cannot set the recursion limit to {limit} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    thread.interp.scheduler.set_recursion_limit(limit as usize);
    Ok(Value::None)
}

fn exit(_thread: &mut Thread, args: Args) -> PyResult {
    let class = crate::objects::class::exception_class("SystemExit");
    Err(crate::objects::PyErr::from_instance(crate::objects::exception::new_exception(&class, args.positional)))
}

/// `sys.stdout` and `sys.stderr`: `write` and `flush`, as print's `file=` uses them.
pub struct StandardStream {
    /// Which one.
    pub stream: crate::vm::Stream,
}

impl crate::objects::NativeObject for StandardStream {
    fn class(&self) -> std::sync::Arc<crate::objects::Class> {
        static CLASSES: std::sync::OnceLock<(std::sync::Arc<crate::objects::Class>, std::sync::Arc<crate::objects::Class>)> =
            std::sync::OnceLock::new();
        let (stdout, stderr) = CLASSES.get_or_init(|| {
            let object = crate::objects::class::builtin_types().object.clone();
            let make = |name: &str| {
                crate::objects::Class::new(name, crate::objects::Kind::Opaque, vec![object.clone()], Default::default())
                    .expect("one base")
            };
            (make("stdout"), make("stderr"))
        });
        if self.stream == crate::vm::Stream::Stdout { stdout.clone() } else { stderr.clone() }
    }

    fn call_method(&self, thread: &mut Thread, name: &str, args: Args) -> Option<PyResult> {
        Some(match name {
            "write" => match args.get(0) {
                Some(Value::Str(text)) => {
                    let thread_name = thread.name.clone();
                    thread.interp.output.write(self.stream, &thread_name, text);
                    Ok(Value::Int(text.chars().count() as i64))
                }
                Some(other) => Err(crate::objects::exception::type_error(format!(
                    "write() argument must be str, not {}",
                    other.type_name()
                ))),
                None => Err(crate::objects::exception::type_error("write() takes exactly one argument (0 given)")),
            },
            "flush" => Ok(Value::None),
            _ => return None,
        })
    }
}
