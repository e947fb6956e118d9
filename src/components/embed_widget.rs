//! The embeddable widget (`?embed#v1&…`): one experiment from a share link, its mode, Run and
//! Stop, the timeline and the result, a badge saying which engine runs and why, and a link that
//! opens the same experiment in the full playground. It reports its height to the page around
//! it by `postMessage` and listens to no messages at all.

use engine::Mode;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::timeline::Timeline;
use crate::form::FormFields;
use crate::link::link_fragment;
use crate::run_controller::{use_run_controller, Notice};

/// The message type a parent page listens for (see the README's "Embed" section).
pub const HEIGHT_MESSAGE: &str = "gil-playground-height";

/// Props: the form the link opened, and whether workers can share memory here.
#[derive(Properties, PartialEq)]
pub struct EmbedWidgetProps {
    /// The experiment as the link describes it.
    pub fields: FormFields,
    /// Whether the page is cross-origin isolated.
    pub shared_memory: bool,
}

/// The widget.
#[component]
pub fn EmbedWidget(props: &EmbedWidgetProps) -> Html {
    let controller = use_run_controller();
    let modes_here: Vec<Mode> =
        props.fields.kind.modes().iter().copied().filter(|mode| props.shared_memory || !mode.shares_memory()).collect();
    let first_mode = if modes_here.contains(&props.fields.mode) { Some(props.fields.mode) } else { modes_here.first().copied() };
    let mode = use_state(|| first_mode);
    let scenario = (*mode).map(|mode| FormFields { mode, ..props.fields.clone() }.to_scenario());
    use_effect(report_height);
    let kind = props.fields.kind;
    let on_run = {
        let (start, scenario) = (controller.start.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(Ok(scenario)) = &scenario {
                start.emit(scenario.clone());
            }
        })
    };
    let on_stop = controller.stop.reform(|_: MouseEvent| ());
    let can_run = controller.ready && !controller.running && matches!(scenario, Some(Ok(_)));
    html! {
        <main class="embed">
            <h1>{ format!("{} · {}", kind.id(), kind.label()) }</h1>
            <p class="hint">{ kind.what_to_notice() }</p>
            { engine_badge(props.shared_memory) }
            if modes_here.is_empty() {
                <p class="notice error" role="alert">{ "Every mode of this experiment needs shared memory, which this embedded page does not have. Open it in the full playground." }</p>
            } else {
                { mode_picker(&modes_here, &mode) }
            }
            if let Some(Err(problems)) = &scenario {
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
        </main>
    }
}

fn engine_badge(shared_memory: bool) -> Html {
    let text = if shared_memory {
        "Engine: shared memory. This page is cross-origin isolated, so threads share memory and a real GIL."
    } else {
        "Engine: separate workers only. The page around this widget is not cross-origin isolated, so workers cannot share memory: only the processes mode can run here."
    };
    html! { <p class="badge" role="status" aria-label="Engine">{ text }</p> }
}

fn mode_picker(modes: &[Mode], chosen: &UseStateHandle<Option<Mode>>) -> Html {
    html! {
        <fieldset class="modes">
            <legend>{ "Mode" }</legend>
            { for modes.iter().map(|&mode| {
                let chosen_handle = chosen.clone();
                let id = format!("embed-mode-{}", mode.key());
                html! {
                    <div class="choice">
                        <input type="radio" name="embed-mode" id={id.clone()} checked={**chosen == Some(mode)}
                            onchange={Callback::from(move |_: Event| chosen_handle.set(Some(mode)))} />
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

/// The same experiment on the full page: this address without `?embed`.
fn full_playground_address(fields: &FormFields) -> String {
    let location = web_sys::window().map(|window| window.location());
    let base = location.and_then(|location| Some(format!("{}{}", location.origin().ok()?, location.pathname().ok()?)));
    format!("{}#{}", base.unwrap_or_default(), link_fragment(fields))
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

/// The embed code for `fields`: an iframe with a title, on the widget's address.
pub fn embed_code(fields: &FormFields, page_address: &str) -> String {
    let scenario_title = format!("GIL Playground: {} {}", fields.kind.id(), fields.kind.label());
    format!(
        "<iframe src=\"{page_address}?embed#{}\" title=\"{}\" width=\"100%\" height=\"480\" style=\"border:0\" loading=\"lazy\"></iframe>",
        link_fragment(fields),
        scenario_title.replace('"', "&quot;")
    )
}
