//! The "Lessons" list beside the catalogue: every lesson that can run, by row and title; picking
//! one opens it in the Program panel. "Show as Python" opens the lesson of the catalogue
//! experiment that is chosen, the program that does the same.

use lessons::Lesson;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of the list.
#[derive(Properties, PartialEq)]
pub struct LessonPickerProps {
    /// The row of the lesson open in the Program panel, if any.
    pub chosen: Option<&'static str>,
    /// The row of the catalogue experiment chosen in the form (`A1`).
    pub experiment: &'static str,
    /// Opens a lesson.
    pub on_open: Callback<&'static Lesson>,
}

/// The list and the button.
#[component]
pub fn LessonPicker(props: &LessonPickerProps) -> Html {
    let experiment_lesson = lessons::by_id(props.experiment);

    // Callbacks
    let onchange = {
        let on_open = props.on_open.clone();
        Callback::from(move |event: Event| {
            if let Some(lesson) = lessons::by_id(&event.target_unchecked_into::<HtmlSelectElement>().value()) {
                open(&on_open, lesson);
            }
        })
    };
    let on_show = {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(lesson) = experiment_lesson {
                open(&on_open, lesson);
            }
        })
    };

    // View
    html! {
        <div class="lesson-picker">
            <div class="field">
                <label for="lesson-choice">{ "Lessons" }</label>
                <select id="lesson-choice" {onchange}>
                    <option value="" selected={props.chosen.is_none()} disabled=true>{ "Pick a lesson to open its program…" }</option>
                    { for lessons::all().iter().map(|lesson| html! {
                        <option value={lesson.id} selected={props.chosen == Some(lesson.id)}>{ lesson.label() }</option>
                    }) }
                </select>
            </div>
            if let Some(lesson) = experiment_lesson {
                <button type="button" onclick={on_show} title={format!("Open {} in the Program panel", lesson.label())}>{ "Show as Python" }</button>
            }
        </div>
    }
}

/// Opens `lesson` and brings the Program panel into view.
pub fn open(on_open: &Callback<&'static Lesson>, lesson: &'static Lesson) {
    on_open.emit(lesson);
    let heading = web_sys::window().and_then(|window| window.document()).and_then(|document| document.get_element_by_id("program-heading"));
    if let Some(heading) = heading {
        heading.scroll_into_view();
    }
}
