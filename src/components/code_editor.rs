//! A code editor for a Python program: CodeMirror 6 (`www/editor/program_editor.js`, bundled by
//! Trunk.toml's hook into `program-editor.js` and imported once the editor is first drawn, so
//! the page is interactive before it loads). The page owns the text: every edit is reported
//! through `on_change`, and a text the page sets (a lesson, a link) replaces the editor's.
//! Ctrl+Enter (Cmd+Enter) calls `on_run`; `error_line` marks the line a failed run points at.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function open_program_editor(parent, text, label, readOnly, onChange, onRun, onReady, onFailure) {
  import(new URL("program-editor.js", document.baseURI).href)
    .then((module) => onReady(module.createEditor(parent, text, label, readOnly, onChange, onRun)))
    .catch((error) => onFailure(String(error)));
}
"#)]
extern "C" {
    /// The editor `createEditor` made.
    type EditorHandle;

    /// Loads the bundle and makes an editor in `parent`; `on_ready` gets it, `on_failure` why not.
    #[allow(clippy::too_many_arguments, reason = "one call into the bundle, its arguments as createEditor takes them")]
    fn open_program_editor(
        parent: &Element,
        text: &str,
        label: &str,
        read_only: bool,
        on_change: &Closure<dyn FnMut(String)>,
        on_run: &Closure<dyn FnMut()>,
        on_ready: &Closure<dyn FnMut(EditorHandle)>,
        on_failure: &Closure<dyn FnMut(String)>,
    );

    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &EditorHandle, text: &str);

    #[wasm_bindgen(method, js_name = markErrorLine)]
    fn mark_error_line(this: &EditorHandle, line: usize);

    #[wasm_bindgen(method, js_name = setReadOnly)]
    fn set_read_only(this: &EditorHandle, read_only: bool);

    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

/// Props of the editor.
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The program's text as the page keeps it.
    pub text: String,
    /// Its accessible name.
    pub label: AttrValue,
    /// Whether it can be edited.
    #[prop_or_default]
    pub read_only: bool,
    /// The line (from 1) a failed run points at, if any.
    #[prop_or_default]
    pub error_line: Option<usize>,
    /// Called with the whole text after every edit.
    pub on_change: Callback<String>,
    /// Ctrl+Enter or Cmd+Enter.
    pub on_run: Callback<()>,
}

/// Whether the bundle has loaded.
#[derive(Clone, PartialEq)]
enum Loading {
    Pending,
    Ready,
    Failed(String),
}

/// What the editor shows, as last given to it, and the latest callbacks.
struct Shown {
    handle: Option<EditorHandle>,
    text: String,
    error_line: Option<usize>,
    read_only: bool,
    on_change: Callback<String>,
    on_run: Callback<()>,
    /// The closures the bundle calls, kept for as long as the editor lives.
    closures: Vec<Box<dyn std::any::Any>>,
    /// Whether the component has gone (an editor that loads after it is destroyed at once).
    gone: bool,
}

impl Shown {
    /// Gives the editor what the props say, where it differs from what it shows.
    fn follow(&mut self, props: &CodeEditorProps) {
        self.on_change = props.on_change.clone();
        self.on_run = props.on_run.clone();
        let Some(handle) = &self.handle else {
            (self.text, self.error_line, self.read_only) = (props.text.clone(), props.error_line, props.read_only);
            return;
        };
        if self.text != props.text {
            handle.set_text(&props.text);
            self.text = props.text.clone();
        }
        if self.error_line != props.error_line {
            handle.mark_error_line(props.error_line.unwrap_or(0));
            self.error_line = props.error_line;
        }
        if self.read_only != props.read_only {
            handle.set_read_only(props.read_only);
            self.read_only = props.read_only;
        }
    }
}

/// The editor.
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let parent = use_node_ref();
    let loading = use_state(|| Loading::Pending);
    let shown = use_mut_ref(|| Shown {
        handle: None,
        text: props.text.clone(),
        error_line: None,
        read_only: props.read_only,
        on_change: props.on_change.clone(),
        on_run: props.on_run.clone(),
        closures: Vec::new(),
        gone: false,
    });
    shown.borrow_mut().follow(props);
    {
        let (parent, shown, loading, label) = (parent.clone(), shown.clone(), loading.setter(), props.label.clone());
        use_effect_with((), move |()| {
            if let Some(element) = parent.cast::<Element>() {
                open(&element, &label, &shown, loading);
            }
            move || {
                let mut shown = shown.borrow_mut();
                shown.gone = true;
                if let Some(handle) = shown.handle.take() {
                    handle.destroy();
                    // Nothing calls them now (until the editor is ready, `on_ready` may be).
                    shown.closures.clear();
                }
            }
        });
    }

    // View
    html! {
        <>
            if *loading == Loading::Pending {
                <p class="hint">{ "Loading the editor…" }</p>
            }
            if let Loading::Failed(why) = &*loading {
                <p class="notice error" role="alert">{ format!("The editor could not be loaded: {why}") }</p>
            }
            <div ref={parent} class="code-editor"></div>
        </>
    }
}

/// Loads the bundle and makes the editor in `element`, wired to `shown`.
fn open(element: &Element, label: &str, shown: &Rc<RefCell<Shown>>, loading: UseStateSetter<Loading>) {
    let on_change = {
        let shown = shown.clone();
        Closure::<dyn FnMut(String)>::new(move |text: String| {
            let callback = {
                let mut shown = shown.borrow_mut();
                shown.text.clone_from(&text);
                shown.on_change.clone()
            };
            callback.emit(text);
        })
    };
    let on_run = {
        let shown = shown.clone();
        Closure::<dyn FnMut()>::new(move || {
            let callback = shown.borrow().on_run.clone();
            callback.emit(());
        })
    };
    let on_ready = {
        let (shown, loading) = (shown.clone(), loading.clone());
        Closure::<dyn FnMut(EditorHandle)>::new(move |handle: EditorHandle| {
            let mut shown = shown.borrow_mut();
            if shown.gone {
                handle.destroy();
                return;
            }
            // Whatever changed while it loaded.
            handle.set_text(&shown.text);
            handle.set_read_only(shown.read_only);
            handle.mark_error_line(shown.error_line.unwrap_or(0));
            shown.handle = Some(handle);
            loading.set(Loading::Ready);
        })
    };
    let on_failure = Closure::<dyn FnMut(String)>::new(move |why: String| loading.set(Loading::Failed(why)));
    let (text, read_only) = {
        let shown = shown.borrow();
        (shown.text.clone(), shown.read_only)
    };
    open_program_editor(element, &text, label, read_only, &on_change, &on_run, &on_ready, &on_failure);
    let closures: [Box<dyn std::any::Any>; 4] = [Box::new(on_change), Box::new(on_run), Box::new(on_ready), Box::new(on_failure)];
    shown.borrow_mut().closures.extend(closures);
}
