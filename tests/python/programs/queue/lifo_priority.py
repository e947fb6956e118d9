# corpus: exact
# LifoQueue returns the newest item first; PriorityQueue the smallest.
import queue

stack = queue.LifoQueue()
for n in range(4):
    stack.put(n)
print([stack.get() for _ in range(4)])
jobs = queue.PriorityQueue()
for priority, name in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
    jobs.put((priority, name))
order = []
while not jobs.empty():
    order.append(jobs.get())
print(order)
numbers = queue.PriorityQueue()
for n in [5, -1, 3, 0]:
    numbers.put_nowait(n)
print([numbers.get_nowait() for _ in range(4)], numbers.qsize())
