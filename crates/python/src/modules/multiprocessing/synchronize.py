# multiprocessing.synchronize: locks, semaphores, conditions, events and barriers shared by
# processes, built on the host's semaphores and shared words as CPython builds them on SemLock.

import _multiprocessing as _mp
import threading
from time import monotonic as _time


class Lock:
    _only_by_inheritance = "Lock"

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
    _only_by_inheritance = "RLock"

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
    _only_by_inheritance = "Semaphore"

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
    _only_by_inheritance = "BoundedSemaphore"

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._bound = value

    def release(self):
        if self._semlock.get_value() >= self._bound:
            raise ValueError("semaphore or lock released too many times")
        self._semlock.release()


class Condition:
    _only_by_inheritance = "Condition"

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
    _only_by_inheritance = "Condition"

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
    _only_by_inheritance = "Condition"

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
