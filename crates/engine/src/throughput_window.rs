//! Live throughput: work units (ticks) per second of each worker, over the last
//! [`THROUGHPUT_WINDOW_MS`] while a run goes, over the whole run once it has ended.
//!
//! The host samples every lane's tick count each time it polls the run; only the samples of the
//! last window are kept (and always two, so a slow poll still gives a rate).

use std::collections::VecDeque;

/// Throughput while a run goes is measured over this last stretch of time (ms).
const THROUGHPUT_WINDOW_MS: f64 = 1000.0;

/// The recent samples of every lane's ticks.
#[derive(Clone, Debug, Default)]
pub struct ThroughputWindow {
    /// Each sample's time (ms since the run started) and every lane's ticks done by then.
    samples: VecDeque<(f64, Vec<u64>)>,
}

impl ThroughputWindow {
    /// Adds the ticks each lane has done by `at_ms`, and forgets samples older than the window
    /// (keeping one from before it, so the window is covered whole).
    pub fn record(&mut self, at_ms: f64, lane_ticks: Vec<u64>) {
        self.samples.push_back((at_ms, lane_ticks));
        while self.samples.len() > 2 && self.samples[1].0 < at_ms - THROUGHPUT_WINDOW_MS {
            self.samples.pop_front();
        }
    }

    /// Ticks per second of each of `lanes` lanes: over the window while the run goes; over the
    /// whole run when it ended after `ended_at_ms`. Zero for every lane before any sample.
    pub fn per_second(&self, lanes: usize, ended_at_ms: Option<f64>) -> Vec<f64> {
        let (Some((first_ms, first)), Some((last_ms, last))) = (self.samples.front(), self.samples.back()) else {
            return vec![0.0; lanes];
        };
        let (since_ms, since, until_ms) = match ended_at_ms {
            Some(end_ms) => (0.0, vec![0; last.len()], end_ms),
            None => (*first_ms, first.clone(), *last_ms),
        };
        let seconds = ((until_ms - since_ms) / 1000.0).max(f64::EPSILON);
        last.iter().zip(since).map(|(now, then)| now.saturating_sub(then) as f64 / seconds).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(rates: &[f64], expected: &[f64]) {
        assert_eq!(rates.len(), expected.len());
        for (rate, expected) in rates.iter().zip(expected) {
            assert!((rate - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{rates:?} against {expected:?}");
        }
    }

    #[test]
    fn every_lane_has_no_throughput_before_the_first_sample() {
        assert_eq!(ThroughputWindow::default().per_second(3, None), vec![0.0; 3]);
        assert_eq!(ThroughputWindow::default().per_second(2, Some(500.0)), vec![0.0; 2]);
    }

    #[test]
    fn a_running_run_counts_ticks_between_its_oldest_and_newest_sample() {
        let mut window = ThroughputWindow::default();
        window.record(100.0, vec![10, 0]);
        window.record(600.0, vec![510, 1000]);
        assert_eq!(window.per_second(2, None), vec![1000.0, 2000.0]);
    }

    #[test]
    fn samples_older_than_the_window_are_forgotten() {
        let mut window = ThroughputWindow::default();
        // A fast start, then a slower second and a half: only the recent rate counts.
        window.record(0.0, vec![0]);
        window.record(500.0, vec![100_000]);
        for (at_ms, ticks) in [(1000.0, 100_500), (1500.0, 101_000), (2000.0, 101_500)] {
            window.record(at_ms, vec![ticks]);
        }
        assert_eq!(window.per_second(1, None), vec![1000.0]);
    }

    #[test]
    fn one_sample_from_before_the_window_is_kept_so_the_window_is_covered_whole() {
        let mut window = ThroughputWindow::default();
        // 10 ticks/ms until 300 ms, then 1 tick/ms; the window starts at 200 ms.
        window.record(0.0, vec![0]);
        window.record(300.0, vec![3000]);
        window.record(1200.0, vec![3900]);
        assert_close(&window.per_second(1, None), &[3900.0 / 1.2]);
    }

    #[test]
    fn after_a_slow_poll_the_last_two_samples_still_give_a_rate() {
        let mut window = ThroughputWindow::default();
        window.record(0.0, vec![0]);
        window.record(1200.0, vec![3900]);
        window.record(5000.0, vec![4280]);
        assert_close(&window.per_second(1, None), &[100.0]);
    }

    #[test]
    fn an_ended_run_counts_every_tick_over_its_whole_wall_time() {
        let mut window = ThroughputWindow::default();
        window.record(1500.0, vec![900, 4000]);
        window.record(2500.0, vec![1000, 5000]);
        assert_eq!(window.per_second(2, Some(2000.0)), vec![500.0, 2500.0]);
    }

    #[test]
    fn a_single_sample_at_the_start_gives_no_division_by_zero() {
        let mut window = ThroughputWindow::default();
        window.record(0.0, vec![0]);
        assert_eq!(window.per_second(1, None), vec![0.0]);
        assert!(window.per_second(1, Some(0.0)).iter().all(|rate| rate.is_finite()));
    }

    #[test]
    fn a_lane_whose_count_goes_back_counts_no_negative_work() {
        let mut window = ThroughputWindow::default();
        window.record(0.0, vec![50]);
        window.record(1000.0, vec![20]);
        assert_eq!(window.per_second(1, None), vec![0.0]);
    }
}
