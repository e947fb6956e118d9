//! `int.to_bytes` and `int.from_bytes`: an int as a fixed number of bytes, big- or
//! little-endian, unsigned or in two's complement, with CPython's defaults (one byte, big)
//! and errors.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

use super::exception::{type_error, value_error};
use super::function::Args;
use super::{PyErr, PyResult, Value};
use crate::vm::Thread;

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub fn to_bytes(thread: &mut Thread, value: &BigInt, mut args: Args) -> PyResult {
    let length = match args.get_or_keyword(0, "length") {
        None => 1,
        Some(Value::Int(length)) if length >= 0 => length as usize,
        Some(Value::Int(_)) => return Err(value_error("length argument must be non-negative")),
        Some(other) => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    };
    let little = little_endian(args.get_or_keyword(1, "byteorder"))?;
    let signed = match args.take_keyword("signed") {
        Some(flag) => thread.truthy(&flag)?,
        None => false,
    };
    if value.is_negative() && !signed {
        return Err(PyErr::new("OverflowError", "can't convert negative int to unsigned"));
    }
    let minimal = match (value.is_zero(), signed) {
        (true, _) => Vec::new(),
        (false, true) => value.to_signed_bytes_be(),
        (false, false) => value.to_bytes_be().1,
    };
    if minimal.len() > length {
        return Err(PyErr::new("OverflowError", "int too big to convert"));
    }
    let fill = if value.is_negative() { 0xff } else { 0 };
    let mut bytes = vec![fill; length - minimal.len()];
    bytes.extend(minimal);
    if little {
        bytes.reverse();
    }
    Ok(Value::bytes(bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
pub fn from_bytes(thread: &mut Thread, mut args: Args) -> PyResult {
    let Some(source) = args.get_or_keyword(0, "bytes") else {
        return Err(type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let little = little_endian(args.get_or_keyword(1, "byteorder"))?;
    let signed = match args.take_keyword("signed") {
        Some(flag) => thread.truthy(&flag)?,
        None => false,
    };
    let converted = match source {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Str(_) => {
            return Err(type_error(format!("cannot convert '{}' object to bytes", source.type_name())))
        }
        other => super::bytes::construct(thread, Args::positional(vec![other]))?,
    };
    let Value::Bytes(bytes) = converted else { return Err(type_error("from_bytes() needs bytes")) };
    let mut bytes = bytes.to_vec();
    if little {
        bytes.reverse();
    }
    let value = if signed { BigInt::from_signed_bytes_be(&bytes) } else { BigInt::from_bytes_be(Sign::Plus, &bytes) };
    Ok(Value::from_bigint(value))
}

/// Whether `byteorder` says little-endian; CPython's ValueError for anything but the two.
fn little_endian(byteorder: Option<Value>) -> PyResult<bool> {
    match byteorder.as_ref().and_then(Value::as_str) {
        None if byteorder.is_none() => Ok(false),
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        _ => Err(value_error("byteorder must be either 'little' or 'big'")),
    }
}
