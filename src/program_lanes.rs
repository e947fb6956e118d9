//! A Python program's lanes for the Program panel's timeline: the engine's lane histories (one
//! per Python thread, recorded by the interpreter) turned into what the panel draws and tables:
//! time per state (the engine's, summary included), time per state in each pixel column
//! (`LaneHistory::state_times_per_column`, as the experiments' timeline), and the spans of the
//! events kept in full, which say what a thread was blocked on or received from.

use std::sync::Arc;

use engine::{Interval, LaneHistory, StateTimes, WorkerState};
use runtime::ProgramProcess;

/// Pixel columns a lane is drawn in (its width in the drawing's units, stretched to the page).
pub const COLUMNS: usize = 400;

/// What a Python thread was doing over a span of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    /// Running Python.
    Running,
    /// Waiting for the GIL.
    WaitingForGil,
    /// Blocked on a lock, condition, event, semaphore, barrier, queue or join.
    Blocked,
    /// In `time.sleep`.
    Sleeping,
    /// Between `start()` and its first instruction (a worker taking the thread up; for a
    /// process's main thread, from `start()` until the new process runs the program).
    Starting,
    /// Pickling a message and handing it to another process.
    Sending,
    /// Waiting for a message (or an answer) from another process, and unpickling it.
    Receiving,
}

impl Doing {
    /// Every kind, in legend order.
    pub const ALL: [Doing; 7] =
        [Doing::Running, Doing::WaitingForGil, Doing::Blocked, Doing::Sleeping, Doing::Starting, Doing::Sending, Doing::Receiving];

    /// What every program's legend shows: the kinds a thread of one process may be in (those
    /// between processes are shown once some thread spent time in them).
    const ALWAYS_SHOWN: usize = 5;

    /// What a thread in the engine's `state` is doing (nothing once idle or done).
    pub fn of(state: WorkerState) -> Option<Doing> {
        Some(match state {
            WorkerState::Running => Doing::Running,
            WorkerState::WaitingForGil => Doing::WaitingForGil,
            WorkerState::Sleeping => Doing::Sleeping,
            WorkerState::Blocked | WorkerState::BlockedOn(_) => Doing::Blocked,
            WorkerState::Starting => Doing::Starting,
            WorkerState::Sending => Doing::Sending,
            WorkerState::Receiving => Doing::Receiving,
            WorkerState::Idle | WorkerState::Done => return None,
        })
    }

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            Doing::Running => "running",
            Doing::WaitingForGil => "waiting for the GIL",
            Doing::Blocked => "blocked",
            Doing::Sleeping => "sleeping",
            Doing::Starting => "starting",
            Doing::Sending => "sending",
            Doing::Receiving => "receiving",
        }
    }

    /// The kinds a legend and table of `lanes` show: the first five always, sending and
    /// receiving once some lane spent time in them.
    pub fn shown(lanes: &[ProgramLane]) -> Vec<Doing> {
        let spent = |doing: Doing| lanes.iter().any(|lane| lane.time_per_state[doing as usize] > 0.0);
        Doing::ALL.into_iter().enumerate().filter(|&(index, doing)| index < Doing::ALWAYS_SHOWN || spent(doing)).map(|(_, doing)| doing).collect()
    }
}

/// One span of a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Its start, in milliseconds since the program started.
    pub start_ms: f64,
    /// Its end (the time of the reading, for the span still going).
    pub end_ms: f64,
    /// What the thread did.
    pub doing: Doing,
    /// What it was blocked on ("a lock (Lock at 0x…)"), or sent to or received from ("the
    /// pool's tasks").
    pub on: Option<Arc<str>>,
}

impl Span {
    /// What the thread did, with what it was blocked on or received from ("blocked on a lock
    /// (Lock at 0x…)", "receiving (Queue at 0x…)").
    pub fn describe(&self) -> String {
        match (&self.on, self.doing) {
            (Some(what), Doing::Blocked) => format!("blocked on {what}"),
            (Some(what), doing) => format!("{} ({what})", doing.label()),
            (None, doing) => doing.label().to_owned(),
        }
    }
}

/// One Python thread's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramLane {
    /// Its name as Python gives it (`MainThread`, `Thread-1 (worker)`).
    pub name: Arc<str>,
    /// What it did, in order, with no gaps while it lived.
    pub spans: Vec<Span>,
    /// When it finished (ms since the start), once it has.
    pub finished_ms: Option<f64>,
    /// Milliseconds spent in each of [`Doing::ALL`] (summarised events included).
    pub time_per_state: [f64; Doing::ALL.len()],
    /// What each of [`COLUMNS`] equal columns of the axis holds: each state's milliseconds.
    pub columns: Vec<StateTimes>,
}

impl ProgramLane {

    /// What it does at the end of the reading ("finished" once it has).
    pub fn now(&self) -> String {
        match (self.finished_ms, self.spans.last()) {
            (Some(_), _) => "finished".to_owned(),
            (None, Some(span)) => span.describe(),
            (None, None) => "starting".to_owned(),
        }
    }
}

/// Every thread's lane, the spans still going ending at `now_ms`, the columns spanning the axis
/// from 0 to `axis_ms` (ms since the start).
pub fn program_lanes(lanes: &[LaneHistory], now_ms: f64, axis_ms: f64) -> Vec<ProgramLane> {
    lanes.iter().map(|lane| program_lane(lane, now_ms, axis_ms)).collect()
}

fn program_lane(lane: &LaneHistory, now_ms: f64, axis_ms: f64) -> ProgramLane {
    let finished_ms = finished_ms(lane);
    let end_ms = finished_ms.unwrap_or(now_ms);
    let spans = lane.intervals(end_ms).iter().filter_map(|interval| span(lane, interval)).collect();
    let mut time_per_state = [0.0; Doing::ALL.len()];
    for (state, ms) in lane.state_times(end_ms).spent() {
        if let Some(doing) = Doing::of(state) {
            time_per_state[doing as usize] += ms;
        }
    }
    let columns = lane.state_times_per_column(COLUMNS, axis_ms, end_ms);
    ProgramLane { name: Arc::from(lane.name()), spans, finished_ms, time_per_state, columns }
}

/// When the thread of `lane` finished (ms since the start), once it has.
fn finished_ms(lane: &LaneHistory) -> Option<f64> {
    lane.last().filter(|event| event.state == WorkerState::Done).map(|event| event.at_ms)
}

/// The span of `interval`.
fn span(lane: &LaneHistory, interval: &Interval) -> Option<Span> {
    let doing = Doing::of(interval.state)?;
    let on = match interval.state {
        WorkerState::BlockedOn(_) => Some(Arc::from(lane.describe(interval).trim_start_matches("blocked on "))),
        WorkerState::Sending | WorkerState::Receiving => interval.object.and_then(|object| lane.object_name(object)).map(Arc::from),
        _ => None,
    };
    Some(Span { start_ms: interval.start_ms, end_ms: interval.end_ms, doing, on })
}

/// When the last thread finished (ms since the start), once every one has.
pub fn all_finished_ms(lanes: &[LaneHistory]) -> Option<f64> {
    lanes.iter().map(finished_ms).try_fold(0.0_f64, |latest, finished| Some(latest.max(finished?)))
}

/// How many of the program's workers are busy at the end of the reading: of a program of
/// processes, each process whose worker runs one of its threads (its threads take turns on it,
/// so one waiting for the GIL keeps it busy too); otherwise each thread running (on parked
/// workers a thread waiting for the GIL sleeps).
pub fn busy_workers(lanes: &[LaneHistory], processes: &[ProgramProcess]) -> usize {
    let now = |lane: usize| lanes.get(lane).and_then(LaneHistory::last).map(|event| event.state);
    if processes.is_empty() {
        return (0..lanes.len()).filter(|&lane| now(lane) == Some(WorkerState::Running)).count();
    }
    let turns_taken = |lane: &usize| matches!(now(*lane), Some(WorkerState::Running | WorkerState::WaitingForGil));
    processes.iter().filter(|process| process.lanes.iter().any(turns_taken)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::{Event, Waitable};

    fn lane(events: &[(f64, WorkerState)]) -> LaneHistory {
        LaneHistory::from_events("Thread-1 (worker)", events.iter().map(|(at_ms, state)| Event::new(*at_ms, *state)))
    }

    #[test]
    fn busy_workers_count_running_threads_or_processes_taking_turns() {
        let running = lane(&[(0.0, WorkerState::Running)]);
        let waiting = lane(&[(0.0, WorkerState::Running), (2.0, WorkerState::WaitingForGil)]);
        let blocked = lane(&[(0.0, WorkerState::BlockedOn(Waitable::Join))]);
        let done = lane(&[(0.0, WorkerState::Running), (3.0, WorkerState::Done)]);
        let lanes = [blocked, running, waiting, done];
        assert_eq!(busy_workers(&lanes, &[]), 1, "threads: only the running one holds a worker busy");
        let process = |pid: u32, lanes: &[usize]| ProgramProcess { pid, lanes: lanes.to_vec(), ..ProgramProcess::default() };
        let processes = [process(1000, &[0]), process(1001, &[1]), process(1002, &[2]), process(1003, &[3])];
        assert_eq!(busy_workers(&lanes, &processes), 2, "processes: the one running and the one whose thread waits for its turn");
    }

    #[test]
    fn spans_follow_state_changes_and_stop_at_the_finish() {
        let blocked = WorkerState::BlockedOn(Waitable::Lock);
        let lanes = program_lanes(&[lane(&[(0.0, WorkerState::Running), (4.0, blocked), (10.0, WorkerState::Running), (12.0, WorkerState::Done)])], 50.0, 50.0);
        let spans: Vec<(f64, f64, String)> = lanes[0].spans.iter().map(|span| (span.start_ms, span.end_ms, span.describe())).collect();
        assert_eq!(spans, [(0.0, 4.0, "running".into()), (4.0, 10.0, "blocked on a lock".into()), (10.0, 12.0, "running".into())]);
        assert_eq!(lanes[0].finished_ms, Some(12.0));
        assert_eq!(lanes[0].time_per_state, [6.0, 0.0, 6.0, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(lanes[0].now(), "finished");
    }

    #[test]
    fn a_thread_taken_up_late_shows_its_starting_stretch() {
        let lanes = program_lanes(&[lane(&[(0.0, WorkerState::Starting), (5.0, WorkerState::Running)])], 8.0, 8.0);
        assert_eq!(lanes[0].spans[0].describe(), "starting");
        assert_eq!(lanes[0].time_per_state, [3.0, 0.0, 0.0, 0.0, 5.0, 0.0, 0.0]);
    }

    #[test]
    fn a_thread_waiting_for_another_process_is_receiving_from_what_it_waits_on() {
        let mut history = lane(&[(0.0, WorkerState::Running)]);
        let queue = history.refer_to("Queue at 0x7f10").unwrap();
        history.push(Event { at_ms: 2.0, state: WorkerState::Receiving, object: Some(queue) });
        history.push(Event::new(9.0, WorkerState::Sending));
        let lanes = program_lanes(&[history], 10.0, 10.0);
        let described: Vec<String> = lanes[0].spans.iter().map(Span::describe).collect();
        assert_eq!(described, ["running", "receiving (Queue at 0x7f10)", "sending"]);
        assert_eq!(lanes[0].time_per_state, [2.0, 0.0, 0.0, 0.0, 0.0, 1.0, 7.0]);
        assert_eq!(Doing::shown(&lanes), Doing::ALL);
    }

    #[test]
    fn a_program_of_one_process_shows_the_five_kinds_of_its_threads() {
        let lanes = program_lanes(&[lane(&[(0.0, WorkerState::Running), (3.0, WorkerState::BlockedOn(Waitable::Queue))])], 5.0, 5.0);
        assert_eq!(Doing::shown(&lanes), Doing::ALL[..5]);
    }

    #[test]
    fn a_thread_still_going_ends_its_last_span_at_the_reading() {
        let histories = [lane(&[(0.0, WorkerState::WaitingForGil), (3.0, WorkerState::Sleeping)])];
        let lanes = program_lanes(&histories, 20.0, 20.0);
        assert_eq!(lanes[0].spans.last().map(|span| span.end_ms), Some(20.0));
        assert_eq!(lanes[0].now(), "sleeping");
        assert_eq!(all_finished_ms(&histories), None);
    }

    #[test]
    fn columns_hold_each_states_share_of_their_stretch_of_the_axis() {
        let lanes = program_lanes(&[lane(&[(0.0, WorkerState::Running), (30.0, WorkerState::Sleeping), (40.0, WorkerState::Done)])], 40.0, 80.0);
        let column_ms = 80.0 / COLUMNS as f64;
        let columns = &lanes[0].columns;
        assert_eq!(columns.len(), COLUMNS);
        assert!((columns[0].of(WorkerState::Running) - column_ms).abs() < 1e-9);
        assert!((columns[(35.0 / column_ms) as usize].of(WorkerState::Sleeping) - column_ms).abs() < 1e-9);
        assert_eq!(columns[COLUMNS - 1].total(), 0.0, "nothing after the thread finished");
    }
}
