//! `math`: constants, float functions with CPython's domain errors, and exact integer
//! functions (factorial, gcd, isqrt, comb) on bigints.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::objects::exception::{type_error, value_error};
use crate::objects::function::{Args, BuiltinFn};
use crate::objects::{int, PyErr, PyResult, Value};
use crate::vm::Thread;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("sqrt", sqrt),
    ("floor", floor),
    ("ceil", ceil),
    ("trunc", trunc),
    ("factorial", factorial),
    ("gcd", gcd),
    ("lcm", lcm),
    ("isqrt", isqrt),
    ("comb", comb),
    ("perm", perm),
    ("prod", prod),
    ("fsum", fsum),
    ("pow", pow),
    ("exp", exp),
    ("log", log),
    ("log2", log2),
    ("log10", log10),
    ("sin", sin),
    ("cos", cos),
    ("tan", tan),
    ("asin", asin),
    ("acos", acos),
    ("atan", atan),
    ("atan2", atan2),
    ("hypot", hypot),
    ("fabs", fabs),
    ("fmod", fmod),
    ("copysign", copysign),
    ("degrees", degrees),
    ("radians", radians),
    ("isclose", isclose),
    ("isnan", isnan),
    ("isinf", isinf),
    ("isfinite", isfinite),
    ("dist", dist),
    ("sinh", sinh),
    ("cosh", cosh),
    ("tanh", tanh),
    ("asinh", asinh),
    ("acosh", acosh),
    ("atanh", atanh),
    ("expm1", expm1),
    ("log1p", log1p),
];

/// The module.
pub fn module() -> Value {
    let values = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ];
    super::native_module("math", FUNCTIONS, values)
}

fn float_arg(args: &Args, index: usize, name: &str) -> PyResult<f64> {
    match args.get(index) {
        Some(value @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_))) => int::to_f64(value),
        Some(other) => Err(type_error(format!("must be real number, not {}", other.type_name()))),
        None => Err(type_error(format!("{name}() missing argument"))),
    }
}

fn int_arg(args: &Args, index: usize, name: &str) -> PyResult<BigInt> {
    match args.get(index) {
        Some(Value::Float(_)) => Err(type_error("'float' object cannot be interpreted as an integer")),
        Some(value) => int::to_bigint(value)
            .ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", value.type_name()))),
        None => Err(type_error(format!("{name}() missing argument"))),
    }
}

fn domain(result: f64, inputs_finite: bool) -> PyResult {
    if result.is_nan() && inputs_finite {
        return Err(value_error("math domain error"));
    }
    if result.is_infinite() && inputs_finite {
        return Err(PyErr::new("OverflowError", "math range error"));
    }
    Ok(Value::Float(result))
}

fn unary(args: &Args, name: &str, function: fn(f64) -> f64) -> PyResult {
    args.expect(name, 1, 1)?;
    let x = float_arg(args, 0, name)?;
    domain(function(x), x.is_finite())
}

fn sqrt(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "sqrt", f64::sqrt)
}

fn exp(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "exp", f64::exp)
}

fn sin(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "sin", f64::sin)
}

fn cos(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "cos", f64::cos)
}

fn tan(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "tan", f64::tan)
}

fn asin(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "asin", f64::asin)
}

fn acos(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "acos", f64::acos)
}

fn atan(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "atan", f64::atan)
}

fn fabs(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "fabs", f64::abs)
}

fn degrees(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "degrees", f64::to_degrees)
}

fn radians(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "radians", f64::to_radians)
}

fn logarithm(x: &Value, name: &str) -> PyResult<f64> {
    if let Some(big) = int::to_bigint(x) {
        if !big.is_positive() {
            return Err(value_error("math domain error"));
        }
        if let Some(small) = big.to_f64().filter(|f| f.is_finite()) {
            return Ok(small.ln());
        }
        let bits = big.bits();
        let shifted = (&big >> (bits - 53)).to_f64().unwrap_or(1.0);
        return Ok(shifted.ln() + (bits - 53) as f64 * std::f64::consts::LN_2);
    }
    let x = int::to_f64(x).map_err(|_| type_error(format!("{name}() must be real number")))?;
    if x <= 0.0 {
        return Err(value_error("math domain error"));
    }
    Ok(x.ln())
}

fn log(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("log", 1, 2)?;
    let numerator = logarithm(&args.positional[0], "log")?;
    match args.get(1) {
        Some(base) => {
            let denominator = logarithm(base, "log")?;
            if denominator == 0.0 {
                return Err(PyErr::new("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::Float(numerator / denominator))
        }
        None => Ok(Value::Float(numerator)),
    }
}

fn log2(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("log2", 1, 1)?;
    if let Value::Float(x) = &args.positional[0] {
        if *x > 0.0 {
            return Ok(Value::Float(x.log2()));
        }
    }
    Ok(Value::Float(logarithm(&args.positional[0], "log2")? / std::f64::consts::LN_2))
}

fn log10(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("log10", 1, 1)?;
    if let Value::Float(x) = &args.positional[0] {
        if *x > 0.0 {
            return Ok(Value::Float(x.log10()));
        }
    }
    Ok(Value::Float(logarithm(&args.positional[0], "log10")? / std::f64::consts::LN_10))
}

fn rounding(args: &Args, name: &str, function: fn(f64) -> f64) -> PyResult {
    args.expect(name, 1, 1)?;
    match &args.positional[0] {
        value @ (Value::Int(_) | Value::BigInt(_)) => Ok(value.clone()),
        Value::Bool(flag) => Ok(Value::Int(i64::from(*flag))),
        Value::Float(x) => int::from_whole_float(function(*x)),
        other => Err(type_error(format!("must be real number, not {}", other.type_name()))),
    }
}

fn floor(_t: &mut Thread, args: Args) -> PyResult {
    rounding(&args, "floor", f64::floor)
}

fn ceil(_t: &mut Thread, args: Args) -> PyResult {
    rounding(&args, "ceil", f64::ceil)
}

fn trunc(_t: &mut Thread, args: Args) -> PyResult {
    rounding(&args, "trunc", f64::trunc)
}

fn factorial(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("factorial", 1, 1)?;
    let n = int_arg(&args, 0, "factorial")?;
    if n.is_negative() {
        return Err(value_error("factorial() not defined for negative values"));
    }
    let n = n.to_u64().filter(|n| *n <= 200_000).ok_or_else(int::memory_error)?;
    let mut product = BigInt::one();
    for k in 2..=n {
        product *= k;
        if k % 4096 == 0 {
            thread.check_point()?;
        }
    }
    Ok(Value::from_bigint(product))
}

fn gcd(_t: &mut Thread, args: Args) -> PyResult {
    let mut result = BigInt::zero();
    for index in 0..args.positional.len() {
        result = result.gcd(&int_arg(&args, index, "gcd")?);
    }
    Ok(Value::from_bigint(result))
}

fn lcm(_t: &mut Thread, args: Args) -> PyResult {
    let mut result = BigInt::one();
    for index in 0..args.positional.len() {
        result = result.lcm(&int_arg(&args, index, "lcm")?);
    }
    Ok(Value::from_bigint(result))
}

fn isqrt(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("isqrt", 1, 1)?;
    let n = int_arg(&args, 0, "isqrt")?;
    if n.is_negative() {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn comb(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("comb", 2, 2)?;
    let (n, k) = (int_arg(&args, 0, "comb")?, int_arg(&args, 1, "comb")?);
    if n.is_negative() || k.is_negative() {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.clone().min(&n - &k).to_u64().ok_or_else(int::memory_error)?;
    let mut result = BigInt::one();
    for i in 0..k {
        result = result * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(result))
}

fn perm(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("perm", 1, 2)?;
    let n = int_arg(&args, 0, "perm")?;
    let k = if args.get(1).is_some() { int_arg(&args, 1, "perm")? } else { n.clone() };
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.to_u64().ok_or_else(int::memory_error)?;
    let mut result = BigInt::one();
    for i in 0..k {
        result *= &n - i;
    }
    Ok(Value::from_bigint(result))
}

fn prod(thread: &mut Thread, mut args: Args) -> PyResult {
    let start = args.take_keyword("start").unwrap_or(Value::Int(1));
    let Some(iterable) = args.get(0).cloned() else { return Err(type_error("prod() missing iterable")) };
    let mut total = start;
    for item in thread.collect(&iterable)? {
        total = thread.binary(crate::bytecode::BinaryOp::Mul, &total, &item)?;
    }
    Ok(total)
}

/// Neumaier's compensated sum: exact for the sums a tutorial shows.
fn fsum(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("fsum", 1, 1)?;
    let mut sum = 0.0;
    let mut compensation = 0.0;
    for item in thread.collect(&args.positional[0])? {
        let x = int::to_f64(&item)?;
        let t = sum + x;
        compensation += if sum.abs() >= x.abs() { (sum - t) + x } else { (x - t) + sum };
        sum = t;
    }
    Ok(Value::Float(sum + compensation))
}

fn pow(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("pow", 2, 2)?;
    let (x, y) = (float_arg(&args, 0, "pow")?, float_arg(&args, 1, "pow")?);
    if x == 0.0 && y < 0.0 {
        return Err(value_error("math domain error"));
    }
    domain(x.powf(y), x.is_finite() && y.is_finite())
}

fn atan2(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("atan2", 2, 2)?;
    Ok(Value::Float(float_arg(&args, 0, "atan2")?.atan2(float_arg(&args, 1, "atan2")?)))
}

fn hypot(_t: &mut Thread, args: Args) -> PyResult {
    let mut total: f64 = 0.0;
    for index in 0..args.positional.len() {
        total = total.hypot(float_arg(&args, index, "hypot")?);
    }
    Ok(Value::Float(total))
}

fn dist(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("dist", 2, 2)?;
    let (p, q) = (thread.collect(&args.positional[0])?, thread.collect(&args.positional[1])?);
    let mut total: f64 = 0.0;
    for (a, b) in p.iter().zip(&q) {
        total = total.hypot(int::to_f64(a)? - int::to_f64(b)?);
    }
    Ok(Value::Float(total))
}

fn fmod(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("fmod", 2, 2)?;
    let (x, y) = (float_arg(&args, 0, "fmod")?, float_arg(&args, 1, "fmod")?);
    if y == 0.0 {
        return Err(value_error("math domain error"));
    }
    Ok(Value::Float(x % y))
}

fn copysign(_t: &mut Thread, args: Args) -> PyResult {
    args.expect("copysign", 2, 2)?;
    Ok(Value::Float(float_arg(&args, 0, "copysign")?.copysign(float_arg(&args, 1, "copysign")?)))
}

fn isclose(_t: &mut Thread, mut args: Args) -> PyResult {
    let relative = args.take_keyword("rel_tol").map(|v| int::to_f64(&v)).transpose()?.unwrap_or(1e-9);
    let absolute = args.take_keyword("abs_tol").map(|v| int::to_f64(&v)).transpose()?.unwrap_or(0.0);
    args.expect("isclose", 2, 2)?;
    let (a, b) = (float_arg(&args, 0, "isclose")?, float_arg(&args, 1, "isclose")?);
    if a == b {
        return Ok(Value::Bool(true));
    }
    let difference = (a - b).abs();
    Ok(Value::Bool(difference <= (relative * b.abs()).max(relative * a.abs()).max(absolute)))
}

fn isnan(_t: &mut Thread, args: Args) -> PyResult {
    Ok(Value::Bool(float_arg(&args, 0, "isnan")?.is_nan()))
}

fn isinf(_t: &mut Thread, args: Args) -> PyResult {
    Ok(Value::Bool(float_arg(&args, 0, "isinf")?.is_infinite()))
}

fn isfinite(_t: &mut Thread, args: Args) -> PyResult {
    Ok(Value::Bool(float_arg(&args, 0, "isfinite")?.is_finite()))
}

fn sinh(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "sinh", f64::sinh)
}

fn cosh(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "cosh", f64::cosh)
}

fn tanh(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "tanh", f64::tanh)
}

fn asinh(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "asinh", f64::asinh)
}

fn acosh(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "acosh", f64::acosh)
}

fn atanh(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "atanh", f64::atanh)
}

fn expm1(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "expm1", f64::exp_m1)
}

fn log1p(_t: &mut Thread, args: Args) -> PyResult {
    unary(&args, "log1p", f64::ln_1p)
}
