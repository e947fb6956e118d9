# The built-ins the playground writes in Python: descriptors, as CPython's descrobject.c and
# funcobject.c define them.


def _collect_then(consume, iterable, *args, **kwargs):
    # On one thread whose processes answer by message, a generator that a built-in consumes
    # whole (list, sorted, sum ...) is collected by this loop first, whose frames can park
    # while the generator waits for another process (vm/collect.rs).
    return consume([item for item in iterable], *args, **kwargs)


def _print_then(print, *args, **kwargs):
    # There too, print of an object whose class writes its text in Python takes each
    # argument's str() first, a call whose frames can park (vm/collect.rs).
    return print(*[str(arg) for arg in args], **kwargs)


class property:
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        if self.fget is None:
            raise AttributeError("property has no getter")
        return self.fget(obj)

    def __set__(self, obj, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(obj, value)

    def getter(self, fget):
        return property(fget, self.fset, self.fdel, self.__doc__)

    def setter(self, fset):
        return property(self.fget, fset, self.fdel, self.__doc__)

    def deleter(self, fdel):
        return property(self.fget, self.fset, fdel, self.__doc__)


class staticmethod:
    def __init__(self, function):
        self.__func__ = function

    def __get__(self, obj, objtype=None):
        return self.__func__


class classmethod:
    def __init__(self, function):
        self.__func__ = function

    def __get__(self, obj, objtype=None):
        if objtype is None:
            objtype = type(obj)
        function = self.__func__
        return lambda *args, **kwargs: function(objtype, *args, **kwargs)
