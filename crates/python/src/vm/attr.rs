//! Attributes: instance and class attributes (methods bound on the way out), module names,
//! `super()`, and the methods of the built-in types.

use std::sync::Arc;

use super::call::Called;
use super::{Frame, Thread};
use crate::objects::function::{Args, BoundMethod, Builtin};
use crate::objects::{self, lock, Class, Instance, PyErr, PyResult, Value};

impl Thread {
    /// `object.name`.
    pub fn get_attr(&mut self, object: &Value, name: &str) -> PyResult {
        match object {
            Value::Instance(instance) => match self.instance_attr(instance, object, name)? {
                Called::Done(value) => Ok(value),
                Called::Frame(getter) => self.called_from_rust(|thread| thread.run_callee(getter)),
            },
            Value::Class(class) if class.kind != objects::Kind::Object && type_methods(class.kind).contains(&name) => {
                Ok(Builtin::unbound_type_method(leak_name(name)))
            }
            Value::Class(class) if class.kind == objects::Kind::Dict && name == "fromkeys" => {
                Ok(Builtin::value("fromkeys", objects::dict::from_keys))
            }
            Value::Class(class) if class.kind == objects::Kind::Bytes && name == "fromhex" => {
                Ok(Builtin::value("fromhex", objects::bytes::from_hex))
            }
            Value::Class(class) if class.kind == objects::Kind::Int && name == "from_bytes" => {
                Ok(Builtin::value("from_bytes", objects::int_bytes::from_bytes))
            }
            Value::Class(class) => {
                let value = class_attr(class, name).ok_or_else(|| {
                    PyErr::new("AttributeError", format!("type object '{}' has no attribute '{name}'", class.name))
                })?;
                match descriptor_method(&value, "__get__") {
                    Some(getter) => self.call(&getter, Args::positional(vec![value, Value::None, object.clone()])),
                    None => Ok(value),
                }
            }
            Value::Module(module) => lock(&module.dict).get(name).cloned().ok_or_else(|| {
                PyErr::new("AttributeError", format!("module '{}' has no attribute '{name}'", module.name))
            }),
            Value::Super(pair) => {
                let (owner, instance) = &**pair;
                let class = instance_class(instance);
                let after = class.mro_with_self().skip_while(|c| !Arc::ptr_eq(c, owner)).skip(1);
                for candidate in after {
                    if let Some(value) = lock(&candidate.dict).get(name).cloned() {
                        return Ok(bind(value, instance));
                    }
                }
                if name == "__init__" {
                    return Ok(Builtin::value("object.__init__", |_, _| Ok(Value::None)));
                }
                Err(PyErr::new("AttributeError", format!("'super' object has no attribute '{name}'")))
            }
            Value::Function(function) => match name {
                "__name__" => Ok(Value::Str(function.code.name.clone())),
                "__qualname__" => Ok(Value::Str(function.code.qualified_name.clone())),
                _ => Err(no_attribute(object, name)),
            },
            Value::Builtin(builtin) if name == "__name__" => Ok(Value::str(builtin.name)),
            Value::Native(native) => match native.get_attr(name) {
                Some(value) => Ok(value),
                None => Ok(Builtin::type_method(leak_name(name), object.clone())),
            },
            _ => {
                if name == "__class__" {
                    return Ok(Value::Class(object.class()));
                }
                if has_type_method(object, name) {
                    return Ok(Builtin::type_method(leak_name(name), object.clone()));
                }
                if let (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "real" | "numerator") = (object, name) {
                    return Ok(object.clone());
                }
                Err(no_attribute(object, name))
            }
        }
    }

    /// `object.name` as the run loop loads it: an attribute, or the frame of the Python
    /// `__get__` that gives it (a property's getter), which the loop pushes, so a getter that
    /// waits (for another process, on one thread) can park like any call.
    #[inline]
    pub(super) fn load_attr(&mut self, object: &Value, name: &str) -> PyResult<Called> {
        match object {
            Value::Instance(instance) => self.instance_attr(instance, object, name),
            _ => self.get_attr(object, name).map(Called::Done),
        }
    }

    /// An instance's attribute: its own, a class attribute (bound, or through a descriptor's
    /// `__get__`, whose frame is given to run), or `__getattr__`'s.
    fn instance_attr(&mut self, instance: &Arc<Instance>, object: &Value, name: &str) -> PyResult<Called> {
        if let Some(value) = lock(&instance.dict).get(name) {
            return Ok(Called::Done(value.clone()));
        }
        match name {
            "__class__" => return Ok(Called::Done(Value::Class(instance.class.clone()))),
            "__dict__" => {
                let pairs = lock(&instance.dict).iter().map(|(k, v)| (Value::Str(k.clone()), v.clone())).collect();
                return Ok(Called::Done(Value::Dict(Arc::new(objects::Dict::from_pairs(pairs)?))));
            }
            _ => {}
        }
        if let Some(value) = instance.class.lookup(name) {
            if let Some(getter) = descriptor_method(&value, "__get__") {
                let owner = Value::Class(instance.class.clone());
                return self.prepare_call(&getter, Args::positional(vec![value, object.clone(), owner]));
            }
            return Ok(Called::Done(bind(value, object)));
        }
        if instance.class.is_exception() && matches!(name, "__cause__" | "__context__" | "__traceback__") {
            return Ok(Called::Done(Value::None));
        }
        if let Some(getattr) = instance.class.lookup("__getattr__") {
            return self.call(&getattr, Args::positional(vec![object.clone(), Value::str(name)])).map(Called::Done);
        }
        Err(no_attribute(object, name))
    }

    /// `object.name = value` as the run loop stores it: done, or the frame of the Python
    /// `__set__` that does it (a property's setter), which the loop pushes so it can park.
    pub(super) fn store_attr(&mut self, object: &Value, name: &str, value: Value) -> PyResult<Option<Frame>> {
        if let Value::Instance(instance) = object {
            if let Some(descriptor) = instance.class.lookup(name) {
                if let Some(setter) = descriptor_method(&descriptor, "__set__") {
                    return match self.prepare_call(&setter, Args::positional(vec![descriptor, object.clone(), value]))? {
                        Called::Frame(frame) => Ok(Some(frame)),
                        Called::Done(_) => Ok(None),
                    };
                }
            }
        }
        self.set_attr(object, name, value).map(|()| None)
    }

    /// `object.name = value`.
    pub fn set_attr(&mut self, object: &Value, name: &str, value: Value) -> PyResult<()> {
        match object {
            Value::Instance(instance) => {
                if let Some(descriptor) = instance.class.lookup(name) {
                    if let Some(setter) = descriptor_method(&descriptor, "__set__") {
                        self.call(&setter, Args::positional(vec![descriptor, object.clone(), value]))?;
                        return Ok(());
                    }
                }
                if let Some(setattr) = instance.class.lookup("__setattr__") {
                    self.call(&setattr, Args::positional(vec![object.clone(), Value::str(name), value]))?;
                    return Ok(());
                }
                lock(&instance.dict).insert(Arc::from(name), value);
                Ok(())
            }
            Value::Class(class) if class.kind == objects::Kind::Object => {
                lock(&class.dict).insert(Arc::from(name), value);
                Ok(())
            }
            Value::Module(module) => {
                lock(&module.dict).insert(Arc::from(name), value);
                Ok(())
            }
            _ => Err(PyErr::new(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", object.type_name()),
            )),
        }
    }

    /// `del object.name`.
    pub fn delete_attr(&mut self, object: &Value, name: &str) -> PyResult<()> {
        let removed = match object {
            Value::Instance(instance) => lock(&instance.dict).remove(name).is_some(),
            Value::Class(class) => lock(&class.dict).remove(name).is_some(),
            Value::Module(module) => lock(&module.dict).remove(name).is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(no_attribute(object, name))
        }
    }

    /// `object.name(*args)` without making a bound method where it can be helped.
    pub fn call_method(&mut self, object: &Value, name: &str, args: Args) -> PyResult {
        let handled = match object {
            Value::Str(text) => objects::str::call_method(self, text, name, args),
            Value::Bytes(bytes) => objects::bytes::call_method(self, bytes, name, args),
            Value::List(list) => objects::list::call_method(self, list, name, args),
            Value::Tuple(items) => objects::tuple::call_method(self, items, name, args),
            Value::Dict(dict) => objects::dict::call_method(self, dict, name, args),
            Value::Set(set) => objects::set::call_method(self, set, name, args),
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => objects::int::call_method(self, object, name, args),
            Value::Float(x) => objects::float::call_method(*x, name, args),
            Value::Range(range) => objects::range::call_method(range, name, args),
            Value::Native(native) => native.clone().call_method(self, name, args),
            Value::Instance(instance) => {
                if lock(&instance.dict).get(name).is_none() {
                    if let Some(Value::Function(function)) = instance.class.lookup(name) {
                        let mut positional = Vec::with_capacity(args.positional.len() + 1);
                        positional.push(object.clone());
                        positional.extend(args.positional);
                        return self.call(&Value::Function(function), Args { positional, keywords: args.keywords });
                    }
                }
                let method = self.get_attr(object, name)?;
                return self.call(&method, args);
            }
            _ => {
                let method = self.get_attr(object, name)?;
                return self.call(&method, args);
            }
        };
        handled.unwrap_or_else(|| Err(no_attribute(object, name)))
    }
}

/// A class attribute: functions stay unbound; `__name__` and friends.
fn class_attr(class: &Arc<Class>, name: &str) -> Option<Value> {
    match name {
        "__name__" => return Some(Value::Str(class.name.clone())),
        "__qualname__" => return Some(Value::Str(class.name.clone())),
        "__bases__" => return Some(Value::tuple(class.bases.iter().cloned().map(Value::Class).collect())),
        "__mro__" => return Some(Value::tuple(class.mro_with_self().cloned().map(Value::Class).collect())),
        _ => {}
    }
    match class.lookup(name)? {
        Value::Method(method) if matches!(method.receiver, Value::Class(_)) => Some(Value::Method(method)),
        other => Some(other),
    }
}

/// A descriptor's `__get__` or `__set__` (a class attribute that is an instance defining it).
fn descriptor_method(value: &Value, name: &str) -> Option<Value> {
    match value {
        Value::Instance(instance) => instance.class.lookup(name),
        _ => None,
    }
}

fn instance_class(value: &Value) -> Arc<Class> {
    match value {
        Value::Class(class) => class.clone(),
        other => other.class(),
    }
}

/// A class attribute seen through an instance: functions become bound methods.
fn bind(value: Value, receiver: &Value) -> Value {
    match value {
        Value::Function(_) => Value::Method(Arc::new(BoundMethod { receiver: receiver.clone(), function: value })),
        Value::Builtin(ref builtin) if matches!(builtin.body, crate::objects::function::BuiltinBody::Method(_)) => {
            Value::Method(Arc::new(BoundMethod { receiver: receiver.clone(), function: value }))
        }
        other => other,
    }
}

fn no_attribute(object: &Value, name: &str) -> PyErr {
    PyErr::new("AttributeError", format!("'{}' object has no attribute '{name}'", object.type_name()))
}

/// Whether a built-in type has a method of that name.
fn has_type_method(object: &Value, name: &str) -> bool {
    type_methods(object.class().kind).contains(&name)
}

/// The methods of a built-in type.
fn type_methods(kind: objects::Kind) -> &'static [&'static str] {
    match kind {
        objects::Kind::Str => objects::str::METHODS,
        objects::Kind::Bytes => objects::bytes::METHODS,
        objects::Kind::List => objects::list::METHODS,
        objects::Kind::Tuple => objects::tuple::METHODS,
        objects::Kind::Dict => objects::dict::METHODS,
        objects::Kind::Set => objects::set::METHODS,
        objects::Kind::FrozenSet => objects::set::FROZEN_METHODS,
        objects::Kind::Int | objects::Kind::Bool => objects::int::METHODS,
        objects::Kind::Float => objects::float::METHODS,
        objects::Kind::Range => objects::range::METHODS,
        _ => &[],
    }
}

/// Method names live as long as the program: interned once each.
fn leak_name(name: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = lock(NAMES.get_or_init(Default::default));
    if let Some(existing) = names.get(name) {
        return existing;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}
