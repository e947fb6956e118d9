//! Milliseconds per worker state: what a stretch of a lane's time amounts to once its single
//! state changes are no longer kept (a bin of a long run's summary, a pixel column of a chart).

use crate::events::WorkerState;

/// Milliseconds spent in each state over some stretch of time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StateTimes([f64; WorkerState::ALL.len()]);

impl StateTimes {
    /// Adds `ms` spent in `state`.
    pub fn add(&mut self, state: WorkerState, ms: f64) {
        self.0[state.index()] += ms;
    }

    /// Milliseconds spent in `state`.
    pub fn of(&self, state: WorkerState) -> f64 {
        self.0[state.index()]
    }

    /// Adds every state's time of `other`.
    pub fn add_all(&mut self, other: &StateTimes) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }

    /// Every state's time multiplied by `factor` (the share of a stretch that overlaps another).
    pub fn scaled(&self, factor: f64) -> StateTimes {
        StateTimes(self.0.map(|ms| ms * factor))
    }

    /// Milliseconds in all states.
    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }

    /// The state that lasted longest, or `None` when no time was spent at all.
    pub fn longest(&self) -> Option<WorkerState> {
        WorkerState::ALL.into_iter().filter(|&state| self.of(state) > 0.0).max_by(|a, b| self.of(*a).total_cmp(&self.of(*b)))
    }

    /// Each state with time in it, in legend order.
    pub fn spent(&self) -> impl Iterator<Item = (WorkerState, f64)> + '_ {
        WorkerState::ALL.into_iter().map(|state| (state, self.of(state))).filter(|&(_, ms)| ms > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_slot_of_its_own() {
        let mut times = StateTimes::default();
        for (index, state) in WorkerState::ALL.into_iter().enumerate() {
            times.add(state, index as f64 + 1.0);
        }
        for (index, state) in WorkerState::ALL.into_iter().enumerate() {
            assert_eq!(times.of(state), index as f64 + 1.0);
        }
    }

    #[test]
    fn the_longest_state_is_the_one_with_the_most_time() {
        let mut times = StateTimes::default();
        assert_eq!(times.longest(), None);
        times.add(WorkerState::Running, 1.0);
        times.add(WorkerState::WaitingForGil, 15.0);
        assert_eq!(times.longest(), Some(WorkerState::WaitingForGil));
    }
}
