//! A Python program's lanes for the Program panel's timeline: the interpreter's own per-thread
//! timeline (`python::Timeline`) turned into spans of time the panel draws and tables.
//!
//! The only file that reads the interpreter's timeline: when the interpreter records into the
//! engine's recorder instead, this conversion is what changes.

use std::sync::Arc;

use python::{ThreadLane, ThreadState};

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
}

impl Doing {
    /// Every kind, in legend order.
    pub const ALL: [Doing; 4] = [Doing::Running, Doing::WaitingForGil, Doing::Blocked, Doing::Sleeping];

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            Doing::Running => "running",
            Doing::WaitingForGil => "waiting for the GIL",
            Doing::Blocked => "blocked",
            Doing::Sleeping => "sleeping",
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
    pub fn time_per_state(&self) -> [f64; 4] {
        let mut times = [0.0; 4];
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

/// Every thread's lane from the interpreter's timeline, with times counted from `origin_ms`
/// (the run's clock) and the spans still going ending at `now_ms` (since the start).
pub fn program_lanes(lanes: &[ThreadLane], origin_ms: f64, now_ms: f64) -> Vec<ProgramLane> {
    lanes.iter().map(|lane| program_lane(lane, origin_ms, now_ms)).collect()
}

fn program_lane(lane: &ThreadLane, origin_ms: f64, now_ms: f64) -> ProgramLane {
    let mut spans: Vec<Span> = Vec::with_capacity(lane.events.len());
    let mut finished_ms = None;
    for event in &lane.events {
        let at_ms = (event.at_ms - origin_ms).max(0.0);
        if let Some(open) = spans.last_mut() {
            open.end_ms = at_ms;
        }
        let (doing, on) = match &event.state {
            ThreadState::Running => (Doing::Running, None),
            ThreadState::WaitingForGil => (Doing::WaitingForGil, None),
            ThreadState::Blocked(what) => (Doing::Blocked, Some(what.clone())),
            ThreadState::Sleeping => (Doing::Sleeping, None),
            ThreadState::Finished => {
                finished_ms = Some(at_ms);
                break;
            }
        };
        spans.push(Span { start_ms: at_ms, end_ms: now_ms.max(at_ms), doing, on });
    }
    ProgramLane { name: lane.name.clone(), spans, finished_ms }
}

/// When the last thread finished (ms since the start), once every one has.
pub fn all_finished_ms(lanes: &[ProgramLane]) -> Option<f64> {
    lanes.iter().map(|lane| lane.finished_ms).try_fold(0.0_f64, |latest, finished| Some(latest.max(finished?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use python::TimelineEvent;

    fn lane(events: &[(f64, ThreadState)]) -> ThreadLane {
        let events = events.iter().map(|(at_ms, state)| TimelineEvent { at_ms: *at_ms, state: state.clone() }).collect();
        ThreadLane { ident: 2, name: Arc::from("Thread-1 (worker)"), events }
    }

    #[test]
    fn spans_follow_state_changes_from_the_programs_start_and_stop_at_the_finish() {
        let blocked = ThreadState::Blocked(Arc::from("Lock"));
        let lanes = program_lanes(&[lane(&[(1000.0, ThreadState::Running), (1004.0, blocked), (1010.0, ThreadState::Running), (1012.0, ThreadState::Finished)])], 1000.0, 50.0);
        let spans: Vec<(f64, f64, String)> = lanes[0].spans.iter().map(|span| (span.start_ms, span.end_ms, span.describe())).collect();
        assert_eq!(spans, [(0.0, 4.0, "running".into()), (4.0, 10.0, "blocked on Lock".into()), (10.0, 12.0, "running".into())]);
        assert_eq!(lanes[0].finished_ms, Some(12.0));
        assert_eq!(lanes[0].time_per_state(), [6.0, 0.0, 6.0, 0.0]);
        assert_eq!(lanes[0].now(), "finished");
    }

    #[test]
    fn a_thread_still_going_ends_its_last_span_at_the_reading() {
        let lanes = program_lanes(&[lane(&[(1000.0, ThreadState::WaitingForGil), (1003.0, ThreadState::Sleeping)])], 1000.0, 20.0);
        assert_eq!(lanes[0].spans.last().map(|span| span.end_ms), Some(20.0));
        assert_eq!(lanes[0].now(), "sleeping");
        assert_eq!(all_finished_ms(&lanes), None);
    }
}
