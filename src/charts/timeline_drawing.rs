//! Paints the timeline: one lane per worker (or Python thread), named, coloured by state, on a time axis in milliseconds,
//! with the readout's cursor; and finds the lane and time under a point of it. Each lane is
//! painted a pixel column at a time (`lane_columns.rs`), from its summary and its recent events,
//! so a redraw costs the same at 90 s as at 1 s.

use engine::{LaneHistory, WorkerState};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use wasm_bindgen::JsCast;

use super::axis::{tick_label, ticks};
use super::lane_columns::{stacked_bars, Bar};
use super::palette::{drawn_states, ink, state_colour, Ink};
use crate::run_controller::RunView;

const LANE_HEIGHT: f64 = 22.0;
const LANE_GAP: f64 = 6.0;
/// The narrowest room for the lanes' names ("Worker 16").
const LEFT: f64 = 76.0;
/// The widest room for the lanes' names; a longer name is squeezed into it.
const MOST_LEFT: f64 = 180.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 46.0;

/// The canvas height, in CSS pixels, for `lanes` lanes.
pub fn timeline_height(lanes: usize) -> f64 {
    TOP + lanes as f64 * (LANE_HEIGHT + LANE_GAP) + BOTTOM
}

/// The time axis's end: `span_ms`, or the run's end if later.
pub fn axis_span_ms(view: &RunView, span_ms: f64) -> f64 {
    span_ms.max(view.now_ms).max(1.0)
}

/// The room left of the plot for the lanes' names: wider for a Python thread's long name
/// ("Thread-12 (worker)") than for "Worker 1", within bounds.
pub fn names_width(lanes: &[LaneHistory]) -> f64 {
    let longest = lanes.iter().map(|lane| lane.name().chars().count()).max().unwrap_or(0);
    (12.0 + 6.5 * longest as f64).clamp(LEFT, MOST_LEFT)
}

/// The lane and the time under a point of a canvas `canvas_width` CSS pixels wide (in CSS
/// pixels from its top left) whose lanes' names take `left` pixels, or `None` outside the lanes.
pub fn lane_and_time_at((x, y): (f64, f64), (canvas_width, left): (f64, f64), lanes: usize, span_ms: f64) -> Option<(usize, f64)> {
    let lane = ((y - TOP) / (LANE_HEIGHT + LANE_GAP)).floor();
    if !(0.0..lanes as f64).contains(&lane) {
        return None;
    }
    let across = ((x - left) / (canvas_width - left - RIGHT)).clamp(0.0, 1.0);
    Some((lane as usize, across * span_ms))
}

/// Paints `view` on `canvas`, sized to its CSS width `css_width` at the device's pixel ratio, with
/// a time axis from 0 to `span_ms` (from [`axis_span_ms`], so that stacked timelines can share
/// one axis) and the readout's cursor at `cursor` (lane and time), if any.
pub fn draw_timeline(canvas: &HtmlCanvasElement, view: &RunView, (span_ms, css_width): (f64, f64), cursor: Option<(usize, f64)>, dark: bool) {
    let Some(context) = context_2d(canvas) else { return };
    let ratio = web_sys::window().map_or(1.0, |window| window.device_pixel_ratio());
    let width = css_width.max(240.0);
    let height = timeline_height(view.lanes.len());
    let (pixel_width, pixel_height) = ((width * ratio) as u32, (height * ratio) as u32);
    // Resizing reallocates the bitmap: only when the size really changed.
    if canvas.width() != pixel_width || canvas.height() != pixel_height {
        canvas.set_width(pixel_width);
        canvas.set_height(pixel_height);
    }
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    context.clear_rect(0.0, 0.0, width, height);

    let ink = ink(dark);
    let left = names_width(&view.lanes);
    let plot = Plot { left, width: width - left - RIGHT, span_ms };
    draw_grid_and_axis(&context, &plot, height, ink);
    context.set_fill_style_str(ink.faint);
    for lane in 0..view.lanes.len() {
        context.fill_rect(plot.left, lane_top(lane), plot.width, LANE_HEIGHT);
    }
    draw_lanes(&context, view, &plot);
    context.set_fill_style_str(ink.text);
    context.set_text_align("right");
    context.set_text_baseline("middle");
    for (lane, history) in view.lanes.iter().enumerate() {
        let _ = context.fill_text_with_max_width(history.name(), left - 8.0, lane_top(lane) + LANE_HEIGHT / 2.0, left - 12.0);
    }
    if let Some((lane, ms)) = cursor {
        draw_cursor(&context, &plot, lane, ms, ink);
    }
}

/// Every lane's states as stacked bars, one pixel column each; the bars of one state are painted
/// together, so the fill colour changes once per state, not once per bar.
fn draw_lanes(context: &CanvasRenderingContext2d, view: &RunView, plot: &Plot) {
    let columns = plot.width.round().max(1.0) as usize;
    let states: Vec<WorkerState> = drawn_states().collect();
    let column_width = plot.width / columns as f64;
    let bars: Vec<(usize, Bar)> = view
        .lanes
        .iter()
        .enumerate()
        .flat_map(|(lane, history)| {
            let times = history.state_times_per_column(columns, plot.span_ms, view.now_ms);
            stacked_bars(&times, &states, LANE_HEIGHT as u32).into_iter().map(move |bar| (lane, bar))
        })
        .collect();
    for state in states {
        context.set_fill_style_str(state_colour(state));
        for (lane, bar) in bars.iter().filter(|(_, bar)| bar.state == state) {
            let x = plot.left + bar.column as f64 * column_width;
            context.fill_rect(x, lane_top(*lane) + f64::from(bar.top), bar.columns as f64 * column_width, f64::from(bar.height));
        }
    }
}

/// Where `lane` begins, in CSS pixels from the canvas's top.
fn lane_top(lane: usize) -> f64 {
    TOP + lane as f64 * (LANE_HEIGHT + LANE_GAP)
}

/// A vertical line at `ms` across all lanes, and a frame around the lane read.
fn draw_cursor(context: &CanvasRenderingContext2d, plot: &Plot, lane: usize, ms: f64, ink: Ink) {
    let top = lane_top(lane);
    context.set_fill_style_str(ink.text);
    context.fill_rect(plot.x(ms) - 0.75, TOP, 1.5, top + LANE_HEIGHT - TOP);
    context.set_stroke_style_str(ink.text);
    context.stroke_rect(plot.left - 0.5, top - 0.5, plot.width + 1.0, LANE_HEIGHT + 1.0);
}

/// Where milliseconds land on the canvas.
struct Plot {
    left: f64,
    width: f64,
    span_ms: f64,
}

impl Plot {
    fn x(&self, ms: f64) -> f64 {
        self.left + (ms / self.span_ms).clamp(0.0, 1.0) * self.width
    }
}

fn draw_grid_and_axis(context: &CanvasRenderingContext2d, plot: &Plot, height: f64, ink: Ink) {
    let axis_y = height - BOTTOM + 4.0;
    context.set_font("12px system-ui, sans-serif");
    context.set_text_align("center");
    context.set_text_baseline("top");
    for tick in ticks(plot.span_ms, ((plot.width / 90.0) as usize).max(2)) {
        let x = plot.x(tick);
        context.set_fill_style_str(ink.faint);
        context.fill_rect(x, TOP, 1.0, axis_y - TOP);
        context.set_fill_style_str(ink.text);
        context.fill_rect(x, axis_y, 1.0, 5.0);
        let _ = context.fill_text(&tick_label(tick), x, axis_y + 7.0);
    }
    context.fill_rect(plot.left, axis_y, plot.width, 1.0);
    let _ = context.fill_text("Time since the run started (ms)", plot.left + plot.width / 2.0, axis_y + 24.0);
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_on_the_second_lane_halfway_across_reads_as_worker_two_at_half_the_span() {
        let width = LEFT + RIGHT + 400.0;
        let y = TOP + (LANE_HEIGHT + LANE_GAP) + 5.0;
        assert_eq!(lane_and_time_at((LEFT + 200.0, y), (width, LEFT), 3, 80.0), Some((1, 40.0)));
    }

    #[test]
    fn points_above_or_below_the_lanes_read_nothing() {
        assert_eq!(lane_and_time_at((LEFT, TOP - 1.0), (500.0, LEFT), 2, 10.0), None);
        assert_eq!(lane_and_time_at((LEFT, timeline_height(2) - 1.0), (500.0, LEFT), 2, 10.0), None);
    }

    #[test]
    fn long_thread_names_widen_the_room_for_names_within_bounds() {
        let lane = |name: &str| LaneHistory::starting_at(name, 0.0);
        assert_eq!(names_width(&[lane("Worker 16")]), LEFT);
        let python = names_width(&[lane("MainThread"), lane("Thread-12 (worker)")]);
        assert!(python > LEFT && python < MOST_LEFT, "{python}");
        assert_eq!(names_width(&[lane(&"x".repeat(80))]), MOST_LEFT);
    }
}
