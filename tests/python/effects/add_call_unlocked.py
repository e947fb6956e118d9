# effect: `balance = add(balance, 1)` by two threads, a million times each, without a lock.
# prints: counted <n> of <total>
# expect gil312: n < total in most runs (entering add() is a switch point that falls between
#   reading `balance` and storing the sum)
# expect gil39: n < total in most runs
# expect free: n < total in most runs
# expect onecore: n <= total
import threading

N = 1_000_000
balance = 0


def add(a, b):
    return a + b


def deposit():
    global balance
    for _ in range(N):
        balance = add(balance, 1)


threads = [threading.Thread(target=deposit) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counted {balance} of {2 * N}")
