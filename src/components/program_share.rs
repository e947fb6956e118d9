//! "Link to this program" and "Program widget": an address that opens the playground with the
//! program and its mode in the Program panel, and an iframe that embeds the program in a course
//! page (read-only unless "Let readers edit it" is ticked), each with a Copy button. A program
//! longer than a link can carry is refused with a message, never cut short.

use yew::prelude::*;

use crate::components::embed_widget::{program_embed_code, site_folder_address};
use crate::components::share_link::{copy_to_clipboard, page_address_without_fragment, select_all};
use crate::form::FormFields;
use crate::link::program_link_fragment;
use crate::program_state::ProgramFields;

/// Props: the page's form, its program included.
#[derive(Properties, PartialEq)]
pub struct ProgramShareProps {
    /// The form as it is.
    pub fields: FormFields,
    /// Called when "Let readers edit it" changes.
    pub on_change: Callback<ProgramFields>,
}

/// The share fields and buttons.
#[component]
pub fn ProgramShare(props: &ProgramShareProps) -> Html {
    let copied = use_state_eq(|| None::<&'static str>);
    {
        let copied = copied.clone();
        use_effect_with(props.fields.program.clone(), move |_| copied.set(None));
    }
    let fragment = match program_link_fragment(&props.fields) {
        Ok(fragment) => fragment,
        Err(too_long) => return html! { <p class="notice error" role="alert">{ too_long.to_string() }</p> },
    };
    let link = format!("{}#{fragment}", page_address_without_fragment());
    let embed = program_embed_code(&props.fields, &site_folder_address()).unwrap_or_default();
    let copy = |text: &str, said: &'static str| {
        let (text, copied) = (text.to_owned(), copied.clone());
        Callback::from(move |_: MouseEvent| copied.set(copy_to_clipboard(&text).then_some(said)))
    };
    let on_editable = {
        let (program, on_change) = (props.fields.program.clone(), props.on_change.clone());
        Callback::from(move |_: Event| on_change.emit(ProgramFields { editable_in_widget: !program.editable_in_widget, ..program.clone() }))
    };
    html! {
        <div class="share">
            <div class="field">
                <label for="program-link">{ "Link to this program" }</label>
                <input id="program-link" type="url" readonly=true value={link.clone()} onfocus={Callback::from(select_all)} />
            </div>
            <button type="button" class="secondary" onclick={copy(&link, "Program link copied.")}>{ "Copy program link" }</button>
            <div class="field">
                <label for="program-embed-code">{ "Program widget (an iframe for course pages)" }</label>
                <input id="program-embed-code" type="text" readonly=true value={embed.clone()} onfocus={Callback::from(select_all)} />
            </div>
            <div class="field checkbox">
                <input id="program-widget-editable" type="checkbox" checked={props.fields.program.editable_in_widget} onchange={on_editable} />
                <label for="program-widget-editable">{ "Let readers edit it in the widget" }</label>
            </div>
            <button type="button" class="secondary" onclick={copy(&embed, "Embed code copied.")}>{ "Copy embed code" }</button>
            <span aria-live="polite" class="hint">{ (*copied).unwrap_or_default() }</span>
        </div>
    }
}
