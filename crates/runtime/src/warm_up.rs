//! Warm-up: a few milliseconds of every CPU workload on each new thread worker, so the browser
//! has compiled the hot loops with its optimising compiler before the first measured run
//! (otherwise the first run of a visit is measured on baseline code and looks slower).

use engine::{Experiment, SliceEnd};

/// Sizes that take a few milliseconds each.
fn warm_up_experiments() -> [Experiment; 3] {
    [
        Experiment::Countdown { count: 2_000_000 },
        Experiment::MonteCarloPi { samples: 300_000, seed: 0 },
        Experiment::SumOfPrimes { limits: vec![20_000] },
    ]
}

/// Runs every warm-up experiment to its end on this thread.
pub fn warm_up() {
    for experiment in warm_up_experiments() {
        for task in experiment.tasks(1) {
            let mut running = task.start();
            while running.run_slice(&|| false, 4096).end != SliceEnd::Done {}
        }
    }
}
