//! The results table's rows, and the speed-up of each run against the last single-worker run
//! of the same experiment.

use std::rc::Rc;

use engine::{Experiment, GilPolicy, GilStats, Mode, RunResult, RunSummary};
use yew::Reducible;

/// One finished run, as a results-table row.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    /// Row number, from 1.
    pub number: usize,
    /// What ran.
    pub experiment: Experiment,
    /// How.
    pub mode: Mode,
    /// With how many workers.
    pub workers: usize,
    /// Wall and busy time.
    pub summary: RunSummary,
    /// Against the last single-worker run of the same experiment, if there was one.
    pub speed_up: Option<f64>,
    /// The GIL's counters, in the threads + GIL mode.
    pub gil: Option<GilStats>,
    /// How the GIL changed hands.
    pub gil_policy: GilPolicy,
    /// The experiment's answer.
    pub result: RunResult,
}

/// Every finished run of this visit, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// The rows.
    pub rows: Vec<ResultRow>,
}

/// A run that finished, to be added to the history.
#[derive(Clone, Debug, PartialEq)]
pub struct FinishedRun {
    /// What ran.
    pub experiment: Experiment,
    /// How.
    pub mode: Mode,
    /// With how many workers.
    pub workers: usize,
    /// Wall and busy time.
    pub summary: RunSummary,
    /// The GIL's counters, in the threads + GIL mode.
    pub gil: Option<GilStats>,
    /// How the GIL changed hands.
    pub gil_policy: GilPolicy,
    /// The experiment's answer.
    pub result: RunResult,
}

impl History {
    fn last_serial_wall_ms(&self, experiment: &Experiment) -> Option<f64> {
        self.rows
            .iter()
            .rev()
            .find(|row| row.mode == Mode::Single && &row.experiment == experiment)
            .map(|row| row.summary.wall_ms)
    }
}

impl Reducible for History {
    type Action = FinishedRun;

    fn reduce(self: Rc<Self>, run: FinishedRun) -> Rc<Self> {
        let mut history = (*self).clone();
        let speed_up = if run.mode == Mode::Single {
            Some(1.0)
        } else {
            history.last_serial_wall_ms(&run.experiment).map(|serial| run.summary.speed_up_over(serial))
        };
        history.rows.push(ResultRow {
            number: history.rows.len() + 1,
            experiment: run.experiment,
            mode: run.mode,
            workers: run.workers,
            summary: run.summary,
            speed_up,
            gil: run.gil,
            gil_policy: run.gil_policy,
            result: run.result,
        });
        Rc::new(history)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(mode: Mode, samples: u64, wall_ms: f64) -> FinishedRun {
        FinishedRun {
            experiment: Experiment::MonteCarloPi { samples, seed: 1 },
            mode,
            workers: 2,
            summary: RunSummary { wall_ms, busy_ms: wall_ms },
            gil: None,
            gil_policy: GilPolicy::SwitchInterval,
            result: RunResult::Pi { estimate: 3.2, samples },
        }
    }

    fn after(runs: Vec<FinishedRun>) -> Rc<History> {
        runs.into_iter().fold(Rc::new(History::default()), History::reduce)
    }

    #[test]
    fn speed_up_is_against_the_last_single_worker_run_of_the_same_experiment() {
        let history = after(vec![
            finished(Mode::Single, 1000, 400.0),
            finished(Mode::Single, 1000, 300.0),
            finished(Mode::Single, 2000, 900.0),
            finished(Mode::FreeThreaded, 1000, 150.0),
        ]);
        assert_eq!(history.rows[3].speed_up, Some(2.0));
    }

    #[test]
    fn without_a_single_worker_run_there_is_no_speed_up() {
        let history = after(vec![finished(Mode::Single, 2000, 900.0), finished(Mode::ThreadsWithGil, 1000, 150.0)]);
        assert_eq!(history.rows[1].speed_up, None);
    }

    #[test]
    fn rows_are_numbered_from_one_in_order() {
        let history = after(vec![finished(Mode::Single, 1000, 1.0), finished(Mode::Processes, 1000, 1.0)]);
        assert_eq!(history.rows.iter().map(|row| row.number).collect::<Vec<_>>(), vec![1, 2]);
    }
}
