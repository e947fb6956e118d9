# lesson: F4
# title: Starvation: one thread hardly ever gets the lock
# shows: Two greedy threads queue for a Lock and hold it for a slow step each time; a polite third thread only takes it when it finds it free, and it almost never does.
# notice: The polite thread gets only a few of the turns while the greedy ones share the rest; on the timeline and in the table "Python threads" the greedy threads wait blocked on the lock, the polite one sleeps between its failed tries.
# mode: gil312
# question: Over 0.3 s, what share of the lock's turns will the polite thread get?
# number: %
# answer: polite thread's share (%)
# check: polite thread's share (%) < 15
import threading
import time

lock = threading.Lock()
turns = {"greedy 1": 0, "greedy 2": 0, "polite": 0}
stop_at = None


def start_the_clock():
    global stop_at
    stop_at = time.perf_counter() + 0.3


# The three compete for 0.3 s from the moment all three are running, however late one starts.
all_running = threading.Barrier(3, action=start_the_clock)


def greedy(name):
    all_running.wait()
    while time.perf_counter() < stop_at:
        with lock:  # waits in line for the lock
            turns[name] += 1
            time.sleep(0.002)  # a slow step while holding it


def polite(name):
    all_running.wait()
    while time.perf_counter() < stop_at:
        if lock.acquire(blocking=False):  # only if nobody holds it right now
            turns[name] += 1
            time.sleep(0.002)
            lock.release()
        else:
            time.sleep(0.001)  # try again later


threads = [threading.Thread(target=greedy, args=("greedy 1",)), threading.Thread(target=greedy, args=("greedy 2",)),
           threading.Thread(target=polite, args=("polite",))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
total = sum(turns.values())
for name, count in turns.items():
    print(f"{name}: {count} turns ({100 * count / total:.0f} %)")
print(f"polite thread's share (%): {100 * turns['polite'] / total:.0f}")
