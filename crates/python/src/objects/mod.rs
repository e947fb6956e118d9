//! Python values: ints and floats unboxed in [`Value`], everything else behind an `Arc`, with
//! containers behind a per-object lock so threads can share them with no data race.
//!
//! One file per object type; this file holds only the value enum and what every type shares.

pub mod bytes;
pub mod class;
pub mod codecs;
pub mod dict;
pub mod exception;
pub mod float;
pub mod format;
pub mod function;
pub mod int;
pub mod int_bytes;
pub mod iter;
pub mod key;
pub mod list;
pub mod namespace;
pub mod native;
pub mod range;
pub mod set;
pub mod set_order;
pub mod str;
pub mod tuple;

use std::sync::{Arc, Mutex, MutexGuard};

use num_bigint::BigInt;

pub use class::{Class, Instance, Kind};
pub use dict::Dict;
pub use exception::PyErr;
pub use function::{BoundMethod, Builtin, Function, Module};
pub use iter::IterState;
pub use key::Key;
pub use namespace::{Namespace, NamespaceGuard};
pub use native::NativeObject;
pub use range::Range;
pub use set::Set;

/// A Python value. Cloning is cheap: a copy for ints, floats, bools and None; an `Arc` clone
/// for everything else.
pub enum Value {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An int that fits in 64 bits (no allocation).
    Int(i64),
    /// An int past 64 bits; always normalised back to [`Value::Int`] when it fits.
    BigInt(Arc<BigInt>),
    /// A float.
    Float(f64),
    /// An immutable string.
    Str(Arc<str>),
    /// An immutable `bytes`.
    Bytes(Arc<[u8]>),
    /// An immutable tuple.
    Tuple(Arc<Vec<Value>>),
    /// A list behind its own lock.
    List(Arc<Mutex<Vec<Value>>>),
    /// A dict (insertion-ordered) behind its own lock.
    Dict(Arc<Dict>),
    /// A set behind its own lock.
    Set(Arc<Set>),
    /// `range(start, stop, step)`.
    Range(Arc<Range>),
    /// A slice object `start:stop:step`.
    Slice(Arc<[Value; 3]>),
    /// A function defined in Python.
    Function(Arc<Function>),
    /// A function written in Rust.
    Builtin(Arc<Builtin>),
    /// A function bound to its first argument (`obj.method`).
    Method(Arc<BoundMethod>),
    /// A class: built-in types (int, list, Exception …) and classes defined in Python.
    Class(Arc<Class>),
    /// An instance of a class defined in Python (exceptions included).
    Instance(Arc<Instance>),
    /// An imported module.
    Module(Arc<Module>),
    /// An iterator over a container, a range, a map or a zip.
    Iter(Arc<Mutex<IterState>>),
    /// `super()` bound to a class and an instance.
    Super(Arc<(Arc<Class>, Value)>),
    /// An object of a built-in module written in Rust (a lock, a thread handle …).
    Native(Arc<dyn NativeObject>),
    /// A compiled body (a constant of the code that defines it).
    Code(Arc<crate::bytecode::Code>),
}

impl Clone for Value {
    /// Inlined where the eval loop copies a value (a local, a constant), so the unboxed values
    /// it copies most cost no call; the shared ones go through [`Value::clone_shared`].
    #[inline]
    fn clone(&self) -> Self {
        match self {
            Value::None => Value::None,
            Value::Bool(flag) => Value::Bool(*flag),
            Value::Int(int) => Value::Int(*int),
            Value::Float(float) => Value::Float(*float),
            shared => shared.clone_shared(),
        }
    }
}

impl Value {
    /// Drops a value where the eval loop is done with it: inline and free for the unboxed
    /// values it drops most (ints, floats, bools, None); the shared ones release their `Arc`
    /// out of line (the drop glue of the whole enum is too large to inline everywhere).
    #[inline(always)]
    pub fn discard(self) {
        match self {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => std::mem::forget(self),
            shared => drop(shared),
        }
    }
}

impl Value {
    /// A copy of a value behind an `Arc`: one more reference to the same object.
    #[inline(never)]
    fn clone_shared(&self) -> Value {
        match self {
            Value::None => Value::None,
            Value::Bool(flag) => Value::Bool(*flag),
            Value::Int(int) => Value::Int(*int),
            Value::Float(float) => Value::Float(*float),
            Value::BigInt(big) => Value::BigInt(big.clone()),
            Value::Str(text) => Value::Str(text.clone()),
            Value::Bytes(bytes) => Value::Bytes(bytes.clone()),
            Value::Tuple(items) => Value::Tuple(items.clone()),
            Value::List(list) => Value::List(list.clone()),
            Value::Dict(dict) => Value::Dict(dict.clone()),
            Value::Set(set) => Value::Set(set.clone()),
            Value::Range(range) => Value::Range(range.clone()),
            Value::Slice(parts) => Value::Slice(parts.clone()),
            Value::Function(function) => Value::Function(function.clone()),
            Value::Builtin(builtin) => Value::Builtin(builtin.clone()),
            Value::Method(method) => Value::Method(method.clone()),
            Value::Class(class) => Value::Class(class.clone()),
            Value::Instance(instance) => Value::Instance(instance.clone()),
            Value::Module(module) => Value::Module(module.clone()),
            Value::Iter(iter) => Value::Iter(iter.clone()),
            Value::Super(bound) => Value::Super(bound.clone()),
            Value::Native(native) => Value::Native(native.clone()),
            Value::Code(code) => Value::Code(code.clone()),
        }
    }
}

/// Names to values: globals, class namespaces, instance attributes (hashed with Fx).
pub type Names = std::collections::HashMap<Arc<str>, Value, rustc_hash::FxBuildHasher>;

/// Names from pairs.
pub fn names<const N: usize>(pairs: [(Arc<str>, Value); N]) -> Names {
    pairs.into_iter().collect()
}

/// What running Python code gives: a value, or a raised exception.
pub type PyResult<T = Value> = Result<T, PyErr>;

/// Locks a container, ignoring poisoning: a panic never leaves a container half-written,
/// because every container method finishes its mutation before it can fail. A [`Namespace`]
/// gives its own guard, which bumps its version on every change.
pub fn lock<L: Lockable + ?Sized>(lockable: &L) -> L::Guard<'_> {
    lockable.lock_now()
}

/// What [`lock`] locks: a `Mutex`, a [`Namespace`], or either behind an `Arc`.
pub trait Lockable {
    /// What holding the lock gives.
    type Guard<'a>
    where
        Self: 'a;

    /// Locks it, ignoring poisoning.
    fn lock_now(&self) -> Self::Guard<'_>;
}

impl<T: ?Sized> Lockable for Mutex<T> {
    type Guard<'a>
        = MutexGuard<'a, T>
    where
        T: 'a;

    #[inline]
    fn lock_now(&self) -> MutexGuard<'_, T> {
        self.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Lockable for Namespace {
    type Guard<'a> = NamespaceGuard<'a>;

    #[inline]
    fn lock_now(&self) -> NamespaceGuard<'_> {
        self.lock()
    }
}

impl<L: Lockable + ?Sized> Lockable for Arc<L> {
    type Guard<'a>
        = L::Guard<'a>
    where
        L: 'a;

    #[inline]
    fn lock_now(&self) -> L::Guard<'_> {
        (**self).lock_now()
    }
}

impl<L: Lockable + ?Sized> Lockable for &L {
    type Guard<'a>
        = L::Guard<'a>
    where
        Self: 'a;

    #[inline]
    fn lock_now(&self) -> L::Guard<'_> {
        (**self).lock_now()
    }
}

impl Value {
    /// A str value.
    pub fn str(text: &str) -> Value {
        Value::Str(Arc::from(text))
    }

    /// A new list.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(Mutex::new(items)))
    }

    /// A new tuple.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(items))
    }

    /// An int from a bigint, kept unboxed when it fits.
    pub fn from_bigint(big: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match big.to_i64() {
            Some(small) => Value::Int(small),
            None => Value::BigInt(Arc::new(big)),
        }
    }

    /// The class of this value (`type(value)`).
    pub fn class(&self) -> Arc<Class> {
        let types = class::builtin_types();
        match self {
            Value::None => types.none_type.clone(),
            Value::Bool(_) => types.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => types.int.clone(),
            Value::Float(_) => types.float.clone(),
            Value::Str(_) => types.str.clone(),
            Value::Bytes(_) => types.bytes.clone(),
            Value::Tuple(_) => types.tuple.clone(),
            Value::List(_) => types.list.clone(),
            Value::Dict(_) => types.dict.clone(),
            Value::Set(set) if set.frozen => types.frozenset.clone(),
            Value::Set(_) => types.set.clone(),
            Value::Range(_) => types.range.clone(),
            Value::Slice(_) => types.slice.clone(),
            Value::Function(_) => types.function.clone(),
            Value::Builtin(_) => types.builtin_function.clone(),
            Value::Method(_) => types.method.clone(),
            Value::Class(_) => types.type_.clone(),
            Value::Instance(instance) => instance.class.clone(),
            Value::Module(_) => types.module.clone(),
            Value::Iter(state) => lock(state).class(),
            Value::Super(_) => types.super_.clone(),
            Value::Native(native) => native.class(),
            Value::Code(_) => types.function.clone(),
        }
    }

    /// The name of this value's type, as error messages show it.
    pub fn type_name(&self) -> String {
        self.class().name.to_string()
    }

    /// Whether two values are the same object (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Arc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            _ => self.identity() != 0 && self.identity() == other.identity(),
        }
    }

    /// A number unique to a heap object while it lives (`id()`); 0 for unboxed values.
    pub fn identity(&self) -> usize {
        match self {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => 0,
            Value::BigInt(a) => Arc::as_ptr(a) as usize,
            Value::Str(a) => Arc::as_ptr(a) as *const u8 as usize,
            Value::Bytes(a) => Arc::as_ptr(a) as *const u8 as usize,
            Value::Tuple(a) => Arc::as_ptr(a) as usize,
            Value::List(a) => Arc::as_ptr(a) as usize,
            Value::Dict(a) => Arc::as_ptr(a) as usize,
            Value::Set(a) => Arc::as_ptr(a) as usize,
            Value::Range(a) => Arc::as_ptr(a) as usize,
            Value::Slice(a) => Arc::as_ptr(a) as usize,
            Value::Function(a) => Arc::as_ptr(a) as usize,
            Value::Builtin(a) => Arc::as_ptr(a) as usize,
            Value::Method(a) => Arc::as_ptr(a) as usize,
            Value::Class(a) => Arc::as_ptr(a) as usize,
            Value::Instance(a) => Arc::as_ptr(a) as usize,
            Value::Module(a) => Arc::as_ptr(a) as usize,
            Value::Iter(a) => Arc::as_ptr(a) as usize,
            Value::Super(a) => Arc::as_ptr(a) as usize,
            Value::Native(a) => Arc::as_ptr(a) as *const u8 as usize,
            Value::Code(a) => Arc::as_ptr(a) as usize,
        }
    }

    /// The text of a str value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(text) => Some(text),
            _ => None,
        }
    }
}
