# multiprocessing.pool: workers (processes, or threads for ThreadPool) take tasks from one
# channel and send results on another; a thread of the parent hands each result to its
# AsyncResult. A task's exception comes back with the worker's traceback as its cause.
# map, starmap and chunked imap send their items in chunks (one task each, run by mapstar);
# a worker retires after maxtasksperchild tasks and the pool starts another in its place.

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


def mapstar(args):
    # A comprehension, not list(map(...)): map's function would run on a loop nested in Rust,
    # where a task that waits (for a lock the initializer shared) could not park.
    func, chunk = args
    return [func(item) for item in chunk]


def starmapstar(args):
    func, chunk = args
    return [func(*arguments) for arguments in chunk]


def _work(receive_task, send_result, initializer, initargs, maxtasks, key):
    # A worker's loop: at most maxtasks tasks (a chunk is one task), then it retires; the
    # last message it sends, even when its initializer raised, says it ended and whether it
    # retired (the pool replaces it).
    completed = 0
    try:
        if initializer is not None:
            initializer(*initargs)
        while maxtasks is None or completed < maxtasks:
            task = receive_task()
            if task is None:
                break
            job, index, func, args, kwds = task
            send_result((job, index, _run_task(func, args, kwds)))
            completed += 1
    finally:
        send_result((None, key, maxtasks is not None and completed == maxtasks))


def _pool_worker(tasks, results, initializer, initargs, maxtasks, key):
    def send_result(message):
        try:
            _mp.send(results, message)
        except Exception as e:
            job, index, result = message
            _mp.send(results, (job, index, (False, (MaybeEncodingError(e, result[1]), ""))))

    def receive_task():
        return _mp.receive(tasks, True, None, "the pool's tasks")[1]

    _work(receive_task, send_result, initializer, initargs, maxtasks, key)


class _ProcessChannels:
    def __init__(self):
        self.tasks = _mp.channel()
        self.results = _mp.channel()

    def start_worker(self, key, initializer, initargs, maxtasks):
        worker = Process(target=_pool_worker, args=(self.tasks, self.results, initializer, initargs, maxtasks, key), daemon=True)
        worker.name = "SpawnPoolWorker-" + ":".join(str(i) for i in worker._identity)
        worker.start()
        return worker

    def send_task(self, task):
        _mp.send(self.tasks, task)

    def receive_result(self):
        return _mp.receive(self.results, True, None, "the pool's results")[1]

    def end_results(self):
        _mp.send(self.results, None)

    def terminate(self, workers):
        for worker in workers:
            worker.terminate()


class _ThreadChannels:
    def __init__(self):
        self.tasks = _queue.Queue()
        self.results = _queue.Queue()

    def start_worker(self, key, initializer, initargs, maxtasks):
        worker = threading.Thread(target=_work, args=(self.tasks.get, self.results.put, initializer, initargs, maxtasks, key), daemon=True)
        worker.start()
        return worker

    def send_task(self, task):
        self.tasks.put(task)

    def receive_result(self):
        return self.results.get()

    def end_results(self):
        self.results.put(None)

    def terminate(self, workers):
        for _ in workers:
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
    # One result per chunk of chunksize items; ready once every chunk is back, even after
    # one failed (the first exception is the result), as CPython 3.8+ does.
    def __init__(self, pool, chunksize, length, callback=None, error_callback=None):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._success = True
        self._items = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._left = 0
            self._finish(True, [])
        else:
            self._left = length // chunksize + bool(length % chunksize)

    def _set(self, index, result):
        self._left -= 1
        success, value = result
        if success and self._success:
            start = index * self._chunksize
            self._items[start:start + len(value)] = value
        elif not success and self._success:
            self._success = False
            self._error = value
        if self._left == 0:
            if self._success:
                self._finish(True, self._items)
            else:
                self._finish(False, self._error)


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


def _chunks(items, size):
    return [tuple(items[start:start + size]) for start in range(0, len(items), size)]


class Pool:
    _channels = _ProcessChannels

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._jobs = {}
        self._job_counter = 0
        self._state = "RUN"
        self._worker_args = (initializer, initargs, maxtasksperchild)
        # Guards the workers: those started (for join and terminate) and those not yet seen
        # to end (by key); join waits on it for the last of them.
        self._workers_changed = threading.Condition(threading.Lock())
        self._started = []
        self._live = {}
        self._channels_ = self._channels()
        for _ in range(processes):
            self._start_worker()
        self._handler = threading.Thread(target=self._handle_results, daemon=True)
        self._handler.start()

    def __repr__(self):
        return "<%s state=%s pool_size=%d>" % (type(self).__name__, self._state, self._processes)

    def _start_worker(self):
        key = len(self._started)
        worker = self._channels_.start_worker(key, *self._worker_args)
        self._started.append(worker)
        self._live[key] = worker

    def _worker_ended(self, key, retired):
        # A worker that retired after maxtasksperchild tasks is replaced while the pool runs
        # or has work left, as CPython's worker handler does.
        with self._workers_changed:
            del self._live[key]
            if retired and self._state != "TERMINATE" and (self._state == "RUN" or self._jobs):
                self._start_worker()
            self._workers_changed.notify_all()

    def _new_job(self, result):
        self._job_counter += 1
        self._jobs[self._job_counter] = result
        return self._job_counter

    def _handle_results(self):
        while True:
            message = self._channels_.receive_result()
            if message is None:
                return
            if message[0] is None:
                self._worker_ended(message[1], message[2])
                continue
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
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def _map_async(self, func, iterable, mapper, chunksize, callback, error_callback):
        # CPython's default chunksize: the items over four times the workers, rounded up.
        self._check_running()
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), self._processes * 4)
            if extra:
                chunksize += 1
        if len(items) == 0:
            chunksize = 0
        result = MapResult(self, chunksize, len(items), callback, error_callback)
        if chunksize > 0:
            for index, chunk in enumerate(_chunks(items, chunksize)):
                self._submit(result, index, mapper, ((func, chunk),), {})
        return result

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def _imap(self, func, iterable, chunksize, ordered):
        self._check_running()
        items = list(iterable)
        if chunksize == 1:
            result = IMapIterator(self, len(items), ordered)
            for index, item in enumerate(items):
                self._submit(result, index, func, (item,), {})
            return result
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not %d" % chunksize)
        chunks = _chunks(items, chunksize)
        result = IMapIterator(self, len(chunks), ordered)
        for index, chunk in enumerate(chunks):
            self._submit(result, index, mapstar, ((func, chunk),), {})
        return (item for chunk in result for item in chunk)

    def imap(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, False)

    def close(self):
        if self._state == "RUN":
            self._state = "CLOSE"
            for _ in range(self._processes):
                self._channels_.send_task(None)

    def terminate(self):
        with self._workers_changed:
            if self._state == "TERMINATE":
                return
            self._state = "TERMINATE"
        self._channels_.terminate(self._started)
        self._channels_.end_results()

    def join(self):
        if self._state == "RUN":
            raise ValueError("Pool is still running")
        if self._state == "CLOSE":
            with self._workers_changed:
                self._workers_changed.wait_for(lambda: not self._live)
        for worker in self._started:
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
