//! Says how many cores this machine offers, whether the page is cross-origin isolated (and
//! whether its service worker made it so, on a host that sends no headers), and so which engine
//! runs (without isolation there is no shared memory: the message-passing engine).

use runtime::shared_memory_available;
use yew::prelude::*;

use crate::components::engine_badge::EngineBadge;

/// The browser's logical core count (`navigator.hardwareConcurrency`).
pub fn core_count() -> usize {
    web_sys::window().map_or(1, |window| window.navigator().hardware_concurrency() as usize).max(1)
}

/// Whether a service worker serves this page: on a host without the isolation headers, the one
/// index.html registers adds them (after one reload).
fn served_by_service_worker() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let workers = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()).unwrap_or_default();
    !workers.is_undefined() && js_sys::Reflect::get(&workers, &"controller".into()).is_ok_and(|controller| controller.is_object())
}

/// The status line under the title.
#[component]
pub fn EnvironmentStatus() -> Html {
    let cores = core_count();
    let isolated = shared_memory_available();
    html! {
        <section class="environment" aria-label="This machine">
            <p>
                <strong>{ format!("{cores} core{}", if cores == 1 { "" } else { "s" }) }</strong>
                { " available to this page (navigator.hardwareConcurrency). " }
            </p>
            <EngineBadge shared_memory={isolated} />
            if isolated && served_by_service_worker() {
                <p class="hint">{ "This host sends no cross-origin isolation headers, so the playground's service worker adds \
                    them: that is why the page reloaded once when it was first opened." }</p>
            }
            if !isolated {
                <div class="warning" role="alert">
                    <p><strong>{ "This page is not cross-origin isolated, so workers cannot share memory." }</strong></p>
                    <p>{ "Browsers only allow shared memory (SharedArrayBuffer) on pages served with the headers \
                          Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. \
                          Every mode still runs, on workers with memory of their own that exchange messages: the GIL is \
                          a token handed from worker to worker, and each worker's start-up counts in the wall time. \
                          To see threads share memory and a real GIL lock, open the playground from a server that \
                          sends those headers (the README's serve command does), or in a browser that lets its service \
                          worker add them, rather than from a file or inside another page." }</p>
                </div>
            }
        </section>
    }
}
