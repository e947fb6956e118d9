//! A program's timeline: one lane per Python thread, named as Python names it, coloured by
//! state as the page's timeline is (each pixel column shows the state the thread spent most of
//! it in, from the engine's time per state and column; hover a stretch for what it was blocked
//! on), and a table with the same data.

use std::collections::BTreeSet;
use std::rc::Rc;

use engine::WorkerState;
use yew::prelude::*;

use crate::charts::palette::state_colour;
use crate::components::export::csv_button;
use crate::program_lanes::{Doing, ProgramLane, Span, COLUMNS};

/// The table's name.
const TABLE_NAME: &str = "Python threads";

/// Props: the lanes as last read.
#[derive(Properties, PartialEq)]
pub struct ProgramTimelineProps {
    /// One lane per Python thread.
    pub lanes: Rc<[ProgramLane]>,
    /// Where the time axis ends (ms since the start).
    pub now_ms: f64,
    /// Whether the program is still running.
    pub running: bool,
}

/// The timeline and its table.
#[component]
pub fn ProgramTimeline(props: &ProgramTimelineProps) -> Html {
    if props.lanes.is_empty() {
        return html! {
            <p class="hint">{ "Run the program to see one lane per Python thread: when it runs, waits for the GIL, is blocked or sleeps." }</p>
        };
    }
    let span_ms = props.now_ms.max(1.0);
    html! {
        <div class="program-timeline">
            <h3>{ "Timeline" }</h3>
            <ul class="legend" aria-label="Legend">
                { for Doing::ALL.iter().map(|doing| html! {
                    <li><span class="swatch" style={format!("background: {}", colour(*doing))} aria-hidden="true"></span>{ doing.label() }</li>
                }) }
            </ul>
            <div class="program-lanes">
                { for props.lanes.iter().map(|lane| lane_row(lane, span_ms)) }
                <span class="lane-name"></span>
                <span class="lane-axis"><span>{ "0 ms" }</span><span>{ format!("{span_ms:.0} ms") }</span></span>
            </div>
            { threads_table(&props.lanes) }
        </div>
    }
}

/// The colour of a state: the page timeline's colour of the nearest worker state.
fn colour(doing: Doing) -> &'static str {
    state_colour(match doing {
        Doing::Running => WorkerState::Running,
        Doing::WaitingForGil => WorkerState::WaitingForGil,
        Doing::Blocked => WorkerState::Blocked,
        Doing::Sleeping => WorkerState::Idle,
        Doing::Starting => WorkerState::Starting,
    })
}

fn lane_row(lane: &ProgramLane, span_ms: f64) -> Html {
    let spent = lane.time_per_state;
    let summary: Vec<String> =
        Doing::ALL.iter().zip(spent).filter(|(_, ms)| *ms > 0.0).map(|(doing, ms)| format!("{} {ms:.1} ms", doing.label())).collect();
    let label = format!("{}: {}; now {}", lane.name, summary.join(", "), lane.now());
    html! {
        <>
            <span class="lane-name" title={lane.name.to_string()}>{ lane.name.to_string() }</span>
            <svg class="lane" viewBox={format!("0 0 {COLUMNS} 10")} preserveAspectRatio="none" role="img" aria-label={label}>
                { for stretches(lane, span_ms).into_iter().map(|stretch| html! {
                    <rect x={stretch.first.to_string()} y="0" width={(stretch.last + 1 - stretch.first).to_string()} height="10" fill={colour(stretch.doing)}>
                        <title>{ format!("{}: {} from {:.1} to {:.1} ms", lane.name, stretch.describe,
                            stretch.first as f64 * span_ms / COLUMNS as f64, (stretch.last + 1) as f64 * span_ms / COLUMNS as f64) }</title>
                    </rect>
                }) }
            </svg>
        </>
    }
}

/// Neighbouring columns drawn in one state, as one rectangle.
struct Stretch {
    first: usize,
    last: usize,
    doing: Doing,
    describe: String,
}

/// Each column's main state (the one it spent most of the column's time in, from the engine's
/// time per state and column), neighbouring equal columns merged; a blocked column says on what.
fn stretches(lane: &ProgramLane, span_ms: f64) -> Vec<Stretch> {
    let column_ms = span_ms / COLUMNS as f64;
    let mut stretches: Vec<Stretch> = Vec::new();
    for (index, times) in lane.columns.iter().enumerate() {
        let Some(main) = times.longest().and_then(Doing::of) else { continue };
        let describe = match main {
            Doing::Blocked => blocked_within(lane, index as f64 * column_ms, (index + 1) as f64 * column_ms),
            _ => main.label().to_owned(),
        };
        match stretches.last_mut() {
            Some(open) if open.last + 1 == index && open.doing == main && open.describe == describe => open.last = index,
            _ => stretches.push(Stretch { first: index, last: index, doing: main, describe }),
        }
    }
    stretches
}

/// What the thread was blocked on between `from_ms` and `to_ms` (the latest such span), or
/// plainly "blocked" where those events are summarised.
fn blocked_within(lane: &ProgramLane, from_ms: f64, to_ms: f64) -> String {
    let overlapping = lane.spans.iter().rev().find(|span| span.on.is_some() && span.start_ms < to_ms && span.end_ms > from_ms);
    overlapping.map_or_else(|| Doing::Blocked.label().to_owned(), Span::describe)
}

/// Time per state and thread, what each does now and what it was blocked on.
fn threads_table(lanes: &[ProgramLane]) -> Html {
    html! {
        <div class="table-scroll">
            <table aria-label={TABLE_NAME}>
                <caption>{ "Time each Python thread spent in each state (ms), and what it waited for" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Thread" }</th>
                        { for Doing::ALL.iter().map(|doing| html! { <th scope="col">{ doing.label() }</th> }) }
                        <th scope="col">{ "Now" }</th>
                        <th scope="col">{ "Blocked on" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for lanes.iter().map(|lane| html! {
                        <tr>
                            <th scope="row">{ lane.name.to_string() }</th>
                            { for lane.time_per_state.iter().map(|ms| html! { <td>{ format!("{ms:.1}") }</td> }) }
                            <td>{ lane.now() }</td>
                            <td>{ blocked_on(lane) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { csv_button(TABLE_NAME) }
        </div>
    }
}

/// Every object the thread was blocked on, in order of name ("Lock, Queue.get").
fn blocked_on(lane: &ProgramLane) -> String {
    let objects: BTreeSet<&str> = lane.spans.iter().filter_map(|span| span.on.as_deref()).collect();
    objects.into_iter().collect::<Vec<_>>().join(", ")
}
