//! The watchdog: a run that has taken more than twice its estimate, or longer than the limit
//! ([`MAX_RUN_SECONDS`]), is stopped, with a message that says which.
//!
//! The estimate is the run's own (`Scenario::estimated_seconds`: its mode, workers, the page's
//! cores and the switch interval), the one the form shows before Run. No run is stopped in its first
//! [`START_UP_ALLOWANCE_MS`]: starting a hundred workers takes seconds on a busy 2-core machine.

use crate::limits::MAX_RUN_SECONDS;
use crate::scenario::Scenario;

/// No run is stopped before this (ms), whatever its estimate.
const START_UP_ALLOWANCE_MS: f64 = 5_000.0;

/// Decides when a run has gone on for too long.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Watchdog {
    estimate_ms: f64,
}

impl Watchdog {
    /// The watchdog of a run of `scenario` on a machine with `cores` cores.
    pub fn for_scenario(scenario: &Scenario, cores: usize) -> Self {
        Watchdog::for_estimate_ms(scenario.estimated_seconds(cores) * 1000.0)
    }

    /// The watchdog of a run estimated to take `estimate_ms`.
    pub fn for_estimate_ms(estimate_ms: f64) -> Self {
        Watchdog { estimate_ms }
    }

    /// How long a run may go on (ms): twice its estimate, at least the start-up allowance, at
    /// most the limit.
    pub fn allowed_ms(&self) -> f64 {
        (2.0 * self.estimate_ms).clamp(START_UP_ALLOWANCE_MS, MAX_RUN_SECONDS * 1000.0)
    }

    /// After `elapsed_ms` of the run: `None` while it may go on, else why it must be stopped
    /// (the message the page shows).
    pub fn verdict(&self, elapsed_ms: f64) -> Option<String> {
        if elapsed_ms <= self.allowed_ms() {
            return None;
        }
        let elapsed_s = elapsed_ms / 1000.0;
        Some(if self.allowed_ms() >= MAX_RUN_SECONDS * 1000.0 {
            format!(
                "Stopped by the watchdog: the run went on for {elapsed_s:.0} s, longer than the {MAX_RUN_SECONDS:.0} s limit."
            )
        } else {
            format!(
                "Stopped by the watchdog: the run went on for {elapsed_s:.1} s, more than twice its estimate of {:.1} s. Something kept it from ending; try fewer workers or a smaller size.",
                self.estimate_ms / 1000.0
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_within_twice_its_estimate_goes_on() {
        let watchdog = Watchdog::for_estimate_ms(10_000.0);
        assert_eq!(watchdog.verdict(19_999.0), None);
    }

    #[test]
    fn a_run_past_twice_its_estimate_is_stopped_with_a_message_that_says_so() {
        let verdict = Watchdog::for_estimate_ms(10_000.0).verdict(20_001.0).expect("stopped");
        assert!(verdict.contains("more than twice its estimate of 10.0 s"), "{verdict}");
    }

    #[test]
    fn a_run_past_the_limit_is_stopped_even_within_twice_its_estimate() {
        let estimate_ms = MAX_RUN_SECONDS * 1000.0 * 0.9;
        let verdict = Watchdog::for_estimate_ms(estimate_ms).verdict(MAX_RUN_SECONDS * 1000.0 + 1.0).expect("stopped");
        assert!(verdict.contains("longer than the 120 s limit"), "{verdict}");
    }

    #[test]
    fn a_crowded_gil_run_the_form_accepts_may_run_twice_its_own_estimate() {
        let scenario = Scenario {
            experiment: crate::Experiment::Countdown { count: 15_000_000_000 },
            mode: crate::Mode::ThreadsWithGil,
            workers: 32,
            switch_interval_ms: 0.1,
            ..Scenario::default()
        };
        let estimate_ms = scenario.estimated_seconds(2) * 1000.0;
        assert!(scenario.validate_on(2).is_ok(), "the form accepts it");
        assert!(estimate_ms > 2.0 * scenario.experiment.estimated_serial_seconds() * 1000.0, "the hand-offs count");
        assert_eq!(Watchdog::for_scenario(&scenario, 2).verdict(1.9 * estimate_ms), None);
    }

    #[test]
    fn a_short_run_gets_the_start_up_allowance() {
        let watchdog = Watchdog::for_estimate_ms(10.0);
        assert_eq!(watchdog.verdict(START_UP_ALLOWANCE_MS - 1.0), None);
        assert!(watchdog.verdict(START_UP_ALLOWANCE_MS + 1.0).is_some());
    }
}
