//! A Python program's lanes for the Program panel's timeline: the engine's lane histories (one
//! per Python thread, recorded by the interpreter) turned into spans of time the panel draws and
//! tables. A long run's oldest events are summarised by the recorder: the spans cover the
//! events kept in full.

use std::sync::Arc;

use engine::{Interval, LaneHistory, WorkerState};

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
    /// Between `start()` and its first instruction (a worker taking the thread up).
    Starting,
}

impl Doing {
    /// Every kind, in legend order.
    pub const ALL: [Doing; 5] = [Doing::Running, Doing::WaitingForGil, Doing::Blocked, Doing::Sleeping, Doing::Starting];

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            Doing::Running => "running",
            Doing::WaitingForGil => "waiting for the GIL",
            Doing::Blocked => "blocked",
            Doing::Sleeping => "sleeping",
            Doing::Starting => "starting",
        }
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
    /// What it was blocked on ("Lock", "Queue.get"), when blocked.
    pub on: Option<Arc<str>>,
}

impl Span {
    /// What the thread did, with what it was blocked on ("blocked on Lock").
    pub fn describe(&self) -> String {
        match &self.on {
            Some(what) => format!("blocked on {what}"),
            None => self.doing.label().to_owned(),
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
}

impl ProgramLane {
    /// Milliseconds spent in each of [`Doing::ALL`].
    pub fn time_per_state(&self) -> [f64; Doing::ALL.len()] {
        let mut times = [0.0; Doing::ALL.len()];
        for span in &self.spans {
            times[span.doing as usize] += span.end_ms - span.start_ms;
        }
        times
    }

    /// What it does at the end of the reading ("finished" once it has).
    pub fn now(&self) -> String {
        match (self.finished_ms, self.spans.last()) {
            (Some(_), _) => "finished".to_owned(),
            (None, Some(span)) => span.describe(),
            (None, None) => "starting".to_owned(),
        }
    }
}

/// Every thread's lane, the spans still going ending at `now_ms` (ms since the start).
pub fn program_lanes(lanes: &[LaneHistory], now_ms: f64) -> Vec<ProgramLane> {
    lanes.iter().map(|lane| program_lane(lane, now_ms)).collect()
}

fn program_lane(lane: &LaneHistory, now_ms: f64) -> ProgramLane {
    let finished_ms = lane.last().filter(|event| event.state == WorkerState::Done).map(|event| event.at_ms);
    let end_ms = finished_ms.unwrap_or(now_ms);
    let spans = lane.intervals(end_ms).iter().filter_map(|interval| span(lane, interval)).collect();
    ProgramLane { name: Arc::from(lane.name()), spans, finished_ms }
}

/// The span of `interval`.
fn span(lane: &LaneHistory, interval: &Interval) -> Option<Span> {
    let doing = match interval.state {
        WorkerState::Running => Doing::Running,
        WorkerState::WaitingForGil => Doing::WaitingForGil,
        WorkerState::Sleeping => Doing::Sleeping,
        WorkerState::Blocked | WorkerState::BlockedOn(_) | WorkerState::Sending | WorkerState::Receiving => Doing::Blocked,
        WorkerState::Starting => Doing::Starting,
        WorkerState::Idle | WorkerState::Done => return None,
    };
    let on = match interval.state {
        WorkerState::BlockedOn(_) => Some(Arc::from(lane.describe(interval).trim_start_matches("blocked on "))),
        WorkerState::Sending | WorkerState::Receiving => Some(Arc::from(lane.describe(interval))),
        _ => None,
    };
    Some(Span { start_ms: interval.start_ms, end_ms: interval.end_ms, doing, on })
}

/// When the last thread finished (ms since the start), once every one has.
pub fn all_finished_ms(lanes: &[ProgramLane]) -> Option<f64> {
    lanes.iter().map(|lane| lane.finished_ms).try_fold(0.0_f64, |latest, finished| Some(latest.max(finished?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::{Event, Waitable};

    fn lane(events: &[(f64, WorkerState)]) -> LaneHistory {
        LaneHistory::from_events("Thread-1 (worker)", events.iter().map(|(at_ms, state)| Event::new(*at_ms, *state)))
    }

    #[test]
    fn spans_follow_state_changes_and_stop_at_the_finish() {
        let blocked = WorkerState::BlockedOn(Waitable::Lock);
        let lanes = program_lanes(&[lane(&[(0.0, WorkerState::Running), (4.0, blocked), (10.0, WorkerState::Running), (12.0, WorkerState::Done)])], 50.0);
        let spans: Vec<(f64, f64, String)> = lanes[0].spans.iter().map(|span| (span.start_ms, span.end_ms, span.describe())).collect();
        assert_eq!(spans, [(0.0, 4.0, "running".into()), (4.0, 10.0, "blocked on a lock".into()), (10.0, 12.0, "running".into())]);
        assert_eq!(lanes[0].finished_ms, Some(12.0));
        assert_eq!(lanes[0].time_per_state(), [6.0, 0.0, 6.0, 0.0, 0.0]);
        assert_eq!(lanes[0].now(), "finished");
    }

    #[test]
    fn a_thread_taken_up_late_shows_its_starting_stretch() {
        let lanes = program_lanes(&[lane(&[(0.0, WorkerState::Starting), (5.0, WorkerState::Running)])], 8.0);
        assert_eq!(lanes[0].spans[0].describe(), "starting");
        assert_eq!(lanes[0].time_per_state(), [3.0, 0.0, 0.0, 0.0, 5.0]);
    }

    #[test]
    fn a_thread_still_going_ends_its_last_span_at_the_reading() {
        let lanes = program_lanes(&[lane(&[(0.0, WorkerState::WaitingForGil), (3.0, WorkerState::Sleeping)])], 20.0);
        assert_eq!(lanes[0].spans.last().map(|span| span.end_ms), Some(20.0));
        assert_eq!(lanes[0].now(), "sleeping");
        assert_eq!(all_finished_ms(&lanes), None);
    }
}
