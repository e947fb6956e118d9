//! Share links: the whole experiment (which one, its parameters, mode, workers, the GIL's
//! settings, the serial share, the free-threading overhead, the speed-up study's size, which
//! panels are shown, and the race lab's settings) as a URL fragment, and back; optionally with
//! the sender's last run riding along (`rec`, `rec.t`: see `recorded_run.rs`).
//!
//! The fragment is `v1&x=pi&p.samples=150000000&…`: a version, then `key=value` pairs with
//! values percent-encoded. Reading never fails: a field that is unknown, unreadable or outside
//! its limits is left at its default and named in [`OpenedLink::ignored`]. The plain form of
//! every catalogue experiment stays far under the 1,500-character budget (about 200), so it is
//! never compressed.

use engine::{ExperimentKind, Mode, RaceProgram};

use crate::form::{FormFields, OVERHEAD_CHOICES};
use crate::panels::ShownPanels;
use crate::race_form::RaceFields;
use crate::recorded_run::RecordedRun;

/// The version this page writes.
const VERSION: &str = "v1";
/// Longer fragments are not read at all (a recorded run takes a few kilobytes).
pub const MAX_LINK_CHARS: usize = 12_000;
/// Names of ignored fields longer than this are not repeated back.
const MAX_SHOWN_NAME_CHARS: usize = 24;

/// What opening a link gave: the form, and the fields that were not usable.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedLink {
    /// The form as the link describes it, defaults where it did not.
    pub fields: FormFields,
    /// What was ignored, for a message (safe to show: letters, digits and a few marks only).
    pub ignored: Vec<String>,
    /// The run the link's sender recorded, if it came along.
    pub recorded: Option<RecordedRun>,
}

/// The fragment (without `#`) that reopens `fields`.
pub fn link_fragment(fields: &FormFields) -> String {
    let mut pairs = vec![("x".to_owned(), fields.kind.key().to_owned())];
    for parameter in fields.kind.parameters() {
        pairs.push((format!("p.{}", parameter.key), fields.parameter(parameter.key)));
    }
    pairs.extend([
        ("mode".to_owned(), fields.mode.key().to_owned()),
        ("workers".to_owned(), fields.workers.clone()),
        ("si".to_owned(), fields.switch_interval_ms.clone()),
        ("gil".to_owned(), if fields.python_3_1_gil { "3.1" } else { "3.2" }.to_owned()),
        ("ct".to_owned(), fields.check_interval_ticks.clone()),
        ("sp".to_owned(), fields.serial_percent.clone()),
        ("ov".to_owned(), fields.overhead_percent.to_string()),
        ("up".to_owned(), fields.study_up_to.clone()),
        ("show".to_owned(), fields.panels.to_keys()),
        ("r.p".to_owned(), fields.race.program.key().to_owned()),
        ("r.s".to_owned(), if fields.race.gil { "gil" } else { "free" }.to_owned()),
        ("r.n".to_owned(), fields.race.updates.clone()),
        ("r.k".to_owned(), fields.race.switch_every.clone()),
        ("r.seed".to_owned(), fields.race.seed.clone()),
    ]);
    let encoded: Vec<String> = pairs.iter().map(|(key, value)| format!("{key}={}", percent_encode(value))).collect();
    format!("{VERSION}&{}", encoded.join("&"))
}

/// `fragment` with `recorded` riding along.
pub fn with_recording(fragment: &str, recorded: &RecordedRun) -> String {
    format!("{fragment}&rec={}&rec.t={}", recorded.to_link_value(), percent_encode(&recorded.answer))
}

/// The form a fragment (with or without its `#`) describes, starting from `defaults`.
pub fn open_link(fragment: &str, defaults: &FormFields) -> OpenedLink {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let whole_link_ignored =
        |why: &str| OpenedLink { fields: defaults.clone(), ignored: vec![format!("the whole link ({why})")], recorded: None };
    if fragment.is_empty() {
        return OpenedLink { fields: defaults.clone(), ignored: Vec::new(), recorded: None };
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
    let pairs: Vec<(&str, Option<String>)> =
        segments.filter(|segment| !segment.is_empty()).map(split_pair).collect();
    apply_pairs(&pairs, defaults)
}

fn is_version(text: &str) -> bool {
    text.len() > 1 && text.starts_with('v') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

fn split_pair(segment: &str) -> (&str, Option<String>) {
    let (key, value) = segment.split_once('=').unwrap_or((segment, ""));
    (key, percent_decode(value))
}

/// The experiment first (it decides which parameters exist), then every other field, each
/// kept only if the form stays valid with it.
fn apply_pairs(pairs: &[(&str, Option<String>)], defaults: &FormFields) -> OpenedLink {
    let mut ignored = Vec::new();
    let experiment = pairs.iter().find(|(key, _)| *key == "x").map(|(_, value)| value.as_deref().and_then(ExperimentKind::from_key));
    let mut fields = match experiment {
        Some(Some(kind)) => defaults.clone().with_experiment(kind),
        Some(None) => {
            ignored.push("experiment".to_owned());
            defaults.clone()
        }
        None => defaults.clone(),
    };
    for (key, value) in pairs.iter().filter(|(key, _)| !matches!(*key, "x" | "rec" | "rec.t")) {
        let applied = value.as_ref().and_then(|value| with_field(&fields, key, value));
        match applied.filter(|candidate| candidate.to_scenario().is_ok() && candidate.race.to_settings().is_ok()) {
            Some(candidate) => fields = candidate,
            None => ignored.push(shown_name(key)),
        }
    }
    let recorded = recording(pairs, &mut ignored);
    OpenedLink { fields, ignored, recorded }
}

/// The recorded run in `pairs`, if there is one and it reads; else `None`, and the field named
/// in `ignored` if it was there.
fn recording(pairs: &[(&str, Option<String>)], ignored: &mut Vec<String>) -> Option<RecordedRun> {
    let value = |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.clone().unwrap_or_default());
    let times = value("rec")?;
    let recorded = RecordedRun::from_link_value(&times, &value("rec.t").unwrap_or_default());
    if recorded.is_none() {
        ignored.push("rec".to_owned());
    }
    recorded
}

/// `fields` with the field named `key` set from `value`, if such a field exists and the value
/// is of the right kind.
fn with_field(fields: &FormFields, key: &str, value: &str) -> Option<FormFields> {
    let fields = fields.clone();
    match key {
        "mode" => Mode::from_key(value).map(|mode| FormFields { mode, ..fields }),
        "workers" => Some(FormFields { workers: value.to_owned(), ..fields }),
        "si" => Some(FormFields { switch_interval_ms: value.to_owned(), ..fields }),
        "gil" => matches!(value, "3.1" | "3.2").then(|| FormFields { python_3_1_gil: value == "3.1", ..fields }),
        "ct" => Some(FormFields { check_interval_ticks: value.to_owned(), ..fields }),
        "sp" => Some(FormFields { serial_percent: value.to_owned(), ..fields }),
        "ov" => value.parse().ok().filter(|percent| OVERHEAD_CHOICES.contains(percent)).map(|overhead_percent| FormFields { overhead_percent, ..fields }),
        "up" => Some(FormFields { study_up_to: value.to_owned(), ..fields }).filter(|candidate| candidate.study_size().is_some()),
        "show" => ShownPanels::from_keys(value).map(|panels| FormFields { panels, ..fields }),
        "r.p" => RaceProgram::from_key(value).map(|program| FormFields { race: RaceFields { program, ..fields.race.clone() }, ..fields }),
        "r.s" => matches!(value, "gil" | "free").then(|| FormFields { race: RaceFields { gil: value == "gil", ..fields.race.clone() }, ..fields }),
        "r.n" => Some(FormFields { race: RaceFields { updates: value.to_owned(), ..fields.race.clone() }, ..fields }),
        "r.k" => Some(FormFields { race: RaceFields { switch_every: value.to_owned(), ..fields.race.clone() }, ..fields }),
        "r.seed" => Some(FormFields { race: RaceFields { seed: value.to_owned(), ..fields.race.clone() }, ..fields }),
        _ => {
            let name = key.strip_prefix("p.")?;
            let parameter = fields.kind.parameters().iter().find(|parameter| parameter.key == name)?;
            Some(fields.with_parameter(parameter.key, value.to_owned()))
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::TextField;
    use crate::panels::Panel;

    fn reopened(fields: &FormFields) -> OpenedLink {
        open_link(&format!("#{}", link_fragment(fields)), &FormFields::default())
    }

    #[test]
    fn every_catalogue_experiment_round_trips_in_every_mode_it_lists() {
        for kind in ExperimentKind::ALL {
            for &mode in kind.modes() {
                let fields = FormFields { mode, ..FormFields::default().with_experiment(kind) };
                assert_eq!(reopened(&fields), OpenedLink { fields, ignored: Vec::new(), recorded: None }, "{kind:?} {mode:?}");
            }
        }
    }

    #[test]
    fn every_preset_link_is_under_1500_characters() {
        for kind in ExperimentKind::ALL {
            let length = link_fragment(&FormFields::default().with_experiment(kind)).len();
            assert!(length < 1500, "{kind:?}: {length}");
        }
    }

    #[test]
    fn the_gil_settings_serial_share_and_overhead_round_trip() {
        let fields = FormFields { python_3_1_gil: true, overhead_percent: 40, ..FormFields::default() }
            .with_text(TextField::CheckInterval, "250".into())
            .with_text(TextField::SwitchInterval, "0.5".into())
            .with_text(TextField::SerialPercent, "20".into())
            .with_parameter("samples", "1_000_000".into());
        assert_eq!(reopened(&fields).fields, fields);
    }

    #[test]
    fn the_panels_shown_and_the_study_size_round_trip() {
        let panels = ShownPanels::default().with(Panel::Throughput, false).with(Panel::SpeedUpStudy, false);
        let fields = FormFields { panels, ..FormFields::default() }.with_text(TextField::StudyUpTo, "12".into());
        assert_eq!(reopened(&fields), OpenedLink { fields, ignored: Vec::new(), recorded: None });
    }

    #[test]
    fn the_race_labs_settings_round_trip() {
        let race = RaceFields { program: RaceProgram::LockTakenTwice, gil: false, updates: "25".into(), switch_every: "7".into(), seed: "99".into() };
        let fields = FormFields { race, ..FormFields::default() };
        assert_eq!(reopened(&fields), OpenedLink { fields, ignored: Vec::new(), recorded: None });
    }

    /// Fields are only ever added to v1, so a link made before them needs no migration: it opens
    /// with their defaults. A change that is not an addition would make v2.
    #[test]
    fn a_link_made_before_panels_and_the_race_lab_existed_opens_with_their_defaults() {
        let earlier = "v1&x=pi&p.samples=150000000&p.seed=1&mode=gil&workers=2&si=5&gil=3.2&ct=100&sp=0&ov=0";
        let opened = open_link(earlier, &FormFields::default());
        assert_eq!(opened, OpenedLink { fields: FormFields::default(), ignored: Vec::new(), recorded: None });
    }

    #[test]
    fn an_unknown_panel_or_an_absurd_study_size_is_ignored() {
        let opened = open_link("v1&x=pi&show=timeline,%3Cb%3E&up=99", &FormFields::default());
        assert_eq!(opened.fields.panels, ShownPanels::default());
        assert_eq!(opened.ignored, vec!["show", "up"]);
    }

    #[test]
    fn a_recorded_run_rides_along_and_a_broken_one_is_ignored_and_named() {
        let lanes = vec![vec![engine::Event { at_ms: 0.0, state: engine::WorkerState::Running }, engine::Event { at_ms: 12.5, state: engine::WorkerState::Done }]];
        let recorded = RecordedRun::new(4, 12.5, &lanes, "π ≈ 3.14 & <b>more</b>");
        let fields = FormFields::default();
        let opened = open_link(&with_recording(&link_fragment(&fields), &recorded), &FormFields::default());
        assert_eq!(opened, OpenedLink { fields, ignored: Vec::new(), recorded: Some(recorded) });
        let broken = open_link("v1&x=pi&rec=4.125.Q0&rec.t=x", &FormFields::default());
        assert_eq!((broken.recorded, broken.ignored), (None, vec!["rec".to_owned()]));
    }

    #[test]
    fn a_hostile_field_is_ignored_and_named_and_the_rest_is_kept() {
        let opened = open_link("#v1&x=primes&p.limits=%3Cscript%3Ealert(1)%3C%2Fscript%3E&workers=3&<img>=1", &FormFields::default());
        assert_eq!(opened.fields.kind, ExperimentKind::SumOfPrimes);
        assert_eq!(opened.fields.parameter("limits"), "1000000, 2000000, 3000000");
        assert_eq!(opened.fields.workers, "3");
        assert_eq!(opened.ignored, vec!["p.limits".to_owned(), "a field with an unreadable name".to_owned()]);
    }

    #[test]
    fn absurd_numbers_are_ignored() {
        let opened = open_link("v1&x=pi&workers=1000000&p.samples=99999999999999999999&si=0", &FormFields::default());
        assert_eq!(opened.ignored, vec!["workers", "p.samples", "si"]);
        assert!(opened.fields.to_scenario().is_ok());
    }

    #[test]
    fn an_unknown_version_or_a_foreign_fragment_opens_the_defaults() {
        for fragment in ["#v2&x=pi", "#section-3", "#%FF%FE"] {
            let opened = open_link(fragment, &FormFields::default());
            assert_eq!(opened.fields, FormFields::default(), "{fragment}");
            assert_eq!(opened.ignored.len(), 1, "{fragment}");
        }
    }

    #[test]
    fn a_link_longer_than_the_limit_is_not_read() {
        let long = format!("v1&x=sleep{}", "&workers=2".repeat(MAX_LINK_CHARS / 10));
        assert_eq!(open_link(&long, &FormFields::default()).ignored, vec!["the whole link (too long)"]);
    }

    #[test]
    fn missing_fields_take_the_experiments_defaults() {
        let opened = open_link("v1&x=sleep", &FormFields::default());
        assert_eq!(opened.fields, FormFields::default().with_experiment(ExperimentKind::Sleep));
        assert!(opened.ignored.is_empty());
    }

    #[test]
    fn broken_escapes_and_odd_text_never_panic() {
        for fragment in ["v1&%", "v1&x=%G1", "v1&=&&=", "v1&x", "v1&p.=1", "v1&x=pi&p.seed=%E2%82", "v1&x=pi&mode=%00"] {
            let opened = open_link(fragment, &FormFields::default());
            assert!(opened.fields.to_scenario().is_ok(), "{fragment}");
        }
    }

    /// Fragments kept from fuzzing and from hand: hostile, truncated, oversized escapes.
    const CORPUS: &str = include_str!("../tests/link-corpus/fragments.txt");

    #[test]
    fn every_fragment_of_the_corpus_opens_a_valid_form() {
        for fragment in CORPUS.lines().filter(|line| !line.starts_with("//")) {
            let opened = open_link(fragment, &FormFields::default());
            assert!(opened.fields.to_scenario().is_ok(), "{fragment}");
            assert!(opened.ignored.iter().all(|name| !name.contains('<')), "{fragment}: {:?}", opened.ignored);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_opens_a_valid_form_without_panicking(fragment in "\\PC{0,300}") {
            let opened = open_link(&fragment, &FormFields::default());
            proptest::prop_assert!(opened.fields.to_scenario().is_ok());
        }

        #[test]
        fn any_mangled_link_opens_a_valid_form(cut in 0usize..400, insert in "[%&=<>a-z0-9.]{0,8}") {
            let link = link_fragment(&FormFields::default().with_experiment(ExperimentKind::Downloads));
            let cut = cut.min(link.len());
            let mangled = format!("{}{insert}{}", &link[..cut], &link[cut..]);
            proptest::prop_assert!(open_link(&mangled, &FormFields::default()).fields.to_scenario().is_ok());
        }

        #[test]
        fn any_valid_form_round_trips(kind in 0usize..11, mode in 0usize..4, workers in 1usize..=100, seed in 0u64..1_000_000) {
            let kind = ExperimentKind::ALL[kind];
            let mode = kind.modes()[mode % kind.modes().len()];
            let fields = FormFields { mode, workers: workers.to_string(), ..FormFields::default().with_experiment(kind) };
            let fields = if kind == ExperimentKind::MonteCarloPi { fields.with_parameter("seed", seed.to_string()) } else { fields };
            proptest::prop_assume!(fields.to_scenario().is_ok());
            proptest::prop_assert_eq!(reopened(&fields), OpenedLink { fields, ignored: Vec::new(), recorded: None });
        }
    }
}
