//! Which experiment, without its parameters: the picker's choices, and each one's row of the
//! catalogue.

use super::catalogue_entry::CatalogueEntry;
use super::{
    chunks, convoy, countdown, downloads, factorial, file_copy, heavy_loop, monte_carlo_pi, pool_calls, sleep,
    sum_of_primes, Experiment, Parameter,
};
use crate::Mode;

/// Which experiment, without its parameters (the picker's choices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExperimentKind {
    /// A1, see [`Experiment::Countdown`].
    Countdown,
    /// A2, see [`Experiment::MonteCarloPi`].
    MonteCarloPi,
    /// A3, see [`Experiment::SumOfPrimes`].
    SumOfPrimes,
    /// A4, see [`Experiment::Factorial`].
    Factorial,
    /// A5, see [`Experiment::PoolCalls`].
    PoolCalls,
    /// A6, see [`Experiment::Chunks`].
    Chunks,
    /// A7, see [`Experiment::HeavyLoop`].
    HeavyLoop,
    /// B1, see [`Experiment::Sleep`].
    Sleep,
    /// B2, see [`Experiment::Downloads`].
    Downloads,
    /// B3, see [`Experiment::FileCopy`].
    FileCopy,
    /// B4, see [`Experiment::Convoy`].
    Convoy,
}

impl ExperimentKind {
    /// Every experiment, in the order the picker shows them.
    pub const ALL: [ExperimentKind; 11] = [
        ExperimentKind::Countdown,
        ExperimentKind::MonteCarloPi,
        ExperimentKind::SumOfPrimes,
        ExperimentKind::Factorial,
        ExperimentKind::PoolCalls,
        ExperimentKind::Chunks,
        ExperimentKind::HeavyLoop,
        ExperimentKind::Sleep,
        ExperimentKind::Downloads,
        ExperimentKind::FileCopy,
        ExperimentKind::Convoy,
    ];

    /// The experiment's row of the catalogue.
    pub(super) fn entry(self) -> &'static CatalogueEntry {
        match self {
            ExperimentKind::Countdown => &countdown::ENTRY,
            ExperimentKind::MonteCarloPi => &monte_carlo_pi::ENTRY,
            ExperimentKind::SumOfPrimes => &sum_of_primes::ENTRY,
            ExperimentKind::Factorial => &factorial::ENTRY,
            ExperimentKind::PoolCalls => &pool_calls::ENTRY,
            ExperimentKind::Chunks => &chunks::ENTRY,
            ExperimentKind::HeavyLoop => &heavy_loop::ENTRY,
            ExperimentKind::Sleep => &sleep::ENTRY,
            ExperimentKind::Downloads => &downloads::ENTRY,
            ExperimentKind::FileCopy => &file_copy::ENTRY,
            ExperimentKind::Convoy => &convoy::ENTRY,
        }
    }

    /// The catalogue's id (A1 … B4).
    pub fn id(self) -> &'static str {
        self.entry().id
    }

    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        self.entry().label
    }

    /// A short stable name, for links and form values.
    pub fn key(self) -> &'static str {
        self.entry().key
    }

    /// The kind named by [`ExperimentKind::key`].
    pub fn from_key(key: &str) -> Option<ExperimentKind> {
        ExperimentKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The modes this experiment runs in; the first is where the form starts.
    pub fn modes(self) -> &'static [Mode] {
        self.entry().modes
    }

    /// The worker count the experiment is best seen with.
    pub fn default_workers(self) -> usize {
        self.entry().default_workers
    }

    /// The experiment with its default parameters.
    pub fn default_experiment(self) -> Experiment {
        (self.entry().default)()
    }

    /// The parameters the form asks for, in order.
    pub fn parameters(self) -> &'static [Parameter] {
        self.entry().parameters
    }

    /// What the experiment shows, and why.
    pub fn explanation(self) -> &'static str {
        self.entry().explanation
    }

    /// The one thing to look for in the result.
    pub fn what_to_notice(self) -> &'static str {
        self.entry().what_to_notice
    }
}
