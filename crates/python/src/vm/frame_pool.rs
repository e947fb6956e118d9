//! A thread's spare frame vectors: the locals and the value stack of frames that have
//! returned, emptied and kept for the next call, and the frame stacks of nested run loops
//! (a generator that `sum` resumes), and the vectors a call's arguments came in. A Python call
//! then allocates nothing for its frame; in the page every allocation takes the WebAssembly
//! allocator's global lock.
//!
//! The pool is the thread's own (frames never cross threads while they run). It keeps at most
//! [`MOST_KEPT`] of each, none with more than [`LARGEST_KEPT`] slots, so a deep recursion or a
//! huge literal leaves little behind.

use super::Frame;
use crate::objects::Value;

/// The most spare vectors of each kind kept: deeper call stacks allocate as before.
const MOST_KEPT: usize = 64;

/// The most slots a kept vector may have (a frame's stack holds a literal's items).
const LARGEST_KEPT: usize = 256;

/// Emptied locals and stacks, ready for new frames.
#[derive(Default)]
pub(crate) struct FramePool {
    locals: Vec<Vec<Option<Value>>>,
    stacks: Vec<Vec<Value>>,
    callees: Vec<Vec<Frame>>,
    arguments: Vec<Vec<Value>>,
}

impl FramePool {
    /// `count` unset locals.
    #[inline]
    pub(super) fn locals(&mut self, count: usize) -> Vec<Option<Value>> {
        let mut locals = self.locals.pop().unwrap_or_default();
        locals.resize(count, None);
        locals
    }

    /// An empty value stack with room for `depth` values.
    #[inline]
    pub(super) fn stack(&mut self, depth: usize) -> Vec<Value> {
        let mut stack = self.stacks.pop().unwrap_or_default();
        stack.reserve(depth);
        stack
    }

    /// The top `count` values of `stack`, moved into a vector for a call's arguments.
    #[inline]
    pub(super) fn arguments(&mut self, stack: &mut Vec<Value>, count: usize) -> Vec<Value> {
        let mut arguments = self.arguments.pop().unwrap_or_default();
        arguments.extend(stack.drain(stack.len() - count..));
        arguments
    }

    /// Keeps a call's argument vector once its values were bound to the callee's locals.
    #[inline]
    pub(super) fn keep_arguments(&mut self, arguments: Vec<Value>) {
        keep(&mut self.arguments, arguments);
    }

    /// An empty stack of frames for a nested run loop.
    #[inline]
    pub(super) fn callees(&mut self) -> Vec<Frame> {
        self.callees.pop().unwrap_or_default()
    }

    /// Keeps a nested run loop's stack of frames (empty once the loop has returned).
    #[inline]
    pub(super) fn keep_callees(&mut self, callees: Vec<Frame>) {
        keep(&mut self.callees, callees);
    }

    /// Keeps a finished frame's vectors (emptied) for the next ones; the rest of it is dropped.
    pub(super) fn recycle(&mut self, mut frame: Frame) {
        keep(&mut self.locals, std::mem::take(&mut frame.fast));
        keep(&mut self.stacks, std::mem::take(&mut frame.stack));
    }
}

/// Keeps `vector`, emptied, in `spares` unless there are enough or it is large.
#[inline]
fn keep<T>(spares: &mut Vec<Vec<T>>, mut vector: Vec<T>) {
    if spares.len() < MOST_KEPT && vector.capacity() <= LARGEST_KEPT && vector.capacity() > 0 {
        vector.clear();
        spares.push(vector);
    }
}
