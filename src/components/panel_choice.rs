//! "Panels shown": a checkbox per panel of the page, so a teacher can hide what a lesson does not
//! need before copying the link.

use yew::prelude::*;

use crate::panels::{Panel, ShownPanels};

/// Props: the panels shown, and where a change goes.
#[derive(Properties, PartialEq)]
pub struct PanelChoiceProps {
    /// The panels shown now.
    pub shown: ShownPanels,
    /// Called with the new choice after every change.
    pub on_change: Callback<ShownPanels>,
}

/// The checkboxes, in a fieldset named "Panels shown".
#[component]
pub fn PanelChoice(props: &PanelChoiceProps) -> Html {
    html! {
        <fieldset class="panels">
            <legend>{ "Panels shown" }</legend>
            { for Panel::ALL.into_iter().map(|panel| {
                let (shown, on_change) = (props.shown, props.on_change.clone());
                let onchange = Callback::from(move |_: Event| on_change.emit(shown.with(panel, !shown.shows(panel))));
                let id = format!("panel-{}", panel.key());
                html! {
                    <div class="field checkbox">
                        <input id={id.clone()} type="checkbox" checked={props.shown.shows(panel)} {onchange} />
                        <label for={id}>{ panel.label() }</label>
                    </div>
                }
            }) }
        </fieldset>
    }
}
