//! The experiment form, in two places: its controls in the toolbar (`ExperimentControls`: what
//! to run, how many workers, which mode, Run and Stop) and its other settings in the Experiment
//! part (`ExperimentForm`: the experiment's explanation and size, the GIL's settings, how long
//! it would take, Compare and the speed-up study).
//! The settings are a real `<form>`, and the toolbar's Run and number fields belong to it by its
//! id, so Enter runs it; every control has a label.

use engine::{
    ExperimentKind, Mode, Parameter, ParameterKind, MAX_CHECK_INTERVAL_TICKS, MAX_SERIAL_PERCENT, MAX_SWITCH_INTERVAL_MS,
    MAX_WORKERS, MIN_CHECK_INTERVAL_TICKS, MIN_SWITCH_INTERVAL_MS, MIN_WORKERS,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::form::{
    switch_interval_at_slider_step, switch_interval_slider_step, FormFields, TextField, FAULT_AFTER_MS, MAX_STUDY_WORKERS,
    MIN_STUDY_WORKERS, OVERHEAD_CHOICES, SWITCH_INTERVAL_SLIDER_STEPS,
};
use crate::panels::Panel;

/// The settings form's id, which the toolbar's Run and number fields name as their form.
const FORM_ID: &str = "experiment-settings";

/// Props of the form (and of its controls in the toolbar).
#[derive(Properties, PartialEq, Clone)]
pub struct ExperimentFormProps {
    /// The fields as typed.
    pub fields: FormFields,
    /// Called with the fields after every change.
    pub on_change: Callback<FormFields>,
    /// What must be fixed before Run (empty when the form is valid).
    pub problems: Vec<String>,
    /// Called when Run is pressed (or Enter) with a valid form.
    pub on_run: Callback<()>,
    /// Called when "Compare all modes" is pressed with a valid form.
    pub on_compare: Callback<()>,
    /// Called when "Speed-up study" is pressed.
    pub on_study: Callback<()>,
    /// Why the speed-up study cannot run, if it cannot.
    pub study_problem: Option<String>,
    /// Called when Stop is pressed.
    pub on_stop: Callback<()>,
    /// Whether the workers are ready for a first run.
    pub ready: bool,
    /// Whether a run is going.
    pub running: bool,
    /// Whether Stop was pressed and the workers are leaving.
    pub stopping: bool,
}

/// The form.
#[component]
pub fn ExperimentForm(props: &ExperimentFormProps) -> Html {
    let fields = &props.fields;
    let change = |update: fn(FormFields, String) -> FormFields| {
        let (fields, on_change) = (fields.clone(), props.on_change.clone());
        Callback::from(move |value: String| on_change.emit(update(fields.clone(), value)))
    };
    let onsubmit = {
        let on_run = props.on_run.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_run.emit(());
        })
    };
    let on_compare = props.on_compare.reform(|_: MouseEvent| ());
    let on_study = props.on_study.reform(|_: MouseEvent| ());
    let can_run = can_run(props);
    let can_study = can_run && props.study_problem.is_none();
    let study_shown = fields.panels.shows(Panel::SpeedUpStudy);
    let estimate = fields.estimate_text();
    html! {
        <form class="experiment-form" id={FORM_ID} {onsubmit} aria-label="Experiment settings">
            <div class="field">
                <p class="hint" id="experiment-explanation">{ fields.kind.explanation() }</p>
                <p class="hint notice-line" id="experiment-notice"><strong>{ "What to notice: " }</strong>{ fields.kind.what_to_notice() }</p>
            </div>
            { for fields.kind.parameters().iter().map(|parameter| parameter_field(props, parameter)) }
            { switch_interval_field(props) }
            <div class="field">
                <label for="gil-policy">{ "GIL policy (threads + GIL only)" }</label>
                <select id="gil-policy" onchange={change(|f, value| FormFields { python_3_1_gil: value == "3.1", ..f }).reform(select_value)}>
                    <option value="3.2" selected={!fields.python_3_1_gil}>{ "Python 3.2 and later: switch interval, forced hand-over" }</option>
                    <option value="3.1" selected={fields.python_3_1_gil}>{ "Python 3.1 and earlier: release every N ticks, no hand-over" }</option>
                </select>
            </div>
            if fields.python_3_1_gil {
                { number_field(props, TextField::CheckInterval, "check-interval", "Check interval (ticks between releases)",
                    (MIN_CHECK_INTERVAL_TICKS, MAX_CHECK_INTERVAL_TICKS), "1") }
            }
            <div class="field">
                <label for="overhead">{ "Free-threading overhead per tick (free-threaded only)" }</label>
                <select id="overhead" onchange={change(|f, value| FormFields { overhead_percent: value.parse().unwrap_or(0), ..f }).reform(select_value)}>
                    { for OVERHEAD_CHOICES.iter().map(|percent| html! {
                        <option value={percent.to_string()} selected={*percent == fields.overhead_percent}>{ overhead_label(*percent) }</option>
                    }) }
                </select>
            </div>
            if fields.kind.default_experiment().splits_evenly() {
                { number_field(props, TextField::SerialPercent, "serial-percent",
                    &format!("Serial share of the work (%, 0–{MAX_SERIAL_PERCENT}, runs alone first)"), (0, MAX_SERIAL_PERCENT), "1") }
            }
            <div class="field checkbox">
                <input id="fail-a-worker" type="checkbox" checked={fields.fail_a_worker}
                    onchange={change(|f, _| FormFields { fail_a_worker: !f.fail_a_worker, ..f }).reform(|_: Event| String::new())} />
                <label for="fail-a-worker">{ format!("Make the last worker fail after {FAULT_AFTER_MS} ms (to see how a failure is reported)") }</label>
            </div>
            if study_shown {
                { number_field(props, TextField::StudyUpTo, "study-up-to",
                    &format!("Speed-up study: up to this many workers ({MIN_STUDY_WORKERS}–{MAX_STUDY_WORKERS})"),
                    (MIN_STUDY_WORKERS, MAX_STUDY_WORKERS), "1") }
                if let Some(problem) = &props.study_problem {
                    <p class="problems" role="alert">{ problem }</p>
                }
            }
            if !props.problems.is_empty() {
                <ul class="problems" role="alert" aria-label="What to fix before running">
                    { for props.problems.iter().map(|problem| html! { <li>{ problem }</li> }) }
                </ul>
            }
            if let Some(estimate) = &estimate {
                <p class="hint" id="run-estimate">{ estimate }</p>
            }
            <div class="buttons">
                if fields.panels.shows(Panel::Comparison) {
                    <button type="button" class="secondary" onclick={on_compare} disabled={!can_run}>{ "Compare all modes" }</button>
                }
                if study_shown {
                    <button type="button" class="secondary" onclick={on_study} disabled={!can_study}>{ "Speed-up study" }</button>
                }
            </div>
        </form>
    }
}

/// The toolbar's controls of the form: the experiment, its workers and mode, Run and Stop.
#[component]
pub fn ExperimentControls(props: &ExperimentFormProps) -> Html {
    let fields = &props.fields;
    let on_kind = {
        let (fields, on_change) = (fields.clone(), props.on_change.clone());
        Callback::from(move |event: Event| {
            let kind = ExperimentKind::from_key(&select_value(event)).unwrap_or(fields.kind);
            on_change.emit(fields.clone().with_experiment(kind));
        })
    };
    let on_stop = props.on_stop.reform(|_: MouseEvent| ());
    let can_run = can_run(props);
    let estimate = fields.estimate_text();
    html! {
        <>
            <div class="field">
                <label for="experiment">{ "Experiment" }</label>
                <select id="experiment" aria-describedby="experiment-explanation experiment-notice" onchange={on_kind}>
                    { for ExperimentKind::ALL.iter().map(|kind| html! {
                        <option value={kind.key()} selected={*kind == fields.kind}>{ format!("{} · {}", kind.id(), kind.label()) }</option>
                    }) }
                </select>
            </div>
            { number_field(props, TextField::Workers, "workers", &format!("Workers ({MIN_WORKERS}–{MAX_WORKERS})"), (MIN_WORKERS, MAX_WORKERS), "1") }
            <fieldset class="modes">
                <legend>{ "Mode" }</legend>
                { for Mode::ALL.iter().map(|mode| mode_choice(props, *mode)) }
            </fieldset>
            <div class="buttons">
                <button type="submit" form={FORM_ID} disabled={!can_run} aria-describedby={estimate.as_ref().map(|_| "run-estimate")}>{ "Run" }</button>
                <button type="button" onclick={on_stop} disabled={!props.running || props.stopping}>
                    { if props.stopping { "Stopping…" } else { "Stop" } }
                </button>
            </div>
        </>
    }
}

/// Whether Run (and Compare) can be pressed: the workers are ready, the form is valid, no run goes.
fn can_run(props: &ExperimentFormProps) -> bool {
    props.ready && props.problems.is_empty() && !props.running
}

/// A labelled number input bound to one text field of the form, with the limits the engine
/// checks as its `min` and `max`.
fn number_field<T: ToString>(
    props: &ExperimentFormProps,
    field: TextField,
    id: &'static str,
    label: &str,
    limits: (T, T),
    step: &'static str,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label.to_owned() }</label>
            { number_input(props, field, id, limits, step) }
        </div>
    }
}

/// The number input itself, bound to `field`, with `min`, `max` and `step`.
fn number_input<T: ToString>(props: &ExperimentFormProps, field: TextField, id: &'static str, (min, max): (T, T), step: &'static str) -> Html {
    // Whole numbers get a phone's digit keypad; fractions need the decimal point.
    let inputmode = if step == "1" { "numeric" } else { "decimal" };
    html! {
        <input {id} form={FORM_ID} type="number" {inputmode} min={min.to_string()} max={max.to_string()} {step}
            value={props.fields.text(field).to_owned()} oninput={text_change(props, field)} />
    }
}

/// The GIL switch interval: a number field for exact values and, beside it, a logarithmic
/// slider over the whole range (0.1–100 ms); each follows the other.
fn switch_interval_field(props: &ExperimentFormProps) -> Html {
    let on_slide = {
        let (fields, on_change) = (props.fields.clone(), props.on_change.clone());
        Callback::from(move |event: InputEvent| {
            let step = event.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0);
            on_change.emit(fields.clone().with_text(TextField::SwitchInterval, switch_interval_at_slider_step(step)));
        })
    };
    let typed = props.fields.text(TextField::SwitchInterval).to_owned();
    html! {
        <div class="field switch-interval">
            <label for="switch-interval">{ "GIL switch interval (ms, threads + GIL only)" }</label>
            <div class="number-and-slider">
                { number_input(props, TextField::SwitchInterval, "switch-interval", (MIN_SWITCH_INTERVAL_MS, MAX_SWITCH_INTERVAL_MS), "0.1") }
                <input type="range" min="0" max={SWITCH_INTERVAL_SLIDER_STEPS.to_string()} step="1"
                    aria-label={format!("GIL switch interval slider ({MIN_SWITCH_INTERVAL_MS}–{MAX_SWITCH_INTERVAL_MS} ms, logarithmic)")}
                    aria-valuetext={format!("{} ms", typed.trim())}
                    value={switch_interval_slider_step(&typed).to_string()} oninput={on_slide} />
            </div>
        </div>
    }
}

/// The input for one of the chosen experiment's parameters: text for numbers (so a half-typed
/// value stays as typed), a select for choices.
fn parameter_field(props: &ExperimentFormProps, parameter: &'static Parameter) -> Html {
    let id = format!("parameter-{}", parameter.key);
    let key = parameter.key;
    let (fields, on_change) = (props.fields.clone(), props.on_change.clone());
    let set = Callback::from(move |value: String| on_change.emit(fields.clone().with_parameter(key, value)));
    let value = props.fields.parameter(key);
    let input = match parameter.kind {
        ParameterKind::Choice(choices) => html! {
            <select id={id.clone()} onchange={set.reform(select_value)}>
                { for choices.iter().map(|(choice, label)| html! {
                    <option value={*choice} selected={*choice == value}>{ *label }</option>
                }) }
            </select>
        },
        ParameterKind::Number | ParameterKind::NumberList => html! {
            <input id={id.clone()} type="text" inputmode="numeric" autocomplete="off" {value}
                oninput={set.reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value())} />
        },
    };
    html! {
        <div class="field">
            <label for={id}>{ parameter.label }</label>
            { input }
        </div>
    }
}

fn overhead_label(percent: u64) -> String {
    match percent {
        0 => "none (an ideal free-threaded build)".to_owned(),
        10 => "10 % (about Python 3.14t)".to_owned(),
        other => format!("{other} % (about Python 3.13t)"),
    }
}

fn mode_choice(props: &ExperimentFormProps, mode: Mode) -> Html {
    let available = props.fields.kind.modes().contains(&mode);
    let onchange = {
        let (fields, on_change) = (props.fields.clone(), props.on_change.clone());
        Callback::from(move |_: Event| on_change.emit(FormFields { mode, ..fields.clone() }))
    };
    let id = format!("mode-{}", mode.key());
    html! {
        <div class="choice">
            <input type="radio" name="mode" id={id.clone()} value={mode.key()} checked={props.fields.mode == mode}
                disabled={!available} {onchange} />
            <label for={id}>{ mode.label() }</label>
        </div>
    }
}

fn text_change(props: &ExperimentFormProps, field: TextField) -> Callback<InputEvent> {
    let (fields, on_change) = (props.fields.clone(), props.on_change.clone());
    Callback::from(move |event: InputEvent| {
        let value = event.target_unchecked_into::<HtmlInputElement>().value();
        on_change.emit(fields.clone().with_text(field, value));
    })
}

fn select_value(event: Event) -> String {
    event.target_unchecked_into::<HtmlSelectElement>().value()
}
