//! A program's timeline: one lane per Python thread, named as Python names it, coloured by
//! state as the page's timeline is (each pixel column shows the state the thread spent most of
//! it in, from the engine's time per state and column; hover a stretch for what it was blocked
//! on or received from), and a table with the same data. A program with processes has its
//! lanes grouped under a heading per process (name, pid, parent), a "Process" column in the
//! threads' table, and a table of its processes with the bytes each sent and received.

use std::collections::BTreeSet;
use std::rc::Rc;

use engine::WorkerState;
use runtime::ProgramProcess;
use yew::prelude::*;

use crate::charts::palette::state_colour;
use crate::components::export::csv_button;
use crate::program_lanes::{Doing, ProgramLane, Span, COLUMNS};
use crate::program_processes::{format_bytes, lane_groups, process_heading, process_of, LaneGroup};

/// The threads' table's name.
const TABLE_NAME: &str = "Python threads";

/// The processes' table's name.
const PROCESSES_TABLE_NAME: &str = "Processes";

/// Props: the lanes as last read.
#[derive(Properties, PartialEq)]
pub struct ProgramTimelineProps {
    /// One lane per Python thread.
    pub lanes: Rc<[ProgramLane]>,
    /// The program's processes, each with its lanes (none for a program without).
    #[prop_or_default]
    pub processes: Rc<[ProgramProcess]>,
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
    let shown = Doing::shown(&props.lanes);
    html! {
        <div class="program-timeline">
            <h3>{ "Timeline" }</h3>
            <ul class="legend" aria-label="Legend">
                { for shown.iter().map(|doing| html! {
                    <li><span class="swatch" style={format!("background: {}", colour(*doing))} aria-hidden="true"></span>{ doing.label() }</li>
                }) }
            </ul>
            <div class="program-lanes">
                { for lane_groups(props.lanes.len(), &props.processes).iter().map(|group| lane_group(group, &props.lanes, span_ms)) }
                <span class="lane-name"></span>
                <span class="lane-axis"><span>{ "0 ms" }</span><span>{ format!("{span_ms:.0} ms") }</span></span>
            </div>
            { threads_table(&props.lanes, &props.processes, &shown) }
            if !props.processes.is_empty() {
                { processes_table(&props.processes) }
            }
        </div>
    }
}

/// A process's heading (none without processes), then its threads' lanes.
fn lane_group(group: &LaneGroup, lanes: &[ProgramLane], span_ms: f64) -> Html {
    html! {
        <>
            if let Some(process) = group.process {
                <h4 class="process-heading">{ process_heading(process) }</h4>
            }
            { for group.lanes.iter().map(|&lane| lane_row(&lanes[lane], group.process, span_ms)) }
        </>
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
        Doing::Sending => WorkerState::Sending,
        Doing::Receiving => WorkerState::Receiving,
    })
}

/// A thread's name and lane; under its process's heading the name leaves out the process (the
/// image's accessible name keeps it).
fn lane_row(lane: &ProgramLane, process: Option<&ProgramProcess>, span_ms: f64) -> Html {
    let spent = lane.time_per_state;
    let summary: Vec<String> =
        Doing::ALL.iter().zip(spent).filter(|(_, ms)| *ms > 0.0).map(|(doing, ms)| format!("{} {ms:.1} ms", doing.label())).collect();
    let label = format!("{}: {}; now {}", lane.name, summary.join(", "), lane.now());
    html! {
        <>
            <span class="lane-name" title={lane.name.to_string()}>{ thread_name(&lane.name, process) }</span>
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

/// A thread's name without its process's ("MainThread" for "Process-1 MainThread").
fn thread_name(lane_name: &str, process: Option<&ProgramProcess>) -> String {
    let own = process.and_then(|process| lane_name.strip_prefix(process.name.as_str())?.strip_prefix(' '));
    own.unwrap_or(lane_name).to_owned()
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
            Doing::Blocked | Doing::Sending | Doing::Receiving => span_within(lane, main, index as f64 * column_ms, (index + 1) as f64 * column_ms),
            _ => main.label().to_owned(),
        };
        match stretches.last_mut() {
            Some(open) if open.last + 1 == index && open.doing == main && open.describe == describe => open.last = index,
            _ => stretches.push(Stretch { first: index, last: index, doing: main, describe }),
        }
    }
    stretches
}

/// What the thread was blocked on, sent to or received from between `from_ms` and `to_ms`
/// (the latest such span of `doing`), or plainly the state where those events are summarised.
fn span_within(lane: &ProgramLane, doing: Doing, from_ms: f64, to_ms: f64) -> String {
    let overlapping = lane.spans.iter().rev().find(|span| span.doing == doing && span.on.is_some() && span.start_ms < to_ms && span.end_ms > from_ms);
    overlapping.map_or_else(|| doing.label().to_owned(), Span::describe)
}

/// Time per state and thread (the states `shown`), the thread's process (with processes, whose
/// threads are listed together, in the order the processes started), what each does now and
/// what it was blocked on.
fn threads_table(lanes: &[ProgramLane], processes: &[ProgramProcess], shown: &[Doing]) -> Html {
    let with_processes = !processes.is_empty();
    html! {
        <div class="table-scroll">
            <table aria-label={TABLE_NAME}>
                <caption>{ "Time each Python thread spent in each state (ms), and what it waited for" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Thread" }</th>
                        if with_processes {
                            <th scope="col">{ "Process" }</th>
                        }
                        { for shown.iter().map(|doing| html! { <th scope="col">{ doing.label() }</th> }) }
                        <th scope="col">{ "Now" }</th>
                        <th scope="col">{ "Blocked on" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for lane_groups(lanes.len(), processes).iter().flat_map(|group| group.lanes.clone()).map(|index| (index, &lanes[index])).map(|(index, lane)| html! {
                        <tr>
                            <th scope="row">{ lane.name.to_string() }</th>
                            if with_processes {
                                <td>{ process_of(index, processes).map(|process| process.name.clone()).unwrap_or_default() }</td>
                            }
                            { for shown.iter().map(|doing| html! { <td>{ format!("{:.1}", lane.time_per_state[*doing as usize]) }</td> }) }
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

/// Every object the thread was blocked on, in order of name ("a lock (Lock at 0x…)").
fn blocked_on(lane: &ProgramLane) -> String {
    let objects: BTreeSet<&str> = lane.spans.iter().filter(|span| span.doing == Doing::Blocked).filter_map(|span| span.on.as_deref()).collect();
    objects.into_iter().collect::<Vec<_>>().join(", ")
}

/// One row per process: its pid, its parent's, the bytes it sent and received, its threads
/// and how it ended.
fn processes_table(processes: &[ProgramProcess]) -> Html {
    html! {
        <div class="table-scroll">
            <table aria-label={PROCESSES_TABLE_NAME}>
                <caption>{ "Each process, who started it, and the bytes it moved (pickled arguments, results, messages)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Process" }</th>
                        <th scope="col">{ "pid" }</th>
                        <th scope="col">{ "parent" }</th>
                        <th scope="col">{ "bytes sent" }</th>
                        <th scope="col">{ "bytes received" }</th>
                        <th scope="col">{ "threads" }</th>
                        <th scope="col">{ "exit code" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for processes.iter().map(|process| html! {
                        <tr>
                            <th scope="row">{ process.name.clone() }</th>
                            <td>{ process.pid.to_string() }</td>
                            <td>{ process.parent.map(|parent| parent.to_string()).unwrap_or_default() }</td>
                            <td>{ format_bytes(process.bytes_sent) }</td>
                            <td>{ format_bytes(process.bytes_received) }</td>
                            <td>{ process.lanes.len().to_string() }</td>
                            <td>{ process.exit_code.map(|code| code.to_string()).unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { csv_button(PROCESSES_TABLE_NAME) }
        </div>
    }
}
