//! The messages between the parent and a worker without shared memory, as JSON text.

use serde::{Deserialize, Serialize};

use crate::events::WorkerState;
use crate::workload::{Task, TaskResult};

/// A message from the parent to a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToProcess {
    /// Run one task and send its result back.
    Run {
        /// The task's index in the run (results come back tagged with it).
        task_index: usize,
        /// The task's arguments.
        task: Task,
        /// Fail on purpose after this many milliseconds of the run (see [`crate::FaultPlan`]).
        fail_at_ms: Option<f64>,
        /// Run for at most this long, then report the turn over and wait to be resumed (under
        /// the GIL token: the worker holds the token for this turn; background work: so that it
        /// can be told to end). `None`: run to the end.
        #[serde(default)]
        turn_ms: Option<f64>,
    },
    /// Go on with the current task for at most `turn_ms` (under the GIL token: the token is back).
    Resume {
        /// The turn's length.
        turn_ms: f64,
    },
    /// End the current task now and send its result (background work, once the foreground is
    /// done).
    Finish,
}

/// A message from a worker to the parent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromProcess {
    /// The worker has started (its module is instantiated) and waits for work.
    Ready {
        /// Clock reading.
        at_ms: f64,
    },
    /// The worker entered a state. Entering [`WorkerState::Blocked`] under the GIL token hands
    /// the token back.
    State {
        /// Clock reading.
        at_ms: f64,
        /// The state.
        state: WorkerState,
    },
    /// Ticks done since the last progress message.
    Progress {
        /// How many.
        ticks: u64,
    },
    /// A task finished (under the GIL token, the token comes back with it).
    Finished {
        /// Clock reading.
        at_ms: f64,
        /// Which task.
        task_index: usize,
        /// Its result.
        result: TaskResult,
    },
    /// The worker's turn, or a blocking wait during a turn, is over and its task is not: it
    /// waits to be resumed (under the GIL token: it hands the token back if it holds it and
    /// queues for it again).
    TurnOver {
        /// Clock reading.
        at_ms: f64,
    },
}

impl ToProcess {
    /// The message as text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("messages always serialise")
    }

    /// A message from text.
    ///
    /// # Errors
    /// The text is not a message of this protocol.
    pub fn decode(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|error| format!("unreadable message to a process: {error}"))
    }
}

impl FromProcess {
    /// The message as text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("messages always serialise")
    }

    /// A message from text.
    ///
    /// # Errors
    /// The text is not a message of this protocol.
    pub fn decode(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|error| format!("unreadable message from a process: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_message_without_a_turn_reads_as_no_gil() {
        let text = r#"{"Run":{"task_index":0,"task":{"Countdown":{"from":5}},"fail_at_ms":null}}"#;
        let ToProcess::Run { turn_ms, .. } = ToProcess::decode(text).expect("readable") else { panic!("a Run") };
        assert_eq!(turn_ms, None);
    }

    #[test]
    fn messages_survive_the_round_trip() {
        let resume = ToProcess::Resume { turn_ms: 5.0 };
        assert_eq!(ToProcess::decode(&resume.encode()), Ok(resume));
        let turn_over = FromProcess::TurnOver { at_ms: 1.5 };
        assert_eq!(FromProcess::decode(&turn_over.encode()), Ok(turn_over));
        assert_eq!(ToProcess::decode(&ToProcess::Finish.encode()), Ok(ToProcess::Finish));
    }
}
