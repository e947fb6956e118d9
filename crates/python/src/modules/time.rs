//! `time`: sleep (a blocking effect: the GIL is let go while it waits), and clocks.

use crate::objects::exception::value_error;
use crate::objects::function::{Args, BuiltinFn};
use crate::objects::{int, PyResult, Value};
use crate::vm::{timed_wait_end_ms, Effect, Thread};

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("sleep", sleep),
    ("time", time),
    ("perf_counter", monotonic),
    ("monotonic", monotonic),
    ("perf_counter_ns", monotonic_ns),
    ("monotonic_ns", monotonic_ns),
    ("time_ns", time_ns),
    ("ctime", ctime),
];

/// The module.
pub fn module() -> Value {
    super::native_module("time", FUNCTIONS, vec![])
}

fn sleep(thread: &mut Thread, args: Args) -> PyResult {
    args.expect("sleep", 1, 1)?;
    let seconds = int::to_f64(&args.positional[0])?;
    if seconds < 0.0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    let until_ms = timed_wait_end_ms(thread.interp.scheduler.now_ms(), seconds.min(1e6) * 1000.0);
    thread.block(Effect::Sleep { until_ms })
}

/// Milliseconds since the Unix epoch, from the program's host.
fn epoch_ms(thread: &Thread) -> f64 {
    thread.interp.scheduler.host.epoch_ms()
}

fn time(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Float(epoch_ms(thread) / 1000.0))
}

fn time_ns(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Int((epoch_ms(thread) * 1e6) as i64))
}

fn monotonic(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Float(thread.interp.scheduler.now_ms() / 1000.0))
}

fn monotonic_ns(thread: &mut Thread, _args: Args) -> PyResult {
    Ok(Value::Int((thread.interp.scheduler.now_ms() * 1e6) as i64))
}

fn ctime(thread: &mut Thread, _args: Args) -> PyResult {
    let seconds = (epoch_ms(thread) / 1000.0) as i64;
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let text = format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {year}",
        WEEKDAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        day,
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    );
    Ok(Value::str(&text))
}

/// Howard Hinnant's days-to-civil conversion.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}
