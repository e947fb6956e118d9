//! Work split over workers: evenly, and with a serial part that runs alone first.

use crate::queue::PlannedTask;
use crate::workload::Task;

/// `total` split into a serial part (`serial_percent` of it, one task that the parallel tasks
/// wait for) and `workers` even parts of the rest; `task(first, count)` makes each task.
pub(super) fn split_with_serial_part(
    total: u64,
    workers: u64,
    serial_percent: u64,
    task: impl Fn(u64, u64) -> Task,
) -> Vec<PlannedTask> {
    let serial = total * serial_percent.min(100) / 100;
    let parallel = split_evenly(total - serial, workers).map(|(first, count)| task(serial + first, count));
    if serial == 0 {
        return parallel.map(PlannedTask::now).collect();
    }
    let mut planned = vec![PlannedTask::now(task(0, serial))];
    for (index, task) in parallel.enumerate() {
        planned.push(if index == 0 { PlannedTask::after_earlier(task) } else { PlannedTask::now(task) });
    }
    planned
}

/// `total` split into `parts` contiguous ranges `(first, len)`, sizes differing by at most one.
pub(super) fn split_evenly(total: u64, parts: u64) -> impl Iterator<Item = (u64, u64)> {
    let parts = parts.max(1);
    let (base, extra) = (total / parts, total % parts);
    (0..parts).map(move |part| {
        let first = part * base + part.min(extra);
        (first, base + u64::from(part < extra))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn even_split_covers_every_sample_once() {
        let parts: Vec<_> = split_evenly(10, 3).collect();
        assert_eq!(parts, vec![(0, 4), (4, 3), (7, 3)]);
    }
}
