//! The question a lesson asks before its first run, and the run's own answer, read from the
//! line of its output that carries the question's label.

use crate::check::{after_label, labelled_values};

/// A question to predict.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// Pick one of a few answers.
    Choices {
        /// The question.
        text: &'static str,
        /// The answers to pick from.
        choices: Vec<&'static str>,
        /// The label of the output line that answers it.
        answer: &'static str,
    },
    /// Give a number.
    Number {
        /// The question.
        text: &'static str,
        /// What the number counts (`seconds`, `%`).
        unit: &'static str,
        /// The label of the output line that answers it.
        answer: &'static str,
    },
}

/// What a run answered, beside what the learner predicted.
#[derive(Clone, Debug, PartialEq)]
pub struct RunAnswer {
    /// The text after the label on the first line that has it.
    pub text: String,
    /// Whether it agrees with the prediction, when that can be told: the same choice, or the
    /// same number to within 10 %.
    pub agrees: Option<bool>,
}

impl Question {
    /// The question's text.
    pub fn text(&self) -> &'static str {
        match self {
            Question::Choices { text, .. } | Question::Number { text, .. } => text,
        }
    }

    /// The label of the output line that answers it.
    pub fn answer_label(&self) -> &'static str {
        match self {
            Question::Choices { answer, .. } | Question::Number { answer, .. } => answer,
        }
    }

    /// The run's answer in `output` (what it printed, and how the playground said it ended), set
    /// beside `prediction`; `None` if the output has no line
    /// with the label.
    pub fn answered(&self, output: &str, prediction: &str) -> Option<RunAnswer> {
        let text = output.lines().find_map(|line| after_label(line, self.answer_label())).map(|after| after.trim().to_owned())?;
        let agrees = match self {
            Question::Choices { choices, .. } => choices.iter().any(|choice| *choice == text).then(|| text == prediction.trim()),
            Question::Number { .. } => {
                let run: Option<f64> = labelled_values(output, self.answer_label()).first().and_then(|value| value.parse().ok());
                run.zip(prediction.trim().parse::<f64>().ok()).map(|(run, guess)| (run - guess).abs() <= 0.1 * run.abs().max(f64::EPSILON))
            }
        };
        Some(RunAnswer { text, agrees })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_agrees_when_the_run_prints_the_same_choice() {
        let question = Question::Choices { text: "Q?", choices: vec!["none", "some"], answer: "verdict" };
        let answer = question.answered("lost: 12\nverdict: some\n", "some").unwrap();
        assert_eq!(answer, RunAnswer { text: "some".into(), agrees: Some(true) });
        assert_eq!(question.answered("verdict: some\n", "none").unwrap().agrees, Some(false));
        assert_eq!(question.answered("nothing\n", "none"), None);
    }

    #[test]
    fn a_number_agrees_within_ten_percent() {
        let question = Question::Number { text: "Q?", unit: "s", answer: "wall time" };
        assert_eq!(question.answered("wall time: 0.21 s\n", "0.2").unwrap().agrees, Some(true));
        assert_eq!(question.answered("wall time: 0.21 s\n", "2").unwrap().agrees, Some(false));
        assert_eq!(question.answered("wall time: 0.21 s\n", "soon").unwrap().agrees, None);
        assert_eq!(question.answered("wall time: 0.21 s\n", "").unwrap().text, "0.21 s");
    }
}
