//! The answer of the experiments that add up ranges of integers (chunks, the heavy loop).

use super::RunResult;
use crate::workload::TaskResult;

/// The sum over every part (modulo 2⁶⁴), and how many parts.
pub(super) fn combine(results: &[TaskResult]) -> RunResult {
    RunResult::RangeSum {
        parts: results.len(),
        sum: results.iter().map(|r| match r { TaskResult::RangeSum { sum, .. } => *sum, _ => 0 }).fold(0, u64::wrapping_add),
    }
}
