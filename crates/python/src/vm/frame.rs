//! The evaluation loop: one frame's instructions, one tick each, with the check points where
//! the scheduler may switch threads and handlers where exceptions land.

use std::sync::{Arc, Mutex};

use super::call::Called;
use super::frame_stack::{end_loop, Returns};
use super::iterate::Next;
use super::resumable::Driven;
use super::name_cache::{module_call_marker, module_call_of};
use super::ops::{fast_float, fast_int, float_compare};
use super::Thread;
use crate::bytecode::{BinaryOp, Code, CompareOp, Instr};
use crate::objects::exception::{exception_args, Raised, TraceEntry};
use crate::objects::function::{Args, Cell, Namespace};
use crate::objects::{lock, Function, IterState, PyErr, PyResult, Value};

/// A `try` or `with` handler: where to go, and what to cut back when an exception lands.
pub(super) struct Handler {
    pub(super) target: usize,
    pub(super) stack_depth: usize,
    pub(super) handling_depth: usize,
}

/// One running code object.
pub struct Frame {
    pub(super) code: Arc<Code>,
    pub(super) globals: Arc<Namespace>,
    pub(super) names: Option<Arc<Namespace>>,
    pub(super) fast: Vec<Option<Value>>,
    pub(super) cells: Vec<Cell>,
    pub(super) function: Option<Arc<Function>>,
    pub(super) stack: Vec<Value>,
    pub(super) handlers: Vec<Handler>,
    pub(super) pc: usize,
    /// The counters of its `for … in range(…)` loops, by their iterator's stack slot
    /// (`range_loop.rs`).
    pub(super) range_loops: Vec<super::range_loop::RangeLoop>,
    /// How many exceptions were being handled when it started running: they stay.
    pub(super) handling_base: usize,
    /// What its caller gets when it returns.
    pub(super) returns: Returns,
}

/// What an instruction asks of the loop.
enum Flow {
    Next,
    Return(Value),
    Yield(Value),
    /// Run a Python function's frame on top of this one.
    Call(Frame),
}

/// Why a frame's instructions stopped running (`frame_stack.rs` acts on it).
pub(super) enum Step {
    /// It returned.
    Return(Value),
    /// A generator yielded.
    Yield(Value),
    /// It called a Python function: push this frame.
    Call(Frame),
    /// An exception went past its handlers.
    Raise(PyErr),
    /// A blocking call (or the end of its turn) parks the thread; whether the effect's value
    /// is the result of the call instruction just run (else the instruction runs again).
    Suspend(Box<super::Effect>, bool),
}

/// How a frame stopped running.
pub enum FrameExit {
    /// It returned.
    Return(Value),
    /// A generator yielded; resume it to go on.
    Yield(Value),
}

impl Frame {
    /// A frame ready to run `code` from its first instruction.
    pub fn new(
        code: Arc<Code>,
        globals: Arc<Namespace>,
        names: Option<Arc<Namespace>>,
        fast: Vec<Option<Value>>,
        function: Option<Arc<Function>>,
    ) -> Frame {
        let stack = Vec::with_capacity(code.max_stack);
        Frame::with_stack(code, globals, names, fast, function, stack)
    }

    /// A frame like [`Frame::new`]'s on an empty value stack of the caller's (a pooled one).
    pub(super) fn with_stack(
        code: Arc<Code>,
        globals: Arc<Namespace>,
        names: Option<Arc<Namespace>>,
        fast: Vec<Option<Value>>,
        function: Option<Arc<Function>>,
        stack: Vec<Value>,
    ) -> Frame {
        let mut cells: Vec<Cell> = code
            .cell_vars
            .iter()
            .map(|(_, slot)| Arc::new(Mutex::new(slot.and_then(|slot| fast.get(slot as usize).cloned().flatten()))))
            .collect();
        if let Some(function) = &function {
            cells.extend(function.closure.iter().cloned());
        }
        Frame {
            stack,
            code,
            globals,
            names,
            fast,
            cells,
            function,
            handlers: Vec::new(),
            pc: 0,
            range_loops: Vec::new(),
            handling_base: 0,
            returns: Returns::Value,
        }
    }

    /// The same frame, giving its caller `returns` when it returns.
    pub(super) fn returning(mut self, returns: Returns) -> Frame {
        self.returns = returns;
        self
    }

    // Always: the eval loop pops on nearly every instruction, and the loop is too large for
    // the compiler to inline it there by itself (measured: a call per pop).
    #[inline(always)]
    fn pop(&mut self) -> Value {
        self.stack.pop().expect("the compiler balances the stack")
    }

    #[inline]
    fn top(&self) -> &Value {
        self.stack.last().expect("the compiler balances the stack")
    }

    /// UnboundLocalError for the local in `slot`.
    #[cold]
    fn unbound_local(&self, slot: u32) -> PyErr {
        let name = &self.code.locals[slot as usize];
        PyErr::new("UnboundLocalError", format!("cannot access local variable '{name}' where it is not associated with a value"))
    }

    /// Drops the top `count` values: inline when they are unboxed (the int fast paths).
    #[inline(always)]
    fn drop_top(&mut self, count: usize) {
        for _ in 0..count {
            self.pop().discard();
        }
    }

    fn pop_n(&mut self, count: usize) -> Vec<Value> {
        let at = self.stack.len() - count;
        self.stack.split_off(at)
    }

    #[inline]
    fn peek(&self, depth: usize) -> &Value {
        &self.stack[self.stack.len() - 1 - depth]
    }
}

impl Thread {
    /// Runs `frame`'s instructions until it returns, yields, calls a Python function (whose
    /// frame the caller pushes) or raises past its handlers. `raised` is an exception that
    /// reached it from a callee, handled first as if its call instruction raised it.
    pub(super) fn run_instructions(&mut self, frame: &mut Frame, raised: Option<PyErr>) -> Step {
        if let Some(error) = raised {
            let instr = frame.code.instrs[frame.pc - 1];
            let error = self.add_trace(frame, error, instr);
            if let Err(error) = self.unwind_to_handler(frame, error) {
                return self.leave(frame, Step::Raise(error));
            }
        }
        // The instructions and the mode's rule held in locals (one reference count per entry
        // to the loop, a call's or a return's): fetching an instruction is then one load, not
        // three dependent ones through the frame and its code.
        let code = Arc::clone(&frame.code);
        let instrs: &[Instr] = &code.instrs;
        let checks_every_instruction = self.checks_every_instruction;
        loop {
            let instr = instrs[frame.pc];
            frame.pc += 1;
            let checked = if checks_every_instruction || instr.is_check_point() { self.check_point() } else { Ok(()) };
            // One call of `execute`, inlined: the loop then keeps the instruction and its
            // result in registers instead of passing them through memory on every instruction.
            let result = match checked {
                Ok(()) => self.execute(frame, instr),
                Err(PyErr::Suspended(effect)) => {
                    // Its turn ended before the instruction: it runs when the turn comes again.
                    frame.pc -= 1;
                    return Step::Suspend(effect, false);
                }
                Err(error) => Err(error),
            };
            match result {
                Ok(Flow::Next) => {}
                Ok(Flow::Return(value)) => return self.leave(frame, Step::Return(value)),
                Ok(Flow::Yield(value)) => return self.leave(frame, Step::Yield(value)),
                Ok(Flow::Call(callee)) => return Step::Call(callee),
                Err(PyErr::Suspended(effect)) if instr.completes_with_a_call() => return Step::Suspend(effect, true),
                Err(error) => {
                    let error = if let PyErr::Suspended(_) = error { super::frame_stack::cannot_wait_here() } else { error };
                    let error = self.add_trace(frame, error, instr);
                    if let Err(error) = self.unwind_to_handler(frame, error) {
                        return self.leave(frame, Step::Raise(error));
                    }
                }
            }
        }
    }

    /// A frame stops running: the exceptions it was handling are over.
    fn leave(&mut self, frame: &Frame, step: Step) -> Step {
        self.handling.truncate(frame.handling_base);
        step
    }

    fn add_trace(&self, frame: &Frame, mut error: PyErr, instr: Instr) -> PyErr {
        let is_reraise = matches!(instr, Instr::Reraise | Instr::Raise(0) | Instr::ExitWithException(_));
        if let (PyErr::Raised(raised), false) = (&mut error, is_reraise) {
            let entry = TraceEntry::of(raised, &frame.code, frame.pc - 1);
            raised.traceback.push(entry);
        }
        error
    }

    fn unwind_to_handler(&mut self, frame: &mut Frame, error: PyErr) -> Result<(), PyErr> {
        let PyErr::Raised(raised) = &error else { return Err(error) };
        let Some(handler) = frame.handlers.pop() else { return Err(error) };
        frame.stack.truncate(handler.stack_depth);
        self.handling.truncate(handler.handling_depth);
        *lock(&raised.exception.traceback) = raised.traceback.clone();
        frame.stack.push(Value::Instance(raised.exception.clone()));
        self.handling.push(error);
        frame.pc = handler.target;
        Ok(())
    }

    #[inline(always)]
    fn execute(&mut self, frame: &mut Frame, instr: Instr) -> PyResult<Flow> {
        match instr {
            Instr::Nop => {}
            Instr::Pop => frame.pop().discard(),
            Instr::Dup => frame.stack.push(frame.top().clone()),
            Instr::DupTwo => {
                let (a, b) = (frame.peek(1).clone(), frame.peek(0).clone());
                frame.stack.push(a);
                frame.stack.push(b);
            }
            Instr::Rot2 => {
                let len = frame.stack.len();
                frame.stack.swap(len - 1, len - 2);
            }
            Instr::Rot3 => {
                let top = frame.pop();
                let at = frame.stack.len() - 2;
                frame.stack.insert(at, top);
            }
            Instr::LoadConst(index) => frame.stack.push(frame.code.consts[index as usize].clone()),
            Instr::LoadFast(slot) => match &frame.fast[slot as usize] {
                Some(value) => frame.stack.push(value.clone()),
                None => return Err(frame.unbound_local(slot)),
            },
            Instr::LoadFastLoadFast(first, second) => match (&frame.fast[first as usize], &frame.fast[second as usize]) {
                (Some(first), Some(second)) => {
                    let (first, second) = (first.clone(), second.clone());
                    frame.stack.push(first);
                    frame.stack.push(second);
                }
                (None, _) => return Err(frame.unbound_local(first)),
                (_, None) => return Err(frame.unbound_local(second)),
            },
            Instr::LoadFastLoadConst(slot, index) => match &frame.fast[slot as usize] {
                Some(value) => {
                    let value = value.clone();
                    frame.stack.push(value);
                    frame.stack.push(frame.code.consts[index as usize].clone());
                }
                None => return Err(frame.unbound_local(slot)),
            },
            Instr::StoreFast(slot) => {
                let value = frame.pop();
                if let Some(old) = frame.fast[slot as usize].replace(value) {
                    old.discard();
                }
            }
            Instr::DeleteFast(slot) => frame.fast[slot as usize] = None,
            Instr::LoadDeref(slot) => {
                let value = lock(&frame.cells[slot as usize]).clone();
                match value {
                    Some(value) => frame.stack.push(value),
                    None => {
                        let name = self.cell_name(frame, slot as usize);
                        return Err(PyErr::new(
                            "NameError",
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        ));
                    }
                }
            }
            Instr::StoreDeref(slot) => {
                let value = frame.pop();
                *lock(&frame.cells[slot as usize]) = Some(value);
            }
            Instr::LoadGlobal(name) => {
                let value = self.load_global_cached(&frame.globals, &frame.code.names[name as usize])?;
                frame.stack.push(value);
            }
            Instr::StoreGlobal(name) => {
                let value = frame.pop();
                lock(&frame.globals).insert(frame.code.names[name as usize].clone(), value);
            }
            Instr::DeleteGlobal(name) => {
                let name = &frame.code.names[name as usize];
                let namespace = frame.names.as_ref().unwrap_or(&frame.globals);
                if lock(namespace).remove(name).is_none() {
                    return Err(PyErr::new("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadName(name) => {
                let name = &frame.code.names[name as usize];
                let local = frame.names.as_ref().and_then(|names| lock(names).get(name).cloned());
                let value = match local {
                    Some(value) => value,
                    None => self.load_global(&frame.globals, name)?,
                };
                frame.stack.push(value);
            }
            Instr::StoreName(name) => {
                let value = frame.pop();
                let namespace = frame.names.as_ref().unwrap_or(&frame.globals);
                lock(namespace).insert(frame.code.names[name as usize].clone(), value);
            }
            Instr::LoadAttr(name) => {
                let object = frame.pop();
                let name = &frame.code.names[name as usize];
                if let Value::Module(module) = &object {
                    if let Some(value) = self.module_attr_cached(module, name) {
                        frame.stack.push(value);
                        return Ok(Flow::Next);
                    }
                }
                let loaded = self.load_attr(&object, name)?;
                return Ok(push_result(frame, loaded));
            }
            Instr::StoreAttr(name) => {
                let object = frame.pop();
                let value = frame.pop();
                if let Some(setter) = self.store_attr(&object, &frame.code.names[name as usize], value)? {
                    return Ok(Flow::Call(setter.returning(Returns::Nothing)));
                }
            }
            Instr::DeleteAttr(name) => {
                let object = frame.pop();
                self.delete_attr(&object, &frame.code.names[name as usize])?;
            }
            // The name goes on the stack as its index in the names table: an int, so no
            // reference count is touched on the way.
            Instr::LoadMethod(name) => frame.stack.push(Value::Int(i64::from(name))),
            Instr::LoadGlobalMethod(global, attr) => {
                let names = &frame.code.names;
                if self.module_function_slot_cached(&frame.globals, &names[global as usize], &names[attr as usize]).is_some() {
                    frame.stack.push(Value::None);
                    frame.stack.push(Value::Int(module_call_marker(global, attr)));
                } else {
                    let object = self.load_global_cached(&frame.globals, &names[global as usize])?;
                    frame.stack.push(object);
                    frame.stack.push(Value::Int(i64::from(attr)));
                }
            }
            Instr::CallMethod(count) => {
                let args = frame.pop_n(count as usize);
                let Value::Int(name) = frame.pop() else { unreachable!("LoadMethod pushes the name's index") };
                let object = frame.pop();
                if let Some((global, attr)) = module_call_of(name) {
                    let (global, attr) = (&frame.code.names[global as usize], &frame.code.names[attr as usize]);
                    if let Some(slot) = self.module_builtin_slot(&frame.globals, global, attr) {
                        let value = self.call_lent_builtin(slot, Args::positional(args))?;
                        frame.stack.push(value);
                        return Ok(Flow::Next);
                    }
                    let called = self.call_module_function(&frame.globals, global, attr, Args::positional(args))?;
                    return Ok(push_result(frame, called));
                }
                let called = self.call_method_named(&object, &frame.code.names[name as usize], Args::positional(args))?;
                return Ok(push_result(frame, called));
            }
            Instr::CallGlobalMethod(global, attr) => {
                let (global, attr) = (&frame.code.names[global as usize], &frame.code.names[attr as usize]);
                let Some(slot) = self.module_function_slot_cached(&frame.globals, global, attr) else {
                    let object = self.load_global_cached(&frame.globals, global)?;
                    let called = self.call_method_named(&object, attr, Args::default())?;
                    return Ok(push_result(frame, called));
                };
                if self.builtin_with_body_at(slot).is_some() {
                    let value = self.call_lent_builtin(slot, Args::default())?;
                    frame.stack.push(value);
                    return Ok(Flow::Next);
                }
                let called = self.call_module_function(&frame.globals, global, attr, Args::default())?;
                return Ok(push_result(frame, called));
            }
            Instr::Subscript => {
                let key = frame.pop();
                let object = frame.pop();
                if let Value::Instance(_) = object {
                    return Ok(self.get_item_on_frames(frame, object, key)?.map_or(Flow::Next, Flow::Call));
                }
                let value = self.get_item(&object, &key)?;
                frame.stack.push(value);
            }
            Instr::StoreSubscript => {
                let key = frame.pop();
                let object = frame.pop();
                let value = frame.pop();
                if let Value::Instance(_) = object {
                    return Ok(self.set_item_on_frames(frame, object, key, value)?.map_or(Flow::Next, Flow::Call));
                }
                self.set_item(&object, key, value)?;
            }
            Instr::DeleteSubscript => {
                let key = frame.pop();
                let object = frame.pop();
                self.delete_item(&object, &key)?;
            }
            Instr::Binary(op) | Instr::InPlace(op) if small_int_pair(&frame.stack).is_some() => {
                let (left, right) = small_int_pair(&frame.stack).expect("just checked");
                let value = match fast_int(op, left, right) {
                    Some(int) => Value::Int(int),
                    None => self.binary(op, &Value::Int(left), &Value::Int(right))?,
                };
                frame.drop_top(2);
                frame.stack.push(value);
            }
            Instr::Binary(op) | Instr::InPlace(op) if float_result(&frame.stack, op).is_some() => {
                let value = float_result(&frame.stack, op).expect("just checked");
                frame.drop_top(2);
                frame.stack.push(Value::Float(value));
            }
            Instr::InPlaceStoreFast(op, slot) => {
                let value = match small_int_pair(&frame.stack).and_then(|(left, right)| fast_int(op, left, right)) {
                    Some(int) => {
                        frame.drop_top(2);
                        Value::Int(int)
                    }
                    None => {
                        let right = frame.pop();
                        let left = frame.pop();
                        let value = self.in_place(op, &left, &right)?;
                        left.discard();
                        right.discard();
                        value
                    }
                };
                if let Some(old) = frame.fast[slot as usize].replace(value) {
                    old.discard();
                }
            }
            Instr::BinaryFastFast(op, first, second) => {
                let value = match (&frame.fast[first as usize], &frame.fast[second as usize]) {
                    (Some(Value::Int(left)), Some(Value::Int(right))) if fast_int(op, *left, *right).is_some() => {
                        Value::Int(fast_int(op, *left, *right).expect("just checked"))
                    }
                    (Some(Value::Float(left)), Some(Value::Float(right))) if fast_float(op, *left, *right).is_some() => {
                        Value::Float(fast_float(op, *left, *right).expect("just checked"))
                    }
                    (Some(left), Some(right)) => {
                        let (left, right) = (left.clone(), right.clone());
                        let value = self.binary(op, &left, &right)?;
                        left.discard();
                        right.discard();
                        value
                    }
                    (None, _) => return Err(frame.unbound_local(first)),
                    (_, None) => return Err(frame.unbound_local(second)),
                };
                frame.stack.push(value);
            }
            Instr::InPlaceConstFast(op, slot, constant) => {
                let right = &frame.code.consts[constant as usize];
                let small = match (&frame.fast[slot as usize], right) {
                    (Some(Value::Int(left)), Value::Int(right)) => fast_int(op, *left, *right),
                    _ => None,
                };
                let value = match (small, &frame.fast[slot as usize]) {
                    (Some(int), _) => Value::Int(int),
                    (None, Some(left)) => {
                        let (left, right) = (left.clone(), right.clone());
                        let value = self.in_place(op, &left, &right)?;
                        left.discard();
                        right.discard();
                        value
                    }
                    (None, None) => return Err(frame.unbound_local(slot)),
                };
                if let Some(old) = frame.fast[slot as usize].replace(value) {
                    old.discard();
                }
            }
            Instr::Compare(op) if small_int_pair(&frame.stack).is_some() => {
                let (left, right) = small_int_pair(&frame.stack).expect("just checked");
                let holds = int_compare(op, left, right);
                frame.drop_top(2);
                frame.stack.push(Value::Bool(holds));
            }
            Instr::CompareJumpIfFalse(op, target) if small_int_pair(&frame.stack).is_some() => {
                let (left, right) = small_int_pair(&frame.stack).expect("just checked");
                frame.drop_top(2);
                if !int_compare(op, left, right) {
                    frame.pc = target as usize;
                }
            }
            Instr::ConstCompareJumpIfFalse(op, constant, target) => {
                let left = frame.pop();
                let right = &frame.code.consts[constant as usize];
                let holds = match (&left, right) {
                    (Value::Int(left), Value::Int(right)) => int_compare(op, *left, *right),
                    (Value::Float(left), Value::Float(right)) => float_compare(op, *left, *right),
                    _ => match self.compare(op, &left, right)? {
                        Value::Bool(holds) => holds,
                        other => self.truthy(&other)?,
                    },
                };
                left.discard();
                if !holds {
                    frame.pc = target as usize;
                }
            }
            Instr::CompareJumpIfFalse(op, target) => {
                let right = frame.pop();
                let left = frame.pop();
                let holds = match self.compare(op, &left, &right)? {
                    Value::Bool(holds) => holds,
                    other => self.truthy(&other)?,
                };
                left.discard();
                right.discard();
                if !holds {
                    frame.pc = target as usize;
                }
            }
            Instr::PopJumpIfFalse(target) if matches!(frame.stack.last(), Some(Value::Bool(_))) => {
                let condition = frame.pop();
                if matches!(condition, Value::Bool(false)) {
                    frame.pc = target as usize;
                }
                condition.discard();
            }
            Instr::PopJumpIfTrue(target) if matches!(frame.stack.last(), Some(Value::Bool(_))) => {
                let condition = frame.pop();
                if matches!(condition, Value::Bool(true)) {
                    frame.pc = target as usize;
                }
                condition.discard();
            }
            Instr::Binary(op) => {
                let right = frame.pop();
                let left = frame.pop();
                let value = self.binary(op, &left, &right)?;
                left.discard();
                right.discard();
                frame.stack.push(value);
            }
            Instr::InPlace(op) => {
                let right = frame.pop();
                let left = frame.pop();
                let value = self.in_place(op, &left, &right)?;
                left.discard();
                right.discard();
                frame.stack.push(value);
            }
            Instr::Unary(op) => {
                let operand = frame.pop();
                let value = self.unary(op, &operand)?;
                frame.stack.push(value);
            }
            Instr::Compare(op) => {
                let right = frame.pop();
                let left = frame.pop();
                let value = self.compare(op, &left, &right)?;
                left.discard();
                right.discard();
                frame.stack.push(value);
            }
            Instr::Is(negate) => {
                let right = frame.pop();
                let left = frame.pop();
                frame.stack.push(Value::Bool(left.is(&right) != negate));
            }
            Instr::In(negate) => {
                let container = frame.pop();
                let item = frame.pop();
                if let Value::Instance(_) = container {
                    return Ok(self.contains_on_frames(frame, container, item, negate)?.map_or(Flow::Next, Flow::Call));
                }
                let found = self.contains(&container, &item)?;
                frame.stack.push(Value::Bool(found != negate));
            }
            Instr::Jump(target) | Instr::JumpBack(target) => frame.pc = target as usize,
            Instr::PopJumpIfFalse(target) => {
                let condition = frame.pop();
                if !self.truthy(&condition)? {
                    frame.pc = target as usize;
                }
            }
            Instr::PopJumpIfTrue(target) => {
                let condition = frame.pop();
                if self.truthy(&condition)? {
                    frame.pc = target as usize;
                }
            }
            Instr::JumpIfFalseOrPop(target) => {
                if self.truthy(frame.top())? {
                    frame.pop();
                } else {
                    frame.pc = target as usize;
                }
            }
            Instr::JumpIfTrueOrPop(target) => {
                if self.truthy(frame.top())? {
                    frame.pc = target as usize;
                } else {
                    frame.pop();
                }
            }
            Instr::GetIter => {
                let object = frame.pop();
                if let (Value::Range(range), true) = (&object, frame.loop_head_is_next()) {
                    frame.start_range_loop(range);
                    return Ok(Flow::Next);
                }
                if let Value::Instance(_) = object {
                    return Ok(self.iter_on_frames(frame, object)?.map_or(Flow::Next, Flow::Call));
                }
                let iterator = self.iter(&object)?;
                frame.stack.push(iterator);
            }
            Instr::ForIter(target) if frame.in_range_loop() => match frame.next_in_range_loop() {
                Some(value) => frame.stack.push(Value::Int(value)),
                None => {
                    frame.pop();
                    frame.pc = target as usize;
                }
            },
            Instr::ForIterStoreFast(slot, target) if frame.in_range_loop() => match frame.next_in_range_loop() {
                Some(value) => {
                    if let Some(old) = frame.fast[slot as usize].replace(Value::Int(value)) {
                        old.discard();
                    }
                }
                None => {
                    frame.pop();
                    frame.pc = target as usize;
                }
            },
            Instr::ForIter(target) => match self.next_or_generator(frame.top())? {
                Next::Item(Some(value)) => frame.stack.push(value),
                Next::Item(None) => {
                    frame.pop();
                    frame.pc = target as usize;
                }
                next => return self.loop_step_calling(frame, next, target, None),
            },
            Instr::ForIterStoreFast(slot, target) => match self.next_or_generator(frame.top())? {
                Next::Item(Some(value)) => {
                    if let Some(old) = frame.fast[slot as usize].replace(value) {
                        old.discard();
                    }
                }
                Next::Item(None) => {
                    frame.pop();
                    frame.pc = target as usize;
                }
                next => return self.loop_step_calling(frame, next, target, Some(slot)),
            },
            Instr::BuildTuple(count) => {
                let items = frame.pop_n(count as usize);
                frame.stack.push(Value::tuple(items));
            }
            Instr::BuildList(count) => {
                let items = frame.pop_n(count as usize);
                frame.stack.push(Value::list(items));
            }
            Instr::BuildSet(count) => {
                let items = frame.pop_n(count as usize);
                frame.stack.push(Value::Set(Arc::new(self.set_from(items)?)));
            }
            Instr::BuildMap(count) => {
                let items = frame.pop_n(2 * count as usize);
                let mut pairs = Vec::with_capacity(count as usize);
                let mut items = items.into_iter();
                while let (Some(key), Some(value)) = (items.next(), items.next()) {
                    pairs.push((key, value));
                }
                frame.stack.push(Value::Dict(Arc::new(self.dict_from(pairs)?)));
            }
            Instr::BuildString(count) => {
                let parts = frame.pop_n(count as usize);
                let text: String = parts.iter().filter_map(Value::as_str).collect();
                frame.stack.push(Value::str(&text));
            }
            Instr::BuildSlice => {
                let parts = frame.pop_n(3);
                frame.stack.push(Value::Slice(Arc::new([parts[0].clone(), parts[1].clone(), parts[2].clone()])));
            }
            Instr::ListAppend(depth) => {
                let value = frame.pop();
                if let Value::List(list) = frame.peek(depth as usize - 1) {
                    lock(list).push(value);
                }
            }
            Instr::ListExtend(depth) => {
                let iterable = frame.pop();
                let items = self.collect(&iterable)?;
                if let Value::List(list) = frame.peek(depth as usize - 1) {
                    lock(list).extend(items);
                }
            }
            Instr::SetAdd(depth) => {
                let value = frame.pop();
                if let Value::Set(set) = frame.peek(depth as usize - 1) {
                    self.set_add(set, value)?;
                }
            }
            Instr::MapAdd(depth) => {
                let value = frame.pop();
                let key = frame.pop();
                if let Value::Dict(dict) = frame.peek(depth as usize - 1) {
                    self.dict_set(dict, key, value)?;
                }
            }
            Instr::DictUpdate(depth) => {
                let mapping = frame.pop();
                let pairs = self.mapping_pairs(&mapping)?;
                if let Value::Dict(dict) = frame.peek(depth as usize - 1) {
                    for (key, value) in pairs {
                        self.dict_set(dict, key, value)?;
                    }
                }
            }
            Instr::ListToTuple => {
                let list = frame.pop();
                let items = match &list {
                    Value::List(items) => lock(items).clone(),
                    _ => Vec::new(),
                };
                frame.stack.push(Value::tuple(items));
            }
            Instr::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { Some(frame.pop()) } else { None };
                let value = frame.pop();
                if let (Value::Instance(_), 0..=2) = (&value, flags & 3) {
                    if let Some(called) = self.format_instance_call(&value, flags, spec.as_ref())? {
                        return Ok(push_result(frame, called));
                    }
                }
                let converted = match flags & 3 {
                    1 => Value::str(&self.str(&value)?),
                    2 | 3 => Value::str(&self.repr(&value)?),
                    _ => value,
                };
                let spec = spec.as_ref().and_then(Value::as_str).unwrap_or("");
                let text = self.format(&converted, spec)?;
                frame.stack.push(Value::str(&text));
            }
            Instr::UnpackSequence(count) => {
                let sequence = frame.pop();
                let items = self.collect(&sequence)?;
                if items.len() != count as usize {
                    return Err(unpack_error(items.len(), count as usize));
                }
                frame.stack.extend(items.into_iter().rev());
            }
            Instr::UnpackStarred(counts) => {
                let (before, after) = ((counts >> 16) as usize, (counts & 0xffff) as usize);
                let sequence = frame.pop();
                let mut items = self.collect(&sequence)?;
                if items.len() < before + after {
                    return Err(PyErr::new(
                        "ValueError",
                        format!("not enough values to unpack (expected at least {}, got {})", before + after, items.len()),
                    ));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                frame.stack.extend(tail.into_iter().rev());
                frame.stack.push(Value::list(middle));
                frame.stack.extend(items.into_iter().rev());
            }
            Instr::Call(count) => {
                let args = self.frame_pool.arguments(&mut frame.stack, count as usize);
                let function = frame.pop();
                let called = self.prepare_call(&function, Args::positional(args))?;
                return Ok(push_result(frame, called));
            }
            Instr::CallKeywords(count, names) => {
                let Value::Tuple(names) = &frame.code.consts[names as usize] else { unreachable!("keyword names are a tuple") };
                let names = names.clone();
                let mut values = frame.pop_n(count as usize);
                let keyword_values = values.split_off(values.len() - names.len());
                let function = frame.pop();
                let keywords = names
                    .iter()
                    .zip(keyword_values)
                    .map(|(name, value)| (name.as_str().map(Arc::from).unwrap_or_else(|| Arc::from("")), value))
                    .collect();
                let called = self.prepare_call(&function, Args { positional: values, keywords })?;
                return Ok(push_result(frame, called));
            }
            Instr::CallUnpacked(has_keywords) => {
                let keywords = if has_keywords == 1 { self.keyword_pairs(&frame.pop())? } else { Vec::new() };
                let positional = frame.pop();
                let function = frame.pop();
                let Value::Tuple(positional) = positional else { unreachable!("ListToTuple built it") };
                let called = self.prepare_call(&function, Args { positional: positional.to_vec(), keywords })?;
                return Ok(push_result(frame, called));
            }
            Instr::MakeFunction(code, flags) => {
                let kw_defaults = if flags & 2 != 0 { Some(frame.pop()) } else { None };
                let defaults = if flags & 1 != 0 { Some(frame.pop()) } else { None };
                let function = self.make_function(frame, code as usize, defaults, kw_defaults)?;
                frame.stack.push(function);
            }
            Instr::BuildClass(name, bases) => {
                let bases = frame.pop_n(bases as usize);
                let body = frame.pop();
                let name = frame.code.consts[name as usize].clone();
                let class = self.build_class(&body, name.as_str().unwrap_or("?"), bases)?;
                frame.stack.push(class);
            }
            Instr::LoadSuper => {
                let value = self.zero_argument_super(frame)?;
                frame.stack.push(value);
            }
            Instr::Return => return Ok(Flow::Return(frame.pop())),
            Instr::Yield => {
                let value = frame.pop();
                frame.stack.push(Value::None);
                return Ok(Flow::Yield(value));
            }
            Instr::SetupExcept(target) => {
                frame.handlers.push(Handler { target: target as usize, stack_depth: frame.stack.len(), handling_depth: self.handling.len() });
            }
            Instr::SetupWith(target) => {
                let manager = frame.pop();
                let exit = self.get_attr(&manager, "__exit__")?;
                let enter = self.get_attr(&manager, "__enter__")?;
                frame.stack.push(exit);
                let called = self.prepare_call(&enter, Args::default())?;
                match called {
                    // The handler is set once `__enter__` has returned: if it raises, `__exit__`
                    // is not called.
                    Called::Frame(callee) => return Ok(Flow::Call(callee.returning(Returns::EnterWith(target as usize)))),
                    Called::Done(entered) => frame.take_return(Returns::EnterWith(target as usize), entered, self.handling.len())?,
                }
            }
            Instr::PopBlock => {
                frame.handlers.pop();
            }
            Instr::PopExcept => {
                self.handling.pop();
            }
            Instr::MatchException => {
                let class = frame.pop();
                let matches = self.exception_matches(frame.top(), &class)?;
                frame.stack.push(Value::Bool(matches));
            }
            Instr::Reraise => {
                frame.pop();
                return Err(self.handling.pop().unwrap_or_else(|| PyErr::new("RuntimeError", "No active exception to reraise")));
            }
            Instr::Raise(count) => return Err(self.raise(frame, count)),
            Instr::ExitWith => {
                let exit = frame.pop();
                let called = self.prepare_call(&exit, Args::positional(vec![Value::None, Value::None, Value::None]))?;
                if let Called::Frame(callee) = called {
                    return Ok(Flow::Call(callee.returning(Returns::Nothing)));
                }
            }
            Instr::ExitWithException(target) => {
                let exception = frame.pop();
                let exit = frame.pop();
                let class = Value::Class(exception.class());
                let swallowed = self.call(&exit, Args::positional(vec![class, exception, Value::None]))?;
                let error = self.handling.pop().unwrap_or_else(|| PyErr::new("RuntimeError", "no exception in with"));
                if !self.truthy(&swallowed)? {
                    return Err(error);
                }
                frame.pc = target as usize;
            }
            Instr::ImportName(name) => {
                let module = self.import(&frame.code.names[name as usize])?;
                frame.stack.push(module);
            }
            Instr::ImportFrom(name) => {
                let name = &frame.code.names[name as usize];
                let value = self.import_from(frame.top(), name)?;
                frame.stack.push(value);
            }
            Instr::ImportStar => {
                let module = frame.pop();
                if let Value::Module(module) = module {
                    let names: Vec<(Arc<str>, Value)> =
                        lock(&module.dict).iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect();
                    let namespace = frame.names.as_ref().unwrap_or(&frame.globals);
                    lock(namespace).extend(names);
                }
            }
            Instr::RaiseAssertion(count) => {
                let args = frame.pop_n(count as usize);
                let class = crate::objects::class::exception_class("AssertionError");
                return Err(PyErr::from_instance(crate::objects::exception::new_exception(&class, args)));
            }
        }
        Ok(Flow::Next)
    }

    fn cell_name(&self, frame: &Frame, slot: usize) -> Arc<str> {
        let cells = frame.code.cell_vars.len();
        if slot < cells {
            frame.code.cell_vars[slot].0.clone()
        } else {
            frame.code.free_vars[slot - cells].clone()
        }
    }

    fn raise(&mut self, frame: &mut Frame, count: u32) -> PyErr {
        if count == 0 {
            return self.handling.last().cloned().unwrap_or_else(|| PyErr::new("RuntimeError", "No active exception to reraise"));
        }
        let cause = if count == 2 { Some(frame.pop()) } else { None };
        let exception = frame.pop();
        let instance = match self.to_exception(&exception) {
            Ok(instance) => instance,
            Err(error) => return error,
        };
        let mut dict = lock(&instance.dict);
        if let Some(cause) = cause {
            let cause = match cause {
                Value::None => Value::None,
                other => match self.to_exception(&other) {
                    Ok(cause) => Value::Instance(cause),
                    Err(error) => return error,
                },
            };
            dict.insert(Arc::from("__cause__"), cause);
            dict.insert(Arc::from("__suppress_context__"), Value::Bool(true));
        }
        if let Some(PyErr::Raised(handled)) = self.handling.last() {
            if !Arc::ptr_eq(&handled.exception, &instance) {
                dict.insert(Arc::from("__context__"), Value::Instance(handled.exception.clone()));
            }
        }
        drop(dict);
        let traceback = lock(&instance.traceback).clone();
        PyErr::Raised(Box::new(Raised { exception: instance, traceback }))
    }

    /// Whether the exception on the stack matches a class or a tuple of classes.
    fn exception_matches(&mut self, exception: &Value, class: &Value) -> PyResult<bool> {
        let exception_class = exception.class();
        match class {
            Value::Class(class) => Ok(exception_class.is_subclass(class)),
            Value::Tuple(classes) => {
                for class in classes.iter() {
                    if self.exception_matches(exception, class)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::new("TypeError", "catching classes that do not inherit from BaseException is not allowed")),
        }
    }

    fn make_function(&mut self, frame: &Frame, code: usize, defaults: Option<Value>, kw_defaults: Option<Value>) -> PyResult {
        let Value::Code(code) = &frame.code.consts[code] else { unreachable!("MakeFunction names a code constant") };
        let defaults = match defaults {
            Some(Value::Tuple(items)) => items.to_vec(),
            _ => Vec::new(),
        };
        let kw_defaults = match kw_defaults {
            Some(Value::Dict(dict)) => {
                dict.items().into_iter().filter_map(|(k, v)| k.as_str().map(|k| (Arc::from(k), v))).collect()
            }
            _ => Default::default(),
        };
        let closure = code.free_from_parent.iter().map(|index| frame.cells[*index as usize].clone()).collect();
        Ok(Value::Function(Arc::new(Function {
            code: code.clone(),
            globals: frame.globals.clone(),
            defaults,
            kw_defaults,
            closure,
            owner: Default::default(),
        })))
    }

    /// `super()` in a method: the class that defined it and the method's first argument.
    fn zero_argument_super(&mut self, frame: &Frame) -> PyResult {
        let owner = frame.function.as_ref().and_then(|function| function.owner.get()).and_then(|owner| owner.upgrade());
        let instance = frame.fast.first().cloned().flatten();
        match (owner, instance) {
            (Some(owner), Some(instance)) => Ok(Value::Super(Arc::new((owner, instance)))),
            _ => Err(PyErr::new("RuntimeError", "super(): no arguments")),
        }
    }

    /// Makes an exception instance from a raised value (a class is instantiated).
    pub fn to_exception(&mut self, value: &Value) -> PyResult<Arc<crate::objects::Instance>> {
        match value {
            Value::Instance(instance) if instance.class.is_exception() => Ok(instance.clone()),
            Value::Class(class) if class.is_exception() => match self.call(value, Args::default())? {
                Value::Instance(instance) => Ok(instance),
                _ => Err(PyErr::new("TypeError", "exceptions must derive from BaseException")),
            },
            _ => Err(PyErr::new("TypeError", "exceptions must derive from BaseException")),
        }
    }

    /// A message for an exception, as `str(exc)` gives it.
    pub fn exception_message(&mut self, raised: &Raised) -> String {
        let value = Value::Instance(raised.exception.clone());
        self.str(&value).unwrap_or_else(|_| {
            let args = exception_args(&raised.exception);
            args.first().and_then(|a| a.as_str().map(str::to_string)).unwrap_or_default()
        })
    }

    /// Items of an iterable, when it is cheap to see it is one already.
    pub(super) fn mapping_pairs(&mut self, mapping: &Value) -> PyResult<Vec<(Value, Value)>> {
        match mapping {
            Value::Dict(dict) => Ok(dict.items()),
            other => Err(PyErr::new("TypeError", format!("'{}' object is not a mapping", other.type_name()))),
        }
    }

    fn keyword_pairs(&mut self, mapping: &Value) -> PyResult<Vec<(Arc<str>, Value)>> {
        self.mapping_pairs(mapping)?
            .into_iter()
            .map(|(key, value)| match key {
                Value::Str(name) => Ok((name, value)),
                _ => Err(PyErr::new("TypeError", "keywords must be strings")),
            })
            .collect()
    }

    /// A new iterator value.
    pub fn iterator(state: IterState) -> Value {
        Value::Iter(Arc::new(Mutex::new(state)))
    }
}

/// A `for` loop's generator (the iterator on top of `frame`'s stack) resumed on top of it: its
/// next item is pushed, or stored in the local `store`; its return ends the loop at `target`.
fn resume_generator(frame: &Frame, generator: Frame, target: u32, store: Option<u32>) -> Flow {
    let Value::Iter(state) = frame.top().clone() else { unreachable!("only an iterator holds a generator") };
    let returns = Returns::Generator { state, target: target as usize, store: store.map(|slot| slot as usize) };
    Flow::Call(generator.returning(returns))
}

impl Thread {
    /// A `for` loop's step that calls Python (its next item pushed or stored in the local
    /// `store`, or its end at `target`, when the eval loop has not taken them): a generator's,
    /// a `__next__`'s or `map`'s frame pushed, or a built-in's step driven. Out of the eval
    /// loop, whose every entry (each Python call) paid for its locals when it was inline
    /// (cachegrind: 26 instructions a call).
    #[inline(never)]
    fn loop_step_calling(&mut self, frame: &mut Frame, next: Next, target: u32, store: Option<u32>) -> PyResult<Flow> {
        let item = || Returns::LoopItem { target: target as usize, store: store.map(|slot| slot as usize) };
        match next {
            Next::Generator(generator) => return Ok(resume_generator(frame, generator, target, store)),
            Next::Call(callee) => return Ok(Flow::Call(callee.returning(item()))),
            Next::Resumable(step) => match self.drive(step, None, Box::new(item()))? {
                Driven::Frame(callee) => return Ok(Flow::Call(callee)),
                Driven::Done(Some(value), _) => loop_item(frame, value, store),
                Driven::Done(None, _) => end_loop(frame, target as usize),
            },
            Next::Item(Some(value)) => loop_item(frame, value, store),
            Next::Item(None) => end_loop(frame, target as usize),
        }
        Ok(Flow::Next)
    }

    /// `FormatValue` (`flags`: the conversion, whether a spec is given) of an instance whose
    /// class writes its text in Python: the dunder's call (`collect.rs`).
    #[inline(never)]
    fn format_instance_call(&mut self, value: &Value, flags: u32, spec: Option<&Value>) -> PyResult<Option<Called>> {
        let conversion = [None, Some("str"), Some("repr")][(flags & 3) as usize];
        let spec = match spec {
            Some(Value::Str(spec)) => spec.clone(),
            _ => Arc::from(""),
        };
        self.format_call(value, conversion, spec)
    }

    /// `object.name(args)`: a module's function through the name cache, else a method.
    fn call_method_named(&mut self, object: &Value, name: &Arc<str>, args: Args) -> PyResult<Called> {
        match object {
            Value::Module(module) => match self.module_attr_cached(module, name) {
                Some(function) => self.prepare_call(&function, args),
                None => self.prepare_method_call(object, name, args),
            },
            _ => self.prepare_method_call(object, name, args),
        }
    }
}

/// A `for` loop's next item: pushed, or stored in the local `store`.
#[inline]
fn loop_item(frame: &mut Frame, value: Value, store: Option<u32>) {
    match store {
        Some(slot) => {
            if let Some(old) = frame.fast[slot as usize].replace(value) {
                old.discard();
            }
        }
        None => frame.stack.push(value),
    }
}

/// A call's result pushed on the stack, or the callee's frame to run on top of this one.
#[inline]
fn push_result(frame: &mut Frame, called: Called) -> Flow {
    match called {
        Called::Done(value) => {
            frame.stack.push(value);
            Flow::Next
        }
        Called::Frame(callee) => Flow::Call(callee),
    }
}

/// `left op right` for two small ints.
#[inline]
fn int_compare(op: CompareOp, left: i64, right: i64) -> bool {
    match op {
        CompareOp::Lt => left < right,
        CompareOp::Le => left <= right,
        CompareOp::Eq => left == right,
        CompareOp::Ne => left != right,
        CompareOp::Gt => left > right,
        CompareOp::Ge => left >= right,
    }
}

/// The two ints on top of the stack, when both are small ints (the arithmetic fast path).
#[inline]
fn small_int_pair(stack: &[Value]) -> Option<(i64, i64)> {
    match stack {
        [.., Value::Int(left), Value::Int(right)] => Some((*left, *right)),
        _ => None,
    }
}

/// `a op b` for the two floats on top of the stack, when both are floats and IEEE arithmetic
/// gives Python's answer (the float fast path: `x * x + y * y`).
#[inline]
fn float_result(stack: &[Value], op: BinaryOp) -> Option<f64> {
    match stack {
        [.., Value::Float(left), Value::Float(right)] => fast_float(op, *left, *right),
        _ => None,
    }
}

fn unpack_error(got: usize, expected: usize) -> PyErr {
    if got > expected {
        PyErr::new("ValueError", format!("too many values to unpack (expected {expected})"))
    } else {
        PyErr::new("ValueError", format!("not enough values to unpack (expected {expected}, got {got})"))
    }
}
