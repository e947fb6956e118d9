//! Colours: one per worker state (the same in the legend and the chart, light or dark), and the
//! ink for axes and text in each colour scheme.

use engine::WorkerState;

/// The states a lane can be drawn in, in legend order (and stacked in this order in a column).
pub const SHOWN_STATES: [WorkerState; 5] =
    [WorkerState::Running, WorkerState::WaitingForGil, WorkerState::Blocked, WorkerState::Starting, WorkerState::Idle];

/// The fill of a lane in `state`. Chosen to stay apart for the common colour-vision deficiencies.
pub fn state_colour(state: WorkerState) -> &'static str {
    match state {
        WorkerState::Running => "#1b9e77",
        WorkerState::WaitingForGil => "#d95f02",
        WorkerState::Blocked => "#7570b3",
        WorkerState::Starting => "#e7298a",
        WorkerState::Idle => "#a6a6a6",
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
