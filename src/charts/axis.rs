//! Tick positions for a linear axis: round steps (1, 2 or 5 times a power of ten).

/// Ticks from 0 to at least `end`, about `wanted` of them, at a round step.
pub fn ticks(end: f64, wanted: usize) -> Vec<f64> {
    let end = if end.is_finite() && end > 0.0 { end } else { 1.0 };
    let rough = end / wanted.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|step| *step >= rough).unwrap_or(10.0 * power);
    (0..).map(|i| f64::from(i) * step).take_while(|tick| *tick <= end + step * 1e-9).collect()
}

/// A tick's label: no decimals at or above 10, otherwise up to two.
pub fn tick_label(value: f64) -> String {
    if value >= 10.0 || value == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}
