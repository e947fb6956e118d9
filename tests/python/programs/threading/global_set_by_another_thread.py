# corpus: exact
# A loop waiting on a global sees another thread's assignment to it at once (no stale copy):
# the waiter reads `done` (False), lets the worker go, and spins until the worker sets it.
import threading

done = False
results = []
go = threading.Event()


def worker():
    global done
    go.wait()
    for i in range(5):
        results.append(i * i)
    done = True


def wait_for_done():
    spins = 0
    while not done:
        spins += 1
        if spins == 1:
            go.set()
    return spins > 0


thread = threading.Thread(target=worker)
thread.start()
print(wait_for_done(), results)
thread.join()
