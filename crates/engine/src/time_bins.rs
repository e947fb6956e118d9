//! A lane's time as a fixed number of equal spans, each holding the milliseconds spent in every
//! state: the summary of a long run's older history. When the run outgrows the spans, neighbours
//! are merged in pairs and the span doubles, so the memory stays the same however long it runs,
//! and each state's total is kept exactly, beside the spans.

use crate::events::WorkerState;
use crate::state_times::StateTimes;

/// How many spans at most.
pub const MOST_BINS: usize = 1024;
/// The first span (ms); it doubles as often as the run needs.
const FIRST_BIN_MS: f64 = 0.125;

/// Time per state in equal spans from the start of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeBins {
    bin_ms: f64,
    bins: Vec<StateTimes>,
    total: StateTimes,
}

impl Default for TimeBins {
    fn default() -> Self {
        TimeBins { bin_ms: FIRST_BIN_MS, bins: Vec::new(), total: StateTimes::default() }
    }
}

impl TimeBins {
    /// Adds the stretch from `start_ms` to `end_ms` spent in `state`, spread over the spans it
    /// overlaps.
    pub fn add(&mut self, start_ms: f64, end_ms: f64, state: WorkerState) {
        if end_ms <= start_ms {
            return;
        }
        self.total.add(state, end_ms - start_ms);
        while end_ms > self.bin_ms * MOST_BINS as f64 {
            self.coarsen();
        }
        let first = (start_ms / self.bin_ms).floor() as usize;
        let last = ((end_ms / self.bin_ms).ceil() as usize).clamp(first + 1, MOST_BINS);
        if self.bins.len() < last {
            self.bins.resize(last, StateTimes::default());
        }
        for (index, bin) in self.bins.iter_mut().enumerate().take(last).skip(first) {
            let (from, to) = (index as f64 * self.bin_ms, (index + 1) as f64 * self.bin_ms);
            let overlap = end_ms.min(to) - start_ms.max(from);
            if overlap > 0.0 {
                bin.add(state, overlap);
            }
        }
    }

    /// Merges the spans in pairs: twice as long, half as many.
    fn coarsen(&mut self) {
        self.bins = self
            .bins
            .chunks(2)
            .map(|pair| {
                let mut merged = pair[0];
                if let Some(second) = pair.get(1) {
                    merged.add_all(second);
                }
                merged
            })
            .collect();
        self.bin_ms *= 2.0;
    }

    /// How long each span is (ms).
    pub fn bin_ms(&self) -> f64 {
        self.bin_ms
    }

    /// The spans from the start of the run: span `i` runs from `i × bin_ms` to `(i + 1) × bin_ms`.
    pub fn bins(&self) -> &[StateTimes] {
        &self.bins
    }

    /// Every state's time over all spans, summed interval by interval (not from the spans).
    pub fn total(&self) -> &StateTimes {
        &self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stretch_is_split_between_the_spans_it_overlaps() {
        let mut bins = TimeBins::default();
        bins.add(0.0625, 0.25, WorkerState::Running);
        assert_eq!(bins.bins()[0].of(WorkerState::Running), 0.0625);
        assert_eq!(bins.bins()[1].of(WorkerState::Running), 0.125);
    }

    #[test]
    fn a_long_run_doubles_the_span_and_never_holds_more_than_the_most_spans() {
        let mut bins = TimeBins::default();
        for step in 0..120_000 {
            let state = if step % 2 == 0 { WorkerState::Running } else { WorkerState::WaitingForGil };
            bins.add(step as f64, step as f64 + 1.0, state);
        }
        assert!(bins.bins().len() <= MOST_BINS);
        assert!(bins.bin_ms() * MOST_BINS as f64 >= 120_000.0);
        assert_eq!(bins.total().of(WorkerState::Running), 60_000.0);
        let spread: f64 = bins.bins().iter().map(|bin| bin.of(WorkerState::Running)).sum();
        assert!((spread - 60_000.0).abs() < 1e-6, "{spread}");
    }
}
