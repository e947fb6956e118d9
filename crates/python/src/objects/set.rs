//! `set` and `frozenset`: elements by key, behind one lock per set; a frozenset is a set that
//! has no methods that change it, is hashable, and whose operators give frozensets.

use std::sync::Mutex;

use indexmap::IndexMap;

use super::{lock, Key, PyResult, Value};

/// A set of hashable values.
#[derive(Default)]
pub struct Set {
    /// Elements by key.
    pub items: Mutex<IndexMap<Key, Value>>,
    /// Whether it is a `frozenset`.
    pub frozen: bool,
}

impl Set {
    /// Adds `value` as the member `key` unless one is there.
    pub fn add_by_key(&self, key: Key, value: Value) {
        lock(&self.items).entry(key).or_insert(value);
    }

    /// Whether the member `key` is there.
    pub fn contains_by_key(&self, key: &Key) -> bool {
        lock(&self.items).contains_key(key)
    }

    /// Removes the member `key`; whether it was there.
    pub fn remove_by_key(&self, key: &Key) -> bool {
        lock(&self.items).shift_remove(key).is_some()
    }

    /// The members `__hash__` made with this hash, each with its value.
    pub fn members_hashed_as(&self, hash: i64) -> Vec<(Key, Value)> {
        let items = lock(&self.items);
        items.iter().filter(|(key, _)| key.is_hashed_as(hash)).map(|(key, value)| (key.clone(), value.clone())).collect()
    }

    /// A set with the same members.
    pub fn copy(&self) -> Set {
        Set { items: Mutex::new(lock(&self.items).clone()), frozen: self.frozen }
    }

    /// The elements in iteration order (`set_order.rs`).
    pub fn values(&self) -> Vec<Value> {
        let items = lock(&self.items);
        let keys: Vec<&Key> = items.keys().collect();
        super::set_order::iteration_order(&keys).into_iter().map(|index| items[index].clone()).collect()
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        lock(&self.items).len()
    }
}

/// The methods `set` has.
pub const METHODS: &[&str] = &[
    "add", "remove", "discard", "pop", "clear", "copy", "union", "intersection", "difference",
    "symmetric_difference", "issubset", "issuperset", "isdisjoint", "update",
];

/// The methods `frozenset` has: those of `set` that change nothing.
pub const FROZEN_METHODS: &[&str] =
    &["copy", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset", "isdisjoint"];

/// Calls `set.name(*args)`; `None` when set has no such method.
pub fn call_method(
    thread: &mut crate::vm::Thread,
    set: &std::sync::Arc<Set>,
    name: &str,
    args: super::function::Args,
) -> Option<PyResult> {
    use crate::bytecode::{BinaryOp, CompareOp};
    use super::PyErr;
    if set.frozen && !FROZEN_METHODS.contains(&name) {
        return None;
    }
    let this = Value::Set(set.clone());
    let other_set = |thread: &mut crate::vm::Thread, index: usize| -> PyResult<Value> {
        let items = match args.get(index) {
            Some(value) => thread.collect(value)?,
            None => Vec::new(),
        };
        Ok(Value::Set(std::sync::Arc::new(thread.set_from(items)?)))
    };
    let result = match name {
        "add" => args.expect("set.add", 1, 1).and_then(|()| thread.set_add(set, args.positional[0].clone())).map(|()| Value::None),
        "remove" => args.expect("set.remove", 1, 1).and_then(|()| {
            match thread.set_remove(set, &args.positional[0])? {
                true => Ok(Value::None),
                false => Err(super::exception::key_error(&args.positional[0])),
            }
        }),
        "discard" => args.expect("set.discard", 1, 1).and_then(|()| {
            thread.set_remove(set, &args.positional[0]).map(|_| Value::None)
        }),
        "pop" => {
            let first = set.values().into_iter().next();
            match first {
                Some(value) => thread.set_remove(set, &value).map(|_| value),
                None => Err(PyErr::new("KeyError", "'pop from an empty set'")),
            }
        }
        "clear" => {
            lock(&set.items).clear();
            Ok(Value::None)
        }
        "copy" if set.frozen => Ok(this),
        "copy" => Ok(Value::Set(std::sync::Arc::new(set.copy()))),
        "update" => (|| {
            for value in thread.collect(args.get(0).unwrap_or(&Value::tuple(vec![])))? {
                thread.set_add(set, value)?;
            }
            Ok(Value::None)
        })(),
        "union" | "intersection" | "difference" | "symmetric_difference" => (|| {
            let op = match name {
                "union" => BinaryOp::Or,
                "intersection" => BinaryOp::And,
                "difference" => BinaryOp::Sub,
                _ => BinaryOp::Xor,
            };
            let other = other_set(thread, 0)?;
            thread.binary(op, &this, &other)
        })(),
        "issubset" | "issuperset" => (|| {
            let other = other_set(thread, 0)?;
            let op = if name == "issubset" { CompareOp::Le } else { CompareOp::Ge };
            thread.compare(op, &this, &other)
        })(),
        "isdisjoint" => (|| {
            let other = other_set(thread, 0)?;
            let common = thread.binary(BinaryOp::And, &this, &other)?;
            Ok(Value::Bool(matches!(&common, Value::Set(s) if s.len() == 0)))
        })(),
        _ => return None,
    };
    Some(result)
}
