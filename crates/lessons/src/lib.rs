//! The playground's lessons: one short Python program per row of the experiment list
//! (`lessons/*.py` at the top of the repository), each opening with a header of `# key: value`
//! lines that says what it is about.
//!
//! - `header.rs`: reading a program's header into a [`Lesson`] (its id, title, what it shows,
//!   what to notice, default mode, an optional [`Question`] to predict, the [`Check`]s its
//!   output must pass, how it [`Ends`]);
//! - `check.rs`: a [`Check`], a claim about one labelled line of the output (`lost with +=: 0`);
//! - `question.rs`: a [`Question`] asked before the first run, and the run's answer to it read
//!   from the output ([`RunAnswer`]);
//! - `list.rs`: every lesson, built into the crate ([`all`], [`by_id`]).
//!
//! The header's keys are listed in `lessons/README.md`.

mod check;
mod header;
mod list;
mod question;

pub use check::{Check, Comparison};
pub use header::{parse, Ends, HeaderError, Lesson};
pub use list::{all, by_id, header_errors, SOURCES};
pub use question::{Question, RunAnswer};
