# effect: `x += 1` under a Lock by two threads, a million times each.
# prints: counted <n> of <total>
# expect gil312: n == total
# expect gil39: n == total
# expect free: n == total
# expect onecore: n == total
import threading

N = 1_000_000
x = 0
lock = threading.Lock()


def increment():
    global x
    for _ in range(N):
        with lock:
            x += 1


threads = [threading.Thread(target=increment) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counted {x} of {2 * N}")
