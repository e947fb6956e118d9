//! The open lesson in the Program panel: its title, what it shows, what to notice, and its
//! question. Predict, then run: the question is asked until the first run; after that run the
//! prediction is shown beside the run's own answer.

use lessons::{Lesson, Question, RunAnswer};
use python::Mode;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of the card.
#[derive(Properties, PartialEq)]
pub struct LessonCardProps {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// Whether the page has shared memory (a free-threaded lesson needs it).
    pub shared_memory: bool,
    /// The prediction as typed or picked.
    pub prediction: String,
    /// The prediction as it stood at the first run, once run.
    pub predicted: Option<String>,
    /// The last run's answer to the question, once that run has ended.
    pub answer: Option<RunAnswer>,
    /// Changes the prediction.
    pub on_predict: Callback<String>,
}

/// The card.
#[component]
pub fn LessonCard(props: &LessonCardProps) -> Html {
    let lesson = props.lesson;
    html! {
        <div class="lesson-card">
            <h3 id="lesson-heading">{ lesson.label() }</h3>
            <p><strong>{ "What it shows: " }</strong>{ lesson.shows }</p>
            <p><strong>{ "What to notice: " }</strong>{ lesson.notice }</p>
            if lesson.mode == Mode::Free && !props.shared_memory {
                <p class="notice">{ "This lesson runs free-threaded, which needs a cross-origin isolated page (shared \
                    memory): open it in the full playground on a host that sends the isolation headers. Here its threads \
                    could only take turns on one worker." }</p>
            }
            if let Some(question) = &lesson.question {
                { match &props.predicted {
                    None => asking(question, &props.prediction, &props.on_predict),
                    Some(predicted) => told(predicted, props.answer.as_ref()),
                } }
            }
        </div>
    }
}

/// The question, before the first run: a radio group or a number field.
fn asking(question: &Question, prediction: &str, on_predict: &Callback<String>) -> Html {
    let hint = html! { <p class="hint">{ "Your answer is kept when you press Run program and shown beside what the run printed." }</p> };
    match question {
        Question::Choices { text, choices, .. } => html! {
            <fieldset class="prediction" role="radiogroup" aria-labelledby="prediction-legend">
                <legend id="prediction-legend">{ format!("Predict, then run: {text}") }</legend>
                { for choices.iter().enumerate().map(|(index, choice)| choice_button(index, choice, prediction, on_predict)) }
                { hint }
            </fieldset>
        },
        Question::Number { text, unit, .. } => {
            let oninput = on_predict.reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
            html! {
                <div class="prediction field">
                    <label for="prediction-number">{ format!("Predict, then run: {text} ({unit})") }</label>
                    <input id="prediction-number" type="number" step="any" inputmode="decimal" value={prediction.to_owned()} {oninput} />
                    { hint }
                </div>
            }
        }
    }
}

fn choice_button(index: usize, choice: &'static str, prediction: &str, on_predict: &Callback<String>) -> Html {
    let onchange = on_predict.reform(move |_: Event| choice.to_owned());
    let id = format!("prediction-{index}");
    html! {
        <div class="choice">
            <input type="radio" name="prediction" id={id.clone()} value={choice} checked={prediction == choice} {onchange} />
            <label for={id}>{ choice }</label>
        </div>
    }
}

/// The prediction beside the run's answer, after the first run.
fn told(predicted: &str, answer: Option<&RunAnswer>) -> Html {
    let predicted = if predicted.trim().is_empty() { "nothing (the question was skipped)" } else { predicted };
    let result = match answer {
        None => "The run's answer appears here when it ends.".to_owned(),
        Some(RunAnswer { text, agrees: Some(true) }) => format!("The run: {text}. As you predicted."),
        Some(RunAnswer { text, agrees: Some(false) }) => format!("The run: {text}. Not what you predicted."),
        Some(RunAnswer { text, agrees: None }) => format!("The run: {text}."),
    };
    html! {
        <p class="notice lesson-answer" aria-live="polite">
            <strong>{ format!("You predicted: {predicted}. ") }</strong>{ result }
        </p>
    }
}
