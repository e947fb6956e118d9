//! `int`: 64-bit arithmetic without allocation, overflowing to a bigint; sizes are capped so
//! `10 ** 10 ** 9` is a MemoryError, not an hour of work.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use super::{PyErr, PyResult, Value};
use crate::bytecode::BinaryOp;

/// The largest int the playground builds, in bits (about 3 million decimal digits).
const MAX_BITS: u64 = 10_000_000;

/// The value as a bigint, for ints and bools.
pub fn to_bigint(value: &Value) -> Option<BigInt> {
    match value {
        Value::Int(int) => Some(BigInt::from(*int)),
        Value::Bool(flag) => Some(BigInt::from(i64::from(*flag))),
        Value::BigInt(big) => Some((**big).clone()),
        _ => None,
    }
}

/// The value as an i64 when it is a small int or a bool.
pub fn to_small(value: &Value) -> Option<i64> {
    match value {
        Value::Int(int) => Some(*int),
        Value::Bool(flag) => Some(i64::from(*flag)),
        _ => None,
    }
}

/// `a op b` for two ints; `None` when the operator is not an int operator (`/`).
pub fn binary(op: BinaryOp, a: &Value, b: &Value) -> Option<PyResult> {
    if let (Some(x), Some(y)) = (to_small(a), to_small(b)) {
        if let Some(result) = small_binary(op, x, y) {
            return Some(result);
        }
    }
    let (x, y) = (to_bigint(a)?, to_bigint(b)?);
    big_binary(op, &x, &y)
}

/// The fast path: `None` when the result does not fit or needs the bigint path.
#[inline]
fn small_binary(op: BinaryOp, x: i64, y: i64) -> Option<PyResult> {
    let result = match op {
        BinaryOp::Add => x.checked_add(y)?,
        BinaryOp::Sub => x.checked_sub(y)?,
        BinaryOp::Mul => x.checked_mul(y)?,
        BinaryOp::FloorDiv | BinaryOp::Mod if y == 0 => return Some(Err(division_by_zero(op))),
        BinaryOp::FloorDiv => x.checked_div_euclid(y).map(|_| floor_div(x, y))?,
        BinaryOp::Mod => x.checked_rem(y).map(|_| floor_mod(x, y))?,
        BinaryOp::Pow if y < 0 => return Some(Ok(Value::Float((x as f64).powf(y as f64)))),
        BinaryOp::Pow => x.checked_pow(u32::try_from(y).ok()?)?,
        BinaryOp::LShift if y < 0 => return Some(Err(PyErr::new("ValueError", "negative shift count"))),
        BinaryOp::LShift if y < 63 && (x.abs() >> (62 - y)) == 0 => x << y,
        BinaryOp::LShift => return None,
        BinaryOp::RShift if y < 0 => return Some(Err(PyErr::new("ValueError", "negative shift count"))),
        BinaryOp::RShift => x >> y.min(63),
        BinaryOp::And => x & y,
        BinaryOp::Or => x | y,
        BinaryOp::Xor => x ^ y,
        BinaryOp::Div | BinaryOp::MatMul => return None,
    };
    Some(Ok(Value::Int(result)))
}

fn division_by_zero(op: BinaryOp) -> PyErr {
    let message = if op == BinaryOp::Mod { "integer modulo by zero" } else { "integer division or modulo by zero" };
    PyErr::new("ZeroDivisionError", message)
}

/// `x // y` rounded towards minus infinity, as Python does (`y` not zero, no overflow).
pub fn floor_div(x: i64, y: i64) -> i64 {
    let quotient = x / y;
    if x % y != 0 && ((x < 0) != (y < 0)) {
        quotient - 1
    } else {
        quotient
    }
}

/// `x % y` with the divisor's sign, as Python has it (`y` not zero, no overflow).
pub fn floor_mod(x: i64, y: i64) -> i64 {
    let remainder = x % y;
    if remainder != 0 && ((remainder < 0) != (y < 0)) {
        remainder + y
    } else {
        remainder
    }
}

fn big_binary(op: BinaryOp, x: &BigInt, y: &BigInt) -> Option<PyResult> {
    let result = match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => {
            if x.bits() + y.bits() > MAX_BITS {
                return Some(Err(memory_error()));
            }
            x * y
        }
        BinaryOp::FloorDiv | BinaryOp::Mod if y.is_zero() => return Some(Err(division_by_zero(op))),
        BinaryOp::FloorDiv => x.div_floor(y),
        BinaryOp::Mod => x.mod_floor(y),
        BinaryOp::Pow => return Some(big_pow(x, y)),
        BinaryOp::LShift => {
            let shift = y.to_u64().filter(|shift| x.bits() + shift <= MAX_BITS);
            match shift {
                Some(shift) => x << shift,
                None if y.is_negative() => return Some(Err(PyErr::new("ValueError", "negative shift count"))),
                None => return Some(Err(memory_error())),
            }
        }
        BinaryOp::RShift => match y.to_u64() {
            Some(shift) => x >> shift,
            None if y.is_negative() => return Some(Err(PyErr::new("ValueError", "negative shift count"))),
            None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
        },
        BinaryOp::And => x & y,
        BinaryOp::Or => x | y,
        BinaryOp::Xor => x ^ y,
        BinaryOp::Div | BinaryOp::MatMul => return None,
    };
    Some(Ok(Value::from_bigint(result)))
}

fn big_pow(base: &BigInt, exponent: &BigInt) -> PyResult {
    if exponent.is_negative() {
        let base = base.to_f64().unwrap_or(f64::INFINITY);
        return Ok(Value::Float(base.powf(exponent.to_f64().unwrap_or(f64::NEG_INFINITY))));
    }
    let trivial = base.is_zero() || base.abs() == BigInt::from(1);
    match exponent.to_u32() {
        Some(exponent) if trivial || base.bits().saturating_mul(u64::from(exponent)) <= MAX_BITS => {
            Ok(Value::from_bigint(base.pow(exponent)))
        }
        _ if trivial => Ok(Value::from_bigint(if base.is_negative() && exponent.is_odd() { base.clone() } else { base.abs() })),
        _ => Err(memory_error()),
    }
}

/// The error for a value too large to build.
pub fn memory_error() -> PyErr {
    PyErr::new("MemoryError", "")
}

/// The int equal to a whole float (after `int()` truncates or `math.floor` rounds it), exact at
/// any size, with CPython's errors for NaN and the infinities.
pub fn from_whole_float(whole: f64) -> PyResult {
    if whole.is_nan() {
        return Err(super::exception::value_error("cannot convert float NaN to integer"));
    }
    if whole.is_infinite() {
        return Err(PyErr::new("OverflowError", "cannot convert float infinity to integer"));
    }
    match whole.to_i64() {
        Some(small) => Ok(Value::Int(small)),
        None => Ok(Value::from_bigint(BigInt::from_f64(whole).unwrap_or_default())),
    }
}

/// An int as an f64, with CPython's OverflowError past the float range.
pub fn to_f64(value: &Value) -> PyResult<f64> {
    match value {
        Value::BigInt(big) => match big.to_f64() {
            Some(float) if float.is_finite() => Ok(float),
            _ => Err(PyErr::new("OverflowError", "int too large to convert to float")),
        },
        Value::Int(int) => Ok(*int as f64),
        Value::Bool(flag) => Ok(f64::from(u8::from(*flag))),
        Value::Float(float) => Ok(*float),
        _ => Err(super::exception::type_error("must be real number")),
    }
}

/// Parses `int(text, base)`.
pub fn parse(text: &str, base: u32) -> Option<Value> {
    let cleaned: String = text.trim().chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (base, digits) = match base {
        0 | 16 if digits.to_lowercase().starts_with("0x") => (16, &digits[2..]),
        0 | 8 if digits.to_lowercase().starts_with("0o") => (8, &digits[2..]),
        0 | 2 if digits.to_lowercase().starts_with("0b") => (2, &digits[2..]),
        0 => (10, digits),
        other => (other, digits),
    };
    if digits.is_empty() || text.trim().starts_with('_') || text.contains("__") {
        return None;
    }
    let magnitude = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(Value::from_bigint(if negative { -magnitude } else { magnitude }))
}

/// The methods `int` has.
pub const METHODS: &[&str] = &["bit_length", "to_bytes", "conjugate", "is_integer"];

/// Calls `int.name(*args)`; `None` when int has no such method.
pub fn call_method(thread: &mut crate::vm::Thread, value: &Value, name: &str, args: super::function::Args) -> Option<PyResult> {
    let big = to_bigint(value)?;
    Some(match name {
        "to_bytes" => super::int_bytes::to_bytes(thread, &big, args),
        "bit_length" => Ok(Value::Int(big.bits() as i64)),
        "conjugate" => Ok(value.clone()),
        "is_integer" => Ok(Value::Bool(true)),
        _ => return None,
    })
}
