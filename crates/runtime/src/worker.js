// The script every Web Worker of the playground runs, as a module made from a Blob.
// "__GLUE_URL__" is replaced with the URL of wasm-bindgen's JavaScript glue before use.
//
// The first message starts the worker as one of three kinds:
// - a thread ({kind: "start-thread", module, memory, stackBytes}): it shares the page's memory, and every
//   later message ({job}) runs one boxed Rust closure, answered by {kind: "done"}; {exit: true}
//   ends an idle thread: it frees its stack and thread-local storage, then closes;
// - a process ({kind: "start-process", module, origin}): it gets memory of its own, and every
//   later message ({text}) is one engine message, answered by engine messages ({kind: "process", text});
// - a program ({kind: "start-program", module, rehearse}): it gets memory of its own (with
//   `rehearse`, runs a small program first, so the browser compiles the interpreter) and says {kind: "ready"};
//   the next message ({text, words}) starts a learner's program, whose threads take turns on this worker
//   (words: on an isolated page, the SharedArrayBuffer of its tree's Value and Array, else undefined),
//   run a slice at a time with the event loop free between slices (so {stop: true} is heard),
//   each slice answered by what is new ({kind: "program", text}); a program in a tree of processes
//   gets the page keeper's replies as {deliveries}, and runs its next slice at once.
// A trap (a Rust panic aborts) is answered by {kind: "trapped", message}; the page then discards
// this worker, whose memory may be left inconsistent. A thread first frees its stack and
// thread-local storage, which live in the page's memory and would otherwise be lost with it
// (wasm-bindgen's __wbindgen_thread_destroy, without arguments: this thread's own).
import init, * as glue from "__GLUE_URL__";

let handler = null;

self.onmessage = ({ data }) => {
  if (!handler) {
    handler = start(data);
  } else {
    handler.then((handle) => handle(data));
  }
};

async function start(data) {
  if (data.kind === "start-thread") {
    // stackBytes: this thread's stack in the shared memory (undefined: wasm-bindgen's 2 MiB).
    const wasm = await init({ module_or_path: data.module, memory: data.memory, thread_stack_size: data.stackBytes });
    self.postMessage({ kind: "ready" });
    const destroyThread = () => wasm.__wbindgen_thread_destroy();
    return ({ job, exit }) => {
      if (exit) {
        destroyThread();
        self.close();
        return;
      }
      guarded(() => {
        glue.thread_worker_run(job);
        self.postMessage({ kind: "done" });
      }, destroyThread);
    };
  }
  if (data.kind === "start-program") {
    await init({ module_or_path: data.module });
    glue.program_worker_ready(data.rehearse === true);
    self.postMessage({ kind: "ready" });
    return programSlices();
  }
  await init({ module_or_path: data.module });
  guarded(() => self.postMessage({ kind: "process", text: glue.process_worker_ready() }));
  return ({ text }) => guarded(() => glue.process_worker_handle(data.origin, text));
}

// Runs the program's slices one task at a time. The next slice comes at once through a
// MessageChannel (a task that is not clamped to 4 ms as a nested setTimeout(0) is), or, while
// every thread sleeps, after a timer; Stop wakes a sleeping program at once.
function programSlices() {
  const channel = new MessageChannel();
  let timer = null;
  let queued = false;
  const schedule = (waitMs) => {
    if (waitMs > 0) {
      timer = setTimeout(slice, waitMs);
    } else if (waitMs === 0 && !queued) {
      queued = true;
      channel.port2.postMessage(null);
    }
  };
  const slice = () => {
    timer = null;
    queued = false;
    guarded(() => schedule(glue.program_worker_slice()));
  };
  const wake = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    schedule(0);
  };
  channel.port1.onmessage = slice;
  return ({ text, stop, deliveries, words }) =>
    guarded(() => {
      if (stop) {
        glue.program_worker_stop();
      } else if (deliveries !== undefined) {
        glue.program_worker_deliver(deliveries);
      } else {
        glue.program_worker_start(text, words);
      }
      wake();
    });
}

function guarded(work, afterTrap = () => {}) {
  try {
    work();
  } catch (error) {
    try {
      afterTrap();
    } finally {
      self.postMessage({ kind: "trapped", message: String(error) });
    }
  }
}
