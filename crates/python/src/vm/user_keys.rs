//! Dict keys and set members made by running Python: an instance whose class defines
//! `__hash__` is hashed by calling it, a tuple holding one by CPython's tuple hash of its items'
//! hashes, and either is the key of an entry already held when that entry's hash is the same
//! and `__eq__` says they are equal, as CPython's lookups do. Every other value keeps its key
//! made without Python (`Key::of`).

use super::Thread;
use crate::objects::exception::type_error;
use crate::objects::function::Args;
use crate::objects::key::{big_int_hash, hashed_by_python, tuple_hash, user_hash_method};
use crate::objects::{Dict, Key, PyResult, Set, Value};

impl Thread {
    /// `hash(value)` when Python makes it (an instance whose class defines `__hash__`, or a
    /// tuple holding one): the int `__hash__` returns, truncated as CPython does, or the tuple's
    /// hash of its items'; `None` for every other value.
    pub fn user_hash(&mut self, value: &Value) -> PyResult<Option<i64>> {
        if !hashed_by_python(value) {
            return Ok(None);
        }
        Key::of(value)?;
        match value {
            Value::Tuple(items) => {
                let mut hashes = Vec::with_capacity(items.len());
                for item in items.iter() {
                    hashes.push(match self.user_hash(item)? {
                        Some(hash) => hash,
                        None => Key::of(item)?.hash_number(),
                    });
                }
                Ok(Some(tuple_hash(hashes.into_iter())))
            }
            _ => self.call_user_hash(value).map(Some),
        }
    }

    /// Calls the `__hash__` of an instance whose class defines it.
    fn call_user_hash(&mut self, value: &Value) -> PyResult<i64> {
        let method = user_hash_method(value).expect("called for instances hashed by Python");
        match self.call(&method, Args::positional(vec![value.clone()]))? {
            Value::Int(int) => Ok(if int == -1 { -2 } else { int }),
            Value::Bool(flag) => Ok(i64::from(flag)),
            Value::BigInt(big) => Ok(big_int_hash(&big)),
            _ => Err(type_error("__hash__ method should return an integer")),
        }
    }

    /// The key of `value` in a container whose keys `__hash__` made with a given hash are
    /// `held(hash)` (each with the value it was made from).
    fn key_among(&mut self, value: &Value, held: impl FnOnce(i64) -> Vec<(Key, Value)>) -> PyResult<Key> {
        let Some(hash) = self.user_hash(value)? else { return Key::of(value) };
        for (key, stored) in held(hash) {
            if stored.is(value) || self.eq(&stored, value)? {
                return Ok(key);
            }
        }
        Ok(Key::Hashed { hash, identity: value.identity() })
    }

    /// The key `key` has in `dict`.
    pub fn dict_key(&mut self, dict: &Dict, key: &Value) -> PyResult<Key> {
        self.key_among(key, |hash| dict.keys_hashed_as(hash))
    }

    /// The key `value` has in `set`.
    pub fn set_key(&mut self, set: &Set, value: &Value) -> PyResult<Key> {
        self.key_among(value, |hash| set.members_hashed_as(hash))
    }

    /// `dict[key]`, or `None` when absent.
    pub fn dict_get(&mut self, dict: &Dict, key: &Value) -> PyResult<Option<Value>> {
        let key = self.dict_key(dict, key)?;
        Ok(dict.get_by_key(&key))
    }

    /// `dict[key] = value`.
    pub fn dict_set(&mut self, dict: &Dict, key: Value, value: Value) -> PyResult<()> {
        let hashed = self.dict_key(dict, &key)?;
        dict.set_by_key(hashed, key, value);
        Ok(())
    }

    /// Removes `key` from `dict`, giving its value.
    pub fn dict_remove(&mut self, dict: &Dict, key: &Value) -> PyResult<Option<Value>> {
        let key = self.dict_key(dict, key)?;
        Ok(dict.remove_by_key(&key))
    }

    /// A dict from pairs, later pairs winning.
    pub fn dict_from(&mut self, pairs: Vec<(Value, Value)>) -> PyResult<Dict> {
        let dict = Dict::default();
        for (key, value) in pairs {
            self.dict_set(&dict, key, value)?;
        }
        Ok(dict)
    }

    /// Adds `value` to `set`.
    pub fn set_add(&mut self, set: &Set, value: Value) -> PyResult<()> {
        let key = self.set_key(set, &value)?;
        set.add_by_key(key, value);
        Ok(())
    }

    /// Whether `value` is a member of `set`.
    pub fn set_contains(&mut self, set: &Set, value: &Value) -> PyResult<bool> {
        let key = self.set_key(set, value)?;
        Ok(set.contains_by_key(&key))
    }

    /// Removes `value` from `set`; whether it was there.
    pub fn set_remove(&mut self, set: &Set, value: &Value) -> PyResult<bool> {
        let key = self.set_key(set, value)?;
        Ok(set.remove_by_key(&key))
    }

    /// A set of `values` (later duplicates dropped).
    pub fn set_from(&mut self, values: Vec<Value>) -> PyResult<Set> {
        let set = Set::default();
        for value in values {
            self.set_add(&set, value)?;
        }
        Ok(set)
    }
}
