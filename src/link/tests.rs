//! Share links by example: what round-trips, what is dropped and why, and links that broke once.

use engine::{ExperimentKind, RaceProgram};

use super::*;
use crate::form::TextField;
use crate::panels::{Panel, ShownPanels};
use crate::program_state::ProgramFields;
use crate::race_form::RaceFields;

fn reopened(fields: &FormFields) -> OpenedLink {
    open_link(&format!("#{}", link_fragment(fields)), &FormFields::default())
}

#[test]
fn every_catalogue_experiment_round_trips_in_every_mode_it_lists() {
    for kind in ExperimentKind::ALL {
        for &mode in kind.modes() {
            let fields = FormFields { mode, ..FormFields::default().with_experiment(kind) };
            assert_eq!(reopened(&fields), OpenedLink { fields, ignored: Vec::new(), recorded: None, carries_program: false }, "{kind:?} {mode:?}");
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
    assert_eq!(reopened(&fields), OpenedLink { fields, ignored: Vec::new(), recorded: None, carries_program: false });
}

#[test]
fn the_race_labs_settings_round_trip() {
    let race = RaceFields { program: RaceProgram::LockTakenTwice, gil: false, updates: "25".into(), switch_every: "7".into(), seed: "99".into() };
    let fields = FormFields { race, ..FormFields::default() };
    assert_eq!(reopened(&fields), OpenedLink { fields, ignored: Vec::new(), recorded: None, carries_program: false });
}

/// Fields are only ever added to v1, so a link made before them needs no migration: it opens
/// with their defaults. A change that is not an addition would make v2.
#[test]
fn a_link_made_before_panels_and_the_race_lab_existed_opens_with_their_defaults() {
    let earlier = "v1&x=pi&p.samples=150000000&p.seed=1&mode=gil&workers=2&si=5&gil=3.2&ct=100&sp=0&ov=0";
    let opened = open_link(earlier, &FormFields::default());
    assert_eq!(opened, OpenedLink { fields: FormFields::default(), ignored: Vec::new(), recorded: None, carries_program: false });
}

#[test]
fn an_unknown_panel_or_an_absurd_study_size_is_ignored() {
    let opened = open_link("v1&x=pi&show=timeline,%3Cb%3E&up=99", &FormFields::default());
    assert_eq!(opened.fields.panels, ShownPanels::default());
    assert_eq!(names(&opened), vec!["show", "up"]);
}

#[test]
fn a_recorded_run_rides_along_and_a_broken_one_is_ignored_and_named() {
    let lanes = vec![vec![engine::Event::new(0.0, engine::WorkerState::Running), engine::Event::new(12.5, engine::WorkerState::Done)]];
    let recorded = RecordedRun::new(4, 12.5, &lanes, "π ≈ 3.14 & <b>more</b>");
    let fields = FormFields::default();
    let opened = open_link(&with_recording(&link_fragment(&fields), &recorded), &FormFields::default());
    assert_eq!(opened, OpenedLink { fields, ignored: Vec::new(), recorded: Some(recorded), carries_program: false });
    let broken = open_link("v1&x=pi&rec=4.125.X0&rec.t=x", &FormFields::default());
    assert_eq!((&broken.recorded, names(&broken)), (&None, vec!["rec"]));
}

#[test]
fn a_hostile_field_is_ignored_and_named_and_the_rest_is_kept() {
    let opened = open_link("#v1&x=primes&p.limits=%3Cscript%3Ealert(1)%3C%2Fscript%3E&workers=3&<img>=1", &FormFields::default());
    assert_eq!(opened.fields.kind, ExperimentKind::SumOfPrimes);
    assert_eq!(opened.fields.parameter("limits"), "1000000, 2000000, 3000000");
    assert_eq!(opened.fields.workers, "3");
    assert_eq!(names(&opened), vec!["p.limits", "a field with an unreadable name"]);
}

#[test]
fn absurd_numbers_are_ignored() {
    let opened = open_link("v1&x=pi&workers=1000000&p.samples=99999999999999999999&si=0", &FormFields::default());
    assert_eq!(names(&opened), vec!["workers", "p.samples", "si"]);
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
    assert_eq!(open_link(&long, &FormFields::default()).ignored_with_reasons(), "the whole link (too long)");
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
const CORPUS: &str = include_str!("../../tests/link-corpus/fragments.txt");

#[test]
fn every_fragment_of_the_corpus_opens_a_valid_form() {
    for fragment in CORPUS.lines().filter(|line| !line.starts_with("//")) {
        let opened = open_link(fragment, &FormFields::default());
        assert!(opened.fields.to_scenario().is_ok(), "{fragment}");
        assert!(!opened.ignored_with_reasons().contains('<'), "{fragment}: {:?}", opened.ignored);
    }
}

fn names(opened: &OpenedLink) -> Vec<&str> {
    opened.ignored.iter().map(|field| field.name.as_str()).collect()
}

/// Issue 12: each of these reopened with another value, its field checked against the defaults
/// of the others as it was read.
#[test]
fn links_whose_fields_limit_each_other_reopen_exactly() {
    let links = [
        ("v1&x=heavy-loop&p.iterations=5&p.parts=5", [("iterations", "5"), ("parts", "5")]),
        ("v1&x=downloads&p.min_ms=900&p.max_ms=1000", [("min_ms", "900"), ("max_ms", "1000")]),
        ("v1&x=factorial&p.n=100000&p.times=1", [("n", "100000"), ("times", "1")]),
    ];
    for (link, parameters) in links {
        let opened = open_link(link, &FormFields::default());
        assert_eq!(opened.ignored, Vec::new(), "{link}");
        for (key, value) in parameters {
            assert_eq!(opened.fields.parameter(key), value, "{link}");
        }
    }
}

#[test]
fn a_field_that_breaks_a_limit_of_the_whole_form_is_dropped_with_the_limit() {
    let opened = open_link("v1&x=heavy-loop&p.iterations=5&p.parts=50", &FormFields::default());
    assert_eq!(opened.ignored_with_reasons(), "p.iterations (Use at least one iteration per part)");
    assert_eq!((opened.fields.parameter("iterations"), opened.fields.parameter("parts")), ("400000000".to_owned(), "50".to_owned()));
}

#[test]
fn a_limit_that_names_a_field_the_link_left_alone_drops_the_links_last_parameter() {
    // The time limit names n, the experiment's first parameter; the link set only times.
    let opened = open_link("v1&x=factorial&p.times=10000", &FormFields::default());
    assert_eq!(names(&opened), vec!["p.times"]);
    assert!(opened.ignored[0].why.starts_with("This size would run for about"), "{}", opened.ignored[0].why);
    let opened = open_link("v1&x=downloads&p.max_ms=100", &FormFields::default());
    assert_eq!(opened.ignored_with_reasons(), "p.max_ms (The shortest latency must not exceed the longest)");
}

#[test]
fn a_value_not_of_its_fields_kind_is_named_with_what_the_field_takes() {
    let opened = open_link("v1&x=pi&mode=fast&p.samples=lots&show=timeline,menu&p.count=5&r.n=ten", &FormFields::default());
    assert_eq!(
        opened.ignored_with_reasons(),
        "mode (not a mode: single, gil, free or processes), p.samples (not a whole number), \
         show (not panel names separated by commas), p.count (not a parameter of A2 Monte Carlo pi), r.n (not a whole number)"
    );
    assert_eq!(opened.fields, FormFields::default());
}

#[test]
fn a_field_given_twice_counts_once_with_its_last_value() {
    let opened = open_link("v1&workers=7&x=sleep&workers=3", &FormFields::default());
    assert_eq!((opened.fields.kind, opened.fields.workers.as_str()), (ExperimentKind::Sleep, "3"));
    let opened = open_link("v1&workers=3&workers=0", &FormFields::default());
    assert_eq!((opened.fields.workers.as_str(), names(&opened)), ("2", vec!["workers"]));
}

#[test]
fn the_race_labs_limits_are_checked_and_named() {
    let opened = open_link("v1&r.n=0&r.k=5&r.seed=99999999999999999999", &FormFields::default());
    assert_eq!(opened.ignored_with_reasons(), "r.n (Updates per worker must be a whole number from 1 to 10000), r.seed (not a whole number)");
    assert_eq!(opened.fields.race, RaceFields { switch_every: "5".into(), ..RaceFields::default() });
}

fn with_program(source: &str, mode: python::Mode) -> FormFields {
    FormFields { program: ProgramFields { source: source.to_owned(), mode, ..ProgramFields::default() }, ..FormFields::default() }
}

#[test]
fn a_program_link_carries_the_program_and_its_mode_and_nothing_else() {
    let fields = with_program("import threading\nprint('hi')\n", python::Mode::Free);
    let fragment = program_link_fragment(&fields).unwrap();
    assert!(fragment.starts_with("v1&py=free&code="), "{fragment}");
    let opened = open_link(&fragment, &FormFields::default());
    assert_eq!(opened, OpenedLink { fields, ignored: Vec::new(), recorded: None, carries_program: true });
}

#[test]
fn a_program_link_carries_the_switch_interval_it_starts_with_when_not_cpythons() {
    let mut fields = with_program("import sys\nprint(sys.getswitchinterval())\n", python::Mode::Gil39);
    fields.program.switch_interval_ms = 0.5;
    let fragment = program_link_fragment(&fields).unwrap();
    assert!(fragment.starts_with("v1&py=gil39&py.si=0.5&code="), "{fragment}");
    assert_eq!(open_link(&fragment, &FormFields::default()).fields.program, fields.program);
    assert!(link_fragment(&fields).contains("&py.si=0.5&"), "the address bar's link carries it too");
    fields.program.switch_interval_ms = 5.0;
    assert!(!program_link_fragment(&fields).unwrap().contains("py.si"));
}

#[test]
fn a_program_switch_interval_outside_the_gils_bounds_is_named_and_cpythons_kept() {
    let opened = open_link("v1&py.si=1000&py=gil39", &FormFields::default());
    assert_eq!(opened.ignored_with_reasons(), "py.si (not a switch interval from 0.1 to 100 ms)");
    assert_eq!(opened.fields.program.switch_interval_ms, 5.0);
}

#[test]
fn a_program_of_8_kb_round_trips_through_a_link_that_is_read() {
    let mut state = 7u64;
    let source: String = (0..program_code::MAX_PROGRAM_BYTES)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            char::from(b' ' + ((state >> 33) % 95) as u8)
        })
        .collect();
    let fields = FormFields { program: ProgramFields { editable_in_widget: true, ..with_program(&source, python::Mode::Gil39).program }, ..FormFields::default() };
    let fragment = program_link_fragment(&fields).unwrap();
    assert!(fragment.len() < MAX_LINK_CHARS, "{}", fragment.len());
    assert_eq!(open_link(&fragment, &FormFields::default()).fields.program, fields.program);
}

#[test]
fn a_program_longer_than_8_kb_is_refused_and_left_out_of_the_experiments_link() {
    let fields = with_program(&"x = 1\n".repeat(program_code::MAX_PROGRAM_BYTES / 6 + 1), python::Mode::Gil312);
    assert_eq!(program_link_fragment(&fields), Err(ProgramTooLong { bytes: fields.program.source.len() }));
    assert!(!link_fragment(&fields).contains("code="));
}

#[test]
fn an_experiments_link_carries_the_program_only_once_it_is_edited() {
    assert!(!link_fragment(&FormFields::default()).contains("code="));
    assert!(!experiment_link_fragment(&with_program("print(1)\n", python::Mode::Free)).contains("code="));
    let edited = with_program("print(1)\n", python::Mode::Free);
    let opened = reopened(&edited);
    assert_eq!((opened.fields, opened.carries_program), (edited, true));
}

#[test]
fn a_broken_program_is_named_and_the_default_kept() {
    let opened = open_link("v1&code=%21%21&py=gil3", &FormFields::default());
    assert_eq!(
        opened.ignored_with_reasons(),
        "code (not a program of up to 8 KB, deflated, in base64url), py (not a Python mode: gil312, gil39, free or onecore)"
    );
    assert_eq!((opened.fields.program, opened.carries_program), (ProgramFields::default(), false));
}
