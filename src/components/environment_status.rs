//! Says how many cores this machine offers and whether the page is cross-origin isolated
//! (without isolation there is no shared memory, so threads cannot share a GIL).

use yew::prelude::*;

/// Whether the page may share memory between workers.
pub fn cross_origin_isolated() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}

/// The browser's logical core count (`navigator.hardwareConcurrency`).
pub fn core_count() -> usize {
    web_sys::window().map_or(1, |window| window.navigator().hardware_concurrency() as usize).max(1)
}

/// The status line under the title.
#[component]
pub fn EnvironmentStatus() -> Html {
    let cores = core_count();
    let isolated = cross_origin_isolated();
    html! {
        <section class="environment" aria-label="This machine">
            <p>
                <strong>{ format!("{cores} core{}", if cores == 1 { "" } else { "s" }) }</strong>
                { " available to this page (navigator.hardwareConcurrency). " }
                if isolated {
                    <span class="ok">{ "Cross-origin isolated: workers share memory, so threads can share a real GIL." }</span>
                }
            </p>
            if !isolated {
                <div class="warning" role="alert">
                    <p><strong>{ "This page is not cross-origin isolated, so workers cannot share memory." }</strong></p>
                    <p>{ "Browsers only allow shared memory (SharedArrayBuffer) on pages served with the headers \
                          Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. \
                          The single worker, threads + GIL and free-threaded modes need it and are turned off; \
                          the processes mode may still work. To see every mode, open the playground from a server \
                          that sends those headers (the README's serve command does), not from a file or an embedding page." }</p>
                </div>
            }
        </section>
    }
}
