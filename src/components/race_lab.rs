//! The race lab: two workers updating a shared bank balance, with or without a lock, on the
//! engine's deterministic interleaving simulator. Step through it one operation at a time or run
//! it to the end; the last operations are drawn as a chart beside their table, lost updates are
//! shown as the interleaving that lost them, a deadlock as who waits for whom.

use engine::{Operation, RaceProgram, RaceSimulation, RaceStatus, Step, MAX_SWITCH_EVERY, MAX_UPDATES, STARTING_BALANCE};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::export::csv_button;
use crate::components::interleaving_chart::InterleavingChart;
use crate::race_form::RaceFields;

/// Operations in the chart and the "last operations" table.
const LAST_STEPS_SHOWN: usize = 24;
/// Overwritten writes shown in the "first lost update" table.
const OVERWRITTEN_WRITES_SHOWN: usize = 3;

/// Props: the lab's fields and where a change goes.
#[derive(Properties, PartialEq)]
pub struct RaceLabProps {
    /// The fields as typed.
    pub fields: RaceFields,
    /// Called with the fields after every change.
    pub on_change: Callback<RaceFields>,
    /// Opens the lesson of the program chosen ("Show as Python"), where the page has lessons.
    #[prop_or_default]
    pub on_show_as_python: Option<Callback<&'static str>>,
}

/// The race lab panel.
#[component]
pub fn RaceLab(props: &RaceLabProps) -> Html {
    let settings = props.fields.to_settings();
    let simulation = use_mut_ref(|| None::<RaceSimulation>);
    let redraw = use_force_update();
    // A simulation of settings since changed starts again.
    if simulation.borrow().as_ref().is_some_and(|started| settings.as_ref().ok() != Some(&started.settings())) {
        *simulation.borrow_mut() = None;
    }
    let act = |action: fn(&mut RaceSimulation)| {
        let (simulation, redraw, settings) = (simulation.clone(), redraw.clone(), settings.clone());
        Callback::from(move |_: MouseEvent| {
            let Ok(settings) = settings else { return };
            action(simulation.borrow_mut().get_or_insert_with(|| RaceSimulation::new(settings)));
            redraw.force_update();
        })
    };
    let on_reset = {
        let (simulation, redraw) = (simulation.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            *simulation.borrow_mut() = None;
            redraw.force_update();
        })
    };
    let shown = simulation.borrow();
    let can_move = settings.is_ok() && shown.as_ref().is_none_or(|started| started.status() == RaceStatus::Running);
    html! {
        <section aria-labelledby="races-heading" class="panel wide race-lab">
            <h2 id="races-heading">{ "Races and locks (simulated interleaving)" }</h2>
            <p class="hint">{ "Two workers share a bank balance of 100: worker 1 deposits 1, worker 2 withdraws 1, each as often as asked. \
                An update is what an interpreter does for balance += 1: read the balance, add, write it back. A seeded scheduler picks \
                who does the next operation, so the same settings always give the same interleaving. It runs in this page, with no \
                workers or shared memory, so it works in any browser and in embedded widgets." }</p>
            { settings_form(props) }
            <p class="hint"><strong>{ "What to notice: " }</strong>{ props.fields.program.what_to_notice() }</p>
            if let Err(problems) = &settings {
                <ul class="problems" role="alert" aria-label="What to fix before simulating">
                    { for problems.iter().map(|problem| html! { <li>{ problem }</li> }) }
                </ul>
            }
            <div class="buttons">
                <button type="button" onclick={act(|simulation| { simulation.step(); })} disabled={!can_move}>{ "Step" }</button>
                <button type="button" onclick={act(RaceSimulation::run_to_end)} disabled={!can_move}>{ "To the end" }</button>
                <button type="button" onclick={on_reset} disabled={shown.is_none()}>{ "Reset" }</button>
                if let Some(show) = &props.on_show_as_python {
                    <button type="button" onclick={show.reform({
                        let lesson = race_lesson(props.fields.program, props.fields.gil);
                        move |_: MouseEvent| lesson
                    })}>{ "Show as Python" }</button>
                }
            </div>
            if let Some(simulation) = shown.as_ref() {
                { status_line(simulation) }
                { last_steps(simulation) }
                { first_lost_update(simulation) }
            } else {
                <p role="status">{ "Press Step to do one operation, or To the end to finish." }</p>
            }
        </section>
    }
}

/// The lesson whose program does what the lab simulates: C4 for the unlocked balance under the
/// GIL (a switch may still land between the read and the write), C1 without it.
fn race_lesson(program: RaceProgram, gil: bool) -> &'static str {
    match program {
        RaceProgram::UnlockedBalance if gil => "C4",
        RaceProgram::UnlockedBalance => "C1",
        RaceProgram::LockedBalance => "C2",
        RaceProgram::LockTakenTwice | RaceProgram::ReentrantLockTakenTwice => "D2",
    }
}

/// Program, scheduling, updates, switch interval in operations, seed.
fn settings_form(props: &RaceLabProps) -> Html {
    let fields = &props.fields;
    let change = |update: fn(RaceFields, String) -> RaceFields| {
        let (fields, on_change) = (fields.clone(), props.on_change.clone());
        Callback::from(move |value: String| on_change.emit(update(fields.clone(), value)))
    };
    let number = |id: &'static str, label: String, value: &str, update: fn(RaceFields, String) -> RaceFields| {
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <input {id} type="number" inputmode="numeric" min="0" step="1" value={value.to_owned()}
                    oninput={change(update).reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value())} />
            </div>
        }
    };
    html! {
        <div class="race-settings">
            <div class="field">
                <label for="race-program">{ "Program" }</label>
                <select id="race-program" onchange={change(|f, key| RaceFields { program: RaceProgram::from_key(&key).unwrap_or(f.program), ..f })
                    .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value())}>
                    { for RaceProgram::ALL.iter().map(|program| html! {
                        <option value={program.key()} selected={*program == fields.program}>{ program.label() }</option>
                    }) }
                </select>
            </div>
            <fieldset class="modes">
                <legend>{ "Scheduling" }</legend>
                { scheduling_choice(props, true, "threads + GIL: one worker at a time, switching after a seeded number of operations") }
                { scheduling_choice(props, false, "free-threaded: two cores, either worker may do the next operation") }
            </fieldset>
            { number("race-updates", format!("Updates per worker (1–{MAX_UPDATES})"), &fields.updates, |f, updates| RaceFields { updates, ..f }) }
            { number("race-switch-every", format!("Operations between GIL switches, on average (1–{MAX_SWITCH_EVERY}, threads + GIL only)"),
                &fields.switch_every, |f, switch_every| RaceFields { switch_every, ..f }) }
            { number("race-seed", "Scheduler seed".to_owned(), &fields.seed, |f, seed| RaceFields { seed, ..f }) }
        </div>
    }
}

fn scheduling_choice(props: &RaceLabProps, gil: bool, label: &'static str) -> Html {
    let id = if gil { "race-gil" } else { "race-free" };
    let (fields, on_change) = (props.fields.clone(), props.on_change.clone());
    let onchange = Callback::from(move |_: Event| on_change.emit(RaceFields { gil, ..fields.clone() }));
    html! {
        <div class="choice">
            <input {id} type="radio" name="race-scheduling" checked={props.fields.gil == gil} {onchange} />
            <label for={id}>{ label }</label>
        </div>
    }
}

/// Where the simulation stands: progress and balance, the end, or the deadlock.
fn status_line(simulation: &RaceSimulation) -> Html {
    let steps = simulation.steps().len();
    let (balance, lost) = (simulation.balance(), simulation.lost_updates());
    match simulation.status() {
        RaceStatus::Running => html! {
            <p role="status">{ format!(
                "Operation {steps} of about {}: balance {balance}; updates lost so far: {lost}.", simulation.steps_without_waiting()
            ) }</p>
        },
        RaceStatus::Finished => html! {
            <p role="status">{ format!(
                "Finished after {steps} operations: the balance is {balance}, expected {STARTING_BALANCE}; updates lost: {lost}."
            ) }</p>
        },
        RaceStatus::Deadlocked { waits } => {
            let who = waits.iter().map(|&(worker, holder)| {
                let held_by = if worker == holder { "it holds itself".to_owned() } else { format!("worker {} holds", holder + 1) };
                format!("worker {} waits for the lock {held_by}", worker + 1)
            });
            html! {
                <p role="alert" class="notice error">{ format!(
                    "Deadlock after {steps} operations: {}. No worker can move; a real program would hang here, so the simulation stopped.",
                    who.collect::<Vec<_>>().join("; ")
                ) }</p>
            }
        }
    }
}

/// The first write that overwrote another worker's update: the overwriter's read, the first few
/// writes it never saw, and its write.
fn first_lost_update(simulation: &RaceSimulation) -> Html {
    let steps = simulation.steps();
    let Some(write) = steps.iter().position(|step| !step.overwrote.is_empty()) else { return html! {} };
    let loser = steps[write].worker;
    let Some(read) = steps[..write].iter().rposition(|step| step.worker == loser && step.operation == Operation::Read) else { return html! {} };
    let overwritten = &steps[write].overwrote;
    let shown = overwritten.iter().copied().take(OVERWRITTEN_WRITES_SHOWN);
    let rows: Vec<usize> = std::iter::once(read).chain(shown).chain(std::iter::once(write)).collect();
    let story = format!(
        "The first lost update: worker {} read {} (operation {}); worker {} then wrote the balance {} time(s){}; worker {} wrote {} over it (operation {}), so those updates were lost.",
        loser + 1,
        steps[read].value.unwrap_or_default(),
        read + 1,
        steps[overwritten[0]].worker + 1,
        overwritten.len(),
        if overwritten.len() > OVERWRITTEN_WRITES_SHOWN { format!(" (the first {OVERWRITTEN_WRITES_SHOWN} are shown)") } else { String::new() },
        loser + 1,
        steps[write].value.unwrap_or_default(),
        write + 1
    );
    html! {
        <>
            <p>{ story }</p>
            { steps_table("First lost update", steps, &rows) }
        </>
    }
}

/// The last operations done, as a chart and as a table.
fn last_steps(simulation: &RaceSimulation) -> Html {
    let steps = simulation.steps();
    let rows: Vec<usize> = (steps.len().saturating_sub(LAST_STEPS_SHOWN)..steps.len()).collect();
    let shown: Vec<(usize, Step)> = rows.iter().map(|&index| (index, steps[index].clone())).collect();
    html! {
        <>
            <InterleavingChart steps={shown} />
            { steps_table("Last operations", steps, &rows) }
        </>
    }
}

/// A table named `name` (also its caption) of the steps at `rows`, in that order.
fn steps_table(name: &str, steps: &[Step], rows: &[usize]) -> Html {
    html! {
        <div class="table-scroll">
            <table aria-label={name.to_owned()}>
                <caption>{ name.to_owned() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Operation #" }</th>
                        <th scope="col">{ "Worker" }</th>
                        <th scope="col">{ "Operation" }</th>
                        <th scope="col">{ "Value" }</th>
                        <th scope="col">{ "Balance after" }</th>
                        <th scope="col">{ "Note" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|&index| step_row(index, &steps[index])) }
                </tbody>
            </table>
            { csv_button(name) }
        </div>
    }
}

fn step_row(index: usize, step: &Step) -> Html {
    let note = if step.waits {
        "finds the lock taken and waits".to_owned()
    } else if step.overwrote.is_empty() {
        String::new()
    } else {
        format!("overwrites {} write(s) it never read, from operation {} on", step.overwrote.len(), step.overwrote[0] + 1)
    };
    html! {
        <tr>
            <th scope="row">{ index + 1 }</th>
            <td>{ format!("Worker {}", step.worker + 1) }</td>
            <td>{ step.operation.label() }</td>
            <td>{ step.value.map(|value| value.to_string()).unwrap_or_default() }</td>
            <td>{ step.balance }</td>
            <td>{ note }</td>
        </tr>
    }
}
