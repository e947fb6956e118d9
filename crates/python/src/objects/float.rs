//! `float`: arithmetic with Python's rules (floor division, modulo with the divisor's sign)
//! and `repr` as CPython writes it: the shortest text that reads back as the same float.

use super::{PyErr, PyResult, Value};
use crate::bytecode::BinaryOp;

/// `a op b` for two floats (or ints divided with `/`, `from_ints`); `None` for operators
/// floats lack (shifts, bit operations).
pub fn binary(op: BinaryOp, x: f64, y: f64, from_ints: bool) -> Option<PyResult> {
    let result = match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::Div if y == 0.0 => {
            let message = if from_ints { "division by zero" } else { "float division by zero" };
            return Some(Err(PyErr::new("ZeroDivisionError", message)));
        }
        BinaryOp::Div => x / y,
        BinaryOp::FloorDiv if y == 0.0 => {
            return Some(Err(PyErr::new("ZeroDivisionError", "float floor division by zero")))
        }
        BinaryOp::FloorDiv => (x / y).floor(),
        BinaryOp::Mod if y == 0.0 => return Some(Err(PyErr::new("ZeroDivisionError", "float modulo"))),
        BinaryOp::Mod => float_mod(x, y),
        BinaryOp::Pow => return Some(pow(x, y)),
        _ => return None,
    };
    Some(Ok(Value::Float(result)))
}

fn float_mod(x: f64, y: f64) -> f64 {
    let remainder = x % y;
    if remainder != 0.0 && ((remainder < 0.0) != (y < 0.0)) {
        remainder + y
    } else if remainder == 0.0 {
        0.0_f64.copysign(y)
    } else {
        remainder
    }
}

fn pow(x: f64, y: f64) -> PyResult {
    if x == 0.0 && y < 0.0 {
        return Err(PyErr::new("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
    }
    let result = x.powf(y);
    if result.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(PyErr::new("OverflowError", "(34, 'Numerical result out of range')"));
    }
    Ok(Value::Float(result))
}

/// `repr(x)` as CPython writes it.
pub fn repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let (digits, exponent) = shortest_digits(x.abs());
    format!("{sign}{}", place_point(&digits, exponent))
}

/// The shortest round-trip decimal digits of a positive float and its decimal exponent
/// (the value is `0.d1d2… × 10^(exponent + 1)`).
fn shortest_digits(x: f64) -> (String, i32) {
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("`{:e}` always has an exponent");
    (mantissa.replace('.', ""), exponent.parse().expect("`{:e}` writes an integer exponent"))
}

/// Fixed notation for exponents in −4..16, scientific otherwise, as CPython's `repr`.
fn place_point(digits: &str, exponent: i32) -> String {
    let count = digits.len() as i32;
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point >= count {
            format!("{digits}{}.0", "0".repeat((point - count) as usize))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        }
    } else {
        let rest = if count > 1 { format!(".{}", &digits[1..]) } else { String::new() };
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{}{rest}e{sign}{:02}", &digits[..1], exponent.abs())
    }
}

/// `round(x, ndigits)`: correctly rounded through the decimal text, half to even as CPython.
pub fn round(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || ndigits > 300 {
        return x;
    }
    if ndigits < 0 {
        let scale = 10f64.powi((-ndigits) as i32);
        return (x / scale).round_ties_even() * scale;
    }
    format!("{:.*}", ndigits as usize, x).parse().unwrap_or(x)
}

/// The methods `float` has.
pub const METHODS: &[&str] = &["is_integer", "hex", "conjugate"];

/// Calls `float.name(*args)`; `None` when float has no such method.
pub fn call_method(x: f64, name: &str, _args: super::function::Args) -> Option<PyResult> {
    Some(match name {
        "is_integer" => Ok(Value::Bool(x.is_finite() && x.fract() == 0.0)),
        "conjugate" => Ok(Value::Float(x)),
        _ => return None,
    })
}
