# corpus: exact
# Queue is first in, first out; qsize, empty and full; maxsize 0 means unbounded.
import queue

q = queue.Queue()
print(q.empty(), q.qsize(), q.full(), q.maxsize)
for item in ["a", "b", "c"]:
    q.put(item)
print(q.empty(), q.qsize(), q.full())
print(q.get(), q.get(), q.qsize())
q.put("d")
print([q.get() for _ in range(q.qsize())], q.empty())
bounded = queue.Queue(maxsize=2)
bounded.put(1)
bounded.put(2)
print(bounded.full(), bounded.qsize(), bounded.maxsize)
