# effect: `x += 1` on a global by two threads, a million times each, without a lock.
# prints: counted <n> of <total>
# expect gil312: n == total (3.10+ checks for a switch only at backward jumps, calls and
#   function entry, never between the load and the store of `x += 1`)
# expect gil39: n < total in most runs (a switch may fall between the load and the store)
# expect free: n < total in most runs (both threads run at once)
# expect onecore: n <= total
import threading

N = 1_000_000
x = 0


def increment():
    global x
    for _ in range(N):
        x += 1


threads = [threading.Thread(target=increment) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counted {x} of {2 * N}")
