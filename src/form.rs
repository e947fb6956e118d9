//! The experiment form's fields as typed, and turning them into a [`Scenario`] or into the
//! messages that say which limit was broken.

use engine::{Experiment, ExperimentKind, FaultPlan, GilPolicy, Mode, Scenario};

/// The speed-up study runs up to at least this many workers…
pub const MIN_STUDY_WORKERS: usize = 2;
/// …and at most this many.
pub const MAX_STUDY_WORKERS: usize = 16;

/// When the "make a worker fail" option is on, the last worker fails this long into the run.
pub const FAULT_AFTER_MS: f64 = 100.0;

/// The form as the learner left it: text fields stay text until Run, so a half-typed number
/// is shown as typed, with a message, rather than silently replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct FormFields {
    /// The chosen experiment.
    pub kind: ExperimentKind,
    /// Countdown: total decrements.
    pub count: String,
    /// Monte Carlo pi: total samples.
    pub samples: String,
    /// Monte Carlo pi: the random seed.
    pub seed: String,
    /// Sum of primes: limits separated by commas.
    pub limits: String,
    /// Sleep: how many waits.
    pub sleeps: String,
    /// Sleep: milliseconds per wait.
    pub millis: String,
    /// Worker count.
    pub workers: String,
    /// The chosen mode.
    pub mode: Mode,
    /// GIL switch interval in milliseconds.
    pub switch_interval_ms: String,
    /// Whether the GIL follows Python 3.1's policy (check interval) instead of 3.2's.
    pub python_3_1_gil: bool,
    /// Python 3.1 policy: ticks between releases.
    pub check_interval_ticks: String,
    /// Whether the last worker fails on purpose.
    pub fail_a_worker: bool,
    /// The speed-up study's largest worker count.
    pub study_up_to: String,
}

/// One text field of the form, to update it by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// See [`FormFields::count`].
    Count,
    /// See [`FormFields::samples`].
    Samples,
    /// See [`FormFields::seed`].
    Seed,
    /// See [`FormFields::limits`].
    Limits,
    /// See [`FormFields::sleeps`].
    Sleeps,
    /// See [`FormFields::millis`].
    Millis,
    /// See [`FormFields::workers`].
    Workers,
    /// See [`FormFields::switch_interval_ms`].
    SwitchInterval,
    /// See [`FormFields::study_up_to`].
    StudyUpTo,
    /// See [`FormFields::check_interval_ticks`].
    CheckInterval,
}

impl Default for FormFields {
    fn default() -> Self {
        let mut fields = FormFields {
            kind: ExperimentKind::MonteCarloPi,
            count: String::new(),
            samples: String::new(),
            seed: String::new(),
            limits: String::new(),
            sleeps: String::new(),
            millis: String::new(),
            workers: "2".into(),
            mode: Mode::ThreadsWithGil,
            switch_interval_ms: "5".into(),
            python_3_1_gil: false,
            check_interval_ticks: "100".into(),
            fail_a_worker: false,
            study_up_to: "4".into(),
        };
        for kind in ExperimentKind::ALL {
            fields.fill_from(&kind.default_experiment());
        }
        fields
    }
}

impl FormFields {
    /// The field's text.
    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::Count => &self.count,
            TextField::Samples => &self.samples,
            TextField::Seed => &self.seed,
            TextField::Limits => &self.limits,
            TextField::Sleeps => &self.sleeps,
            TextField::Millis => &self.millis,
            TextField::Workers => &self.workers,
            TextField::SwitchInterval => &self.switch_interval_ms,
            TextField::StudyUpTo => &self.study_up_to,
            TextField::CheckInterval => &self.check_interval_ticks,
        }
    }

    /// The form with `field` set to `text`.
    pub fn with_text(mut self, field: TextField, text: String) -> Self {
        let slot = match field {
            TextField::Count => &mut self.count,
            TextField::Samples => &mut self.samples,
            TextField::Seed => &mut self.seed,
            TextField::Limits => &mut self.limits,
            TextField::Sleeps => &mut self.sleeps,
            TextField::Millis => &mut self.millis,
            TextField::Workers => &mut self.workers,
            TextField::SwitchInterval => &mut self.switch_interval_ms,
            TextField::StudyUpTo => &mut self.study_up_to,
            TextField::CheckInterval => &mut self.check_interval_ticks,
        };
        *slot = text;
        self
    }

    fn fill_from(&mut self, experiment: &Experiment) {
        match experiment {
            Experiment::Countdown { count } => self.count = count.to_string(),
            Experiment::MonteCarloPi { samples, seed } => {
                self.samples = samples.to_string();
                self.seed = seed.to_string();
            }
            Experiment::SumOfPrimes { limits } => {
                self.limits = limits.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
            }
            Experiment::Sleep { sleeps, millis } => {
                self.sleeps = sleeps.to_string();
                self.millis = millis.to_string();
            }
        }
    }

    /// The scenario the form describes, or every message saying what to fix.
    ///
    /// # Errors
    /// One message per unreadable field or broken limit.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<String>> {
        let mut problems = Vec::new();
        let experiment = self.experiment(&mut problems);
        // Negative counts read as zero, so they get the limit's message rather than "not a number".
        let workers = number::<i64>(&self.workers, "Workers", &mut problems).map(|n| usize::try_from(n).unwrap_or(0));
        let switch_interval_ms = number(&self.switch_interval_ms, "The switch interval", &mut problems);
        let gil_policy = self.gil_policy(&mut problems);
        let (Some(experiment), Some(workers), Some(switch_interval_ms), Some(gil_policy)) =
            (experiment, workers, switch_interval_ms, gil_policy)
        else {
            return Err(problems);
        };
        let mut scenario = Scenario { experiment, mode: self.mode, workers, switch_interval_ms, gil_policy, fault: None };
        scenario.validate().map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        if self.fail_a_worker {
            scenario.fault = Some(FaultPlan { lane: scenario.lanes() - 1, after_ms: FAULT_AFTER_MS });
        }
        Ok(scenario)
    }

    /// The speed-up study's runs: the scenario with 1, 2, … N workers.
    ///
    /// # Errors
    /// What to fix: the form itself, or N outside [`MIN_STUDY_WORKERS`] to [`MAX_STUDY_WORKERS`].
    pub fn study_scenarios(&self) -> Result<Vec<Scenario>, Vec<String>> {
        let scenario = self.to_scenario()?;
        let up_to = self.study_up_to.trim().parse::<usize>().ok().filter(|n| (MIN_STUDY_WORKERS..=MAX_STUDY_WORKERS).contains(n));
        let up_to = up_to.ok_or_else(|| {
            vec![format!("The speed-up study goes up to between {MIN_STUDY_WORKERS} and {MAX_STUDY_WORKERS} workers.")]
        })?;
        Ok((1..=up_to).map(|workers| Scenario { workers, ..scenario.clone() }).collect())
    }

    fn gil_policy(&self, problems: &mut Vec<String>) -> Option<GilPolicy> {
        if !self.python_3_1_gil {
            return Some(GilPolicy::SwitchInterval);
        }
        let ticks = number(&self.check_interval_ticks, "The check interval", problems)?;
        Some(GilPolicy::CheckInterval { ticks })
    }

    fn experiment(&self, problems: &mut Vec<String>) -> Option<Experiment> {
        match self.kind {
            ExperimentKind::Countdown => Some(Experiment::Countdown { count: number(&self.count, "The count", problems)? }),
            ExperimentKind::MonteCarloPi => {
                let samples = number(&self.samples, "Samples", problems);
                let seed = number(&self.seed, "The seed", problems);
                Some(Experiment::MonteCarloPi { samples: samples?, seed: seed? })
            }
            ExperimentKind::SumOfPrimes => {
                let limits: Option<Vec<u64>> =
                    self.limits.split(',').map(|limit| number(limit, "Each limit", problems)).collect();
                Some(Experiment::SumOfPrimes { limits: limits? })
            }
            ExperimentKind::Sleep => {
                let sleeps = number(&self.sleeps, "Sleeps", problems);
                let millis = number(&self.millis, "Milliseconds per sleep", problems);
                Some(Experiment::Sleep { sleeps: sleeps?, millis: millis? })
            }
        }
    }
}

/// Reads a number, or notes that `name` must be one.
fn number<T: std::str::FromStr>(text: &str, name: &str, problems: &mut Vec<String>) -> Option<T> {
    let parsed = text.trim().replace('_', "").parse().ok();
    if parsed.is_none() {
        problems.push(format!("{name} must be a number (got \"{}\").", text.trim()));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_form_is_a_valid_two_worker_pi_run() {
        let scenario = FormFields::default().to_scenario().unwrap();
        assert_eq!(scenario.experiment.kind(), ExperimentKind::MonteCarloPi);
        assert_eq!(scenario.workers, 2);
    }

    #[test]
    fn a_negative_worker_count_gets_the_limit_message() {
        let problems = FormFields::default().with_text(TextField::Workers, "-3".into()).to_scenario().unwrap_err();
        assert!(problems.iter().any(|p| p.contains("between 1 and 64")), "{problems:?}");
    }

    #[test]
    fn every_unreadable_field_is_named() {
        let fields = FormFields::default()
            .with_text(TextField::Samples, "many".into())
            .with_text(TextField::Seed, "x".into());
        let problems = fields.to_scenario().unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn the_study_runs_one_to_n_workers() {
        let fields = FormFields::default().with_text(TextField::StudyUpTo, "3".into());
        let workers: Vec<_> = fields.study_scenarios().unwrap().iter().map(|s| s.workers).collect();
        assert_eq!(workers, vec![1, 2, 3]);
    }

    #[test]
    fn a_study_past_sixteen_workers_is_refused() {
        let fields = FormFields::default().with_text(TextField::StudyUpTo, "17".into());
        assert!(fields.study_scenarios().unwrap_err()[0].contains("between 2 and 16"));
    }

    #[test]
    fn the_python_3_1_gil_takes_its_check_interval() {
        let fields = FormFields { python_3_1_gil: true, ..FormFields::default() }.with_text(TextField::CheckInterval, "250".into());
        assert_eq!(fields.to_scenario().unwrap().gil_policy, GilPolicy::CheckInterval { ticks: 250 });
    }

    #[test]
    fn the_failing_worker_is_the_last_lane() {
        let fields = FormFields { fail_a_worker: true, workers: "3".into(), ..FormFields::default() };
        assert_eq!(fields.to_scenario().unwrap().fault.map(|fault| fault.lane), Some(2));
    }

    #[test]
    fn prime_limits_are_read_from_a_comma_separated_list() {
        let fields = FormFields { kind: ExperimentKind::SumOfPrimes, ..FormFields::default() }
            .with_text(TextField::Limits, "10, 20_000,30".into());
        let scenario = fields.to_scenario().unwrap();
        assert_eq!(scenario.experiment, Experiment::SumOfPrimes { limits: vec![10, 20_000, 30] });
    }
}
