//! `bytes`: an immutable sequence of small ints, shared behind an `Arc` like `str`. Its
//! constructor, operators, indexing, `repr` and methods, with CPython's messages; the codecs
//! between it and `str` are in `codecs.rs`.

use std::sync::Arc;

use super::codecs;
use super::exception::{type_error, value_error};
use super::function::Args;
use super::int::memory_error;
use super::{PyErr, PyResult, Value};
use crate::bytecode::BinaryOp;
use crate::vm::Thread;

/// The methods `bytes` has.
pub const METHODS: &[&str] = &[
    "decode", "hex", "startswith", "endswith", "find", "rfind", "index", "count", "split", "join", "upper", "lower",
    "strip", "lstrip", "rstrip", "replace", "isdigit", "isalpha", "isspace",
];

/// The most bytes a repetition (`b"ab" * n`) may build.
const MAX_REPEAT_BYTES: usize = 100_000_000;

/// What `bytes.strip()` and `bytes.split()` take for whitespace: ASCII's.
const WHITESPACE: &[u8] = b" \t\n\r\x0b\x0c";

impl Value {
    /// A bytes value.
    pub fn bytes(bytes: Vec<u8>) -> Value {
        Value::Bytes(Arc::from(bytes))
    }
}

/// `bytes(…)`: empty, `n` zero bytes, a str encoded, or the ints of an iterable.
pub fn construct(thread: &mut Thread, mut args: Args) -> PyResult {
    let source = args.get_or_keyword(0, "source");
    let encoding = args.get_or_keyword(1, "encoding");
    let errors = args.get_or_keyword(2, "errors");
    match (source, encoding) {
        (None, None) => Ok(Value::bytes(Vec::new())),
        (Some(Value::Str(text)), Some(encoding)) => codecs::encode(&text, &encoding, errors.as_ref()),
        (Some(Value::Str(_)), None) => Err(type_error("string argument without an encoding")),
        (_, Some(_)) => Err(type_error("encoding without a string argument")),
        (Some(Value::Bytes(bytes)), None) => Ok(Value::Bytes(bytes)),
        (Some(Value::Int(count)), None) => {
            let count = usize::try_from(count).map_err(|_| value_error("negative count"))?;
            if count > MAX_REPEAT_BYTES {
                return Err(memory_error());
            }
            Ok(Value::bytes(vec![0; count]))
        }
        (Some(value @ (Value::Float(_) | Value::None)), None) => {
            Err(type_error(format!("cannot convert '{}' object to bytes", value.type_name())))
        }
        (Some(iterable), None) => {
            let items = thread.collect(&iterable)?;
            items.iter().map(byte_of).collect::<PyResult<Vec<u8>>>().map(Value::bytes)
        }
    }
}

/// An int in range(0, 256) as a byte; CPython's errors for anything else.
fn byte_of(value: &Value) -> PyResult<u8> {
    match value {
        Value::Int(int) => u8::try_from(*int).map_err(|_| value_error("bytes must be in range(0, 256)")),
        Value::Bool(flag) => Ok(u8::from(*flag)),
        Value::BigInt(_) => Err(value_error("bytes must be in range(0, 256)")),
        other => Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

/// `repr(bytes)` as CPython writes it: `b'…'` (double quotes when only `'` appears), with
/// `\t`, `\n`, `\r`, `\\` and `\xhh` for the bytes that are not printable ASCII.
pub fn repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') { '"' } else { '\'' };
    let mut text = String::with_capacity(bytes.len() + 3);
    text.push('b');
    text.push(quote);
    for &byte in bytes {
        match byte {
            b'\t' => text.push_str("\\t"),
            b'\n' => text.push_str("\\n"),
            b'\r' => text.push_str("\\r"),
            b'\\' => text.push_str("\\\\"),
            _ if char::from(byte) == quote => {
                text.push('\\');
                text.push(quote);
            }
            0x20..=0x7e => text.push(char::from(byte)),
            _ => text.push_str(&format!("\\x{byte:02x}")),
        }
    }
    text.push(quote);
    text
}

/// `left op right` where an operand is bytes: `+` of two, `*` by an int; `None` for the
/// operators bytes does not define.
pub fn binary(op: BinaryOp, left: &Value, right: &Value) -> PyResult<Option<Value>> {
    match (op, left, right) {
        (BinaryOp::Add, Value::Bytes(a), Value::Bytes(b)) => Ok(Some(Value::bytes([&a[..], &b[..]].concat()))),
        (BinaryOp::Add, Value::Bytes(_), other) if !matches!(other, Value::Instance(_)) => {
            Err(type_error(format!("can't concat {} to bytes", other.type_name())))
        }
        (BinaryOp::Mul, Value::Bytes(bytes), count) | (BinaryOp::Mul, count, Value::Bytes(bytes)) => {
            let count = match count {
                Value::Int(int) => (*int).max(0) as usize,
                Value::Bool(flag) => usize::from(*flag),
                _ => return Ok(None),
            };
            if bytes.len().saturating_mul(count) > MAX_REPEAT_BYTES {
                return Err(memory_error());
            }
            Ok(Some(Value::bytes(bytes.repeat(count))))
        }
        _ => Ok(None),
    }
}

/// `bytes[index]`: an int.
pub fn item(bytes: &[u8], index: i64) -> PyResult {
    crate::vm::normalise_index(index, bytes.len())
        .map(|at| Value::Int(i64::from(bytes[at])))
        .ok_or_else(|| PyErr::new("IndexError", "index out of range"))
}

/// `item in bytes`: a byte (an int) or a run of bytes.
pub fn contains(bytes: &[u8], item: &Value) -> PyResult<bool> {
    match item {
        Value::Bytes(needle) => Ok(find_in(bytes, needle).is_some()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let byte = byte_of(item).map_err(|_| value_error("byte must be in range(0, 256)"))?;
            Ok(bytes.contains(&byte))
        }
        other => Err(type_error(format!("a bytes-like object is required, not '{}'", other.type_name()))),
    }
}

/// `bytes.fromhex(text)`: pairs of hex digits, whitespace between pairs ignored.
pub fn from_hex(_thread: &mut Thread, args: Args) -> PyResult {
    args.expect("fromhex", 1, 1)?;
    let Value::Str(text) = &args.positional[0] else {
        return Err(type_error(format!("fromhex() argument must be str, not {}", args.positional[0].type_name())));
    };
    let digits = text.as_bytes();
    let invalid = |at: usize| value_error(format!("non-hexadecimal number found in fromhex() arg at position {at}"));
    let mut bytes = Vec::with_capacity(digits.len() / 2);
    let mut at = 0;
    while at < digits.len() {
        if digits[at].is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let high = char::from(digits[at]).to_digit(16).ok_or_else(|| invalid(at))?;
        let low = digits.get(at + 1).and_then(|d| char::from(*d).to_digit(16)).ok_or_else(|| invalid(at + 1))?;
        bytes.push((high * 16 + low) as u8);
        at += 2;
    }
    Ok(Value::bytes(bytes))
}

/// Calls `bytes.name(*args)`; `None` when bytes has no such method.
pub fn call_method(thread: &mut Thread, bytes: &Arc<[u8]>, name: &str, mut args: Args) -> Option<PyResult> {
    let result = match name {
        "decode" => {
            let encoding = args.get_or_keyword(0, "encoding");
            let errors = args.get_or_keyword(1, "errors");
            codecs::decode(bytes, encoding.as_ref(), errors.as_ref())
        }
        "hex" => Ok(Value::str(&bytes.iter().map(|byte| format!("{byte:02x}")).collect::<String>())),
        "startswith" | "endswith" => affix(bytes, name, &args),
        "find" | "rfind" | "index" => find(bytes, name, &args),
        "count" => bytes_arg(&args, 0, "count").map(|needle| Value::Int(count(bytes, &needle) as i64)),
        "split" => split(bytes, &mut args),
        "join" => join(thread, bytes, &args),
        "upper" => Ok(Value::bytes(bytes.to_ascii_uppercase())),
        "lower" => Ok(Value::bytes(bytes.to_ascii_lowercase())),
        "strip" | "lstrip" | "rstrip" => strip(bytes, name, &args),
        "replace" => replace(bytes, &args),
        "isdigit" => Ok(Value::Bool(!bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit))),
        "isalpha" => Ok(Value::Bool(!bytes.is_empty() && bytes.iter().all(u8::is_ascii_alphabetic))),
        "isspace" => Ok(Value::Bool(!bytes.is_empty() && bytes.iter().all(|b| WHITESPACE.contains(b)))),
        _ => return None,
    };
    Some(result)
}

/// A bytes argument (an int too, where CPython takes one as a single byte).
fn bytes_arg(args: &Args, index: usize, method: &str) -> PyResult<Arc<[u8]>> {
    match args.get(index) {
        Some(Value::Bytes(bytes)) => Ok(bytes.clone()),
        Some(value @ (Value::Int(_) | Value::Bool(_))) => Ok(Arc::from(vec![byte_of(value)?])),
        Some(other) => Err(type_error(format!("argument should be integer or bytes-like object, not '{}'", other.type_name()))),
        None => Err(type_error(format!("{method}() takes at least 1 argument (0 given)"))),
    }
}

/// Where `needle` first appears in `haystack`.
fn find_in(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// How many times `needle` appears in `haystack`, without overlaps.
fn count(haystack: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return haystack.len() + 1;
    }
    let (mut found, mut at) = (0, 0);
    while let Some(offset) = find_in(&haystack[at..], needle) {
        found += 1;
        at += offset + needle.len();
    }
    found
}

fn affix(bytes: &[u8], name: &str, args: &Args) -> PyResult {
    let candidates: Vec<Value> = match args.get(0) {
        Some(Value::Tuple(items)) => items.to_vec(),
        Some(other) => vec![other.clone()],
        None => return Err(type_error(format!("{name}() takes at least 1 argument (0 given)"))),
    };
    for candidate in candidates {
        let Value::Bytes(candidate) = candidate else {
            return Err(type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                candidate.type_name()
            )));
        };
        let found = if name == "startswith" { bytes.starts_with(&candidate) } else { bytes.ends_with(&candidate) };
        if found {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn find(bytes: &[u8], name: &str, args: &Args) -> PyResult {
    let needle = bytes_arg(args, 0, name)?;
    let found = if name == "rfind" {
        (0..=bytes.len().saturating_sub(needle.len())).rev().find(|&at| bytes[at..].starts_with(&needle))
    } else {
        find_in(bytes, &needle)
    };
    match found {
        Some(at) => Ok(Value::Int(at as i64)),
        None if name == "index" => Err(value_error("subsection not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn split(bytes: &[u8], args: &mut Args) -> PyResult {
    let separator = match args.get_or_keyword(0, "sep") {
        None | Some(Value::None) => None,
        Some(Value::Bytes(separator)) if separator.is_empty() => return Err(value_error("empty separator")),
        Some(Value::Bytes(separator)) => Some(separator),
        Some(other) => return Err(type_error(format!("a bytes-like object is required, not '{}'", other.type_name()))),
    };
    let parts: Vec<Value> = match separator {
        Some(separator) => {
            let mut parts = Vec::new();
            let mut rest = bytes;
            while let Some(at) = find_in(rest, &separator) {
                parts.push(Value::bytes(rest[..at].to_vec()));
                rest = &rest[at + separator.len()..];
            }
            parts.push(Value::bytes(rest.to_vec()));
            parts
        }
        None => bytes
            .split(|byte| WHITESPACE.contains(byte))
            .filter(|part| !part.is_empty())
            .map(|part| Value::bytes(part.to_vec()))
            .collect(),
    };
    Ok(Value::list(parts))
}

fn join(thread: &mut Thread, separator: &[u8], args: &Args) -> PyResult {
    args.expect("join", 1, 1)?;
    let items = thread.collect(&args.positional[0])?;
    let mut joined = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let Value::Bytes(part) = item else {
            return Err(type_error(format!(
                "sequence item {index}: expected a bytes-like object, {} found",
                item.type_name()
            )));
        };
        if index > 0 {
            joined.extend_from_slice(separator);
        }
        joined.extend_from_slice(part);
    }
    Ok(Value::bytes(joined))
}

fn strip(bytes: &[u8], name: &str, args: &Args) -> PyResult {
    let strip_set: Arc<[u8]> = match args.get(0) {
        None | Some(Value::None) => Arc::from(WHITESPACE),
        Some(Value::Bytes(set)) => set.clone(),
        Some(other) => return Err(type_error(format!("a bytes-like object is required, not '{}'", other.type_name()))),
    };
    let kept = |byte: &u8| !strip_set.contains(byte);
    let start = if name == "rstrip" { 0 } else { bytes.iter().position(kept).unwrap_or(bytes.len()) };
    let end = if name == "lstrip" { bytes.len() } else { bytes.iter().rposition(kept).map_or(start, |at| at + 1) };
    Ok(Value::bytes(bytes[start..end.max(start)].to_vec()))
}

fn replace(bytes: &[u8], args: &Args) -> PyResult {
    let (Some(Value::Bytes(old)), Some(Value::Bytes(new))) = (args.get(0), args.get(1)) else {
        return Err(type_error("replace() argument must be bytes"));
    };
    if old.is_empty() {
        let mut replaced = new.to_vec();
        for byte in bytes {
            replaced.push(*byte);
            replaced.extend_from_slice(new);
        }
        return Ok(Value::bytes(replaced));
    }
    let mut replaced = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = find_in(rest, old) {
        replaced.extend_from_slice(&rest[..at]);
        replaced.extend_from_slice(new);
        rest = &rest[at + old.len()..];
    }
    replaced.extend_from_slice(rest);
    Ok(Value::bytes(replaced))
}
