//! The page: title and machine status, the toolbar, and below it one part at a time: the
//! Experiment (its settings beside its live timeline, then the results and the race lab) or the
//! Program (its editor beside its output and threads).

use engine::{worker_name, Experiment, LaneHistory, Mode, Scenario};
use lessons::Lesson;
use runtime::shared_memory_available;
use yew::prelude::*;

use crate::address::{address_fragment, use_address_changes};
use crate::components::comparison::Comparison;
use crate::components::drawing_rehearsal::DrawingRehearsal;
use crate::components::embed_widget::EmbedWidget;
use crate::components::environment_status::{core_count, EnvironmentStatus};
use crate::components::experiment_form::{ExperimentControls, ExperimentForm};
use crate::components::lesson_picker::{LessonPicker, ShowAsPython};
use crate::components::panel_choice::PanelChoice;
use crate::components::program_controls::ProgramControls;
use crate::components::program_panel::ProgramPanel;
use crate::components::program_share::ProgramShare;
use crate::components::race_lab::RaceLab;
use crate::components::results_table::ResultsTable;
use crate::components::run_progress::RunProgress;
use crate::components::share_link::ShareLink;
use crate::components::speed_up_study::SpeedUpStudy;
use crate::components::timeline::Timeline;
use crate::components::toolbar::{bring_part_into_view, Part, Toolbar};
use crate::engine_choice::runnable_here;
use crate::form::{FormFields, MAX_STUDY_WORKERS};
use crate::link::{open_link, OpenedLink};
use crate::panels::{Panel, ShownPanels};
use crate::program_runner::use_program_runner;
use crate::program_state::{LessonAction, LessonState, ProgramFields};
use crate::history::History;
use crate::recorded_run::RecordedRun;
use crate::run_controller::{use_run_controller, Batch, Notice, RunView};

/// The page: the embeddable widget at `embed.html` (or `?embed`), else the playground.
#[component]
pub fn App() -> Html {
    let shared_memory = shared_memory_available();
    if is_embedded_widget() {
        let opened = open_link(&address_fragment(), &FormFields::default());
        return html! { <EmbedWidget {opened} {shared_memory} /> };
    }
    html! { <Playground /> }
}

/// The whole playground page.
#[component]
fn Playground() -> Html {
    let shared_memory = use_memo((), |()| shared_memory_available());
    let opened = use_state(|| open_link(&address_fragment(), &initial_fields()));
    let fields = use_state(|| opened.fields.clone());
    let controller = use_run_controller();
    let runner = use_program_runner();
    let lesson = use_reducer(LessonState::default);
    // A link that carries a program opens with the Program shown; any other with the Experiment.
    let part = use_state_eq(|| part_for(&opened));
    use_effect_with(*part, |part| bring_part_into_view(*part));
    let on_part = { let part = part.setter(); Callback::from(move |shown| part.set(shown)) };
    let on_open_lesson = {
        let (lesson, set, part) = (lesson.dispatcher(), fields.setter(), part.setter());
        use_callback((*fields).clone(), move |opened: &'static Lesson, current: &FormFields| {
            lesson.dispatch(LessonAction::Open(opened));
            set.set(FormFields { program: ProgramFields::of_lesson(opened), ..current.clone() });
            part.set(Part::Program);
        })
    };
    let on_race_lesson = {
        let on_open = on_open_lesson.clone();
        Callback::from(move |id: &'static str| {
            if let Some(lesson) = lessons::by_id(id) {
                on_open.emit(lesson);
            }
        })
    };
    let address = use_address_changes();
    {
        // A new fragment reopens the page as if it had been loaded with it, Stop first.
        let (opened, fields, part, stop, running) = (opened.setter(), fields.setter(), part.setter(), controller.stop.clone(), controller.running);
        use_effect_with(address, move |(changes, fragment)| {
            if *changes > 0 {
                if running {
                    stop.emit(());
                }
                let reopened = open_link(fragment, &initial_fields());
                fields.set(reopened.fields.clone());
                part.set(part_for(&reopened));
                opened.set(reopened);
            }
        });
    }
    let scenario = fields.to_scenario().and_then(|scenario| runnable_here(scenario, *shared_memory));
    let problems = scenario.clone().err().unwrap_or_default();
    let on_run = {
        let (start, scenario) = (controller.start.clone(), scenario.clone());
        Callback::from(move |()| {
            if let Ok(scenario) = &scenario {
                start.emit(scenario.clone());
            }
        })
    };
    let on_compare = {
        let (start_batch, shared_memory) = (controller.start_batch.clone(), *shared_memory);
        Callback::from(move |()| {
            if let Ok(scenario) = &scenario {
                start_batch.emit((Batch::Compare, in_every_mode(scenario, shared_memory)));
            }
        })
    };
    let study = fields.study_scenarios();
    // Only the study's own limit: the form's problems are listed already.
    let study_problem = study.clone().err().filter(|_| problems.is_empty()).map(|problems| problems.join(" "));
    let on_study = {
        let start_batch = controller.start_batch.clone();
        Callback::from(move |()| {
            if let Ok(scenarios) = &study {
                start_batch.emit((Batch::SpeedUpStudy, scenarios.clone()));
            }
        })
    };
    let on_change = {
        let fields = fields.clone();
        Callback::from(move |changed: FormFields| fields.set(changed))
    };
    // The same callbacks until the form changes, so that the parts they go to are not rendered
    // again on every redraw of a run.
    let on_panels_change = {
        let set = fields.setter();
        use_callback((*fields).clone(), move |panels, current: &FormFields| set.set(FormFields { panels, ..current.clone() }))
    };
    let on_program_change = {
        let set = fields.setter();
        use_callback((*fields).clone(), move |program, current: &FormFields| set.set(FormFields { program, ..current.clone() }))
    };
    let on_race_change = {
        let set = fields.setter();
        use_callback((*fields).clone(), move |race, current: &FormFields| set.set(FormFields { race, ..current.clone() }))
    };
    let shows = |panel| fields.panels.shows(panel);
    let recording = {
        let (view, history, running) = (controller.view.clone(), controller.history.clone(), controller.running);
        use_memo((history.rows.len(), (*fields).clone(), running), move |(_, fields, running)| {
            last_run_recording(view.as_ref(), &history, fields, *running)
        })
    };
    let form_props = yew::props!(crate::components::experiment_form::ExperimentFormProps {
        fields: (*fields).clone(), on_change: on_change, problems: problems, on_run: on_run, on_compare: on_compare, on_study: on_study,
        study_problem: study_problem, on_stop: controller.stop.clone(), ready: controller.ready, running: controller.running,
        stopping: controller.stopping,
    });
    let controls = match *part {
        Part::Experiment => html! { <ExperimentControls ..form_props.clone() /> },
        Part::Program => html! {
            <>
                <LessonPicker chosen={lesson.lesson.map(|lesson| lesson.id)} on_open={on_open_lesson.clone()} />
                <ProgramControls program={fields.program.clone()} on_change={on_program_change.clone()} shared_memory={*shared_memory}
                    running={runner.running} on_stop={runner.stop.clone()} />
            </>
        },
    };
    let experiment_part = html! {
        <>
            <section aria-labelledby="experiment-heading" class="panel">
                <h2 id="experiment-heading">{ "Experiment" }</h2>
                if !opened.ignored.is_empty() {
                    <p class="notice error" role="alert">{ format!(
                        "Parts of the link could not be used and were left at their defaults: {}.", opened.ignored_with_reasons()
                    ) }</p>
                }
                <ExperimentForm ..form_props />
                <ShowAsPython experiment={fields.kind.id()} on_open={on_open_lesson} />
                <PanelChoice shown={fields.panels} on_change={on_panels_change} />
                <ShareLink fields={(*fields).clone()} recording={(*recording).clone()} />
            </section>
            <section aria-labelledby="timeline-heading" class="panel">
                <h2 id="timeline-heading">{ if shows(Panel::Timeline) { "Timeline" } else { "Run" } }</h2>
                if controller.ready {
                    { notice_line(controller.notice.as_ref()) }
                } else {
                    { notice_line(Some(&Notice::Info("Preparing the workers…".into()))) }
                }
                if let Some(view) = &controller.view {
                    <RunProgress view={view.clone()} running={controller.running} />
                    if shows(Panel::Timeline) {
                        <Timeline view={view.clone()} running={controller.running} throughput={shows(Panel::Throughput)} />
                    }
                } else if let (Some(recorded), true) = (&opened.recorded, shows(Panel::Timeline)) {
                    { recorded_run_section(recorded, &opened.fields) }
                } else if shows(Panel::Timeline) {
                    <p>{ "Press Run to see one lane per worker: when each one runs, waits for the GIL, waits on I/O, or has finished." }</p>
                }
            </section>
            { batch_section(controller.batch.as_ref(), fields.panels) }
            if shows(Panel::Races) {
                <RaceLab fields={fields.race.clone()} on_change={on_race_change} on_show_as_python={on_race_lesson} />
            }
            if shows(Panel::Results) {
                <ResultsTable history={controller.history.clone()} />
            }
        </>
    };
    html! {
        <>
            <header>
                <h1>{ "GIL Playground" }</h1>
                <p class="tagline">{ "Run the same Python-style workload as one worker, threads under a real GIL, free threads, or processes, on real Web Workers, and watch why." }</p>
                <EnvironmentStatus />
            </header>
            <Toolbar part={*part} {on_part}>{ controls }</Toolbar>
            <main>
                <div class="part" role="tabpanel" id={part.panel_id()} aria-labelledby={part.tab_id()}>
                    if *part == Part::Experiment {
                        { experiment_part }
                    } else {
                        <ProgramPanel shared_memory={*shared_memory} program={fields.program.clone()}
                            on_change={on_program_change.clone()} lesson={Some(lesson.clone())} {runner} controls_elsewhere=true>
                            <ProgramShare fields={(*fields).clone()} on_change={on_program_change} />
                        </ProgramPanel>
                    }
                </div>
            </main>
            <DrawingRehearsal />
        </>
    }
}

/// The part a link opens with: the Program if it carries a program, else the Experiment.
fn part_for(opened: &OpenedLink) -> Part {
    if opened.carries_program { Part::Program } else { Part::Experiment }
}

/// The last run as a recording to share, if it finished and the form still describes it.
fn last_run_recording(view: Option<&RunView>, history: &History, fields: &FormFields, running: bool) -> Option<RecordedRun> {
    let (view, row, scenario) = (view?, history.rows.last()?, fields.to_scenario().ok()?);
    let describes = |experiment: &Experiment, mode: Mode, workers: usize| {
        *experiment == scenario.experiment && mode == scenario.mode && workers == scenario.workers
    };
    let same_run = view.now_ms == row.summary.wall_ms && describes(&row.experiment, row.mode, row.workers);
    let cores = u32::try_from(core_count()).unwrap_or(u32::MAX);
    (!running && same_run && describes(&view.experiment, view.mode, view.workers))
        .then(|| RecordedRun::of_lanes(cores, row.summary.wall_ms, &view.lanes, &row.result.to_string()))
}

/// A run recorded by whoever sent the link: its answer and timeline, labelled as recorded
/// elsewhere, until a run here replaces it.
fn recorded_run_section(recorded: &RecordedRun, fields: &FormFields) -> Html {
    let Ok(scenario) = fields.to_scenario() else { return html! {} };
    let view = RunView {
        mode: scenario.mode,
        workers: scenario.workers,
        lanes: recorded.lanes.iter().enumerate().map(|(lane, events)| LaneHistory::from_events(&worker_name(lane), events.iter().copied())).collect(),
        now_ms: recorded.wall_ms,
        progress: 1.0,
        experiment: scenario.experiment,
        throughput: Vec::new(),
    };
    html! {
        <>
            <p class="notice recorded" role="status">{ format!(
                "Recorded on a {}-core machine, not run here yet: {}, in {:.0} ms.{} Press Run to run it on this machine.",
                recorded.cores,
                recorded.answer,
                recorded.wall_ms,
                if recorded.simplified { " Its timeline is simplified: each worker shows the state it spent most time in per span." } else { "" }
            ) }</p>
            <Timeline {view} running={false} throughput={false} />
        </>
    }
}

/// The comparison or the speed-up study, once a run of it has finished, if its panel is shown.
fn batch_section(batch: Option<&(Batch, Vec<RunView>)>, panels: ShownPanels) -> Html {
    match batch {
        Some((Batch::Compare, runs)) if panels.shows(Panel::Comparison) => html! { <Comparison runs={runs.clone()} /> },
        Some((Batch::SpeedUpStudy, runs)) if panels.shows(Panel::SpeedUpStudy) => html! { <SpeedUpStudy runs={runs.clone()} cores={core_count()} /> },
        _ => html! {},
    }
}

/// The scenario once per mode that its experiment lists and that can run here, single worker
/// first (the speed-up baseline).
fn in_every_mode(scenario: &Scenario, shared_memory: bool) -> Vec<Scenario> {
    let modes = scenario.experiment.kind().modes().iter();
    modes.filter_map(|&mode| runnable_here(Scenario { mode, ..scenario.clone() }, shared_memory).ok()).collect()
}

/// Whether the address asks for the embeddable widget: `embed.html`, or `?embed` on any page.
fn is_embedded_widget() -> bool {
    let Some(location) = web_sys::window().map(|window| window.location()) else { return false };
    let search = location.search().unwrap_or_default();
    location.pathname().unwrap_or_default().ends_with("/embed.html") || search.trim_start_matches('?').split('&').any(|part| part == "embed")
}

/// The form's first state.
fn initial_fields() -> FormFields {
    FormFields { study_up_to: core_count().clamp(2, MAX_STUDY_WORKERS).to_string(), ..FormFields::default() }
}

fn notice_line(notice: Option<&Notice>) -> Html {
    match notice {
        Some(Notice::Info(text)) => html! { <p class="notice" role="status">{ text }</p> },
        Some(Notice::Error(text)) => html! { <p class="notice error" role="alert">{ text }</p> },
        None => html! { <p class="notice" role="status"></p> },
    }
}
