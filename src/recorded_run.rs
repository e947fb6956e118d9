//! A finished run small enough to ride along in a share link, so the recipient sees its timeline
//! and answer at once (labelled as recorded elsewhere until they run it themselves).
//!
//! Written as `{cores}.{wall}.{lane}_{lane}…`, each lane a list of state changes: a capital letter
//! for the state and the time since the lane's previous change in tenths of a millisecond, in
//! base 36 (`R0G1kR2a…`), then `.s` when the lanes were simplified (as below). A run with more than [`EXACT_CHANGES`] changes in all is simplified
//! first: each lane is cut into [`BINS`] equal spans of time, each drawn in the state it spent
//! most of that span in, so a link stays a few kilobytes. So is a run whose page kept only a
//! summary of its older events (`LaneHistory`): its spans come from that summary.
//! Reading checks every number against its limits and gives `None` for anything else.

use engine::{Event, LaneHistory, Waitable, WorkerState, MAX_RUN_SECONDS, MAX_WORKERS};

/// Runs with at most this many state changes in all are kept exactly.
const EXACT_CHANGES: usize = 600;
/// Spans of time per lane of a simplified run.
const BINS: usize = 300;
/// The most state changes a recorded run may hold in all.
const MAX_CHANGES: usize = 4_000;
/// Ends the link value of a simplified recording.
const SIMPLIFIED_MARK: &str = ".s";
/// The longest answer text kept.
pub const MAX_ANSWER_CHARS: usize = 200;
/// The most cores a recording may claim.
const MAX_CORES: u32 = 1_024;
/// The latest time a recording may hold, in tenths of a millisecond: the longest run allowed.
const MAX_TENTHS: f64 = MAX_RUN_SECONDS * 10_000.0;

/// A finished run as a link carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedRun {
    /// Cores of the machine it ran on.
    pub cores: u32,
    /// Its wall time, in milliseconds (to a tenth).
    pub wall_ms: f64,
    /// Each worker's state changes, simplified.
    pub lanes: Vec<Vec<Event>>,
    /// Whether the lanes were simplified to [`BINS`] spans each (the page says so).
    pub simplified: bool,
    /// The experiment's answer, as the page said it (plain text).
    pub answer: String,
}

impl RecordedRun {
    /// A recording of plain event lists (a finished run of `wall_ms` on `cores` cores),
    /// simplified if long: how tests make one; the page records its lanes with
    /// [`RecordedRun::of_lanes`].
    #[cfg(test)]
    pub fn new(cores: u32, wall_ms: f64, lanes: &[Vec<Event>], answer: &str) -> Self {
        let histories: Vec<LaneHistory> = lanes.iter().enumerate().map(|(lane, events)| LaneHistory::from_events(&engine::worker_name(lane), events.iter().copied())).collect();
        RecordedRun::of_lanes(cores, wall_ms, &histories, answer)
    }

    /// A recording of the page's `lanes`, simplified if long or summarised.
    pub fn of_lanes(cores: u32, wall_ms: f64, lanes: &[LaneHistory], answer: &str) -> Self {
        let changes: usize = lanes.iter().map(LaneHistory::event_count).sum();
        let exact = changes <= EXACT_CHANGES && !lanes.iter().any(LaneHistory::is_summarised);
        let lanes = lanes.iter().map(|lane| if exact { rounded(lane) } else { binned(lane, wall_ms) }).collect();
        RecordedRun {
            cores,
            wall_ms: tenths(wall_ms) as f64 / 10.0,
            lanes,
            simplified: !exact,
            answer: answer.chars().take(MAX_ANSWER_CHARS).collect(),
        }
    }

    /// The times and lanes as a link value (the answer goes in a field of its own).
    pub fn to_link_value(&self) -> String {
        let lanes: Vec<String> = self.lanes.iter().map(|events| lane_text(events)).collect();
        let simplified = if self.simplified { SIMPLIFIED_MARK } else { "" };
        format!("{}.{}.{}{simplified}", self.cores, tenths(self.wall_ms), lanes.join("_"))
    }

    /// The recording a link value and answer describe, if both are well formed and within limits.
    pub fn from_link_value(value: &str, answer: &str) -> Option<Self> {
        let mut parts = value.splitn(3, '.');
        let cores = parts.next()?.parse::<u32>().ok().filter(|cores| (1..=MAX_CORES).contains(cores))?;
        let wall_tenths = parts.next()?.parse::<u64>().ok().filter(|&wall| wall as f64 <= MAX_TENTHS)?;
        let lanes_text = parts.next()?;
        let (lanes_text, simplified) = lanes_text.strip_suffix(SIMPLIFIED_MARK).map_or((lanes_text, false), |text| (text, true));
        let lanes = lanes_text.split('_').map(read_lane).collect::<Option<Vec<_>>>()?;
        let changes: usize = lanes.iter().map(Vec::len).sum();
        let fits = !lanes.is_empty() && lanes.len() <= MAX_WORKERS && changes <= MAX_CHANGES && answer.chars().count() <= MAX_ANSWER_CHARS;
        fits.then(|| RecordedRun { cores, wall_ms: wall_tenths as f64 / 10.0, lanes, simplified, answer: answer.to_owned() })
    }
}

/// `lane`'s events with times rounded to tenths of a millisecond.
fn rounded(lane: &LaneHistory) -> Vec<Event> {
    lane.events().map(|event| Event::new(tenths(event.at_ms) as f64 / 10.0, event.state)).collect()
}

/// `lane` over [`BINS`] equal spans of `wall_ms`, each in the state that lasted longest in it,
/// then the lane's end.
fn binned(lane: &LaneHistory, wall_ms: f64) -> Vec<Event> {
    let done = lane.last().filter(|event| event.state == WorkerState::Done);
    let end_ms = done.map_or(wall_ms, |done| done.at_ms);
    let span_ms = wall_ms.max(0.1);
    let bin_ms = span_ms / BINS as f64;
    let mut kept: Vec<Event> = Vec::new();
    for (bin, times) in lane.state_times_per_column(BINS, span_ms, end_ms).iter().enumerate() {
        let Some(state) = times.longest() else { continue };
        if kept.last().is_none_or(|last| last.state != state) {
            kept.push(Event::new(tenths(bin as f64 * bin_ms) as f64 / 10.0, state));
        }
    }
    if done.is_some() {
        kept.push(Event::new(tenths(end_ms) as f64 / 10.0, WorkerState::Done));
    }
    kept
}

fn lane_text(events: &[Event]) -> String {
    let mut previous_tenths = 0;
    events
        .iter()
        .map(|event| {
            let at = tenths(event.at_ms);
            let text = format!("{}{}", state_letter(event.state), base36(at.saturating_sub(previous_tenths)));
            previous_tenths = at;
            text
        })
        .collect()
}

fn read_lane(text: &str) -> Option<Vec<Event>> {
    let mut events = Vec::new();
    let mut at_tenths: u64 = 0;
    let mut rest = text;
    while let Some(letter) = rest.chars().next() {
        let state = letter_state(letter)?;
        let digits_end = rest[1..].find(|c: char| !c.is_ascii_digit() && !c.is_ascii_lowercase()).map_or(rest.len(), |end| end + 1);
        let delta = u64::from_str_radix(&rest[1..digits_end], 36).ok()?;
        at_tenths = at_tenths.checked_add(delta).filter(|&at| at as f64 <= MAX_TENTHS)?;
        events.push(Event::new(at_tenths as f64 / 10.0, state));
        rest = &rest[digits_end..];
    }
    (!events.is_empty()).then_some(events)
}

fn tenths(ms: f64) -> u64 {
    (ms * 10.0).round().max(0.0) as u64
}

fn base36(mut number: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(std::char::from_digit((number % 36) as u32, 36).unwrap_or('0'));
        number /= 36;
        if number == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

fn state_letter(state: WorkerState) -> char {
    match state {
        WorkerState::Starting => 'S',
        WorkerState::Running => 'R',
        WorkerState::WaitingForGil => 'G',
        WorkerState::Blocked => 'B',
        WorkerState::Idle => 'I',
        WorkerState::Done => 'D',
        // A learner's Python threads: their runs are not recorded in links yet.
        WorkerState::Sleeping => 'Z',
        WorkerState::BlockedOn(Waitable::Lock) => 'L',
        WorkerState::BlockedOn(Waitable::Condition) => 'C',
        WorkerState::BlockedOn(Waitable::Event) => 'E',
        WorkerState::BlockedOn(Waitable::Semaphore) => 'M',
        WorkerState::BlockedOn(Waitable::Barrier) => 'A',
        WorkerState::BlockedOn(Waitable::Queue) => 'Q',
        WorkerState::BlockedOn(Waitable::Join) => 'J',
        WorkerState::Sending => 'P',
        WorkerState::Receiving => 'U',
    }
}

fn letter_state(letter: char) -> Option<WorkerState> {
    WorkerState::ALL.into_iter().find(|&state| state_letter(state) == letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(at_ms: f64, state: WorkerState) -> Event {
        Event::new(at_ms, state)
    }

    fn gil_lanes(turns: usize, turn_ms: f64) -> Vec<Vec<Event>> {
        (0..2)
            .map(|lane| {
                let mut events = vec![event(0.0, WorkerState::Starting)];
                for turn in 0..turns {
                    let state = if (turn + lane) % 2 == 0 { WorkerState::Running } else { WorkerState::WaitingForGil };
                    events.push(event(0.5 + turn as f64 * turn_ms, state));
                }
                events.push(event(0.5 + turns as f64 * turn_ms, WorkerState::Done));
                events
            })
            .collect()
    }

    #[test]
    fn a_recording_round_trips_through_its_link_value() {
        let recorded = RecordedRun::new(2, 1234.56, &gil_lanes(100, 12.0), "π ≈ 3.14159 from 1000 samples");
        let value = recorded.to_link_value();
        assert!(value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_'), "{value}");
        assert_eq!(RecordedRun::from_link_value(&value, &recorded.answer), Some(recorded));
    }

    #[test]
    fn a_long_gil_run_is_simplified_to_a_few_kilobytes_in_the_states_it_spent_its_time_in() {
        let recorded = RecordedRun::new(2, 20_000.0, &gil_lanes(4_000, 5.0), "");
        assert!(recorded.lanes.iter().all(|lane| lane.len() <= BINS + 1));
        assert!(recorded.to_link_value().len() < 6_000, "{}", recorded.to_link_value().len());
        let states: Vec<WorkerState> = recorded.lanes[0].iter().map(|event| event.state).collect();
        assert!(states.contains(&WorkerState::Running) && states.contains(&WorkerState::WaitingForGil), "{states:?}");
        assert_eq!(recorded.lanes[0].last().map(|event| event.state), Some(WorkerState::Done));
    }

    #[test]
    fn a_run_the_page_summarised_is_recorded_from_its_summary_and_says_so() {
        let lane = LaneHistory::from_events("Worker 1", gil_lanes(200_000, 0.5).remove(0));
        assert!(lane.is_summarised());
        let recorded = RecordedRun::of_lanes(2, 100_001.0, &[lane], "");
        let states: Vec<WorkerState> = recorded.lanes[0].iter().map(|event| event.state).collect();
        assert!(recorded.simplified && states.contains(&WorkerState::Running) && states.contains(&WorkerState::WaitingForGil), "{states:?}");
        assert_eq!(RecordedRun::from_link_value(&recorded.to_link_value(), ""), Some(recorded));
    }

    #[test]
    fn a_short_run_is_kept_exactly_to_a_tenth_of_a_millisecond() {
        let lanes = gil_lanes(10, 3.33);
        let recorded = RecordedRun::new(2, 40.0, &lanes, "");
        let rounded_lanes: Vec<Vec<Event>> = lanes.iter().map(|events| rounded(&LaneHistory::from_events("Worker 1", events.iter().copied()))).collect();
        assert_eq!(recorded.lanes, rounded_lanes);
        assert_eq!(recorded.lanes[1][2], event(3.8, WorkerState::Running));
    }

    #[test]
    fn malformed_or_absurd_values_are_refused() {
        for value in ["", "2", "2.10", "0.10.R0", "2.99999999999.R0", "2.10.X0", "2.10.R", "2.10.R0_", "2.10.Rzzzzzzzzzzzzz", "2.10.R-1"] {
            assert_eq!(RecordedRun::from_link_value(value, ""), None, "{value}");
        }
        assert_eq!(RecordedRun::from_link_value("2.10.R0", &"x".repeat(MAX_ANSWER_CHARS + 1)), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panicking(value in "\\PC{0,200}", answer in "\\PC{0,20}") {
            let _ = RecordedRun::from_link_value(&value, &answer);
        }
    }
}
