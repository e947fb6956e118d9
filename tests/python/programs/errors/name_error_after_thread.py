# corpus: error
# The main thread's uncaught NameError ends the program after its thread was joined.
import threading

results = []


def worker():
    results.append(sum(range(10)))


t = threading.Thread(target=worker)
t.start()
t.join()
print(results)
print(undefined_result_name)
