# multiprocessing.context: what the package says of itself (the start method, always "spawn"),
# its errors and the cores.

import _multiprocessing as _mp


TIMEOUT_MAX = 4294967.0


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


def cpu_count():
    return _mp.cpu_count()


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
