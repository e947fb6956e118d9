//! Calling a built-in type: `int("42")`, `list(range(3))`, `dict(a=1)`, `type(x)` …

use std::sync::Arc;

use num_traits::ToPrimitive;

use crate::objects::exception::{type_error, value_error};
use crate::objects::function::Args;
use crate::objects::{float, int, Class, Dict, Kind, PyErr, PyResult, Range, Value};
use crate::vm::Thread;

/// `class(*args)` for a built-in type.
pub fn construct(thread: &mut Thread, class: &Arc<Class>, mut args: Args) -> PyResult {
    let first = args.get(0).cloned();
    match class.base_kind() {
        Kind::Int => {
            let base = args.get_or_keyword(1, "base");
            to_int(thread, first, base)
        }
        Kind::Float => to_float(thread, first),
        Kind::Str => {
            let encoding = args.get_or_keyword(1, "encoding");
            let errors = args.get_or_keyword(2, "errors");
            match (first, encoding.is_some() || errors.is_some()) {
                (Some(Value::Bytes(bytes)), true) => crate::objects::codecs::decode(&bytes, encoding.as_ref(), errors.as_ref()),
                (Some(Value::Str(_)), true) => Err(type_error("decoding str is not supported")),
                (Some(value), _) => Ok(Value::str(&thread.str(&value)?)),
                (None, _) => Ok(Value::str("")),
            }
        }
        Kind::Bytes => crate::objects::bytes::construct(thread, args),
        Kind::Bool => match first {
            Some(value) => Ok(Value::Bool(thread.truthy(&value)?)),
            None => Ok(Value::Bool(false)),
        },
        Kind::List => Ok(Value::list(match first {
            Some(value) => thread.collect(&value)?,
            None => Vec::new(),
        })),
        Kind::Tuple => Ok(match first {
            Some(Value::Tuple(items)) => Value::Tuple(items),
            Some(value) => Value::tuple(thread.collect(&value)?),
            None => Value::tuple(Vec::new()),
        }),
        Kind::Set | Kind::FrozenSet => {
            let members = match first {
                Some(value) => thread.collect(&value)?,
                None => Vec::new(),
            };
            let mut set = thread.set_from(members)?;
            set.frozen = class.base_kind() == Kind::FrozenSet;
            Ok(Value::Set(Arc::new(set)))
        }
        Kind::Dict => {
            let dict = Arc::new(Dict::default());
            let value = Value::Dict(dict.clone());
            let update = crate::objects::dict::call_method(thread, &dict, "update", args);
            update.unwrap_or(Ok(Value::None))?;
            Ok(value)
        }
        Kind::Range => to_range(&args),
        Kind::Type => match (args.positional.len(), first) {
            (1, Some(value)) => Ok(Value::Class(value.class())),
            _ => Err(type_error("type() takes 1 argument")),
        },
        Kind::NoneType => Ok(Value::None),
        Kind::Object => {
            if !args.positional.is_empty() {
                return Err(type_error("object() takes no arguments"));
            }
            Ok(Value::Instance(crate::objects::Instance::new(class, Default::default())))
        }
        Kind::Opaque => Err(type_error(format!("cannot create '{}' instances", class.name))),
    }
}

fn to_int(thread: &mut Thread, value: Option<Value>, base: Option<Value>) -> PyResult {
    let Some(value) = value else { return Ok(Value::Int(0)) };
    if let Some(base) = base {
        let base = int::to_small(&base).unwrap_or(10) as u32;
        let Value::Str(text) = &value else { return Err(type_error("int() can't convert non-string with explicit base")) };
        return int::parse(text, base).ok_or_else(|| {
            value_error(format!("invalid literal for int() with base {base}: {}", crate::vm::quote(text)))
        });
    }
    match &value {
        Value::Int(_) | Value::BigInt(_) => Ok(value.clone()),
        Value::Bool(flag) => Ok(Value::Int(i64::from(*flag))),
        Value::Float(x) => int::from_whole_float(x.trunc()),
        Value::Str(text) => int::parse(text, 10)
            .ok_or_else(|| value_error(format!("invalid literal for int() with base 10: {}", crate::vm::quote(text)))),
        other => match thread.call_dunder(other, "__int__", vec![])? {
            Some(result) => Ok(result),
            None => Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ))),
        },
    }
}

fn to_float(thread: &mut Thread, value: Option<Value>) -> PyResult {
    let Some(value) = value else { return Ok(Value::Float(0.0)) };
    match &value {
        Value::Float(_) => Ok(value.clone()),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => Ok(Value::Float(int::to_f64(&value)?)),
        Value::Str(text) => parse_float(text)
            .map(Value::Float)
            .ok_or_else(|| value_error(format!("could not convert string to float: {}", crate::vm::quote(text)))),
        other => match thread.call_dunder(other, "__float__", vec![])? {
            Some(result) => Ok(result),
            None => Err(type_error(format!("float() argument must be a string or a real number, not '{}'", other.type_name()))),
        },
    }
}

/// Parses a float the way `float()` does (`inf`, `nan`, underscores between digits).
pub fn parse_float(text: &str) -> Option<f64> {
    let cleaned = text.trim().replace('_', "");
    match cleaned.to_lowercase().trim_start_matches(['+', '-']) {
        "inf" | "infinity" => Some(if cleaned.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY }),
        "nan" => Some(f64::NAN),
        _ => cleaned.parse::<f64>().ok().filter(|_| !cleaned.contains(['i', 'I', 'n', 'N'])),
    }
}

fn to_range(args: &Args) -> PyResult {
    args.expect("range", 1, 3)?;
    let mut bounds = Vec::new();
    for value in &args.positional {
        match int::to_small(value) {
            Some(bound) => bounds.push(bound),
            None => {
                return Err(type_error(format!("'{}' object cannot be interpreted as an integer", value.type_name())))
            }
        }
    }
    let (start, stop, step) = match bounds.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => unreachable!("checked by expect"),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new(Range { start, stop, step })))
}

/// `round(x)` / `round(x, n)`.
pub fn round(value: &Value, digits: Option<&Value>) -> PyResult {
    match (value, digits.filter(|d| !matches!(d, Value::None))) {
        (Value::Float(x), None) => {
            let rounded = x.round_ties_even();
            if !rounded.is_finite() {
                return Err(PyErr::new("OverflowError", "cannot convert float infinity to integer"));
            }
            Ok(match rounded.to_i64() {
                Some(small) => Value::Int(small),
                None => Value::from_bigint(num_bigint::BigInt::from(rounded as i128)),
            })
        }
        (Value::Float(x), Some(digits)) => Ok(Value::Float(float::round(*x, int::to_small(digits).unwrap_or(0)))),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), None) => Ok(Value::Int(int::to_small(value).unwrap_or(0))).map(|v| match value {
            Value::BigInt(_) => value.clone(),
            _ => v,
        }),
        (Value::Int(n), Some(digits)) => {
            let digits = int::to_small(digits).unwrap_or(0);
            if digits >= 0 {
                return Ok(Value::Int(*n));
            }
            let scale = 10i64.checked_pow((-digits) as u32).unwrap_or(i64::MAX);
            let quotient = n.div_euclid(scale);
            let remainder = n.rem_euclid(scale);
            let up = remainder * 2 > scale || (remainder * 2 == scale && quotient % 2 != 0);
            Ok(Value::Int((quotient + i64::from(up)) * scale))
        }
        (other, _) => Err(type_error(format!("type {} doesn't define __round__ method", other.type_name()))),
    }
}
