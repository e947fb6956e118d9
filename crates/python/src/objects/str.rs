//! `str` methods.

use std::sync::Arc;

use super::exception::{type_error, value_error};
use super::function::Args;
use super::{PyErr, PyResult, Value};
use crate::vm::Thread;

/// The methods `str` has.
pub const METHODS: &[&str] = &[
    "upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "join", "replace", "startswith", "endswith",
    "find", "rfind", "index", "rindex", "count", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower",
    "isnumeric", "isdecimal", "title", "capitalize", "swapcase", "center", "ljust", "rjust", "zfill", "format",
    "partition", "rpartition", "splitlines", "casefold", "encode", "istitle", "removeprefix", "removesuffix",
];

fn text_arg(args: &Args, index: usize, method: &str) -> PyResult<Option<Arc<str>>> {
    match args.get(index) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(text)) => Ok(Some(text.clone())),
        Some(other) => Err(type_error(format!("{method} arg must be None or str, not {}", other.type_name()))),
    }
}

fn int_arg(args: &Args, index: usize, default: i64) -> i64 {
    match args.get(index) {
        Some(Value::Int(int)) => *int,
        Some(Value::Bool(flag)) => i64::from(*flag),
        _ => default,
    }
}

/// Calls `text.name(*args)`; `None` when str has no such method.
pub fn call_method(thread: &mut Thread, text: &Arc<str>, name: &str, mut args: Args) -> Option<PyResult> {
    let s: &str = text;
    let result = match name {
        "upper" => Ok(Value::str(&s.to_uppercase())),
        "lower" | "casefold" => Ok(Value::str(&s.to_lowercase())),
        "strip" | "lstrip" | "rstrip" => strip(s, name, &args),
        "split" | "rsplit" => split(s, name, &mut args),
        "splitlines" => Ok(Value::list(s.lines().map(Value::str).collect())),
        "join" => join(thread, s, &args),
        "replace" => replace(s, &args),
        "startswith" | "endswith" => affix(s, name, &args),
        "find" | "rfind" | "index" | "rindex" => find(s, name, &args),
        "count" => match text_arg(&args, 0, "count") {
            Ok(Some(needle)) if needle.is_empty() => Ok(Value::Int(s.chars().count() as i64 + 1)),
            Ok(Some(needle)) => Ok(Value::Int(s.matches(&*needle).count() as i64)),
            Ok(None) => Err(type_error("count() takes at least 1 argument (0 given)")),
            Err(error) => Err(error),
        },
        "isdigit" | "isnumeric" | "isdecimal" => Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c.is_numeric()))),
        "isalpha" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic))),
        "isalnum" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric))),
        "isspace" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace))),
        "isupper" => Ok(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))),
        "islower" => Ok(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))),
        "istitle" => Ok(Value::Bool(!s.is_empty() && title(s) == s)),
        "title" => Ok(Value::str(&title(s))),
        "capitalize" => {
            let mut chars = s.chars();
            let capitalised: String = match chars.next() {
                Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
                None => String::new(),
            };
            Ok(Value::str(&capitalised))
        }
        "swapcase" => Ok(Value::str(
            &s.chars()
                .flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() })
                .collect::<String>(),
        )),
        "center" | "ljust" | "rjust" => justify(s, name, &args),
        "zfill" => {
            let width = int_arg(&args, 0, 0).max(0) as usize;
            let count = s.chars().count();
            if count >= width {
                Ok(Value::str(s))
            } else {
                let (sign, digits) = match s.chars().next() {
                    Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                    _ => (String::new(), s),
                };
                Ok(Value::str(&format!("{sign}{}{digits}", "0".repeat(width - count))))
            }
        }
        "format" => format_method(thread, s, args),
        "partition" | "rpartition" => partition(s, name, &args),
        "removeprefix" => Ok(Value::str(text_arg(&args, 0, name).ok().flatten().and_then(|p| s.strip_prefix(&*p)).unwrap_or(s))),
        "removesuffix" => Ok(Value::str(text_arg(&args, 0, name).ok().flatten().and_then(|p| s.strip_suffix(&*p)).unwrap_or(s))),
        "encode" => {
            let encoding = args.get_or_keyword(0, "encoding").unwrap_or_else(|| Value::str("utf-8"));
            let errors = args.get_or_keyword(1, "errors");
            super::codecs::encode(s, &encoding, errors.as_ref())
        }
        _ => return None,
    };
    Some(result)
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut previous_cased = false;
    for c in s.chars() {
        if previous_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        previous_cased = c.is_alphabetic();
    }
    out
}

fn strip(s: &str, name: &str, args: &Args) -> PyResult {
    let chars = text_arg(args, 0, name)?;
    let matches = |c: char| match &chars {
        Some(set) => set.contains(c),
        None => c.is_whitespace(),
    };
    Ok(Value::str(match name {
        "strip" => s.trim_matches(matches),
        "lstrip" => s.trim_start_matches(matches),
        _ => s.trim_end_matches(matches),
    }))
}

fn split(s: &str, name: &str, args: &mut Args) -> PyResult {
    let separator = match args.get_or_keyword(0, "sep") {
        None | Some(Value::None) => None,
        Some(Value::Str(text)) => Some(text),
        Some(other) => return Err(type_error(format!("must be str or None, not {}", other.type_name()))),
    };
    let limit = match args.get_or_keyword(1, "maxsplit") {
        Some(Value::Int(int)) if int >= 0 => Some(int as usize),
        _ => None,
    };
    let parts: Vec<String> = match (&separator, name) {
        (Some(sep), _) if sep.is_empty() => return Err(value_error("empty separator")),
        (Some(sep), "split") => match limit {
            Some(limit) => s.splitn(limit + 1, &**sep).map(str::to_string).collect(),
            None => s.split(&**sep).map(str::to_string).collect(),
        },
        (Some(sep), _) => {
            let mut parts: Vec<String> = match limit {
                Some(limit) => s.rsplitn(limit + 1, &**sep).map(str::to_string).collect(),
                None => s.rsplit(&**sep).map(str::to_string).collect(),
            };
            parts.reverse();
            parts
        }
        (None, "split") => whitespace_split(s, limit),
        (None, _) => {
            let reversed: String = s.chars().rev().collect();
            let mut parts: Vec<String> = whitespace_split(&reversed, limit).into_iter().map(|p| p.chars().rev().collect()).collect();
            parts.reverse();
            parts
        }
    };
    Ok(Value::list(parts.iter().map(|part| Value::str(part)).collect()))
}

fn whitespace_split(s: &str, limit: Option<usize>) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if limit.is_some_and(|limit| parts.len() == limit) {
            parts.push(rest.to_string());
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        parts.push(rest[..end].to_string());
        rest = rest[end..].trim_start();
    }
    parts
}

fn join(thread: &mut Thread, separator: &str, args: &Args) -> PyResult {
    let Some(iterable) = args.get(0) else { return Err(type_error("join() takes exactly one argument (0 given)")) };
    let items = thread.collect(iterable)?;
    let mut parts = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Str(text) => parts.push(text.clone()),
            other => {
                return Err(type_error(format!("sequence item {index}: expected str instance, {} found", other.type_name())))
            }
        }
    }
    Ok(Value::str(&parts.join(separator)))
}

fn replace(s: &str, args: &Args) -> PyResult {
    let (Some(Value::Str(old)), Some(Value::Str(new))) = (args.get(0), args.get(1)) else {
        return Err(type_error("replace() argument must be str"));
    };
    let count = int_arg(args, 2, -1);
    Ok(Value::str(&if count < 0 { s.replace(&**old, new) } else { s.replacen(&**old, new, count as usize) }))
}

fn affix(s: &str, name: &str, args: &Args) -> PyResult {
    let candidates: Vec<Value> = match args.get(0) {
        Some(Value::Tuple(items)) => items.to_vec(),
        Some(other) => vec![other.clone()],
        None => return Err(type_error(format!("{name}() takes at least 1 argument (0 given)"))),
    };
    let start = int_arg(args, 1, 0).max(0) as usize;
    let s: String = s.chars().skip(start).collect();
    for candidate in candidates {
        let Value::Str(candidate) = candidate else {
            return Err(type_error(format!("{name} first arg must be str or a tuple of str, not {}", candidate.type_name())));
        };
        let found = if name == "startswith" { s.starts_with(&*candidate) } else { s.ends_with(&*candidate) };
        if found {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn find(s: &str, name: &str, args: &Args) -> PyResult {
    let Some(Value::Str(needle)) = args.get(0) else { return Err(type_error("must be str")) };
    let chars: Vec<char> = s.chars().collect();
    let len = chars.len() as i64;
    let clamp = |value: i64| if value < 0 { (value + len).max(0) } else { value.min(len) } as usize;
    let start = clamp(int_arg(args, 1, 0));
    let end = clamp(int_arg(args, 2, len));
    let window: String = chars[start.min(end)..end].iter().collect();
    let found = if name.starts_with('r') { window.rfind(&**needle) } else { window.find(&**needle) };
    match found {
        Some(byte) => Ok(Value::Int((start + window[..byte].chars().count()) as i64)),
        None if name.ends_with("index") => Err(value_error("substring not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn justify(s: &str, name: &str, args: &Args) -> PyResult {
    let width = int_arg(args, 0, 0).max(0) as usize;
    let fill = match args.get(1) {
        Some(Value::Str(fill)) if fill.chars().count() == 1 => fill.chars().next().unwrap_or(' '),
        Some(_) => return Err(type_error("The fill character must be exactly one character long")),
        None => ' ',
    };
    let count = s.chars().count();
    if count >= width {
        return Ok(Value::str(s));
    }
    let padding = width - count;
    let fill_text = |n: usize| fill.to_string().repeat(n);
    Ok(Value::str(&match name {
        "ljust" => format!("{s}{}", fill_text(padding)),
        "rjust" => format!("{}{s}", fill_text(padding)),
        _ => {
            let left = padding / 2 + (padding & width & 1);
            format!("{}{s}{}", fill_text(left), fill_text(padding - left))
        }
    }))
}

fn partition(s: &str, name: &str, args: &Args) -> PyResult {
    let Some(Value::Str(separator)) = args.get(0) else { return Err(type_error("must be str")) };
    let found = if name == "partition" { s.find(&**separator) } else { s.rfind(&**separator) };
    let parts = match found {
        Some(at) => [&s[..at], &**separator, &s[at + separator.len()..]],
        None if name == "partition" => [s, "", ""],
        None => ["", "", s],
    };
    Ok(Value::tuple(parts.iter().map(|part| Value::str(part)).collect()))
}

/// `template.format(*args, **kwargs)`.
fn format_method(thread: &mut Thread, template: &str, args: Args) -> PyResult {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    let mut auto_index = 0;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut field = String::new();
                let mut depth = 1;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    field.push(c);
                }
                out.push_str(&format_field(thread, &field, &args, &mut auto_index)?);
            }
            '}' => return Err(value_error("Single '}' encountered in format string")),
            c => out.push(c),
        }
    }
    Ok(Value::str(&out))
}

fn format_field(thread: &mut Thread, field: &str, args: &Args, auto_index: &mut usize) -> PyResult<String> {
    let (name_and_conversion, spec) = field.split_once(':').unwrap_or((field, ""));
    let (name, conversion) = match name_and_conversion.split_once('!') {
        Some((name, conversion)) => (name, Some(conversion)),
        None => (name_and_conversion, None),
    };
    let (base, attribute) = match name.split_once('.') {
        Some((base, attribute)) => (base, Some(attribute)),
        None => (name, None),
    };
    let (base, index) = match base.split_once('[') {
        Some((base, rest)) => (base, Some(rest.trim_end_matches(']'))),
        None => (base, None),
    };
    let mut value = if base.is_empty() {
        let value = args.get(*auto_index).cloned();
        *auto_index += 1;
        value.ok_or_else(|| PyErr::new("IndexError", format!("Replacement index {} out of range for positional args tuple", *auto_index - 1)))?
    } else if let Ok(position) = base.parse::<usize>() {
        args.get(position)
            .cloned()
            .ok_or_else(|| PyErr::new("IndexError", format!("Replacement index {position} out of range for positional args tuple")))?
    } else {
        args.keywords
            .iter()
            .find(|(key, _)| &**key == base)
            .map(|(_, value)| value.clone())
            .ok_or_else(|| PyErr::new("KeyError", format!("'{base}'")))?
    };
    if let Some(index) = index {
        let key = index.parse::<i64>().map(Value::Int).unwrap_or_else(|_| Value::str(index));
        value = thread.get_item(&value, &key)?;
    }
    if let Some(attribute) = attribute {
        value = thread.get_attr(&value, attribute)?;
    }
    let value = match conversion {
        Some("r") | Some("a") => Value::str(&thread.repr(&value)?),
        Some("s") => Value::str(&thread.str(&value)?),
        _ => value,
    };
    let spec = if spec.contains('{') { format_method(thread, spec, Args { positional: args.positional.clone(), keywords: args.keywords.clone() })? } else { Value::str(spec) };
    thread.format(&value, spec.as_str().unwrap_or(""))
}
