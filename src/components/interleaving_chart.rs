//! The race lab's chart: the last operations as cells in one lane per worker, coloured by what
//! each did, with the writes that overwrote an update outlined; a hover/focus readout, a legend,
//! PNG download, and the same operations as a table ("Last operations").

use engine::{Operation, Step};
use yew::prelude::*;

use crate::charts::readout::{keys_move_index, pointer_picks_index, readout_line};
use crate::components::export::svg_png_button;

const WIDTH: f64 = 640.0;
const LEFT: f64 = 76.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 8.0;
const LANE_HEIGHT: f64 = 26.0;
const LANE_GAP: f64 = 8.0;
const BOTTOM: f64 = 44.0;
const LANES: usize = 2;

/// What a cell's colour says, in legend order: its CSS class and its name.
const KINDS: [(&str, &str); 5] = [
    ("op-read", "read the balance"),
    ("op-add", "add"),
    ("op-write", "write the balance"),
    ("op-lock", "acquire or release the lock"),
    ("op-wait", "wait for the lock"),
];

/// Props: the steps shown, each with its 0-based operation index.
#[derive(Properties, PartialEq)]
pub struct InterleavingChartProps {
    /// The operations, oldest first.
    pub steps: Vec<(usize, Step)>,
}

/// The chart, its readout, legend and PNG button.
#[component]
pub fn InterleavingChart(props: &InterleavingChartProps) -> Html {
    let pointed = use_state(|| None::<usize>);
    let count = props.steps.len();
    let reading = pointed.and_then(|index| props.steps.get(index)).map(|(number, step)| describe(*number, step));
    let onmousemove = pointer_picks_index(&pointed, (WIDTH, LEFT, RIGHT), move |across| {
        (count > 0).then(|| ((across * count as f64) as usize).min(count - 1))
    });
    let onkeydown = keys_move_index(&pointed, count);
    let onmouseleave = { let pointed = pointed.clone(); Callback::from(move |_: MouseEvent| pointed.set(None)) };
    let height = TOP + LANES as f64 * (LANE_HEIGHT + LANE_GAP) + BOTTOM;
    let cell_width = (WIDTH - LEFT - RIGHT) / count.max(1) as f64;
    let axis_y = height - BOTTOM + 2.0;
    let (first, last) = (props.steps.first().map_or(0, |(n, _)| n + 1), props.steps.last().map_or(0, |(n, _)| n + 1));
    html! {
        <div class="interleaving-chart">
            <svg class="chart" viewBox={format!("0 0 {WIDTH} {height}")} role="img" tabindex="0" {onmousemove} {onkeydown} {onmouseleave}
                aria-label={format!("Operations {first} to {last}, one lane per worker; the table \"Last operations\" holds the same data.")}>
                { for (0..LANES).map(|lane| html! {
                    <text x={(LEFT - 8.0).to_string()} y={(TOP + lane as f64 * (LANE_HEIGHT + LANE_GAP) + LANE_HEIGHT / 2.0 + 4.0).to_string()}
                        text-anchor="end">{ format!("Worker {}", lane + 1) }</text>
                }) }
                { for props.steps.iter().enumerate().map(|(index, (_, step))| {
                    let top = TOP + step.worker as f64 * (LANE_HEIGHT + LANE_GAP);
                    let class = classes!(kind(step).0, (!step.overwrote.is_empty()).then_some("overwrites"), (*pointed == Some(index)).then_some("chosen"));
                    html! {
                        <rect {class} x={(LEFT + index as f64 * cell_width + 0.5).to_string()} y={top.to_string()}
                            width={(cell_width - 1.0).max(1.0).to_string()} height={LANE_HEIGHT.to_string()} />
                    }
                }) }
                <line class="axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={axis_y.to_string()} y2={axis_y.to_string()} />
                <text x={LEFT.to_string()} y={(axis_y + 14.0).to_string()} text-anchor="start">{ first }</text>
                <text x={(WIDTH - RIGHT).to_string()} y={(axis_y + 14.0).to_string()} text-anchor="end">{ last }</text>
                <text x={((LEFT + WIDTH - RIGHT) / 2.0).to_string()} y={(height - 8.0).to_string()} text-anchor="middle">
                    { "Operation number (the order the scheduler picked)" }
                </text>
            </svg>
            { readout_line("Interleaving readout", reading) }
            <ul class="legend" aria-label="Interleaving legend">
                { for KINDS.iter().map(|(class, name)| html! {
                    <li><span class={classes!("swatch", *class)} aria-hidden="true"></span>{ *name }</li>
                }) }
                <li><span class="swatch overwrites" aria-hidden="true"></span>{ "outlined: a write over an update it never read" }</li>
            </ul>
            { svg_png_button("Interleaving") }
        </div>
    }
}

/// The legend entry (CSS class, name) of a step.
fn kind(step: &Step) -> (&'static str, &'static str) {
    let index = match step.operation {
        _ if step.waits => 4,
        Operation::Read => 0,
        Operation::Add(_) => 1,
        Operation::Write => 2,
        Operation::Acquire | Operation::Release => 3,
    };
    KINDS[index]
}

/// The readout of operation `index` (0-based).
fn describe(index: usize, step: &Step) -> String {
    let value = step.value.map(|value| format!(": {value}")).unwrap_or_default();
    let waits = if step.waits { ", finds it taken and waits" } else { "" };
    let overwrote = if step.overwrote.is_empty() { String::new() } else { format!(", over {} update(s) it never read", step.overwrote.len()) };
    format!("Operation {}: worker {} does “{}”{value}{waits}{overwrote}; balance after: {}.", index + 1, step.worker + 1, step.operation.label(), step.balance)
}
