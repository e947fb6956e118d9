//! Live throughput: work units (ticks: one decrement, one sample, one candidate…) per second,
//! per worker and in all, over the last second while the run goes and over the whole run once
//! it has ended.

use yew::prelude::*;

use crate::components::export::csv_button;
use crate::run_controller::RunView;

/// Props: the run.
#[derive(Properties, PartialEq)]
pub struct ThroughputTableProps {
    /// The current or last run.
    pub view: RunView,
    /// The table's accessible name.
    pub name: AttrValue,
}

/// The throughput table.
#[component]
pub fn ThroughputTable(props: &ThroughputTableProps) -> Html {
    let rates = &props.view.throughput;
    let total: f64 = rates.iter().sum();
    html! {
        <div class="table-scroll">
            <table aria-label={props.name.clone()} class="throughput live">
                <caption>{ "Work units per second (one unit is one tick: a decrement, a sample, a candidate…)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Worker" }</th>
                        <th scope="col">{ "Work units per second" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rates.iter().zip(props.view.lanes.iter()).map(|(rate, lane)| html! {
                        <tr>
                            <th scope="row">{ lane.name() }</th>
                            <td>{ rate_label(*rate) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{ "All workers" }</th>
                        <td>{ rate_label(total) }</td>
                    </tr>
                </tfoot>
            </table>
            { csv_button(&props.name) }
        </div>
    }
}

/// A rate with a unit prefix that keeps it short: 1.23 M, 456 k.
fn rate_label(rate: f64) -> String {
    match rate {
        r if r >= 1e9 => format!("{:.2} G", r / 1e9),
        r if r >= 1e6 => format!("{:.2} M", r / 1e6),
        r if r >= 1e3 => format!("{:.1} k", r / 1e3),
        r => format!("{r:.0}"),
    }
}
