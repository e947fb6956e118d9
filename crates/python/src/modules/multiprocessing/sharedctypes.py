# multiprocessing.sharedctypes: Value and Array in the host's shared words (a read and a write
# are two steps: an unlocked += from two processes loses updates), each with an RLock unless
# lock=False.

import _multiprocessing as _mp
from multiprocessing.synchronize import RLock


_typecode_names = {"i": "c_int", "l": "c_long", "q": "c_longlong", "b": "c_byte", "h": "c_short",
                   "I": "c_uint", "L": "c_ulong", "d": "c_double", "f": "c_float"}


def _typecode(typecode):
    if typecode not in _typecode_names:
        raise TypeError("the playground's Value and Array take a typecode among " + " ".join(_typecode_names))
    return typecode


class _SharedValue:
    def __init__(self, typecode, value=0, lock=True):
        self._typecode = _typecode(typecode)
        self._array = _mp.shared_array(1, self._typecode)
        self._array.set(0, value)
        if lock is True:
            lock = RLock()
        self._lock = lock or None
        self._only_by_inheritance = "Synchronized" if self._lock else _typecode_names[self._typecode]

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
        raw = "%s_Array_%d" % (_typecode_names[self._typecode], self._length)
        self._only_by_inheritance = "SynchronizedArray" if self._lock else raw

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
