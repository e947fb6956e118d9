//! Colours: one per worker state (the same in the legend and the chart, light or dark), which
//! states a view shows, and the ink for axes and text in each colour scheme.

use engine::{LaneHistory, Waitable, WorkerState};

/// The states a catalogue run's lanes are drawn in, in legend order (and stacked in this order
/// in a column): its legend and tables always show these.
pub const CATALOGUE_STATES: [WorkerState; 5] =
    [WorkerState::Running, WorkerState::WaitingForGil, WorkerState::Blocked, WorkerState::Starting, WorkerState::Idle];

/// Every state a lane can be drawn in (all but done), in legend order: the catalogue's, then a
/// Python thread's sleeping and blocked states.
pub fn drawn_states() -> impl Iterator<Item = WorkerState> {
    WorkerState::ALL.into_iter().filter(|&state| state != WorkerState::Done)
}

/// The states a view's legend and tables show: the catalogue's five (so that a catalogue run's
/// legend never changes), then every other state some lane of `lanes` spent time in by `now_ms`.
pub fn shown_states(lanes: &[LaneHistory], now_ms: f64) -> Vec<WorkerState> {
    let mut spent = engine::StateTimes::default();
    lanes.iter().for_each(|lane| spent.add_all(&lane.state_times(now_ms)));
    let others = drawn_states().filter(|state| !CATALOGUE_STATES.contains(state) && spent.of(*state) > 0.0);
    CATALOGUE_STATES.into_iter().chain(others).collect()
}

/// The fill of a lane in `state`. The catalogue's five are chosen to stay apart for the common
/// colour-vision deficiencies; a Python thread's further states have their own hues, and their
/// names in the readout and the tables.
pub fn state_colour(state: WorkerState) -> &'static str {
    match state {
        WorkerState::Running => "#1b9e77",
        WorkerState::WaitingForGil => "#d95f02",
        WorkerState::Blocked => "#7570b3",
        WorkerState::Starting => "#e7298a",
        WorkerState::Idle => "#a6a6a6",
        WorkerState::Sleeping => "#e6ab02",
        WorkerState::BlockedOn(Waitable::Lock) => "#a6761d",
        WorkerState::BlockedOn(Waitable::Condition) => "#1f78b4",
        WorkerState::BlockedOn(Waitable::Event) => "#66a61e",
        WorkerState::BlockedOn(Waitable::Semaphore) => "#fb9a99",
        WorkerState::BlockedOn(Waitable::Barrier) => "#17becf",
        WorkerState::BlockedOn(Waitable::Queue) => "#a6cee3",
        WorkerState::BlockedOn(Waitable::Join) => "#5c5c5c",
        WorkerState::Sending => "#b15928",
        WorkerState::Receiving => "#6a3d9a",
        WorkerState::Done => "transparent",
    }
}

/// Text, axes and grid colours.
#[derive(Clone, Copy, Debug)]
pub struct Ink {
    /// Labels and the axis line.
    pub text: &'static str,
    /// Grid lines and lane backgrounds.
    pub faint: &'static str,
}

/// The ink for a light or dark page.
pub fn ink(dark: bool) -> Ink {
    if dark {
        Ink { text: "#e8e8e8", faint: "#3a3f47" }
    } else {
        Ink { text: "#1f2328", faint: "#e4e7eb" }
    }
}

/// Whether the learner's system asks for a dark page.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_drawn_state_has_a_colour_of_its_own() {
        let mut colours: Vec<&str> = drawn_states().map(state_colour).collect();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), drawn_states().count());
    }

    #[test]
    fn a_catalogue_run_shows_the_catalogue_s_states_and_a_python_run_adds_its_own() {
        let catalogue = LaneHistory::from_events("Worker 1", [engine::Event::new(0.0, WorkerState::Running)]);
        assert_eq!(shown_states(std::slice::from_ref(&catalogue), 5.0), CATALOGUE_STATES);
        let lock = WorkerState::BlockedOn(Waitable::Lock);
        let python = LaneHistory::from_events("Thread-1", [engine::Event::new(0.0, WorkerState::Sleeping), engine::Event::new(1.0, lock)]);
        let shown = shown_states(&[catalogue, python], 5.0);
        assert_eq!(shown[CATALOGUE_STATES.len()..], [WorkerState::Sleeping, lock]);
    }
}
