//! A lane as stacked bars, one per pixel column: each state's share of the column's time as a
//! height in whole pixels, and neighbouring columns with the same heights merged into one
//! rectangle. Painting thus costs the same however long the run, a 0.1 ms GIL turn of a 90 s run
//! still shows (as its share of a column), and a lane in one state for long is one rectangle.

use engine::{StateTimes, WorkerState};

/// One rectangle of a lane, in columns across and pixels down from the lane's top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    /// The state it shows.
    pub state: WorkerState,
    /// The first column.
    pub column: usize,
    /// How many columns wide.
    pub columns: usize,
    /// Pixels from the lane's top.
    pub top: u32,
    /// Pixels high.
    pub height: u32,
}

/// The bars of a lane `height` pixels high whose columns spent `columns` (time per state), the
/// states stacked in the order of `states`; a column with no time is left empty.
pub fn stacked_bars(columns: &[StateTimes], states: &[WorkerState], height: u32) -> Vec<Bar> {
    let mut bars = Vec::new();
    let mut column = 0;
    while column < columns.len() {
        let heights = state_heights(&columns[column], states, height);
        let same = columns[column..].iter().take_while(|times| state_heights(times, states, height) == heights).count();
        let mut top = 0;
        for (&state, &pixels) in states.iter().zip(&heights) {
            if pixels > 0 {
                bars.push(Bar { state, column, columns: same, top, height: pixels });
            }
            top += pixels;
        }
        column += same;
    }
    bars
}

/// Each state's pixels of a column `height` pixels high, summing to `height` (or to 0 for a
/// column with no time): cumulative shares rounded, so no pixel is lost or counted twice.
fn state_heights(times: &StateTimes, states: &[WorkerState], height: u32) -> Vec<u32> {
    let total: f64 = states.iter().map(|&state| times.of(state)).sum();
    if total <= 0.0 {
        return vec![0; states.len()];
    }
    let mut so_far = 0.0;
    let mut drawn = 0;
    states
        .iter()
        .map(|&state| {
            so_far += times.of(state);
            let edge = (so_far / total * f64::from(height)).round() as u32;
            let pixels = edge - drawn;
            drawn = edge;
            pixels
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATES: [WorkerState; 2] = [WorkerState::Running, WorkerState::WaitingForGil];

    fn column(running: f64, waiting: f64) -> StateTimes {
        let mut times = StateTimes::default();
        times.add(WorkerState::Running, running);
        times.add(WorkerState::WaitingForGil, waiting);
        times
    }

    #[test]
    fn a_lane_in_one_state_is_one_bar_however_many_columns() {
        let bars = stacked_bars(&vec![column(5.0, 0.0); 1000], &STATES, 22);
        assert_eq!(bars, vec![Bar { state: WorkerState::Running, column: 0, columns: 1000, top: 0, height: 22 }]);
    }

    #[test]
    fn a_column_shared_by_two_states_is_split_by_their_shares() {
        let bars = stacked_bars(&[column(1.0, 3.0)], &STATES, 20);
        assert_eq!(bars[0], Bar { state: WorkerState::Running, column: 0, columns: 1, top: 0, height: 5 });
        assert_eq!(bars[1], Bar { state: WorkerState::WaitingForGil, column: 0, columns: 1, top: 5, height: 15 });
    }

    #[test]
    fn columns_with_no_time_are_left_empty() {
        assert!(stacked_bars(&[StateTimes::default(); 3], &STATES, 22).is_empty());
    }
}
