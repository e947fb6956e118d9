# multiprocessing.dummy: the API of multiprocessing on threads (nothing is pickled).

import threading
import queue as _queue
from threading import Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier
from threading import current_thread as current_process
from multiprocessing.context import cpu_count, freeze_support
from multiprocessing.pool import ThreadPool as Pool

Process = threading.Thread
Queue = _queue.Queue
JoinableQueue = _queue.Queue


def active_children():
    return [thread for thread in threading.enumerate() if thread is not threading.main_thread()]
