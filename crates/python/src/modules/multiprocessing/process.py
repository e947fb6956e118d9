# multiprocessing.process: a Process is a separate interpreter that re-runs the program as
# __mp_main__ and then runs the pickled Process object's run(); the children this process
# started, and its own identity (current_process, parent_process).

import _multiprocessing as _mp


_exitcode_to_name = {-15: "SIGTERM", -9: "SIGKILL"}

# Children started by this process and not yet seen to end, by pid.
_children = {}
_counter = [0]


def _next_identity():
    _counter[0] += 1
    return _current_process._identity + (_counter[0],)


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
