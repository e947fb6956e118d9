# multiprocessing.pool: workers (processes, or threads for ThreadPool) take tasks from one
# channel and send results on another; a thread of the parent hands each result to its
# AsyncResult. A task's exception comes back with the worker's traceback as its cause.

import _multiprocessing as _mp
import threading
import queue as _queue
from multiprocessing.context import TimeoutError, cpu_count
from multiprocessing.process import Process


class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        Exception.__init__(self, self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)


def _run_task(func, args, kwds):
    try:
        return (True, func(*args, **kwds))
    except Exception as e:
        return (False, (e, _mp.format_exception(e)))


def _pool_worker(tasks, results, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        got, task = _mp.receive(tasks, True, None, "the pool's tasks")
        if task is None:
            break
        job, index, func, args, kwds = task
        result = _run_task(func, args, kwds)
        try:
            _mp.send(results, (job, index, result))
        except Exception as e:
            _mp.send(results, (job, index, (False, (MaybeEncodingError(e, result[1]), ""))))


class _ProcessChannels:
    def __init__(self, processes, initializer, initargs):
        self.tasks = _mp.channel()
        self.results = _mp.channel()
        self.workers = []
        for _ in range(processes):
            worker = Process(target=_pool_worker, args=(self.tasks, self.results, initializer, initargs), daemon=True)
            worker.name = "SpawnPoolWorker-" + ":".join(str(i) for i in worker._identity)
            worker.start()
            self.workers.append(worker)

    def send_task(self, task):
        _mp.send(self.tasks, task)

    def receive_result(self):
        return _mp.receive(self.results, True, None, "the pool's results")[1]

    def end_results(self):
        _mp.send(self.results, None)

    def terminate(self):
        for worker in self.workers:
            worker.terminate()


def _thread_worker(tasks, results, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = tasks.get()
        if task is None:
            break
        job, index, func, args, kwds = task
        results.put((job, index, _run_task(func, args, kwds)))


class _ThreadChannels:
    def __init__(self, processes, initializer, initargs):
        self.tasks = _queue.Queue()
        self.results = _queue.Queue()
        self.workers = []
        for _ in range(processes):
            worker = threading.Thread(target=_thread_worker, args=(self.tasks, self.results, initializer, initargs), daemon=True)
            worker.start()
            self.workers.append(worker)

    def send_task(self, task):
        self.tasks.put(task)

    def receive_result(self):
        return self.results.get()

    def end_results(self):
        self.results.put(None)

    def terminate(self):
        for _ in self.workers:
            self.tasks.put(None)


class ApplyResult:
    def __init__(self, pool, callback=None, error_callback=None):
        self._pool = pool
        self._job = pool._new_job(self)
        self._event = threading.Event()
        self._callback = callback
        self._error_callback = error_callback
        self._success = None
        self._value = None

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _finish(self, success, value):
        self._success = success
        self._value = value
        if success and self._callback:
            self._callback(value)
        if not success and self._error_callback:
            self._error_callback(value)
        self._event.set()
        self._pool._jobs.pop(self._job, None)

    def _set(self, index, result):
        self._finish(*result)


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, length, callback=None, error_callback=None):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._items = [None] * length
        self._left = length
        if length == 0:
            self._finish(True, [])

    def _set(self, index, result):
        success, value = result
        if self.ready():
            return
        if not success:
            self._finish(False, value)
            return
        self._items[index] = value
        self._left -= 1
        if self._left == 0:
            self._finish(True, self._items)


class IMapIterator:
    def __init__(self, pool, length, ordered):
        self._pool = pool
        self._job = pool._new_job(self)
        self._cond = threading.Condition(threading.Lock())
        self._arrived = {}
        self._order = []
        self._next = 0
        self._length = length
        self._ordered = ordered

    def __iter__(self):
        return self

    def _set(self, index, result):
        with self._cond:
            self._arrived[index] = result
            self._order.append(index)
            self._cond.notify_all()

    def next(self, timeout=None):
        with self._cond:
            if self._next == self._length:
                self._pool._jobs.pop(self._job, None)
                raise StopIteration
            if self._ordered:
                key = self._next
                ready = lambda: key in self._arrived
            else:
                ready = lambda: len(self._order) > 0
            if not self._cond.wait_for(ready, timeout):
                raise TimeoutError
            if not self._ordered:
                key = self._order.pop(0)
            elif key in self._order:
                self._order.remove(key)
            success, value = self._arrived.pop(key)
            self._next += 1
        if success:
            return value
        raise value

    __next__ = next


class Pool:
    _channels = _ProcessChannels

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._jobs = {}
        self._job_counter = 0
        self._state = "RUN"
        self._channels_ = self._channels(processes, initializer, initargs)
        self._handler = threading.Thread(target=self._handle_results, daemon=True)
        self._handler.start()

    def __repr__(self):
        return "<%s state=%s pool_size=%d>" % (type(self).__name__, self._state, self._processes)

    def _new_job(self, result):
        self._job_counter += 1
        self._jobs[self._job_counter] = result
        return self._job_counter

    def _handle_results(self):
        while True:
            message = self._channels_.receive_result()
            if message is None:
                return
            job, index, (success, value) = message
            if not success:
                value = self._remote_exception(value)
            result = self._jobs.get(job)
            if result is not None:
                result._set(index, (success, value))

    def _remote_exception(self, value):
        exception, text = value
        if text:
            exception.__cause__ = RemoteTraceback('\n"""\n' + text + '"""')
        return exception

    def _check_running(self):
        if self._state != "RUN":
            raise ValueError("Pool not running")

    def _submit(self, result, index, func, args, kwds):
        try:
            self._channels_.send_task((result._job, index, func, tuple(args), dict(kwds)))
        except Exception as e:
            result._set(index, (False, e))

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._submit(result, 0, func, args, kwds)
        return result

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, [(item,) for item in iterable], callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, [tuple(args) for args in iterable], callback, error_callback)

    def _map_async(self, func, arguments, callback, error_callback):
        self._check_running()
        result = MapResult(self, len(arguments), callback, error_callback)
        for index, args in enumerate(arguments):
            self._submit(result, index, func, args, {})
            if result.ready():
                break
        return result

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def _imap(self, func, iterable, ordered):
        self._check_running()
        arguments = [(item,) for item in iterable]
        result = IMapIterator(self, len(arguments), ordered)
        for index, args in enumerate(arguments):
            self._submit(result, index, func, args, {})
        return result

    def imap(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, False)

    def close(self):
        if self._state == "RUN":
            self._state = "CLOSE"
            for _ in self._channels_.workers:
                self._channels_.send_task(None)

    def terminate(self):
        if self._state != "TERMINATE":
            self._state = "TERMINATE"
            self._channels_.terminate()
            self._channels_.end_results()

    def join(self):
        if self._state == "RUN":
            raise ValueError("Pool is still running")
        for worker in self._channels_.workers:
            worker.join()
        if self._state == "CLOSE":
            self._channels_.end_results()
            self._state = "JOINED"
        self._handler.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.terminate()


class ThreadPool(Pool):
    _channels = _ThreadChannels

    def __init__(self, processes=None, initializer=None, initargs=()):
        Pool.__init__(self, processes, initializer, initargs)
