//! Operators, comparisons, truthiness, containment and subscripts on every kind of value;
//! a class's special methods (`__add__`, `__eq__`, `__getitem__` …) where it defines them.

use std::cmp::Ordering;
use std::sync::Arc;

use super::Thread;
use crate::bytecode::{BinaryOp, CompareOp, UnaryOp};
use crate::objects::exception::type_error;
use crate::objects::function::Args;
use crate::objects::int::{self, memory_error};
use crate::objects::{float, lock, PyErr, PyResult, Value};

/// The most items a repetition (`[0] * n`, `"ab" * n`) may build.
const MAX_REPEAT_ITEMS: usize = 10_000_000;

impl Thread {
    /// `left op right`.
    pub fn binary(&mut self, op: BinaryOp, left: &Value, right: &Value) -> PyResult {
        match (left, right) {
            (Value::Int(a), Value::Int(b)) => {
                if let Some(result) = fast_int(op, *a, *b) {
                    return Ok(Value::Int(result));
                }
            }
            (Value::Float(x), Value::Float(y)) => {
                if let Some(result) = fast_float(op, *x, *y) {
                    return Ok(Value::Float(result));
                }
            }
            _ => {}
        }
        if let Some(result) = self.builtin_binary(op, left, right)? {
            return Ok(result);
        }
        if let Some(result) = self.call_dunder(left, op.dunder(), vec![right.clone()])? {
            return Ok(result);
        }
        if let Some(result) = self.call_dunder(right, &op.reflected_dunder(), vec![left.clone()])? {
            return Ok(result);
        }
        Err(operand_error(op, left, right))
    }

    /// `left op= right`: lists and sets change in place, everything else as `binary`.
    pub fn in_place(&mut self, op: BinaryOp, left: &Value, right: &Value) -> PyResult {
        match (op, left) {
            (BinaryOp::Add, Value::List(list)) => {
                let items = self.collect(right)?;
                lock(list).extend(items);
                Ok(left.clone())
            }
            (BinaryOp::Or | BinaryOp::And | BinaryOp::Sub | BinaryOp::Xor, Value::Set(set)) if !set.frozen => {
                let result = self.binary(op, left, right)?;
                if let Value::Set(new) = &result {
                    *lock(&set.items) = lock(&new.items).clone();
                }
                Ok(left.clone())
            }
            (_, Value::Instance(_)) => {
                let name = format!("__i{}", &op.dunder()[2..]);
                match self.call_dunder(left, &name, vec![right.clone()])? {
                    Some(result) => Ok(result),
                    None => self.binary(op, left, right),
                }
            }
            _ => self.binary(op, left, right),
        }
    }

    /// Operators of the built-in types; `None` when neither operand's type defines `op`.
    fn builtin_binary(&mut self, op: BinaryOp, left: &Value, right: &Value) -> PyResult<Option<Value>> {
        let numeric = |value: &Value| matches!(value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_));
        if numeric(left) && numeric(right) {
            let is_float = matches!(left, Value::Float(_)) || matches!(right, Value::Float(_));
            if !is_float && op != BinaryOp::Div {
                return int::binary(op, left, right).transpose();
            }
            let (x, y) = (int::to_f64(left)?, int::to_f64(right)?);
            return float::binary(op, x, y, !is_float).transpose();
        }
        if matches!(left, Value::Bytes(_)) || matches!(right, Value::Bytes(_)) {
            return crate::objects::bytes::binary(op, left, right);
        }
        Ok(match (op, left, right) {
            (BinaryOp::Add, Value::Str(a), Value::Str(b)) => Some(Value::str(&format!("{a}{b}"))),
            (BinaryOp::Add, Value::List(a), Value::List(b)) => {
                let mut items = lock(a).clone();
                items.extend(lock(b).iter().cloned());
                Some(Value::list(items))
            }
            (BinaryOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
                Some(Value::tuple(a.iter().chain(b.iter()).cloned().collect()))
            }
            (BinaryOp::Mul, sequence, count) | (BinaryOp::Mul, count, sequence)
                if matches!(sequence, Value::Str(_) | Value::List(_) | Value::Tuple(_))
                    && matches!(count, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) =>
            {
                Some(repeat(sequence, count)?)
            }
            (BinaryOp::Mod, Value::Str(format), args) => Some(Value::str(&self.percent_format(format, args)?)),
            (BinaryOp::Or | BinaryOp::And | BinaryOp::Sub | BinaryOp::Xor, Value::Set(a), Value::Set(b)) => {
                Some(Value::Set(Arc::new(self.set_operator(op, a, b)?)))
            }
            (BinaryOp::Or, Value::Dict(a), Value::Dict(b)) => {
                let merged = a.copy();
                for (key, value) in b.items() {
                    self.dict_set(&merged, key, value)?;
                }
                Some(Value::Dict(Arc::new(merged)))
            }
            _ => None,
        })
    }

    /// `op operand`.
    pub fn unary(&mut self, op: UnaryOp, operand: &Value) -> PyResult {
        match (op, operand) {
            (UnaryOp::Not, value) => Ok(Value::Bool(!self.truthy(value)?)),
            (UnaryOp::Neg, Value::Int(int)) => Ok(int.checked_neg().map_or_else(
                || Value::from_bigint(-num_bigint::BigInt::from(*int)),
                Value::Int,
            )),
            (UnaryOp::Neg, Value::Bool(flag)) => Ok(Value::Int(-i64::from(*flag))),
            (UnaryOp::Neg, Value::BigInt(big)) => Ok(Value::from_bigint(-(**big).clone())),
            (UnaryOp::Neg, Value::Float(float)) => Ok(Value::Float(-float)),
            (UnaryOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => Ok(operand.clone()),
            (UnaryOp::Pos, Value::Bool(flag)) => Ok(Value::Int(i64::from(*flag))),
            (UnaryOp::Invert, Value::Int(int)) => Ok(Value::Int(!int)),
            (UnaryOp::Invert, Value::Bool(flag)) => Ok(Value::Int(!i64::from(*flag))),
            (UnaryOp::Invert, Value::BigInt(big)) => Ok(Value::from_bigint(!(**big).clone())),
            _ => {
                let (name, symbol) = match op {
                    UnaryOp::Neg => ("__neg__", "-"),
                    UnaryOp::Pos => ("__pos__", "+"),
                    _ => ("__invert__", "~"),
                };
                match self.call_dunder(operand, name, vec![])? {
                    Some(result) => Ok(result),
                    None => Err(type_error(format!("bad operand type for unary {symbol}: '{}'", operand.type_name()))),
                }
            }
        }
    }

    /// `left op right`.
    pub fn compare(&mut self, op: CompareOp, left: &Value, right: &Value) -> PyResult {
        match (left, right) {
            (Value::Int(a), Value::Int(b)) => return Ok(Value::Bool(ordering_matches(op, a.cmp(b)))),
            (Value::Float(x), Value::Float(y)) => return Ok(Value::Bool(float_compare(op, *x, *y))),
            _ => {}
        }
        if matches!(left, Value::Instance(_)) || matches!(right, Value::Instance(_)) {
            if let Some(result) = self.call_dunder(left, op.dunder(), vec![right.clone()])? {
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
            if let Some(result) = self.call_dunder(right, op.swapped().dunder(), vec![left.clone()])? {
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
        }
        if let (Value::Set(a), Value::Set(b), CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge) = (left, right, op) {
            return Ok(Value::Bool(self.set_compare(op, a, b)?));
        }
        match op {
            CompareOp::Eq => Ok(Value::Bool(self.eq(left, right)?)),
            CompareOp::Ne => Ok(Value::Bool(!self.eq(left, right)?)),
            _ => match self.order(left, right)? {
                Some(ordering) => Ok(Value::Bool(ordering_matches(op, ordering))),
                None => Err(type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    left.type_name(),
                    right.type_name()
                ))),
            },
        }
    }

    /// `a == b`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        Ok(match (a, b) {
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Bytes(x), Value::Bytes(y)) => x == y,
            (Value::None, Value::None) => true,
            (Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
                self.order(a, b)? == Some(Ordering::Equal)
            }
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (lock(x).clone(), lock(y).clone());
                self.sequences_equal(&x, &y)?
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.sequences_equal(x, y)?,
            (Value::Dict(x), Value::Dict(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (key, value) in x.items() {
                    match self.dict_get(y, &key)? {
                        Some(other) if value.is(&other) || self.deeper(|thread| thread.eq(&value, &other))? => {}
                        _ => return Ok(false),
                    }
                }
                true
            }
            (Value::Set(x), Value::Set(y)) => self.sets_equal(x, y)?,
            (Value::Range(x), Value::Range(y)) => (x.start, x.stop, x.step) == (y.start, y.stop, y.step),
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                if let Some(result) = self.call_dunder(a, "__eq__", vec![b.clone()])? {
                    if !is_not_implemented(&result) {
                        return self.truthy(&result);
                    }
                }
                if let Some(result) = self.call_dunder(b, "__eq__", vec![a.clone()])? {
                    if !is_not_implemented(&result) {
                        return self.truthy(&result);
                    }
                }
                a.is(b)
            }
            _ => a.is(b),
        })
    }

    fn sequences_equal(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (a, b) in x.iter().zip(y) {
            if !a.is(b) && !self.deeper(|thread| thread.eq(a, b))? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The order of two values of comparable types; `None` when they are not comparable.
    pub fn order(&mut self, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
        Ok(match (a, b) {
            (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
            (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
            (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
            (Value::Bytes(x), Value::Bytes(y)) => Some(x.cmp(y)),
            (Value::Float(x), other) | (other, Value::Float(x)) if int::to_bigint(other).is_some() => {
                let flipped = matches!(b, Value::Float(_)) && !matches!(a, Value::Float(_));
                let ordering = compare_float_int(*x, other);
                if flipped {
                    ordering.map(Ordering::reverse)
                } else {
                    ordering
                }
            }
            (x, y) if int::to_bigint(x).is_some() && int::to_bigint(y).is_some() => {
                Some(int::to_bigint(x).cmp(&int::to_bigint(y)))
            }
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (lock(x).clone(), lock(y).clone());
                self.order_sequences(&x, &y)?
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.order_sequences(x, y)?,
            (Value::Set(x), Value::Set(y)) => self.set_order(x, y)?,
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                if self.truthy_dunder(a, "__lt__", b)? {
                    Some(Ordering::Less)
                } else if self.truthy_dunder(b, "__lt__", a)? {
                    Some(Ordering::Greater)
                } else if self.call_dunder(a, "__lt__", vec![b.clone()])?.is_some() {
                    Some(Ordering::Equal)
                } else {
                    None
                }
            }
            _ => None,
        })
    }

    fn truthy_dunder(&mut self, object: &Value, name: &str, other: &Value) -> PyResult<bool> {
        match self.call_dunder(object, name, vec![other.clone()])? {
            Some(result) if !is_not_implemented(&result) => self.truthy(&result),
            _ => Ok(false),
        }
    }

    fn order_sequences(&mut self, x: &[Value], y: &[Value]) -> PyResult<Option<Ordering>> {
        for (a, b) in x.iter().zip(y) {
            if !a.is(b) && !self.deeper(|thread| thread.eq(a, b))? {
                return self.deeper(|thread| thread.order(a, b));
            }
        }
        Ok(Some(x.len().cmp(&y.len())))
    }

    /// `sorted`'s comparison: TypeError for incomparable values.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        let result = self.compare(CompareOp::Lt, a, b)?;
        self.truthy(&result)
    }

    /// `bool(value)`.
    pub fn truthy(&mut self, value: &Value) -> PyResult<bool> {
        Ok(match value {
            Value::None => false,
            Value::Bool(flag) => *flag,
            Value::Int(int) => *int != 0,
            Value::BigInt(_) => true,
            Value::Float(float) => *float != 0.0,
            Value::Str(text) => !text.is_empty(),
            Value::Bytes(bytes) => !bytes.is_empty(),
            Value::Tuple(items) => !items.is_empty(),
            Value::List(items) => !lock(items).is_empty(),
            Value::Dict(dict) => dict.len() > 0,
            Value::Set(set) => set.len() > 0,
            Value::Range(range) => range.len() > 0,
            Value::Instance(_) => {
                if let Some(result) = self.call_dunder(value, "__bool__", vec![])? {
                    return self.truthy(&result);
                }
                if let Some(result) = self.call_dunder(value, "__len__", vec![])? {
                    return self.truthy(&result);
                }
                true
            }
            _ => true,
        })
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(text) => match item {
                Value::Str(needle) => Ok(text.contains(&**needle)),
                other => Err(type_error(format!("'in <string>' requires string as left operand, not {}", other.type_name()))),
            },
            Value::Dict(dict) => Ok(self.dict_get(dict, item)?.is_some()),
            Value::Set(set) => self.set_contains(set, item),
            Value::Bytes(bytes) => crate::objects::bytes::contains(bytes, item),
            Value::Iter(state) if container.type_name() == "dict_keys" => {
                let dict = match &*lock(state) {
                    crate::objects::IterState::DictView { dict, .. } => dict.clone(),
                    _ => return Ok(false),
                };
                Ok(self.dict_get(&dict, item)?.is_some())
            }
            Value::Range(range) => Ok(int::to_small(item).is_some_and(|value| range.contains(value))),
            Value::Instance(_) => match self.call_dunder(container, "__contains__", vec![item.clone()])? {
                Some(result) => self.truthy(&result),
                None => self.contains_by_iteration(container, item),
            },
            _ => self.contains_by_iteration(container, item),
        }
    }

    fn contains_by_iteration(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        for value in self.collect(container)? {
            if value.is(item) || self.eq(&value, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `object[key]`.
    pub fn get_item(&mut self, object: &Value, key: &Value) -> PyResult {
        match (object, key) {
            (Value::List(list), Value::Int(index)) => {
                let list = lock(list);
                let at = normalise_index(*index, list.len()).ok_or_else(|| PyErr::new("IndexError", "list index out of range"))?;
                Ok(list[at].clone())
            }
            (Value::Tuple(items), Value::Int(index)) => {
                let at = normalise_index(*index, items.len()).ok_or_else(|| PyErr::new("IndexError", "tuple index out of range"))?;
                Ok(items[at].clone())
            }
            (Value::Str(text), Value::Int(index)) => {
                let count = text.chars().count();
                let at = normalise_index(*index, count).ok_or_else(|| PyErr::new("IndexError", "string index out of range"))?;
                Ok(Value::str(&text.chars().nth(at).map(String::from).unwrap_or_default()))
            }
            (Value::Bytes(bytes), Value::Int(index)) => crate::objects::bytes::item(bytes, *index),
            (Value::Range(range), Value::Int(index)) => {
                let at = if *index < 0 { index + range.len() } else { *index };
                range.get(at).map(Value::Int).ok_or_else(|| PyErr::new("IndexError", "range object index out of range"))
            }
            (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_), Value::Bool(flag)) => {
                self.get_item(object, &Value::Int(i64::from(*flag)))
            }
            (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_), Value::Slice(slice)) => {
                self.slice(object, slice)
            }
            (Value::Dict(dict), key) => match self.dict_get(dict, key)? {
                Some(value) => Ok(value),
                None => {
                    if let Some(missing) = self.call_dunder(object, "__missing__", vec![key.clone()])? {
                        return Ok(missing);
                    }
                    Err(crate::objects::exception::key_error(key))
                }
            },
            (Value::Instance(_), _) => match self.call_dunder(object, "__getitem__", vec![key.clone()])? {
                Some(value) => Ok(value),
                None => Err(type_error(format!("'{}' object is not subscriptable", object.type_name()))),
            },
            (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_), other) => Err(type_error(format!(
                "{} indices must be integers or slices, not {}",
                object.type_name(),
                other.type_name()
            ))),
            (Value::Class(class), _) if matches!(class.kind, crate::objects::Kind::List | crate::objects::Kind::Dict | crate::objects::Kind::Tuple | crate::objects::Kind::Set | crate::objects::Kind::Type) => {
                Ok(object.clone())
            }
            _ => Err(type_error(format!("'{}' object is not subscriptable", object.type_name()))),
        }
    }

    /// `object[key] = value`.
    pub fn set_item(&mut self, object: &Value, key: Value, value: Value) -> PyResult<()> {
        match (object, &key) {
            (Value::List(list), Value::Int(index)) => {
                let mut list = lock(list);
                let at = normalise_index(*index, list.len())
                    .ok_or_else(|| PyErr::new("IndexError", "list assignment index out of range"))?;
                list[at] = value;
                Ok(())
            }
            (Value::List(list), Value::Slice(slice)) => {
                let items = self.collect(&value)?;
                let (start, stop, step) = self.slice_bounds(slice, lock(list).len())?;
                let mut list = lock(list);
                if step == 1 {
                    let stop = stop.max(start);
                    list.splice(start as usize..stop as usize, items);
                    return Ok(());
                }
                let indices = slice_indices(start, stop, step);
                if indices.len() != items.len() {
                    return Err(PyErr::new(
                        "ValueError",
                        format!("attempt to assign sequence of size {} to extended slice of size {}", items.len(), indices.len()),
                    ));
                }
                for (index, item) in indices.into_iter().zip(items) {
                    list[index] = item;
                }
                Ok(())
            }
            (Value::Dict(dict), _) => self.dict_set(dict, key, value),
            (Value::Instance(_), _) => match self.call_dunder(object, "__setitem__", vec![key, value])? {
                Some(_) => Ok(()),
                None => Err(type_error(format!("'{}' object does not support item assignment", object.type_name()))),
            },
            _ => Err(type_error(format!("'{}' object does not support item assignment", object.type_name()))),
        }
    }

    /// `del object[key]`.
    pub fn delete_item(&mut self, object: &Value, key: &Value) -> PyResult<()> {
        match (object, key) {
            (Value::List(list), Value::Int(index)) => {
                let mut list = lock(list);
                let at = normalise_index(*index, list.len())
                    .ok_or_else(|| PyErr::new("IndexError", "list assignment index out of range"))?;
                list.remove(at);
                Ok(())
            }
            (Value::List(list), Value::Slice(slice)) => {
                let (start, stop, step) = self.slice_bounds(slice, lock(list).len())?;
                let mut indices = slice_indices(start, stop, step);
                indices.sort_unstable();
                let mut list = lock(list);
                for index in indices.into_iter().rev() {
                    list.remove(index);
                }
                Ok(())
            }
            (Value::Dict(dict), _) => match self.dict_remove(dict, key)? {
                Some(_) => Ok(()),
                None => Err(crate::objects::exception::key_error(key)),
            },
            (Value::Instance(_), _) => match self.call_dunder(object, "__delitem__", vec![key.clone()])? {
                Some(_) => Ok(()),
                None => Err(type_error(format!("'{}' object doesn't support item deletion", object.type_name()))),
            },
            _ => Err(type_error(format!("'{}' object doesn't support item deletion", object.type_name()))),
        }
    }

    fn slice(&mut self, object: &Value, slice: &[Value; 3]) -> PyResult {
        let items: Vec<Value> = match object {
            Value::Range(range) => {
                let (start, stop, step) = self.slice_bounds(slice, range.len() as usize)?;
                let picked: Vec<i64> = slice_indices(start, stop, step).into_iter().filter_map(|i| range.get(i as i64)).collect();
                let new_step = range.step * step;
                let first = picked.first().copied().unwrap_or(range.start);
                let count = picked.len() as i64;
                return Ok(Value::Range(Arc::new(crate::objects::Range { start: first, stop: first + count * new_step, step: new_step })));
            }
            Value::Str(text) => {
                let chars: Vec<char> = text.chars().collect();
                let (start, stop, step) = self.slice_bounds(slice, chars.len())?;
                let picked: String = slice_indices(start, stop, step).into_iter().map(|i| chars[i]).collect();
                return Ok(Value::str(&picked));
            }
            Value::Bytes(bytes) => {
                let (start, stop, step) = self.slice_bounds(slice, bytes.len())?;
                return Ok(Value::bytes(slice_indices(start, stop, step).into_iter().map(|i| bytes[i]).collect()));
            }
            Value::List(list) => lock(list).clone(),
            Value::Tuple(items) => items.to_vec(),
            _ => unreachable!("slice is called for sequences only"),
        };
        let (start, stop, step) = self.slice_bounds(slice, items.len())?;
        let picked: Vec<Value> = slice_indices(start, stop, step).into_iter().map(|i| items[i].clone()).collect();
        Ok(match object {
            Value::Tuple(_) => Value::tuple(picked),
            _ => Value::list(picked),
        })
    }

    /// A slice's start, stop and step clamped to a length, as CPython's `PySlice_AdjustIndices`.
    pub fn slice_bounds(&mut self, slice: &[Value; 3], len: usize) -> PyResult<(i64, i64, i64)> {
        let part = |value: &Value| -> PyResult<Option<i64>> {
            match value {
                Value::None => Ok(None),
                Value::Int(int) => Ok(Some(*int)),
                Value::Bool(flag) => Ok(Some(i64::from(*flag))),
                Value::BigInt(big) => Ok(Some(if big.sign() == num_bigint::Sign::Minus { i64::MIN / 2 } else { i64::MAX / 2 })),
                _ => Err(type_error("slice indices must be integers or None or have an __index__ method")),
            }
        };
        let step = part(&slice[2])?.unwrap_or(1);
        if step == 0 {
            return Err(PyErr::new("ValueError", "slice step cannot be zero"));
        }
        let len = len as i64;
        let clamp = |value: Option<i64>, default: i64| -> i64 {
            match value {
                None => default,
                Some(v) if v < 0 => {
                    let v = v + len;
                    if v < 0 {
                        if step < 0 { -1 } else { 0 }
                    } else {
                        v
                    }
                }
                Some(v) if v >= len => {
                    if step < 0 { len - 1 } else { len }
                }
                Some(v) => v,
            }
        };
        let (default_start, default_stop) = if step < 0 { (len - 1, -1) } else { (0, len) };
        Ok((clamp(part(&slice[0])?, default_start), clamp(part(&slice[1])?, default_stop), step))
    }

    /// Calls `object.name(*args)` when the object's class defines `name`; `None` otherwise.
    pub fn call_dunder(&mut self, object: &Value, name: &str, args: Vec<Value>) -> PyResult<Option<Value>> {
        let Value::Instance(instance) = object else { return Ok(None) };
        let Some(function) = instance.class.lookup(name) else { return Ok(None) };
        let mut positional = Vec::with_capacity(args.len() + 1);
        positional.push(object.clone());
        positional.extend(args);
        self.call(&function, Args::positional(positional)).map(Some)
    }
}

/// `a op b` for two small ints when the result is a small int too (floor division and modulo
/// as Python rounds them); `None` for overflow, a zero divisor and every other operator, which
/// take the general path. Always inlined: the eval loop's int instructions call it, and as a
/// call it was 8 % of the primes bench.
#[inline(always)]
pub(super) fn fast_int(op: BinaryOp, a: i64, b: i64) -> Option<i64> {
    match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => small_product(a, b),
        BinaryOp::Mod if b != 0 => small_modulo(a, b),
        BinaryOp::FloorDiv if b != 0 => a.checked_div(b).map(|_| int::floor_div(a, b)),
        _ => None,
    }
}

/// `a * b` unless it overflows. Two factors of 32 bits never do: one multiplication, where
/// WebAssembly's `checked_mul` of 64 bits calls a 128-bit multiplication.
#[inline]
fn small_product(a: i64, b: i64) -> Option<i64> {
    if i64::from(a as i32) == a && i64::from(b as i32) == b {
        Some(a * b)
    } else {
        a.checked_mul(b)
    }
}

/// `a % b` as Python rounds it, for `b` not zero, unless it overflows. Two operands of 32 bits
/// take a 32-bit division, several times faster than a 64-bit one (x86's `idiv`, natively and
/// as V8 compiles WebAssembly's `i64.rem_s`).
#[inline]
fn small_modulo(a: i64, b: i64) -> Option<i64> {
    if let (Ok(x), Ok(y)) = (i32::try_from(a), i32::try_from(b)) {
        if let Some(remainder) = x.checked_rem(y) {
            let floored = if remainder != 0 && ((remainder < 0) != (y < 0)) { remainder + y } else { remainder };
            return Some(i64::from(floored));
        }
    }
    a.checked_rem(b).map(|_| int::floor_mod(a, b))
}

/// `x op y` for two floats when IEEE arithmetic is Python's too (`+`, `-`, `*`, and `/` by a
/// non-zero); `None` for every other operator and a zero divisor, which take the general path.
#[inline]
pub(super) fn fast_float(op: BinaryOp, x: f64, y: f64) -> Option<f64> {
    match op {
        BinaryOp::Add => Some(x + y),
        BinaryOp::Sub => Some(x - y),
        BinaryOp::Mul => Some(x * y),
        BinaryOp::Div if y != 0.0 => Some(x / y),
        _ => None,
    }
}

/// `x op y` for two floats: IEEE comparisons, as CPython's (a NaN is unequal to everything).
pub(super) fn float_compare(op: CompareOp, x: f64, y: f64) -> bool {
    match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    }
}

fn ordering_matches(op: CompareOp, ordering: Ordering) -> bool {
    match op {
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
    }
}

fn compare_float_int(float: f64, int: &Value) -> Option<Ordering> {
    if float.is_nan() {
        return None;
    }
    match int {
        Value::Int(small) if small.unsigned_abs() < (1 << 53) => float.partial_cmp(&(*small as f64)),
        other => {
            let big = int::to_bigint(other)?;
            if float.is_infinite() {
                return Some(if float > 0.0 { Ordering::Greater } else { Ordering::Less });
            }
            let floor = num_bigint::BigInt::from(float.floor() as i128);
            match floor.cmp(&big) {
                Ordering::Equal if float.fract() != 0.0 => Some(Ordering::Greater),
                ordering => Some(ordering),
            }
        }
    }
}

/// `index` counted from the end when negative; `None` when out of range.
pub fn normalise_index(index: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let index = if index < 0 { index + len } else { index };
    (0..len).contains(&index).then_some(index as usize)
}

/// The indices a clamped slice picks.
pub fn slice_indices(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut indices = Vec::new();
    let mut index = start;
    while (step > 0 && index < stop) || (step < 0 && index > stop) {
        indices.push(index as usize);
        index += step;
    }
    indices
}

fn repeat(sequence: &Value, count: &Value) -> PyResult {
    let count = match count {
        Value::BigInt(big) if big.sign() == num_bigint::Sign::Minus => 0,
        Value::BigInt(_) => return Err(memory_error()),
        other => int::to_small(other).unwrap_or(0).max(0) as usize,
    };
    let unit = match sequence {
        Value::Str(text) => text.len(),
        Value::List(items) => lock(items).len(),
        Value::Tuple(items) => items.len(),
        _ => 0,
    };
    if unit.saturating_mul(count) > MAX_REPEAT_ITEMS {
        return Err(memory_error());
    }
    Ok(match sequence {
        Value::Str(text) => Value::str(&text.repeat(count)),
        Value::List(items) => {
            let items = lock(items).clone();
            Value::list(items.iter().cloned().cycle().take(items.len() * count).collect())
        }
        Value::Tuple(items) => Value::tuple(items.iter().cloned().cycle().take(items.len() * count).collect()),
        _ => unreachable!("repeat is called for sequences only"),
    })
}

fn is_not_implemented(value: &Value) -> bool {
    matches!(value, Value::Builtin(builtin) if builtin.name == "NotImplemented")
}

/// CPython's message for operands a binary operator does not take.
fn operand_error(op: BinaryOp, left: &Value, right: &Value) -> PyErr {
    let sequence = matches!(left, Value::Str(_) | Value::List(_) | Value::Tuple(_));
    let message = match op {
        BinaryOp::Add if sequence => {
            format!("can only concatenate {} (not \"{}\") to {}", left.type_name(), right.type_name(), left.type_name())
        }
        BinaryOp::Mul if sequence || matches!(right, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
            let other = if sequence { right } else { left };
            format!("can't multiply sequence by non-int of type '{}'", other.type_name())
        }
        _ => format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), left.type_name(), right.type_name()),
    };
    type_error(message)
}
