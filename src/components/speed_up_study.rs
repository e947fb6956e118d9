//! The speed-up study: the same experiment with 1, 2, … N workers, measured speed-up against
//! workers beside the ideal line and the Amdahl curve that fits best (its serial fraction
//! shown), as an SVG chart with a hover/focus readout and the same figures as a table.

use engine::{amdahl_speed_up, fit_serial_fraction};
use yew::prelude::*;

use crate::charts::axis::{tick_label, ticks};
use crate::charts::readout::{keys_move_index, pointer_picks_index, readout_line};
use crate::components::export::{csv_button, svg_png_button};
use crate::run_controller::RunView;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 340.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 52.0;

/// Props: the study's finished runs (1 worker first) and the machine's cores.
#[derive(Properties, PartialEq)]
pub struct SpeedUpStudyProps {
    /// Finished runs, in worker order.
    pub runs: Vec<RunView>,
    /// `navigator.hardwareConcurrency`.
    pub cores: usize,
}

/// One measured point.
struct Point {
    workers: usize,
    wall_ms: f64,
    speed_up: f64,
}

/// The study section.
#[component]
pub fn SpeedUpStudy(props: &SpeedUpStudyProps) -> Html {
    let pointed = use_state(|| None::<usize>);
    let Some(one_worker_ms) = props.runs.first().map(|run| run.now_ms) else { return html! {} };
    let points: Vec<Point> = props
        .runs
        .iter()
        .map(|run| Point { workers: run.workers, wall_ms: run.now_ms, speed_up: one_worker_ms / run.now_ms.max(f64::EPSILON) })
        .collect();
    let serial = fit_serial_fraction(&points.iter().map(|p| (p.workers, p.speed_up)).collect::<Vec<_>>());
    let mode = props.runs[0].mode.label();
    html! {
        <section aria-labelledby="study-heading" class="panel wide">
            <h2 id="study-heading">{ format!("Speed-up study ({mode})") }</h2>
            <p role="status">{ match serial {
                Some(f) => format!("Estimated serial fraction (Amdahl fit): f = {f:.2}. This machine has {} cores: beyond that, workers share cores.", props.cores),
                None => "The fit needs a run with two or more workers.".to_owned(),
            } }</p>
            { chart(&points, serial, props.cores, &pointed) }
            { readout_line("Speed-up readout", pointed.and_then(|index| points.get(index)).map(|point| reading(point, serial))) }
            { svg_png_button("Speed-up chart") }
            <ul class="legend" aria-label="Chart legend">
                <li><span class="swatch measured" aria-hidden="true"></span>{ "measured" }</li>
                <li><span class="swatch ideal" aria-hidden="true"></span>{ "ideal (speed-up = workers)" }</li>
                <li><span class="swatch fit" aria-hidden="true"></span>{ "Amdahl fit" }</li>
            </ul>
            { table(&points, serial, props.cores) }
        </section>
    }
}

/// Chart coordinates for workers on x and speed-up on y.
struct Scale {
    max_workers: f64,
    max_speed_up: f64,
}

impl Scale {
    fn x(&self, workers: f64) -> f64 {
        LEFT + (workers - 1.0) / (self.max_workers - 1.0).max(1.0) * (WIDTH - LEFT - RIGHT)
    }

    fn y(&self, speed_up: f64) -> f64 {
        HEIGHT - BOTTOM - speed_up / self.max_speed_up * (HEIGHT - TOP - BOTTOM)
    }

    fn path(&self, points: impl Iterator<Item = (f64, f64)>) -> String {
        points.map(|(w, s)| format!("{:.1},{:.1}", self.x(w), self.y(s))).collect::<Vec<_>>().join(" ")
    }
}

/// What the readout says about one measured point.
fn reading(point: &Point, serial: Option<f64>) -> String {
    let fit = serial.map_or_else(String::new, |f| format!(", Amdahl fit {:.2}×", amdahl_speed_up(f, point.workers)));
    format!("{} worker(s): speed-up {:.2}× (ideal {}×{fit}), wall time {:.0} ms", point.workers, point.speed_up, point.workers, point.wall_ms)
}

/// Pointer and arrow keys pick the measured point the readout shows.
fn pointing(points: &[Point], max_workers: f64, pointed: &UseStateHandle<Option<usize>>) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let workers: Vec<usize> = points.iter().map(|p| p.workers).collect();
    let count = workers.len();
    let nearest_point = move |across: f64| {
        let nearest = 1 + (across * (max_workers - 1.0)).round() as usize;
        workers.iter().position(|&n| n >= nearest).or(workers.len().checked_sub(1))
    };
    (pointer_picks_index(pointed, (WIDTH, LEFT, RIGHT), nearest_point), keys_move_index(pointed, count))
}

fn chart(points: &[Point], serial: Option<f64>, cores: usize, pointed: &UseStateHandle<Option<usize>>) -> Html {
    let max_workers = points.iter().map(|p| p.workers).max().unwrap_or(1).max(2) as f64;
    let measured_max = points.iter().map(|p| p.speed_up).fold(0.0, f64::max);
    let y_ticks = ticks(max_workers.max(measured_max) * 1.05, 5);
    let scale = Scale { max_workers, max_speed_up: y_ticks.last().copied().unwrap_or(1.0).max(1.0) };
    let ideal = scale.path([(1.0, 1.0), (max_workers, max_workers)].into_iter());
    let fit = serial.map(|f| scale.path((0..=60).map(|i| 1.0 + (max_workers - 1.0) * f64::from(i) / 60.0).map(|n| (n, 1.0 / (f + (1.0 - f) / n)))));
    let measured = scale.path(points.iter().map(|p| (p.workers as f64, p.speed_up)));
    let (plot_bottom, plot_right) = (HEIGHT - BOTTOM, WIDTH - RIGHT);
    let description = format!("Speed-up against workers, 1 to {max_workers:.0}; the table below holds the same figures.");
    let (onmousemove, onkeydown) = pointing(points, max_workers, pointed);
    html! {
        <svg class="chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={description} tabindex="0"
            {onmousemove} {onkeydown}>
            { for y_ticks.iter().map(|&tick| { let y = scale.y(tick); html! {
                <g>
                    <line class="grid" x1={LEFT.to_string()} x2={plot_right.to_string()} y1={y.to_string()} y2={y.to_string()} />
                    <text x={(LEFT - 8.0).to_string()} y={(y + 4.0).to_string()} text-anchor="end">{ tick_label(tick) }</text>
                </g>
            } }) }
            { for (1..=max_workers as usize).map(|n| { let x = scale.x(n as f64); html! {
                <text x={x.to_string()} y={(plot_bottom + 18.0).to_string()} text-anchor="middle">{ n }</text>
            } }) }
            if (cores as f64) < max_workers {
                <line class="cores" x1={scale.x(cores as f64).to_string()} x2={scale.x(cores as f64).to_string()} y1={TOP.to_string()} y2={plot_bottom.to_string()} />
                <text x={(scale.x(cores as f64) + 4.0).to_string()} y={(TOP + 12.0).to_string()}>{ format!("{cores} cores") }</text>
            }
            <line class="axis" x1={LEFT.to_string()} x2={plot_right.to_string()} y1={plot_bottom.to_string()} y2={plot_bottom.to_string()} />
            <line class="axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={plot_bottom.to_string()} />
            <polyline class="ideal" points={ideal} />
            if let Some(fit) = fit {
                <polyline class="fit" points={fit} />
            }
            <polyline class="measured" points={measured} />
            { for points.iter().enumerate().map(|(index, p)| { let chosen = **pointed == Some(index); html! {
                <circle class={classes!("measured", chosen.then_some("chosen"))} cx={scale.x(p.workers as f64).to_string()}
                    cy={scale.y(p.speed_up).to_string()} r={if chosen { "7" } else { "4" }} />
            } }) }
            <text x={((LEFT + plot_right) / 2.0).to_string()} y={(HEIGHT - 10.0).to_string()} text-anchor="middle">{ "Workers" }</text>
            <text transform={format!("translate(16 {}) rotate(-90)", (TOP + plot_bottom) / 2.0)} text-anchor="middle">{ "Speed-up over 1 worker (×)" }</text>
        </svg>
    }
}

fn table(points: &[Point], serial: Option<f64>, cores: usize) -> Html {
    html! {
        <div class="table-scroll">
            <table aria-label="Speed-up by workers">
                <thead>
                    <tr>
                        <th scope="col">{ "Workers" }</th>
                        <th scope="col">{ "Wall time (ms)" }</th>
                        <th scope="col">{ "Speed-up (×)" }</th>
                        <th scope="col">{ "Ideal (×)" }</th>
                        <th scope="col">{ "Amdahl fit (×)" }</th>
                        <th scope="col">{ "Note" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for points.iter().map(|p| html! {
                        <tr>
                            <th scope="row">{ p.workers }</th>
                            <td>{ format!("{:.0}", p.wall_ms) }</td>
                            <td>{ format!("{:.2}", p.speed_up) }</td>
                            <td>{ format!("{:.2}", p.workers as f64) }</td>
                            <td>{ serial.map_or_else(|| "—".to_owned(), |f| format!("{:.2}", amdahl_speed_up(f, p.workers))) }</td>
                            <td>{ if p.workers > cores { "more workers than cores" } else { "" } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { csv_button("Speed-up by workers") }
        </div>
    }
}
