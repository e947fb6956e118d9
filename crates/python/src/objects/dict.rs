//! `dict`: insertion-ordered, behind one lock per dict.

use std::sync::Mutex;

use indexmap::IndexMap;

use super::{lock, Key, PyResult, Value};

/// A dict: each key with the value it was first inserted as, and its value.
#[derive(Default)]
pub struct Dict {
    /// Entries by key: (the key as inserted, the value).
    pub entries: Mutex<IndexMap<Key, (Value, Value)>>,
}

impl Dict {
    /// A dict from pairs, later pairs winning.
    pub fn from_pairs(pairs: Vec<(Value, Value)>) -> PyResult<Dict> {
        let dict = Dict::default();
        for (key, value) in pairs {
            dict.set(key, value)?;
        }
        Ok(dict)
    }

    /// `dict[key]`, or `None` when absent, for keys made without Python.
    pub fn get(&self, key: &Value) -> PyResult<Option<Value>> {
        Ok(self.get_by_key(&Key::of(key)?))
    }

    /// `dict[key] = value`, for keys made without Python.
    pub fn set(&self, key: Value, value: Value) -> PyResult<()> {
        let hashed = Key::of(&key)?;
        self.set_by_key(hashed, key, value);
        Ok(())
    }

    /// The value of the entry whose key is `key`.
    pub fn get_by_key(&self, key: &Key) -> Option<Value> {
        lock(&self.entries).get(key).map(|(_, value)| value.clone())
    }

    /// Sets the value of the entry whose key is `hashed`, made from `key` when new.
    pub fn set_by_key(&self, hashed: Key, key: Value, value: Value) {
        let mut entries = lock(&self.entries);
        match entries.get_mut(&hashed) {
            Some(entry) => entry.1 = value,
            None => {
                entries.insert(hashed, (key, value));
            }
        }
    }

    /// Removes the entry whose key is `key`, giving its value.
    pub fn remove_by_key(&self, key: &Key) -> Option<Value> {
        lock(&self.entries).shift_remove(key).map(|(_, value)| value)
    }

    /// The keys `__hash__` made with this hash, each with the value it was made from.
    pub fn keys_hashed_as(&self, hash: i64) -> Vec<(Key, Value)> {
        let entries = lock(&self.entries);
        entries.iter().filter(|(key, _)| key.is_hashed_as(hash)).map(|(key, (value, _))| (key.clone(), value.clone())).collect()
    }

    /// A dict with the same entries.
    pub fn copy(&self) -> Dict {
        Dict { entries: std::sync::Mutex::new(lock(&self.entries).clone()) }
    }

    /// The keys in order.
    pub fn keys(&self) -> Vec<Value> {
        lock(&self.entries).values().map(|(key, _)| key.clone()).collect()
    }

    /// The values in order.
    pub fn values(&self) -> Vec<Value> {
        lock(&self.entries).values().map(|(_, value)| value.clone()).collect()
    }

    /// The (key, value) pairs in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        lock(&self.entries).values().cloned().collect()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }
}

/// The methods `dict` has.
pub const METHODS: &[&str] =
    &["keys", "values", "items", "get", "pop", "popitem", "setdefault", "update", "clear", "copy"];

/// Calls `dict.name(*args)`; `None` when dict has no such method.
pub fn call_method(
    thread: &mut crate::vm::Thread,
    dict: &std::sync::Arc<Dict>,
    name: &str,
    mut args: super::function::Args,
) -> Option<PyResult> {
    use super::PyErr;
    let result = match name {
        "keys" | "values" | "items" => {
            let kind = match name {
                "keys" => "dict_keys",
                "values" => "dict_values",
                _ => "dict_items",
            };
            Ok(crate::vm::Thread::iterator(super::IterState::DictView { dict: dict.clone(), kind }))
        }
        "get" => args.expect("get", 1, 2).and_then(|()| {
            Ok(thread.dict_get(dict, &args.positional[0])?.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
        }),
        "pop" => args.expect("pop", 1, 2).and_then(|()| match thread.dict_remove(dict, &args.positional[0])? {
            Some(value) => Ok(value),
            None => match args.get(1) {
                Some(default) => Ok(default.clone()),
                None => {
                    Err(super::exception::key_error(&args.positional[0]))
                }
            },
        }),
        "popitem" => match lock(&dict.entries).pop() {
            Some((_, (key, value))) => Ok(Value::tuple(vec![key, value])),
            None => Err(PyErr::new("KeyError", "'popitem(): dictionary is empty'")),
        },
        "setdefault" => args.expect("setdefault", 1, 2).and_then(|()| match thread.dict_get(dict, &args.positional[0])? {
            Some(value) => Ok(value),
            None => {
                let default = args.get(1).cloned().unwrap_or(Value::None);
                thread.dict_set(dict, args.positional[0].clone(), default.clone())?;
                Ok(default)
            }
        }),
        "update" => (|| {
            if let Some(other) = args.get(0).cloned() {
                let pairs = match &other {
                    Value::Dict(other) => other.items(),
                    iterable => {
                        let mut pairs = Vec::new();
                        for item in thread.collect(iterable)? {
                            let pair = thread.collect(&item)?;
                            if pair.len() != 2 {
                                return Err(super::exception::value_error(format!(
                                    "dictionary update sequence element #{} has length {}; 2 is required",
                                    pairs.len(),
                                    pair.len()
                                )));
                            }
                            pairs.push((pair[0].clone(), pair[1].clone()));
                        }
                        pairs
                    }
                };
                for (key, value) in pairs {
                    thread.dict_set(dict, key, value)?;
                }
            }
            for (key, value) in std::mem::take(&mut args.keywords) {
                dict.set(Value::Str(key), value)?;
            }
            Ok(Value::None)
        })(),
        "clear" => {
            lock(&dict.entries).clear();
            Ok(Value::None)
        }
        "copy" => Ok(Value::Dict(std::sync::Arc::new(dict.copy()))),
        _ => return None,
    };
    Some(result)
}

/// `dict.fromkeys(iterable, value=None)`.
pub fn from_keys(thread: &mut crate::vm::Thread, args: super::function::Args) -> PyResult {
    args.expect("fromkeys", 1, 2)?;
    let value = args.get(1).cloned().unwrap_or(Value::None);
    let keys = thread.collect(&args.positional[0])?;
    let dict = thread.dict_from(keys.into_iter().map(|key| (key, value.clone())).collect())?;
    Ok(Value::Dict(std::sync::Arc::new(dict)))
}
