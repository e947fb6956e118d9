//! What a learner asked for: an experiment with its parameters, a mode, a worker count and the
//! GIL's settings; how long it would run, how it is checked against the limits and planned as
//! tasks.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::experiments::{Experiment, ExperimentKind};
use crate::gil::GilPolicy;
use crate::limits::{
    LimitError, MAX_CHECK_INTERVAL_TICKS, MAX_RUN_SECONDS, MAX_SERIAL_PERCENT, MAX_SWITCH_INTERVAL_MS, MAX_WORKERS,
    MIN_CHECK_INTERVAL_TICKS, MIN_SWITCH_INTERVAL_MS, MIN_WORKERS,
};
use crate::queue::PlannedTask;
use crate::Mode;

/// What one forced GIL hand-off costs, in milliseconds, per worker waiting on each core (a
/// crowded machine wakes the next holder later and spends its cores on waiters' timeouts).
/// Derived from issue 16's measurement on a 2-core machine: a countdown of 1.2 × 10¹¹ ticks
/// (120 s at the estimate's tick cost) on 100 workers with a 0.1 ms switch interval ran for
/// 8–11 minutes; 120 s × (1 + h × 50 / 0.1 ms) ≈ 600 s gives h ≈ 0.008 ms.
const HAND_OFF_MS_PER_WAITER_PER_CORE: f64 = 0.008;

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

/// A worker made to fail on purpose, to show that failures are surfaced (experiment F3).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FaultPlan {
    /// Which worker fails.
    pub lane: usize,
    /// After how many milliseconds of the run.
    pub after_ms: f64,
}

impl FaultPlan {
    /// The panic message the failing worker raises.
    pub fn message(&self) -> String {
        format!(
            "worker {} failed on purpose after {} ms (the \"make a worker fail\" option)",
            self.lane + 1,
            self.after_ms
        )
    }
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
    /// Every limit the scenario passes on a machine of `cores` cores (the run-time limit depends
    /// on them), with a message for each.
    ///
    /// # Errors
    /// One [`LimitError`] per field outside its limit.
    pub fn validate_on(&self, cores: usize) -> Result<(), Vec<LimitError>> {
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
        match self.experiment.bounds_error() {
            Some(error) => errors.push(error),
            None => errors.extend(self.run_time_error(cores)),
        }
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
        errors.extend(self.experiment.workers_error(self.workers));
    }

    fn check_serial_share(&self, errors: &mut Vec<LimitError>) {
        if self.serial_percent > MAX_SERIAL_PERCENT {
            errors.push(LimitError::new("serial_percent", format!("The serial share must be between 0 and {MAX_SERIAL_PERCENT} %.")));
        } else if self.serial_percent > 0 && !self.experiment.splits_evenly() {
            errors.push(LimitError::new("serial_percent", "A serial share applies to the countdown and Monte Carlo pi only."));
        }
    }

    /// The run-time limit's error, if the run would take longer than [`MAX_RUN_SECONDS`]. It names
    /// the experiment's first parameter (its size).
    fn run_time_error(&self, cores: usize) -> Option<LimitError> {
        let seconds = self.estimated_seconds(cores);
        (seconds > MAX_RUN_SECONDS).then(|| {
            LimitError::new(
                self.experiment.kind().parameters()[0].key,
                format!(
                    "This size would run for about {seconds:.0} s here ({}); the limit is {MAX_RUN_SECONDS:.0} s. \
                     Choose a smaller size, fewer workers or a longer switch interval.",
                    self.machine_description(cores)
                ),
            )
        })
    }

    /// The mode, workers and cores an estimate is for, as a learner reads them.
    pub fn machine_description(&self, cores: usize) -> String {
        let workers = self.lanes();
        let plural = |count: usize| if count == 1 { "" } else { "s" };
        format!("{}, {workers} worker{} on {cores} core{}", self.mode.label(), plural(workers), plural(cores))
    }

    /// How long the run would take, in seconds, on a machine with `cores` cores: the work's
    /// waits overlap over the workers; its CPU time is shared by the cores (free-threaded,
    /// processes), or done one worker at a time with a cost per GIL hand-off that grows with
    /// the workers per core and shrinks with a longer switch interval (threads + GIL).
    pub fn estimated_seconds(&self, cores: usize) -> f64 {
        let wait = self.experiment.estimated_wait_seconds();
        let cpu = (self.experiment.estimated_serial_seconds() - wait).max(0.0);
        if let Some(returns) = self.experiment.returns_from_io_beside_cpu_work() {
            return wait + cpu + returns as f64 * self.gil_wait_after_io_seconds();
        }
        let serial_cpu = cpu * self.serial_percent.min(100) as f64 / 100.0;
        let side_by_side = self.tasks_side_by_side();
        serial_cpu + self.parallel_cpu_seconds(cpu - serial_cpu, side_by_side, cores.max(1)) + wait / side_by_side as f64
    }

    /// How many tasks can run at once: one per worker, no more than there are tasks, nor than
    /// the experiment lets run at once (`pool.apply` waits for each call).
    fn tasks_side_by_side(&self) -> usize {
        let at_once = (self.lanes() as u64).min(self.experiment.task_count(self.workers));
        at_once.min(self.experiment.most_tasks_at_once().unwrap_or(u64::MAX)).max(1) as usize
    }

    /// The wall time of `cpu` seconds of work shared by `side_by_side` workers on `cores` cores.
    fn parallel_cpu_seconds(&self, cpu: f64, side_by_side: usize, cores: usize) -> f64 {
        let on_cores = side_by_side.min(cores) as f64;
        match self.mode {
            Mode::Single => cpu,
            Mode::ThreadsWithGil => cpu * (1.0 + self.hand_off_share(side_by_side, cores)),
            Mode::FreeThreaded => cpu * (1.0 + self.free_threading_overhead_percent as f64 / 100.0) / on_cores,
            Mode::Processes => cpu / on_cores,
        }
    }

    /// The GIL's hand-offs' cost as a share of the work: one forced hand-off per switch interval
    /// (Python 3.2's policy; 3.1's releases are mostly taken back by the same worker).
    fn hand_off_share(&self, side_by_side: usize, cores: usize) -> f64 {
        if side_by_side < 2 || self.gil_policy != GilPolicy::SwitchInterval {
            return 0.0;
        }
        let waiters_per_core = (side_by_side as f64 / cores as f64).max(1.0);
        HAND_OFF_MS_PER_WAITER_PER_CORE * waiters_per_core / self.switch_interval_ms.max(MIN_SWITCH_INTERVAL_MS)
    }

    /// How long an I/O worker beside CPU-bound ones (the convoy) waits for the GIL after each
    /// operation: up to a switch interval while the CPU workers hold it (threads + GIL only).
    fn gil_wait_after_io_seconds(&self) -> f64 {
        if self.mode == Mode::ThreadsWithGil && self.gil_policy == GilPolicy::SwitchInterval {
            self.switch_interval_ms / 1e3
        } else {
            0.0
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
    use crate::experiments::PoolCall;
    use crate::limits::REFERENCE_CORES;

    #[test]
    fn zero_workers_are_refused_with_the_limit_named() {
        let scenario = Scenario { workers: 0, ..Scenario::default() };
        let errors = scenario.validate_on(REFERENCE_CORES).unwrap_err();
        assert_eq!(errors[0].field, "workers");
        assert!(errors[0].message.contains("between 1 and 100"));
    }

    #[test]
    fn a_hundred_and_one_workers_are_refused() {
        assert!(Scenario { workers: 101, ..Scenario::default() }.validate_on(REFERENCE_CORES).is_err());
    }

    #[test]
    fn a_size_that_would_run_for_hours_is_refused_with_the_two_minute_limit() {
        let scenario = Scenario {
            experiment: Experiment::Countdown { count: 10_000_000_000_000 },
            ..Scenario::default()
        };
        let errors = scenario.validate_on(REFERENCE_CORES).unwrap_err();
        assert_eq!(errors[0].field, "count");
        assert!(errors[0].message.contains("120 s"), "{}", errors[0].message);
    }

    fn countdown(count: u64, mode: Mode, workers: usize, switch_interval_ms: f64) -> Scenario {
        Scenario { experiment: Experiment::Countdown { count }, mode, workers, switch_interval_ms, ..Scenario::default() }
    }

    #[test]
    fn a_countdown_at_the_size_limit_on_a_hundred_gil_workers_is_estimated_at_minutes_and_refused() {
        let scenario = countdown(120_000_000_000, Mode::ThreadsWithGil, 100, 0.1);
        let seconds = scenario.estimated_seconds(2);
        assert!((480.0..=660.0).contains(&seconds), "issue 16 measured 8–11 minutes; estimated {seconds} s");
        let errors = scenario.validate_on(2).unwrap_err();
        assert_eq!(errors[0].field, "count");
        assert!(errors[0].message.contains("about 600 s") && errors[0].message.contains("the limit is 120 s"), "{}", errors[0].message);
        assert!(errors[0].message.contains("threads + GIL, 100 workers on 2 cores"), "{}", errors[0].message);
    }

    #[test]
    fn one_worker_takes_the_serial_estimate_in_every_mode() {
        for mode in Mode::ALL {
            let scenario = countdown(5_000_000_000, mode, 1, 0.1);
            assert_eq!(scenario.estimated_seconds(2), scenario.experiment.estimated_serial_seconds(), "{mode:?}");
        }
    }

    #[test]
    fn the_gil_estimate_grows_with_more_workers_than_cores() {
        let with = |workers| countdown(1_000_000_000, Mode::ThreadsWithGil, workers, 0.1).estimated_seconds(2);
        assert!(with(2) > with(1), "hand-offs cost something");
        assert!(with(16) > 1.5 * with(2), "2 workers {} s, 16 workers {} s", with(2), with(16));
        assert!(countdown(1_000_000_000, Mode::ThreadsWithGil, 16, 0.1).estimated_seconds(8) < with(16), "more cores, fewer waiters each");
    }

    #[test]
    fn a_longer_switch_interval_means_fewer_hand_offs_and_a_shorter_gil_estimate() {
        let with = |switch_interval_ms| countdown(1_000_000_000, Mode::ThreadsWithGil, 16, switch_interval_ms).estimated_seconds(2);
        assert!(with(0.1) > with(5.0) && with(5.0) > with(100.0));
    }

    #[test]
    fn the_gil_estimate_is_longer_than_free_threading_and_processes_share_the_cores_not_the_workers() {
        let with = |mode, workers| countdown(1_000_000_000, mode, workers, 5.0).estimated_seconds(2);
        assert!(with(Mode::ThreadsWithGil, 2) > with(Mode::FreeThreaded, 2));
        assert_eq!(with(Mode::FreeThreaded, 2), with(Mode::Single, 1) / 2.0);
        assert_eq!(with(Mode::Processes, 100), with(Mode::Processes, 2), "two cores, however many workers");
    }

    #[test]
    fn waits_overlap_over_the_workers_even_under_the_gil() {
        let sleeps = |mode, workers| Scenario { experiment: Experiment::Sleep { sleeps: 10, millis: 1_000 }, mode, workers, ..Scenario::default() };
        assert_eq!(sleeps(Mode::Single, 10).estimated_seconds(2), 10.0);
        assert_eq!(sleeps(Mode::ThreadsWithGil, 10).estimated_seconds(2), 1.0);
    }

    #[test]
    fn a_serial_share_runs_on_one_worker_in_the_estimate() {
        let half_serial = Scenario { serial_percent: 50, ..countdown(1_000_000_000, Mode::FreeThreaded, 2, 5.0) };
        assert_eq!(half_serial.estimated_seconds(2), 0.5 + 0.25);
    }

    #[test]
    fn every_default_experiment_is_within_the_limits_in_every_mode_it_lists() {
        for kind in ExperimentKind::ALL {
            for &mode in kind.modes() {
                let scenario = Scenario { experiment: kind.default_experiment(), mode, workers: kind.default_workers(), ..Scenario::default() };
                assert_eq!(scenario.validate_on(REFERENCE_CORES), Ok(()), "{kind:?} in {mode:?}");
            }
        }
    }

    #[test]
    fn a_mode_the_experiment_does_not_list_is_refused_with_the_modes_it_does() {
        let scenario = Scenario { experiment: ExperimentKind::Convoy.default_experiment(), mode: Mode::Processes, ..Scenario::default() };
        let errors = scenario.validate_on(REFERENCE_CORES).unwrap_err();
        assert_eq!(errors[0].field, "mode");
        assert!(errors[0].message.contains("threads + GIL, free-threaded"), "{}", errors[0].message);
    }

    #[test]
    fn a_serial_share_is_refused_where_the_work_does_not_split_evenly() {
        let scenario = Scenario { experiment: ExperimentKind::SumOfPrimes.default_experiment(), serial_percent: 10, ..Scenario::default() };
        assert_eq!(scenario.validate_on(REFERENCE_CORES).unwrap_err()[0].field, "serial_percent");
    }

    #[test]
    fn the_convoy_is_refused_with_one_worker_and_says_why() {
        let scenario = Scenario { experiment: ExperimentKind::Convoy.default_experiment(), workers: 1, ..Scenario::default() };
        let errors = scenario.validate_on(REFERENCE_CORES).unwrap_err();
        assert_eq!(errors[0].field, "workers");
        assert!(errors[0].message.contains("one for I/O"), "{}", errors[0].message);
    }

    #[test]
    fn pool_apply_is_estimated_one_call_at_a_time_however_many_workers() {
        let calls = |call, workers| Scenario {
            experiment: Experiment::PoolCalls { call, numbers: 8, exponent: 2, work: 100_000_000 },
            mode: Mode::Processes,
            workers,
            ..Scenario::default()
        };
        assert_eq!(calls(PoolCall::Apply, 4).estimated_seconds(2), calls(PoolCall::Apply, 1).estimated_seconds(2));
        assert!(calls(PoolCall::Map, 4).estimated_seconds(2) < calls(PoolCall::Apply, 4).estimated_seconds(2) / 1.5);
    }

    #[test]
    fn the_convoy_estimate_adds_a_switch_interval_per_io_operation_under_the_gil() {
        let convoy = |mode| Scenario { experiment: Experiment::Convoy { operations: 100, millis: 1 }, mode, switch_interval_ms: 5.0, ..Scenario::default() };
        let extra = convoy(Mode::ThreadsWithGil).estimated_seconds(2) - convoy(Mode::FreeThreaded).estimated_seconds(2);
        assert!((extra - 100.0 * 0.005).abs() < 1e-9, "{extra}");
    }

    #[test]
    fn absurd_task_counts_are_refused_before_anything_is_planned() {
        let scenario = Scenario { experiment: Experiment::Sleep { sleeps: u64::MAX, millis: 1 }, ..Scenario::default() };
        assert_eq!(scenario.validate_on(REFERENCE_CORES).unwrap_err()[0].field, "sleeps");
    }
}
