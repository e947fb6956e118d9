//! The run's progress bar and percentage, refreshed as the timeline's text is (see
//! [`use_view_refreshed_for`]) while the run goes.

use yew::prelude::*;

use crate::components::timeline::{use_view_refreshed_for, TextPart};
use crate::run_controller::RunView;

/// Props: the current or last run and whether it still goes.
#[derive(Properties, PartialEq)]
pub struct RunProgressProps {
    /// The run.
    pub view: RunView,
    /// Whether it still goes.
    pub running: bool,
}

/// The labelled progress bar and its percentage.
#[component]
pub fn RunProgress(props: &RunProgressProps) -> Html {
    let progress = use_view_refreshed_for(TextPart::Progress, &props.view, props.running).progress;
    html! {
        <div class="progress">
            <label for="progress">{ "Progress" }</label>
            <progress id="progress" max="1" value={progress.to_string()}></progress>
            <span>{ format!("{:.0} %", progress * 100.0) }</span>
        </div>
    }
}
