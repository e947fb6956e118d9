//! What the hover/focus readout of a chart needs: where the pointer is across the plot, which
//! way an arrow key moves the readout's cursor, and the readout line itself.

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, MouseEvent};
use yew::prelude::*;

/// Where the pointer is, as a fraction (0 to 1, clamped) of the plot's width, for a chart
/// drawn `width` units wide with its plot between `left` and `width - right`.
fn fraction_across_plot(event: &MouseEvent, width: f64, left: f64, right: f64) -> Option<f64> {
    let chart = chart_under(event)?;
    let bounds = chart.get_bounding_client_rect();
    if bounds.width() <= 0.0 {
        return None;
    }
    let x = (f64::from(event.client_x()) - bounds.left()) * width / bounds.width();
    Some(((x - left) / (width - left - right)).clamp(0.0, 1.0))
}

/// Where the pointer is in the chart's own CSS pixels, from its top left corner.
pub fn point_in_chart(event: &MouseEvent) -> Option<(f64, f64)> {
    let chart = chart_under(event)?;
    let bounds = chart.get_bounding_client_rect();
    Some((f64::from(event.client_x()) - bounds.left(), f64::from(event.client_y()) - bounds.top()))
}

/// The chart (an SVG chart or a canvas) the pointer is over. Not the event's current target:
/// yew listens on the page's root and hands events down.
fn chart_under(event: &MouseEvent) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()?.closest("svg.chart, canvas").ok()?
}

/// How a key moves a chart's cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorMove {
    /// Left arrow: the previous point (earlier time).
    Back,
    /// Right arrow: the next point (later time).
    Forward,
    /// Up arrow: the lane above.
    Up,
    /// Down arrow: the lane below.
    Down,
    /// Home: the first point.
    First,
    /// End: the last point.
    Last,
}

/// The cursor move a key asks for; the key's default (scrolling) is prevented when it is one.
pub fn cursor_move(event: &KeyboardEvent) -> Option<CursorMove> {
    let step = match event.key().as_str() {
        "ArrowLeft" => CursorMove::Back,
        "ArrowRight" => CursorMove::Forward,
        "ArrowUp" => CursorMove::Up,
        "ArrowDown" => CursorMove::Down,
        "Home" => CursorMove::First,
        "End" => CursorMove::Last,
        _ => return None,
    };
    event.prevent_default();
    Some(step)
}

/// Moves an index among `count` points (left/right and Home/End; up/down leave it).
fn moved_index(index: Option<usize>, count: usize, step: CursorMove) -> Option<usize> {
    let last = count.checked_sub(1)?;
    Some(match (index, step) {
        (_, CursorMove::First) | (None, CursorMove::Back | CursorMove::Forward | CursorMove::Up | CursorMove::Down) => 0,
        (_, CursorMove::Last) => last,
        (Some(i), CursorMove::Back) => i.saturating_sub(1),
        (Some(i), CursorMove::Forward) => (i + 1).min(last),
        (Some(i), CursorMove::Up | CursorMove::Down) => i.min(last),
    })
}

/// The pointer picks the point `index_at` finds at its fraction across the plot (see
/// [`fraction_across_plot`]).
pub fn pointer_picks_index(
    pointed: &UseStateHandle<Option<usize>>,
    (width, left, right): (f64, f64, f64),
    index_at: impl Fn(f64) -> Option<usize> + 'static,
) -> Callback<MouseEvent> {
    let pointed = pointed.clone();
    Callback::from(move |event: MouseEvent| {
        if let Some(across) = fraction_across_plot(&event, width, left, right) {
            pointed.set(index_at(across));
        }
    })
}

/// The arrow keys, Home and End move the pointed index among `count` points.
pub fn keys_move_index(pointed: &UseStateHandle<Option<usize>>, count: usize) -> Callback<KeyboardEvent> {
    let pointed = pointed.clone();
    Callback::from(move |event: KeyboardEvent| {
        if let Some(step) = cursor_move(&event) {
            pointed.set(moved_index(*pointed, count, step));
        }
    })
}

/// The readout line under a chart: what is under the pointer or the keyboard cursor, or how to
/// get a reading.
pub fn readout_line(name: &str, reading: Option<String>) -> Html {
    let text = reading.unwrap_or_else(|| "Point at the chart, or focus it and use the arrow keys, to read its figures.".to_owned());
    html! { <p class="readout" role="status" aria-label={name.to_owned()}>{ text }</p> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_starts_at_the_first_point_and_stops_at_both_ends() {
        assert_eq!(moved_index(None, 3, CursorMove::Forward), Some(0));
        assert_eq!(moved_index(None, 3, CursorMove::Last), Some(2));
        assert_eq!(moved_index(Some(2), 3, CursorMove::Forward), Some(2));
        assert_eq!(moved_index(Some(0), 3, CursorMove::Back), Some(0));
        assert_eq!(moved_index(Some(0), 3, CursorMove::Last), Some(2));
        assert_eq!(moved_index(Some(1), 0, CursorMove::Forward), None);
    }
}
