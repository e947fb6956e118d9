//! Warm-up: a short real run of every CPU workload on each new thread worker, so the browser
//! has compiled the hot loops with its optimising compiler before the first measured run
//! (otherwise the first run of a visit is measured on baseline code and looks slower).
//! It goes through `run_worker` and `ProcessWorker::handle` themselves: a loop warmed through
//! another call path would be a different compiled function. Process workers share the
//! compiled module, so warming their path here speeds up their first run too.

use engine::{run_worker, Clock, Experiment, Mode, ProcessWorker, Scenario, SharedRun, ToProcess};

use crate::clock::BrowserClock;

/// Sizes that take a few milliseconds each once optimised.
fn warm_up_experiments() -> [Experiment; 3] {
    [
        Experiment::Countdown { count: 5_000_000 },
        Experiment::MonteCarloPi { samples: 500_000, seed: 0 },
        Experiment::SumOfPrimes { limits: vec![50_000] },
    ]
}

/// Fewest and most rounds of each experiment on each path.
const MIN_ROUNDS: usize = 3;
const MAX_ROUNDS: usize = 12;

/// Runs every warm-up experiment on this thread, on the threads' and the processes' paths,
/// again and again until a round is no faster than 95 % of the one before (the optimised code
/// is in use).
pub fn warm_up() {
    for experiment in warm_up_experiments() {
        until_speed_settles(|| run_as_thread(&experiment));
        until_speed_settles(|| run_as_process(&experiment));
    }
}

fn until_speed_settles(run: impl Fn()) {
    let mut previous_ms = f64::INFINITY;
    for round in 0..MAX_ROUNDS {
        let started = BrowserClock.now_ms();
        run();
        let round_ms = BrowserClock.now_ms() - started;
        if round >= MIN_ROUNDS && round_ms > previous_ms * 0.95 {
            break;
        }
        previous_ms = round_ms;
    }
}

fn run_as_thread(experiment: &Experiment) {
    let scenario = Scenario { experiment: experiment.clone(), mode: Mode::Single, workers: 1, ..Scenario::default() };
    let run = SharedRun::new(&scenario, BrowserClock.now_ms());
    run_worker(&run, 0, &BrowserClock);
}

fn run_as_process(experiment: &Experiment) {
    let mut worker = ProcessWorker::new(&BrowserClock, BrowserClock.now_ms());
    for planned in experiment.plan(1, 0) {
        worker.handle(ToProcess::Run { task_index: 0, task: planned.task, fail_at_ms: None, turn_ms: None }, &mut |_| {});
    }
}
