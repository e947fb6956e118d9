//! GIL Playground: the page's entry point.
//!
//! - `app.rs`: the page layout; `address.rs`: the address bar's fragment and its changes.
//! - `components/`: its parts (form, timeline, results, machine status).
//! - `charts/`: chart painting, and what the pointer and keys point at (readouts).
//! - `engine_choice.rs`: which engine runs here (shared memory or message passing).
//! - `form.rs`: form fields to a scenario; `panels.rs`: which panels are shown;
//!   `race_form.rs`: the race lab's fields; `history.rs`: the results rows;
//!   `run_controller.rs`: the current run, polled every 50 ms.
//! - `program_runner.rs`: the Program panel's Python program, polled every 50 ms;
//!   `program_state.rs`: its modes, default program and status line; `program_lanes.rs`: its
//!   threads' lanes from the interpreter's timeline; `program_processes.rs`: its processes,
//!   their lanes grouped by process and the bytes they moved.
//!
//! The workload engine is the `engine` crate; Web Workers are the `runtime` crate.

mod address;
mod app;
mod charts;
mod components;
mod engine_choice;
mod form;
mod history;
mod link;
mod panels;
mod program_lanes;
mod program_processes;
mod program_runner;
mod program_state;
mod race_form;
mod recorded_run;
mod run_controller;

fn main() {
    // Every worker instantiates this module too, and runs this function: only the page renders.
    if web_sys::window().is_none() {
        return;
    }
    // Set through yew, or yew replaces it with its own; thread workers share it with the page.
    yew::set_custom_panic_hook(Box::new(runtime::report_panic));
    yew::Renderer::<app::App>::new().render();
}
