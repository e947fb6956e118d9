//! A class's dunders run as frames on the thread's stack, as CPython runs `__getitem__` for
//! `BINARY_SUBSCR`: subscripts (`__getitem__`, `__setitem__`), `in` (`__contains__`), a `for`
//! loop's `__iter__` (and its `__next__`, `iterate.rs`), and the built-ins `len`, `str`,
//! `repr`, `iter` and `next` of an instance. A wait inside them (a manager's proxy, a shared
//! Array, `Pool.imap`'s iterator) then parks like any call, where on a loop nested in Rust it
//! could not: on one thread whose processes answer by message, no reply comes before the slice
//! ends. A dunder that is no Python function (none, or a built-in type's) takes the usual path.

use super::call::Called;
use super::frame_stack::{not_a_str, Returns};
use super::{Frame, Thread};
use crate::objects::function::Args;
use crate::objects::{PyResult, Value};

/// The function `object`'s class defines as `name` in Python, if it is an instance's.
pub(super) fn python_dunder(object: &Value, name: &str) -> Option<Value> {
    let Value::Instance(instance) = object else { return None };
    instance.class.lookup(name).filter(|found| matches!(found, Value::Function(_)))
}

/// The dunder `str(object)` runs, as `Thread::str` chooses it: `__str__`, else `__repr__`.
pub(super) fn text_dunder(object: &Value) -> Option<(Value, Returns)> {
    let Value::Instance(instance) = object else { return None };
    match instance.class.lookup("__str__") {
        Some(function @ Value::Function(_)) => Some((function, Returns::Text("__str__"))),
        Some(_) => None,
        None => python_dunder(object, "__repr__").map(|function| (function, Returns::Text("__repr__"))),
    }
}

/// The dunder the built-in `name` runs for one instance, and what its caller gets of it.
fn builtin_dunder(name: &str, object: &Value) -> Option<(Value, Returns)> {
    let (dunder, returns) = match name {
        "len" => ("__len__", Returns::Length),
        "repr" => ("__repr__", Returns::Text("__repr__")),
        "str" => return text_dunder(object),
        "iter" => ("__iter__", Returns::Iterator),
        "next" => ("__next__", Returns::Value),
        _ => return None,
    };
    python_dunder(object, dunder).map(|function| (function, returns))
}

impl Thread {
    /// `name(object)` (`len`, `str`, `repr`, `iter`, `next`) as a call of the dunder `object`'s
    /// class defines in Python; `None` where the built-in is called as it is.
    pub(super) fn builtin_by_dunder(&mut self, name: &str, object: &Value, args: &Args) -> PyResult<Option<Called>> {
        if args.positional.len() != 1 || !args.keywords.is_empty() {
            return Ok(None);
        }
        let Some((function, returns)) = builtin_dunder(name, object) else { return Ok(None) };
        match self.prepare_call(&function, Args::positional(vec![object.clone()]))? {
            Called::Frame(frame) => Ok(Some(Called::Frame(frame.returning(returns)))),
            Called::Done(value) => Ok(Some(Called::Done(returns.finish(value)?.unwrap_or(Value::None)))),
        }
    }

    /// `object[key]` for an instance: its `__getitem__`'s frame, or the value pushed on `caller`.
    pub(super) fn get_item_on_frames(&mut self, caller: &mut Frame, object: Value, key: Value) -> PyResult<Option<Frame>> {
        match python_dunder(&object, "__getitem__") {
            Some(function) => self.run_dunder(caller, &function, vec![object, key], Returns::Value),
            None => {
                let value = self.get_item(&object, &key)?;
                caller.stack.push(value);
                Ok(None)
            }
        }
    }

    /// `object[key] = value` for an instance: its `__setitem__`'s frame, or done.
    pub(super) fn set_item_on_frames(&mut self, caller: &mut Frame, object: Value, key: Value, value: Value) -> PyResult<Option<Frame>> {
        match python_dunder(&object, "__setitem__") {
            Some(function) => self.run_dunder(caller, &function, vec![object, key, value], Returns::Nothing),
            None => self.set_item(&object, key, value).map(|()| None),
        }
    }

    /// `item in container` (`not in` when `negate`) for an instance: its `__contains__`'s
    /// frame, or the answer pushed on `caller`.
    pub(super) fn contains_on_frames(&mut self, caller: &mut Frame, container: Value, item: Value, negate: bool) -> PyResult<Option<Frame>> {
        match python_dunder(&container, "__contains__") {
            Some(function) => self.run_dunder(caller, &function, vec![container, item], Returns::Contains { negate }),
            None => {
                let found = self.contains(&container, &item)?;
                caller.stack.push(Value::Bool(found != negate));
                Ok(None)
            }
        }
    }

    /// `iter(object)` for an instance (a `for` loop's start): its `__iter__`'s frame, or the
    /// iterator pushed on `caller`.
    pub(super) fn iter_on_frames(&mut self, caller: &mut Frame, object: Value) -> PyResult<Option<Frame>> {
        match python_dunder(&object, "__iter__") {
            Some(function) => self.run_dunder(caller, &function, vec![object], Returns::Iterator),
            None => {
                let iterator = self.iter(&object)?;
                caller.stack.push(iterator);
                Ok(None)
            }
        }
    }

    /// Calls `function(*args)`: its frame to push (its return taken as `returns` says), or
    /// its value already taken by `caller`.
    fn run_dunder(&mut self, caller: &mut Frame, function: &Value, args: Vec<Value>, returns: Returns) -> PyResult<Option<Frame>> {
        match self.prepare_call(function, Args::positional(args))? {
            Called::Frame(callee) => Ok(Some(callee.returning(returns))),
            Called::Done(value) => {
                let handling = self.handling.len();
                self.return_to(caller, returns, value, handling).map(|()| None)
            }
        }
    }

    /// `caller` takes a callee's return of `value` as `returns` says; the truth of a
    /// `__contains__` and a formatted text's spec are applied here, where Python may be called
    /// (`__bool__`, `__format__`).
    #[inline]
    pub(super) fn return_to(&mut self, caller: &mut Frame, returns: Returns, value: Value, handling: usize) -> PyResult<()> {
        match returns {
            Returns::Contains { .. } | Returns::Formatted { .. } => {
                if let Some(value) = self.finish_return(returns, value)? {
                    caller.stack.push(value);
                }
                Ok(())
            }
            returns => caller.take_return(returns, value, handling),
        }
    }

    /// What a caller gets of a return of `value`, as `returns` says, for what only the thread
    /// can finish (a truth, a format spec); the rest as [`Returns::finish`].
    pub(super) fn finish_return(&mut self, returns: Returns, value: Value) -> PyResult<Option<Value>> {
        match returns {
            Returns::Contains { negate } => Ok(Some(Value::Bool(self.truthy(&value)? != negate))),
            Returns::Formatted { dunder, spec: Some(spec) } => match value {
                Value::Str(_) => Ok(Some(Value::str(&self.format(&value, &spec)?))),
                other => Err(not_a_str(dunder, &other)),
            },
            returns => returns.finish(value),
        }
    }
}
