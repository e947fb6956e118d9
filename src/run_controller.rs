//! The hook that owns the current run: starts and stops it, polls and redraws it every
//! [`REDRAW_EVERY_MS`] while it goes, and files its outcome (a results row, or a message saying
//! why it ended).

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use engine::{worker_name, Experiment, LaneHistory, Mode, Scenario};
use runtime::{
    after_the_next_frame, in_a_task_after_ms, in_a_task_of_its_own, runs_on_shared_memory, shared_memory_available,
    LiveRun, RunStatus, ThreadPool,
};
use yew::prelude::*;

use crate::components::environment_status::core_count;
use crate::history::{FinishedRun, History};


/// Thread workers started with the page: as many as cores, up to this.
const PRESTARTED_WORKERS_AT_MOST: usize = 8;

/// While a run goes, it is polled and the page redrawn this often (ms): 20 frames a second look
/// live, and leave the workers more of a small machine's cores than 60 would. A timer, not every
/// animation frame: the browser then makes a frame only when something changed, so a run with
/// more workers than cores gives the page's thread fewer tasks in which to be kept waiting.
const REDRAW_EVERY_MS: i32 = 50;

/// A message about the last run: information, or an error to announce at once.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Said politely (`role="status"`).
    Info(String),
    /// Said at once (`role="alert"`).
    Error(String),
}

/// A series of runs started with one click.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Batch {
    /// The same scenario in every mode.
    Compare,
    /// The same scenario with 1, 2, … N workers.
    SpeedUpStudy,
}

/// What the page shows of the current (or last) run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunView {
    /// The mode it ran in.
    pub mode: Mode,
    /// The workers it was split for.
    pub workers: usize,
    /// Every lane so far (recent events in full, older ones summarised), shared between views
    /// and the components that show them, never copied whole.
    pub lanes: Rc<[LaneHistory]>,
    /// Where the time axis ends, in milliseconds since the start.
    pub now_ms: f64,
    /// Share of the work done, 0 to 1.
    pub progress: f64,
    /// What ran.
    pub experiment: Experiment,
    /// Work units per second of each worker (see [`LiveRun::throughput`]).
    pub throughput: Vec<f64>,
}

/// The current run and everything the page needs to show and steer it.
pub struct RunController {
    /// Starts a run of the scenario.
    pub start: Callback<Scenario>,
    /// Runs the scenarios one after the other as a batch, keeping each one's view.
    pub start_batch: Callback<(Batch, Vec<Scenario>)>,
    /// Asks the current run to stop.
    pub stop: Callback<()>,
    /// Whether the workers started with the page are ready (Run waits for them).
    pub ready: bool,
    /// Whether a run is going (or stopping).
    pub running: bool,
    /// Whether Stop was pressed and workers are still leaving.
    pub stopping: bool,
    /// The current or last run.
    pub view: Option<RunView>,
    /// The current or last batch, and its runs that have ended, in order.
    pub batch: Option<(Batch, Vec<RunView>)>,
    /// The last run's outcome.
    pub notice: Option<Notice>,
    /// The results table.
    pub history: Rc<History>,
}

/// The run controller of the page (one per page).
#[hook]
pub fn use_run_controller() -> RunController {
    let ready = use_state_eq(|| false);
    let pool = {
        let ready = ready.setter();
        use_memo((), move |()| {
            let pool = ThreadPool::new();
            let workers = if shared_memory_available() { core_count().clamp(2, PRESTARTED_WORKERS_AT_MOST) } else { 0 };
            pool.keep_at_all_times(workers);
            pool.prestart(workers, move || ready.set(true));
            pool
        })
    };
    let live = use_mut_ref(|| None::<LiveRun>);
    let queued = use_mut_ref(VecDeque::<Scenario>::new);
    let batch_runs = use_mut_ref(Vec::<RunView>::new);
    let batch = use_mut_ref(|| None::<Batch>);
    let running = use_state_eq(|| false);
    let stopping = use_state_eq(|| false);
    let notice = use_state_eq(|| None::<Notice>);
    let history = use_reducer_eq(History::default);
    let redraw = use_force_update();

    // Whether Stop was pressed since the last Run (perhaps before its workers started).
    let stop_asked = use_mut_ref(|| false);
    // The view of a run whose workers are about to start.
    let starting = use_mut_ref(|| None::<RunView>);
    // Whether the current run's outcome is still to be filed.
    let polling = use_mut_ref(|| false);
    let on_poll = {
        let (live, running, notice, history) = (live.clone(), running.setter(), notice.setter(), history.dispatcher());
        let (queued, batch_runs, batch, pool) = (queued.clone(), batch_runs.clone(), batch.clone(), pool.clone());
        let polling = polling.clone();
        Callback::from(move |()| {
            // The borrow ends before any state is set, in case setting it renders at once.
            let polled = live.borrow_mut().as_mut().map(poll);
            let Some(polled) = polled else { return };
            // A poll may come before the render that ends the loop: file each outcome once.
            if polled.is_some() && !std::mem::take(&mut *polling.borrow_mut()) {
                return;
            }
            if let Some(outcome) = polled {
                let finished = outcome.finished.is_some();
                if let Some(finished) = outcome.finished {
                    history.dispatch(finished);
                }
                // A comparison goes on only while its runs finish; Stop or a failure ends it.
                let next = if finished { queued.borrow_mut().pop_front() } else { None };
                if next.is_none() {
                    queued.borrow_mut().clear();
                }
                if let Some(run) = live.borrow().as_ref().filter(|_| finished && batch.borrow().is_some()) {
                    batch_runs.borrow_mut().push(view_of(run));
                }
                match next.map(|scenario| LiveRun::start(scenario, &pool, core_count())) {
                    Some(Ok(next)) => {
                        *live.borrow_mut() = Some(next);
                        *polling.borrow_mut() = true;
                    }
                    Some(Err(reason)) => {
                        running.set(false);
                        notice.set(Some(Notice::Error(format!("The next run could not start: {reason}"))));
                    }
                    None => {
                        running.set(false);
                        notice.set(Some(outcome.notice));
                    }
                }
            }
            let redraw = redraw.clone();
            in_a_task_of_its_own(move || redraw.force_update());
        })
    };
    use_polling(*running, on_poll);

    let launch = {
        let (live, running, stopping, notice) = (live.clone(), running.setter(), stopping.setter(), notice.setter());
        let (queued, batch_runs, batch, pool) = (queued.clone(), batch_runs.clone(), batch.clone(), pool.clone());
        let (polling, stop_asked, starting) = (polling.clone(), stop_asked.clone(), starting.clone());
        Callback::from(move |(kind, scenarios): (Option<Batch>, Vec<Scenario>)| {
            let mut scenarios = VecDeque::from(scenarios);
            let Some(first) = scenarios.pop_front() else { return };
            batch_runs.borrow_mut().clear();
            *batch.borrow_mut() = kind;
            *starting.borrow_mut() = Some(starting_view(&first));
            stopping.set(false);
            notice.set(Some(Notice::Info("Running…".into())));
            running.set(true);
            *stop_asked.borrow_mut() = false;
            // The page lays out and paints the run's empty lanes first, while the cores are
            // still free; the workers start after that frame (see the runtime crate's
            // `short_tasks.rs`), unless Stop came first.
            let (live, polling, queued, pool) = (live.clone(), polling.clone(), queued.clone(), pool.clone());
            let (running, notice, stop_asked, starting) = (running.clone(), notice.clone(), stop_asked.clone(), starting.clone());
            after_the_next_frame(move || {
                starting.borrow_mut().take();
                if *stop_asked.borrow() {
                    running.set(false);
                    notice.set(Some(Notice::Info("Stopped before it started. Press Run to start again.".into())));
                    return;
                }
                match LiveRun::start(first, &pool, core_count()) {
                    Ok(run) => {
                        *live.borrow_mut() = Some(run);
                        *polling.borrow_mut() = true;
                        *queued.borrow_mut() = scenarios;
                    }
                    Err(reason) => {
                        running.set(false);
                        notice.set(Some(Notice::Error(format!("The run could not start: {reason}"))));
                    }
                }
            });
        })
    };
    // Starting a Web Worker takes tens of milliseconds, an operating-system thread far less: so
    // thread workers a run lacks are started (and warmed up) before it, not inside its wall time.
    // Processes keep their start-up inside: that cost is real.
    let begin = {
        let ready = ready.setter();
        Callback::from(move |(kind, scenarios): (Option<Batch>, Vec<Scenario>)| {
            let missing = thread_lanes_needed(&scenarios).saturating_sub(pool.idle_workers());
            if missing == 0 {
                return launch.emit((kind, scenarios));
            }
            ready.set(false);
            let (ready, launch) = (ready.clone(), launch.clone());
            pool.prestart(missing, move || {
                ready.set(true);
                launch.emit((kind, scenarios));
            });
        })
    };
    let start = begin.reform(|scenario: Scenario| (None, vec![scenario]));
    let start_batch = begin.reform(|(kind, scenarios): (Batch, Vec<Scenario>)| (Some(kind), scenarios));
    let stop = {
        let (live, stopping) = (live.clone(), stopping.setter());
        Callback::from(move |()| {
            *stop_asked.borrow_mut() = true;
            if let Some(run) = live.borrow().as_ref() {
                run.stop();
                stopping.set(true);
            }
        })
    };
    let view = starting.borrow().clone().or_else(|| live.borrow().as_ref().map(view_of));
    let batch = (*batch.borrow()).map(|kind| (kind, batch_runs.borrow().clone())).filter(|(_, runs)| !runs.is_empty());
    RunController {
        start,
        start_batch,
        stop,
        ready: *ready,
        running: *running,
        stopping: *stopping,
        view,
        batch,
        notice: (*notice).clone(),
        history: Rc::new((*history).clone()),
    }
}

/// The most thread workers any of `scenarios` runs at once.
fn thread_lanes_needed(scenarios: &[Scenario]) -> usize {
    scenarios.iter().filter(|scenario| runs_on_shared_memory(scenario)).map(Scenario::lanes).max().unwrap_or(0)
}

/// How a run ended, for the page.
struct Outcome {
    notice: Notice,
    finished: Option<FinishedRun>,
}

/// Reads what is new; once every worker has ended, says how the run ended.
fn poll(run: &mut LiveRun) -> Option<Outcome> {
    // Status first: once it says the workers ended, the refresh after it reads every event.
    let status = run.status();
    run.refresh();
    let scenario = run.scenario();
    match status {
        RunStatus::Running => None,
        RunStatus::Stopped => Some(Outcome { notice: Notice::Info("Stopped. Press Run to start again.".into()), finished: None }),
        RunStatus::StoppedByWatchdog(verdict) => {
            Some(Outcome { notice: Notice::Error(format!("{verdict} Press Run to start again.")), finished: None })
        }
        RunStatus::Failed(reason) => Some(Outcome {
            notice: Notice::Error(format!("The run ended because a worker failed: {reason}. The other workers were stopped.")),
            finished: None,
        }),
        RunStatus::Finished(result) => Some(Outcome {
            notice: Notice::Info(format!("Finished: {result}.{}", messages_line(run))),
            finished: Some(FinishedRun {
                experiment: scenario.experiment.clone(),
                mode: scenario.mode,
                workers: scenario.workers,
                summary: run.summary(),
                gil: run.gil_stats(),
                gil_policy: scenario.gil_policy,
                result,
            }),
        }),
    }
}

/// For processes runs: how much text crossed between the page and the processes.
fn messages_line(run: &LiveRun) -> String {
    run.message_bytes().map_or_else(String::new, |(sent, received)| {
        format!(" Serialised messages: {sent} bytes to the workers, {received} bytes back.")
    })
}

/// What a run of `scenario` looks like before its workers start: every lane starting.
fn starting_view(scenario: &Scenario) -> RunView {
    RunView {
        mode: scenario.mode,
        workers: scenario.workers,
        lanes: (0..scenario.lanes()).map(|lane| LaneHistory::starting_at(&worker_name(lane), 0.0)).collect(),
        now_ms: 0.0,
        progress: 0.0,
        experiment: scenario.experiment.clone(),
        throughput: vec![0.0; scenario.lanes()],
    }
}

fn view_of(run: &LiveRun) -> RunView {
    let lanes = run.lanes();
    let ended = lanes.iter().all(LaneHistory::has_ended);
    let now_ms = if ended { run.summary().wall_ms } else { run.elapsed_ms() };
    let scenario = run.scenario();
    RunView {
        mode: scenario.mode,
        workers: scenario.workers,
        lanes,
        now_ms,
        progress: run.progress(),
        experiment: scenario.experiment.clone(),
        throughput: run.throughput(),
    }
}

/// Calls `on_poll` every [`REDRAW_EVERY_MS`] while `active`.
#[hook]
fn use_polling(active: bool, on_poll: Callback<()>) {
    use_effect_with(active, move |&active| {
        let looping = Rc::new(Cell::new(active));
        if active {
            poll_later(on_poll, looping.clone());
        }
        move || looping.set(false)
    });
}

/// Sets a timer that calls `on_poll` and sets the next, while `looping`. Each timer's closure is
/// owned by JavaScript and freed after its one call, so ending the loop from inside `on_poll` (a
/// re-render tearing the effect down) frees nothing in use.
fn poll_later(on_poll: Callback<()>, looping: Rc<Cell<bool>>) {
    in_a_task_after_ms(REDRAW_EVERY_MS, move || {
        if looping.get() {
            on_poll.emit(());
            poll_later(on_poll, looping);
        }
    });
}
