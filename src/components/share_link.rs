//! "Link to this experiment" and "Embed code": the address that reopens the form as it is, and
//! an iframe snippet for the embeddable widget, each in a read-only field to select by hand and
//! with a Copy button. The address bar follows the form too.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::embed_widget::{embed_code, site_folder_address};
use crate::form::FormFields;
use crate::link::link_fragment;

/// Props: the form to link to.
#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    /// The form as it is.
    pub fields: FormFields,
}

/// The share field and button.
#[component]
pub fn ShareLink(props: &ShareLinkProps) -> Html {
    let copied = use_state_eq(|| None::<&'static str>);
    let fragment = link_fragment(&props.fields);
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
fn page_address_without_fragment() -> String {
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
fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|clipboard| !clipboard.is_undefined());
    if has_clipboard {
        let _ = navigator.clipboard().write_text(text);
    }
    has_clipboard
}

fn select_all(event: FocusEvent) {
    event.target_unchecked_into::<web_sys::HtmlInputElement>().select();
}
