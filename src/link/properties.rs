//! Share links over drawn inputs: every valid form round-trips, every field of it drawn within
//! its limits (the cross-field ones too); and links that are well formed but for a few mutated
//! fields open a valid form that keeps every field it does not name as dropped.

use engine::{ExperimentKind, ParameterKind, RaceProgram, MAX_CHECK_INTERVAL_TICKS, MAX_SWITCH_EVERY, MAX_UPDATES};
use proptest::prelude::*;
use proptest::sample::Index;

use super::fields::LinkField;
use super::*;
use crate::form::{MAX_STUDY_WORKERS, MIN_STUDY_WORKERS, OVERHEAD_CHOICES};
use crate::panels::{Panel, ShownPanels};
use crate::race_form::RaceFields;

/// Draws for an experiment's parameters: per parameter, a number of decimal digits and raw bits.
type ParameterDraws = Vec<(u32, u64)>;

/// Every field of the form but the experiment's parameters, as drawn.
#[derive(Clone, Debug)]
struct SettingDraws {
    mode: Index,
    workers: usize,
    switch_interval_hundredths: u32,
    python_3_1_gil: bool,
    check_interval: u64,
    serial_percent: u64,
    overhead: Index,
    study_up_to: usize,
    panel_bits: u8,
    race_program: Index,
    race_gil: bool,
    race_updates: u32,
    race_switch_every: u32,
    race_seed: u64,
}

fn setting_draws() -> impl Strategy<Value = SettingDraws> {
    (
        (any::<Index>(), 1usize..=100, 10u32..=10_000, any::<bool>(), 1..=MAX_CHECK_INTERVAL_TICKS, 0u64..=90, any::<Index>()),
        (MIN_STUDY_WORKERS..=MAX_STUDY_WORKERS, 0u8..(1 << Panel::ALL.len()), any::<Index>(), any::<bool>()),
        (1..=MAX_UPDATES, 1..=MAX_SWITCH_EVERY, any::<u64>()),
    )
        .prop_map(|(scenario, shown, race)| SettingDraws {
            mode: scenario.0,
            workers: scenario.1,
            switch_interval_hundredths: scenario.2,
            python_3_1_gil: scenario.3,
            check_interval: scenario.4,
            serial_percent: scenario.5,
            overhead: scenario.6,
            study_up_to: shown.0,
            panel_bits: shown.1,
            race_program: shown.2,
            race_gil: shown.3,
            race_updates: race.0,
            race_switch_every: race.1,
            race_seed: race.2,
        })
}

/// A valid form of `kind` with every field from the draws: the parameters are made valid
/// together by scaling every number of them down by tens until the whole form is (all ones is
/// valid for every experiment), so drawn values meet the cross-field limits at their edges.
fn valid_form(kind: ExperimentKind, parameters: &ParameterDraws, settings: &SettingDraws) -> FormFields {
    let mode = *settings.mode.get(kind.modes());
    let workers = if kind == ExperimentKind::Convoy { settings.workers.max(2) } else { settings.workers };
    let serial_percent = if kind.default_experiment().splits_evenly() { settings.serial_percent } else { 0 };
    let panels = Panel::ALL.into_iter().fold(ShownPanels::default(), |shown, panel| shown.with(panel, settings.panel_bits & (1 << panel as u8) != 0));
    let race = RaceFields {
        program: *settings.race_program.get(&RaceProgram::ALL),
        gil: settings.race_gil,
        updates: settings.race_updates.to_string(),
        switch_every: settings.race_switch_every.to_string(),
        seed: settings.race_seed.to_string(),
    };
    let form = FormFields {
        mode,
        workers: workers.to_string(),
        switch_interval_ms: (f64::from(settings.switch_interval_hundredths) / 100.0).to_string(),
        python_3_1_gil: settings.python_3_1_gil,
        check_interval_ticks: settings.check_interval.to_string(),
        serial_percent: serial_percent.to_string(),
        overhead_percent: *settings.overhead.get(&OVERHEAD_CHOICES),
        study_up_to: settings.study_up_to.to_string(),
        panels,
        race,
        ..FormFields::default().with_experiment(kind)
    };
    let mut numbers: Vec<u64> = parameters.iter().map(|(digits, bits)| 1 + bits % 10u64.pow(*digits)).collect();
    loop {
        let fields = with_parameters(form.clone(), parameters, &numbers);
        if fields.to_scenario().is_ok() || numbers.iter().all(|&number| number == 1) {
            return fields;
        }
        numbers.iter_mut().for_each(|number| *number = (*number / 10).max(1));
    }
}

/// `form` with each of its experiment's parameters set from its draw and number.
fn with_parameters(form: FormFields, draws: &ParameterDraws, numbers: &[u64]) -> FormFields {
    let parameters = form.kind.parameters().iter().zip(draws.iter().zip(numbers));
    parameters.fold(form, |form, (parameter, ((_, bits), &number))| {
        let text = match parameter.kind {
            // A seed has no limit: any number, never scaled.
            ParameterKind::Number if parameter.key == "seed" => bits.to_string(),
            ParameterKind::Number => number.to_string(),
            ParameterKind::NumberList => (0..=bits % 3).map(|shift| (number >> shift).max(1).to_string()).collect::<Vec<_>>().join(", "),
            ParameterKind::Choice(choices) => choices[*bits as usize % choices.len()].0.to_owned(),
        };
        form.with_parameter(parameter.key, text)
    })
}

fn any_valid_form() -> impl Strategy<Value = FormFields> {
    (0..ExperimentKind::ALL.len(), proptest::collection::vec((0u32..=12, any::<u64>()), 4), setting_draws())
        .prop_map(|(kind, parameters, settings)| valid_form(ExperimentKind::ALL[kind], &parameters, &settings))
}

/// Values that field readers find hard: empty, signs, huge, fractions, escapes, markup, spaces.
const AWKWARD_VALUES: [&str; 16] =
    ["", "0", "-1", "1e3", "NaN", "inf", " 7 ", "1_0", "99999999999999999999", "0.05", "%", "%E2%82", "%3Cb%3E", "3.1", "gil", "timeline,,races"];

/// One change to a well-formed link: which pair, what to do, and text to do it with.
type Mutation = (Index, u8, Index, String);

/// `link`'s pairs with `mutations` applied: a value replaced by an awkward one or by drawn text
/// (encoded or raw), a key replaced, a pair removed or repeated with another value.
fn mutated(link: &str, mutations: &[Mutation]) -> String {
    let mut pairs: Vec<String> = link.split('&').skip(1).map(str::to_owned).collect();
    for (at, action, awkward, text) in mutations {
        let index = at.index(pairs.len());
        let key = pairs[index].split('=').next().unwrap_or_default().to_owned();
        match action % 6 {
            0 => pairs[index] = format!("{key}={}", awkward.get(&AWKWARD_VALUES)),
            1 => pairs[index] = format!("{key}={}", percent_encode(text)),
            2 => pairs[index] = format!("{key}={text}"),
            3 => pairs[index] = format!("{text}={}", pairs[index].split_once('=').map_or("", |(_, value)| value)),
            4 => drop(pairs.remove(index)),
            _ => pairs.push(format!("{key}={}", awkward.get(&AWKWARD_VALUES))),
        }
        if pairs.is_empty() {
            break;
        }
    }
    format!("{VERSION}&{}", pairs.join("&"))
}

/// The last value of each well-formed, decodable pair of `fragment`, by key.
fn decoded_pairs(fragment: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in fragment.split('&').skip(1).filter(|segment| !segment.is_empty()).map(split_pair) {
        pairs.retain(|(seen, _)| seen != key);
        if let Some(value) = value {
            pairs.push((key.to_owned(), value));
        }
    }
    pairs
}

fn is_valid(fields: &FormFields) -> bool {
    fields.to_scenario().is_ok() && fields.race.to_settings().is_ok() && fields.study_size().is_some()
}

proptest! {
    #[test]
    fn any_valid_form_round_trips_with_every_field(fields in any_valid_form()) {
        prop_assert!(is_valid(&fields), "{fields:?}");
        let opened = open_link(&format!("#{}", link_fragment(&fields)), &FormFields::default());
        prop_assert_eq!(opened, OpenedLink { fields, ignored: Vec::new(), recorded: None, carries_program: false });
    }

    #[test]
    fn any_text_opens_a_valid_form_without_panicking(fragment in "\\PC{0,300}") {
        prop_assert!(is_valid(&open_link(&fragment, &FormFields::default()).fields));
    }

    /// Mostly well-formed links, so that every field's reading is reached: the form is valid,
    /// every name in the notice is a key of the link, and every field of the link that is not
    /// named keeps the link's value.
    #[test]
    fn a_link_with_mutated_fields_keeps_every_field_it_does_not_name(
        fields in any_valid_form(),
        mutations in proptest::collection::vec((any::<Index>(), any::<u8>(), any::<Index>(), "[ -~é]{0,10}"), 1..5),
    ) {
        let link = mutated(&link_fragment(&fields), &mutations);
        let opened = open_link(&link, &FormFields::default());
        prop_assert!(is_valid(&opened.fields), "{link}: {:?}", opened.ignored);
        let pairs = decoded_pairs(&link);
        for ignored in &opened.ignored {
            let named_in_link = link.split('&').any(|pair| pair.split('=').next() == Some(ignored.name.as_str()));
            prop_assert!(named_in_link || ignored.name == "a field with an unreadable name", "{link}: {ignored}");
        }
        for (key, value) in pairs.iter().filter(|(key, _)| !opened.ignored.iter().any(|ignored| &ignored.name == key)) {
            let Some(field) = LinkField::named(opened.fields.kind, key) else { continue };
            let as_linked = field.read(opened.fields.clone(), value).map(|read| field.write(&read));
            prop_assert_eq!(as_linked, Some(field.write(&opened.fields)), "{}: {}", link, key);
        }
    }
}
