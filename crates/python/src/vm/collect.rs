//! Built-ins that call back into Python, made calls the run loop pushes. `len`, `str`, `repr`,
//! `iter` and `next` of an instance call its class's dunder as a frame (`dunder_frames.rs`),
//! everywhere. Two more would run Python on a loop the built-in nests in Rust, where a thread
//! cannot park; on one thread whose processes answer by message, a wait for another process
//! there could only end in an error (no reply comes before the slice ends), so there only:
//! - a generator or an instance that a built-in consumes whole (`sorted(q.get() for …)`,
//!   `list(pool.imap(…))`, `sum(shared_array)`) is first collected by the prelude's
//!   `_collect_then`, whose comprehension iterates as a `for` loop does, on pushed frames, and
//!   the built-in then consumes the list;
//! - `print` of an instance whose class writes its text in Python (`__str__`, `__repr__`) is
//!   the prelude's `_print_then`, which calls `str()` of each argument first.
//!
//! Elsewhere those two are called as they are, so a threaded run pays nothing.

use std::iter::once;
use std::sync::Mutex;

use super::call::Called;
use super::dunder_frames::{python_dunder, text_dunder};
use super::Thread;
use crate::builtins::{COLLECT_THEN, PRINT_THEN};
use crate::objects::function::Args;
use crate::objects::{lock, IterState, PyResult, Value};

/// The built-ins, functions and types, that consume the whole of their first argument.
const CONSUMERS: [&str; 9] = ["list", "tuple", "set", "frozenset", "dict", "sorted", "sum", "min", "max"];

impl Thread {
    /// `builtin(*args)` (named `name`) as a call that the run loop pushes where that lets its
    /// waits park; `None` where the built-in is called as it is (at once, on a thread of its
    /// own, for a call whose first argument is no iterator nor instance).
    #[inline]
    pub(super) fn builtin_on_frames(&mut self, builtin: &Value, name: &str, args: &Args) -> PyResult<Option<Called>> {
        match args.positional.first() {
            Some(Value::Iter(state)) if self.interp.scheduler.takes_turns() && is_generator(state) && CONSUMERS.contains(&name) => {
                self.collecting(builtin, args)
            }
            Some(object @ Value::Instance(_)) => match self.builtin_by_dunder(name, object, args)? {
                Some(called) => Ok(Some(called)),
                None if name != "dict" && CONSUMERS.contains(&name) && python_dunder(object, "__iter__").is_some() => self.collecting(builtin, args),
                None => self.printing(builtin, name, args),
            },
            Some(_) if self.interp.scheduler.takes_turns() => self.printing(builtin, name, args),
            _ => Ok(None),
        }
    }

    /// Whether the thread takes turns on one thread whose processes answer by message.
    fn takes_turns_asking(&self) -> bool {
        self.interp.scheduler.takes_turns() && self.interp.process.get().is_some_and(|process| process.asks_by_message())
    }

    /// `consumer(iterable, …)` as `_collect_then(consumer, iterable, …)`.
    fn collecting(&mut self, consumer: &Value, args: &Args) -> PyResult<Option<Called>> {
        if !self.takes_turns_asking() {
            return Ok(None);
        }
        self.prelude_call(COLLECT_THEN, consumer, args)
    }

    /// `print(*args, …)` as `_print_then(print, *args, …)` when an argument's text is written
    /// in Python.
    fn printing(&mut self, print: &Value, name: &str, args: &Args) -> PyResult<Option<Called>> {
        if name != "print" || !args.positional.iter().any(|arg| text_dunder(arg).is_some()) || !self.takes_turns_asking() {
            return Ok(None);
        }
        self.prelude_call(PRINT_THEN, print, args)
    }

    /// The prelude's function `name` called with `builtin` before `args`.
    fn prelude_call(&mut self, name: &str, builtin: &Value, args: &Args) -> PyResult<Option<Called>> {
        let Some(function) = lock(&self.interp.builtins).get(name).cloned() else { return Ok(None) };
        let positional = once(builtin.clone()).chain(args.positional.iter().cloned()).collect();
        self.prepare_call(&function, Args { positional, keywords: args.keywords.clone() }).map(Some)
    }
}

fn is_generator(state: &Mutex<IterState>) -> bool {
    matches!(*lock(state), IterState::Generator { .. })
}
