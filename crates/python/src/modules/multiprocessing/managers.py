# multiprocessing.managers: a server process holds the objects; every access from another
# process through a proxy is a round trip of two messages.

import _multiprocessing as _mp
import threading
from multiprocessing.process import Process


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
