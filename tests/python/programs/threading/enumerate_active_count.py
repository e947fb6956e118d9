# corpus: exact
# enumerate() and active_count() list the live threads; finished ones drop out.
import threading

go = threading.Event()
ready = threading.Barrier(4)


def waiter():
    ready.wait()
    go.wait()


print("at start:", threading.active_count(), [t.name for t in threading.enumerate()])
threads = [threading.Thread(target=waiter, name=f"waiter-{i}") for i in range(3)]
for t in threads:
    t.start()
ready.wait()
print("while waiting:", threading.active_count())
print(sorted(t.name for t in threading.enumerate()))
print("main is listed:", threading.main_thread() in threading.enumerate())
go.set()
for t in threads:
    t.join()
print("after join:", threading.active_count(), [t.name for t in threading.enumerate()])
