//! The playground's toolbar, kept at the top of the window as the page scrolls (on wide
//! screens): tabs for the part of the page shown (the Experiment or the Program) and Share,
//! which goes to the shown part's link, on one row; that part's own controls (given by the page,
//! each the only one of its name) on the next. The tabs follow the ARIA tabs pattern: one tab stop, arrow keys, Home and
//! End move between them and show the part at once.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// A part of the page, shown one at a time below the toolbar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The catalogue experiment: its settings, timeline, results and the race lab.
    Experiment,
    /// A Python program (or a lesson's): its editor, output and threads.
    Program,
}

impl Part {
    /// Every part, in the tabs' order.
    pub const ALL: [Part; 2] = [Part::Experiment, Part::Program];

    /// Its tab's name.
    pub fn label(self) -> &'static str {
        match self {
            Part::Experiment => "Experiment",
            Part::Program => "Program",
        }
    }

    /// The id of its tab.
    pub fn tab_id(self) -> &'static str {
        match self {
            Part::Experiment => "tab-experiment",
            Part::Program => "tab-program",
        }
    }

    /// The id of its tab panel (the page's part).
    pub fn panel_id(self) -> &'static str {
        match self {
            Part::Experiment => "part-experiment",
            Part::Program => "part-program",
        }
    }

    /// The id of its heading, brought into view when the part is shown on a scrolled page.
    pub fn heading_id(self) -> &'static str {
        match self {
            Part::Experiment => "experiment-heading",
            Part::Program => "program-heading",
        }
    }

    /// The id of its share link's field, which Share focuses.
    fn share_field_id(self) -> &'static str {
        match self {
            Part::Experiment => "share-link",
            Part::Program => "program-link",
        }
    }

    /// The part a key pressed on its tab goes to, if the key moves between tabs.
    fn after_key(self, key: &str) -> Option<Part> {
        let at = Part::ALL.iter().position(|part| *part == self)?;
        let last = Part::ALL.len() - 1;
        let to = match key {
            "ArrowRight" => if at == last { 0 } else { at + 1 },
            "ArrowLeft" => if at == 0 { last } else { at - 1 },
            "Home" => 0,
            "End" => last,
            _ => return None,
        };
        Some(Part::ALL[to])
    }
}

/// Props of the toolbar.
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The part shown.
    pub part: Part,
    /// Shows another part.
    pub on_part: Callback<Part>,
    /// The shown part's controls.
    #[prop_or_default]
    pub children: Html,
}

/// The toolbar.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let part = props.part;
    let share = Callback::from(move |_: MouseEvent| focus(part.share_field_id()));
    html! {
        <section class="toolbar" aria-label="Toolbar">
            <div class="part-tabs" role="tablist" aria-label="Part of the playground">
                { for Part::ALL.into_iter().map(|tab| part_tab(tab, part, &props.on_part)) }
            </div>
            <button type="button" class="share-button" onclick={share}>{ "Share" }</button>
            <div class="toolbar-controls">{ props.children.clone() }</div>
        </section>
    }
}

/// One part's tab: selected, it is the tablist's one tab stop and controls the part shown.
fn part_tab(tab: Part, shown: Part, on_part: &Callback<Part>) -> Html {
    let selected = tab == shown;
    let onclick = on_part.reform(move |_: MouseEvent| tab);
    let onkeydown = {
        let on_part = on_part.clone();
        Callback::from(move |event: KeyboardEvent| {
            if let Some(next) = tab.after_key(&event.key()) {
                event.prevent_default();
                on_part.emit(next);
                focus(next.tab_id());
            }
        })
    };
    html! {
        <button type="button" role="tab" id={tab.tab_id()} aria-selected={selected.to_string()}
            aria-controls={selected.then_some(tab.panel_id())} tabindex={if selected { "0" } else { "-1" }} {onclick} {onkeydown}>
            { tab.label() }
        </button>
    }
}

/// Focuses the element with the id `id`, if there is one (a field focused is scrolled into view).
fn focus(id: &str) {
    let element = web_sys::window().and_then(|window| window.document()).and_then(|document| document.get_element_by_id(id));
    if let Some(element) = element.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Brings the shown part's heading into view if the page is scrolled past it (a part shown
/// from lower down the page, where the part before it was longer).
pub fn bring_part_into_view(part: Part) {
    let heading = web_sys::window().and_then(|window| window.document()).and_then(|document| document.get_element_by_id(part.heading_id()));
    if let Some(heading) = heading.filter(|heading| heading.get_bounding_client_rect().top() < 0.0) {
        heading.scroll_into_view();
    }
}
