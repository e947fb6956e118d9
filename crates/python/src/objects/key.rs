//! Hashable keys of dicts and sets: a value reduced to what equality and hashing look at, so
//! `1`, `1.0` and `True` are one key, as in Python. An instance is a key by identity, unless its
//! class made it unhashable as CPython does (`__hash__ = None`, or `__eq__` without `__hash__`)
//! or defines `__hash__`: then the VM makes its key by calling Python (`vm/user_keys.rs`), and
//! so for a tuple holding such an instance at any depth. Hash numbers are CPython's for ints
//! and for tuples of them (the tuple hash of CPython 3.8+, an xxHash-like mix of its items').

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::exception::type_error;
use super::{lock, Class, PyErr, PyResult, Value};

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
    /// A bytes.
    Bytes(Arc<[u8]>),
    /// A tuple of hashable values.
    Tuple(Vec<Key>),
    /// A frozenset: its members' keys in one order for every equal frozenset.
    FrozenSet(Vec<Key>),
    /// Any other object, by identity.
    Identity(usize),
    /// An instance whose class defines `__hash__` (or a tuple holding one): the hash Python
    /// made, and the identity of the first value its container saw among those equal to it.
    Hashed { hash: i64, identity: usize },
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
            Value::Bytes(bytes) => Key::Bytes(bytes.clone()),
            Value::Tuple(items) => Key::Tuple(items.iter().map(Key::of).collect::<PyResult<_>>()?),
            Value::Set(set) if set.frozen => {
                let mut members: Vec<Key> = lock(&set.items).keys().cloned().collect();
                members.sort_by_cached_key(|key| format!("{key:?}"));
                Key::FrozenSet(members)
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) => return Err(unhashable(value)),
            Value::Instance(instance) if !hashable(&instance.class) => return Err(unhashable(value)),
            other => Key::Identity(other.identity()),
        })
    }

    /// Whether `__hash__` made this key and returned `hash`.
    pub fn is_hashed_as(&self, hash: i64) -> bool {
        matches!(self, Key::Hashed { hash: made, .. } if *made == hash)
    }

    /// The number `hash()` gives for this key.
    pub fn hash_number(&self) -> i64 {
        use std::hash::{Hash, Hasher};
        match self {
            Key::Int(int) => int_hash(*int),
            Key::Big(big) => big_int_hash(big),
            Key::Tuple(items) => tuple_hash(items.iter().map(Key::hash_number)),
            Key::Hashed { hash, .. } => *hash,
            Key::None => 0x5f0c_0d1e,
            other => {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                other.hash(&mut hasher);
                (hasher.finish() >> 2) as i64
            }
        }
    }
}

/// CPython's modulus for hashing ints: the Mersenne prime 2**61 - 1.
const INT_HASH_MODULUS: i64 = (1 << 61) - 1;

/// CPython's hash of an int: its magnitude modulo 2**61 - 1 with its sign, -1 becoming -2.
fn int_hash(int: i64) -> i64 {
    let magnitude = (int.unsigned_abs() % INT_HASH_MODULUS as u64) as i64;
    avoid_minus_one(if int < 0 { -magnitude } else { magnitude })
}

/// CPython's hash of an int past 64 bits, as [`int_hash`].
pub fn big_int_hash(big: &BigInt) -> i64 {
    let magnitude = (big.abs() % BigInt::from(INT_HASH_MODULUS)).to_i64().unwrap_or(0);
    avoid_minus_one(if big.is_negative() { -magnitude } else { magnitude })
}

/// CPython's hash of a tuple from its items' hashes (`tuplehash` in `Objects/tupleobject.c`).
pub fn tuple_hash(item_hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let len = item_hashes.len() as u64;
    let mut acc = PRIME_5;
    for lane in item_hashes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add(len ^ (PRIME_5 ^ 3_527_539));
    match acc as i64 {
        -1 => 1_546_275_796,
        hash => hash,
    }
}

/// A hash of -1 is -2 in CPython (-1 means an error in its C API).
fn avoid_minus_one(hash: i64) -> i64 {
    if hash == -1 {
        -2
    } else {
        hash
    }
}

/// CPython's `TypeError` for a value that cannot be a key.
fn unhashable(value: &Value) -> PyErr {
    type_error(format!("unhashable type: '{}'", value.type_name()))
}

/// Whether instances of `class` can be keys. A class body that defines `__eq__` without
/// `__hash__` gets `__hash__ = None` in CPython, so the first class along the method resolution
/// order that defines either decides.
pub fn hashable(class: &Arc<Class>) -> bool {
    for class in class.mro_with_self() {
        let names = lock(&class.dict);
        match (names.get("__hash__"), names.contains_key("__eq__")) {
            (Some(Value::None), _) | (None, true) => return false,
            (Some(_), _) => return true,
            (None, false) => {}
        }
    }
    true
}

/// Whether Python makes `value`'s key: an instance whose class defines `__hash__`, or a tuple
/// holding one at any depth.
pub fn hashed_by_python(value: &Value) -> bool {
    match value {
        Value::Instance(_) => user_hash_method(value).is_some(),
        Value::Tuple(items) => items.iter().any(hashed_by_python),
        _ => false,
    }
}

/// The `__hash__` a hashable instance's class defines itself (along its method resolution
/// order); `None` for instances hashed by identity and for every other value.
pub fn user_hash_method(value: &Value) -> Option<Value> {
    match value {
        Value::Instance(instance) => instance.class.lookup("__hash__").filter(|method| !matches!(method, Value::None)),
        _ => None,
    }
}

fn float_key(float: f64) -> Key {
    if float.fract() == 0.0 && float.abs() < 9.2e18 {
        Key::Int(float as i64)
    } else {
        Key::Float(float.to_bits())
    }
}
