# corpus: exact
# Barrier: nobody leaves before all parties arrive; wait() gives each a distinct index.
import threading

barrier = threading.Barrier(3)
log = []
log_lock = threading.Lock()
indices = []


def phase_worker(name):
    with log_lock:
        log.append(("arrive", name))
    index = barrier.wait()
    with log_lock:
        log.append(("leave", name))
        indices.append(index)


threads = [threading.Thread(target=phase_worker, args=(name,)) for name in "abc"]
for t in threads:
    t.start()
for t in threads:
    t.join()
kinds = [kind for kind, _ in log]
print("parties:", barrier.parties)
print("all arrived before any left:", kinds == ["arrive"] * 3 + ["leave"] * 3)
print("indices:", sorted(indices))
print("waiting now:", barrier.n_waiting, "broken:", barrier.broken)
