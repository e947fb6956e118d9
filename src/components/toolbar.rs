//! The playground's toolbar, kept at the top of the window as the page scrolls: a button per
//! part of the page (the experiment's settings and its timeline, the Program panel, the
//! results) that brings it into view, and Share, which goes to the link of what is on the page.

use yew::prelude::*;

/// The parts of the page the toolbar goes to: the button's name and the heading it shows.
const SECTIONS: [(&str, &str); 3] = [("Experiment", "experiment-heading"), ("Program", "program-heading"), ("Results", "results-heading")];

/// The id of the share link's field, which Share focuses (and so brings into view).
const SHARE_FIELD: &str = "share-link";

/// The toolbar.
#[component]
pub fn Toolbar() -> Html {
    let go_to = |id: &'static str| Callback::from(move |_: MouseEvent| show_section(id));
    let share = Callback::from(|_: MouseEvent| {
        if let Some(field) = element(SHARE_FIELD).and_then(|field| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(field).ok()) {
            let _ = field.focus();
        }
    });
    html! {
        <nav class="toolbar" aria-label="Toolbar">
            <span class="toolbar-title">{ "GIL Playground" }</span>
            { for SECTIONS.iter().map(|(name, id)| html! { <button type="button" class="secondary" onclick={go_to(id)}>{ *name }</button> }) }
            <button type="button" onclick={share}>{ "Share" }</button>
        </nav>
    }
}

/// Scrolls the part of the page whose heading has the id `id` into view, if it is shown.
pub fn show_section(id: &str) {
    if let Some(heading) = element(id) {
        heading.scroll_into_view();
    }
}

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}
