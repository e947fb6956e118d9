//! `for … in range(…)` with its counter in the frame, as CPython's specialised
//! `FOR_ITER_RANGE` keeps it in the iterator it alone holds: no lock per step.
//!
//! A `GetIter` whose operand is a `range` and whose next instruction is the loop's `ForIter`
//! makes an iterator nothing but this frame can reach (Python code never sees a `for` loop's
//! iterator). So instead of an `Arc<Mutex<IterState>>`, the loop's stack slot holds `None` as a
//! marker and its counter lives in the frame's table of range loops, at the slot's index.
//! `iter()` never gives `None` (an `__iter__` returning a non-iterator is a TypeError, as in
//! CPython), so a `ForIter` that finds `None` on the stack knows it is a range loop's.
//! A slot's counter outlives its loop harmlessly (an exception cutting the stack back, a
//! `break`): the next range loop at that slot overwrites it.

use super::Frame;
use crate::bytecode::Instr;
use crate::objects::{Range, Value};

/// A range loop's place: its next value, how many values are left, and the step.
#[derive(Clone, Copy, Default)]
pub(super) struct RangeLoop {
    next: i64,
    remaining: i64,
    step: i64,
}

impl Frame {
    /// Whether the instruction about to run is a `for` loop's head (so the iterator `GetIter`
    /// just made is the loop's alone).
    #[inline]
    pub(super) fn loop_head_is_next(&self) -> bool {
        matches!(self.code.instrs.get(self.pc), Some(Instr::ForIter(_) | Instr::ForIterStoreFast(..)))
    }

    /// Starts a range loop over `range`: its counter in the table, the marker on the stack.
    pub(super) fn start_range_loop(&mut self, range: &Range) {
        let slot = self.stack.len();
        if self.range_loops.len() <= slot {
            self.range_loops.resize(slot + 1, RangeLoop::default());
        }
        self.range_loops[slot] = RangeLoop { next: range.start, remaining: range.len(), step: range.step };
        self.stack.push(Value::None);
    }

    /// Whether the iterator on top of the stack is a range loop's marker.
    #[inline(always)]
    pub(super) fn in_range_loop(&self) -> bool {
        matches!(self.stack.last(), Some(Value::None))
    }

    /// The range loop's next value; `None` once it is exhausted.
    #[inline(always)]
    pub(super) fn next_in_range_loop(&mut self) -> Option<i64> {
        let counter = &mut self.range_loops[self.stack.len() - 1];
        if counter.remaining <= 0 {
            return None;
        }
        let value = counter.next;
        counter.remaining -= 1;
        // Past the last value the next one may not fit in 64 bits; it is never read.
        counter.next = value.wrapping_add(counter.step);
        Some(value)
    }
}
