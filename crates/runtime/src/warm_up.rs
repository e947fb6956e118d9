//! Warm-up: a short real run of every CPU workload on each new thread worker, so the browser
//! has compiled the hot loops with its optimising compiler before the first measured run
//! (otherwise the first run of a visit is measured on baseline code and looks slower).
//! It goes through `run_worker` itself: a loop warmed through another call path would be a
//! different compiled function.

use engine::{run_worker, Clock, Experiment, Mode, Scenario, SharedRun};

use crate::clock::BrowserClock;

/// Sizes that take a few milliseconds each once optimised.
fn warm_up_experiments() -> [Experiment; 3] {
    [
        Experiment::Countdown { count: 5_000_000 },
        Experiment::MonteCarloPi { samples: 500_000, seed: 0 },
        Experiment::SumOfPrimes { limits: vec![50_000] },
    ]
}

/// At most this many rounds of each experiment, whether or not its speed has settled.
const MAX_ROUNDS: usize = 12;

/// Runs every warm-up experiment on this thread, as single-worker runs, again and again until
/// a round is no faster than nine tenths of the one before (the optimised code is in use).
pub fn warm_up() {
    for experiment in warm_up_experiments() {
        let mut previous_ms = f64::INFINITY;
        for _ in 0..MAX_ROUNDS {
            let round_ms = timed_run(&experiment);
            if round_ms > previous_ms * 0.9 {
                break;
            }
            previous_ms = round_ms;
        }
    }
}

fn timed_run(experiment: &Experiment) -> f64 {
    let scenario = Scenario { experiment: experiment.clone(), mode: Mode::Single, workers: 1, ..Scenario::default() };
    let started = BrowserClock.now_ms();
    let run = SharedRun::new(&scenario, started);
    run_worker(&run, 0, &BrowserClock);
    BrowserClock.now_ms() - started
}
