//! The convoy's histogram (experiment B4): how late the I/O worker ran again after each of its
//! I/O operations, as an SVG bar chart with labelled axes and a hover/focus readout, and the same
//! counts as a table.
//! Under the GIL the delays cluster near the switch interval; free-threaded they stay near zero.
//! A long run's older events are summarised (`LaneHistory`): its latest operations are counted.

use engine::{io_response_times_ms, Experiment, LaneHistory};
use yew::prelude::*;

use crate::charts::axis::{tick_label, ticks};
use crate::charts::readout::{keys_move_index, pointer_picks_index, readout_line};
use crate::components::export::{csv_button, svg_png_button};
use crate::run_controller::RunView;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 52.0;
/// Bars in the histogram.
const BINS: usize = 12;

/// Props: a finished or running convoy run.
#[derive(Properties, PartialEq)]
pub struct IoResponseHistogramProps {
    /// The run.
    pub view: RunView,
}

/// Response times counted into equal bins from 0 to the largest.
struct Histogram {
    bin_ms: f64,
    counts: Vec<usize>,
}

impl Histogram {
    fn of(responses: &[f64]) -> Self {
        let largest = responses.iter().copied().fold(0.0, f64::max);
        let bin_ms = nice_bin_width(largest);
        let mut counts = vec![0; BINS];
        for &response in responses {
            counts[((response / bin_ms) as usize).min(BINS - 1)] += 1;
        }
        Histogram { bin_ms, counts }
    }

    fn range_label(&self, bin: usize) -> String {
        let (from, to) = (bin as f64 * self.bin_ms, (bin + 1) as f64 * self.bin_ms);
        if bin == BINS - 1 { format!("{} or more", tick_label(from)) } else { format!("{} to {}", tick_label(from), tick_label(to)) }
    }
}

/// A round bin width (1, 2 or 5 × a power of ten) so that `largest` falls in the last bins.
fn nice_bin_width(largest: f64) -> f64 {
    let step = ticks(largest.max(0.01), BINS - 1);
    step.get(1).copied().unwrap_or(1.0)
}

/// The histogram, or nothing for runs that are not a convoy.
#[component]
pub fn IoResponseHistogram(props: &IoResponseHistogramProps) -> Html {
    let pointed = use_state(|| None::<usize>);
    let Experiment::Convoy { millis, .. } = props.view.experiment else { return html! {} };
    let responses: Vec<f64> = props
        .view
        .lanes
        .iter()
        .flat_map(|history| io_response_times_ms(&history.events().copied().collect::<Vec<_>>(), millis as f64))
        .collect();
    let summarised = props.view.lanes.iter().any(LaneHistory::is_summarised);
    if responses.is_empty() {
        return html! {};
    }
    let mode = props.view.mode.label();
    let histogram = Histogram::of(&responses);
    html! {
        <div class="io-histogram">
            <h3>{ format!("I/O response times, {mode}") }</h3>
            <p>{ summary_line(&responses, summarised) }</p>
            { chart(&histogram, mode, &pointed) }
            { readout_line(&format!("Histogram readout, {mode}"), pointed.map(|bin| reading(&histogram, bin))) }
            { svg_png_button(&format!("I/O response times, {mode}")) }
            { table(&histogram, mode) }
        </div>
    }
}

/// The count and spread of the response times; a long run's lanes keep only their latest events
/// one by one, so then only the latest operations are counted, and the line says so.
fn summary_line(responses: &[f64], summarised: bool) -> String {
    let mut sorted = responses.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |share: f64| sorted[((sorted.len() - 1) as f64 * share).round() as usize];
    format!(
        "{} {}operations: median {:.2} ms, 95th percentile {:.2} ms, longest {:.2} ms after the I/O was done.",
        sorted.len(),
        if summarised { "latest " } else { "" },
        at(0.5),
        at(0.95),
        at(1.0)
    )
}

/// What the readout says about one bar.
fn reading(histogram: &Histogram, bin: usize) -> String {
    let count = histogram.counts[bin.min(BINS - 1)];
    format!("{} ms after the I/O was done: {count} operation(s)", histogram.range_label(bin.min(BINS - 1)))
}

/// Pointer and arrow keys pick the bar the readout shows.
fn pointing(pointed: &UseStateHandle<Option<usize>>) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let bar_at = |across: f64| Some(((across * BINS as f64) as usize).min(BINS - 1));
    (pointer_picks_index(pointed, (WIDTH, LEFT, RIGHT), bar_at), keys_move_index(pointed, BINS))
}

fn chart(histogram: &Histogram, mode: &str, pointed: &UseStateHandle<Option<usize>>) -> Html {
    let most = histogram.counts.iter().copied().max().unwrap_or(1).max(1);
    let y_ticks = ticks(most as f64, 4);
    let top_count = y_ticks.last().copied().unwrap_or(1.0).max(most as f64);
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_bottom = HEIGHT - BOTTOM;
    let bar_width = plot_width / BINS as f64;
    let y = |count: f64| plot_bottom - count / top_count * (plot_bottom - TOP);
    let description = format!("Histogram of I/O response times in the {mode} mode; the table below holds the same counts.");
    let (onmousemove, onkeydown) = pointing(pointed);
    html! {
        <svg class="chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={description} tabindex="0"
            {onmousemove} {onkeydown}>
            { for y_ticks.iter().map(|&tick| html! {
                <g>
                    <line class="grid" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y(tick).to_string()} y2={y(tick).to_string()} />
                    <text x={(LEFT - 8.0).to_string()} y={(y(tick) + 4.0).to_string()} text-anchor="end">{ tick_label(tick) }</text>
                </g>
            }) }
            { for histogram.counts.iter().enumerate().map(|(bin, &count)| { let x = LEFT + bin as f64 * bar_width; html! {
                <rect class={classes!("histogram-bar", (**pointed == Some(bin)).then_some("chosen"))} x={(x + 1.0).to_string()} y={y(count as f64).to_string()} width={(bar_width - 2.0).to_string()}
                    height={(plot_bottom - y(count as f64)).to_string()}>
                    <title>{ format!("{} ms: {count} operation(s)", histogram.range_label(bin)) }</title>
                </rect>
            } }) }
            { for (0..=BINS).step_by(2).map(|edge| html! {
                <text x={(LEFT + edge as f64 * bar_width).to_string()} y={(plot_bottom + 18.0).to_string()} text-anchor="middle">
                    { tick_label(edge as f64 * histogram.bin_ms) }
                </text>
            }) }
            <line class="axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={plot_bottom.to_string()} y2={plot_bottom.to_string()} />
            <line class="axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={plot_bottom.to_string()} />
            <text x={(LEFT + plot_width / 2.0).to_string()} y={(HEIGHT - 10.0).to_string()} text-anchor="middle">{ "Response time after the I/O was done (ms)" }</text>
            <text transform={format!("translate(16 {}) rotate(-90)", (TOP + plot_bottom) / 2.0)} text-anchor="middle">{ "I/O operations" }</text>
        </svg>
    }
}

fn table(histogram: &Histogram, mode: &str) -> Html {
    html! {
        <div class="table-scroll">
            <table aria-label={format!("I/O response times, {mode}")}>
                <thead>
                    <tr>
                        <th scope="col">{ "Response time (ms)" }</th>
                        <th scope="col">{ "I/O operations" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for histogram.counts.iter().enumerate().map(|(bin, count)| html! {
                        <tr>
                            <th scope="row">{ histogram.range_label(bin) }</th>
                            <td>{ count }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { csv_button(&format!("I/O response times, {mode}")) }
        </div>
    }
}
