//! The Program panel: a learner's own threaded Python program (or a lesson's, with its card),
//! its mode, Run program and Stop, its output as it is printed, how it stands, and one timeline
//! lane per Python thread. On a page without shared memory it says why programs cannot run there.

use lessons::RunAnswer;
use python::Mode;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::lesson_card::LessonCard;
use crate::components::program_output::ProgramOutput;
use crate::components::program_timeline::ProgramTimeline;
use crate::program_runner::{use_program_runner, ProgramRunner};
use crate::program_state::{ProgramAction, ProgramState, PYTHON_MODES};

/// Props of the panel.
#[derive(Properties, PartialEq)]
pub struct ProgramPanelProps {
    /// Whether the page has shared memory (is cross-origin isolated).
    pub shared_memory: bool,
    /// The program text, its mode, its lesson and the prediction (the page holds them, so that
    /// the Lessons list can open a lesson here).
    pub program: UseReducerHandle<ProgramState>,
}

/// The panel.
#[component]
pub fn ProgramPanel(props: &ProgramPanelProps) -> Html {
    let program = props.program.clone();
    let runner = use_program_runner();

    // Callbacks
    let oninput = {
        let program = program.clone();
        Callback::from(move |event: InputEvent| program.dispatch(ProgramAction::Edit(event.target_unchecked_into::<HtmlTextAreaElement>().value())))
    };
    let onsubmit = {
        let (start, program) = (runner.start.clone(), program.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            program.dispatch(ProgramAction::Ran);
            start.emit((program.source.clone(), program.mode));
        })
    };
    let on_stop = runner.stop.reform(|_: MouseEvent| ());
    let on_predict = {
        let program = program.clone();
        Callback::from(move |prediction| program.dispatch(ProgramAction::Predict(prediction)))
    };

    // View
    html! {
        <section aria-labelledby="program-heading" class="panel program wide">
            <h2 id="program-heading">{ "Program" }</h2>
            <p class="hint">{ "Your own threaded Python: every thread runs on a Web Worker of its own, under the GIL of the mode you pick." }</p>
            if !props.shared_memory {
                <p class="notice error" role="alert">{
                    "Python programs need shared memory, which this page does not have: it was served without \
                     cross-origin isolation (the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers), or \
                     sits in a frame of a page without it. A program's threads would have to take turns on one worker, \
                     which the interpreter cannot do yet. Open the full playground on a host that sends the headers."
                }</p>
            }
            if let Some(lesson) = program.lesson {
                <LessonCard {lesson} prediction={program.prediction.clone()} predicted={program.predicted.clone()}
                    answer={run_answer(&program, &runner)} {on_predict} />
            }
            <form class="program-form" {onsubmit}>
                <div class="field">
                    <label for="program-source">{ "Python program" }</label>
                    <textarea id="program-source" class="program-source" rows="16" wrap="off" spellcheck="false" autocapitalize="off"
                        value={program.source.clone()} {oninput} />
                </div>
                <fieldset class="modes" role="radiogroup" aria-labelledby="python-mode-legend">
                    <legend id="python-mode-legend">{ "Python mode" }</legend>
                    { for PYTHON_MODES.iter().map(|(choice, label)| mode_choice(&program, *choice, label)) }
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

/// The last run's answer to the open lesson's question, once that run has ended: read from its
/// output and how it ended (a deadlock is told by the status line).
fn run_answer(program: &ProgramState, runner: &ProgramRunner) -> Option<RunAnswer> {
    let question = program.lesson?.question.as_ref()?;
    let status = runner.status.as_ref().filter(|_| !runner.running)?;
    let mut text: String = runner.view.output.lines.iter().map(|line| format!("{}\n", line.text)).collect();
    text.push_str(status.strip_prefix("Stopped: ").unwrap_or(status));
    question.answered(&text, program.predicted.as_deref().unwrap_or_default())
}

fn mode_choice(program: &UseReducerHandle<ProgramState>, mode: Mode, label: &str) -> Html {
    let onchange = {
        let program = program.clone();
        Callback::from(move |_: Event| program.dispatch(ProgramAction::Choose(mode)))
    };
    let id = format!("python-mode-{}", mode.name());
    html! {
        <div class="choice">
            <input type="radio" name="python-mode" id={id.clone()} value={mode.name()} checked={program.mode == mode} {onchange} />
            <label for={id}>{ label }</label>
        </div>
    }
}
