// The Program panel's editor: CodeMirror 6 with Python, bundled by esbuild at build time
// (Trunk.toml's hook) into dist/program-editor.js, which the page imports once the panel is drawn.
// The page (src/components/code_editor.rs) owns the program's text: the editor reports every edit
// and takes the text back when the page changes it (a lesson, a link).
import { Annotation, EditorState, StateEffect, StateField, Compartment } from "@codemirror/state";
import {
  EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting, HighlightStyle } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { python } from "@codemirror/lang-python";

/** Scripts (the browser tests among them) reach an editor by its element: `EditorView.findFromDOM`. */
export { EditorView };

/** Colours from the page's stylesheet (www/style.css), so that dark mode has its own. */
const colours = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--code-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--code-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--code-number)" },
  { tag: tags.comment, color: "var(--code-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: "var(--code-definition)" },
  { tag: [tags.self, tags.standard(tags.variableName)], color: "var(--code-builtin)" },
  { tag: tags.invalid, color: "var(--error)" },
]);

/** Marks the changes the page makes itself, which it need not hear back about. */
const fromPage = Annotation.define();

/** Marks (or, with 0, clears) the line a failed run points at. */
const markLine = StateEffect.define();

const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects.filter((effect) => effect.is(markLine))) {
      const doc = transaction.state.doc;
      marks = effect.value >= 1 && effect.value <= doc.lines
        ? Decoration.set([Decoration.line({ class: "cm-error-line", attributes: { title: "The line the last run stopped at" } }).range(doc.line(effect.value).from)])
        : Decoration.none;
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * An editor in `parent` holding `text`, named `label` for assistive technology; `onChange(text)`
 * after each edit, `onRun()` on Ctrl+Enter or Cmd+Enter. Tab indents; Escape then Tab moves focus
 * on (CodeMirror's escape for keyboard users).
 */
export function createEditor(parent, text, label, readOnly, onChange, onRun) {
  const editable = new Compartment();
  const editability = (readOnly) => [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
        indentOnInput(), bracketMatching(), highlightActiveLine(),
        syntaxHighlighting(colours),
        python(), indentUnit.of("    "), EditorState.tabSize.of(4), errorLine,
        keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label, spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
        editable.of(editability(readOnly)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.every((transaction) => transaction.annotation(fromPage))) {
            onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });
  return {
    /** The text, unless it already is (keeps the cursor and the undo history when it is). */
    setText(text) {
      if (view.state.doc.toString() === text) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromPage.of(true) });
    },
    markErrorLine(line) { view.dispatch({ effects: markLine.of(line) }); },
    setReadOnly(readOnly) { view.dispatch({ effects: editable.reconfigure(editability(readOnly)) }); },
    destroy() { view.destroy(); },
  };
}
