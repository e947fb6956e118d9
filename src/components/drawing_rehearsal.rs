//! A rehearsal of a live run's drawing: once, just after the page opens, a made-up two-worker
//! run is drawn and redrawn off-screen (hidden from screen readers and the keyboard), then
//! removed.
//!
//! The browser compiles the page's WebAssembly a function at a time, on the thread that first
//! calls it. Drawing a running timeline calls some 150 functions nothing before it calls; if the
//! page's first run has more workers than cores, compiling them while those workers hold the
//! cores stretched a task past 50 ms. Rehearsed while the cores are free, they are compiled
//! before any run needs them.

use engine::{Event, Experiment, LaneHistory, Mode, WorkerState};
use runtime::in_a_task_after_ms;
use yew::prelude::*;

use crate::components::timeline::Timeline;
use crate::run_controller::RunView;

/// How many views of the made-up run are drawn: the first creates the drawing, the later ones
/// update it, as a live run's redraws do.
const REHEARSED_VIEWS: u32 = 3;

/// How long each view stays (ms): long enough for its render, its painting task and a frame.
const VIEW_MS: i32 = 200;

/// The hidden rehearsal, present for a moment after the page first renders.
#[component]
pub fn DrawingRehearsal() -> Html {
    let view_index = use_state_eq(|| 0_u32);
    {
        let next = view_index.setter();
        use_effect_with(*view_index, move |&index| {
            if index < REHEARSED_VIEWS {
                in_a_task_after_ms(VIEW_MS, move || next.set(index + 1));
            }
        });
    }
    if *view_index >= REHEARSED_VIEWS {
        return html! {};
    }
    html! {
        <div class="drawing-rehearsal" aria-hidden="true" inert=true>
            <Timeline view={made_up_run(*view_index)} running=true />
        </div>
    }
}

/// Two workers having been in every state a lane can show, `index` thirds of a second later, and
/// a third taking so many turns that its older ones are summarised (as in a long run).
fn made_up_run(index: u32) -> RunView {
    use WorkerState::{Blocked, Idle, Running, Starting, WaitingForGil};
    let lane = |name: &str, changes: &[(f64, WorkerState)]| LaneHistory::from_events(name, changes.iter().map(|&(at_ms, state)| Event::new(at_ms, state)));
    let turns = (0..10_000_u32).map(|turn| Event::new(f64::from(turn) * 0.001, if turn % 2 == 0 { Running } else { WaitingForGil }));
    let later_ms = f64::from(index) * 333.0;
    RunView {
        mode: Mode::ThreadsWithGil,
        workers: 3,
        lanes: vec![
            lane("Worker 1", &[(0.0, Starting), (1.0, Running), (3.0, WaitingForGil), (5.0, Running), (7.0, Blocked), (8.0 + later_ms, Running)]),
            lane("Worker 2", &[(0.0, Starting), (1.0, WaitingForGil), (3.0, Running), (5.0, Blocked), (6.0 + later_ms, Idle)]),
            LaneHistory::from_events("Worker 3", turns),
        ]
        .into(),
        now_ms: 10.0 + later_ms,
        progress: 0.5,
        experiment: Experiment::MonteCarloPi { samples: 1_000, seed: 1 },
        throughput: vec![100.0 + later_ms, 50.0, 25.0],
    }
}
