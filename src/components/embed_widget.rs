//! The embeddable widget (`embed.html#v1&…`, or `?embed#v1&…` on the full page): a Python
//! program from a program link (its editor, read-only unless the link says `edit=1`, its mode,
//! Run program, Stop, the output and the timeline), or one experiment from a share link, its mode, Run and Stop, the timeline and the result, a badge saying which
//! engine runs and why, and a link that opens the same experiment in the full playground. A link
//! that shows the race lab but not the timeline embeds the race lab instead. Parts of the link
//! that could not be used are named in one line, so a teacher sees that the course page's link is
//! broken (the reasons are in the line's tooltip; the full page gives them in full). The widget reports
//! its height to the page around it by `postMessage` and listens to no messages at all.

use engine::Mode;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::drawing_rehearsal::DrawingRehearsal;
use crate::components::engine_badge::EngineBadge;
use crate::components::program_panel::ProgramPanel;
use crate::components::race_lab::RaceLab;
use crate::components::timeline::Timeline;
use crate::engine_choice::runnable_here;
use crate::form::FormFields;
use crate::link::{experiment_link_fragment, program_link_fragment, OpenedLink, ProgramTooLong};
use crate::panels::Panel;
use crate::program_runner::use_program_runner;
use crate::run_controller::{use_run_controller, Notice};

/// The message type a parent page listens for (see the README's "Embed" section).
pub const HEIGHT_MESSAGE: &str = "gil-playground-height";

/// Props: what the link opened, and whether workers can share memory here.
#[derive(Properties, PartialEq)]
pub struct EmbedWidgetProps {
    /// The experiment as the link describes it, and what of the link was not used.
    pub opened: OpenedLink,
    /// Whether the page is cross-origin isolated.
    pub shared_memory: bool,
}

/// The widget: the race lab, or the experiment, under a line naming what of the link was not used.
#[component]
pub fn EmbedWidget(props: &EmbedWidgetProps) -> Html {
    let fields = props.opened.fields.clone();
    let unused_parts = unused_parts_line(&props.opened);
    if props.opened.carries_program {
        html! { <EmbeddedProgram {fields} shared_memory={props.shared_memory}>{ unused_parts }</EmbeddedProgram> }
    } else if embeds_race_lab(&fields) {
        html! { <EmbeddedRaceLab {fields}>{ unused_parts }</EmbeddedRaceLab> }
    } else {
        html! { <EmbeddedExperiment {fields} shared_memory={props.shared_memory}>{ unused_parts }</EmbeddedExperiment> }
    }
}

/// "Parts of the link could not be used: …" on one line, naming the fields, if any was not used.
fn unused_parts_line(opened: &OpenedLink) -> Html {
    if opened.ignored.is_empty() {
        return html! {};
    }
    html! {
        <p class="notice error one-line" role="alert" title={opened.ignored_with_reasons()}>
            { format!("Parts of the link could not be used: {}.", opened.ignored_names()) }
        </p>
    }
}

/// Whether `fields` embed the race lab: it is shown and the timeline is not.
fn embeds_race_lab(fields: &FormFields) -> bool {
    fields.panels.shows(Panel::Races) && !fields.panels.shows(Panel::Timeline)
}

#[derive(Properties, PartialEq)]
struct EmbeddedRaceLabProps {
    fields: FormFields,
    /// Shown first (the line naming unused parts of the link).
    #[prop_or_default]
    children: Html,
}

#[derive(Properties, PartialEq)]
struct EmbeddedExperimentProps {
    fields: FormFields,
    shared_memory: bool,
    /// Shown first (the line naming unused parts of the link).
    #[prop_or_default]
    children: Html,
}

/// A program's widget takes what an experiment's does: the form (its program), and whether the
/// frame has shared memory.
type EmbeddedProgramProps = EmbeddedExperimentProps;

/// A program: the Program panel, read-only unless the link let readers edit, with a link to the
/// full playground.
#[component]
fn EmbeddedProgram(props: &EmbeddedProgramProps) -> Html {
    let program = use_state(|| props.fields.program.clone());
    let runner = use_program_runner();
    use_effect(report_height);
    let on_change = { let program = program.clone(); Callback::from(move |changed| program.set(changed)) };
    let fields = FormFields { program: (*program).clone(), ..props.fields.clone() };
    let full_page = program_link_fragment(&fields).map(|fragment| format!("{}#{fragment}", site_folder_address()));
    html! {
        <main class="embed">
            { props.children.clone() }
            <EngineBadge shared_memory={props.shared_memory} />
            <ProgramPanel shared_memory={props.shared_memory} program={(*program).clone()} {on_change} read_only={!program.editable_in_widget} {runner} />
            if let Ok(address) = full_page {
                <p><a href={address} target="_blank" rel="noopener">{ "Open in the full playground" }</a></p>
            }
        </main>
    }
}

/// The race lab alone, with a link to the full playground.
#[component]
fn EmbeddedRaceLab(props: &EmbeddedRaceLabProps) -> Html {
    let race = use_state(|| props.fields.race.clone());
    use_effect(report_height);
    let on_change = { let race = race.clone(); Callback::from(move |changed| race.set(changed)) };
    let fields = FormFields { race: (*race).clone(), ..props.fields.clone() };
    html! {
        <main class="embed">
            { props.children.clone() }
            <RaceLab fields={(*race).clone()} {on_change} />
            <p><a href={full_playground_address(&fields)} target="_blank" rel="noopener">{ "Open in the full playground" }</a></p>
        </main>
    }
}

/// One experiment of the catalogue.
#[component]
fn EmbeddedExperiment(props: &EmbeddedExperimentProps) -> Html {
    let controller = use_run_controller();
    let modes_here = props.fields.kind.modes();
    let first_mode = if modes_here.contains(&props.fields.mode) { props.fields.mode } else { modes_here[0] };
    let mode = use_state(|| first_mode);
    let scenario = FormFields { mode: *mode, ..props.fields.clone() }
        .to_scenario()
        .and_then(|scenario| runnable_here(scenario, props.shared_memory));
    use_effect(report_height);
    let kind = props.fields.kind;
    let on_run = {
        let (start, scenario) = (controller.start.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(scenario) = &scenario {
                start.emit(scenario.clone());
            }
        })
    };
    let on_stop = controller.stop.reform(|_: MouseEvent| ());
    let can_run = controller.ready && !controller.running && scenario.is_ok();
    html! {
        <main class="embed">
            { props.children.clone() }
            <h1>{ format!("{} · {}", kind.id(), kind.label()) }</h1>
            <p class="hint">{ kind.what_to_notice() }</p>
            <EngineBadge shared_memory={props.shared_memory} />
            { mode_picker(modes_here, &mode) }
            if let Err(problems) = &scenario {
                <p class="notice error" role="alert">{ problems.join(" ") }</p>
            }
            <div class="buttons">
                <button type="button" onclick={on_run} disabled={!can_run}>{ "Run" }</button>
                <button type="button" onclick={on_stop} disabled={!controller.running || controller.stopping}>{ "Stop" }</button>
            </div>
            { notice_line(controller.notice.as_ref(), controller.ready) }
            if let Some(view) = &controller.view {
                <Timeline view={view.clone()} running={controller.running} />
            }
            <p><a href={full_playground_address(&props.fields)} target="_blank" rel="noopener">{ "Open in the full playground" }</a></p>
            <DrawingRehearsal />
        </main>
    }
}

fn mode_picker(modes: &[Mode], chosen: &UseStateHandle<Mode>) -> Html {
    html! {
        <fieldset class="modes">
            <legend>{ "Mode" }</legend>
            { for modes.iter().map(|&mode| {
                let chosen_handle = chosen.clone();
                let id = format!("embed-mode-{}", mode.key());
                html! {
                    <div class="choice">
                        <input type="radio" name="embed-mode" id={id.clone()} checked={**chosen == mode}
                            onchange={Callback::from(move |_: Event| chosen_handle.set(mode))} />
                        <label for={id}>{ mode.label() }</label>
                    </div>
                }
            }) }
        </fieldset>
    }
}

fn notice_line(notice: Option<&Notice>, ready: bool) -> Html {
    match notice {
        Some(Notice::Error(text)) => html! { <p class="notice error" role="alert">{ text }</p> },
        Some(Notice::Info(text)) => html! { <p class="notice" role="status">{ text }</p> },
        None if !ready => html! { <p class="notice" role="status">{ "Preparing the workers…" }</p> },
        None => html! { <p class="notice" role="status"></p> },
    }
}

/// The same experiment on the full page, in the widget's folder.
fn full_playground_address(fields: &FormFields) -> String {
    format!("{}#{}", site_folder_address(), experiment_link_fragment(fields))
}

/// The address of the folder the page was loaded from (ending in `/`), where both `index.html`
/// and `embed.html` live.
pub fn site_folder_address() -> String {
    let Some(location) = web_sys::window().map(|window| window.location()) else { return String::new() };
    let path = location.pathname().unwrap_or_default();
    let folder = path.rfind('/').map_or("/", |slash| &path[..=slash]);
    format!("{}{folder}", location.origin().unwrap_or_default())
}

/// Tells the page around the widget how tall it is, so it can size the iframe.
fn report_height() {
    let Some(window) = web_sys::window() else { return };
    let height = window.document().and_then(|document| document.document_element()).map_or(0, |root| root.scroll_height());
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
    let _ = parent.post_message(&message, "*");
}

/// The embed code for `fields`: an iframe with a title, on the widget's address (`embed.html` in
/// `site_folder`), allowed to be cross-origin isolated where the course page is.
pub fn embed_code(fields: &FormFields, site_folder: &str) -> String {
    let scenario_title = if embeds_race_lab(fields) {
        format!("GIL Playground: {}", fields.race.program.label())
    } else {
        format!("GIL Playground: {} {}", fields.kind.id(), fields.kind.label())
    };
    format!(
        "<iframe src=\"{site_folder}embed.html#{}\" title=\"{}\" width=\"100%\" height=\"480\" style=\"border:0\" loading=\"lazy\" allow=\"cross-origin-isolated\"></iframe>",
        experiment_link_fragment(fields),
        scenario_title.replace('"', "&quot;")
    )
}

/// The embed code for the program of `fields`: an iframe on `embed.html` in `site_folder`.
///
/// # Errors
/// [`ProgramTooLong`] when the program is too long for a link.
pub fn program_embed_code(fields: &FormFields, site_folder: &str) -> Result<String, ProgramTooLong> {
    Ok(format!(
        "<iframe src=\"{site_folder}embed.html#{}\" title=\"GIL Playground: a Python program\" width=\"100%\" height=\"640\" style=\"border:0\" loading=\"lazy\" allow=\"cross-origin-isolated\"></iframe>",
        program_link_fragment(fields)?
    ))
}
