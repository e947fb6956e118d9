//! The live timeline: a canvas with one lane per worker (as many as the run has at each poll:
//! a Python program's grow as its threads start), a hover/focus readout (arrow keys step
//! through a lane's state changes), its legend, and two tables with the same data for screen
//! readers (time per state while running, every state change once ended).

use engine::{Interval, LaneHistory, StateTimes, WorkerState};
use runtime::in_a_task_of_its_own;
use wasm_bindgen::prelude::*;
use web_sys::{EventTarget, HtmlCanvasElement};
use yew::prelude::*;

use crate::charts::palette::{prefers_dark, shown_states, state_colour};
use crate::charts::readout::{cursor_move, point_in_chart, readout_line, CursorMove};
use crate::charts::timeline_drawing::{axis_span_ms, draw_timeline, lane_and_time_at, names_width, timeline_height};
use crate::components::environment_status::core_count;
use crate::components::events_table::EventsTable;
use crate::components::export::{csv_button, png_button};
use crate::components::io_response_histogram::IoResponseHistogram;
use crate::components::throughput_table::ThroughputTable;
use crate::run_controller::RunView;

/// Props: the run to draw and whether it is still going.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The current or last run.
    pub view: RunView,
    /// Whether the run is still going (the event table waits for its end).
    pub running: bool,
    /// Where the time axis ends, when timelines are stacked on one axis; else the run's end.
    #[prop_or_default]
    pub axis_end_ms: Option<f64>,
    /// Stacked in a comparison: no legend or event table, and table names that say the mode.
    #[prop_or_default]
    pub compact: bool,
    /// Whether the throughput table is shown (never in a comparison).
    #[prop_or(true)]
    pub throughput: bool,
}

/// The timeline section.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let canvas = use_node_ref();
    let cursor = use_state(|| None::<(usize, f64)>);
    let redraw = use_force_update();
    use_effect_with((), move |()| redraw_on_resize_or_theme_change(move || redraw.force_update()));
    let span_ms = axis_span_ms(&props.view, props.axis_end_ms.unwrap_or(props.view.now_ms));
    {
        let (canvas, view, cursor) = (canvas.clone(), props.view.clone(), *cursor);
        // Painted in a task after the render's (see the runtime crate's `short_tasks.rs`); its
        // width is read now, so that the layout the render needs is done in the render's task,
        // not the painting's.
        use_effect(move || {
            let Some(element) = canvas.cast::<HtmlCanvasElement>() else { return };
            let css_width = f64::from(element.client_width());
            in_a_task_of_its_own(move || draw_timeline(&element, &view, (span_ms, css_width), cursor, prefers_dark()));
        });
    }
    let table_view = use_view_refreshed_for(TextPart::StateTimes, &props.view, props.running);
    let throughput_view = use_view_refreshed_for(TextPart::Throughput, &props.view, props.running);
    let (onmousemove, onkeydown) = pointing(&props.view, span_ms, &cursor);
    let onmouseleave = { let cursor = cursor.clone(); Callback::from(move |_: MouseEvent| cursor.set(None)) };
    let readout_name = if props.compact { format!("Timeline readout, {}", props.view.mode.label()) } else { "Timeline readout".to_owned() };
    let height = timeline_height(props.view.lanes.len());
    let states = shown_states(&table_view.lanes, table_view.now_ms);
    // From the tables' view: a description that changed every frame would cost a style and
    // accessibility update every frame.
    let description = format!(
        "Timeline of {} worker(s) in the {} mode over {:.0} ms; the tables below hold the same data.",
        table_view.lanes.len(),
        table_view.mode.label(),
        table_view.now_ms
    );
    html! {
        <>
            <canvas ref={canvas.clone()} class="timeline" role="img" aria-label={description} style={format!("height: {height}px")}
                tabindex="0" {onmousemove} {onkeydown} {onmouseleave} />
            { readout_line(&readout_name, cursor.map(|(lane, ms)| reading(&props.view, lane, ms))) }
            if props.compact {
                { png_button(canvas.clone(), &format!("Timeline, {}", props.view.mode.label())) }
                <StateTimesTable view={table_view.clone()} states={states.clone()} name={format!("Time per worker and state, {}", props.view.mode.label())} />
            } else {
                <Legend states={states.clone()} />
                { png_button(canvas, "Timeline") }
                <StateTimesTable view={table_view.clone()} {states} name="Time per worker and state" />
                if props.throughput {
                    <ThroughputTable view={throughput_view} name="Throughput" />
                }
                if !props.running {
                    <EventsTable view={props.view.clone()} />
                }
            }
            <IoResponseHistogram view={props.view.clone()} />
        </>
    }
}

/// How often (ms) the text under and beside a running timeline of `lanes` workers changes (its
/// tables, its description, the progress figure): four times a second, or once a second while
/// workers outnumber cores. Every change of the page's text costs a layout, and a machine busy
/// with more workers than cores gives the page's thread so little time that a frame with a
/// layout can stretch past 50 ms. The canvas follows every redraw.
pub fn text_refresh_ms(lanes: usize) -> f64 {
    if lanes > core_count() { 1000.0 } else { 250.0 }
}

/// The running text's parts, each refreshed at its own third of the refresh interval, so that
/// no one redraw lays them all out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextPart {
    /// The progress bar and figure.
    Progress,
    /// The time-per-state table and the timeline's description.
    StateTimes,
    /// The throughput table.
    Throughput,
}

/// `view` as it was at the last refresh of `part` while running (every
/// [`text_refresh_ms`]); the latest once the run has ended.
#[hook]
pub fn use_view_refreshed_for(part: TextPart, view: &RunView, running: bool) -> RunView {
    let every_ms = text_refresh_ms(view.lanes.len());
    let period = |now_ms: f64| ((now_ms + part as u8 as f64 * every_ms / 3.0) / every_ms).floor();
    let shown = use_mut_ref(|| view.clone());
    let mut shown = shown.borrow_mut();
    // A new run starts its time again: its first view is always shown.
    let stale = period(view.now_ms) != period(shown.now_ms) || view.now_ms < shown.now_ms || view.lanes.len() != shown.lanes.len();
    if !running || stale {
        *shown = view.clone();
    }
    shown.clone()
}

/// What the readout says about `lane` at `ms`: the state then and how long it lasted, or, in a
/// long run's summarised past, the time spent in each state over the summary's span there.
fn reading(view: &RunView, lane: usize, ms: f64) -> String {
    let Some(history) = view.lanes.get(lane) else { return String::new() };
    let worker = format!("{} at {ms:.1} ms", history.name());
    if let Some((from_ms, to_ms, times)) = summary_span_at(history, ms) {
        return format!("{worker}: summarised, from {from_ms:.1} to {to_ms:.1} ms: {}", spent_text(&times));
    }
    match interval_at(&history.intervals(view.now_ms), ms) {
        Some(interval) => format!(
            "{worker}: {} (from {:.1} to {:.1} ms, {:.1} ms)",
            history.describe(interval),
            interval.start_ms,
            interval.end_ms,
            interval.duration_ms()
        ),
        None => format!("{worker}: nothing recorded yet"),
    }
}

/// The summary span of `history` that holds `ms` (its start, end and time per state), when `ms`
/// falls before the events kept in full.
fn summary_span_at(history: &LaneHistory, ms: f64) -> Option<(f64, f64, StateTimes)> {
    if ms >= history.summarised_until_ms() {
        return None;
    }
    let bin_ms = history.summary().bin_ms();
    let index = (ms / bin_ms).floor() as usize;
    let times = history.summary().bins().get(index)?;
    Some((index as f64 * bin_ms, ((index + 1) as f64 * bin_ms).min(history.summarised_until_ms()), *times))
}

/// "running 8.0 ms, waiting for the GIL 120.0 ms".
fn spent_text(times: &StateTimes) -> String {
    let parts: Vec<String> = times.spent().map(|(state, ms)| format!("{} {ms:.1} ms", state.label())).collect();
    parts.join(", ")
}

/// Where the arrow keys stop in `history`: each summary span's start, then each state change.
fn stops(history: &LaneHistory, now_ms: f64) -> Vec<f64> {
    let bin_ms = history.summary().bin_ms();
    let spans = (0..history.summary().bins().len()).map(|index| index as f64 * bin_ms).take_while(|&at| at < history.summarised_until_ms());
    spans.chain(history.intervals(now_ms).iter().map(|interval| interval.start_ms)).collect()
}

/// The interval that holds `ms`, or the last one begun before it.
fn interval_at(intervals: &[Interval], ms: f64) -> Option<&Interval> {
    intervals.iter().rev().find(|interval| interval.start_ms <= ms)
}

/// The pointer picks a lane and a time; the arrow keys step through the lane's state changes
/// (left, right), change lanes (up, down), or go to the start or end (Home, End).
fn pointing(view: &RunView, span_ms: f64, cursor: &UseStateHandle<Option<(usize, f64)>>) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let lanes = view.lanes.len();
    let left = names_width(&view.lanes);
    let on_move = {
        let cursor = cursor.clone();
        Callback::from(move |event: MouseEvent| {
            let width = event.target_dyn_into::<HtmlCanvasElement>().map_or(0.0, |canvas| f64::from(canvas.client_width()));
            if let Some(point) = point_in_chart(&event) {
                cursor.set(lane_and_time_at(point, (width, left), lanes, span_ms));
            }
        })
    };
    let (view, cursor) = (view.clone(), cursor.clone());
    let on_key = Callback::from(move |event: KeyboardEvent| {
        let Some(step) = cursor_move(&event) else { return };
        let (lane, ms) = cursor.unwrap_or((0, 0.0));
        let changes: Vec<f64> = view.lanes.get(lane).map(|history| stops(history, view.now_ms)).unwrap_or_default();
        cursor.set(Some(match step {
            CursorMove::Up => (lane.saturating_sub(1), ms),
            CursorMove::Down => ((lane + 1).min(lanes.saturating_sub(1)), ms),
            CursorMove::First => (lane, 0.0),
            CursorMove::Last => (lane, span_ms),
            CursorMove::Back => (lane, changes.iter().rev().copied().find(|&at| at < ms).unwrap_or(0.0)),
            CursorMove::Forward => (lane, changes.iter().copied().find(|&at| at > ms).unwrap_or(ms)),
        }));
    });
    (on_move, on_key)
}

/// Calls `redraw` when the window is resized or the colour scheme changes; returns the
/// clean-up that stops listening.
fn redraw_on_resize_or_theme_change(redraw: impl Fn() + 'static) -> impl FnOnce() {
    let listener = Closure::<dyn Fn()>::new(redraw);
    let window = web_sys::window();
    let scheme = window.as_ref().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    let targets: Vec<EventTarget> = window.map(Into::into).into_iter().chain(scheme.map(Into::into)).collect();
    for (target, event) in targets.iter().zip(["resize", "change"]) {
        let _ = target.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    }
    move || {
        for (target, event) in targets.iter().zip(["resize", "change"]) {
            let _ = target.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
    }
}

/// Props: the states to show.
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// In legend order (`shown_states`).
    pub states: Vec<WorkerState>,
}

/// The colours of the states.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            { for props.states.iter().map(|state| html! {
                <li>
                    <span class="swatch" style={format!("background: {}", state_colour(*state))} aria-hidden="true"></span>
                    { state.label() }
                </li>
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct StateTimesProps {
    view: RunView,
    /// The columns, in legend order.
    states: Vec<WorkerState>,
    name: AttrValue,
}

/// Milliseconds each worker spent in each state.
#[component]
fn StateTimesTable(props: &StateTimesProps) -> Html {
    let now_ms = props.view.now_ms;
    html! {
        <div class="table-scroll">
            <table aria-label={props.name.clone()} class="live">
                <caption>{ "Time each worker spent in each state (ms)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Worker" }</th>
                        { for props.states.iter().map(|state| html! { <th scope="col">{ state.label() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for props.view.lanes.iter().map(|history| (history.name(), history.state_times(now_ms))).map(|(name, times)| html! {
                        <tr>
                            <th scope="row">{ name }</th>
                            { for props.states.iter().map(|state| html! {
                                <td>{ format!("{:.1}", times.of(*state)) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            { csv_button(&props.name) }
        </div>
    }
}
