//! "Link to this experiment": the address that reopens the form as it is, in a read-only
//! field to select by hand and a Copy link button. The address bar follows the form too.

use wasm_bindgen::JsValue;
use yew::prelude::*;

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
    let copied = use_state_eq(|| false);
    let fragment = link_fragment(&props.fields);
    let link = format!("{}#{fragment}", page_address_without_fragment());
    {
        let (fragment, copied) = (fragment.clone(), copied.clone());
        use_effect_with(fragment, move |fragment| {
            show_in_address_bar(fragment);
            copied.set(false);
        });
    }
    let onclick = {
        let (link, copied) = (link.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| copied.set(copy_to_clipboard(&link)))
    };
    html! {
        <div class="share">
            <div class="field">
                <label for="share-link">{ "Link to this experiment" }</label>
                <input id="share-link" type="url" readonly=true value={link} onfocus={Callback::from(select_all)} />
            </div>
            <button type="button" class="secondary" {onclick}>{ "Copy link" }</button>
            <span role="status" class="hint">{ if *copied { "Link copied." } else { "" } }</span>
        </div>
    }
}

fn page_address_without_fragment() -> String {
    let Some(location) = web_sys::window().map(|window| window.location()) else { return String::new() };
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
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
