# multiprocessing.connection: a Pipe's two ends, each direction one of the host's channels.
# send_bytes/recv_bytes carry bytes objects as they are (CPython's frame them unpickled).

import _multiprocessing as _mp
from time import monotonic as _time
from time import sleep as _sleep
from multiprocessing.context import TIMEOUT_MAX


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

    def send_bytes(self, buf, offset=0, size=None):
        if not isinstance(buf, bytes):
            raise TypeError("memoryview: a bytes-like object is required, not '%s'" % type(buf).__name__)
        if offset < 0:
            raise ValueError("offset is negative")
        if len(buf) < offset:
            raise ValueError("buffer length < offset")
        if size is None:
            size = len(buf) - offset
        elif size < 0:
            raise ValueError("size is negative")
        elif offset + size > len(buf):
            raise ValueError("buffer length < offset + size")
        self.send(buf[offset:offset + size])

    def recv_bytes(self, maxlength=None):
        if maxlength is not None and maxlength < 0:
            raise ValueError("negative maxlength")
        buf = self.recv()
        if maxlength is not None and len(buf) > maxlength:
            self.close()
            raise OSError("bad message length")
        return buf

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
