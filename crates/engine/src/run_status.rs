//! Where a run stands ([`RunStatus`]), decided from what its host knows each time it polls:
//! whether every worker has ended, a failure, the tasks' results, and the [`Watchdog`]'s verdict,
//! which [`RunStatusTracker`] asks for while the run goes and remembers.
//!
//! Precedence once the run is over: a failure, then the answer (every task's result in), then
//! the watchdog's stop, then a plain Stop.

use crate::run::Watchdog;
use crate::experiments::RunResult;

/// Where a run stands.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// Workers are still at it.
    Running,
    /// Every task finished; the experiment's answer.
    Finished(RunResult),
    /// Stop was pressed before the end.
    Stopped,
    /// The watchdog stopped a run that went on far longer than estimated; its message.
    StoppedByWatchdog(String),
    /// A worker failed; why.
    Failed(String),
}

/// One run's watchdog and its verdict, once given.
#[derive(Clone, Debug)]
pub struct RunStatusTracker {
    watchdog: Watchdog,
    /// Why the watchdog stopped the run, once it has.
    watchdog_verdict: Option<String>,
}

impl RunStatusTracker {
    /// A tracker for a run watched by `watchdog`.
    pub fn new(watchdog: Watchdog) -> Self {
        RunStatusTracker { watchdog, watchdog_verdict: None }
    }

    /// After `elapsed_ms` of a run that is `over` or not: whether the host must stop it now,
    /// because the watchdog has just found it has gone on too long. True once at most, and
    /// never for a run that is over.
    pub fn must_stop(&mut self, elapsed_ms: f64, over: bool) -> bool {
        if self.watchdog_verdict.is_some() || over {
            return false;
        }
        self.watchdog_verdict = self.watchdog.verdict(elapsed_ms);
        self.watchdog_verdict.is_some()
    }

    /// Where the run stands: only `Running` until it is `over` (every worker has ended). Then
    /// its `failure` if any, else the answer `combined` from every task's result (asked for only
    /// then: `None` while a result is missing), else why it was stopped.
    pub fn status(&self, over: bool, failure: Option<String>, combined: impl FnOnce() -> Option<RunResult>) -> RunStatus {
        if !over {
            return RunStatus::Running;
        }
        if let Some(reason) = failure {
            return RunStatus::Failed(reason);
        }
        match (combined(), &self.watchdog_verdict) {
            (Some(result), _) => RunStatus::Finished(result),
            (None, Some(verdict)) => RunStatus::StoppedByWatchdog(verdict.clone()),
            (None, None) => RunStatus::Stopped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tracker whose watchdog allows 20 s (twice an estimate of 10 s).
    fn tracker() -> RunStatusTracker {
        RunStatusTracker::new(Watchdog::for_estimate_ms(10_000.0))
    }

    fn answer() -> Option<RunResult> {
        Some(RunResult::Countdown { remaining: 0, tasks: 2 })
    }

    #[test]
    fn a_run_is_running_until_every_worker_has_ended_whatever_else_is_known() {
        let status = tracker().status(false, Some("a worker trapped".into()), answer);
        assert_eq!(status, RunStatus::Running);
    }

    #[test]
    fn a_run_over_with_every_result_in_is_finished_with_the_combined_answer() {
        assert_eq!(tracker().status(true, None, answer), RunStatus::Finished(answer().unwrap()));
    }

    #[test]
    fn a_failure_wins_over_the_answer() {
        let status = tracker().status(true, Some("a worker trapped".into()), answer);
        assert_eq!(status, RunStatus::Failed("a worker trapped".into()));
    }

    #[test]
    fn a_run_over_with_a_result_missing_and_no_watchdog_verdict_was_stopped() {
        assert_eq!(tracker().status(true, None, || None), RunStatus::Stopped);
    }

    #[test]
    fn results_are_combined_only_once_the_run_is_over_without_failure() {
        let tracker = tracker();
        let never = || -> Option<RunResult> { panic!("combined too early") };
        tracker.status(false, None, never);
        tracker.status(true, Some("failed".into()), never);
    }

    #[test]
    fn the_watchdog_stops_a_run_past_its_allowance_once_and_the_status_says_why() {
        let mut tracker = tracker();
        assert!(!tracker.must_stop(19_000.0, false));
        assert!(tracker.must_stop(21_000.0, false));
        assert!(!tracker.must_stop(22_000.0, false), "a second stop for the same verdict");
        match tracker.status(true, None, || None) {
            RunStatus::StoppedByWatchdog(verdict) => assert!(verdict.contains("more than twice its estimate"), "{verdict}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_watchdog_never_stops_a_run_that_is_already_over() {
        let mut tracker = tracker();
        assert!(!tracker.must_stop(60_000.0, true));
        assert_eq!(tracker.status(true, None, || None), RunStatus::Stopped);
    }

    #[test]
    fn a_run_that_ended_with_every_result_in_is_finished_even_after_the_watchdog_stopped_it() {
        let mut tracker = tracker();
        assert!(tracker.must_stop(21_000.0, false));
        assert_eq!(tracker.status(true, None, answer), RunStatus::Finished(answer().unwrap()));
    }
}
