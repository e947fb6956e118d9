//! Compare's bar chart: one horizontal bar per mode, its wall time on a millisecond axis, as an
//! SVG chart with a hover/focus readout and PNG download, and the same figures as a table.

use yew::prelude::*;

use crate::charts::axis::{tick_label, ticks};
use crate::charts::readout::{keys_move_index, readout_line};
use crate::components::export::{csv_button, svg_png_button};
use crate::run_controller::RunView;

const WIDTH: f64 = 640.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 10.0;
const BAR_HEIGHT: f64 = 24.0;
const BAR_GAP: f64 = 10.0;
const BOTTOM: f64 = 48.0;

/// Props: one finished run per mode, single worker first when it ran.
#[derive(Properties, PartialEq)]
pub struct WallTimeChartProps {
    /// The runs, in the order they ran.
    pub runs: Vec<RunView>,
}

/// The chart, its readout, and its table.
#[component]
pub fn WallTimeChart(props: &WallTimeChartProps) -> Html {
    let pointed = use_state(|| None::<usize>);
    let bars: Vec<(&'static str, f64)> = props.runs.iter().map(|run| (run.mode.label(), run.now_ms)).collect();
    let baseline_ms = bars.first().map_or(1.0, |(_, ms)| ms.max(f64::EPSILON));
    let reading = pointed.and_then(|index| bars.get(index)).map(|(mode, ms)| {
        format!("{mode}: {ms:.0} ms, {:.2} × the {} run", ms / baseline_ms, bars[0].0)
    });
    html! {
        <div class="wall-time-chart">
            { chart(&bars, &pointed) }
            { readout_line("Wall time readout", reading) }
            { svg_png_button("Wall time by mode") }
            { table(&bars, baseline_ms) }
        </div>
    }
}

fn chart(bars: &[(&'static str, f64)], pointed: &UseStateHandle<Option<usize>>) -> Html {
    let height = TOP + bars.len() as f64 * (BAR_HEIGHT + BAR_GAP) + BOTTOM;
    let x_ticks = ticks(bars.iter().map(|(_, ms)| *ms).fold(1.0, f64::max), 5);
    let end_ms = x_ticks.last().copied().unwrap_or(1.0).max(1.0);
    let x = |ms: f64| LEFT + ms / end_ms * (WIDTH - LEFT - RIGHT);
    let axis_y = height - BOTTOM;
    let onkeydown = keys_move_index(pointed, bars.len());
    let onmouseleave = { let pointed = pointed.clone(); Callback::from(move |_: MouseEvent| pointed.set(None)) };
    html! {
        <svg class="chart" viewBox={format!("0 0 {WIDTH} {height}")} role="img" tabindex="0" {onkeydown} {onmouseleave}
            aria-label="Wall time of each mode, as bars; the table below holds the same figures.">
            { for x_ticks.iter().map(|&tick| html! {
                <g>
                    <line class="grid" x1={x(tick).to_string()} x2={x(tick).to_string()} y1={TOP.to_string()} y2={axis_y.to_string()} />
                    <text x={x(tick).to_string()} y={(axis_y + 16.0).to_string()} text-anchor="middle">{ tick_label(tick) }</text>
                </g>
            }) }
            { for bars.iter().enumerate().map(|(index, (mode, ms))| {
                let top = TOP + index as f64 * (BAR_HEIGHT + BAR_GAP);
                let onmouseenter = { let pointed = pointed.clone(); Callback::from(move |_: MouseEvent| pointed.set(Some(index))) };
                html! {
                    <g {onmouseenter}>
                        <text x={(LEFT - 8.0).to_string()} y={(top + BAR_HEIGHT / 2.0 + 4.0).to_string()} text-anchor="end">{ *mode }</text>
                        <rect class={classes!("wall-bar", (**pointed == Some(index)).then_some("chosen"))} x={LEFT.to_string()}
                            y={top.to_string()} width={(x(*ms) - LEFT).max(1.0).to_string()} height={BAR_HEIGHT.to_string()} />
                    </g>
                }
            }) }
            <line class="axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={axis_y.to_string()} y2={axis_y.to_string()} />
            <text x={((LEFT + WIDTH - RIGHT) / 2.0).to_string()} y={(height - 10.0).to_string()} text-anchor="middle">{ "Wall time (ms): shorter is faster" }</text>
        </svg>
    }
}

fn table(bars: &[(&'static str, f64)], baseline_ms: f64) -> Html {
    let baseline_mode = bars.first().map_or("", |(mode, _)| *mode);
    html! {
        <div class="table-scroll">
            <table aria-label="Wall time by mode">
                <thead>
                    <tr>
                        <th scope="col">{ "Mode" }</th>
                        <th scope="col">{ "Wall time (ms)" }</th>
                        <th scope="col">{ format!("Against {baseline_mode} (×)") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for bars.iter().map(|(mode, ms)| html! {
                        <tr>
                            <th scope="row">{ *mode }</th>
                            <td>{ format!("{ms:.0}") }</td>
                            <td>{ format!("{:.2}", ms / baseline_ms) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { csv_button("Wall time by mode") }
        </div>
    }
}
