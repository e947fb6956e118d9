//! Share links: the whole experiment (which one, its parameters, mode, workers, the GIL's
//! settings, the serial share, the free-threading overhead, the speed-up study's size, which
//! panels are shown, and the race lab's settings) as a URL fragment, and back; optionally with
//! the sender's last run riding along (`rec`, `rec.t`: see `recorded_run.rs`).
//!
//! The fragment is `v1&x=pi&p.samples=150000000&…`: a version, then `key=value` pairs with
//! values percent-encoded. One table of fields (`fields.rs`) writes and reads them. Reading never
//! fails: every field is read first, then the whole form is checked (`whole_form.rs`); a field
//! that is unknown, unreadable, or breaks a limit of the whole form is left at its default and
//! named, with the reason, in [`OpenedLink::ignored`]. The plain form of every catalogue
//! experiment stays far under the 1,500-character budget (about 200), so it is never compressed.
//!
//! The Program panel's program rides in the same links (`code`, deflated and in base64url: see
//! `program_code.rs`; `py`, its mode; `edit`, whether a widget lets readers edit it): a link to
//! the experiment carries them only when they are not the defaults, a link to the program
//! ([`program_link_fragment`]) always, and nothing else. A link that carries a program opens
//! with the Program panel in view, and in a widget shows the program.

mod fields;
mod program_code;
mod whole_form;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

use std::fmt;

use engine::ExperimentKind;

use crate::form::FormFields;
use crate::recorded_run::RecordedRun;

use crate::program_state::ProgramFields;

use fields::{LinkField, Part};
use whole_form::{settle, ReadField};

pub use program_code::ProgramTooLong;

/// The version this page writes.
const VERSION: &str = "v1";
/// Longer fragments are not read at all (a recorded run takes a few kilobytes, a program of 8 KB
/// about 9,100 characters when it is random printable text).
pub const MAX_LINK_CHARS: usize = 24_000;
/// Names of ignored fields longer than this are not repeated back.
const MAX_SHOWN_NAME_CHARS: usize = 24;
/// The fields that carry a recorded run rather than the form.
const RECORDING_KEYS: [&str; 2] = ["rec", "rec.t"];

/// What opening a link gave: the form, and the fields that were not usable.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedLink {
    /// The form as the link describes it, defaults where it did not.
    pub fields: FormFields,
    /// What was ignored and why, in the link's order.
    pub ignored: Vec<IgnoredField>,
    /// The run the link's sender recorded, if it came along.
    pub recorded: Option<RecordedRun>,
    /// Whether the link carried a program (`code`): the page shows it, a widget embeds it.
    pub carries_program: bool,
}

/// A field of a link that was left at its default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoredField {
    /// Its key (safe to show: letters, digits, `.` and `_` only), or what stands for it.
    pub name: String,
    /// Why, for a learner.
    pub why: String,
    /// Where it stood in the link.
    position: usize,
}

impl fmt::Display for IgnoredField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.why)
    }
}

impl OpenedLink {
    /// The ignored fields' names, comma-separated (for a one-line notice).
    pub fn ignored_names(&self) -> String {
        self.ignored.iter().map(|field| field.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The ignored fields with their reasons, comma-separated.
    pub fn ignored_with_reasons(&self) -> String {
        self.ignored.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    }
}

/// The fragment (without `#`) that reopens `fields`: the experiment, and the program where it is
/// not the default and not too long for a link.
pub fn link_fragment(fields: &FormFields) -> String {
    let default_program = FormFields { program: ProgramFields::default(), ..fields.clone() };
    let fits = program_code::encode_program(&fields.program.source).is_ok();
    fragment_of(fields, |field| match field.part() {
        Part::Experiment => true,
        Part::Program => fits && field.write(fields) != field.write(&default_program),
    })
}

/// The fragment (without `#`) of the experiment alone.
pub fn experiment_link_fragment(fields: &FormFields) -> String {
    fragment_of(fields, |field| field.part() == Part::Experiment)
}

/// The fragment (without `#`) of the program alone: its text and mode, and where they are not
/// the default, the switch interval it starts with and whether a widget lets readers edit it.
///
/// # Errors
/// [`ProgramTooLong`] when the program is longer than [`MAX_PROGRAM_BYTES`]: a link never
/// carries part of a program.
pub fn program_link_fragment(fields: &FormFields) -> Result<String, ProgramTooLong> {
    program_code::encode_program(&fields.program.source)?;
    let default_program = FormFields { program: ProgramFields::default(), ..fields.clone() };
    let always = |field: LinkField| matches!(field.key().as_str(), "py" | "code");
    Ok(fragment_of(fields, |field| field.part() == Part::Program && (always(field) || field.write(fields) != field.write(&default_program))))
}

fn fragment_of(fields: &FormFields, include: impl Fn(LinkField) -> bool) -> String {
    let pairs: Vec<String> = LinkField::all(fields.kind)
        .filter(|field| include(*field))
        .map(|field| format!("{}={}", field.key(), percent_encode(&field.write(fields))))
        .collect();
    format!("{VERSION}&{}", pairs.join("&"))
}

/// `fragment` with `recorded` riding along.
pub fn with_recording(fragment: &str, recorded: &RecordedRun) -> String {
    format!("{fragment}&rec={}&rec.t={}", recorded.to_link_value(), percent_encode(&recorded.answer))
}

/// The form a fragment (with or without its `#`) describes, starting from `defaults`.
pub fn open_link(fragment: &str, defaults: &FormFields) -> OpenedLink {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let whole_link_ignored = |why: &str| OpenedLink {
        fields: defaults.clone(),
        ignored: vec![IgnoredField { name: "the whole link".to_owned(), why: why.to_owned(), position: 0 }],
        recorded: None,
        carries_program: false,
    };
    if fragment.is_empty() {
        return OpenedLink { fields: defaults.clone(), ignored: Vec::new(), recorded: None, carries_program: false };
    }
    if fragment.len() > MAX_LINK_CHARS {
        return whole_link_ignored("too long");
    }
    let mut segments = fragment.split('&');
    match segments.next() {
        Some(VERSION) => {}
        Some(version) if is_version(version) => return whole_link_ignored("made by a newer version of the playground"),
        _ => return whole_link_ignored("not a playground link"),
    }
    let pairs: Vec<(&str, Option<String>)> = segments.filter(|segment| !segment.is_empty()).map(split_pair).collect();
    read_pairs(&pairs, defaults)
}

fn is_version(text: &str) -> bool {
    text.len() > 1 && text.starts_with('v') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

fn split_pair(segment: &str) -> (&str, Option<String>) {
    let (key, value) = segment.split_once('=').unwrap_or((segment, ""));
    (key, percent_decode(value))
}

/// Reads every field of the link on its own, the experiment first (it decides which parameters
/// there are), then settles the whole form.
fn read_pairs(pairs: &[(&str, Option<String>)], defaults: &FormFields) -> OpenedLink {
    let mut ignored = Vec::new();
    let mut base = defaults.clone();
    let mut read = Vec::new();
    for (position, key, value) in latest_values(pairs) {
        let refusal = |why: String| IgnoredField { name: shown_name(key), why, position };
        let Some(field) = LinkField::named(base.kind, key) else {
            ignored.push(refusal(unknown_field_reason(key, base.kind)));
            continue;
        };
        let Some(value) = value else {
            ignored.push(refusal("a broken %-escape".to_owned()));
            continue;
        };
        match (field, field.read(base.clone(), value)) {
            (LinkField::Experiment, Some(with_experiment)) => base = with_experiment,
            (_, Some(_)) => read.push(ReadField { field, value: value.to_owned(), position }),
            (_, None) => ignored.push(refusal(format!("not {}", field.takes()))),
        }
    }
    let fields = settle(&base, read, &mut ignored);
    let recorded = recording(pairs, &mut ignored);
    ignored.sort_by_key(|field| field.position);
    let carries_program = pairs.iter().any(|(key, _)| *key == "code") && !ignored.iter().any(|field| field.name == "code");
    OpenedLink { fields, ignored, recorded, carries_program }
}

/// Each key of the form's fields once, with its last value and its first position, the
/// experiment first.
fn latest_values<'a>(pairs: &'a [(&'a str, Option<String>)]) -> Vec<(usize, &'a str, Option<&'a str>)> {
    let mut latest: Vec<(usize, &str, Option<&str>)> = Vec::new();
    for (position, (key, value)) in pairs.iter().enumerate().filter(|(_, (key, _))| !RECORDING_KEYS.contains(key)) {
        match latest.iter_mut().find(|(_, seen, _)| seen == key) {
            Some(entry) => entry.2 = value.as_deref(),
            None => latest.push((position, key, value.as_deref())),
        }
    }
    latest.sort_by_key(|(_, key, _)| *key != "x");
    latest
}

fn unknown_field_reason(key: &str, kind: ExperimentKind) -> String {
    if key.starts_with("p.") {
        format!("not a parameter of {} {}", kind.id(), kind.label())
    } else {
        "not a field of the playground's links".to_owned()
    }
}

/// The recorded run in `pairs`, if there is one and it reads; else `None`, and the field named
/// in `ignored` if it was there.
fn recording(pairs: &[(&str, Option<String>)], ignored: &mut Vec<IgnoredField>) -> Option<RecordedRun> {
    let value = |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.clone().unwrap_or_default());
    let times = value("rec")?;
    let recorded = RecordedRun::from_link_value(&times, &value("rec.t").unwrap_or_default());
    if recorded.is_none() {
        let position = pairs.iter().position(|(key, _)| *key == "rec").unwrap_or(0);
        ignored.push(IgnoredField { name: "rec".to_owned(), why: "not a recorded run".to_owned(), position });
    }
    recorded
}

/// A field's name as the message may repeat it: only letters, digits, `.` and `_`, and short.
fn shown_name(key: &str) -> String {
    let safe = !key.is_empty() && key.len() <= MAX_SHOWN_NAME_CHARS && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
    if safe { key.to_owned() } else { "a field with an unreadable name".to_owned() }
}

/// Percent-encodes everything but letters, digits and `-_.~,`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Undoes [`percent_encode`]; `None` for a broken escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}
