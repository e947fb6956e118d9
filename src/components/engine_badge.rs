//! A badge saying which engine runs the experiments on this page, and why.

use yew::prelude::*;

use crate::engine_choice::engine_description;

/// Props: whether the page has shared memory.
#[derive(Properties, PartialEq)]
pub struct EngineBadgeProps {
    /// Whether the page is cross-origin isolated.
    pub shared_memory: bool,
}

/// The badge, a status named "Engine".
#[component]
pub fn EngineBadge(props: &EngineBadgeProps) -> Html {
    html! { <p class="badge" role="status" aria-label="Engine">{ engine_description(props.shared_memory) }</p> }
}
