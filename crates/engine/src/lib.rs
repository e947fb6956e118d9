//! The GIL Playground engine: pure Rust, no browser types, testable natively with `std::thread`.
//!
//! Concepts, each in its own module:
//! - Experiments (`experiments/`, one file each): the catalogue ([`ExperimentKind`]), every
//!   experiment a learner can pick with its texts, modes and [`Parameter`]s; an [`Experiment`] is
//!   one with its parameter values, its plan of tasks, its estimate, and its answer, a [`RunResult`].
//! - [`Scenario`]: what a learner asked for — an [`Experiment`], a [`Mode`], a worker count, the
//!   GIL's settings, a [`FaultPlan`] if a worker is to fail on purpose — checked against the
//!   limits (`limits.rs`) and planned as [`Task`]s.
//! - [`TaskQueue`]: hands tasks out first in, first out, with the waits a plan asks for.
//! - Workloads (`workload/`): resumable tasks that advance one *tick* (one unit of interpretable
//!   work) at a time, so a scheduler can interleave them and a Stop lands within a tick.
//! - Modes (`mode.rs`): single worker, threads + GIL, free-threaded, processes.
//! - [`Gil`]: a real lock modelled on CPython 3.2+ (`gil/README.md`).
//! - Events (`events.rs`): a worker's [`WorkerState`]s (a Python thread's [`Waitable`]s
//!   included), the [`Event`]s that change them (with the object waited on, as an
//!   [`ObjectRef`]), the [`Interval`]s between them.
//! - [`Recorder`]: every state change of every worker, timestamped by the host's [`Clock`]; each
//!   lane a named [`LaneHistory`], its older events summarised as [`TimeBins`] of
//!   [`StateTimes`]. Lanes can be added while a run goes on. A [`LaneFeed`] reads what a
//!   recorder on a worker without shared memory recorded since its last look, as [`LaneNews`]
//!   the page replays into a recorder of its own (`lane_feed.rs`).
//! - [`SharedRun`] and [`run_worker`]: one run on workers that share memory (single, GIL,
//!   free-threaded); [`ProcessWorker`] and [`ProcessPool`]: one run on workers that do not (the
//!   processes mode, and every mode on pages without shared memory, the GIL as a [`GilToken`]);
//!   the [`Watchdog`] that stops a run taking far longer than estimated.
//! - A live run as a host polls it: where it stands ([`RunStatus`], decided by a
//!   [`RunStatusTracker`]) and each worker's recent ticks per second ([`ThroughputWindow`]).
//! - `sync/`: bounded locks and the one sliced wait, which notice a stopped or failed run.
//! - [`RunSummary`]: wall time, busy time, speed-up and the combined result of a finished run.
//! - Amdahl's law (`amdahl.rs`): predicted speed-ups and the serial fraction that fits measured ones.
//! - [`RaceSimulation`] (`interleaving/`): races and locks on a deterministic, seeded,
//!   steppable interleaving of two workers' operations, with lost updates and deadlocks reported.
//!
//! The engine never reads a clock or spawns a thread by itself: the host passes a [`Clock`] and
//! runs [`run_worker`] on threads it owns (std threads natively, Web Workers in the browser).

mod amdahl;
mod clock;
mod events;
mod experiments;
mod gil;
mod interleaving;
mod lane_feed;
mod lane_history;
mod limits;
mod mode;
mod native;
mod object_names;
mod process;
mod queue;
mod recorder;
mod run;
mod run_status;
mod scenario;
mod state_times;
mod summary;
mod sync;
mod throughput_window;
mod time_bins;
mod workload;

pub use amdahl::{amdahl_speed_up, fit_serial_fraction};
pub use clock::{Clock, NativeClock};
pub use gil::{Gil, GilClosed, GilPolicy, GilStats};
pub use interleaving::{
    Operation, RaceProgram, RaceSettings, RaceSimulation, RaceStatus, Scheduling, Step, MAX_SWITCH_EVERY, MAX_UPDATES, STARTING_BALANCE,
};
pub use limits::{
    LimitError, MAX_CHECK_INTERVAL_TICKS, MAX_RUN_SECONDS, MAX_SERIAL_PERCENT, MAX_SWITCH_INTERVAL_MS, MAX_TASKS,
    MAX_WORKERS, MIN_CHECK_INTERVAL_TICKS, MIN_SWITCH_INTERVAL_MS, MIN_WORKERS, REFERENCE_CORES,
};
pub use mode::Mode;
pub use native::{run_natively, run_without_shared_memory, NativeRun};
pub use process::{FromProcess, GilToken, PoolReply, ProcessPool, ProcessWorker, ToProcess};
pub use lane_feed::{AddedLane, LaneEvents, LaneFeed, LaneNews, RemoteEvent};
pub use lane_history::LaneHistory;
pub use events::{intervals, time_in, Event, Interval, Waitable, WorkerState};
pub use object_names::{ObjectRef, MOST_OBJECT_NAMES};
pub use recorder::{worker_name, Recorder};
pub use state_times::StateTimes;
pub use time_bins::{TimeBins, MOST_BINS};
pub use run::{panic_message, run_worker, SharedRun, StopSignal, Watchdog};
pub use workload::{Running, Slice, SliceEnd};
pub use experiments::{Experiment, ExperimentKind, Parameter, ParameterKind, PoolCall, RunResult};
pub use queue::{NextTask, PlannedTask, TaskQueue};
pub use run_status::{RunStatus, RunStatusTracker};
pub use throughput_window::ThroughputWindow;
pub use scenario::{FaultPlan, Scenario};
pub use summary::{busy_ms, io_response_times_ms, RunSummary};
pub use sync::{try_lock_spinning, WAIT_SLICE};
pub use workload::{Task, TaskResult, Workload};
