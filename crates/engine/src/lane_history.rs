//! One worker's lane over a run: its name ("Worker 1", "Thread-1 (worker)") and its states, in
//! memory that stays the same however long it runs: the latest events in full (for the readout,
//! the event table, exact exports of ordinary runs), everything older folded into [`TimeBins`]
//! (time per state per span, with exact totals), and the names of the objects it waited on.
//!
//! Events are kept in chunks that never change once full and are shared (`Arc`), so a reader's
//! copy of a lane (the page's, every frame) costs a few pointer copies and the last open chunk,
//! not the history.

use std::sync::Arc;

use crate::events::{intervals, Event, Interval, WorkerState};
use crate::object_names::{ObjectNames, ObjectRef};
use crate::state_times::StateTimes;
use crate::time_bins::TimeBins;

/// Events per chunk.
const CHUNK_EVENTS: usize = 256;
/// Full chunks kept: past this, the older half is folded into the summary. A lane thus keeps
/// between 4,096 and 8,448 events in full; a run with fewer is kept whole.
const MOST_CHUNKS: usize = 32;

/// A lane's name and events: older ones summarised, recent ones in full.
#[derive(Clone, Debug, Default)]
pub struct LaneHistory {
    name: Arc<str>,
    objects: ObjectNames,
    summary: Arc<TimeBins>,
    summarised_until_ms: f64,
    chunks: Vec<Arc<[Event]>>,
    open: Vec<Event>,
    recorded: usize,
}

impl LaneHistory {
    /// A lane named `name` that begins [`WorkerState::Starting`] at `at_ms`.
    pub fn starting_at(name: &str, at_ms: f64) -> Self {
        LaneHistory::from_events(name, [Event::new(at_ms, WorkerState::Starting)])
    }

    /// A lane named `name` holding `events` (oldest first, naming no object), summarised as if
    /// recorded one by one.
    pub fn from_events(name: &str, events: impl IntoIterator<Item = Event>) -> Self {
        let mut lane = LaneHistory { name: Arc::from(name), ..LaneHistory::default() };
        events.into_iter().for_each(|event| lane.push(event));
        lane
    }

    /// The lane's name, as the timeline shows it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The reference an event uses for the object named `name` (named now if new), or `None`
    /// once the lane has named as many objects as it keeps.
    pub fn refer_to(&mut self, name: &str) -> Option<ObjectRef> {
        self.objects.refer_to(name)
    }

    /// The name of the object an event or interval of this lane refers to.
    pub fn object_name(&self, object: ObjectRef) -> Option<&str> {
        self.objects.name(object)
    }

    /// What the worker did in `interval`, as a learner reads it: "blocked on a lock (Lock at
    /// 0x7f3a…)", or the state alone.
    pub fn describe(&self, interval: &Interval) -> String {
        match interval.object.and_then(|object| self.object_name(object)) {
            Some(object) => format!("{} ({object})", interval.state.label()),
            None => interval.state.label().to_owned(),
        }
    }

    /// Appends `event` (no later than any event before it), folding the oldest events into the
    /// summary when too many are kept.
    pub fn push(&mut self, event: Event) {
        self.recorded += 1;
        self.open.push(event);
        if self.open.len() == CHUNK_EVENTS {
            let full = std::mem::replace(&mut self.open, Vec::with_capacity(CHUNK_EVENTS));
            self.chunks.push(full.into());
            if self.chunks.len() > MOST_CHUNKS {
                self.fold_older_half();
            }
        }
    }

    /// Moves the older half of the full chunks into the summary.
    fn fold_older_half(&mut self) {
        let folded: Vec<Arc<[Event]>> = self.chunks.drain(..MOST_CHUNKS / 2).collect();
        let until_ms = self.chunks[0][0].at_ms;
        let summary = Arc::make_mut(&mut self.summary);
        let events: Vec<&Event> = folded.iter().flat_map(|chunk| chunk.iter()).collect();
        for (index, event) in events.iter().enumerate() {
            let end_ms = events.get(index + 1).map_or(until_ms, |next| next.at_ms);
            if event.state != WorkerState::Done {
                summary.add(event.at_ms, end_ms, event.state);
            }
        }
        self.summarised_until_ms = until_ms;
    }

    /// The events kept in full, oldest first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &Event> + Clone {
        self.chunks.iter().flat_map(|chunk| chunk.iter()).chain(self.open.iter())
    }

    /// How many events are kept in full.
    pub fn event_count(&self) -> usize {
        self.chunks.len() * CHUNK_EVENTS + self.open.len()
    }

    /// How many events were ever pushed, summarised ones included.
    pub fn recorded_count(&self) -> usize {
        self.recorded
    }

    /// The latest event.
    pub fn last(&self) -> Option<Event> {
        self.open.last().or_else(|| self.chunks.last().and_then(|chunk| chunk.last())).copied()
    }

    /// Whether the worker has finished.
    pub fn has_ended(&self) -> bool {
        self.last().is_some_and(|event| event.state == WorkerState::Done)
    }

    /// Whether older events were folded into the summary.
    pub fn is_summarised(&self) -> bool {
        self.summarised_until_ms > 0.0
    }

    /// Where the summary ends and the events kept in full begin (ms; 0 when nothing is summarised).
    pub fn summarised_until_ms(&self) -> f64 {
        self.summarised_until_ms
    }

    /// Time per state before [`LaneHistory::summarised_until_ms`].
    pub fn summary(&self) -> &TimeBins {
        &self.summary
    }

    /// The events kept in full as intervals; the last open state runs to `now_ms`.
    pub fn intervals(&self, now_ms: f64) -> Vec<Interval> {
        let events: Vec<Event> = self.events().copied().collect();
        intervals(&events, now_ms)
    }

    /// Milliseconds spent in each state up to `now_ms`, summary and recent events together.
    pub fn state_times(&self, now_ms: f64) -> StateTimes {
        let mut times = *self.summary.total();
        let mut events = self.events().peekable();
        while let Some(event) = events.next() {
            if event.state != WorkerState::Done {
                let end_ms = events.peek().map_or(now_ms.max(event.at_ms), |next| next.at_ms);
                times.add(event.state, end_ms - event.at_ms);
            }
        }
        times
    }

    /// Milliseconds spent in `state` up to `now_ms`.
    pub fn time_in(&self, state: WorkerState, now_ms: f64) -> f64 {
        self.state_times(now_ms).of(state)
    }

    /// Time per state in each of `columns` equal spans from 0 to `span_ms` (a chart's pixel
    /// columns): exact for the events kept in full, spread evenly within each summary span.
    pub fn state_times_per_column(&self, columns: usize, span_ms: f64, now_ms: f64) -> Vec<StateTimes> {
        let mut spread = ColumnSpread { times: vec![StateTimes::default(); columns], column_ms: span_ms / columns.max(1) as f64 };
        let bin_ms = self.summary.bin_ms();
        for (index, bin) in self.summary.bins().iter().enumerate() {
            let start_ms = index as f64 * bin_ms;
            spread.add(start_ms, start_ms + bin_ms, bin);
        }
        let mut events = self.events().peekable();
        while let Some(event) = events.next() {
            if event.state != WorkerState::Done {
                let end_ms = events.peek().map_or(now_ms.max(event.at_ms), |next| next.at_ms);
                spread.add_state(event.at_ms, end_ms, event.state);
            }
        }
        spread.times
    }
}

/// Stretches of time spread over equal columns in proportion to their overlap.
struct ColumnSpread {
    times: Vec<StateTimes>,
    column_ms: f64,
}

impl ColumnSpread {
    /// Adds `times`, spent evenly from `start_ms` to `end_ms`.
    fn add(&mut self, start_ms: f64, end_ms: f64, times: &StateTimes) {
        let length_ms = end_ms - start_ms;
        for (column, overlap_ms) in self.overlaps(start_ms, end_ms) {
            column.add_all(&times.scaled(overlap_ms / length_ms));
        }
    }

    /// Adds the stretch from `start_ms` to `end_ms` spent in `state`.
    fn add_state(&mut self, start_ms: f64, end_ms: f64, state: WorkerState) {
        for (column, overlap_ms) in self.overlaps(start_ms, end_ms) {
            column.add(state, overlap_ms);
        }
    }

    /// The columns the stretch from `start_ms` to `end_ms` overlaps, each with the overlap (ms).
    fn overlaps(&mut self, start_ms: f64, end_ms: f64) -> impl Iterator<Item = (&mut StateTimes, f64)> {
        let column_ms = self.column_ms;
        let first = (start_ms / column_ms).floor().max(0.0) as usize;
        let last = if end_ms > start_ms { ((end_ms / column_ms).ceil() as usize).min(self.times.len()) } else { first };
        self.times.iter_mut().enumerate().take(last).skip(first).filter_map(move |(index, column)| {
            let overlap_ms = end_ms.min((index + 1) as f64 * column_ms) - start_ms.max(index as f64 * column_ms);
            (overlap_ms > 0.0).then_some((column, overlap_ms))
        })
    }
}

/// Two lanes are equal when they hold the same events and summary; shared chunks are compared
/// by address first, so comparing a lane with its next copy costs little.
impl PartialEq for LaneHistory {
    fn eq(&self, other: &Self) -> bool {
        let same_chunks = self.chunks.len() == other.chunks.len()
            && self.chunks.iter().zip(&other.chunks).all(|(mine, theirs)| Arc::ptr_eq(mine, theirs) || mine == theirs);
        same_chunks
            && self.name == other.name
            && self.objects == other.objects
            && self.recorded == other.recorded
            && self.open == other.open
            && self.summarised_until_ms == other.summarised_until_ms
            && (Arc::ptr_eq(&self.summary, &other.summary) || self.summary == other.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GIL-like lane: running and waiting in turn, every `turn_ms`, then done.
    fn taking_turns(turns: usize, turn_ms: f64) -> Vec<Event> {
        let mut events = vec![Event::new(0.0, WorkerState::Starting)];
        for turn in 0..turns {
            let state = if turn % 3 == 0 { WorkerState::Running } else { WorkerState::WaitingForGil };
            events.push(Event::new(0.5 + turn as f64 * turn_ms, state));
        }
        events.push(Event::new(0.5 + turns as f64 * turn_ms, WorkerState::Done));
        events
    }

    #[test]
    fn a_short_lane_is_kept_whole() {
        let events = taking_turns(4000, 0.125);
        let lane = LaneHistory::from_events("Worker 1", events.iter().copied());
        assert!(!lane.is_summarised());
        assert_eq!(lane.events().copied().collect::<Vec<_>>(), events);
    }

    #[test]
    fn time_per_state_is_preserved_exactly_by_the_summary() {
        let events = taking_turns(1_000_000, 0.125);
        let lane = LaneHistory::from_events("Worker 1", events.iter().copied());
        assert!(lane.is_summarised());
        assert_eq!(lane.recorded_count(), events.len());
        let end_ms = events.last().unwrap().at_ms;
        for state in WorkerState::ALL {
            assert_eq!(lane.time_in(state, end_ms), crate::events::time_in(&events, state, end_ms), "{state:?}");
        }
    }

    #[test]
    fn the_latest_events_are_kept_in_full() {
        let events = taking_turns(100_000, 0.125);
        let lane = LaneHistory::from_events("Worker 1", events.iter().copied());
        let kept: Vec<Event> = lane.events().copied().collect();
        assert!(kept.len() >= MOST_CHUNKS / 2 * CHUNK_EVENTS, "{}", kept.len());
        assert_eq!(kept[..], events[events.len() - kept.len()..]);
        assert_eq!(lane.summarised_until_ms(), kept[0].at_ms);
    }

    #[test]
    fn columns_hold_every_state_time_of_the_lane() {
        let events = taking_turns(200_000, 0.125);
        let lane = LaneHistory::from_events("Worker 1", events.iter().copied());
        let end_ms = events.last().unwrap().at_ms;
        let columns = lane.state_times_per_column(800, end_ms, end_ms);
        for state in [WorkerState::Running, WorkerState::WaitingForGil] {
            let summed: f64 = columns.iter().map(|column| column.of(state)).sum();
            let exact = lane.time_in(state, end_ms);
            assert!((summed - exact).abs() < 1e-6 * exact, "{state:?}: {summed} against {exact}");
        }
        let running_share = columns[400].of(WorkerState::Running) / columns[400].total();
        assert!((running_share - 1.0 / 3.0).abs() < 0.01, "{running_share}");
    }

    #[test]
    fn a_copy_shares_the_full_chunks() {
        let lane = LaneHistory::from_events("Worker 1", taking_turns(5000, 0.125));
        let copy = lane.clone();
        assert!(Arc::ptr_eq(&lane.chunks[0], &copy.chunks[0]));
        assert_eq!(lane, copy);
    }
}
