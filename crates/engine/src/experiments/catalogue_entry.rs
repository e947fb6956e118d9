//! An experiment's row of the catalogue: what never depends on its parameter values.

use super::{Experiment, Parameter, ParameterReader};
use crate::Mode;

/// An experiment's row of the catalogue: its names, texts, modes, parameters and defaults.
pub(super) struct CatalogueEntry {
    /// The catalogue's id (A1 … B4).
    pub(super) id: &'static str,
    /// A short stable name, for links and form values.
    pub(super) key: &'static str,
    /// The name a learner reads.
    pub(super) label: &'static str,
    /// What the experiment shows, and why.
    pub(super) explanation: &'static str,
    /// The one thing to look for in the result.
    pub(super) what_to_notice: &'static str,
    /// The modes it runs in; the first is where the form starts.
    pub(super) modes: &'static [Mode],
    /// The worker count it is best seen with.
    pub(super) default_workers: usize,
    /// The parameters the form asks for, in order.
    pub(super) parameters: &'static [Parameter],
    /// Whether the work splits evenly over the workers, so a serial share can be carved out.
    pub(super) splits_evenly: bool,
    /// The experiment with its default parameters.
    pub(super) default: fn() -> Experiment,
    /// The experiment with the parameters a reader gives.
    pub(super) read: fn(&mut ParameterReader<'_>) -> Experiment,
}
