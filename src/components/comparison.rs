//! Compare: the runs of one experiment in every mode, as a bar chart of wall times and
//! timelines stacked on one axis.

use yew::prelude::*;

use crate::charts::palette::CATALOGUE_STATES;
use crate::components::timeline::{Legend, Timeline};
use crate::components::wall_time_chart::WallTimeChart;
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
            <WallTimeChart runs={props.runs.clone()} />
            <Legend states={CATALOGUE_STATES.to_vec()} />
            { for props.runs.iter().map(|run| html! {
                <>
                    <h3>{ run.mode.label() }</h3>
                    <Timeline view={run.clone()} running={false} axis_end_ms={Some(longest_ms)} compact=true />
                </>
            }) }
        </section>
    }
}
