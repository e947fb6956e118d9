//! The Program panel's state, apart from its drawing: the program, its mode and the switch
//! interval it starts with, as the page keeps them ([`ProgramFields`]: the editor, a link or a
//! lesson changes them), the lesson it came
//! from and the learner's prediction ([`LessonState`], changed only by a [`LessonAction`]), the
//! modes a learner picks from, the default program, what a poll of a running program gives the
//! panel ([`ProgramView`]), what the status line says about how a program ended, and which line
//! of the program a failed run points at.

use std::rc::Rc;

use engine::{MAX_SWITCH_INTERVAL_MS, MIN_SWITCH_INTERVAL_MS};
use lessons::Lesson;
use python::{Halt, Mode, Outcome, OutputLine, Stream};
use runtime::{ProgramProcess, ProgramStatus, PROGRAM_TIME_LIMIT};
use yew::Reducible;

use crate::program_lanes::ProgramLane;

/// The modes in the order the panel lists them, each with its label (the default first).
pub const PYTHON_MODES: [(Mode, &str); 4] = [
    (Mode::Gil312, "CPython 3.12, with the GIL"),
    (Mode::Gil39, "CPython 3.9 and earlier"),
    (Mode::Free, "free-threaded (3.13t / 3.14t)"),
    (Mode::OneCore, "one core"),
];

/// Why free-threaded Python cannot run on a page without shared memory.
pub const FREE_THREADED_REFUSED: &str =
    "Not on this page: free-threaded threads run in parallel on cores of their own, which needs shared memory; here threads take turns on one worker.";

/// What the textbox holds when the page opens: two threads share a Queue of orders and add to a
/// total under a Lock.
pub const DEFAULT_PROGRAM: &str = r#"import queue
import threading

orders = queue.Queue()
served = 0
served_lock = threading.Lock()

def waiter():
    global served
    while True:
        order = orders.get()
        if order is None:
            break
        with served_lock:
            served += 1
        print("served", order)

staff = [threading.Thread(target=waiter) for _ in range(2)]
for person in staff:
    person.start()
for order in ["tea", "soup", "bread", "cake"]:
    orders.put(order)
for person in staff:
    orders.put(None)
for person in staff:
    person.join()
print("orders served:", served)
"#;

/// The switch interval a program starts with unless the page sets another (ms): CPython's.
pub const DEFAULT_PROGRAM_SWITCH_INTERVAL_MS: f64 = 5.0;

/// The program as the page keeps it: its text, mode and switch interval (what a link carries,
/// what a lesson loads and what the editor and the panel's fields show and change).
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramFields {
    /// The program's text.
    pub source: String,
    /// The mode it runs in.
    pub mode: Mode,
    /// The GIL switch interval it starts with (ms), as `sys.getswitchinterval()` then says,
    /// until it calls `sys.setswitchinterval`.
    pub switch_interval_ms: f64,
    /// Whether a widget that embeds it lets the reader edit it (the full page always does).
    pub editable_in_widget: bool,
}

impl Default for ProgramFields {
    fn default() -> Self {
        ProgramFields { source: DEFAULT_PROGRAM.to_owned(), mode: Mode::Gil312, switch_interval_ms: DEFAULT_PROGRAM_SWITCH_INTERVAL_MS, editable_in_widget: false }
    }
}

/// The mode a link names (`gil312`, `gil39`, `free`, `onecore`).
pub fn python_mode_named(name: &str) -> Option<Mode> {
    PYTHON_MODES.iter().map(|(mode, _)| *mode).find(|mode| mode.name() == name)
}

/// The switch interval `text` gives (ms), if it is a number the GIL takes (0.1–100 ms).
pub fn program_switch_interval(text: &str) -> Option<f64> {
    text.trim().parse().ok().filter(|ms| (MIN_SWITCH_INTERVAL_MS..=MAX_SWITCH_INTERVAL_MS).contains(ms))
}

/// The line of the program a failed run points at: a syntax error's line, or the traceback's
/// last frame in the program (`File "main.py", line 7, in worker`).
pub fn error_line(output: &OutputView) -> Option<usize> {
    let stderr = output.lines.iter().rev().filter(|line| line.stream == Stream::Stderr);
    stderr.filter_map(|line| line.text.trim_start().strip_prefix("File \"main.py\", line ")).find_map(|rest| {
        let digits = rest.split(|c: char| !c.is_ascii_digit()).next()?;
        digits.parse().ok()
    })
}

impl ProgramFields {
    /// A lesson's program and mode, as opening it loads them.
    pub fn of_lesson(lesson: &Lesson) -> ProgramFields {
        ProgramFields { source: lesson.program.to_owned(), mode: lesson.mode, ..ProgramFields::default() }
    }
}

/// The lesson the program was loaded from and the learner's prediction (kept when the learner
/// edits the program).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonState {
    /// The lesson opened last, if any.
    pub lesson: Option<&'static Lesson>,
    /// The learner's answer to the lesson's question, as typed or picked.
    pub prediction: String,
    /// The prediction as it stood at the lesson's first run (`None` before that run): shown
    /// beside the run's answer, and no longer asked.
    pub predicted: Option<String>,
}

/// Every change to [`LessonState`].
#[derive(Clone, Debug, PartialEq)]
pub enum LessonAction {
    /// A lesson was opened: its question not yet answered.
    Open(&'static Lesson),
    /// The learner typed or picked a prediction.
    Predict(String),
    /// The program was started: the lesson's prediction, if it asks one, is kept as it is.
    Ran,
}

impl LessonState {
    /// The state after `action`.
    pub fn apply(&self, action: LessonAction) -> LessonState {
        match action {
            LessonAction::Open(lesson) => LessonState { lesson: Some(lesson), prediction: String::new(), predicted: None },
            LessonAction::Predict(prediction) => LessonState { prediction, ..self.clone() },
            LessonAction::Ran => {
                let asks = self.lesson.is_some_and(|lesson| lesson.question.is_some());
                let predicted = self.predicted.clone().or_else(|| asks.then(|| self.prediction.clone()));
                LessonState { predicted, ..self.clone() }
            }
        }
    }
}

impl Reducible for LessonState {
    type Action = LessonAction;

    fn reduce(self: Rc<Self>, action: LessonAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The output as last read: the kept lines, and how many earlier ones were dropped.
#[derive(Clone, Debug, Default)]
pub struct OutputView {
    /// The kept lines, oldest first.
    pub lines: Rc<[OutputLine]>,
    /// Lines dropped before them.
    pub dropped: u64,
}

impl PartialEq for OutputView {
    /// Equal when they hold the same lines: output only grows, so the counts and the last
    /// line (which may still be growing) tell.
    fn eq(&self, other: &Self) -> bool {
        self.dropped == other.dropped && self.lines.len() == other.lines.len() && self.lines.last() == other.lines.last()
    }
}

/// What the panel shows of the current (or last) program.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramView {
    /// Its output.
    pub output: OutputView,
    /// One lane per Python thread.
    pub lanes: Rc<[ProgramLane]>,
    /// Its processes, each with its lanes (none for a program that cannot start any).
    pub processes: Rc<[ProgramProcess]>,
    /// Milliseconds since it started, when last read.
    pub now_ms: f64,
}

/// The status line for a program that `status` describes, after `elapsed_ms`, given its source
/// and output (a traceback's or a syntax error's last line says what went wrong).
pub fn status_text(status: &ProgramStatus, elapsed_ms: f64, source: &str, output: &OutputView) -> String {
    match status {
        ProgramStatus::Running => "Running…".to_owned(),
        ProgramStatus::Failed(reason) => format!("A worker failed and the program was stopped: {reason}"),
        ProgramStatus::Refused(reason) => format!("The program cannot run on this page: {reason}."),
        ProgramStatus::Ended(Outcome::Finished) => format!("Finished in {elapsed_ms:.0} ms."),
        ProgramStatus::Ended(Outcome::Failed) => {
            format!("Ended by an uncaught exception: {}", last_error_line(output).unwrap_or("see the output"))
        }
        ProgramStatus::Ended(Outcome::Rejected) => {
            format!("The program cannot run: {}", rejection(source, output).unwrap_or_else(|| "see the output".to_owned()))
        }
        ProgramStatus::Ended(Outcome::Halted(halt)) => halt_text(halt),
    }
}

fn halt_text(halt: &Halt) -> String {
    match halt {
        Halt::Stopped => "Stopped.".to_owned(),
        Halt::TimeLimit => format!("The program hit its time limit of {} s and was stopped.", PROGRAM_TIME_LIMIT.as_secs()),
        Halt::Deadlock(report) => format!("Stopped: {report}"),
        Halt::ProgramEnded => "Finished.".to_owned(),
    }
}

/// The last line written to stderr that names an error (`ZeroDivisionError: division by zero`).
fn last_error_line(output: &OutputView) -> Option<&str> {
    let stderr = output.lines.iter().rev().filter(|line| line.stream == Stream::Stderr);
    stderr.map(|line| line.text.as_str()).find(|text| !text.is_empty() && !text.starts_with(' '))
}

/// A syntax error's message with its line and column (from CPython's form: `  File "main.py",
/// line 3`, the stripped source line, a caret, `SyntaxError: …`); or the playground's one-line
/// refusal of something outside the subset.
fn rejection(source: &str, output: &OutputView) -> Option<String> {
    let message = last_error_line(output)?;
    let line: usize = output.lines.iter().find_map(|line| line.text.trim_start().strip_prefix("File \"main.py\", line "))?.trim().parse().ok()?;
    Some(match caret_column(source, line, output) {
        Some(column) => format!("{message} (line {line}, column {column})"),
        None => format!("{message} (line {line})"),
    })
}

/// The column (from 1) the caret under source line `line` points at: the caret line is indented
/// by four spaces plus its offset into the line shown without its indentation.
fn caret_column(source: &str, line: usize, output: &OutputView) -> Option<usize> {
    let caret = output.lines.iter().find(|shown| shown.text.trim() == "^")?;
    let offset = caret.text.find('^')?.checked_sub(4)?;
    let source_line = source.lines().nth(line.checked_sub(1)?)?;
    let indent = source_line.len() - source_line.trim_start().len();
    Some(indent + offset + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn output(lines: &[(Stream, &str)]) -> OutputView {
        let lines: Vec<OutputLine> =
            lines.iter().map(|(stream, text)| OutputLine { stream: *stream, thread: Arc::from("MainThread"), text: (*text).to_owned() }).collect();
        OutputView { lines: lines.into(), dropped: 0 }
    }

    fn lesson(id: &str) -> &'static Lesson {
        lessons::by_id(id).expect("the lesson exists")
    }

    #[test]
    fn opening_a_lesson_loads_its_program_and_its_mode() {
        let opened = ProgramFields::of_lesson(lesson("C4"));
        assert_eq!((opened.source.as_str(), opened.mode), (lesson("C4").program, Mode::Gil39));
        assert!(opened.source.starts_with("import threading"), "the header is not part of the program");
    }

    #[test]
    fn the_prediction_is_kept_as_it_stood_at_the_first_run() {
        let asked = LessonState::default().apply(LessonAction::Open(lesson("C4"))).apply(LessonAction::Predict("none".into()));
        let ran = asked.apply(LessonAction::Ran).apply(LessonAction::Predict("some".into())).apply(LessonAction::Ran);
        assert_eq!(ran.predicted.as_deref(), Some("none"));
        let reopened = ran.apply(LessonAction::Open(lesson("C4")));
        assert_eq!((reopened.prediction.as_str(), reopened.predicted), ("", None));
    }

    #[test]
    fn a_program_that_is_no_lesson_keeps_no_prediction() {
        assert_eq!(LessonState::default().apply(LessonAction::Ran).predicted, None);
    }

    #[test]
    fn a_syntax_error_is_told_with_its_line_and_column_in_the_source() {
        let source = "def f():\n    if x == 1\n        pass\n";
        let shown = output(&[
            (Stream::Stderr, "  File \"main.py\", line 2"),
            (Stream::Stderr, "    if x == 1"),
            (Stream::Stderr, "             ^"),
            (Stream::Stderr, "SyntaxError: expected ':'"),
        ]);
        let status = status_text(&ProgramStatus::Ended(Outcome::Rejected), 0.0, source, &shown);
        assert_eq!(status, "The program cannot run: SyntaxError: expected ':' (line 2, column 14)");
    }

    #[test]
    fn an_uncaught_exception_is_told_by_its_last_line() {
        let shown = output(&[
            (Stream::Stdout, "partial result"),
            (Stream::Stderr, "Traceback (most recent call last):"),
            (Stream::Stderr, "  File \"main.py\", line 1, in <module>"),
            (Stream::Stderr, "ZeroDivisionError: division by zero"),
        ]);
        let status = status_text(&ProgramStatus::Ended(Outcome::Failed), 0.0, "1/0\n", &shown);
        assert_eq!(status, "Ended by an uncaught exception: ZeroDivisionError: division by zero");
    }

    #[test]
    fn a_failed_run_points_at_the_last_frame_of_the_program_or_the_syntax_errors_line() {
        let traceback = output(&[
            (Stream::Stderr, "Traceback (most recent call last):"),
            (Stream::Stderr, "  File \"main.py\", line 9, in <module>"),
            (Stream::Stderr, "  File \"main.py\", line 4, in worker"),
            (Stream::Stderr, "  File \"threading.py\", line 30, in run"),
            (Stream::Stderr, "ZeroDivisionError: division by zero"),
        ]);
        assert_eq!(error_line(&traceback), Some(4));
        let syntax = output(&[(Stream::Stderr, "  File \"main.py\", line 2"), (Stream::Stderr, "SyntaxError: expected ':'")]);
        assert_eq!(error_line(&syntax), Some(2));
        assert_eq!(error_line(&output(&[(Stream::Stdout, "  File \"main.py\", line 2")])), None);
    }

    #[test]
    fn every_python_mode_is_found_by_its_name() {
        for (mode, _) in PYTHON_MODES {
            assert_eq!(python_mode_named(mode.name()), Some(mode));
        }
        assert_eq!(python_mode_named("gil"), None);
    }

    #[test]
    fn a_deadlock_and_a_stop_say_so() {
        let none = OutputView::default();
        let deadlock = ProgramStatus::Ended(Outcome::Halted(Halt::Deadlock("deadlock: A waits for B".into())));
        assert_eq!(status_text(&deadlock, 0.0, "", &none), "Stopped: deadlock: A waits for B");
        assert_eq!(status_text(&ProgramStatus::Ended(Outcome::Halted(Halt::Stopped)), 0.0, "", &none), "Stopped.");
    }
}
