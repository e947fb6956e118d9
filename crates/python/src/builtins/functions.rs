//! The built-in functions: print, len, range's friends, conversions and introspection.

use std::sync::Arc;

use super::construct;
use crate::objects::exception::{type_error, value_error};
use crate::objects::function::{Args, BuiltinFn};
use crate::objects::{int, lock, IterState, Key, PyErr, PyResult, Value};
use crate::vm::Thread;

/// Every built-in function by name.
pub const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("print", print),
    ("len", len),
    ("abs", abs),
    ("sum", sum),
    ("min", min),
    ("max", max),
    ("sorted", sorted),
    ("reversed", reversed),
    ("enumerate", enumerate),
    ("zip", zip),
    ("map", map),
    ("filter", filter),
    ("any", any),
    ("all", all),
    ("isinstance", isinstance),
    ("issubclass", issubclass),
    ("round", round),
    ("divmod", divmod),
    ("pow", pow),
    ("repr", repr),
    ("ascii", repr),
    ("iter", iter),
    ("next", next),
    ("id", id),
    ("hash", hash),
    ("chr", chr),
    ("ord", ord),
    ("hex", hex),
    ("bin", bin),
    ("oct", oct),
    ("callable", callable),
    ("getattr", getattr),
    ("setattr", setattr),
    ("hasattr", hasattr),
    ("delattr", delattr),
    ("format", format),
    ("vars", vars),
    ("input", input),
    ("open", open),
    ("super", explicit_super),
];

fn print(thread: &mut Thread, mut args: Args) -> PyResult {
    let separator = text_keyword(thread, &mut args, "sep", " ")?;
    let end = text_keyword(thread, &mut args, "end", "\n")?;
    args.take_keyword("flush");
    let file = args.take_keyword("file").filter(|file| !matches!(file, Value::None));
    let mut text = String::new();
    for (index, value) in args.positional.iter().enumerate() {
        if index > 0 {
            text.push_str(&separator);
        }
        text.push_str(&thread.str(value)?);
    }
    text.push_str(&end);
    match file {
        Some(file) => {
            thread.call_method(&file, "write", Args::positional(vec![Value::str(&text)]))?;
        }
        None => thread.write_stdout(&text),
    }
    Ok(Value::None)
}

fn text_keyword(thread: &mut Thread, args: &mut Args, name: &str, default: &str) -> PyResult<String> {
    match args.take_keyword(name) {
        None | Some(Value::None) => Ok(default.to_string()),
        Some(Value::Str(text)) => Ok(text.to_string()),
        Some(other) => {
            let _ = thread;
            Err(type_error(format!("{name} must be None or a string, not {}", other.type_name())))
        }
    }
}

/// `len(value)`.
pub fn length(thread: &mut Thread, value: &Value) -> PyResult<i64> {
    Ok(match value {
        Value::Str(text) => text.chars().count() as i64,
        Value::Bytes(bytes) => bytes.len() as i64,
        Value::List(items) => lock(items).len() as i64,
        Value::Tuple(items) => items.len() as i64,
        Value::Dict(dict) => dict.len() as i64,
        Value::Set(set) => set.len() as i64,
        Value::Range(range) => range.len(),
        Value::Iter(state) if value.type_name().starts_with("dict_") => match &*lock(state) {
            IterState::DictView { dict, .. } => dict.len() as i64,
            _ => 0,
        },
        Value::Instance(_) => match thread.call_dunder(value, "__len__", vec![])? {
            Some(Value::Int(count)) => count,
            _ => return Err(type_error(format!("object of type '{}' has no len()", value.type_name()))),
        },
        other => return Err(type_error(format!("object of type '{}' has no len()", other.type_name()))),
    })
}

fn len(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("len", 1, 1)?;
    length(thread, &args.positional[0]).map(Value::Int)
}

fn abs(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("abs", 1, 1)?;
    match &args.positional[0] {
        Value::Int(n) => Ok(n.checked_abs().map_or_else(|| Value::from_bigint(-num_bigint::BigInt::from(*n)), Value::Int)),
        Value::Bool(flag) => Ok(Value::Int(i64::from(*flag))),
        Value::BigInt(big) => Ok(Value::from_bigint(num_traits::Signed::abs(&**big))),
        Value::Float(x) => Ok(Value::Float(x.abs())),
        other => match thread.call_dunder(other, "__abs__", vec![])? {
            Some(result) => Ok(result),
            None => Err(type_error(format!("bad operand type for abs(): '{}'", other.type_name()))),
        },
    }
}

fn sum(thread: &mut Thread, mut args: Args) -> PyResult {
    let start = args.get_or_keyword(1, "start").unwrap_or(Value::Int(0));
    let Some(iterable) = args.get(0).cloned() else { return Err(type_error("sum() takes at least 1 positional argument (0 given)")) };
    if let Value::Str(_) = start {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let iterator = thread.iter(&iterable)?;
    let mut total = start;
    while let Some(item) = thread.next(&iterator)? {
        total = thread.binary(crate::bytecode::BinaryOp::Add, &total, &item)?;
    }
    Ok(total)
}

fn extreme(thread: &mut Thread, mut args: Args, name: &'static str) -> PyResult {
    let key = args.take_keyword("key").filter(|key| !matches!(key, Value::None));
    let default = args.take_keyword("default");
    let items = match args.positional.len() {
        0 => return Err(type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => thread.collect(&args.positional[0])?,
        _ => args.positional,
    };
    thread.extreme(items, key, name, default)
}

fn min(thread: &mut Thread, args: Args) -> PyResult {
    extreme(thread, args, "min")
}

fn max(thread: &mut Thread, args: Args) -> PyResult {
    extreme(thread, args, "max")
}

fn sorted(thread: &mut Thread, mut args: Args) -> PyResult {
    args.expect("sorted", 1, 1)?;
    let key = args.take_keyword("key").filter(|key| !matches!(key, Value::None));
    let reverse = match args.take_keyword("reverse") {
        Some(flag) => thread.truthy(&flag)?,
        None => false,
    };
    let items = thread.collect(&args.positional[0])?;
    crate::objects::list::sort(thread, items, key.as_ref(), reverse).map(Value::list)
}

fn reversed(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("reversed", 1, 1)?;
    let value = &args.positional[0];
    if let Value::Instance(_) = value {
        if let Some(result) = thread.call_dunder(value, "__reversed__", vec![])? {
            return Ok(result);
        }
    }
    if matches!(value, Value::Set(_) | Value::Iter(_)) {
        return Err(type_error(format!("'{}' object is not reversible", value.type_name())));
    }
    let mut items = thread.collect(value)?;
    items.reverse();
    Ok(IterState::over(items, "list_reverseiterator"))
}

fn enumerate(thread: &mut Thread, mut args: Args) -> PyResult {
    let start = args.get_or_keyword(1, "start").and_then(|s| int::to_small(&s)).unwrap_or(0);
    let Some(iterable) = args.get(0).cloned() else { return Err(type_error("enumerate() missing required argument 'iterable' (pos 1)")) };
    let source = thread.iter(&iterable)?;
    Ok(Thread::iterator(IterState::Enumerate { source, count: start }))
}

fn zip(thread: &mut Thread, args: Args) -> PyResult {
    let mut sources = Vec::new();
    for iterable in &args.positional {
        sources.push(thread.iter(iterable)?);
    }
    Ok(Thread::iterator(IterState::Zip { sources }))
}

fn map(thread: &mut Thread, args: Args) -> PyResult {
    if args.positional.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let mut sources = Vec::new();
    for iterable in &args.positional[1..] {
        sources.push(thread.iter(iterable)?);
    }
    Ok(Thread::iterator(IterState::Map { function: args.positional[0].clone(), sources }))
}

fn filter(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("filter", 2, 2)?;
    let source = thread.iter(&args.positional[1])?;
    Ok(Thread::iterator(IterState::Filter { function: args.positional[0].clone(), source }))
}

fn any(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("any", 1, 1)?;
    let iterator = thread.iter(&args.positional[0])?;
    while let Some(item) = thread.next(&iterator)? {
        if thread.truthy(&item)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("all", 1, 1)?;
    let iterator = thread.iter(&args.positional[0])?;
    while let Some(item) = thread.next(&iterator)? {
        if !thread.truthy(&item)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Whether `value` is an instance of `class` (or of one of a tuple of classes).
pub fn is_instance(value: &Value, class: &Value) -> PyResult<bool> {
    match class {
        Value::Class(class) => Ok(value.class().is_subclass(class)),
        Value::Tuple(classes) => {
            for class in classes.iter() {
                if is_instance(value, class)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

fn isinstance(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("isinstance", 2, 2)?;
    is_instance(&args.positional[0], &args.positional[1]).map(Value::Bool)
}

fn issubclass(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("issubclass", 2, 2)?;
    let Value::Class(class) = &args.positional[0] else { return Err(type_error("issubclass() arg 1 must be a class")) };
    let probe = Value::Instance(crate::objects::Instance::new(class, Default::default()));
    is_instance(&probe, &args.positional[1]).map(Value::Bool)
}

fn round(_thread: &mut Thread, mut args: Args) -> PyResult {
    let digits = args.get_or_keyword(1, "ndigits");
    let Some(value) = args.get(0) else { return Err(type_error("round() missing required argument 'number' (pos 1)")) };
    construct::round(value, digits.as_ref())
}

fn divmod(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("divmod", 2, 2)?;
    let (a, b) = (&args.positional[0], &args.positional[1]);
    let quotient = thread.binary(crate::bytecode::BinaryOp::FloorDiv, a, b)?;
    let remainder = thread.binary(crate::bytecode::BinaryOp::Mod, a, b)?;
    Ok(Value::tuple(vec![quotient, remainder]))
}

fn pow(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("pow", 2, 3)?;
    if let Some(modulus) = args.get(2) {
        let (Some(base), Some(exponent), Some(modulus)) =
            (int::to_bigint(&args.positional[0]), int::to_bigint(&args.positional[1]), int::to_bigint(modulus))
        else {
            return Err(type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        };
        if num_traits::Zero::is_zero(&modulus) {
            return Err(value_error("pow() 3rd argument cannot be 0"));
        }
        if exponent.sign() == num_bigint::Sign::Minus {
            let inverse = base.modinv(&modulus).ok_or_else(|| value_error("base is not invertible for the given modulus"))?;
            let positive = -exponent;
            return Ok(Value::from_bigint(num_integer::Integer::mod_floor(&inverse.modpow(&positive, &modulus), &modulus)));
        }
        return Ok(Value::from_bigint(num_integer::Integer::mod_floor(&base.modpow(&exponent, &modulus), &modulus)));
    }
    thread.binary(crate::bytecode::BinaryOp::Pow, &args.positional[0], &args.positional[1])
}

fn repr(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("repr", 1, 1)?;
    thread.repr(&args.positional[0]).map(|text| Value::str(&text))
}

fn iter(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("iter", 1, 2)?;
    match &args.positional[..] {
        [function, sentinel] if is_callable(function) => {
            Ok(Thread::iterator(IterState::CallUntil { function: function.clone(), sentinel: sentinel.clone(), finished: false }))
        }
        [_, _] => Err(type_error("iter(v, w): v must be callable")),
        _ => thread.iter(&args.positional[0]),
    }
}

fn next(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("next", 1, 2)?;
    let iterator = &args.positional[0];
    if !matches!(iterator, Value::Iter(_) | Value::Instance(_)) {
        return Err(type_error(format!("'{}' object is not an iterator", iterator.type_name())));
    }
    match thread.next(iterator)? {
        Some(value) => Ok(value),
        None => match args.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(crate::objects::exception::stop_iteration()),
        },
    }
}

fn id(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("id", 1, 1)?;
    let value = &args.positional[0];
    Ok(Value::Int(match value.identity() {
        0 => Key::of(value).map(|key| key.hash_number()).unwrap_or(0),
        address => address as i64,
    }))
}

fn hash(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("hash", 1, 1)?;
    let value = &args.positional[0];
    if let Some(hash) = thread.user_hash(value)? {
        return Ok(Value::Int(hash));
    }
    match value {
        Value::Float(x) if x.fract() != 0.0 => Ok(Value::Int(float_hash(*x))),
        _ => Key::of(value).map(|key| Value::Int(key.hash_number())),
    }
}

/// CPython's hash of a non-integral float: the value reduced modulo 2**61 - 1.
fn float_hash(x: f64) -> i64 {
    const MODULUS: u64 = (1 << 61) - 1;
    let (mantissa, exponent) = frexp(x.abs());
    let mut mantissa = mantissa;
    let mut exponent = exponent;
    let mut hash: u64 = 0;
    while mantissa != 0.0 {
        hash = ((hash << 28) & MODULUS) | (hash >> (61 - 28));
        mantissa *= 268_435_456.0;
        exponent -= 28;
        let digit = mantissa as u64;
        mantissa -= digit as f64;
        hash += digit;
        if hash >= MODULUS {
            hash -= MODULUS;
        }
    }
    let exponent = if exponent >= 0 { exponent % 61 } else { 61 - 1 - ((-1 - exponent) % 61) };
    hash = ((hash << exponent) & MODULUS) | (hash >> (61 - exponent));
    let signed = if x < 0.0 { -(hash as i64) } else { hash as i64 };
    if signed == -1 { -2 } else { signed }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let exponent = x.log2().floor() as i32 + 1;
    let mantissa = x / 2f64.powi(exponent);
    if mantissa >= 1.0 {
        (mantissa / 2.0, exponent + 1)
    } else {
        (mantissa, exponent)
    }
}

fn chr(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("chr", 1, 1)?;
    let code = int::to_small(&args.positional[0]).ok_or_else(|| type_error("an integer is required"))?;
    let c = u32::try_from(code).ok().and_then(char::from_u32).ok_or_else(|| value_error("chr() arg not in range(0x110000)"))?;
    Ok(Value::str(c.encode_utf8(&mut [0; 4])))
}

fn ord(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("ord", 1, 1)?;
    match &args.positional[0] {
        Value::Str(text) if text.chars().count() == 1 => Ok(Value::Int(text.chars().next().map_or(0, |c| c as i64))),
        Value::Str(text) => Err(type_error(format!(
            "ord() expected a character, but string of length {} found",
            text.chars().count()
        ))),
        other => Err(type_error(format!("ord() expected string of length 1, but {} found", other.type_name()))),
    }
}

fn radix(thread: &mut Thread, args: Args, spec: &str) -> PyResult {
    args.expect("bin", 1, 1)?;
    let value = &args.positional[0];
    if int::to_bigint(value).is_none() {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", value.type_name())));
    }
    thread.format(value, spec).map(|text| Value::str(&text))
}

fn hex(thread: &mut Thread, args: Args) -> PyResult {
    radix(thread, args, "#x")
}

fn bin(thread: &mut Thread, args: Args) -> PyResult {
    radix(thread, args, "#b")
}

fn oct(thread: &mut Thread, args: Args) -> PyResult {
    radix(thread, args, "#o")
}

fn callable(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("callable", 1, 1)?;
    Ok(Value::Bool(is_callable(&args.positional[0])))
}

/// Whether `value` can be called, as `callable()` says.
fn is_callable(value: &Value) -> bool {
    match value {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(instance) => instance.class.lookup("__call__").is_some(),
        _ => false,
    }
}

fn attribute_name(args: &Args, function: &str) -> PyResult<String> {
    match args.get(1) {
        Some(Value::Str(name)) => Ok(name.to_string()),
        _ => Err(type_error(format!("{function}(): attribute name must be string"))),
    }
}

fn getattr(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("getattr", 2, 3)?;
    let name = attribute_name(&args, "getattr")?;
    match thread.get_attr(&args.positional[0], &name) {
        Err(error) if error.is("AttributeError") && args.get(2).is_some() => Ok(args.positional[2].clone()),
        other => other,
    }
}

fn setattr(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("setattr", 3, 3)?;
    let name = attribute_name(&args, "setattr")?;
    thread.set_attr(&args.positional[0], &name, args.positional[2].clone()).map(|()| Value::None)
}

fn hasattr(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("hasattr", 2, 2)?;
    let name = attribute_name(&args, "hasattr")?;
    match thread.get_attr(&args.positional[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(error) if error.is("AttributeError") => Ok(Value::Bool(false)),
        Err(error) => Err(error),
    }
}

fn delattr(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("delattr", 2, 2)?;
    let name = attribute_name(&args, "delattr")?;
    thread.delete_attr(&args.positional[0], &name).map(|()| Value::None)
}

fn format(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("format", 1, 2)?;
    let spec = args.get(1).and_then(Value::as_str).unwrap_or("").to_string();
    thread.format(&args.positional[0], &spec).map(|text| Value::str(&text))
}

fn vars(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("vars", 1, 1)?;
    thread.get_attr(&args.positional[0], "__dict__")
}

fn input(_thread: &mut Thread, _args: Args) -> PyResult {
    Err(PyErr::new("EOFError", "EOF when reading a line (the playground's Python has no keyboard input)"))
}

fn open(_thread: &mut Thread, _args: Args) -> PyResult {
    Err(PyErr::new("OSError", "the playground's Python has no files"))
}

fn explicit_super(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("super", 2, 2)?;
    match &args.positional[0] {
        Value::Class(class) => Ok(Value::Super(Arc::new((class.clone(), args.positional[1].clone())))),
        _ => Err(type_error("super() argument 1 must be a type")),
    }
}
