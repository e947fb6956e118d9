# corpus: exact
# Thread with target, args and kwargs; results gathered in a list and printed after join.
import threading

results = []
results_lock = threading.Lock()


def power(base, exponent, label="result"):
    value = base ** exponent
    with results_lock:
        results.append((label, base, value))


threads = [
    threading.Thread(target=power, args=(2, 10)),
    threading.Thread(target=power, args=(3,), kwargs={"exponent": 4, "label": "kw"}),
    threading.Thread(target=power, kwargs={"base": 10, "exponent": 20}),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
for entry in sorted(results):
    print(entry)
print("threads finished:", [t.is_alive() for t in threads])
