//! The live timeline: a canvas with one lane per worker, its legend, and two tables with the
//! same data for screen readers (time per state while running, every state change once ended).

use engine::{intervals, time_in, WorkerState};
use wasm_bindgen::prelude::*;
use web_sys::{EventTarget, HtmlCanvasElement};
use yew::prelude::*;

use crate::charts::palette::{prefers_dark, state_colour};
use crate::charts::timeline_drawing::{draw_timeline, timeline_height};
use crate::components::export::{csv_button, png_button};
use crate::components::io_response_histogram::IoResponseHistogram;
use crate::components::throughput_table::ThroughputTable;
use crate::run_controller::RunView;

/// The states a lane can be drawn in, in legend order.
const SHOWN_STATES: [WorkerState; 5] =
    [WorkerState::Running, WorkerState::WaitingForGil, WorkerState::Blocked, WorkerState::Starting, WorkerState::Idle];

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
}

/// The timeline section.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let canvas = use_node_ref();
    let redraw = use_force_update();
    use_effect_with((), move |()| redraw_on_resize_or_theme_change(move || redraw.force_update()));
    {
        let (canvas, view) = (canvas.clone(), props.view.clone());
        let axis_end_ms = props.axis_end_ms.unwrap_or(view.now_ms);
        use_effect(move || {
            if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
                draw_timeline(&element, &view, axis_end_ms, prefers_dark());
            }
        });
    }
    let height = timeline_height(props.view.lanes.len());
    let description = format!(
        "Timeline of {} worker(s) in the {} mode over {:.0} ms; the tables below hold the same data.",
        props.view.lanes.len(),
        props.view.mode.label(),
        props.view.now_ms
    );
    html! {
        <>
            <canvas ref={canvas.clone()} class="timeline" role="img" aria-label={description} style={format!("height: {height}px")} />
            if props.compact {
                <StateTimesTable view={props.view.clone()} name={format!("Time per worker and state, {}", props.view.mode.label())} />
            } else {
                <Legend />
                { png_button(canvas, "Timeline") }
                <StateTimesTable view={props.view.clone()} name="Time per worker and state" />
                <ThroughputTable view={props.view.clone()} name="Throughput" />
                if !props.running {
                    <EventsTable view={props.view.clone()} />
                }
            }
            <IoResponseHistogram view={props.view.clone()} />
        </>
    }
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

/// The colours of the states.
#[component]
pub fn Legend() -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            { for SHOWN_STATES.iter().map(|state| html! {
                <li>
                    <span class="swatch" style={format!("background: {}", state_colour(*state))} aria-hidden="true"></span>
                    { state.label() }
                </li>
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    view: RunView,
}

#[derive(Properties, PartialEq)]
struct StateTimesProps {
    view: RunView,
    name: AttrValue,
}

/// Milliseconds each worker spent in each state.
#[component]
fn StateTimesTable(props: &StateTimesProps) -> Html {
    let now_ms = props.view.now_ms;
    html! {
        <div class="table-scroll">
            <table aria-label={props.name.clone()}>
                <caption>{ "Time each worker spent in each state (ms)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Worker" }</th>
                        { for SHOWN_STATES.iter().map(|state| html! { <th scope="col">{ state.label() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for props.view.lanes.iter().enumerate().map(|(lane, events)| html! {
                        <tr>
                            <th scope="row">{ format!("Worker {}", lane + 1) }</th>
                            { for SHOWN_STATES.iter().map(|state| html! {
                                <td>{ format!("{:.1}", time_in(events, *state, now_ms)) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            { csv_button(&props.name) }
        </div>
    }
}

/// Most rows the events table shows, so a long run with many workers stays quick to render.
const MAX_EVENT_ROWS: usize = 5000;

/// Every state change of the finished run, one row per interval.
#[component]
fn EventsTable(props: &ViewProps) -> Html {
    let rows: Vec<_> = props.view.lanes.iter().enumerate().flat_map(|(lane, events)| {
        intervals(events, props.view.now_ms).into_iter().map(move |interval| (lane, interval))
    }).collect();
    let total = rows.len();
    html! {
        <details class="events">
            <summary>{ "Every state change, as a table" }</summary>
            if total > MAX_EVENT_ROWS {
                <p>{ format!("The first {MAX_EVENT_ROWS} of {total} state changes are shown.") }</p>
            }
            <div class="table-scroll">
                <table aria-label="Timeline events">
                    <thead>
                        <tr>
                            <th scope="col">{ "Worker" }</th>
                            <th scope="col">{ "State" }</th>
                            <th scope="col">{ "From (ms)" }</th>
                            <th scope="col">{ "To (ms)" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.into_iter().take(MAX_EVENT_ROWS).map(|(lane, interval)| html! {
                            <tr>
                                <td>{ lane + 1 }</td>
                                <td>{ interval.state.label() }</td>
                                <td>{ format!("{:.3}", interval.start_ms) }</td>
                                <td>{ format!("{:.3}", interval.end_ms) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                { csv_button("Timeline events") }
            </div>
        </details>
    }
}
