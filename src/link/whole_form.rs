//! The whole form a link describes, checked at once. Every field is read first, on its own
//! (`fields.rs`: is the value of the field's kind?); then the limits are checked on the form all
//! of them make together, including the limits across fields (a heavy loop's iterations against
//! its parts, the shortest download latency against the longest, a size against the time limit),
//! so that a field is never judged against the defaults of the others. While the form breaks a
//! limit, the field the limit names is dropped (left at its default), with the limit's message.

use crate::form::{FormFields, MAX_STUDY_WORKERS, MIN_STUDY_WORKERS};

use super::fields::{Check, LinkField};
use super::IgnoredField;

/// A field read from a link, of its field's kind.
pub(super) struct ReadField {
    /// Which field.
    pub field: LinkField,
    /// Its value, decoded.
    pub value: String,
    /// Where it stood in the link (its first pair), to name dropped fields in the link's order.
    pub position: usize,
}

/// A limit the whole form breaks.
struct Problem {
    /// The check that found it, naming the field at fault.
    check: Option<Check>,
    /// What the limit is.
    message: String,
}

/// `base` with every field of `read` that the whole form can keep, and in `ignored` each
/// field dropped with the limit it broke.
pub(super) fn settle(base: &FormFields, mut read: Vec<ReadField>, ignored: &mut Vec<IgnoredField>) -> FormFields {
    loop {
        let fields = with_all(base, &read);
        let Some(problem) = first_problem(&fields) else { return fields };
        let Some(culprit) = culprit(&read, problem.check) else { return fields };
        let dropped = read.remove(culprit);
        let why = problem.message.trim_end_matches('.').to_owned();
        ignored.push(IgnoredField { name: dropped.field.key(), why, position: dropped.position });
    }
}

fn with_all(base: &FormFields, read: &[ReadField]) -> FormFields {
    read.iter().fold(base.clone(), |fields, field| field.field.read(fields.clone(), &field.value).unwrap_or(fields))
}

/// The first limit `fields` break: the scenario's (the experiment, workers, GIL…), the race
/// lab's, then the speed-up study's.
fn first_problem(fields: &FormFields) -> Option<Problem> {
    let scenario = match fields.read_scenario() {
        Ok(scenario) => scenario,
        // Every field was read as its kind: only a field the link left as it was can fail here.
        Err(messages) => return Some(Problem { check: None, message: messages.join(" ") }),
    };
    if let Some(error) = scenario.validate_on(fields.cores).err().and_then(|errors| errors.into_iter().next()) {
        return Some(Problem { check: Some(Check::Scenario(error.field)), message: error.message });
    }
    if let Some((field, message)) = fields.race.problems().into_iter().next() {
        return Some(Problem { check: Some(Check::Race(field)), message });
    }
    fields.study_size().is_none().then(|| Problem {
        check: Some(Check::StudySize),
        message: format!("The speed-up study goes up to between {MIN_STUDY_WORKERS} and {MAX_STUDY_WORKERS} workers"),
    })
}

/// Which read field to drop for a problem: the one the problem names, if the link set it; else
/// the last parameter the link set (a limit across parameters may name one the link did not
/// set: the time limit names an experiment's first parameter); else the last field read.
fn culprit(read: &[ReadField], check: Option<Check>) -> Option<usize> {
    let named = check.and_then(|check| read.iter().position(|field| field.field.check() == Some(check)));
    named.or_else(|| read.iter().rposition(|field| field.field.is_parameter())).or_else(|| read.len().checked_sub(1))
}
