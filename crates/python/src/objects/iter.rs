//! Iterators: over containers (live for lists, as CPython), ranges, snapshots, and the lazy
//! `map`, `filter`, `zip`, `enumerate`, `iter(function, sentinel)` (advanced by the VM, which can call Python).

use std::sync::{Arc, Mutex};

use super::class::builtin_types;
use super::{Class, Value};

/// Where an iterator is.
pub enum IterState {
    /// Over a list, read live so appends while iterating are seen.
    List { list: Arc<Mutex<Vec<Value>>>, index: usize },
    /// Over a fixed sequence of values (tuples, strings, dict keys, sets, reversed).
    Values { items: Arc<Vec<Value>>, index: usize, type_name: &'static str },
    /// Over a range.
    Range { next: i64, remaining: i64, step: i64 },
    /// `map(function, *iterables)`.
    Map { function: Value, sources: Vec<Value> },
    /// `filter(function, iterable)`.
    Filter { function: Value, source: Value },
    /// `zip(*iterables)`.
    Zip { sources: Vec<Value> },
    /// `iter(function, sentinel)`: the function's values until one equals the sentinel.
    CallUntil { function: Value, sentinel: Value, finished: bool },
    /// `enumerate(iterable, start)`.
    Enumerate { source: Value, count: i64 },
    /// A live view of a dict (`keys()`, `values()`, `items()`): iterable, not an iterator.
    DictView { dict: Arc<super::Dict>, kind: &'static str },
    /// A generator: its suspended frame (`None` while it runs or once it has finished), held
    /// in place: resuming it moves the frame out and a yield moves it back, allocating nothing.
    Generator { frame: Option<crate::vm::Frame>, finished: bool },
}

impl IterState {
    /// Its type (`list_iterator`, `map` …).
    pub fn class(&self) -> Arc<Class> {
        let name = match self {
            IterState::List { .. } => "list_iterator",
            IterState::Values { type_name, .. } => type_name,
            IterState::Range { .. } => "range_iterator",
            IterState::Map { .. } => "map",
            IterState::Filter { .. } => "filter",
            IterState::Zip { .. } => "zip",
            IterState::Enumerate { .. } => "enumerate",
            IterState::CallUntil { .. } => "callable_iterator",
            IterState::Generator { .. } => "generator",
            IterState::DictView { kind, .. } => kind,
        };
        builtin_types().iterators[name].clone()
    }

    /// The items a dict view shows now.
    pub fn view_items(dict: &super::Dict, kind: &str) -> Vec<Value> {
        match kind {
            "dict_keys" => dict.keys(),
            "dict_values" => dict.values(),
            _ => dict.items().into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect(),
        }
    }

    /// A new iterator value over fixed values.
    pub fn over(items: Vec<Value>, type_name: &'static str) -> Value {
        Value::Iter(Arc::new(Mutex::new(IterState::Values { items: Arc::new(items), index: 0, type_name })))
    }
}
