//! One parameter of an experiment as the form and links know it: its key, its label and how it
//! is typed; and a parameter's value as the form shows it.

/// How a parameter is typed into the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterKind {
    /// A whole number.
    Number,
    /// Whole numbers separated by commas.
    NumberList,
    /// One of these `(key, label)` choices.
    Choice(&'static [(&'static str, &'static str)]),
}

/// One parameter of an experiment, as the form and links know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// A short stable name, for links and form ids.
    pub key: &'static str,
    /// The form's label; the part before " (" names it in messages.
    pub label: &'static str,
    /// How it is typed.
    pub kind: ParameterKind,
}

impl Parameter {
    pub(super) const fn number(key: &'static str, label: &'static str) -> Self {
        Parameter { key, label, kind: ParameterKind::Number }
    }

    /// The parameter's name in a message: its label up to the first " (".
    pub fn name(&self) -> &'static str {
        self.label.split(" (").next().unwrap_or(self.label)
    }
}

/// The random stream's seed, a parameter of every experiment that draws random numbers.
pub(super) const SEED: Parameter = Parameter::number("seed", "Random seed");

/// Whole-number parameters' values as the form shows them, by key.
pub(super) fn number_values(pairs: &[(&'static str, u64)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(key, value)| (*key, value.to_string())).collect()
}
