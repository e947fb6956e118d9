//! The Program's controls: its Python mode, Run program and Stop. The playground puts them in
//! its toolbar, a widget in its Program panel; Run program submits the panel's form (by its id,
//! wherever the button is), so Enter and Ctrl+Enter run the program the same way.

use python::Mode;
use yew::prelude::*;

use crate::program_state::{ProgramFields, FREE_THREADED_REFUSED, PYTHON_MODES};

/// The Program panel's form's id, which Run program submits.
pub const PROGRAM_FORM_ID: &str = "program-form";

/// Props of the controls.
#[derive(Properties, PartialEq)]
pub struct ProgramControlsProps {
    /// The program and its mode.
    pub program: ProgramFields,
    /// Called with the program when its mode changes.
    pub on_change: Callback<ProgramFields>,
    /// Whether the page has shared memory (free-threaded Python needs it).
    pub shared_memory: bool,
    /// Whether a program is running.
    pub running: bool,
    /// Stops the running program.
    pub on_stop: Callback<()>,
}

/// The id of the note that says why free-threaded Python cannot run here.
const FREE_THREADED_REFUSED_ID: &str = "python-mode-free-refused";

/// The mode's radio group and the two buttons.
#[component]
pub fn ProgramControls(props: &ProgramControlsProps) -> Html {
    let on_stop = props.on_stop.reform(|_: MouseEvent| ());
    html! {
        <>
            <fieldset class="modes" role="radiogroup" aria-labelledby="python-mode-legend">
                <legend id="python-mode-legend">{ "Python mode" }</legend>
                { for PYTHON_MODES.iter().map(|(choice, label)| mode_choice(&props.program, &props.on_change, *choice, label, props.shared_memory)) }
                // Under the choices, not beside its own: beside it, it widened the toolbar's row.
                if !props.shared_memory {
                    <span class="hint refused" id={FREE_THREADED_REFUSED_ID}>{ FREE_THREADED_REFUSED }</span>
                }
            </fieldset>
            <div class="buttons">
                <button type="submit" form={PROGRAM_FORM_ID} disabled={props.running}>{ "Run program" }</button>
                <button type="button" onclick={on_stop} disabled={!props.running}>{ "Stop" }</button>
            </div>
        </>
    }
}

/// One mode's radio button; free-threaded Python is off, described by the reason, where threads
/// can only take turns (no shared memory).
fn mode_choice(program: &ProgramFields, on_change: &Callback<ProgramFields>, mode: Mode, label: &str, shared_memory: bool) -> Html {
    let onchange = {
        let (program, on_change) = (program.clone(), on_change.clone());
        Callback::from(move |_: Event| on_change.emit(ProgramFields { mode, ..program.clone() }))
    };
    let id = format!("python-mode-{}", mode.name());
    let refused = mode == Mode::Free && !shared_memory;
    html! {
        <div class="choice">
            <input type="radio" name="python-mode" id={id.clone()} value={mode.name()} checked={program.mode == mode}
                disabled={refused} aria-describedby={refused.then_some(FREE_THREADED_REFUSED_ID)} {onchange} />
            <label for={id}>{ label }</label>
        </div>
    }
}
