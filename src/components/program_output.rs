//! A program's output as it is printed: a log named "Output", each line with the thread that
//! printed it, tracebacks marked as stderr, and a note of the lines no longer kept or shown.

use python::Stream;
use web_sys::Element;
use yew::prelude::*;

use crate::program_state::OutputView;

/// The most lines drawn at once (the last ones): a log of ten thousand elements refreshed
/// twenty times a second would cost the page more than the program it shows.
const SHOWN_LINES: usize = 1000;

/// Props: the output as last read.
#[derive(Properties, PartialEq)]
pub struct ProgramOutputProps {
    /// The kept lines and how many were dropped.
    pub output: OutputView,
}

/// The log.
#[component]
pub fn ProgramOutput(props: &ProgramOutputProps) -> Html {
    let log = use_node_ref();
    {
        // Follows the newest line, as a terminal does.
        let log = log.clone();
        use_effect_with(props.output.clone(), move |_| {
            if let Some(element) = log.cast::<Element>() {
                element.set_scroll_top(element.scroll_height());
            }
        });
    }
    let lines = &props.output.lines;
    let hidden = lines.len().saturating_sub(SHOWN_LINES);
    let first_number = props.output.dropped + hidden as u64;
    html! {
        <>
            <h3 id="program-output-heading">{ "Output" }</h3>
            if let Some(note) = not_shown_note(props.output.dropped, hidden) {
                <p class="hint">{ note }</p>
            }
            <div ref={log} class="program-output" role="log" aria-labelledby="program-output-heading" tabindex="0">
                { for lines[hidden..].iter().enumerate().map(|(index, line)| html! {
                    <div key={first_number + index as u64} class={classes!("line", (line.stream == Stream::Stderr).then_some("stderr"))}>
                        <span class="thread" title={format!("printed by {}", line.thread)}>{ line.thread.to_string() }</span>{ " " }
                        <span class="text">{ line.text.clone() }</span>
                    </div>
                }) }
            </div>
        </>
    }
}

/// Says how many earlier lines are gone (dropped by the interpreter, which keeps the last
/// 10,000) or not drawn here.
fn not_shown_note(dropped: u64, hidden: usize) -> Option<String> {
    match (dropped, hidden) {
        (0, 0) => None,
        (0, hidden) => Some(format!("The last {SHOWN_LINES} lines are shown ({hidden} earlier ones are not).")),
        (dropped, hidden) => Some(format!(
            "The last {SHOWN_LINES} lines are shown: {} earlier lines are not ({dropped} of them were dropped by the interpreter, which keeps only the latest).",
            dropped + hidden as u64
        )),
    }
}
