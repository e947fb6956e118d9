//! Creating Web Workers that run `worker.js` with this page's WebAssembly glue.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker, WorkerOptions, WorkerType};

#[wasm_bindgen]
extern "C" {
    /// The URL of wasm-bindgen's glue module, which the workers import.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

thread_local! {
    /// One Blob URL for the script, made on first use (workers are made on the main thread).
    static SCRIPT_URL: Result<String, String> = script_url();
}

fn script_url() -> Result<String, String> {
    let source = include_str!("worker.js").replace("__GLUE_URL__", &GLUE_URL.with(String::clone));
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&source.into()), &options)
        .map_err(describe)?;
    Url::create_object_url_with_blob(&blob).map_err(describe)
}

/// Starts a module worker and sends it `start` as its first message.
///
/// # Errors
/// The browser refused to create the worker (for example, no module workers).
pub fn spawn_worker(start: &Object) -> Result<Worker, String> {
    let url = SCRIPT_URL.with(Clone::clone)?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options).map_err(describe)?;
    worker.post_message(start).map_err(describe)?;
    Ok(worker)
}

/// A plain object with the given fields, for messages.
pub fn message(fields: &[(&str, &JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        // Setting a field on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &(*name).into(), value);
    }
    object
}

/// Reads a string field of a worker's message (empty when absent).
pub fn field(event: &MessageEvent, name: &str) -> String {
    Reflect::get(&event.data(), &name.into()).ok().and_then(|value| value.as_string()).unwrap_or_default()
}

/// A JavaScript error as text.
pub fn describe(error: JsValue) -> String {
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
