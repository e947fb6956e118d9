//! Formatting: the format-spec mini-language (`format()`, f-strings, `str.format`) and
//! printf-style `%` formatting, for ints, floats and strings.

use num_bigint::BigInt;

use super::exception::value_error;
use super::{float, int, PyResult, Value};
use crate::vm::Thread;

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut parsed = Spec::default();
    let mut at = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        parsed.fill = Some(chars[0]);
        parsed.align = Some(chars[1]);
        at = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        parsed.align = Some(chars[0]);
        at = 1;
    }
    if at < chars.len() && matches!(chars[at], '+' | '-' | ' ') {
        parsed.sign = Some(chars[at]);
        at += 1;
    }
    if at < chars.len() && chars[at] == '#' {
        parsed.alternate = true;
        at += 1;
    }
    if at < chars.len() && chars[at] == '0' {
        parsed.zero = true;
        at += 1;
    }
    let digits = |at: &mut usize| {
        let start = *at;
        while *at < chars.len() && chars[*at].is_ascii_digit() {
            *at += 1;
        }
        chars[start..*at].iter().collect::<String>().parse::<usize>().ok()
    };
    parsed.width = digits(&mut at).unwrap_or(0);
    if at < chars.len() && matches!(chars[at], ',' | '_') {
        parsed.grouping = Some(chars[at]);
        at += 1;
    }
    if at < chars.len() && chars[at] == '.' {
        at += 1;
        parsed.precision = Some(digits(&mut at).ok_or_else(|| value_error("Format specifier missing precision"))?);
    }
    if at < chars.len() {
        parsed.kind = Some(chars[at]);
        at += 1;
    }
    if at != chars.len() {
        return Err(value_error("Invalid format specifier"));
    }
    Ok(parsed)
}

impl Thread {
    /// `format(value, spec)`.
    pub fn format(&mut self, value: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(_) = value {
            if let Some(Value::Str(text)) = self.call_dunder(value, "__format__", vec![Value::str(spec)])? {
                return Ok(text.to_string());
            }
        }
        if spec.is_empty() {
            return self.str(value);
        }
        let parsed = parse_spec(spec)?;
        match value {
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) if !matches!(parsed.kind, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => {
                format_int(&int::to_bigint(value).unwrap_or_default(), &parsed)
            }
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => {
                format_float(int::to_f64(value)?, &parsed, matches!(value, Value::Float(_)))
            }
            other => {
                if parsed.kind.is_some_and(|kind| kind != 's') {
                    return Err(value_error(format!(
                        "Unknown format code '{}' for object of type '{}'",
                        parsed.kind.unwrap_or('s'),
                        other.type_name()
                    )));
                }
                let mut text = self.str(other)?;
                if let Some(precision) = parsed.precision {
                    text = text.chars().take(precision).collect();
                }
                Ok(pad(&text, "", &parsed, '<'))
            }
        }
    }

    /// `format % args`.
    pub fn percent_format(&mut self, format: &str, args: &Value) -> PyResult<String> {
        let mut values: Vec<Value> = match args {
            Value::Tuple(items) => items.to_vec(),
            other => vec![other.clone()],
        };
        values.reverse();
        let mapping = match args {
            Value::Dict(dict) => Some(dict.clone()),
            _ => None,
        };
        let mut out = String::new();
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut spec = String::new();
            let mut key = None;
            if chars.peek() == Some(&'(') {
                chars.next();
                let name: String = chars.by_ref().take_while(|c| *c != ')').collect();
                key = Some(name);
            }
            let kind = loop {
                match chars.next() {
                    Some(c) if "-+ #0123456789.".contains(c) => spec.push(c),
                    Some(c) => break c,
                    None => return Err(value_error("incomplete format")),
                }
            };
            if kind == '%' {
                out.push('%');
                continue;
            }
            let value = match (&key, &mapping) {
                (Some(name), Some(dict)) => dict.get(&Value::str(name))?.ok_or_else(|| crate::objects::PyErr::new("KeyError", format!("'{name}'")))?,
                _ => values.pop().ok_or_else(|| crate::objects::exception::type_error("not enough arguments for format string"))?,
            };
            let flags: String = spec.chars().take_while(|c| "-+ #0".contains(*c)).collect();
            let rest = &spec[flags.len()..];
            let align = if flags.contains('-') { "<" } else { "" };
            let zero = if flags.contains('0') && !flags.contains('-') { "0" } else { "" };
            let sign = if flags.contains('+') { "+" } else if flags.contains(' ') { " " } else { "" };
            let text = match kind {
                's' => {
                    let text = self.str(&value)?;
                    self.format(&Value::str(&text), &format!("{align}{rest}"))?
                }
                'r' => {
                    let text = self.repr(&value)?;
                    self.format(&Value::str(&text), &format!("{align}{rest}"))?
                }
                'd' | 'i' | 'u' => {
                    let int_value = match &value {
                        Value::Float(x) => Value::Int(x.trunc() as i64),
                        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => value.clone(),
                        other => {
                            return Err(crate::objects::exception::type_error(format!(
                                "%{kind} format: a real number is required, not {}",
                                other.type_name()
                            )))
                        }
                    };
                    self.format(&int_value, &format!("{align}{sign}{zero}{rest}d"))?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' if !matches!(value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_)) => {
                    return Err(crate::objects::exception::type_error(format!("must be real number, not {}", value.type_name())));
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c' => {
                    let alternate = if flags.contains('#') { "#" } else { "" };
                    self.format(&value, &format!("{align}{sign}{alternate}{zero}{rest}{kind}"))?
                }
                other => return Err(value_error(format!("unsupported format character '{other}' (0x{:x})", other as u32))),
            };
            out.push_str(&text);
        }
        if !values.is_empty() && mapping.is_none() {
            return Err(crate::objects::exception::type_error("not all arguments converted during string formatting"));
        }
        Ok(out)
    }
}

fn format_int(value: &BigInt, spec: &Spec) -> PyResult<String> {
    let magnitude = if value.sign() == num_bigint::Sign::Minus { -value } else { value.clone() };
    let (digits, prefix) = match spec.kind {
        None | Some('d') | Some('n') => (magnitude.to_string(), ""),
        Some('b') => (magnitude.to_str_radix(2), "0b"),
        Some('o') => (magnitude.to_str_radix(8), "0o"),
        Some('x') => (magnitude.to_str_radix(16), "0x"),
        Some('X') => (magnitude.to_str_radix(16).to_uppercase(), "0X"),
        Some('c') => {
            let code = u32::try_from(value).ok().and_then(char::from_u32).ok_or_else(|| value_error("%c arg not in range(0x110000)"))?;
            return Ok(pad(&code.to_string(), "", spec, '<'));
        }
        Some(other) => return Err(value_error(format!("Unknown format code '{other}' for object of type 'int'"))),
    };
    let digits = group(&digits, spec.grouping, if spec.kind.is_some_and(|k| "bxXo".contains(k)) { 4 } else { 3 });
    let sign = sign_text(value.sign() == num_bigint::Sign::Minus, spec.sign);
    let prefix = if spec.alternate { prefix } else { "" };
    Ok(pad(&digits, &format!("{sign}{prefix}"), spec, '>'))
}

fn format_float(x: f64, spec: &Spec, is_float: bool) -> PyResult<String> {
    let negative = (is_float || x != 0.0) && !x.is_nan() && x.is_sign_negative();
    let magnitude = x.abs();
    let body = match spec.kind {
        Some('f' | 'F') => fixed(magnitude, spec.precision.unwrap_or(6)),
        Some('e' | 'E') => scientific(magnitude, spec.precision.unwrap_or(6)),
        Some('g' | 'G') => general(magnitude, spec.precision.unwrap_or(6), spec.alternate),
        Some('%') => format!("{}%", fixed(magnitude * 100.0, spec.precision.unwrap_or(6))),
        None => match spec.precision {
            Some(precision) => {
                let text = general(magnitude, precision.max(1), false);
                if text.contains(['.', 'e', 'n', 'i']) { text } else { format!("{text}.0") }
            }
            None => float::repr(magnitude),
        },
        Some(other) => return Err(value_error(format!("Unknown format code '{other}' for object of type 'float'"))),
    };
    let body = if spec.kind.is_some_and(|k| k.is_ascii_uppercase()) { body.to_uppercase() } else { body };
    let (integer, fraction) = match body.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => body.split_at(at),
        None => (body.as_str(), ""),
    };
    let grouped = format!("{}{fraction}", group(integer, spec.grouping, 3));
    Ok(pad(&grouped, sign_text(negative, spec.sign), spec, '>'))
}

fn fixed(x: f64, precision: usize) -> String {
    if !x.is_finite() {
        return float::repr(x);
    }
    format!("{x:.precision$}")
}

fn scientific(x: f64, precision: usize) -> String {
    if !x.is_finite() {
        return float::repr(x);
    }
    python_exponent(&format!("{x:.precision$e}"))
}

/// Rust's `1.5e-5` written as Python's `1.5e-05`.
fn python_exponent(text: &str) -> String {
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, digits) = match exponent.strip_prefix('-') {
                Some(digits) => ('-', digits),
                None => ('+', exponent),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => text.to_string(),
    }
}

fn general(x: f64, precision: usize, alternate: bool) -> String {
    if !x.is_finite() {
        return float::repr(x);
    }
    let precision = precision.max(1);
    if x == 0.0 {
        return if alternate { format!("{:.*}", precision - 1, 0.0) } else { "0".into() };
    }
    let rounded = format!("{:.*e}", precision - 1, x);
    let exponent: i32 = rounded.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
    let text = if exponent >= -4 && exponent < precision as i32 {
        format!("{:.*}", (precision as i32 - 1 - exponent).max(0) as usize, x)
    } else {
        python_exponent(&rounded)
    };
    if alternate {
        return text;
    }
    strip_zeros(&text)
}

fn strip_zeros(text: &str) -> String {
    let (mantissa, exponent) = match text.find('e') {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let mantissa = if mantissa.contains('.') { mantissa.trim_end_matches('0').trim_end_matches('.') } else { mantissa };
    format!("{mantissa}{exponent}")
}

fn sign_text(negative: bool, sign: Option<char>) -> &'static str {
    match (negative, sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

fn group(digits: &str, separator: Option<char>, every: usize) -> String {
    let Some(separator) = separator else { return digits.to_string() };
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (index, c) in chars.iter().enumerate() {
        if index > 0 && (chars.len() - index).is_multiple_of(every) {
            out.push(separator);
        }
        out.push(*c);
    }
    out
}

/// Pads `sign + body` to the spec's width.
fn pad(body: &str, sign: &str, spec: &Spec, default_align: char) -> String {
    let (fill, align) = if spec.zero && spec.align.is_none() { ('0', '=') } else { (spec.fill.unwrap_or(' '), spec.align.unwrap_or(default_align)) };
    let length = body.chars().count() + sign.chars().count();
    if length >= spec.width {
        return format!("{sign}{body}");
    }
    let padding = spec.width - length;
    let fill_text = |count: usize| fill.to_string().repeat(count);
    match align {
        '<' => format!("{sign}{body}{}", fill_text(padding)),
        '^' => format!("{}{sign}{body}{}", fill_text(padding / 2), fill_text(padding - padding / 2)),
        '=' => format!("{sign}{}{body}", fill_text(padding)),
        _ => format!("{}{sign}{body}", fill_text(padding)),
    }
}
