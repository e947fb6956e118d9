# multiprocessing, as CPython's Lib/multiprocessing builds it with the "spawn" start method:
# a process is a separate interpreter that re-runs the program as __mp_main__ and then calls
# its target; nothing passes between processes but pickled bytes (`_multiprocessing`), and
# Value, Array and every lock are built on the host's shared words and semaphores.

import _multiprocessing as _mp
import threading
import queue as _queue
from time import monotonic as _time
from time import sleep as _sleep

TIMEOUT_MAX = 4294967.0


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


_exitcode_to_name = {-15: "SIGTERM", -9: "SIGKILL"}

# Children started by this process and not yet seen to end, by pid.
_children = {}
_counter = [0]


def _next_identity():
    _counter[0] += 1
    return _current_process._identity + (_counter[0],)


def cpu_count():
    return _mp.cpu_count()


def _cleanup():
    for pid, child in list(_children.items()):
        if _mp.exitcode(pid) is not None:
            del _children[pid]


def active_children():
    _cleanup()
    return list(_children.values())


def current_process():
    return _current_process


def parent_process():
    return _parent_process


def set_start_method(method, force=False):
    if method != "spawn":
        raise ValueError("the playground starts processes only with 'spawn' (as macOS and Windows do)")


def get_start_method(allow_none=False):
    return "spawn"


def get_all_start_methods():
    return ["spawn"]


def get_context(method=None):
    if method is not None:
        set_start_method(method)
    import multiprocessing
    return multiprocessing


def freeze_support():
    pass


def bytes_moved():
    return _mp.bytes_moved()


class BaseProcess:
    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = "started"
        elif self._pid is None:
            status = "initial"
        else:
            exitcode = _mp.exitcode(self._pid)
            status = "started" if exitcode is None else "stopped"
        info = [type(self).__name__, "name=%r" % self._name]
        if self._pid is not None:
            info.append("pid=%s" % self._pid)
        info.append("parent=%s" % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append("exitcode=%s" % _exitcode_to_name.get(exitcode, exitcode))
        if self._daemonic:
            info.append("daemon")
        return "<%s>" % " ".join(info)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = name

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._pid is not None:
            raise AssertionError("process has already started")
        self._daemonic = daemonic

    @property
    def pid(self):
        return self._pid

    ident = pid

    @property
    def exitcode(self):
        if self._pid is None or self is _current_process:
            return None
        return _mp.exitcode(self._pid)


class Process(BaseProcess):
    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, "group argument must be None for now"
        self._identity = _next_identity()
        self._parent_pid = _current_process._pid
        self._parent_name = _current_process._name
        self._pid = None
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + "-" + ":".join(str(i) for i in self._identity)
        self._daemonic = _current_process._daemonic if daemon is None else daemon

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        if self._pid is not None:
            raise AssertionError("cannot start a process twice")
        if _current_process._daemonic:
            raise AssertionError("daemonic processes are not allowed to have children")
        _cleanup()
        self._pid = _mp.start(self._name, self, (), {})
        _children[self._pid] = self

    def join(self, timeout=None):
        if self._pid is None:
            raise AssertionError("can only join a started process")
        if self is _current_process:
            raise AssertionError("can only join a child process")
        if _mp.join(self._pid, self._name, timeout):
            _children.pop(self._pid, None)

    def is_alive(self):
        if self is _current_process:
            return True
        if self._pid is None:
            return False
        return _mp.exitcode(self._pid) is None

    def terminate(self):
        if self._pid is not None:
            _mp.terminate(self._pid)

    kill = terminate

    def close(self):
        if self.is_alive():
            raise ValueError("Cannot close a process while it is still running. You should first call join() or terminate().")


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = "MainProcess"
        self._parent_pid = None
        self._pid = _mp.process_info()[1]
        self._daemonic = False


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._daemonic = False

    def is_alive(self):
        return True


def _run_child(process, args, kwargs):
    # In a child, after the program re-ran as __mp_main__: the process is the unpickled copy.
    global _current_process, _parent_process
    name, pid, parent_pid, parent_name = _mp.process_info()
    process._pid = pid
    _current_process = process
    _parent_process = _ParentProcess(parent_name, parent_pid)
    _counter[0] = 0
    process.run()


def _shutdown():
    # At a process's end, as CPython's exit function: daemonic children are terminated, the
    # others joined.
    for child in active_children():
        if child._daemonic:
            child.terminate()
    for child in active_children():
        child.join()


_current_process = _MainProcess()
_parent_process = None


# Queues and pipes: pickled messages on the host's channels.

class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize if maxsize > 0 else 0
        self._channel = _mp.channel()
        self._slots = _mp.semaphore(self._maxsize, "Queue") if self._maxsize else None
        self._closed = False

    def _what(self):
        return "Queue at " + hex(self._channel)

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        if self._slots is not None and not self._slots.acquire(block, timeout):
            raise _queue.Full
        _mp.send(self._channel, obj)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        got, obj = _mp.receive(self._channel, block, timeout, self._what())
        if not got:
            raise _queue.Empty
        if self._slots is not None:
            self._slots.release()
        return obj

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return _mp.pending(self._channel)

    def empty(self):
        return self.qsize() == 0

    def full(self):
        return self._maxsize > 0 and self.qsize() >= self._maxsize

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


class SimpleQueue(Queue):
    def __init__(self):
        Queue.__init__(self)


class JoinableQueue(Queue):
    def __init__(self, maxsize=0):
        Queue.__init__(self, maxsize)
        self._unfinished = Value("i", 0)

    def put(self, obj, block=True, timeout=None):
        with self._unfinished.get_lock():
            self._unfinished.value += 1
        Queue.put(self, obj, block, timeout)

    def task_done(self):
        with self._unfinished.get_lock():
            if self._unfinished.value <= 0:
                raise ValueError("task_done() called too many times")
            self._unfinished.value -= 1

    def join(self):
        while self._unfinished.value > 0:
            _sleep(0.002)


_CLOSED = "<the other end closed this connection>"


class Connection:
    def __init__(self, incoming, outgoing):
        self._incoming = incoming
        self._outgoing = outgoing
        self._closed = False
        self._ended = False

    @property
    def readable(self):
        return self._incoming is not None

    @property
    def writable(self):
        return self._outgoing is not None

    @property
    def closed(self):
        return self._closed

    def _check(self):
        if self._closed:
            raise OSError("handle is closed")

    def send(self, obj):
        self._check()
        if self._outgoing is None:
            raise OSError("connection is read-only")
        _mp.send(self._outgoing, obj)

    def recv(self):
        self._check()
        if self._incoming is None:
            raise OSError("connection is write-only")
        if self._ended:
            raise EOFError
        got, obj = _mp.receive(self._incoming, True, None, "Connection at " + hex(self._incoming))
        if obj == _CLOSED:
            self._ended = True
            raise EOFError
        return obj

    def poll(self, timeout=0.0):
        self._check()
        if self._ended or _mp.pending(self._incoming) > 0:
            return True
        if timeout is None:
            timeout = TIMEOUT_MAX
        end = _time() + timeout
        while _time() < end:
            _sleep(min(0.001, max(end - _time(), 0)))
            if _mp.pending(self._incoming) > 0:
                return True
        return False

    def close(self):
        if not self._closed and self._outgoing is not None:
            _mp.send(self._outgoing, _CLOSED)
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()


def Pipe(duplex=True):
    there = _mp.channel()
    if duplex:
        back = _mp.channel()
        return Connection(back, there), Connection(there, back)
    return Connection(there, None), Connection(None, there)


# Shared memory and locks, on the host's words and semaphores.

_typecode_names = {"i": "c_int", "l": "c_long", "q": "c_longlong", "b": "c_byte", "h": "c_short",
                   "I": "c_uint", "L": "c_ulong", "d": "c_double", "f": "c_float"}


def _typecode(typecode):
    if typecode not in _typecode_names:
        raise TypeError("the playground's Value and Array take a typecode among " + " ".join(_typecode_names))
    return typecode


class Lock:
    def __init__(self):
        self._semlock = _mp.semaphore(1, "Lock")

    def acquire(self, block=True, timeout=None):
        return self._semlock.acquire(block, timeout)

    def release(self):
        if self._semlock.get_value() >= 1:
            raise ValueError("semaphore or lock released too many times")
        self._semlock.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    def _is_owned(self):
        return self._semlock.get_value() == 0

    def __repr__(self):
        return "<Lock(owner=%s)>" % ("unknown" if self._is_owned() else "None")


class RLock:
    def __init__(self):
        self._semlock = _mp.semaphore(1, "RLock")
        self._owner = _mp.shared_array(3, "q")

    def _me(self):
        return (_mp.process_info()[1], threading.get_ident())

    def _owned_by_me(self):
        pid, ident = self._me()
        return self._owner.get(2) > 0 and self._owner.get(0) == pid and self._owner.get(1) == ident

    def acquire(self, block=True, timeout=None):
        if self._owned_by_me():
            self._owner.set(2, self._owner.get(2) + 1)
            return True
        if not self._semlock.acquire(block, timeout):
            return False
        pid, ident = self._me()
        self._owner.set(0, pid)
        self._owner.set(1, ident)
        self._owner.set(2, 1)
        return True

    def release(self):
        if not self._owned_by_me():
            raise AssertionError("attempt to release recursive lock not owned by thread")
        count = self._owner.get(2) - 1
        self._owner.set(2, count)
        if count == 0:
            self._semlock.release()

    def _is_owned(self):
        return self._owned_by_me()

    def _release_save(self):
        count = self._owner.get(2)
        self._owner.set(2, 0)
        self._semlock.release()
        return count

    def _acquire_restore(self, count):
        self.acquire()
        self._owner.set(2, count)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._semlock = _mp.semaphore(value, "Semaphore")

    def acquire(self, block=True, timeout=None):
        return self._semlock.acquire(block, timeout)

    def release(self):
        self._semlock.release()

    def get_value(self):
        return self._semlock.get_value()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._bound = value

    def release(self):
        if self._semlock.get_value() >= self._bound:
            raise ValueError("semaphore or lock released too many times")
        self._semlock.release()


class Condition:
    def __init__(self, lock=None):
        self._lock = lock if lock is not None else RLock()
        self._wakeups = _mp.semaphore(0, "Condition")
        self._sleepers = _mp.shared_array(1, "q")

    def acquire(self, block=True, timeout=None):
        return self._lock.acquire(block, timeout)

    def release(self):
        self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def wait(self, timeout=None):
        if not self._lock._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        self._sleepers.set(0, self._sleepers.get(0) + 1)
        if isinstance(self._lock, RLock):
            count = self._lock._release_save()
        else:
            self._lock.release()
        try:
            woken = self._wakeups.acquire(True, timeout)
        finally:
            if isinstance(self._lock, RLock):
                self._lock._acquire_restore(count)
            else:
                self._lock.acquire()
        if not woken:
            self._sleepers.set(0, self._sleepers.get(0) - 1)
        return woken

    def wait_for(self, predicate, timeout=None):
        end = None if timeout is None else _time() + timeout
        result = predicate()
        while not result:
            if end is not None:
                left = end - _time()
                if left <= 0:
                    break
                self.wait(left)
            else:
                self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._lock._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waking = min(n, self._sleepers.get(0))
        self._sleepers.set(0, self._sleepers.get(0) - waking)
        for _ in range(waking):
            self._wakeups.release()

    def notify_all(self):
        self.notify(self._sleepers.get(0))


class Event:
    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = _mp.shared_array(1, "i")

    def is_set(self):
        return self._flag.get(0) == 1

    def set(self):
        with self._cond:
            self._flag.set(0, 1)
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag.set(0, 0)

    def wait(self, timeout=None):
        with self._cond:
            if self._flag.get(0) == 1:
                return True
            self._cond.wait(timeout)
            return self._flag.get(0) == 1


BrokenBarrierError = threading.BrokenBarrierError


class Barrier:
    # state: 0 filling, 1 draining, -1 broken; counts: waiting, generation, state.
    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._counts = _mp.shared_array(3, "q")
        self._parties = parties
        self._action = action
        self._timeout = timeout

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._counts.get(0)

    @property
    def broken(self):
        return self._counts.get(2) == -1

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._counts.get(2) == -1:
                raise BrokenBarrierError
            generation = self._counts.get(1)
            index = self._counts.get(0)
            self._counts.set(0, index + 1)
            if index + 1 == self._parties:
                try:
                    if self._action:
                        self._action()
                except BaseException:
                    self._break()
                    raise
                self._counts.set(0, 0)
                self._counts.set(1, generation + 1)
                self._cond.notify_all()
                return index
            done = self._cond.wait_for(lambda: self._counts.get(1) != generation or self._counts.get(2) == -1, timeout)
            if self._counts.get(2) == -1 or not done:
                self._break()
                raise BrokenBarrierError
            return index

    def _break(self):
        self._counts.set(2, -1)
        self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def reset(self):
        with self._cond:
            self._counts.set(0, 0)
            self._counts.set(2, 0)
            self._cond.notify_all()


class _SharedValue:
    def __init__(self, typecode, value=0, lock=True):
        self._typecode = _typecode(typecode)
        self._array = _mp.shared_array(1, self._typecode)
        self._array.set(0, value)
        if lock is True:
            lock = RLock()
        self._lock = lock or None

    @property
    def value(self):
        return self._array.get(0)

    @value.setter
    def value(self, value):
        self._array.set(0, value)

    def get_lock(self):
        if self._lock is None:
            raise AttributeError("'%s' object has no attribute 'get_lock'" % _typecode_names[self._typecode])
        return self._lock

    def get_obj(self):
        return self

    def acquire(self, *args):
        return self.get_lock().acquire(*args)

    def release(self):
        return self.get_lock().release()

    def __enter__(self):
        return self.get_lock().__enter__()

    def __exit__(self, *args):
        return self.get_lock().__exit__(*args)

    def __repr__(self):
        inner = "%s(%r)" % (_typecode_names[self._typecode], self.value)
        if self._lock is None:
            return inner
        return "<Synchronized wrapper for %s>" % inner


def Value(typecode_or_type, *args, lock=True):
    return _SharedValue(typecode_or_type, *args, lock=lock)


def RawValue(typecode_or_type, *args):
    return _SharedValue(typecode_or_type, *args, lock=False)


class _SharedArray:
    def __init__(self, typecode, size_or_initializer, lock=True):
        self._typecode = _typecode(typecode)
        if isinstance(size_or_initializer, int):
            items = [0] * size_or_initializer
        else:
            items = list(size_or_initializer)
        self._length = len(items)
        self._array = _mp.shared_array(self._length, self._typecode)
        for index, item in enumerate(items):
            self._array.set(index, item)
        if lock is True:
            lock = RLock()
        self._lock = lock or None

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, int):
            return [self._array.get(i) for i in list(range(self._length))[index]]
        return self._array.get(index)

    def __setitem__(self, index, value):
        if not isinstance(index, int):
            for i, item in zip(list(range(self._length))[index], value):
                self._array.set(i, item)
        else:
            self._array.set(index, value)

    def __iter__(self):
        return iter(self[:])

    def get_lock(self):
        if self._lock is None:
            raise AttributeError("'%s_Array_%d' object has no attribute 'get_lock'" % (_typecode_names[self._typecode], len(self)))
        return self._lock

    def get_obj(self):
        return self

    def __enter__(self):
        return self.get_lock().__enter__()

    def __exit__(self, *args):
        return self.get_lock().__exit__(*args)

    def __repr__(self):
        return "<SynchronizedArray wrapper for %s>" % self[:]


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    return _SharedArray(typecode_or_type, size_or_initializer, lock=lock)


def RawArray(typecode_or_type, size_or_initializer):
    return _SharedArray(typecode_or_type, size_or_initializer, lock=False)


# Pools: workers (processes, or threads for ThreadPool) take tasks from one channel and send
# results on another; a thread of the parent hands each result to its AsyncResult.

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


# Managers: a server process holds the objects; every access from another process is a round
# trip of two messages.

def _call_on(referent, method, args, kwds):
    if method == "__getitem__":
        return referent[args[0]]
    if method == "__setitem__":
        referent[args[0]] = args[1]
        return None
    if method == "__delitem__":
        del referent[args[0]]
        return None
    if method == "__len__":
        return len(referent)
    if method == "__contains__":
        return args[0] in referent
    if method == "__str__":
        return str(referent)
    if method == "copy" and isinstance(referent, list):
        return list(referent)
    return getattr(referent, method)(*args, **kwds)


def _manager_server(requests):
    objects = {}
    while True:
        got, request = _mp.receive(requests, True, None, "the manager's requests")
        if request is None:
            return
        reply, ident, method, args, kwds = request
        try:
            if method == "#create":
                objects[ident] = args[0]
                result = (True, None)
            else:
                result = (True, _call_on(objects[ident], method, args, kwds))
        except Exception as e:
            result = (False, e)
        try:
            _mp.send(reply, result)
        except Exception as e:
            _mp.send(reply, (False, RuntimeError("the manager cannot send its answer: %s" % e)))


_replies = {}


class BaseProxy:
    def __init__(self, requests, ident, typeid):
        self._requests = requests
        self._id = ident
        self._typeid = typeid

    def _callmethod(self, method, args=(), kwds={}):
        key = (self._requests, threading.get_ident())
        if key not in _replies:
            _replies[key] = _mp.channel()
        reply = _replies[key]
        _mp.send(self._requests, (reply, self._id, method, tuple(args), dict(kwds)))
        got, (success, value) = _mp.receive(reply, True, None, "the manager")
        if success:
            return value
        raise value

    def _getvalue(self):
        return self._callmethod("copy")

    def __str__(self):
        return self._callmethod("__str__")

    def __repr__(self):
        return "<%s object, typeid %r at %s>" % (type(self).__name__, self._typeid, hex(id(self)))

    def __len__(self):
        return self._callmethod("__len__")

    def __contains__(self, item):
        return self._callmethod("__contains__", (item,))

    def __getitem__(self, key):
        return self._callmethod("__getitem__", (key,))

    def __setitem__(self, key, value):
        return self._callmethod("__setitem__", (key, value))

    def __delitem__(self, key):
        return self._callmethod("__delitem__", (key,))

    def __iter__(self):
        return iter(self._getvalue())


class DictProxy(BaseProxy):
    def keys(self):
        return list(self._callmethod("copy").keys())

    def values(self):
        return list(self._callmethod("copy").values())

    def items(self):
        return list(self._callmethod("copy").items())

    def get(self, key, default=None):
        return self._callmethod("get", (key, default))

    def pop(self, key, *default):
        return self._callmethod("pop", (key,) + default)

    def setdefault(self, key, default=None):
        return self._callmethod("setdefault", (key, default))

    def update(self, *args, **kwds):
        return self._callmethod("update", args, kwds)

    def clear(self):
        return self._callmethod("clear")

    def copy(self):
        return self._callmethod("copy")


class ListProxy(BaseProxy):
    def append(self, item):
        return self._callmethod("append", (item,))

    def extend(self, items):
        return self._callmethod("extend", (list(items),))

    def pop(self, *index):
        return self._callmethod("pop", index)

    def insert(self, index, item):
        return self._callmethod("insert", (index, item))

    def remove(self, item):
        return self._callmethod("remove", (item,))

    def index(self, item):
        return self._callmethod("index", (item,))

    def count(self, item):
        return self._callmethod("count", (item,))

    def sort(self, **kwds):
        return self._callmethod("sort", (), kwds)

    def reverse(self):
        return self._callmethod("reverse")

    def copy(self):
        return self._callmethod("copy")

    def __iadd__(self, items):
        self.extend(items)
        return self


class _ValueBox:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value

    def set(self, value):
        self.value = value


class ValueProxy(BaseProxy):
    def get(self):
        return self._callmethod("get")

    def set(self, value):
        return self._callmethod("set", (value,))

    value = property(get, set)


class SyncManager:
    def __init__(self):
        self._requests = None
        self._process = None
        self._count = 0

    def start(self):
        self._requests = _mp.channel()
        self._process = Process(target=_manager_server, args=(self._requests,), daemon=True)
        self._process.name = "SyncManager-" + ":".join(str(i) for i in self._process._identity)
        self._process.start()

    def _create(self, proxy_type, typeid, referent):
        self._count += 1
        proxy = proxy_type(self._requests, self._count, typeid)
        _mp.send(self._requests, (_mp.channel(), self._count, "#create", (referent,), {}))
        return proxy

    def dict(self, *args, **kwds):
        return self._create(DictProxy, "dict", dict(*args, **kwds))

    def list(self, sequence=()):
        return self._create(ListProxy, "list", list(sequence))

    def Value(self, typecode, value, lock=True):
        return self._create(ValueProxy, "Value", _ValueBox(value))

    def shutdown(self):
        if self._process is not None:
            _mp.send(self._requests, None)
            self._process.join()
            self._process = None

    def __enter__(self):
        if self._process is None:
            self.start()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.shutdown()


def Manager():
    manager = SyncManager()
    manager.start()
    return manager


def _dummy_children():
    return [thread for thread in threading.enumerate() if thread is not threading.main_thread()]


def _dummy_namespace():
    return {
        "Pool": ThreadPool,
        "Process": threading.Thread,
        "current_process": threading.current_thread,
        "active_children": _dummy_children,
        "Queue": _queue.Queue,
        "JoinableQueue": _queue.Queue,
        "Lock": threading.Lock,
        "RLock": threading.RLock,
        "Semaphore": threading.Semaphore,
        "BoundedSemaphore": threading.BoundedSemaphore,
        "Event": threading.Event,
        "Condition": threading.Condition,
        "Barrier": threading.Barrier,
        "cpu_count": cpu_count,
        "freeze_support": freeze_support,
    }


def _submodule(name):
    if name == "multiprocessing.pool":
        return {"Pool": Pool, "ThreadPool": ThreadPool, "AsyncResult": ApplyResult, "ApplyResult": ApplyResult,
                "MapResult": MapResult, "IMapIterator": IMapIterator, "RemoteTraceback": RemoteTraceback,
                "MaybeEncodingError": MaybeEncodingError, "TimeoutError": TimeoutError}
    return _dummy_namespace()
