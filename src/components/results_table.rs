//! The results table: one row per finished run of this visit.

use engine::GilPolicy;
use yew::prelude::*;

use crate::components::export::csv_button;
use crate::history::{History, ResultRow};

/// Props: the rows to show.
#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    /// Every finished run.
    pub history: std::rc::Rc<History>,
}

/// The results table, newest run last.
#[component]
pub fn ResultsTable(props: &ResultsTableProps) -> Html {
    html! {
        <section aria-labelledby="results-heading">
            <h2 id="results-heading">{ "Results" }</h2>
            if props.history.rows.is_empty() {
                <p>{ "Finished runs appear here. Run the same experiment with a single worker first: later runs show their speed-up against it." }</p>
            }
            <div class="table-scroll">
                <table aria-label="Results">
                    <thead>
                        <tr>
                            <th scope="col">{ "Run" }</th>
                            <th scope="col">{ "Experiment" }</th>
                            <th scope="col">{ "Mode" }</th>
                            <th scope="col">{ "Workers" }</th>
                            <th scope="col">{ "Wall time (ms)" }</th>
                            <th scope="col">{ "Busy time, summed (ms)" }</th>
                            <th scope="col">{ "Speed-up vs single worker" }</th>
                            <th scope="col">{ "GIL hand-offs" }</th>
                            <th scope="col">{ "Failed GIL acquisitions" }</th>
                            <th scope="col">{ "Result" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.history.rows.iter().map(result_row) }
                    </tbody>
                </table>
                { csv_button("Results") }
            </div>
        </section>
    }
}

fn result_row(row: &ResultRow) -> Html {
    let speed_up = row.speed_up.map_or_else(|| "no single-worker run yet".to_owned(), |s| format!("{s:.2}×"));
    let (handoffs, failed) = row.gil.map_or_else(
        || ("—".to_owned(), "—".to_owned()),
        |gil| (gil.handoffs.to_string(), gil.failed_acquisitions.to_string()),
    );
    let mode = match (row.gil.is_some(), row.gil_policy) {
        (true, GilPolicy::CheckInterval { ticks }) => format!("{} (Python 3.1 GIL, every {ticks} ticks)", row.mode.label()),
        _ => row.mode.label().to_owned(),
    };
    html! {
        <tr>
            <th scope="row">{ row.number }</th>
            <td>{ row.experiment.kind().label() }</td>
            <td>{ mode }</td>
            <td>{ row.workers }</td>
            <td>{ format!("{:.0}", row.summary.wall_ms) }</td>
            <td>{ format!("{:.0}", row.summary.busy_ms) }</td>
            <td>{ speed_up }</td>
            <td>{ handoffs }</td>
            <td>{ failed }</td>
            <td class="result">{ row.result.to_string() }</td>
        </tr>
    }
}
