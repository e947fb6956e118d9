//! Hashable keys of dicts and sets: a value reduced to what equality and hashing look at, so
//! `1`, `1.0` and `True` are one key, as in Python.

use std::sync::Arc;

use num_bigint::BigInt;

use super::exception::type_error;
use super::{PyResult, Value};

/// A value as a dict or set key.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Key {
    /// `None`.
    None,
    /// An int (bools and integral floats too).
    Int(i64),
    /// An int past 64 bits.
    Big(BigInt),
    /// A non-integral float, by its bits.
    Float(u64),
    /// A str.
    Str(Arc<str>),
    /// A tuple of hashable values.
    Tuple(Vec<Key>),
    /// Any other object, by identity.
    Identity(usize),
}

impl Key {
    /// The key of `value`; `TypeError` for unhashable values (lists, dicts, sets).
    pub fn of(value: &Value) -> PyResult<Key> {
        Ok(match value {
            Value::None => Key::None,
            Value::Bool(flag) => Key::Int(i64::from(*flag)),
            Value::Int(int) => Key::Int(*int),
            Value::BigInt(big) => Key::Big((**big).clone()),
            Value::Float(float) => float_key(*float),
            Value::Str(text) => Key::Str(text.clone()),
            Value::Tuple(items) => Key::Tuple(items.iter().map(Key::of).collect::<PyResult<_>>()?),
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                return Err(type_error(format!("unhashable type: '{}'", value.type_name())))
            }
            other => Key::Identity(other.identity()),
        })
    }

    /// The number `hash()` gives for this key.
    pub fn hash_number(&self) -> i64 {
        use std::hash::{Hash, Hasher};
        match self {
            Key::Int(int) => *int,
            Key::None => 0x5f0c_0d1e,
            other => {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                other.hash(&mut hasher);
                (hasher.finish() >> 2) as i64
            }
        }
    }
}

fn float_key(float: f64) -> Key {
    if float.fract() == 0.0 && float.abs() < 9.2e18 {
        Key::Int(float as i64)
    } else {
        Key::Float(float.to_bits())
    }
}
