# threading, as CPython's Lib/threading.py builds it: every primitive from one lock type
# (`_thread`) and a condition. Blocked waits let the GIL go inside `_thread`.

import _thread
from time import monotonic as _time

get_ident = _thread.get_ident
get_native_id = _thread.get_ident
TIMEOUT_MAX = 4294967.0

_active_lock = _thread.allocate_lock("the thread registry")
_active = {}
_counter = 0


def _object_name(obj):
    # How the timeline names what a blocked thread waits on, as hex(id(obj)) shows it.
    return type(obj).__name__ + " at " + hex(id(obj))


def Lock():
    return _thread.allocate_lock("a lock")


def RLock():
    return _thread.allocate_rlock("an RLock")


class Condition:
    # _label: what a deadlock report says a waiter waits for; _kind and _waits_on: what the
    # timeline says it is blocked on (the primitive built on this condition, if any).
    def __init__(self, lock=None, _label="a condition", _kind="condition", _waits_on=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self._label = _label
        self._kind = _kind
        self._waits_on = _waits_on if _waits_on is not None else _object_name(self)
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def wait(self, timeout=None):
        if not self._lock._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _thread.allocate_lock(self._label, self._kind, self._waits_on)
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._lock._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            elif timeout > 0:
                gotit = waiter.acquire(True, timeout)
            else:
                gotit = waiter.acquire(False)
            return gotit
        finally:
            self._lock._acquire_restore(saved)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._lock._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for waiter in self._waiters[:n]:
            waiter.release()
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


class Semaphore:
    def __init__(self, value=1, _label="a semaphore"):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock(), _label, "semaphore", _object_name(self))
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value, "a bounded semaphore")
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class Event:
    def __init__(self, _label="an event", _kind="event", _waits_on=None):
        self._cond = Condition(Lock(), _label, _kind, _waits_on if _waits_on is not None else _object_name(self))
        self._flag = False

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._cond = Condition(Lock(), "a barrier", "barrier", _object_name(self))
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


def _newname(target):
    global _counter
    _counter += 1
    name = "Thread-%d" % _counter
    if target is not None:
        try:
            name += " (%s)" % target.__name__
        except AttributeError:
            pass
    return name


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if kwargs is None:
            kwargs = {}
        self._target = target
        self._args = args
        self._kwargs = kwargs
        self._name = str(name) if name is not None else _newname(target)
        if daemon is None:
            daemon = current_thread().daemon
        self._daemonic = daemon
        self._ident = None
        self._started = False
        self._is_stopped = False
        self._done = Event("the end of a thread", "join", self._name)
        self._initialized = True

    def __repr__(self):
        status = "initial"
        if self._started:
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if not getattr(self, "_initialized", False):
            raise RuntimeError("thread.__init__() not called")
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._done = Event("the end of " + self._name, "join", self._name)
        # As CPython's start(): return once the new thread runs (it sets this first).
        self._bootstrapped = Event("the start of " + self._name, "join", self._name)
        self._started = True
        with _active_lock:
            self._ident = _thread.start_new_thread(self._bootstrap, (), self._name)
            _active[self._ident] = self
        self._bootstrapped.wait()

    def _bootstrap(self):
        with _active_lock:
            _active[get_ident()] = self
        self._bootstrapped.set()
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as exc:
            _thread._print_exception(self._name, exc)
        finally:
            with _active_lock:
                _active.pop(self._ident, None)
            self._is_stopped = True
            self._done.set()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not getattr(self, "_initialized", False):
            raise RuntimeError("Thread.__init__() not called")
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is not None and timeout < 0:
            timeout = 0
        self._done.wait(timeout)

    def is_alive(self):
        return self._started and not self._is_stopped

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._ident

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self._name

    def setName(self, name):
        self.name = name


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started = True
        self._ident = get_ident()
        with _active_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="Dummy-%d" % get_ident(), daemon=True)
        self._started = True
        self._ident = get_ident()


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event("a timer's interval", "event", _object_name(self))

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


_local_values = {}


class local:
    def __getattr__(self, name):
        values = _local_values.get((id(self), get_ident()), {})
        if name in values:
            return values[name]
        raise AttributeError("'_thread._local' object has no attribute '%s'" % name)

    def __setattr__(self, name, value):
        _local_values.setdefault((id(self), get_ident()), {})[name] = value

    def __delattr__(self, name):
        values = _local_values.get((id(self), get_ident()), {})
        if name not in values:
            raise AttributeError(name)
        del values[name]


def current_thread():
    thread = _active.get(get_ident())
    if thread is None:
        return _DummyThread()
    return thread


currentThread = current_thread


def main_thread():
    return _main_thread


def enumerate():
    with _active_lock:
        return list(_active.values())


def active_count():
    with _active_lock:
        return len(_active)


activeCount = active_count


def _shutdown():
    while True:
        with _active_lock:
            pending = [t for t in _active.values() if t is not _main_thread and not t._daemonic]
        if not pending:
            return
        for thread in pending:
            thread.join()


_main_thread = _MainThread()
