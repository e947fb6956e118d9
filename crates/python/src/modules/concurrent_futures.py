# concurrent.futures, as CPython's Lib/concurrent/futures (_base.py, thread.py) writes it:
# futures guarded by a condition, a pool of worker threads fed by a queue.

import os
import queue
import threading
import time

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_RUNNING = "RUNNING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


class Error(Exception):
    pass


class CancelledError(Error):
    pass


TimeoutError = TimeoutError


class BrokenExecutor(RuntimeError):
    pass


class _Waiter:
    def __init__(self):
        self.condition = threading.Condition(None, "futures to complete")
        self.finished = []

    def add(self, future):
        with self.condition:
            self.finished.append(future)
            self.condition.notify_all()


class Future:
    def __init__(self):
        self._condition = threading.Condition(None, "a future's result", "condition", "Future at " + hex(id(self)))
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception:
                    return "<Future at %#x state=finished raised %s>" % (id(self), type(self._exception).__name__)
                return "<Future at %#x state=finished returned %s>" % (id(self), type(self._result).__name__)
            return "<Future at %#x state=%s>" % (id(self), self._state.lower())

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                pass

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
            for waiter in self._waiters:
                waiter.add(self)
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state == _CANCELLED

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in (_CANCELLED, _FINISHED)

    def _get_result(self):
        if self._exception is not None:
            raise self._exception
        return self._result

    def result(self, timeout=None):
        with self._condition:
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            self._condition.wait(timeout)
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in (_CANCELLED, _FINISHED):
                self._done_callbacks.append(fn)
                return
        fn(self)

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                return False
            self._state = _RUNNING
            return True

    def _finish(self):
        self._state = _FINISHED
        for waiter in self._waiters:
            waiter.add(self)
        self._condition.notify_all()

    def set_result(self, result):
        with self._condition:
            self._result = result
            self._finish()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            self._exception = exception
            self._finish()
        self._invoke_callbacks()


def _unique(fs):
    seen = []
    for future in fs:
        if not any(future is other for other in seen):
            seen.append(future)
    return seen


def as_completed(fs, timeout=None):
    if timeout is not None:
        end_time = timeout + time.monotonic()
    fs = _unique(fs)
    waiter = _Waiter()
    finished = []
    pending = []
    for future in fs:
        with future._condition:
            if future._state in (_CANCELLED, _FINISHED):
                finished.append(future)
            else:
                pending.append(future)
                future._waiters.append(waiter)
    try:
        for future in finished:
            yield future
        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end_time - time.monotonic()
                if wait_timeout < 0:
                    raise TimeoutError("%d (of %d) futures unfinished" % (len(pending), len(fs)))
            with waiter.condition:
                if not waiter.finished:
                    waiter.condition.wait(wait_timeout)
                arrived = waiter.finished
                waiter.finished = []
            for future in arrived:
                if future in pending:
                    pending.remove(future)
                    yield future
    finally:
        for future in fs:
            with future._condition:
                if waiter in future._waiters:
                    future._waiters.remove(waiter)


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __getitem__(self, index):
        return (self.done, self.not_done)[index]

    def __repr__(self):
        return "DoneAndNotDoneFutures(done=%r, not_done=%r)" % (self.done, self.not_done)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = _unique(fs)
    if timeout is not None:
        end_time = timeout + time.monotonic()
    waiter = _Waiter()
    for future in fs:
        with future._condition:
            future._waiters.append(waiter)
    try:
        while True:
            done = [f for f in fs if f.done()]
            not_done = [f for f in fs if not f.done()]
            if not not_done:
                break
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and any(f.exception() is not None for f in done if not f.cancelled()):
                break
            remaining = None
            if timeout is not None:
                remaining = end_time - time.monotonic()
                if remaining <= 0:
                    break
            with waiter.condition:
                if not waiter.finished:
                    waiter.condition.wait(remaining)
                waiter.finished = []
    finally:
        for future in fs:
            with future._condition:
                if waiter in future._waiters:
                    future._waiters.remove(waiter)
    return DoneAndNotDoneFutures(set(done), set(not_done))


class Executor:
    def submit(self, fn, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if timeout is not None:
            end_time = timeout + time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]
        return _results_in_order(fs, timeout, end_time if timeout is not None else None)

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


def _results_in_order(fs, timeout, end_time):
    fs.reverse()
    while fs:
        if timeout is None:
            yield fs.pop().result()
        else:
            yield fs.pop().result(end_time - time.monotonic())


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


def _worker(executor, work_queue):
    while True:
        work_item = work_queue.get(block=True)
        if work_item is not None:
            work_item.run()
            del work_item
            executor._idle_semaphore.release()
            continue
        work_queue.put(None)
        return


_executor_counter = 0


class ThreadPoolExecutor(Executor):
    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        global _executor_counter
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._work_queue = queue.Queue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        if not thread_name_prefix:
            thread_name_prefix = "ThreadPoolExecutor-%d" % _executor_counter
            _executor_counter += 1
        self._thread_name_prefix = thread_name_prefix
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self._work_queue.put(_WorkItem(future, fn, args, kwargs))
            self._adjust_thread_count()
            return future

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        count = len(self._threads)
        if count < self._max_workers:
            name = "%s_%d" % (self._thread_name_prefix, count)
            thread = threading.Thread(name=name, target=self._run_worker)
            thread.daemon = False
            thread.start()
            self._threads.append(thread)

    def _run_worker(self):
        if self._initializer is not None:
            self._initializer(*self._initargs)
        _worker(self, self._work_queue)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        work_item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if work_item is not None:
                        work_item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


def _process_chunk(fn, chunk):
    return [fn(*args) for args in chunk]


class ProcessPoolExecutor(Executor):
    # Over a multiprocessing Pool: each call is pickled to a worker process and its result
    # (or exception) pickled back into the future; map sends its items in chunks of chunksize,
    # and a worker is replaced after max_tasks_per_child calls (a chunk is one).
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *, max_tasks_per_child=None):
        import multiprocessing
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            if max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._max_workers = max_workers
        self._pool = multiprocessing.Pool(max_workers, initializer, initargs, max_tasks_per_child)
        self._shutdown = False
        self._shutdown_lock = threading.Lock()

    def submit(self, fn, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            future.set_running_or_notify_cancel()
            self._pool.apply_async(fn, args, kwargs, callback=future.set_result, error_callback=future.set_exception)
            return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        items = list(zip(*iterables))
        chunks = [items[start:start + chunksize] for start in range(0, len(items), chunksize)]
        results = Executor.map(self, _process_chunk, [fn] * len(chunks), chunks, timeout=timeout)
        return (item for chunk in results for item in chunk)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            if self._shutdown:
                return
            self._shutdown = True
        self._pool.close()
        if wait:
            self._pool.join()
