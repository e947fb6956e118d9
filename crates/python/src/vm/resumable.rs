//! Built-ins that call Python as pushed frames and go on when each returns, as a `for` loop
//! does: a [`Resumable`] says which call it wants next, its frame is pushed with
//! `Returns::Resume` holding the built-in, and the callee's return resumes it. So a wait in a
//! sort key (`sorted(results, key=lambda r: r.get())`), in `filter`'s function or in
//! `iter(q.get, None)`'s callable parks like any call, where on a loop nested in Rust it could
//! not (on one thread whose processes answer by message, no reply comes before the slice
//! ends). A sort's keys are all computed first, then compared natively, as CPython's
//! `list.sort` does; `min` and `max` compare each key as it comes, as CPython does.
//! Called from Rust (`thread.next`, a built-in's callback), the same built-ins run their calls
//! on nested loops ([`Thread::drive_natively`]), as they do where each thread has a thread of
//! its own and may block anywhere ([`Thread::pushes_builtin_calls`]).

use super::call::Called;
use super::frame_stack::Returns;
use super::{Frame, Thread};
use crate::objects::exception::value_error;
use crate::objects::function::Args;
use crate::objects::{lock, PyResult, Value};
use std::sync::{Arc, Mutex};

/// A built-in that goes on after each Python call it makes.
pub(crate) trait Resumable: Send {
    /// Takes what its last call returned (`None` before the first) and says what it wants.
    fn resume(&mut self, thread: &mut Thread, returned: Option<Value>) -> PyResult<Wants>;
}

/// What a resumable built-in wants next.
pub(crate) enum Wants {
    /// This call, and to be resumed with its result.
    Call(Value, Vec<Value>),
    /// Nothing more: its result (`None`: the iterator it steps is exhausted).
    Done(Option<Value>),
}

/// Where driving a built-in got to.
pub(super) enum Driven {
    /// Push this frame: its return resumes the built-in.
    Frame(Frame),
    /// The built-in is done, with its result (or its iterator's end), for `then`.
    Done(Option<Value>, Box<Returns>),
}

impl Thread {
    /// Whether built-ins push their calls to Python (sort keys, `map`, `filter`, `next` of a
    /// generator): only where threads take turns on one thread and must park to wait. A thread
    /// of its own blocks where it is, and there a nested loop costs less (instructions,
    /// cachegrind: 200,000 `min` keys 1.81 G nested against 1.92 G pushed, a comprehension over
    /// `map` 2.58 against 2.80).
    #[inline]
    pub(super) fn pushes_builtin_calls(&self) -> bool {
        self.interp.scheduler.takes_turns()
    }

    /// Resumes `builtin` with `returned` until it wants a Python function's frame or is done;
    /// what it is done with goes to the caller as `then` says (boxed once per built-in, not
    /// per call: a box per call was 0.16 G of 200,000 × 5 `min` keys' 2.08 G instructions).
    pub(super) fn drive(&mut self, mut builtin: Box<dyn Resumable>, mut returned: Option<Value>, then: Box<Returns>) -> PyResult<Driven> {
        loop {
            let (function, args) = match builtin.resume(self, returned.take())? {
                Wants::Done(result) => return Ok(Driven::Done(result, then)),
                Wants::Call(function, args) => (function, args),
            };
            // A built-in that blocks cannot give the built-in its value by parking: it waits here.
            returned = Some(match self.called_from_rust(|thread| thread.prepare_call(&function, Args::positional(args)))? {
                Called::Done(value) => value,
                Called::Frame(frame) if matches!(frame.returns, Returns::Value) => {
                    return Ok(Driven::Frame(frame.returning(Returns::Resume { builtin, then })))
                }
                // A frame that gives its caller something else (a class's `__init__`, another
                // resumable built-in) runs on a loop of its own.
                Called::Frame(frame) => self.called_from_rust(|thread| thread.run_callee(frame))?,
            });
        }
    }

    /// Resumes `builtin` with `returned` to its end, its calls on loops nested in Rust.
    pub(super) fn drive_natively(&mut self, mut builtin: Box<dyn Resumable>, mut returned: Option<Value>) -> PyResult<Option<Value>> {
        loop {
            match builtin.resume(self, returned.take())? {
                Wants::Done(result) => return Ok(result),
                Wants::Call(function, args) => returned = Some(self.call(&function, Args::positional(args))?),
            }
        }
    }

    /// `builtin` as a call: the frame of its first Python call, or its result.
    pub(super) fn call_resumable(&mut self, builtin: Box<dyn Resumable>) -> PyResult<Called> {
        match self.drive(builtin, None, Box::new(Returns::Value))? {
            Driven::Frame(frame) => Ok(Called::Frame(frame)),
            Driven::Done(result, _) => Ok(Called::Done(result.unwrap_or(Value::None))),
        }
    }
}

/// `sorted(items, key=…)` and `list.sort(key=…)`: every key first, then a stable sort by them.
pub(crate) struct SortByKey {
    items: Vec<Value>,
    key: Value,
    reverse: bool,
    /// The list `list.sort` sorts in place (its result is None); `sorted` makes a new one.
    in_place: Option<Arc<Mutex<Vec<Value>>>>,
    keys: Vec<Value>,
}

impl SortByKey {
    pub fn new(items: Vec<Value>, key: Value, reverse: bool, in_place: Option<Arc<Mutex<Vec<Value>>>>) -> SortByKey {
        let keys = Vec::with_capacity(items.len());
        SortByKey { items, key, reverse, in_place, keys }
    }
}

impl Resumable for SortByKey {
    fn resume(&mut self, thread: &mut Thread, returned: Option<Value>) -> PyResult<Wants> {
        self.keys.extend(returned);
        if let Some(item) = self.items.get(self.keys.len()) {
            return Ok(Wants::Call(self.key.clone(), vec![item.clone()]));
        }
        let keyed = std::mem::take(&mut self.keys).into_iter().zip(std::mem::take(&mut self.items)).collect();
        let sorted = crate::objects::list::sort_keyed(thread, keyed, self.reverse)?;
        Ok(Wants::Done(Some(match &self.in_place {
            Some(list) => {
                *lock(list) = sorted;
                Value::None
            }
            None => Value::list(sorted),
        })))
    }
}

/// `min(…)` and `max(…)`, with a `key` or without: each item's key, compared with the best so
/// far as it comes, as CPython does.
pub(crate) struct Extreme {
    items: std::vec::IntoIter<Value>,
    key: Option<Value>,
    name: &'static str,
    want_greater: bool,
    default: Option<Value>,
    current: Option<Value>,
    best: Option<(Value, Value)>,
}

impl Extreme {
    pub fn new(items: Vec<Value>, key: Option<Value>, name: &'static str, default: Option<Value>) -> Extreme {
        let want_greater = name == "max";
        Extreme { items: items.into_iter(), key, name, want_greater, default, current: None, best: None }
    }

    /// `item`, whose key is `score`, becomes the best so far if it beats it.
    fn consider(&mut self, thread: &mut Thread, score: Value, item: Value) -> PyResult<()> {
        let beats = match &self.best {
            None => true,
            Some((best, _)) if self.want_greater => thread.less_than(best, &score)?,
            Some((best, _)) => thread.less_than(&score, best)?,
        };
        if beats {
            self.best = Some((score, item));
        }
        Ok(())
    }
}

impl Resumable for Extreme {
    fn resume(&mut self, thread: &mut Thread, returned: Option<Value>) -> PyResult<Wants> {
        if let (Some(score), Some(item)) = (returned, self.current.take()) {
            self.consider(thread, score, item)?;
        }
        while let Some(item) = self.items.next() {
            match &self.key {
                Some(key) => {
                    self.current = Some(item.clone());
                    return Ok(Wants::Call(key.clone(), vec![item]));
                }
                None => self.consider(thread, item.clone(), item)?,
            }
        }
        match (self.best.take(), self.default.take()) {
            (Some((_, item)), _) => Ok(Wants::Done(Some(item))),
            (None, Some(default)) => Ok(Wants::Done(Some(default))),
            (None, None) => Err(value_error(format!("{}() arg is an empty sequence", self.name))),
        }
    }
}

impl Thread {
    /// `min` or `max` (`name`) of `items` called as it is: its calls to `key` on loops nested
    /// in Rust.
    pub(crate) fn extreme(&mut self, items: Vec<Value>, key: Option<Value>, name: &'static str, default: Option<Value>) -> PyResult {
        let best = self.drive_natively(Box::new(Extreme::new(items, key, name, default)), None)?;
        Ok(best.unwrap_or(Value::None))
    }
}

/// One step of `filter(function, source)`: items until the function finds one true.
pub(crate) struct FilterStep {
    function: Value,
    source: Value,
    candidate: Option<Value>,
}

impl FilterStep {
    pub fn new(function: Value, source: Value) -> FilterStep {
        FilterStep { function, source, candidate: None }
    }
}

impl Resumable for FilterStep {
    fn resume(&mut self, thread: &mut Thread, returned: Option<Value>) -> PyResult<Wants> {
        if let (Some(verdict), Some(item)) = (returned, self.candidate.take()) {
            if thread.truthy(&verdict)? {
                return Ok(Wants::Done(Some(item)));
            }
        }
        loop {
            let Some(item) = thread.next(&self.source)? else { return Ok(Wants::Done(None)) };
            if matches!(self.function, Value::None) {
                if thread.truthy(&item)? {
                    return Ok(Wants::Done(Some(item)));
                }
                continue;
            }
            self.candidate = Some(item.clone());
            return Ok(Wants::Call(self.function.clone(), vec![item]));
        }
    }
}

/// One step of `iter(function, sentinel)`: the function's value, unless it equals the
/// sentinel, which exhausts the iterator (`state`) for good.
pub(crate) struct CallUntilSentinel {
    pub(super) function: Value,
    pub(super) sentinel: Value,
    pub(super) state: Arc<Mutex<crate::objects::IterState>>,
}

impl Resumable for CallUntilSentinel {
    fn resume(&mut self, thread: &mut Thread, returned: Option<Value>) -> PyResult<Wants> {
        let Some(value) = returned else { return Ok(Wants::Call(self.function.clone(), Vec::new())) };
        if thread.eq(&value, &self.sentinel)? {
            if let crate::objects::IterState::CallUntil { finished, .. } = &mut *lock(&self.state) {
                *finished = true;
            }
            return Ok(Wants::Done(None));
        }
        Ok(Wants::Done(Some(value)))
    }
}
