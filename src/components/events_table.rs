//! The timeline's table of every state change of a finished run, one row per interval; in a
//! long run, whose older events are summarised (`LaneHistory`), one row per state per summary
//! span before them, marked "(summary)", with a note that says so in the table's footer, so
//! that its CSV says so too.

use engine::LaneHistory;
use yew::prelude::*;

use crate::components::export::csv_button;
use crate::run_controller::RunView;

/// Props: the finished run.
#[derive(Properties, PartialEq)]
pub struct EventsTableProps {
    /// The run.
    pub view: RunView,
}

/// Most rows the events table shows, so a long run with many workers stays quick to render.
const MAX_EVENT_ROWS: usize = 5000;

/// Every state change of the finished run, one row per interval; in a long run, whose older
/// events are summarised, one row per state per summary span before them (and a note saying so,
/// which the CSV carries too). The rows are built only while the table is open: a long GIL run
/// has thousands, which would cost the end of every run.
#[component]
pub fn EventsTable(props: &EventsTableProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| open.set(event.target_dyn_into::<web_sys::Element>().is_some_and(|details| details.has_attribute("open"))))
    };
    html! {
        <details class="events" open={*open} {ontoggle}>
            <summary>{ "Every state change, as a table" }</summary>
            if *open {
                { events_table(&props.view) }
            }
        </details>
    }
}

/// One row of the events table: a worker's interval in one state, or its time in a state over
/// one summary span.
struct EventRow<'a> {
    /// The lane's name.
    worker: &'a str,
    /// The state, with the object waited on if the event named one.
    state: String,
    from_ms: f64,
    to_ms: f64,
    in_state_ms: f64,
}

/// Every row of `history`: its summary spans' states, then its intervals.
fn lane_rows(history: &LaneHistory, now_ms: f64) -> impl Iterator<Item = EventRow<'_>> + '_ {
    let worker = history.name();
    let bin_ms = history.summary().bin_ms();
    let until_ms = history.summarised_until_ms();
    let summarised = history.summary().bins().iter().enumerate().flat_map(move |(index, times)| {
        let (from_ms, to_ms) = (index as f64 * bin_ms, ((index + 1) as f64 * bin_ms).min(until_ms));
        let spent: Vec<_> = times.spent().collect();
        spent.into_iter().map(move |(state, ms)| EventRow { worker, state: format!("{} (summary)", state.label()), from_ms, to_ms, in_state_ms: ms })
    });
    let exact = history.intervals(now_ms).into_iter().map(move |interval| EventRow {
        worker,
        state: history.describe(&interval),
        from_ms: interval.start_ms,
        to_ms: interval.end_ms,
        in_state_ms: interval.duration_ms(),
    });
    summarised.chain(exact)
}

/// What the table says when some lanes are summarised: where, and at what resolution.
fn summary_note(view: &RunView) -> Option<String> {
    let summarised: Vec<&LaneHistory> = view.lanes.iter().filter(|history| history.is_summarised()).collect();
    let latest_ms = summarised.iter().map(|history| history.summarised_until_ms()).fold(0.0, f64::max);
    let span_ms = summarised.iter().map(|history| history.summary().bin_ms()).fold(0.0, f64::max);
    (!summarised.is_empty()).then(|| format!(
        "Summarised: this run was long, so {} of {} workers keep only their latest state changes one by one; \
         before those (up to {latest_ms:.1} ms), rows marked “(summary)” give the time a worker spent in a state within a span of {span_ms} ms or less.",
        summarised.len(),
        view.lanes.len()
    ))
}

fn events_table(view: &RunView) -> Html {
    let rows = || view.lanes.iter().flat_map(|history| lane_rows(history, view.now_ms));
    let total = rows().count();
    let note = summary_note(view);
    html! {
        <>
            if total > MAX_EVENT_ROWS {
                <p>{ format!("The first {MAX_EVENT_ROWS} of {total} rows are shown.") }</p>
            }
            if let Some(note) = note.clone() {
                <p class="summary-note">{ note }</p>
            }
            <div class="table-scroll">
                <table aria-label="Timeline events">
                    <thead>
                        <tr>
                            <th scope="col">{ "Worker" }</th>
                            <th scope="col">{ "State" }</th>
                            <th scope="col">{ "From (ms)" }</th>
                            <th scope="col">{ "To (ms)" }</th>
                            <th scope="col">{ "Time in the state (ms)" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows().take(MAX_EVENT_ROWS).map(|row| html! {
                            <tr>
                                <td>{ row.worker }</td>
                                <td>{ row.state }</td>
                                <td>{ format!("{:.3}", row.from_ms) }</td>
                                <td>{ format!("{:.3}", row.to_ms) }</td>
                                <td>{ format!("{:.3}", row.in_state_ms) }</td>
                            </tr>
                        }) }
                    </tbody>
                    if let Some(note) = note {
                        <tfoot>
                            <tr><td colspan="5">{ note }</td></tr>
                        </tfoot>
                    }
                </table>
                { csv_button("Timeline events") }
            </div>
        </>
    }
}
