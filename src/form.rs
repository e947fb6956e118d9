//! The experiment form's fields as typed, and turning them into a [`Scenario`] (with its
//! estimated run time on this machine) or into the messages that say which limit was broken.

use std::collections::HashMap;

use engine::{Experiment, ExperimentKind, FaultPlan, GilPolicy, Mode, Scenario};

use crate::panels::ShownPanels;
use crate::program_state::ProgramFields;
use crate::race_form::RaceFields;

/// The speed-up study runs up to at least this many workers…
pub const MIN_STUDY_WORKERS: usize = 2;
/// …and at most this many.
pub const MAX_STUDY_WORKERS: usize = 16;

/// When the "make a worker fail" option is on, the last worker fails this long into the run.
pub const FAULT_AFTER_MS: f64 = 100.0;

/// CPython's switch interval (ms), the form's and a program's default.
pub const DEFAULT_SWITCH_INTERVAL_MS: f64 = 5.0;

/// The form as the learner left it: text fields stay text until Run, so a half-typed number
/// is shown as typed, with a message, rather than silently replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct FormFields {
    /// The chosen experiment.
    pub kind: ExperimentKind,
    /// Every experiment's parameters as typed, by experiment and parameter key, so switching
    /// experiments back and forth keeps what was typed.
    pub parameters: HashMap<(ExperimentKind, &'static str), String>,
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
    /// The share of the work that runs alone first, in percent.
    pub serial_percent: String,
    /// The free-threaded mode's extra cost per tick, in percent (one of [`OVERHEAD_CHOICES`]).
    pub overhead_percent: u64,
    /// Whether the last worker fails on purpose.
    pub fail_a_worker: bool,
    /// The speed-up study's largest worker count.
    pub study_up_to: String,
    /// The page's panels that are shown.
    pub panels: ShownPanels,
    /// The race lab's own form.
    pub race: RaceFields,
    /// The Program panel's program and mode.
    pub program: ProgramFields,
    /// This machine's logical cores, which the run-time estimate and limit depend on.
    pub cores: usize,
}

/// The free-threaded per-tick overheads offered: none, about CPython 3.14t's, about 3.13t's.
pub const OVERHEAD_CHOICES: [u64; 3] = [0, 10, 40];

/// One text field of the form besides the experiment's parameters, to update it by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// See [`FormFields::workers`].
    Workers,
    /// See [`FormFields::switch_interval_ms`].
    SwitchInterval,
    /// See [`FormFields::study_up_to`].
    StudyUpTo,
    /// See [`FormFields::check_interval_ticks`].
    CheckInterval,
    /// See [`FormFields::serial_percent`].
    SerialPercent,
}

impl Default for FormFields {
    fn default() -> Self {
        let parameters = ExperimentKind::ALL
            .into_iter()
            .flat_map(|kind| kind.default_experiment().parameter_values().into_iter().map(move |(key, value)| ((kind, key), value)))
            .collect();
        FormFields {
            kind: ExperimentKind::MonteCarloPi,
            parameters,
            workers: "2".into(),
            mode: Mode::ThreadsWithGil,
            switch_interval_ms: DEFAULT_SWITCH_INTERVAL_MS.to_string(),
            python_3_1_gil: false,
            check_interval_ticks: "100".into(),
            serial_percent: "0".into(),
            overhead_percent: 0,
            fail_a_worker: false,
            study_up_to: "4".into(),
            panels: ShownPanels::default(),
            race: RaceFields::default(),
            program: ProgramFields::default(),
            cores: page_cores(),
        }
    }
}

impl FormFields {
    /// The field's text.
    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::Workers => &self.workers,
            TextField::SwitchInterval => &self.switch_interval_ms,
            TextField::StudyUpTo => &self.study_up_to,
            TextField::CheckInterval => &self.check_interval_ticks,
            TextField::SerialPercent => &self.serial_percent,
        }
    }

    /// The form with `field` set to `text`.
    pub fn with_text(mut self, field: TextField, text: String) -> Self {
        let slot = match field {
            TextField::Workers => &mut self.workers,
            TextField::SwitchInterval => &mut self.switch_interval_ms,
            TextField::StudyUpTo => &mut self.study_up_to,
            TextField::CheckInterval => &mut self.check_interval_ticks,
            TextField::SerialPercent => &mut self.serial_percent,
        };
        *slot = text;
        self
    }

    /// The chosen experiment's parameter `key` as typed.
    pub fn parameter(&self, key: &str) -> String {
        self.parameters.get(&(self.kind, key)).cloned().unwrap_or_default()
    }

    /// The form with the chosen experiment's parameter `key` set to `text`.
    pub fn with_parameter(mut self, key: &'static str, text: String) -> Self {
        self.parameters.insert((self.kind, key), text);
        self
    }

    /// The form switched to `kind`, with its usual worker count and, if the mode was one the
    /// experiment does not run in, its first mode.
    pub fn with_experiment(self, kind: ExperimentKind) -> Self {
        let mode = if kind.modes().contains(&self.mode) { self.mode } else { kind.modes()[0] };
        FormFields { kind, mode, workers: kind.default_workers().to_string(), ..self }
    }

    /// The scenario the form describes, or every message saying what to fix.
    ///
    /// # Errors
    /// One message per unreadable field or broken limit.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<String>> {
        let mut scenario = self.read_scenario()?;
        scenario.validate_on(self.cores).map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        if self.fail_a_worker {
            scenario.fault = Some(FaultPlan { lane: scenario.lanes() - 1, after_ms: FAULT_AFTER_MS });
        }
        Ok(scenario)
    }

    /// The scenario the form's text reads as, its limits not checked yet (no fault planned).
    ///
    /// # Errors
    /// One message per field that does not read as what it should be.
    pub fn read_scenario(&self) -> Result<Scenario, Vec<String>> {
        let mut problems = Vec::new();
        let experiment = Experiment::from_parameters(self.kind, &|key| self.parameter(key)).map_err(|found| problems.extend(found)).ok();
        // Negative counts read as zero, so they get the limit's message rather than "not a number".
        let workers = number::<i64>(&self.workers, "Workers", &mut problems).map(|n| usize::try_from(n).unwrap_or(0));
        let switch_interval_ms = number(&self.switch_interval_ms, "The switch interval", &mut problems);
        let serial_percent = number(&self.serial_percent, "The serial share", &mut problems);
        let gil_policy = self.gil_policy(&mut problems);
        let (Some(experiment), Some(workers), Some(switch_interval_ms), Some(serial_percent), Some(gil_policy)) =
            (experiment, workers, switch_interval_ms, serial_percent, gil_policy)
        else {
            return Err(problems);
        };
        Ok(Scenario {
            experiment,
            mode: self.mode,
            workers,
            switch_interval_ms,
            gil_policy,
            fault: None,
            serial_percent,
            free_threading_overhead_percent: self.overhead_percent,
        })
    }

    /// How long the form's run would take on this machine, for a learner to read before Run
    /// (nothing while the form has something to fix: its messages say why).
    pub fn estimate_text(&self) -> Option<String> {
        let scenario = self.to_scenario().ok()?;
        let seconds = scenario.estimated_seconds(self.cores);
        Some(format!("Estimated time: {} ({})", about_seconds(seconds), scenario.machine_description(self.cores)))
    }

    /// The speed-up study's runs: the scenario with 1, 2, … N workers.
    ///
    /// # Errors
    /// What to fix: the form itself, or N outside [`MIN_STUDY_WORKERS`] to [`MAX_STUDY_WORKERS`].
    pub fn study_scenarios(&self) -> Result<Vec<Scenario>, Vec<String>> {
        let scenario = self.to_scenario()?;
        let up_to = self.study_size().ok_or_else(|| {
            vec![format!("The speed-up study goes up to between {MIN_STUDY_WORKERS} and {MAX_STUDY_WORKERS} workers.")]
        })?;
        Ok((1..=up_to).map(|workers| Scenario { workers, ..scenario.clone() }).collect())
    }

    /// The speed-up study's largest worker count, if the text is one from [`MIN_STUDY_WORKERS`]
    /// to [`MAX_STUDY_WORKERS`].
    pub fn study_size(&self) -> Option<usize> {
        self.study_up_to.trim().parse::<usize>().ok().filter(|n| (MIN_STUDY_WORKERS..=MAX_STUDY_WORKERS).contains(n))
    }

    fn gil_policy(&self, problems: &mut Vec<String>) -> Option<GilPolicy> {
        if !self.python_3_1_gil {
            return Some(GilPolicy::SwitchInterval);
        }
        let ticks = number(&self.check_interval_ticks, "The check interval", problems)?;
        Some(GilPolicy::CheckInterval { ticks })
    }
}

/// The page's logical cores (`navigator.hardwareConcurrency`); natively (in tests), the cores
/// of the machine the estimate's costs were measured on.
fn page_cores() -> usize {
    #[cfg(target_arch = "wasm32")]
    let cores = crate::components::environment_status::core_count();
    #[cfg(not(target_arch = "wasm32"))]
    let cores = engine::REFERENCE_CORES;
    cores
}

/// A duration in seconds as a learner reads an estimate: "about 1.6 s", "about 40 s".
fn about_seconds(seconds: f64) -> String {
    match seconds {
        s if s < 0.1 => "under 0.1 s".to_owned(),
        s if s < 10.0 => format!("about {s:.1} s"),
        s => format!("about {s:.0} s"),
    }
}

/// Steps of the switch-interval slider: a logarithmic scale, 100 steps per factor of ten, from
/// 0.1 ms (step 0) to 100 ms (step 300).
pub const SWITCH_INTERVAL_SLIDER_STEPS: u32 = 300;

/// Where the switch-interval slider stands for the interval typed (the default 5 ms while the
/// text is not a number).
pub fn switch_interval_slider_step(text: &str) -> u32 {
    let ms: f64 = text.trim().parse().unwrap_or(5.0);
    let step = (ms.max(f64::MIN_POSITIVE).log10() + 1.0) * 100.0;
    step.round().clamp(0.0, f64::from(SWITCH_INTERVAL_SLIDER_STEPS)) as u32
}

/// The interval at a slider step, rounded to two significant figures, as the text field shows it.
pub fn switch_interval_at_slider_step(step: u32) -> String {
    let ms = 10f64.powf(f64::from(step.min(SWITCH_INTERVAL_SLIDER_STEPS)) / 100.0 - 1.0);
    let decimals = (1.0 - ms.log10().floor()).max(0.0) as usize;
    let text = format!("{ms:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text }
}

/// `text` as a number of the form's text fields (`_` may group digits), if it is one.
pub fn read_number<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.trim().replace('_', "").parse().ok()
}

/// Reads a number, or notes that `name` must be one.
fn number<T: std::str::FromStr>(text: &str, name: &str, problems: &mut Vec<String>) -> Option<T> {
    let parsed = read_number(text);
    if parsed.is_none() {
        problems.push(format!("{name} must be a number (got \"{}\").", text.trim()));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_interval_slider_spans_a_tenth_to_a_hundred_milliseconds_on_a_log_scale() {
        assert_eq!(switch_interval_at_slider_step(0), "0.1");
        assert_eq!(switch_interval_at_slider_step(100), "1");
        assert_eq!(switch_interval_at_slider_step(170), "5");
        assert_eq!(switch_interval_at_slider_step(215), "14");
        assert_eq!(switch_interval_at_slider_step(300), "100");
        assert_eq!(switch_interval_at_slider_step(999), "100");
    }

    #[test]
    fn the_switch_interval_slider_follows_the_typed_interval() {
        assert_eq!(switch_interval_slider_step("5"), 170);
        assert_eq!(switch_interval_slider_step("0.1"), 0);
        assert_eq!(switch_interval_slider_step("1000"), 300);
        assert_eq!(switch_interval_slider_step("-2"), 0);
        assert_eq!(switch_interval_slider_step("soon"), 170);
        for step in 0..=SWITCH_INTERVAL_SLIDER_STEPS {
            let text = switch_interval_at_slider_step(step);
            assert!(switch_interval_slider_step(&text).abs_diff(step) <= 2, "step {step} gives {text}");
        }
    }

    #[test]
    fn the_default_form_is_a_valid_two_worker_pi_run() {
        let scenario = FormFields::default().to_scenario().unwrap();
        assert_eq!(scenario.experiment.kind(), ExperimentKind::MonteCarloPi);
        assert_eq!(scenario.workers, 2);
    }

    #[test]
    fn a_negative_worker_count_gets_the_limit_message() {
        let problems = FormFields::default().with_text(TextField::Workers, "-3".into()).to_scenario().unwrap_err();
        assert!(problems.iter().any(|p| p.contains("between 1 and 100")), "{problems:?}");
    }

    #[test]
    fn every_unreadable_field_is_named() {
        let fields = FormFields::default().with_parameter("samples", "many".into()).with_parameter("seed", "x".into());
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
        let fields = FormFields::default().with_experiment(ExperimentKind::SumOfPrimes).with_parameter("limits", "10, 20_000,30".into());
        let scenario = fields.to_scenario().unwrap();
        assert_eq!(scenario.experiment, Experiment::SumOfPrimes { limits: vec![10, 20_000, 30] });
    }

    #[test]
    fn choosing_an_experiment_takes_its_worker_count_and_a_mode_it_runs_in() {
        let fields = FormFields { mode: Mode::Single, ..FormFields::default() }.with_experiment(ExperimentKind::Convoy);
        assert_eq!((fields.mode, fields.workers.as_str()), (Mode::ThreadsWithGil, "2"));
        let fields = fields.with_experiment(ExperimentKind::Sleep);
        assert_eq!((fields.mode, fields.workers.as_str()), (Mode::ThreadsWithGil, "10"));
    }

    #[test]
    fn parameters_typed_for_one_experiment_survive_a_visit_to_another() {
        let fields = FormFields::default().with_parameter("seed", "42".into());
        let back = fields.with_experiment(ExperimentKind::Downloads).with_experiment(ExperimentKind::MonteCarloPi);
        assert_eq!(back.parameter("seed"), "42");
    }

    #[test]
    fn the_estimate_names_the_time_the_mode_the_workers_and_the_cores() {
        let fields = FormFields { cores: 2, ..FormFields::default() }.with_experiment(ExperimentKind::Countdown).with_parameter("count", "1000000000".into());
        let fields = FormFields { mode: Mode::ThreadsWithGil, ..fields }.with_text(TextField::Workers, "16".into()).with_text(TextField::SwitchInterval, "0.1".into());
        assert_eq!(fields.estimate_text().as_deref(), Some("Estimated time: about 1.6 s (threads + GIL, 16 workers on 2 cores)"));
        assert_eq!(FormFields { mode: Mode::Single, ..fields }.estimate_text().as_deref(), Some("Estimated time: about 1.0 s (single worker, 1 worker on 2 cores)"));
    }

    #[test]
    fn a_run_past_the_limit_on_this_machine_shows_no_estimate_but_the_limit_message() {
        let fields = FormFields { cores: 2, ..FormFields::default() }.with_experiment(ExperimentKind::Countdown).with_parameter("count", "120000000000".into());
        let fields = fields.with_text(TextField::Workers, "100".into()).with_text(TextField::SwitchInterval, "0.1".into());
        assert_eq!(fields.estimate_text(), None);
        let problems = fields.to_scenario().unwrap_err();
        assert!(problems[0].starts_with("This size would run for about 600 s here") && problems[0].contains("the limit is 120 s"), "{problems:?}");
    }

    #[test]
    fn every_experiment_of_the_catalogue_is_valid_from_its_defaults() {
        for kind in ExperimentKind::ALL {
            let fields = FormFields::default().with_experiment(kind);
            assert!(fields.to_scenario().is_ok(), "{kind:?}: {:?}", fields.to_scenario());
        }
    }
}
