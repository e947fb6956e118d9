# corpus: exact
# A worker loops until the main thread sets a stop Event.
import threading
import time

stop = threading.Event()
first_tick = threading.Event()
ticks = 0


def heartbeat():
    global ticks
    while not stop.is_set():
        ticks += 1
        first_tick.set()
        stop.wait(0.005)


worker = threading.Thread(target=heartbeat, name="heartbeat")
worker.start()
# However slowly the worker starts, it has ticked once before the main thread stops it.
first_tick.wait()
time.sleep(0.05)
print("running:", worker.is_alive())
stop.set()
worker.join()
print("stopped:", not worker.is_alive(), "ticked:", ticks > 0)
