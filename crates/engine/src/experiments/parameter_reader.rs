//! Reads an experiment's parameters from the form's text, noting every one that cannot be read.

use super::{ExperimentKind, ParameterKind};

/// Reads parameters from text, noting every one that cannot be read.
pub(super) struct ParameterReader<'a> {
    kind: ExperimentKind,
    value: &'a dyn Fn(&str) -> String,
    problems: Vec<String>,
}

impl<'a> ParameterReader<'a> {
    /// A reader of `kind`'s parameters, whose text `value` gives by key.
    pub(super) fn new(kind: ExperimentKind, value: &'a dyn Fn(&str) -> String) -> Self {
        ParameterReader { kind, value, problems: Vec::new() }
    }

    /// One message per parameter that could not be read.
    pub(super) fn into_problems(self) -> Vec<String> {
        self.problems
    }

    fn name(&self, key: &str) -> &'static str {
        self.kind.parameters().iter().find(|parameter| parameter.key == key).map_or("A parameter", |parameter| parameter.name())
    }

    fn parse(&mut self, key: &str, text: &str) -> Option<u64> {
        let parsed = text.trim().replace('_', "").parse().ok();
        if parsed.is_none() {
            let problem = format!("{} must be a whole number (got \"{}\").", self.name(key), text.trim());
            self.problems.push(problem);
        }
        parsed
    }

    /// A whole number (0 when it cannot be read).
    pub(super) fn number(&mut self, key: &str) -> u64 {
        let text = (self.value)(key);
        self.parse(key, &text).unwrap_or(0)
    }

    /// Whole numbers separated by commas (those that can be read).
    pub(super) fn numbers(&mut self, key: &str) -> Vec<u64> {
        let text = (self.value)(key);
        text.split(',').filter_map(|part| self.parse(key, part)).collect()
    }

    /// The key of one of the parameter's listed choices.
    pub(super) fn choice(&mut self, key: &str) -> Option<&'static str> {
        let text = (self.value)(key);
        let choices = self.kind.parameters().iter().find(|parameter| parameter.key == key).map(|parameter| parameter.kind);
        let Some(ParameterKind::Choice(choices)) = choices else {
            return None;
        };
        let found = choices.iter().find(|(choice, _)| *choice == text.trim()).map(|(choice, _)| *choice);
        if found.is_none() {
            self.problems.push(format!("{} must be one of the listed choices.", self.name(key)));
        }
        found
    }
}
