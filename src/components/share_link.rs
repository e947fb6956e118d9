//! "Link to this experiment" and "Embed code": the address that reopens the form as it is (with
//! the last run's results, if asked), and an iframe snippet for the embeddable widget, each in a
//! read-only field to select by hand and with a Copy button. The address bar follows the form.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::embed_widget::{embed_code, site_folder_address};
use crate::form::FormFields;
use crate::link::{link_fragment, with_recording};
use crate::recorded_run::RecordedRun;

/// Props: the form to link to, and the last run if it may ride along.
#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    /// The form as it is.
    pub fields: FormFields,
    /// The last run, if it finished and the form still describes it.
    #[prop_or_default]
    pub recording: Option<RecordedRun>,
}

/// The share field and button.
#[component]
pub fn ShareLink(props: &ShareLinkProps) -> Html {
    let copied = use_state_eq(|| None::<&'static str>);
    let with_results = use_state_eq(|| false);
    let recording = props.recording.as_ref().filter(|_| *with_results);
    let fragment = recording.map_or_else(|| link_fragment(&props.fields), |recorded| with_recording(&link_fragment(&props.fields), recorded));
    let link = format!("{}#{fragment}", page_address_without_fragment());
    {
        let (fragment, copied) = (fragment.clone(), copied.clone());
        use_effect_with(fragment, move |fragment| {
            show_in_address_bar(fragment);
            copied.set(None);
        });
    }
    let embed = embed_code(&props.fields, &site_folder_address());
    let copy = |text: &str, said: &'static str| {
        let (text, copied) = (text.to_owned(), copied.clone());
        Callback::from(move |_: MouseEvent| copied.set(copy_to_clipboard(&text).then_some(said)))
    };
    html! {
        <div class="share">
            <div class="field">
                <label for="share-link">{ "Link to this experiment" }</label>
                <input id="share-link" type="url" readonly=true value={link.clone()} onfocus={Callback::from(select_all)} />
            </div>
            if props.recording.is_some() {
                <div class="field checkbox">
                    <input id="share-results" type="checkbox" checked={*with_results}
                        onchange={ let with_results = with_results.clone(); Callback::from(move |_: Event| with_results.set(!*with_results)) } />
                    <label for="share-results">{ "Include the last run's results, so the link opens with its timeline" }</label>
                </div>
            }
            <button type="button" class="secondary" onclick={copy(&link, "Link copied.")}>{ "Copy link" }</button>
            <div class="field">
                <label for="embed-code">{ "Embed code (an iframe for course pages)" }</label>
                <input id="embed-code" type="text" readonly=true value={embed.clone()} onfocus={Callback::from(select_all)} />
            </div>
            <button type="button" class="secondary" onclick={copy(&embed, "Embed code copied.")}>{ "Copy embed code" }</button>
            <span role="status" class="hint">{ (*copied).unwrap_or_default() }</span>
        </div>
    }
}

/// The page's address without query or fragment.
pub fn page_address_without_fragment() -> String {
    let Some(location) = web_sys::window().map(|window| window.location()) else { return String::new() };
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// Replaces the address bar's fragment without adding a history entry.
fn show_in_address_bar(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Writes `text` to the clipboard where the page may; whether it asked.
pub fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|clipboard| !clipboard.is_undefined());
    if has_clipboard {
        let _ = navigator.clipboard().write_text(text);
    }
    has_clipboard
}

/// Selects a read-only field's whole text when it takes focus.
pub fn select_all(event: FocusEvent) {
    event.target_unchecked_into::<web_sys::HtmlInputElement>().select();
}
