# corpus: exact
# modes: gil312
# Under the 3.12 GIL an unlocked `x += 1` in a loop loses nothing: the holder lets go only at
# the loop's backward jump, never between the load and the store.
import threading

x = 0


def increment():
    global x
    for _ in range(100_000):
        x += 1


threads = [threading.Thread(target=increment) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(x)
