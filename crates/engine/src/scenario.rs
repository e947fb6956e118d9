//! What a learner asked for: an experiment with its parameters, a mode, a worker count and the
//! GIL's settings; how it is checked against the limits and planned as tasks.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::experiment::Experiment;
use crate::gil::GilPolicy;
use crate::limits::{
    LimitError, MAX_CHECK_INTERVAL_TICKS, MAX_SERIAL_PERCENT, MAX_SWITCH_INTERVAL_MS, MAX_WORKERS,
    MIN_CHECK_INTERVAL_TICKS, MIN_SWITCH_INTERVAL_MS, MIN_WORKERS,
};
use crate::queue::PlannedTask;
use crate::run::FaultPlan;
use crate::{ExperimentKind, Mode};

/// A learner's full request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// What to run.
    pub experiment: Experiment,
    /// How to run it.
    pub mode: Mode,
    /// How many workers the work is split for.
    pub workers: usize,
    /// The GIL's switch interval, in milliseconds.
    pub switch_interval_ms: f64,
    /// How the GIL changes hands (threads + GIL only). Old scenarios without it take the default.
    #[serde(default)]
    pub gil_policy: GilPolicy,
    /// A worker made to fail on purpose (to see that failures are surfaced), if any.
    pub fault: Option<FaultPlan>,
    /// The share of the work, in percent, that runs alone before the rest splits over the
    /// workers (experiments that split evenly): a known serial fraction for Amdahl's law.
    #[serde(default)]
    pub serial_percent: u64,
    /// Extra time every tick costs in the free-threaded mode, in percent of the tick itself,
    /// standing for the single-thread cost of free-threaded builds.
    #[serde(default)]
    pub free_threading_overhead_percent: u64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            experiment: ExperimentKind::MonteCarloPi.default_experiment(),
            mode: Mode::ThreadsWithGil,
            workers: 2,
            switch_interval_ms: 5.0,
            gil_policy: GilPolicy::SwitchInterval,
            fault: None,
            serial_percent: 0,
            free_threading_overhead_percent: 0,
        }
    }
}

impl Scenario {
    /// Every limit the scenario passes, with a message for each.
    ///
    /// # Errors
    /// One [`LimitError`] per field outside its limit.
    pub fn validate(&self) -> Result<(), Vec<LimitError>> {
        let mut errors = Vec::new();
        if !(MIN_WORKERS..=MAX_WORKERS).contains(&self.workers) {
            errors.push(LimitError::new(
                "workers",
                format!("Workers must be between {MIN_WORKERS} and {MAX_WORKERS}."),
            ));
        }
        if !(MIN_SWITCH_INTERVAL_MS..=MAX_SWITCH_INTERVAL_MS).contains(&self.switch_interval_ms) {
            errors.push(LimitError::new(
                "switch_interval",
                format!("The switch interval must be between {MIN_SWITCH_INTERVAL_MS} and {MAX_SWITCH_INTERVAL_MS} ms."),
            ));
        }
        if let GilPolicy::CheckInterval { ticks } = self.gil_policy {
            if !(MIN_CHECK_INTERVAL_TICKS..=MAX_CHECK_INTERVAL_TICKS).contains(&ticks) {
                errors.push(LimitError::new(
                    "check_interval",
                    format!("The check interval must be between {MIN_CHECK_INTERVAL_TICKS} and {MAX_CHECK_INTERVAL_TICKS} ticks."),
                ));
            }
        }
        self.check_mode(&mut errors);
        self.check_serial_share(&mut errors);
        if self.free_threading_overhead_percent > 100 {
            errors.push(LimitError::new("overhead", "The free-threading overhead must be between 0 and 100 %."));
        }
        self.experiment.check(&mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn check_mode(&self, errors: &mut Vec<LimitError>) {
        let kind = self.experiment.kind();
        if !kind.modes().contains(&self.mode) {
            let modes: Vec<_> = kind.modes().iter().map(|mode| mode.label()).collect();
            errors.push(LimitError::new(
                "mode",
                format!("{} runs in these modes: {}.", kind.label(), modes.join(", ")),
            ));
        }
        if kind == ExperimentKind::Convoy && self.workers < 2 {
            errors.push(LimitError::new("workers", "The convoy needs at least 2 workers: one for I/O, one or more for CPU work."));
        }
    }

    fn check_serial_share(&self, errors: &mut Vec<LimitError>) {
        if self.serial_percent > MAX_SERIAL_PERCENT {
            errors.push(LimitError::new("serial_percent", format!("The serial share must be between 0 and {MAX_SERIAL_PERCENT} %.")));
        } else if self.serial_percent > 0 && !self.experiment.splits_evenly() {
            errors.push(LimitError::new("serial_percent", "A serial share applies to the countdown and Monte Carlo pi only."));
        }
    }

    /// The run's tasks, and how the queue hands them out.
    pub fn plan(&self) -> Vec<PlannedTask> {
        self.experiment.plan(self.workers, self.serial_percent)
    }

    /// How many workers (timeline lanes) run.
    pub fn lanes(&self) -> usize {
        self.mode.lanes(self.workers)
    }

    /// The GIL's switch interval.
    pub fn switch_interval(&self) -> Duration {
        Duration::from_secs_f64(self.switch_interval_ms / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_workers_are_refused_with_the_limit_named() {
        let scenario = Scenario { workers: 0, ..Scenario::default() };
        let errors = scenario.validate().unwrap_err();
        assert_eq!(errors[0].field, "workers");
        assert!(errors[0].message.contains("between 1 and 100"));
    }

    #[test]
    fn a_hundred_and_one_workers_are_refused() {
        assert!(Scenario { workers: 101, ..Scenario::default() }.validate().is_err());
    }

    #[test]
    fn a_size_that_would_run_for_hours_is_refused_with_the_two_minute_limit() {
        let scenario = Scenario {
            experiment: Experiment::Countdown { count: 10_000_000_000_000 },
            ..Scenario::default()
        };
        let errors = scenario.validate().unwrap_err();
        assert_eq!(errors[0].field, "count");
        assert!(errors[0].message.contains("120 s"), "{}", errors[0].message);
    }

    #[test]
    fn every_default_experiment_is_within_the_limits_in_every_mode_it_lists() {
        for kind in ExperimentKind::ALL {
            for &mode in kind.modes() {
                let scenario = Scenario { experiment: kind.default_experiment(), mode, workers: kind.default_workers(), ..Scenario::default() };
                assert_eq!(scenario.validate(), Ok(()), "{kind:?} in {mode:?}");
            }
        }
    }

    #[test]
    fn a_mode_the_experiment_does_not_list_is_refused_with_the_modes_it_does() {
        let scenario = Scenario { experiment: ExperimentKind::Convoy.default_experiment(), mode: Mode::Processes, ..Scenario::default() };
        let errors = scenario.validate().unwrap_err();
        assert_eq!(errors[0].field, "mode");
        assert!(errors[0].message.contains("threads + GIL, free-threaded"), "{}", errors[0].message);
    }

    #[test]
    fn a_serial_share_is_refused_where_the_work_does_not_split_evenly() {
        let scenario = Scenario { experiment: ExperimentKind::SumOfPrimes.default_experiment(), serial_percent: 10, ..Scenario::default() };
        assert_eq!(scenario.validate().unwrap_err()[0].field, "serial_percent");
    }

    #[test]
    fn absurd_task_counts_are_refused_before_anything_is_planned() {
        let scenario = Scenario { experiment: Experiment::Sleep { sleeps: u64::MAX, millis: 1 }, ..Scenario::default() };
        assert_eq!(scenario.validate().unwrap_err()[0].field, "sleeps");
    }
}
