# multiprocessing, as CPython's Lib/multiprocessing builds it with the "spawn" start method:
# a process is a separate interpreter that re-runs the program as __mp_main__ and then runs its
# target; nothing passes between processes but pickled bytes (`_multiprocessing`). The package
# gathers what its modules define, as CPython's context does.

from multiprocessing.context import (TIMEOUT_MAX, ProcessError, BufferTooShort, TimeoutError, AuthenticationError,
                                     cpu_count, set_start_method, get_start_method, get_all_start_methods,
                                     get_context, freeze_support, bytes_moved)
from multiprocessing.process import Process, current_process, parent_process, active_children
from multiprocessing.synchronize import (Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier,
                                         BrokenBarrierError)
from multiprocessing.sharedctypes import Value, RawValue, Array, RawArray
from multiprocessing.queues import Queue, SimpleQueue, JoinableQueue
from multiprocessing.connection import Pipe
from multiprocessing.pool import Pool
from multiprocessing.managers import Manager
