# multiprocessing.queues: pickled messages on one of the host's channels; a bounded queue
# counts its free places on a shared semaphore.

import _multiprocessing as _mp
import queue as _queue
from time import sleep as _sleep
from multiprocessing.sharedctypes import Value


class Queue:
    _only_by_inheritance = "Queue"

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
    _only_by_inheritance = "SimpleQueue"

    def __init__(self):
        Queue.__init__(self)


class JoinableQueue(Queue):
    _only_by_inheritance = "JoinableQueue"

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
