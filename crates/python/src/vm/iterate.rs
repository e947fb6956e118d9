//! Iteration: `iter()`, `next()`, and collecting an iterable into a vector.

use std::sync::Mutex;

use super::call::Called;
use super::dunder_frames::python_dunder;
use super::frame::FrameExit;
use super::frame_stack::Returns;
use super::resumable::{CallUntilSentinel, FilterStep, Resumable};
use super::{Frame, Thread};
use crate::objects::exception::type_error;
use crate::objects::function::Args;
use crate::objects::{lock, IterState, PyErr, PyResult, Value};

/// An iterator's next item, or the frame or built-in that makes it.
pub(super) enum Next {
    /// The item; `None` when the iterator is exhausted.
    Item(Option<Value>),
    /// The generator's frame, taken out of it while it runs: push it, and give it back when
    /// it yields ([`generator_yielded`]) or end the generator ([`generator_ended`]).
    Generator(Frame),
    /// The frame of a Python function whose return is the item (the `__next__` an instance's
    /// class defines, `map`'s function): push it (a StopIteration ends the iteration).
    Call(Frame),
    /// A step that calls Python until it has the item (`filter`, `iter(function, sentinel)`):
    /// drive it (`resumable.rs`).
    Resumable(Box<dyn Resumable>),
}

/// A generator's frame goes back into it after a yield.
pub(super) fn generator_yielded(state: &Mutex<IterState>, mut frame: Frame) {
    frame.returns = Returns::Value;
    if let IterState::Generator { frame: slot, .. } = &mut *lock(state) {
        *slot = Some(frame);
    }
}

/// A generator has returned or raised: it is exhausted.
pub(super) fn generator_ended(state: &Mutex<IterState>) {
    if let IterState::Generator { finished, .. } = &mut *lock(state) {
        *finished = true;
    }
}

/// The most items `list(iterable)` and friends collect (240 MB of values: the page's whole
/// memory is 1 GB).
const MAX_COLLECT: usize = 10_000_000;

impl Thread {
    /// `iter(object)`.
    pub fn iter(&mut self, object: &Value) -> PyResult {
        Ok(match object {
            Value::Iter(state) => {
                if let IterState::DictView { dict, kind } = &*lock(state) {
                    return Ok(IterState::over(IterState::view_items(dict, kind), "dict_keyiterator"));
                }
                object.clone()
            }
            Value::List(list) => Thread::iterator(IterState::List { list: list.clone(), index: 0 }),
            Value::Tuple(items) => Thread::iterator(IterState::Values { items: items.clone(), index: 0, type_name: "tuple_iterator" }),
            Value::Bytes(bytes) => IterState::over(bytes.iter().map(|byte| Value::Int(i64::from(*byte))).collect(), "bytes_iterator"),
            Value::Str(text) => IterState::over(text.chars().map(|c| Value::str(c.encode_utf8(&mut [0; 4]))).collect(), "str_ascii_iterator"),
            Value::Dict(dict) => IterState::over(dict.keys(), "dict_keyiterator"),
            Value::Set(set) => IterState::over(set.values(), "set_iterator"),
            Value::Range(range) => Thread::iterator(IterState::Range { next: range.start, remaining: range.len(), step: range.step }),
            Value::Instance(_) => {
                if let Some(iterator) = self.call_dunder(object, "__iter__", vec![])? {
                    return checked_iterator(iterator);
                }
                if self.call_dunder(object, "__getitem__", vec![Value::Int(0)]).is_ok() {
                    let mut items = Vec::new();
                    let mut index = 0;
                    loop {
                        match self.call_dunder(object, "__getitem__", vec![Value::Int(index)]) {
                            Ok(Some(item)) => items.push(item),
                            Err(error) if error.is("IndexError") => break,
                            Err(error) => return Err(error),
                            Ok(None) => break,
                        }
                        index += 1;
                    }
                    return Ok(IterState::over(items, "list_iterator"));
                }
                return Err(not_iterable(object));
            }
            _ => return Err(not_iterable(object)),
        })
    }

    /// The next item of an iterator; `None` when it is exhausted. A generator runs on a
    /// nested run loop.
    pub fn next(&mut self, iterator: &Value) -> PyResult<Option<Value>> {
        match self.next_or_generator(iterator)? {
            Next::Item(item) => Ok(item),
            Next::Generator(frame) => {
                let Value::Iter(state) = iterator else { unreachable!("only an iterator holds a generator") };
                self.resume_generator(state, frame)
            }
            Next::Call(frame) => ended_by_stop_iteration(self.called_from_rust(|thread| thread.run_callee(frame)).map(Some)),
            Next::Resumable(step) => ended_by_stop_iteration(self.drive_natively(step, None)),
        }
    }

    /// The next item of an iterator, or the frame of a generator or of a class's `__next__`,
    /// `map`'s function or a `filter`'s step for the caller's run loop to push or drive.
    pub(super) fn next_or_generator(&mut self, iterator: &Value) -> PyResult<Next> {
        let Value::Iter(state) = iterator else {
            if let Some(function) = python_dunder(iterator, "__next__") {
                return self.next_from_call(&function, vec![iterator.clone()]);
            }
            return Ok(Next::Item(match self.call_dunder(iterator, "__next__", vec![]) {
                Ok(Some(value)) => Ok(Some(value)),
                Ok(None) => Err(type_error(format!("'{}' object is not an iterator", iterator.type_name()))),
                Err(error) if error.is("StopIteration") => Ok(None),
                Err(error) => Err(error),
            }?));
        };
        let shared = state;
        let lazy = {
            let mut state = lock(state);
            match &mut *state {
                IterState::List { list, index } => {
                    let item = lock(list).get(*index).cloned();
                    *index += 1;
                    return Ok(Next::Item(item));
                }
                IterState::Values { items, index, .. } => {
                    let item = items.get(*index).cloned();
                    *index += 1;
                    return Ok(Next::Item(item));
                }
                IterState::Range { next, remaining, step } => {
                    if *remaining <= 0 {
                        return Ok(Next::Item(None));
                    }
                    let value = *next;
                    *remaining -= 1;
                    *next += *step;
                    return Ok(Next::Item(Some(Value::Int(value))));
                }
                IterState::Map { function, sources } => Lazy::Map(function.clone(), sources.clone()),
                IterState::Filter { function, source } => Lazy::Step(Box::new(FilterStep::new(function.clone(), source.clone()))),
                IterState::CallUntil { finished: true, .. } => return Ok(Next::Item(None)),
                IterState::CallUntil { function, sentinel, .. } => {
                    let (function, sentinel) = (function.clone(), sentinel.clone());
                    Lazy::Step(Box::new(CallUntilSentinel { function, sentinel, state: shared.clone() }))
                }
                IterState::Zip { sources } => Lazy::Zip(sources.clone()),
                IterState::DictView { kind, .. } => {
                    return Err(type_error(format!("'{kind}' object is not an iterator")));
                }
                IterState::Generator { frame, finished } => {
                    if *finished {
                        return Ok(Next::Item(None));
                    }
                    match frame.take() {
                        Some(frame) => return Ok(Next::Generator(frame)),
                        None => return Err(PyErr::new("ValueError", "generator already executing")),
                    }
                }
                IterState::Enumerate { source, count } => {
                    let at = *count;
                    *count += 1;
                    Lazy::Enumerate(source.clone(), at)
                }
            }
        };
        self.next_lazy(lazy)
    }

    /// `map`'s next item: the function called with each source's next item.
    fn next_of_map(&mut self, function: &Value, sources: &[Value]) -> PyResult<Next> {
        let mut args = Vec::with_capacity(sources.len());
        for source in sources {
            match self.next(source)? {
                Some(value) => args.push(value),
                None => return Ok(Next::Item(None)),
            }
        }
        if !self.pushes_builtin_calls() {
            return ended_by_stop_iteration(self.call(function, Args::positional(args)).map(Some)).map(Next::Item);
        }
        self.next_from_call(function, args)
    }

    /// The item `function(*args)` returns: its frame to push, or its value.
    fn next_from_call(&mut self, function: &Value, args: Vec<Value>) -> PyResult<Next> {
        // A built-in that blocks cannot give the loop its value by parking: it waits here.
        Ok(match self.called_from_rust(|thread| thread.prepare_call(function, Args::positional(args)))? {
            Called::Frame(frame) if matches!(frame.returns, Returns::Value) => Next::Call(frame),
            // A frame that gives its caller something else (a class's `__init__`) runs here.
            Called::Frame(frame) => Next::Item(Some(self.called_from_rust(|thread| thread.run_callee(frame))?)),
            Called::Done(item) => Next::Item(Some(item)),
        })
    }

    /// Runs a generator's frame to its next yield on a nested loop.
    pub(super) fn resume_generator(&mut self, state: &Mutex<IterState>, mut frame: Frame) -> PyResult<Option<Value>> {
        self.depth += 1;
        let result = self.resume(&mut frame);
        self.depth -= 1;
        match result {
            Ok(FrameExit::Yield(value)) => {
                generator_yielded(state, frame);
                Ok(Some(value))
            }
            Ok(FrameExit::Return(_)) => {
                generator_ended(state);
                self.frame_pool.recycle(frame);
                Ok(None)
            }
            Err(error) => {
                generator_ended(state);
                self.frame_pool.recycle(frame);
                Err(error)
            }
        }
    }

    fn next_lazy(&mut self, lazy: Lazy) -> PyResult<Next> {
        let item = match lazy {
            Lazy::Map(function, sources) => return self.next_of_map(&function, &sources),
            Lazy::Step(step) if self.pushes_builtin_calls() => return Ok(Next::Resumable(step)),
            Lazy::Step(step) => ended_by_stop_iteration(self.drive_natively(step, None))?,
            Lazy::Zip(sources) if sources.is_empty() => None,
            Lazy::Zip(sources) => {
                let mut items = Vec::with_capacity(sources.len());
                for source in &sources {
                    match self.next(source)? {
                        Some(value) => items.push(value),
                        None => return Ok(Next::Item(None)),
                    }
                }
                Some(Value::tuple(items))
            }
            Lazy::Enumerate(source, count) => self.next(&source)?.map(|value| Value::tuple(vec![Value::Int(count), value])),
        };
        Ok(Next::Item(item))
    }

    /// Every item of an iterable.
    pub fn collect(&mut self, iterable: &Value) -> PyResult<Vec<Value>> {
        match iterable {
            Value::List(list) => return Ok(lock(list).clone()),
            Value::Tuple(items) => return Ok(items.to_vec()),
            Value::Range(range) if range.len() > MAX_COLLECT as i64 => return Err(crate::objects::int::memory_error()),
            _ => {}
        }
        let iterator = self.iter(iterable)?;
        let mut items = Vec::new();
        while let Some(item) = self.next(&iterator)? {
            if items.len() >= MAX_COLLECT {
                return Err(crate::objects::int::memory_error());
            }
            items.push(item);
        }
        Ok(items)
    }
}

/// A lazy iterator's step, taken out of its lock so it can call Python.
enum Lazy {
    Map(Value, Vec<Value>),
    /// A step that calls Python (`filter`, `iter(function, sentinel)`).
    Step(Box<dyn Resumable>),
    Zip(Vec<Value>),
    Enumerate(Value, i64),
}

/// An iterator's step whose StopIteration says it is exhausted.
fn ended_by_stop_iteration(step: PyResult<Option<Value>>) -> PyResult<Option<Value>> {
    match step {
        Err(error) if error.is("StopIteration") => Ok(None),
        step => step,
    }
}

fn not_iterable(value: &Value) -> PyErr {
    type_error(format!("'{}' object is not iterable", value.type_name()))
}

/// What `__iter__` returned, if it is an iterator; TypeError otherwise, as CPython says
/// (so a `for` loop's iterator is never `None`, the marker of a range loop: `range_loop.rs`).
pub(super) fn checked_iterator(iterator: Value) -> PyResult {
    let is_iterator = match &iterator {
        Value::Iter(_) => true,
        Value::Instance(instance) => instance.class.lookup("__next__").is_some(),
        _ => false,
    };
    if is_iterator {
        Ok(iterator)
    } else {
        Err(type_error(format!("iter() returned non-iterator of type '{}'", iterator.type_name())))
    }
}
