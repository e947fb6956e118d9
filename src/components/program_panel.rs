//! The Program panel: a learner's own threaded Python program, its mode, Run program and Stop,
//! its output as it is printed, how it stands, and one timeline lane per Python thread.
//! On a page without shared memory it says why programs cannot run there.

use python::Mode;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::program_output::ProgramOutput;
use crate::components::program_timeline::ProgramTimeline;
use crate::program_runner::use_program_runner;
use crate::program_state::{DEFAULT_PROGRAM, PYTHON_MODES};

/// Props of the panel.
#[derive(Properties, PartialEq)]
pub struct ProgramPanelProps {
    /// Whether the page has shared memory (is cross-origin isolated).
    pub shared_memory: bool,
    /// The GIL settings' switch interval (ms): a program starts with it, as
    /// `sys.getswitchinterval()` then says, until it calls `sys.setswitchinterval`.
    pub switch_interval_ms: f64,
}

/// The panel.
#[component]
pub fn ProgramPanel(props: &ProgramPanelProps) -> Html {
    let source = use_state(|| DEFAULT_PROGRAM.to_owned());
    let mode = use_state(|| Mode::Gil312);
    let runner = use_program_runner();

    // Callbacks
    let oninput = {
        let source = source.clone();
        Callback::from(move |event: InputEvent| source.set(event.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let onsubmit = {
        let (start, source, mode, switch_interval_ms) = (runner.start.clone(), source.clone(), mode.clone(), props.switch_interval_ms);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            start.emit(((*source).clone(), *mode, switch_interval_ms));
        })
    };
    let on_stop = runner.stop.reform(|_: MouseEvent| ());

    // View
    html! {
        <section aria-labelledby="program-heading" class="panel program wide">
            <h2 id="program-heading">{ "Program" }</h2>
            <p class="hint">{ format!(
                "Your own threaded Python: every thread runs on a Web Worker of its own, under the GIL of the mode you pick, \
                 switching every {} ms (the GIL switch interval above) until the program calls sys.setswitchinterval.",
                props.switch_interval_ms
            ) }</p>
            if !props.shared_memory {
                <p class="notice error" role="alert">{
                    "Python programs need shared memory, which this page does not have: it was served without \
                     cross-origin isolation (the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers), or \
                     sits in a frame of a page without it. A program's threads would have to take turns on one worker, \
                     which the interpreter cannot do yet. Open the full playground on a host that sends the headers."
                }</p>
            }
            <form class="program-form" {onsubmit}>
                <div class="field">
                    <label for="program-source">{ "Python program" }</label>
                    <textarea id="program-source" class="program-source" rows="16" wrap="off" spellcheck="false" autocapitalize="off"
                        value={(*source).clone()} {oninput} />
                </div>
                <fieldset class="modes" role="radiogroup" aria-labelledby="python-mode-legend">
                    <legend id="python-mode-legend">{ "Python mode" }</legend>
                    { for PYTHON_MODES.iter().map(|(choice, label)| mode_choice(&mode, *choice, label)) }
                </fieldset>
                <div class="buttons">
                    <button type="submit" disabled={runner.running || !props.shared_memory}>{ "Run program" }</button>
                    <button type="button" onclick={on_stop} disabled={!runner.running}>{ "Stop" }</button>
                </div>
            </form>
            <p class="notice program-status" role="status">{ runner.status.clone().unwrap_or_default() }</p>
            <ProgramOutput output={runner.view.output.clone()} />
            <ProgramTimeline lanes={runner.view.lanes.clone()} now_ms={runner.view.now_ms} running={runner.running} />
        </section>
    }
}

fn mode_choice(chosen: &UseStateHandle<Mode>, mode: Mode, label: &str) -> Html {
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |_: Event| chosen.set(mode))
    };
    let id = format!("python-mode-{}", mode.name());
    html! {
        <div class="choice">
            <input type="radio" name="python-mode" id={id.clone()} value={mode.name()} checked={**chosen == mode} {onchange} />
            <label for={id}>{ label }</label>
        </div>
    }
}
