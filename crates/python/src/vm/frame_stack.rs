//! A thread's Python frames on an explicit stack. Calling a Python function pushes its frame
//! and the loop goes on; a return pops it and hands the value to its caller; an exception
//! unwinds frame by frame, each adding its traceback line. A built-in that calls Python and
//! goes on after it (`resumable.rs`) is resumed by its frame's return. Rust's own stack grows
//! only when a built-in calls back into Python otherwise (`__lt__` in a sort, an item's
//! `__repr__`): that starts a nested run loop, counted apart ([`NATIVE_NESTING_LIMIT`]) so that
//! a browser worker's small native stack ends in `RecursionError`, never a trap.

use std::sync::{Arc, Mutex};

use super::frame::{FrameExit, Handler, Step};
use super::iterate::{generator_ended, generator_yielded};
use super::resumable::{Driven, Resumable};
use super::{Frame, Thread};
use crate::bytecode::{CodeKind, Instr};
use crate::objects::{IterState, PyErr, PyResult, Value};

/// The deepest nesting of run loops (a built-in calling back into Python, which calls it
/// again …) before `RecursionError`. Each level takes the native stack (in the browser, the
/// worker's, which V8 keeps under 1 MB). Measured in Chromium with the limit lifted:
/// recursion through `sorted(key=…)` (when its keys ran nested) ran 300 levels and overflowed
/// at 400, through `repr` ran 200 and overflowed at 300; so 150, with room for code V8 has not
/// optimised yet. CPython 3.12 has such a limit for its C recursion too, apart from the
/// Python one.
pub const NATIVE_NESTING_LIMIT: usize = 150;

/// What a frame's caller gets when it returns.
pub enum Returns {
    /// The returned value.
    Value,
    /// The instance an `__init__` initialised (which must have returned None).
    Instance(Value),
    /// Nothing: the caller goes on without a value (`__exit__` of a `with` left normally).
    Nothing,
    /// `__enter__`'s value, after which the `with` block's handler (going to `target`) is set.
    EnterWith(usize),
    /// A generator resumed by a `for` loop (whose loop ends at `target`): a yield gives the
    /// loop its next item (pushed, or stored in the local `store` by a fused `ForIterStoreFast`),
    /// a return ends the loop; either way the generator's state is kept.
    Generator { state: Arc<Mutex<IterState>>, target: usize, store: Option<usize> },
    /// A class's `__len__` run by `len()`: the caller gets it if it is a non-negative int.
    Length,
    /// A class's `__str__` or `__repr__` (the name) run by `str()` or `repr()`: the caller
    /// gets it if it is a str.
    Text(&'static str),
    /// A class's `__iter__` run by `iter()` or a `for` loop: the caller gets it if it is an
    /// iterator (so a loop's iterator is never `None`, the range loop's marker).
    Iterator,
    /// A class's `__contains__` run by `in` (`not in` when `negate`): the caller gets its truth.
    Contains { negate: bool },
    /// A class's `__next__` run by a `for` loop (whose loop ends at `target`): a return gives
    /// the loop its next item (pushed, or stored in the local `store`), a StopIteration ends it.
    LoopItem { target: usize, store: Option<usize> },
    /// A generator resumed by `next()`: a yield gives the caller the item, a return the
    /// default, or StopIteration where there is none; the generator's state is kept.
    GeneratorNext { state: Arc<Mutex<IterState>>, default: Option<Value> },
    /// A class's `__format__` (or `__str__`, `__repr__`: the name) run by formatting: the
    /// caller gets it if it is a str, formatted by `spec` when there is one (`f"{x!s:>5}"`).
    Formatted { dunder: &'static str, spec: Option<Arc<str>> },
    /// A call a built-in made (`resumable.rs`): its return resumes the built-in, whose result
    /// the caller takes as `then` says.
    Resume { builtin: Box<dyn Resumable>, then: Box<Returns> },
}

impl Returns {
    /// What the caller gets for a return of `value`.
    pub(super) fn finish(self, value: Value) -> PyResult<Option<Value>> {
        match self {
            Returns::Value => Ok(Some(value)),
            Returns::Instance(instance) if matches!(value, Value::None) => Ok(Some(instance)),
            Returns::Instance(_) => Err(crate::objects::exception::type_error(format!(
                "__init__() should return None, not '{}'",
                value.type_name()
            ))),
            Returns::Nothing => Ok(None),
            Returns::Length => length(value).map(Some),
            Returns::Text(_) if matches!(value, Value::Str(_)) => Ok(Some(value)),
            Returns::Text(name) => Err(crate::objects::exception::type_error(format!(
                "{name} returned non-string (type {})",
                value.type_name()
            ))),
            Returns::Iterator => super::iterate::checked_iterator(value).map(Some),
            Returns::Formatted { dunder, .. } if !matches!(value, Value::Str(_)) => Err(not_a_str(dunder, &value)),
            Returns::EnterWith(_)
            | Returns::Generator { .. }
            | Returns::Contains { .. }
            | Returns::LoopItem { .. }
            | Returns::GeneratorNext { .. }
            | Returns::Formatted { .. }
            | Returns::Resume { .. } => Ok(Some(value)),
        }
    }

    /// Where the `for` loop this return feeds ends, if it feeds one.
    fn loop_end(&self) -> Option<usize> {
        match self {
            Returns::LoopItem { target, .. } => Some(*target),
            Returns::Resume { then, .. } => then.loop_end(),
            _ => None,
        }
    }
}

/// CPython's TypeError for a `__format__`, `__str__` or `__repr__` that returned `value`.
pub(super) fn not_a_str(dunder: &str, value: &Value) -> PyErr {
    let message = match dunder {
        "__format__" => format!("__format__ must return a str, not {}", value.type_name()),
        _ => format!("{dunder} returned non-string (type {})", value.type_name()),
    };
    crate::objects::exception::type_error(message)
}

/// What `len()` gives for a `__len__` that returned `value`, as CPython checks it.
fn length(value: Value) -> PyResult {
    match value {
        Value::Int(count) if count >= 0 => Ok(Value::Int(count)),
        Value::Int(_) => Err(PyErr::new("ValueError", "__len__() should return >= 0")),
        Value::Bool(flag) => Ok(Value::Int(i64::from(flag))),
        Value::BigInt(_) => Err(PyErr::new("OverflowError", "cannot fit 'int' into an index-sized integer")),
        other => Err(crate::objects::exception::type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

impl Frame {
    /// Takes a callee's return of `value`: what `returns` says goes on the stack.
    pub(super) fn take_return(&mut self, returns: Returns, value: Value, handling_depth: usize) -> PyResult<()> {
        match returns {
            Returns::EnterWith(target) => {
                self.handlers.push(Handler { target, stack_depth: self.stack.len(), handling_depth });
                self.stack.push(value);
                return Ok(());
            }
            Returns::Generator { state, target, .. } => {
                generator_ended(&state);
                self.stack.pop();
                self.pc = target;
                return Ok(());
            }
            Returns::LoopItem { store: Some(slot), .. } => {
                if let Some(old) = self.fast[slot].replace(value) {
                    old.discard();
                }
                return Ok(());
            }
            Returns::GeneratorNext { state, default } => {
                generator_ended(&state);
                self.stack.push(default.ok_or_else(crate::objects::exception::stop_iteration)?);
                return Ok(());
            }
            _ => {}
        }
        if let Some(value) = returns.finish(value)? {
            self.stack.push(value);
        }
        Ok(())
    }

    /// Takes the result of the call that its last instruction made, which blocked: what the
    /// instruction would have done with it.
    pub(super) fn complete_call(&mut self, value: Value, handling_depth: usize) -> PyResult<()> {
        match self.code.instrs[self.pc - 1] {
            Instr::SetupWith(target) => self.take_return(Returns::EnterWith(target as usize), value, handling_depth),
            _ => {
                self.stack.push(value);
                Ok(())
            }
        }
    }
}

impl Thread {
    /// Runs a frame to its return, on a run loop of its own (the caller's loop waits in Rust).
    pub fn run_frame(&mut self, mut frame: Frame) -> PyResult {
        let returns = std::mem::replace(&mut frame.returns, Returns::Value);
        if let Returns::GeneratorNext { state, default } = returns {
            let item = self.resume_generator(&state, frame)?;
            return item.or(default).ok_or_else(crate::objects::exception::stop_iteration);
        }
        let exit = self.resume(&mut frame);
        self.frame_pool.recycle(frame);
        let (FrameExit::Return(value) | FrameExit::Yield(value)) = exit?;
        let (value, returns) = match returns {
            Returns::Value => return Ok(value),
            Returns::Resume { builtin, then } => match self.drive_natively(builtin, Some(value))? {
                Some(result) => (result, *then),
                None => return Err(crate::objects::exception::stop_iteration()),
            },
            returns => (value, returns),
        };
        Ok(self.finish_return(returns, value)?.unwrap_or(Value::None))
    }

    /// Runs `base`, and every Python function it calls on the same loop, until `base` returns
    /// or yields.
    pub fn resume(&mut self, base: &mut Frame) -> PyResult<FrameExit> {
        self.nest_natively()?;
        base.handling_base = self.handling.len();
        let result = if base.code.kind == CodeKind::Function && base.pc == 0 { self.check_point() } else { Ok(()) };
        let mut callees = self.frame_pool.callees();
        let result = result.and_then(|()| self.run_stack(base, &mut callees, None));
        self.frame_pool.keep_callees(callees);
        self.native_depth -= 1;
        result
    }

    /// Runs a thread that takes turns on one worker (`one_thread.rs`) until it ends, blocks
    /// or lets another run: `base` and `callees` are its frames, kept between turns; `value`
    /// is what the effect it was parked on gave, for the call that blocked (an error is
    /// raised there, as if the call raised it).
    ///
    /// # Errors
    /// [`PyErr::Suspended`] when it parks (its frames are left ready to go on), and what
    /// ends a thread otherwise.
    pub(crate) fn run_turn(&mut self, base: &mut Frame, callees: &mut Vec<Frame>, value: Option<PyResult>) -> PyResult {
        let mut raised = None;
        if let (Some(value), true) = (value, std::mem::take(&mut self.gives_to_call_site)) {
            let handling = self.handling.len();
            let top = innermost(callees, base);
            raised = value.and_then(|value| top.complete_call(value, handling)).err();
        }
        match self.run_stack(base, callees, raised)? {
            FrameExit::Return(value) | FrameExit::Yield(value) => Ok(value),
        }
    }

    /// Runs a called function's frame on a loop of its own (a call made by a built-in).
    pub(super) fn run_callee(&mut self, frame: Frame) -> PyResult {
        self.deepen()?;
        let result = self.run_frame(frame);
        self.depth -= 1;
        result
    }

    /// One Python call deeper; CPython's RecursionError past the recursion limit.
    fn deepen(&mut self) -> PyResult<()> {
        if self.depth + 1 >= self.interp.scheduler.recursion_limit() {
            return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded"));
        }
        self.depth += 1;
        Ok(())
    }

    /// One run loop deeper in Rust; RecursionError past [`NATIVE_NESTING_LIMIT`].
    pub(super) fn nest_natively(&mut self) -> PyResult<()> {
        if self.native_depth + 1 >= NATIVE_NESTING_LIMIT {
            return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded"));
        }
        self.native_depth += 1;
        Ok(())
    }

    fn run_stack(&mut self, base: &mut Frame, callees: &mut Vec<Frame>, mut raised: Option<PyErr>) -> PyResult<FrameExit> {
        loop {
            let frame = innermost(callees, base);
            match self.run_instructions(frame, raised.take()) {
                Step::Call(callee) => match self.push_callee(callees, callee) {
                    Ok(()) => {}
                    Err(PyErr::Suspended(effect)) => {
                        self.gives_to_call_site = false;
                        return Err(PyErr::Suspended(effect));
                    }
                    Err(error) => raised = Some(error),
                },
                Step::Suspend(effect, to_call_site) => {
                    if !self.can_suspend() {
                        raised = Some(cannot_wait_here());
                        continue;
                    }
                    self.gives_to_call_site = to_call_site;
                    return Err(PyErr::Suspended(effect));
                }
                Step::Return(value) => {
                    let Some(mut callee) = callees.pop() else { return Ok(FrameExit::Return(value)) };
                    self.depth -= 1;
                    let returns = std::mem::replace(&mut callee.returns, Returns::Value);
                    self.frame_pool.recycle(callee);
                    let handling = self.handling.len();
                    raised = match returns {
                        Returns::Resume { builtin, then } => match self.resume_builtin(callees, base, builtin, value, then) {
                            Err(PyErr::Suspended(effect)) => {
                                self.gives_to_call_site = false;
                                return Err(PyErr::Suspended(effect));
                            }
                            resumed => resumed.err(),
                        },
                        returns => self.return_to(innermost(callees, base), returns, value, handling).err(),
                    };
                }
                Step::Yield(value) => {
                    let Some(mut generator) = callees.pop() else { return Ok(FrameExit::Yield(value)) };
                    self.depth -= 1;
                    let (state, store) = match std::mem::replace(&mut generator.returns, Returns::Value) {
                        Returns::Generator { state, store, .. } => (state, store),
                        Returns::GeneratorNext { state, .. } => (state, None),
                        _ => unreachable!("a pushed frame that yields is a generator's, pushed by a for loop or next()"),
                    };
                    generator_yielded(&state, generator);
                    let caller = innermost(callees, base);
                    match store {
                        Some(slot) => {
                            if let Some(old) = caller.fast[slot].replace(value) {
                                old.discard();
                            }
                        }
                        None => caller.stack.push(value),
                    }
                }
                Step::Raise(error) => {
                    let Some(mut callee) = callees.pop() else { return Err(error) };
                    if let Returns::Generator { state, .. } | Returns::GeneratorNext { state, .. } = &callee.returns {
                        generator_ended(state);
                    }
                    let returns = std::mem::replace(&mut callee.returns, Returns::Value);
                    self.frame_pool.recycle(callee);
                    self.depth -= 1;
                    if let Some(target) = returns.loop_end().filter(|_| error.is("StopIteration")) {
                        end_loop(innermost(callees, base), target);
                        continue;
                    }
                    raised = Some(error);
                }
            }
        }
    }

    /// A built-in's call returned `value`: it goes on, pushing its next call, or its result
    /// goes to the caller as `then` says (the end of its iterator ends the caller's loop).
    fn resume_builtin(&mut self, callees: &mut Vec<Frame>, base: &mut Frame, builtin: Box<dyn Resumable>, value: Value, then: Box<Returns>) -> PyResult<()> {
        let loop_end = then.loop_end();
        let handling = self.handling.len();
        // Its iterator's end: exhausted (`None`) or a StopIteration raised.
        let ended = match self.drive(builtin, Some(value), then) {
            Ok(Driven::Frame(frame)) => return self.push_callee(callees, frame),
            Ok(Driven::Done(Some(result), then)) => return self.return_to(innermost(callees, base), *then, result, handling),
            Ok(Driven::Done(None, _)) => None,
            Err(error) if error.is("StopIteration") => Some(error),
            Err(error) => return Err(error),
        };
        match loop_end {
            Some(target) => {
                end_loop(innermost(callees, base), target);
                Ok(())
            }
            None => Err(ended.unwrap_or_else(crate::objects::exception::stop_iteration)),
        }
    }

    /// Pushes a called function's frame: one call deeper, and its entry is a check point.
    /// A function's entry that lets another thread run first parks after the push: the
    /// callee starts when the thread's turn comes again.
    fn push_callee(&mut self, callees: &mut Vec<Frame>, mut callee: Frame) -> PyResult<()> {
        self.deepen()?;
        let checked = self.check_point();
        if let Err(PyErr::Halted(_) | PyErr::Raised(_)) = checked {
            self.depth -= 1;
            return checked;
        }
        callee.handling_base = self.handling.len();
        callees.push(callee);
        checked
    }

    /// Whether a blocking call may park this thread here: on a thread that takes turns, in
    /// its own run loop (not one a built-in nests), not called from Rust.
    pub(crate) fn can_suspend(&self) -> bool {
        self.native_depth == 0 && self.rust_calls == 0 && self.interp.scheduler.takes_turns()
    }
}

/// A blocking call that reached the run loop where its result cannot be taken back (not from
/// a call instruction): defensive, as every blocking native returns its effect's value.
pub(super) fn cannot_wait_here() -> PyErr {
    PyErr::new("RuntimeError", "this blocking call cannot wait here while threads take turns on one worker")
}

impl Thread {
    /// Counts a call made from Rust (a built-in calling back): nothing under it may park.
    pub(super) fn called_from_rust<T>(&mut self, call: impl FnOnce(&mut Thread) -> T) -> T {
        self.rust_calls += 1;
        let result = call(self);
        self.rust_calls -= 1;
        result
    }
}

/// A `for` loop's iterator is exhausted: it leaves the stack and the loop ends at `target`.
pub(super) fn end_loop(frame: &mut Frame, target: usize) {
    frame.stack.pop();
    frame.pc = target;
}

/// The frame running now: the innermost callee, or `base` when none is pushed.
#[inline]
fn innermost<'a>(callees: &'a mut [Frame], base: &'a mut Frame) -> &'a mut Frame {
    match callees.last_mut() {
        Some(callee) => callee,
        None => base,
    }
}
