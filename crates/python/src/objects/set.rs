//! `set`: its elements by key, behind one lock per set.

use std::sync::Mutex;

use indexmap::IndexMap;

use super::{lock, Key, PyResult, Value};

/// A set of hashable values.
#[derive(Default)]
pub struct Set {
    /// Elements by key.
    pub items: Mutex<IndexMap<Key, Value>>,
}

impl Set {
    /// A set of `values` (later duplicates dropped).
    pub fn from_values(values: Vec<Value>) -> PyResult<Set> {
        let set = Set::default();
        for value in values {
            set.add(value)?;
        }
        Ok(set)
    }

    /// Adds `value`.
    pub fn add(&self, value: Value) -> PyResult<()> {
        let key = Key::of(&value)?;
        lock(&self.items).entry(key).or_insert(value);
        Ok(())
    }

    /// Whether `value` is an element.
    pub fn contains(&self, value: &Value) -> PyResult<bool> {
        Ok(lock(&self.items).contains_key(&Key::of(value)?))
    }

    /// The elements in iteration order.
    pub fn values(&self) -> Vec<Value> {
        let items = lock(&self.items);
        let mut values: Vec<(Key, Value)> = items.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let table = table_size(items.len());
        values.sort_by_key(|(key, _)| iteration_slot(key, table));
        values.into_iter().map(|(_, value)| value).collect()
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        lock(&self.items).len()
    }
}

/// The size of CPython's set table after `len` insertions: 8 slots, grown to the power of
/// two past four times the count whenever it is three fifths full.
fn table_size(len: usize) -> i64 {
    let mut size: usize = 8;
    for used in 1..=len {
        if used * 5 >= (size - 1) * 3 {
            size = (used * 4 + 1).next_power_of_two();
        }
    }
    size as i64
}

/// Where CPython's hash table puts a small non-negative int: its own value modulo the table
/// size, so small-int sets iterate in ascending order; other keys keep insertion order.
fn iteration_slot(key: &Key, table: i64) -> (u8, i64) {
    match key {
        Key::Int(int) if *int >= 0 => (0, int % table),
        _ => (1, 0),
    }
}

/// The methods `set` has.
pub const METHODS: &[&str] = &[
    "add", "remove", "discard", "pop", "clear", "copy", "union", "intersection", "difference",
    "symmetric_difference", "issubset", "issuperset", "isdisjoint", "update",
];

/// Calls `set.name(*args)`; `None` when set has no such method.
pub fn call_method(
    thread: &mut crate::vm::Thread,
    set: &std::sync::Arc<Set>,
    name: &str,
    args: super::function::Args,
) -> Option<PyResult> {
    use crate::bytecode::{BinaryOp, CompareOp};
    use super::PyErr;
    let this = Value::Set(set.clone());
    let other_set = |thread: &mut crate::vm::Thread, index: usize| -> PyResult<Value> {
        let items = match args.get(index) {
            Some(value) => thread.collect(value)?,
            None => Vec::new(),
        };
        Ok(Value::Set(std::sync::Arc::new(Set::from_values(items)?)))
    };
    let result = match name {
        "add" => args.expect("set.add", 1, 1).and_then(|()| set.add(args.positional[0].clone())).map(|()| Value::None),
        "remove" => args.expect("set.remove", 1, 1).and_then(|()| {
            let key = Key::of(&args.positional[0])?;
            match lock(&set.items).shift_remove(&key) {
                Some(_) => Ok(Value::None),
                None => {
                    let _ = &thread;
                    Err(super::exception::key_error(&args.positional[0]))
                }
            }
        }),
        "discard" => args.expect("set.discard", 1, 1).and_then(|()| {
            lock(&set.items).shift_remove(&Key::of(&args.positional[0])?);
            Ok(Value::None)
        }),
        "pop" => {
            let first = set.values().into_iter().next();
            match first {
                Some(value) => {
                    Key::of(&value).map(|key| lock(&set.items).shift_remove(&key)).map(|_| value)
                }
                None => Err(PyErr::new("KeyError", "'pop from an empty set'")),
            }
        }
        "clear" => {
            lock(&set.items).clear();
            Ok(Value::None)
        }
        "copy" => Set::from_values(set.values()).map(|copy| Value::Set(std::sync::Arc::new(copy))),
        "update" => (|| {
            for value in thread.collect(args.get(0).unwrap_or(&Value::tuple(vec![])))? {
                set.add(value)?;
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
