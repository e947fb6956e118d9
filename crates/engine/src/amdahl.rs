//! Amdahl's law: the speed-up `n` workers can give when a fraction `f` of the work is serial,
//! `S(n) = 1 / (f + (1 - f) / n)`, and the `f` that best fits measured speed-ups.

/// The speed-up Amdahl's law predicts for `workers` workers and serial fraction `serial`.
pub fn amdahl_speed_up(serial: f64, workers: usize) -> f64 {
    let n = workers.max(1) as f64;
    1.0 / (serial + (1.0 - serial) / n)
}

/// The serial fraction (0 to 1) that best fits measured `(workers, speed-up)` points, by least
/// squares on `1/S - 1/n = f (1 - 1/n)`, a line through the origin. `None` without a point of
/// two or more workers.
pub fn fit_serial_fraction(points: &[(usize, f64)]) -> Option<f64> {
    let (mut xy, mut xx) = (0.0, 0.0);
    for &(workers, speed_up) in points.iter().filter(|(workers, speed_up)| *workers >= 2 && *speed_up > 0.0) {
        let inverse_n = 1.0 / workers as f64;
        let (x, y) = (1.0 - inverse_n, 1.0 / speed_up - inverse_n);
        xy += x * y;
        xx += x * x;
    }
    (xx > 0.0).then(|| (xy / xx).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_worker_gives_no_speed_up_whatever_the_serial_fraction() {
        assert_eq!(amdahl_speed_up(0.3, 1), 1.0);
    }

    #[test]
    fn the_fit_recovers_a_known_serial_fraction_from_exact_speed_ups() {
        let points: Vec<_> = (1..=16).map(|n| (n, amdahl_speed_up(0.2, n))).collect();
        assert!((fit_serial_fraction(&points).unwrap() - 0.2).abs() < 1e-9);
    }

    #[test]
    fn the_fit_recovers_a_serial_fraction_from_noisy_speed_ups() {
        // Speed-ups off by up to ±4 %, alternating, as measurements are.
        let points: Vec<_> =
            (1..=8).map(|n| (n, amdahl_speed_up(0.1, n) * if n % 2 == 0 { 1.04 } else { 0.96 })).collect();
        assert!((fit_serial_fraction(&points).unwrap() - 0.1).abs() < 0.05);
    }

    #[test]
    fn no_speed_up_at_all_fits_a_wholly_serial_workload() {
        let points = [(1, 1.0), (2, 1.0), (4, 1.0)];
        assert!((fit_serial_fraction(&points).unwrap() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_single_worker_alone_fits_nothing() {
        assert_eq!(fit_serial_fraction(&[(1, 1.0)]), None);
    }
}
