//! The bounds most parameters share: at least one, and a task count the queue can hold.

use crate::limits::{LimitError, MAX_TASKS};

/// `value` must be at least 1; `name` starts the message.
pub(super) fn at_least_one(field: &'static str, value: u64, name: &str) -> Option<LimitError> {
    (value == 0).then(|| LimitError::new(field, format!("{name} must be at least 1.")))
}

/// `count` tasks must be between 1 and [`MAX_TASKS`]; `name` starts the message.
pub(super) fn task_count(field: &'static str, count: u64, name: &str) -> Option<LimitError> {
    (count == 0 || count > MAX_TASKS as u64)
        .then(|| LimitError::new(field, format!("{name} must be between 1 and {MAX_TASKS}.")))
}
