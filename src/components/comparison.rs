//! Compare: the runs of one experiment in every mode, as a bar chart of wall times (a table
//! whose bars are drawn by CSS, so it is its own data table) and timelines stacked on one axis.

use yew::prelude::*;

use crate::components::timeline::{Legend, Timeline};
use crate::run_controller::RunView;

/// Props: the runs that have ended so far, in the order they ran.
#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// One finished run per mode.
    pub runs: Vec<RunView>,
}

/// The comparison section.
#[component]
pub fn Comparison(props: &ComparisonProps) -> Html {
    let longest_ms = props.runs.iter().map(|run| run.now_ms).fold(1.0, f64::max);
    html! {
        <section aria-labelledby="comparison-heading" class="panel wide">
            <h2 id="comparison-heading">{ "Comparison" }</h2>
            <table class="bars" aria-label="Wall time by mode">
                <caption>{ "Wall time of each mode: shorter is faster" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Mode" }</th>
                        <th scope="col">{ "Wall time (ms)" }</th>
                        <th scope="col" aria-hidden="true">{ format!("0 – {longest_ms:.0} ms") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.runs.iter().map(|run| html! {
                        <tr>
                            <th scope="row">{ run.mode.label() }</th>
                            <td>{ format!("{:.0}", run.now_ms) }</td>
                            <td class="bar-cell" aria-hidden="true">
                                <div class="bar" style={format!("width: {:.1}%", 100.0 * run.now_ms / longest_ms)}></div>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <Legend />
            { for props.runs.iter().map(|run| html! {
                <>
                    <h3>{ run.mode.label() }</h3>
                    <Timeline view={run.clone()} running={false} axis_end_ms={Some(longest_ms)} compact=true />
                </>
            }) }
        </section>
    }
}
