//! The codecs between `str` and `bytes`: UTF-8, ASCII and Latin-1 (by any of their usual
//! names), with the `strict`, `ignore` and `replace` error handlers and CPython's
//! `UnicodeEncodeError` / `UnicodeDecodeError` messages.

use super::exception::type_error;
use super::{PyErr, PyResult, Value};

/// A codec the playground knows.
#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

/// What to do with what a codec cannot take.
#[derive(Clone, Copy, PartialEq)]
enum Errors {
    Strict,
    Ignore,
    Replace,
}

impl Codec {
    /// The codec of an encoding name, as Python normalises it (case, `_` and `-`).
    fn named(name: &Value) -> PyResult<Codec> {
        let Value::Str(name) = name else {
            return Err(type_error(format!("encoding must be str, not {}", name.type_name())));
        };
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" | "u8" => Ok(Codec::Utf8),
            "ascii" | "us-ascii" | "646" => Ok(Codec::Ascii),
            "latin-1" | "latin1" | "latin" | "iso-8859-1" | "iso8859-1" | "l1" => Ok(Codec::Latin1),
            _ => Err(PyErr::new("LookupError", format!("unknown encoding: {name}"))),
        }
    }

    /// Its name in error messages.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// The first code point past what it encodes in one byte (none for UTF-8).
    fn limit(self) -> Option<u32> {
        match self {
            Codec::Utf8 => None,
            Codec::Ascii => Some(128),
            Codec::Latin1 => Some(256),
        }
    }
}

impl Errors {
    fn named(name: Option<&Value>) -> PyResult<Errors> {
        match name {
            None => Ok(Errors::Strict),
            Some(Value::Str(name)) => match &**name {
                "strict" => Ok(Errors::Strict),
                "ignore" => Ok(Errors::Ignore),
                "replace" => Ok(Errors::Replace),
                other => Err(PyErr::new("LookupError", format!("unknown error handler name '{other}'"))),
            },
            Some(other) => Err(type_error(format!("errors must be str, not {}", other.type_name()))),
        }
    }
}

/// `text.encode(encoding, errors)`.
pub fn encode(text: &str, encoding: &Value, errors: Option<&Value>) -> PyResult {
    let codec = Codec::named(encoding)?;
    let errors = Errors::named(errors)?;
    let Some(limit) = codec.limit() else { return Ok(Value::bytes(text.as_bytes().to_vec())) };
    let mut bytes = Vec::with_capacity(text.len());
    for (position, character) in text.chars().enumerate() {
        match u32::from(character) {
            code if code < limit => bytes.push(code as u8),
            code => match errors {
                Errors::Strict => {
                    return Err(PyErr::new(
                        "UnicodeEncodeError",
                        format!(
                            "'{}' codec can't encode character '{}' in position {position}: ordinal not in range({limit})",
                            codec.name(),
                            escaped_code_point(code)
                        ),
                    ))
                }
                Errors::Ignore => {}
                Errors::Replace => bytes.push(b'?'),
            },
        }
    }
    Ok(Value::bytes(bytes))
}

/// `bytes.decode(encoding, errors)` (UTF-8 by default).
pub fn decode(bytes: &[u8], encoding: Option<&Value>, errors: Option<&Value>) -> PyResult {
    let codec = match encoding {
        Some(encoding) => Codec::named(encoding)?,
        None => Codec::Utf8,
    };
    let errors = Errors::named(errors)?;
    match codec {
        Codec::Utf8 => decode_utf8(bytes, errors),
        Codec::Latin1 => Ok(Value::str(&bytes.iter().map(|byte| char::from(*byte)).collect::<String>())),
        Codec::Ascii => {
            let mut text = String::with_capacity(bytes.len());
            for (position, byte) in bytes.iter().enumerate() {
                match (byte.is_ascii(), errors) {
                    (true, _) => text.push(char::from(*byte)),
                    (false, Errors::Strict) => {
                        return Err(decode_error(codec, bytes, position, 1, "ordinal not in range(128)"))
                    }
                    (false, Errors::Ignore) => {}
                    (false, Errors::Replace) => text.push(char::REPLACEMENT_CHARACTER),
                }
            }
            Ok(Value::str(&text))
        }
    }
}

fn decode_utf8(bytes: &[u8], errors: Errors) -> PyResult {
    let mut text = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                return Ok(Value::str(&text));
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = error.error_len().unwrap_or(after.len());
                match errors {
                    Errors::Strict => {
                        let position = bytes.len() - after.len();
                        let reason = match (error.error_len(), after[0]) {
                            (None, _) => "unexpected end of data",
                            (_, 0x80..=0xc1 | 0xf5..=0xff) => "invalid start byte",
                            _ => "invalid continuation byte",
                        };
                        return Err(decode_error(Codec::Utf8, bytes, position, bad, reason));
                    }
                    Errors::Ignore => {}
                    Errors::Replace => text.push(char::REPLACEMENT_CHARACTER),
                }
                rest = &after[bad..];
            }
        }
    }
}

/// CPython's `UnicodeDecodeError` for `length` bytes at `position` a codec refused.
fn decode_error(codec: Codec, bytes: &[u8], position: usize, length: usize, reason: &str) -> PyErr {
    let what = match length {
        1 => format!("byte 0x{:02x} in position {position}", bytes[position]),
        _ => format!("bytes in position {position}-{}", position + length - 1),
    };
    PyErr::new("UnicodeDecodeError", format!("'{}' codec can't decode {what}: {reason}", codec.name()))
}

/// A code point as CPython's messages show one: `\xe9`, `\u20ac`, `\U0001f600`.
fn escaped_code_point(code: u32) -> String {
    match code {
        0..=0xff => format!("\\x{code:02x}"),
        0x100..=0xffff => format!("\\u{code:04x}"),
        _ => format!("\\U{code:08x}"),
    }
}
