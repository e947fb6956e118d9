//! A5, pool calls: the same calls (square or cube a list of numbers, each call doing some work
//! first) submitted as `pool.map`, `pool.apply`, `pool.apply_async` or `pool.map_async`.

use super::bounds::task_count;
use super::catalogue_entry::CatalogueEntry;
use super::estimate::{Estimate, SIMPLE_TICK_NS};
use super::parameter::number_values;
use super::{Experiment, Parameter, ParameterKind, PoolCall, RunResult};
use crate::limits::LimitError;
use crate::queue::PlannedTask;
use crate::workload::{Task, TaskResult};
use crate::Mode;

/// The choices of the `call` parameter, in [`PoolCall::ALL`] order.
const CALLS: &[(&str, &str)] = &[
    ("map", "pool.map: all submitted, results in input order"),
    ("apply", "pool.apply: one call at a time, each waited for"),
    ("apply_async", "pool.apply_async: all submitted, results as they finish"),
    ("map_async", "pool.map_async: all submitted, one result list at the end"),
];

pub(super) const ENTRY: CatalogueEntry = CatalogueEntry {
    id: "A5",
    key: "pool-calls",
    label: "Pool calls: map, apply and their async forms",
    explanation: "The same calls (square or cube a list of numbers, each call doing some work first) submitted four ways. map and map_async hand every call out at once and give results in input order; apply waits for each call before sending the next; apply_async hands everything out and collects results as they finish.",
    what_to_notice: "With apply only one worker is busy at any moment; with the others all are. The result list keeps input order except with apply_async, whose results arrive in finishing order.",
    modes: &[Mode::ThreadsWithGil, Mode::Processes],
    default_workers: 4,
    parameters: &[
        Parameter { key: "call", label: "Pool call", kind: ParameterKind::Choice(CALLS) },
        Parameter::number("numbers", "Numbers (one call each)"),
        Parameter::number("exponent", "Exponent (2 for squares, 3 for cubes)"),
        Parameter::number("work", "Work per call (ticks)"),
    ],
    splits_evenly: false,
    default: || Experiment::PoolCalls { call: PoolCall::Map, numbers: 8, exponent: 2, work: 40_000_000 },
    read: |reader| Experiment::PoolCalls {
        call: reader.choice("call").and_then(PoolCall::from_key).unwrap_or(PoolCall::Map),
        numbers: reader.number("numbers"),
        exponent: reader.number("exponent"),
        work: reader.number("work"),
    },
};

pub(super) fn parameter_values(call: PoolCall, numbers: u64, exponent: u64, work: u64) -> Vec<(&'static str, String)> {
    let mut values = vec![("call", call.key().to_owned())];
    values.extend(number_values(&[("numbers", numbers), ("exponent", exponent), ("work", work)]));
    values
}

pub(super) fn bounds_error(numbers: u64, exponent: u64) -> Option<LimitError> {
    task_count("numbers", numbers, "Numbers").or_else(|| {
        (!(1..=10).contains(&exponent)).then(|| LimitError::new("exponent", "The exponent must be between 1 and 10."))
    })
}

/// One call per number; `pool.apply` sends each only once the one before has returned.
pub(super) fn plan(call: PoolCall, numbers: u64, exponent: u64, work: u64) -> Vec<PlannedTask> {
    (1..=numbers)
        .map(|base| {
            let task = Task::Power { base, exponent: exponent as u32, work };
            if call == PoolCall::Apply { PlannedTask::after_earlier(task) } else { PlannedTask::now(task) }
        })
        .collect()
}

/// `pool.apply` runs one call at a time; the other calls run as many at once as there are
/// workers.
pub(super) fn most_calls_at_once(call: PoolCall) -> Option<u64> {
    (call == PoolCall::Apply).then_some(1)
}

pub(super) fn estimate(numbers: u64, work: u64) -> Estimate {
    Estimate::working(numbers as f64 * work as f64 * SIMPLE_TICK_NS)
}

/// The values in input order, or in finishing order for `apply_async`.
pub(super) fn combine(call: PoolCall, results: &[TaskResult], completion_order: &[usize]) -> RunResult {
    let order: Vec<usize> = if call == PoolCall::ApplyAsync { completion_order.to_vec() } else { (0..results.len()).collect() };
    let values = order.iter().filter_map(|&index| match results.get(index) { Some(TaskResult::Power { value, .. }) => Some(*value), _ => None }).collect();
    RunResult::PoolCall { call, values }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_waits_for_every_call_and_map_for_none() {
        assert!(plan(PoolCall::Apply, 3, 2, 1).iter().all(|p| p.waits_for_earlier));
        assert!(plan(PoolCall::Map, 3, 2, 1).iter().all(|p| !p.waits_for_earlier));
    }

    #[test]
    fn apply_async_lists_results_in_finishing_order_and_map_in_input_order() {
        let results: Vec<_> = (1..=3).map(|base| TaskResult::Power { base, value: base * base }).collect();
        let with = |call| combine(call, &results, &[2, 0, 1]);
        assert_eq!(with(PoolCall::ApplyAsync), RunResult::PoolCall { call: PoolCall::ApplyAsync, values: vec![9, 1, 4] });
        assert_eq!(with(PoolCall::Map), RunResult::PoolCall { call: PoolCall::Map, values: vec![1, 4, 9] });
    }

    #[test]
    fn the_call_choices_are_the_pool_calls_in_order() {
        let keys: Vec<_> = CALLS.iter().map(|(key, _)| *key).collect();
        assert_eq!(keys, PoolCall::ALL.map(PoolCall::key));
    }
}
