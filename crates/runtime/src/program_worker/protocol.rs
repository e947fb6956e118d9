//! The messages between the page and a program worker, as JSON text: [`StartProgram`] from the
//! page (Stop is a plain `{stop: true}`, which `worker.js` hands to the program; replies of the
//! page's keeper of processes come as `{deliveries}`, a JSON list of byte lists), and
//! [`ProgramNews`] back after each slice that had any (with the process's letters to the
//! keeper), the last one saying how it ended.

use python::{Halt, Mode, Outcome, OutputLine, Stream};
use serde::{Deserialize, Serialize};

use engine::LaneNews;

/// The page's first message to a program worker: what to run and how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartProgram {
    /// The program's text.
    pub source: String,
    /// The Python mode, by [`Mode::name`] ("gil312").
    pub mode: String,
    /// The GIL's switch interval until the program sets another (µs).
    pub switch_interval_us: u64,
    /// Cores the page has (`os.cpu_count()`).
    pub cores: usize,
    /// The run's time origin, a reading of the clock every global shares: the page's lanes
    /// count from it, and the news' times are sent relative to it.
    pub origin_ms: f64,
    /// Set when the program's processes ask the page's keeper by message: this process's
    /// place in the tree (none: the program cannot start processes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<InTree>,
}

/// A process of a tree kept by the page: its pid, and for a child its bootstrap message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InTree {
    /// Its pid.
    pub pid: u32,
    /// A child's bootstrap (`None`: the main program).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bootstrap: Option<Vec<u8>>,
}

/// What a slice of the program did that the page has not seen yet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgramNews {
    /// Lines completed since the last news (at most the last 10,000: the program's output
    /// keeps no more, so older ones were dropped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<PrintedLine>,
    /// The line being printed, not yet ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<PrintedLine>,
    /// Lines completed since the program started (kept and dropped).
    pub written: u64,
    /// The timeline's news: threads started and their states.
    #[serde(default, skip_serializing_if = "LaneNews::is_empty")]
    pub lanes: LaneNews,
    /// How the program ended (in its last news only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Ended>,
    /// The process's letters to the page's keeper, as bytes, in the order they were posted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letters: Vec<Vec<u8>>,
}

/// One line of output as it travels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrintedLine {
    /// The thread that printed it.
    pub thread: String,
    /// Its text, without the newline.
    pub text: String,
    /// Whether it went to stderr.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stderr: bool,
}

/// How a program on a worker ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ended {
    /// As [`Outcome`] says.
    Outcome(EndedAs),
    /// It could not run on one worker at all (free-threaded Python): why.
    Refused(String),
}

/// [`Outcome`], as it travels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EndedAs {
    /// It ran to its end.
    Finished,
    /// An uncaught exception.
    Failed,
    /// It did not parse or compile.
    Rejected,
    /// Stop.
    Stopped,
    /// The time limit.
    TimeLimit,
    /// A deadlock: who waits for what.
    Deadlock(String),
}

impl From<&OutputLine> for PrintedLine {
    fn from(line: &OutputLine) -> Self {
        PrintedLine { thread: line.thread.to_string(), text: line.text.clone(), stderr: line.stream == Stream::Stderr }
    }
}

impl From<PrintedLine> for OutputLine {
    fn from(line: PrintedLine) -> Self {
        let stream = if line.stderr { Stream::Stderr } else { Stream::Stdout };
        OutputLine { stream, thread: line.thread.into(), text: line.text }
    }
}

impl From<&Outcome> for EndedAs {
    fn from(outcome: &Outcome) -> Self {
        match outcome {
            Outcome::Finished | Outcome::Halted(Halt::ProgramEnded) => EndedAs::Finished,
            Outcome::Failed => EndedAs::Failed,
            Outcome::Rejected => EndedAs::Rejected,
            Outcome::Halted(Halt::Stopped) => EndedAs::Stopped,
            Outcome::Halted(Halt::TimeLimit) => EndedAs::TimeLimit,
            Outcome::Halted(Halt::Deadlock(report)) => EndedAs::Deadlock(report.clone()),
        }
    }
}

impl From<EndedAs> for Outcome {
    fn from(ended: EndedAs) -> Self {
        match ended {
            EndedAs::Finished => Outcome::Finished,
            EndedAs::Failed => Outcome::Failed,
            EndedAs::Rejected => Outcome::Rejected,
            EndedAs::Stopped => Outcome::Halted(Halt::Stopped),
            EndedAs::TimeLimit => Outcome::Halted(Halt::TimeLimit),
            EndedAs::Deadlock(report) => Outcome::Halted(Halt::Deadlock(report)),
        }
    }
}

/// The mode named `name` ([`Mode::name`]).
pub fn mode_named(name: &str) -> Option<Mode> {
    Mode::ALL.into_iter().find(|mode| mode.name() == name)
}

/// A message as text.
pub fn encode(message: &impl Serialize) -> String {
    serde_json::to_string(message).expect("the program worker's messages always serialise")
}

/// A message from text.
///
/// # Errors
/// The text is not a message of this protocol.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| format!("unreadable message of a program worker: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_of_a_slice_survive_the_round_trip() {
        let news = ProgramNews {
            lines: vec![PrintedLine { thread: "Thread-1 (worker)".into(), text: "job 1".into(), stderr: false }],
            partial: Some(PrintedLine { thread: "MainThread".into(), text: "tot".into(), stderr: false }),
            written: 12,
            lanes: LaneNews::default(),
            ended: Some(Ended::Outcome(EndedAs::Deadlock("deadlock: every thread is blocked".into()))),
            letters: vec![vec![1, 2, 255]],
        };
        assert_eq!(decode::<ProgramNews>(&encode(&news)), Ok(news));
    }

    #[test]
    fn a_line_is_a_few_bytes_more_than_its_text_and_thread() {
        let line = PrintedLine { thread: "MainThread".into(), text: "99999".into(), stderr: false };
        assert_eq!(encode(&line), r#"{"thread":"MainThread","text":"99999"}"#);
    }

    #[test]
    fn every_outcome_travels_as_itself() {
        let outcomes = [
            Outcome::Finished,
            Outcome::Failed,
            Outcome::Rejected,
            Outcome::Halted(Halt::Stopped),
            Outcome::Halted(Halt::TimeLimit),
            Outcome::Halted(Halt::Deadlock("who waits for what".into())),
        ];
        for outcome in outcomes {
            assert_eq!(Outcome::from(EndedAs::from(&outcome)), outcome);
        }
    }

    #[test]
    fn every_mode_is_found_by_its_name() {
        for mode in Mode::ALL {
            assert_eq!(mode_named(mode.name()), Some(mode));
        }
    }
}
