# corpus: exact
# threading.local: each thread sees its own attributes.
import threading

context = threading.local()
context.name = "main's value"
seen = []
seen_lock = threading.Lock()


def handle(request):
    context.name = f"request {request}"
    context.steps = []
    for step in range(3):
        context.steps.append(step * request)
    with seen_lock:
        seen.append((context.name, context.steps))


def has_name():
    try:
        context.name
    except AttributeError:
        return False
    return True


def inspect():
    with seen_lock:
        seen.append(("fresh thread has name", has_name()))


threads = [threading.Thread(target=handle, args=(n,)) for n in (1, 2, 3)]
threads.append(threading.Thread(target=inspect))
for t in threads:
    t.start()
for t in threads:
    t.join()
for entry in sorted(seen, key=str):
    print(entry)
print(context.name, has_name())
