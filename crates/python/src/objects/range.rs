//! `range(start, stop, step)`: never materialised.

use super::exception::value_error;
use super::function::Args;
use super::{int, PyResult, Value};

/// A range of ints.
pub struct Range {
    /// First value.
    pub start: i64,
    /// Bound, excluded.
    pub stop: i64,
    /// Step, never 0.
    pub step: i64,
}

impl Range {
    /// How many values it yields.
    pub fn len(&self) -> i64 {
        let span = if self.step > 0 { self.stop - self.start } else { self.start - self.stop };
        if span <= 0 {
            0
        } else {
            (span - 1) / self.step.abs() + 1
        }
    }

    /// Its `index`th value, if in range.
    pub fn get(&self, index: i64) -> Option<i64> {
        (0..self.len()).contains(&index).then(|| self.start + index * self.step)
    }

    /// Whether it yields `value`.
    pub fn contains(&self, value: i64) -> bool {
        let in_bounds = if self.step > 0 {
            self.start <= value && value < self.stop
        } else {
            self.stop < value && value <= self.start
        };
        in_bounds && (value - self.start) % self.step == 0
    }

    /// `repr`.
    pub fn repr(&self) -> String {
        if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        }
    }
}

/// The methods `range` has.
pub const METHODS: &[&str] = &["index", "count"];

/// Calls `range.name(*args)`; `None` when range has no such method.
pub fn call_method(range: &Range, name: &str, args: Args) -> Option<PyResult> {
    let value = args.get(0).and_then(int::to_small);
    let found = value.filter(|value| range.contains(*value));
    Some(match name {
        "count" => Ok(Value::Int(i64::from(found.is_some()))),
        "index" => match found {
            Some(value) => Ok(Value::Int((value - range.start) / range.step)),
            None => Err(value_error(format!("{} is not in range", value.map_or("?".to_string(), |v| v.to_string())))),
        },
        _ => return None,
    })
}
