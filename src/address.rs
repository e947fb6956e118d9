//! The address bar's fragment (`#…`, where share links keep the form), and a hook that follows
//! its changes: a learner who pastes a second share link into the same tab gets what it shares.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The fragment as it is now (with its `#`; empty when there is none).
pub fn address_fragment() -> String {
    web_sys::window().and_then(|window| window.location().hash().ok()).unwrap_or_default()
}

/// The fragment the address was last changed to, and how many times it changed since the page
/// loaded (0 until it does: the page read it when it loaded). Changes the page makes itself
/// with `history.replaceState` fire no `hashchange`, so they are not counted.
#[hook]
pub fn use_address_changes() -> (usize, String) {
    let latest = use_state(|| (0, address_fragment()));
    {
        let latest = latest.setter();
        use_effect_with((), move |()| {
            let mut changes = 0;
            let listener = Closure::<dyn FnMut()>::new(move || {
                changes += 1;
                latest.set((changes, address_fragment()));
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = &window {
                    let _ = window.remove_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
                }
                drop(listener);
            }
        });
    }
    (*latest).clone()
}
