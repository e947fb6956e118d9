# corpus: exact
# Event: waiters block until set; wait(timeout) returns False when unset; clear resets.
import threading

start_signal = threading.Event()
woke = []
woke_lock = threading.Lock()


def runner(n):
    flag = start_signal.wait()
    with woke_lock:
        woke.append((n, flag))


print("set at first:", start_signal.is_set())
print("wait with timeout:", start_signal.wait(timeout=0.05))
threads = [threading.Thread(target=runner, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
start_signal.set()
for t in threads:
    t.join()
print("woke:", sorted(woke))
print("set now:", start_signal.is_set(), start_signal.wait(), start_signal.wait(0))
start_signal.clear()
print("after clear:", start_signal.is_set(), start_signal.wait(0.01))
