# corpus: exact
# Twenty threads each compute a sum of squares; results are sorted after all are joined.
import threading

results = []
lock = threading.Lock()


def sum_squares(n):
    total = 0
    for k in range(n):
        total += k * k
    with lock:
        results.append((n, total))


threads = [threading.Thread(target=sum_squares, args=(n * 100,)) for n in range(20)]
for t in threads:
    t.start()
for t in threads:
    t.join()
results.sort()
print(len(results), results[:3], results[-1])
print(sum(total for _, total in results))
