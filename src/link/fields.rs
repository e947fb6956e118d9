//! The fields a share link holds, in one table that drives both writing and reading a link: each
//! field's key, its value as written from the form, the form with a value read back (if the value
//! is of the field's kind; limits are checked afterwards, on the whole form: see `whole_form.rs`),
//! which check of the whole form speaks for it, and which part of the page it belongs to (the
//! experiment, or the Program panel's program).

use engine::{Experiment, ExperimentKind, Mode, Parameter, ParameterKind, RaceProgram};

use crate::form::{read_number, FormFields, OVERHEAD_CHOICES};
use crate::panels::ShownPanels;
use crate::program_state::{program_switch_interval, python_mode_named, ProgramFields};
use crate::race_form::{whole_number, RaceField, RaceFields};

use super::program_code::{decode_program, encode_program};

/// Which check of the whole form speaks for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Check {
    /// The scenario's limits, by the field's name in `engine::LimitError::field`.
    Scenario(&'static str),
    /// The race lab's limits.
    Race(RaceField),
    /// The speed-up study's size.
    StudySize,
}

/// The part of the page a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    /// The experiment (its form, panels and the race lab).
    Experiment,
    /// The Program panel's program: links to the experiment carry it only when it is not the
    /// default, links to the program always.
    Program,
}

/// A field of the form besides the experiment and its parameters.
pub(super) struct Setting {
    key: &'static str,
    write: fn(&FormFields) -> String,
    /// The form with the value read into it, if the value is of the field's kind.
    read: fn(FormFields, &str) -> Option<FormFields>,
    /// What the field takes, for the message when a value is not of its kind.
    takes: &'static str,
    check: Option<Check>,
    part: Part,
}

/// Every setting, in the order links write them.
static SETTINGS: [Setting; 18] = [
    Setting {
        key: "mode",
        write: |fields| fields.mode.key().to_owned(),
        read: |fields, value| Some(FormFields { mode: Mode::from_key(value)?, ..fields }),
        takes: "a mode: single, gil, free or processes",
        check: Some(Check::Scenario("mode")),
        part: Part::Experiment,
    },
    Setting {
        key: "workers",
        write: |fields| fields.workers.clone(),
        read: |fields, value| Some(FormFields { workers: number_text::<i64>(value)?, ..fields }),
        takes: "a whole number",
        check: Some(Check::Scenario("workers")),
        part: Part::Experiment,
    },
    Setting {
        key: "si",
        write: |fields| fields.switch_interval_ms.clone(),
        read: |fields, value| Some(FormFields { switch_interval_ms: number_text::<f64>(value)?, ..fields }),
        takes: "a number of milliseconds",
        check: Some(Check::Scenario("switch_interval")),
        part: Part::Experiment,
    },
    Setting {
        key: "gil",
        write: |fields| if fields.python_3_1_gil { "3.1" } else { "3.2" }.to_owned(),
        read: |fields, value| Some(FormFields { python_3_1_gil: one_of(value, "3.1", "3.2")?, ..fields }),
        takes: "3.1 or 3.2",
        check: None,
        part: Part::Experiment,
    },
    Setting {
        key: "ct",
        write: |fields| fields.check_interval_ticks.clone(),
        read: |fields, value| Some(FormFields { check_interval_ticks: number_text::<u64>(value)?, ..fields }),
        takes: "a whole number of ticks",
        check: Some(Check::Scenario("check_interval")),
        part: Part::Experiment,
    },
    Setting {
        key: "sp",
        write: |fields| fields.serial_percent.clone(),
        read: |fields, value| Some(FormFields { serial_percent: number_text::<u64>(value)?, ..fields }),
        takes: "a whole number of percent",
        check: Some(Check::Scenario("serial_percent")),
        part: Part::Experiment,
    },
    Setting {
        key: "ov",
        write: |fields| fields.overhead_percent.to_string(),
        read: |fields, value| {
            let overhead_percent = value.parse().ok().filter(|percent| OVERHEAD_CHOICES.contains(percent))?;
            Some(FormFields { overhead_percent, ..fields })
        },
        takes: "0, 10 or 40",
        check: Some(Check::Scenario("overhead")),
        part: Part::Experiment,
    },
    Setting {
        key: "up",
        write: |fields| fields.study_up_to.clone(),
        read: |fields, value| value.trim().parse::<usize>().is_ok().then(|| FormFields { study_up_to: value.to_owned(), ..fields }),
        takes: "a whole number of workers",
        check: Some(Check::StudySize),
        part: Part::Experiment,
    },
    Setting {
        key: "show",
        write: |fields| fields.panels.to_keys(),
        read: |fields, value| Some(FormFields { panels: ShownPanels::from_keys(value)?, ..fields }),
        takes: "panel names separated by commas",
        check: None,
        part: Part::Experiment,
    },
    Setting {
        key: "r.p",
        write: |fields| fields.race.program.key().to_owned(),
        read: |fields, value| {
            let program = RaceProgram::from_key(value)?;
            Some(FormFields { race: RaceFields { program, ..fields.race.clone() }, ..fields })
        },
        takes: "a program of the race lab",
        check: None,
        part: Part::Experiment,
    },
    Setting {
        key: "r.s",
        write: |fields| if fields.race.gil { "gil" } else { "free" }.to_owned(),
        read: |fields, value| {
            let gil = one_of(value, "gil", "free")?;
            Some(FormFields { race: RaceFields { gil, ..fields.race.clone() }, ..fields })
        },
        takes: "gil or free",
        check: None,
        part: Part::Experiment,
    },
    Setting {
        key: "r.n",
        write: |fields| fields.race.updates.clone(),
        read: |fields, value| race_text(fields, RaceField::Updates, value),
        takes: "a whole number",
        check: Some(Check::Race(RaceField::Updates)),
        part: Part::Experiment,
    },
    Setting {
        key: "r.k",
        write: |fields| fields.race.switch_every.clone(),
        read: |fields, value| race_text(fields, RaceField::SwitchEvery, value),
        takes: "a whole number",
        check: Some(Check::Race(RaceField::SwitchEvery)),
        part: Part::Experiment,
    },
    Setting {
        key: "r.seed",
        write: |fields| fields.race.seed.clone(),
        read: |fields, value| race_text(fields, RaceField::Seed, value),
        takes: "a whole number",
        check: Some(Check::Race(RaceField::Seed)),
        part: Part::Experiment,
    },
    Setting {
        key: "py",
        write: |fields| fields.program.mode.name().to_owned(),
        read: |fields, value| Some(FormFields { program: ProgramFields { mode: python_mode_named(value)?, ..fields.program.clone() }, ..fields }),
        takes: "a Python mode: gil312, gil39, free or onecore",
        check: None,
        part: Part::Program,
    },
    Setting {
        key: "py.si",
        write: |fields| fields.program.switch_interval_ms.to_string(),
        read: |fields, value| {
            let switch_interval_ms = program_switch_interval(value)?;
            Some(FormFields { program: ProgramFields { switch_interval_ms, ..fields.program.clone() }, ..fields })
        },
        takes: "a switch interval from 0.1 to 100 ms",
        check: None,
        part: Part::Program,
    },
    Setting {
        key: "code",
        // A program too long for a link is refused before a link is written (`program_link_fragment`).
        write: |fields| encode_program(&fields.program.source).unwrap_or_default(),
        read: |fields, value| Some(FormFields { program: ProgramFields { source: decode_program(value)?, ..fields.program.clone() }, ..fields }),
        takes: "a program of up to 8 KB, deflated, in base64url",
        check: None,
        part: Part::Program,
    },
    Setting {
        key: "edit",
        write: |fields| if fields.program.editable_in_widget { "1" } else { "0" }.to_owned(),
        read: |fields, value| {
            let editable_in_widget = one_of(value, "1", "0")?;
            Some(FormFields { program: ProgramFields { editable_in_widget, ..fields.program.clone() }, ..fields })
        },
        takes: "1 or 0",
        check: None,
        part: Part::Program,
    },
];

/// `value` as the form keeps it, if it reads as a number of type `T`.
fn number_text<T: std::str::FromStr>(value: &str) -> Option<String> {
    read_number::<T>(value).map(|_| value.to_owned())
}

/// `true` for `yes`, `false` for `no`, `None` for anything else.
fn one_of(value: &str, yes: &str, no: &str) -> Option<bool> {
    [yes, no].contains(&value).then_some(value == yes)
}

/// The form with the race lab's `field` set to `value`, if it is a whole number.
fn race_text(fields: FormFields, field: RaceField, value: &str) -> Option<FormFields> {
    whole_number(value)?;
    Some(FormFields { race: fields.race.clone().with_text(field, value.to_owned()), ..fields })
}

/// A field of a share link.
#[derive(Clone, Copy)]
pub(super) enum LinkField {
    /// `x`: which experiment. Read before every other field, since it decides which parameters
    /// there are.
    Experiment,
    /// `p.{key}`: a parameter of the experiment.
    Parameter(&'static Parameter),
    /// Any other field of the form.
    Setting(&'static Setting),
}

impl LinkField {
    /// Every field of a link to an experiment of `kind`, in the order links write them.
    pub fn all(kind: ExperimentKind) -> impl Iterator<Item = LinkField> {
        let parameters = kind.parameters().iter().map(LinkField::Parameter);
        std::iter::once(LinkField::Experiment).chain(parameters).chain(SETTINGS.iter().map(LinkField::Setting))
    }

    /// The field that `key` names in a link to an experiment of `kind`.
    pub fn named(kind: ExperimentKind, key: &str) -> Option<LinkField> {
        LinkField::all(kind).find(|field| field.key() == key)
    }

    /// Its key in links.
    pub fn key(self) -> String {
        match self {
            LinkField::Experiment => "x".to_owned(),
            LinkField::Parameter(parameter) => format!("p.{}", parameter.key),
            LinkField::Setting(setting) => setting.key.to_owned(),
        }
    }

    /// Its value in a link to `fields`.
    pub fn write(self, fields: &FormFields) -> String {
        match self {
            LinkField::Experiment => fields.kind.key().to_owned(),
            LinkField::Parameter(parameter) => fields.parameter(parameter.key),
            LinkField::Setting(setting) => (setting.write)(fields),
        }
    }

    /// `fields` with `value` read into this field, if the value is of the field's kind (whether
    /// it is within its limits is checked on the whole form).
    pub fn read(self, fields: FormFields, value: &str) -> Option<FormFields> {
        match self {
            LinkField::Experiment => ExperimentKind::from_key(value).map(|kind| fields.with_experiment(kind)),
            LinkField::Parameter(parameter) => {
                reads_as_parameter(fields.kind, parameter.key, value).then(|| fields.with_parameter(parameter.key, value.to_owned()))
            }
            LinkField::Setting(setting) => (setting.read)(fields, value),
        }
    }

    /// What the field takes, to say why a value was not read.
    pub fn takes(self) -> &'static str {
        match self {
            LinkField::Experiment => "an experiment of the catalogue",
            LinkField::Parameter(parameter) => match parameter.kind {
                ParameterKind::Number => "a whole number",
                ParameterKind::NumberList => "whole numbers separated by commas",
                ParameterKind::Choice(_) => "one of the listed choices",
            },
            LinkField::Setting(setting) => setting.takes,
        }
    }

    /// Which check of the whole form speaks for the field, if one does.
    pub fn check(self) -> Option<Check> {
        match self {
            LinkField::Experiment => None,
            LinkField::Parameter(parameter) => Some(Check::Scenario(parameter.key)),
            LinkField::Setting(setting) => setting.check,
        }
    }

    /// The part of the page it belongs to.
    pub fn part(self) -> Part {
        match self {
            LinkField::Experiment | LinkField::Parameter(_) => Part::Experiment,
            LinkField::Setting(setting) => setting.part,
        }
    }

    /// Whether it is one of the experiment's parameters.
    pub fn is_parameter(self) -> bool {
        matches!(self, LinkField::Parameter(_))
    }
}

/// Whether the engine reads `value` as the parameter `key` of `kind` (the others at their
/// defaults: whether a value reads does not depend on the others).
fn reads_as_parameter(kind: ExperimentKind, key: &str, value: &str) -> bool {
    let defaults = kind.default_experiment().parameter_values();
    let text = |name: &str| {
        if name == key {
            return value.to_owned();
        }
        defaults.iter().find(|(default_key, _)| *default_key == name).map(|(_, text)| text.clone()).unwrap_or_default()
    };
    Experiment::from_parameters(kind, &text).is_ok()
}
