//! The results table: one row per finished run of this visit, the last [`SHOWN_ROWS`] of them
//! unless the reader asks for all (each row is about 21 elements: hundreds of runs would slow
//! the page down); the CSV download holds every run either way.

use engine::GilPolicy;
use yew::prelude::*;

use crate::components::export::csv_lines_button;
use crate::history::{History, ResultRow};

/// Rows shown until the reader asks for all.
pub const SHOWN_ROWS: usize = 100;

/// The columns.
const HEADERS: [&str; 10] = [
    "Run",
    "Experiment",
    "Mode",
    "Workers",
    "Wall time (ms)",
    "Busy time, summed (ms)",
    "Speed-up vs single worker",
    "GIL hand-offs",
    "Failed GIL acquisitions",
    "Result",
];

/// Props: the rows to show.
#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    /// Every finished run.
    pub history: std::rc::Rc<History>,
}

/// The results table, newest run last.
#[component]
pub fn ResultsTable(props: &ResultsTableProps) -> Html {
    let show_all = use_state_eq(|| false);
    // Callbacks
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    let every_line = {
        let history = props.history.clone();
        move || std::iter::once(HEADERS.map(str::to_owned).to_vec()).chain(history.rows.iter().map(|row| cells(row).to_vec())).collect()
    };
    // View
    let rows = &props.history.rows;
    let shown = if *show_all { rows.as_slice() } else { &rows[rows.len().saturating_sub(SHOWN_ROWS)..] };
    html! {
        <section aria-labelledby="results-heading" class="panel results">
            <h2 id="results-heading">{ "Results" }</h2>
            if rows.is_empty() {
                <p>{ "Finished runs appear here. Run the same experiment with a single worker first: later runs show their speed-up against it." }</p>
            }
            if rows.len() > SHOWN_ROWS {
                <p class="hint">
                    { if *show_all { format!("Showing all {} results. ", rows.len()) } else { format!("Showing the last {SHOWN_ROWS} of {} results. ", rows.len()) } }
                    <button type="button" class="secondary" onclick={toggle}>
                        { if *show_all { format!("Show only the last {SHOWN_ROWS} results") } else { format!("Show all {} results", rows.len()) } }
                    </button>
                </p>
            }
            // Its own scroll: wide rows move sideways inside the panel, never past the page.
            <div class="table-scroll" tabindex="0">
                <table aria-label="Results" class="results">
                    <thead>
                        <tr>{ for HEADERS.iter().map(|header| html! { <th scope="col">{ *header }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for shown.iter().map(result_row) }
                    </tbody>
                </table>
                { csv_lines_button("Results", every_line) }
            </div>
        </section>
    }
}

/// A row, keyed by its run's number so that rows only move as older ones leave the table.
fn result_row(row: &ResultRow) -> Html {
    let [number, cells @ ..] = cells(row);
    html! {
        <tr key={row.number}>
            <th scope="row">{ number }</th>
            { for cells.into_iter().enumerate().map(|(column, text)| {
                let class = (column + 2 == HEADERS.len()).then_some("result");
                html! { <td {class}>{ text }</td> }
            }) }
        </tr>
    }
}

/// The row's cells as the table and its CSV show them.
fn cells(row: &ResultRow) -> [String; HEADERS.len()] {
    let speed_up = row.speed_up.map_or_else(|| "no single-worker run yet".to_owned(), |s| format!("{s:.2}×"));
    let (handoffs, failed) = row.gil.map_or_else(
        || ("—".to_owned(), "—".to_owned()),
        |gil| (gil.handoffs.to_string(), gil.failed_acquisitions.to_string()),
    );
    let mode = match (row.gil.is_some(), row.gil_policy) {
        (true, GilPolicy::CheckInterval { ticks }) => format!("{} (Python 3.1 GIL, every {ticks} ticks)", row.mode.label()),
        _ => row.mode.label().to_owned(),
    };
    [
        row.number.to_string(),
        row.experiment.kind().label().to_owned(),
        mode,
        row.workers.to_string(),
        format!("{:.0}", row.summary.wall_ms),
        format!("{:.0}", row.summary.busy_ms),
        speed_up,
        handoffs,
        failed,
        row.result.to_string(),
    ]
}
