# effect: `balance = add(balance, 1)` under a Lock by two threads, a million times each.
# prints: counted <n> of <total>
# expect gil312: n == total
# expect gil39: n == total
# expect free: n == total
# expect onecore: n == total
import threading

N = 1_000_000
balance = 0
lock = threading.Lock()


def add(a, b):
    return a + b


def deposit():
    global balance
    for _ in range(N):
        with lock:
            balance = add(balance, 1)


threads = [threading.Thread(target=deposit) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counted {balance} of {2 * N}")
