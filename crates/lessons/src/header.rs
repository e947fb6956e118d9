//! A lesson's header: the `# key: value` lines that open its program, read into a [`Lesson`].
//! The program a learner sees is what follows the header.

use python::Mode;

use crate::check::Check;
use crate::question::Question;

/// How a lesson's program ends when it runs as intended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ends {
    /// It finishes.
    Finished,
    /// Every thread ends up waiting for another: the playground reports a deadlock.
    Deadlock,
}

/// One lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The row of the experiment list it belongs to (`C4`).
    pub id: &'static str,
    /// Its title.
    pub title: &'static str,
    /// What it shows, in a sentence or two.
    pub shows: &'static str,
    /// What to notice in its output or on its timeline.
    pub notice: &'static str,
    /// The mode it opens in.
    pub mode: Mode,
    /// The question asked before its first run, if any.
    pub question: Option<Question>,
    /// Claims about its output (every mode's and the default mode's).
    pub checks: Vec<Check>,
    /// Text its output must contain.
    pub prints: Vec<&'static str>,
    /// Text its output must not contain.
    pub absent: Vec<&'static str>,
    /// How it ends.
    pub ends: Ends,
    /// Whether its output is the same in every run and in CPython (`# output: exact`): the
    /// tests then compare it with what CPython 3.11 printed.
    pub exact: bool,
    /// The program without its header.
    pub program: &'static str,
}

impl Lesson {
    /// The label shown in the list: `C4 · The GIL does not make balance += 1 atomic`.
    pub fn label(&self) -> String {
        format!("{} · {}", self.id, self.title)
    }

    /// The checks that apply when it runs in `mode`: those for that mode, or, when it has
    /// none of its own, the default mode's.
    pub fn checks_in(&self, mode: Mode) -> Vec<&Check> {
        let own: Vec<&Check> = self.checks.iter().filter(|check| check.mode == Some(mode)).collect();
        if !own.is_empty() {
            return own;
        }
        let default_mode = mode == self.mode;
        self.checks.iter().filter(|check| check.mode.is_none() && default_mode).collect()
    }

    /// The modes it has checks for: its own mode first.
    pub fn checked_modes(&self) -> Vec<Mode> {
        let mut modes = vec![self.mode];
        for mode in self.checks.iter().filter_map(|check| check.mode) {
            if !modes.contains(&mode) {
                modes.push(mode);
            }
        }
        modes
    }
}

/// What is wrong with a header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderError(pub String);

/// Reads a lesson from its program's text.
///
/// # Errors
/// A header line with an unknown key or a bad value, or a required key missing.
pub fn parse(text: &'static str) -> Result<Lesson, HeaderError> {
    let mut fields = Fields::default();
    let mut rest = text;
    while let Some(line) = rest.lines().next().filter(|line| line.starts_with("# ")) {
        let Some((key, value)) = line[2..].split_once(": ") else { break };
        fields.take(key, value.trim())?;
        rest = rest[line.len()..].strip_prefix('\n').unwrap_or("");
    }
    fields.finish(rest.trim_start_matches('\n'))
}

/// The header's values as they are read.
#[derive(Default)]
struct Fields {
    id: Option<&'static str>,
    title: Option<&'static str>,
    shows: Option<&'static str>,
    notice: Option<&'static str>,
    mode: Option<Mode>,
    question: Option<&'static str>,
    choices: Option<Vec<&'static str>>,
    unit: Option<&'static str>,
    answer: Option<&'static str>,
    checks: Vec<Check>,
    prints: Vec<&'static str>,
    absent: Vec<&'static str>,
    ends: Option<Ends>,
    exact: bool,
}

impl Fields {
    fn take(&mut self, key: &str, value: &'static str) -> Result<(), HeaderError> {
        match key {
            "lesson" => self.id = Some(value),
            "title" => self.title = Some(value),
            "shows" => self.shows = Some(value),
            "notice" => self.notice = Some(value),
            "mode" => self.mode = Some(mode_named(value)?),
            "question" => self.question = Some(value),
            "choices" => self.choices = Some(value.split(" | ").map(str::trim).collect()),
            "number" => self.unit = Some(value),
            "answer" => self.answer = Some(value),
            "check" => self.checks.push(Check::parse(value, None, false)?),
            "timing" => self.checks.push(Check::parse(value, None, true)?),
            "prints" => self.prints.push(value),
            "absent" => self.absent.push(value),
            "ends" if value == "deadlock" => self.ends = Some(Ends::Deadlock),
            "output" if value == "exact" => self.exact = true,
            _ => match key.strip_prefix("check ") {
                Some(mode) => self.checks.push(Check::parse(value, Some(mode_named(mode)?), false)?),
                None => return Err(HeaderError(format!("unknown header line `# {key}: {value}`"))),
            },
        }
        Ok(())
    }

    fn finish(self, program: &'static str) -> Result<Lesson, HeaderError> {
        let required = |value: Option<&'static str>, key: &str| value.ok_or_else(|| HeaderError(format!("no `# {key}:` line")));
        let question = match (self.question, self.choices, self.unit) {
            (None, None, None) => None,
            (Some(text), Some(choices), None) => Some(Question::Choices { text, choices, answer: required(self.answer, "answer")? }),
            (Some(text), None, Some(unit)) => Some(Question::Number { text, unit, answer: required(self.answer, "answer")? }),
            _ => return Err(HeaderError("a question needs either `# choices:` or `# number:`".to_owned())),
        };
        Ok(Lesson {
            id: required(self.id, "lesson")?,
            title: required(self.title, "title")?,
            shows: required(self.shows, "shows")?,
            notice: required(self.notice, "notice")?,
            mode: self.mode.ok_or_else(|| HeaderError("no `# mode:` line".to_owned()))?,
            question,
            checks: self.checks,
            prints: self.prints,
            absent: self.absent,
            ends: self.ends.unwrap_or(Ends::Finished),
            exact: self.exact,
            program,
        })
    }
}

fn mode_named(name: &str) -> Result<Mode, HeaderError> {
    Mode::ALL.into_iter().find(|mode| mode.name() == name).ok_or_else(|| HeaderError(format!("no mode named `{name}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# lesson: Z9\n# title: T\n# shows: S\n# notice: N\n# mode: gil39\n# question: Q?\n# choices: a | b\n\
                        # answer: verdict\n# check: lost > 0\n# check gil312: lost == 0\n# prints: done\nimport threading\n";

    #[test]
    fn a_header_is_read_and_the_program_starts_after_it() {
        let lesson = parse(TEXT).unwrap();
        assert_eq!((lesson.id, lesson.mode, lesson.program), ("Z9", Mode::Gil39, "import threading\n"));
        assert_eq!(lesson.question, Some(Question::Choices { text: "Q?", choices: vec!["a", "b"], answer: "verdict" }));
        assert_eq!(lesson.prints, vec!["done"]);
    }

    #[test]
    fn a_mode_with_checks_of_its_own_uses_only_those() {
        let lesson = parse(TEXT).unwrap();
        assert_eq!(lesson.checks_in(Mode::Gil39).len(), 1);
        assert_eq!(lesson.checks_in(Mode::Gil312)[0].value, 0.0);
        assert!(lesson.checks_in(Mode::Free).is_empty());
        assert_eq!(lesson.checked_modes(), vec![Mode::Gil39, Mode::Gil312]);
    }

    #[test]
    fn an_unknown_key_is_refused() {
        assert!(parse("# lesson: Z9\n# colour: red\n").is_err());
        assert!(parse("# lesson: Z9\n").is_err());
    }
}
