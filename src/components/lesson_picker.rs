//! The "Lessons" list (in the toolbar beside the Program's controls): every lesson that can run,
//! by row and title; picking one opens it in the Program panel. "Show as Python" (in the
//! Experiment's settings) opens the lesson of the catalogue experiment that is chosen, the
//! program that does the same.

use lessons::Lesson;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of the list.
#[derive(Properties, PartialEq)]
pub struct LessonPickerProps {
    /// The row of the lesson open in the Program panel, if any.
    pub chosen: Option<&'static str>,
    /// Opens a lesson.
    pub on_open: Callback<&'static Lesson>,
}

/// The list.
#[component]
pub fn LessonPicker(props: &LessonPickerProps) -> Html {
    let onchange = {
        let on_open = props.on_open.clone();
        Callback::from(move |event: Event| {
            if let Some(lesson) = lessons::by_id(&event.target_unchecked_into::<HtmlSelectElement>().value()) {
                on_open.emit(lesson);
            }
        })
    };
    html! {
        <div class="field lesson-picker">
            <label for="lesson-choice">{ "Lessons" }</label>
            <select id="lesson-choice" {onchange}>
                <option value="" selected={props.chosen.is_none()} disabled=true>{ "Pick a lesson…" }</option>
                { for lessons::all().iter().map(|lesson| html! {
                    <option value={lesson.id} selected={props.chosen == Some(lesson.id)}>{ lesson.label() }</option>
                }) }
            </select>
        </div>
    }
}

/// Props of "Show as Python".
#[derive(Properties, PartialEq)]
pub struct ShowAsPythonProps {
    /// The row of the catalogue experiment chosen in the form (`A1`).
    pub experiment: &'static str,
    /// Opens a lesson.
    pub on_open: Callback<&'static Lesson>,
}

/// "Show as Python", if the chosen experiment has a lesson that can run.
#[component]
pub fn ShowAsPython(props: &ShowAsPythonProps) -> Html {
    let Some(lesson) = lessons::by_id(props.experiment) else { return html! {} };
    let onclick = props.on_open.reform(move |_: MouseEvent| lesson);
    html! {
        <div class="show-as-python">
            <button type="button" {onclick} title={format!("Open {} in the Program panel", lesson.label())}>{ "Show as Python" }</button>
        </div>
    }
}
