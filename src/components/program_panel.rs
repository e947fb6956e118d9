//! The Program panel: a learner's own threaded Python program (or a lesson's, with its card) in
//! a code editor, the switch interval it starts with, its mode, Run program and Stop (or
//! Ctrl+Enter; the playground has these three in its toolbar), then, beside it, how it stands, its output as it is printed and one timeline
//! lane per Python thread. The program, its mode and its runner are the page's (a link or a
//! lesson may set them; the toolbar steers the runner); the panel reports every change. A
//! failed run marks its line. On a page without shared memory its threads take turns on one
//! worker: a note says so, and free-threaded Python, which needs cores of its own, is refused.
//! The note also says where processes keep `Value` and `Array`: in shared memory, or relayed.

use lessons::RunAnswer;
use yew::prelude::*;

use crate::components::code_editor::CodeEditor;
use crate::components::lesson_card::LessonCard;
use crate::components::program_controls::{ProgramControls, PROGRAM_FORM_ID};
use crate::components::program_output::ProgramOutput;
use crate::components::program_switch_interval::ProgramSwitchInterval;
use crate::components::program_timeline::ProgramTimeline;
use crate::program_runner::ProgramRunner;
use crate::program_state::{error_line, LessonAction, LessonState, ProgramFields};

/// Props of the panel.
#[derive(Properties, PartialEq)]
pub struct ProgramPanelProps {
    /// Whether the page has shared memory (is cross-origin isolated).
    pub shared_memory: bool,
    /// The program and its mode.
    pub program: ProgramFields,
    /// Called with the program after each change the learner makes.
    pub on_change: Callback<ProgramFields>,
    /// Whether the program is shown read-only (a widget that was not asked to let readers edit).
    #[prop_or_default]
    pub read_only: bool,
    /// Shown under the buttons (the share links).
    #[prop_or_default]
    pub children: Html,
    /// The lesson the program came from and the learner's prediction (the page's, so that the
    /// Lessons list can open a lesson here); none in a widget.
    #[prop_or_default]
    pub lesson: Option<UseReducerHandle<LessonState>>,
    /// The running program (`use_program_runner`, held by the page).
    pub runner: ProgramRunner,
    /// Whether the mode, Run program and Stop are elsewhere (the playground's toolbar).
    #[prop_or_default]
    pub controls_elsewhere: bool,
}

/// The panel.
#[component]
pub fn ProgramPanel(props: &ProgramPanelProps) -> Html {
    let runner = &props.runner;

    // Callbacks
    let run = {
        let (start, program, can_run) = (runner.start.clone(), props.program.clone(), !runner.running);
        let lesson = props.lesson.clone();
        Callback::from(move |()| {
            if can_run {
                if let Some(lesson) = &lesson {
                    lesson.dispatch(LessonAction::Ran);
                }
                start.emit((program.source.clone(), program.mode, program.switch_interval_ms));
            }
        })
    };
    let onsubmit = run.reform(|event: SubmitEvent| event.prevent_default());
    let on_source_change = {
        let (on_change, program) = (props.on_change.clone(), props.program.clone());
        Callback::from(move |source: String| on_change.emit(ProgramFields { source, ..program.clone() }))
    };
    let marked_line = if runner.running { None } else { error_line(&runner.view.output) };
    let on_predict = props.lesson.clone().map(|lesson| Callback::from(move |prediction| lesson.dispatch(LessonAction::Predict(prediction))));

    // View
    html! {
        <section aria-labelledby="program-heading" class="panel program wide">
            <h2 id="program-heading">{ "Program" }</h2>
            <p class="hint">{ engine_hint(props.shared_memory) }</p>
            <p class="badge" role="note" aria-label="Program engine">{ engine_note(props.shared_memory) }</p>
            if let (Some(state), Some(on_predict)) = (props.lesson.as_deref(), on_predict) {
                if let Some(lesson) = state.lesson {
                    <LessonCard {lesson} shared_memory={props.shared_memory} prediction={state.prediction.clone()} predicted={state.predicted.clone()}
                        answer={run_answer(state, runner)} {on_predict} />
                }
            }
            <div class="program-columns">
                <form class="program-form" id={PROGRAM_FORM_ID} {onsubmit}>
                    <div class="field">
                        <span class="label" id="program-source-label">{ "Python program" }</span>
                        <CodeEditor text={props.program.source.clone()} label="Python program" read_only={props.read_only}
                            error_line={marked_line} on_change={on_source_change} on_run={run} />
                    </div>
                    <ProgramSwitchInterval program={props.program.clone()} on_change={props.on_change.clone()} />
                    if !props.controls_elsewhere {
                        <ProgramControls program={props.program.clone()} on_change={props.on_change.clone()} shared_memory={props.shared_memory}
                            running={runner.running} on_stop={runner.stop.clone()} />
                    }
                    { props.children.clone() }
                </form>
                <div class="program-results">
                    <p class="notice program-status" role="status">{ runner.status.clone().unwrap_or_default() }</p>
                    <ProgramOutput output={runner.view.output.clone()} />
                    <ProgramTimeline lanes={runner.view.lanes.clone()} processes={runner.view.processes.clone()} now_ms={runner.view.now_ms} running={runner.running} />
                </div>
            </div>
        </section>
    }
}

/// The last run's answer to the open lesson's question, once that run has ended: read from its
/// output and how it ended (a deadlock is told by the status line).
fn run_answer(state: &LessonState, runner: &ProgramRunner) -> Option<RunAnswer> {
    let question = state.lesson?.question.as_ref()?;
    let status = runner.status.as_ref().filter(|_| !runner.running)?;
    let mut text: String = runner.view.output.lines.iter().map(|line| format!("{}\n", line.text)).collect();
    text.push_str(status.strip_prefix("Stopped: ").unwrap_or(status));
    question.answered(&text, state.predicted.as_deref().unwrap_or_default())
}

/// What the panel says about where a program runs.
/// What the engine badge says: how threads run, and where processes keep `Value` and `Array`.
fn engine_note(shared_memory: bool) -> &'static str {
    if shared_memory {
        "Workers share memory: each thread runs on a worker of its own. A program that uses multiprocessing runs each \
         process on a worker with memory of its own (its threads take turns there), with Value and Array in shared \
         memory: read and written directly, with no message (their locks are still relayed through the page)."
    } else {
        "One worker: threads take turns. This page is not cross-origin isolated, so workers cannot share memory: a \
         program's threads take turns on one worker under the mode's switch rule, never two at once. Free-threaded \
         Python needs shared memory (the full playground on a host that sends the isolation headers). A program's \
         processes each run on a worker of their own, their Value and Array relayed through the page: every read and \
         write is a message, slower but correct."
    }
}

fn engine_hint(shared_memory: bool) -> String {
    let engine = if shared_memory {
        "every thread runs on a Web Worker of its own, under the GIL of the mode you pick"
    } else {
        "every thread takes turns on one Web Worker, under the switch rule of the mode you pick"
    };
    format!(
        "Your own threaded Python: {engine}, switching at the switch interval set below the program, \
         which the program may change. Ctrl+Enter (⌘+Enter) runs it; in the editor, Tab indents: press Escape, \
         then Tab, to move on."
    )
}
