//! Built-ins that call back into Python, made calls the run loop pushes. Everywhere, `len`,
//! `str`, `repr`, `iter` and `next` of an instance call its class's dunder as a frame
//! (`dunder_frames.rs`), and `format` its `__format__`. Where threads take turns on one
//! thread (`Thread::pushes_builtin_calls`), `next(generator)` resumes the generator as a
//! pushed frame, and `sorted`, `min` and `max` with a `key` (and `list.sort`, `call.rs`)
//! compute their keys as pushed frames (`resumable.rs`).
//!
//! Two more would run Python on a loop the built-in nests in Rust, where a thread
//! cannot park; on one thread whose processes answer by message, a wait for another process
//! there could only end in an error (no reply comes before the slice ends), so there only:
//! - a generator, an iterator whose steps call Python (`map`, `filter`, `iter(function,
//!   sentinel)`) or an instance that a built-in consumes whole (`sorted(q.get() for …)`,
//!   `list(map(…))`, `list(pool.imap(…))`, `sum(shared_array)`) is first collected by the
//!   prelude's `_collect_then`, whose comprehension iterates as a `for` loop does, on pushed
//!   frames, and the built-in then consumes the list;
//! - `print` of an instance whose class writes its text in Python (`__str__`, `__repr__`) is
//!   the prelude's `_print_then`, which calls `str()` of each argument first.
//!
//! Elsewhere those two are called as they are, so a threaded run pays nothing.

use std::iter::once;
use std::sync::{Arc, Mutex};

use super::call::Called;
use super::dunder_frames::{python_dunder, text_dunder};
use super::frame_stack::Returns;
use super::resumable::{Extreme, Resumable, SortByKey};
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
        // Each way returns at once: a `Called` holds a frame, which a move would copy.
        match args.positional.first() {
            Some(Value::Iter(state)) if self.interp.scheduler.takes_turns() && steps_call_python(state) && CONSUMERS.contains(&name) => {
                if let Some(called) = self.collecting(builtin, args)? {
                    return Ok(Some(called));
                }
            }
            Some(Value::Iter(state)) if name == "next" && self.pushes_builtin_calls() => return self.next_of_generator(state, args),
            Some(object @ Value::Instance(_)) => {
                if let Some(called) = self.builtin_by_dunder(name, object, args)? {
                    return Ok(Some(called));
                }
                if name == "format" {
                    return self.format_on_frames(object, args);
                }
                if name != "dict" && CONSUMERS.contains(&name) && python_dunder(object, "__iter__").is_some() {
                    if let Some(called) = self.collecting(builtin, args)? {
                        return Ok(Some(called));
                    }
                } else if name == "print" {
                    return self.printing(builtin, args);
                }
            }
            Some(_) if name == "print" && self.interp.scheduler.takes_turns() => return self.printing(builtin, args),
            _ => {}
        }
        if !args.keywords.is_empty() && self.pushes_builtin_calls() {
            return self.by_key(name, args);
        }
        Ok(None)
    }

    /// `next(generator[, default])` as the generator's frame, pushed; `None` where `next` is
    /// called as it is (another iterator, a finished or running generator).
    fn next_of_generator(&mut self, state: &Arc<Mutex<IterState>>, args: &Args) -> PyResult<Option<Called>> {
        if args.positional.len() > 2 || !args.keywords.is_empty() {
            return Ok(None);
        }
        let IterState::Generator { frame: slot @ Some(_), finished: false } = &mut *lock(state) else { return Ok(None) };
        let Some(frame) = slot.take() else { return Ok(None) };
        let returns = Returns::GeneratorNext { state: state.clone(), default: args.positional.get(1).cloned() };
        Ok(Some(Called::Frame(frame.returning(returns))))
    }

    /// `format(instance, spec)` as its class's `__format__` (or, with no spec, its text
    /// dunder) pushed, where the class writes it in Python.
    fn format_on_frames(&mut self, object: &Value, args: &Args) -> PyResult<Option<Called>> {
        if args.positional.len() > 2 || !args.keywords.is_empty() {
            return Ok(None);
        }
        let spec = match args.positional.get(1) {
            None => Arc::from(""),
            Some(Value::Str(spec)) => spec.clone(),
            Some(_) => return Ok(None),
        };
        self.format_call(object, None, spec)
    }

    /// `f"{object!conversion:spec}"` of an instance whose class writes its text in Python:
    /// the dunder's call, whose frame the caller pushes; `None` where formatting calls no
    /// Python function (CPython's `FORMAT_VALUE`: a conversion's `str()` or `repr()`, then
    /// `__format__`, which `object`'s gives to `str()` when the spec is empty).
    pub(super) fn format_call(&mut self, object: &Value, conversion: Option<&'static str>, spec: Arc<str>) -> PyResult<Option<Called>> {
        let found = match conversion {
            Some("repr") => python_dunder(object, "__repr__").map(|function| (function, "__repr__")),
            Some(_) => text_function(object),
            None => {
                if let Some(function) = python_dunder(object, "__format__") {
                    let returns = Returns::Formatted { dunder: "__format__", spec: None };
                    return self.dunder_call(&function, vec![object.clone(), Value::Str(spec)], returns);
                }
                text_function(object).filter(|_| spec.is_empty())
            }
        };
        let Some((function, dunder)) = found else { return Ok(None) };
        let spec = (!spec.is_empty()).then_some(spec);
        self.dunder_call(&function, vec![object.clone()], Returns::Formatted { dunder, spec })
    }

    /// `function(*args)`, its return taken as `returns` says.
    fn dunder_call(&mut self, function: &Value, args: Vec<Value>, returns: Returns) -> PyResult<Option<Called>> {
        Ok(Some(match self.prepare_call(function, Args::positional(args))? {
            Called::Frame(frame) => Called::Frame(frame.returning(returns)),
            Called::Done(value) => Called::Done(self.finish_return(returns, value)?.unwrap_or(Value::None)),
        }))
    }

    /// `sorted`, `min` or `max` with a `key`, its keys computed on pushed frames; `None` where
    /// the built-in is called as it is (no key, other keywords: it says what is wrong).
    fn by_key(&mut self, name: &str, args: &Args) -> PyResult<Option<Called>> {
        let (name, accepted): (&'static str, [&str; 2]) = match name {
            "sorted" => ("sorted", ["key", "reverse"]),
            "min" => ("min", ["key", "default"]),
            "max" => ("max", ["key", "default"]),
            _ => return Ok(None),
        };
        let key = match keyword(args, "key") {
            Some(Value::None) | None => return Ok(None),
            Some(key) => key.clone(),
        };
        if args.positional.is_empty() || args.keywords.iter().any(|(keyword, _)| !accepted.contains(&&**keyword)) {
            return Ok(None);
        }
        let builtin: Box<dyn Resumable> = if name == "sorted" {
            if args.positional.len() != 1 {
                return Ok(None);
            }
            let reverse = match keyword(args, "reverse") {
                Some(flag) => self.truthy(flag)?,
                None => false,
            };
            Box::new(SortByKey::new(self.collect(&args.positional[0])?, key, reverse, None))
        } else {
            let default = keyword(args, "default").cloned();
            let items = match &args.positional[..] {
                [iterable] => self.collect(iterable)?,
                _ if default.is_some() => return Ok(None),
                items => items.to_vec(),
            };
            Box::new(Extreme::new(items, Some(key), name, default))
        };
        self.call_resumable(builtin).map(Some)
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
    fn printing(&mut self, print: &Value, args: &Args) -> PyResult<Option<Called>> {
        if !args.positional.iter().any(|arg| text_dunder(arg).is_some()) || !self.takes_turns_asking() {
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

/// Whether an iterator's steps run Python: a generator's, `map`'s, `filter`'s, and
/// `iter(function, sentinel)`'s.
fn steps_call_python(state: &Mutex<IterState>) -> bool {
    matches!(*lock(state), IterState::Generator { .. } | IterState::Map { .. } | IterState::Filter { .. } | IterState::CallUntil { .. })
}

/// The function `str(object)` runs, if its class writes it in Python, and its name.
fn text_function(object: &Value) -> Option<(Value, &'static str)> {
    match text_dunder(object)? {
        (function, Returns::Text(dunder)) => Some((function, dunder)),
        _ => None,
    }
}

/// The keyword argument `name`, if given.
fn keyword<'a>(args: &'a Args, name: &str) -> Option<&'a Value> {
    args.keywords.iter().find(|(keyword, _)| &**keyword == name).map(|(_, value)| value)
}
