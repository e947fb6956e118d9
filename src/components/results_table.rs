//! The results table: one row per finished run of this visit.

use yew::prelude::*;

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
                            <th scope="col">{ "Result" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.history.rows.iter().map(result_row) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn result_row(row: &ResultRow) -> Html {
    let speed_up = row.speed_up.map_or_else(|| "no single-worker run yet".to_owned(), |s| format!("{s:.2}×"));
    let handoffs = row.gil_handoffs.map_or_else(|| "—".to_owned(), |n| n.to_string());
    html! {
        <tr>
            <th scope="row">{ row.number }</th>
            <td>{ row.experiment.kind().label() }</td>
            <td>{ row.mode.label() }</td>
            <td>{ row.workers }</td>
            <td>{ format!("{:.0}", row.summary.wall_ms) }</td>
            <td>{ format!("{:.0}", row.summary.busy_ms) }</td>
            <td>{ speed_up }</td>
            <td>{ handoffs }</td>
            <td class="result">{ row.result.to_string() }</td>
        </tr>
    }
}
