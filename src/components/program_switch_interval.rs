//! The Program's switch interval: the GIL switch interval a program starts with (CPython's 5 ms
//! unless changed here), as `sys.getswitchinterval()` then says, until the program calls
//! `sys.setswitchinterval`. A number field of the Program panel's form, carried in its links
//! like the mode; a value outside 0.1–100 ms is brought back within them when the field is left.

use engine::{MAX_SWITCH_INTERVAL_MS, MIN_SWITCH_INTERVAL_MS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::program_state::{ProgramFields, DEFAULT_PROGRAM_SWITCH_INTERVAL_MS};

/// Props of the field.
#[derive(Properties, PartialEq)]
pub struct ProgramSwitchIntervalProps {
    /// The program and the switch interval it starts with.
    pub program: ProgramFields,
    /// Called with the program when its switch interval changes.
    pub on_change: Callback<ProgramFields>,
}

/// The field, with what it means.
#[component]
pub fn ProgramSwitchInterval(props: &ProgramSwitchIntervalProps) -> Html {
    // Callbacks
    let onchange = {
        let (program, on_change) = (props.program.clone(), props.on_change.clone());
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            let switch_interval_ms = within_bounds(&input.value(), program.switch_interval_ms);
            // Shown as kept, also when that is the value it had (the page then draws nothing new).
            input.set_value(&switch_interval_ms.to_string());
            if switch_interval_ms != program.switch_interval_ms {
                on_change.emit(ProgramFields { switch_interval_ms, ..program.clone() });
            }
        })
    };

    // View
    html! {
        <div class="field program-switch-interval">
            <label for="program-switch-interval">{ "Switch interval (ms)" }</label>
            <input id="program-switch-interval" type="number" inputmode="decimal" min={MIN_SWITCH_INTERVAL_MS.to_string()}
                max={MAX_SWITCH_INTERVAL_MS.to_string()} step="any" value={props.program.switch_interval_ms.to_string()}
                aria-describedby="program-switch-interval-hint" {onchange} />
            <span class="hint" id="program-switch-interval-hint">
                { format!("How long a thread runs while another waits for the GIL before it is asked to let go: what the program's \
                    sys.getswitchinterval() gives at its start ({DEFAULT_PROGRAM_SWITCH_INTERVAL_MS} ms in CPython), until it calls \
                    sys.setswitchinterval. From {MIN_SWITCH_INTERVAL_MS} to {MAX_SWITCH_INTERVAL_MS} ms; free-threaded Python has no GIL to switch.") }
            </span>
        </div>
    }
}

/// The switch interval `text` asks for, brought within the GIL's bounds; `kept` if it is no number.
fn within_bounds(text: &str, kept: f64) -> f64 {
    match text.trim().parse::<f64>() {
        Ok(ms) if ms.is_finite() => ms.clamp(MIN_SWITCH_INTERVAL_MS, MAX_SWITCH_INTERVAL_MS),
        _ => kept,
    }
}

#[cfg(test)]
mod tests {
    use super::within_bounds;

    #[test]
    fn a_typed_switch_interval_is_kept_within_the_gils_bounds_and_a_non_number_changes_nothing() {
        assert_eq!(within_bounds(" 2.5 ", 5.0), 2.5);
        assert_eq!(within_bounds("1000", 5.0), 100.0);
        assert_eq!(within_bounds("0", 5.0), 0.1);
        assert_eq!(within_bounds("", 7.0), 7.0);
        assert_eq!(within_bounds("NaN", 7.0), 7.0);
    }
}
