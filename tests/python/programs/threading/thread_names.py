# corpus: exact
# Thread names: Thread-N (target), a given name, current_thread() inside, main_thread().
import threading

seen = {}


def worker():
    me = threading.current_thread()
    seen[me.name] = me is not threading.main_thread()


def other():
    seen[threading.current_thread().name] = True


first = threading.Thread(target=worker)
second = threading.Thread(target=other)
named = threading.Thread(target=worker, name="downloader")
print(first.name, "|", second.name, "|", named.name)
for t in (first, second, named):
    t.start()
    t.join()
print(sorted(seen.items()))
print(threading.current_thread().name, threading.main_thread().name)
print(threading.current_thread() is threading.main_thread())
renamed = threading.Thread(target=worker)
renamed.name = "renamed"
renamed.start()
renamed.join()
print(renamed.name, "renamed" in seen, threading.Thread(target=other).name)
